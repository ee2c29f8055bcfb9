"""Read a letter kept in a dossier again, print it or save a copy (from the timeline).

The PDF is the one kept when the letter was classed (what was sent), read from the encrypted
store (the reading is logged as a consultation by the service) and shown from memory.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from ...services.letters import LetterService
from ...services.session import Session
from ..messages import user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import LetterWindow
from .pdf_view import PdfViewer


class LetterViewerDialog(LetterWindow):
    """A kept letter's PDF, with « Imprimer… » and « Enregistrer une copie… ».

    Args:
        session: the signed-in session.
        runner: runs the reading, printing and writing off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        letter_id: the kept letter.
        parent: the dossier window.
        title: the letter's title and subject, for the window title.
        number: the dossier's number (suggested file name).
    """

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts, letter_id: int,
                 parent: QWidget | None = None, *, title: str = "", number: str = "") -> None:
        super().__init__(session, runner, prompts, parent)
        self.letter_id = letter_id
        self._number = number
        self._pdf: bytes | None = None
        self.setWindowTitle(self.tr("Courrier — %s") % title if title else self.tr("Courrier"))
        self.setMinimumSize(560, 520)
        self.resize(720, 860)

        self.viewer = PdfViewer(self.tr("Lecture du courrier…"), self)
        self.viewer.setObjectName("viewer")
        self.print_button = QPushButton(self.tr("&Imprimer… (Ctrl+P)"), self)
        self.print_button.setObjectName("print_button")
        self.copy_button = QPushButton(self.tr("Enregistrer une &copie…"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setToolTip(self.tr(
            "Fichier PDF non chiffré, à l'endroit choisi ; noté dans le journal"))
        self.close_button = QPushButton(self.tr("&Fermer"), self)
        self.close_button.setObjectName("close_button")
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewer, 1)
        layout.addLayout(self.button_row(self.print_button, self.copy_button,
                                         self.close_button))

        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(self._on_print_button_clicked)
        self._update_buttons()
        self.load()

    def load(self) -> None:
        session, letter_id = self._session, self.letter_id
        self._call(lambda: LetterService(session).pdf(letter_id), self._on_loaded,
                   self._on_load_failed)

    def _on_loaded(self, pdf: bytes) -> None:
        self._pdf = pdf
        self.viewer.set_pdf(pdf)
        self.viewer.view.setFocus()
        self._update_buttons()

    def _on_load_failed(self, exc: BaseException) -> None:
        self.viewer.set_placeholder(user_message(exc))
        self._update_buttons()

    def _update_buttons(self) -> None:
        if not hasattr(self, "close_button"):
            return
        ready = self._pdf is not None  # the actions wait for the runner (focus stays put)
        for widget in (self.print_button, self.copy_button, self.print_shortcut):
            widget.setEnabled(ready)

    def _forget(self) -> None:
        self._pdf = None
        self.viewer.clear()

    def _name(self) -> str:
        return f"courrier-{self._number}" if self._number else "courrier"

    @Slot()
    def _on_print_button_clicked(self) -> None:
        if self._pdf is not None and not self.busy:
            self.print_kept(self._pdf, [self.letter_id], self._name(), self.viewer.page_count)

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        if self._pdf is None or self.busy or not self.confirm_unencrypted():
            return
        self.save_copy(self._pdf, [self.letter_id], self._name() + ".pdf")
