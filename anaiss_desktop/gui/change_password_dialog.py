"""Change one's own password: by choice, or forced at login (temporary or expired password).

The rule is shown before typing and checked live by :class:`PasswordFeedback`; the service checks
it again on saving, along with the current password and the last five (SPEC §3). A wrong current
password counts as a failed login, so three in a row lock the account and close the session: the
dialog then says so and gives up (:attr:`locked_out`), and the caller returns to the sign-in.
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

from ..services.errors import AccountLocked, InvalidInput, WrongCredentials
from ..services.session import Session
from .forms.ui_change_password_dialog import Ui_ChangePasswordDialog
from .messages import mute, show_confirmation, show_message, user_message
from .workers import TaskRunner


class ChangePasswordDialog(QDialog):
    """Ask for the current password and a new one (twice), then change it through the session.

    After ``accept()`` the password is changed and every field is cleared. After ``reject()``,
    :attr:`locked_out` tells whether the account was locked by wrong current passwords (the
    session is then closed).

    Args:
        session: the signed-in session whose password changes.
        runner: runs the change (Argon2id) off the GUI thread.
        forced: the change is required before anything else: the reason is shown and cancel
            reads "Se déconnecter".
        parent: the owning widget.
    """

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        *,
        forced: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ChangePasswordDialog()
        self.ui.setupUi(self)
        self._session = session
        self._runner = runner
        self._busy = False
        self._personal = session.personal_words()
        self.forced = forced
        self.locked_out = False

        self._ok_button.setText(self.tr("Changer le mot de passe"))
        self._cancel_button.setText(self.tr("Se déconnecter") if forced else self.tr("Annuler"))
        reason = session.rotation().message
        if forced:
            self.setWindowTitle(self.tr("Nouveau mot de passe requis"))
        elif not reason:
            reason = self.tr("Compte « {login} » : choisissez un nouveau mot de passe.").format(
                login=session.account.login
            )
        self.ui.intro_label.setText(reason)
        if forced:
            font = self.ui.intro_label.font()
            font.setBold(True)
            self.ui.intro_label.setFont(font)
        mute(self.ui.help_label)
        self.ui.feedback_label.set_hint(
            self.tr("Un mot de passe long est bienvenu : une phrase de sept mots se retient bien.")
        )
        self.ui.message_label.setVisible(False)
        self.ui.match_label.setVisible(False)

        self.ui.button_box.accepted.connect(self._on_button_box_accepted)
        self.ui.button_box.rejected.connect(self.reject)
        for edit in self._edits:
            edit.textChanged.connect(self._on_fields_changed)
        self._on_fields_changed()
        self.ui.current_edit.setFocus()

    @property
    def _ok_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)

    @property
    def _cancel_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel)

    @property
    def _edits(self) -> tuple[QLineEdit, ...]:
        return (self.ui.current_edit, self.ui.new_edit, self.ui.confirm_edit)

    # -- live checks ---------------------------------------------------------------------------
    @Slot()
    def _on_fields_changed(self) -> None:
        new = self.ui.new_edit.text()
        confirm = self.ui.confirm_edit.text()
        acceptable = self.ui.feedback_label.update_for(new, self._personal)
        matching = show_confirmation(self.ui.match_label, new, confirm)
        ready = bool(self.ui.current_edit.text())
        self._ok_button.setEnabled(ready and acceptable and matching and not self._busy)

    # -- submission ----------------------------------------------------------------------------
    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self._busy or not self._ok_button.isEnabled():
            return
        current = self.ui.current_edit.text()
        new = self.ui.new_edit.text()
        show_message(self.ui.message_label, "")
        self._set_busy(True)
        session = self._session
        self._runner.run(
            lambda: session.change_password(current, new),
            self._on_change_done,
            self._on_change_failed,
        )

    def _on_change_done(self, _result: object) -> None:
        self._set_busy(False)
        self._clear()
        self.accept()

    def _on_change_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_message(self.ui.message_label, user_message(exc))
        if isinstance(exc, AccountLocked):
            # The session is closed: nothing more can be done here.
            self.locked_out = True
            self._clear()
            super().reject()
            return
        if isinstance(exc, WrongCredentials):
            self.ui.current_edit.clear()
            self.ui.current_edit.setFocus()
        elif isinstance(exc, InvalidInput):
            # Refused new password (reused, same as the current one): choose again.
            self.ui.new_edit.clear()
            self.ui.confirm_edit.clear()
            self.ui.new_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        if busy == self._busy:
            return
        self._busy = busy
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
        for edit in self._edits:
            edit.setEnabled(not busy)
        self._cancel_button.setEnabled(not busy)
        self._ok_button.setText(
            self.tr("Enregistrement…") if busy else self.tr("Changer le mot de passe")
        )
        self._on_fields_changed()

    def _clear(self) -> None:
        for edit in self._edits:
            edit.clear()

    def reject(self) -> None:
        """Cancel (or "Se déconnecter") waits for a running change, then forgets what was typed."""
        if self._busy:
            return
        self._clear()
        super().reject()
