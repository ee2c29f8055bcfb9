"""One dossier, as a tab of the main window: who, where things stand, and everything that happened.

The header answers the first questions at a glance (person, age, number, status, referent, last
contact, whether the person was informed and consented); the tabs hold the timeline, the
interventions, the appointments and follow-ups, the aids, and read-only summaries of the person
and the dossier with their "Modifier…" dialogs. Ctrl+E opens the interview entry from anywhere
in the dossier; "Courrier…" writes a form letter (:mod:`anaiss_desktop.gui.letters`, imported on
first use), and a letter of the timeline opens its kept PDF.

Everything is read and written through :class:`~anaiss_desktop.services.dossiers.DossierService`
on the task runner; the service applies the access rule, so an account that may not open the
dossier sees the refusal in place of the content. Errors are shown in French, in words the
person can act on, never as a traceback.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    SIGNAL,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QWidget,
)
from shiboken6 import isValid

from ...domain.access import Level
from ...domain.codes import OTHER, Code
from ...domain.dates import age_on, format_fr
from ...domain.records import Dossier, DossierInput, DossierStatus, Motif, Person
from ...services.codes import CodeService
from ...services.dossiers import AidRow, DossierService, DossierView, InterventionRow
from ...services.errors import NotAllowed
from ...services.person_export import PersonExportService
from ...services.persons import DuplicateCandidate, PersonService
from ...services.session import Session
from ..admin.common import setup_table
from ..forms.ui_dossier_edit_dialog import Ui_DossierEditDialog
from ..forms.ui_dossier_status_dialog import Ui_DossierStatusDialog
from ..forms.ui_dossier_window import Ui_DossierWindow
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .access_tab import AccessTab
from .delete_person import DeletePersonDialog
from .echeances import EcheanceDialog
from .history_dialog import HistoryDialog
from .intervention_entry import (
    DateKeys,
    InterventionEntryDialog,
    combo_code,
    fill_code_combo,
    format_amount,
    local_today,
)
from .merge_dialog import MergeDialog
from .timeline import CodeLabels
from .validated_dialog import ValidatedDialog

_Index = QModelIndex | QPersistentModelIndex

CODE_LISTS = ("type_intervention", "type_aide", "issue_aide", "origine", "motif",
              "mode_information", "motif_cloture", "situation_familiale")

HEADER_STYLE = """
QFrame#header_frame { background: #f3f6f9; border: 1px solid #d5dee8; border-radius: 6px; }
QLabel#name_label { font-size: 15pt; font-weight: 600; color: #1f3a5f; }
QLabel#age_label { font-size: 11pt; }
"""
BADGE_STYLES = {
    "ok": "QLabel { background: #e6f2ea; color: #1b5e20; border: 1px solid #b9d8c2;"
          " border-radius: 9px; padding: 2px 10px; }",
    "missing": "QLabel { background: #fbf5e6; color: #7a5a00; border: 1px solid #e8d9ad;"
               " border-radius: 9px; padding: 2px 10px; }",
    "open": "QLabel { background: #e7eff8; color: #1f3a5f; border: 1px solid #c5d5e8;"
            " border-radius: 9px; padding: 2px 10px; font-weight: 600; }",
    "dormant": "QLabel { background: #fbf5e6; color: #7a5a00; border: 1px solid #e8d9ad;"
               " border-radius: 9px; padding: 2px 10px; font-weight: 600; }",
    "closed": "QLabel { background: #ececec; color: #444444; border: 1px solid #cfcfcf;"
              " border-radius: 9px; padding: 2px 10px; font-weight: 600; }",
}
NONE_TEXT = "—"
COVER_BANNER_STYLE = ("QLabel { background: #fff4d6; color: #5c4400; border: 1px solid #e8cf85;"
                      " border-radius: 6px; padding: 6px 10px; }")
INFO_BANNER_STYLE = ("QLabel { background: #eef2f6; color: #2b3f55; border: 1px solid #cfd9e4;"
                     " border-radius: 6px; padding: 6px 10px; }")


@dataclass(frozen=True)
class _Opened:
    view: DossierView
    codes: dict[str, list[Code]]
    today: date
    can_export: bool = False  # « Exporter les données de la personne » is offered


def status_text(dossier: Dossier) -> str:
    """"Ouvert depuis le 01/10/2026", "Clos le 01/11/2026"..."""
    since = format_fr(dossier.status_on or dossier.opened_on)
    if dossier.status is DossierStatus.CLOSED:
        return f"Clos le {format_fr(dossier.closed_on or dossier.status_on)}"
    return f"{dossier.status.label} depuis le {since}"


def age_text(person: Person, today: date) -> str:
    if person.birth_date is None:
        return ""
    try:
        years = age_on(person.birth_date, today)
    except ValueError:
        return format_fr(person.birth_date)
    return f"{format_fr(person.birth_date)} · {years} an{'s' if years > 1 else ''}"


# -- table models ------------------------------------------------------------------------------
class InterventionTableModel(QAbstractTableModel):
    """The dossier's interventions, newest first; UserRole gives the :class:`InterventionRow`."""

    DATE, KIND, DURATION, SUMMARY, AUTHOR = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[InterventionRow] = []
        self._labels = CodeLabels()
        self._headers = (self.tr("Date"), self.tr("Type"), self.tr("Durée"), self.tr("Résumé"),
                         self.tr("Par"))

    def set_rows(self, rows: list[InterventionRow], labels: CodeLabels) -> None:
        self.beginResetModel()
        self._rows, self._labels = rows, labels
        self.endResetModel()

    def row_at(self, row: int) -> InterventionRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, intervention_id: int) -> int:
        return next((n for n, r in enumerate(self._rows) if r.id == intervention_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        r = self.row_at(index.row()) if index.isValid() else None
        if r is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DATE:
                return format_fr(r.on_date)
            if column == self.KIND:
                return r.kind_text or self._labels.label("type_intervention", r.kind_code)
            if column == self.DURATION:
                return f"{r.duration_min} min" if r.duration_min else ""
            if column == self.SUMMARY:
                lines = r.summary.strip().splitlines()
                return lines[0] + (" …" if len(lines) > 1 else "") if lines else ""
            return r.author
        if role == Qt.ItemDataRole.ToolTipRole and column == self.SUMMARY and r.summary:
            return r.summary[:600]
        if role == Qt.ItemDataRole.UserRole:
            return r
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AidTableModel(QAbstractTableModel):
    """The dossier's aids with their outcome; UserRole gives the :class:`AidRow`."""

    REQUESTED, TYPE, ORGANISATION, OUTCOME, DECIDED, AMOUNT = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AidRow] = []
        self._labels = CodeLabels()
        self._headers = (self.tr("Demandée le"), self.tr("Type d'aide"), self.tr("Organisme"),
                         self.tr("Issue"), self.tr("Décision le"), self.tr("Montant"))

    def set_rows(self, rows: list[AidRow], labels: CodeLabels) -> None:
        self.beginResetModel()
        self._rows, self._labels = rows, labels
        self.endResetModel()

    def row_at(self, row: int) -> AidRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        a = self.row_at(index.row()) if index.isValid() else None
        if a is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                format_fr(a.requested_on),
                a.type_text or self._labels.label("type_aide", a.type_code),
                a.organisation,
                self._labels.label("issue_aide", a.outcome_code),
                format_fr(a.outcome_on),
                format_amount(a.amount_cents),
            )[column]
        if role == Qt.ItemDataRole.UserRole:
            return a
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _prepare_table(table: QTableView) -> None:
    setup_table(table)
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)


