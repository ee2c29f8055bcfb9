"""Rectification keeps a history (issue 7, SPEC §7): every change of a person's or a dossier's
field keeps who, when and the old value; the history is read by those who may read the field,
and goes away with the person when the person is erased.

Real station (conftest ``team``: Anne Martin the referent, Louis Petit another assistant, Sophie
Bernard the secretary, Claire the manager-social worker); FakeClock (2026-11-02 09:00 UTC).
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import OTHER_NAME

from anaiss_desktop.domain.access import Level
from anaiss_desktop.domain.field_history import (
    DOSSIER_FIELDS,
    PERSON_FIELDS,
    changes,
    display,
    dossier_values,
    person_values,
    tracked_field,
)
from anaiss_desktop.domain.records import (
    Dossier,
    DossierInput,
    DossierStatus,
    HouseholdMember,
    InterventionInput,
    Motif,
    PersonInput,
)
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import NotAllowed
from anaiss_desktop.services.history import HistoryEntry, HistoryService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session
from anaiss_desktop.storage.history_repo import HistoryRepository

ODILE = PersonInput(
    usage_name="Vasseur", first_names="Odile", birth_date=date(1980, 5, 4), sex="F",
    address="12 rue des Lilas", postal_code="59000", city="Lille", phone="03 20 11 22 33",
)
OPENED = DossierInput(opened_on=date(2026, 10, 1), origin_code="PERSONNE")


@pytest.fixture
def world(anne: Session):
    """Odile Vasseur and her dossier, Anne Martin's; nothing changed yet."""
    person_id = PersonService(anne).create(ODILE)
    dossier_id = DossierService(anne).create(person_id, OPENED)
    return {"person": person_id, "dossier": dossier_id}


def by_label(entries: list[HistoryEntry]) -> dict[str, HistoryEntry]:
    labels = [e.label for e in entries]
    assert len(labels) == len(set(labels)), labels  # one entry per changed field
    return {e.label: e for e in entries}


def iso(clock) -> str:
    return clock.now.isoformat(timespec="seconds")


# -- recording ---------------------------------------------------------------------------------
def test_a_person_change_keeps_one_entry_per_field_with_old_value_author_and_time(
        anne, world, clock):
    clock.advance(days=3)
    changed = PersonInput(
        usage_name="Vasseur-Leroy", first_names="Odile", birth_date=date(1980, 4, 5), sex="F",
        address="3 place Verte", postal_code="59100", city="Roubaix", phone="03 20 11 22 33",
        family_code="VEUF",
    )
    PersonService(anne).update(world["person"], changed)

    entries = HistoryService(anne).of_person(world["person"])
    rows = by_label(entries)
    assert set(rows) == {"Nom d'usage", "Adresse", "Date de naissance", "Situation familiale"}
    assert (rows["Nom d'usage"].old_value, rows["Nom d'usage"].new_value) == (
        "VASSEUR", "VASSEUR-LEROY")
    assert (rows["Adresse"].old_value, rows["Adresse"].new_value) == (
        "12 rue des Lilas, 59000 Lille", "3 place Verte, 59100 Roubaix")
    assert (rows["Date de naissance"].old_value, rows["Date de naissance"].new_value) == (
        "04/05/1980", "05/04/1980")
    # A coded field reads with its labels, as the dossier window shows it.
    assert (rows["Situation familiale"].old_value, rows["Situation familiale"].new_value) == (
        "Non renseigné", "Veuf / veuve")
    for entry in entries:
        assert entry.author == "Anne Martin"
        assert entry.changed_at == iso(clock) == "2026-11-05T09:00:00+00:00"
        assert entry.when.startswith("05/11/2026")


def test_later_changes_come_first_and_keep_each_old_value(anne, world, clock):
    persons = PersonService(anne)
    clock.advance(days=1)
    persons.update(world["person"], PersonInput(**{**ODILE.__dict__, "phone": "06 00 00 00 01"}))
    clock.advance(days=1)
    persons.update(world["person"], PersonInput(**{**ODILE.__dict__, "phone": "06 00 00 00 02"}))
    entries = HistoryService(anne).of_person(world["person"])
    assert [(e.label, e.old_value, e.new_value) for e in entries] == [
        ("Téléphone", "06 00 00 00 01", "06 00 00 00 02"),
        ("Téléphone", "03 20 11 22 33", "06 00 00 00 01"),
    ]
    assert entries[0].changed_at > entries[1].changed_at


