"""Message boxes behind one replaceable object, so no test ever hangs on a modal dialog.

Widgets call ``prompts.error(parent, text)`` and friends; tests hand them a
:class:`RecordingPrompts` that stores what would have been shown and answers as told.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


class Prompts:
    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.information(parent, title, text)

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.warning(parent, title, text)

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QMessageBox.critical(parent, title, text)

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            parent, title, text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


class RecordingPrompts(Prompts):
    """For tests: records ``(kind, title, text)`` and answers ``confirm`` with ``answer``."""

    def __init__(self, answer: bool = True) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = answer

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def warning(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("warning", title, text))

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.answer

    def texts(self) -> str:
        return "\n".join(text for _, _, text in self.shown)
