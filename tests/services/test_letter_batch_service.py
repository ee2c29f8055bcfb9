"""Which dossiers a batch of letters is for: the appointments of a day, in the dossiers the
account may write letters in (issue 5, "appointment proposals for tomorrow's list").

Real stations (conftest ``team``: the manager-social worker Claire, the assistants Anne Martin
and Louis Petit, the secretary Sophie Bernard); the clock is conftest's FakeClock (2026-11-02),
so "tomorrow" is 2026-11-03.
"""

from __future__ import annotations

from datetime import date

import pytest

from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    PersonInput,
)
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.letter_batch import (
    AppointmentDossier,
    dossiers_with_appointment_on,
)
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

TOMORROW = date(2026, 11, 3)


def dossier(session: Session, name: str, first: str, *echeances: EcheanceInput,
            birth_name: str = "") -> int:
    person_id = PersonService(session).create(PersonInput(
        usage_name=name, first_names=first, birth_name=birth_name, sex="F"))
    service = DossierService(session)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    for echeance in echeances:
        service.add_echeance(dossier_id, echeance)
    return dossier_id


def rdv(due_at: str, label: str = "Bilan") -> EcheanceInput:
    return EcheanceInput(EcheanceKind.APPOINTMENT, due_at, label, "au service")


@pytest.fixture
def day(anne: Session, louis: Session) -> dict[str, int]:
    """Anne's and Louis's dossiers around tomorrow."""
    ids = {
        "afternoon": dossier(anne, "Moreau", "Julie", rdv("2026-11-03T14:30")),
        "morning": dossier(anne, "Dupont", "Marie", rdv("2026-11-03T09:30"),
                           rdv("2026-11-03T16:00", "Second rendez-vous"),
                           birth_name="Martin"),
        "no_time": dossier(anne, "Bernard", "Léa", rdv("2026-11-03")),
        "follow_up_only": dossier(anne, "Petit", "Paul", EcheanceInput(
            EcheanceKind.FOLLOW_UP, "2026-11-03", "Relancer la CPAM")),
        "other_day": dossier(anne, "Roux", "Inès", rdv("2026-11-04T10:00")),
        "done": dossier(anne, "Faure", "Emma", rdv("2026-11-03T11:00")),
        "louis": dossier(louis, "Garnier", "Lucie", rdv("2026-11-03T10:00")),
    }
    service = DossierService(anne)
    done = next(e for e in service.open(ids["done"]).echeances)
    service.set_echeance_done(done.id)
    return ids


def test_the_dossiers_of_tomorrow_are_mine_with_an_appointment_in_time_order(anne, day):
    lines = dossiers_with_appointment_on(anne, TOMORROW)
    assert [line.dossier_id for line in lines] == [day["morning"], day["afternoon"],
                                                   day["no_time"]]
    morning = lines[0]
    assert isinstance(morning, AppointmentDossier)
    assert morning.person_name == "DUPONT Marie (née MARTIN)"
    assert morning.time == "09:30"  # the first appointment of the day; one line per dossier
    assert morning.number.startswith("2026-")
    assert lines[2].time == ""  # an appointment without a time comes last


def test_another_day_and_an_empty_day(anne, day):
    assert [line.dossier_id for line in dossiers_with_appointment_on(anne, date(2026, 11, 4))] \
        == [day["other_day"]]
    assert dossiers_with_appointment_on(anne, date(2026, 11, 5)) == []


def test_a_colleagues_dossier_is_left_out_unless_covered(anne, louis, day):
    assert day["louis"] not in {line.dossier_id for line in
                                dossiers_with_appointment_on(anne, TOMORROW)}
    assert [line.dossier_id for line in dossiers_with_appointment_on(louis, TOMORROW)] \
        == [day["louis"]]
    CoverService(anne).designate_on_dossier(day["afternoon"], louis.account.id,
                                            date(2026, 11, 1), date(2026, 11, 10))
    assert [line.dossier_id for line in dossiers_with_appointment_on(louis, TOMORROW)] \
        == [day["louis"], day["afternoon"]]


def test_the_secretary_and_the_manager_social_worker_see_the_whole_unit(secretary, manager,
                                                                       day):
    expected = [day["morning"], day["louis"], day["afternoon"], day["no_time"]]
    assert [line.dossier_id for line in dossiers_with_appointment_on(secretary, TOMORROW)] \
        == expected
    assert [line.dossier_id for line in dossiers_with_appointment_on(manager, TOMORROW)] \
        == expected


def test_reading_the_list_writes_nothing_in_the_audit_log(anne, day):
    before = len(anne.audit.entries())
    dossiers_with_appointment_on(anne, TOMORROW)
    assert len(anne.audit.entries()) == before
