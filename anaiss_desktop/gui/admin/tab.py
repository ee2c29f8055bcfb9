"""What the administration tabs built on a table share (accounts, covers, coded lists).

Each of them reads its items on the task runner and shows them in a :class:`~.common.RowsModel`;
the items are new objects after every reading, so the one selected before is chosen again by its
key. Each opens one dialog at a time, closed when the administration window closes or the session
locks; runs a change, then says in a status line what it did and reads the list again; and, when
the service refuses (not a manager), keeps the refusal so the buttons stay grey. Buttons follow
the selection only to spare a pointless click: the services decide what is allowed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import Qt, SignalInstance, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...services.session import Session
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import RowsModel, error_label, fit_columns, list_table, setup_table


class TabDialog(Protocol):
    """What a tab needs of the dialogs it opens (QDialogs with a ``submitted`` signal)."""

    submitted: SignalInstance
    finished: SignalInstance

    def open(self) -> None: ...

    def reject(self) -> None: ...

    def deleteLater(self) -> None: ...

    def set_busy(self, busy: bool) -> None: ...


T = TypeVar("T")
D = TypeVar("D", bound=TabDialog)


class RowsTab(QWidget, Generic[T, D]):
    """Base of a tab listing items of type ``T`` and opening dialogs of type ``D``.

    A subclass builds its widgets, then calls :meth:`_attach`; it provides :meth:`refresh` and
    :meth:`_update_buttons`, called whenever the selection, the runner or the list changes.

    Args:
        session: the signed-in manager's session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the owning widget.
    """

    model: RowsModel[T]

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._refusal = ""
        self._dialog: D | None = None
        self._select_after_refresh: Hashable | None = None

    def _build_page(self, explanation: str, buttons: Sequence[QPushButton], model: RowsModel[T],
                    *, top: QLayout | None = None, below: Sequence[QWidget] = (),
                    stretch_end: bool = False) -> None:
        """The page every list tab shows, top to bottom: ``top`` (a chooser), the muted
        ``explanation``, the refusal line, the ``buttons`` row, the table, the ``below``
        widgets (a hint, an empty-list sentence), the status line; then :meth:`_attach`.

        ``stretch_end`` keeps the lines at the top when a refusal hides the table.
        """
        self.explanation_label = QLabel(explanation, self)
        self.explanation_label.setObjectName("explanation_label")
        self.explanation_label.setWordWrap(True)
        mute(self.explanation_label)
        self.refusal_label = error_label(self, "refusal_label")
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        self.table_view = list_table(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        if top is not None:
            layout.addLayout(top)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.refusal_label)
        layout.addLayout(row)
        layout.addWidget(self.table_view, 1)
        for widget in below:
            layout.addWidget(widget)
        layout.addWidget(self.status_label)
        if stretch_end:
            layout.addStretch(0)
        self._attach(self.table_view, model, self.status_label, self.refusal_label)

    def _attach(self, table: QTableView, model: RowsModel[T], status_label: QLabel,
                refusal_label: QLabel | None = None) -> None:
        """Wire the tab's table, its status line and (when it has one) its refusal line."""
        self.model = model
        self._table = table
        self._status_label = status_label
        self._refusal_label = refusal_label
        table.setModel(model)
        setup_table(table)
        status_label.hide()
        table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self._runner.busy_changed.connect(self._on_runner_busy_changed)

    def refresh(self) -> None:
        """Read the items again (after a change, or when the tab is shown)."""
        raise NotImplementedError

    def _update_buttons(self) -> None:
        raise NotImplementedError

    # -- the list ------------------------------------------------------------------------------
    def selected(self) -> T | None:
        rows = self._table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, key: Hashable) -> bool:
        """Select the item recognised by ``key`` (a login, a code, an id); False if not listed."""
        row = self.model.row_of(key)
        if row < 0:
            return False
        self._table.selectRow(row)
        return True

    def _keep_selection(self) -> None:
        """Before reading again: choose the selected item again afterwards, unless a change
        already asked for another one (the item it created)."""
        item = self.selected()
        if self._select_after_refresh is None and item is not None:
            self._select_after_refresh = self.model.key(item)

    def _show_rows(self, rows: Iterable[T]) -> None:
        """Show freshly read items, the kept one selected again."""
        self.model.set_rows(rows)
        fit_columns(self._table)
        key, self._select_after_refresh = self._select_after_refresh, None
        if key is not None:
            self.select(key)
        self._update_buttons()

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_buttons()

    # -- what the tab says ---------------------------------------------------------------------
    def refusal_text(self) -> str:
        """Why the service refused the list or its changes; empty when it did not."""
        return self._refusal

    def _set_refusal(self, text: str) -> None:
        self._refusal = text
        if self._refusal_label is not None:
            self._refusal_label.setText(text)
            self._refusal_label.setVisible(bool(text))

    def status_text(self) -> str:
        return self._status_label.text()

    def _show_status(self, text: str) -> None:
        self._status_label.setText(text)
        self._status_label.setVisible(bool(text))

    # -- dialogs -------------------------------------------------------------------------------
    @property
    def current_dialog(self) -> D | None:
        """The dialog now open, if any (tests drive it)."""
        return self._dialog

    def close_dialogs(self) -> None:
        """Close an open dialog, e.g. when the administration window closes or the session
        locks."""
        if self._dialog is not None:
            self._dialog.reject()

    def _open_dialog(self, dialog: D, on_submit: Callable[[], None]) -> None:
        self.close_dialogs()
        self._dialog = dialog
        dialog.submitted.connect(on_submit)
        # A bound slot finds the dialog as the sender: a lambda holding the dialog, connected
        # to the dialog's own signal, keeps it alive in PySide and can crash its deletion.
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is not None:
            self._dialog_closed(dialog)

    def _dialog_closed(self, dialog: D) -> None:
        """A dialog of the tab was closed; subclasses wipe what it held, then call this."""
        if self._dialog is dialog:
            self._dialog = None
        dialog.deleteLater()

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        if not isValid(self):
            return
        self._update_buttons()
        if self._dialog is not None:
            self._dialog.set_busy(busy)

    # -- changes -------------------------------------------------------------------------------
    def _run(
        self,
        dialog: QDialog | None,
        title: str,
        call: Callable[[], Any],
        success: Callable[[Any], str],
        changed: Callable[[], None] | None = None,
    ) -> None:
        """Run ``call``; on success close ``dialog``, say ``success(result)``, read the list
        again and call ``changed``; on failure say why under ``title``, over the dialog (over
        the tab when there is none)."""

        def done(result: Any) -> None:
            if not isValid(self):  # the screen was closed while the task ran
                return
            if dialog is not None and isValid(dialog):
                dialog.accept()
            self._show_status(success(result))
            self.refresh()
            if changed is not None:
                changed()

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            parent = dialog if dialog is not None and isValid(dialog) else self
            self._prompts.error(parent, title, user_message(exc))

        self._runner.run(call, done, failed)
