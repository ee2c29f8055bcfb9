"""The one-page PDF summary of the statistics, built from real stations and read back with pypdf.

What a reader of the page sees is checked on the text pypdf extracts ("layout" mode keeps the
lines of the page, so a bar's number follows its category's label): one A4 page, the key
figures, the categories, the mark where a count is hidden. That no hidden count leaks at all is
checked the strong way: the same tables with other hidden values give the very same page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime, timezone
from io import BytesIO

import pytest
from conftest import OTHER_NAME, SECRETARY_NAME, SERVICE
from pypdf import PdfReader

from anaiss_desktop import APP_NAME
from anaiss_desktop.domain.codes import DEFAULT_CODES, NOT_PROVIDED, OTHER, codes_of
from anaiss_desktop.domain.records import (
    AidInput,
    DossierInput,
    InterventionInput,
    Motif,
    PersonInput,
)
from anaiss_desktop.domain.stats import (
    AIDS,
    INTERVENTIONS,
    MOTIFS,
    ORIGINS,
    PERSONS,
    SUMMARY,
    Period,
    PublishedTable,
    RawCounts,
    build_tables,
    publish_tables,
)
from anaiss_desktop.domain.suppression import MARK
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.codes import CodeService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.letter_pdf import unsupported_characters
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.stats import StatsService
from anaiss_desktop.services.stats_pdf import Grid, Head, summary_pdf

TODAY = date(2026, 11, 2)  # the FakeClock's day
YEAR = Period.parse("2025-01", "2025-12")
GENERATED = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
CODE = "NORD-03"

# Three persons with names nobody else has: a small station, where most counts are hidden.
PEOPLE = (
    ("Quasimodo-Brindille", "Zéphirine", "F", date(1961, 4, 12)),
    ("Vercingétorix-Lapalme", "Anatole", "M", date(1948, 9, 3)),
    ("Ondine-Farigoule", "Bérénice", "F", date(1990, 1, 27)),
)
# (kind, count) of the interventions of 2025 in the small station: 2 visits is a small count.
KINDS = (("ENTRETIEN", 12), ("TELEPHONE", 8), ("VISITE_DOMICILE", 2))


# -- helpers -------------------------------------------------------------------------------------

def _pdf(session, period: Period = YEAR, threshold: int = 5):
    service = StatsService(session)
    tables = service.publish(service.compute(period), threshold)
    return tables, summary_pdf(tables, period, threshold, CODE, generated_at=GENERATED)


def _table(tables, key: str) -> PublishedTable:
    return next(t for t in tables if t.table.key == key)


def _reader(data: bytes) -> PdfReader:
    return PdfReader(BytesIO(data))


def _layout(data: bytes) -> str:
    return _reader(data).pages[0].extract_text(extraction_mode="layout")


def _flat(data: bytes) -> str:
    """The page's text with every run of white space as one space (wrapped labels joined)."""
    return " ".join(_reader(data).pages[0].extract_text().split())


def _after(layout: str, label: str, panel: str = "Interventions par type") -> str:
    """The number (or mark) printed right after ``label`` on its line, in the chart under
    the title ``panel``: a bar's number follows its category's label."""
    lines = layout.splitlines()
    start = next(i for i, line in enumerate(lines) if panel in line)
    for line in lines[start:]:
        for match in re.finditer(re.escape(label) + r"\s+(\S+)", line):
            if re.fullmatch(rf"\d+|{MARK}", match.group(1)):
                return match.group(1)
    raise AssertionError(f"{label!r} has no number under {panel!r}")


def _figures(layout: str) -> list[str]:
    """The four key figures: the line above their labels."""
    lines = layout.splitlines()
    index = next(i for i, line in enumerate(lines) if "Dossiers ouverts" in line)
    return lines[index - 1].split()


# -- stations ------------------------------------------------------------------------------------

