"""Changing one's own password in the dialog: live feedback, refusals, lockout, forced change."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    ASSISTANT_TEMP,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from anaiss_desktop.gui.change_password_dialog import ChangePasswordDialog
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.errors import AccountLocked
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station

LEFT = Qt.MouseButton.LeftButton
NEW_PASSWORD = "Nouvelle-Phrase-Solide-88"
RESET_TEMP = "Provisoire-Donne-Par-Claire-9"


@pytest.fixture
def assistant(station: Station) -> Iterator[Session]:
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def temporary_assistant(station: Station) -> Iterator[Session]:
    """The assistant after the manager reset the password: the change is forced."""
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).reset_password(ASSISTANT_LOGIN, RESET_TEMP)
    manager.close()
    session = station.login(ASSISTANT_LOGIN, RESET_TEMP)
    assert session.must_change_password
    yield session
    session.close()


def open_dialog(qtbot, session: Session, *, forced: bool) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(session, TaskRunner(synchronous=True), forced=forced)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def ok_button(dialog: ChangePasswordDialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)


def cancel_button(dialog: ChangePasswordDialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Cancel)


def fill(qtbot, dialog: ChangePasswordDialog, current: str, new: str, confirm: str) -> None:
    for edit, text in (
        (dialog.ui.current_edit, current),
        (dialog.ui.new_edit, new),
        (dialog.ui.confirm_edit, confirm),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_voluntary_change_explains_the_rule(qtbot, assistant):
    dialog = open_dialog(qtbot, assistant, forced=False)
    assert cancel_button(dialog).text() == "Annuler"
    assert ok_button(dialog).text() == "Changer le mot de passe"
    assert ASSISTANT_LOGIN in dialog.ui.intro_label.text()
    help_text = dialog.ui.help_label.text()
    assert "12 caractères de 4 types" in help_text
    assert "14 avec majuscules, minuscules et chiffres" in help_text
    assert "phrase de passe de 7 mots" in help_text
    assert "Un mot de passe long est bienvenu" in dialog.ui.feedback_label.text()
    assert not ok_button(dialog).isEnabled()
    for edit in (dialog.ui.current_edit, dialog.ui.new_edit, dialog.ui.confirm_edit):
        assert edit.echoMode() is edit.EchoMode.Password


def test_ok_stays_disabled_while_weak_or_not_matching(qtbot, assistant):
    dialog = open_dialog(qtbot, assistant, forced=False)
    fill(qtbot, dialog, ASSISTANT_PASSWORD, "azerty12", "azerty12")
    assert "Il faut au moins 12 caractères" in dialog.ui.feedback_label.text()
    assert "plus utilisés" in dialog.ui.feedback_label.text()
    assert not ok_button(dialog).isEnabled()

    fill(qtbot, dialog, ASSISTANT_PASSWORD, "Anne-Martin-Bureau-2026!", "Anne-Martin-Bureau-2026!")
    assert "ne doit pas reprendre votre identifiant, votre nom" in dialog.ui.feedback_label.text()
    assert not ok_button(dialog).isEnabled()

    fill(qtbot, dialog, ASSISTANT_PASSWORD, NEW_PASSWORD, NEW_PASSWORD[:-1])
    assert dialog.ui.feedback_label.text().startswith("Mot de passe solide")
    assert dialog.ui.match_label.text() == "Les deux saisies ne correspondent pas."
    assert not ok_button(dialog).isEnabled()

    qtbot.keyClicks(dialog.ui.confirm_edit, NEW_PASSWORD[-1])
    assert dialog.ui.match_label.text() == "Les deux saisies correspondent."
    assert ok_button(dialog).isEnabled()

    dialog.ui.current_edit.clear()
    assert not ok_button(dialog).isEnabled()


def test_wrong_current_password_is_refused_inline(qtbot, assistant):
    dialog = open_dialog(qtbot, assistant, forced=False)
    fill(qtbot, dialog, "Pas-Le-Bon-2026!", NEW_PASSWORD, NEW_PASSWORD)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.ui.message_label.isVisible()
    assert dialog.ui.message_label.text() == "Mot de passe actuel incorrect."
    assert dialog.ui.current_edit.text() == ""
    assert dialog.focusWidget() is dialog.ui.current_edit
    assert dialog.isVisible() and not dialog.locked_out


def test_one_of_the_last_five_is_refused(qtbot, assistant):
    dialog = open_dialog(qtbot, assistant, forced=False)
    # The temporary password the assistant was first given is in the history.
    fill(qtbot, dialog, ASSISTANT_PASSWORD, ASSISTANT_TEMP, ASSISTANT_TEMP)
    assert ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.ui.message_label.text() == (
        "Ce mot de passe fait partie de vos 5 derniers : choisissez-en un autre."
    )
    assert dialog.ui.new_edit.text() == "" and dialog.ui.confirm_edit.text() == ""
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_third_wrong_current_password_locks_the_account(qtbot, station, assistant):
    dialog = open_dialog(qtbot, assistant, forced=False)
    for _ in range(2):
        fill(qtbot, dialog, "Pas-Le-Bon-2026!", NEW_PASSWORD, NEW_PASSWORD)
        qtbot.mouseClick(ok_button(dialog), LEFT)
        assert dialog.ui.message_label.text() == "Mot de passe actuel incorrect."
    fill(qtbot, dialog, "Pas-Le-Bon-2026!", NEW_PASSWORD, NEW_PASSWORD)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.ui.message_label.text() == AccountLocked.default_message
    assert dialog.locked_out
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not assistant.is_open
    assert station.is_locked(ASSISTANT_LOGIN)


def test_success_changes_the_password_and_clears_the_fields(qtbot, station, assistant):
    dialog = open_dialog(qtbot, assistant, forced=False)
    fill(qtbot, dialog, ASSISTANT_PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert all(
        edit.text() == ""
        for edit in (dialog.ui.current_edit, dialog.ui.new_edit, dialog.ui.confirm_edit)
    )
    assistant.close()
    station.login(ASSISTANT_LOGIN, NEW_PASSWORD).close()


def test_forced_change_of_a_temporary_password(qtbot, temporary_assistant):
    dialog = open_dialog(qtbot, temporary_assistant, forced=True)
    assert "temporaire" in dialog.ui.intro_label.text()
    assert cancel_button(dialog).text() == "Se déconnecter"

    fill(qtbot, dialog, RESET_TEMP, "court", "court")
    assert not ok_button(dialog).isEnabled()
    fill(qtbot, dialog, RESET_TEMP, NEW_PASSWORD, NEW_PASSWORD)
    qtbot.keyClick(dialog.ui.confirm_edit, Qt.Key.Key_Return)  # Enter submits too
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not temporary_assistant.must_change_password


def test_forced_change_of_an_expired_password_can_log_out(qtbot, clock, assistant):
    clock.advance(days=400)
    dialog = open_dialog(qtbot, assistant, forced=True)
    assert dialog.ui.intro_label.text() == (
        "Votre mot de passe a expiré : choisissez-en un nouveau pour continuer."
    )
    qtbot.keyClicks(dialog.ui.current_edit, ASSISTANT_PASSWORD)
    qtbot.mouseClick(cancel_button(dialog), LEFT)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.locked_out
    assert dialog.ui.current_edit.text() == ""
    assert assistant.must_change_password
