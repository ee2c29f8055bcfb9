"""The preview of a statistics export: exactly the tables and the summary that will be written.

The tables are the published ones (hidden counts already shown as the mark), laid out as in the
CSV: one block per table, its title, its note, the codes' labels and the "Total" line. The
second tab shows the one-page PDF summary from memory (QtPdf, no temporary file).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.stats import TOTAL_LABEL, PublishedTable
from ...domain.suppression import MARK, legend
from ..letters.pdf_view import PdfViewer
from ..messages import mute

HIDDEN_TIP = "Effectif non diffusé (secret statistique)"


def table_widget(published: PublishedTable, parent: QWidget | None = None) -> QTableWidget:
    """One published table as a read-only grid, sized to show every line without scrolling."""
    table = published.table
    headers = [c.label for c in table.columns] + ([TOTAL_LABEL] if table.row_totals else [])
    grid = table.grid()
    widget = QTableWidget(len(grid), len(headers), parent)
    widget.setObjectName(f"table_{table.key}")
    widget.setHorizontalHeaderLabels(headers)
    labels = [r.label for r in table.rows] + ([TOTAL_LABEL] if table.column_totals else [])
    widget.setVerticalHeaderLabels(labels[:len(grid)])
    widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    for i, entries in enumerate(grid):
        for j, entry in enumerate(entries):
            text = published.text(entry)
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if text == MARK:
                item.setToolTip(HIDDEN_TIP)
                item.setForeground(Qt.GlobalColor.darkGray)
            if i == len(table.rows) or j == len(table.columns):
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            widget.setItem(i, j, item)
    header = widget.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(False)
    widget.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    widget.resizeRowsToContents()
    height = (widget.horizontalHeader().sizeHint().height()
              + sum(widget.rowHeight(r) for r in range(widget.rowCount())) + 4)
    widget.setFixedHeight(height)
    # As wide as its content: a narrow table does not stretch into an empty grey band.
    widget.resizeColumnsToContents()
    width = (widget.verticalHeader().sizeHint().width()
             + sum(widget.columnWidth(c) for c in range(widget.columnCount())) + 4)
    widget.setFixedWidth(width)
    return widget


class StatsPreview(QTabWidget):
    """The published tables, then the PDF summary.

    Args:
        parent: the export dialog.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stats_preview")
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("tables_scroll")
        self.scroll.setWidgetResizable(True)
        self.addTab(self.scroll, self.tr("Tableaux (fichier CSV)"))
        self.pdf_viewer = PdfViewer(self.tr("La synthèse s'affiche ici."), self)
        self.pdf_viewer.view.setAccessibleName(self.tr("Synthèse des statistiques"))
        self.addTab(self.pdf_viewer, self.tr("Synthèse (PDF d'une page)"))
        self.tables: list[QTableWidget] = []

    def show_export(self, tables: Sequence[PublishedTable], threshold: int,
                    pdf: bytes | None) -> None:
        """Show ``tables`` (as published with ``threshold``) and the PDF summary."""
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(6)
        legend_label = QLabel(legend(threshold), content)
        legend_label.setObjectName("legend_label")
        legend_label.setWordWrap(True)
        mute(legend_label)
        layout.addWidget(legend_label)
        self.tables = []
        for published in tables:
            title = QLabel(published.table.title, content)
            title.setStyleSheet("QLabel { font-weight: bold; margin-top: 10px; }")
            layout.addWidget(title)
            if published.table.note:
                note = QLabel(published.table.note, content)
                note.setWordWrap(True)
                mute(note)
                layout.addWidget(note)
            widget = table_widget(published, content)
            self.tables.append(widget)
            layout.addWidget(widget)
        layout.addStretch(1)
        self.scroll.setWidget(content)
        if pdf is not None:
            self.pdf_viewer.set_pdf(pdf)
        else:
            self.pdf_viewer.clear()
        self.setCurrentIndex(0)

    def clear(self) -> None:
        """Drop what is shown (the dialog goes back or closes)."""
        self.scroll.setWidget(QWidget())
        self.tables = []
        self.pdf_viewer.clear()

    def table_texts(self, key: str) -> list[list[str]]:
        """The cells of the table ``key`` as shown (tests compare them with the CSV)."""
        widget = next(t for t in self.tables if t.objectName() == f"table_{key}")
        return [[widget.item(i, j).text() if widget.item(i, j) else ""
                 for j in range(widget.columnCount())] for i in range(widget.rowCount())]
