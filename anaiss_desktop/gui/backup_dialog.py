"""« Sauvegarder la station… »: an encrypted copy of the whole station to a drive the person picks.

The backup holds every dossier, account and the audit log, encrypted as on the PC: it opens only
with an account's password or the recovery key. The password is asked again (the copy leaves
the PC), the drive is picked like for the statistics (removable first), and the copy runs on
the task runner with a progress bar and *Annuler*, which leaves nothing on the drive. The file
is read back before the dialog says the stick can be removed. The rules (password given in the
last minutes, audit entry) are the service's (:mod:`anaiss_desktop.services.backup`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..services.backup import BackupService
from ..services.clock import format_local
from ..services.errors import AccountLocked
from ..services.session import Session
from .drive_picker import DrivePicker, size_text
from .drives import Drive, list_drives
from .messages import mute, user_message
from .progress import ProgressBridge
from .prompts import Prompts
from .task_dialog import TaskDialog
from .workers import TaskRunner


class BackupDialog(TaskDialog):
    """Args:
        session: the signed-in session.
        runner: runs the password check and the copy.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the main window.
        drives, choose_folder: see :class:`~anaiss_desktop.gui.drive_picker.DrivePicker`.

    Signals:
        backed_up(str): the path of the backup written and read back.
        locked_out(): three wrong passwords locked the account (the session is closed).
    """

    backed_up = Signal(str)
    locked_out = Signal()

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None, *,
                 drives: Callable[[], list[Drive]] = list_drives,
                 choose_folder: Callable[[QWidget], Path | None] | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.setObjectName("backup_dialog")
        self.setWindowTitle(self.tr("Sauvegarder la station"))
        self._bridge: ProgressBridge | None = None
        self.written: Path | None = None

        intro = QLabel(self.tr(
            "La sauvegarde est une copie chiffrée de toute la station : dossiers, comptes et "
            "journal. Elle ne s'ouvre qu'avec le mot de passe d'un compte ou la clé de secours. "
            "Rangez la clé USB en lieu sûr, hors du bureau si possible."), self)
        intro.setWordWrap(True)
        self.last_label = QLabel(self)
        self.last_label.setObjectName("last_label")
        mute(self.last_label)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("Votre &mot de passe :"), self.password_edit)
        self.picker = DrivePicker(
            self.tr("Support de la sauvegarde (les supports amovibles en tête) :"),
            self.tr("Ce n'est pas un support amovible : une sauvegarde sur le même poste ne "
                    "protège pas d'une panne ou d'un vol du poste. Préférez une clé USB ou un "
                    "disque externe."),
            self, drives=drives, choose_folder=choose_folder)
        self.picker.selection_changed.connect(self._update_buttons)
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setObjectName("progress_bar")
        self.progress_bar.hide()
        self.done_label = QLabel(self)
        self.done_label.setObjectName("done_label")
        self.done_label.setWordWrap(True)
        self.done_label.hide()

        self.backup_button = QPushButton(self.tr("&Sauvegarder"), self)
        self.backup_button.setObjectName("backup_button")
        self.backup_button.setAutoDefault(False)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.close_button = QPushButton(self.tr("Fermer"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress_bar, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.last_label)
        layout.addLayout(form)
        layout.addWidget(self.picker, 1)
        layout.addWidget(self.done_label)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(760, 520)
        self._show_last()
        self.picker.refresh()
        self.password_edit.setFocus()

    def _show_last(self) -> None:
        last = BackupService(self._session).last_backup()
        self.last_label.setText(
            self.tr("Dernière sauvegarde : %s.") % format_local(last) if last
            else self.tr("Aucune sauvegarde n'a encore été faite depuis cette station."))

    def _update_buttons(self) -> None:
        busy = self.busy
        self.backup_button.setEnabled(not busy and self.picker.selected_drive() is not None)
        self.picker.set_busy(busy)
        self.password_edit.setEnabled(not busy)
        self.close_button.setText(self.tr("Annuler") if busy else self.tr("Fermer"))
        self.progress_bar.setVisible(busy)

    # -- backing up ----------------------------------------------------------------------------
    @Slot()
    def _on_backup_button_clicked(self) -> None:
        self.backup()

    def backup(self) -> None:
        """Check the password, then copy the station to the chosen drive (in the runner)."""
        drive = self.picker.selected_drive()
        password = self.password_edit.text()
        if drive is None or self.busy:
            return
        if not password:
            self.show_status(self.tr("Saisissez votre mot de passe."), error=True)
            self.password_edit.setFocus()
            return
        self.password_edit.clear()
        self.done_label.hide()
        bridge = ProgressBridge(self)
        bridge.advanced.connect(self._on_bridge_advanced)
        self._bridge = bridge
        self.progress_bar.setRange(0, 0)
        session, folder = self._session, drive.root

        def work() -> Path:
            session.confirm_password(password)
            return BackupService(session).make(folder, bridge.report)

        self.show_status(self.tr("Sauvegarde en cours sur %s…") % drive.label, error=False)
        self._call(work, self._on_done, self._on_failed)

    @Slot(int, int)
    def _on_bridge_advanced(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)

    def _end(self) -> None:
        if self._bridge is not None:
            self._bridge.deleteLater()
        self._bridge = None
        self._update_buttons()

    def _on_done(self, path: Path) -> None:
        self._end()
        if not self._alive():
            return
        self.written = Path(path)
        drive = self.picker.selected_drive()
        size = Path(path).stat().st_size if Path(path).exists() else 0
        text = self.tr("Sauvegarde écrite et relue : %s (%s).") % (path, size_text(size))
        if drive is not None and drive.removable:
            text += self.tr(" Vous pouvez retirer la clé « %s » (éjectez-la d'abord si votre "
                            "système le demande).") % drive.label
        self.done_label.setText(text)
        self.done_label.show()
        self.show_status("")
        self._show_last()
        self.backed_up.emit(str(path))

    def _on_failed(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, AccountLocked):
            self._prompts.error(self, self.tr("Compte verrouillé"), exc.message)
            self._closed = True
            self.locked_out.emit()
            self.done(self.DialogCode.Rejected)
            return
        if not self._alive():
            return
        self.show_status(user_message(exc), error=True)
        self.picker.refresh()

    # -- closing -------------------------------------------------------------------------------
    def cancel_backup(self) -> None:
        """Stop a running backup (Annuler, or the session locking): the service removes what
        it wrote."""
        if self.busy and self._bridge is not None:
            self._bridge.cancel()
            self.show_status(self.tr("Annulation : rien ne restera sur le support…"),
                             error=False)

    @Slot()
    def _on_close_button_clicked(self) -> None:
        if self.busy:
            self.cancel_backup()
            return
        self.reject()

    def _forget(self) -> None:
        self.password_edit.clear()
