"""What the letter windows share: printing and saving a copy of a kept letter, each act logged,
and ending with the session.

Every letter that leaves the application — on paper or as a file — is a letter kept in its
dossier, so each print or copy is recorded against it (:meth:`LetterService.record`). A copy is
written only after the person read that it will not be encrypted, and the log entry is written
with it: if the entry cannot be written, the copy is removed again.

The windows are modeless (``show()``): the privacy screen (F12) hides them with the main window,
and the end of the session closes them (:meth:`LetterWindow.close_for_session_end`, the name the
main window and the dossier window call).
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
)

from ...services.letters import LetterService
from ..messages import save_error_message, user_message
from ..task_dialog import TaskDialog
from .copies import (
    UNENCRYPTED_TEXT,
    UNENCRYPTED_TITLE,
    ask_folder,
    ask_save_path,
    existing,
    with_pdf_suffix,
    write_copies,
    write_copy,
)
from .printing import ask_printer, pages_text, print_pdf, printing_to_file

WARNING_STYLE = ("QLabel { background: #fbf5e6; color: #5c4400; border: 1px solid #e8d9ad;"
                 " border-radius: 4px; padding: 4px 8px; }")


class LetterWindow(TaskDialog):
    """Base of the letter dialogs (see :class:`~anaiss_desktop.gui.task_dialog.TaskDialog` for
    the arguments)."""

    def button_row(self, *buttons: QPushButton) -> QVBoxLayout:
        """The status line, then the buttons on the right (none of them a default button:
        Enter in a field never prints or saves)."""
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            button.setAutoDefault(False)
            row.addWidget(button)
        column = QVBoxLayout()
        column.addWidget(self.status_label)
        column.addLayout(row)
        return column

    # -- seams (tests replace these, so no system dialog opens) ----------------------------
    def choose_printer(self, document_name: str, pages: int) -> QPrinter | None:
        return ask_printer(self, document_name, pages)

    def choose_file(self, default_name: str) -> Path | None:
        return ask_save_path(self, self.tr("Enregistrer une copie du courrier"), default_name)

    def choose_folder(self) -> Path | None:
        return ask_folder(self, self.tr("Dossier où enregistrer les courriers"))

    # -- printing ------------------------------------------------------------------------------
    def print_kept(self, pdf: bytes, letter_ids: Sequence[int], document_name: str,
                   pages: int, printer: QPrinter | None = None) -> None:
        """Print ``pdf`` (kept letters ``letter_ids``) and log it; asks for the printer unless
        one was chosen already."""
        if printer is None:
            printer = self.choose_printer(document_name, pages)
        if printer is None:
            return
        if printing_to_file(printer):
            self._prompts.warning(self, self.tr("Impression"), self.tr(
                "Pour obtenir un fichier, utilisez « Enregistrer une copie… » : la copie y est "
                "signalée comme non chiffrée et notée dans le journal."))
            return
        session = self._session
        ids = list(letter_ids)

        def work() -> int:
            sent = print_pdf(pdf, printer)
            service = LetterService(session)
            for letter_id in ids:
                service.record(letter_id, "impression")
            return sent

        def done(sent: int) -> None:
            self.show_status(self.tr("Envoyé à l'imprimante (%s).") % pages_text(sent),
                             error=False)

        def failed(exc: BaseException) -> None:
            self._prompts.error(self, self.tr("Impression impossible"), user_message(exc))

        self._call(work, done, failed)

    # -- copies --------------------------------------------------------------------------------
    def confirm_unencrypted(self) -> bool:
        return self._prompts.confirm(self, self.tr(UNENCRYPTED_TITLE), self.tr(UNENCRYPTED_TEXT))

    def save_copy(self, pdf: bytes, letter_ids: Sequence[int], default_name: str,
                  path: Path | None = None) -> None:
        """Ask where (unless ``path`` is given), write ``pdf`` there, log the export."""
        if path is None:
            path = self.choose_file(default_name)
        if path is None:
            return
        path = with_pdf_suffix(path)
        session = self._session
        ids = list(letter_ids)

        def work() -> Path:
            write_copy(path, pdf)
            try:
                service = LetterService(session)
                for letter_id in ids:
                    service.record(letter_id, "export")
            except BaseException:
                with contextlib.suppress(OSError):
                    path.unlink()  # a copy that is not in the log does not stay
                raise
            return path

        def done(written: Path) -> None:
            self.show_status(self.tr("Copie enregistrée : %s") % written, error=False)

        def failed(exc: BaseException) -> None:
            self._prompts.error(self, self.tr("Copie non enregistrée"), save_error_message(exc))

        self._call(work, done, failed)

    def save_copies(self, files: Sequence[tuple[str, bytes]], letter_ids: Sequence[int]) -> None:
        """Ask for a folder, write one file per letter there, log each export."""
        folder = self.choose_folder()
        if folder is None:
            return
        names = [name for name, _data in files]
        clash = existing(folder, names)
        if clash and not self._prompts.confirm(self, self.tr("Fichiers existants"), self.tr(
                "%d fichier(s) de ce nom existent déjà dans ce dossier (%s…). Les remplacer ?")
                % (len(clash), clash[0])):
            return
        session = self._session
        ids = list(letter_ids)
        batch = list(files)

        def work() -> list[Path]:
            written = write_copies(folder, batch)
            try:
                service = LetterService(session)
                for letter_id in ids:
                    service.record(letter_id, "export")
            except BaseException:
                for path in written:
                    with contextlib.suppress(OSError):
                        path.unlink()
                raise
            return written

        def done(written: list[Path]) -> None:
            self.show_status(self.tr("%d copie(s) enregistrée(s) dans %s") % (len(written),
                                                                               folder),
                             error=False)

        def failed(exc: BaseException) -> None:
            self._prompts.error(self, self.tr("Copies non enregistrées"), save_error_message(exc))

        self._call(work, done, failed)
