"""The first-run wizard, typed into like a person would, on a real SQLCipher station in a tmp dir.

What is checked is what the person sees: which buttons are enabled, which messages appear, and
that the key shown on screen really opens the station it created.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from conftest import FAST_KDF, MANAGER_LOGIN, MANAGER_PASSWORD
from mounts import tmpfs
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QWizard

from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.setup_wizard import (
    PAGE_ACCOUNT,
    PAGE_CREATION,
    PAGE_KEY,
    PAGE_SERVICE,
    PAGE_WELCOME,
    SetupWizard,
)
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.errors import StationExists
from anaiss_desktop.services.station import Station, station_exists

LOGIN = "cdupont"
FULL_NAME = "Claire Dupont"
PASSWORD = "Ranger-La-Cle-Au-Coffre-2026!"
SERVICE_NAME = "Service social départemental – Secteur Nord"
TEMPORARY = "Temporaire-Apres-Secours-77!"

Button = QWizard.WizardButton


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def make_wizard(qtbot, data_dir: Path, clock, prompts: RecordingPrompts):
    def make(runner: TaskRunner | None = None) -> SetupWizard:
        wizard = SetupWizard(
            data_dir, runner or TaskRunner(synchronous=True), prompts,
            kdf_params=FAST_KDF, clock=clock,
        )
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def click(qtbot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), f"{button.text()} is not clickable"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key; QTest.keyClicks aborts on non-ASCII, so accents go as events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                Qt.KeyboardModifier.NoModifier,
            )


def fill_service(qtbot, wizard: SetupWizard) -> None:
    page = wizard.service_page
    type_text(qtbot, page.service_name_edit, SERVICE_NAME)
    qtbot.keyClicks(page.address_edit, "12 rue des Arts")
    qtbot.keyClick(page.address_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.address_edit, "59000 Lille")
    qtbot.keyClicks(page.phone_edit, "03 20 00 00 00")


def fill_account(qtbot, wizard: SetupWizard, *, social_worker: bool = True) -> None:
    page = wizard.account_page
    qtbot.keyClicks(page.login_edit, LOGIN)
    qtbot.keyClicks(page.full_name_edit, FULL_NAME)
    if social_worker:
        qtbot.mouseClick(page.social_worker_check, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.password_edit, PASSWORD)
    qtbot.keyClicks(page.confirm_edit, PASSWORD)


def go_to_creation(qtbot, wizard: SetupWizard) -> None:
    click(qtbot, wizard, Button.NextButton)
    fill_service(qtbot, wizard)
    click(qtbot, wizard, Button.NextButton)
    fill_account(qtbot, wizard)
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PAGE_CREATION


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_whole_wizard_creates_a_station_whose_key_opens_it(qtbot, make_wizard, data_dir, prompts):
    wizard = make_wizard()
    assert wizard.currentId() == PAGE_WELCOME
    assert str(data_dir) in wizard.welcome_page.data_dir_label.text()

    go_to_creation(qtbot, wizard)
    page = wizard.creation_page
    assert page.service_value.text() == SERVICE_NAME
    assert page.address_value.text() == "12 rue des Arts\n59000 Lille"
    assert "travailleur social" in page.role_value.text()
    assert not data_dir.exists()  # nothing written before « Créer la station »
    assert wizard.button(Button.CommitButton).text() == "Créer la station"

    click(qtbot, wizard, Button.CommitButton)
    assert wizard.currentId() == PAGE_KEY
    assert station_exists(data_dir)
    assert wizard.created_login == LOGIN
    assert wizard.account_page.password_edit.text() == ""  # cleared once used
    assert wizard.account_page.confirm_edit.text() == ""

    shown_key = wizard.key_page.key_label.text()
    assert len(shown_key.replace("\n", "-").split("-")) == 8
    assert not wizard.button(Button.BackButton).isEnabled()  # no way back past creation
    assert not wizard.button(Button.FinishButton).isEnabled()
    qtbot.mouseClick(wizard.key_page.stored_check, Qt.MouseButton.LeftButton)
    click(qtbot, wizard, Button.FinishButton)

    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.created_login == LOGIN
    assert wizard.key_page.key_label.text() == ""  # the key does not linger on screen
    assert prompts.shown == []

    # What was on screen, typed back as read, unlocks the manager and opens the station.
    with Station(data_dir, kdf_params=FAST_KDF) as station:
        station.unlock_with_recovery_key(shown_key, LOGIN, TEMPORARY)
        session = station.login(LOGIN, TEMPORARY)
        try:
            assert session.account.is_manager and session.account.social_worker
            assert session.account.full_name == FULL_NAME
            info = session.station_info()
            assert info.service_name == SERVICE_NAME
            assert info.service_address == "12 rue des Arts\n59000 Lille"
            assert info.service_phone == "03 20 00 00 00"
        finally:
            session.close()


def test_the_first_password_opens_the_station(qtbot, make_wizard, data_dir):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    with Station(data_dir, kdf_params=FAST_KDF) as station:
        session = station.login(LOGIN, PASSWORD)
        assert not session.must_change_password
        session.close()


def test_next_needs_a_service_name(qtbot, make_wizard):
    wizard = make_wizard()
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PAGE_SERVICE
    next_button = wizard.button(Button.NextButton)
    assert not next_button.isEnabled()
    qtbot.keyClicks(wizard.service_page.service_name_edit, "   ")
    assert not next_button.isEnabled()
    qtbot.keyClicks(wizard.service_page.address_edit, "1 rue X")
    assert not next_button.isEnabled()  # an address alone is not enough
    qtbot.keyClicks(wizard.service_page.service_name_edit, "Service social")
    assert next_button.isEnabled()


@pytest.mark.parametrize(
    ("login", "name", "password", "confirm", "seen"),
    [
        (LOGIN, FULL_NAME, "azerty123", "azerty123", "12 caractères"),
        (LOGIN, FULL_NAME, PASSWORD, PASSWORD[:-1], "ne correspondent pas"),
        ("c dupont", FULL_NAME, PASSWORD, PASSWORD, "lettres sans accent"),
        (LOGIN, "", PASSWORD, PASSWORD, ""),
        (LOGIN, FULL_NAME, "Cdupont-Cdupont-2026!", "Cdupont-Cdupont-2026!", ""),
    ],
    ids=["weak", "mismatch", "bad-login", "no-name", "built-on-login"],
)
def test_next_disabled_until_the_account_is_valid(
    qtbot, make_wizard, login, name, password, confirm, seen
):
    wizard = make_wizard()
    click(qtbot, wizard, Button.NextButton)
    fill_service(qtbot, wizard)
    click(qtbot, wizard, Button.NextButton)
    assert wizard.currentId() == PAGE_ACCOUNT
    page = wizard.account_page
    qtbot.keyClicks(page.login_edit, login)
    if name:
        qtbot.keyClicks(page.full_name_edit, name)
    qtbot.keyClicks(page.password_edit, password)
    qtbot.keyClicks(page.confirm_edit, confirm)

    assert not wizard.button(Button.NextButton).isEnabled()
    shown = " ".join(
        label.text() for label in (page.login_hint_label, page.feedback, page.match_label)
    )
    assert seen.lower() in shown.lower()


def test_weak_password_feedback_then_fixed(qtbot, make_wizard):
    wizard = make_wizard()
    click(qtbot, wizard, Button.NextButton)
    fill_service(qtbot, wizard)
    click(qtbot, wizard, Button.NextButton)
    page = wizard.account_page
    qtbot.keyClicks(page.login_edit, LOGIN)
    qtbot.keyClicks(page.full_name_edit, FULL_NAME)
    qtbot.keyClicks(page.password_edit, "motdepasse")
    qtbot.keyClicks(page.confirm_edit, "motdepasse")
    assert not wizard.button(Button.NextButton).isEnabled()
    for edit in (page.password_edit, page.confirm_edit):
        edit.clear()
        qtbot.keyClicks(edit, PASSWORD)
    assert "solide" in page.feedback.text()
    assert "correspondent" in page.match_label.text()
    assert wizard.button(Button.NextButton).isEnabled()


def test_terminer_waits_for_the_stored_box(qtbot, make_wizard):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    finish = wizard.button(Button.FinishButton)
    assert not finish.isEnabled()
    qtbot.mouseClick(wizard.key_page.stored_check, Qt.MouseButton.LeftButton)
    assert finish.isEnabled()
    qtbot.mouseClick(wizard.key_page.stored_check, Qt.MouseButton.LeftButton)
    assert not finish.isEnabled()


def test_save_pdf_warns_then_writes_a_real_pdf_with_the_key(
    qtbot, make_wizard, prompts, tmp_path, monkeypatch
):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    key = wizard.key_page.key_label.text().replace("\n", "-")
    target = tmp_path / "usb" / "cle-de-secours"  # no suffix: .pdf is added
    target.parent.mkdir()
    monkeypatch.setattr(wizard, "choose_pdf_path", lambda: target)

    qtbot.mouseClick(wizard.key_page.save_pdf_button, Qt.MouseButton.LeftButton)

    written = target.with_name("cle-de-secours.pdf")
    assert written.read_bytes().startswith(b"%PDF")
    text = pdf_text(written)
    for group in key.split("-"):
        assert group in text
    assert SERVICE_NAME in text
    kinds = [kind for kind, _, _ in prompts.shown]
    assert kinds == ["confirm", "info"]
    assert "pas chiffré" in prompts.shown[0][2]
    assert str(written) in prompts.shown[1][2]
    assert [p.name for p in written.parent.iterdir()] == ["cle-de-secours.pdf"]  # no temp left


def test_save_pdf_declined_writes_nothing(qtbot, make_wizard, prompts, tmp_path, monkeypatch):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    prompts.answer = False
    asked: list[bool] = []
    monkeypatch.setattr(wizard, "choose_pdf_path", lambda: asked.append(True))
    qtbot.mouseClick(wizard.key_page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert asked == []
    assert [kind for kind, _, _ in prompts.shown] == ["confirm"]


def test_save_pdf_refused_inside_the_station_folder(
    qtbot, make_wizard, prompts, data_dir, monkeypatch
):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    before = sorted(p.name for p in data_dir.iterdir())
    monkeypatch.setattr(wizard, "choose_pdf_path", lambda: data_dir / "cle.pdf")
    qtbot.mouseClick(wizard.key_page.save_pdf_button, Qt.MouseButton.LeftButton)
    assert sorted(p.name for p in data_dir.iterdir()) == before
    assert prompts.shown[-1][0] == "error"
    assert "dossier de la station" in prompts.shown[-1][2]


def test_save_pdf_to_a_vanished_folder_says_so(qtbot, make_wizard, prompts, tmp_path, monkeypatch):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    monkeypatch.setattr(wizard, "choose_pdf_path", lambda: tmp_path / "retiree" / "cle.pdf")
    qtbot.mouseClick(wizard.key_page.save_pdf_button, Qt.MouseButton.LeftButton)
    kind, _, text = prompts.shown[-1]
    assert kind == "error" and "n'existe plus" in text
    assert not (tmp_path / "retiree").exists()


def test_print_renders_the_sheet(qtbot, make_wizard, tmp_path, monkeypatch):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    key = wizard.key_page.key_label.text().replace("\n", "-")
    output = tmp_path / "imprimante.pdf"  # a PDF "printer" stands in for the real one

    def printer() -> QPrinter:
        p = QPrinter(QPrinter.PrinterMode.HighResolution)
        p.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(output))
        return p

    monkeypatch.setattr(wizard, "choose_printer", printer)
    qtbot.mouseClick(wizard.key_page.print_button, Qt.MouseButton.LeftButton)
    text = pdf_text(output)
    for group in key.split("-"):
        assert group in text
    assert "Clé de secours de la station" in text


def test_print_cancelled_prints_nothing(qtbot, make_wizard, prompts, monkeypatch):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    monkeypatch.setattr(wizard, "choose_printer", lambda: None)
    qtbot.mouseClick(wizard.key_page.print_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == []


def test_cancel_before_creation_leaves_no_file(qtbot, make_wizard, data_dir, prompts):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CancelButton)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert not wizard.isVisible()
    assert wizard.created_login == ""
    assert not data_dir.exists() or list(data_dir.iterdir()) == []
    assert prompts.shown == []


def test_closing_the_key_page_asks_first(qtbot, make_wizard, prompts):
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    assert not wizard.button(Button.CancelButton).isVisible()

    prompts.answer = False
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert wizard.key_page.key_label.text() != ""
    assert "plus jamais affichée" in prompts.shown[-1][2]

    prompts.answer = True
    wizard.close()
    assert not wizard.isVisible()
    # The station exists either way: the application goes on to the login.
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.created_login == LOGIN
    assert wizard.key_page.key_label.text() == ""


def test_existing_station_is_left_alone_with_a_message(
    qtbot, make_wizard, data_dir, recovery_key
):
    slots_before = (data_dir / "keyslots.json").read_bytes()
    wizard = make_wizard()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)

    page = wizard.creation_page
    assert wizard.currentId() == PAGE_CREATION
    assert page.error_label.isVisible()
    assert page.error_label.text() == StationExists.default_message
    assert not wizard.button(Button.CommitButton).isEnabled()  # trying again cannot help
    assert wizard.created_login == ""
    assert (data_dir / "keyslots.json").read_bytes() == slots_before
    with Station(data_dir, kdf_params=FAST_KDF) as station:
        station.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()


def test_data_folder_that_is_a_file_gives_a_french_message(qtbot, clock, prompts, tmp_path):
    not_a_folder = tmp_path / "station"
    not_a_folder.write_text("x")
    wizard = SetupWizard(
        not_a_folder, TaskRunner(synchronous=True), prompts, kdf_params=FAST_KDF, clock=clock
    )
    qtbot.addWidget(wizard)
    wizard.show()
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)
    assert "est un fichier" in wizard.creation_page.error_label.text()
    assert wizard.button(Button.CommitButton).isEnabled()  # can try again once fixed


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_parent_gives_a_french_message(qtbot, clock, prompts, tmp_path):
    parent = tmp_path / "lecture-seule"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        wizard = SetupWizard(
            parent / "station", TaskRunner(synchronous=True), prompts,
            kdf_params=FAST_KDF, clock=clock,
        )
        qtbot.addWidget(wizard)
        wizard.show()
        go_to_creation(qtbot, wizard)
        click(qtbot, wizard, Button.CommitButton)
        assert "lecture seule" in wizard.creation_page.error_label.text()
    finally:
        parent.chmod(0o700)


def test_read_only_drive_gives_a_french_message(qtbot, clock, prompts, tmp_path):
    with tmpfs(tmp_path / "protegee", "ro,size=1m") as parent:  # root too: a real ro mount
        wizard = SetupWizard(
            parent / "station", TaskRunner(synchronous=True), prompts,
            kdf_params=FAST_KDF, clock=clock,
        )
        qtbot.addWidget(wizard)
        wizard.show()
        go_to_creation(qtbot, wizard)
        click(qtbot, wizard, Button.CommitButton)
        assert "lecture seule" in wizard.creation_page.error_label.text()
        assert list(parent.iterdir()) == []


def test_creation_in_a_worker_thread_shows_busy_then_moves_on(qtbot, make_wizard, data_dir):
    runner = TaskRunner()
    wizard = make_wizard(runner)
    go_to_creation(qtbot, wizard)
    click(qtbot, wizard, Button.CommitButton)

    page = wizard.creation_page
    # The result comes back through the event loop, which has not run yet: still busy.
    assert wizard.currentId() == PAGE_CREATION
    assert page.busy_bar.isVisible()
    assert "en cours" in page.status_label.text()
    assert not wizard.button(Button.CommitButton).isEnabled()
    assert not wizard.button(Button.BackButton).isEnabled()
    assert not wizard.button(Button.CancelButton).isEnabled()
    wizard.reject()  # Escape or closing the window while creating: ignored
    assert wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_KEY, timeout=30_000)
    assert runner.wait()
    assert not page.busy_bar.isVisible()
    assert station_exists(data_dir)
    assert wizard.key_page.key_label.text() != ""
