"""Writing a letter from a dossier, as a social worker or the secretary does (issue 5).

Real stations (conftest ``team``: Anne Martin, referent; the secretary Sophie Bernard), a
synchronous task runner and recorded prompts. What is checked is what the person sees (the
text, the preview's pages, the messages in the dialog) and what is kept (the dossier's letters,
their PDF read back with pypdf, the audit log). The system dialogs (printer, file) are the
dialog's replaceable ``choose_*`` methods; printing goes to a real QPrinter writing a PDF in a
temporary folder, so the pages are really painted.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from mounts import tmpfs
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid
from typing_keys import focused, press

from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    PersonInput,
)
from anaiss_desktop.gui.dossiers.dossier_view import DossierWindow
from anaiss_desktop.gui.letters import common
from anaiss_desktop.gui.letters.letter_dialog import LetterDialog
from anaiss_desktop.gui.letters.pdf_view import PdfViewer
from anaiss_desktop.gui.letters.printing import ask_printer, page_images
from anaiss_desktop.gui.letters.viewer_dialog import LetterViewerDialog
from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.letters import LetterService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

RDV = "Proposition de rendez-vous"
LIAISON = "Courrier de liaison à un partenaire"
EDITED = "Merci pour votre appel de ce matin."


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def actions(session: Session) -> list[str]:
    return [e.action for e in session.audit.entries()]


@pytest.fixture
def dossier_id(anne: Session) -> int:
    """Marie Dupont's dossier, with an appointment on 10 November at 14:30."""
    person_id = PersonService(anne).create(PersonInput(
        usage_name="Dupont", first_names="Marie", sex="F", birth_date=date(1961, 4, 12),
        address="3 rue des Lilas", postal_code="59000", city="Lille"))
    service = DossierService(anne)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-10T14:30",
                                                   "Bilan", "au service"))
    return dossier_id


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts(answer=True)


@pytest.fixture
def make(qtbot, prompts):
    def make_(session: Session, dossier_id: int, number: str = "2026-000001") -> LetterDialog:
        dialog = LetterDialog(session, TaskRunner(synchronous=True), prompts, dossier_id,
                              number=number, person_name="DUPONT Marie")
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make_


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def edit_body(dialog: LetterDialog) -> None:
    body = dialog.body_edit.toPlainText().replace("Madame,", f"Madame,\n\n{EDITED}", 1)
    dialog.body_edit.setPlainText(body)


def pdf_printer(path: Path):
    """A real printer writing a PDF file, standing for the one chosen in the print dialog."""
    def choose(_name: str, _pages: int) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        return printer

    return choose


# -- choosing and filling -----------------------------------------------------------------------
def test_choosing_the_appointment_letter_fills_it_and_shows_the_preview(qtbot, anne, dossier_id,
                                                                        make):
    dialog = make(anne, dossier_id)
    assert RDV in dialog.choice_titles()
    assert dialog.windowTitle() == "Courrier — DUPONT Marie (2026-000001)"
    dialog.choose(RDV)
    body = dialog.body_edit.toPlainText()
    assert body.startswith("Madame,")
    assert "mardi 10 novembre 2026 à 14 h 30, au service" in body
    assert dialog.subject_edit.text() == RDV
    assert "prochain rendez-vous" in dialog.description_label.text()
    # Its free field is offered, and the preview is there at once.
    assert list(dialog.free_edits) == ["documents"]
    assert dialog.viewer.showing_pdf and dialog.viewer.page_count == 1
    assert dialog.viewer.count_label.text() == "1 page"
    assert "Madame Marie DUPONT" in dialog.viewer.text()
    assert not dialog.problem_label.isVisible()
    assert dialog.print_button.isEnabled() and dialog.copy_button.isEnabled()


def test_a_free_field_fills_the_letter_again(qtbot, anne, dossier_id, make):
    dialog = make(anne, dossier_id)
    dialog.choose(RDV)
    dialog.free_edits["documents"].setText("votre dernier avis d'imposition")
    dialog.free_edits["documents"].setFocus()
    qtbot.keyClick(dialog.free_edits["documents"], Qt.Key.Key_Return)  # Enter fills
    assert "merci d'apporter les documents suivants : votre dernier avis d'imposition" \
        in dialog.body_edit.toPlainText()
    assert "avis d'imposition" in dialog.viewer.text()


