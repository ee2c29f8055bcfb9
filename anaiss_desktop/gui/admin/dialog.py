"""The administration window a unit manager opens from the main window's menu."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from ...services.session import Session
from ..prompts import Prompts
from ..workers import TaskRunner
from .accounts import AccountsWidget
from .audit import AuditLogWidget
from .codes import CodesWidget
from .covers import CoversTab
from .letter_templates import LetterTemplatesTab
from .policy import PolicySettingsWidget
from .retention import RetentionTab


class AdminDialog(QDialog):
    """Tabs *Comptes*, *Suppléances*, *Paramètres*, *Listes codées*, *Courriers types*,
    *Conservation* and *Journal d'audit*.

    Each tab is refreshed when shown, so the journal lists what was just done in another tab.

    Args:
        session: the signed-in manager's session.
        runner: runs service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the main window.
    """

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Administration de la station"))
        self.setMinimumSize(900, 560)
        self.accounts = AccountsWidget(session, runner, prompts, self)
        self.covers = CoversTab(session, runner, prompts, self)
        self.settings = PolicySettingsWidget(session, prompts, self)
        self.codes = CodesWidget(session, runner, prompts, self)
        self.letter_templates = LetterTemplatesTab(session, runner, prompts, self)
        self.retention = RetentionTab(session, runner, prompts, self)
        self.audit = AuditLogWidget(session, runner, prompts, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.accounts, self.tr("&Comptes"))
        self.tabs.addTab(self.covers, self.tr("&Suppléances"))
        self.tabs.addTab(self.settings, self.tr("&Paramètres"))
        self.tabs.addTab(self.codes, self.tr("&Listes codées"))
        self.tabs.addTab(self.letter_templates, self.tr("Co&urriers types"))
        self.tabs.addTab(self.retention, self.tr("C&onservation"))
        self.tabs.addTab(self.audit, self.tr("&Journal d'audit"))
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.button_box)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is self.accounts:
            self.accounts.refresh()
        elif widget is self.covers:
            self.covers.refresh()
        elif widget is self.codes:
            self.codes.refresh()
        elif widget is self.letter_templates:
            self.letter_templates.refresh()
        elif widget is self.retention:
            self.retention.refresh()
        elif widget is self.audit:
            self.audit.refresh()

    def done(self, result: int) -> None:
        """Closing (or the session locking) also closes an open account, cover, code or
        template dialog."""
        self.accounts.close_dialogs()
        self.covers.close_dialogs()
        self.codes.close_dialogs()
        self.letter_templates.close_dialogs()
        super().done(result)
