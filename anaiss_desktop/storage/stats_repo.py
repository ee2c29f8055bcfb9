"""SQL of the anonymised statistics: counts only, added up by SQLite (GROUP BY).

No query here returns a row per person, dossier or intervention: only numbers per code, per sex
and age bracket, per period boundary, so nothing personal is ever loaded to build the export.
Dates are ISO texts ("AAAA-MM-JJ"), compared as texts; a period is ``[start, end)`` (``end`` is
the first day after it). The age bracket is computed in SQL from the birth date and the latest
birth dates of each bracket (:func:`anaiss_desktop.domain.stats.bracket_cutoffs`).

At 100,000 persons (a million interventions) each query is one pass over a table or an index,
whatever the length of the period: the dossiers (110,000 rows), the persons with an active
dossier, the aids, and the interventions — the only large one, read through an index on
``(kind_code, on_date)`` when the schema has it (about 0.1 s), through the table otherwise
(about 1.2 s).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.codes import NOT_PROVIDED
from ..domain.stats import RawCounts
from .database import Database

# A dossier is active during [start, end) when opened before the end and not closed before
# the start.
_ACTIVE = "opened_on < :end AND (closed_on IS NULL OR closed_on >= :start)"
_ACTIVE_D = "d.opened_on < :end AND (d.closed_on IS NULL OR d.closed_on >= :start)"
_ISO_DATE = "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"


class StatsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def counts(self, start: str, end: str, cutoffs: Sequence[tuple[str, str]]) -> RawCounts:
        """Everything the tables of the period ``[start, end)`` need.

        ``cutoffs``: (bracket code, latest birth date in the bracket), oldest bracket first;
        ages are taken on ``start``.
        """
        period = {"start": start, "end": end}
        opened, active, closed = self.dossier_counts(start, end)
        return RawCounts(
            opened=opened,
            active=active,
            closed=closed,
            persons=self.persons(start, end, cutoffs),
            interventions=self._by_code(
                # "+on_date": never through interventions_date, which would read a table row
                # per intervention in random order (6.7 s for eight years at 100,000
                # persons); one pass over an index on (kind_code, on_date), or over the table
                # while there is none, costs the same whatever the period.
                "SELECT kind_code, count(*) FROM interventions"
                " WHERE +on_date >= :start AND +on_date < :end GROUP BY kind_code", period),
            motifs=self._by_code(
                f"SELECT coalesce(m.code, '{NOT_PROVIDED}'), count(*) FROM dossiers d"
                " LEFT JOIN dossier_motifs m ON m.dossier_id = d.id"
                f" WHERE {_ACTIVE_D}"
                " GROUP BY 1", period),
            origins=self._by_code(
                f"SELECT origin_code, count(*) FROM dossiers WHERE {_ACTIVE}"
                " GROUP BY origin_code", period),
            aids=self.aids(start, end),
        )

    def dossier_counts(self, start: str, end: str) -> tuple[int, int, int]:
        """(opened, active, closed) during ``[start, end)``: one pass over the dossiers."""
        row = self._db.query_one(
            "SELECT coalesce(sum(opened_on >= :start AND opened_on < :end), 0),"
            f" coalesce(sum({_ACTIVE}), 0),"
            " coalesce(sum(closed_on >= :start AND closed_on < :end), 0)"
            " FROM dossiers",
            {"start": start, "end": end},
        )
        return int(row[0]), int(row[1]), int(row[2])

    def persons(
        self, start: str, end: str, cutoffs: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], int]:
        """Persons with an active dossier, by (sex or ``NR``, age bracket on ``start``).

        A missing or malformed birth date, or one after ``start``, is ``NR``."""
        params: dict[str, str] = {"start": start, "end": end}
        whens = []
        for index, (code, latest) in enumerate(cutoffs):
            params[f"code{index}"] = code
            params[f"born{index}"] = latest
            whens.append(f" WHEN p.birth_date <= :born{index} THEN :code{index}")
        bracket = (
            "CASE WHEN p.birth_date IS NULL OR p.birth_date NOT GLOB " + _ISO_DATE
            + " OR p.birth_date > :start THEN 'NR'" + "".join(whens) + " ELSE 'NR' END"
        )
        rows = self._db.query(
            f"SELECT coalesce(p.sex, '{NOT_PROVIDED}'), {bracket}, count(*) FROM persons p"
            f" WHERE p.id IN (SELECT person_id FROM dossiers WHERE {_ACTIVE})"
            " GROUP BY 1, 2",
            params,
        )
        return {(r[0], r[1]): int(r[2]) for r in rows}

    def aids(self, start: str, end: str) -> dict[tuple[str, str], int]:
        """Aids requested during ``[start, end)`` (created then, without a request date),
        by (type, outcome)."""
        rows = self._db.query(
            "SELECT type_code, outcome_code, count(*) FROM aids"
            " WHERE coalesce(requested_on, substr(created_at, 1, 10)) >= :start"
            " AND coalesce(requested_on, substr(created_at, 1, 10)) < :end"
            " GROUP BY type_code, outcome_code",
            {"start": start, "end": end},
        )
        return {(r[0], r[1]): int(r[2]) for r in rows}

    def _by_code(self, sql: str, params: dict[str, str]) -> dict[str, int]:
        return {r[0]: int(r[1]) for r in self._db.query(sql, params)}
