"""A dossier's timeline: everything that happened, newest first, filterable by kind.

"No overall view" (72 %) and "no day-to-day follow-up" (74 %) were the users' main complaints
about the historical tools (SPEC §1). The timeline puts interventions, notes, aids, appointments,
follow-ups and status changes of one dossier in one list; a row selected shows its whole text
below, and activating an intervention (or a note or aid recorded with it) opens it for editing.

The order and the items come from :meth:`DossierView.timeline` (the service decides what this
account may read); this module only words and colours them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import Level
from ...domain.codes import Code
from ...domain.dates import format_fr
from ...domain.records import TimelineItem
from ...services.dossiers import DossierView
from ..admin.common import setup_table
from ..messages import mute
from .intervention_entry import format_amount

_Index = QModelIndex | QPersistentModelIndex

# Filters as the person reads them, and the timeline kinds each one shows.
FILTERS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("intervention", "Interventions", frozenset({"intervention"})),
    ("note", "Notes", frozenset({"note"})),
    ("aide", "Aides", frozenset({"aide"})),
    ("rdv", "Rendez-vous", frozenset({"rdv"})),
    ("suivi", "Suivis", frozenset({"suivi"})),
    ("courrier", "Courriers", frozenset({"courrier"})),
    ("statut", "Statut", frozenset({"statut", "ouverture"})),
)

KIND_COLOURS = {
    "intervention": QColor("#2f6690"),
    "note": QColor("#6a4c93"),
    "aide": QColor("#2a7f62"),
    "rdv": QColor("#b5651d"),
    "suivi": QColor("#8d6e63"),
    "courrier": QColor("#1f6f8b"),
    "statut": QColor("#7a7a7a"),
    "ouverture": QColor("#7a7a7a"),
}
OVERDUE_COLOUR = QColor("#a4161a")
BATCH = 200


class CodeLabels:
    """Labels of the coded lists a dossier shows, read once per opening.

    Args:
        codes: every code of the lists needed, retired ones included (old data keeps its label).
    """

    def __init__(self, codes: list[Code] | None = None) -> None:
        self._labels: dict[tuple[str, str], str] = {
            (c.list_name, c.code): c.label for c in codes or ()
        }

    def label(self, list_name: str, code: str) -> str:
        """The label of a code; the code itself when unknown (never an empty cell)."""
        return self._labels.get((list_name, code), code)


def when_text(on: str) -> str:
    """A timeline date as read in France: "05/10/2026", "03/11/2026 à 10:00"."""
    if len(on) <= 10:
        try:
            return format_fr(date.fromisoformat(on))
        except ValueError:
            return on
    try:
        value = datetime.fromisoformat(on)
    except ValueError:
        return on
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%d/%m/%Y à %H:%M")


def first_line(text: str) -> str:
    stripped = text.strip()
    line = stripped.splitlines()[0] if stripped else ""
    return line + (" …" if len(stripped) > len(line) else "")


@dataclass(frozen=True)
class TimelineRow:
    """One timeline line, worded for display.

    Args:
        on: ISO date or date-time (for sorting and tests).
        kind: the timeline kind ("intervention", "note", "aide", "rdv", "suivi", "statut"...).
        what: the "Type" cell ("Entretien", "Note", "Aide", "Rendez-vous"...).
        text: one line for the table.
        detail: the whole text shown below the table.
        author: who wrote it, when known.
        ref_id: the id of the record (intervention, note, aid, échéance).
        intervention_id: the intervention to open when the row is activated, if any.
        overdue: an échéance past its date and not done.
    """

    on: str
    kind: str
    what: str
    text: str
    detail: str
    author: str = ""
    ref_id: int = 0
    intervention_id: int | None = None
    overdue: bool = False


def timeline_rows(view: DossierView, labels: CodeLabels, today: date,
                  kinds: set[str] | None = None) -> list[TimelineRow]:
    """The dossier's timeline, newest first, worded for the table."""
    interventions = {i.id: i for i in view.interventions}
    notes = {n.id: n for n in view.notes}
    aids = {a.id: a for a in view.aids}
    echeances = {e.id: e for e in view.echeances}
    rows = [_row(item, view, labels, today, interventions, notes, aids, echeances)
            for item in view.timeline(kinds)]
    return _notes_under_their_intervention(rows, interventions)


