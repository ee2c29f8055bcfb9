"""The anonymised statistics of a station: periods, age brackets, tables (SPEC §6).

Only aggregates leave the station: counts by coded category, by month-granular period. No name,
identifier, birth date, address, free text, referent or date finer than the month appears in a
table: the tables are built here from counts only (:class:`RawCounts`), so nothing else can slip
in. Every coded dimension keeps its *Non renseigné* and *Autre* rows even at zero, so the
quality of the figures is visible (the historical tools hid it); sex and age have their
*Non renseigné* row (they have no *autre*: the store knows F, M or nothing).

Definitions, for a period from the first day of its first month to the last day of its last:

* dossiers **opened**: opened during the period; **closed**: closed during the period (a
  dossier reopened since then has no closing date any more and counts as not closed);
  **active**: opened before the end of the period and not closed before its start (dormant
  dossiers, *en veille*, are active);
* persons **accompanied**: the persons with at least one active dossier, counted once; their
  age is taken on the first day of the period;
* motifs and origins: of the active dossiers (a dossier may have several motifs: that table's
  total counts mentions; a dossier without motif counts as *Non renseigné*);
* persons by sex and age in one two-way table, whose totals are the distributions by sex and
  by age (see :func:`publish_tables` for why not two tables);
* interventions: dated within the period;
* aids: requested within the period (the creation date when no request date was typed), with
  their outcome as it stands when the statistics are computed.

Small counts are hidden by :mod:`anaiss_desktop.domain.suppression` when a table is published.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .codes import NOT_PROVIDED, NOT_PROVIDED_LABEL, OTHER, Code
from .dates import age_on
from .names import compact
from .suppression import MARK, Entry, Line, layout, suppress, with_totals

MONTHS_FR = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre")
FIRST_YEAR = 1990
LAST_YEAR = 2100


class StatsError(ValueError):
    """A period, threshold or station code that cannot be used; ``message`` is French."""

    @property
    def message(self) -> str:
        return str(self)


# -- periods -----------------------------------------------------------------------------------

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str, what: str = "Le mois") -> Month:
        """Read "AAAA-MM"; raise :class:`StatsError` (French) otherwise."""
        match = _MONTH.match((text or "").strip())
        if not match:
            raise StatsError(f"{what} s'écrit AAAA-MM (par exemple 2026-01) : « {text} ».")
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise StatsError(f"{what} « {text} » n'existe pas : le mois va de 01 à 12.")
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise StatsError(f"{what} « {text} » est hors des années possibles "
                             f"({FIRST_YEAR}-{LAST_YEAR}).")
        return cls(year, month)

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def label(self) -> str:
        """"janvier 2026"."""
        return f"{MONTHS_FR[self.month - 1]} {self.year}"

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Period:
    """Whole months, ``first`` to ``last`` included."""

    first: Month
    last: Month

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise StatsError(
                f"La période commence après sa fin ({self.first} puis {self.last}) : "
                "le premier mois vient avant le dernier (ou c'est le même)."
            )

    @classmethod
    def parse(cls, first: str, last: str, *, current: Month | None = None) -> Period:
        """The period from two "AAAA-MM" texts; ``current`` (this month) refuses a period
        that ends in the future. Raises :class:`StatsError` (French)."""
        period = cls(Month.parse(first, "Le premier mois"), Month.parse(last, "Le dernier mois"))
        if current is not None and period.last > current:
            raise StatsError(
                f"La période ne peut pas finir après le mois en cours ({current.label()})."
            )
        return period

    @property
    def start(self) -> date:
        """Its first day."""
        return self.first.first_day

    @property
    def end_exclusive(self) -> date:
        """The first day after it."""
        return self.last.next().first_day

    @property
    def months(self) -> int:
        return (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1

    def overlaps(self, other: Period) -> bool:
        return self.first <= other.last and other.first <= self.last

    def label(self) -> str:
        """"de janvier 2026 à juin 2026", or "janvier 2026" for one month."""
        if self.first == self.last:
            return self.first.label()
        return f"de {self.first.label()} à {self.last.label()}"

    def __str__(self) -> str:
        return f"{self.first}/{self.last}"


# -- age brackets ------------------------------------------------------------------------------

# (code, label, lowest age included); the last bracket has no upper limit.
AGE_BRACKETS: tuple[tuple[str, str, int], ...] = (
    ("MOINS_25", "Moins de 25 ans", 0),
    ("25_39", "25 à 39 ans", 25),
    ("40_59", "40 à 59 ans", 40),
    ("60_74", "60 à 74 ans", 60),
    ("75_PLUS", "75 ans et plus", 75),
)


def age_bracket(birth: date | None, on: date) -> str:
    """The bracket code of a person born on ``birth``, on the day ``on``; ``NR`` without a
    birth date or with one after ``on`` (a typing error: counted openly as not provided)."""
    if birth is None or birth > on:
        return NOT_PROVIDED
    age = age_on(birth, on)
    code = AGE_BRACKETS[0][0]
    for bracket, _label, lowest in AGE_BRACKETS:
        if age >= lowest:
            code = bracket
    return code


def bracket_cutoffs(on: date) -> list[tuple[str, str]]:
    """For SQL on ISO text dates: (bracket, latest birth date in it), oldest bracket first.

    A person is at least ``n`` years old on ``on`` when born on or before ``on`` minus ``n``
    years; ``on`` is the first day of a month, so that day always exists.
    """
    if on.day != 1:
        raise ValueError("brackets are taken on the first day of a month")
    cutoffs = []
    for code, _label, lowest in reversed(AGE_BRACKETS):
        cutoffs.append((code, on.replace(year=on.year - lowest).isoformat()))
    return cutoffs


# -- tables ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Category:
    """A row or column of a table: a stable code and its French label."""

    code: str
    label: str


COUNT_COLUMN = Category("NOMBRE", "Nombre")
TOTAL_LABEL = "Total"


@dataclass(frozen=True)
class Table:
    """One table of counts and the totals it publishes.

    Args:
        key: stable name ("dossiers_par_motif"), the same in every station and version.
        title: French title.
        row_title: French name of the row dimension ("Motif").
        rows, columns: the categories; a one-dimension table has the single column
            :data:`COUNT_COLUMN`.
        values: every entry of the rectangle (see :mod:`~anaiss_desktop.domain.suppression`):
            cells and published totals; ``None`` for a count nobody knows (a consolidation of
            files where it was hidden).
        row_totals: a "Total" column; column_totals: a "Total" line.
        note: a French sentence printed under the title.
    """

    key: str
    title: str
    row_title: str
    rows: tuple[Category, ...]
    columns: tuple[Category, ...]
    values: Mapping[Entry, int | None]
    row_totals: bool = False
    column_totals: bool = True
    note: str = ""

    def lines(self) -> list[Line]:
        return layout(len(self.rows), len(self.columns), row_totals=self.row_totals,
                      column_totals=self.column_totals)

    def cell(self, row_code: str, column_code: str = COUNT_COLUMN.code) -> int | None:
        i = [r.code for r in self.rows].index(row_code)
        j = [c.code for c in self.columns].index(column_code)
        return self.values[(i, j)]

    def total(self) -> int | None:
        """The grand total (or the total of the single column); None when not published."""
        entry = grand_total_entry(self)
        return None if entry is None else self.values[entry]

    def row_total(self, row_code: str) -> int | None:
        """The "Total" column's value for a row (None without a "Total" column)."""
        if not self.row_totals:
            return None
        return self.values[([r.code for r in self.rows].index(row_code), len(self.columns))]

    def column_total(self, column_code: str = COUNT_COLUMN.code) -> int | None:
        """The "Total" line's value for a column (None without a "Total" line)."""
        if not self.column_totals:
            return None
        return self.values[(len(self.rows), [c.code for c in self.columns].index(column_code))]

    def grid(self) -> list[list[Entry]]:
        """The entries as printed: one list per row, the "Total" line last."""
        rows, columns = len(self.rows), len(self.columns)
        width = columns + (1 if self.row_totals else 0)
        height = rows + (1 if self.column_totals else 0)
        return [[(i, j) for j in range(width) if (i, j) in self.values] for i in range(height)]


