"""The sign-in dialog, also used to resume a session after the idle lock (SPEC §3).

Nothing about the service can be shown here: the database is still encrypted, so the dialog names
only the application. Sign-in runs Argon2id, so it goes through the :class:`TaskRunner` and the
dialog stays responsive. Failures show the service's own French message inline (the same words
whether the login exists or not) and never a message box, so the person keeps typing where they are.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QTableWidgetItem,
    QWidget,
)

from ..services.demo import DemoAccount
from ..services.session import Session
from ..services.station import Station
from .forms.ui_login_dialog import Ui_LoginDialog
from .messages import mute, show_message, user_message
from .workers import TaskRunner

if TYPE_CHECKING:
    from .recovery_unlock_dialog import RecoveryUnlockDialog

log = logging.getLogger(__name__)

DEMO_BANNER_STYLE = (
    "QLabel { background-color: #fff3b0; color: #3d3000; border: 1px solid #d9b300;"
    " border-radius: 4px; padding: 8px 10px; font-weight: bold; }"
)
LINK_BUTTON_STYLE = (
    "QPushButton { border: none; color: palette(link); text-decoration: underline;"
    " padding: 0px; text-align: left; }"
)


class LoginDialog(QDialog):
    """Sign in (or resume a locked session) and keep the resulting :class:`Session`.

    After ``accept()``, :attr:`session` holds the open session; the caller decides what comes
    next (forced password change, main window). :attr:`switched_user` tells that someone other
    than ``locked_session_of`` signed in.

    Args:
        station: the open station.
        runner: runs the sign-in off the GUI thread.
        demo_accounts: on a demonstration station, the public demo accounts to list.
        login: login name to prefill (the last one used, chosen by the caller).
        locked_session_of: login of the session locked for inactivity, if any.
        parent: the owning widget.
    """

    def __init__(
        self,
        station: Station,
        runner: TaskRunner,
        *,
        demo_accounts: Sequence[DemoAccount] = (),
        login: str = "",
        locked_session_of: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        self._station = station
        self._runner = runner
        self._demo_accounts = tuple(demo_accounts)
        self._locked_session_of = locked_session_of
        self._busy = False
        self.session: Session | None = None
        self.switched_user = False
        self.recovery_dialog: RecoveryUnlockDialog | None = None

        self._style_header()
        self.ui.message_label.setVisible(False)
        self.ui.switch_user_button.setStyleSheet(LINK_BUTTON_STYLE)
        self.ui.switch_user_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self._set_up_demo()

        if locked_session_of:
            self.setWindowTitle(self.tr("Session verrouillée — ANAISS Desktop"))
            self.ui.lock_label.setText(
                self.tr(
                    "La session de {login} est verrouillée. Saisissez votre mot de passe "
                    "pour reprendre."
                ).format(login=locked_session_of)
            )
            self.ui.login_edit.setText(locked_session_of)
            self.ui.login_edit.setReadOnly(True)
        else:
            self.ui.lock_label.setVisible(False)
            self.ui.switch_user_button.setVisible(False)
            self.ui.login_edit.setText(login)

        self.ui.login_button.clicked.connect(self._on_login_button_clicked)
        self.ui.quit_button.clicked.connect(self.reject)
        self.ui.recovery_button.clicked.connect(self._on_recovery_button_clicked)
        self.ui.switch_user_button.clicked.connect(self._on_switch_user_button_clicked)
        self.ui.demo_table.cellClicked.connect(self._on_demo_table_cellClicked)
        self.ui.demo_table.cellActivated.connect(self._on_demo_table_cellClicked)
        if self.ui.login_edit.text():
            self.ui.password_edit.setFocus()
        else:
            self.ui.login_edit.setFocus()
        self.adjustSize()  # the lock notice and the demo table must fit without clipping

    # -- look ----------------------------------------------------------------------------------
    def _style_header(self) -> None:
        title_font = QFont(self.font())
        title_font.setPointSizeF(self.font().pointSizeF() * 1.6)
        title_font.setBold(True)
        self.ui.title_label.setFont(title_font)
        mute(self.ui.subtitle_label)
        self.ui.lock_label.setStyleSheet(
            "QLabel { background-color: palette(alternate-base); border-left: 3px solid "
            "palette(highlight); padding: 8px 10px; }"
        )

    def _set_up_demo(self) -> None:
        if not self._demo_accounts:
            self.ui.demo_banner_label.setVisible(False)
            self.ui.demo_group.setVisible(False)
            return
        self.ui.demo_banner_label.setStyleSheet(DEMO_BANNER_STYLE)
        mute(self.ui.demo_hint_label)
        self.setMinimumWidth(max(self.minimumWidth(), 600))  # room for the roles and passwords
        table = self.ui.demo_table
        table.setRowCount(len(self._demo_accounts))
        for row, demo in enumerate(self._demo_accounts):
            for column, text in enumerate((demo.login, demo.description, demo.password)):
                item = QTableWidgetItem(text)
                item.setToolTip(self.tr("Cliquez pour remplir les champs avec ce compte."))
                table.setItem(row, column, item)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.resizeColumnsToContents()
        for column in (0, 2):  # a little air after the login and the password
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            table.setColumnWidth(column, table.columnWidth(column) + 16)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeRowsToContents()
        height = header.sizeHint().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(height)
        table.setCursor(Qt.CursorShape.PointingHandCursor)

    # -- slots ---------------------------------------------------------------------------------
    @Slot(int, int)
    def _on_demo_table_cellClicked(self, row: int, _column: int) -> None:
        if self._busy or not 0 <= row < len(self._demo_accounts):
            return
        demo = self._demo_accounts[row]
        self.ui.login_edit.setText(demo.login)
        self.ui.password_edit.setText(demo.password)
        self.ui.login_button.setFocus()

    @Slot()
    def _on_switch_user_button_clicked(self) -> None:
        self.switched_user = True
        self.setWindowTitle(self.tr("Connexion — ANAISS Desktop"))
        self.ui.lock_label.setVisible(False)
        self.ui.switch_user_button.setVisible(False)
        self.ui.login_edit.setReadOnly(False)
        self.ui.login_edit.clear()
        self.ui.password_edit.clear()
        show_message(self.ui.message_label, "")
        self.ui.login_edit.setFocus()

    @Slot()
    def _on_recovery_button_clicked(self) -> None:
        # Imported here: that dialog uses this module's message helpers.
        from .recovery_unlock_dialog import RecoveryUnlockDialog

        dialog = RecoveryUnlockDialog(
            self._station, self._runner, login=self.ui.login_edit.text().strip(), parent=self
        )
        dialog.finished.connect(self._on_recovery_dialog_finished)
        self.recovery_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_recovery_dialog_finished(self, result: int) -> None:
        dialog, self.recovery_dialog = self.recovery_dialog, None
        if dialog is None:
            return
        login = dialog.unlocked_login  # the dialog is a child: it goes with this one
        if result != QDialog.DialogCode.Accepted or not login:
            return
        if self._locked_session_of and login != self._locked_session_of:
            self._on_switch_user_button_clicked()
        self.ui.login_edit.setText(login)
        self.ui.password_edit.clear()
        show_message(
            self.ui.message_label,
            self.tr("Compte déverrouillé : connectez-vous avec le mot de passe temporaire."),
            error=False,
        )
        self.ui.password_edit.setFocus()

    @Slot()
    def _on_login_button_clicked(self) -> None:
        if self._busy:
            return
        login = self.ui.login_edit.text().strip()
        password = self.ui.password_edit.text()
        if not login:
            show_message(self.ui.message_label, self.tr("Saisissez votre identifiant."))
            self.ui.login_edit.setFocus()
            return
        if not password:
            show_message(self.ui.message_label, self.tr("Saisissez votre mot de passe."))
            self.ui.password_edit.setFocus()
            return
        show_message(self.ui.message_label, "")
        self._set_busy(True)
        station = self._station
        self._runner.run(
            lambda: station.login(login, password), self._on_login_done, self._on_login_failed
        )

    # -- task results --------------------------------------------------------------------------
    def _on_login_done(self, session: Session) -> None:
        self._set_busy(False)
        self.session = session
        self.ui.password_edit.clear()
        self.accept()

    def _on_login_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_message(self.ui.message_label, user_message(exc))
        self.ui.password_edit.clear()
        self.ui.password_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        for widget in (
            self.ui.login_button, self.ui.recovery_button, self.ui.quit_button,
            self.ui.switch_user_button, self.ui.demo_table,
        ):
            widget.setEnabled(not busy)
        self.ui.login_edit.setEnabled(not busy)
        self.ui.password_edit.setEnabled(not busy)
        self.ui.login_button.setText(self.tr("Connexion…") if busy else self.tr("Se connecter"))
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()

    # -- closing -------------------------------------------------------------------------------
    def reject(self) -> None:
        """Escape and "Quitter" wait for a running sign-in: its session must not be orphaned."""
        if self._busy:
            return
        self.ui.password_edit.clear()
        super().reject()
