"""Dossiers past the retention period, and their deletion with everything attached."""

from __future__ import annotations

from ..domain.retention import DueDossier
from .database import Database

_LAST_CONTACT = "coalesce(d.last_contact_on, d.opened_on)"


class RetentionRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def count_due(self, before: str) -> int:
        return int(self._db.scalar(
            f"SELECT count(*) FROM dossiers d WHERE {_LAST_CONTACT} < ?", (before,)))

    def due(self, before: str) -> list[DueDossier]:
        """Oldest last contact first."""
        rows = self._db.query(
            f"SELECT d.id, d.number, a.full_name, d.status, d.opened_on, {_LAST_CONTACT},"
            " d.person_id,"
            " (SELECT count(*) FROM dossiers o WHERE o.person_id = d.person_id AND o.id <> d.id)"
            " FROM dossiers d JOIN accounts a ON a.id = d.referent_id"
            f" WHERE {_LAST_CONTACT} < ? ORDER BY {_LAST_CONTACT}, d.number",
            (before,))
        return [DueDossier(*row) for row in rows]

    def last_contact(self, dossier_id: int) -> str | None:
        return self._db.scalar(
            f"SELECT {_LAST_CONTACT} FROM dossiers d WHERE d.id = ?", (dossier_id,))

    def delete_dossier(self, dossier_id: int) -> bool:
        """Delete the dossier (interventions, notes, letters… go with it, ``ON DELETE
        CASCADE``), and its person when no other dossier is left. True when the person went."""
        person_id = self._db.scalar("SELECT person_id FROM dossiers WHERE id = ?", (dossier_id,))
        self._db.execute("DELETE FROM dossiers WHERE id = ?", (dossier_id,))
        left = self._db.scalar("SELECT count(*) FROM dossiers WHERE person_id = ?", (person_id,))
        if left == 0:
            self._db.execute("DELETE FROM persons WHERE id = ?", (person_id,))
            return True
        return False
