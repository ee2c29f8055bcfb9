"""SQL behind the lists a social worker reads all day: search as you type, full-text search and
the home screen ("Mon activité"). Checks no access rule (the services do).

Search as you type runs at every keystroke over 100,000 persons (SPEC §9: ≤ 30 ms), so each
name prefix is an indexed range over ``person_search`` (``value >= prefix AND value <
prefix || U+FFFF``) and the plan depends on how selective the prefixes are:

* *narrow* — some prefixes match fewer than :attr:`SearchRepository.NARROW` index rows:
  intersect their persons inside the index (``INTERSECT`` of ranges read in order), check the
  common prefixes on the survivors through the per-person index, sort that small set by name;
* *wide* — every prefix is common ("m", "ma"): walk the persons in name order
  (``persons_sort``) and keep those whose tokens match, until the page is full; common
  prefixes fill a page after a few hundred persons.

Random page reads are what an encrypted store pays for (each page read is decrypted and
authenticated), hence ranges read in order wherever possible.

Every statement keeps one shape whatever the number of ids (``json_each`` instead of a
variable ``IN (?, ?, …)``), so the connection's statement cache parses it once.

The class takes anything with ``query`` / ``scalar`` (a :class:`~.database.Database`, or the
benchmark's plain-SQLite adapter that runs the same SQL for the ratio of SPEC §9).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

PREFIX_END = "\uffff"  # after every character a normalised token can hold


class Queryable(Protocol):
    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple]: ...

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any: ...


@dataclass(frozen=True)
class PersonRow:
    """Identity level of a person: what any account may see (SPEC §2, level 1)."""

    id: int
    usage_name: str
    birth_name: str
    first_names: str
    birth_date: str | None
    sex: str | None


@dataclass(frozen=True)
class DossierRow:
    id: int
    number: str
    person_id: int
    status: str
    referent_id: int
    referent_name: str


@dataclass(frozen=True)
class LineRow:
    """One dossier as the home screen lists it."""

    id: int
    number: str
    person: PersonRow
    status: str
    last_contact_on: str | None
    referent_name: str


@dataclass(frozen=True)
class TextRow:
    """One full-text hit, with what the service needs to apply the access rule."""

    kind: str  # "résumé" or "note"
    ref_id: int  # intervention or note id
    dossier_id: int
    number: str
    referent_id: int
    on_date: str
    snippet: str
    person: PersonRow
    visibility: str = ""  # notes: "dossier" or "personnelle"
    author_id: int = 0
    shared_with_reader: bool = False


_PERSON = "p.id, p.usage_name, p.birth_name, p.first_names, p.birth_date, p.sex"


def _person(row: Sequence[Any], at: int = 0) -> PersonRow:
    return PersonRow(*row[at:at + 6])


def _token_exists(alias: str) -> str:
    """One more prefix that a candidate's tokens must match, checked through the per-person
    index (``person_search_person`` holds the key columns: one seek and a few entries).

    Reading the prefix's persons into a temporary set instead was tried: for a common prefix
    ("m": 30,000 persons) building the set costs more than the seeks it saves.
    """
    return (
        f" AND EXISTS (SELECT 1 FROM person_search {alias} INDEXED BY person_search_person"
        f" WHERE {alias}.person_id = p.id AND {alias}.kind = 'token'"
        f" AND {alias}.value >= ? AND {alias}.value < ?)"
    )


def _ids_json(ids: Iterable[int]) -> str:
    return json.dumps(list(ids))


class SearchRepository:
    NARROW = 3000  # index rows under which a prefix's persons are gathered directly

    def __init__(self, db: Queryable) -> None:
        self._db = db

    # -- names ---------------------------------------------------------------------------------
    def token_rows(self, prefix: str, cap: int) -> int:
        """How many index rows the prefix matches, counted up to ``cap`` (an estimate of its
        selectivity that never costs more than ``cap`` index steps)."""
        return int(self._db.scalar(
            "SELECT count(*) FROM (SELECT 1 FROM person_search WHERE kind = 'token'"
            " AND value >= ? AND value < ? LIMIT ?)",
            (prefix, prefix + PREFIX_END, cap),
        ))

    def persons_by_tokens(self, prefixes: Sequence[str], limit: int) -> list[PersonRow]:
        """Persons with a name token starting with each prefix, in name order."""
        prefixes = list(dict.fromkeys(p for p in prefixes if p))
        if not prefixes:
            return []
        counts = {p: self.token_rows(p, self.NARROW) for p in prefixes}
        # Most selective first; at equal (capped) counts the longer prefix is the rarer one.
        ordered = sorted(prefixes, key=lambda p: (counts[p], -len(p)))
        narrow = [p for p in ordered if counts[p] < self.NARROW]
        wide = [p for p in ordered if counts[p] >= self.NARROW]
        checks = "".join(_token_exists(f"s{i}") for i in range(len(wide)))
        params: list[Any] = []
        if narrow:
            # The narrow prefixes' persons, intersected inside the index (ranges read in
            # order, no lookup per person); the wide ones are checked on the few that remain.
            ranges = " INTERSECT ".join(
                "SELECT person_id FROM person_search"
                " WHERE kind = 'token' AND value >= ? AND value < ?" for _ in narrow
            )
            if len(narrow) == 1:
                ranges = ranges.replace("SELECT person_id", "SELECT DISTINCT person_id")
            sql = (
                f"SELECT {_PERSON} FROM ({ranges}) c CROSS JOIN persons p ON p.id = c.person_id"
                f" WHERE 1{checks} ORDER BY p.sort_name, p.id LIMIT ?"
            )
            for prefix in narrow:
                params += [prefix, prefix + PREFIX_END]
        else:
            # Only common prefixes ("m", "ma"): walk the persons in name order; a page fills
            # after a few hundred of them.
            sql = (
                f"SELECT {_PERSON} FROM persons p INDEXED BY persons_sort"
                f" WHERE 1{checks} ORDER BY p.sort_name, p.id LIMIT ?"
            )
        for prefix in wide:
            params += [prefix, prefix + PREFIX_END]
        params.append(limit)
        return [_person(r) for r in self._db.query(sql, params)]

    def persons_by_birth_date(self, birth_date: str, prefixes: Sequence[str],
                              limit: int) -> list[PersonRow]:
        """Persons born on ``birth_date`` (ISO), optionally whose names match ``prefixes``."""
        prefixes = list(dict.fromkeys(p for p in prefixes if p))
        checks = "".join(_token_exists(f"s{i}") for i in range(len(prefixes)))
        params: list[Any] = [birth_date]
        for prefix in prefixes:
            params += [prefix, prefix + PREFIX_END]
        params.append(limit)
        rows = self._db.query(
            f"SELECT {_PERSON} FROM persons p WHERE p.birth_date = ?{checks}"
            " ORDER BY p.sort_name, p.id LIMIT ?",
            params,
        )
        return [_person(r) for r in rows]

    def persons(self, person_ids: Sequence[int]) -> dict[int, PersonRow]:
        rows = self._db.query(
            f"SELECT {_PERSON} FROM persons p WHERE p.id IN (SELECT value FROM json_each(?))",
            (_ids_json(person_ids),),
        )
        return {r[0]: _person(r) for r in rows}

    # -- dossier numbers -----------------------------------------------------------------------
    def dossier_years(self) -> list[int]:
        """Years that have dossier numbers (from the per-year counters), newest first."""
        rows = self._db.query("SELECT name FROM counters WHERE name LIKE 'dossier-%'")
        years = {int(n[8:]) for (n,) in rows if n[8:].isdigit()}
        return sorted(years, reverse=True)

    def dossiers_by_numbers(self, numbers: Sequence[str]) -> list[tuple[str, int]]:
        """(number, person_id) of the dossiers whose number is exactly one of ``numbers``."""
        return self._db.query(
            "SELECT d.number, d.person_id FROM dossiers d"
            " WHERE d.number IN (SELECT value FROM json_each(?))",
            (json.dumps(list(numbers)),),
        )

    def dossiers_by_number_prefix(self, prefix: str, limit: int) -> list[tuple[str, int]]:
        return self._db.query(
            "SELECT d.number, d.person_id FROM dossiers d"
            " WHERE d.number >= ? AND d.number < ? ORDER BY d.number LIMIT ?",
            (prefix, prefix + PREFIX_END, limit),
        )

    def dossiers_of_persons(self, person_ids: Sequence[int]) -> dict[int, list[DossierRow]]:
        """Each person's dossiers, newest opening first (identity level: number, status,
        referent)."""
        result: dict[int, list[DossierRow]] = {i: [] for i in person_ids}
        if not result:
            return result
        rows = self._db.query(
            "SELECT d.id, d.number, d.person_id, d.status, d.referent_id, a.full_name"
            " FROM dossiers d JOIN accounts a ON a.id = d.referent_id"
            " WHERE d.person_id IN (SELECT value FROM json_each(?))"
            " ORDER BY d.opened_on DESC, d.id DESC",
            (_ids_json(result),),
        )
        for row in rows:
            result[row[2]].append(DossierRow(*row))
        return result

    # -- full text -----------------------------------------------------------------------------
    # FTS5 gives the matching rowids quickly in ascending order, but walks a prefix query
    # ("logement"*) backwards very slowly (seconds at a million rows), and snippet() on a given
    # rowid re-runs the whole prefix query. So: the matching rowids into a temporary set, the
    # newest readable rows from it through the content table, then one ascending FTS5 pass
    # over just their rowid range for the snippets.

    def _snippets(self, table: str, match: str, ids: Sequence[int],
                  marks: tuple[str, str]) -> dict[int, str]:
        if not ids:
            return {}
        rows = self._db.query(
            f"SELECT rowid, snippet({table}, 0, ?, ?, '…', 12) FROM {table}"
            f" WHERE {table} MATCH ? AND rowid BETWEEN ? AND ?",
            (marks[0], marks[1], match, min(ids), max(ids)),
        )
        wanted = set(ids)
        return {r[0]: r[1] for r in rows if r[0] in wanted}

    def intervention_hits(self, match: str, reader_id: int, every_dossier: bool, limit: int,
                          marks: tuple[str, str], covered: Covered = ((), ())) -> list[TextRow]:
        """Summaries matching the FTS5 expression ``match``, most recently written first, in
        the dossiers the reader may open (``every_dossier``), is referent of or covers
        (``covered``: absent referents' ids, single dossiers' ids)."""
        rows = self._db.query(
            "SELECT i.id, i.dossier_id, d.number, d.referent_id, i.on_date, "
            + _PERSON
            + " FROM interventions i JOIN dossiers d ON d.id = i.dossier_id"
            " JOIN persons p ON p.id = d.person_id"
            " WHERE i.id IN (SELECT rowid FROM interventions_fts"
            "  WHERE interventions_fts MATCH :match)"
            " AND " + _SCOPE + " ORDER BY i.id DESC LIMIT :limit",
            {"match": match, "every": int(every_dossier), "reader": reader_id,
             "limit": limit, **_covered(covered)},
        )
        snippets = self._snippets("interventions_fts", match, [r[0] for r in rows], marks)
        return [
            TextRow("résumé", r[0], r[1], r[2], r[3], r[4], snippets.get(r[0], ""),
                    _person(r, 5))
            for r in rows
        ]

    def note_hits(self, match: str, reader_id: int, every_secret: bool, every_dossier: bool,
                  limit: int, marks: tuple[str, str], covered: Covered = ((), ()),
                  ) -> list[TextRow]:
        """Notes matching ``match`` the reader may read: dossier-level notes of the dossiers
        whose secret they share (``every_secret`` or referent), personal notes they wrote or
        that were shared with them, in dossiers they may open."""
        rows = self._db.query(
            "SELECT n.id, n.dossier_id, d.number, d.referent_id,"
            " coalesce(i.on_date, substr(n.created_at, 1, 10)), n.visibility, n.author_id,"
            " EXISTS (SELECT 1 FROM note_shares s WHERE s.note_id = n.id"
            "  AND s.account_id = :reader), "
            + _PERSON
            + " FROM notes n JOIN dossiers d ON d.id = n.dossier_id"
            " JOIN persons p ON p.id = d.person_id"
            " LEFT JOIN interventions i ON i.id = n.intervention_id"
            " WHERE n.id IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH :match) AND ("
            "  (n.visibility = 'dossier' AND (:secret OR " + _SCOPE + "))"
            "  OR (n.visibility = 'personnelle' AND " + _SCOPE +
            "   AND (n.author_id = :reader OR EXISTS (SELECT 1 FROM note_shares s"
            "    WHERE s.note_id = n.id AND s.account_id = :reader))))"
            " ORDER BY n.id DESC LIMIT :limit",
            {"match": match, "secret": int(every_secret), "every": int(every_dossier),
             "reader": reader_id, "limit": limit, **_covered(covered)},
        )
        snippets = self._snippets("notes_fts", match, [r[0] for r in rows], marks)
        return [
            TextRow("note", r[0], r[1], r[2], r[3], r[4], snippets.get(r[0], ""),
                    _person(r, 8), visibility=r[5], author_id=r[6],
                    shared_with_reader=bool(r[7]))
            for r in rows
        ]


# Which dossiers a reader's full-text search looks into (the rule has the last word, hit by hit).
_SCOPE = (
    "(:every OR d.referent_id = :reader"
    " OR d.referent_id IN (SELECT value FROM json_each(:covered_referents))"
    " OR d.id IN (SELECT value FROM json_each(:covered_dossiers)))"
)

Covered = tuple[Sequence[int], Sequence[int]]


def _covered(covered: Covered) -> dict[str, str]:
    referents, dossiers = covered
    return {"covered_referents": json.dumps(sorted(referents)),
            "covered_dossiers": json.dumps(sorted(dossiers))}


_LINE = (
    "d.id, d.number, " + _PERSON + ", d.status, d.last_contact_on, a.full_name"
    " FROM dossiers d JOIN persons p ON p.id = d.person_id JOIN accounts a"
    " ON a.id = d.referent_id"
)


def _line(row: Sequence[Any]) -> LineRow:
    return LineRow(row[0], row[1], _person(row, 2), row[8], row[9], row[10])


class HomeRepository:
    """The lists of the home screen, all through ``dossiers_referent`` (referent, status,
    last contact) or ``recent_dossiers_by_time``: a caseload of several hundred open dossiers
    is read without touching the other 100,000."""

    def __init__(self, db: Queryable) -> None:
        self._db = db

    def open_dossiers(self, referent_id: int, limit: int) -> list[LineRow]:
        rows = self._db.query(
            f"SELECT {_LINE} WHERE d.referent_id = ? AND d.status = 'ouvert'"
            " ORDER BY p.sort_name, d.id LIMIT ?",
            (referent_id, limit),
        )
        return [_line(r) for r in rows]

    def open_count(self, referent_id: int) -> int:
        return int(self._db.scalar(
            "SELECT count(*) FROM dossiers WHERE referent_id = ? AND status = 'ouvert'",
            (referent_id,),
        ))

    def without_contact(self, referent_id: int, before: str, limit: int) -> list[LineRow]:
        """Open dossiers with no contact since before ``before`` (ISO date), or none at all
        and opened before it; the longest silence first."""
        rows = self._db.query(
            f"SELECT {_LINE} WHERE d.referent_id = :me AND d.status = 'ouvert'"
            " AND coalesce(d.last_contact_on, d.opened_on) < :before"
            " ORDER BY coalesce(d.last_contact_on, d.opened_on), d.id LIMIT :limit",
            {"me": referent_id, "before": before, "limit": limit},
        )
        return [_line(r) for r in rows]

    def recent(self, account_id: int, limit: int) -> list[LineRow]:
        rows = self._db.query(
            f"SELECT {_LINE} JOIN recent_dossiers r ON r.dossier_id = d.id"
            " WHERE r.account_id = ? ORDER BY r.opened_at DESC LIMIT ?",
            (account_id, limit),
        )
        return [_line(r) for r in rows]
