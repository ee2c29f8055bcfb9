"""Drafts: what is being typed, kept in the encrypted store so nothing typed is ever lost.

Forms save their content here as it changes (debounced by the GUI) and right before an idle
lock; reopening the form offers it back. A draft belongs to one account and is never shown to
anyone else; saving the real record discards it.
"""

from __future__ import annotations

import json
from typing import Any

from .session import Session


class DraftService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def save(self, key: str, payload: dict[str, Any]) -> None:
        s = self._session
        with s.db.transaction():
            s.db.execute(
                "INSERT INTO drafts(account_id, draft_key, payload, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT(account_id, draft_key) DO UPDATE SET payload = excluded.payload,"
                " updated_at = excluded.updated_at",
                (s.account.id, key, json.dumps(payload, ensure_ascii=False), s.now_iso()),
            )

    def load(self, key: str) -> dict[str, Any] | None:
        s = self._session
        text = s.db.scalar(
            "SELECT payload FROM drafts WHERE account_id = ? AND draft_key = ?",
            (s.account.id, key),
        )
        if text is None:
            return None
        try:
            value = json.loads(text)
        except ValueError:
            return None
        return value if isinstance(value, dict) else None

    def discard(self, key: str) -> None:
        s = self._session
        with s.db.transaction():
            s.db.execute(
                "DELETE FROM drafts WHERE account_id = ? AND draft_key = ?", (s.account.id, key)
            )

    def keys(self) -> list[tuple[str, str]]:
        """(key, updated_at) of this account's drafts, newest first."""
        s = self._session
        return s.db.query(
            "SELECT draft_key, updated_at FROM drafts WHERE account_id = ?"
            " ORDER BY updated_at DESC",
            (s.account.id,),
        )
