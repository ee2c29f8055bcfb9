"""The shape every small form dialog of a dossier shares: "OK" first checks the fields, says
what is wrong in the dialog itself (French, one problem per line), and only then tells the caller,
who runs the change on the task runner and closes the dialog when the service agreed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from ..messages import ERROR_STYLE


class ValidatedDialog(QDialog):
    """Base of the dossier's form dialogs.

    Subclasses call :meth:`_watch` once their widgets exist and implement :meth:`values`, which
    returns the service input or raises ``ValueError`` with a French message.

    Signals:
        submitted(): "OK" was pressed on valid fields (read them with :meth:`values`).
    """

    submitted = Signal()

    def _watch(self, button_box: QDialogButtonBox, problem_label: QLabel) -> None:
        self._problem_label = problem_label
        problem_label.setStyleSheet(ERROR_STYLE)
        problem_label.setWordWrap(True)
        problem_label.hide()
        button_box.accepted.connect(self._on_button_box_accepted)

    def values(self) -> Any:
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        self._problem_label.setText(text)
        self._problem_label.setVisible(bool(text))

    @Slot()
    def _on_button_box_accepted(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            self.show_problem(str(exc))
            return
        self.show_problem("")
        self.submitted.emit()
