"""The unit manager's accounts screen: who may sign in at this station, and in what role.

Every change goes through :class:`~anaiss_desktop.services.accounts.AccountService` on the task
runner (creating, unlocking, resetting and re-enabling run Argon2id). Access rules live in the
service: a session that is not a manager's gets ``NotAllowed`` when the list is read, and the
screen shows that message in place of the table. Buttons follow the selection only to spare the
manager a pointless click, never as a security measure.

*Transférer ses dossiers…* gives every dossier of a social worker who leaves (or changes sector)
to a colleague, through :meth:`~anaiss_desktop.services.dossiers.DossierService.reassign_all`:
one audit entry per dossier; the personal notes stay with their author.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.access import can_be_referent
from ...domain.accounts import Account, Role
from ...services.accounts import AccountService, AccountView
from ...services.covers import of_name
from ...services.dossiers import DossierService
from ...services.errors import ServiceError
from ...services.session import Session
from ...storage.errors import StorageError
from ..forms.ui_admin_accounts import Ui_AccountsWidget
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .account_dialogs import AccountDialog, TemporaryPasswordDialog
from .common import RowsModel, error_label, when
from .tab import RowsTab

LOCKED_COLOUR = QColor("#a4161a")
TEMPORARY_COLOUR = QColor("#8a5a00")


class AccountTableModel(RowsModel[AccountView]):
    """The accounts of the station, one row per :class:`AccountView`, active ones first, then by
    login; an account is recognised by its login.

    Args:
        parent: the owning widget.
    """

    LOGIN, NAME, ROLE, STATUS, LAST_LOGIN = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                (self.tr("Identifiant"), lambda view: view.account.login),
                (self.tr("Nom"), lambda view: view.account.full_name),
                (self.tr("Rôle"), lambda view: view.account.role_label),
                (self.tr("Statut"), lambda view: view.status_label),
                (self.tr("Dernière connexion"), self._last_login),
            ),
            key=lambda view: view.account.login,
            roles={
                Qt.ItemDataRole.ToolTipRole: self._tooltip,
                Qt.ItemDataRole.ForegroundRole: self._foreground,
                Qt.ItemDataRole.FontRole: self._font,
            },
            parent=parent,
        )

    def set_rows(self, rows: Iterable[AccountView]) -> None:
        super().set_rows(sorted(rows, key=lambda v: (v.account.disabled, v.account.login)))

    def _last_login(self, view: AccountView) -> str:
        if view.last_login_at is None:
            return self.tr("Jamais")
        return when(view.last_login_at)

    def _tooltip(self, view: AccountView, column: int) -> str | None:
        if column != self.STATUS:
            return None
        if view.account.disabled:
            return self.tr("Ne peut plus se connecter. « Réactiver… » lui donne un mot de passe "
                           "temporaire.")
        if view.locked:
            return self.tr("Trois tentatives infructueuses. « Déverrouiller / nouveau mot de "
                           "passe temporaire… » lui en donne un.")
        if view.password_status.must_change:
            return self.tr("Le mot de passe devra être changé à la prochaine connexion.")
        return ""

    def _foreground(self, view: AccountView, column: int) -> QColor | None:
        if view.account.disabled:
            return QColor(Qt.GlobalColor.gray)
        if column == self.STATUS and view.locked:
            return LOCKED_COLOUR
        if column == self.STATUS and view.password_status.must_change:
            return TEMPORARY_COLOUR
        return None

    def _font(self, view: AccountView, column: int) -> QFont | None:
        if column != self.STATUS or not view.locked:
            return None
        font = QFont()
        font.setBold(True)
        return font


def holds_dossiers(account: Account) -> bool:
    """Whether the account's role makes it a referent of dossiers, disabled or not (a person who
    left keeps their dossiers until the manager hands them over)."""
    return account.role is Role.ASSISTANT or (account.is_manager and account.social_worker)


class TransferDossiersDialog(QDialog):
    """Choose who receives the dossiers of a social worker, and whether the closed ones go too.

    Args:
        account: the social worker whose dossiers are handed over.
        receivers: the active social workers who can receive them (``account`` left out).
        parent: the accounts screen.

    Signals:
        submitted(): "Transférer" was pressed (read the choice with :meth:`receiver` and
            :meth:`include_closed`); the owner runs the transfer, then ``accept()``.
    """

    submitted = Signal()

    def __init__(self, account: Account, receivers: list[Account],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.account = account
        self._receivers = {a.id: a for a in receivers}
        self.setWindowTitle(self.tr("Transférer les dossiers %s") % of_name(account.full_name))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr(
            "Les dossiers ouverts et en veille %s auront un(e) nouveau ou nouvelle "
            "référent(e), avec leurs interventions, aides et notes « dossier ».") % (
            of_name(account.full_name)), self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        layout.addWidget(self.intro_label)
        self.receiver_combo = QComboBox(self)
        self.receiver_combo.setObjectName("receiver_combo")
        for receiver in receivers:
            self.receiver_combo.addItem(f"{receiver.full_name} ({receiver.role_label})",
                                        receiver.id)
        # Above the list, not beside it: the names with their roles are long.
        label = QLabel(self.tr("&Nouveau ou nouvelle référent(e) :"), self)
        label.setBuddy(self.receiver_combo)
        choice = QVBoxLayout()
        choice.setSpacing(2)
        choice.addWidget(label)
        choice.addWidget(self.receiver_combo)
        layout.addLayout(choice)
        self.closed_check = QCheckBox(self.tr("y compris les dossiers &clos"), self)
        self.closed_check.setObjectName("closed_check")
        layout.addWidget(self.closed_check)
        self.notes_label = QLabel(self.tr(
            "Les notes personnelles restent à leur auteur, qui peut les transmettre lui-même. "
            "Chaque changement de référent(e) est inscrit au journal d'audit."), self)
        self.notes_label.setObjectName("notes_label")
        self.notes_label.setWordWrap(True)
        mute(self.notes_label)
        layout.addWidget(self.notes_label)
        self.problem_label = error_label(self, "problem_label")
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Transférer"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.button_box.accepted.connect(self._on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        if not receivers:
            self.show_problem(self.tr("Aucun(e) autre travailleur social actif ne peut recevoir "
                                      "ces dossiers."))
            self.ok_button.setEnabled(False)

    def receiver(self) -> Account | None:
        value = self.receiver_combo.currentData()
        return self._receivers.get(int(value)) if value is not None else None

    def select(self, login: str) -> bool:
        for index in range(self.receiver_combo.count()):
            if self._receivers[int(self.receiver_combo.itemData(index))].login == login:
                self.receiver_combo.setCurrentIndex(index)
                return True
        return False

    def include_closed(self) -> bool:
        return self.closed_check.isChecked()

    def show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def set_busy(self, busy: bool) -> None:
        self.button_box.setEnabled(not busy)

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.receiver() is None:
            self.show_problem(self.tr("Choisissez qui reçoit les dossiers."))
            return
        self.show_problem("")
        self.submitted.emit()


class AccountsWidget(RowsTab[AccountView, AccountDialog | TemporaryPasswordDialog]):
    """List, create, edit, unlock, disable and re-enable the station's accounts.

    Usable as a tab of the administration dialog or on its own.

    Args:
        session: the signed-in manager's session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the owning widget.
    """

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, runner, prompts, parent)
        self.ui = Ui_AccountsWidget()
        self.ui.setupUi(self)
        self._service = AccountService(session)
        self._transfer_dialog: TransferDossiersDialog | None = None
        self._attach(self.ui.table_view, AccountTableModel(self), self.ui.status_label)
        self.ui.table_view.doubleClicked.connect(self._on_table_view_double_clicked)
        self.ui.new_button.clicked.connect(self._on_new_button_clicked)
        self.ui.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.ui.reset_button.clicked.connect(self._on_reset_button_clicked)
        self.ui.disable_button.clicked.connect(self._on_disable_button_clicked)
        self.ui.enable_button.clicked.connect(self._on_enable_button_clicked)
        self.ui.transfer_button.clicked.connect(self._on_transfer_button_clicked)
        self._update_buttons()
        self.refresh()

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the accounts again (after a change, or when the tab is shown)."""
        self._keep_selection()
        self._runner.run(self._service.list_accounts, self._show_accounts, self._show_refused)

    def _show_accounts(self, views: list[AccountView]) -> None:
        self._set_refusal("")
        self._show_rows(views)
        self.ui.pages.setCurrentWidget(self.ui.accounts_page)

    def _show_refused(self, exc: BaseException) -> None:
        """Not a manager, password to change, closed session: say so instead of a table."""
        self.model.set_rows([])
        self._set_refusal(user_message(exc))
        self.ui.message_label.setText(self._refusal)
        self.ui.pages.setCurrentWidget(self.ui.message_page)
        self._update_buttons()

    @property
    def transfer_dialog(self) -> TransferDossiersDialog | None:
        """The dossier transfer dialog now open, if any (tests drive it)."""
        return self._transfer_dialog

    def close_dialogs(self) -> None:
        """Close an open account or transfer dialog, e.g. when the session locks."""
        super().close_dialogs()
        if self._transfer_dialog is not None:
            self._transfer_dialog.reject()

    # -- buttons -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        view = self.selected()
        busy = self._runner.busy
        own = view is not None and view.account.id == self._session.account.id
        disabled = view is not None and view.account.disabled
        ui = self.ui
        ui.new_button.setEnabled(not busy)
        ui.edit_button.setEnabled(view is not None and not busy)
        # One's own password is changed from the session menu, never reset to a temporary one.
        ui.reset_button.setEnabled(view is not None and not disabled and not own and not busy)
        ui.disable_button.setEnabled(view is not None and not disabled and not own and not busy)
        ui.enable_button.setEnabled(view is not None and disabled and not busy)
        ui.transfer_button.setEnabled(
            view is not None and holds_dossiers(view.account) and not busy
        )
        if view is not None and view.locked and not disabled:
            ui.reset_button.setToolTip(self.tr("Déverrouiller ce compte et lui donner un mot de "
                                               "passe temporaire."))
        else:
            ui.reset_button.setToolTip(self.tr("Donner un nouveau mot de passe temporaire (par "
                                               "exemple après un oubli)."))

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        super()._on_runner_busy_changed(busy)
        if self._transfer_dialog is not None:
            self._transfer_dialog.set_busy(busy)

    @Slot(QModelIndex)
    def _on_table_view_double_clicked(self, _index: QModelIndex) -> None:
        if self.ui.edit_button.isEnabled():
            self._on_edit_button_clicked()

    # -- dialogs -------------------------------------------------------------------------------
    def _service_name(self) -> str:
        try:
            return self._session.station_info().service_name
        except (ServiceError, StorageError):  # a closed session: the service call will say so
            return ""

    def _dialog_closed(self, dialog: AccountDialog | TemporaryPasswordDialog) -> None:
        dialog.clear_password()  # the temporary password typed in it
        super()._dialog_closed(dialog)

    # -- create --------------------------------------------------------------------------------
    @Slot()
    def _on_new_button_clicked(self) -> None:
        dialog = AccountDialog(self._service_name(), None, self)
        self._open_dialog(dialog, lambda: self._submit_create(dialog))

    def _submit_create(self, dialog: AccountDialog) -> None:
        v = dialog.values()
        self._select_after_refresh = v.login
        self._run(
            dialog,
            self.tr("Création du compte impossible"),
            lambda: self._service.create(
                v.login, v.full_name, v.role, social_worker=v.social_worker,
                temporary_password=v.temporary_password, phone=v.phone,
            ),
            lambda account: self.tr(
                "Compte « %s » créé : mot de passe temporaire à changer à la première connexion."
            ) % account.login,
        )

    # -- edit ----------------------------------------------------------------------------------
    @Slot()
    def _on_edit_button_clicked(self) -> None:
        view = self.selected()
        if view is None:
            return
        dialog = AccountDialog(self._service_name(), view.account, self)
        self._open_dialog(dialog, lambda: self._submit_edit(dialog, view.account))

    def _submit_edit(self, dialog: AccountDialog, account: Account) -> None:
        v = dialog.values()
        self._run(
            dialog,
            self.tr("Modification du compte impossible"),
            lambda: self._service.update(
                account.login, v.full_name, v.role, social_worker=v.social_worker, phone=v.phone
            ),
            lambda _account: self.tr("Compte « %s » modifié.") % account.login,
        )

    # -- unlock / temporary password -----------------------------------------------------------
    @Slot()
    def _on_reset_button_clicked(self) -> None:
        view = self.selected()
        if view is None:
            return
        account = view.account
        who = f"« {account.login} » ({account.full_name})"
        if view.locked:
            title = self.tr("Déverrouiller le compte")
            intro = self.tr(
                "Le compte %s est verrouillé après trois tentatives infructueuses. Choisissez "
                "un mot de passe temporaire : il le déverrouille, et la personne le changera à "
                "sa première connexion."
            ) % who
        else:
            title = self.tr("Nouveau mot de passe temporaire")
            intro = self.tr(
                "Le mot de passe actuel du compte %s cessera de fonctionner. La personne "
                "changera le mot de passe temporaire à sa première connexion."
            ) % who
        dialog = TemporaryPasswordDialog(account, self._service_name(), title, intro, self)
        self._open_dialog(dialog, lambda: self._submit_reset(dialog, view.locked))

    def _submit_reset(self, dialog: TemporaryPasswordDialog, locked: bool) -> None:
        login = dialog.account.login
        password = dialog.password()
        if locked:
            action = self._service.unlock
            title = self.tr("Déverrouillage impossible")
            message = self.tr(
                "Compte « %s » déverrouillé : mot de passe temporaire à changer à la première "
                "connexion."
            )
        else:
            action = self._service.reset_password
            title = self.tr("Nouveau mot de passe impossible")
            message = self.tr(
                "Nouveau mot de passe temporaire pour « %s » : à changer à la première connexion."
            )
        self._run(dialog, title, lambda: action(login, password), lambda _r: message % login)

    # -- disable / enable ----------------------------------------------------------------------
    @Slot()
    def _on_disable_button_clicked(self) -> None:
        view = self.selected()
        if view is None:
            return
        account = view.account
        confirmed = self._prompts.confirm(
            self,
            self.tr("Désactiver le compte"),
            self.tr(
                "Désactiver le compte « %s » (%s) ? La personne ne pourra plus se connecter ; "
                "son historique et ce qu'elle a rédigé sont conservés. Vous pourrez le "
                "réactiver en lui donnant un mot de passe temporaire."
            ) % (account.login, account.full_name),
        )
        if not confirmed:
            return
        self._run(
            None,
            self.tr("Désactivation impossible"),
            lambda: self._service.disable(account.login),
            lambda _r: self.tr("Compte « %s » désactivé : il ne peut plus se connecter.")
            % account.login,
        )

    @Slot()
    def _on_enable_button_clicked(self) -> None:
        view = self.selected()
        if view is None:
            return
        account = view.account
        dialog = TemporaryPasswordDialog(
            account,
            self._service_name(),
            self.tr("Réactiver le compte"),
            self.tr(
                "Le compte « %s » (%s) pourra de nouveau se connecter avec ce mot de passe "
                "temporaire, à changer à sa première connexion."
            ) % (account.login, account.full_name),
            self,
        )
        self._open_dialog(dialog, lambda: self._submit_enable(dialog))

    def _submit_enable(self, dialog: TemporaryPasswordDialog) -> None:
        login = dialog.account.login
        password = dialog.password()
        self._run(
            dialog,
            self.tr("Réactivation impossible"),
            lambda: self._service.enable(login, password),
            lambda _r: self.tr(
                "Compte « %s » réactivé : mot de passe temporaire à changer à la première "
                "connexion."
            ) % login,
        )

    # -- transfer of dossiers ------------------------------------------------------------------
    @Slot()
    def _on_transfer_button_clicked(self) -> None:
        view = self.selected()
        if view is None or not holds_dossiers(view.account):
            return
        # Read the accounts again: who may receive depends on who is active right now.
        self._select_after_refresh = view.account.login
        self._show_status("")
        self._runner.run(self._service.list_accounts, self._open_transfer_dialog,
                         self._show_refused)

    def _open_transfer_dialog(self, views: list[AccountView]) -> None:
        if not isValid(self):
            return
        self._show_accounts(views)
        view = self.selected()
        if view is None:  # the account vanished meanwhile
            return
        account = view.account
        receivers = sorted(
            (v.account for v in views
             if v.account.id != account.id and not v.account.disabled
             and can_be_referent(v.account)),
            key=lambda a: a.full_name.casefold(),
        )
        self.close_dialogs()
        dialog = TransferDossiersDialog(account, receivers, self)
        self._transfer_dialog = dialog
        dialog.submitted.connect(self._on_transfer_dialog_submitted)
        dialog.finished.connect(self._on_transfer_dialog_finished)
        dialog.open()

    @Slot()
    def _on_transfer_dialog_submitted(self) -> None:
        dialog = self._transfer_dialog
        if dialog is None or self.sender() is not dialog:
            return
        receiver = dialog.receiver()
        if receiver is None:
            return
        giver = dialog.account
        open_only = not dialog.include_closed()
        service = DossierService(self._session)
        dialog.set_busy(True)

        def done(count: int) -> None:
            if not isValid(self):
                return
            if isValid(dialog):
                dialog.accept()
            message = self.tr("%d dossier(s) transféré(s) à %s.") % (count, receiver.full_name)
            self._show_status(message)
            self._prompts.info(self, self.tr("Dossiers transférés"), message)
            self.refresh()

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            if isValid(dialog):
                dialog.set_busy(False)
                dialog.show_problem(user_message(exc))
            else:
                self._prompts.error(self, self.tr("Transfert impossible"), user_message(exc))

        self._runner.run(lambda: service.reassign_all(giver.id, receiver.id, open_only=open_only),
                         done, failed)

    @Slot(int)
    def _on_transfer_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self._transfer_dialog:
            self._transfer_dialog = None
        if isinstance(dialog, TransferDossiersDialog):
            dialog.deleteLater()
