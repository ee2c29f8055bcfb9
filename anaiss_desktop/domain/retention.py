"""How long a dossier is kept after the last contact with the person (SPEC §7).

The CNIL's référentiel for social action keeps the data of an accompanied person for two years
after the last contact, then deletes it; the manager may choose another length, within bounds
that keep it meaningful. The *last contact* of a dossier is its latest intervention, or its
opening when it has none: closing a dossier is not a contact with the person, and a dossier
closed long after the last meeting is due from that meeting.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

DEFAULT_MONTHS = 24
MIN_MONTHS = 6
MAX_MONTHS = 120
MIN_REMINDER_DAYS = 1
MAX_REMINDER_DAYS = 90


def months_before(day: date, months: int) -> date:
    """``day`` moved back by whole months (31 March minus one month is 28 or 29 February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def cutoff(today: date, months: int) -> date:
    """Dossiers whose last contact is *before* this day are due (on the day itself: not yet)."""
    return months_before(today, months)


def keeping_problems(retention_months: object, reminder_days: object) -> list[str]:
    """Why these settings cannot be used (French); empty when they can."""
    problems = []
    if (not isinstance(retention_months, int) or isinstance(retention_months, bool)
            or not MIN_MONTHS <= retention_months <= MAX_MONTHS):
        problems.append(
            f"La durée de conservation est comprise entre {MIN_MONTHS} et {MAX_MONTHS} mois "
            f"({DEFAULT_MONTHS} par défaut : deux ans après le dernier contact).")
    if (not isinstance(reminder_days, int) or isinstance(reminder_days, bool)
            or not MIN_REMINDER_DAYS <= reminder_days <= MAX_REMINDER_DAYS):
        problems.append(
            f"Le rappel de sauvegarde est compris entre {MIN_REMINDER_DAYS} et "
            f"{MAX_REMINDER_DAYS} jours.")
    return problems


@dataclass(frozen=True)
class DueDossier:
    """A dossier past the retention period, as the manager reviews it (nothing of its content).

    Args:
        dossier_id, number: which dossier.
        referent: the referent's full name (who can say whether it must stay).
        status: "ouvert", "veille" or "clos".
        opened_on, last_contact_on: ISO dates; the last contact is the opening when there
            was no intervention.
        person_id: whose dossier it is; ``other_dossiers``: how many other dossiers that
            person has (0: the person's record goes too).
    """

    dossier_id: int
    number: str
    referent: str
    status: str
    opened_on: str
    last_contact_on: str
    person_id: int
    other_dossiers: int

    @property
    def still_open(self) -> bool:
        return self.status != "clos"