def test_edit_preview_then_class_in_the_dossier(qtbot, anne, dossier_id, make):
    dialog = make(anne, dossier_id)
    kept: list[int] = []
    dialog.letter_kept.connect(kept.append)
    dialog.choose(RDV)
    edit_body(dialog)
    # The preview no longer matches the text: said, and nothing can be printed from it.
    assert dialog.stale_label.isVisible()
    assert not dialog.print_button.isEnabled() and not dialog.copy_button.isEnabled()

    click(qtbot, dialog.preview_button)
    assert not dialog.stale_label.isVisible()
    assert dialog.viewer.page_count == 1
    assert EDITED in dialog.viewer.text()
    assert LetterService(anne).letters(dossier_id) == []  # a preview keeps nothing

    click(qtbot, dialog.keep_button)
    letters = LetterService(anne).letters(dossier_id)
    assert [(x.title, x.subject) for x in letters] == [(RDV, RDV)]
    assert kept == [letters[0].id]
    assert "Courrier classé dans le dossier 2026-000001" in dialog.status_label.text()
    assert not dialog.keep_button.isEnabled()  # the same text is not kept twice
    text = pdf_text(LetterService(anne).pdf(letters[0].id))
    for expected in ("Madame Marie DUPONT", "3 rue des Lilas", "59000 LILLE", EDITED,
                     "mardi 10 novembre 2026", "Anne Martin"):
        assert expected in text
    assert "courrier.creation" in actions(anne)


def test_a_dossier_without_appointment_names_the_missing_field(qtbot, anne, make):
    person_id = PersonService(anne).create(PersonInput(usage_name="Sans", first_names="Rdv"))
    bare = DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    dialog = make(anne, bare)
    dialog.choose(RDV)
    assert dialog.problem_label.isVisible()
    message = dialog.problem_label.text()
    assert "« rdv.date »" in message and "aucun rendez-vous à venir" in message
    assert "Traceback" not in message
    assert dialog.body_edit.toPlainText() == ""
    assert not dialog.preview_button.isEnabled() and not dialog.keep_button.isEnabled()
    # Another letter works for this dossier; the missing address is a warning, not a refusal.
    dialog.choose("Attestation de suivi social")
    assert not dialog.problem_label.isVisible()
    assert "Rdv SANS" in dialog.body_edit.toPlainText()
    assert dialog.warnings_label.isVisible()
    assert "adresse" in dialog.warnings_label.text()


def test_the_liaison_letter_is_offered_only_with_the_consent_to_share(qtbot, anne, dossier_id,
                                                                     make):
    assert LIAISON not in make(anne, dossier_id).choice_titles()
    dossier = DossierService(anne).open(dossier_id).dossier
    DossierService(anne).update(dossier_id, DossierInput(
        opened_on=dossier.opened_on, consent_on=date(2026, 10, 1), consent_share=True))
    dialog = make(anne, dossier_id)
    assert LIAISON in dialog.choice_titles()
    dialog.choose(LIAISON)
    assert list(dialog.free_edits) == ["partenaire", "contact", "objet_liaison"]


def test_an_emoji_is_named_and_nothing_is_kept(qtbot, anne, dossier_id, make):
    dialog = make(anne, dossier_id)
    dialog.choose(RDV)
    dialog.body_edit.setPlainText(dialog.body_edit.toPlainText() + " \N{GRINNING FACE}")
    click(qtbot, dialog.preview_button)
    message = dialog.problem_label.text()
    assert dialog.problem_label.isVisible()
    assert "caractères que l'imprimé ne peut pas reproduire" in message
    assert "émoji" in message
    click(qtbot, dialog.keep_button)
    assert "émoji" in dialog.problem_label.text()
    assert LetterService(anne).letters(dossier_id) == []
    assert "courrier.creation" not in actions(anne)
    assert not dialog.print_button.isEnabled()