def _notes_under_their_intervention(rows: list[TimelineRow],
                                    interventions: dict) -> list[TimelineRow]:
    """A note written with an intervention reads best right under it, at its date (the note's
    own date is when it was typed, often days later)."""
    attached: dict[int, list[TimelineRow]] = {}
    result: list[TimelineRow] = []
    for row in rows:
        if row.kind == "note" and row.intervention_id in interventions:
            on = interventions[row.intervention_id].on_date.isoformat()
            attached.setdefault(row.intervention_id, []).append(replace(row, on=on))
        else:
            result.append(row)
    placed: list[TimelineRow] = []
    for row in result:
        placed.append(row)
        if row.kind == "intervention":
            placed.extend(attached.pop(row.ref_id, []))
    for notes in attached.values():  # their intervention is filtered out: place them by date
        for note in notes:
            at = next((n for n, r in enumerate(placed) if r.on[:10] < note.on), len(placed))
            placed.insert(at, note)
    return placed


def _row(item: TimelineItem, view: DossierView, labels: CodeLabels, today: date,
         interventions: dict, notes: dict, aids: dict, echeances: dict) -> TimelineRow:
    kind = item.kind
    if kind == "intervention" and item.ref_id in interventions:
        i = interventions[item.ref_id]
        what = i.kind_text or labels.label("type_intervention", i.kind_code)
        duration = f" · {i.duration_min} min" if i.duration_min else ""
        detail = f"{what} du {format_fr(i.on_date)}{duration}\n\n{i.summary}".rstrip()
        return TimelineRow(item.on, kind, what, first_line(i.summary) or "—", detail,
                           i.author, i.id, i.id)
    if kind == "note" and item.ref_id in notes:
        n = notes[item.ref_id]
        what = "Note personnelle" if n.visibility == "personnelle" else "Note"
        return TimelineRow(item.on, kind, what, first_line(n.body), n.body, n.author, n.id,
                           n.intervention_id)
    if kind == "aide" and item.ref_id in aids:
        a = aids[item.ref_id]
        type_label = a.type_text or labels.label("type_aide", a.type_code)
        outcome = labels.label("issue_aide", a.outcome_code)
        parts = [type_label]
        if a.organisation:
            parts.append(a.organisation)
        parts.append(outcome.lower())
        if a.amount_cents is not None:
            parts.append(format_amount(a.amount_cents))
        text = " — ".join(parts)
        return TimelineRow(item.on, kind, "Aide", text, text, "", a.id, a.intervention_id)
    if kind in ("rdv", "suivi") and item.ref_id in echeances:
        e = echeances[item.ref_id]
        overdue = e.is_overdue(today)
        state = "fait" if e.done_at else "en retard" if overdue else "à faire"
        text = e.label or ("Rendez-vous" if kind == "rdv" else "Suivi")
        if e.place:
            text += f" — {e.place}"
        text += f" ({state})"
        return TimelineRow(item.on, kind, "Rendez-vous" if kind == "rdv" else "Suivi", text,
                           text, "", e.id, None, overdue)
    if kind == "courrier":
        letter = next((x for x in view.letters if x.id == item.ref_id), None)
        if letter is not None:
            text = f"{letter.title} — {letter.subject}"
            detail = (f"Courrier « {letter.title} », produit par {letter.author}.\n"
                      f"Objet : {letter.subject}\n\nEntrée ou double-clic : relire le PDF.")
            return TimelineRow(item.on, kind, "Courrier", text, detail, letter.author,
                               letter.id, None)
    if kind == "statut" and view.dossier.closing_code != "NR" and view.dossier.closed_on:
        reason = labels.label("motif_cloture", view.dossier.closing_code)
        text = f"{item.title} : {reason.lower()}"
        if view.dossier.closing_text:
            text += f" ({view.dossier.closing_text})"
        return TimelineRow(item.on, kind, "Dossier", text, text)
    return TimelineRow(item.on, kind, "Dossier", item.title, item.title)


