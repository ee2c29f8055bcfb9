"""Run blocking calls (Argon2id, SQL, PDF) off the GUI thread; results come back on it.

Argon2id alone costs most of a second, so login, password changes and account resets never run
on the GUI thread. ``TaskRunner(synchronous=True)`` runs the call inline: tests use it so they
need no event-loop waiting, and the code path is otherwise the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the pool arrive there queued."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_error: Callable[[BaseException], None]):
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_result(self, value: Any) -> None:
        self._on_done(value)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        self._on_error(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            value = self._fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(value)


class TaskRunner(QObject):
    """Starts tasks on a thread pool and keeps their relays alive until they report.

    Signals:
        busy_changed(bool): True while at least one task runs (dialogs disable their buttons).
    """

    busy_changed = Signal(bool)

    def __init__(self, *, synchronous: bool = False, pool: QThreadPool | None = None) -> None:
        super().__init__()
        self._synchronous = synchronous
        self._pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        """Call ``fn()`` off the GUI thread, then ``on_done(result)`` or ``on_error(exc)`` on it."""
        if self._synchronous:
            try:
                value = fn()
            except BaseException as exc:
                on_error(exc)
            else:
                on_done(value)
            return
        relay: _Relay

        def finish(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def deliver(value: Any) -> None:
                self._relays.discard(relay)
                if not self._relays:
                    self.busy_changed.emit(False)
                callback(value)

            return deliver

        relay = _Relay(finish(on_done), finish(on_error))
        was_idle = not self._relays
        self._relays.add(relay)
        if was_idle:
            self.busy_changed.emit(True)
        self._pool.start(_Task(fn, relay))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until the pool is idle (used at shutdown so no task outlives the window)."""
        return self._pool.waitForDone(msecs)
