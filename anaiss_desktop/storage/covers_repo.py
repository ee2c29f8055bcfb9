"""SQL for covering colleagues' designations (double management) and for the notes' facts the
access rule needs. Checks no rule: :mod:`anaiss_desktop.services.access` does."""

from __future__ import annotations

from datetime import date

from ..domain.access import Cover, NoteFacts
from ..domain.records import NoteVisibility
from .database import Database

_COLUMNS = "id, colleague_id, starts_on, ends_on, dossier_id, referent_id, withdrawn_at"


def _cover(row: tuple) -> Cover:
    return Cover(
        id=row[0], colleague_id=row[1], starts_on=date.fromisoformat(row[2]),
        ends_on=date.fromisoformat(row[3]) if row[3] else None,
        dossier_id=row[4], referent_id=row[5], withdrawn=row[6] is not None,
    )


class CoverRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def insert(self, colleague_id: int, starts_on: date, ends_on: date | None, *,
               dossier_id: int | None = None, referent_id: int | None = None,
               created_by: int, at: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO covers (colleague_id, dossier_id, referent_id, starts_on, ends_on,"
            " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (colleague_id, dossier_id, referent_id, starts_on.isoformat(),
             ends_on.isoformat() if ends_on else None, created_by, at),
        )
        return int(cursor.lastrowid)

    def withdraw(self, cover_id: int, at: str) -> None:
        self._db.execute("UPDATE covers SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL",
                         (at, cover_id))

    def get(self, cover_id: int) -> Cover | None:
        row = self._db.query_one(f"SELECT {_COLUMNS} FROM covers WHERE id = ?", (cover_id,))
        return _cover(row) if row else None

    def created_by(self, cover_id: int) -> int | None:
        return self._db.scalar("SELECT created_by FROM covers WHERE id = ?", (cover_id,))

    def for_dossier(self, dossier_id: int, referent_id: int) -> tuple[Cover, ...]:
        """Every designation that applies to the dossier: on it, or on its referent's absence."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM covers WHERE dossier_id = ?"
            f" UNION ALL SELECT {_COLUMNS} FROM covers WHERE referent_id = ? ORDER BY 1",
            (dossier_id, referent_id),
        )
        return tuple(_cover(r) for r in rows)

    def of_colleague(self, colleague_id: int) -> tuple[Cover, ...]:
        rows = self._db.query(f"SELECT {_COLUMNS} FROM covers WHERE colleague_id = ? ORDER BY id",
                              (colleague_id,))
        return tuple(_cover(r) for r in rows)

    def of_referent(self, referent_id: int) -> tuple[Cover, ...]:
        """Absences of ``referent_id`` and designations on one of their dossiers."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM covers WHERE referent_id = ?"
            f" UNION ALL SELECT {', '.join('c.' + c for c in _COLUMNS.split(', '))}"
            " FROM covers c JOIN dossiers d ON d.id = c.dossier_id WHERE d.referent_id = ?"
            " ORDER BY 1",
            (referent_id, referent_id),
        )
        return tuple(_cover(r) for r in rows)

    def all(self) -> tuple[Cover, ...]:
        return tuple(_cover(r) for r in self._db.query(
            f"SELECT {_COLUMNS} FROM covers ORDER BY id"))

    # -- notes ---------------------------------------------------------------------------------
    def note_facts(self, dossier_id: int) -> dict[int, NoteFacts]:
        """Author, visibility and named colleagues of every note of the dossier, by note id."""
        facts: dict[int, NoteFacts] = {}
        shares: dict[int, set[int]] = {}
        for note_id, account_id in self._db.query(
            "SELECT s.note_id, s.account_id FROM note_shares s JOIN notes n ON n.id = s.note_id"
            " WHERE n.dossier_id = ?", (dossier_id,)
        ):
            shares.setdefault(note_id, set()).add(account_id)
        for note_id, author_id, visibility in self._db.query(
            "SELECT id, author_id, visibility FROM notes WHERE dossier_id = ?", (dossier_id,)
        ):
            facts[note_id] = NoteFacts(author_id, NoteVisibility(visibility),
                                       frozenset(shares.get(note_id, ())))
        return facts