def test_changing_letter_after_editing_keeps_the_text_until_asked(qtbot, anne, dossier_id, make,
                                                                 prompts):
    dialog = make(anne, dossier_id)
    dialog.choose(RDV)
    edit_body(dialog)
    dialog.choose("Attestation de suivi social")
    assert EDITED in dialog.body_edit.toPlainText()  # not replaced behind the person's back
    assert "Remplir le courrier" in dialog.status_label.text()
    prompts.answer = False
    click(qtbot, dialog.fill_button)
    assert EDITED in dialog.body_edit.toPlainText()
    prompts.answer = True
    click(qtbot, dialog.fill_button)
    assert dialog.subject_edit.text() == "Attestation de suivi social"
    assert EDITED not in dialog.body_edit.toPlainText()


def test_closing_with_an_unkept_edit_asks_first(qtbot, anne, dossier_id, make, prompts):
    dialog = make(anne, dossier_id)
    dialog.choose(RDV)
    edit_body(dialog)
    prompts.answer = False
    click(qtbot, dialog.close_button)
    assert dialog.isVisible()
    assert "n'est pas classé au dossier" in prompts.shown[-1][2]
    prompts.answer = True
    click(qtbot, dialog.close_button)
    assert not dialog.isVisible()
    assert dialog.body_edit.toPlainText() == "" and not dialog.viewer.showing_pdf


# -- the secretary ------------------------------------------------------------------------------
def test_the_secretary_writes_a_letter_signed_by_the_referent(qtbot, secretary, dossier_id,
                                                             make):
    dialog = make(secretary, dossier_id)
    dialog.choose(RDV)
    click(qtbot, dialog.keep_button)
    letters = LetterService(secretary).letters(dossier_id)
    assert len(letters) == 1 and letters[0].author == "Sophie Bernard"
    text = pdf_text(LetterService(secretary).pdf(letters[0].id))
    assert "Anne Martin" in text and "Assistant(e) de service social" in text
    assert "Sophie Bernard" not in text


# -- copies ----------------------------------------------------------------------------------
def test_a_copy_is_classed_first_then_written_and_logged(qtbot, anne, dossier_id, make,
                                                         prompts, tmp_path):
    dialog = make(anne, dossier_id)
    asked: list[str] = []
    target = tmp_path / "envoi" / "copie"
    target.parent.mkdir()

    def choose_file(default_name: str) -> Path:
        asked.append(default_name)
        return target

    dialog.choose_file = choose_file  # type: ignore[method-assign]
    dialog.choose(RDV)
    click(qtbot, dialog.copy_button)
    assert asked == ["courrier-2026-000001.pdf"]
    kind, title, text = prompts.shown[0]
    assert kind == "confirm" and title == "Copie non chiffrée"
    assert "PAS chiffrée" in text and "d'abord classé au dossier" in text
    written = tmp_path / "envoi" / "copie.pdf"  # .pdf added
    assert sorted(p.name for p in written.parent.iterdir()) == ["copie.pdf"]  # no .part left
    assert "Madame Marie DUPONT" in pdf_text(written.read_bytes())
    assert len(LetterService(anne).letters(dossier_id)) == 1
    assert actions(anne)[-2:] == ["courrier.creation", "courrier.export"]
    assert "Copie enregistrée" in dialog.status_label.text()


def test_refusing_the_unencrypted_copy_writes_nothing(qtbot, anne, dossier_id, make, prompts,
                                                      tmp_path):
    out = tmp_path / "sortie"
    out.mkdir()
    dialog = make(anne, dossier_id)
    dialog.choose_file = lambda _name: out / "copie.pdf"  # type: ignore[method-assign]
    dialog.choose(RDV)
    prompts.answer = False
    click(qtbot, dialog.copy_button)
    assert list(out.iterdir()) == []
    assert LetterService(anne).letters(dossier_id) == []
    assert "courrier.export" not in actions(anne)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_a_copy_to_a_read_only_folder_says_so_and_leaves_nothing(qtbot, anne, dossier_id, make,
                                                                 prompts, tmp_path):
    folder = tmp_path / "lecture-seule"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        dialog = make(anne, dossier_id)
        dialog.choose_file = lambda _name: folder / "copie.pdf"  # type: ignore[method-assign]
        dialog.choose(RDV)
        click(qtbot, dialog.copy_button)
        kind, title, text = prompts.shown[-1]
        assert (kind, title) == ("error", "Copie non enregistrée")
        assert "lecture seule" in text and "rien n'a été enregistré" in text
        assert list(folder.iterdir()) == []
        assert "courrier.export" not in actions(anne)
    finally:
        folder.chmod(0o700)


