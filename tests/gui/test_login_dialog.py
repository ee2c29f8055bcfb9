"""The sign-in dialog on a real station: what a person sees after each attempt.

Driven with key clicks and mouse clicks; the runner is synchronous except in one test that proves
the threaded path (the real application's) delivers results back to the dialog.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.gui.login_dialog import LoginDialog
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.demo import DEMO_ACCOUNTS, create_demo_station
from anaiss_desktop.services.errors import AccountLocked
from anaiss_desktop.services.station import Station

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def make_dialog(qtbot, station: Station):
    sessions = []

    def make(runner: TaskRunner | None = None, on: Station | None = None, **kwargs) -> LoginDialog:
        dialog = LoginDialog(on or station, runner or TaskRunner(synchronous=True), **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.accepted.connect(lambda: sessions.append(dialog.session))
        return dialog

    yield make
    for session in sessions:
        if session is not None:
            session.close()


def sign_in(qtbot, dialog: LoginDialog, login: str, password: str) -> None:
    if not dialog.ui.login_edit.isReadOnly():
        dialog.ui.login_edit.clear()
        qtbot.keyClicks(dialog.ui.login_edit, login)
    qtbot.keyClicks(dialog.ui.password_edit, password)
    qtbot.mouseClick(dialog.ui.login_button, LEFT)


def test_shows_the_application_not_the_service(make_dialog):
    dialog = make_dialog()
    assert dialog.ui.title_label.text() == "ANAISS Desktop"
    assert dialog.ui.subtitle_label.text() == "Dossiers sociaux — poste hors ligne"
    assert dialog.ui.password_edit.echoMode() is dialog.ui.password_edit.EchoMode.Password
    assert not dialog.ui.message_label.isVisible()
    assert dialog.ui.login_button.text() == "Se connecter"
    assert dialog.minimumWidth() >= 420


def test_right_password_opens_a_session(qtbot, make_dialog):
    dialog = make_dialog()
    sign_in(qtbot, dialog, MANAGER_LOGIN, MANAGER_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.session is not None and dialog.session.is_open
    assert dialog.session.account.login == MANAGER_LOGIN
    assert dialog.ui.password_edit.text() == ""


def test_enter_in_the_password_field_signs_in(qtbot, make_dialog):
    dialog = make_dialog(login=ASSISTANT_LOGIN)
    assert dialog.ui.login_edit.text() == ASSISTANT_LOGIN
    assert dialog.focusWidget() is dialog.ui.password_edit
    qtbot.keyClicks(dialog.ui.password_edit, ASSISTANT_PASSWORD)
    qtbot.keyClick(dialog.ui.password_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.session.account.login == ASSISTANT_LOGIN


def test_empty_fields_are_pointed_out_without_counting_a_failure(qtbot, make_dialog, station):
    dialog = make_dialog()
    qtbot.mouseClick(dialog.ui.login_button, LEFT)
    assert dialog.ui.message_label.text() == "Saisissez votre identifiant."
    qtbot.keyClicks(dialog.ui.login_edit, MANAGER_LOGIN)
    qtbot.mouseClick(dialog.ui.login_button, LEFT)
    assert dialog.ui.message_label.text() == "Saisissez votre mot de passe."
    assert station.slots.state(MANAGER_LOGIN).failures == 0


def test_unknown_login_and_wrong_password_read_the_same(qtbot, make_dialog):
    dialog = make_dialog()
    sign_in(qtbot, dialog, "personne-inconnue", "Pas-Le-Bon-2026!")
    unknown = dialog.ui.message_label.text()
    sign_in(qtbot, dialog, MANAGER_LOGIN, "Pas-Le-Bon-2026!")
    wrong = dialog.ui.message_label.text()
    assert dialog.ui.message_label.isVisible()
    assert unknown == wrong
    assert unknown.startswith("Identifiant ou mot de passe incorrect.")
    assert "Il reste 2 essai(s)" in wrong
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.ui.password_edit.text() == ""
    assert dialog.focusWidget() is dialog.ui.password_edit


def test_third_failure_locks_the_account_even_for_the_right_password(qtbot, make_dialog, station):
    dialog = make_dialog()
    for left in (2, 1):
        sign_in(qtbot, dialog, ASSISTANT_LOGIN, "Mauvais-Essai-2026!")
        assert f"Il reste {left} essai(s)" in dialog.ui.message_label.text()
    sign_in(qtbot, dialog, ASSISTANT_LOGIN, "Mauvais-Essai-2026!")
    assert dialog.ui.message_label.text() == AccountLocked.default_message
    assert station.is_locked(ASSISTANT_LOGIN)

    sign_in(qtbot, dialog, ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert dialog.ui.message_label.text() == AccountLocked.default_message
    assert dialog.session is None
    assert dialog.ui.login_button.isEnabled()


def test_no_demo_banner_on_a_real_station(make_dialog):
    dialog = make_dialog()
    assert not dialog.ui.demo_banner_label.isVisible()
    assert not dialog.ui.demo_group.isVisible()


def test_demo_station_lists_its_accounts_and_a_click_fills_the_fields(
    qtbot, make_dialog, tmp_path: Path
):
    create_demo_station(tmp_path / "demo")
    demo_station = Station(tmp_path / "demo")
    try:
        dialog = make_dialog(on=demo_station, demo_accounts=DEMO_ACCOUNTS)
        banner = dialog.ui.demo_banner_label
        assert banner.isVisible()
        assert banner.text() == (
            "Station de démonstration — données fictives, effacées à la fermeture"
        )
        table = dialog.ui.demo_table
        assert table.isVisible() and table.rowCount() == len(DEMO_ACCOUNTS)
        row = next(i for i, d in enumerate(DEMO_ACCOUNTS) if d.role is Role.SECRETARY)
        assert table.item(row, 1).text() == "Secrétariat"
        assert table.item(row, 2).text() == DEMO_ACCOUNTS[row].password

        cell = table.visualItemRect(table.item(row, 0)).center()
        qtbot.mouseClick(table.viewport(), LEFT, pos=cell)
        assert dialog.ui.login_edit.text() == DEMO_ACCOUNTS[row].login
        assert dialog.ui.password_edit.text() == DEMO_ACCOUNTS[row].password

        qtbot.mouseClick(dialog.ui.login_button, LEFT)
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert dialog.session.account.role is Role.SECRETARY
        dialog.session.close()
    finally:
        demo_station.close()


def test_locked_session_resumes_with_the_same_login(qtbot, make_dialog):
    dialog = make_dialog(locked_session_of=ASSISTANT_LOGIN)
    assert dialog.windowTitle().startswith("Session verrouillée")
    assert dialog.ui.lock_label.text() == (
        f"La session de {ASSISTANT_LOGIN} est verrouillée. Saisissez votre mot de passe "
        "pour reprendre."
    )
    assert dialog.ui.login_edit.text() == ASSISTANT_LOGIN
    assert dialog.ui.login_edit.isReadOnly()
    sign_in(qtbot, dialog, ASSISTANT_LOGIN, "Mauvais-Essai-2026!")
    assert "incorrect" in dialog.ui.message_label.text()
    sign_in(qtbot, dialog, ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.session.account.login == ASSISTANT_LOGIN
    assert not dialog.switched_user


def test_someone_else_can_sign_in_on_a_locked_session(qtbot, make_dialog):
    dialog = make_dialog(locked_session_of=ASSISTANT_LOGIN)
    switch = dialog.ui.switch_user_button
    assert switch.isVisible() and switch.text() == "Changer d'utilisateur"
    qtbot.mouseClick(switch, LEFT)
    assert dialog.ui.login_edit.text() == ""
    assert not dialog.ui.login_edit.isReadOnly()
    assert not dialog.ui.lock_label.isVisible()
    sign_in(qtbot, dialog, MANAGER_LOGIN, MANAGER_PASSWORD)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.session.account.login == MANAGER_LOGIN
    assert dialog.switched_user


def test_threaded_sign_in_reports_back_to_the_dialog(qtbot, make_dialog):
    runner = TaskRunner()
    dialog = make_dialog(runner=runner)
    button = dialog.ui.login_button
    try:
        sign_in(qtbot, dialog, MANAGER_LOGIN, "Pas-Le-Bon-2026!")
        # The result comes back through the event loop: until then the dialog is busy.
        assert button.text() == "Connexion…" and not button.isEnabled()
        assert not dialog.ui.quit_button.isEnabled()
        assert QApplication.overrideCursor() is not None
        qtbot.waitUntil(lambda: dialog.ui.message_label.isVisible(), timeout=20000)
        assert "incorrect" in dialog.ui.message_label.text()
        assert button.text() == "Se connecter" and button.isEnabled()

        sign_in(qtbot, dialog, MANAGER_LOGIN, MANAGER_PASSWORD)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=20000)
        assert dialog.session.account.login == MANAGER_LOGIN
        assert QApplication.overrideCursor() is None
    finally:
        QThreadPool.globalInstance().waitForDone(20000)
