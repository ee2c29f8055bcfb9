"""« Courriers en série… »: the same letter for several dossiers, e.g. tomorrow's appointments.

The list starts from the appointments of a day (tomorrow by default) in the dossiers this
account may write letters in; every line is ticked and can be unticked. The letters are made on
a worker with a progress bar and *Annuler* (the letters already made stay, each kept in its
dossier); a dossier whose letter cannot be made (no address, no appointment to come, no consent
for a liaison letter…) is skipped and named with the reason. The result is one PDF to print at
once, or one PDF per person; both can be saved (not encrypted: the person is told) and the
single PDF printed. Each letter, print and copy is in the audit log.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import long_date
from ...services.letter_batch import AppointmentDossier, dossiers_with_appointment_on
from ...services.letters import BatchResult, LetterService, LetterTemplateService, TemplateEntry
from ...services.session import Session
from ..messages import ERROR_STYLE, INFO_STYLE, mute, user_message
from ..progress import ProgressBridge, progress_dialog
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import WARNING_STYLE, LetterWindow
from .printing import opened_pdf

DEFAULT_TEMPLATE = "proposition_rendez_vous"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class BatchLettersDialog(LetterWindow):
    """Choose a letter and dossiers, make every letter, then save or print them.

    Args:
        session: the signed-in session.
        runner: runs the reading, the batch, printing and writing off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the main window.

    Signals:
        progressed(int, int): dossiers done, dossiers in all (on the GUI thread).
        dossiers_changed(list): the dossiers that received a letter (their tabs refresh).
    """

    progressed = Signal(int, int)
    dossiers_changed = Signal(list)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self._templates: list[TemplateEntry] = []
        self._appointments: list[AppointmentDossier] = []
        self.free_edits: dict[str, QLineEdit] = {}
        self._bridge: ProgressBridge | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.result: BatchResult | None = None
        self._result_one_file = True
        self.setWindowTitle(self.tr("Courriers en série"))
        self.setMinimumSize(720, 640)
        self.resize(820, 760)
        self._build()
        self._update_buttons()
        self.load_templates()
        self.load_dossiers()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        intro = QLabel(self.tr(
            "Le même courrier pour plusieurs personnes, par exemple les propositions de "
            "rendez-vous de demain. Chaque courrier est classé dans son dossier."), self)
        intro.setWordWrap(True)
        mute(intro)

        letter_box = QGroupBox(self.tr("1. Courrier"), self)
        letter_layout = QVBoxLayout(letter_box)
        self.template_combo = QComboBox(letter_box)
        self.template_combo.setObjectName("template_combo")
        self.template_combo.setAccessibleName(self.tr("Courrier type"))
        self.description_label = QLabel(letter_box)
        self.description_label.setWordWrap(True)
        mute(self.description_label)
        self.free_form = QFormLayout()
        self.free_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        letter_layout.addWidget(self.template_combo)
        letter_layout.addWidget(self.description_label)
        letter_layout.addLayout(self.free_form)

        people_box = QGroupBox(self.tr("2. Personnes"), self)
        people_layout = QVBoxLayout(people_box)
        date_row = QHBoxLayout()
        date_caption = QLabel(self.tr("Rendez-vous du :"), people_box)
        self.date_edit = QDateEdit(people_box)
        self.date_edit.setObjectName("date_edit")
        self.date_edit.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
        self.date_edit.setDisplayFormat("dddd d MMMM yyyy")
        self.date_edit.setCalendarPopup(True)
        tomorrow = self._session.today() + timedelta(days=1)
        self.date_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        date_caption.setBuddy(self.date_edit)
        date_row.addWidget(date_caption)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        self.dossiers_list = QListWidget(people_box)
        self.dossiers_list.setObjectName("dossiers_list")
        self.dossiers_list.setAccessibleName(self.tr("Dossiers"))
        self.empty_label = QLabel(people_box)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setWordWrap(True)
        mute(self.empty_label)
        self.empty_label.hide()
        check_row = QHBoxLayout()
        self.check_all_button = QPushButton(self.tr("Tout cocher"), people_box)
        self.check_none_button = QPushButton(self.tr("Tout décocher"), people_box)
        self.count_label = QLabel(people_box)
        self.count_label.setObjectName("count_label")
        check_row.addWidget(self.check_all_button)
        check_row.addWidget(self.check_none_button)
        check_row.addStretch(1)
        check_row.addWidget(self.count_label)
        people_layout.addLayout(date_row)
        people_layout.addWidget(self.dossiers_list, 1)
        people_layout.addWidget(self.empty_label)
        people_layout.addLayout(check_row)

        file_box = QGroupBox(self.tr("3. Fichier"), self)
        file_layout = QVBoxLayout(file_box)
        self.one_file_radio = QRadioButton(self.tr("Un seul PDF, à imprimer en une fois"),
                                           file_box)
        self.one_file_radio.setObjectName("one_file_radio")
        self.per_person_radio = QRadioButton(self.tr("Un PDF par personne"), file_box)
        self.per_person_radio.setObjectName("per_person_radio")
        self.one_file_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.one_file_radio)
        group.addButton(self.per_person_radio)
        file_layout.addWidget(self.one_file_radio)
        file_layout.addWidget(self.per_person_radio)

        self.make_button = QPushButton(self.tr("&Faire les courriers"), self)
        self.make_button.setObjectName("make_button")
        make_row = QHBoxLayout()
        make_row.addStretch(1)
        make_row.addWidget(self.make_button)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.hide()
        self.problems_list = QListWidget(self)
        self.problems_list.setObjectName("problems_list")
        self.problems_list.setAccessibleName(self.tr("Dossiers sans courrier"))
        self.problems_list.setMaximumHeight(120)
        self.problems_list.setWordWrap(True)
        self.problems_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.problems_list.hide()

        self.save_button = QPushButton(self.tr("&Enregistrer…"), self)
        self.save_button.setObjectName("save_button")
        self.save_button.setToolTip(self.tr("Copie non chiffrée, notée dans le journal"))
        self.print_button = QPushButton(self.tr("&Imprimer…"), self)
        self.print_button.setObjectName("print_button")
        self.close_button = QPushButton(self.tr("Fe&rmer"), self)
        self.close_button.setObjectName("close_button")
        for button in (self.check_all_button, self.check_none_button, self.make_button):
            button.setAutoDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(letter_box)
        layout.addWidget(people_box, 1)
        layout.addWidget(file_box)
        layout.addLayout(make_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.problems_list)
        layout.addLayout(self.button_row(self.save_button, self.print_button,
                                         self.close_button))

        self.template_combo.currentIndexChanged.connect(self._on_template_combo_changed)
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.dossiers_list.itemChanged.connect(self._on_dossiers_list_item_changed)
        self.check_all_button.clicked.connect(self._on_check_all_button_clicked)
        self.check_none_button.clicked.connect(self._on_check_none_button_clicked)
        self.make_button.clicked.connect(self._on_make_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(self._on_print_button_clicked)
        self.template_combo.setFocus()

    # -- state ---------------------------------------------------------------------------------
    def chosen_day(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    def set_day(self, day: date) -> None:
        self.date_edit.setDate(QDate(day.year, day.month, day.day))

    def current_template(self) -> TemplateEntry | None:
        index = self.template_combo.currentIndex()
        return self._templates[index] if 0 <= index < len(self._templates) else None

    def choose_template(self, title_or_key: str) -> None:
        for index, entry in enumerate(self._templates):
            if title_or_key in (entry.template.title, entry.template.key):
                self.template_combo.setCurrentIndex(index)
                return
        raise KeyError(title_or_key)

    def dossier_lines(self) -> list[tuple[str, bool]]:
        """(text, ticked) of every line of the list, as shown."""
        return [(self.dossiers_list.item(n).text(),
                 self.dossiers_list.item(n).checkState() == Qt.CheckState.Checked)
                for n in range(self.dossiers_list.count())]

    def checked_dossiers(self) -> list[int]:
        items = (self.dossiers_list.item(n) for n in range(self.dossiers_list.count()))
        return [item.data(Qt.ItemDataRole.UserRole) for item in items
                if item.checkState() == Qt.CheckState.Checked]

    def set_checked(self, dossier_id: int, checked: bool) -> None:
        for n in range(self.dossiers_list.count()):
            item = self.dossiers_list.item(n)
            if item.data(Qt.ItemDataRole.UserRole) == dossier_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _single_pdf(self) -> bytes | None:
        result = self.result
        if result is None or not self._result_one_file or len(result.files) != 1:
            return None
        return result.files[0][1]

    def _update_buttons(self) -> None:
        if not hasattr(self, "close_button"):
            return
        # Not disabled for the short reads (a disabled widget loses the keyboard focus: the
        # date is changed with the arrows); only while the letters are made.
        idle = self._bridge is None
        checked = len(self.checked_dossiers())
        self.count_label.setText(_plural(checked, "dossier coché", "dossiers cochés"))
        for widget in (self.template_combo, self.date_edit, self.dossiers_list,
                       self.check_all_button, self.check_none_button, self.one_file_radio,
                       self.per_person_radio):
            widget.setEnabled(idle)
        self.make_button.setEnabled(idle and checked > 0 and self.current_template() is not None)
        has_files = self.result is not None and bool(self.result.files)
        self.save_button.setEnabled(idle and has_files)
        single = self._single_pdf() is not None
        self.print_button.setEnabled(idle and single)
        self.print_shortcut.setEnabled(idle and single)
        self.print_button.setVisible(self.result is None or single)
        self.close_button.setEnabled(True)

    # -- loading -------------------------------------------------------------------------------
    def load_templates(self) -> None:
        session = self._session
        self._call(lambda: LetterTemplateService(session).templates(),
                   self._on_templates_loaded, self._on_load_failed)

    def _on_templates_loaded(self, entries: list[TemplateEntry]) -> None:
        self._templates = list(entries)
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for entry in self._templates:
            self.template_combo.addItem(entry.template.title)
        keys = [e.template.key for e in self._templates]
        self.template_combo.setCurrentIndex(keys.index(DEFAULT_TEMPLATE)
                                            if DEFAULT_TEMPLATE in keys else 0)
        self.template_combo.blockSignals(False)
        self._on_template_combo_changed(self.template_combo.currentIndex())

    def load_dossiers(self) -> None:
        """The dossiers with an appointment on the chosen day, all ticked."""
        session, day = self._session, self.chosen_day()
        self._call(lambda: dossiers_with_appointment_on(session, day),
                   lambda lines: self._on_dossiers_loaded(day, lines), self._on_load_failed)

    def _on_dossiers_loaded(self, day: date, lines: list[AppointmentDossier]) -> None:
        if day != self.chosen_day():
            return  # the date changed again meanwhile: its own list is on its way
        self._appointments = list(lines)
        self.dossiers_list.blockSignals(True)
        self.dossiers_list.clear()
        for line in self._appointments:
            when = (f"{int(line.time[:2])} h {line.time[3:]}" if line.time
                    else self.tr("dans la journée"))
            item = QListWidgetItem(f"{when} — {line.person_name} — {line.number}",
                                   self.dossiers_list)
            item.setData(Qt.ItemDataRole.UserRole, line.dossier_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.dossiers_list.blockSignals(False)
        if not self._appointments:
            self.empty_label.setText(self.tr(
                "Aucun rendez-vous le %s dans les dossiers où vous pouvez écrire.")
                % long_date(self.chosen_day()))
        self.empty_label.setVisible(not self._appointments)
        self._update_buttons()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.show_status(user_message(exc), error=True)
        self._update_buttons()

    @Slot(int)
    def _on_template_combo_changed(self, _index: int) -> None:
        entry = self.current_template()
        while self.free_form.rowCount():
            self.free_form.removeRow(0)
        self.free_edits = {}
        if entry is None:
            self.description_label.setText("")
            self._update_buttons()
            return
        text = entry.template.description
        if entry.template.needs_consent_to_share:
            text += " " + self.tr("Seuls les dossiers notant l'accord de la personne le "
                                  "recevront.")
        self.description_label.setText(text.strip())
        for free in entry.template.free_fields:
            edit = QLineEdit(self)
            edit.setObjectName(f"free_{free.name}_edit")
            self.free_form.addRow(f"{free.label} :", edit)
            self.free_edits[free.name] = edit
        previous: QWidget = self.template_combo
        for edit in self.free_edits.values():
            QWidget.setTabOrder(previous, edit)
            previous = edit
        QWidget.setTabOrder(previous, self.date_edit)
        self._update_buttons()

    @Slot(QDate)
    def _on_date_edit_date_changed(self, _day: QDate) -> None:
        self.load_dossiers()

    @Slot(QListWidgetItem)
    def _on_dossiers_list_item_changed(self, _item: QListWidgetItem) -> None:
        self._update_buttons()

    @Slot()
    def _on_check_all_button_clicked(self) -> None:
        self._check_all(True)

    @Slot()
    def _on_check_none_button_clicked(self) -> None:
        self._check_all(False)

    def _check_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.dossiers_list.blockSignals(True)
        for n in range(self.dossiers_list.count()):
            self.dossiers_list.item(n).setCheckState(state)
        self.dossiers_list.blockSignals(False)
        self._update_buttons()

    # -- making the letters --------------------------------------------------------------------
    @Slot()
    def _on_make_button_clicked(self) -> None:
        self.start_batch()

    def start_batch(self) -> None:
        """Ask, then make every letter on the worker, with a progress bar and *Annuler*."""
        entry = self.current_template()
        ids = self.checked_dossiers()
        if entry is None or not ids or self._bridge is not None or self.busy:
            return
        one_file = self.one_file_radio.isChecked()
        question = self.tr(
            "Faire le courrier « %s » pour %s ? Chaque courrier est classé dans son dossier "
            "et noté dans le journal.") % (entry.template.title,
                                            _plural(len(ids), "personne", "personnes"))
        if not self._prompts.confirm(self, self.tr("Courriers en série"), question):
            return
        self.result = None
        self._show_result()
        bridge = ProgressBridge(self)
        self._bridge = bridge
        progress = progress_dialog(self, self.tr("Préparation des courriers…"),
                                   self.tr("Courriers en série"), len(ids), self.tr("Annuler"))
        progress.canceled.connect(self._on_progress_dialog_canceled)
        bridge.advanced.connect(self._on_bridge_advanced)
        self.progress_dialog = progress
        progress.show()
        session, key, free = self._session, entry.template.key, self._free_values()
        day = self.date_edit.date().toPython()  # rdv.* is that day's appointment

        def work() -> BatchResult:
            return LetterService(session).batch(ids, key, free, one_file=one_file,
                                                appointment_on=day,
                                                progress=bridge.report,
                                                cancelled=bridge.is_cancelled)

        def done(result: BatchResult) -> None:
            self._finish_batch()
            self.result = result
            self._result_one_file = one_file
            self._show_result()
            self._update_buttons()
            if result.letter_ids:
                self.dossiers_changed.emit(ids)

        def failed(exc: BaseException) -> None:
            self._finish_batch()
            self._update_buttons()
            self._prompts.error(self, self.tr("Courriers non faits"), user_message(exc))

        self._call(work, done, failed)

    def _free_values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.free_edits.items()}

    @Slot(int, int)
    def _on_bridge_advanced(self, done: int, total: int) -> None:
        progress = self.progress_dialog
        if progress is not None and not (self._bridge and self._bridge.is_cancelled()):
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(self.tr("Courrier %d sur %d…") % (done, total))
        self.progressed.emit(done, total)

    @Slot()
    def _on_progress_dialog_canceled(self) -> None:
        self.cancel_batch()

    def cancel_batch(self) -> None:
        """Stop after the letter being made (the ones made stay in their dossiers)."""
        if self._bridge is not None:
            self._bridge.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr(
                "Arrêt après le courrier en cours (ceux déjà faits restent classés)…"))

    def _finish_batch(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self._on_progress_dialog_canceled)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self._bridge is not None:
            self._bridge.deleteLater()
        self._bridge = None

    def _show_result(self) -> None:
        result = self.result
        self.problems_list.clear()
        if result is None:
            self.summary_label.hide()
            self.problems_list.hide()
            self.show_status("")
            return
        made = len(result.letter_ids)
        if made == 0:
            parts = [self.tr("Aucun courrier n'a été fait.")]
        elif made == 1:
            parts = [self.tr("1 courrier fait, classé dans son dossier.")]
        else:
            parts = [self.tr("%d courriers faits, chacun classé dans son dossier.") % made]
        if result.cancelled:
            parts.insert(0, self.tr("Arrêté à votre demande."))
        if made:
            parts.append(self.tr("« Enregistrer… » ou « Imprimer… » pour les envoyer.")
                         if self._single_pdf() is not None
                         else self.tr("« Enregistrer… » pour écrire un PDF par personne."))
        if result.problems:
            parts.append(self.tr("%s sans courrier :")
                         % _plural(len(result.problems), "dossier", "dossiers"))
        self.summary_label.setText(" ".join(parts))
        self.summary_label.setStyleSheet(
            ERROR_STYLE if not made else WARNING_STYLE if result.problems else INFO_STYLE)
        self.summary_label.show()
        for number, message in result.problems:
            item = QListWidgetItem(f"{number} : {message}", self.problems_list)
            item.setToolTip(message)
        self.problems_list.setVisible(bool(result.problems))

    def summary_text(self) -> str:
        return self.summary_label.text() if self.summary_label.isVisible() else ""

    def problem_lines(self) -> list[str]:
        return [self.problems_list.item(n).text() for n in range(self.problems_list.count())]

    # -- sending -------------------------------------------------------------------------------
    @Slot()
    def _on_save_button_clicked(self) -> None:
        result = self.result
        if result is None or not result.files or self.busy or not self.confirm_unencrypted():
            return
        single = self._single_pdf()
        if single is not None:
            self.save_copy(single, result.letter_ids, result.files[0][0])
        else:
            self.save_copies(result.files, result.letter_ids)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        single = self._single_pdf()
        if single is None or self.result is None or self.busy:
            return
        with opened_pdf(single) as document:
            pages = document.pageCount()
        self.print_kept(single, self.result.letter_ids, self.result.files[0][0].removesuffix(
            ".pdf"), pages)

    # -- closing -------------------------------------------------------------------------------
    def _forget(self) -> None:
        self.result = None
        if self._bridge is not None:
            self._bridge.cancel()

    def reject(self) -> None:
        """Escape or Fermer while the letters are made asks to stop instead."""
        if self._bridge is not None:
            self.cancel_batch()
            return
        super().reject()

