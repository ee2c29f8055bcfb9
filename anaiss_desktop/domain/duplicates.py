"""Likely duplicates of a person, proposed before a second record is created.

The historical tools made duplicates "impossible to delete" (SPEC §1); the cheapest duplicate is
the one never created. When a social worker creates a person, the station proposes the existing
people who are probably the same one, with the reasons in plain French, and the worker decides.

Scoring, in points out of 1:

* family names, up to 0.5: same birth name or same usage name (1), one's usage name is the
  other's birth name (0.9, marriage), phonetic match (0.8), close spelling (0.7), a shared word
  of a compound name (0.6). When both birth names are known and unrelated, at most 0.4;
* first names, up to 0.3: same (1), a shared first name (0.85), phonetic (0.75), close spelling
  (0.6); missing on either side is neutral (0.5); clearly different when both are known also
  multiplies the total by 0.85 (twins share a name and a birth date);
* birth date: same (+0.2), close (+0.12: day and month swapped, one digit wrong or two adjacent
  digits swapped); different when both are known multiplies the total by 0.4 (homonyms are
  common, a person has one birth date); missing on either side is neutral.

So the same name, first name and birth date score 1.0; the same name and first name with no
birth date 0.8; a phonetic name with the same first name and date 0.9; the same name and first
name with a different birth date 0.32.

A repository cannot score 100,000 people per keystroke: ``search_keys`` gives the blocking keys
to index (one row per key) so that candidates are pre-selected by an indexed query and only
those are scored here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache

from anaiss_desktop.domain.names import compact, name_tokens, normalise, phonetic_key

DEFAULT_THRESHOLD = 0.6

FAMILY_WEIGHT = 0.5
FIRST_WEIGHT = 0.3
SAME_DATE_BONUS = 0.2
CLOSE_DATE_BONUS = 0.12
DIFFERENT_DATE_FACTOR = 0.4
DIFFERENT_FIRST_FACTOR = 0.85
UNRELATED_BIRTH_NAMES_CAP = 0.4
SPELLING_RATIO = 0.8

# Particles of compound names: too common to pre-select anyone on their own.
PARTICLES = frozenset(
    {"d", "da", "de", "del", "della", "den", "der", "des", "di", "dos", "du", "el", "l", "la",
     "le", "les", "van", "von", "y", "ben", "bin", "ibn", "mac", "mc", "st", "ste", "saint"}
)

# Prefixes of blocking keys (see search_keys).
NAME_KEY = "n:"
DATE_KEY = "d:"


@dataclass(frozen=True)
class PersonKey:
    """What duplicate matching knows about a person: identity level only (SPEC §2, level 1).

    Args:
        id: database id, None for the person being created.
        usage_name: nom d'usage.
        birth_name: nom de naissance.
        first_names: prénoms, space or hyphen separated.
        birth_date: date de naissance, None when unknown.
    """

    id: int | None
    usage_name: str
    birth_name: str
    first_names: str
    birth_date: date | None


@dataclass(frozen=True)
class Likeness:
    """How likely two records are the same person.

    Args:
        score: 0 (unrelated) to 1 (same name, first name and birth date).
        reasons: why, in French, strongest first; shown to the person deciding.
    """

    score: float
    reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _spelling_at_least(a: str, b: str, ratio: float) -> bool:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    # Cheap upper bounds first: most pairs of names are far apart.
    return (
        matcher.real_quick_ratio() >= ratio
        and matcher.quick_ratio() >= ratio
        and matcher.ratio() >= ratio
    )


def _similar_spelling(a: str, b: str, ratio: float) -> bool:
    if not a or not b:
        return False
    first, second = sorted((a, b))  # the ratio is not always symmetric; the answer must be
    return _spelling_at_least(first, second, ratio)


def _significant(tokens: Iterable[str]) -> set[str]:
    return {t for t in tokens if t not in PARTICLES and len(t) > 1}


def _family_names(person: PersonKey) -> dict[str, str]:
    names = {"birth": compact(person.birth_name), "usage": compact(person.usage_name)}
    return {kind: name for kind, name in names.items() if name}


def _family_similarity(a: PersonKey, b: PersonKey) -> tuple[float, str | None]:
    names_a, names_b = _family_names(a), _family_names(b)
    if not names_a or not names_b:
        return 0.0, None
    if names_a.get("birth") and names_a.get("birth") == names_b.get("birth"):
        return 1.0, "même nom de naissance"
    if names_a.get("usage") and names_a.get("usage") == names_b.get("usage"):
        best: tuple[float, str | None] = (1.0, "même nom d'usage")
    elif (names_a.get("usage") and names_a.get("usage") == names_b.get("birth")) or (
        names_a.get("birth") and names_a.get("birth") == names_b.get("usage")
    ):
        best = (0.9, "nom d'usage de l'un = nom de naissance de l'autre (mariage ?)")
    else:
        pairs = [(x, y) for x in names_a.values() for y in names_b.values()]
        tokens_a = _significant(name_tokens(a.usage_name, a.birth_name))
        tokens_b = _significant(name_tokens(b.usage_name, b.birth_name))
        if any(phonetic_key(x) == phonetic_key(y) for x, y in pairs):
            best = (0.8, "nom proche (phonétique)")
        elif any(_similar_spelling(x, y, SPELLING_RATIO) for x, y in pairs):
            best = (0.7, "nom proche (orthographe)")
        elif tokens_a & tokens_b:
            best = (0.6, "nom en partie commun")
        else:
            best = (0.0, None)
    # Two known birth names with nothing in common: a shared usage name is then a marriage into
    # the same family, not the same person.
    birth_a, birth_b = names_a.get("birth"), names_b.get("birth")
    if (
        birth_a
        and birth_b
        and phonetic_key(birth_a) != phonetic_key(birth_b)
        and not _similar_spelling(birth_a, birth_b, SPELLING_RATIO)
    ):
        best = (min(best[0], UNRELATED_BIRTH_NAMES_CAP), best[1])
    return best


def _first_name_similarity(a: PersonKey, b: PersonKey) -> tuple[float | None, str | None]:
    """(similarity, reason); similarity None when either side has no first name."""
    first_a, first_b = normalise(a.first_names), normalise(b.first_names)
    if not first_a or not first_b:
        return None, None
    if first_a == first_b:
        return 1.0, "même prénom"
    tokens_a, tokens_b = set(first_a.split()), set(first_b.split())
    if tokens_a & tokens_b:
        return 0.85, "prénom en commun"
    keys_a = {phonetic_key(t) for t in tokens_a} | {phonetic_key(first_a.replace(" ", ""))}
    keys_b = {phonetic_key(t) for t in tokens_b} | {phonetic_key(first_b.replace(" ", ""))}
    if keys_a & keys_b:
        return 0.75, "prénom proche (phonétique)"
    if _similar_spelling(first_a, first_b, 0.75):
        return 0.6, "prénom proche (orthographe)"
    return 0.0, "prénoms différents"


def _digits(value: date) -> str:
    return f"{value.day:02d}{value.month:02d}{value.year:04d}"


def _date_relation(a: date | None, b: date | None) -> str | None:
    """"same", "close", "different", or None when either date is unknown."""
    if a is None or b is None:
        return None
    if a == b:
        return "same"
    if a.year == b.year and a.day == b.month and a.month == b.day:
        return "swapped"
    da, db = _digits(a), _digits(b)
    diff = [i for i in range(len(da)) if da[i] != db[i]]
    if len(diff) == 1:
        return "digit"
    if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and (
        da[diff[1]] == db[diff[0]]
    ):
        return "transposed"
    return "different"


_DATE_REASONS = {
    "same": "même date de naissance",
    "swapped": "date de naissance proche (jour et mois inversés)",
    "digit": "date de naissance proche (un chiffre différent)",
    "transposed": "date de naissance proche (deux chiffres inversés)",
    "different": "dates de naissance différentes",
}


def _swapped_fields(a: PersonKey, b: PersonKey) -> bool:
    """First name typed in the name field and the other way round."""
    first_a, first_b = compact(a.first_names), compact(b.first_names)
    family_a = {n for n in _family_names(a).values()}
    family_b = {n for n in _family_names(b).values()}
    return bool(first_a and first_b) and first_a in family_b and first_b in family_a


def likeness(a: PersonKey, b: PersonKey) -> Likeness:
    """How likely ``a`` and ``b`` are the same person, with the reasons (French)."""
    reasons: list[str] = []
    if _swapped_fields(a, b):
        family, family_reason = 0.8, "nom et prénom inversés"
        first: float | None = 0.8
        first_reason: str | None = None
    else:
        family, family_reason = _family_similarity(a, b)
        first, first_reason = _first_name_similarity(a, b)
    for reason in (family_reason, first_reason):
        if reason:
            reasons.append(reason)

    score = FAMILY_WEIGHT * family + FIRST_WEIGHT * (0.5 if first is None else first)
    relation = _date_relation(a.birth_date, b.birth_date)
    if relation == "same":
        score += SAME_DATE_BONUS
    elif relation in ("swapped", "digit", "transposed"):
        score += CLOSE_DATE_BONUS
    if relation is not None:
        reasons.append(_DATE_REASONS[relation])
    if first == 0.0:
        score *= DIFFERENT_FIRST_FACTOR
    if relation == "different":
        score *= DIFFERENT_DATE_FACTOR
    return Likeness(score=round(min(1.0, max(0.0, score)), 3), reasons=reasons)


def likely_duplicates(
    candidate: PersonKey, others: Iterable[PersonKey], threshold: float = DEFAULT_THRESHOLD
) -> list[tuple[PersonKey, Likeness]]:
    """The ``others`` that score at least ``threshold`` against ``candidate``, best first.

    A record with the candidate's own id is skipped (editing a person does not match itself).
    """
    found = []
    for other in others:
        if candidate.id is not None and other.id == candidate.id:
            continue
        result = likeness(candidate, other)
        if result.score >= threshold:
            found.append((other, result))
    found.sort(key=lambda pair: pair[1].score, reverse=True)
    return found


def date_key(value: date) -> str:
    """Blocking key of a birth date that ignores a day/month swap."""
    low, high = sorted((value.day, value.month))
    return f"{DATE_KEY}{value.year:04d}-{low:02d}-{high:02d}"


def search_keys(person: PersonKey) -> set[str]:
    """Blocking keys a repository indexes to pre-select duplicate candidates.

    ``n:<phonetic key>`` for each significant word of the usage and birth names and for each
    whole name (so "Le Gall" and "Legall" meet), and ``d:<date>`` for the birth date (day and
    month in order, so a swap still meets). First names are not keys on their own: "Marie"
    would pre-select thousands of people; a same-date candidate is caught by the date key.
    A person sharing at least one key with the candidate is a candidate; ``likeness`` decides.
    """
    keys: set[str] = set()
    for token in _significant(name_tokens(person.usage_name, person.birth_name)):
        key = phonetic_key(token)
        if key:
            keys.add(NAME_KEY + key)
    for name in (person.usage_name, person.birth_name):
        key = phonetic_key(compact(name or ""))
        if key:
            keys.add(NAME_KEY + key)
    if person.birth_date is not None:
        keys.add(date_key(person.birth_date))
    return keys
