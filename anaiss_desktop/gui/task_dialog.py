"""A modeless dialog that runs service calls off the GUI thread and ends with the session.

What the letter windows and the statistics export share: the buttons wait while a call runs
(:attr:`TaskDialog.busy`), a result that arrives after the dialog or its session is gone is
dropped, and the end of the session (lock, logout) closes the dialog at once without touching
the closed store (:meth:`TaskDialog.close_for_session_end`, the name the main window calls).
The dialogs are shown with ``show()``: the privacy screen (F12) hides them with the main window.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ..services.session import Session
from .messages import show_message
from .prompts import Prompts
from .workers import TaskRunner


class TaskDialog(QDialog):
    """Base of dialogs whose work runs in a :class:`TaskRunner`.

    Args:
        session: the signed-in session.
        runner: runs service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the window it belongs to.
    """

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._closed = False
        self._pending = 0
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()

    # -- life ----------------------------------------------------------------------------------
    def _alive(self) -> bool:
        """False once the dialog or its session is gone: a late result is then dropped."""
        return not self._closed and isValid(self) and self._session.is_open

    @property
    def busy(self) -> bool:
        return self._pending > 0

    def close_for_session_end(self) -> None:
        """The session is over (lock, logout): drop what is shown and close at once, without
        touching the closed store."""
        self._closed = True
        self._forget()
        for child in self.findChildren(QDialog):
            if isValid(child) and child.isVisible():
                child.reject()
        QDialog.done(self, QDialog.DialogCode.Rejected)

    def _forget(self) -> None:
        """Drop what the window holds of personal or exported data (subclasses)."""

    def _may_close(self) -> bool:
        """Whether Escape or Fermer may close now (subclasses ask before dropping work)."""
        return True

    def reject(self) -> None:
        """Escape or Fermer: never while a call runs (it would finish unseen); then what the
        window holds is dropped."""
        if self.busy:
            self.show_status(self.tr("Patientez : une opération est en cours…"), error=False)
            return
        if not self._may_close():
            return
        self._forget()
        super().reject()

    def _update_buttons(self) -> None:
        """Enable what can be done now (subclasses)."""

    def _call(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
              on_error: Callable[[BaseException], None]) -> None:
        """Run ``fn`` in the runner; the buttons wait meanwhile; late results are dropped."""

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                if not isValid(self):
                    return
                self._pending -= 1
                if self._closed:
                    return
                self._update_buttons()
                callback(value)

            return deliver

        self._pending += 1
        self._update_buttons()
        self._runner.run(fn, finish(on_done), finish(on_error))

    def show_status(self, text: str, *, error: bool = False) -> None:
        show_message(self.status_label, text, error=error)


def busy_bar(parent: QWidget) -> QProgressBar:
    """The thin bar that moves while a call runs (no percentage: the call does not say)."""
    bar = QProgressBar(parent)
    bar.setObjectName("busy_bar")
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


def steps_text(steps: tuple[str, ...], current: int) -> str:
    """"1. Période  ›  <b>2. Aperçu</b>  ›  …": where the person is in a dialog of steps."""
    return "  ›  ".join(f"<b>{s}</b>" if i == current else s for i, s in enumerate(steps))


def lay_out_steps(dialog: TaskDialog, steps_label: QLabel, pages: QStackedWidget,
                  bar: QProgressBar, *buttons: QPushButton) -> None:
    """The layout of a dialog in steps: where one is, the page, the status line, then the busy
    bar and the buttons on the right (none a default button: Enter in a field goes nowhere)."""
    row = QHBoxLayout()
    row.addWidget(bar, 1)
    row.addStretch(0)
    for button in buttons:
        button.setAutoDefault(False)
        row.addWidget(button)
    layout = QVBoxLayout(dialog)
    layout.addWidget(steps_label)
    layout.addWidget(pages, 1)
    layout.addWidget(dialog.status_label)
    layout.addLayout(row)
