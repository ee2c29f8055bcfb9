"""Find a person or a dossier from anywhere: names as you type, a birth date, a dossier number;
and full-text search in the summaries and notes the reader may read (SPEC §4).

Search as you type shows the identity level only (name, birth date, dossiers with their
referent), which every account may see (SPEC §2, level 1): the point is to know "already
followed by X" before creating a duplicate. It is not written to the audit log, keystroke by
keystroke; each dossier it lists says whether the reader may open it (``can_open``), through
the one access rule.

Full-text search reads levels 2 and 3 (summaries, notes), so the access rule filters every hit
and each search writes one audit entry, ``recherche.texte``, with the number of hits only:
the words searched for may themselves be sensitive and never reach the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..domain.access import DossierFacts, Level
from ..domain.names import normalise
from ..domain.records import DossierStatus, Person
from ..storage.search_repo import DossierRow, PersonRow, SearchRepository, TextRow
from .access import AccessGate
from .session import Session

MATCH_NAME = "nom"
MATCH_DATE = "date"
MATCH_NUMBER = "numéro"
KIND_SUMMARY = "résumé"
KIND_NOTE = "note"
# Around the matched words in TextHit.snippet (plain text, so a list can show it as it is or
# turn the marks into bold).
SNIPPET_START = "["
SNIPPET_END = "]"
NUMBER_DIGITS = 6  # dossier numbers are AAAA-NNNNNN


@dataclass(frozen=True)
class DossierRef:
    """A dossier in a search result: identity level, and whether the reader may open it."""

    dossier_id: int
    number: str
    status: DossierStatus
    referent_name: str
    can_open: bool


@dataclass(frozen=True)
class SearchHit:
    """One person found; ``matched`` says by what: ``"nom"``, ``"date"`` or ``"numéro"``."""

    person_id: int
    display_name: str
    birth_date: date | None
    dossiers: tuple[DossierRef, ...]
    matched: str


@dataclass(frozen=True)
class TextHit:
    """A summary (``"résumé"``) or note (``"note"``) containing the words searched for.

    ``snippet`` is the text around the words, which are between :data:`SNIPPET_START` and
    :data:`SNIPPET_END`; ``ref_id`` is the intervention or note id.
    """

    dossier_id: int
    number: str
    person_name: str
    on_date: date
    kind: str
    snippet: str
    ref_id: int = 0


@dataclass(frozen=True)
class ParsedQuery:
    """What a search text asks for. Empty when there is nothing to look for yet."""

    tokens: tuple[str, ...] = ()
    birth_date: date | None = None
    numbers: tuple[str, ...] = ()  # exact dossier numbers, best first
    number_prefix: str = ""

    @property
    def empty(self) -> bool:
        return not (self.tokens or self.birth_date or self.numbers or self.number_prefix)


_YEAR_NUMBER = re.compile(r"(\d{4})-(\d{1,6})")
_BARE_NUMBER = re.compile(r"\d{1,6}")
_DATE_PATTERNS = (
    (re.compile(r"(?<!\d)(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})(?!\d)"), (3, 2, 1)),
    (re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)"), (1, 2, 3)),
    (re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{4})(?!\d)"), (3, 2, 1)),  # JJMMAAAA
)


def parse_query(text: str, current_year: int, years: tuple[int, ...] = ()) -> ParsedQuery:
    """Read a search text: a dossier number (``2026-000123``, ``2026-12``, or ``123`` for that
    number in ``current_year`` then in the other ``years``), a birth date (``JJ/MM/AAAA``,
    ``AAAA-MM-JJ``, ``JJMMAAAA``), names (any order, prefixes), or names and a date.

    Digits that make no complete date or number (a date being typed) are left out, so the
    names typed before them keep their results.
    """
    raw = " ".join((text or "").split())
    if not raw:
        return ParsedQuery()
    if match := _YEAR_NUMBER.fullmatch(raw):
        year, digits = match.groups()
        exact = (f"{year}-{int(digits):0{NUMBER_DIGITS}d}",) if int(digits) else ()
        prefix = raw if len(digits) < NUMBER_DIGITS else ""
        return ParsedQuery(numbers=exact, number_prefix=prefix)
    if _BARE_NUMBER.fullmatch(raw):
        value = int(raw)
        if not value:
            return ParsedQuery()
        ordered = [current_year] + [y for y in years if y != current_year]
        return ParsedQuery(numbers=tuple(f"{y}-{value:0{NUMBER_DIGITS}d}" for y in ordered))
    birth_date = None
    rest = raw
    for pattern, (y, m, d) in _DATE_PATTERNS:
        if found := pattern.search(rest):
            try:
                birth_date = date(int(found.group(y)), int(found.group(m)), int(found.group(d)))
            except ValueError:
                continue
            rest = rest[:found.start()] + " " + rest[found.end():]
            break
    tokens = tuple(t for t in normalise(rest).split() if not t.isdigit())
    return ParsedQuery(tokens=tokens, birth_date=birth_date)


def display_name(person: PersonRow) -> str:
    """``DUPONT Marie (née MARTIN)``, as everywhere else in the application."""
    return Person(usage_name=person.usage_name, birth_name=person.birth_name,
                  first_names=person.first_names, sex=person.sex).display_name


def fts_query(text: str) -> str:
    """An FTS5 expression: every word, as a prefix, all required (accents and case folded the
    way the ``unicode61 remove_diacritics 2`` tokenizer folds them). Each word is quoted, so
    nothing typed is read as FTS5 syntax; symbols alone ("+", "€") are left out."""
    tokens = [t for t in normalise(text).split() if any(c.isalnum() for c in t)]
    return " ".join(f'"{token}"*' for token in tokens)


def read_query(repo: SearchRepository, text: str, current_year: int) -> ParsedQuery:
    """:func:`parse_query`, knowing the years that have dossiers when ``text`` is a bare
    number (the only case that needs them)."""
    raw = (text or "").strip()
    years = tuple(repo.dossier_years()) if _BARE_NUMBER.fullmatch(raw) else ()
    return parse_query(raw, current_year, years)


def find_persons(repo: SearchRepository, query: ParsedQuery,
                 limit: int) -> tuple[list[PersonRow], str]:
    """The persons a (non-empty) query finds, in the order to show, and what matched.

    A function of the repository alone, so the benchmark runs the very same statements on the
    encrypted station and on a plain SQLite copy.
    """
    if query.numbers or query.number_prefix:
        found: dict[str, int] = dict(repo.dossiers_by_numbers(query.numbers)
                                     if query.numbers else [])
        ordered = [n for n in query.numbers if n in found]
        if query.number_prefix:
            for number, person_id in repo.dossiers_by_number_prefix(query.number_prefix,
                                                                    limit):
                if number not in found:
                    found[number] = person_id
                    ordered.append(number)
        person_ids = list(dict.fromkeys(found[n] for n in ordered))[:limit]
        persons = repo.persons(person_ids)
        return [persons[i] for i in person_ids if i in persons], MATCH_NUMBER
    if query.birth_date is not None:
        return (repo.persons_by_birth_date(query.birth_date.isoformat(), query.tokens, limit),
                MATCH_DATE)
    return repo.persons_by_tokens(query.tokens, limit), MATCH_NAME


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


class SearchService:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _repo(self) -> SearchRepository:
        return SearchRepository(self._session.db)

    def _today(self) -> date:
        return self._session.station.clock().astimezone().date()

    # -- as you type ---------------------------------------------------------------------------
    def search(self, text: str, limit: int = 30) -> list[SearchHit]:
        """Persons matching ``text``, in name order (or number order for a number), with
        their dossiers. Identity level only; not logged."""
        self._session.require_ready()
        if limit <= 0:
            return []
        repo = self._repo
        query = read_query(repo, text, self._today().year)
        if query.empty:
            return []
        persons, matched = find_persons(repo, query, limit)
        return self._hits(persons, matched)

    def _hits(self, persons: list[PersonRow], matched: str) -> list[SearchHit]:
        gate = AccessGate(self._session)
        mine = gate.my_covers()
        dossiers = self._repo.dossiers_of_persons([p.id for p in persons])

        def ref(row: DossierRow) -> DossierRef:
            allowed = gate.allowed(mine.facts(row.id, row.referent_id), Level.AGENDA)
            return DossierRef(row.id, row.number, DossierStatus(row.status), row.referent_name,
                              allowed)

        return [
            SearchHit(p.id, display_name(p), _date(p.birth_date),
                      tuple(ref(d) for d in dossiers.get(p.id, ())), matched)
            for p in persons
        ]

    # -- full text -----------------------------------------------------------------------------
    def search_text(self, text: str, limit: int = 50) -> list[TextHit]:
        """Summaries and notes containing every word of ``text`` (prefixes, accents ignored)
        that the reader may read, newest first. Logged once, with the number of hits only."""
        s = self._session
        s.require_ready()
        match = fts_query(text)
        if not match or limit <= 0:
            return []
        account = s.account
        gate = AccessGate(s)
        covers = gate.my_covers()

        def allowed(dossier_id: int, referent_id: int, level: Level) -> bool:
            return gate.allowed(covers.facts(dossier_id, referent_id), level)

        # Whether the rule lets this account read a dossier it neither refers nor covers
        # (ids start at 1): then no filter in SQL, else its own and covered dossiers only.
        every_dossier = gate.allowed(DossierFacts(0), Level.FOLLOW_UP)
        every_secret = gate.allowed(DossierFacts(0), Level.SECRET)
        covered = (covers.referent_ids, covers.dossier_ids)
        repo = self._repo
        marks = (SNIPPET_START, SNIPPET_END)
        rows = repo.intervention_hits(match, account.id, every_dossier, limit, marks, covered)
        rows += repo.note_hits(match, account.id, every_secret, every_dossier, limit, marks,
                               covered)

        def readable(row: TextRow) -> bool:  # the rule has the last word, hit by hit
            if row.kind == KIND_SUMMARY:
                return allowed(row.dossier_id, row.referent_id, Level.FOLLOW_UP)
            if row.visibility == "dossier":
                return allowed(row.dossier_id, row.referent_id, Level.SECRET)
            mine = row.author_id == account.id or row.shared_with_reader
            return mine and allowed(row.dossier_id, row.referent_id, Level.FOLLOW_UP)

        hits = [
            TextHit(r.dossier_id, r.number, display_name(r.person), date.fromisoformat(r.on_date),
                    r.kind, r.snippet, r.ref_id)
            for r in rows if readable(r)
        ]
        hits.sort(key=lambda h: (h.on_date, h.kind == KIND_SUMMARY, h.ref_id), reverse=True)
        hits = hits[:limit]
        s.audit.append(account.login, "recherche.texte", detail=f"{len(hits)} résultat(s)")
        return hits
