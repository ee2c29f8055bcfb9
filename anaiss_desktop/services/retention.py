"""Retention: the dossiers past the period are listed for the manager, who purges them (SPEC §7).

The list says nothing of the content (number, referent, status, dates): the manager reviews it
with the referents, unticks what must stay (a dossier still open, a litigation), and purges the
rest. Each dossier goes in its own transaction with everything attached (interventions, notes,
aids, letters, appointments, field history), and its person too when no other dossier is left;
``secure_delete`` overwrites the pages and a final ``wal_checkpoint(TRUNCATE)`` folds the WAL,
so nothing stays readable in the file. A dossier that got a new contact since the list was made
is skipped, not purged. The audit log keeps the count and the dossier ids, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..domain.retention import DueDossier, cutoff, keeping_problems
from ..storage.retention_repo import RetentionRepository
from ..storage.settings_repo import KeepingSettings, SettingsRepository
from .errors import InvalidInput
from .session import Session

Progress = Callable[[int, int], bool]


@dataclass(frozen=True)
class PurgeResult:
    """What a purge did.

    Args:
        dossiers: dossiers deleted; persons: person records deleted with their last dossier;
        skipped: dossiers no longer due (a contact since the list); cancelled: stopped early.
    """

    dossiers: int
    persons: int
    skipped: int
    cancelled: bool


class RetentionService:
    """The manager's view of the retention period.

    Args:
        session: a manager's session (every method checks it).
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def settings(self) -> KeepingSettings:
        return SettingsRepository(self._session.db).keeping_settings()

    def cutoff_iso(self) -> str:
        return cutoff(self._session.today(), self.settings().retention_months).isoformat()

    def due(self) -> list[DueDossier]:
        """Every dossier whose last contact is older than the period, oldest first."""
        self._session.require_manager()
        return RetentionRepository(self._session.db).due(self.cutoff_iso())

    def count_due(self) -> int:
        self._session.require_manager()
        return RetentionRepository(self._session.db).count_due(self.cutoff_iso())

    def reminder(self) -> str | None:
        """The manager's home line when dossiers are due, None otherwise (or not a manager)."""
        if not self._session.account.is_manager:
            return None
        count = self.count_due()
        if not count:
            return None
        months = self.settings().retention_months
        return (f"{count} dossier(s) ont dépassé la durée de conservation ({months} mois après "
                "le dernier contact) : onglet Conservation de l'administration (Administration › "
                "Comptes, paramètres et journal…) pour les revoir.")

    def purge(self, dossier_ids: Sequence[int], progress: Progress | None = None) -> PurgeResult:
        """Delete the chosen dossiers that are still due; ``progress(done, total)`` may return
        False to stop after the current dossier."""
        s = self._session
        s.require_manager()
        if not dossier_ids:
            raise InvalidInput("Cochez au moins un dossier à supprimer.")
        repo = RetentionRepository(s.db)
        before = self.cutoff_iso()
        ids = list(dict.fromkeys(dossier_ids))
        deleted: list[int] = []
        persons = skipped = 0
        cancelled = False
        try:
            for index, dossier_id in enumerate(ids):
                with s.db.transaction():
                    last = repo.last_contact(dossier_id)
                    if last is None or last >= before:
                        skipped += 1
                    else:
                        persons += repo.delete_dossier(dossier_id)
                        deleted.append(dossier_id)
                if progress is not None and not progress(index + 1, len(ids)):
                    cancelled = index + 1 < len(ids)
                    break
        finally:
            if deleted:
                s.db.checkpoint()  # the deleted pages leave the WAL too
                listed = ", ".join(f"#{i}" for i in deleted)
                s.audit.append(
                    s.account.login, "conservation.purge",
                    detail=f"{len(deleted)} dossier(s), {persons} fiche(s) personne : {listed}")
        return PurgeResult(len(deleted), persons, skipped, cancelled)


def set_keeping_settings(session: Session, settings: KeepingSettings) -> None:
    """Save the retention period and the backup reminder (manager only, bounds checked)."""
    session.require_manager()
    problems = keeping_problems(settings.retention_months, settings.backup_reminder_days)
    if problems:
        raise InvalidInput(problems=problems)
    repo = SettingsRepository(session.db)
    old = repo.keeping_settings()
    with session.db.transaction():
        repo.save_keeping_settings(settings)
    session.audit.append(
        session.account.login, "parametres.conservation",
        detail=f"conservation {old.retention_months}→{settings.retention_months} mois, "
               f"rappel de sauvegarde {old.backup_reminder_days}→"
               f"{settings.backup_reminder_days} j")
