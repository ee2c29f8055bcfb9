"""From a dossier, a duplicate record can be merged in, and a mistaken person deleted."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.gui.dossiers.dossier_view import DossierWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.persons import PersonService


def _person_with_dossier(session, person: PersonInput) -> tuple[int, int]:
    person_id = PersonService(session).create(person)
    return person_id, DossierService(session).create(person_id,
                                                     DossierInput(opened_on=date(2026, 9, 1)))


def _window(qtbot, session, dossier_id, prompts):
    window = DossierWindow(session, TaskRunner(synchronous=True), prompts, dossier_id)
    qtbot.addWidget(window)
    window.show()
    return window


def test_merge_a_duplicate_from_the_dossier(qtbot, anne):
    keep, dossier = _person_with_dossier(anne, PersonInput(
        usage_name="Dupont", first_names="Marie", birth_date=date(1961, 4, 12)))
    other, other_dossier = _person_with_dossier(anne, PersonInput(
        usage_name="Dupond", first_names="Marie", birth_date=date(1961, 4, 12),
        phone="06 12 34 56 78"))
    prompts = RecordingPrompts(answer=True)
    window = _window(qtbot, anne, dossier, prompts)
    offered = []
    window.choose_merge_partner = lambda candidates: (
        offered.extend(c.person_id for c in candidates) or other)
    qtbot.mouseClick(window.merge_button, Qt.MouseButton.LeftButton)
    assert offered == [other]
    dialog = window.merge_dialog
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert "seront rattachés" in prompts.texts()
    assert DossierService(anne).open(other_dossier).person.id == keep
    with pytest.raises(InvalidInput):
        PersonService(anne).get(other)


def test_no_lookalike_says_so(qtbot, anne):
    _, dossier = _person_with_dossier(anne, PersonInput(usage_name="Zylberstein"))
    prompts = RecordingPrompts()
    window = _window(qtbot, anne, dossier, prompts)
    qtbot.mouseClick(window.merge_button, Qt.MouseButton.LeftButton)
    assert "Aucune autre fiche ne ressemble" in prompts.texts()


def test_delete_the_person_from_the_dossier(qtbot, anne):
    person, dossier = _person_with_dossier(anne, PersonInput(usage_name="Erreurdesaisie"))
    window = _window(qtbot, anne, dossier, RecordingPrompts())
    qtbot.mouseClick(window.delete_person_button, Qt.MouseButton.LeftButton)
    dialog = window.delete_dialog
    qtbot.keyClicks(dialog.name_edit, "Erreurdesaisie")
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    with pytest.raises(InvalidInput):
        PersonService(anne).get(person)
    assert "n'existe pas" in window.message_text()
