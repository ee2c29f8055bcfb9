"""Small helpers shared by the administration screens: date cells and tables."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from ...services.clock import format_local


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
