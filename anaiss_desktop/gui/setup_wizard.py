"""The first-run wizard: describe the service, create the manager's account, hand over the key —
or restore a backup (:mod:`anaiss_desktop.gui.restore_pages`).

Shown when the data folder holds no station. Nothing is written until the person presses
« Créer la station » (a commit page: there is no going back once the station exists), so
cancelling earlier leaves the data folder untouched. Creation runs Argon2id, so it goes through
the :class:`TaskRunner` with a busy bar. The recovery key is then shown once: it can be printed
(Qt renders the sheet from memory) or saved as a PDF at a place the person chooses, after a warning
that this file is not encrypted. Finishing needs a ticked box saying the key is put away; closing
the window instead asks for confirmation, since the key will never be shown again.

Pages are built in code rather than Designer forms: they are short, and the password feedback
widget and the busy state need code anyway.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QFontDatabase, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..domain.accounts import ROLE_LABELS, Role, valid_login
from ..security import kdf
from ..security.atomic import write_atomic
from ..services.clock import Clock, system_clock
from ..services.errors import StationExists
from ..services.recovery_sheet import recovery_sheet_html, recovery_sheet_pdf
from ..services.station import create_station
from ..storage.settings_repo import StationInfo
from .messages import ERROR_STYLE, save_error_message, user_message
from .password_feedback import PasswordFeedback
from .prompts import Prompts
from .workers import TaskRunner

log = logging.getLogger(__name__)

OK_STYLE = "QLabel { color: #1b5e20; }"
MUTED_STYLE = "QLabel { color: palette(placeholder-text); }"
PATH_STYLE = (
    "QLabel { background-color: palette(alternate-base); border: 1px solid palette(mid);"
    " border-radius: 3px; padding: 6px 8px; }"
)
KEY_STYLE = (
    "QLabel { background-color: #f5f7fa; color: #000000; border: 2px solid #1f2933;"
    " border-radius: 4px; padding: 12px 18px; }"
)
WARNING_STYLE = (
    "QLabel { background-color: #fff3b0; color: #3d3000; border: 1px solid #d9b300;"
    " border-radius: 4px; padding: 8px 10px; }"
)

PAGE_WELCOME, PAGE_SERVICE, PAGE_ACCOUNT, PAGE_CREATION, PAGE_KEY, PAGE_RESTORE, PAGE_RESTORED = (
    range(7))


def _wrapped(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if style:
        label.setStyleSheet(style)
    return label


def _form(rows: list[tuple[str, QWidget]]) -> QGridLayout:
    """Label/field rows; a grid rather than QFormLayout, which mis-sizes wrapped hint labels."""
    grid = QGridLayout()
    grid.setColumnStretch(1, 1)
    grid.setVerticalSpacing(6)
    for row, (text, widget) in enumerate(rows):
        if text:
            label = QLabel(text)
            label.setBuddy(widget)
            # One-line fields: label centred on the field; taller ones: label on their first line.
            vertical = (
                Qt.AlignmentFlag.AlignVCenter if isinstance(widget, QLineEdit)
                else Qt.AlignmentFlag.AlignTop
            )
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignLeft | vertical)
        grid.addWidget(widget, row, 1)
    return grid


def _key_font() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(20)
    font.setBold(True)
    return font


def _display_key(recovery_key: str) -> str:
    """The key on two lines of four groups, as on the printed sheet."""
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]) + "\n" + "-".join(groups[half:])


class WelcomePage(QWizardPage):
    """What the application is, where its data will live, and that nothing leaves the PC."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Bienvenue dans ANAISS Desktop"))
        self.setSubTitle(self.tr("Aucune station n'existe encore sur ce poste : créons-la."))
        layout = QVBoxLayout(self)
        layout.addWidget(_wrapped(self.tr(
            "ANAISS Desktop tient les dossiers sociaux des personnes que votre service "
            "accompagne : suivi, rendez-vous, courriers types, statistiques anonymes."
        )))
        layout.addSpacing(6)
        layout.addWidget(_wrapped(self.tr(
            "Les données seront enregistrées, chiffrées, dans ce dossier :"
        )))
        self.data_dir_label = _wrapped(str(data_dir), PATH_STYLE)
        self.data_dir_label.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.data_dir_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.data_dir_label)
        layout.addSpacing(6)
        layout.addWidget(_wrapped(self.tr(
            "Rien ne quitte ce poste : ni réseau, ni serveur, ni « cloud ». Un fichier ne sort "
            "que lorsque vous le demandez (sauvegarde, statistiques anonymes, courrier)."
        )))
        layout.addSpacing(6)
        layout.addWidget(_wrapped(self.tr(
            "Il vous faut : le nom et l'adresse du service, et un mot de passe solide pour le "
            "premier compte, celui du ou de la responsable d'unité. Comptez cinq minutes, "
            "et une imprimante pour la clé de secours."
        )))
        layout.addSpacing(6)
        self.create_radio = QRadioButton(self.tr("&Créer une nouvelle station"))
        self.create_radio.setChecked(True)
        self.restore_radio = QRadioButton(self.tr(
            "&Restaurer une sauvegarde (remettre en service une station existante)"))
        self.restore_radio.setObjectName("restore_radio")
        layout.addWidget(self.create_radio)
        layout.addWidget(self.restore_radio)
        layout.addStretch(1)
        layout.addWidget(_wrapped(self.tr(
            "Conseil : faites aussi chiffrer le disque entier de ce poste (BitLocker, LUKS…)."
        ), MUTED_STYLE))

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return PAGE_RESTORE if self.restore_radio.isChecked() else PAGE_SERVICE


