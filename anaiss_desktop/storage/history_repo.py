"""SQL for the history of changed fields (``field_changes``, migration 0006). Checks no access
rule: the history service decides what a reader sees.

Rows hang on their person (``ON DELETE CASCADE``): erasing a person erases their history; a
dossier's rows follow the dossier (triggers of migration 0006) when it is deleted or moved to
another person by a merge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.field_history import Change
from .database import Database


@dataclass(frozen=True)
class ChangeRow:
    """One stored change, with its author's current full name ("" when unknown)."""

    id: int
    entity: str
    entity_id: int
    field: str
    old_value: str | None
    new_value: str | None
    author: str
    changed_at: str


class HistoryRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def insert(self, entity: str, entity_id: int, person_id: int, changes: Iterable[Change],
               changed_by: int | None, at: str) -> int:
        """One row per change (call inside the transaction of the change); how many."""
        rows = [(entity, entity_id, person_id, c.key, c.old_value, c.new_value, changed_by, at)
                for c in changes]
        self._db.executemany(
            "INSERT INTO field_changes(entity, entity_id, person_id, field, old_value,"
            " new_value, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return len(rows)

    def of_entity(self, entity: str, entity_id: int) -> list[ChangeRow]:
        """The changes of one person or one dossier, newest first."""
        rows = self._db.query(
            "SELECT c.id, c.entity, c.entity_id, c.field, c.old_value, c.new_value,"
            " coalesce(a.full_name, ''), c.changed_at FROM field_changes c"
            " LEFT JOIN accounts a ON a.id = c.changed_by"
            " WHERE c.entity = ? AND c.entity_id = ? ORDER BY c.changed_at DESC, c.id DESC",
            (entity, entity_id),
        )
        return [ChangeRow(*r) for r in rows]

    def count_of_person(self, person_id: int) -> int:
        """Rows about a person and their dossiers (what an erasure must leave at zero)."""
        return int(self._db.scalar(
            "SELECT count(*) FROM field_changes WHERE person_id = ?", (person_id,)))
