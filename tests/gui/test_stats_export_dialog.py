"""« Exporter les statistiques » driven like a manager would: period, password, preview, drive.

Real station filled by the demo generator, real files read back with the csv module and pypdf.
The drives are given to the dialog (the test machine has no USB stick); full and read-only
sticks are small tmpfs mounts (root only, skipped elsewhere).
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import ASSISTANT_PASSWORD, MANAGER_PASSWORD
from mounts import tmpfs
from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from anaiss_desktop.domain.stats import INTERVENTIONS, PERSONS
from anaiss_desktop.gui.drives import Drive
from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.stats.export_dialog import StatsExportDialog
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.station_settings import StationSettingsService
from anaiss_desktop.storage.settings_repo import StatsSettings

TODAY = date(2026, 11, 2)
STEM = "statistiques_NORD-03_2025-01_2025-12"


@pytest.fixture
def filled(manager):
    demo_data.generate(manager, 150, seed=7, today=TODAY)
    return manager


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "KINGSTON"
    folder.mkdir()
    return folder


def make_dialog(qtbot, session, drives, prompts=None, choose_folder=None) -> StatsExportDialog:
    dialog = StatsExportDialog(session, TaskRunner(synchronous=True), prompts or RecordingPrompts(),
                               drives=lambda: list(drives), choose_folder=choose_folder)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def removable(folder: Path, label: str = "KINGSTON") -> Drive:
    return Drive(folder, label, True, False, 8 * 1024**3)


def fill_period(qtbot, dialog, password=MANAGER_PASSWORD, code="NORD-03") -> None:
    dialog.from_edit.setDate(QDate(2025, 1, 1))
    dialog.to_edit.setDate(QDate(2025, 12, 1))
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, code)
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)


def csv_blocks(data: bytes) -> dict[str, list[list[str]]]:
    """Each table of the CSV by its title's start, its lines without code and label."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    blocks, title, header = {}, None, False
    for row in rows:
        if not row:
            title, header = None, False
        elif title is None:
            title = row[0]
            blocks[title] = []
        elif row[0] == "Note":
            continue
        elif not header:
            header = True
        else:
            blocks[title].append(row[2:])
    return blocks


def test_whole_export_to_a_stick(qtbot, filled, stick):
    dialog = make_dialog(qtbot, filled, [removable(stick)])
    assert dialog.step == 0
    assert dialog.remember_check.isChecked()  # no code saved yet
    fill_period(qtbot, dialog)

    # 2. the preview is exactly what will be written
    assert dialog.step == 1, dialog.status_label.text()
    assert "NORD-03" in dialog.preview_label.text()
    assert dialog.password_edit.text() == ""  # not kept
    assert dialog.preview.pdf_viewer.page_count == 1
    assert "Statistiques" in dialog.preview.pdf_viewer.text()
    files = dialog.prepared.files
    blocks = csv_blocks(files.csv)
    interventions = next(v for k, v in blocks.items() if k.startswith("Interventions"))
    assert dialog.preview.table_texts(INTERVENTIONS) == interventions
    persons = next(v for k, v in blocks.items() if k.startswith("Personnes"))
    assert dialog.preview.table_texts(PERSONS) == persons
    assert f"{STEM}.csv" in dialog.files_label.text()
    # the settings were saved for next time
    assert StationSettingsService(filled).stats_settings() == StatsSettings(5, "NORD-03")

    # 3. the drive: the stick is chosen, no warning
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 2
    assert dialog.selected_drive().root == stick
    assert "KINGSTON" in dialog.picker.drive_list.item(0).text()
    assert not dialog.picker.drive_warning.isVisible()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)

    # 4. done: files on the stick, read back, the manager may pull it out
    assert dialog.step == 3, dialog.status_label.text()
    assert sorted(os.listdir(stick)) == [f"{STEM}.csv", f"{STEM}.json", f"{STEM}.pdf"]
    assert (stick / f"{STEM}.csv").read_bytes() == files.csv
    manifest = json.loads((stick / f"{STEM}.json").read_text(encoding="utf-8"))
    assert manifest["station_code"] == "NORD-03"
    assert len(PdfReader(stick / f"{STEM}.pdf").pages) == 1
    assert "Vous pouvez retirer la clé « KINGSTON »" in dialog.done_label.text()
    entry = filled.audit.recent(1)[0]
    assert entry.action == "statistiques.export" and str(stick) in entry.detail
    assert dialog.close_button.text() == "Fermer"
    assert not dialog.next_button.isVisible()


def test_wrong_password_stays_on_the_first_step(qtbot, filled, stick):
    dialog = make_dialog(qtbot, filled, [removable(stick)])
    fill_period(qtbot, dialog, password="pas-le-bon")
    assert dialog.step == 0
    assert dialog.status_label.text() == "Mot de passe incorrect."
    assert dialog.prepared is None


def test_three_wrong_passwords_lock_and_close(qtbot, filled, stick):
    prompts = RecordingPrompts()
    dialog = make_dialog(qtbot, filled, [removable(stick)], prompts)
    with qtbot.waitSignal(dialog.locked_out, timeout=1000):
        for _ in range(3):
            fill_period(qtbot, dialog, password=ASSISTANT_PASSWORD)
    assert not dialog.isVisible()
    assert prompts.shown[0][1] == "Compte verrouillé"
    assert not filled.is_open


