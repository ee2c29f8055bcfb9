"""The audit log, read-only, for the unit manager; and the integrity check of the station.

Entries are shown with French labels for their action codes (an unknown code shows as is, so
a new kind of entry is never hidden). Entries never hold the content of notes, only who did
what to which record. *Vérifier l'intégrité* runs ``PRAGMA integrity_check`` and the hash-chain
verification, which is itself logged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import QWidget

from ...domain.audit_actions import action_label
from ...security.audit import AuditEntry
from ...services.audit_service import AuditService
from ...services.session import Session
from ..forms.ui_admin_audit import Ui_AuditLogWidget
from ..messages import user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import fit_columns, setup_table, when

_Index = QModelIndex | QPersistentModelIndex

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


class AuditTableModel(QAbstractTableModel):
    """Audit entries, most recent first.

    Args:
        parent: the owning widget.
    """

    DATE, ACTOR, ACTION, TARGET, DETAIL = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[AuditEntry] = []
        self._headers = (
            self.tr("Date"), self.tr("Compte"), self.tr("Action"), self.tr("Cible"),
            self.tr("Détail"),
        )

    def set_entries(self, entries: list[AuditEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> AuditEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.ACTION:
                return entry.action  # the code, for whoever reads the raw log or the CLI
            if column == self.DETAIL and entry.detail:
                return entry.detail
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None

    def _text(self, entry: AuditEntry, column: int) -> str:
        if column == self.DATE:
            return when(entry.at)
        if column == self.ACTOR:
            return entry.actor
        if column == self.ACTION:
            return action_label(entry.action)
        if column == self.TARGET:
            return target_label(entry.target)
        return entry.detail


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
        self.model.set_entries(entries)
        fit_columns(self.ui.table_view)
        self.ui.pages.setCurrentWidget(self.ui.log_page)

    def _show_refused(self, exc: BaseException) -> None:
        self.model.set_entries([])
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
