"""What a person, a dossier and an intervention hold, as plain data (SPEC §4).

Nothing is mandatory but the usage name: the historical tools lost their users with gated
levels of mandatory boxes. Checks here return French *warnings* shown while typing; only
:func:`person_blocking_problems` can stop a save, and only for a missing name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class DossierStatus(str, Enum):
    OPEN = "ouvert"
    DORMANT = "veille"
    CLOSED = "clos"

    @property
    def label(self) -> str:
        return {"ouvert": "Ouvert", "veille": "En veille", "clos": "Clos"}[self.value]


class EcheanceKind(str, Enum):
    APPOINTMENT = "rdv"
    FOLLOW_UP = "suivi"

    @property
    def label(self) -> str:
        return {"rdv": "Rendez-vous", "suivi": "Échéance de suivi"}[self.value]


class NoteVisibility(str, Enum):
    DOSSIER = "dossier"
    PERSONAL = "personnelle"


@dataclass(frozen=True)
class HouseholdMember:
    name: str
    relation: str = ""
    birth_date: date | None = None


@dataclass(frozen=True)
class PersonInput:
    """A person as typed in the form; every field but ``usage_name`` may stay empty."""

    usage_name: str
    birth_name: str = ""
    first_names: str = ""
    birth_date: date | None = None
    sex: str | None = None  # "F", "M" or None
    address: str = ""
    postal_code: str = ""
    city: str = ""
    phone: str = ""
    email: str = ""
    nir: str = ""
    family_code: str = "NR"
    family_text: str = ""
    household: tuple[HouseholdMember, ...] = ()


@dataclass(frozen=True)
class Person(PersonInput):
    id: int = 0
    created_at: str = ""
    updated_at: str = ""

    @property
    def display_name(self) -> str:
        """``DUPONT Marie (née MARTIN)`` as lists show it."""
        text = self.usage_name.upper()
        if self.first_names:
            text += f" {self.first_names}"
        if self.birth_name and self.birth_name.casefold() != self.usage_name.casefold():
            born = "née" if self.sex == "F" else "né" if self.sex == "M" else "né(e)"
            text += f" ({born} {self.birth_name.upper()})"
        return text


@dataclass(frozen=True)
class Motif:
    code: str
    free_text: str = ""


@dataclass(frozen=True)
class DossierInput:
    """The dossier's own fields (its person and referent are set when it is created)."""

    opened_on: date
    origin_code: str = "NR"
    origin_text: str = ""
    motifs: tuple[Motif, ...] = ()
    consent_on: date | None = None
    consent_mode: str = "NR"
    notice_given: bool = False
    consent_share: bool = False


@dataclass(frozen=True)
class Dossier(DossierInput):
    id: int = 0
    number: str = ""
    person_id: int = 0
    referent_id: int = 0
    referent_name: str = ""
    status: DossierStatus = DossierStatus.OPEN
    status_on: date | None = None
    closed_on: date | None = None
    closing_code: str = "NR"
    closing_text: str = ""
    last_contact_on: date | None = None


@dataclass(frozen=True)
class AidInput:
    type_code: str = "NR"
    type_text: str = ""
    organisation: str = ""
    requested_on: date | None = None
    outcome_code: str = "EN_COURS"
    outcome_on: date | None = None
    amount_cents: int | None = None


@dataclass(frozen=True)
class InterventionInput:
    """One contact with the person or about them; ``notes`` go to the professional secret."""

    on_date: date
    kind_code: str = "NR"
    kind_text: str = ""
    duration_min: int | None = None
    summary: str = ""
    notes: str = ""
    notes_visibility: NoteVisibility = NoteVisibility.DOSSIER
    aids: tuple[AidInput, ...] = ()
    # A personal note's named colleagues (account ids); ignored for a dossier note.
    notes_shared_with: tuple[int, ...] = ()


@dataclass(frozen=True)
class EcheanceInput:
    kind: EcheanceKind
    due_at: str  # "AAAA-MM-JJ" or "AAAA-MM-JJTHH:MM", local time
    label: str = ""
    place: str = ""


@dataclass(frozen=True)
class Echeance(EcheanceInput):
    id: int = 0
    dossier_id: int = 0
    done_at: str | None = None
    owner_id: int = 0
    person_name: str = ""
    dossier_number: str = ""

    def is_overdue(self, today: date) -> bool:
        return self.done_at is None and self.due_at[:10] < today.isoformat()


@dataclass(frozen=True)
class TimelineItem:
    """One line of a dossier's history, newest first."""

    on: str  # ISO date or date-time
    kind: str  # "intervention", "note", "aide", "rdv", "suivi", "statut", "ouverture"
    title: str
    detail: str = ""
    ref_id: int = 0
    author: str = ""
    extra: dict[str, str] = field(default_factory=dict)


def person_blocking_problems(person: PersonInput) -> list[str]:
    """What stops a save: only a missing usage name."""
    if not person.usage_name.strip():
        return ["Indiquez au moins le nom de la personne."]
    return []


def looks_like_email(text: str) -> bool:
    text = text.strip()
    if not text:
        return True
    local, at, domain = text.partition("@")
    return bool(local) and bool(at) and "." in domain and " " not in text


def person_warnings(person: PersonInput, today: date) -> list[str]:
    """Gentle remarks shown while typing; they never block the save."""
    warnings = []
    if person.birth_date and person.birth_date > today:
        warnings.append("La date de naissance est dans le futur.")
    if person.birth_date and person.birth_date.year < today.year - 120:
        warnings.append("La date de naissance est très ancienne : vérifiez l'année.")
    if not looks_like_email(person.email):
        warnings.append("L'adresse électronique ne semble pas complète (exemple : nom@domaine.fr).")
    postal = person.postal_code.strip()
    if postal and not (len(postal) == 5 and postal.isdigit()):
        warnings.append("Un code postal français compte 5 chiffres.")
    digits = [c for c in person.phone if c.isdigit()]
    if person.phone.strip() and len(digits) < 10:
        warnings.append("Le numéro de téléphone semble incomplet.")
    return warnings
