"""Small helpers shared by the administration screens: date cells, tables and their models.

The four lists of the administration (accounts, covers, coded lists, audit log) are read-only
tables of plain service objects, so one :class:`RowsModel` serves them all: a tab says what each
column shows and how an item is recognised after a refresh, nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from ...services.clock import format_local
from ..messages import ERROR_STYLE

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


def when(instant: str | None) -> str:
    """A table cell for an ISO instant: ``02/11/2026 à 10:00`` in local time, empty if none."""
    return format_local(instant).removeprefix("le ")


COLUMN_PADDING = 24


def setup_table(table: QTableView) -> None:
    """Rows a little taller than the text, columns the user can widen, the last one stretched."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    rows = table.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 10)


def fit_columns(table: QTableView) -> None:
    """Size every column to its content plus some air (after the model changed)."""
    table.resizeColumnsToContents()
    model = table.model()
    if model is None:
        return
    for column in range(model.columnCount() - 1):
        table.setColumnWidth(column, table.columnWidth(column) + COLUMN_PADDING)


def list_table(parent: QWidget) -> QTableView:
    """A table built in code that looks like the ones of the Designer forms: whole rows picked
    one at a time, nothing edited in place, alternate row colours, no grid, no row numbers."""
    table = QTableView(parent)
    table.setObjectName("table_view")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)
    return table


def error_label(parent: QWidget, name: str) -> QLabel:
    """A hidden, word-wrapped red line that says why something cannot be done."""
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


Cell = Callable[[T, int], Any]
"""What a cell shows for a role besides its text: called with the row's item and the column,
``None`` for nothing."""


class RowsModel(QAbstractTableModel, Generic[T]):
    """A read-only table of plain items, one per row, in the order given to :meth:`set_rows`.

    ``Qt.ItemDataRole.UserRole`` on any cell gives the row's item.

    Args:
        columns: for each column, left to right, its header and the text of an item in it.
        key: what recognises an item among freshly read ones (a login, a code, an id), for
            :meth:`row_of`; the item itself when not given.
        roles: what cells show besides their text (tooltip, colour, font): a function of the
            item and the column for each role used.
        parent: the owning widget.
    """

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[T], str]]],
        key: Callable[[T], Hashable] | None = None,
        roles: Mapping[int, Cell[T]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(header for header, _text in columns)
        self._texts = tuple(text for _header, text in columns)
        self._key = key
        self._roles = dict(roles or {})
        self._rows: list[T] = []

    def set_rows(self, rows: Iterable[T]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def row_at(self, row: int) -> T | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def key(self, item: T) -> Hashable:
        return self._key(item) if self._key is not None else item

    def row_of(self, key: Hashable) -> int:
        """The row of the item recognised by ``key``, -1 when there is none."""
        for row, item in enumerate(self._rows):
            if self.key(item) == key:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.row_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.column()](item)
        if role == Qt.ItemDataRole.UserRole:
            return item
        cell = self._roles.get(role)
        return cell(item, index.column()) if cell is not None else None
