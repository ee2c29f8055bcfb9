"""When to lock the session by itself: after idle time, or when the system session locks.

The idle watcher is an application-wide event filter: any key press, mouse click or movement,
or wheel event restarts the countdown. The system-lock monitor listens where the platform tells:
the freedesktop/GNOME screen-saver signals on the D-Bus session bus (Linux desktops) and the
``WM_WTSSESSION_CHANGE`` message on Windows. Where neither is available (offscreen tests, a bare
X server) the monitor stays silent and the idle delay still protects the station.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QAbstractNativeEventFilter,
    QByteArray,
    QCoreApplication,
    QEvent,
    QObject,
    QTimer,
    Signal,
    Slot,
)

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits :attr:`idle_timeout` after ``msecs`` without keyboard or mouse activity.

    Signals:
        idle_timeout(): the delay has passed with no activity (the watcher then stops).
    """

    idle_timeout = Signal()

    def __init__(self, msecs: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(msecs)
        self._timer.timeout.connect(self.idle_timeout)
        self._installed = False

    def set_delay(self, msecs: int) -> None:
        self._timer.setInterval(msecs)
        if self._timer.isActive():
            self._timer.start()

    @property
    def delay(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False


_WM_WTSSESSION_CHANGE = 0x02B1
_WTS_SESSION_LOCK = 0x7


class _WindowsSessionFilter(QAbstractNativeEventFilter):
    """Sees ``WM_WTSSESSION_CHANGE`` once the window is registered with WTS (Windows only)."""

    def __init__(self, on_lock) -> None:
        super().__init__()
        self._on_lock = on_lock

    def nativeEventFilter(self, event_type: QByteArray, message: int):  # noqa: N802 - Qt API
        if bytes(event_type) == b"windows_generic_MSG":
            from ctypes import wintypes

            msg = wintypes.MSG.from_address(int(message))
            if msg.message == _WM_WTSSESSION_CHANGE and msg.wParam == _WTS_SESSION_LOCK:
                self._on_lock()
        return False, 0


class SystemLockMonitor(QObject):
    """Emits :attr:`system_locked` when the operating-system session locks.

    Signals:
        system_locked(): the screen saver locked or the user pressed Win+L.
    """

    system_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter: _WindowsSessionFilter | None = None
        self.listening = False

    def watch_window(self, win_id: int) -> None:
        """Start listening; on Windows ``win_id`` is the main window's native handle."""
        if sys.platform == "win32":
            self._watch_windows(win_id)
        else:
            self._watch_dbus()

    def _watch_dbus(self) -> None:
        try:
            from PySide6.QtCore import SLOT
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus ships with PySide6-Essentials
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        for path, interface in (
            ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
            ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
            ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
        ):
            ok = bus.connect("", path, interface, "ActiveChanged", self,
                             SLOT("_on_screensaver_active_changed(bool)"))
            self.listening = self.listening or ok

    @Slot(bool)
    def _on_screensaver_active_changed(self, active: bool) -> None:
        if active:
            self.system_locked.emit()

    def _watch_windows(self, win_id: int) -> None:  # pragma: no cover - Windows only
        import ctypes

        notify_for_this_session = 0
        if ctypes.windll.wtsapi32.WTSRegisterSessionNotification(
            int(win_id), notify_for_this_session
        ):
            self._filter = _WindowsSessionFilter(self.system_locked.emit)
            QCoreApplication.instance().installNativeEventFilter(self._filter)
            self.listening = True

    def simulate_lock(self) -> None:
        """What the platform signal does; used by tests and by the D-Bus slot."""
        self.system_locked.emit()
