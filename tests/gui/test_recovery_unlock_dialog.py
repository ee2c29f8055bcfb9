"""The recovery key in the dialogs: unlocking a locked manager, from the sign-in dialog onwards."""

from __future__ import annotations

from conftest import ASSISTANT_LOGIN, MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from anaiss_desktop.gui.login_dialog import LoginDialog
from anaiss_desktop.gui.recovery_unlock_dialog import RecoveryUnlockDialog
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.errors import AccountLocked
from anaiss_desktop.services.station import Station

LEFT = Qt.MouseButton.LeftButton
TEMPORARY = "Reprise-Apres-Verrou-31!"
WRONG_KEY = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"


def open_dialog(qtbot, station: Station, login: str = "") -> RecoveryUnlockDialog:
    dialog = RecoveryUnlockDialog(station, TaskRunner(synchronous=True), login=login)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def ok_button(dialog: RecoveryUnlockDialog):
    return dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Ok)


def fill(qtbot, dialog, key: str, login: str, temporary: str, confirm: str | None = None) -> None:
    for edit, text in (
        (dialog.ui.key_edit, key),
        (dialog.ui.login_edit, login),
        (dialog.ui.temporary_edit, temporary),
        (dialog.ui.confirm_edit, temporary if confirm is None else confirm),
    ):
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_explains_the_key_and_waits_for_every_field(qtbot, station, recovery_key):
    dialog = open_dialog(qtbot, station, login=MANAGER_LOGIN)
    assert "clé de secours" in dialog.ui.intro_label.text().lower()
    assert "temporaire" in dialog.ui.intro_label.text()
    assert dialog.ui.login_edit.text() == MANAGER_LOGIN
    assert ok_button(dialog).text() == "Déverrouiller"
    assert dialog.ui.key_edit.placeholderText().startswith("XXXX-XXXX-")
    assert not ok_button(dialog).isEnabled()

    fill(qtbot, dialog, recovery_key, MANAGER_LOGIN, "trop-court")
    assert "Il faut au moins 12 caractères" in dialog.ui.feedback_label.text()
    assert not ok_button(dialog).isEnabled()
    fill(qtbot, dialog, recovery_key, MANAGER_LOGIN, TEMPORARY, TEMPORARY + "x")
    assert dialog.ui.match_label.text() == "Les deux saisies ne correspondent pas."
    assert not ok_button(dialog).isEnabled()
    fill(qtbot, dialog, recovery_key, MANAGER_LOGIN, TEMPORARY)
    assert dialog.ui.feedback_label.text().startswith("Mot de passe solide")
    assert ok_button(dialog).isEnabled()


def test_wrong_key_is_refused_inline(qtbot, station):
    dialog = open_dialog(qtbot, station)
    fill(qtbot, dialog, WRONG_KEY, MANAGER_LOGIN, TEMPORARY)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.ui.message_label.isVisible()
    assert dialog.ui.message_label.text() == "Clé de secours incorrecte."
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.focusWidget() is dialog.ui.key_edit


def test_unknown_account_is_named(qtbot, station, recovery_key):
    dialog = open_dialog(qtbot, station)
    fill(qtbot, dialog, recovery_key, "inconnu", TEMPORARY)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.ui.message_label.text() == (
        "Aucun compte actif ne porte l'identifiant « inconnu »."
    )
    assert dialog.focusWidget() is dialog.ui.login_edit


def test_password_on_the_persons_name_is_refused_by_the_service(qtbot, station, recovery_key):
    # The name is still encrypted while typing, so only the service can catch this one.
    dialog = open_dialog(qtbot, station)
    fill(qtbot, dialog, recovery_key.lower(), ASSISTANT_LOGIN, "Martin-Anne-Reprise-2026!")
    assert ok_button(dialog).isEnabled()
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert "ne doit pas reprendre votre identifiant, votre nom" in (
        dialog.ui.message_label.text()
    )
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_locked_manager_gets_back_in_with_the_recovery_key(qtbot, station, recovery_key):
    login = LoginDialog(station, TaskRunner(synchronous=True), login=MANAGER_LOGIN)
    qtbot.addWidget(login)
    login.show()
    qtbot.waitExposed(login)
    for _ in range(3):
        qtbot.keyClicks(login.ui.password_edit, "Pas-Le-Bon-2026!")
        qtbot.mouseClick(login.ui.login_button, LEFT)
    assert login.ui.message_label.text() == AccountLocked.default_message

    qtbot.mouseClick(login.ui.recovery_button, LEFT)
    dialog = login.recovery_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.ui.login_edit.text() == MANAGER_LOGIN
    fill(qtbot, dialog, recovery_key, MANAGER_LOGIN, TEMPORARY)
    qtbot.mouseClick(ok_button(dialog), LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.ui.key_edit.text() == "" and dialog.ui.temporary_edit.text() == ""

    assert login.ui.message_label.text() == (
        "Compte déverrouillé : connectez-vous avec le mot de passe temporaire."
    )
    assert login.ui.login_edit.text() == MANAGER_LOGIN
    assert not station.is_locked(MANAGER_LOGIN)

    qtbot.keyClicks(login.ui.password_edit, MANAGER_PASSWORD)  # the old one no longer works
    qtbot.mouseClick(login.ui.login_button, LEFT)
    assert "incorrect" in login.ui.message_label.text()
    qtbot.keyClicks(login.ui.password_edit, TEMPORARY)
    qtbot.mouseClick(login.ui.login_button, LEFT)
    assert login.result() == QDialog.DialogCode.Accepted
    session = login.session
    try:
        assert session.account.login == MANAGER_LOGIN
        assert session.must_change_password
        assert "temporaire" in session.rotation().message
    finally:
        session.close()