def test_a_copy_to_a_write_protected_drive_says_so_and_leaves_nothing(
        qtbot, anne, dossier_id, make, prompts, tmp_path):
    with tmpfs(tmp_path / "protegee", "ro,size=1m") as drive:  # root too: a real read-only mount
        dialog = make(anne, dossier_id)
        dialog.choose_file = lambda _name: drive / "copie.pdf"  # type: ignore[method-assign]
        dialog.choose(RDV)
        click(qtbot, dialog.copy_button)
        kind, title, text = prompts.shown[-1]
        assert (kind, title) == ("error", "Copie non enregistrée")
        assert "lecture seule" in text and "rien n'a été écrit" in text
        assert list(drive.iterdir()) == []
        assert "courrier.export" not in actions(anne)


def test_a_copy_to_a_removed_drive_says_so_and_leaves_nothing(qtbot, anne, dossier_id, make,
                                                              prompts, tmp_path):
    gone = tmp_path / "cle-usb-retiree"
    dialog = make(anne, dossier_id)
    dialog.choose_file = lambda _name: gone / "copie.pdf"  # type: ignore[method-assign]
    dialog.choose(RDV)
    click(qtbot, dialog.copy_button)
    kind, _title, text = prompts.shown[-1]
    assert kind == "error" and "n'existe plus" in text
    assert not gone.exists()
    assert "courrier.export" not in actions(anne)
    assert dialog.copy_button.isEnabled()  # one can choose another place


def test_a_copy_that_fails_after_writing_removes_its_part_file(qtbot, anne, dossier_id, make,
                                                               prompts, tmp_path):
    out = tmp_path / "sortie"
    (out / "copie.pdf").mkdir(parents=True)  # the name is taken by a folder: rename fails
    dialog = make(anne, dossier_id)
    dialog.choose_file = lambda _name: out / "copie.pdf"  # type: ignore[method-assign]
    dialog.choose(RDV)
    click(qtbot, dialog.copy_button)
    kind, title, text = prompts.shown[-1]
    assert (kind, title) == ("error", "Copie non enregistrée")
    assert "rien n'a été laissé" in text
    assert sorted(p.name for p in out.iterdir()) == ["copie.pdf"]  # no temporary file left
    assert "courrier.export" not in actions(anne)


# -- printing -----------------------------------------------------------------------------------
def test_the_pages_are_rendered_as_images_for_the_printer(anne, dossier_id):
    service = LetterService(anne)
    letter = service.prepare(dossier_id, "proposition_rendez_vous")
    images = page_images(service.preview(dossier_id, letter.key, letter.subject, letter.body))
    assert len(images) == 1
    image = images[0]
    assert abs(image.height() / image.width() - 297 / 210) < 0.01  # A4
    pixels = bytes(image.convertToFormat(QImage.Format.Format_Grayscale8).constBits())
    assert min(pixels) < 80  # ink
    assert sum(pixels) / len(pixels) > 200  # mostly white paper
    long = service.preview(dossier_id, letter.key, letter.subject,
                           "\n\n".join([letter.body] * 12))
    assert len(page_images(long, dpi=30)) == len(PdfReader(io.BytesIO(long)).pages) > 1