def test_creation_and_saving_without_a_change_leave_no_entry(anne, world):
    history = HistoryService(anne)
    assert history.of_person(world["person"]) == []
    assert history.of_dossier(world["dossier"]) == []
    PersonService(anne).update(world["person"], ODILE)
    dossiers = DossierService(anne)
    dossiers.update(world["dossier"], OPENED)
    dossiers.set_status(world["dossier"], DossierStatus.OPEN, OPENED.opened_on)
    assert history.of_person(world["person"]) == []
    assert history.of_dossier(world["dossier"]) == []
    assert HistoryRepository(anne.db).count_of_person(world["person"]) == 0


def test_a_status_change_is_one_entry_read_as_the_window_reads_it(anne, world, clock):
    dossiers = DossierService(anne)
    dossiers.set_status(world["dossier"], DossierStatus.DORMANT, date(2026, 11, 2))
    clock.advance(days=10)
    dossiers.set_status(world["dossier"], DossierStatus.CLOSED, date(2026, 11, 12),
                        "DEMENAGEMENT", "Part à Lyon")
    entries = HistoryService(anne).of_dossier(world["dossier"])
    assert [(e.label, e.old_value, e.new_value, e.author) for e in entries] == [
        ("Statut", "En veille depuis le 02/11/2026",
         "Clos le 12/11/2026 — Déménagement (Part à Lyon)", "Anne Martin"),
        ("Statut", "Ouvert depuis le 01/10/2026", "En veille depuis le 02/11/2026",
         "Anne Martin"),
    ]
    assert entries[0].changed_at == iso(clock)


def test_a_referent_change_names_the_former_referent_and_the_manager(anne, manager, world,
                                                                    clock):
    louis_id = next(a.id for a in CoverService(anne).colleagues() if a.full_name == OTHER_NAME)
    clock.advance(hours=2)
    DossierService(manager).reassign(world["dossier"], louis_id)
    [entry] = HistoryService(manager).of_dossier(world["dossier"])
    assert (entry.label, entry.old_value, entry.new_value) == (
        "Référent·e", "Anne Martin", OTHER_NAME)
    assert entry.author == "Claire Responsable"
    assert entry.changed_at == iso(clock)


def test_dossier_fields_motifs_origin_consent(anne, world):
    DossierService(anne).update(world["dossier"], DossierInput(
        opened_on=date(2026, 10, 1), origin_code="AUTRE", origin_text="Mairie",
        motifs=(Motif("LOGEMENT"), Motif("AUTRE", "Isolement")),
        consent_on=date(2026, 10, 1), consent_mode="ORAL", notice_given=True,
    ))
    rows = by_label(HistoryService(anne).of_dossier(world["dossier"]))
    assert set(rows) == {"Origine de la demande", "Motifs", "Information et consentement",
                         "Notice d'information"}
    assert (rows["Origine de la demande"].old_value,
            rows["Origine de la demande"].new_value) == (
        "La personne elle-même", "Autre (préciser) (Mairie)")
    assert rows["Motifs"].old_value == ""
    assert rows["Motifs"].new_value == "Autre (préciser) (Isolement) ; Logement"
    assert (rows["Information et consentement"].old_value,
            rows["Information et consentement"].new_value) == (
        "non recueilli", "le 01/10/2026 — Entretien oral")
    assert (rows["Notice d'information"].old_value,
            rows["Notice d'information"].new_value) == ("non remise", "remise")


def test_a_failed_change_records_nothing(anne, world):
    with pytest.raises(Exception, match="Code inconnu"):
        DossierService(anne).update(world["dossier"], DossierInput(
            opened_on=date(2026, 9, 1), origin_code="N_EXISTE_PAS"))
    assert HistoryService(anne).of_dossier(world["dossier"]) == []


