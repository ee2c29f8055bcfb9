"""Dates as French social workers type and read them.

Forms, the import (SPEC: ``date_naissance`` as AAAA-MM-JJ or JJ/MM/AAAA) and the CLI share one
parser, so the same text is accepted or refused everywhere with the same French message. An
impossible date is named back to the person ("31/02/2020 n'existe pas") rather than silently
moved to another day.
"""

from __future__ import annotations

import re
from datetime import date, datetime

MSG_FORMAT = "Date attendue au format JJ/MM/AAAA (ou AAAA-MM-JJ)"

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_FRENCH = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$")


def parse_date(text: str | None) -> date | None:
    """Read "AAAA-MM-JJ", "JJ/MM/AAAA" or "J/M/AAAA" (also with "." or "-"); None when empty.

    Raises ``ValueError`` with a French message when the text is not a date in one of these
    formats, or names a day that does not exist.
    """
    stripped = (text or "").strip()
    if not stripped:
        return None
    iso = _ISO.match(stripped)
    french = _FRENCH.match(stripped)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif french:
        day, month, year = int(french.group(1)), int(french.group(3)), int(french.group(4))
    else:
        raise ValueError(MSG_FORMAT)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{day:02d}/{month:02d}/{year:04d} n'existe pas") from None


def format_fr(value: date | None) -> str:
    """"JJ/MM/AAAA", or "" for no date."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def age_on(birth: date, on: date) -> int:
    """Age in full years on a given day (a person born on 29 February ages on 1 March).

    Raises ``ValueError`` when ``on`` is before the birth.
    """
    if on < birth:
        raise ValueError("La date est antérieure à la naissance")
    had_birthday = (on.month, on.day) >= (birth.month, birth.day)
    return on.year - birth.year - (0 if had_birthday else 1)


def format_instant_fr(at: str) -> str:
    """"2026-11-02T09:15:00+00:00" → "02/11/2026 10:15" in Paris: the audit log keeps ISO
    instants (UTC); people read their local time."""
    try:
        value = datetime.fromisoformat(at)
    except ValueError:
        return at
    if value.tzinfo is not None:
        value = value.astimezone()
    return f"{format_fr(value.date())} {value:%H:%M}"


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")


def date_in_words(value: date) -> str:
    """"1er octobre 2026", "28 novembre 2026": how a letter writes a date."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def long_date(value: date) -> str:
    """"lundi 5 octobre 2026"."""
    return f"{WEEKDAYS[value.weekday()]} {date_in_words(value)}"
