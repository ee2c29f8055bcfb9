"""The flow between windows: set-up wizard → login → forced password change → main window,
and back to the login on idle lock, system lock or logout.

Every step opens its dialog without blocking (``show()`` plus signals), so the event loop keeps
running, tests can drive each dialog, and an idle lock can happen at any time. Locking closes the
session: the database key is wiped and the database closed before the login dialog appears.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QDialog

from ..security import kdf
from ..services.clock import Clock, system_clock
from ..services.demo import DemoAccount
from ..services.errors import ServiceError
from ..services.session import Session
from ..services.station import Station, station_exists
from ..storage.errors import StorageError
from .idle import IdleWatcher, SystemLockMonitor
from .login_dialog import LoginDialog
from .prompts import Prompts
from .workers import TaskRunner

if TYPE_CHECKING:  # imported where first used: the login window must come up fast
    from .admin import AdminDialog
    from .change_password_dialog import ChangePasswordDialog
    from .main_window import MainWindow
    from .setup_wizard import SetupWizard

LAST_LOGIN_KEY = "connexion/dernier_identifiant"


class AppController(QObject):
    """Args:
        data_dir: the station folder.
        runner: runs Argon2-bound calls off the GUI thread.
        prompts: message boxes.
        settings: where the last login name is remembered (nothing else); ``None`` in demo.
        demo_accounts: shown on the login screen of a demonstration station.
        idle_msecs: overrides the manager's idle delay (tests).

    Signals:
        finished(int): the application should exit with this code.
        locked(): the session was locked (key wiped, database closed).
    """

    finished = Signal(int)
    locked = Signal()

    def __init__(
        self,
        data_dir: Path,
        runner: TaskRunner,
        prompts: Prompts,
        *,
        settings: QSettings | None = None,
        demo_accounts: tuple[DemoAccount, ...] = (),
        kdf_params: kdf.KdfParams = kdf.DEFAULT,
        clock: Clock = system_clock,
        idle_msecs: int | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = Path(data_dir)
        self._runner = runner
        self._prompts = prompts
        self._settings = settings
        self._demo_accounts = demo_accounts
        self._kdf_params = kdf_params
        self._clock = clock
        self._idle_override = idle_msecs
        self.station: Station | None = None
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self.wizard: SetupWizard | None = None
        self.login_dialog: LoginDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.admin_dialog: AdminDialog | None = None
        self.idle = IdleWatcher(60_000, self)
        self.idle.idle_timeout.connect(self.lock)
        self.system_lock = SystemLockMonitor(self)
        self.system_lock.system_locked.connect(self.lock)
        self._locked_login: str | None = None

    # -- start ---------------------------------------------------------------------------------
    def start(self) -> None:
        if station_exists(self.data_dir):
            self._open_station()
            return
        from .setup_wizard import SetupWizard

        self.wizard = SetupWizard(
            self.data_dir, self._runner, self._prompts,
            kdf_params=self._kdf_params, clock=self._clock,
        )
        self.wizard.accepted.connect(self._on_wizard_accepted)
        self.wizard.rejected.connect(lambda: self._finish(0))
        self.wizard.show()

    def _on_wizard_accepted(self) -> None:
        login = self.wizard.created_login if self.wizard else ""
        self.wizard = None
        self._open_station(login)

    def _open_station(self, login: str = "") -> None:
        try:
            self.station = Station(self.data_dir, clock=self._clock, kdf_params=self._kdf_params)
        except (StorageError, ServiceError) as exc:
            self._prompts.error(None, self.tr("Ouverture impossible"), exc.message)
            self._finish(7)
            return
        self._show_login(login or self._last_login())

    # -- login ---------------------------------------------------------------------------------
    def _last_login(self) -> str:
        if self._settings is None:
            return ""
        return str(self._settings.value(LAST_LOGIN_KEY, "") or "")

    def _show_login(self, login: str = "", locked_of: str | None = None) -> None:
        assert self.station is not None
        self.login_dialog = LoginDialog(
            self.station, self._runner,
            demo_accounts=self._demo_accounts, login=login, locked_session_of=locked_of,
        )
        self.login_dialog.accepted.connect(self._on_login_accepted)
        self.login_dialog.rejected.connect(lambda: self.quit())
        self.login_dialog.show()

    def _on_login_accepted(self) -> None:
        dialog = self.login_dialog
        self.login_dialog = None
        if dialog is None or dialog.session is None:
            return
        session = dialog.session
        if self._settings is not None:
            self._settings.setValue(LAST_LOGIN_KEY, session.account.login)
        if session.must_change_password:
            self._ask_password_change(session, forced=True)
        else:
            self._enter(session)

    def _ask_password_change(self, session: Session, *, forced: bool) -> None:
        from .change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(
            session, self._runner, forced=forced, parent=None if forced else self.window
        )
        self.password_dialog = dialog

        def accepted() -> None:
            self.password_dialog = None
            if not session.is_open:
                return
            if forced:
                self._enter(session)
            elif self.window is not None:
                self.window.refresh()

        def rejected() -> None:
            self.password_dialog = None
            if getattr(dialog, "locked_out", False) or forced:
                session.close()
                self._end_window()
                self.session = None
                self._show_login(session.account.login)

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.show()

    # -- the signed-in window ------------------------------------------------------------------
    def _enter(self, session: Session) -> None:
        same_person = (
            self.window is not None
            and self._locked_login is not None
            and session.account.id == self.window.session.account.id
        )
        self._locked_login = None
        self.session = session
        if same_person and self.window is not None:
            self.window.set_session(session)
        else:
            self._end_window()
            from .main_window import MainWindow

            self.window = MainWindow(session, self._prompts, runner=self._runner)
            self.window.lock_requested.connect(self.lock)
            self.window.logout_requested.connect(self.logout)
            self.window.quit_requested.connect(self.quit)
            self.window.change_password_requested.connect(
                lambda: self._ask_password_change(self.session, forced=False)
            )
            self.window.admin_requested.connect(self._on_admin_requested)
        self.window.show()
        self.window.raise_()
        if not self.system_lock.listening:
            self.system_lock.watch_window(int(self.window.winId()))
        minutes = session.policy().idle_lock_minutes
        self.idle.set_delay(self._idle_override or minutes * 60_000)
        self.idle.start()

    def _on_admin_requested(self) -> None:
        if self.session is None or self.window is None:
            return
        from .admin import AdminDialog

        self.admin_dialog = AdminDialog(self.session, self._runner, self._prompts, self.window)
        self.admin_dialog.finished.connect(self._on_admin_finished)
        self.admin_dialog.open()

    def _on_admin_finished(self) -> None:
        self.admin_dialog = None
        if self.session is not None and self.session.is_open:
            self.session.refresh_account()
            self.idle.set_delay(
                self._idle_override or self.session.policy().idle_lock_minutes * 60_000
            )
            if self.window is not None:
                self.window.refresh()

    def _end_window(self) -> None:
        if self.window is not None:
            self.window.close_for_controller()
            self.window.deleteLater()
            self.window = None

    def _close_session(self) -> None:
        """Finish running work, close the session's dialogs, then wipe the key.

        A password change may be running Argon2id on a worker when the lock comes: it is let
        finish and its result delivered while the session is still open, so nothing is left
        half-done and no dialog outlives the session.
        """
        self.idle.stop()
        if self.window is not None:
            self.window.cancel_background_work()
        if self._runner.busy:
            self._runner.wait()
            QCoreApplication.processEvents()
        for dialog in (self.admin_dialog, self.password_dialog):
            if dialog is not None:
                QDialog.done(dialog, QDialog.DialogCode.Rejected)
        self.admin_dialog = self.password_dialog = None
        if self.session is not None:
            self.session.close()

    # -- lock, logout, quit --------------------------------------------------------------------
    def _save_drafts(self) -> None:
        """What is being typed is saved before the session closes (lock, logout, quit alike):
        an interview typed a second before « Quitter » is offered back at the next login."""
        if self.window is not None and self.session is not None and self.session.is_open:
            self.window.save_drafts()

    def lock(self) -> None:
        """Idle time, system lock or Ctrl+L: wipe the key, hide the screen, ask for a login."""
        if self.session is None or not self.session.is_open:
            return
        login = self.session.account.login
        self._save_drafts()  # nothing typed is lost: drafts first, then the key
        self._close_session()
        self._locked_login = login
        if self.window is not None:
            self.window.hide()
        self.locked.emit()
        self._show_login(login, locked_of=login)

    def logout(self) -> None:
        self._save_drafts()
        self._close_session()
        self.session = None
        self._end_window()
        self._show_login(self._last_login())

    def quit(self) -> None:
        self._save_drafts()
        self._close_session()
        self.session = None
        self._end_window()
        if self.login_dialog is not None:
            dialog, self.login_dialog = self.login_dialog, None
            dialog.blockSignals(True)
            dialog.close()
        self._finish(0)

    def _finish(self, code: int) -> None:
        self._runner.wait()
        if self.station is not None:
            self.station.close()
            self.station = None
        self.finished.emit(code)
