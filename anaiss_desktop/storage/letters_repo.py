"""SQL for letter templates and the letters kept in dossiers. Checks no rule: the services do."""

from __future__ import annotations

from dataclasses import dataclass

from .database import Database


@dataclass(frozen=True)
class StoredTemplate:
    key: str
    source: str
    shipped: bool
    retired: bool
    updated_at: str


@dataclass(frozen=True)
class LetterRow:
    id: int
    dossier_id: int
    template_key: str
    title: str
    subject: str
    created_at: str
    author: str


class LetterRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    # -- templates -----------------------------------------------------------------------------
    def templates(self) -> list[StoredTemplate]:
        rows = self._db.query("SELECT key, source, shipped, retired, updated_at"
                              " FROM letter_templates ORDER BY key")
        return [StoredTemplate(r[0], r[1], bool(r[2]), bool(r[3]), r[4]) for r in rows]

    def template(self, key: str) -> StoredTemplate | None:
        row = self._db.query_one("SELECT key, source, shipped, retired, updated_at"
                                 " FROM letter_templates WHERE key = ?", (key,))
        return StoredTemplate(row[0], row[1], bool(row[2]), bool(row[3]), row[4]) if row \
            else None

    def template_keys(self) -> set[str]:
        return {r[0] for r in self._db.query("SELECT key FROM letter_templates")}

    def insert_template(self, key: str, source: str, *, shipped: bool, at: str) -> None:
        self._db.execute("INSERT INTO letter_templates (key, source, shipped, created_at,"
                         " updated_at) VALUES (?, ?, ?, ?, ?)", (key, source, int(shipped), at, at))

    def update_template(self, key: str, source: str, at: str) -> None:
        self._db.execute("UPDATE letter_templates SET source = ?, updated_at = ? WHERE key = ?",
                         (source, at, key))

    def set_retired(self, key: str, retired: bool, at: str) -> None:
        self._db.execute("UPDATE letter_templates SET retired = ?, updated_at = ? WHERE key = ?",
                         (int(retired), at, key))

    # -- letters -------------------------------------------------------------------------------
    def insert_letter(self, dossier_id: int, template_key: str, title: str, subject: str,
                      body: str, pdf: bytes, author_id: int, at: str) -> int:
        cur = self._db.execute(
            "INSERT INTO letters (dossier_id, template_key, title, subject, body, pdf, author_id,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (dossier_id, template_key, title, subject, body, pdf, author_id, at))
        return int(cur.lastrowid)

    def letters_of(self, dossier_id: int) -> list[LetterRow]:
        rows = self._db.query(
            "SELECT l.id, l.dossier_id, l.template_key, l.title, l.subject, l.created_at,"
            " a.full_name FROM letters l JOIN accounts a ON a.id = l.author_id"
            " WHERE l.dossier_id = ? ORDER BY l.created_at DESC, l.id DESC", (dossier_id,))
        return [LetterRow(*r) for r in rows]

    def letter_dossier(self, letter_id: int) -> int | None:
        value = self._db.scalar("SELECT dossier_id FROM letters WHERE id = ?", (letter_id,))
        return None if value is None else int(value)

    def letter_content(self, letter_id: int) -> tuple[str, bytes] | None:
        row = self._db.query_one("SELECT body, pdf FROM letters WHERE id = ?", (letter_id,))
        return (row[0], bytes(row[1])) if row else None
