"""« Exporter les statistiques » : the unit manager's export to a USB stick, in four steps.

1. **Période** — the months, the station code and the threshold (from the settings), and the
   manager's password again: the files will leave the encrypted store.
2. **Aperçu** — exactly what will be written: the published tables (hidden counts already
   shown as « s ») and the one-page PDF summary, with the file names.
3. **Support** — removable drives first; an internal disk or a folder chosen by hand is
   possible after a warning (the files would stay on the PC, unencrypted).
4. **Terminé** — the files were written all or none, read back and compared; the stick can
   be removed. A full or pulled-out stick leaves nothing and says so; the person can choose
   another drive and try again without computing anything again.

Computing (≤ 2 s for 100,000 dossiers) and writing run in the task runner, with a busy bar;
closing is refused while they run, and the end of the session closes the dialog and drops the
figures. The rules (manager only, password given in the last minutes) are the services'.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.stats import PublishedTable
from ...domain.suppression import MAX_THRESHOLD, MIN_THRESHOLD
from ...services.drive_write import existing
from ...services.errors import AccountLocked
from ...services.session import Session
from ...services.station_settings import StationSettingsService
from ...services.stats import ExportFiles, StatsService, WrittenExport
from ...storage.settings_repo import StatsSettings
from ..drive_picker import DrivePicker, ask_folder, size_text
from ..drives import Drive, list_drives
from ..messages import mute, user_message
from ..prompts import Prompts
from ..task_dialog import TaskDialog, busy_bar, lay_out_steps, steps_text
from ..workers import TaskRunner
from .preview import StatsPreview

FRENCH = QLocale(QLocale.Language.French, QLocale.Country.France)


@dataclass(frozen=True)
class Prepared:
    """What step 2 shows and step 3 writes."""

    tables: tuple[PublishedTable, ...]
    files: ExportFiles
    period_label: str




class StatsExportDialog(TaskDialog):
    """Args:
        session: the manager's session.
        runner: runs the password check, the computation and the writing.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the main window.
        drives: lists the drives (tests pass their own).
        choose_folder: asks for a folder by hand ("Autre dossier…"; tests pass their own).

    Signals:
        exported(str): the folder the files were written to.
        locked_out(): three wrong passwords locked the account (the session is closed).
    """

    exported = Signal(str)
    locked_out = Signal()

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None, *,
                 drives: Callable[[], list[Drive]] = list_drives,
                 choose_folder: Callable[[QWidget], Path | None] | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.setObjectName("stats_export_dialog")
        self.setWindowTitle(self.tr("Exporter les statistiques anonymisées"))
        self._list_drives = drives
        self._choose_folder = choose_folder or ask_folder
        self._settings = StationSettingsService(session).stats_settings()
        self.prepared: Prepared | None = None
        self.written: WrittenExport | None = None

        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("steps_label")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_period_page())
        self.pages.addWidget(self._build_preview_page())
        self.pages.addWidget(self._build_drive_page())
        self.pages.addWidget(self._build_done_page())
        self.busy_bar = busy_bar(self)

        self.back_button = QPushButton(self.tr("< &Précédent"), self)
        self.next_button = QPushButton(self)
        self.close_button = QPushButton(self.tr("Annuler"), self)
        self.back_button.clicked.connect(self._on_back_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.close_button.clicked.connect(self.reject)
        lay_out_steps(self, self.steps_label, self.pages, self.busy_bar, self.back_button,
                      self.next_button, self.close_button)
        self.resize(860, 640)
        self._go(0)

    # -- pages ---------------------------------------------------------------------------------
    def _build_period_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("period_page")
        intro = QLabel(self.tr(
            "Les fichiers ne contiennent que des effectifs par mois et par catégorie : aucun "
            "nom, identifiant, date de naissance, adresse, texte libre ni nom de référent(e). "
            "Les petits effectifs sont masqués (secret statistique), ainsi que ce qui "
            "permettrait de les recalculer."), page)
        intro.setWordWrap(True)

        today = self._session.today()
        self.from_edit = self._month_edit(page, QDate(today.year - 1, 1, 1))
        self.from_edit.setObjectName("from_edit")
        self.to_edit = self._month_edit(page, QDate(today.year - 1, 12, 1))
        self.to_edit.setObjectName("to_edit")
        self.from_edit.dateChanged.connect(self._on_period_changed)
        self.to_edit.dateChanged.connect(self._on_period_changed)
        self.period_label = QLabel(page)
        self.period_label.setObjectName("period_label")
        mute(self.period_label)

        self.code_edit = QLineEdit(self._settings.station_code, page)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setMaxLength(20)
        self.code_edit.setPlaceholderText(self.tr("par exemple NORD-03"))
        self.threshold_spin = QSpinBox(page)
        self.threshold_spin.setObjectName("threshold_spin")
        self.threshold_spin.setRange(MIN_THRESHOLD, MAX_THRESHOLD)
        self.threshold_spin.setValue(self._settings.threshold)
        self.remember_check = QCheckBox(
            self.tr("Enregistrer ce code et ce seuil dans les paramètres de la station"), page)
        self.remember_check.setObjectName("remember_check")
        self.remember_check.setChecked(not self._settings.station_code)

        self.password_edit = QLineEdit(page)
        self.password_edit.setObjectName("password_edit")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.returnPressed.connect(self._on_next_button_clicked)

        form = QFormLayout()
        form.addRow(self.tr("&Du mois de :"), self.from_edit)
        form.addRow(self.tr("&Au mois de :"), self.to_edit)
        form.addRow("", self.period_label)
        form.addRow(self.tr("&Code de la station :"), self.code_edit)
        form.addRow(self.tr("&Seuil du secret statistique :"), self.threshold_spin)
        form.addRow("", self.remember_check)
        form.addRow(self.tr("Votre &mot de passe :"), self.password_edit)
        help_label = QLabel(self.tr(
            "Le mot de passe est demandé à nouveau : les fichiers vont quitter la base "
            "chiffrée."), page)
        help_label.setWordWrap(True)
        mute(help_label)
        form.addRow("", help_label)

        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch(1)
        self._on_period_changed()
        return page

    def _month_edit(self, parent: QWidget, value: QDate) -> QDateEdit:
        edit = QDateEdit(value, parent)
        edit.setLocale(FRENCH)
        edit.setDisplayFormat("MM/yyyy")
        edit.setCalendarPopup(False)
        today = self._session.today()
        edit.setMaximumDate(QDate(today.year, today.month, 1))
        edit.setMinimumDate(QDate(2000, 1, 1))
        return edit

    def _build_preview_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("preview_page")
        self.preview_label = QLabel(page)
        self.preview_label.setObjectName("preview_label")
        self.preview_label.setWordWrap(True)
        self.preview = StatsPreview(page)
        self.files_label = QLabel(page)
        self.files_label.setObjectName("files_label")
        self.files_label.setWordWrap(True)
        mute(self.files_label)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.files_label)
        return page

    def _build_drive_page(self) -> QWidget:
        self.picker = DrivePicker(
            self.tr("Branchez la clé USB, puis choisissez-la. Les supports amovibles sont en "
                    "tête de liste."),
            self.tr("Ce n'est pas un support amovible : les fichiers resteront sur ce poste ou "
                    "ce réseau, non chiffrés, à la portée de qui y a accès. Préférez une clé "
                    "USB."),
            self, drives=self._list_drives, choose_folder=self._choose_folder)
        self.picker.setObjectName("drive_page")
        self.picker.selection_changed.connect(self._update_buttons)
        return self.picker

    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("done_page")
        self.done_title = QLabel(self.tr("Export terminé et vérifié"), page)
        self.done_title.setStyleSheet("QLabel { font-size: 15pt; font-weight: bold; }")
        self.done_label = QLabel(page)
        self.done_label.setObjectName("done_label")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        return page

    # -- navigation ----------------------------------------------------------------------------
    STEPS = ("1. Période", "2. Aperçu", "3. Support", "4. Terminé")

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.steps_label.setText(steps_text(self.STEPS, index))
        self.show_status("")
        if index == 0:
            self.password_edit.setFocus()
        if index == 2:
            self.picker.refresh()
        self._update_buttons()

    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def _update_buttons(self) -> None:
        step, busy = self.step, self.busy
        self.busy_bar.setVisible(busy)
        self.back_button.setVisible(step in (1, 2))
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(step < 3)
        self.next_button.setText(
            (self.tr("&Aperçu >"), self.tr("&Choisir le support >"), self.tr("&Exporter"),
             "")[step])
        self.next_button.setEnabled(not busy and (step != 2 or self.selected_drive() is not None))
        self.close_button.setText(self.tr("Fermer") if step == 3 else self.tr("Annuler"))
        self.close_button.setEnabled(not busy)
        self.picker.set_busy(busy)

    @Slot()
    def _on_back_button_clicked(self) -> None:
        if self.busy:
            return
        if self.step == 1:
            self.preview.clear()
            self.prepared = None
        self._go(self.step - 1)

    @Slot()
    def _on_next_button_clicked(self) -> None:
        if self.busy:
            return
        if self.step == 0:
            self.compute()
        elif self.step == 1:
            self._go(2)
        elif self.step == 2:
            self.export()

    # -- step 1: period and password -----------------------------------------------------------
    def period_texts(self) -> tuple[str, str]:
        return (self.from_edit.date().toString("yyyy-MM"), self.to_edit.date().toString("yyyy-MM"))

    @Slot()
    def _on_period_changed(self) -> None:
        try:
            period = StatsService(self._session).parse_period(*self.period_texts())
        except Exception as exc:  # a French sentence from the service
            self.period_label.setText(user_message(exc))
            return
        self.period_label.setText(self.tr("Période : %s (%d mois)") % (
            period.label(), period.months))

    def compute(self) -> None:
        """Check the password, add the period up, publish it, make the files (in the runner)."""
        password = self.password_edit.text()
        if not password:
            self.show_status(self.tr("Saisissez votre mot de passe."), error=True)
            self.password_edit.setFocus()
            return
        first, last = self.period_texts()
        code = self.code_edit.text().strip()
        threshold = self.threshold_spin.value()
        remember = self.remember_check.isChecked()
        settings_before = self._settings
        session = self._session

        def work() -> Prepared:
            service = StatsService(session)
            period = service.parse_period(first, last)
            service.check_settings(threshold, code)  # before the password: nothing to lose
            session.confirm_password(password)
            if remember and StatsSettings(threshold, code) != settings_before:
                StationSettingsService(session).set_stats_settings(
                    StatsSettings(threshold, code))
            result = service.compute(period)
            files = service.export_files(result, threshold, code)
            return Prepared(service.publish(result, threshold), files, period.label())

        self.password_edit.clear()
        self.show_status(self.tr("Calcul des statistiques…"), error=False)
        self._call(work, self._on_computed, self._on_compute_failed)

    def _on_computed(self, prepared: Prepared) -> None:
        if not self._alive():
            return
        self.prepared = prepared
        self._settings = StationSettingsService(self._session).stats_settings()
        manifest = prepared.files.manifest
        self.preview_label.setText(self.tr(
            "Voici exactement ce qui sera écrit : station <b>%s</b>, %s, seuil du secret "
            "statistique %d.") % (manifest["station_code"], prepared.period_label,
                                 manifest["threshold"]))
        self.preview.show_export(prepared.tables, manifest["threshold"], prepared.files.pdf)
        self.files_label.setText(self.tr("Fichiers : %s") % " ; ".join(
            f"{name} ({size_text(len(data))})" for name, data in prepared.files.named()))
        self._go(1)

    def _on_compute_failed(self, exc: BaseException) -> None:
        if isinstance(exc, AccountLocked):
            self._prompts.error(self, self.tr("Compte verrouillé"), exc.message)
            self._closed = True
            self.locked_out.emit()
            self.done(self.DialogCode.Rejected)
            return
        if not self._alive():
            return
        self.show_status(user_message(exc), error=True)
        self.password_edit.setFocus()

    # -- step 3: the drive ---------------------------------------------------------------------
    def selected_drive(self) -> Drive | None:
        return self.picker.selected_drive()

    def export(self) -> None:
        """Write the files to the chosen drive (all or none, read back) in the runner."""
        drive, prepared = self.selected_drive(), self.prepared
        if drive is None or prepared is None:
            return
        names = [name for name, _data in prepared.files.named()]
        clash = existing(drive.root, names)
        if clash and not self._prompts.confirm(self, self.tr("Fichiers existants"), self.tr(
                "Ce support contient déjà un export de cette période (%s). Le remplacer ?")
                % ", ".join(clash)):
            return
        session, files, folder = self._session, prepared.files, drive.root

        def work() -> WrittenExport:
            return StatsService(session).write_export(files, folder)

        self.show_status(self.tr("Écriture sur %s…") % drive.label, error=False)
        self._call(work, self._on_written, self._on_write_failed)

    def _on_written(self, written: WrittenExport) -> None:
        if not self._alive():
            return
        self.written = written
        drive = self.selected_drive()
        lines = [self.tr("%d fichiers écrits dans %s, relus et identiques à l'aperçu :")
                 % (len(written.files), written.folder)]
        lines += [f"• {w.path.name} ({size_text(w.size)})" for w in written.files]
        if drive is not None and drive.removable:
            lines.append(self.tr("\nVous pouvez retirer la clé « %s » (éjectez-la d'abord si "
                                 "votre système le demande).") % drive.label)
        else:
            lines.append(self.tr("\nLes fichiers ne sont pas chiffrés : copiez-les où ils "
                                 "doivent aller, puis supprimez-les de cet emplacement."))
        lines.append(self.tr("L'export est noté dans le journal (période, destination, "
                             "empreinte du fichier CSV)."))
        self.done_label.setText("\n".join(lines))
        self.preview.clear()
        self._go(3)
        self.exported.emit(str(written.folder))

    def _on_write_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self.show_status(user_message(exc), error=True)
        self.picker.refresh()

    # -- closing -------------------------------------------------------------------------------
    def _forget(self) -> None:
        self.prepared = None
        self.password_edit.clear()
        self.preview.clear()


