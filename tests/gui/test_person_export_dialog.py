"""« Exporter les données de la personne » from the dossier window: the review of the notes
(unchecked by default, « Tout cocher » / « Tout décocher », Space on a line), the warning that
the files are not encrypted, the files written and read back (pypdf, json) holding only the
chosen notes, the refusals (secretary, covering colleague after the cover), a read-only drive.

Real stations (conftest ``team``) and real widgets; the folder dialog is replaced by a callable,
message boxes by ``RecordingPrompts``.
"""

from __future__ import annotations

import io
import json
import os
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ASSISTANT_LOGIN
from mounts import tmpfs
from pypdf import PdfReader
from PySide6.QtCore import Qt

from anaiss_desktop.domain.records import (
    DossierInput,
    InterventionInput,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.gui.dossiers.dossier_view import DossierWindow
from anaiss_desktop.gui.dossiers.person_export_dialog import PersonExportDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.drive_write import READ_ONLY
from anaiss_desktop.services.person_export import AUDIT_ACTION, file_stem
from anaiss_desktop.services.persons import PersonService

SUMMARY = "Dossier CSS déposé à la caisse."
SECOND_SUMMARY = "Appel pour le relevé de la CAF."
DOSSIER_NOTE = "Fatigue importante, à revoir."
PERSONAL_NOTE = "Impression personnelle à vérifier.\nDeuxième ligne de la note."
LOUIS_PERSONAL = "Avis de Louis, confidentiel."


@pytest.fixture
def case(anne, louis) -> dict:
    """Odile Vasseur's dossier (Anne): two interventions, a dossier note and a personal note;
    Louis, covering today, wrote a personal note shared with Anne."""
    person = PersonService(anne).create(PersonInput(usage_name="Vasseur", first_names="Odile",
                                                    birth_date=date(1961, 4, 12)))
    service = DossierService(anne)
    dossier = service.create(person, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_intervention(dossier, InterventionInput(
        on_date=date(2026, 10, 20), kind_code="ENTRETIEN", summary=SUMMARY, notes=DOSSIER_NOTE))
    service.add_intervention(dossier, InterventionInput(
        on_date=date(2026, 10, 21), kind_code="TELEPHONE", summary=SECOND_SUMMARY,
        notes=PERSONAL_NOTE, notes_visibility=NoteVisibility.PERSONAL))
    today = anne.today()
    CoverService(anne).designate_on_dossier(dossier, louis.account.id, today,
                                            today + timedelta(days=6))
    DossierService(louis).add_intervention(dossier, InterventionInput(
        on_date=today, kind_code="TELEPHONE", notes=LOUIS_PERSONAL,
        notes_visibility=NoteVisibility.PERSONAL, notes_shared_with=(anne.account.id,)))
    notes = dict(anne.db.query("SELECT body, id FROM notes WHERE dossier_id = ?", (dossier,)))
    return {"person": person, "dossier": dossier, "notes": notes,
            "number": DossierService(anne).open(dossier, again=True).dossier.number}


def _window(qtbot, session, dossier_id, prompts) -> DossierWindow:
    window = DossierWindow(session, TaskRunner(synchronous=True), prompts, dossier_id)
    qtbot.addWidget(window)
    window.show()
    window.ui.tabs.setCurrentWidget(window.ui.person_tab)  # where the person's actions are
    return window


def _folder(tmp_path: Path, name: str = "cle") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def _pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def test_review_then_write_only_the_chosen_note(qtbot, anne, case, tmp_path: Path) -> None:
    prompts = RecordingPrompts(answer=True)
    window = _window(qtbot, anne, case["dossier"], prompts)
    assert window.export_person_button.isVisible()
    assert window.export_person_button.text() == "Exporter les données de la personne…"
    folder = _folder(tmp_path)
    dialog = window.open_person_export(choose_folder=lambda _parent: folder)
    assert isinstance(dialog, PersonExportDialog) and dialog.isVisible()
    assert not dialog.isModal()

    # The review: what goes in, and the notes, none checked.
    assert "VASSEUR Odile" in dialog.summary_label.text()
    assert "3 interventions" in dialog.summary_label.text()
    assert case["number"] in dialog.summary_label.text()
    tree = dialog.notes_tree
    lines = {tree.topLevelItem(i).text(4): tree.topLevelItem(i) for i in
             range(tree.topLevelItemCount())}
    assert set(lines) == {DOSSIER_NOTE, "Impression personnelle à vérifier."}  # first lines
    personal = lines["Impression personnelle à vérifier."]
    assert (personal.text(1), personal.text(2)) == ("Anne Martin", "note personnelle")
    assert personal.text(0).startswith("02/11/2026")
    assert dialog.checked_note_ids() == []
    assert dialog.count_label.text() == "0 note incluse sur 2"

    qtbot.mouseClick(dialog.check_all_button, Qt.MouseButton.LeftButton)
    assert len(dialog.checked_note_ids()) == 2
    assert dialog.count_label.text() == "2 notes incluses sur 2"
    qtbot.mouseClick(dialog.uncheck_all_button, Qt.MouseButton.LeftButton)
    assert dialog.checked_note_ids() == []
    # Space on a line checks it; selecting it shows the whole note to reread.
    tree.setCurrentItem(personal)
    assert dialog.note_view.toPlainText() == PERSONAL_NOTE
    tree.setCurrentItem(lines[DOSSIER_NOTE])
    qtbot.keyClick(tree, Qt.Key.Key_Space)
    assert dialog.checked_note_ids() == [case["notes"][DOSSIER_NOTE]]
    assert dialog.count_label.text() == "1 note incluse sur 2"

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.shown[-1]
    assert (kind, title) == ("confirm", "Fichiers non chiffrés")
    assert "PAS chiffrés" in text and str(folder) in text
    assert dialog.step == 1
    stem = file_stem(case["person"])
    done = dialog.done_label.text()
    assert str(folder) in done and f"{stem}.pdf" in done and f"{stem}.json" in done
    assert "1 note choisie" in done
    assert sorted(p.name for p in folder.iterdir()) == [f"{stem}.json", f"{stem}.pdf"]
    assert "vasseur" not in stem.lower()

    text = _pdf_text(folder / f"{stem}.pdf")
    for present in ("Odile VASSEUR", case["number"], SUMMARY, SECOND_SUMMARY, DOSSIER_NOTE):
        assert present in text, present
    for absent in ("Impression personnelle", LOUIS_PERSONAL):
        assert absent not in text, absent
    data = json.loads((folder / f"{stem}.json").read_text(encoding="utf-8"))
    (dossier,) = data["dossiers"]
    assert dossier["numero"] == case["number"]
    assert {i["resume"] for i in dossier["interventions"]} >= {SUMMARY, SECOND_SUMMARY}
    assert [n["texte"] for n in dossier["notes"]] == [DOSSIER_NOTE]
    raw = (folder / f"{stem}.json").read_text(encoding="utf-8")
    assert "Impression personnelle" not in raw and LOUIS_PERSONAL not in raw

    entry = anne.audit.recent(1)[0]
    assert (entry.actor, entry.action) == (ASSISTANT_LOGIN, AUDIT_ACTION)
    assert entry.target.startswith("dossier:")
    assert entry.detail == f"usager #{case['person']} : 1 dossier(s), 1 note(s) incluse(s)"
    assert "Vasseur" not in entry.detail and DOSSIER_NOTE not in entry.detail
    assert dialog.notes_tree.topLevelItemCount() == 0  # nothing of the notes kept on screen

    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_nothing_is_written_when_the_warning_is_declined(qtbot, anne, case,
                                                          tmp_path: Path) -> None:
    prompts = RecordingPrompts(answer=False)
    window = _window(qtbot, anne, case["dossier"], prompts)
    folder = _folder(tmp_path)
    dialog = window.open_person_export(choose_folder=lambda _parent: folder)
    before = len(anne.audit.entries())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "PAS chiffrés" in prompts.texts()
    assert dialog.step == 0 and list(folder.iterdir()) == []
    assert len(anne.audit.entries()) == before
    # No folder chosen: nothing asked, nothing written.
    dialog._choose_folder = lambda _parent: None
    count = len(prompts.shown)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert len(prompts.shown) == count and dialog.step == 0


def test_existing_files_are_replaced_only_when_confirmed(qtbot, anne, case,
                                                         tmp_path: Path) -> None:
    prompts = RecordingPrompts(answer=True)
    window = _window(qtbot, anne, case["dossier"], prompts)
    folder = _folder(tmp_path)
    stem = file_stem(case["person"])
    (folder / f"{stem}.pdf").write_bytes(b"ancien")
    dialog = window.open_person_export(choose_folder=lambda _parent: folder)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    titles = [title for _kind, title, _text in prompts.shown]
    assert titles == ["Fichiers existants", "Fichiers non chiffrés"]
    assert (folder / f"{stem}.pdf").read_bytes().startswith(b"%PDF")


def test_secretary_is_not_offered_the_export_and_is_refused(qtbot, secretary, case) -> None:
    prompts = RecordingPrompts()
    window = _window(qtbot, secretary, case["dossier"], prompts)
    assert window.view is not None  # she reads the agenda part of the dossier
    assert not window.export_person_button.isVisible()
    dialog = PersonExportDialog(secretary, TaskRunner(synchronous=True), prompts,
                                case["person"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert "exporte les données d'une personne" in dialog.status_label.text()
    assert not dialog.export_button.isEnabled()
    assert dialog.notes_tree.topLevelItemCount() == 0


def test_covering_colleague_during_the_cover_then_not(qtbot, louis, case, clock,
                                                      tmp_path: Path) -> None:
    prompts = RecordingPrompts(answer=True)
    window = _window(qtbot, louis, case["dossier"], prompts)
    assert window.export_person_button.isVisible()
    folder = _folder(tmp_path)
    dialog = window.open_person_export(choose_folder=lambda _parent: folder)
    # Louis is offered the dossier note and his own personal note, never Anne's personal note.
    firsts = {dialog.notes_tree.topLevelItem(i).text(4)
              for i in range(dialog.notes_tree.topLevelItemCount())}
    assert firsts == {DOSSIER_NOTE, LOUIS_PERSONAL}
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 1 and len(list(folder.iterdir())) == 2
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    later = _folder(tmp_path, "plus-tard")
    dialog = window.open_person_export(choose_folder=lambda _parent: later)
    clock.advance(days=8)  # the cover ends while the window is open
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 0
    assert "exporte les données d'une personne" in dialog.status_label.text()
    assert list(later.iterdir()) == []
    window.refresh()
    assert window.refused and not window.export_person_button.isVisible()


@pytest.fixture
def read_only_drive(tmp_path: Path):
    with tmpfs(tmp_path / "lecture-seule", "ro,size=1m") as folder:
        yield folder


def test_read_only_drive_says_why_and_leaves_nothing(qtbot, anne, case, tmp_path: Path,
                                                     read_only_drive: Path) -> None:
    prompts = RecordingPrompts(answer=True)
    window = _window(qtbot, anne, case["dossier"], prompts)
    chosen = [read_only_drive]
    dialog = window.open_person_export(choose_folder=lambda _parent: chosen[0])
    before = len(anne.audit.entries())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 0
    assert dialog.status_label.text() == READ_ONLY
    assert os.listdir(read_only_drive) == []
    assert len(anne.audit.entries()) == before
    # Another folder, without starting again.
    chosen[0] = _folder(tmp_path, "autre")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.step == 1 and len(os.listdir(chosen[0])) == 2


def test_session_end_closes_the_dialog(qtbot, anne, case) -> None:
    window = _window(qtbot, anne, case["dossier"], RecordingPrompts())
    dialog = window.open_person_export(choose_folder=lambda _parent: None)
    assert window.open_person_export() is dialog  # one window at a time
    window.closed_for_session()
    assert not dialog.isVisible()
    assert dialog.notes_tree.topLevelItemCount() == 0 and dialog.review is None