def test_missing_station_code_is_asked_before_the_password(qtbot, filled, stick):
    dialog = make_dialog(qtbot, filled, [removable(stick)])
    fill_period(qtbot, dialog, password="pas-le-bon", code="")
    assert dialog.step == 0
    assert dialog.status_label.text().startswith("Indiquez le code de la station")


def test_period_label_and_future_months(qtbot, filled, stick):
    dialog = make_dialog(qtbot, filled, [removable(stick)])
    assert dialog.period_texts() == ("2025-01", "2025-12")  # last year by default
    assert "de janvier 2025 à décembre 2025 (12 mois)" in dialog.period_label.text()
    dialog.to_edit.setDate(QDate(2027, 1, 1))  # beyond this month: the edit refuses it
    assert dialog.period_texts()[1] == "2026-11"
    dialog.from_edit.setDate(QDate(2026, 6, 1))
    dialog.to_edit.setDate(QDate(2026, 3, 1))
    assert dialog.period_label.text().startswith("La période commence après sa fin")


def test_internal_disk_is_possible_with_a_warning(qtbot, filled, stick, tmp_path):
    inside = tmp_path / "documents"
    inside.mkdir()
    dialog = make_dialog(qtbot, filled, [Drive(inside, "Disque local", False, False, 10**9)],
                         choose_folder=lambda _parent: stick)
    fill_period(qtbot, dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.selected_drive() is None  # nothing removable: nothing chosen for the person
    assert not dialog.next_button.isEnabled()
    dialog.picker.drive_list.setCurrentRow(0)
    assert dialog.picker.drive_warning.isVisible()
    assert "non chiffrés" in dialog.picker.drive_warning.text()
    assert dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.picker.other_button, Qt.MouseButton.LeftButton)  # "Autre dossier…"
    assert dialog.selected_drive().root == stick
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 3
    assert "supprimez-les de cet emplacement" in dialog.done_label.text()


def test_existing_export_is_replaced_only_when_confirmed(qtbot, filled, stick):
    (stick / f"{STEM}.csv").write_bytes(b"ancien")
    prompts = RecordingPrompts(answer=False)
    dialog = make_dialog(qtbot, filled, [removable(stick)], prompts)
    fill_period(qtbot, dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert prompts.shown[-1][1] == "Fichiers existants"
    assert dialog.step == 2
    assert (stick / f"{STEM}.csv").read_bytes() == b"ancien"
    assert os.listdir(stick) == [f"{STEM}.csv"]




def test_full_stick_then_another_one(qtbot, filled, stick, tmp_path):
    with tmpfs(tmp_path / "PETITE", "size=16k") as full:
        dialog = make_dialog(qtbot, filled, [removable(full, "PETITE"), removable(stick)])
        fill_period(qtbot, dialog)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.selected_drive().root == full
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.step == 2
        assert "n'a plus assez de place" in dialog.status_label.text()
        assert os.listdir(full) == []
        # the figures are still there: another stick, no new computation
        dialog.picker.drive_list.setCurrentRow(1)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.step == 3
        assert len(os.listdir(stick)) == 3


def test_read_only_stick_cannot_be_chosen(qtbot, filled, stick):
    dialog = make_dialog(qtbot, filled, [Drive(stick, "PROTEGEE", True, True, 10**9)])
    fill_period(qtbot, dialog)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert "lecture seule" in dialog.picker.drive_list.item(0).text()
    assert dialog.selected_drive() is None
    assert not dialog.next_button.isEnabled()


def test_write_protected_stick_says_so(qtbot, filled, tmp_path):
    with tmpfs(tmp_path / "VERROU", "ro,size=1m") as locked:
        # Mounted read-only behind the system's back: the write itself is refused.
        dialog = make_dialog(qtbot, filled, [removable(locked, "VERROU")])
        fill_period(qtbot, dialog)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
        assert dialog.step == 2
        assert "Impossible d'écrire sur ce support" in dialog.status_label.text()
        assert os.listdir(locked) == []


def test_back_drops_the_preview(qtbot, filled, stick):
    dialog = make_dialog(qtbot, filled, [removable(stick)])
    fill_period(qtbot, dialog)
    qtbot.mouseClick(dialog.back_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 0
    assert dialog.prepared is None
    assert dialog.preview.tables == []


def test_menu_opens_it_for_a_manager_only(qtbot, filled, anne):
    window = MainWindow(filled, RecordingPrompts(), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert window.stats_action in window.admin_menu.actions()
    window.stats_action.trigger()
    assert isinstance(window.stats_dialog, StatsExportDialog)
    assert window.stats_dialog.isVisible()
    window.stats_dialog.reject()
    qtbot.waitUntil(lambda: window.stats_dialog is None)
    other = MainWindow(anne, RecordingPrompts(), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(other)
    assert not other.admin_menu.menuAction().isVisible()