def test_printing_classes_the_letter_paints_its_pages_and_logs(qtbot, anne, dossier_id, make,
                                                               tmp_path, monkeypatch):
    # The print dialog never offers a file: this test's PDF printer stands for a real one.
    monkeypatch.setattr(common, "printing_to_file", lambda _printer: False)
    printed = tmp_path / "imprimante.pdf"
    dialog = make(anne, dossier_id)
    dialog.choose_printer = pdf_printer(printed)  # type: ignore[method-assign]
    dialog.choose(RDV)
    click(qtbot, dialog.print_button)
    assert len(PdfReader(printed).pages) == 1
    assert len(LetterService(anne).letters(dossier_id)) == 1
    assert actions(anne)[-2:] == ["courrier.creation", "courrier.impression"]
    assert "Envoyé à l'imprimante (1 page)" in dialog.status_label.text()


def test_a_print_to_file_is_refused(qtbot, anne, dossier_id, make, prompts, tmp_path):
    dialog = make(anne, dossier_id)
    dialog.choose_printer = pdf_printer(tmp_path / "x.pdf")  # type: ignore[method-assign]
    dialog.choose(RDV)
    click(qtbot, dialog.print_button)
    assert "Enregistrer une copie" in prompts.shown[-1][2]
    assert not (tmp_path / "x.pdf").exists()
    assert "courrier.impression" not in actions(anne)


