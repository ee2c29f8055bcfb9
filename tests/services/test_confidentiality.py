"""Confidentiality through the services (issue 4): every role and relation to a dossier, every
level and action, the covering period's edges, notes, the panel, the logs, reassignment.

Real stations (conftest ``team``: the manager-social worker Claire, the assistants Anne Martin
(referent here) and Louis Petit, the secretary Sophie Bernard), plus a manager who is not a
social worker. The clock is conftest's FakeClock (2026-11-02).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    OTHER_PASSWORD,
    SECRETARY_LOGIN,
    SECRETARY_PASSWORD,
)

from anaiss_desktop.domain.access import Level
from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.services.access_info import AccessInfoService
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput, NotAllowed, WrongCredentials
from anaiss_desktop.services.notes import NoteService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.search import SearchService
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station
from anaiss_desktop.services.unit_overview import UnitOverviewService
from anaiss_desktop.storage.accounts_repo import AccountRepository

TODAY = date(2026, 11, 2)
BOSS_LOGIN, BOSS_PASSWORD = "direction", "Tableau-De-Bord-2026!"
SUMMARY = "Dossier CSS déposé à la caisse."
DOSSIER_NOTE = "Fatigue importante, à revoir."
PERSONAL_NOTE = "Impression personnelle à vérifier."


@pytest.fixture
def world(team: Station, clock):
    """Anne's dossier with an intervention, a dossier note and a personal note; a manager who
    is not a social worker."""
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    account = AccountService(manager).create(BOSS_LOGIN, "Bernard Direction", Role.MANAGER,
                                             temporary_password=BOSS_PASSWORD)
    manager.set_password(account, BOSS_PASSWORD, temporary=False)
    manager.close()
    anne = team.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    person_id = PersonService(anne).create(PersonInput(usage_name="Vasseur",
                                                       first_names="Odile"))
    service = DossierService(anne)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 20), kind_code="ENTRETIEN", summary=SUMMARY, notes=DOSSIER_NOTE))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 21), kind_code="TELEPHONE", notes=PERSONAL_NOTE,
        notes_visibility=NoteVisibility.PERSONAL))
    ids = {a.login: a.id for a in CoverService(anne).colleagues()}
    ids[ASSISTANT_LOGIN] = anne.account.id
    ids[SECRETARY_LOGIN] = AccountRepository(anne.db).by_login(SECRETARY_LOGIN).id
    anne.close()
    return {"station": team, "clock": clock, "dossier": dossier_id, "ids": ids}


def login(world, who: str) -> Session:
    passwords = {ASSISTANT_LOGIN: ASSISTANT_PASSWORD, OTHER_LOGIN: OTHER_PASSWORD,
                 MANAGER_LOGIN: MANAGER_PASSWORD, SECRETARY_LOGIN: SECRETARY_PASSWORD,
                 BOSS_LOGIN: BOSS_PASSWORD}
    return world["station"].login(who, passwords[who])


def cover(world, *, start: date, end: date | None, absence: bool = False) -> int:
    anne = login(world, ASSISTANT_LOGIN)
    try:
        covers = CoverService(anne)
        if absence:
            return covers.designate_for_absence(world["ids"][ASSISTANT_LOGIN],
                                                world["ids"][OTHER_LOGIN], start, end)
        return covers.designate_on_dossier(world["dossier"], world["ids"][OTHER_LOGIN],
                                           start, end)
    finally:
        anne.close()


# What each (level, action) means through the services, and whether it worked.
def _attempt(session: Session, dossier_id: int) -> dict[str, bool]:
    service = DossierService(session)
    results: dict[str, bool] = {}

    def attempt(key: str, call: Callable[[], bool]) -> None:
        try:
            results[key] = call()
        except NotAllowed:
            results[key] = False

    attempt("identite:lire", lambda: bool(SearchService(session).search("vasseur")))
    attempt("agenda:lire", lambda: service.open(dossier_id).dossier.id == dossier_id)
    attempt("agenda:modifier", lambda: bool(service.add_echeance(dossier_id, EcheanceInput(
        EcheanceKind.APPOINTMENT, "2026-11-20T10:00", "Rendez-vous"))))
    attempt("suivi:lire", lambda: any(i.summary == SUMMARY
                                      for i in service.open(dossier_id).interventions))
    attempt("suivi:modifier", lambda: bool(service.add_intervention(dossier_id, InterventionInput(
        on_date=TODAY, kind_code="TELEPHONE", summary="Appel."))))
    attempt("secret:lire", lambda: any(n.body == DOSSIER_NOTE
                                       for n in service.open(dossier_id).notes))
    attempt("secret:modifier", lambda: bool(service.add_intervention(dossier_id, InterventionInput(
        on_date=TODAY, notes="Observation."))))
    attempt("note_personnelle:lire", lambda: any(n.body == PERSONAL_NOTE
                                                 for n in service.open(dossier_id).notes))
    return results


EVERYTHING = {"identite:lire", "agenda:lire", "agenda:modifier", "suivi:lire", "suivi:modifier",
              "secret:lire", "secret:modifier"}
IDENTITY_ONLY = {"identite:lire"}
SECRETARIAT = {"identite:lire", "agenda:lire", "agenda:modifier"}


@pytest.mark.parametrize(("who", "relation", "expected"), [
    (ASSISTANT_LOGIN, "referent", EVERYTHING | {"note_personnelle:lire"}),
    (OTHER_LOGIN, "covering, one dossier", EVERYTHING),
    (OTHER_LOGIN, "covering, absence", EVERYTHING),
    (OTHER_LOGIN, "cover not started", IDENTITY_ONLY),
    (OTHER_LOGIN, "cover ended", IDENTITY_ONLY),
    (OTHER_LOGIN, "cover withdrawn", IDENTITY_ONLY),
    (OTHER_LOGIN, "colleague", IDENTITY_ONLY),
    (MANAGER_LOGIN, "manager social worker", EVERYTHING),
    (BOSS_LOGIN, "manager", IDENTITY_ONLY),
    (SECRETARY_LOGIN, "secretary", SECRETARIAT),
])
def test_the_matrix_through_the_services(world, who, relation, expected):
    if relation == "covering, one dossier":
        cover(world, start=TODAY, end=TODAY + timedelta(days=10))
    elif relation == "covering, absence":
        cover(world, start=TODAY - timedelta(days=3), end=TODAY, absence=True)
    elif relation == "cover not started":
        cover(world, start=TODAY + timedelta(days=1), end=TODAY + timedelta(days=5), absence=True)
    elif relation == "cover ended":
        cover(world, start=TODAY - timedelta(days=10), end=TODAY - timedelta(days=1))
    elif relation == "cover withdrawn":
        cover_id = cover(world, start=TODAY, end=None)
        anne = login(world, ASSISTANT_LOGIN)
        CoverService(anne).withdraw(cover_id)
        anne.close()
    session = login(world, who)
    try:
        results = _attempt(session, world["dossier"])
    finally:
        session.close()
    assert {key for key, ok in results.items() if ok} == expected, relation


def test_the_last_day_of_a_cover_counts_and_the_next_does_not(world):
    cover(world, start=TODAY, end=TODAY + timedelta(days=2), absence=True)
    world["clock"].advance(days=2)
    louis = login(world, OTHER_LOGIN)
    assert DossierService(louis).open(world["dossier"]).covering is not None
    louis.close()
    world["clock"].advance(days=1)
    louis = login(world, OTHER_LOGIN)
    with pytest.raises(NotAllowed, match="a pris fin le 04/11/2026"):
        DossierService(louis).open(world["dossier"])
    louis.close()


def test_a_disabled_account_cannot_sign_in_and_loses_its_cover(world):
    cover(world, start=TODAY, end=None)
    manager = login(world, MANAGER_LOGIN)
    AccountService(manager).disable(OTHER_LOGIN)
    panel = AccessInfoService(manager).who_has_access(world["dossier"])
    assert OTHER_LOGIN not in {line.account.login for line in panel.lines}
    manager.close()
    with pytest.raises(WrongCredentials):  # a disabled account says no more than a wrong one
        login(world, OTHER_LOGIN)


def test_who_may_name_a_covering_colleague(world):
    louis = login(world, OTHER_LOGIN)
    with pytest.raises(NotAllowed):
        CoverService(louis).designate_on_dossier(world["dossier"], world["ids"][OTHER_LOGIN],
                                                 TODAY)
    louis.close()
    anne = login(world, ASSISTANT_LOGIN)
    with pytest.raises(InvalidInput, match="travailleur social actif"):
        CoverService(anne).designate_on_dossier(world["dossier"],
                                                world["ids"][SECRETARY_LOGIN], TODAY)
    with pytest.raises(InvalidInput, match="date de fin"):
        CoverService(anne).designate_for_absence(world["ids"][ASSISTANT_LOGIN],
                                                 world["ids"][OTHER_LOGIN], TODAY, None)
    anne.close()
    boss = login(world, BOSS_LOGIN)  # not a social worker, but organises the service
    assert CoverService(boss).designate_for_absence(
        world["ids"][ASSISTANT_LOGIN], world["ids"][OTHER_LOGIN], TODAY, TODAY)
    boss.close()


# -- notes ------------------------------------------------------------------------------------
def test_a_personal_note_is_read_by_the_colleagues_its_author_names(world):
    cover(world, start=TODAY, end=None)
    anne = login(world, ASSISTANT_LOGIN)
    [personal] = [n for n in DossierService(anne).open(world["dossier"]).notes
                  if n.body == PERSONAL_NOTE]
    louis_id = world["ids"][OTHER_LOGIN]
    with pytest.raises(InvalidInput, match="jamais le secrétariat"):
        NoteService(anne).share(personal.id, (world["ids"][SECRETARY_LOGIN],))
    NoteService(anne).share(personal.id, (louis_id,))
    anne.close()
    louis = login(world, OTHER_LOGIN)
    with pytest.raises(NotAllowed):
        NoteService(louis).share(personal.id, ())  # only the author decides
    notes = {n.body: n for n in DossierService(louis).open(world["dossier"]).notes}
    assert notes[PERSONAL_NOTE].shared_with == ("Louis Petit",)
    louis.close()
    louis = login(world, OTHER_LOGIN)  # and in the list of the notes shared with him
    [shared] = NoteService(louis).shared_with_me()
    assert (shared.body, shared.author, shared.person) == (PERSONAL_NOTE, "Anne Martin",
                                                           "Vasseur Odile")
    louis.close()
    anne = login(world, ASSISTANT_LOGIN)
    NoteService(anne).share(personal.id, ())  # and can take it back
    anne.close()
    louis = login(world, OTHER_LOGIN)
    assert PERSONAL_NOTE not in {n.body for n in DossierService(louis).open(world["dossier"]).notes}
    assert NoteService(louis).shared_with_me() == []
    louis.close()


def test_reassignment_moves_the_dossier_not_the_personal_notes(world):
    louis_id = world["ids"][OTHER_LOGIN]
    anne = login(world, ASSISTANT_LOGIN)
    with pytest.raises(NotAllowed):
        DossierService(anne).reassign(world["dossier"], louis_id)
    anne.close()
    boss = login(world, BOSS_LOGIN)
    DossierService(boss).reassign(world["dossier"], louis_id)
    boss.close()
    louis = login(world, OTHER_LOGIN)
    bodies = {n.body for n in DossierService(louis).open(world["dossier"]).notes}
    assert DOSSIER_NOTE in bodies and PERSONAL_NOTE not in bodies
    louis.close()
    anne = login(world, ASSISTANT_LOGIN)
    with pytest.raises(NotAllowed):
        DossierService(anne).open(world["dossier"])
    assert NoteService(anne).hand_over(world["dossier"], louis_id) == 1
    anne.close()
    louis = login(world, OTHER_LOGIN)
    view = DossierService(louis).open(world["dossier"])
    assert PERSONAL_NOTE in {n.body for n in view.notes}
    log = AccessInfoService(louis).dossier_log(world["dossier"])
    assert {"Changement de référent(e) d'un dossier", "Notes personnelles transmises"} <= {
        line.action for line in log}
    louis.close()


# -- what people can know -----------------------------------------------------------------------
def test_the_panel_says_who_reads_each_level_and_agrees_with_the_services(world):
    cover(world, start=TODAY, end=date(2026, 11, 13), absence=True)
    anne = login(world, ASSISTANT_LOGIN)
    panel = AccessInfoService(anne).who_has_access(world["dossier"])
    anne.close()
    secret = {line.account.login: line.reason for line in panel.of_level(Level.SECRET)}
    assert secret == {ASSISTANT_LOGIN: "référent(e) du dossier",
                      OTHER_LOGIN: "suppléant(e) jusqu'au 13/11/2026",
                      MANAGER_LOGIN: "responsable d'unité, travailleur social"}
    agenda = {line.account.login for line in panel.of_level(Level.AGENDA)}
    assert agenda == {ASSISTANT_LOGIN, OTHER_LOGIN, MANAGER_LOGIN, SECRETARY_LOGIN}
    for who in (ASSISTANT_LOGIN, OTHER_LOGIN, MANAGER_LOGIN, SECRETARY_LOGIN, BOSS_LOGIN):
        session = login(world, who)
        results = _attempt(session, world["dossier"])
        session.close()
        for level, key in ((Level.AGENDA, "agenda:lire"), (Level.FOLLOW_UP, "suivi:lire"),
                           (Level.SECRET, "secret:lire")):
            listed = who in {line.account.login for line in panel.of_level(level)}
            assert listed is results[key], (who, level)


def test_the_access_log_is_for_the_referent_and_the_manager_social_worker(world):
    cover(world, start=TODAY, end=None)
    louis = login(world, OTHER_LOGIN)
    DossierService(louis).open(world["dossier"])
    with pytest.raises(NotAllowed):
        AccessInfoService(louis).dossier_log(world["dossier"])
    history = AccessInfoService(louis).my_history()
    assert [(line.action, line.person) for line in history][:1] == [
        ("Consultation d'un dossier", "Vasseur Odile")]
    louis.close()
    for who in (ASSISTANT_LOGIN, MANAGER_LOGIN):
        session = login(world, who)
        log = AccessInfoService(session).dossier_log(world["dossier"])
        session.close()
        assert ("Louis Petit", "Consultation d'un dossier") in {(x.actor, x.action) for x in log}
        assert all(DOSSIER_NOTE not in x.detail and SUMMARY not in x.detail for x in log)


def test_the_referent_reads_on_return_what_was_done_in_their_absence(world):
    cover(world, start=TODAY, end=TODAY + timedelta(days=1), absence=True)
    louis = login(world, OTHER_LOGIN)
    DossierService(louis).open(world["dossier"])
    DossierService(louis).add_intervention(world["dossier"], InterventionInput(
        on_date=TODAY, kind_code="TELEPHONE", summary="Appel de la caisse."))
    louis.close()
    world["clock"].advance(days=3)  # Anne is back
    anne = login(world, ASSISTANT_LOGIN)
    info = AccessInfoService(anne)
    report = info.absence_report()
    assert report.colleagues == ["Louis Petit"] and report.dossiers == 1
    assert {line.action for line in report.lines} == {"Consultation d'un dossier",
                                                     "Intervention enregistrée"}
    info.acknowledge_absence_report(report)
    assert info.absence_report().lines == []
    anne.close()


def test_full_text_search_follows_the_cover(world):
    louis = login(world, OTHER_LOGIN)
    assert SearchService(louis).search_text("caisse") == []
    louis.close()
    cover(world, start=TODAY, end=None)
    louis = login(world, OTHER_LOGIN)
    assert [h.kind for h in SearchService(louis).search_text("caisse")] == ["résumé"]
    assert SearchService(louis).search_text("personnelle") == []
    louis.close()
    secretary = login(world, SECRETARY_LOGIN)
    assert SearchService(secretary).search_text("caisse") == []
    secretary.close()


def test_the_unit_overview_counts_without_naming_and_the_agenda_is_the_secretary_s(world):
    boss = login(world, BOSS_LOGIN)
    counts = {c.referent: c for c in UnitOverviewService(boss).counts()}
    assert (counts["Anne Martin"].open, counts["Anne Martin"].dormant) == (1, 0)
    assert "Sophie Bernard" not in counts  # the secretary is nobody's referent
    with pytest.raises(NotAllowed):
        UnitOverviewService(boss).appointments()  # not a social worker: no agenda of dossiers
    boss.close()
    louis = login(world, OTHER_LOGIN)
    with pytest.raises(NotAllowed):
        UnitOverviewService(louis).counts()
    with pytest.raises(NotAllowed):
        UnitOverviewService(louis).appointments()
    louis.close()
    secretary = login(world, SECRETARY_LOGIN)
    DossierService(secretary).add_echeance(world["dossier"], EcheanceInput(
        EcheanceKind.APPOINTMENT, "2026-11-02T11:00", "Premier accueil"))
    [appointment] = UnitOverviewService(secretary).appointments()
    assert (appointment.label, appointment.person_name) == ("Premier accueil", "Vasseur Odile")
    secretary.close()
