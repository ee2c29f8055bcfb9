"""Real deletion of a person, driven like a social worker would: read the warning, type the name.

Real station with a team (conftest ``team`` and ``anne``), synchronous task runner, recorded
prompts. Afterwards the services no longer know the person nor their dossier, and the audit log
keeps only the record's number.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import OTHER_LOGIN, OTHER_PASSWORD
from PySide6.QtCore import Qt

from anaiss_desktop.domain.records import DossierInput, InterventionInput, PersonInput
from anaiss_desktop.gui.dossiers.delete_person import DeletePersonDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.persons import PersonService


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def mistake(anne):
    """A person created by mistake, with a dossier and an interview: (person, dossier)."""
    person_id = PersonService(anne).create(PersonInput(
        usage_name="Zorglubovitch", first_names="Igor", birth_date=date(1975, 6, 30), sex="M",
    ))
    dossiers = DossierService(anne)
    dossier_id = dossiers.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    dossiers.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 2), summary="Premier entretien", notes="Très inquiet"))
    return person_id, dossier_id


def make_dialog(qtbot, session, prompts, person_id) -> DeletePersonDialog:
    dialog = DeletePersonDialog(session, TaskRunner(synchronous=True), prompts, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    return dialog


def test_warning_names_the_person_and_everything_that_goes(qtbot, anne, prompts, mistake):
    person_id, _ = mistake
    dialog = make_dialog(qtbot, anne, prompts, person_id)
    assert dialog.message_text() == ""
    assert dialog.person_label.text() == "ZORGLUBOVITCH Igor, né le 30/06/1975"
    warning = dialog.warning_label.text()
    for word in ("définitivement", "TOUS ses dossiers", "interventions", "notes", "courriers",
                 "journal d'audit", "fusion"):
        assert word in warning
    assert dialog.name_prompt_label.text().endswith(": Zorglubovitch")
    assert dialog.delete_button.text().replace("&", "") == "Supprimer définitivement"
    assert not dialog.delete_button.isEnabled()
    qtbot.waitUntil(dialog.name_edit.hasFocus)  # ready to type


def test_delete_requires_the_exact_name_then_the_person_is_gone(
    qtbot, anne, prompts, mistake
):
    person_id, dossier_id = mistake
    dialog = make_dialog(qtbot, anne, prompts, person_id)
    deleted = []
    dialog.person_deleted.connect(deleted.append)
    edit = dialog.name_edit

    qtbot.keyClicks(edit, "Dupont")
    assert not dialog.delete_button.isEnabled()
    edit.clear()
    qtbot.keyClicks(edit, "Zorglubovitc")  # one letter short
    assert not dialog.delete_button.isEnabled()
    qtbot.keyClicks(edit, "H ")  # case and a trailing space do not matter
    assert dialog.delete_button.isEnabled()
    # Enter in the name field never deletes: the button must be chosen.
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and not deleted
    assert PersonService(anne).get(person_id).usage_name == "Zorglubovitch"

    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [person_id]
    assert not dialog.isVisible()
    assert prompts.shown == []
    with pytest.raises(InvalidInput):
        PersonService(anne).get(person_id)
    with pytest.raises(InvalidInput):
        DossierService(anne).open(dossier_id)
    entry = anne.audit.entries()[-1]
    assert (entry.action, entry.target) == ("usager.suppression", f"usager:#{person_id}")
    assert "orglub" not in " ".join(e.target + e.detail for e in anne.audit.entries())


def test_cancel_keeps_the_person(qtbot, anne, prompts, mistake):
    person_id, _ = mistake
    dialog = make_dialog(qtbot, anne, prompts, person_id)
    qtbot.keyClicks(dialog.name_edit, "Zorglubovitch")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert PersonService(anne).get(person_id).usage_name == "Zorglubovitch"


def test_someone_else_gets_the_reason_and_no_button(qtbot, team, prompts, mistake):
    person_id, _ = mistake
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        dialog = make_dialog(qtbot, louis, prompts, person_id)
        assert "seule son identité vous est visible" in dialog.message_text()
        assert dialog.message_label.isVisible()
        assert not dialog.name_edit.isVisible()
        assert not dialog.delete_button.isEnabled()
    finally:
        louis.close()


def test_a_person_already_deleted_is_said_so(qtbot, anne, prompts, mistake):
    person_id, _ = mistake
    PersonService(anne).delete(person_id, "Zorglubovitch")
    dialog = make_dialog(qtbot, anne, prompts, person_id)
    assert dialog.message_text() == "Cette personne n'existe pas (ou plus)."
    assert not dialog.delete_button.isEnabled()
