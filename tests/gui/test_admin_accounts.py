"""The accounts screen driven like a manager would: typing, clicking, reading the table.

Real stations (conftest ``station``: a manager and an assistant), real Argon2id at OWASP's
minimum cost, a synchronous task runner and recorded prompts. What is checked is what the
manager sees (table cells, status line, messages) and what the person can then do (sign in).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from anaiss_desktop.gui.admin import AccountsWidget, generate_temporary_password
from anaiss_desktop.gui.admin.account_dialogs import AccountDialog, TemporaryPasswordDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.errors import AccountLocked, WrongCredentials
from anaiss_desktop.services.password_rules import strength
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station

NEW_TEMP = "Accueil-Ecoute-Relais-93!"
LOGIN, NAME, ROLE, STATUS, LAST = range(5)


@pytest.fixture
def manager(station: Station) -> Iterator[Session]:
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def make_widget(qtbot, prompts):
    def make(session: Session) -> AccountsWidget:
        widget = AccountsWidget(session, TaskRunner(synchronous=True), prompts)
        qtbot.addWidget(widget)
        widget.resize(900, 420)
        widget.show()
        return widget

    return make


def table_rows(widget: AccountsWidget) -> dict[str, list[str]]:
    model = widget.ui.table_view.model()
    rows = {}
    for row in range(model.rowCount()):
        cells = [model.index(row, col).data() for col in range(model.columnCount())]
        rows[cells[LOGIN]] = cells
    return rows


def click_row(qtbot, widget: AccountsWidget, login: str) -> None:
    table = widget.ui.table_view
    row = table_rows_order(widget).index(login)
    rect = table.visualRect(table.model().index(row, NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert widget.selected() is not None and widget.selected().account.login == login


def table_rows_order(widget: AccountsWidget) -> list[str]:
    model = widget.ui.table_view.model()
    return [model.index(row, LOGIN).data() for row in range(model.rowCount())]


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def lock_out(station: Station, login: str) -> None:
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            station.login(login, "Pas-Le-Bon-Mot-De-Passe-1")
    with pytest.raises(AccountLocked):
        station.login(login, "Pas-Le-Bon-Mot-De-Passe-1")


# -- reading -----------------------------------------------------------------------------------
def test_table_lists_accounts_with_role_status_and_last_login(make_widget, manager):
    widget = make_widget(manager)
    rows = table_rows(widget)
    assert set(rows) == {MANAGER_LOGIN, ASSISTANT_LOGIN}
    assert rows[ASSISTANT_LOGIN][:4] == [
        ASSISTANT_LOGIN, "Anne Martin", "Assistant(e) social(e)", "Actif",
    ]
    assert rows[MANAGER_LOGIN][ROLE] == "Responsable d'unité (travailleur social)"
    assert rows[MANAGER_LOGIN][LAST]  # signed in at station creation's first login
    model = widget.ui.table_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Identifiant", "Nom", "Rôle", "Statut", "Dernière connexion"]
    assert widget.ui.table_view.alternatingRowColors()


def test_non_manager_sees_the_refusal_and_no_accounts(make_widget, station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        widget = make_widget(session)
        assert widget.ui.pages.currentWidget() is widget.ui.message_page
        assert widget.ui.message_label.isVisible()
        assert widget.ui.message_label.text() == (
            "Seul(e) un(e) responsable d'unité peut faire cela."
        )
        assert widget.ui.table_view.model().rowCount() == 0
        assert not widget.ui.table_view.isVisible()
    finally:
        session.close()


# -- creating ----------------------------------------------------------------------------------
def test_create_account_by_typing(qtbot, make_widget, manager, station, prompts):
    widget = make_widget(manager)
    click(qtbot, widget.ui.new_button)
    dialog = widget.current_dialog
    assert isinstance(dialog, AccountDialog) and dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.ui.login_edit, "jdupont")
    qtbot.keyClicks(dialog.ui.full_name_edit, "Jeanne Dupont")
    qtbot.keyClicks(dialog.ui.phone_edit, "03 20 12 34 56")
    dialog.ui.role_combo.setCurrentIndex(dialog.ui.role_combo.findText("Secrétariat"))
    field = dialog.ui.password_field
    assert field.password_edit.echoMode() is QLineEdit.EchoMode.Password
    qtbot.keyClicks(field.password_edit, NEW_TEMP)
    assert "solide" in field.feedback.text()
    click(qtbot, dialog.ok_button)

    assert prompts.shown == []
    assert widget.current_dialog is None
    assert table_rows(widget)["jdupont"] == [
        "jdupont", "Jeanne Dupont", "Secrétariat", "Mot de passe temporaire", "Jamais",
    ]
    assert widget.status_text() == (
        "Compte « jdupont » créé : mot de passe temporaire à changer à la première connexion."
    )
    assert widget.selected().account.login == "jdupont"
    session = station.login("jdupont", NEW_TEMP)
    try:
        assert session.must_change_password
        assert session.account.phone == "03 20 12 34 56"
        assert not session.account.social_worker
    finally:
        session.close()


def test_create_refused_by_the_service_keeps_what_was_typed(qtbot, make_widget, manager, prompts):
    widget = make_widget(manager)
    click(qtbot, widget.ui.new_button)
    dialog = widget.current_dialog
    qtbot.keyClicks(dialog.ui.login_edit, ASSISTANT_LOGIN)  # already taken
    qtbot.keyClicks(dialog.ui.full_name_edit, "Autre Personne")
    qtbot.keyClicks(dialog.ui.password_field.password_edit, NEW_TEMP)
    click(qtbot, dialog.ok_button)

    assert prompts.shown == [
        ("error", "Création du compte impossible", "L'identifiant « amartin » est déjà pris.")
    ]
    assert widget.current_dialog is dialog and dialog.isVisible()
    assert dialog.ui.full_name_edit.text() == "Autre Personne"
    assert dialog.ui.password_field.password() == NEW_TEMP
    assert len(table_rows(widget)) == 2


def test_dialog_checks_as_you_type(qtbot, make_widget, manager):
    widget = make_widget(manager)
    click(qtbot, widget.ui.new_button)
    dialog = widget.current_dialog
    qtbot.keyClicks(dialog.ui.login_edit, "j dupont")
    assert dialog.ui.login_problem_label.isVisible()
    assert "lettres sans accent" in dialog.ui.login_problem_label.text()
    dialog.ui.login_edit.clear()
    qtbot.keyClicks(dialog.ui.login_edit, "jdupont")
    assert not dialog.ui.login_problem_label.isVisible()
    qtbot.keyClicks(dialog.ui.full_name_edit, "Jeanne Dupont")
    qtbot.keyClicks(dialog.ui.password_field.password_edit, "Dupont-2026-Solide!")
    assert "identifiant, votre nom" in dialog.ui.password_field.feedback.text()
    assert not dialog.ok_button.isEnabled()


def test_social_worker_box_follows_the_role(qtbot, make_widget, manager):
    widget = make_widget(manager)
    click(qtbot, widget.ui.new_button)
    dialog = widget.current_dialog
    combo, box = dialog.ui.role_combo, dialog.ui.social_worker_check
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Assistant(e) social(e)", "Responsable d'unité", "Secrétariat",
    ]
    combo.setCurrentIndex(combo.findText("Assistant(e) social(e)"))
    assert box.isChecked() and not box.isEnabled()
    combo.setCurrentIndex(combo.findText("Secrétariat"))
    assert not box.isChecked() and not box.isEnabled()
    combo.setCurrentIndex(combo.findText("Responsable d'unité"))
    assert box.isEnabled() and not box.isChecked()  # no dossier access unless chosen
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    combo.setCurrentIndex(combo.findText("Secrétariat"))
    combo.setCurrentIndex(combo.findText("Responsable d'unité"))
    assert box.isChecked()  # the choice made for the manager comes back
    assert dialog.values().social_worker is True


def test_generate_button_shows_a_strong_password(qtbot, make_widget, manager):
    widget = make_widget(manager)
    click(qtbot, widget.ui.new_button)
    dialog = widget.current_dialog
    qtbot.keyClicks(dialog.ui.login_edit, "jdupont")
    qtbot.keyClicks(dialog.ui.full_name_edit, "Jeanne Dupont")
    field = dialog.ui.password_field
    click(qtbot, field.generate_button)
    password = field.password()
    assert field.password_edit.echoMode() is QLineEdit.EchoMode.Normal  # to be handed over
    assert field.show_check.isChecked()
    assert strength(password, ("jdupont", "Jeanne Dupont")).acceptable
    assert dialog.ok_button.isEnabled()
    dialog.reject()
    assert widget.current_dialog is None


def test_generator_always_satisfies_the_strength_rule():
    personal = ("amartin", "Anne Martin", "Service social régional Nord")
    seen = set()
    for _ in range(50):
        password = generate_temporary_password(personal)
        report = strength(password, personal)
        assert report.acceptable, (password, report.problems)
        assert len(password) == 19
        seen.add(password)
    assert len(seen) == 50


# -- lockout -----------------------------------------------------------------------------------
def test_unlock_through_the_screen(qtbot, make_widget, manager, station):
    lock_out(station, ASSISTANT_LOGIN)
    widget = make_widget(manager)
    assert table_rows(widget)[ASSISTANT_LOGIN][STATUS] == "Verrouillé"

    click_row(qtbot, widget, ASSISTANT_LOGIN)
    click(qtbot, widget.ui.reset_button)
    dialog = widget.current_dialog
    assert isinstance(dialog, TemporaryPasswordDialog)
    assert dialog.windowTitle() == "Déverrouiller le compte"
    assert "verrouillé après trois tentatives" in dialog.ui.intro_label.text()
    click(qtbot, dialog.ui.password_field.generate_button)
    temporary = dialog.password()
    click(qtbot, dialog.ok_button)

    assert widget.current_dialog is None
    assert table_rows(widget)[ASSISTANT_LOGIN][STATUS] == "Mot de passe temporaire"
    assert widget.status_text().startswith("Compte « amartin » déverrouillé")
    session = station.login(ASSISTANT_LOGIN, temporary)
    try:
        assert session.must_change_password
    finally:
        session.close()


def test_new_temporary_password_for_an_unlocked_account(qtbot, make_widget, manager, station):
    widget = make_widget(manager)
    click_row(qtbot, widget, ASSISTANT_LOGIN)
    click(qtbot, widget.ui.reset_button)
    dialog = widget.current_dialog
    assert dialog.windowTitle() == "Nouveau mot de passe temporaire"
    qtbot.keyClicks(dialog.ui.password_field.password_edit, NEW_TEMP)
    click(qtbot, dialog.ok_button)
    assert table_rows(widget)[ASSISTANT_LOGIN][STATUS] == "Mot de passe temporaire"
    with pytest.raises(WrongCredentials):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    station.login(ASSISTANT_LOGIN, NEW_TEMP).close()


# -- disabling ---------------------------------------------------------------------------------
def test_disable_then_enable(qtbot, make_widget, manager, station, prompts):
    widget = make_widget(manager)
    click_row(qtbot, widget, ASSISTANT_LOGIN)
    assert not widget.ui.enable_button.isEnabled()
    click(qtbot, widget.ui.disable_button)

    assert prompts.shown[0][:2] == ("confirm", "Désactiver le compte")
    assert table_rows(widget)[ASSISTANT_LOGIN][STATUS] == "Désactivé"
    assert widget.status_text() == "Compte « amartin » désactivé : il ne peut plus se connecter."
    assert widget.selected().account.login == ASSISTANT_LOGIN
    assert not widget.ui.disable_button.isEnabled()
    assert not widget.ui.reset_button.isEnabled()
    assert widget.ui.enable_button.isEnabled()
    with pytest.raises(WrongCredentials):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)

    click(qtbot, widget.ui.enable_button)
    dialog = widget.current_dialog
    assert dialog.windowTitle() == "Réactiver le compte"
    qtbot.keyClicks(dialog.ui.password_field.password_edit, NEW_TEMP)
    click(qtbot, dialog.ok_button)
    assert table_rows(widget)[ASSISTANT_LOGIN][STATUS] == "Mot de passe temporaire"
    assert widget.status_text().startswith("Compte « amartin » réactivé")
    station.login(ASSISTANT_LOGIN, NEW_TEMP).close()


def test_declined_confirmation_changes_nothing(qtbot, make_widget, manager, station, prompts):
    prompts.answer = False
    widget = make_widget(manager)
    click_row(qtbot, widget, ASSISTANT_LOGIN)
    click(qtbot, widget.ui.disable_button)
    assert table_rows(widget)[ASSISTANT_LOGIN][STATUS] == "Actif"
    station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()


def test_buttons_follow_the_selection(qtbot, make_widget, manager):
    widget = make_widget(manager)
    ui = widget.ui
    assert ui.new_button.isEnabled()
    for button in (ui.edit_button, ui.reset_button, ui.disable_button, ui.enable_button):
        assert not button.isEnabled()
    click_row(qtbot, widget, MANAGER_LOGIN)  # one's own account
    assert ui.edit_button.isEnabled()
    assert not ui.disable_button.isEnabled()
    assert not ui.reset_button.isEnabled()
    click_row(qtbot, widget, ASSISTANT_LOGIN)
    assert ui.disable_button.isEnabled() and ui.reset_button.isEnabled()
    assert not ui.enable_button.isEnabled()


# -- editing -----------------------------------------------------------------------------------
def test_edit_an_account(qtbot, make_widget, manager, station):
    widget = make_widget(manager)
    click_row(qtbot, widget, ASSISTANT_LOGIN)
    click(qtbot, widget.ui.edit_button)
    dialog = widget.current_dialog
    assert isinstance(dialog, AccountDialog)
    assert dialog.ui.login_edit.isReadOnly()
    assert not dialog.ui.password_field.isVisible()
    assert dialog.ui.full_name_edit.text() == "Anne Martin"
    dialog.ui.full_name_edit.clear()
    qtbot.keyClicks(dialog.ui.full_name_edit, "Anne Martin-Leroy")
    click(qtbot, dialog.ok_button)
    assert table_rows(widget)[ASSISTANT_LOGIN][NAME] == "Anne Martin-Leroy"
    assert widget.status_text() == "Compte « amartin » modifié."
    # The password is untouched.
    station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()


def test_works_with_the_thread_pool(qtbot, manager, prompts, station):
    """The real runner: Argon2id and SQL off the GUI thread, results back on it."""
    runner = TaskRunner()
    widget = AccountsWidget(manager, runner, prompts)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: ASSISTANT_LOGIN in table_rows(widget))
    click(qtbot, widget.ui.new_button)
    dialog = widget.current_dialog
    qtbot.keyClicks(dialog.ui.login_edit, "jdupont")
    qtbot.keyClicks(dialog.ui.full_name_edit, "Jeanne Dupont")
    qtbot.keyClicks(dialog.ui.password_field.password_edit, NEW_TEMP)
    with qtbot.waitSignal(runner.busy_changed, check_params_cb=lambda busy: busy is False):
        click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: "jdupont" in table_rows(widget))
    assert table_rows(widget)["jdupont"][STATUS] == "Mot de passe temporaire"
    assert widget.current_dialog is None
    assert prompts.shown == []
    runner.wait()
