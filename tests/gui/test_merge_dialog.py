"""The merge tool driven like a social worker would: read both records, pick values, confirm.

Real station with a team (conftest ``team`` and ``anne``), synchronous task runner, recorded
prompts. The result is checked through the services afterwards: one person remains, both
dossiers are theirs, the chosen values are kept.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import OTHER_LOGIN, OTHER_PASSWORD
from PySide6.QtCore import Qt

from anaiss_desktop.domain.records import DossierInput, HouseholdMember, PersonInput
from anaiss_desktop.gui.dossiers.merge_dialog import LEFT, RIGHT, MergeDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.persons import PersonService

LEA = HouseholdMember("Léa Dupont", "fille", date(2010, 3, 2))
PAUL = HouseholdMember("Paul Dupond", "conjoint")


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def pair(anne):
    """Two records of one person, each with a dossier: (keep, remove, keep's, remove's)."""
    persons, dossiers = PersonService(anne), DossierService(anne)
    keep = persons.create(PersonInput(
        usage_name="Dupont", first_names="Marie", birth_name="Martin",
        birth_date=date(1961, 4, 12), sex="F", phone="03 20 11 22 33", household=(LEA,),
    ))
    remove = persons.create(PersonInput(
        usage_name="Dupond", first_names="Marie Jeanne", birth_date=date(1961, 4, 12), sex="F",
        address="3 rue des Lilas", postal_code="59000", city="Lille",
        phone="06 12 34 56 78", email="marie.dupond@exemple.fr", household=(LEA, PAUL),
    ))
    first = dossiers.create(keep, DossierInput(opened_on=date(2025, 3, 1)))
    second = dossiers.create(remove, DossierInput(opened_on=date(2026, 10, 1)))
    return keep, remove, first, second


def make_dialog(qtbot, session, prompts, keep, remove) -> MergeDialog:
    dialog = MergeDialog(session, TaskRunner(synchronous=True), prompts, keep, remove)
    qtbot.addWidget(dialog)
    dialog.resize(1000, 680)
    dialog.show()
    return dialog


def focus(qtbot, widget) -> None:
    """Give ``widget`` the keyboard focus, as Tab would (arrow keys need the real focus)."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_records_side_by_side_with_sensible_defaults(qtbot, anne, prompts, pair):
    keep, remove, _first, _second = pair
    dialog = make_dialog(qtbot, anne, prompts, keep, remove)
    assert dialog.message_text() == ""
    left, right = dialog.radios("phone")
    assert (left.text(), right.text()) == ("03 20 11 22 33", "06 12 34 56 78")
    assert dialog.choice("usage_name") == LEFT  # both filled: the kept record's
    assert dialog.choice("email") == RIGHT  # only the right one is filled in
    assert dialog.choice("address") == RIGHT
    assert dialog.radios("address")[RIGHT].text() == "3 rue des Lilas, 59000 Lille"
    assert dialog.choice("birth_name") == LEFT
    # Same value on both sides: shown, nothing to choose.
    assert dialog.radios("birth_date")[LEFT].text() == "12/04/1961"
    assert not dialog.radios("birth_date")[LEFT].isEnabled()
    assert not dialog.radios("nir")[RIGHT].isEnabled()
    boxes = [box.text() for box in dialog.member_boxes()]
    assert boxes == [
        "Léa Dupont (fille, né(e) le 02/03/2010) — les deux fiches",
        "Paul Dupond (conjoint) — fiche supprimée",
    ]
    preview = dialog.preview_text()
    assert "Nom d'usage : Dupont" in preview
    assert "Courriel : marie.dupond@exemple.fr" in preview
    assert "Téléphone : 03 20 11 22 33" in preview


