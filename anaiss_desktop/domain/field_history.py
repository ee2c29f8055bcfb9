"""Which fields of a person and of a dossier keep a history, and how a person reads it (SPEC §7).

Rectification keeps the old value: every change of a tracked field is one row (who, when, value
before, value after). A tracked field is one line of the dossier window ("Adresse" is the
street, the postal code and the town together; "Statut" is the status, its date and the closing
reason), so moving house or closing a dossier is one entry, read as the window shows it.

Values are stored raw, as the record holds them (codes, ISO dates, account ids; a JSON array
for a line made of several columns) and turned into words when read (:func:`display`): a code
reads with its current label, a date as JJ/MM/AAAA, a referent by name.

Each field has the confidentiality level of :mod:`anaiss_desktop.domain.access` at which it is
read, and its history is read at that level too:

* identity (names, birth date, sex, referent), which every account sees;
* contact details and the NIR (:attr:`Level.AGENDA`): the secretary writes the letters and
  books the appointments with them;
* the social situation and the follow-up (family situation, household, status, motifs, origin,
  consent): :attr:`Level.FOLLOW_UP`, never the secretary.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from .access import Level
from .dates import format_fr
from .records import Dossier, DossierStatus, PersonInput

PERSON = "personne"
DOSSIER = "dossier"

# (list name, code) → label; the code itself when the list does not know it.
LabelOf = Callable[[str, str], str]


class Kind(str, Enum):
    """How a raw value is read."""

    TEXT = "text"
    NAME = "name"  # shown in capitals, as lists show names
    DATE = "date"
    SEX = "sex"
    CODED = "coded"  # JSON [code, free text] of ``code_list``
    ADDRESS = "address"  # JSON [street, postal code, town]
    HOUSEHOLD = "household"  # JSON [[name, relation, birth date], ...]
    STATUS = "status"  # JSON [status, since, closing code, closing text]
    ACCOUNT = "account"  # an account id
    CONSENT = "consent"  # JSON [informed on, mode code]
    MOTIFS = "motifs"  # JSON [[code, free text], ...]
    FLAG = "flag"  # "1" / "0", read with ``yes`` / ``no``


@dataclass(frozen=True)
class TrackedField:
    """One line of the person's or the dossier's record whose changes are kept.

    Args:
        entity: :data:`PERSON` or :data:`DOSSIER`.
        key: the stored name of the field (stable: it is in the history rows).
        label: its French name, as the dossier window writes it.
        level: the confidentiality level at which it (and its history) is read.
        kind: how its raw value is read.
        code_list: the coded list of a :attr:`Kind.CODED` field.
        yes, no: the words of a :attr:`Kind.FLAG` field.
        empty: how the window reads the field when it holds nothing.
    """

    entity: str
    key: str
    label: str
    level: Level
    kind: Kind = Kind.TEXT
    code_list: str = ""
    yes: str = "oui"
    no: str = "non"
    empty: str = ""


PERSON_FIELDS: tuple[TrackedField, ...] = (
    TrackedField(PERSON, "nom_usage", "Nom d'usage", Level.IDENTITY, Kind.NAME),
    TrackedField(PERSON, "nom_naissance", "Nom de naissance", Level.IDENTITY, Kind.NAME),
    TrackedField(PERSON, "prenoms", "Prénom(s)", Level.IDENTITY),
    TrackedField(PERSON, "date_naissance", "Date de naissance", Level.IDENTITY, Kind.DATE),
    TrackedField(PERSON, "sexe", "Sexe", Level.IDENTITY, Kind.SEX),
    TrackedField(PERSON, "adresse", "Adresse", Level.AGENDA, Kind.ADDRESS),
    TrackedField(PERSON, "telephone", "Téléphone", Level.AGENDA),
    TrackedField(PERSON, "courriel", "Courriel", Level.AGENDA),
    TrackedField(PERSON, "nir", "NIR", Level.AGENDA),
    TrackedField(PERSON, "situation_familiale", "Situation familiale", Level.FOLLOW_UP,
                 Kind.CODED, code_list="situation_familiale"),
    TrackedField(PERSON, "foyer", "Foyer", Level.FOLLOW_UP, Kind.HOUSEHOLD),
)

DOSSIER_FIELDS: tuple[TrackedField, ...] = (
    TrackedField(DOSSIER, "ouvert_le", "Ouvert le", Level.FOLLOW_UP, Kind.DATE),
    TrackedField(DOSSIER, "statut", "Statut", Level.FOLLOW_UP, Kind.STATUS),
    TrackedField(DOSSIER, "referent", "Référent·e", Level.IDENTITY, Kind.ACCOUNT),
    TrackedField(DOSSIER, "origine", "Origine de la demande", Level.FOLLOW_UP, Kind.CODED,
                 code_list="origine"),
    TrackedField(DOSSIER, "motifs", "Motifs", Level.FOLLOW_UP, Kind.MOTIFS),
    TrackedField(DOSSIER, "consentement", "Information et consentement", Level.FOLLOW_UP,
                 Kind.CONSENT, empty="non recueilli"),
    TrackedField(DOSSIER, "notice", "Notice d'information", Level.FOLLOW_UP, Kind.FLAG,
                 yes="remise", no="non remise"),
    TrackedField(DOSSIER, "partage", "Échanges avec les partenaires", Level.FOLLOW_UP,
                 Kind.FLAG, yes="accord de la personne", no="pas d'accord recueilli"),
)

FIELDS: dict[tuple[str, str], TrackedField] = {
    (f.entity, f.key): f for f in PERSON_FIELDS + DOSSIER_FIELDS
}


def tracked_field(entity: str, key: str) -> TrackedField:
    """The field of a history row; a field this version does not know (written by a newer
    one) is read as plain text at the follow-up level rather than hidden or lost."""
    return FIELDS.get((entity, key)) or TrackedField(entity, key, key, Level.FOLLOW_UP)


# -- raw values --------------------------------------------------------------------------------
Values = dict[str, str | None]


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _json(parts: list) -> str | None:
    """A line made of several columns; None when all of them are empty."""
    if not any(parts):
        return None
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


def _coded(code: str, text: str) -> str | None:
    return _json([code, text.strip()])


def person_values(person: PersonInput) -> Values:
    """The raw values of a person's tracked fields."""
    return {
        "nom_usage": _text(person.usage_name),
        "nom_naissance": _text(person.birth_name),
        "prenoms": _text(person.first_names),
        "date_naissance": _iso(person.birth_date),
        "sexe": person.sex or None,
        "adresse": _json([person.address.strip(), person.postal_code.strip(),
                          person.city.strip()]),
        "telephone": _text(person.phone),
        "courriel": _text(person.email),
        "nir": _text(person.nir),
        "situation_familiale": _coded(person.family_code, person.family_text),
        "foyer": _json([[m.name.strip(), m.relation.strip(), _iso(m.birth_date) or ""]
                        for m in person.household if m.name.strip()]),
    }


