"""Persons, dossiers, interventions and échéances through the services, on a real station."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import (
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    OTHER_PASSWORD,
    SECRETARY_LOGIN,
    SECRETARY_PASSWORD,
)

from anaiss_desktop.domain.records import (
    AidInput,
    DossierInput,
    DossierStatus,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    Motif,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.services.codes import CodeService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput, NotAllowed
from anaiss_desktop.services.persons import PersonService


def _dupont(**changes) -> PersonInput:
    base = dict(usage_name="Dupont", first_names="Marie", birth_name="Martin",
                birth_date=date(1961, 4, 12), sex="F", city="Lille")
    base.update(changes)
    return PersonInput(**base)


def _new_dossier(session, person: PersonInput | None = None) -> tuple[int, int]:
    person_id = PersonService(session).create(person or _dupont())
    dossier_id = DossierService(session).create(
        person_id,
        DossierInput(opened_on=date(2026, 10, 1), origin_code="MEDECIN_TRAITANT",
                     motifs=(Motif("ACCES_DROITS_SOINS"),)),
    )
    return person_id, dossier_id


def test_only_a_name_is_required(anne):
    persons = PersonService(anne)
    person_id = persons.create(PersonInput(usage_name="Nguyen"))
    assert persons.get(person_id).display_name == "NGUYEN"
    with pytest.raises(InvalidInput) as info:
        persons.create(PersonInput(usage_name="  "))
    assert "nom" in info.value.message


def test_dossier_numbers_follow_the_year(anne):
    _, first = _new_dossier(anne)
    _, second = _new_dossier(anne, PersonInput(usage_name="Bernard"))
    service = DossierService(anne)
    assert service.open(first).dossier.number == "2026-000001"
    assert service.open(second).dossier.number == "2026-000002"


def test_open_shows_the_whole_dossier_and_is_logged(anne):
    _, dossier_id = _new_dossier(anne)
    service = DossierService(anne)
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 5), kind_code="ENTRETIEN", duration_min=45,
        summary="Point sur les droits", notes="Fatiguée, inquiète pour son emploi",
        aids=(AidInput(type_code="AIDE_FINANCIERE", organisation="CCAS de Lille",
                       requested_on=date(2026, 10, 5), amount_cents=30000),),
    ))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-03T10:00",
                                                   "Bilan"))
    view = service.open(dossier_id)
    assert view.person.usage_name == "Dupont"
    assert view.dossier.referent_name == "Anne Martin"
    assert view.dossier.last_contact_on == date(2026, 10, 5)
    assert [i.summary for i in view.interventions] == ["Point sur les droits"]
    assert [n.body for n in view.notes] == ["Fatiguée, inquiète pour son emploi"]
    assert view.aids[0].amount_cents == 30000
    kinds = [item.kind for item in view.timeline()]
    assert kinds[0] == "rdv" and "intervention" in kinds and kinds[-1] == "ouverture"
    assert [i.kind for i in view.timeline({"aide"})] == ["aide"]
    last = anne.audit.entries()[-1]
    assert (last.action, last.target) == ("dossier.ouverture", "dossier:2026-000001")
    assert "Dupont" not in " ".join(e.detail + e.target for e in anne.audit.entries())


def test_another_assistant_sees_identity_only(team, anne):
    person_id, dossier_id = _new_dossier(anne)
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        with pytest.raises(NotAllowed):
            DossierService(louis).open(dossier_id)
        with pytest.raises(NotAllowed):
            PersonService(louis).get(person_id)
        with pytest.raises(NotAllowed):
            DossierService(louis).add_intervention(
                dossier_id, InterventionInput(on_date=date(2026, 10, 6), summary="x"))
        found = PersonService(louis).find_duplicates(_dupont())
        assert found and found[0].referents == ("Anne Martin",)
    finally:
        louis.close()


def test_manager_social_worker_opens_and_secretary_sees_the_agenda_only(team, anne):
    _, dossier_id = _new_dossier(anne)
    DossierService(anne).add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 7), summary="Visite", notes="Observation"))
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)  # flagged social worker in conftest
    try:
        view = DossierService(manager).open(dossier_id)
        assert view.dossier.id == dossier_id and view.interventions and view.notes
    finally:
        manager.close()
    secretary = team.login(SECRETARY_LOGIN, SECRETARY_PASSWORD)
    try:
        view = DossierService(secretary).open(dossier_id)  # appointments and letters
        assert (view.interventions, view.notes, view.aids) == ([], [], [])
        with pytest.raises(NotAllowed):
            DossierService(secretary).add_intervention(dossier_id, InterventionInput(
                on_date=date(2026, 10, 8), summary="Appel"))
        with pytest.raises(NotAllowed):
            DossierService(secretary).create(1, DossierInput(opened_on=date(2026, 1, 1)))
    finally:
        secretary.close()


def test_personal_notes_stay_with_their_author(team, anne):
    _, dossier_id = _new_dossier(anne)
    DossierService(anne).add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 7), summary="Visite", notes="Mon impression personnelle",
        notes_visibility=NoteVisibility.PERSONAL,
    ))
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        view = DossierService(manager).open(dossier_id)
        assert [i.summary for i in view.interventions] == ["Visite"]
        assert view.notes == []
    finally:
        manager.close()
    assert [n.body for n in DossierService(anne).open(dossier_id).notes] == [
        "Mon impression personnelle"
    ]


def test_status_and_echeances(anne):
    _, dossier_id = _new_dossier(anne)
    service = DossierService(anne)
    echeance = service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.FOLLOW_UP, "2026-10-20",
                                                              "Relancer la CPAM"))
    service.set_echeance_done(echeance)
    service.set_status(dossier_id, DossierStatus.CLOSED, date(2026, 11, 1), "OBJECTIFS_ATTEINTS")
    view = service.open(dossier_id)
    assert view.dossier.status is DossierStatus.CLOSED
    assert view.dossier.closed_on == date(2026, 11, 1)
    assert view.echeances[0].done_at is not None
    service.set_status(dossier_id, DossierStatus.OPEN, date(2026, 11, 2))
    assert service.open(dossier_id).dossier.closed_on is None


def test_duplicates_are_proposed_before_creation(anne):
    persons = PersonService(anne)
    persons.create(_dupont())
    found = persons.find_duplicates(PersonInput(usage_name="DUPOND", first_names="marie",
                                                birth_date=date(1961, 4, 12)))
    assert [c.display_name for c in found] == ["DUPONT Marie (née MARTIN)"]
    assert found[0].likeness.score >= 0.6
    assert persons.find_duplicates(PersonInput(usage_name="Zylberstein", first_names="Paul")) == []


def test_merge_moves_dossiers_and_keeps_chosen_fields(anne):
    persons = PersonService(anne)
    keep, first = _new_dossier(anne)
    remove, second = _new_dossier(anne, _dupont(usage_name="Dupond", phone="06 12 34 56 78"))
    persons.merge(keep, remove, _dupont(phone="06 12 34 56 78"))
    service = DossierService(anne)
    assert service.open(second).person.id == keep
    assert service.open(first).person.phone == "06 12 34 56 78"
    with pytest.raises(InvalidInput):
        persons.get(remove)
    assert anne.audit.entries()[-1].action in ("usager.fusion", "dossier.ouverture")


def test_delete_really_deletes_after_typing_the_name(anne, data_dir):
    persons = PersonService(anne)
    person_id, dossier_id = _new_dossier(anne, PersonInput(usage_name="Zorglubovitch"))
    DossierService(anne).add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 8), summary="Erreur de saisie Zorglubovitch"))
    with pytest.raises(InvalidInput):
        persons.delete(person_id, "Dupont")
    persons.delete(person_id, "zorglubovitch")
    with pytest.raises(InvalidInput):
        DossierService(anne).open(dossier_id)
    entry = anne.audit.entries()[-1]
    assert (entry.action, entry.target) == ("usager.suppression", f"usager:#{person_id}")


def test_coded_lists_always_have_not_provided_and_other(anne, team):
    codes = CodeService(anne)
    for list_name in ("motif", "origine", "type_intervention", "type_aide", "issue_aide"):
        present = {c.code for c in codes.codes(list_name)}
        assert {"NR", "AUTRE"} <= present, list_name
    with pytest.raises(NotAllowed):
        codes.add("motif", "LOCAL_1", "Catégorie locale")
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        manager_codes = CodeService(manager)
        manager_codes.add("motif", "LOCAL_1", "Catégorie locale")
        manager_codes.set_retired("motif", "LOCAL_1")
        with pytest.raises(InvalidInput):
            manager_codes.add("motif", "LOCAL_1", "Autre libellé")  # never reused
        with pytest.raises(InvalidInput):
            manager_codes.set_retired("motif", "NR")
    finally:
        manager.close()
    assert "LOCAL_1" not in {c.code for c in codes.codes("motif")}
    assert "LOCAL_1" in {c.code for c in codes.codes("motif", include_retired=True)}


def test_drafts_belong_to_their_author(team, anne):
    from anaiss_desktop.services.drafts import DraftService

    drafts = DraftService(anne)
    drafts.save("intervention:1", {"summary": "Entretien en cours de saisie", "duration": 30})
    assert drafts.load("intervention:1")["summary"] == "Entretien en cours de saisie"
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        assert DraftService(louis).load("intervention:1") is None
    finally:
        louis.close()
    drafts.discard("intervention:1")
    assert drafts.load("intervention:1") is None


def test_unknown_codes_are_refused(anne):
    person_id = PersonService(anne).create(PersonInput(usage_name="Martin"))
    service = DossierService(anne)
    with pytest.raises(InvalidInput) as info:
        service.create(person_id, DossierInput(opened_on=date(2026, 1, 5), origin_code="INVENTE"))
    assert "Origine de la demande" in info.value.message
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 1, 5)))
    with pytest.raises(InvalidInput):
        service.add_intervention(dossier_id, InterventionInput(on_date=date(2026, 1, 6),
                                                               kind_code="PIGEON"))