def make_table(
    key: str, title: str, row_title: str, rows: Sequence[Category],
    columns: Sequence[Category], cells: Sequence[Sequence[int]], *,
    row_totals: bool = False, column_totals: bool = True, note: str = "",
) -> Table:
    """A table from its cells; the totals are added up here."""
    if len(cells) != len(rows) or any(len(r) != len(columns) for r in cells):
        raise ValueError("cells do not match the categories")
    values = with_totals(cells, row_totals=row_totals, column_totals=column_totals)
    return Table(key, title, row_title, tuple(rows), tuple(columns), values,
                 row_totals=row_totals, column_totals=column_totals, note=note)


@dataclass(frozen=True)
class PublishedTable:
    """A table as it leaves the station: hidden entries shown as :data:`MARK`.

    Args:
        table: the counts.
        threshold: the small-count threshold applied.
        hidden: the entries not published.
    """

    table: Table
    threshold: int
    hidden: frozenset[Entry] = field(default_factory=frozenset)

    def text(self, entry: Entry) -> str:
        value = self.table.values[entry]
        if entry in self.hidden or value is None:
            return MARK
        return str(value)

    def published(self, entry: Entry) -> int | None:
        """The number printed for ``entry``, None when it is hidden."""
        return None if entry in self.hidden else self.table.values[entry]


