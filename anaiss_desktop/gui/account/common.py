"""What the "Mon compte" dialogs share: ending with the session, and a table that says so in a
sentence when it has nothing to show.

These dialogs are modeless windows of the main window, so the privacy screen (F12) hides them
and the end of the session (lock, logout) closes them: :meth:`AccountDialog.close_for_session_end`
is the name the main window calls on every form it owns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ..admin.common import setup_table
from ..messages import mute
from ..task_dialog import TaskDialog

ROW_DATA = Qt.ItemDataRole.UserRole


class AccountDialog(TaskDialog):
    """Base of the "Mon compte" dialogs (arguments: see
    :class:`~anaiss_desktop.gui.task_dialog.TaskDialog`)."""


class TablePanel(QStackedWidget):
    """A read-only table of rows, or a muted sentence when there is none.

    Args:
        headers: the column titles.
        empty_text: what is said when there is nothing to show.
        parent: the dialog.
    """

    def __init__(self, headers: Sequence[str], empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setHighlightSections(False)
        setup_table(self.table)
        self.addWidget(self.table)
        self.empty_label = QLabel(empty_text, self)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setMargin(8)
        # Drawn like the empty table it stands for, so the dialog does not look unfinished.
        self.empty_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.empty_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.empty_label.setForegroundRole(QPalette.ColorRole.WindowText)
        self.empty_label.setAutoFillBackground(True)
        mute(self.empty_label)
        self.addWidget(self.empty_label)
        self.setCurrentWidget(self.empty_label)

    def set_rows(self, rows: Sequence[tuple[Sequence[str], Any]],
                 tooltips: Sequence[str] | None = None) -> None:
        """Show ``(cells, data)`` rows; ``data`` is what :meth:`current_data` returns."""
        table = self.table
        table.setRowCount(0)
        table.setRowCount(len(rows))
        for row, (cells, data) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(ROW_DATA, data)
                if tooltips and tooltips[row]:
                    item.setToolTip(tooltips[row])
                table.setItem(row, column, item)
        if rows:
            table.resizeColumnsToContents()
            for column in range(table.columnCount() - 1):
                table.setColumnWidth(column, table.columnWidth(column) + 18)
        self.setCurrentWidget(table if rows else self.empty_label)
        table.setFocusPolicy(Qt.FocusPolicy.StrongFocus if rows else Qt.FocusPolicy.NoFocus)

    def current_data(self) -> Any:
        """The data of the selected row, or None."""
        row = self.table.currentRow()
        if row < 0 or not self.table.selectionModel().isRowSelected(row, self.table.rootIndex()):
            return None
        item = self.table.item(row, 0)
        return item.data(ROW_DATA) if item is not None else None

    def texts(self) -> list[tuple[str, ...]]:
        """Every row's cells as shown (tests, screen readers)."""
        table = self.table
        return [tuple(table.item(row, column).text() for column in range(table.columnCount()))
                for row in range(table.rowCount())]

    @property
    def is_empty(self) -> bool:
        return self.currentWidget() is self.empty_label
