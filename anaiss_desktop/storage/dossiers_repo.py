"""SQL for dossiers and what hangs on them: motifs, interventions, notes, aids, échéances.

Checks no access rule (the services do, before calling here). Dates travel as ISO text.
"""

from __future__ import annotations

from datetime import date

from ..domain.records import (
    AidInput,
    Dossier,
    DossierInput,
    DossierStatus,
    Echeance,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    Motif,
    NoteVisibility,
)
from .database import Database


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


_DOSSIER_COLUMNS = (
    "d.id, d.number, d.person_id, d.referent_id, a.full_name, d.status, d.opened_on,"
    " d.status_on, d.closed_on, d.closing_code, d.closing_text, d.origin_code, d.origin_text,"
    " d.consent_on, d.consent_mode, d.notice_given, d.consent_share, d.last_contact_on"
)

_ECHEANCE_COLUMNS = (
    "e.id, e.dossier_id, e.kind, e.due_at, e.label, e.place, e.done_at, e.owner_id,"
    " p.usage_name || CASE WHEN p.first_names <> '' THEN ' ' || p.first_names ELSE '' END,"
    " d.number"
)


class DossierRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- dossiers ------------------------------------------------------------------------------
    def next_number(self, year: int) -> str:
        """``AAAA-NNNNNN``: per-year counter that never goes back, even after a deletion."""
        name = f"dossier-{year}"
        self._db.execute(
            "INSERT INTO counters(name, value) VALUES (?, 1)"
            " ON CONFLICT(name) DO UPDATE SET value = value + 1",
            (name,),
        )
        value = int(self._db.scalar("SELECT value FROM counters WHERE name = ?", (name,)))
        return f"{year}-{value:06d}"

    def insert(self, person_id: int, referent_id: int, data: DossierInput, at: str) -> int:
        number = self.next_number(data.opened_on.year)
        cur = self._db.execute(
            "INSERT INTO dossiers(number, person_id, referent_id, status, opened_on, status_on,"
            " origin_code, origin_text, consent_on, consent_mode, notice_given, consent_share,"
            " created_at, updated_at) VALUES (?, ?, ?, 'ouvert', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (number, person_id, referent_id, data.opened_on.isoformat(),
             data.opened_on.isoformat(), data.origin_code, data.origin_text.strip(),
             _iso(data.consent_on), data.consent_mode, int(data.notice_given),
             int(data.consent_share), at, at),
        )
        dossier_id = int(cur.lastrowid)
        self.replace_motifs(dossier_id, data.motifs)
        return dossier_id

    def update(self, dossier_id: int, data: DossierInput, at: str) -> None:
        self._db.execute(
            "UPDATE dossiers SET opened_on = ?, origin_code = ?, origin_text = ?, consent_on = ?,"
            " consent_mode = ?, notice_given = ?, consent_share = ?, updated_at = ? WHERE id = ?",
            (data.opened_on.isoformat(), data.origin_code, data.origin_text.strip(),
             _iso(data.consent_on), data.consent_mode, int(data.notice_given),
             int(data.consent_share), at, dossier_id),
        )
        self.replace_motifs(dossier_id, data.motifs)

    def replace_motifs(self, dossier_id: int, motifs: tuple[Motif, ...]) -> None:
        self._db.execute("DELETE FROM dossier_motifs WHERE dossier_id = ?", (dossier_id,))
        self._db.executemany(
            "INSERT OR REPLACE INTO dossier_motifs(dossier_id, code, free_text) VALUES (?, ?, ?)",
            [(dossier_id, m.code, m.free_text.strip()) for m in motifs],
        )

    def set_status(
        self, dossier_id: int, status: DossierStatus, on: date, closing_code: str,
        closing_text: str, at: str,
    ) -> None:
        closed = on.isoformat() if status is DossierStatus.CLOSED else None
        self._db.execute(
            "UPDATE dossiers SET status = ?, status_on = ?, closed_on = ?, closing_code = ?,"
            " closing_text = ?, updated_at = ? WHERE id = ?",
            (status.value, on.isoformat(), closed,
             closing_code if closed else "NR", closing_text.strip() if closed else "",
             at, dossier_id),
        )

    def set_referent(self, dossier_id: int, referent_id: int, at: str) -> None:
        self._db.execute(
            "UPDATE dossiers SET referent_id = ?, updated_at = ? WHERE id = ?",
            (referent_id, at, dossier_id),
        )

    def _dossier(self, row: tuple, motifs: tuple[Motif, ...]) -> Dossier:
        return Dossier(
            id=row[0], number=row[1], person_id=row[2], referent_id=row[3],
            referent_name=row[4] or "", status=DossierStatus(row[5]),
            opened_on=date.fromisoformat(row[6]), status_on=_date(row[7]),
            closed_on=_date(row[8]), closing_code=row[9], closing_text=row[10],
            origin_code=row[11], origin_text=row[12], consent_on=_date(row[13]),
            consent_mode=row[14], notice_given=bool(row[15]), consent_share=bool(row[16]),
            last_contact_on=_date(row[17]), motifs=motifs,
        )

    def get(self, dossier_id: int) -> Dossier | None:
        row = self._db.query_one(
            f"SELECT {_DOSSIER_COLUMNS} FROM dossiers d JOIN accounts a ON a.id = d.referent_id"
            " WHERE d.id = ?",
            (dossier_id,),
        )
        if row is None:
            return None
        motifs = tuple(
            Motif(code, text)
            for code, text in self._db.query(
                "SELECT code, free_text FROM dossier_motifs WHERE dossier_id = ? ORDER BY code",
                (dossier_id,),
            )
        )
        return self._dossier(row, motifs)

    def of_person(self, person_id: int) -> list[Dossier]:
        rows = self._db.query(
            f"SELECT {_DOSSIER_COLUMNS} FROM dossiers d JOIN accounts a ON a.id = d.referent_id"
            " WHERE d.person_id = ? ORDER BY d.opened_on DESC",
            (person_id,),
        )
        return [self._dossier(r, ()) for r in rows]

    def by_numbers(self, numbers: list[str]) -> dict[str, tuple[int, str, int]]:
        """(id, person's name, referent id) of the dossiers with these numbers."""
        found: dict[str, tuple[int, str, int]] = {}
        for start in range(0, len(numbers), 500):
            chunk = numbers[start:start + 500]
            for row in self._db.query(
                "SELECT d.number, d.id, p.usage_name || CASE WHEN p.first_names <> ''"
                " THEN ' ' || p.first_names ELSE '' END, d.referent_id FROM dossiers d"
                " JOIN persons p ON p.id = d.person_id"
                f" WHERE d.number IN ({', '.join('?' * len(chunk))})", chunk,
            ):
                found[row[0]] = (row[1], row[2], row[3])
        return found

    def referent_of(self, dossier_id: int) -> int | None:
        value = self._db.scalar("SELECT referent_id FROM dossiers WHERE id = ?", (dossier_id,))
        return None if value is None else int(value)

    def person_of(self, dossier_id: int) -> int | None:
        value = self._db.scalar("SELECT person_id FROM dossiers WHERE id = ?", (dossier_id,))
        return None if value is None else int(value)

    def refresh_last_contact(self, dossier_id: int) -> None:
        self._db.execute(
            "UPDATE dossiers SET last_contact_on ="
            " (SELECT max(on_date) FROM interventions WHERE dossier_id = ?) WHERE id = ?",
            (dossier_id, dossier_id),
        )

    # -- interventions, notes, aids ------------------------------------------------------------
    def insert_intervention(
        self, dossier_id: int, data: InterventionInput, author_id: int, at: str
    ) -> int:
        cur = self._db.execute(
            "INSERT INTO interventions(dossier_id, on_date, kind_code, kind_text, duration_min,"
            " summary, author_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, data.on_date.isoformat(), data.kind_code, data.kind_text.strip(),
             data.duration_min, data.summary.strip(), author_id, at, at),
        )
        intervention_id = int(cur.lastrowid)
        self._write_intervention_children(dossier_id, intervention_id, data, author_id, at)
        self.refresh_last_contact(dossier_id)
        return intervention_id

    def update_intervention(
        self, dossier_id: int, intervention_id: int, data: InterventionInput, author_id: int,
        at: str,
    ) -> None:
        self._db.execute(
            "UPDATE interventions SET on_date = ?, kind_code = ?, kind_text = ?,"
            " duration_min = ?, summary = ?, updated_at = ? WHERE id = ?",
            (data.on_date.isoformat(), data.kind_code, data.kind_text.strip(),
             data.duration_min, data.summary.strip(), at, intervention_id),
        )
        self._db.execute(
            "DELETE FROM notes WHERE intervention_id = ? AND author_id = ?",
            (intervention_id, author_id),
        )
        self._db.execute("DELETE FROM aids WHERE intervention_id = ?", (intervention_id,))
        self._write_intervention_children(dossier_id, intervention_id, data, author_id, at)
        self.refresh_last_contact(dossier_id)

    def _write_intervention_children(
        self, dossier_id: int, intervention_id: int, data: InterventionInput, author_id: int,
        at: str,
    ) -> None:
        if data.notes.strip():
            cur = self._db.execute(
                "INSERT INTO notes(dossier_id, intervention_id, author_id, visibility, body,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (dossier_id, intervention_id, author_id, data.notes_visibility.value,
                 data.notes.strip(), at, at),
            )
            if data.notes_visibility is NoteVisibility.PERSONAL:
                self.set_note_shares(int(cur.lastrowid), data.notes_shared_with)
        for aid in data.aids:
            self.insert_aid(dossier_id, intervention_id, aid, at)

    def insert_aid(self, dossier_id: int, intervention_id: int | None, aid: AidInput,
                   at: str) -> int:
        cur = self._db.execute(
            "INSERT INTO aids(dossier_id, intervention_id, type_code, type_text, organisation,"
            " requested_on, outcome_code, outcome_on, amount_cents, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, intervention_id, aid.type_code, aid.type_text.strip(),
             aid.organisation.strip(), _iso(aid.requested_on), aid.outcome_code,
             _iso(aid.outcome_on), aid.amount_cents, at, at),
        )
        return int(cur.lastrowid)

    def delete_intervention(self, dossier_id: int, intervention_id: int) -> None:
        self._db.execute("DELETE FROM interventions WHERE id = ?", (intervention_id,))
        self.refresh_last_contact(dossier_id)

    def intervention_dossier(self, intervention_id: int) -> int | None:
        value = self._db.scalar(
            "SELECT dossier_id FROM interventions WHERE id = ?", (intervention_id,)
        )
        return None if value is None else int(value)

    def interventions(self, dossier_id: int) -> list[tuple]:
        """(id, on_date, kind_code, kind_text, duration_min, summary, author name), newest first."""
        return self._db.query(
            "SELECT i.id, i.on_date, i.kind_code, i.kind_text, i.duration_min, i.summary,"
            " a.full_name FROM interventions i JOIN accounts a ON a.id = i.author_id"
            " WHERE i.dossier_id = ? ORDER BY i.on_date DESC, i.id DESC",
            (dossier_id,),
        )

    def notes(self, dossier_id: int) -> list[tuple]:
        """(id, intervention_id, created_at, author name, visibility, body), newest first.
        Every note: the service keeps those the reader may read."""
        return self._db.query(
            "SELECT n.id, n.intervention_id, n.created_at, a.full_name, n.visibility, n.body"
            " FROM notes n JOIN accounts a ON a.id = n.author_id WHERE n.dossier_id = ?"
            " ORDER BY n.created_at DESC, n.id DESC",
            (dossier_id,),
        )

    def set_note_shares(self, note_id: int, account_ids: tuple[int, ...]) -> None:
        self._db.execute("DELETE FROM note_shares WHERE note_id = ?", (note_id,))
        self._db.executemany("INSERT INTO note_shares(note_id, account_id) VALUES (?, ?)",
                             [(note_id, a) for a in sorted(set(account_ids))])

    def notes_shared_with(self, reader_id: int, limit: int = 200) -> list[tuple]:
        """(note id, dossier id, number, person's name, author's name, created_at, body) of the
        personal notes shared with ``reader_id``, newest first."""
        return self._db.query(
            "SELECT n.id, d.id, d.number, p.usage_name || CASE WHEN p.first_names <> ''"
            " THEN ' ' || p.first_names ELSE '' END, a.full_name, n.created_at, n.body"
            " FROM note_shares s JOIN notes n ON n.id = s.note_id"
            " JOIN dossiers d ON d.id = n.dossier_id JOIN persons p ON p.id = d.person_id"
            " JOIN accounts a ON a.id = n.author_id"
            " WHERE s.account_id = ? AND n.visibility = 'personnelle'"
            " ORDER BY n.created_at DESC, n.id DESC LIMIT ?", (reader_id, limit),
        )

    def personal_notes_of(self, author_id: int) -> list[tuple]:
        """(dossier id, number, person's name, referent id, referent's name, count) of the
        dossiers where ``author_id`` wrote personal notes."""
        return self._db.query(
            "SELECT d.id, d.number, p.usage_name || CASE WHEN p.first_names <> '' THEN ' ' ||"
            " p.first_names ELSE '' END, d.referent_id, a.full_name, count(*)"
            " FROM notes n JOIN dossiers d ON d.id = n.dossier_id"
            " JOIN persons p ON p.id = d.person_id JOIN accounts a ON a.id = d.referent_id"
            " WHERE n.author_id = ? AND n.visibility = 'personnelle'"
            " GROUP BY d.id ORDER BY d.number", (author_id,),
        )

    def hand_over_notes(self, dossier_id: int, from_id: int, to_id: int, at: str) -> int:
        """Give ``from_id``'s personal notes of the dossier to ``to_id``; how many."""
        cur = self._db.execute(
            "UPDATE notes SET author_id = ?, updated_at = ? WHERE dossier_id = ?"
            " AND author_id = ? AND visibility = 'personnelle'", (to_id, at, dossier_id, from_id))
        self._db.execute("DELETE FROM note_shares WHERE account_id = ? AND note_id IN ("
                         "SELECT id FROM notes WHERE dossier_id = ? AND author_id = ?)",
                         (to_id, dossier_id, to_id))
        return cur.rowcount

    def aids(self, dossier_id: int) -> list[tuple]:
        """(id, intervention_id, type_code, type_text, organisation, requested_on,
        outcome_code, outcome_on, amount_cents)."""
        return self._db.query(
            "SELECT id, intervention_id, type_code, type_text, organisation, requested_on,"
            " outcome_code, outcome_on, amount_cents FROM aids WHERE dossier_id = ?"
            " ORDER BY coalesce(requested_on, created_at) DESC, id DESC",
            (dossier_id,),
        )

    # -- échéances -----------------------------------------------------------------------------
    def insert_echeance(self, dossier_id: int, data: EcheanceInput, owner_id: int,
                        at: str) -> int:
        cur = self._db.execute(
            "INSERT INTO echeances(dossier_id, kind, due_at, label, place, owner_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, data.kind.value, data.due_at, data.label.strip(), data.place.strip(),
             owner_id, at),
        )
        return int(cur.lastrowid)

    def set_echeance_done(self, echeance_id: int, done_at: str | None) -> None:
        self._db.execute(
            "UPDATE echeances SET done_at = ? WHERE id = ?", (done_at, echeance_id)
        )

    def echeance_dossier(self, echeance_id: int) -> int | None:
        value = self._db.scalar("SELECT dossier_id FROM echeances WHERE id = ?", (echeance_id,))
        return None if value is None else int(value)

    def _echeance(self, row: tuple) -> Echeance:
        return Echeance(
            id=row[0], dossier_id=row[1], kind=EcheanceKind(row[2]), due_at=row[3],
            label=row[4], place=row[5], done_at=row[6], owner_id=row[7],
            person_name=row[8] or "", dossier_number=row[9],
        )

    def echeances_of_dossier(self, dossier_id: int) -> list[Echeance]:
        rows = self._db.query(
            f"SELECT {_ECHEANCE_COLUMNS} FROM echeances e JOIN dossiers d ON d.id = e.dossier_id"
            " JOIN persons p ON p.id = d.person_id WHERE e.dossier_id = ?"
            " ORDER BY e.due_at DESC",
            (dossier_id,),
        )
        return [self._echeance(r) for r in rows]

    def echeances_of_owner(self, owner_id: int, until: str, *, undone_only: bool = True,
                           since: str = "", limit: int = 200) -> list[Echeance]:
        """The owner's échéances due up to ``until`` (inclusive day), oldest first."""
        rows = self._db.query(
            f"SELECT {_ECHEANCE_COLUMNS} FROM echeances e JOIN dossiers d ON d.id = e.dossier_id"
            " JOIN persons p ON p.id = d.person_id WHERE e.owner_id = ?"
            " AND e.due_at >= ? AND e.due_at < ? || 'T99'"
            + (" AND e.done_at IS NULL" if undone_only else "")
            + " ORDER BY e.due_at LIMIT ?",
            (owner_id, since, until, limit),
        )
        return [self._echeance(r) for r in rows]

    def echeances_of_unit(self, day: str, limit: int = 500) -> list[Echeance]:
        """Every appointment and follow-up of the service due on ``day``, by time."""
        rows = self._db.query(
            f"SELECT {_ECHEANCE_COLUMNS} FROM echeances e JOIN dossiers d ON d.id = e.dossier_id"
            " JOIN persons p ON p.id = d.person_id"
            " WHERE e.due_at >= ? AND e.due_at < ? || 'T99' ORDER BY e.due_at LIMIT ?",
            (day, day, limit),
        )
        return [self._echeance(r) for r in rows]

    # -- recently opened -----------------------------------------------------------------------
    def touch_recent(self, account_id: int, dossier_id: int, at: str) -> None:
        self._db.execute(
            "INSERT INTO recent_dossiers(account_id, dossier_id, opened_at) VALUES (?, ?, ?)"
            " ON CONFLICT(account_id, dossier_id) DO UPDATE SET opened_at = excluded.opened_at",
            (account_id, dossier_id, at),
        )
