"""A dossier's appointments and follow-ups (échéances): what is due, what is late, what is done.

What still has to be done comes first, soonest first, and anything past its date and not done is
marked in red ("en retard"); done ones follow, most recent first. The box in the first column
(Space or a click) marks an échéance done or to do again. The widget only shows and asks: the
dossier window calls the service and reads the dossier again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr, long_date
from ...domain.records import Echeance, EcheanceInput, EcheanceKind
from ...services.clock import format_local
from ..admin.common import setup_table
from ..forms.ui_dossier_echeance_dialog import Ui_EcheanceDialog
from ..messages import mute
from .intervention_entry import DateKeys, parse_time
from .validated_dialog import ValidatedDialog

_Index = QModelIndex | QPersistentModelIndex

OVERDUE_COLOUR = QColor("#a4161a")
DONE_COLOUR = QColor("#6b6b6b")


def ordered(echeances: list[Echeance]) -> list[Echeance]:
    """To do first (soonest first), then done (most recent first)."""
    to_do = sorted((e for e in echeances if e.done_at is None), key=lambda e: e.due_at)
    done = sorted((e for e in echeances if e.done_at is not None), key=lambda e: e.due_at,
                  reverse=True)
    return to_do + done


class EcheanceModel(QAbstractTableModel):
    """The échéances of one dossier; the first column is a "done" box.

    ``Qt.ItemDataRole.UserRole`` on any cell gives the :class:`Echeance`.

    Signals:
        done_toggled(int, bool): the person ticked or unticked an échéance (id, done).
    """

    done_toggled = Signal(int, bool)

    STATE, DATE, TIME, KIND, LABEL, PLACE = range(6)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Echeance] = []
        self._today = date.today()
        self._headers = (self.tr("État"), self.tr("Date"), self.tr("Heure"), self.tr("Nature"),
                         self.tr("Objet"), self.tr("Lieu"))

    def set_echeances(self, echeances: list[Echeance], today: date) -> None:
        self.beginResetModel()
        self._rows = ordered(echeances)
        self._today = today
        self.endResetModel()

    def echeance_at(self, row: int) -> Echeance | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, echeance_id: int) -> int:
        return next((n for n, e in enumerate(self._rows) if e.id == echeance_id), -1)

    def mark(self, echeance_id: int, done_at: str | None) -> None:
        """Show a change at once (the dossier is read again after the service answered)."""
        row = self.row_of(echeance_id)
        if row >= 0:
            self._rows[row] = replace(self._rows[row], done_at=done_at)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

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

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.STATE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def state_text(self, e: Echeance) -> str:
        if e.done_at:
            return self.tr("fait %s") % format_local(e.done_at).split(" à ")[0]
        if e.is_overdue(self._today):
            return self.tr("en retard")
        if e.due_at[:10] == self._today.isoformat():
            return self.tr("aujourd'hui")
        return self.tr("à faire")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        e = self.echeance_at(index.row()) if index.isValid() else None
        if e is None:
            return None
        column = index.column()
        overdue = e.is_overdue(self._today)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.STATE:
                return self.state_text(e)
            if column == self.DATE:
                return format_fr(date.fromisoformat(e.due_at[:10]))
            if column == self.TIME:
                return e.due_at[11:16]
            if column == self.KIND:
                return e.kind.label
            if column == self.LABEL:
                return e.label
            return e.place
        if role == Qt.ItemDataRole.CheckStateRole and column == self.STATE:
            return Qt.CheckState.Checked if e.done_at else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.UserRole:
            return e
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return OVERDUE_COLOUR
            if e.done_at:
                return DONE_COLOUR
        if role == Qt.ItemDataRole.FontRole and overdue and column == self.STATE:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATE:
            return (self.tr("Décocher pour remettre à faire") if e.done_at
                    else self.tr("Cocher (Espace) quand c'est fait"))
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        e = self.echeance_at(index.row()) if index.isValid() else None
        if e is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.STATE:
            return False
        done = Qt.CheckState(value) == Qt.CheckState.Checked
        if done == (e.done_at is not None):
            return False
        self.done_toggled.emit(e.id, done)
        return True


class EcheancesWidget(QWidget):
    """The échéances table with "Nouveau…" and a done / to do button.

    Args:
        parent: the dossier window.

    Signals:
        add_requested(): "Nouveau…" was pressed.
        done_toggled(int, bool): an échéance is to be marked done (True) or to do (False).
    """

    add_requested = Signal()
    done_toggled = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        self.model = EcheanceModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("echeances_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        for column, width in ((EcheanceModel.STATE, 150), (EcheanceModel.DATE, 110),
                              (EcheanceModel.TIME, 70), (EcheanceModel.KIND, 160),
                              (EcheanceModel.LABEL, 300)):
            self.table.setColumnWidth(column, width)
        self.empty_label = QLabel(self.tr("Aucun rendez-vous ni échéance dans ce dossier."), self)
        mute(self.empty_label)
        self.empty_label.hide()
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nouveau…"), self)
        self.new_button.setObjectName("new_echeance_button")
        self.toggle_button = QPushButton(self.tr("Marquer &fait"), self)
        self.toggle_button.setObjectName("toggle_echeance_button")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.toggle_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.model.done_toggled.connect(self._on_model_done_toggled)
        self.new_button.clicked.connect(self.add_requested)
        self.toggle_button.clicked.connect(self._on_toggle_button_clicked)
        self.table.selectionModel().selectionChanged.connect(self._update_toggle)
        self._update_toggle()

    def set_echeances(self, echeances: list[Echeance], today: date) -> None:
        selected = self.selected()
        self.model.set_echeances(echeances, today)
        self.table.setVisible(bool(echeances))
        self.empty_label.setVisible(not echeances)
        if selected is not None and self.model.row_of(selected.id) >= 0:
            self.table.selectRow(self.model.row_of(selected.id))
        self._update_toggle()

    def selected(self) -> Echeance | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.echeance_at(rows[0].row()) if rows else None

    def set_busy(self, busy: bool) -> None:
        self.new_button.setEnabled(not busy)
        self._update_toggle()

    @Slot()
    def _update_toggle(self) -> None:
        e = self.selected()
        self.toggle_button.setEnabled(e is not None)
        self.toggle_button.setText(self.tr("Remettre à &faire") if e is not None and e.done_at
                                   else self.tr("Marquer &fait"))

    @Slot(int, bool)
    def _on_model_done_toggled(self, echeance_id: int, done: bool) -> None:
        self.done_toggled.emit(echeance_id, done)

    @Slot()
    def _on_toggle_button_clicked(self) -> None:
        e = self.selected()
        if e is not None:
            self.done_toggled.emit(e.id, e.done_at is None)


class EcheanceDialog(ValidatedDialog):
    """A new appointment or follow-up: nature, date, optional time, object and place.

    It does not close itself: it emits ``submitted`` and the dossier window closes it once the
    service has accepted, so an error leaves everything typed in place.

    Args:
        today: the date + and − start from on an empty date.
        parent: the dossier window.

    Signals:
        submitted(): Save was pressed on a valid form; read :meth:`values`.
    """


    KINDS = (EcheanceKind.APPOINTMENT, EcheanceKind.FOLLOW_UP)

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EcheanceDialog()
        self.ui.setupUi(self)
        self._today = today
        for kind in self.KINDS:
            self.ui.kind_combo.addItem(kind.label)
        self.date_keys = DateKeys(self.ui.date_edit, lambda: today)
        mute(self.ui.weekday_label)
        self.ui.date_edit.textChanged.connect(self._on_date_edit_text_changed)
        self._watch(self.ui.button_box, self.ui.problem_label)
        self.ui.button_box.rejected.connect(self.reject)
        self.ui.kind_combo.setFocus()

    @property
    def save_button(self) -> QPushButton:
        return self.ui.button_box.button(QDialogButtonBox.StandardButton.Save)

    def set_busy(self, busy: bool) -> None:
        self.save_button.setEnabled(not busy)

    def values(self) -> EcheanceInput:
        """The form as service input; ValueError (French) when the date or time is wrong."""
        ui = self.ui
        try:
            when = self.date_keys.value()
        except ValueError as exc:
            ui.date_edit.setFocus()
            raise ValueError(self.tr("Date : %s.") % exc) from None
        if when is None:
            ui.date_edit.setFocus()
            raise ValueError(self.tr("Indiquez la date."))
        try:
            time = parse_time(ui.time_edit.text())
        except ValueError as exc:
            ui.time_edit.setFocus()
            raise ValueError(self.tr("Heure : %s.") % exc) from None
        kind = self.KINDS[max(ui.kind_combo.currentIndex(), 0)]
        due = when.isoformat() + (f"T{time}" if time else "")
        return EcheanceInput(kind, due, ui.label_edit.text().strip(),
                             ui.place_edit.text().strip())

    @Slot(str)
    def _on_date_edit_text_changed(self, _text: str) -> None:
        try:
            value = self.date_keys.value()
        except ValueError:
            value = None
        self.ui.weekday_label.setText(long_date(value) if value else "")
