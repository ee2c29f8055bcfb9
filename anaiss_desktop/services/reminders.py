"""What the manager's home screen reminds of: dossiers past the retention period, an old backup.

Only the manager sees them (they are the manager's tasks), and each is one sentence that says
where to act. Reading them costs two small queries (the retention count uses an index).
"""

from __future__ import annotations

from .session import Session


def manager_reminders(session: Session) -> list[str]:
    """The reminders for ``session``'s home screen; empty for anyone but a manager."""
    if not session.account.is_manager or session.must_change_password:
        return []
    from .backup import BackupService
    from .retention import RetentionService

    found = [RetentionService(session).reminder(), BackupService(session).reminder()]
    return [text for text in found if text]
