"""The set-up wizard's other road: « Restaurer une sauvegarde » instead of creating a station.

A new PC, a reinstalled one, a disk that died: the station comes back from a backup file. The
file is checked first (its checksums, in the runner: it may be large), then opened with an
account's password or the recovery key; only a backup that opens and passes the integrity check
becomes the station (:func:`anaiss_desktop.services.backup.restore`, which also sets aside,
never deletes, a station found in the folder). Restoring runs Argon2id and copies the file, so
it goes through the task runner with a busy bar.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..services.backup import BACKUP_SUFFIX, BackupManifest, read_manifest, restore
from ..services.clock import format_local
from .drive_picker import size_text
from .messages import ERROR_STYLE, mute, user_message

if TYPE_CHECKING:
    from .setup_wizard import SetupWizard


def _label(text: str = "", style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class RestorePage(QWizardPage):
    """Choose the backup file, say how to open it, restore (commit page: no way back)."""

    def __init__(self, wizard: SetupWizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wizard = wizard
        self._busy = False
        self._in_validate = False
        self.path: Path | None = None
        self.manifest: BackupManifest | None = None
        self.setTitle(self.tr("Restaurer une sauvegarde"))
        self.setSubTitle(self.tr(
            "La station revient telle qu'elle était au moment de la sauvegarde."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Restaurer"))

        self.choose_button = QPushButton(self.tr("&Choisir le fichier de sauvegarde…"))
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.file_label = _label(self.tr("Aucun fichier choisi."))
        self.file_label.setObjectName("file_label")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mute(self.file_label)

        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login_edit")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery_check = QCheckBox(self.tr("Utiliser la &clé de secours de la station"))
        self.recovery_check.toggled.connect(self._on_recovery_check_toggled)
        self.recovery_edit = QLineEdit()
        self.recovery_edit.setObjectName("recovery_edit")
        self.recovery_edit.setPlaceholderText(self.tr("la clé imprimée à la création"))
        self.recovery_edit.hide()
        for edit in (self.login_edit, self.password_edit, self.recovery_edit):
            edit.textChanged.connect(self._on_field_changed)
        self.login_label = QLabel(self.tr("&Identifiant d'un compte de la station :"))
        self.login_label.setBuddy(self.login_edit)
        self.password_label = QLabel(self.tr("&Mot de passe de ce compte :"))
        self.password_label.setBuddy(self.password_edit)

        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(12)
        self.busy_bar.hide()
        self.error_label = _label("", ERROR_STYLE)
        self.error_label.setObjectName("error_label")
        self.error_label.hide()

        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.file_label)
        layout.addSpacing(8)
        layout.addWidget(self.login_label)
        layout.addWidget(self.login_edit)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.recovery_check)
        layout.addWidget(self.recovery_edit)
        layout.addSpacing(8)
        layout.addWidget(self.busy_bar)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    @property
    def busy(self) -> bool:
        return self._busy

    # -- the file ------------------------------------------------------------------------------
    @Slot()
    def _on_choose_button_clicked(self) -> None:
        path = self._wizard.choose_backup_file()
        if path is not None:
            self.check_file(path)

    def check_file(self, path: Path) -> None:
        """Read the file's manifest and check its checksums (in the runner)."""
        self.path, self.manifest = None, None
        self.file_label.setText(self.tr("Vérification de %s…") % path)
        self._show_error("")
        self._set_busy(True)

        def done(manifest: BackupManifest) -> None:
            self._set_busy(False)
            self.path, self.manifest = Path(path), manifest
            self.file_label.setText(self.tr(
                "%s\nSauvegarde du %s (ANAISS Desktop %s), %s ; fichier complet et intact.")
                % (path, format_local(manifest.created_at).removeprefix("le "),
                   manifest.application_version, size_text(Path(path).stat().st_size)))
            self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self.file_label.setText(str(path))
            self._show_error(user_message(exc))

        self._wizard.runner.run(lambda: read_manifest(Path(path)), done, failed)

    # -- how to open it ------------------------------------------------------------------------
    @Slot(bool)
    def _on_recovery_check_toggled(self, checked: bool) -> None:
        for widget in (self.login_label, self.login_edit, self.password_label,
                       self.password_edit):
            widget.setVisible(not checked)
        self.recovery_edit.setVisible(checked)
        self.completeChanged.emit()

    @Slot()
    def _on_field_changed(self) -> None:
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt API
        if self._busy or self.manifest is None:
            return False
        if self.recovery_check.isChecked():
            return bool(self.recovery_edit.text().strip())
        return bool(self.login_edit.text().strip() and self.password_edit.text())

    # -- restoring -----------------------------------------------------------------------------
    def validatePage(self) -> bool:  # noqa: N802 - Qt API
        """Start the restore; move on only once it has succeeded."""
        if self._wizard.created_login or self._wizard.restored:
            return True
        if self._busy or self.path is None:
            return False
        self._in_validate = True
        try:
            self._start()
        finally:
            self._in_validate = False
        return self._wizard.restored

    def _start(self) -> None:
        wizard, path = self._wizard, self.path
        assert path is not None
        if self.recovery_check.isChecked():
            login, password, key = None, None, self.recovery_edit.text().strip()
        else:
            login, password, key = self.login_edit.text().strip(), self.password_edit.text(), None

        def work():
            return restore(path, wizard.data_dir, login=login, password=password,
                           recovery_key=key, clock=wizard.clock)

        def done(result) -> None:
            self._set_busy(False)
            self.password_edit.clear()
            self.recovery_edit.clear()
            wizard.station_restored(login or "", result)
            if not self._in_validate and wizard.currentPage() is self:
                wizard.next()

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            self._show_error(user_message(exc))

        self._show_error("")
        self._set_busy(True)
        wizard.runner.run(work, done, failed)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy_bar.setVisible(busy)
        self.choose_button.setEnabled(not busy)
        self.completeChanged.emit()
        self._wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)


class RestoredPage(QWizardPage):
    """The station is back: where it is, what was set aside, and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Station restaurée"))
        self.setFinalPage(True)
        self.summary_label = _label()
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)

    def nextId(self) -> int:  # noqa: N802 - Qt API
        return -1

    def show_result(self, data_dir: Path, set_aside: Path | None) -> None:
        text = self.tr(
            "La station est restaurée dans :\n%s\n\nConnectez-vous avec votre identifiant et "
            "votre mot de passe habituels. Ce qui a été saisi après la sauvegarde n'y est "
            "pas : ressaisissez-le si besoin.") % data_dir
        if set_aside is not None:
            text += self.tr("\n\nLa station qui se trouvait dans ce dossier a été mise de côté "
                            "(rien n'a été effacé) :\n%s") % set_aside
        self.summary_label.setText(text)


def ask_backup_file(parent: QWidget) -> Path | None:
    """The system's file dialog, filtered on backups."""
    path, _filter = QFileDialog.getOpenFileName(
        parent, parent.tr("Choisir une sauvegarde"), str(Path.home()),
        parent.tr("Sauvegarde ANAISS (*%s);;Tous les fichiers (*)") % BACKUP_SUFFIX)
    return Path(path) if path else None
