"""The home screen's lists ("Mon activité") through HomeService, on a real station."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import OTHER_LOGIN, OTHER_PASSWORD, SECRETARY_LOGIN, SECRETARY_PASSWORD

from anaiss_desktop.domain.records import (
    DossierInput,
    DossierStatus,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    PersonInput,
)
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.home import HomeService
from anaiss_desktop.services.persons import PersonService


def _dossier(session, name: str, opened: date, *contacts: date, first: str = "") -> int:
    person_id = PersonService(session).create(PersonInput(usage_name=name, first_names=first))
    service = DossierService(session)
    dossier_id = service.create(person_id, DossierInput(opened_on=opened))
    for day in contacts:
        service.add_intervention(dossier_id, InterventionInput(on_date=day, summary="Entretien"))
    return dossier_id


@pytest.fixture
def caseload(team, anne):
    """Anne's dossiers on 2 November 2026 (the test clock), and one of Louis's."""
    ids = {
        "Dupont": _dossier(anne, "Dupont", date(2026, 10, 1), date(2026, 10, 5), first="Marie"),
        "Bernard": _dossier(anne, "Bernard", date(2026, 3, 1), date(2026, 3, 10)),
        "Petit": _dossier(anne, "Petit", date(2026, 1, 10)),  # never seen since opening
        "Moreau": _dossier(anne, "Moreau", date(2026, 10, 20)),  # opened recently
        "Roux": _dossier(anne, "Roux", date(2025, 1, 10), date(2025, 2, 1)),
    }
    service = DossierService(anne)
    service.set_status(ids["Roux"], DossierStatus.CLOSED, date(2025, 6, 1), "OBJECTIFS_ATTEINTS")
    dupont, bernard = ids["Dupont"], ids["Bernard"]
    service.add_echeance(dupont, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-02T10:00",
                                               "Bilan"))
    service.add_echeance(dupont, EcheanceInput(EcheanceKind.FOLLOW_UP, "2026-10-30",
                                               "Relancer la caisse"))
    service.add_echeance(dupont, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-05T14:00"))
    done = service.add_echeance(bernard, EcheanceInput(EcheanceKind.FOLLOW_UP, "2026-10-15"))
    service.set_echeance_done(done)
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        other = _dossier(louis, "Lambert", date(2026, 1, 5))
        DossierService(louis).add_echeance(
            other, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-02T11:00"))
    finally:
        louis.close()
    return ids


def _names(lines) -> list[str]:
    return [line.person_name for line in lines]


def test_my_open_dossiers_in_name_order(anne, caseload):
    view = HomeService(anne).home()
    assert _names(view.open_dossiers) == ["BERNARD", "DUPONT Marie", "MOREAU", "PETIT"]
    assert view.open_count == 4
    line = view.open_dossiers[1]
    assert (line.number, line.status, line.referent_name) == (
        "2026-000001", DossierStatus.OPEN, "Anne Martin")
    assert line.last_contact_on == date(2026, 10, 5)
    short = HomeService(anne).home(limit=2)
    assert len(short.open_dossiers) == 2 and short.open_count == 4


def test_todays_and_overdue_echeances_are_mine_and_undone(anne, caseload):
    view = HomeService(anne).home()
    assert [(e.due_at, e.label, e.person_name) for e in view.today] == [
        ("2026-11-02T10:00", "Bilan", "Dupont Marie")]
    assert [(e.due_at, e.label) for e in view.overdue] == [("2026-10-30", "Relancer la caisse")]
    assert view.overdue[0].is_overdue(date(2026, 11, 2))
    # Another day, another list: the day is a parameter (the clock's local date by default).
    other_day = HomeService(anne).home(today=date(2026, 10, 30))
    assert [e.label for e in other_day.today] == ["Relancer la caisse"]
    assert [e.due_at for e in HomeService(anne).home(today=date(2026, 11, 6)).overdue] == [
        "2026-10-30", "2026-11-02T10:00", "2026-11-05T14:00"]


def test_dossiers_without_contact_for_too_long(anne, caseload, clock):
    view = HomeService(anne).home(no_contact_days=90)
    # Bernard: last contact in March; Petit: no contact, opened in January. Oldest first.
    assert _names(view.without_contact) == ["PETIT", "BERNARD"]
    # Moreau, opened 13 days ago and not seen since, joins them at 10 days.
    assert _names(HomeService(anne).home(no_contact_days=10).without_contact) == [
        "PETIT", "BERNARD", "DUPONT Marie", "MOREAU"]
    clock.advance(days=200)
    assert len(HomeService(anne).home().without_contact) == 4
    with pytest.raises(InvalidInput):
        HomeService(anne).home(no_contact_days=-1)


def test_recently_opened_dossiers_newest_first(anne, caseload, clock):
    assert HomeService(anne).home().recent == []
    service = DossierService(anne)
    for name in ("Roux", "Bernard", "Dupont", "Bernard"):
        service.open(caseload[name])
        clock.advance(minutes=1)
    recent = HomeService(anne).home().recent
    assert _names(recent) == ["BERNARD", "DUPONT Marie", "ROUX"]
    assert recent[2].status is DossierStatus.CLOSED


def test_home_is_per_account_and_not_logged(team, anne, caseload):
    before = len(anne.audit.entries())
    HomeService(anne).home()
    assert len(anne.audit.entries()) == before
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        view = HomeService(louis).home()
        assert _names(view.open_dossiers) == ["LAMBERT"]
        assert [e.due_at for e in view.today] == ["2026-11-02T11:00"]
        assert view.overdue == [] and view.recent == []
    finally:
        louis.close()
    secretary = team.login(SECRETARY_LOGIN, SECRETARY_PASSWORD)
    try:
        view = HomeService(secretary).home()
        assert (view.open_dossiers, view.open_count, view.today) == ([], 0, [])
    finally:
        secretary.close()