# -- who reads it ------------------------------------------------------------------------------
def _change_everything(anne: Session, manager: Session, world: dict, louis_id: int) -> None:
    PersonService(anne).update(world["person"], PersonInput(
        **{**ODILE.__dict__, "usage_name": "Leroy", "address": "3 place Verte",
           "family_code": "VEUF", "household": (HouseholdMember("Léo Leroy", "fils"),)}))
    DossierService(anne).set_status(world["dossier"], DossierStatus.DORMANT, date(2026, 11, 2))
    DossierService(manager).reassign(world["dossier"], louis_id)


def test_the_secretary_reads_identity_and_contact_history_not_the_follow_up(
        anne, manager, secretary, world):
    louis_id = next(a.id for a in CoverService(anne).colleagues() if a.full_name == OTHER_NAME)
    _change_everything(anne, manager, world, louis_id)
    history = HistoryService(secretary)
    assert {e.label for e in history.of_person(world["person"])} == {"Nom d'usage", "Adresse"}
    assert [e.label for e in history.of_dossier(world["dossier"])] == ["Référent·e"]
    # The referent (now Louis) reads everything; so does the manager-social worker.
    assert {e.label for e in HistoryService(manager).of_person(world["person"])} == {
        "Nom d'usage", "Adresse", "Situation familiale", "Foyer"}
    assert {e.label for e in HistoryService(manager).of_dossier(world["dossier"])} == {
        "Statut", "Référent·e"}


def test_a_colleague_with_no_access_is_refused(louis, world, anne):
    PersonService(anne).update(world["person"], PersonInput(**{**ODILE.__dict__,
                                                               "usage_name": "Leroy"}))
    history = HistoryService(louis)
    with pytest.raises(NotAllowed):
        history.of_person(world["person"])
    with pytest.raises(NotAllowed):
        history.of_dossier(world["dossier"])
    assert not [e for e in louis.audit.entries() if e.action == "historique.consultation"]


def test_a_covering_colleague_reads_it_during_the_cover_only(anne, louis, world, clock):
    PersonService(anne).update(world["person"], PersonInput(**{**ODILE.__dict__,
                                                               "family_code": "VEUF"}))
    DossierService(anne).set_status(world["dossier"], DossierStatus.DORMANT, date(2026, 11, 2))
    louis_id = louis.account.id
    CoverService(anne).designate_on_dossier(world["dossier"], louis_id, date(2026, 11, 2),
                                            date(2026, 11, 6))
    history = HistoryService(louis)
    assert [e.label for e in history.of_person(world["person"])] == ["Situation familiale"]
    assert [e.label for e in history.of_dossier(world["dossier"])] == ["Statut"]
    consulted = [e for e in louis.audit.entries() if e.action == "historique.consultation"
                 and e.target.startswith("dossier:")]
    assert consulted[-1].detail == "en suppléance"
    clock.advance(days=5)  # 7 November: the cover has ended
    with pytest.raises(NotAllowed):
        history.of_person(world["person"])
    with pytest.raises(NotAllowed):
        history.of_dossier(world["dossier"])


def test_reading_the_history_is_logged(anne, world):
    history = HistoryService(anne)
    history.of_person(world["person"])
    history.of_dossier(world["dossier"])
    number = DossierService(anne).open(world["dossier"]).dossier.number
    logged = [(e.actor, e.target) for e in anne.audit.entries()
              if e.action == "historique.consultation"]
    assert logged == [("amartin", f"usager:#{world['person']}"), ("amartin", f"dossier:{number}")]


# -- erasure and merge -------------------------------------------------------------------------
def test_erasing_the_person_erases_the_history(anne, manager, world):
    louis_id = next(a.id for a in CoverService(anne).colleagues() if a.full_name == OTHER_NAME)
    _change_everything(anne, manager, world, louis_id)
    repo = HistoryRepository(anne.db)
    assert repo.count_of_person(world["person"]) == 6
    PersonService(manager).delete(world["person"], "Leroy")
    assert repo.count_of_person(world["person"]) == 0
    assert anne.db.scalar("SELECT count(*) FROM field_changes") == 0


