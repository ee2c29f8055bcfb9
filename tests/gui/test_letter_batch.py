"""« Courriers en série… »: tomorrow's appointment letters in one go (issue 5, batch).

Real stations (conftest ``team``), recorded prompts; the batch runs inline on a synchronous
runner, and once on the real thread pool (waited for with ``qtbot.waitUntil``). The letters are
read back from the dossiers and from the PDF (pypdf); copies and prints are checked in the
audit log. The clock is conftest's FakeClock (2026-11-02): "tomorrow" is 2026-11-03.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton

from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    PersonInput,
)
from anaiss_desktop.gui.letters import common
from anaiss_desktop.gui.letters.batch_dialog import BatchLettersDialog
from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.letters import LetterService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

PEOPLE = (("Dupont", "Marie", "F", "09:30"), ("Lefebvre", "Karim", "M", "11:00"),
          ("Moreau", "Julie", "F", "14:30"))


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def actions(session: Session) -> list[str]:
    return [e.action for e in session.audit.entries()]


def add_dossier(session: Session, name: str, first: str, sex: str, due_at: str,
                address: str = "3 rue des Lilas") -> int:
    person_id = PersonService(session).create(PersonInput(
        usage_name=name, first_names=first, sex=sex, address=address, postal_code="59000",
        city="Lille"))
    service = DossierService(session)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.APPOINTMENT, due_at, "Bilan",
                                                   "au service"))
    return dossier_id


@pytest.fixture
def tomorrow(anne: Session) -> list[int]:
    """Three of Anne's dossiers with an appointment tomorrow, and one the day after."""
    ids = [add_dossier(anne, name, first, sex, f"2026-11-03T{time}")
           for name, first, sex, time in PEOPLE]
    add_dossier(anne, "Roux", "Inès", "F", "2026-11-04T10:00")
    return ids


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts(answer=True)