class TimelineModel(QAbstractTableModel):
    """Timeline rows, handed to the view in batches (a long dossier stays quick to show).

    ``Qt.ItemDataRole.UserRole`` on any cell gives the :class:`TimelineRow`.
    """

    DATE, WHAT, TEXT, AUTHOR = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[TimelineRow] = []
        self._shown = 0
        self._headers = (self.tr("Date"), self.tr("Type"), self.tr("Contenu"), self.tr("Par"))

    def set_rows(self, rows: list[TimelineRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._shown = min(len(rows), BATCH)
        self.endResetModel()

    def row_at(self, row: int) -> TimelineRow | None:
        return self._rows[row] if 0 <= row < self._shown else None

    def all_rows(self) -> list[TimelineRow]:
        return list(self._rows)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        more = min(BATCH, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (when_text(row.on), row.what, row.text, row.author)[column]
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.DecorationRole and column == self.WHAT:
            return KIND_COLOURS.get(row.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TEXT and row.detail != row.text:
            return row.detail[:600]
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return OVERDUE_COLOUR
        if role == Qt.ItemDataRole.FontRole and row.kind in ("statut", "ouverture"):
            font = QFont()
            font.setItalic(True)
            return font
        return None


class TimelineWidget(QWidget):
    """Filter boxes, the timeline table and the selected line's whole text.

    Args:
        parent: the dossier window.

    Signals:
        intervention_activated(int): Enter or double-click on a line recorded with an
            intervention (the intervention's id).
        letter_activated(int): Enter or double-click on a letter (the letter's id).
    """

    intervention_activated = Signal(int)
    letter_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view: DossierView | None = None
        self._labels = CodeLabels()
        self._today = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        filters = QHBoxLayout()
        show_label = QLabel(self.tr("Afficher :"), self)
        mute(show_label)
        filters.addWidget(show_label)
        self.filter_checks: dict[str, QCheckBox] = {}
        for name, text, _kinds in FILTERS:
            check = QCheckBox(self.tr(text), self)
            check.setChecked(True)
            check.setObjectName(f"{name}_check")
            check.toggled.connect(self._on_filter_check_toggled)
            self.filter_checks[name] = check
            filters.addWidget(check)
        filters.addStretch(1)
        layout.addLayout(filters)

        self.model = TimelineModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("timeline_table")
        self.table.setModel(self.model)
        setup_table(self.table)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setColumnWidth(TimelineModel.DATE, 150)
        self.table.setColumnWidth(TimelineModel.WHAT, 170)
        self.table.setColumnWidth(TimelineModel.TEXT, 420)
        self.table.activated.connect(self._on_table_activated)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

        self.empty_label = QLabel(self.tr("Rien à afficher avec ces filtres."), self)
        mute(self.empty_label)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        detail = QWidget(self)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 4, 0, 0)
        self.detail_title = QLabel(detail)
        self.detail_title.setStyleSheet("QLabel { font-weight: 600; }")
        self.detail_edit = QPlainTextEdit(detail)
        self.detail_edit.setObjectName("detail_edit")
        self.detail_edit.setReadOnly(True)
        self.detail_edit.setTabChangesFocus(True)
        self.detail_edit.setPlaceholderText(
            self.tr("Choisissez une ligne pour lire tout le texte.")
        )
        detail_layout.addWidget(self.detail_title)
        detail_layout.addWidget(self.detail_edit)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        top = QWidget(splitter)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.table)
        top_layout.addWidget(self.empty_label)
        splitter.addWidget(top)
        splitter.addWidget(detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.addWidget(splitter, 1)

    # -- content -------------------------------------------------------------------------------
    def set_view(self, view: DossierView | None, labels: CodeLabels, today: date) -> None:
        """Show a dossier (None: show nothing, e.g. after the session closed)."""
        self._view, self._labels, self._today = view, labels, today
        # No filter for what this reader cannot see at all (the secretary: no follow-up).
        follow_up = view is None or Level.FOLLOW_UP in view.readable
        for name in ("intervention", "note", "aide"):
            self.filter_checks[name].setVisible(follow_up)
        self._refill()

    def selected_kinds(self) -> set[str]:
        kinds: set[str] = set()
        for name, _text, filter_kinds in FILTERS:
            if self.filter_checks[name].isChecked():
                kinds |= filter_kinds
        return kinds

    def rows(self) -> list[TimelineRow]:
        """The rows the filters let through, in order (all of them, fetched or not)."""
        return self.model.all_rows()

    def _refill(self) -> None:
        selected = self._selected_row()
        rows = ([] if self._view is None else
                timeline_rows(self._view, self._labels, self._today, self.selected_kinds()))
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(self._view is not None and not rows)
        self._show_detail(None)
        if selected is not None:
            for number in range(self.model.rowCount()):
                row = self.model.row_at(number)
                if row is not None and (row.kind, row.ref_id) == (selected.kind, selected.ref_id):
                    self.table.selectRow(number)
                    break

    def _selected_row(self) -> TimelineRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _show_detail(self, row: TimelineRow | None) -> None:
        if row is None:
            self.detail_title.setText("")
            self.detail_edit.setPlainText("")
            return
        title = f"{row.what} — {when_text(row.on)}"
        if row.author:
            title += f" — {row.author}"
        self.detail_title.setText(title)
        self.detail_edit.setPlainText(row.detail)

    # -- slots ---------------------------------------------------------------------------------
    @Slot(bool)
    def _on_filter_check_toggled(self, _checked: bool) -> None:
        self._refill()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail(self._selected_row())

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None and row.kind == "courrier" and row.ref_id is not None:
            self.letter_activated.emit(row.ref_id)
        elif row is not None and row.intervention_id is not None:
            self.intervention_activated.emit(row.intervention_id)