# -- dialogs -----------------------------------------------------------------------------------
class DossierEditDialog(ValidatedDialog):
    """The dossier's own fields: opening date, origin, motifs, information and consent.

    It does not close itself: it emits ``submitted`` and the dossier window closes it once the
    service has accepted.

    Args:
        dossier: the dossier as opened.
        codes: the coded lists (``origine``, ``motif``, ``mode_information``).
        today: for + and − on an empty date.
        parent: the dossier window.

    Signals:
        submitted(): Save was pressed on a valid form; read :meth:`values`.
    """


    def __init__(self, dossier: Dossier, codes: dict[str, list[Code]], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DossierEditDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(self.tr("Modifier le dossier %s") % dossier.number)
        self._dossier = dossier
        self.opened_keys = DateKeys(ui.opened_edit, lambda: today)
        self.consent_keys = DateKeys(ui.consent_date_edit, lambda: today)
        self.opened_keys.set_value(dossier.opened_on)
        fill_code_combo(ui.origin_combo, codes.get("origine", []), dossier.origin_code)
        ui.origin_text_edit.setText(dossier.origin_text)
        chosen = {m.code: m for m in dossier.motifs}
        self._motif_texts = {m.code: m.free_text for m in dossier.motifs}
        for code in codes.get("motif", []):
            if code.retired and code.code not in chosen:
                continue
            item = QListWidgetItem(code.label, ui.motifs_list)
            item.setData(Qt.ItemDataRole.UserRole, code.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code.code in chosen
                               else Qt.CheckState.Unchecked)
        ui.motifs_list.setCurrentRow(0)
        ui.motif_text_edit.setText(self._motif_texts.get(OTHER, ""))
        self.consent_keys.set_value(dossier.consent_on)
        fill_code_combo(ui.consent_mode_combo, codes.get("mode_information", []),
                        dossier.consent_mode)
        ui.notice_check.setChecked(dossier.notice_given)
        ui.share_check.setChecked(dossier.consent_share)
        self._watch(ui.button_box, ui.problem_label)
        ui.button_box.rejected.connect(self.reject)
        ui.opened_edit.setFocus()

    @property
    def save_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Save)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def checked_motifs(self) -> list[str]:
        motifs = self.ui.motifs_list
        return [motifs.item(n).data(Qt.ItemDataRole.UserRole) for n in range(motifs.count())
                if motifs.item(n).checkState() == Qt.CheckState.Checked]

    def set_motif(self, code: str, checked: bool) -> None:
        motifs = self.ui.motifs_list
        for n in range(motifs.count()):
            if motifs.item(n).data(Qt.ItemDataRole.UserRole) == code:
                motifs.item(n).setCheckState(Qt.CheckState.Checked if checked
                                             else Qt.CheckState.Unchecked)

    def values(self) -> DossierInput:
        """The form as service input; ValueError (French) when a date is wrong."""
        ui = self.ui
        try:
            opened = self.opened_keys.value()
        except ValueError as exc:
            ui.opened_edit.setFocus()
            raise ValueError(self.tr("Date d'ouverture : %s.") % exc) from None
        if opened is None:
            ui.opened_edit.setFocus()
            raise ValueError(self.tr("Indiquez la date d'ouverture du dossier."))
        try:
            consent = self.consent_keys.value()
        except ValueError as exc:
            ui.consent_date_edit.setFocus()
            raise ValueError(self.tr("Date du consentement : %s.") % exc) from None
        other_text = ui.motif_text_edit.text().strip()
        motifs = tuple(
            Motif(code, other_text if code == OTHER else self._motif_texts.get(code, ""))
            for code in self.checked_motifs()
        )
        return DossierInput(
            opened_on=opened,
            origin_code=combo_code(ui.origin_combo),
            origin_text=ui.origin_text_edit.text().strip(),
            motifs=motifs,
            consent_on=consent,
            consent_mode=combo_code(ui.consent_mode_combo),
            notice_given=ui.notice_check.isChecked(),
            consent_share=ui.share_check.isChecked(),
        )