@pytest.fixture
def small(manager):
    """Three persons, three dossiers opened in 2025, 22 interventions of three kinds, aids."""
    persons, dossiers = PersonService(manager), DossierService(manager)
    ids = []
    for name, first, sex, birth in PEOPLE:
        person = persons.create(PersonInput(usage_name=name, first_names=first, sex=sex,
                                            birth_date=birth, city="Trifouilly-les-Oies"))
        ids.append(dossiers.create(person, DossierInput(
            opened_on=date(2025, 2, 3), origin_code="PERSONNE",
            motifs=(Motif("LOGEMENT"),))))
    number = 0
    for kind, count in KINDS:
        for _ in range(count):
            number += 1
            dossiers.add_intervention(ids[number % 3], InterventionInput(
                on_date=date(2025, 3, 1 + number), kind_code=kind,
                summary=f"Échange avec Mme Quasimodo-Brindille n°{number}",
                aids=(AidInput(type_code="AIDE_FINANCIERE", requested_on=date(2025, 3, 1),
                               outcome_code="ACCORDEE"),) if number <= 6 else ()))
    return manager


@pytest.fixture
def filled(manager):
    demo_data.generate(manager, 150, seed=11, today=TODAY)
    return manager


# -- the page ------------------------------------------------------------------------------------

def test_one_a4_page_with_the_key_figures_and_every_category(filled):
    tables, data = _pdf(filled)
    reader = _reader(data)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    layout, flat = _layout(data), _flat(data)
    assert "Statistiques anonymisées" in flat and f"Station {CODE}" in flat
    assert f"Période : {YEAR.label()}" in flat
    assert "Seuil du secret statistique : 5" in flat and "Édité le 02/11/2026" in flat
    assert "Tableaux complets : fichier CSV joint" in flat
    assert "« s » : effectif non diffusé (secret statistique) : inférieur à 5" in flat

    summary = _table(tables, SUMMARY)
    assert _figures(layout) == [summary.text((i, 0)) for i in range(4)]
    assert all(f.isdigit() for f in _figures(layout))  # 150 persons: nothing hidden there
    # every bar's number (or mark) right after its label
    interventions = _table(tables, INTERVENTIONS)
    for i, row in enumerate(interventions.table.rows):
        assert _after(layout, row.label) == interventions.text((i, 0)), row.label
    # the labels of the other charts and of the aids table (a long one on two lines)
    for key in (MOTIFS, ORIGINS, AIDS):
        for row in _table(tables, key).table.rows:
            assert row.label in flat, row.label
    for column in _table(tables, AIDS).table.columns:
        assert column.label in flat
    for column in _table(tables, PERSONS).table.columns:
        assert column.label in flat
    persons = _table(tables, PERSONS)
    assert f"Femmes : {persons.text((0, len(persons.table.columns)))}" in flat
    assert f"Total : {interventions.text((len(interventions.table.rows), 0))}" in flat


def test_the_file_says_what_it_is_and_nothing_else(filled):
    tables, data = _pdf(filled)
    info = _reader(data).metadata
    assert info.title == f"Statistiques anonymisées {CODE} {YEAR.label()}"
    assert info.author == APP_NAME and info.creator == APP_NAME
    assert info["/CreationDate"].startswith("D:20261102090000")  # the station's clock
    assert not any(SERVICE.service_name in str(value) for value in info.values())
    # the same tables, the same bytes: what was previewed is what the manifest hashes
    again = summary_pdf(tables, YEAR, 5, CODE, generated_at=GENERATED)
    assert again == data


def test_a_hidden_count_is_the_mark_not_its_value(small):
    tables, data = _pdf(small)
    layout, flat = _layout(data), _flat(data)
    interventions = _table(tables, INTERVENTIONS)
    visits = [r.code for r in interventions.table.rows].index("VISITE_DOMICILE")
    assert interventions.table.values[(visits, 0)] == 2 and (visits, 0) in interventions.hidden
    hidden = [(i, r) for i, r in enumerate(interventions.table.rows)
              if (i, 0) in interventions.hidden]
    assert len(hidden) == 2  # the small count and the one hidden so the total does not give it
    for i, row in hidden:
        assert _after(layout, row.label) == MARK
        assert _after(layout, row.label) != str(interventions.table.values[(i, 0)])
    assert _after(layout, "Entretien") == "12"
    assert "Total : 22" in flat  # a published total stays
    # three persons: the summary's counts are small, hidden as big as a figure
    assert _figures(layout) == [MARK, MARK, "0", MARK]
    assert "Femmes : s" in flat and "Hommes : s" in flat