def test_merge_by_choosing_fields_with_keyboard_and_mouse(qtbot, anne, prompts, pair):
    keep, remove, first, second = pair
    dialog = make_dialog(qtbot, anne, prompts, keep, remove)
    merged = []
    dialog.merged.connect(merged.append)

    # Mouse: the mobile number of the right-hand record.
    phone_right = dialog.radios("phone")[RIGHT]
    qtbot.mouseClick(phone_right, Qt.MouseButton.LeftButton)
    assert dialog.choice("phone") == RIGHT
    # Keyboard: on the first names line, the right arrow picks the other value.
    first_names_left = dialog.radios("first_names")[LEFT]
    focus(qtbot, first_names_left)
    qtbot.keyClick(first_names_left, Qt.Key.Key_Right)
    assert dialog.choice("first_names") == RIGHT
    # Keyboard: the left arrow puts the usage name back... it already is; pick right, then left.
    usage_left, usage_right = dialog.radios("usage_name")
    focus(qtbot, usage_left)
    qtbot.keyClick(usage_left, Qt.Key.Key_Right)
    assert dialog.choice("usage_name") == RIGHT
    qtbot.keyClick(usage_right, Qt.Key.Key_Left)
    assert dialog.choice("usage_name") == LEFT
    # Paul is not part of this household: untick him (space bar on the focused box).
    paul = dialog.member_boxes()[1]
    focus(qtbot, paul)
    qtbot.keyClick(paul, Qt.Key.Key_Space)
    assert not paul.isChecked()

    preview = dialog.preview_text()
    assert "Téléphone : 06 12 34 56 78" in preview
    assert "Prénoms : Marie Jeanne" in preview
    assert "Paul" not in preview and "Léa Dupont" in preview

    click(qtbot, dialog.merge_button)
    kind, _title, text = prompts.shown[-1]
    assert kind == "confirm"
    assert text == (
        "Les dossiers de DUPOND Marie Jeanne seront rattachés à DUPONT Marie (née MARTIN) ; "
        "la fiche DUPOND Marie Jeanne sera supprimée définitivement."
    )
    assert merged == [keep]
    assert not dialog.isVisible()

    persons, dossiers = PersonService(anne), DossierService(anne)
    with pytest.raises(InvalidInput):
        persons.get(remove)
    person = persons.get(keep)
    assert person.usage_name == "Dupont" and person.birth_name == "Martin"
    assert person.first_names == "Marie Jeanne"
    assert person.phone == "06 12 34 56 78"
    assert person.email == "marie.dupond@exemple.fr"
    assert (person.address, person.postal_code, person.city) == (
        "3 rue des Lilas", "59000", "Lille")
    assert [m.name for m in person.household] == ["Léa Dupont"]
    assert dossiers.open(second).person.id == keep
    assert [d.id for d in dossiers.open(first).other_dossiers] == [second]
    fusions = [e for e in anne.audit.entries() if e.action == "usager.fusion"]
    assert [e.target for e in fusions] == [f"usager:#{keep}"]
    assert "Dupon" not in fusions[0].detail


def test_declining_the_confirmation_changes_nothing(qtbot, anne, pair):
    keep, remove, _first, _second = pair
    prompts = RecordingPrompts(answer=False)
    dialog = make_dialog(qtbot, anne, prompts, keep, remove)
    click(qtbot, dialog.merge_button)
    assert prompts.shown[-1][0] == "confirm"
    assert dialog.isVisible()
    assert PersonService(anne).get(remove).usage_name == "Dupond"


def test_swap_keeps_the_other_record(qtbot, anne, prompts, pair):
    keep, remove, _first, second = pair
    dialog = make_dialog(qtbot, anne, prompts, keep, remove)
    click(qtbot, dialog.swap_button)
    assert (dialog.keep_id, dialog.remove_id) == (remove, keep)
    assert dialog.radios("usage_name")[LEFT].text() == "Dupond"
    assert dialog.choice("birth_name") == RIGHT  # only the (now right) Dupont has one
    click(qtbot, dialog.merge_button)
    with pytest.raises(InvalidInput):
        PersonService(anne).get(keep)
    person = PersonService(anne).get(remove)
    assert (person.usage_name, person.birth_name) == ("Dupond", "Martin")
    assert DossierService(anne).open(second).person.id == remove


def test_someone_who_cannot_see_both_records_gets_the_reason(qtbot, team, prompts, pair):
    keep, remove, _first, _second = pair
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        dialog = make_dialog(qtbot, louis, prompts, keep, remove)
        assert "seule son identité vous est visible" in dialog.message_text()
        assert dialog.message_label.isVisible()
        assert not dialog.merge_button.isEnabled()
        assert not dialog.swap_button.isEnabled()
    finally:
        louis.close()