def test_erasure_leaves_no_word_in_the_full_text_indexes(anne, manager, world):
    # Migration 0006 turns FTS5's secure-delete on: without it the index segments would keep
    # the erased person's words (marked deleted) until a later merge.
    DossierService(anne).add_intervention(world["dossier"], InterventionInput(
        on_date=date(2026, 10, 20), kind_code="ENTRETIEN", summary="Zorglubienne convoquée",
        notes="Quintessorama observé"))
    DossierService(anne).add_intervention(world["dossier"], InterventionInput(
        on_date=date(2026, 10, 21), kind_code="TELEPHONE", summary="Appel"))
    other = PersonService(anne).create(PersonInput(usage_name="Autre"))
    other_dossier = DossierService(anne).create(other, OPENED)
    DossierService(anne).add_intervention(other_dossier, InterventionInput(
        on_date=date(2026, 10, 22), kind_code="ENTRETIEN", summary="Reste indexé",
        notes="Note gardée"))

    def indexed() -> bytes:
        return b"".join(r[0] for table in ("interventions_fts_data", "notes_fts_data")
                        for r in anne.db.query(f"SELECT block FROM {table}")).lower()

    assert b"zorglubienne" in indexed() and b"quintessorama" in indexed()
    PersonService(manager).delete(world["person"], "Vasseur")
    assert b"zorglubienne" not in indexed() and b"quintessorama" not in indexed()
    assert b"indexe" in indexed()  # the others' words stay searchable


def test_a_merge_keeps_the_changed_fields_and_the_dossiers_history(anne, world, clock):
    persons = PersonService(anne)
    twin = persons.create(PersonInput(usage_name="Vaseur", first_names="Odile",
                                      phone="06 12 34 56 78"))
    twin_dossier = DossierService(anne).create(twin, OPENED)
    DossierService(anne).set_status(twin_dossier, DossierStatus.DORMANT, date(2026, 11, 2))
    clock.advance(days=1)
    persons.merge(world["person"], twin, PersonInput(**{**ODILE.__dict__,
                                                        "phone": "06 12 34 56 78"}))
    [entry] = HistoryService(anne).of_person(world["person"])
    assert (entry.label, entry.old_value, entry.new_value) == (
        "Téléphone", "03 20 11 22 33", "06 12 34 56 78")
    # The dossier moved to the kept person with its history, which now goes with that person.
    assert [e.label for e in HistoryService(anne).of_dossier(twin_dossier)] == ["Statut"]
    assert HistoryRepository(anne.db).count_of_person(world["person"]) == 2
    assert HistoryRepository(anne.db).count_of_person(twin) == 0


# -- the pure part -----------------------------------------------------------------------------
def test_every_field_has_a_level_and_a_french_label():
    assert {f.level for f in PERSON_FIELDS} == {Level.IDENTITY, Level.AGENDA, Level.FOLLOW_UP}
    assert tracked_field("dossier", "referent").level is Level.IDENTITY
    assert tracked_field("dossier", "statut").level is Level.FOLLOW_UP
    keys = [f.key for f in PERSON_FIELDS + DOSSIER_FIELDS]
    assert len(keys) == len(set(keys))
    assert set(person_values(ODILE)) == {f.key for f in PERSON_FIELDS}
    assert set(dossier_values(Dossier(**OPENED.__dict__))) == {f.key for f in DOSSIER_FIELDS}
    # A field written by a newer version is shown as it is, never lost.
    unknown = tracked_field("personne", "champ_futur")
    assert display(unknown, "valeur", lambda _l, c: c, {}) == "valeur"


def test_values_read_as_the_window_shows_them():
    def label_of(list_name: str, code: str) -> str:
        return {("situation_familiale", "VEUF"): "Veuf / veuve"}.get((list_name, code), code)

    values = person_values(PersonInput(
        usage_name="leroy", birth_date=date(1980, 4, 5), sex="M", city="Lille",
        family_code="VEUF", family_text="depuis 2020",
        household=(HouseholdMember("Léo", "fils", date(2010, 1, 2)),)))
    read = {f.label: display(f, values[f.key], label_of, {}) for f in PERSON_FIELDS}
    assert read["Nom d'usage"] == "LEROY"
    assert read["Date de naissance"] == "05/04/1980"
    assert read["Sexe"] == "Homme"
    assert read["Adresse"] == "Lille"
    assert read["Situation familiale"] == "Veuf / veuve (depuis 2020)"
    assert read["Foyer"] == "Léo (fils), né·e le 02/01/2010"
    assert read["Téléphone"] == ""
    assert changes(values, values) == []
