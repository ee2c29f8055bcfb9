"""Dialogs of the accounts screen: create or edit an account, give a temporary password.

The dialogs only collect what the manager types and check it as it is typed (identifiant rules,
password strength, role/social-worker consistency); the account service checks everything
again on saving. They do not close themselves on *OK*: they emit ``submitted`` and the accounts
screen closes them once the service has accepted, so an error (an identifiant already taken)
leaves everything typed in place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QWidget

from ...domain.accounts import Account, Role, valid_login
from ..forms.ui_admin_account_dialog import Ui_AccountDialog
from ..forms.ui_admin_temporary_password_dialog import Ui_TemporaryPasswordDialog

ROLE_ORDER = (Role.ASSISTANT, Role.MANAGER, Role.SECRETARY)


@dataclass(frozen=True)
class AccountFormValues:
    """What the account dialog holds, stripped of surrounding spaces (the password as typed)."""

    login: str
    full_name: str
    phone: str
    role: Role
    social_worker: bool
    temporary_password: str


class AccountDialog(QDialog):
    """Create an account (with a temporary password) or edit one (profile and role only).

    Args:
        service_name: the station's service name, which a password must not contain.
        account: the account to edit; ``None`` to create one.
        parent: the accounts screen.

    Signals:
        submitted(): *OK* was pressed on a complete form; read :meth:`values`.
    """

    submitted = Signal()

    def __init__(
        self, service_name: str, account: Account | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AccountDialog()
        self.ui.setupUi(self)
        self._service_name = service_name
        self._account = account
        self._busy = False
        # A new manager opens no dossier unless the box is ticked: the narrower access first.
        self._manager_social_worker = False
        for role in ROLE_ORDER:
            self.ui.role_combo.addItem(role.label)
        self.ui.login_problem_label.hide()

        if account is None:
            self.setWindowTitle(self.tr("Nouveau compte"))
        else:
            self._fill(account)

        self.ui.login_edit.textChanged.connect(self._on_login_edit_text_changed)
        self.ui.full_name_edit.textChanged.connect(self._on_full_name_edit_text_changed)
        self.ui.role_combo.currentIndexChanged.connect(self._on_role_combo_current_index_changed)
        self.ui.social_worker_check.toggled.connect(self._on_social_worker_check_toggled)
        self.ui.password_field.changed.connect(self._on_password_field_changed)
        self.ui.button_box.accepted.connect(self._on_button_box_accepted)
        self.ui.button_box.rejected.connect(self.reject)
        self._apply_role_rules()
        self._update_personal_words()
        self._update_ok()
        if account is not None:  # no password part: no need for the room it takes
            self.resize(self.width(), self.sizeHint().height())

    def _fill(self, account: Account) -> None:
        self.setWindowTitle(self.tr("Modifier le compte « %s »") % account.login)
        self.ui.intro_label.setText(
            self.tr(
                "L'identifiant ne change pas. Pour un nouveau mot de passe, utilisez "
                "« Déverrouiller / nouveau mot de passe temporaire… »."
            )
        )
        self.ui.login_edit.setText(account.login)
        self.ui.login_edit.setReadOnly(True)
        self.ui.full_name_edit.setText(account.full_name)
        self.ui.phone_edit.setText(account.phone)
        self.ui.role_combo.setCurrentIndex(ROLE_ORDER.index(account.role))
        if account.role is Role.MANAGER:
            self._manager_social_worker = account.social_worker
        for widget in (self.ui.password_label, self.ui.password_field, self.ui.handover_label):
            widget.hide()
        self.ui.full_name_edit.setFocus()

    # -- reading -------------------------------------------------------------------------------
    @property
    def editing(self) -> bool:
        return self._account is not None

    @property
    def ok_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)

    def role(self) -> Role:
        # By position: Qt would hand a ``str`` enum back as a plain ``str``.
        return ROLE_ORDER[max(self.ui.role_combo.currentIndex(), 0)]

    def values(self) -> AccountFormValues:
        return AccountFormValues(
            login=self.ui.login_edit.text().strip(),
            full_name=self.ui.full_name_edit.text().strip(),
            phone=self.ui.phone_edit.text().strip(),
            role=self.role(),
            social_worker=self.ui.social_worker_check.isChecked(),
            temporary_password="" if self.editing else self.ui.password_field.password(),
        )

    def set_busy(self, busy: bool) -> None:
        """While the service works (Argon2id), *OK* cannot be pressed twice."""
        self._busy = busy
        self._update_ok()

    def clear_password(self) -> None:
        self.ui.password_field.clear()

    # -- rules while typing --------------------------------------------------------------------
    def _apply_role_rules(self) -> None:
        """An assistant is a social worker; a secretary never is; a manager may be either."""
        role = self.role()
        check = self.ui.social_worker_check
        check.blockSignals(True)
        if role is Role.ASSISTANT:
            check.setChecked(True)
            check.setEnabled(False)
            check.setToolTip(self.tr("Un(e) assistant(e) social(e) est travailleur social."))
        elif role is Role.SECRETARY:
            check.setChecked(False)
            check.setEnabled(False)
            check.setToolTip(
                self.tr("Le secrétariat ne voit jamais les notes ni les évaluations.")
            )
        else:
            check.setChecked(self._manager_social_worker)
            check.setEnabled(True)
            check.setToolTip(
                self.tr(
                    "Un(e) responsable n'ouvre les dossiers de l'unité que s'il ou elle est "
                    "aussi travailleur social."
                )
            )
        check.blockSignals(False)

    def _update_personal_words(self) -> None:
        self.ui.password_field.set_personal_words(
            (self.ui.login_edit.text(), self.ui.full_name_edit.text(), self._service_name)
        )

    def _login_problem(self) -> str | None:
        return None if self.editing else valid_login(self.ui.login_edit.text())

    def _update_ok(self) -> None:
        complete = (
            self._login_problem() is None
            and bool(self.ui.full_name_edit.text().strip())
            and (self.editing or self.ui.password_field.is_acceptable())
        )
        self.ok_button.setEnabled(complete and not self._busy)

    # -- slots ---------------------------------------------------------------------------------
    @Slot(str)
    def _on_login_edit_text_changed(self, text: str) -> None:
        problem = self._login_problem() if text else None
        self.ui.login_problem_label.setText(problem or "")
        self.ui.login_problem_label.setVisible(bool(problem))
        self._update_personal_words()
        self._update_ok()

    @Slot(str)
    def _on_full_name_edit_text_changed(self, _text: str) -> None:
        self._update_personal_words()
        self._update_ok()

    @Slot(int)
    def _on_role_combo_current_index_changed(self, _index: int) -> None:
        self._apply_role_rules()

    @Slot(bool)
    def _on_social_worker_check_toggled(self, checked: bool) -> None:
        if self.role() is Role.MANAGER:
            self._manager_social_worker = checked

    @Slot(bool)
    def _on_password_field_changed(self, _acceptable: bool) -> None:
        self._update_ok()

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit()


class TemporaryPasswordDialog(QDialog):
    """Ask for a temporary password: to unlock, reset or re-enable an account.

    Args:
        account: whose password it will be (its login and name must not appear in it).
        service_name: the station's service name, which must not appear either.
        title: the window title.
        intro: one or two sentences saying what will happen.
        parent: the accounts screen.

    Signals:
        submitted(): *OK* was pressed with an acceptable password; read :meth:`password`.
    """

    submitted = Signal()

    def __init__(
        self,
        account: Account,
        service_name: str,
        title: str,
        intro: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_TemporaryPasswordDialog()
        self.ui.setupUi(self)
        self.account = account
        self._busy = False
        self.setWindowTitle(title)
        self.ui.intro_label.setText(intro)
        self.ui.password_field.set_personal_words(
            (account.login, account.full_name, service_name)
        )
        self.ui.password_field.changed.connect(self._on_password_field_changed)
        self.ui.button_box.accepted.connect(self._on_button_box_accepted)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.password_field.setFocus()
        self._update_ok()

    @property
    def ok_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)

    def password(self) -> str:
        return self.ui.password_field.password()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_ok()

    def clear_password(self) -> None:
        self.ui.password_field.clear()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.ui.password_field.is_acceptable() and not self._busy)

    @Slot(bool)
    def _on_password_field_changed(self, _acceptable: bool) -> None:
        self._update_ok()

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit()
