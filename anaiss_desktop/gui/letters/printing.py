"""Printing a PDF held in memory: each page drawn as an image on the printer, no file written.

Qt cannot hand a PDF to a printer as such; the portable way, without a temporary file (SPEC
§3), is to render every page with QtPdf at the printer's resolution (at most
:data:`MAX_DPI`: more only costs memory for a letter) and paint it on the :class:`QPrinter`.
:func:`print_pdf` may run on a worker thread (Qt supports painting on a printer there), so a
batch of a hundred letters does not freeze the window. The print dialog offers no "print to
file": a file copy goes through « Enregistrer une copie… », which warns and logs.

QtPdf is imported by this module: import it on first use only (see the package docstring).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ...services.errors import ServiceError

MAX_DPI = 300  # enough for text on paper; a 1200 dpi printer would need 550 MB per page


def pages_text(count: int) -> str:
    """"1 page", "3 pages"."""
    return f"{count} page" if count == 1 else f"{count} pages"


class PrintProblem(ServiceError):
    """The PDF could not be printed; ``message`` says why, in French."""

    default_message = "L'impression n'a pas pu se faire."


@contextmanager
def opened_pdf(pdf: bytes) -> Iterator[QPdfDocument]:
    """A :class:`QPdfDocument` over ``pdf`` in memory, closed (and its buffer freed) after."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    try:
        document.load(buffer)
        if document.status() is not QPdfDocument.Status.Ready or document.pageCount() < 1:
            raise PrintProblem("Ce PDF ne peut pas être lu pour l'impression.")
        yield document
    finally:
        document.close()
        buffer.close()
        buffer.setData(QByteArray())


def render_page(document: QPdfDocument, page: int, dpi: int) -> QImage:
    """One page as an opaque image (white paper) at ``dpi`` dots per inch."""
    points = document.pagePointSize(page)  # 1/72 inch
    size = QSize(max(1, round(points.width() * dpi / 72)),
                 max(1, round(points.height() * dpi / 72)))
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.drawImage(0, 0, document.render(page, size))
    painter.end()
    return image


def page_images(pdf: bytes, dpi: int = 96) -> list[QImage]:
    """Every page of ``pdf`` as an image (what printing paints, at a lower resolution)."""
    with opened_pdf(pdf) as document:
        return [render_page(document, page, dpi) for page in range(document.pageCount())]


def print_pdf(pdf: bytes, printer: QPrinter,
              progress: Callable[[int, int], None] = lambda done, total: None,
              cancelled: Callable[[], bool] = lambda: False) -> int:
    """Paint every page of ``pdf`` (or the range chosen in the print dialog) on ``printer``;
    the number of pages sent. Each page fills the paper, keeping its proportions."""
    printer.setFullPage(True)  # the PDF carries its own margins
    dpi = max(72, min(printer.resolution(), MAX_DPI))
    with opened_pdf(pdf) as document:
        count = document.pageCount()
        first, last = 0, count - 1
        if printer.fromPage() > 0:
            first = min(printer.fromPage() - 1, last)
            last = max(first, min(printer.toPage() - 1, last)) if printer.toPage() else last
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintProblem("L'imprimante n'a pas pu être ouverte : vérifiez qu'elle est "
                               "allumée et reliée, puis recommencez.")
        sent = 0
        total = last - first + 1
        try:
            for page in range(first, last + 1):
                if cancelled():
                    printer.abort()
                    break
                if sent and not printer.newPage():
                    raise PrintProblem("L'impression s'est interrompue (imprimante "
                                       "déconnectée ?).")
                image = render_page(document, page, dpi)
                target = _fitted(image.size(), printer.width(), printer.height())
                painter.drawImage(target, image)
                sent += 1
                progress(sent, total)
        finally:
            painter.end()
    return sent


def _fitted(size: QSize, width: int, height: int) -> QRectF:
    """``size`` scaled to fit ``width`` × ``height``, centred."""
    scale = min(width / size.width(), height / size.height())
    w, h = size.width() * scale, size.height() * scale
    return QRectF((width - w) / 2, (height - h) / 2, w, h)


def new_printer(document_name: str) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setDocName(document_name)
    printer.setFullPage(True)
    return printer


def ask_printer(parent: QWidget | None, document_name: str, pages: int) -> QPrinter | None:
    """The system's print dialog; the printer chosen, or None when cancelled."""
    printer = new_printer(document_name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Imprimer") if parent is not None else "Imprimer")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setMinMax(1, max(1, pages))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def printing_to_file(printer: QPrinter) -> bool:
    """True when the dialog was turned into a PDF writer anyway (the copy would escape the
    warning and the log of « Enregistrer une copie… »)."""
    return bool(printer.outputFileName())