def publish(table: Table, threshold: int, *, hidden: Iterable[Entry] = ()) -> PublishedTable:
    """Hide the small counts of ``table`` and what would give them back (and ``hidden``)."""
    return PublishedTable(table, threshold,
                          suppress(table.values, table.lines(), threshold, hidden=hidden))


def grand_total_entry(table: Table) -> Entry | None:
    """Where the grand total (or the single column's total) of ``table`` is, if published."""
    rows, columns = len(table.rows), len(table.columns)
    if table.row_totals and table.column_totals:
        return (rows, columns)
    if table.column_totals and columns == 1:
        return (rows, 0)
    return None


def publish_tables(tables: Sequence[Table], threshold: int) -> tuple[PublishedTable, ...]:
    """Publish every table of a file, keeping the tables consistent with each other.

    Tables are protected one by one, which is sound as long as no number is published in two
    of them. The summary is the exception: its active dossiers and persons are the grand
    totals of the origins and the persons tables. Such a total is hidden by the rules only when
    the table needs it (five hidden 1s adding up to 5, say) — the summary must not give it
    back: its copy is hidden too. The summary has no equation of its own, so hiding more of it
    never calls for anything else. (That is also why sex and age make one two-way table:
    printed apart, their totals would be the same number in two tables.)
    """
    published = {t.key: publish(t, threshold) for t in tables if t.key != SUMMARY}
    result = []
    for table in tables:
        if table.key != SUMMARY:
            result.append(published[table.key])
            continue
        forced = []
        for index, row in enumerate(table.rows):
            linked = published.get(SUMMARY_LINKS.get(row.code, ""))
            entry = grand_total_entry(linked.table) if linked is not None else None
            if entry is not None and entry in linked.hidden:
                forced.append((index, 0))
        result.append(publish(table, threshold, hidden=forced))
    return tuple(result)


# -- what is computed --------------------------------------------------------------------------

SEXES: tuple[Category, ...] = (
    Category("F", "Femmes"), Category("M", "Hommes"), Category(NOT_PROVIDED, NOT_PROVIDED_LABEL),
)
AGES: tuple[Category, ...] = (
    *(Category(code, label) for code, label, _lowest in AGE_BRACKETS),
    Category(NOT_PROVIDED, NOT_PROVIDED_LABEL),
)
SUMMARY_ROWS: tuple[Category, ...] = (
    Category("DOSSIERS_OUVERTS", "Dossiers ouverts pendant la période"),
    Category("DOSSIERS_ACTIFS", "Dossiers actifs (ouverts à un moment de la période)"),
    Category("DOSSIERS_CLOS", "Dossiers clos pendant la période"),
    Category("PERSONNES", "Personnes accompagnées"),
)

# Table keys, in the order of the file.
SUMMARY = "synthese"
INTERVENTIONS = "interventions_par_type"
MOTIFS = "dossiers_par_motif"
ORIGINS = "dossiers_par_origine"
PERSONS = "personnes_par_sexe_et_age"
AIDS = "aides_par_type_et_issue"
TABLE_KEYS = (SUMMARY, INTERVENTIONS, MOTIFS, ORIGINS, PERSONS, AIDS)

# Summary rows that repeat the grand total of another table: hidden whenever that total is.
SUMMARY_LINKS = {"DOSSIERS_ACTIFS": ORIGINS, "PERSONNES": PERSONS}


@dataclass(frozen=True)
class RawCounts:
    """What the store adds up for a period (:mod:`anaiss_desktop.storage.stats_repo`).

    Args:
        opened, active, closed: dossiers.
        persons: by (sex code or ``NR``, age bracket code).
        interventions: by intervention kind code.
        motifs: active dossiers by motif code (``NR`` includes dossiers without any motif).
        origins: active dossiers by origin code.
        aids: by (aid type code, outcome code).
    """

    opened: int
    active: int
    closed: int
    persons: Mapping[tuple[str, str], int]
    interventions: Mapping[str, int]
    motifs: Mapping[str, int]
    origins: Mapping[str, int]
    aids: Mapping[tuple[str, str], int]