def test_hidden_values_leave_no_trace_on_the_page(small):
    """Other hidden values, same page: nothing drawn (bar, scale, order) depends on them."""
    tables, data = _pdf(small)
    assert sum(len(t.hidden) for t in tables) > 10
    changed = []
    for published in tables:
        values = dict(published.table.values)
        for entry in published.hidden:
            values[entry] = (values[entry] or 0) * 7 + 31
        changed.append(replace(published, table=replace(published.table, values=values)))
    assert summary_pdf(changed, YEAR, 5, CODE, generated_at=GENERATED) == data  # to the byte


def test_nothing_personal_is_on_the_page(small):
    demo_data.generate(small, 40, seed=5, today=TODAY)
    _tables, data = _pdf(small)
    text = _layout(data) + "\n" + _flat(data)
    text += " ".join(str(v) for v in _reader(data).metadata.values())
    personal = set()
    for sql in ("SELECT usage_name, first_names, birth_name, address, city, phone, email,"
                " birth_date FROM persons", "SELECT summary FROM interventions",
                "SELECT body FROM notes", "SELECT login, full_name FROM accounts",
                "SELECT number FROM dossiers"):
        for row in small.db.query(sql):
            personal.update(v for v in row if isinstance(v, str) and len(v) >= 4)
    personal |= {SERVICE.service_name, *SERVICE.service_address.split("\n"), OTHER_NAME,
                 SECRETARY_NAME, "Claire Responsable"}
    assert {"Quasimodo-Brindille", "Zéphirine", "Trifouilly-les-Oies"} <= personal
    assert len(personal) > 150
    assert sorted(v for v in personal if v in text) == []
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no date finer than the month


def test_an_empty_period_gives_a_page_of_zeros(filled):
    tables, data = _pdf(filled, Period.parse("2010-01", "2010-12"))
    assert len(_reader(data).pages) == 1
    layout, flat = _layout(data), _flat(data)
    assert _figures(layout) == ["0", "0", "0", "0"]
    assert "Total : 0" in flat and MARK not in _figures(layout)
    for row in _table(tables, INTERVENTIONS).table.rows:
        assert _after(layout, row.label) == "0"


def test_many_categories_still_fit_one_page(manager):
    codes = CodeService(manager)
    for i in range(30):
        codes.add("motif", f"LOCAL_{i:02d}", f"Motif local numéro {i} au libellé bien long")
    for i in range(12):
        codes.add("type_aide", f"AIDE_{i:02d}", f"Aide locale {i}")
        codes.add("issue_aide", f"ISSUE_{i:02d}", f"Issue locale {i}")
        codes.add("type_intervention", f"TYPE_{i:02d}", f"Intervention locale {i}")
        codes.add("origine", f"ORIGINE_{i:02d}", f"Origine locale {i}")
    codes.add("motif", "SANS_ESPACE", "Accompagnementpluridisciplinaireintercommunalrenforcé")
    demo_data.generate(manager, 120, seed=3, today=TODAY)
    tables, data = _pdf(manager)
    assert len(_table(tables, MOTIFS).table.rows) == 41
    assert len(_reader(data).pages) == 1
    flat = _flat(data)
    assert re.search(r"\d+ autres catégories", flat)
    assert re.search(r"\d+ autres types", flat) and re.search(r"\d+ autres issues", flat)
    assert "Non renseigné" in flat and "Autre (préciser)" in flat
    _assert_footer_below_everything(data)