class DossierStatusDialog(ValidatedDialog):
    """Open, put on hold (en veille) or close a dossier, with the closing reason.

    Args:
        dossier: the dossier as opened.
        closing_codes: the ``motif_cloture`` list.
        today: the default date.
        parent: the dossier window.

    Signals:
        submitted(): Save was pressed on a valid form; read :meth:`values`.
    """


    STATUSES = (DossierStatus.OPEN, DossierStatus.DORMANT, DossierStatus.CLOSED)

    def __init__(self, dossier: Dossier, closing_codes: list[Code], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DossierStatusDialog()
        self.ui.setupUi(self)
        ui = self.ui
        self.setWindowTitle(self.tr("Statut du dossier %s") % dossier.number)
        ui.intro_label.setText(
            self.tr("Actuellement : %s. Un dossier clos peut être rouvert plus tard ; son "
                    "historique est conservé.") % status_text(dossier).lower()
        )
        mute(ui.intro_label)
        for status in self.STATUSES:
            ui.status_combo.addItem(status.label)
        ui.status_combo.setCurrentIndex(self.STATUSES.index(dossier.status))
        self.date_keys = DateKeys(ui.date_edit, lambda: today)
        self.date_keys.set_value(today)
        fill_code_combo(ui.closing_combo, closing_codes, dossier.closing_code)
        ui.closing_text_edit.setText(dossier.closing_text)
        ui.status_combo.currentIndexChanged.connect(self._on_status_combo_current_index_changed)
        self._watch(ui.button_box, ui.problem_label)
        ui.button_box.rejected.connect(self.reject)
        self._update_closing()
        ui.status_combo.setFocus()

    @property
    def save_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Save)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def status(self) -> DossierStatus:
        # By position: Qt would hand a ``str`` enum back as a plain ``str``.
        return self.STATUSES[max(self.ui.status_combo.currentIndex(), 0)]

    def values(self) -> tuple[DossierStatus, date, str, str]:
        """(status, from, closing code, closing text); ValueError (French) on a wrong date."""
        try:
            on = self.date_keys.value()
        except ValueError as exc:
            self.ui.date_edit.setFocus()
            raise ValueError(self.tr("Date : %s.") % exc) from None
        if on is None:
            self.ui.date_edit.setFocus()
            raise ValueError(self.tr("Indiquez la date."))
        status = self.status()
        if status is DossierStatus.CLOSED:
            return (status, on, combo_code(self.ui.closing_combo),
                    self.ui.closing_text_edit.text().strip())
        return status, on, "NR", ""

    def _update_closing(self) -> None:
        closing = self.status() is DossierStatus.CLOSED
        for widget in (self.ui.closing_label, self.ui.closing_combo,
                       self.ui.closing_text_label, self.ui.closing_text_edit):
            widget.setEnabled(closing)

    @Slot(int)
    def _on_status_combo_current_index_changed(self, _index: int) -> None:
        self._update_closing()


# -- the window --------------------------------------------------------------------------------
_FormDialog = DossierEditDialog | DossierStatusDialog | EcheanceDialog