def categories(codes: Sequence[Code], counted: Mapping[str, int] | None = None) -> list[Category]:
    """The rows of a coded dimension: the list's active codes in order (its *Non renseigné*
    and *Autre* always included), plus retired codes and unknown codes that were counted."""
    counted = counted or {}
    result = [Category(c.code, c.label) for c in codes
              if not c.retired or c.code in (NOT_PROVIDED, OTHER) or counted.get(c.code)]
    known = {c.code for c in result}
    for system, label in ((NOT_PROVIDED, NOT_PROVIDED_LABEL), (OTHER, "Autre (préciser)")):
        if system not in known:
            result.append(Category(system, label))
            known.add(system)
    strays = sorted(code for code, n in counted.items() if n and code not in known)
    # Codes the list does not know (should not happen: kept visible rather than dropped),
    # before the system codes, which stay last.
    system_rows = [c for c in result if c.code in (NOT_PROVIDED, OTHER)]
    result = [c for c in result if c.code not in (NOT_PROVIDED, OTHER)]
    return result + [Category(code, code) for code in strays] + system_rows


def _column(counted: Mapping[str, int], rows: Sequence[Category]) -> list[list[int]]:
    return [[int(counted.get(r.code, 0))] for r in rows]


def build_tables(
    period: Period, counts: RawCounts, lists: Mapping[str, Sequence[Code]]
) -> tuple[Table, ...]:
    """The tables of one period from the store's counts and the station's coded lists
    (``lists["motif"]``, ``"origine"``, ``"type_intervention"``, ``"type_aide"``,
    ``"issue_aide"``)."""
    persons: dict[tuple[str, str], int] = {}
    for (sex, bracket), n in counts.persons.items():
        sex = sex if sex in ("F", "M") else NOT_PROVIDED
        bracket = bracket if bracket in {a.code for a in AGES} else NOT_PROVIDED
        persons[(sex, bracket)] = persons.get((sex, bracket), 0) + n

    kinds = categories(lists["type_intervention"], counts.interventions)
    motifs = categories(lists["motif"], counts.motifs)
    origins = categories(lists["origine"], counts.origins)
    aid_types = categories(lists["type_aide"], {t: n for (t, _o), n in counts.aids.items()})
    outcomes = categories(lists["issue_aide"], {o: n for (_t, o), n in counts.aids.items()})
    at = period.label()
    return (
        make_table(SUMMARY, f"Synthèse ({at})", "Indicateur", SUMMARY_ROWS, (COUNT_COLUMN,),
                   [[counts.opened], [counts.active], [counts.closed],
                    [sum(persons.values())]],
                   column_totals=False),
        make_table(INTERVENTIONS, f"Interventions par type ({at})", "Type d'intervention",
                   kinds, (COUNT_COLUMN,), _column(counts.interventions, kinds)),
        make_table(MOTIFS, f"Dossiers actifs par motif ({at})", "Motif", motifs,
                   (COUNT_COLUMN,), _column(counts.motifs, motifs),
                   note="Un dossier peut avoir plusieurs motifs : le total compte les motifs "
                        "cités, pas les dossiers."),
        make_table(ORIGINS, f"Dossiers actifs par origine de la demande ({at})",
                   "Origine de la demande", origins, (COUNT_COLUMN,),
                   _column(counts.origins, origins)),
        make_table(PERSONS, f"Personnes accompagnées, par sexe et âge ({at})",
                   "Sexe / âge", SEXES, AGES,
                   [[persons.get((sex.code, age.code), 0) for age in AGES] for sex in SEXES],
                   row_totals=True, column_totals=True,
                   note=f"Âge au 1er {period.first.label()}. Les totaux donnent la répartition "
                        "par sexe (colonne Total) et par âge (ligne Total)."),
        make_table(AIDS, f"Aides demandées, par type et issue ({at})", "Type d'aide / issue",
                   aid_types, tuple(outcomes),
                   [[int(counts.aids.get((t.code, o.code), 0)) for o in outcomes]
                    for t in aid_types],
                   row_totals=True, column_totals=True,
                   note="Issue connue au jour du calcul."),
    )


# -- the station's pseudonym -------------------------------------------------------------------

STATION_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{1,19}$")


def station_code_problems(code: str, service_name: str = "") -> list[str]:
    """Why ``code`` cannot name the station in an export (French); empty when it can.

    The code is a pseudonym the manager chooses and the region knows: 2 to 20 letters
    without accents, digits or hyphens, starting with a letter or a digit. It is never the
    service's name (the files travel; the service is not named in them).
    """
    text = code or ""
    if not text.strip():
        return ["Indiquez le code de la station : le pseudonyme convenu avec la région "
                "(par exemple NORD-03), jamais le nom du service."]
    if not STATION_CODE.match(text):
        return ["Le code de la station compte 2 à 20 caractères : lettres sans accent, "
                "chiffres ou tirets, en commençant par une lettre ou un chiffre "
                "(par exemple NORD-03)."]
    name = compact(service_name)
    if name and (compact(text) == name or name in compact(text)):
        return ["Le code de la station ne doit pas être le nom du service : choisissez un "
                "code convenu avec la région (par exemple NORD-03)."]
    return []
