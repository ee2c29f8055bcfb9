"""A PDF shown from bytes in memory: the letter as it will be printed, page after page.

The document is read from a :class:`QBuffer` over the bytes (no temporary file, SPEC §3); the
buffer must outlive the document, so the widget keeps both and drops them together. Pages are
stacked one under the other and fitted to the width, like a reader scrolling a letter.

QtPdf is imported by this module: import it on first use only (see the package docstring).
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from ..messages import mute
from .printing import pages_text


class PdfViewer(QWidget):
    """Pages of a PDF held in memory, fitted to the width, with their count below.

    Args:
        placeholder: what is said while there is no PDF to show.
        parent: the dialog.
    """

    def __init__(self, placeholder: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._buffer: QBuffer | None = None
        self._placeholder = placeholder
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll
        self.view.setAccessibleName(self.tr("Aperçu du courrier"))
        self.view.setStyleSheet("QPdfView { background: #8a8f96; }")

        self.placeholder_label = QLabel(placeholder, self)
        self.placeholder_label.setObjectName("placeholder_label")
        self.placeholder_label.setWordWrap(True)
        self.placeholder_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder_label.setMargin(24)
        # Drawn like the empty page area it stands for.
        self.placeholder_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.placeholder_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.placeholder_label.setForegroundRole(QPalette.ColorRole.WindowText)
        self.placeholder_label.setAutoFillBackground(True)
        mute(self.placeholder_label)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.placeholder_label)
        self.pages.addWidget(self.view)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        mute(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.count_label)
        self.clear()

    # -- content -------------------------------------------------------------------------------
    def set_pdf(self, pdf: bytes) -> None:
        """Show ``pdf`` (replacing what was shown). A PDF QtPdf cannot read shows the
        placeholder with a French sentence instead."""
        self._release()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._buffer = buffer
        self.document.load(buffer)
        if self.document.status() is not QPdfDocument.Status.Ready or not self.page_count:
            self._release()
            self.set_placeholder(self.tr("Ce PDF ne peut pas être affiché."))
            return
        self.pages.setCurrentWidget(self.view)
        self.count_label.setText(pages_text(self.page_count))
        self.view.verticalScrollBar().setValue(0)

    def set_placeholder(self, text: str) -> None:
        """Show a sentence in place of the pages (what is shown is dropped)."""
        self._release()
        self.placeholder_label.setText(text)
        self.pages.setCurrentWidget(self.placeholder_label)
        self.count_label.setText("")

    def clear(self) -> None:
        """Drop the PDF from memory and show the placeholder again (the session ends, another
        letter is chosen)."""
        self.set_placeholder(self._placeholder)

    def _release(self) -> None:
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.setData(QByteArray())
            self._buffer.deleteLater()
            self._buffer = None

    # -- reading -------------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        return self.document.pageCount() if self._buffer is not None else 0

    @property
    def showing_pdf(self) -> bool:
        return self.pages.currentWidget() is self.view

    def text(self) -> str:
        """Every page's text (tests, and a check of what is shown)."""
        return "\n".join(self.document.getAllText(page).text()
                         for page in range(self.page_count))
