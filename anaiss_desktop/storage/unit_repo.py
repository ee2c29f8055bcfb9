"""SQL for the unit as a whole: counts per referent (a manager's overview, no person named) and
the service's appointments of a day (the secretary's agenda)."""

from __future__ import annotations

from .database import Database


class UnitRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def counts_by_referent(self, year_start: str, today: str) -> list[tuple]:
        """(referent's name, open, dormant, closed since ``year_start``, overdue échéances)
        for every account that is referent of a dossier or an active social worker."""
        return self._db.query(
            "SELECT a.full_name,"
            " (SELECT count(*) FROM dossiers d WHERE d.referent_id = a.id AND d.status = 'ouvert'),"
            " (SELECT count(*) FROM dossiers d WHERE d.referent_id = a.id AND d.status = 'veille'),"
            " (SELECT count(*) FROM dossiers d WHERE d.referent_id = a.id AND d.status = 'clos'"
            "   AND d.closed_on >= ?),"
            " (SELECT count(*) FROM echeances e WHERE e.owner_id = a.id AND e.done_at IS NULL"
            "   AND e.due_at < ?)"
            " FROM accounts a WHERE a.role <> 'secretary'"
            " AND (a.role = 'assistant' OR a.social_worker = 1"
            "  OR EXISTS (SELECT 1 FROM dossiers d WHERE d.referent_id = a.id))"
            " ORDER BY a.full_name COLLATE NOCASE",
            (year_start, today),
        )
