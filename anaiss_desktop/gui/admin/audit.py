"""The audit log, read-only, for the unit manager; and the integrity check of the station.

Entries are shown with French labels for their action codes (an unknown code shows as is, so
a new kind of entry is never hidden). Entries never hold the content of notes, only who did
what to which record. *Vérifier l'intégrité* runs ``PRAGMA integrity_check`` and the hash-chain
verification, which is itself logged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QWidget

from ...domain.audit_actions import action_label
from ...security.audit import AuditEntry
from ...services.audit_service import AuditService
from ...services.session import Session
from ..forms.ui_admin_audit import Ui_AuditLogWidget
from ..messages import user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import RowsModel, fit_columns, setup_table, when

RECENT_LIMIT = 500

TARGET_KINDS = {
    "compte": "Compte",
    "dossier": "Dossier",
    "usager": "Usager",
    "courrier": "Courrier",
}


def target_label(target: str) -> str:
    """``compte:amartin`` → ``Compte amartin``; anything else as is."""
    kind, sep, ident = target.partition(":")
    if not sep:
        return target
    return f"{TARGET_KINDS.get(kind, kind.capitalize())} {ident}"


class AuditTableModel(RowsModel[AuditEntry]):
    """Audit entries, most recent first.

    Args:
        parent: the owning widget.
    """

    DATE, ACTOR, ACTION, TARGET, DETAIL = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                (self.tr("Date"), lambda entry: when(entry.at)),
                (self.tr("Compte"), lambda entry: entry.actor),
                (self.tr("Action"), lambda entry: action_label(entry.action)),
                (self.tr("Cible"), lambda entry: target_label(entry.target)),
                (self.tr("Détail"), lambda entry: entry.detail),
            ),
            roles={Qt.ItemDataRole.ToolTipRole: self._tooltip},
            parent=parent,
        )

    def _tooltip(self, entry: AuditEntry, column: int) -> str | None:
        if column == self.ACTION:
            return entry.action  # the code, for whoever reads the raw log or the CLI
        if column == self.DETAIL and entry.detail:
            return entry.detail
        return None


class AuditLogWidget(QWidget):
    """The latest audit entries and the *Vérifier l'intégrité* button.

    Args:
        session: the signed-in manager's session.
        runner: runs the reading and the verification off the GUI thread.
        prompts: shows the verification's outcome.
        parent: the owning widget.
    """

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AuditLogWidget()
        self.ui.setupUi(self)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self.model = AuditTableModel(self)
        table = self.ui.table_view
        table.setModel(self.model)
        setup_table(table)
        self.ui.refresh_button.clicked.connect(self._on_refresh_button_clicked)
        self.ui.verify_button.clicked.connect(self._on_verify_button_clicked)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self.refresh()

    def _read(self) -> list[AuditEntry]:
        return AuditService(self._session).recent(RECENT_LIMIT)

    def refresh(self) -> None:
        self._runner.run(self._read, self._show_entries, self._show_refused)

    def _show_entries(self, entries: list[AuditEntry]) -> None:
        self.model.set_rows(entries)
        fit_columns(self.ui.table_view)
        self.ui.pages.setCurrentWidget(self.ui.log_page)

    def _show_refused(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.ui.message_label.setText(user_message(exc))
        self.ui.pages.setCurrentWidget(self.ui.message_page)

    @Slot()
    def _on_refresh_button_clicked(self) -> None:
        self.refresh()

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        self.ui.verify_button.setEnabled(not busy)
        self.ui.refresh_button.setEnabled(not busy)

    @Slot()
    def _on_verify_button_clicked(self) -> None:
        self.verify()

    def verify(self) -> None:
        """Check the database and the audit chain, then say what was found."""
        title = self.tr("Vérification de l'intégrité")

        def _check() -> list[str]:
            return AuditService(self._session).verify()

        def done(problems: list[str]) -> None:
            if problems:
                self._prompts.error(
                    self, title,
                    self.tr("Anomalies détectées :") + "\n" + "\n".join(f"• {p}" for p in problems),
                )
            else:
                self._prompts.info(
                    self, title,
                    self.tr("La base de données et le journal d'audit sont intègres : aucune "
                            "anomalie détectée."),
                )
            self.refresh()

        def failed(exc: BaseException) -> None:
            self._prompts.error(self, title, user_message(exc))

        self._runner.run(_check, done, failed)