class DossierWindow(QWidget):
    """One dossier, suitable as a tab of the main window.

    Args:
        session: the signed-in session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        dossier_id: the dossier to open.
        parent: the owning widget.

    Signals:
        title_changed(str): the tab's title changed (after the dossier was read).
        dossier_changed(int): something was saved in the dossier (its id): lists elsewhere
            (home screen, search) may refresh.
        edit_person_requested(int): "Modifier…" on the person tab (the person's id); the person
            form belongs to the main window.
        open_dossier_requested(int): another dossier of the same person was chosen.
    """

    title_changed = Signal(str)
    dossier_changed = Signal(int)
    edit_person_requested = Signal(int)
    open_dossier_requested = Signal(int)

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        dossier_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DossierWindow()
        self.ui.setupUi(self)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self.dossier_id = dossier_id
        self._view: DossierView | None = None
        self._codes: dict[str, list[Code]] = {}
        self._labels = CodeLabels()
        self._today = local_today(session)
        self._title = self.tr("Dossier")
        self._closed = False
        self._opened_once = False
        self._refused = False
        self._entries: dict[int | None, InterventionEntryDialog] = {}
        self._dialog: _FormDialog | None = None
        self._pending = 0
        self._on_submit: Callable[[], None] | None = None
        # Letter windows (gui.letters, imported on first use: QtPdf is loaded only then).
        self._letter_dialog: QDialog | None = None
        self._letter_viewers: dict[int, QDialog] = {}

        ui = self.ui
        ui.header_frame.setStyleSheet(HEADER_STYLE)
        mute(ui.age_label)
        mute(ui.facts_label)
        mute(ui.no_intervention_label)
        mute(ui.aids_hint_label)
        ui.message_label.setStyleSheet("QLabel { font-size: 11pt; }")
        self.intervention_model = InterventionTableModel(self)
        ui.interventions_table.setModel(self.intervention_model)
        _prepare_table(ui.interventions_table)
        for column, width in ((0, 110), (1, 170), (2, 80), (3, 460)):
            ui.interventions_table.setColumnWidth(column, width)
        self.aid_model = AidTableModel(self)
        ui.aids_table.setModel(self.aid_model)
        _prepare_table(ui.aids_table)
        for column, width in ((0, 110), (1, 220), (2, 200), (3, 110), (4, 110)):
            ui.aids_table.setColumnWidth(column, width)
        for form in (ui.person_form_layout, ui.dossier_form_layout):
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        # Focusing the tab puts the keyboard in the timeline (arrows, Enter on an intervention).
        self.setFocusProxy(ui.timeline_widget.table)
        self.entry_shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        self.entry_shortcut.activated.connect(self._on_entry_shortcut_activated)
        ui.new_intervention_button.clicked.connect(self._on_entry_shortcut_activated)
        ui.add_intervention_button.clicked.connect(self._on_entry_shortcut_activated)
        ui.edit_intervention_button.clicked.connect(self._on_edit_intervention_button_clicked)
        ui.delete_intervention_button.clicked.connect(
            self._on_delete_intervention_button_clicked)
        ui.interventions_table.activated.connect(self._on_interventions_table_activated)
        ui.interventions_table.selectionModel().selectionChanged.connect(self._update_buttons)
        ui.aids_table.activated.connect(self._on_aids_table_activated)
        ui.timeline_widget.intervention_activated.connect(self.open_entry)
        ui.timeline_widget.letter_activated.connect(self.open_letter_viewer)
        self.letter_button = QPushButton(self.tr("Co&urrier…"), ui.header_frame)
        self.letter_button.setObjectName("letter_button")
        self.letter_button.setToolTip(self.tr(
            "Écrire un courrier type pour cette personne : texte rempli et modifiable, aperçu, "
            "impression, classement au dossier"))
        self.letter_button.clicked.connect(self._on_letter_button_clicked)
        ui.title_layout.addWidget(self.letter_button)
        ui.echeances_widget.add_requested.connect(self._on_echeances_widget_add_requested)
        ui.echeances_widget.done_toggled.connect(self._on_echeances_widget_done_toggled)
        ui.edit_person_button.clicked.connect(self._on_edit_person_button_clicked)
        self.merge_button = QPushButton(self.tr("Fusionner avec une autre fiche…"), self)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.delete_person_button = QPushButton(self.tr("Supprimer définitivement…"), self)
        self.delete_person_button.clicked.connect(self._on_delete_person_button_clicked)
        ui.person_buttons_layout.addWidget(self.merge_button)
        ui.person_buttons_layout.addWidget(self.delete_person_button)
        ui.other_dossiers_label.linkActivated.connect(self._on_other_dossiers_label_link_activated)
        ui.edit_dossier_button.clicked.connect(self._on_edit_dossier_button_clicked)
        ui.status_button.clicked.connect(self._on_status_button_clicked)
        # Right of access: the person's data as a PDF and a JSON file, when the service allows.
        self._can_export = False
        self._export_dialog: QDialog | None = None
        self.export_person_button = QPushButton(
            self.tr("Exporter les données de la personne…"), self)
        self.export_person_button.setObjectName("export_person_button")
        self.export_person_button.setToolTip(self.tr(
            "Droit d'accès : les données de la personne dans un PDF lisible et un fichier JSON"))
        self.export_person_button.clicked.connect(self._on_export_person_button_clicked)
        ui.person_buttons_layout.insertWidget(
            ui.person_buttons_layout.indexOf(ui.person_spacer), self.export_person_button)
        # Rectification keeps a history: offered beside each "Modifier…" (person, dossier).
        self.history_buttons: list[QPushButton] = []
        for layout, index in ((ui.person_buttons_layout, 1), (ui.dossier_buttons_layout, 2)):
            button = QPushButton(self.tr("Historique des modifications…"), self)
            button.clicked.connect(self._on_history_button_clicked)
            layout.insertWidget(index, button)
            self.history_buttons.append(button)
        self._history_dialog: HistoryDialog | None = None

        # Double management and confidentiality: the banner says under which access the
        # dossier is shown; the last tab says who else can read it.
        self.access_banner = QLabel(self)
        self.access_banner.setWordWrap(True)
        self.access_banner.hide()
        ui.content_layout.insertWidget(1, self.access_banner)
        self.access_tab = AccessTab(session, runner, prompts, dossier_id, self)
        ui.tabs.addTab(self.access_tab, self.tr("Qui a accès ?"))
        ui.tabs.currentChanged.connect(self._on_tabs_current_changed)
        self.access_tab.covers_changed.connect(self.refresh)

        self._show_message(self.tr("Ouverture du dossier…"))
        self.refresh()

    # -- public API ----------------------------------------------------------------------------
    def title(self) -> str:
        """The tab's title: "2026-000123 — DUPONT Marie"."""
        return self._title

    @property
    def view(self) -> DossierView | None:
        """The dossier as last read (None before, or when refused)."""
        return self._view

    @property
    def refused(self) -> bool:
        return self._refused

    @property
    def entry_dialogs(self) -> list[InterventionEntryDialog]:
        return [d for d in self._entries.values() if isValid(d)]

    @property
    def letter_dialogs(self) -> list[QDialog]:
        """The letter windows open from this dossier (the letter being written, then the
        kept letters being read)."""
        dialogs = [self._letter_dialog] if self._letter_dialog is not None else []
        dialogs += list(self._letter_viewers.values())
        return [d for d in dialogs if isValid(d)]

    @property
    def current_dialog(self) -> _FormDialog | None:
        """The dossier, status or échéance dialog now open, if any (tests drive it)."""
        return self._dialog

    def message_text(self) -> str:
        return self.ui.message_label.text() if self.ui.pages.currentWidget() is \
            self.ui.message_page else ""

    def refresh(self) -> None:
        """Read the dossier again (after a change here or elsewhere)."""
        if self._closed:
            return
        session = self._session
        dossier_id = self.dossier_id
        again = self._opened_once  # a re-read after a change here is the same consultation
        self._opened_once = True

        def load() -> _Opened:
            view = DossierService(session).open(dossier_id, again=again)
            codes = CodeService(session)
            lists = {name: codes.codes(name, include_retired=True) for name in CODE_LISTS}
            return _Opened(view, lists, local_today(session),
                           PersonExportService(session).can_export(view.person.id))

        self._call(load, self._on_opened, self._on_open_failed)

    def save_drafts(self) -> None:
        """Write what is being typed (interview entries) now: the session may lock next."""
        for dialog in self.entry_dialogs:
            dialog.save_drafts()

    def closed_for_session(self) -> None:
        """The session is locking or ending: keep drafts, close dialogs, show nothing more."""
        self.save_drafts()
        self._closed = True
        for dialog in self.entry_dialogs:
            dialog.close_for_session()
        self._entries.clear()
        self._close_dialog()
        for letter_window in self.letter_dialogs:
            letter_window.close_for_session_end()
        self._letter_dialog = None
        self._letter_viewers.clear()
        if self._export_dialog is not None and isValid(self._export_dialog):
            self._export_dialog.close_for_session_end()
        self._export_dialog = None
        if self._history_dialog is not None and isValid(self._history_dialog):
            self._history_dialog.close_for_session_end()
        self._history_dialog = None
        self.access_tab.closed_for_session()
        self._view = None
        self.intervention_model.set_rows([], self._labels)
        self.aid_model.set_rows([], self._labels)
        self.ui.timeline_widget.set_view(None, self._labels, self._today)
        self.ui.echeances_widget.set_echeances([], self._today)
        self._clear_form(self.ui.person_form_layout)
        self._clear_form(self.ui.dossier_form_layout)
        self._show_message(self.tr("Session fermée : le dossier n'est plus affiché."))

    def open_entry(self, intervention_id: int | None = None) -> InterventionEntryDialog | None:
        """Open the interview entry (a new intervention, or the given one) or bring it forward."""
        if self._closed or self._view is None:
            return None
        existing = self._entries.get(intervention_id)
        if existing is not None and isValid(existing):
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = InterventionEntryDialog(
            self._session, self._runner, self._prompts, self.dossier_id, intervention_id, self,
            view=self._view,
        )
        self._entries[intervention_id] = dialog
        dialog.saved.connect(self._on_entry_saved)
        # No lambda holding the dialog: PySide crashed deleting a dialog a closure kept alive.
        dialog.finished.connect(self._on_entry_dialog_finished)
        if dialog.load_failed:  # already said why (prompts); nothing to show
            self._entries.pop(intervention_id, None)
            dialog.deleteLater()
            return None
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- reading -------------------------------------------------------------------------------
    def _on_opened(self, opened: _Opened) -> None:
        if self._closed or not isValid(self):
            return
        self._view = opened.view
        self._codes = opened.codes
        self._today = opened.today
        self._labels = CodeLabels([c for codes in opened.codes.values() for c in codes])
        self._refused = False
        self._can_export = opened.can_export
        self._show_view()
        self.ui.pages.setCurrentWidget(self.ui.content_page)

    def _on_open_failed(self, exc: BaseException) -> None:
        if self._closed or not isValid(self):
            return
        if self._view is not None and not isinstance(exc, NotAllowed):
            # Already shown: keep it and say what went wrong.
            self._prompts.error(self, self.tr("Dossier non actualisé"), user_message(exc))
            return
        self._view = None
        self._refused = isinstance(exc, NotAllowed)
        self._show_message(user_message(exc))
        self._set_title(self.tr("Dossier non accessible") if self._refused
                        else self.tr("Dossier indisponible"))

    def _show_message(self, text: str) -> None:
        self.ui.message_label.setText(text)
        self.ui.pages.setCurrentWidget(self.ui.message_page)

    def _set_title(self, title: str) -> None:
        if title != self._title:
            self._title = title
            self.setWindowTitle(title)
            self.title_changed.emit(title)

    def _show_view(self) -> None:
        view = self._view
        assert view is not None
        ui = self.ui
        person, dossier = view.person, view.dossier
        self._set_title(f"{dossier.number} — {person.display_name}")
        ui.name_label.setText(person.display_name)
        ui.age_label.setText(age_text(person, self._today))
        facts = [self.tr("Dossier %s") % dossier.number,
                 self.tr("Référent·e : %s") % dossier.referent_name]
        if dossier.last_contact_on:
            days = (self._today - dossier.last_contact_on).days
            ago = (self.tr(" (aujourd'hui)") if days == 0 else
                   self.tr(" (il y a %d jours)") % days if days > 1 else
                   self.tr(" (hier)") if days == 1 else "")
            facts.append(self.tr("Dernier contact : %s") % format_fr(dossier.last_contact_on)
                         + ago)
        else:
            facts.append(self.tr("Aucun contact enregistré"))
        ui.facts_label.setText("  ·  ".join(facts))
        self._badge(ui.status_badge, status_text(dossier),
                    {DossierStatus.OPEN: "open", DossierStatus.DORMANT: "dormant",
                     DossierStatus.CLOSED: "closed"}[dossier.status])
        if dossier.consent_on:
            self._badge(ui.consent_badge,
                        self.tr("Consentement recueilli le %s") % format_fr(dossier.consent_on),
                        "ok")
        else:
            self._badge(ui.consent_badge, self.tr("Consentement non recueilli"), "missing")
        if dossier.notice_given:
            self._badge(ui.notice_badge, self.tr("Notice d'information remise"), "ok")
        else:
            self._badge(ui.notice_badge, self.tr("Notice non remise"), "missing")

        ui.timeline_widget.set_view(view, self._labels, self._today)
        self._select_after(ui.interventions_table, self.intervention_model,
                           lambda: self.intervention_model.set_rows(view.interventions,
                                                                    self._labels))
        ui.interventions_table.setVisible(bool(view.interventions))
        ui.no_intervention_label.setVisible(not view.interventions)
        self.aid_model.set_rows(view.aids, self._labels)
        ui.echeances_widget.set_echeances(view.echeances, self._today)
        self._fill_person(person)
        self._fill_dossier(dossier)
        self._show_access(view)
        self._update_buttons()

    def _show_access(self, view: DossierView) -> None:
        """Banner and tabs after what the service let through (it left out the rest)."""
        ui = self.ui
        follow_up = Level.FOLLOW_UP in view.readable
        for tab in (ui.interventions_tab, ui.aids_tab):
            ui.tabs.setTabVisible(ui.tabs.indexOf(tab), follow_up)
        if view.covering is not None:
            self.access_banner.setText(self.tr(
                "Vous remplacez %s (suppléance %s). Vous avez son accès à ce dossier, sauf ses "
                "notes personnelles ; vos consultations et actions lui seront présentées à son "
                "retour.") % (view.dossier.referent_name, view.covering.period))
            self.access_banner.setStyleSheet(COVER_BANNER_STYLE)
            self.access_banner.show()
        elif not follow_up:
            self.access_banner.setText(self.tr(
                "Accès secrétariat : identité, coordonnées, rendez-vous et courriers. Les notes, "
                "les évaluations et les résumés d'entretien ne sont pas affichés."))
            self.access_banner.setStyleSheet(INFO_BANNER_STYLE)
            self.access_banner.show()
        else:
            self.access_banner.hide()
        self.access_tab.referent_id = view.dossier.referent_id
        if ui.tabs.currentWidget() is self.access_tab:
            self.access_tab.load()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        if self.ui.tabs.currentWidget() is self.access_tab and self._view is not None:
            self.access_tab.load()

    def _select_after(self, table: QTableView, model: InterventionTableModel,
                      reset: Callable[[], None]) -> None:
        rows = table.selectionModel().selectedRows()
        selected = model.row_at(rows[0].row()) if rows else None
        reset()
        if selected is not None and model.row_of(selected.id) >= 0:
            table.selectRow(model.row_of(selected.id))

    @staticmethod
    def _badge(label: QLabel, text: str, kind: str) -> None:
        label.setText(text)
        label.setStyleSheet(BADGE_STYLES[kind])

    @staticmethod
    def _clear_form(form: QFormLayout) -> None:
        while form.rowCount():
            form.removeRow(0)

    def _add_rows(self, form: QFormLayout, rows: list[tuple[str, str]]) -> None:
        self._clear_form(form)
        for caption, value in rows:
            field = QLabel(value or NONE_TEXT)
            field.setWordWrap(True)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name = QLabel(caption)
            mute(name)
            form.addRow(name, field)

    def _fill_person(self, person: Person) -> None:
        sex = {"F": self.tr("Femme"), "M": self.tr("Homme")}.get(person.sex or "", "")
        address = "\n".join(part for part in (
            person.address.strip(),
            " ".join(p for p in (person.postal_code.strip(), person.city.strip()) if p),
        ) if part)
        family = self._labels.label("situation_familiale", person.family_code)
        if person.family_text:
            family += f" ({person.family_text})"
        household = "\n".join(
            m.name + (f" ({m.relation})" if m.relation else "")
            + (f", né·e le {format_fr(m.birth_date)}" if m.birth_date else "")
            for m in person.household
        )
        follow_up = self._view is None or Level.FOLLOW_UP in self._view.readable
        self._add_rows(self.ui.person_form_layout, [
            (self.tr("Nom d'usage :"), person.usage_name.upper()),
            (self.tr("Nom de naissance :"), person.birth_name.upper()),
            (self.tr("Prénom(s) :"), person.first_names),
            (self.tr("Date de naissance :"), age_text(person, self._today)),
            (self.tr("Sexe :"), sex),
            (self.tr("Adresse :"), address),
            (self.tr("Téléphone :"), person.phone),
            (self.tr("Courriel :"), person.email),
            (self.tr("NIR :"), person.nir),
        ] + ([
            (self.tr("Situation familiale :"), family),
            (self.tr("Foyer :"), household),
        ] if follow_up else []))
        others = self._view.other_dossiers if self._view else []
        if others:
            links = ", ".join(
                f'<a href="dossier:{d.id}">{d.number}</a> ({status_text(d).lower()}, '
                f"{html.escape(d.referent_name)})"
                for d in others
            )
            self.ui.other_dossiers_label.setText(self.tr("Autres dossiers : %s") % links)
        else:
            self.ui.other_dossiers_label.setText("")
        self.ui.other_dossiers_label.setVisible(bool(others))

    def _fill_dossier(self, dossier: Dossier) -> None:
        labels = self._labels
        # The secretariat's view comes without the follow-up facts (the service left them out).
        follow_up = self._view is None or Level.FOLLOW_UP in self._view.readable
        status = status_text(dossier)
        if dossier.status is DossierStatus.CLOSED and follow_up:
            status += " — " + labels.label("motif_cloture", dossier.closing_code)
            if dossier.closing_text:
                status += f" ({dossier.closing_text})"
        origin = labels.label("origine", dossier.origin_code)
        if dossier.origin_text:
            origin += f" ({dossier.origin_text})"
        motifs = "\n".join(
            labels.label("motif", m.code) + (f" ({m.free_text})" if m.free_text else "")
            for m in dossier.motifs
        )
        if dossier.consent_on:
            consent = self.tr("le %s — %s") % (format_fr(dossier.consent_on),
                                               labels.label("mode_information",
                                                            dossier.consent_mode))
        else:
            consent = self.tr("non recueilli")
        self._add_rows(self.ui.dossier_form_layout, [
            (self.tr("Numéro :"), dossier.number),
            (self.tr("Ouvert le :"), format_fr(dossier.opened_on)),
            (self.tr("Statut :"), status),
            (self.tr("Référent·e :"), dossier.referent_name),
        ] + ([
            (self.tr("Origine de la demande :"), origin),
            (self.tr("Motifs :"), motifs),
        ] if follow_up else []) + [
            (self.tr("Information et consentement :"), consent),
            (self.tr("Notice d'information :"),
             self.tr("remise") if dossier.notice_given else self.tr("non remise")),
            (self.tr("Échanges avec les partenaires :"),
             self.tr("accord de la personne") if dossier.consent_share
             else self.tr("pas d'accord recueilli")),
        ])

    # -- buttons -------------------------------------------------------------------------------
    @Slot()
    def _update_buttons(self) -> None:
        busy = self._pending > 0
        ui = self.ui
        selected = self._selected_intervention() is not None
        ui.edit_intervention_button.setEnabled(selected and not busy)
        ui.delete_intervention_button.setEnabled(selected and not busy)
        writes = self._view is not None and Level.FOLLOW_UP in self._view.writable
        for button in (ui.edit_dossier_button, ui.status_button, ui.edit_person_button,
                       ui.new_intervention_button, ui.add_intervention_button,
                       self.merge_button, self.delete_person_button):
            button.setEnabled(self._view is not None and not busy)
            # What the rule refuses is not offered (the service refuses it anyway).
            button.setVisible(self._view is None or writes)
        self.export_person_button.setEnabled(self._view is not None and not busy)
        self.export_person_button.setVisible(self._view is not None and self._can_export)
        letters = self._view is not None and Level.AGENDA in self._view.writable
        self.letter_button.setEnabled(self._view is not None and not busy)
        self.letter_button.setVisible(self._view is None or letters)
        ui.echeances_widget.set_busy(busy)

    def _call(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None]) -> None:
        """Run a service call of this dossier; its buttons wait while one is under way (the
        runner is shared: other screens' work must not disable them)."""

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if not isValid(self):
                    return
                self._pending -= 1
                self._show_busy()
                callback(value)

            return deliver

        self._pending += 1
        self._show_busy()
        self._runner.run(fn, finish(on_done), finish(on_error))

    def _show_busy(self) -> None:
        self._update_buttons()
        if self._dialog is not None and isValid(self._dialog):
            self._dialog.set_busy(self._pending > 0)

    def _selected_intervention(self) -> InterventionRow | None:
        rows = self.ui.interventions_table.selectionModel().selectedRows()
        return self.intervention_model.row_at(rows[0].row()) if rows else None

    # -- interventions -------------------------------------------------------------------------
    @Slot()
    def _on_entry_shortcut_activated(self) -> None:
        self.open_entry(None)

    @Slot()
    def _on_edit_intervention_button_clicked(self) -> None:
        row = self._selected_intervention()
        if row is not None:
            self.open_entry(row.id)

    @Slot(QModelIndex)
    def _on_interventions_table_activated(self, index: QModelIndex) -> None:
        row = self.intervention_model.row_at(index.row())
        if row is not None:
            self.open_entry(row.id)

    @Slot(QModelIndex)
    def _on_aids_table_activated(self, index: QModelIndex) -> None:
        aid = self.aid_model.row_at(index.row())
        if aid is not None and aid.intervention_id is not None:
            self.open_entry(aid.intervention_id)

    def _on_entry_saved(self, _intervention_id: int) -> None:
        self.refresh()
        self.dossier_changed.emit(self.dossier_id)

    @Slot(int)
    def _on_entry_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        for key, entry in list(self._entries.items()):
            if entry is dialog:
                del self._entries[key]
        if isinstance(dialog, InterventionEntryDialog):
            dialog.deleteLater()

    @Slot()
    def _on_delete_intervention_button_clicked(self) -> None:
        row = self._selected_intervention()
        if row is None:
            return
        kind = row.kind_text or self._labels.label("type_intervention", row.kind_code)
        if not self._prompts.confirm(
            self, self.tr("Supprimer l'intervention"),
            self.tr("Supprimer « %s » du %s, avec ses notes et ses aides ? Cette suppression "
                    "est définitive.") % (kind, format_fr(row.on_date)),
        ):
            return
        self._run(None, self.tr("Suppression impossible"),
                  lambda: DossierService(self._session).delete_intervention(row.id))

    # -- letters -------------------------------------------------------------------------------
    @Slot()
    def _on_letter_button_clicked(self) -> None:
        self.open_letter()

    def open_letter(self) -> QDialog | None:
        """"Courrier…": write a letter for this dossier (one window at a time)."""
        if self._closed or self._view is None:
            return None
        existing = self._letter_dialog
        if existing is not None and isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        from ..letters.letter_dialog import LetterDialog

        dialog = LetterDialog(self._session, self._runner, self._prompts, self.dossier_id, self,
                              number=self._view.dossier.number,
                              person_name=self._view.person.display_name)
        dialog.letter_kept.connect(self._on_letter_kept)
        dialog.finished.connect(self._on_letter_window_finished)
        self._letter_dialog = dialog
        dialog.show()  # modeless: F12 hides it, and the dossier stays readable beside it
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot(int)
    def open_letter_viewer(self, letter_id: int) -> QDialog | None:
        """A kept letter (Enter or double-click in the timeline): read, print, copy."""
        if self._closed or self._view is None:
            return None
        existing = self._letter_viewers.get(letter_id)
        if existing is not None and isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        from ..letters.viewer_dialog import LetterViewerDialog

        letter = next((x for x in self._view.letters if x.id == letter_id), None)
        title = f"{letter.title} — {letter.subject}" if letter is not None else ""
        dialog = LetterViewerDialog(self._session, self._runner, self._prompts, letter_id, self,
                                    title=title, number=self._view.dossier.number)
        dialog.finished.connect(self._on_letter_window_finished)
        self._letter_viewers[letter_id] = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot(int)
    def _on_letter_kept(self, _letter_id: int) -> None:
        self.refresh()  # the timeline shows the letter
        self.dossier_changed.emit(self.dossier_id)

    @Slot(int)
    def _on_letter_window_finished(self, _result: int) -> None:
        dialog = self.sender()
        if self._letter_dialog is dialog:
            self._letter_dialog = None
        for letter_id, known in list(self._letter_viewers.items()):
            if known is dialog or not isValid(known):
                del self._letter_viewers[letter_id]
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    # -- échéances -----------------------------------------------------------------------------
    @Slot()
    def _on_echeances_widget_add_requested(self) -> None:
        if self._view is None:
            return
        dialog = EcheanceDialog(self._today, self)
        self._open_dialog(dialog, lambda: self._submit_echeance(dialog))

    def _submit_echeance(self, dialog: EcheanceDialog) -> None:
        data = dialog.values()
        self._run(dialog, self.tr("Échéance non ajoutée"),
                  lambda: DossierService(self._session).add_echeance(self.dossier_id, data))

    @Slot(int, bool)
    def _on_echeances_widget_done_toggled(self, echeance_id: int, done: bool) -> None:
        self.ui.echeances_widget.model.mark(echeance_id, self._session.now_iso() if done
                                            else None)
        self._run(None, self.tr("Échéance non modifiée"),
                  lambda: DossierService(self._session).set_echeance_done(echeance_id, done))

    # -- person and dossier --------------------------------------------------------------------
    @Slot()
    def _on_edit_person_button_clicked(self) -> None:
        if self._view is None:
            return
        if not self.receivers(SIGNAL("edit_person_requested(int)")):
            self._prompts.info(self, self.tr("Fiche de la personne"),
                               self.tr("La fiche de la personne se modifie depuis la recherche "
                                       "(Ctrl+F), en ouvrant la personne."))
            return
        self.edit_person_requested.emit(self._view.person.id)

    # -- right of access -----------------------------------------------------------------------
    @Slot()
    def _on_export_person_button_clicked(self) -> None:
        self.open_person_export()

    def open_person_export(self, *, choose_folder: Callable[[QWidget], Any] | None = None
                           ) -> QDialog | None:
        """« Exporter les données de la personne… »: review the notes, then write a PDF and a
        JSON file (one window at a time; ``choose_folder``: tests pass their own)."""
        if self._closed or self._view is None:
            return None
        existing = self._export_dialog
        if existing is not None and isValid(existing) and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        from .person_export_dialog import PersonExportDialog

        dialog = PersonExportDialog(self._session, self._runner, self._prompts,
                                    self._view.person.id, self, choose_folder=choose_folder)
        dialog.finished.connect(self._on_person_export_finished)
        self._export_dialog = dialog
        dialog.show()  # modeless: the dossier stays readable beside it
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    @Slot(int)
    def _on_person_export_finished(self, _result: int) -> None:
        dialog = self.sender()
        if self._export_dialog is dialog:
            self._export_dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    # -- merge and deletion of the person --------------------------------------------------
    @Slot()
    def _on_merge_button_clicked(self) -> None:
        """Look for records resembling this person, let the worker pick one, then merge."""
        if self._view is None:
            return
        person = self._view.person
        session = self._session

        def find() -> list[DuplicateCandidate]:
            return PersonService(session).find_duplicates(person, exclude=person.id,
                                                          threshold=0.3)

        self._call(find, self._offer_merge, self._on_action_failed)

    def _offer_merge(self, candidates: list[DuplicateCandidate]) -> None:
        if not candidates:
            self._prompts.info(self, self.tr("Fusionner deux fiches"), self.tr(
                "Aucune autre fiche ne ressemble à celle-ci (noms, phonétique, date de "
                "naissance)."))
            return
        chosen = self.choose_merge_partner(candidates)
        if chosen is None or self._view is None:
            return
        dialog = MergeDialog(self._session, self._runner, self._prompts,
                             self._view.person.id, chosen, self)
        dialog.merged.connect(self._on_person_merged)
        self.merge_dialog = dialog
        dialog.open()

    def choose_merge_partner(self, candidates: list[DuplicateCandidate]) -> int | None:
        """Which record to merge into this one (tests replace this method)."""
        labels = [
            f"{c.display_name} · {format_fr(c.birth_date) or 'né(e) le ?'}"
            f" · {', '.join(c.referents) or 'sans dossier'}" for c in candidates
        ]
        label, ok = QInputDialog.getItem(
            self, self.tr("Fusionner deux fiches"),
            self.tr("Fiche à fusionner dans celle-ci (elle sera supprimée) :"), labels, 0, False)
        return candidates[labels.index(label)].person_id if ok and label in labels else None

    @Slot(int)
    def _on_person_merged(self, _keep_id: int) -> None:
        self.refresh()
        self.dossier_changed.emit(self.dossier_id)

    @Slot()
    def _on_delete_person_button_clicked(self) -> None:
        if self._view is None:
            return
        dialog = DeletePersonDialog(self._session, self._runner, self._prompts,
                                    self._view.person.id, self)
        dialog.person_deleted.connect(self._on_person_deleted)
        self.delete_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_person_deleted(self, _person_id: int) -> None:
        self._view = None
        self.refresh()  # the dossier is gone: the page says so instead of its content
        self.dossier_changed.emit(self.dossier_id)

    def _on_action_failed(self, exc: BaseException) -> None:
        self._prompts.error(self, self.tr("Action impossible"), user_message(exc))

    @Slot(str)
    def _on_other_dossiers_label_link_activated(self, link: str) -> None:
        kind, _, value = link.partition(":")
        if kind == "dossier" and value.isdigit():
            self.open_dossier_requested.emit(int(value))

    @Slot()
    def _on_edit_dossier_button_clicked(self) -> None:
        if self._view is None:
            return
        dialog = DossierEditDialog(self._view.dossier, self._codes, self._today, self)
        self._open_dialog(dialog, lambda: self._submit_dossier(dialog))

    def _submit_dossier(self, dialog: DossierEditDialog) -> None:
        data = dialog.values()
        self._run(dialog, self.tr("Modification impossible"),
                  lambda: DossierService(self._session).update(self.dossier_id, data))

    @Slot()
    def _on_status_button_clicked(self) -> None:
        if self._view is None:
            return
        dialog = DossierStatusDialog(self._view.dossier, self._codes.get("motif_cloture", []),
                                     self._today, self)
        self._open_dialog(dialog, lambda: self._submit_status(dialog))

    def _submit_status(self, dialog: DossierStatusDialog) -> None:
        status, on, code, text = dialog.values()
        self._run(dialog, self.tr("Changement de statut impossible"),
                  lambda: DossierService(self._session).set_status(
                      self.dossier_id, status, on, code, text))

    # -- history of changes --------------------------------------------------------------------
    @Slot()
    def _on_history_button_clicked(self) -> None:
        self.open_history()

    def open_history(self) -> HistoryDialog | None:
        """« Historique des modifications » of the person and the dossier (read again if open)."""
        if self._closed or self._view is None:
            return None
        dialog = self._history_dialog
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.reload()
        else:
            dialog = HistoryDialog(self._session, self._runner, self._prompts, self.dossier_id,
                                   self._view.person.id, self.title(), self)
            self._history_dialog = dialog
            dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- dialogs and service calls -------------------------------------------------------------
    def _open_dialog(self, dialog: _FormDialog, on_submit: Callable[[], None]) -> None:
        self._close_dialog()
        self._dialog = dialog
        self._on_submit = on_submit
        # Bound slots, not lambdas holding the dialog (see _on_entry_dialog_finished).
        dialog.submitted.connect(self._on_dialog_submitted)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    def _close_dialog(self) -> None:
        if self._dialog is not None and isValid(self._dialog):
            self._dialog.reject()
        self._dialog = None
        self._on_submit = None

    @Slot()
    def _on_dialog_submitted(self) -> None:
        if self.sender() is self._dialog and self._on_submit is not None:
            self._on_submit()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if self._dialog is dialog:
            self._dialog = None
            self._on_submit = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

    def _run(self, dialog: QDialog | None, title: str, call: Callable[[], Any]) -> None:
        """Run a change; on success close ``dialog`` and read the dossier again."""

        def done(_result: Any) -> None:
            if self._closed or not isValid(self):
                return
            if dialog is not None and isValid(dialog):
                dialog.accept()
            self.refresh()
            self.dossier_changed.emit(self.dossier_id)

        def failed(exc: BaseException) -> None:
            if self._closed or not isValid(self):
                return
            parent = dialog if dialog is not None and isValid(dialog) else self
            self._prompts.error(parent, title, user_message(exc))
            if dialog is None:
                self.refresh()  # undo what was shown ahead of the answer

        self._call(call, done, failed)
