"""Unlock an account with the station's recovery key (SPEC §3: "a locked manager uses it").

A manager locked out after three failures has no one above them to unlock the account: the
recovery key printed at set-up does it, and sets a temporary password that must be changed at the
next login. The key is 160 random bits, so no lockout applies to it; the work (unwrapping the
database key, Argon2id for the new slot) runs through the :class:`TaskRunner`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..services.errors import InvalidInput, WrongCredentials
from ..services.station import Station
from .forms.ui_recovery_unlock_dialog import Ui_RecoveryUnlockDialog
from .messages import show_confirmation, show_message, user_message
from .workers import TaskRunner


class RecoveryUnlockDialog(QDialog):
    """Ask for the recovery key, the account to unlock and its temporary password.

    After ``accept()``, :attr:`unlocked_login` names the account unlocked.

    Args:
        station: the open station (its database is still locked).
        runner: runs the unlock off the GUI thread.
        login: account to prefill (what the sign-in dialog held).
        parent: the owning widget.
    """

    def __init__(
        self,
        station: Station,
        runner: TaskRunner,
        *,
        login: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RecoveryUnlockDialog()
        self.ui.setupUi(self)
        self._station = station
        self._runner = runner
        self._busy = False
        self.unlocked_login = ""

        self.ui.message_label.setVisible(False)
        self.ui.match_label.setVisible(False)
        self._ok_button.setText(self.tr("Déverrouiller"))
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Annuler")
        )
        self.ui.login_edit.setText(login)
        self.ui.feedback_label.update_for("", ())

        self.ui.button_box.accepted.connect(self._on_button_box_accepted)
        self.ui.button_box.rejected.connect(self.reject)
        for edit in (
            self.ui.key_edit, self.ui.login_edit, self.ui.temporary_edit, self.ui.confirm_edit
        ):
            edit.textChanged.connect(self._on_fields_changed)
        self._on_fields_changed()
        self.ui.key_edit.setFocus()

    @property
    def _ok_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)

    # -- live checks ---------------------------------------------------------------------------
    @Slot()
    def _on_fields_changed(self) -> None:
        login = self.ui.login_edit.text().strip()
        temporary = self.ui.temporary_edit.text()
        confirm = self.ui.confirm_edit.text()
        # The full name and service name are still encrypted: the service checks them on saving.
        acceptable = self.ui.feedback_label.update_for(temporary, (login,) if login else ())
        matching = show_confirmation(self.ui.match_label, temporary, confirm)
        ready = bool(self.ui.key_edit.text().strip()) and bool(login)
        self._ok_button.setEnabled(ready and acceptable and matching and not self._busy)

    # -- submission ----------------------------------------------------------------------------
    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self._busy or not self._ok_button.isEnabled():
            return
        key = self.ui.key_edit.text()
        login = self.ui.login_edit.text().strip()
        temporary = self.ui.temporary_edit.text()
        show_message(self.ui.message_label, "")
        self._set_busy(True)
        station = self._station
        self._runner.run(
            lambda: station.unlock_with_recovery_key(key, login, temporary),
            lambda _none: self._on_unlock_done(login),
            self._on_unlock_failed,
        )

    def _on_unlock_done(self, login: str) -> None:
        self._set_busy(False)
        self.unlocked_login = login
        self._clear_secrets()
        self.accept()

    def _on_unlock_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_message(self.ui.message_label, user_message(exc))
        focus: QLineEdit = self.ui.temporary_edit
        if isinstance(exc, WrongCredentials):
            focus = self.ui.key_edit
        elif isinstance(exc, InvalidInput) and not exc.problems:
            focus = self.ui.login_edit  # no such account (password problems come as a list)
        focus.setFocus()
        focus.selectAll()

    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
        for edit in (
            self.ui.key_edit, self.ui.login_edit, self.ui.temporary_edit, self.ui.confirm_edit
        ):
            edit.setEnabled(not busy)
        self.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel).setEnabled(not busy)
        self._ok_button.setText(self.tr("Déverrouillage…") if busy else self.tr("Déverrouiller"))
        self._on_fields_changed()

    def _clear_secrets(self) -> None:
        for edit in (self.ui.key_edit, self.ui.temporary_edit, self.ui.confirm_edit):
            edit.clear()

    def reject(self) -> None:
        """Cancel waits for a running unlock, then forgets what was typed."""
        if self._busy:
            return
        self._clear_secrets()
        super().reject()
