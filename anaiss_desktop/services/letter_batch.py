"""Which dossiers a batch of letters is for: "the people I see tomorrow".

The batch dialog (« Courriers en série… ») starts from the appointments of a day, the usual
case being the appointment proposals or reminders sent the day before. Only the dossiers the
account may write letters in (the agenda level, :class:`~.access.AccessGate`) are listed: its
own, those it covers, every dossier for a manager-social worker or the secretariat. The list
holds identity and agenda facts only (number, name, time), like the home screen, so reading it
is not logged; each letter made from it is, by :class:`~.letters.LetterService`.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..domain.access import Action, Level
from ..domain.records import EcheanceKind
from ..storage.dossiers_repo import DossierRepository
from ..storage.persons_repo import PersonRepository
from .access import AccessGate
from .session import Session

MAX_APPOINTMENTS = 2000  # a day of a whole service, with room to spare


class AppointmentDossier(NamedTuple):
    """One dossier with an appointment on the day asked for (its first one that day)."""

    dossier_id: int
    number: str
    person_name: str  # "DUPONT Marie (née MARTIN)", as lists show it
    time: str  # "14:30", or "" for an appointment without a time


def dossiers_with_appointment_on(session: Session, day: date) -> list[AppointmentDossier]:
    """The dossiers having an appointment (not marked done) on ``day`` in which the account
    may write letters, by time then name; one line per dossier."""
    session.require_ready()
    gate = AccessGate(session)
    dossiers = DossierRepository(session.db)
    rows = dossiers.echeances_of_unit(day.isoformat(), MAX_APPOINTMENTS)
    seen: set[int] = set()
    allowed: dict[int, bool] = {}
    found: list[AppointmentDossier] = []
    for echeance in rows:  # already in time order
        if (echeance.kind is not EcheanceKind.APPOINTMENT or echeance.done_at is not None
                or echeance.dossier_id in seen):
            continue
        if echeance.dossier_id not in allowed:
            facts = gate.facts(echeance.dossier_id)
            allowed[echeance.dossier_id] = facts is not None and gate.allowed(
                facts, Level.AGENDA, Action.WRITE)
        if not allowed[echeance.dossier_id]:
            continue
        seen.add(echeance.dossier_id)
        found.append(AppointmentDossier(echeance.dossier_id, echeance.dossier_number,
                                        echeance.person_name, echeance.due_at[11:16]))
    persons = PersonRepository(session.db)
    named = []
    for line in found:
        person_id = dossiers.person_of(line.dossier_id)
        person = persons.get(person_id) if person_id is not None else None
        named.append(line._replace(person_name=person.display_name) if person else line)
    return sorted(named, key=lambda a: (a.time or "99", a.person_name.lower()))


__all__ = ["AppointmentDossier", "dossiers_with_appointment_on"]
