"""Erasure leaves no trace in the file, and the retention period lists and purges dossiers.

"No trace" is checked where it matters: every page of the database file and of its WAL,
decrypted with the station's key (tests/sqlcipher_pages.py), free pages included — what
``strings`` would find if the file were not encrypted. The same check first finds the unique
name before the erasure, so it can fail.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlcipher_pages import contains

from anaiss_desktop.domain.records import DossierInput, InterventionInput, PersonInput
from anaiss_desktop.domain.retention import cutoff, keeping_problems, months_before
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput, NotAllowed
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.retention import RetentionService
from anaiss_desktop.services.station_settings import StationSettingsService
from anaiss_desktop.storage.settings_repo import KeepingSettings

UNIQUE = "Zorbalaquin"
SECRET = "quasiophrène"  # a word of the summary and of the note: FTS tokens too


def _person(session, name: str, opened: date, contacts: list[date] = (),
            word: str = "logement") -> tuple[int, int]:
    person_id = PersonService(session).create(PersonInput(
        usage_name=name, first_names="Ysaline", address=f"7 impasse {name}", city="Roubaix"))
    dossiers = DossierService(session)
    dossier_id = dossiers.create(person_id, DossierInput(opened_on=opened))
    for day in contacts:
        dossiers.add_intervention(dossier_id, InterventionInput(
            on_date=day, summary=f"Entretien avec {name} au sujet du {word}",
            notes=f"Note {word} {name}"))
    return person_id, dossier_id


def _file(session):
    return session.db.path, bytes(session.key)


# -- erasure ---------------------------------------------------------------------------------------

def test_erased_person_leaves_no_trace_in_the_pages(manager):
    person_id, _ = _person(manager, UNIQUE, date(2026, 9, 1), [date(2026, 9, 15)], SECRET)
    _person(manager, "Durand", date(2026, 9, 1), [date(2026, 9, 16)])  # stays
    manager.db.checkpoint()
    path, key = _file(manager)
    assert contains(path, key, UNIQUE)  # the check sees clear text: it can fail
    assert contains(path, key, SECRET)

    PersonService(manager).delete(person_id, UNIQUE)

    assert not contains(path, key, UNIQUE)
    assert not contains(path, key, SECRET)  # nor in the full-text indexes
    assert contains(path, key, "Durand")
    entry = manager.audit.recent(1)[0]
    assert entry.action == "usager.suppression"
    assert UNIQUE not in f"{entry.target} {entry.detail}"


# -- retention rule --------------------------------------------------------------------------------

@pytest.mark.parametrize("today, months, expected", [
    (date(2026, 11, 2), 24, date(2024, 11, 2)),
    (date(2026, 3, 31), 1, date(2026, 2, 28)),
    (date(2024, 3, 31), 1, date(2024, 2, 29)),
    (date(2026, 1, 15), 13, date(2024, 12, 15)),
])
def test_months_before(today, months, expected):
    assert months_before(today, months) == expected
    assert cutoff(today, months) == expected


def test_keeping_bounds():
    assert keeping_problems(24, 7) == []
    assert len(keeping_problems(5, 0)) == 2
    assert keeping_problems(121, 91)[0].startswith("La durée de conservation")
    assert keeping_problems(True, 7)


# -- the manager's list ----------------------------------------------------------------------------

@pytest.fixture
def aged(manager):
    """Today is 2026-11-02; 24 months: due when the last contact is before 2024-11-02."""
    ids = {
        "due": _person(manager, "Ancien", date(2023, 1, 5), [date(2024, 11, 1)]),
        "edge": _person(manager, "Limite", date(2023, 1, 5), [date(2024, 11, 2)]),
        "recent": _person(manager, "Recent", date(2024, 1, 5), [date(2026, 10, 1)]),
        "no_contact": _person(manager, "Silence", date(2024, 5, 1)),
    }
    return ids


def test_due_list_edges(manager, aged):
    due = RetentionService(manager).due()
    numbers = {d.dossier_id for d in due}
    assert aged["due"][1] in numbers  # last contact the day before the limit
    assert aged["edge"][1] not in numbers  # on the limit: not yet
    assert aged["recent"][1] not in numbers
    assert aged["no_contact"][1] in numbers  # no intervention: the opening counts
    first = due[0]
    assert first.last_contact_on == "2024-05-01" and first.referent
    assert RetentionService(manager).count_due() == 2


def test_a_longer_period_lists_fewer(manager, aged):
    StationSettingsService(manager).set_keeping_settings(KeepingSettings(36, 7))
    assert RetentionService(manager).due() == []
    entry = manager.audit.recent(1)[0]
    assert entry.action == "parametres.conservation" and "24→36 mois" in entry.detail


def test_reminder_for_the_manager_only(manager, anne, aged):
    text = RetentionService(manager).reminder()
    assert text.startswith("2 dossier(s) ont dépassé la durée de conservation (24 mois")
    assert RetentionService(anne).reminder() is None
    with pytest.raises(NotAllowed):
        RetentionService(anne).due()


def test_purge_deletes_dossier_person_and_pages(manager, aged):
    _person_id, dossier_id = aged["due"]
    manager.db.checkpoint()
    path, key = _file(manager)
    assert contains(path, key, "Ancien")
    result = RetentionService(manager).purge([dossier_id, aged["recent"][1]])
    assert (result.dossiers, result.persons, result.skipped) == (1, 1, 1)
    assert not contains(path, key, "Ancien")
    assert contains(path, key, "Recent")  # not due: skipped, kept
    assert RetentionService(manager).count_due() == 1
    entry = manager.audit.recent(1)[0]
    assert entry.action == "conservation.purge"
    assert entry.detail == f"1 dossier(s), 1 fiche(s) personne : #{dossier_id}"


def test_person_with_another_dossier_stays(manager):
    person_id, old = _person(manager, "Multiple", date(2022, 1, 5), [date(2022, 2, 1)])
    DossierService(manager).create(person_id, DossierInput(opened_on=date(2026, 6, 1)))
    result = RetentionService(manager).purge([old])
    assert (result.dossiers, result.persons) == (1, 0)
    assert PersonService(manager).get(person_id).usage_name == "Multiple"


def test_purge_can_be_stopped(manager, aged):
    ids = [aged["due"][1], aged["no_contact"][1]]
    result = RetentionService(manager).purge(ids, progress=lambda done, total: False)
    assert (result.dossiers, result.cancelled) == (1, True)
    assert RetentionService(manager).count_due() == 1


def test_purge_needs_a_choice_and_a_manager(manager, anne, aged):
    with pytest.raises(InvalidInput, match="Cochez au moins un dossier"):
        RetentionService(manager).purge([])
    with pytest.raises(NotAllowed):
        RetentionService(anne).purge([aged["due"][1]])


def test_a_covering_colleague_cannot_erase(anne, louis, manager):
    """Erasure is the referent's (or a manager-social worker's): a covering colleague, who
    has the referent's access for a while, may not make it."""
    from anaiss_desktop.services.covers import CoverService

    person_id, dossier_id = _person(anne, "Couverte", date(2026, 9, 1), [date(2026, 9, 2)])
    today = anne.today()
    CoverService(anne).designate_on_dossier(dossier_id, louis.account.id, today, today)
    with pytest.raises(NotAllowed, match="pas à la personne qui le ou la remplace"):
        PersonService(louis).delete(person_id, "Couverte")
    assert PersonService(anne).get(person_id).usage_name == "Couverte"
    PersonService(manager).delete(person_id, "Couverte")  # the manager-social worker may