class ServicePage(QWizardPage):
    """The service's identity: its name is required because it heads every letter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Le service"))
        self.setSubTitle(self.tr(
            "Ces informations figurent en tête des courriers. "
            "Le ou la responsable pourra les modifier ensuite."
        ))
        self.service_name_edit = QLineEdit()
        self.service_name_edit.setPlaceholderText(
            self.tr("ex. Service social départemental – Secteur Nord")
        )
        self.service_name_edit.setMaxLength(200)
        self.address_edit = QPlainTextEdit()
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setPlaceholderText(self.tr("Numéro et rue\nCode postal et ville"))
        self.address_edit.setFixedHeight(
            self.address_edit.fontMetrics().lineSpacing() * 4 + 14
        )
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("ex. 03 20 00 00 00"))
        self.phone_edit.setMaxLength(40)
        self.name_hint_label = _wrapped(self.tr("Obligatoire."), MUTED_STYLE)

        form = _form([
            (self.tr("&Nom du service :"), self.service_name_edit),
            ("", self.name_hint_label),
            (self.tr("&Adresse postale :"), self.address_edit),
            (self.tr("&Téléphone :"), self.phone_edit),
        ])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.service_name_edit.textChanged.connect(self._on_service_name_edit_text_changed)

    def info(self) -> StationInfo:
        return StationInfo(
            self.service_name_edit.text().strip(),
            self.address_edit.toPlainText().strip(),
            self.phone_edit.text().strip(),
        )

    @Slot(str)
    def _on_service_name_edit_text_changed(self, _text: str) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.service_name_edit.text().strip())


class AccountPage(QWizardPage):
    """The first account, a manager; Next stays disabled until the password would be accepted."""

    def __init__(self, service_page: ServicePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service_page = service_page
        self.setTitle(self.tr("Premier compte : responsable d'unité"))
        self.setSubTitle(self.tr(
            "Ce compte crée les autres comptes, règle la sécurité et fait les sauvegardes."
        ))
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(self.tr("ex. cdupont"))
        self.login_edit.setMaxLength(40)
        self.login_hint_label = _wrapped(self._login_hint(), MUTED_STYLE)
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setPlaceholderText(self.tr("ex. Claire Dupont"))
        self.full_name_edit.setMaxLength(120)
        self.social_worker_check = QCheckBox(
            self.tr("Je suis aussi travailleur social (j'ouvre des dossiers)")
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.feedback = PasswordFeedback()
        self.match_label = _wrapped("")

        form = _form([
            (self.tr("&Identifiant :"), self.login_edit),
            ("", self.login_hint_label),
            (self.tr("N&om et prénom :"), self.full_name_edit),
            ("", self.social_worker_check),
            (self.tr("&Mot de passe :"), self.password_edit),
            ("", self.feedback),
            (self.tr("&Confirmation :"), self.confirm_edit),
            ("", self.match_label),
        ])
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(_wrapped(self.tr(
            "Personne ne pourra relire ce mot de passe. En cas d'oubli, la clé de secours "
            "remise à l'étape suivante permettra de débloquer ce compte."
        ), MUTED_STYLE))

        self.login_edit.textChanged.connect(self._on_field_changed)
        self.full_name_edit.textChanged.connect(self._on_field_changed)
        self.password_edit.textChanged.connect(self._on_field_changed)
        self.confirm_edit.textChanged.connect(self._on_field_changed)

    def initializePage(self) -> None:
        self._refresh()  # the service name may have changed: it counts as a personal word

    def _login_hint(self) -> str:
        return self.tr("Lettres sans accent, chiffres, « . », « _ » ou « - ».")

    def personal_words(self) -> tuple[str, ...]:
        return (
            self.login_edit.text().strip(),
            self.full_name_edit.text().strip(),
            self._service_page.info().service_name,
        )

    def login(self) -> str:
        return self.login_edit.text().strip()

    def full_name(self) -> str:
        return self.full_name_edit.text().strip()

    def password(self) -> str:
        return self.password_edit.text()

    def clear_passwords(self) -> None:
        for edit in (self.password_edit, self.confirm_edit):
            edit.setText("\0" * len(edit.text()))  # best effort: overwrite before clearing
            edit.clear()

    @Slot()
    def _on_field_changed(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        login = self.login_edit.text()
        reason = valid_login(login) if login.strip() else None
        if reason:
            self.login_hint_label.setText(reason)
            self.login_hint_label.setStyleSheet(ERROR_STYLE)
        else:
            self.login_hint_label.setText(self._login_hint())
            self.login_hint_label.setStyleSheet(MUTED_STYLE)
        self.feedback.update_for(self.password_edit.text(), self.personal_words())
        confirm = self.confirm_edit.text()
        if not confirm:
            self.match_label.setText("")
        elif confirm == self.password_edit.text():
            self.match_label.setText(self.tr("Les deux saisies correspondent."))
            self.match_label.setStyleSheet(OK_STYLE)
        else:
            self.match_label.setText(self.tr("Les deux saisies ne correspondent pas."))
            self.match_label.setStyleSheet(ERROR_STYLE)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (
            bool(self.login_edit.text().strip())
            and valid_login(self.login_edit.text()) is None
            and bool(self.full_name_edit.text().strip())
            and self.feedback.acceptable
            and self.password_edit.text() == self.confirm_edit.text()
        )


class CreationPage(QWizardPage):
    """A last look at what will be created; « Créer la station » writes it (no way back)."""

    def __init__(self, wizard: SetupWizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wizard = wizard
        self._busy = False
        self._in_validate = False
        self._blocked = False
        self.setTitle(self.tr("Création de la station"))
        self.setSubTitle(self.tr("Vérifiez, puis créez la station."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Créer la station"))

        self.service_value = _wrapped("")
        self.address_value = _wrapped("")
        self.phone_value = _wrapped("")
        self.login_value = _wrapped("")
        self.name_value = _wrapped("")
        self.role_value = _wrapped("")
        summary = _form([
            (self.tr("Service :"), self.service_value),
            (self.tr("Adresse :"), self.address_value),
            (self.tr("Téléphone :"), self.phone_value),
            (self.tr("Identifiant :"), self.login_value),
            (self.tr("Nom et prénom :"), self.name_value),
            (self.tr("Rôle :"), self.role_value),
        ])

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.hide()
        self.status_label = _wrapped(self._idle_text(), MUTED_STYLE)
        self.error_label = _wrapped("", ERROR_STYLE)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.addLayout(summary)
        layout.addSpacing(10)
        layout.addWidget(self.status_label)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    @property
    def busy(self) -> bool:
        return self._busy

    def _idle_text(self) -> str:
        return self.tr(
            "La création prend quelques secondes : le mot de passe est protégé par un calcul "
            "volontairement lent, pour décourager qui copierait les fichiers."
        )

    def initializePage(self) -> None:
        info = self._wizard.service_page.info()
        account = self._wizard.account_page
        none = self.tr("(non renseigné)")
        self.service_value.setText(info.service_name)
        self.address_value.setText(info.service_address or none)
        self.phone_value.setText(info.service_phone or none)
        self.login_value.setText(account.login())
        self.name_value.setText(account.full_name())
        role = ROLE_LABELS[Role.MANAGER]
        if account.social_worker_check.isChecked():
            role += self.tr(" (travailleur social : ouvre des dossiers)")
        self.role_value.setText(role)
        self.error_label.hide()
        self._blocked = False

    def cleanupPage(self) -> None:  # going Back
        self.error_label.hide()

    def isComplete(self) -> bool:
        return not self._busy and not self._blocked

    def validatePage(self) -> bool:
        """Start the creation; move on only once it has succeeded."""
        if self._wizard.created_login:
            return True
        if self._busy:
            return False
        self._in_validate = True
        try:
            self._start()
        finally:
            self._in_validate = False
        return bool(self._wizard.created_login)  # already True with a synchronous runner

    def _start(self) -> None:
        wizard = self._wizard
        info = wizard.service_page.info()
        account = wizard.account_page
        login, name, password = account.login(), account.full_name(), account.password()
        social_worker = account.social_worker_check.isChecked()
        created_at = wizard.clock()

        def create() -> str:
            return create_station(
                wizard.data_dir, info=info, manager_login=login, manager_name=name,
                manager_password=password, social_worker=social_worker,
                clock=wizard.clock, kdf_params=wizard.kdf_params,
            )

        def done(recovery_key: str) -> None:
            self._set_busy(False)
            wizard.station_done(login, recovery_key, info, created_at)
            if not self._in_validate and wizard.currentPage() is self:
                wizard.next()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.error_label.setText(user_message(exc))
            self.error_label.show()
            if isinstance(exc, StationExists):
                self._blocked = True  # StationExists: trying again cannot help
                self.completeChanged.emit()

        self.error_label.hide()
        self._set_busy(True)
        wizard.runner.run(create, done, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.status_label.setText(
            self.tr("Création de la station en cours…") if busy else self._idle_text()
        )
        self.completeChanged.emit()  # Qt re-enables Back here: disable it again while busy
        self._wizard.button(QWizard.WizardButton.BackButton).setEnabled(
            not busy and self._wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        )
        self._wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)


class RecoveryKeyPage(QWizardPage):
    """The recovery key, shown once; Terminer waits for the « rangée en lieu sûr » box."""

    def __init__(self, wizard: SetupWizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wizard = wizard
        self.setTitle(self.tr("Clé de secours"))
        self.setSubTitle(self.tr(
            "La station est créée. Voici sa clé de secours : elle ne sera affichée qu'une fois."
        ))
        self.setFinalPage(True)
        intro = _wrapped(self.tr(
            "Elle débloque le compte d'un ou d'une responsable verrouillé et permet de restaurer "
            "une sauvegarde. Imprimez-la ou notez-la maintenant."
        ))
        self.key_label = QLabel()
        self.key_label.setFont(_key_font())
        self.key_label.setStyleSheet(KEY_STYLE)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextFormat(Qt.TextFormat.PlainText)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setAccessibleName(self.tr("Clé de secours"))
        warning = _wrapped(self.tr(
            "Quiconque détient cette clé et une copie des fichiers peut lire tous les dossiers. "
            "Rangez-la sous clé, loin du poste, jamais avec les sauvegardes."
        ), WARNING_STYLE)
        self.print_button = QPushButton(self.tr("&Imprimer…"))
        self.save_pdf_button = QPushButton(self.tr("&Enregistrer en PDF…"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_pdf_button)
        buttons.addStretch(1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.stored_check = QCheckBox(self.tr(
            "J'ai imprimé ou noté la clé de secours et je la range en lieu sûr"
        ))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(self.key_label)
        layout.addSpacing(4)
        layout.addLayout(buttons)
        layout.addSpacing(4)
        layout.addWidget(warning)
        layout.addStretch(1)
        layout.addWidget(line)
        layout.addWidget(self.stored_check)

        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.save_pdf_button.clicked.connect(self._on_save_pdf_button_clicked)
        self.stored_check.toggled.connect(self._on_stored_check_toggled)

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return -1  # the last page of the creation road (the restore pages come after it)

    def show_key(self, recovery_key: str) -> None:
        self.key_label.setText(_display_key(recovery_key))

    def forget_key(self) -> None:
        self.key_label.clear()

    def isComplete(self) -> bool:
        return self.stored_check.isChecked()

    @Slot(bool)
    def _on_stored_check_toggled(self, _checked: bool) -> None:
        self.completeChanged.emit()

    @Slot()
    def _on_print_button_clicked(self) -> None:
        self._wizard.print_sheet()

    @Slot()
    def _on_save_pdf_button_clicked(self) -> None:
        self._wizard.save_sheet_pdf()


class SetupWizard(QWizard):
    """Creates the station at first run and shows its recovery key once.

    Args:
        data_dir: the station folder (created only when the person presses « Créer la station »).
        runner: runs the creation (Argon2id) and the PDF writing off the GUI thread.
        prompts: message boxes (warnings about the PDF, confirmation before closing).
        kdf_params: Argon2id cost of the first account's key slot (tests pass OWASP's minimum).
        clock: the time source (creation date, printed on the sheet).
        parent: the owning widget.

    Attributes:
        created_login: the manager's login once the station exists, else "". Closing the key page
            (after confirming) accepts the wizard too: the station exists either way.

    Signals:
        station_created(str): the station now exists; carries the manager's login.
    """

    station_created = Signal(str)

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        prompts: Prompts,
        *,
        kdf_params: kdf.KdfParams = kdf.DEFAULT,
        clock: Clock = system_clock,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self.runner = runner
        self.prompts = prompts
        self.kdf_params = kdf_params
        self.clock = clock
        self.created_login = ""
        self.restored = False
        self._recovery_key: str | None = None
        self._info: StationInfo | None = None
        self._created_at: datetime | None = None

        self.setWindowTitle(self.tr("Création de la station — ANAISS Desktop"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Précédent"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Suivant >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Terminer"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annuler"))
        self.setMinimumSize(680, 560)

        self.welcome_page = WelcomePage(self.data_dir)
        self.service_page = ServicePage()
        self.account_page = AccountPage(self.service_page)
        self.creation_page = CreationPage(self)
        self.key_page = RecoveryKeyPage(self)
        self.setPage(PAGE_WELCOME, self.welcome_page)
        self.setPage(PAGE_SERVICE, self.service_page)
        self.setPage(PAGE_ACCOUNT, self.account_page)
        self.setPage(PAGE_CREATION, self.creation_page)
        self.setPage(PAGE_KEY, self.key_page)
        # Imported here: the restore pages need the backup service only on this road.
        from .restore_pages import RestoredPage, RestorePage

        self.restore_page = RestorePage(self)
        self.restored_page = RestoredPage()
        self.setPage(PAGE_RESTORE, self.restore_page)
        self.setPage(PAGE_RESTORED, self.restored_page)
        self.setStartId(PAGE_WELCOME)

    # -- creation ------------------------------------------------------------------------------
    def station_done(
        self, login: str, recovery_key: str, info: StationInfo, created_at: datetime
    ) -> None:
        """Called by the creation page once the station exists."""
        self.created_login = login
        self._recovery_key = recovery_key
        self._info = info
        self._created_at = created_at
        self.account_page.clear_passwords()
        self.key_page.show_key(recovery_key)
        self.station_created.emit(login)

    def station_restored(self, login: str, result) -> None:
        """Called by the restore page once the backup is the station."""
        self.restored = True
        self.created_login = login
        self.restored_page.show_result(result.data_dir, result.set_aside)

    def choose_backup_file(self) -> Path | None:
        """Ask for the backup file (replaced in tests so no dialog opens)."""
        from .restore_pages import ask_backup_file

        return ask_backup_file(self)

    # -- the recovery sheet --------------------------------------------------------------------
    def choose_printer(self) -> QPrinter | None:
        """Ask which printer to use (replaced in tests so no dialog opens)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        printer.setDocName(self.tr("Clé de secours"))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def choose_pdf_path(self) -> Path | None:
        """Ask where to save the PDF (replaced in tests so no dialog opens)."""
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Enregistrer la clé de secours"),
            str(Path.home() / "cle-de-secours-anaiss.pdf"), self.tr("Document PDF (*.pdf)"),
        )
        return Path(path) if path else None

    def print_sheet(self) -> None:
        """Print the sheet through Qt, rendered from memory (no file is written)."""
        if self._recovery_key is None or self._info is None or self._created_at is None:
            return
        printer = self.choose_printer()
        if printer is None:
            return
        document = QTextDocument()
        document.setHtml(recovery_sheet_html(self._recovery_key, self._info, self._created_at))
        document.print_(printer)

    def save_sheet_pdf(self) -> None:
        """Warn that the PDF is not encrypted, ask where, then write it atomically."""
        if self._recovery_key is None or self._info is None or self._created_at is None:
            return
        if not self.prompts.confirm(self, self.tr("Fichier non chiffré"), self.tr(
            "Le fichier PDF n'est pas chiffré : quiconque l'ouvre lit la clé de secours. "
            "Gardez-le comme la feuille papier, sur un support rangé sous clé, jamais avec "
            "les sauvegardes ; ou imprimez-le puis supprimez-le.\n\nContinuer ?"
        )):
            return
        path = self.choose_pdf_path()
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        if path.resolve().is_relative_to(self.data_dir.resolve()):
            self.prompts.error(self, self.tr("Emplacement refusé"), self.tr(
                "N'enregistrez pas la clé dans le dossier de la station : qui copierait ce "
                "dossier aurait tout. Choisissez un support rangé à part."
            ))
            return
        key, info, created_at = self._recovery_key, self._info, self._created_at

        def write() -> Path:
            write_atomic(path, recovery_sheet_pdf(key, info, created_at))
            return path

        def done(written: Path) -> None:
            self.prompts.info(self, self.tr("Clé enregistrée"), self.tr(
                "La feuille de la clé de secours est enregistrée dans :\n{path}\n\n"
                "Rangez ce fichier comme le papier, ou supprimez-le une fois imprimé."
            ).format(path=written))

        def failed(exc: BaseException) -> None:
            self.prompts.error(self, self.tr("Enregistrement impossible"), save_error_message(exc))

        self.runner.run(write, done, failed)

    # -- closing -------------------------------------------------------------------------------
    def reject(self) -> None:
        """Cancel before creation; after it, confirm first (the key will not be shown again)."""
        if self.creation_page.busy or self.restore_page.busy:
            return  # a creation cannot be stopped halfway; it ends in seconds
        if self.restored:
            self.done(QDialog.DialogCode.Accepted)  # the station is back: go on to the login
            return
        if self.created_login:
            if not self.prompts.confirm(self, self.tr("Fermer l'assistant ?"), self.tr(
                "La clé de secours ne sera plus jamais affichée. Sans elle, un compte de "
                "responsable verrouillé ne pourra pas être débloqué.\n\n"
                "L'avez-vous imprimée ou notée ? Fermer quand même ?"
            )):
                return
            self.done(QDialog.DialogCode.Accepted)  # the station exists: go on to the login
            return
        super().reject()

    def done(self, result: int) -> None:
        # The key lives on paper now: drop it from the widgets and from this object.
        self._recovery_key = None
        self.key_page.forget_key()
        super().done(result)
