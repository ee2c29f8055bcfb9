"""Statistics domain: periods of whole months, age brackets, tables and station codes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.codes import DEFAULT_CODES, NOT_PROVIDED, OTHER, Code, codes_of
from anaiss_desktop.domain.stats import (
    AGE_BRACKETS,
    AGES,
    AIDS,
    COUNT_COLUMN,
    INTERVENTIONS,
    MOTIFS,
    ORIGINS,
    PERSONS,
    SEXES,
    SUMMARY,
    TABLE_KEYS,
    Category,
    Month,
    Period,
    RawCounts,
    StatsError,
    age_bracket,
    bracket_cutoffs,
    build_tables,
    categories,
    make_table,
    publish,
    publish_tables,
    station_code_problems,
)
from anaiss_desktop.domain.suppression import MARK

# -- periods -------------------------------------------------------------------------------------


def test_a_period_is_whole_months():
    period = Period.parse("2026-01", "2026-06")
    assert period.start == date(2026, 1, 1)
    assert period.end_exclusive == date(2026, 7, 1)
    assert period.months == 6
    assert str(period) == "2026-01/2026-06"
    assert period.label() == "de janvier 2026 à juin 2026"


def test_a_period_across_the_new_year():
    period = Period.parse("2025-11", "2026-02")
    assert period.months == 4
    assert Period.parse("2026-12", "2026-12").end_exclusive == date(2027, 1, 1)
    assert Period.parse("2026-08", "2026-08").label() == "août 2026"


@pytest.mark.parametrize(("first", "last", "words"), [
    ("2026-1", "2026-06", "AAAA-MM"),
    ("janvier", "2026-06", "AAAA-MM"),
    ("", "2026-06", "AAAA-MM"),
    ("2026-01-01", "2026-06", "AAAA-MM"),
    ("2026-13", "2026-12", "n'existe pas"),
    ("2026-00", "2026-12", "n'existe pas"),
    ("1850-01", "2026-12", "hors des années"),
    ("2026-07", "2026-06", "commence après sa fin"),
])
def test_bad_periods_are_refused_in_french(first, last, words):
    with pytest.raises(StatsError) as info:
        Period.parse(first, last)
    assert words in info.value.message


def test_a_period_does_not_end_in_the_future():
    current = Month(2026, 11)
    assert Period.parse("2026-01", "2026-11", current=current).last == current
    with pytest.raises(StatsError) as info:
        Period.parse("2026-01", "2026-12", current=current)
    assert "mois en cours (novembre 2026)" in info.value.message


def test_overlapping_periods():
    first_half = Period.parse("2026-01", "2026-06")
    assert first_half.overlaps(Period.parse("2026-06", "2026-12"))
    assert first_half.overlaps(Period.parse("2025-01", "2027-01"))
    assert not first_half.overlaps(Period.parse("2026-07", "2026-12"))
    assert not first_half.overlaps(Period.parse("2025-01", "2025-12"))


# -- age brackets --------------------------------------------------------------------------------

START = date(2026, 1, 1)


@pytest.mark.parametrize(("birth", "bracket"), [
    (date(2001, 1, 2), "MOINS_25"),   # 24 on the first day of the period
    (date(2001, 1, 1), "25_39"),      # 25 that very day
    (date(1986, 1, 2), "25_39"),
    (date(1986, 1, 1), "40_59"),
    (date(1966, 1, 2), "40_59"),
    (date(1966, 1, 1), "60_74"),
    (date(1951, 1, 2), "60_74"),
    (date(1951, 1, 1), "75_PLUS"),
    (date(1920, 5, 5), "75_PLUS"),
    (date(2025, 12, 31), "MOINS_25"),
    (START, "MOINS_25"),
    (date(2026, 1, 2), NOT_PROVIDED),  # born after the start: a typing error, counted openly
    (None, NOT_PROVIDED),
])
def test_age_brackets_on_the_first_day_of_the_period(birth, bracket):
    assert age_bracket(birth, START) == bracket


def test_every_bracket_has_a_label_and_not_provided_comes_last():
    assert [code for code, _label, _low in AGE_BRACKETS] == [
        "MOINS_25", "25_39", "40_59", "60_74", "75_PLUS"]
    assert AGES[-1] == Category(NOT_PROVIDED, "Non renseigné")


def _bracket_by_cutoffs(birth: date | None, on: date) -> str:
    """What the SQL does: ISO texts compared with the cutoffs."""
    if birth is None or birth > on:
        return NOT_PROVIDED
    for code, latest in bracket_cutoffs(on):
        if birth.isoformat() <= latest:
            return code
    return NOT_PROVIDED


@given(st.dates(date(1900, 1, 1), date(2030, 12, 31)),
       st.dates(date(1990, 1, 1), date(2030, 12, 1)))
def test_the_sql_cutoffs_agree_with_the_ages(birth, day):
    on = day.replace(day=1)
    assert _bracket_by_cutoffs(birth, on) == age_bracket(birth, on)


def test_born_on_29_february():
    on = date(2028, 3, 1)
    assert age_bracket(date(2003, 2, 28), on) == "25_39"
    assert age_bracket(date(2004, 2, 29), on) == "MOINS_25"  # 24 on 1 March 2028
    assert _bracket_by_cutoffs(date(2004, 2, 29), on) == "MOINS_25"


def test_cutoffs_need_the_first_day_of_a_month():
    with pytest.raises(ValueError):
        bracket_cutoffs(date(2026, 1, 15))


# -- tables --------------------------------------------------------------------------------------

def test_a_coded_dimension_keeps_not_provided_and_other_even_at_zero():
    rows = categories(codes_of("motif", DEFAULT_CODES), {"PDP": 4})
    codes = [r.code for r in rows]
    assert codes[-2:] == [NOT_PROVIDED, OTHER]
    assert "ACCES_DROITS_SOINS" in codes


def test_retired_codes_appear_only_when_counted_and_strays_stay_visible():
    codes = [Code("motif", "A1", "Actif"), Code("motif", "OLD", "Ancien", retired=True),
             Code("motif", "GONE", "Parti", retired=True)]
    rows = categories(codes, {"OLD": 2, "GONE": 0, "XYZ": 1})
    assert [r.code for r in rows] == ["A1", "OLD", "XYZ", NOT_PROVIDED, OTHER]
    assert rows[2].label == "XYZ"


def _counts(**changes) -> RawCounts:
    base = dict(
        opened=12, active=40, closed=9,
        persons={("F", "40_59"): 20, ("M", "75_PLUS"): 15, (NOT_PROVIDED, NOT_PROVIDED): 3,
                 ("F", "MOINS_25"): 1},
        interventions={"ENTRETIEN": 30, "TELEPHONE": 12, NOT_PROVIDED: 2},
        motifs={"PDP": 25, "LOGEMENT": 20, NOT_PROVIDED: 1},
        origins={"PERSONNE": 30, "CAISSE": 7, OTHER: 3},
        aids={("AIDE_FINANCIERE", "ACCORDEE"): 8, ("DROITS", "EN_COURS"): 2},
    )
    base.update(changes)
    return RawCounts(**base)


def _lists():
    return {name: codes_of(name, DEFAULT_CODES) for name in
            ("motif", "origine", "type_intervention", "type_aide", "issue_aide")}


def test_build_tables_in_file_order_with_their_totals():
    period = Period.parse("2026-01", "2026-06")
    tables = build_tables(period, _counts(), _lists())
    assert tuple(t.key for t in tables) == TABLE_KEYS
    by_key = {t.key: t for t in tables}
    summary = by_key[SUMMARY]
    assert summary.cell("DOSSIERS_ACTIFS") == 40
    assert summary.cell("PERSONNES") == 39
    assert summary.total() is None  # these four do not add up
    persons = by_key[PERSONS]
    assert persons.row_totals and persons.column_totals
    assert persons.row_total("F") == 21 and persons.row_total(NOT_PROVIDED) == 3  # by sex
    assert persons.column_total("40_59") == 20 and persons.column_total(NOT_PROVIDED) == 3
    assert persons.cell("M", "75_PLUS") == 15
    assert persons.total() == 39
    assert "Âge au 1er janvier 2026" in persons.note
    assert by_key[INTERVENTIONS].total() == 44
    assert by_key[MOTIFS].total() == 46 and "plusieurs motifs" in by_key[MOTIFS].note
    assert by_key[ORIGINS].total() == 40
    aids = by_key[AIDS]
    assert aids.row_totals and aids.column_totals
    assert aids.cell("AIDE_FINANCIERE", "ACCORDEE") == 8
    assert aids.total() == 10
    assert "janvier 2026" in aids.title


def test_every_dimension_shows_its_not_provided_row():
    tables = build_tables(Period.parse("2026-01", "2026-06"), _counts(), _lists())
    for table in tables[1:]:
        codes = [r.code for r in table.rows]
        assert NOT_PROVIDED in codes, table.key
        if table.key != PERSONS:
            assert OTHER in codes, table.key
    persons = tables[TABLE_KEYS.index(PERSONS)]
    assert persons.rows == SEXES and persons.columns == AGES
    assert [c.code for c in persons.columns][-1] == NOT_PROVIDED
    aids = tables[-1]
    assert [c.code for c in aids.columns][-2:] == [NOT_PROVIDED, OTHER]


def test_tables_hold_counts_and_codes_only():
    """A table is codes, labels and whole numbers: nothing else can be put in one."""
    for table in build_tables(Period.parse("2026-01", "2026-06"), _counts(), _lists()):
        assert all(isinstance(v, int) for v in table.values.values())
        assert all(isinstance(c, Category) for c in (*table.rows, *table.columns))


def test_publish_hides_small_counts_with_one_mark():
    table = make_table("t", "Titre", "Ligne", [Category("A", "a"), Category("B", "b"),
                                               Category("C", "c")],
                       (COUNT_COLUMN,), [[3], [30], [12]])
    published = publish(table, 5)
    grid = table.grid()
    assert [published.text(row[0]) for row in grid] == [MARK, "30", MARK, "45"]
    assert published.published((1, 0)) == 30 and published.published((0, 0)) is None


def test_a_total_hidden_by_the_rules_is_hidden_in_the_summary_too():
    """Five origins with one active dossier each: all five are hidden, and since hidden means
    at least 1, their total (5) would give them all back: it is hidden too. The summary
    repeats that total as its active dossiers: it must not publish it either."""
    counts = _counts(active=5, origins={"PERSONNE": 1, "CAISSE": 1, "ENTOURAGE": 1,
                                        "MEDECIN_TRAITANT": 1, OTHER: 1})
    tables = build_tables(Period.parse("2026-01", "2026-06"), counts, _lists())
    published = {p.table.key: p for p in publish_tables(tables, 5)}
    origins = published[ORIGINS]
    assert (len(origins.table.rows), 0) in origins.hidden  # the total
    summary = published[SUMMARY]
    row = [r.code for r in summary.table.rows].index("DOSSIERS_ACTIFS")
    assert summary.text((row, 0)) == MARK
    assert summary.text((0, 0)) == "12"  # the others stay
    # published alone, 5 is not a small count
    assert publish(summary.table, 5).text((row, 0)) == "5"


def test_make_table_refuses_cells_that_do_not_match():
    with pytest.raises(ValueError):
        make_table("t", "T", "L", [Category("A", "a")], (COUNT_COLUMN,), [[1], [2]])


# -- station code --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["NORD-03", "ab", "59A", "X" * 20, "region-hdf-2"])
def test_good_station_codes(code):
    assert station_code_problems(code, "Service social régional Nord") == []


def test_missing_station_code_is_asked_for():
    (message,) = station_code_problems("  ")
    assert message.startswith("Indiquez le code de la station")


@pytest.mark.parametrize("code", ["N", "X" * 21, "-NORD", "NORD 03", "NORD_03", "Léa-1",
                                  "=1+1", "@A"])
def test_bad_station_codes(code):
    (message,) = station_code_problems(code)
    assert "2 à 20 caractères" in message


@pytest.mark.parametrize("code", ["Carsat-Lille", "carsatlille", "X-Carsat-Lille"])
def test_the_station_code_is_never_the_service_name(code):
    (message,) = station_code_problems(code, "CARSAT Lille")
    assert "nom du service" in message


def test_periods_in_a_set_and_dates_of_months():
    assert len({Period.parse("2026-01", "2026-06"), Period.parse("2026-01", "2026-06")}) == 1
    assert Month.of(date(2026, 2, 17)) == Month(2026, 2)
    assert Month(2026, 12).next() == Month(2027, 1)
    assert (Month(2026, 3).first_day - timedelta(days=1)).month == 2
