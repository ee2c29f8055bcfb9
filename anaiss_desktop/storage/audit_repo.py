"""Reading the audit log by dossier and by account (it is appended to by
:class:`anaiss_desktop.security.audit.AuditLog` only). Indexed by migration 0003."""

from __future__ import annotations

from collections.abc import Sequence

from ..security.audit import AuditEntry
from .database import Database

_COLUMNS = "id, at, actor, action, target, detail, prev_hash, hash"


class AuditRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def about(self, targets: Sequence[str], limit: int = 500) -> list[AuditEntry]:
        """Entries about any of ``targets`` ("dossier:2026-00012", "usager:#4"), newest first."""
        if not targets:
            return []
        marks = ", ".join("?" * len(targets))
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE target IN ({marks}) ORDER BY id DESC LIMIT ?",
            (*targets, limit),
        )
        return [AuditEntry(*r) for r in rows]

    def by_actor(self, actor: str, *, prefix: str = "", since: str = "", until: str = "",
                 after_id: int = 0, limit: int = 500) -> list[AuditEntry]:
        """Entries written by ``actor`` (a login), newest first, optionally only those whose
        target starts with ``prefix``, written in [since, until) and after ``after_id``."""
        rows = self._db.query(
            f"SELECT {_COLUMNS} FROM audit_log WHERE actor = ? AND id > ?"
            " AND (? = '' OR at >= ?) AND (? = '' OR at < ?) AND target LIKE ? ESCAPE '\\'"
            " ORDER BY id DESC LIMIT ?",
            (actor, after_id, since, since, until, until,
             prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", limit),
        )
        return [AuditEntry(*r) for r in rows]
