"""The whole window flow, driven like a person would: login, forced change, idle lock, unlock.

The controller opens its own :class:`Station` on a real SQLCipher station created by the
``recovery_key`` fixture; dialogs are filled with real key clicks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_TEMP,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
)
from PySide6.QtCore import QSettings, Qt

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.gui.app_controller import AppController
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.station import Station


@pytest.fixture
def make_controller(qtbot, data_dir: Path, clock, tmp_path: Path):
    made: list[AppController] = []

    def make(idle_msecs: int | None = None, prompts: RecordingPrompts | None = None):
        controller = AppController(
            data_dir,
            TaskRunner(synchronous=True),
            prompts or RecordingPrompts(),
            settings=QSettings(str(tmp_path / "reglages.ini"), QSettings.Format.IniFormat),
            kdf_params=FAST_KDF,
            clock=clock,
            idle_msecs=idle_msecs,
        )
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.quit()


def sign_in(qtbot, controller: AppController, login: str, password: str) -> None:
    dialog = controller.login_dialog
    assert dialog is not None and dialog.isVisible()
    if not dialog.ui.login_edit.isReadOnly():
        dialog.ui.login_edit.clear()
        qtbot.keyClicks(dialog.ui.login_edit, login)
    qtbot.keyClicks(dialog.ui.password_edit, password)
    qtbot.mouseClick(dialog.ui.login_button, Qt.MouseButton.LeftButton)


def test_login_shows_main_window_with_previous_connection(qtbot, make_controller, recovery_key):
    controller = make_controller()
    controller.start()
    sign_in(qtbot, controller, MANAGER_LOGIN, "pas le bon")
    assert "incorrect" in controller.login_dialog.ui.message_label.text()
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    window = controller.window
    assert window is not None and window.isVisible()
    text = window.previous_login_label.text()
    assert "1 tentative échouée" in text
    assert "Claire Responsable" in window.user_label.text()
    assert window.admin_menu.menuAction().isVisible()


def test_idle_lock_wipes_key_and_same_person_resumes(qtbot, make_controller, recovery_key):
    controller = make_controller(idle_msecs=80)
    controller.start()
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    first_session = controller.session
    window = controller.window
    qtbot.waitUntil(lambda: not first_session.is_open, timeout=3000)
    assert not window.isVisible()
    dialog = controller.login_dialog
    assert dialog is not None and dialog.isVisible()
    assert "verrouillée" in dialog.windowTitle().lower() or "verrouillée" in (
        dialog.ui.lock_label.text()
    )
    assert dialog.ui.login_edit.text() == MANAGER_LOGIN
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    assert controller.window is window and window.isVisible()
    assert controller.session is not first_session and controller.session.is_open


def test_system_lock_locks_the_session(qtbot, make_controller, recovery_key):
    controller = make_controller()
    controller.start()
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    session = controller.session
    with qtbot.waitSignal(controller.locked, timeout=1000):
        controller.system_lock.simulate_lock()
    assert not session.is_open
    assert not controller.window.isVisible()


def test_temporary_password_must_be_changed_before_main_window(
    qtbot, make_controller, data_dir, clock, recovery_key
):
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        AccountService(session).create(
            ASSISTANT_LOGIN, "Anne Martin", Role.ASSISTANT, temporary_password=ASSISTANT_TEMP
        )
        session.close()
    controller = make_controller()
    controller.start()
    sign_in(qtbot, controller, ASSISTANT_LOGIN, ASSISTANT_TEMP)
    assert controller.window is None
    dialog = controller.password_dialog
    assert dialog is not None and dialog.isVisible()
    assert "temporaire" in dialog.ui.intro_label.text()
    qtbot.keyClicks(dialog.ui.current_edit, ASSISTANT_TEMP)
    qtbot.keyClicks(dialog.ui.new_edit, "Nouvelle-Phrase-Solide-88")
    qtbot.keyClicks(dialog.ui.confirm_edit, "Nouvelle-Phrase-Solide-88")
    ok = dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert controller.window is not None and controller.window.isVisible()
    assert not controller.session.must_change_password


def test_expired_password_forces_change(qtbot, make_controller, clock, recovery_key):
    clock.advance(days=366)
    controller = make_controller()
    controller.start()
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    assert controller.window is None
    assert "expiré" in controller.password_dialog.ui.intro_label.text()


def test_second_instance_is_refused(qtbot, make_controller, data_dir, clock, recovery_key):
    prompts = RecordingPrompts()
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF):
        controller = make_controller(prompts=prompts)
        with qtbot.waitSignal(controller.finished) as blocker:
            controller.start()
    assert blocker.args == [7]
    assert "déjà ouverte" in prompts.texts()
    assert controller.login_dialog is None


def test_privacy_screen_hides_everything(qtbot, make_controller, recovery_key):
    controller = make_controller()
    controller.start()
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    window = controller.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert window.privacy_screen_on
    assert not window.home_page.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert not window.privacy_screen_on


def test_last_login_name_is_remembered(qtbot, make_controller, recovery_key):
    controller = make_controller()
    controller.start()
    sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
    controller.logout()
    assert controller.login_dialog.ui.login_edit.text() == MANAGER_LOGIN


def test_first_run_wizard_leads_to_the_login(qtbot, make_controller, data_dir):
    from PySide6.QtWidgets import QWizard

    controller = make_controller()
    controller.start()
    wizard = controller.wizard
    assert wizard is not None and wizard.isVisible()
    wizard.next()
    wizard.service_page.service_name_edit.setText("Service social de test")
    wizard.next()
    page = wizard.account_page
    page.login_edit.setText("chef")
    page.full_name_edit.setText("Paule Chef")
    page.password_edit.setText("Premiere-Station-2026!")
    page.confirm_edit.setText("Premiere-Station-2026!")
    wizard.next()
    wizard.next()  # the creation page creates the station, then shows the key
    assert wizard.key_page.isVisible()
    wizard.key_page.stored_check.setChecked(True)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    dialog = controller.login_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.login_edit.text() == "chef"
    sign_in(qtbot, controller, "chef", "Premiere-Station-2026!")
    assert controller.window is not None and controller.window.isVisible()


def test_lock_during_a_password_change_finishes_it_first(qtbot, data_dir, clock, tmp_path,
                                                         recovery_key):
    """Argon2id runs on a worker: a lock meanwhile must not wipe the key under it."""
    controller = AppController(
        data_dir, TaskRunner(), RecordingPrompts(),
        settings=QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat),
        kdf_params=FAST_KDF, clock=clock,
    )
    try:
        controller.start()
        sign_in(qtbot, controller, MANAGER_LOGIN, MANAGER_PASSWORD)
        qtbot.waitUntil(lambda: controller.window is not None, timeout=20000)
        controller.window.change_password_requested.emit()
        dialog = controller.password_dialog
        qtbot.keyClicks(dialog.ui.current_edit, MANAGER_PASSWORD)
        qtbot.keyClicks(dialog.ui.new_edit, "Nouvelle-Phrase-Solide-88")
        qtbot.keyClicks(dialog.ui.confirm_edit, "Nouvelle-Phrase-Solide-88")
        ok = dialog.ui.button_box.button(dialog.ui.button_box.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        controller.lock()  # while the change may still run
        assert controller.password_dialog is None
        assert not controller.session.is_open
    finally:
        controller.quit()
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        station.login(MANAGER_LOGIN, "Nouvelle-Phrase-Solide-88").close()