def test_the_keyboard_reaches_everything_and_ctrl_p_prints_once_previewed(qtbot, anne,
                                                                          dossier_id, make):
    dialog = make(anne, dossier_id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    asked: list[str] = []
    dialog.choose_printer = lambda name, _pages: asked.append(name)  # type: ignore
    assert focused() is dialog.choices_list
    assert dialog.current_choice().title == "Attestation de suivi social"  # filled at once
    assert dialog.viewer.page_count == 1
    press(qtbot, Qt.Key.Key_Down, times=3)
    assert focused() is dialog.choices_list  # the arrows stay in the list
    assert dialog.current_choice().title == RDV
    assert "mardi 10 novembre 2026" in dialog.body_edit.toPlainText()
    reached = []
    for _ in range(12):
        press(qtbot, Qt.Key.Key_Tab)
        reached.append(focused())
    for widget in (dialog.free_edits["documents"], dialog.fill_button, dialog.subject_edit,
                   dialog.body_edit, dialog.viewer.view, dialog.preview_button,
                   dialog.keep_button, dialog.print_button, dialog.copy_button,
                   dialog.close_button):
        assert widget in reached, widget.objectName()
    dialog.body_edit.setFocus()
    edit_body(dialog)
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == []  # the preview is out of date
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Aperçu
    assert EDITED in dialog.viewer.text()
    press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["courrier-2026-000001"]


# -- from the dossier window --------------------------------------------------------------------
def test_the_dossier_window_opens_the_letter_and_shows_it_in_the_timeline(qtbot, anne,
                                                                         dossier_id, prompts):
    window = DossierWindow(anne, TaskRunner(synchronous=True), prompts, dossier_id)
    qtbot.addWidget(window)
    window.show()
    assert window.letter_button.isVisible() and window.letter_button.isEnabled()
    click(qtbot, window.letter_button)
    (dialog,) = window.letter_dialogs
    assert isinstance(dialog, LetterDialog) and dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == "Courrier — DUPONT Marie (2026-000001)"
    dialog.choose(RDV)
    click(qtbot, dialog.keep_button)
    rows = window.ui.timeline_widget.rows()
    letter_rows = [r for r in rows if r.kind == "courrier"]
    assert [(r.what, r.text) for r in letter_rows] == [("Courrier", f"{RDV} — {RDV}")]

    window.ui.timeline_widget.letter_activated.emit(letter_rows[0].ref_id)
    viewers = [d for d in window.letter_dialogs if isinstance(d, LetterViewerDialog)]
    assert len(viewers) == 1
    viewer = viewers[0]
    assert viewer.viewer.page_count == 1 and "Madame Marie DUPONT" in viewer.viewer.text()
    assert "courrier.consultation" in actions(anne)

    window.closed_for_session()  # lock: the letters leave the screen and the memory
    assert window.letter_dialogs == []
    assert not dialog.isVisible() and not viewer.isVisible()
    assert dialog.body_edit.toPlainText() == "" and not viewer.viewer.showing_pdf


def test_the_stored_letter_viewer_prints_and_saves_a_logged_copy(qtbot, anne, dossier_id,
                                                                 prompts, tmp_path,
                                                                 monkeypatch):
    service = LetterService(anne)
    letter = service.prepare(dossier_id, "proposition_rendez_vous")
    letter_id, _pdf = service.save(dossier_id, letter.key, letter.subject, letter.body)
    viewer = LetterViewerDialog(anne, TaskRunner(synchronous=True), prompts, letter_id,
                                title=RDV, number="2026-000001")
    qtbot.addWidget(viewer)
    viewer.show()
    assert viewer.viewer.page_count == 1
    viewer.choose_file = lambda name: tmp_path / name  # type: ignore[method-assign]
    click(qtbot, viewer.copy_button)
    assert prompts.shown[0][1] == "Copie non chiffrée"
    assert (tmp_path / "courrier-2026-000001.pdf").exists()
    monkeypatch.setattr(common, "printing_to_file", lambda _printer: False)
    viewer.choose_printer = pdf_printer(tmp_path / "imprimante.pdf")  # type: ignore
    click(qtbot, viewer.print_button)
    assert len(PdfReader(tmp_path / "imprimante.pdf").pages) == 1
    assert actions(anne)[-3:] == ["courrier.consultation", "courrier.export",
                                  "courrier.impression"]


def test_a_secretary_has_the_letter_button_a_colleague_does_not(qtbot, secretary, louis,
                                                               dossier_id, prompts):
    window = DossierWindow(secretary, TaskRunner(synchronous=True), prompts, dossier_id)
    qtbot.addWidget(window)
    window.show()
    assert window.letter_button.isVisible()
    refused = DossierWindow(louis, TaskRunner(synchronous=True), prompts, dossier_id)
    qtbot.addWidget(refused)
    refused.show()
    assert refused.refused
    assert refused.open_letter() is None


def test_qtpdf_is_loaded_only_when_a_letter_is_shown():
    code = ("import sys\n"
            "import anaiss_desktop.gui.main_window, anaiss_desktop.gui.dossiers.dossier_view\n"
            "assert 'PySide6.QtPdf' not in sys.modules, 'QtPdf loaded at start-up'\n"
            "import anaiss_desktop.gui.letters.letter_dialog\n"
            "assert 'PySide6.QtPdf' in sys.modules\n")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr



def test_the_print_dialog_offers_no_file_and_cancel_prints_nothing(qtbot, monkeypatch):
    seen: list[tuple[bool, int, str]] = []

    def exec_(dialog) -> int:
        seen.append((dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile),
                     dialog.maxPage(), dialog.printer().docName()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", exec_)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert ask_printer(parent, "courrier-2026-000001", 2) is None
    assert seen == [(False, 2, "courrier-2026-000001")]


def test_f12_hides_the_letter_window_of_a_dossier_tab(qtbot, anne, dossier_id, prompts):
    window = MainWindow(anne, prompts, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    window.open_dossier(dossier_id)
    tab = window.dossier_tab(dossier_id)
    dialog = tab.open_letter()
    assert dialog.isVisible()
    window.privacy_action.trigger()
    assert not dialog.isVisible()
    window.privacy_action.trigger()
    assert dialog.isVisible()
    window.close_for_controller()  # the lock and logout path closes it
    assert not dialog.isVisible() or not isValid(dialog)


def test_the_viewer_says_when_a_pdf_cannot_be_shown(qtbot):
    viewer = PdfViewer("Rien à afficher.")
    qtbot.addWidget(viewer)
    viewer.show()
    assert not viewer.showing_pdf and viewer.placeholder_label.text() == "Rien à afficher."
    viewer.set_pdf(b"%PDF-1.4 tronque")
    assert not viewer.showing_pdf and viewer.page_count == 0
    assert viewer.placeholder_label.text() == "Ce PDF ne peut pas être affiché."
    assert viewer.count_label.text() == ""
    viewer.clear()
    assert viewer.placeholder_label.text() == "Rien à afficher."