def _assert_footer_below_everything(data: bytes) -> None:
    """Nothing runs into the footer or off the page: every text sits above the footer's
    lines, which sit inside the page."""
    runs: list[tuple[str, float]] = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            runs.append((text.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    _reader(data).pages[0].extract_text(visitor_text=visit)
    footer = [y for text, y in runs if text.startswith(("« s » : effectif non diffusé (secret",
                                                        "Uniquement des effectifs"))]
    assert len(footer) == 2 and min(footer) > 15
    body = [y for text, y in runs if not text.startswith(("« s » : effectif non diffusé (secret",
                                                          "Uniquement des effectifs"))]
    assert min(body) > max(footer) + 12
    assert max(body) < 842 - 20


def test_a_long_list_is_folded_into_a_group_that_hides_nothing():
    rows = (Head("A"), Head("B"), Head("C"), Head("D"), Head("E"),
            Head("Non renseigné", quiet=True), Head("Autre", quiet=True))
    values = ((9,), (0,), (None,), (12,), (6,), (None,), (5,), (None,))
    table = Grid(rows, (Head("Nombre"),), values, total_line=True, total_column=False)
    folded = table.folded(5, by_size=True)
    assert [h.label for h in folded.rows] == ["D", "A", "3 autres catégories",
                                             "Non renseigné", "Autre"]
    assert folded.values == ((12,), (9,), (None,), (None,), (5,), (None,))  # C is hidden
    in_order = table.folded(5, by_size=False)
    assert [h.label for h in in_order.rows][:2] == ["A", "D"]
    published = Grid(rows, (Head("Nombre"),), ((9,), (0,), (4,), (12,), (6,), (1,), (5,),
                                               (37,)), total_line=True, total_column=False)
    assert published.folded(5, by_size=True).values[2] == (10,)  # E + C + B: published sum
    assert table.folded(10, by_size=True).rows[-2:] == rows[-2:]  # short lists stay whole


def test_station_code_and_threshold_are_checked(small):
    service = StatsService(small)
    tables = service.publish(service.compute(YEAR), 5)
    with pytest.raises(InvalidInput) as info:
        summary_pdf(tables, YEAR, 2, CODE, generated_at=GENERATED)
    assert "entre 3 et 50" in info.value.message
    with pytest.raises(InvalidInput) as info:
        summary_pdf(tables, YEAR, 5, "Service social de Lille", generated_at=GENERATED)
    assert "2 à 20 caractères" in info.value.message


def test_big_numbers_read_the_french_way():
    """100,000 dossiers make five-digit counts: "12 345", with a space the font can draw."""
    lists = {name: codes_of(name, DEFAULT_CODES)
             for name in ("motif", "origine", "type_intervention", "type_aide", "issue_aide")}
    counts = RawCounts(2_400, 98_765, 3_100, {("F", "40_59"): 51_000, ("M", "25_39"): 47_765},
                       {"ENTRETIEN": 12_345, "TELEPHONE": 230_000}, {"LOGEMENT": 98_765},
                       {"PERSONNE": 98_765}, {("DROITS", "ACCORDEE"): 4_321})
    tables = publish_tables(build_tables(YEAR, counts, lists), 5)
    data = summary_pdf(tables, YEAR, 5, CODE, generated_at=GENERATED)
    layout = _layout(data).replace("\xa0", " ")
    lines = layout.splitlines()
    figures = lines[next(i for i, line in enumerate(lines) if "Dossiers ouverts" in line) - 1]
    assert re.search(r"2 400\s+98 765\s+3 100\s+98 765", figures)
    assert "230 000" in layout and "12 345" in layout and "4 321" in layout
    assert not unsupported_characters(_reader(data).pages[0].extract_text())


@pytest.mark.slow
def test_reportlab_is_imported_only_when_a_page_is_made():
    code = ("import sys, anaiss_desktop.services.stats_pdf; "
            "print('reportlab' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_not_provided_and_other_stay_on_the_charts(small):
    tables, data = _pdf(small)
    layout = _layout(data)
    interventions = _table(tables, INTERVENTIONS)
    codes = [r.code for r in interventions.table.rows]
    for code in (NOT_PROVIDED, OTHER):
        i = codes.index(code)
        assert _after(layout, interventions.table.rows[i].label) == interventions.text((i, 0))