@pytest.fixture
def make(qtbot, prompts):
    def make_(session: Session, runner: TaskRunner | None = None) -> BatchLettersDialog:
        dialog = BatchLettersDialog(session, runner or TaskRunner(synchronous=True), prompts)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make_


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def pdf_printer(path: Path):
    def choose(_name: str, _pages: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return choose


def test_the_list_starts_with_tomorrows_appointments(qtbot, anne, tomorrow, make):
    dialog = make(anne)
    assert dialog.template_combo.currentText() == "Proposition de rendez-vous"
    assert dialog.date_edit.text() == "mardi 3 novembre 2026"
    assert dialog.dossier_lines() == [
        ("9 h 30 — DUPONT Marie — 2026-000001", True),
        ("11 h 00 — LEFEBVRE Karim — 2026-000002", True),
        ("14 h 30 — MOREAU Julie — 2026-000003", True),
    ]
    assert dialog.count_label.text() == "3 dossiers cochés"
    assert dialog.make_button.isEnabled()
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    dialog.set_day(date(2026, 11, 4))
    assert [text for text, _ in dialog.dossier_lines()] == ["10 h 00 — ROUX Inès — 2026-000004"]
    dialog.set_day(date(2026, 11, 5))
    assert dialog.dossier_lines() == []
    assert dialog.empty_label.isVisible()
    assert "jeudi 5 novembre 2026" in dialog.empty_label.text()
    assert not dialog.make_button.isEnabled()


def test_one_pdf_for_three_letters_kept_saved_and_printed(qtbot, anne, tomorrow, make, prompts,
                                                         tmp_path, monkeypatch):
    dialog = make(anne)
    changed: list[list] = []
    dialog.dossiers_changed.connect(changed.append)
    click(qtbot, dialog.make_button)
    assert "pour 3 personnes" in prompts.shown[0][2]
    result = dialog.result
    assert result is not None and not result.cancelled and result.problems == []
    assert len(result.letter_ids) == 3 and len(result.files) == 1
    pages = pdf_pages(result.files[0][1])
    assert len(pages) == 3
    for page, (name, first, sex, time) in zip(pages, PEOPLE, strict=True):
        civility = "Madame" if sex == "F" else "Monsieur"
        assert f"{civility} {first} {name.upper()}" in page
        assert f"mardi 3 novembre 2026 à {int(time[:2])} h {time[3:]}" in page
    for dossier_id in tomorrow:
        assert [x.title for x in LetterService(anne).letters(dossier_id)] == [
            "Proposition de rendez-vous"]
    assert actions(anne).count("courrier.creation") == 3
    assert changed == [tomorrow]
    assert dialog.summary_text().startswith("3 courriers faits, chacun classé dans son dossier")
    assert not dialog.problems_list.isVisible()

    out = tmp_path / "sortie"
    out.mkdir()
    asked: list[str] = []
    dialog.choose_file = lambda name: asked.append(name) or out / "demain"  # type: ignore
    click(qtbot, dialog.save_button)
    assert prompts.shown[-1][1] == "Copie non chiffrée"
    assert asked == [result.files[0][0]] and asked[0].startswith("courriers-proposition_")
    assert sorted(p.name for p in out.iterdir()) == ["demain.pdf"]
    assert len(pdf_pages((out / "demain.pdf").read_bytes())) == 3
    assert actions(anne).count("courrier.export") == 3

    monkeypatch.setattr(common, "printing_to_file", lambda _printer: False)
    dialog.choose_printer = pdf_printer(out / "imprimante.pdf")  # type: ignore[method-assign]
    click(qtbot, dialog.print_button)
    assert len(PdfReader(out / "imprimante.pdf").pages) == 3
    assert actions(anne).count("courrier.impression") == 3


def test_one_pdf_per_person_saved_in_a_folder(qtbot, anne, tomorrow, make, prompts, tmp_path):
    dialog = make(anne)
    dialog.per_person_radio.setChecked(True)
    click(qtbot, dialog.make_button)
    result = dialog.result
    assert [name for name, _pdf in result.files] == [
        "courrier-2026-000001.pdf", "courrier-2026-000002.pdf", "courrier-2026-000003.pdf"]
    assert not dialog.print_button.isVisible()  # printing is for the single PDF
    out = tmp_path / "cle"
    out.mkdir()
    (out / "courrier-2026-000002.pdf").write_bytes(b"old")
    dialog.choose_folder = lambda: out  # type: ignore[method-assign]
    prompts.answer = False  # "replace the existing file?" — no
    click(qtbot, dialog.save_button)
    assert (out / "courrier-2026-000002.pdf").read_bytes() == b"old"
    assert "courrier.export" not in actions(anne)
    prompts.answer = True
    click(qtbot, dialog.save_button)
    assert sorted(p.name for p in out.iterdir()) == [name for name, _pdf in result.files]
    assert "LEFEBVRE" in pdf_pages((out / "courrier-2026-000002.pdf").read_bytes())[0]
    assert actions(anne).count("courrier.export") == 3
    assert "3 copie(s) enregistrée(s)" in dialog.status_label.text()


def test_a_dossier_that_cannot_get_its_letter_is_named_and_the_others_are_made(qtbot, anne,
                                                                              tomorrow, make):
    bad = add_dossier(anne, "Zola", "Émile", "M", "2026-11-03T17:00",
                      address="1 rue \N{SNOWMAN} de la Neige")
    dialog = make(anne)
    assert len(dialog.dossier_lines()) == 4
    dialog.set_checked(tomorrow[1], False)
    assert dialog.count_label.text() == "3 dossiers cochés"
    click(qtbot, dialog.make_button)
    result = dialog.result
    assert len(result.letter_ids) == 2
    assert LetterService(anne).letters(tomorrow[1]) == []  # unticked: no letter
    assert LetterService(anne).letters(bad) == []
    assert "2 courriers faits" in dialog.summary_text()
    assert "1 dossier sans courrier" in dialog.summary_text()
    (line,) = dialog.problem_lines()
    assert line.startswith("2026-000005 : Le courrier contient des caractères")
    assert dialog.problems_list.isVisible()


def test_cancel_after_the_first_letter_stops_the_batch(qtbot, anne, tomorrow, make):
    dialog = make(anne)
    seen: list[tuple[int, int]] = []

    def on_progress(done: int, total: int) -> None:
        seen.append((done, total))
        if done == 1:  # the person presses Annuler
            qtbot.mouseClick(dialog.progress_dialog.findChild(QPushButton),
                             Qt.MouseButton.LeftButton)

    dialog.progressed.connect(on_progress)
    click(qtbot, dialog.make_button)
    result = dialog.result
    assert result.cancelled and len(result.letter_ids) == 1
    assert seen == [(1, 3)]
    assert dialog.summary_text().startswith("Arrêté à votre demande. 1 courrier fait")
    assert len(pdf_pages(result.files[0][1])) == 1  # the letter made is there to print
    kept = [len(LetterService(anne).letters(d)) for d in tomorrow]
    assert kept == [1, 0, 0]
    assert dialog.progress_dialog is None and dialog.make_button.isEnabled()


def test_the_batch_runs_on_a_worker_thread_with_progress(qtbot, anne, tomorrow, make):
    runner = TaskRunner()
    dialog = make(anne, runner)
    qtbot.waitUntil(lambda: len(dialog.dossier_lines()) == 3, timeout=5000)
    steps: list[int] = []
    dialog.progressed.connect(lambda done, _total: steps.append(done))
    click(qtbot, dialog.make_button)
    assert dialog.progress_dialog is not None and dialog.progress_dialog.isVisible()
    assert not dialog.make_button.isEnabled()
    dialog.reject()  # Escape while the letters are made asks to stop instead of closing
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert dialog.progress_dialog is None
    assert dialog.result.cancelled or len(dialog.result.letter_ids) == 3
    assert steps == list(range(1, len(steps) + 1))
    runner.wait()


def test_the_main_window_menu_opens_it_and_the_session_end_closes_it(qtbot, anne, tomorrow):
    window = MainWindow(anne, RecordingPrompts(), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    dossier_menu = next(action.menu() for action in window.menuBar().actions()
                        if action.text() == "D&ossier")
    assert window.batch_letters_action in dossier_menu.actions()
    assert window.batch_letters_action.isVisible()
    window.batch_letters_action.trigger()
    dialog = window.batch_letters_dialog
    assert isinstance(dialog, BatchLettersDialog) and dialog.isVisible()
    assert not dialog.isModal()
    window.batch_letters_action.trigger()  # one at a time
    assert window.batch_letters_dialog is dialog
    window.privacy_action.trigger()  # F12 hides it with the rest
    assert not dialog.isVisible()
    window.privacy_action.trigger()
    assert dialog.isVisible()
    window.close_for_controller()  # the lock and logout path
    assert window.batch_letters_dialog is None
    assert not dialog.isVisible()


def test_the_secretary_gets_the_menu_and_the_whole_units_appointments(qtbot, secretary, louis,
                                                                      tomorrow, make):
    add_dossier(louis, "Garnier", "Lucie", "F", "2026-11-03T10:00")
    window = MainWindow(secretary, RecordingPrompts(), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    assert window.batch_letters_action.isVisible()
    dialog = make(secretary)
    assert [text.split(" — ")[1] for text, _ in dialog.dossier_lines()] == [
        "DUPONT Marie", "GARNIER Lucie", "LEFEBVRE Karim", "MOREAU Julie"]
    click(qtbot, dialog.make_button)
    assert len(dialog.result.letter_ids) == 4
    pages = pdf_pages(dialog.result.files[0][1])
    assert "Anne Martin" in pages[0] and "Louis Petit" in pages[1]  # signed by each referent
    assert not any("Sophie Bernard" in page for page in pages)
    window.close_for_controller()
