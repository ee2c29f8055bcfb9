"""The interview entry, typed like a social worker after a meeting: keyboard only, drafts kept.

Real stations (conftest ``team``: a manager, the assistant Anne Martin, a second assistant
Louis Petit, referent of nothing here, and a secretary), a synchronous task runner and recorded
prompts.
Keys go to whichever widget has the focus, as they would for a person at the keyboard.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import MANAGER_LOGIN, MANAGER_PASSWORD, OTHER_LOGIN, OTHER_PASSWORD
from PySide6.QtCore import Qt
from typing_keys import focused, press, type_text

from anaiss_desktop.domain.records import (
    AidInput,
    DossierInput,
    InterventionInput,
    Motif,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.gui.dossiers.intervention_entry import (
    LAST_KIND_KEY,
    InterventionEntryDialog,
    format_amount,
    parse_amount,
    parse_time,
)
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.drafts import DraftService
from anaiss_desktop.services.notes import NoteService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

TODAY = date(2026, 11, 2)  # conftest's FakeClock


@pytest.fixture
def dossier_id(anne: Session) -> int:
    person_id = PersonService(anne).create(PersonInput(
        usage_name="Dupont", first_names="Marie", birth_date=date(1961, 4, 12), sex="F"))
    return DossierService(anne).create(person_id, DossierInput(
        opened_on=date(2026, 10, 1), origin_code="MEDECIN_TRAITANT",
        motifs=(Motif("ACCES_DROITS_SOINS"),)))


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def open_dialog(qtbot, prompts):
    def open_(session: Session, dossier_id: int, intervention_id: int | None = None,
              ) -> InterventionEntryDialog:
        dialog = InterventionEntryDialog(session, TaskRunner(synchronous=True), prompts,
                                         dossier_id, intervention_id)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        return dialog

    return open_


def tab(qtbot, times: int = 1) -> None:
    press(qtbot, Qt.Key.Key_Tab, times=times)


# -- the whole interview, keyboard only ----------------------------------------------------------
def test_a_whole_interview_is_recorded_without_the_mouse(qtbot, anne, dossier_id, open_dialog,
                                                         prompts):
    dialog = open_dialog(anne, dossier_id)
    ui = dialog.ui
    assert focused() is ui.date_edit and ui.date_edit.text() == "02/11/2026"
    assert "lundi 2 novembre 2026" in ui.weekday_label.text()
    type_text(qtbot, "30/10/2026")  # the field opens selected: typing replaces today
    tab(qtbot)
    assert focused() is ui.kind_combo and ui.kind_combo.currentText() == "Entretien"
    type_text(qtbot, "Visite")  # a combo finds an item by its first letters
    assert ui.kind_combo.currentText() == "Visite à domicile"
    tab(qtbot)
    assert focused() is ui.duration_spin
    type_text(qtbot, "45")
    tab(qtbot)
    assert focused() is ui.summary_edit
    type_text(qtbot, "Visite au domicile : dossier CSS constitué.")
    tab(qtbot)  # Tab leaves the text box instead of inserting a tab
    assert focused() is ui.notes_edit
    assert "\t" not in ui.summary_edit.toPlainText()
    type_text(qtbot, "Logement humide, fatigue importante.")
    tab(qtbot)
    assert focused() is ui.dossier_radio
    tab(qtbot)
    assert focused() is ui.add_aid_button
    press(qtbot, Qt.Key.Key_Space)
    assert focused() is dialog._aids[0].type_combo
    type_text(qtbot, "Aide")  # the first "Aide…" is "Aide financière"
    tab(qtbot)
    type_text(qtbot, "CCAS de Lille")
    tab(qtbot, 2)  # the request date stays empty: the intervention's date
    type_text(qtbot, "Acc")
    tab(qtbot)
    type_text(qtbot, "1 200,50")
    tab(qtbot, 3)  # past "Retirer" and "Ajouter une aide"
    assert focused() is ui.next_date_edit
    type_text(qtbot, "10/11/2026")
    tab(qtbot)
    type_text(qtbot, "14h30")
    tab(qtbot)
    type_text(qtbot, "Bilan des démarches")
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    assert prompts.shown == []
    view = DossierService(anne).open(dossier_id)
    [intervention] = view.interventions
    assert (intervention.on_date, intervention.kind_code, intervention.duration_min) == (
        date(2026, 10, 30), "VISITE_DOMICILE", 45)
    assert intervention.summary == "Visite au domicile : dossier CSS constitué."
    [note] = view.notes
    assert (note.body, note.visibility) == ("Logement humide, fatigue importante.", "dossier")
    [aid] = view.aids
    assert (aid.type_code, aid.organisation, aid.outcome_code, aid.amount_cents,
            aid.requested_on, aid.outcome_on) == ("AIDE_FINANCIERE", "CCAS de Lille", "ACCORDEE",
                                                  120050, date(2026, 10, 30), date(2026, 10, 30))
    [echeance] = view.echeances
    assert (echeance.due_at, echeance.label) == ("2026-11-10T14:30", "Bilan des démarches")
    assert DraftService(anne).load(dialog.draft_key) is None


def test_an_other_aid_is_worded_in_a_field_that_appears_for_it(qtbot, anne, dossier_id,
                                                                open_dialog):
    dialog = open_dialog(anne, dossier_id)
    qtbot.mouseClick(dialog.ui.add_aid_button, Qt.MouseButton.LeftButton)
    [aid] = dialog._aids
    assert focused() is aid.type_combo
    assert not aid.type_text_edit.isVisible()
    type_text(qtbot, "Autre")
    assert aid.type_combo.currentText().startswith("Autre")
    assert aid.type_text_edit.isVisible()
    tab(qtbot)  # the wording comes next in the Tab order
    assert focused() is aid.type_text_edit
    type_text(qtbot, "Aide au déménagement")
    assert dialog.payload()["aids"][0]["type_text"] == "Aide au déménagement"  # drafts keep it
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [saved] = DossierService(anne).open(dossier_id).aids
    assert (saved.type_code, saved.type_text) == ("AUTRE", "Aide au déménagement")


def test_a_personal_note_is_the_default_when_chosen_and_is_shared_by_name(qtbot, anne, louis,
                                                                         dossier_id,
                                                                         open_dialog):
    NoteService(anne).set_default_visibility(NoteVisibility.PERSONAL)
    dialog = open_dialog(anne, dossier_id)
    ui = dialog.ui
    assert ui.personal_radio.isChecked()
    assert dialog.share_button.isVisible() and dialog.share_button.text() == "Partager avec…"
    names = [a.text() for a in dialog.share_button.menu().actions()]
    assert "Louis Petit" in names and "Sophie Bernard" not in names  # never the secretary
    ui.notes_edit.setPlainText("Hypothèse à discuter avec Louis")
    next(a for a in dialog.share_button.menu().actions() if a.text() == "Louis Petit").trigger()
    assert dialog.share_button.text() == "Partagée avec Louis Petit"
    assert dialog.payload()["shared_with"] == [louis.account.id]  # drafts keep it
    ui.dossier_radio.setChecked(True)
    assert not dialog.share_button.isVisible()
    ui.personal_radio.setChecked(True)
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    # Louis covers Anne: her personal notes stay hers, except the one she shared with him.
    CoverService(anne).designate_on_dossier(dossier_id, louis.account.id, TODAY)
    [note] = DossierService(louis).open(dossier_id).notes
    assert (note.body, note.shared_with) == ("Hypothèse à discuter avec Louis", ("Louis Petit",))


def test_plus_and_minus_move_the_date_by_a_day(qtbot, anne, dossier_id, open_dialog):
    dialog = open_dialog(anne, dossier_id)
    ui = dialog.ui
    press(qtbot, Qt.Key.Key_Minus, times=3)
    assert ui.date_edit.text() == "30/10/2026"
    assert ui.weekday_label.text().startswith("vendredi 30 octobre 2026")
    press(qtbot, Qt.Key.Key_Plus)
    assert ui.date_edit.text() == "31/10/2026"
    ui.date_edit.clear()
    type_text(qtbot, "2026-10-05")  # "-" typed inside a date being written stays a character
    assert ui.date_edit.text() == "2026-10-05"
    tab(qtbot)
    assert ui.date_edit.text() == "05/10/2026"  # written back as read in France
    tab(qtbot, 2)
    press(qtbot, Qt.Key.Key_Plus)  # on the duration: the spin box's own step, not a date
    assert ui.duration_spin.value() == 0


def test_a_wrong_date_is_named_and_nothing_is_saved(qtbot, anne, dossier_id, open_dialog):
    dialog = open_dialog(anne, dossier_id)
    type_text(qtbot, "31/02/2026")
    tab(qtbot)
    assert "31/02/2026 n'existe pas" in dialog.ui.weekday_label.text()
    type_text(qtbot, "Appel")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "n'existe pas" in dialog.ui.problem_label.text(), timeout=2000)
    assert dialog.isVisible()
    assert focused() is dialog.ui.date_edit
    assert DossierService(anne).open(dossier_id).interventions == []


def test_the_last_kind_used_becomes_the_default(qtbot, anne, dossier_id, open_dialog):
    dialog = open_dialog(anne, dossier_id)
    tab(qtbot)
    type_text(qtbot, "Tél")
    assert dialog.ui.kind_combo.currentText() == "Téléphone"
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert DraftService(anne).load(LAST_KIND_KEY) == {"code": "TELEPHONE"}
    again = open_dialog(anne, dossier_id)
    assert again.ui.kind_combo.currentText() == "Téléphone"


def test_the_last_kind_is_per_account(qtbot, team, anne, dossier_id, open_dialog):
    DraftService(anne).save(LAST_KIND_KEY, {"code": "COURRIER"})
    assert open_dialog(anne, dossier_id).ui.kind_combo.currentText() == "Courrier"
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        assert open_dialog(manager, dossier_id).ui.kind_combo.currentText() == "Entretien"
    finally:
        manager.close()


# -- drafts --------------------------------------------------------------------------------------
def test_a_draft_survives_closing_without_saving(qtbot, anne, dossier_id, open_dialog):
    dialog = open_dialog(anne, dossier_id)
    tab(qtbot, 3)
    type_text(qtbot, "Entretien interrompu, à reprendre")
    tab(qtbot)
    type_text(qtbot, "Secret")
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    draft = DraftService(anne).load(f"intervention:{dossier_id}:new")
    assert draft is not None and draft["summary"] == "Entretien interrompu, à reprendre"

    again = open_dialog(anne, dossier_id)
    assert again.ui.summary_edit.toPlainText() == "Entretien interrompu, à reprendre"
    assert again.ui.notes_edit.toPlainText() == "Secret"
    assert again.ui.draft_frame.isVisible()
    assert "brouillon" in again.ui.draft_label.text()
    with qtbot.waitSignal(again.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert DraftService(anne).load(f"intervention:{dossier_id}:new") is None
    assert not open_dialog(anne, dossier_id).ui.draft_frame.isVisible()


def test_save_drafts_writes_at_once_and_the_timer_does_too(qtbot, anne, dossier_id,
                                                           open_dialog):
    dialog = open_dialog(anne, dossier_id)
    drafts = DraftService(anne)
    dialog.ui.summary_edit.setFocus()
    type_text(qtbot, "Avant le verrouillage")
    assert drafts.load(dialog.draft_key) is None  # debounced: nothing written yet
    assert dialog.save_drafts()
    assert drafts.load(dialog.draft_key)["summary"] == "Avant le verrouillage"
    type_text(qtbot, " automatique")
    qtbot.waitUntil(
        lambda: drafts.load(dialog.draft_key)["summary"] == "Avant le verrouillage automatique",
        timeout=3000,
    )


def test_starting_again_from_scratch_discards_the_draft(qtbot, anne, dossier_id, open_dialog):
    DraftService(anne).save(f"intervention:{dossier_id}:new",
                            {"summary": "Ancienne saisie", "kind": "COURRIER"})
    dialog = open_dialog(anne, dossier_id)
    assert dialog.ui.summary_edit.toPlainText() == "Ancienne saisie"
    qtbot.mouseClick(dialog.ui.discard_draft_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.summary_edit.toPlainText() == ""
    assert dialog.ui.kind_combo.currentText() == "Entretien"
    assert not dialog.ui.draft_frame.isVisible()
    assert DraftService(anne).load(dialog.draft_key) is None


# -- changing an intervention --------------------------------------------------------------------
def test_an_intervention_is_changed_in_the_same_dialog(qtbot, anne, dossier_id, open_dialog):
    service = DossierService(anne)
    intervention_id = service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 5), kind_code="TELEPHONE", duration_min=10, summary="Appel",
        notes="Mon impression", notes_visibility=NoteVisibility.PERSONAL,
        aids=(AidInput(type_code="AUTRE", type_text="Mutuelle", organisation="CPAM",
                       outcome_code="REFUSEE", outcome_on=date(2026, 10, 12),
                       amount_cents=5000),),
    ))
    dialog = open_dialog(anne, dossier_id, intervention_id)
    ui = dialog.ui
    assert dialog.draft_key == f"intervention:{dossier_id}:{intervention_id}"
    assert ui.date_edit.text() == "05/10/2026"
    assert ui.kind_combo.currentText() == "Téléphone"
    assert ui.duration_spin.value() == 10
    assert ui.notes_edit.toPlainText() == "Mon impression"
    assert ui.personal_radio.isChecked()
    assert [a.amount_edit.text() for a in dialog._aids] == ["50,00"]
    ui.summary_edit.setFocus()
    press(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, " de suivi")
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = service.open(dossier_id)
    assert [i.summary for i in view.interventions] == ["Appel de suivi"]
    assert [(n.body, n.visibility) for n in view.notes] == [("Mon impression", "personnelle")]
    assert [(a.type_text, a.organisation, a.outcome_on, a.amount_cents) for a in view.aids] == [
        ("Mutuelle", "CPAM", date(2026, 10, 12), 5000)]  # what the form has no field for stays


def test_a_colleague_who_is_not_referent_cannot_record(qtbot, team, anne, dossier_id,
                                                      open_dialog, prompts):
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        dialog = open_dialog(louis, dossier_id)
        dialog.ui.summary_edit.setFocus()
        type_text(qtbot, "Essai")
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: "Accès refusé" in prompts.texts(), timeout=2000)
        assert dialog.isVisible()
        assert "brouillon" in prompts.texts()
    finally:
        louis.close()
    assert DossierService(anne).open(dossier_id).interventions == []


# -- small parsers -------------------------------------------------------------------------------
@pytest.mark.parametrize(("typed", "cents"), [
    ("300", 30000), ("300,5", 30050), ("1 200,50", 120050), ("300.25 €", 30025), ("", None),
])
def test_amounts_are_read_as_typed_in_france(typed, cents):
    assert parse_amount(typed) == cents


@pytest.mark.parametrize("typed", ["12,345", "douze", "1,2,3", "-5"])
def test_a_wrong_amount_is_explained(typed):
    with pytest.raises(ValueError, match="Montant en euros"):
        parse_amount(typed)


def test_amounts_and_times_are_written_back_in_french():
    assert format_amount(120050) == "1\u00a0200,50\u00a0€"
    assert parse_time("9") == "09:00"
    assert parse_time("14h30") == "14:30"
    assert parse_time("") is None
    with pytest.raises(ValueError, match="HH:MM"):
        parse_time("25:00")
