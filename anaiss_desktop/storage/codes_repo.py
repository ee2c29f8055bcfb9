"""SQL for the coded lists. Codes are only ever added or retired (the schema forbids deleting
or renaming one), so a figure computed last year still means the same thing."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.codes import Code
from .database import Database


class CodeRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def seed(self, codes: Iterable[Code], at: str) -> None:
        """Add the shipped codes that are missing (a new list in a new version included)."""
        self._db.executemany(
            "INSERT OR IGNORE INTO codes(list_name, code, label, position, retired, system,"
            " created_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
            [(c.list_name, c.code, c.label, i, int(c.system), at) for i, c in enumerate(codes)],
        )

    def of_list(self, list_name: str, *, include_retired: bool = True) -> list[Code]:
        rows = self._db.query(
            "SELECT list_name, code, label, retired, system FROM codes WHERE list_name = ?"
            + ("" if include_retired else " AND retired = 0")
            + " ORDER BY system, position, id",
            (list_name,),
        )
        return [Code(r[0], r[1], r[2], bool(r[3]), bool(r[4])) for r in rows]

    def add(self, code: Code, at: str) -> None:
        position = self._db.scalar(
            "SELECT coalesce(max(position), 0) + 1 FROM codes WHERE list_name = ?",
            (code.list_name,),
        )
        self._db.execute(
            "INSERT INTO codes(list_name, code, label, position, retired, system, created_at)"
            " VALUES (?, ?, ?, ?, 0, 0, ?)",
            (code.list_name, code.code, code.label.strip(), position, at),
        )

    def relabel(self, list_name: str, code: str, label: str) -> None:
        self._db.execute(
            "UPDATE codes SET label = ? WHERE list_name = ? AND code = ?",
            (label.strip(), list_name, code),
        )

    def set_retired(self, list_name: str, code: str, retired: bool) -> None:
        self._db.execute(
            "UPDATE codes SET retired = ? WHERE list_name = ? AND code = ?",
            (int(retired), list_name, code),
        )

    def labels(self) -> dict[tuple[str, str], str]:
        """Every (list, code) → label, retired ones included, to show old records."""
        rows = self._db.query("SELECT list_name, code, label FROM codes")
        return {(r[0], r[1]): r[2] for r in rows}
