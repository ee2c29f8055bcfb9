"""« Sauvegarder la station… » and the wizard's « Restaurer une sauvegarde », driven for real.

A backup is written to a folder given as a removable drive, then restored through the set-up
wizard into an empty data folder; the restored station opens with the same password and holds
the same dossier. A wrong password, a full stick and an altered file each say why, in French,
and leave nothing behind.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import FAST_KDF, MANAGER_LOGIN, MANAGER_PASSWORD
from mounts import tmpfs
from PySide6.QtCore import Qt

from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.gui.backup_dialog import BackupDialog
from anaiss_desktop.gui.drives import Drive
from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.setup_wizard import PAGE_RESTORE, PAGE_RESTORED, SetupWizard
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.backup import BackupService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.station import Station


def stick(folder: Path, label: str = "SAUVEGARDE") -> Drive:
    return Drive(folder, label, True, False, 16 * 1024**3)


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "cle"
    folder.mkdir()
    return folder


def make_dialog(qtbot, session, drives) -> BackupDialog:
    dialog = BackupDialog(session, TaskRunner(synchronous=True), RecordingPrompts(),
                          drives=lambda: list(drives))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def backup_files(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def test_backup_to_a_stick(qtbot, manager, usb):
    dialog = make_dialog(qtbot, manager, [stick(usb)])
    assert "Aucune sauvegarde" in dialog.last_label.text()
    assert dialog.picker.selected_drive().root == usb
    qtbot.keyClicks(dialog.password_edit, MANAGER_PASSWORD)
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.done_label.isVisible(), dialog.status_label.text()
    assert "Vous pouvez retirer la clé « SAUVEGARDE »" in dialog.done_label.text()
    (name,) = backup_files(usb)
    assert name.endswith(".anaiss-sauvegarde")
    assert dialog.written == usb / name
    assert "Dernière sauvegarde" in dialog.last_label.text()
    assert dialog.password_edit.text() == ""
    assert BackupService(manager).last_backup() is not None
    assert manager.audit.recent(1)[0].action == "sauvegarde"


def test_wrong_password_writes_nothing(qtbot, manager, usb):
    dialog = make_dialog(qtbot, manager, [stick(usb)])
    qtbot.keyClicks(dialog.password_edit, "pas-le-bon")
    qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "Mot de passe incorrect."
    assert backup_files(usb) == []


def test_full_stick_says_so_and_leaves_nothing(qtbot, manager, tmp_path):
    with tmpfs(tmp_path / "petite", "size=64k") as small:
        dialog = make_dialog(qtbot, manager, [stick(small, "PETITE")])
        qtbot.keyClicks(dialog.password_edit, MANAGER_PASSWORD)
        qtbot.mouseClick(dialog.backup_button, Qt.MouseButton.LeftButton)
        assert "place" in dialog.status_label.text() or "plein" in dialog.status_label.text()
        assert backup_files(small) == []


def test_menu_entry_for_everyone(qtbot, anne):
    window = MainWindow(anne, RecordingPrompts(), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.backup_action.trigger()
    assert isinstance(window.backup_dialog, BackupDialog)
    window.backup_dialog.reject()
    qtbot.waitUntil(lambda: window.backup_dialog is None)


# -- restoring from the wizard -----------------------------------------------------------------

@pytest.fixture
def backup_file(manager, usb) -> Path:
    person = PersonService(manager).create(PersonInput(usage_name="Restaurée", first_names="Léa"))
    DossierService(manager).create(person, DossierInput(opened_on=date(2026, 10, 1)))
    return BackupService(manager).make(usb)


def wizard_for(qtbot, data_dir: Path, clock, chosen: Path | None) -> SetupWizard:
    wizard = SetupWizard(data_dir, TaskRunner(synchronous=True), RecordingPrompts(),
                         kdf_params=FAST_KDF, clock=clock)
    wizard.choose_backup_file = lambda: chosen
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.welcome_page.restore_radio.setChecked(True)
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE
    return wizard


def test_restore_from_the_wizard(qtbot, backup_file, tmp_path, clock):
    target = tmp_path / "nouveau-poste"
    wizard = wizard_for(qtbot, target, clock, backup_file)
    page = wizard.restore_page
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert "intact" in page.file_label.text(), page.error_label.text()
    assert not page.isComplete()
    qtbot.keyClicks(page.login_edit, MANAGER_LOGIN)
    qtbot.keyClicks(page.password_edit, MANAGER_PASSWORD)
    assert page.isComplete()
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORED, page.error_label.text()
    assert str(target) in wizard.restored_page.summary_label.text()
    assert wizard.created_login == MANAGER_LOGIN
    wizard.accept()
    with Station(target, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            assert session.db.scalar("SELECT count(*) FROM persons WHERE usage_name = ?",
                                     ("Restaurée",)) == 1
        finally:
            session.close()


def test_wrong_password_on_restore(qtbot, backup_file, tmp_path, clock):
    target = tmp_path / "nouveau-poste"
    wizard = wizard_for(qtbot, target, clock, backup_file)
    page = wizard.restore_page
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.login_edit, MANAGER_LOGIN)
    qtbot.keyClicks(page.password_edit, "pas-le-bon")
    wizard.next()
    assert wizard.currentId() == PAGE_RESTORE
    assert page.error_label.text() == "Identifiant ou mot de passe incorrect."
    assert not (target / "keyslots.json").exists()


def test_altered_file_is_refused(qtbot, backup_file, tmp_path, clock):
    altered = tmp_path / "abimee.anaiss-sauvegarde"
    data = bytearray(backup_file.read_bytes())
    data[len(data) // 2] ^= 0xFF
    altered.write_bytes(bytes(data))
    wizard = wizard_for(qtbot, tmp_path / "nouveau-poste", clock, altered)
    page = wizard.restore_page
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert page.error_label.isVisible()
    assert page.manifest is None and not page.isComplete()


def test_home_reminds_the_manager_until_a_backup(qtbot, manager, usb, clock):
    from anaiss_desktop.gui.dossiers.home import HomeWidget

    home = HomeWidget(manager, TaskRunner(synchronous=True), RecordingPrompts())
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    assert "Aucune sauvegarde de la station" in home.reminders_label.text()
    BackupService(manager).make(usb)
    home.refresh()
    assert not home.reminders_label.isVisible()
    clock.advance(days=8)  # the default reminder delay is 7 days
    manager.confirm_password(MANAGER_PASSWORD)
    home.refresh()
    assert "La dernière sauvegarde de la station a été faite" in home.reminders_label.text()