def dossier_values(dossier: Dossier) -> Values:
    """The raw values of a dossier's tracked fields."""
    closed = dossier.status is DossierStatus.CLOSED
    return {
        "ouvert_le": _iso(dossier.opened_on),
        "statut": _json([dossier.status.value, _iso(dossier.status_on) or "",
                         dossier.closing_code if closed else "",
                         dossier.closing_text.strip() if closed else ""]),
        "referent": str(dossier.referent_id) if dossier.referent_id else None,
        "origine": _coded(dossier.origin_code, dossier.origin_text),
        "motifs": _json(sorted([m.code, m.free_text.strip()] for m in dossier.motifs)),
        "consentement": _json([_iso(dossier.consent_on) or "", dossier.consent_mode])
        if dossier.consent_on else None,
        "notice": "1" if dossier.notice_given else "0",
        "partage": "1" if dossier.consent_share else "0",
    }


@dataclass(frozen=True)
class Change:
    """One changed field: its key and its raw values before and after."""

    key: str
    old_value: str | None
    new_value: str | None


def changes(before: Mapping[str, str | None], after: Mapping[str, str | None]) -> list[Change]:
    """The fields whose value differs, in the order of ``after``; nothing when nothing did."""
    return [Change(key, before.get(key), value) for key, value in after.items()
            if before.get(key) != value]


# -- reading -----------------------------------------------------------------------------------
def _date_text(text: str | None) -> str:
    if not text:
        return ""
    try:
        return format_fr(date.fromisoformat(text[:10]))
    except ValueError:
        return text


def _with_text(label: str, text: str) -> str:
    return f"{label} ({text})" if text else label


def _status_text(parts: list, label_of: LabelOf) -> str:
    status, since, closing_code, closing_text = (list(parts) + ["", "", "", ""])[:4]
    try:
        word = DossierStatus(status).label
    except ValueError:
        word = str(status)
    if status == DossierStatus.CLOSED.value:
        text = f"Clos le {_date_text(since)}" if since else "Clos"
        if closing_code:
            text += " — " + _with_text(label_of("motif_cloture", closing_code), closing_text)
        return text
    return f"{word} depuis le {_date_text(since)}" if since else word


def display(field: TrackedField, raw: str | None, label_of: LabelOf,
            names: Mapping[int, str]) -> str:
    """A raw value as the dossier window shows it ("" for no value, unless the window has
    words for it).

    Args:
        field: the field the value belongs to.
        raw: the stored value.
        label_of: the label of a code (retired codes included: old values keep their words).
        names: account id → full name (for the referent).
    """
    if raw is None or raw == "":
        return field.empty
    kind = field.kind
    if kind is Kind.TEXT:
        return raw
    if kind is Kind.NAME:
        return raw.upper()
    if kind is Kind.DATE:
        return _date_text(raw)
    if kind is Kind.SEX:
        return {"F": "Femme", "M": "Homme"}.get(raw, raw)
    if kind is Kind.ACCOUNT:
        try:
            account_id = int(raw)
        except ValueError:
            return raw
        return names.get(account_id, f"compte n° {account_id}")
    if kind is Kind.FLAG:
        return field.yes if raw == "1" else field.no
    try:
        parts = json.loads(raw)
    except ValueError:
        return raw
    if not isinstance(parts, list):
        return raw
    if kind is Kind.CODED:
        code, text = (list(parts) + ["", ""])[:2]
        return _with_text(label_of(field.code_list, code), text)
    if kind is Kind.ADDRESS:
        street, postal, town = (list(parts) + ["", "", ""])[:3]
        place = " ".join(p for p in (postal, town) if p)
        return ", ".join(p for p in (street, place) if p)
    if kind is Kind.HOUSEHOLD:
        members = []
        for name, relation, born in ((list(m) + ["", "", ""])[:3] for m in parts):
            text = _with_text(name, relation)
            if born:
                text += f", né·e le {_date_text(born)}"
            members.append(text)
        return " ; ".join(members)
    if kind is Kind.STATUS:
        return _status_text(parts, label_of)
    if kind is Kind.CONSENT:
        on, mode = (list(parts) + ["", ""])[:2]
        return f"le {_date_text(on)} — {label_of('mode_information', mode)}"
    if kind is Kind.MOTIFS:
        return " ; ".join(_with_text(label_of("motif", code), text)
                          for code, text in ((list(m) + ["", ""])[:2] for m in parts))
    return raw
