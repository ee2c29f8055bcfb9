"""Reading the audit log: the unit manager's, checked here rather than in the screen."""

from __future__ import annotations

from ..security.audit import AuditEntry
from .session import Session


class AuditService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def recent(self, limit: int = 500) -> list[AuditEntry]:
        """The latest entries, newest first (manager only)."""
        self._session.require_manager()
        return self._session.audit.recent(limit)

    def verify(self) -> list[str]:
        """Database integrity and audit chain; empty when sound (manager only, from the GUI)."""
        self._session.require_manager()
        return self._session.verify()
