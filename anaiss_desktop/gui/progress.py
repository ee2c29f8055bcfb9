"""Long work on a worker thread, seen and stoppable from the GUI thread: the bridge that carries
progress one way and *Annuler* the other, and the progress dialog every long task shows."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget


class ProgressBridge(QObject):
    """Progress from the worker thread to the GUI thread; the person's cancel back (a flag the
    worker reads at each step, so it stops between two steps, never in the middle of one).

    Signals:
        advanced(int, int): steps done, steps in all.
    """

    advanced = Signal(int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancelled = threading.Event()

    def report(self, done: int, total: int) -> bool:
        """Called on the worker thread; False asks the work to stop."""
        self.advanced.emit(done, total)
        return not self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def is_cancelled(self) -> bool:
        return self._cancelled.is_set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


def progress_dialog(parent: QWidget, label: str, title: str, maximum: int,
                    cancel_text: str = "Annuler") -> QProgressDialog:
    """The progress window of a long task: modal to its window, shown at once, left open at
    the end (the caller closes it when the result is shown)."""
    progress = QProgressDialog(label, cancel_text, 0, maximum, parent)
    progress.setObjectName("progress_dialog")
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    return progress
