"""Statistics of a real station filled with synthetic data: the figures, the files, the rules.

The station holds 200 synthetic persons with known names, addresses, notes…: none of it may be
found in the CSV or the manifest; the figures are checked against a plain Python count of the
same rows; the CSV is read back as a spreadsheet would.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import Counter
from datetime import date

import pytest
from conftest import SERVICE
from pypdf import PdfReader

from anaiss_desktop import __version__
from anaiss_desktop.domain.codes import NOT_PROVIDED, OTHER
from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.domain.stats import (
    AIDS,
    INTERVENTIONS,
    MOTIFS,
    ORIGINS,
    PERSONS,
    SUMMARY,
    TABLE_KEYS,
    Period,
    age_bracket,
)
from anaiss_desktop.domain.suppression import MARK
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.codes import CodeService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput, NotAllowed
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.stats import (
    FORMAT,
    FORMAT_VERSION,
    StatsService,
    manifest_bytes,
    safe_cell,
)
from anaiss_desktop.storage.settings_repo import SettingsRepository, StationInfo

TODAY = date(2026, 11, 2)  # the FakeClock's day
YEAR = Period.parse("2025-01", "2025-12")


@pytest.fixture
def filled(manager):
    demo_data.generate(manager, 200, seed=11, today=TODAY)
    return manager


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


# -- the figures ---------------------------------------------------------------------------------

def _expected(session, period: Period) -> dict:
    """The same figures, counted in Python from the rows (not by the SQL under test)."""
    db = session.db
    start, end = period.start.isoformat(), period.end_exclusive.isoformat()
    dossiers = db.query("SELECT id, person_id, opened_on, closed_on, origin_code FROM dossiers")
    active = [d for d in dossiers if d[2] < end and (d[3] is None or d[3] >= start)]
    active_ids = {d[0] for d in active}
    motifs: Counter = Counter()
    with_motif = set()
    for dossier_id, code in db.query("SELECT dossier_id, code FROM dossier_motifs"):
        if dossier_id in active_ids:
            motifs[code] += 1
            with_motif.add(dossier_id)
    motifs[NOT_PROVIDED] += len(active_ids - with_motif)
    persons = {d[1] for d in active}
    people: Counter = Counter()
    for person_id, sex, birth in db.query("SELECT id, sex, birth_date FROM persons"):
        if person_id in persons:
            bracket = age_bracket(date.fromisoformat(birth) if birth else None, period.start)
            people[(sex or NOT_PROVIDED, bracket)] += 1
    kinds = Counter(k for (on, k) in db.query("SELECT on_date, kind_code FROM interventions")
                    if start <= on < end)
    aids = Counter(
        (t, o) for (t, o, req, created) in
        db.query("SELECT type_code, outcome_code, requested_on, created_at FROM aids")
        if start <= (req or created[:10]) < end)
    return dict(
        opened=sum(1 for d in dossiers if start <= d[2] < end),
        active=len(active),
        closed=sum(1 for d in dossiers if d[3] and start <= d[3] < end),
        persons=len(persons),
        origins=Counter(d[4] for d in active),
        motifs=motifs, people=people, kinds=kinds, aids=aids,
    )


def _column(table) -> dict[str, int]:
    return {r.code: table.cell(r.code) for r in table.rows}


def _two_way(table) -> dict[tuple[str, str], int]:
    return {(r.code, c.code): table.cell(r.code, c.code)
            for r in table.rows for c in table.columns}


def test_the_figures_are_the_counts_of_the_store(filled):
    result = StatsService(filled).compute(YEAR)
    expected = _expected(filled, YEAR)
    assert tuple(t.key for t in result.tables) == TABLE_KEYS
    summary = result.table(SUMMARY)
    assert summary.cell("DOSSIERS_OUVERTS") == expected["opened"] > 0
    assert summary.cell("DOSSIERS_ACTIFS") == expected["active"] > 0
    assert summary.cell("DOSSIERS_CLOS") == expected["closed"] > 0
    assert summary.cell("PERSONNES") == expected["persons"] > 0

    def nonzero(counts: dict) -> dict:
        return {k: v for k, v in counts.items() if v}

    assert nonzero(_column(result.table(ORIGINS))) == nonzero(expected["origins"])
    assert nonzero(_column(result.table(MOTIFS))) == nonzero(expected["motifs"])
    assert nonzero(_two_way(result.table(PERSONS))) == nonzero(expected["people"])
    assert nonzero(_column(result.table(INTERVENTIONS))) == nonzero(expected["kinds"])
    assert nonzero(_two_way(result.table(AIDS))) == nonzero(expected["aids"])


def test_totals_are_consistent(filled):
    result = StatsService(filled).compute(YEAR)
    summary = result.table(SUMMARY)
    active, persons = summary.cell("DOSSIERS_ACTIFS"), summary.cell("PERSONNES")
    assert summary.cell("DOSSIERS_OUVERTS") <= active and persons <= active
    # several motifs per dossier: at least one mention each
    assert sum(_column(result.table(MOTIFS)).values()) == result.table(MOTIFS).total() >= active
    assert sum(_column(result.table(ORIGINS)).values()) == active
    people = result.table(PERSONS)
    by_sex = [people.row_total(r.code) for r in people.rows]
    by_age = [people.column_total(c.code) for c in people.columns]
    assert sum(by_sex) == sum(by_age) == people.total() == persons
    assert sum(_two_way(people).values()) == persons
    aids = result.table(AIDS)
    assert aids.total() == sum(v for (i, j), v in aids.values.items()
                               if i < len(aids.rows) and j < len(aids.columns))


def test_not_provided_and_other_rows_are_always_there(filled):
    result = StatsService(filled).compute(YEAR)
    for key in (INTERVENTIONS, MOTIFS, ORIGINS, AIDS):
        codes = [r.code for r in result.table(key).rows]
        assert codes[-2:] == [NOT_PROVIDED, OTHER], key
    assert [c.code for c in result.table(AIDS).columns][-2:] == [NOT_PROVIDED, OTHER]
    people = result.table(PERSONS)
    assert [r.code for r in people.rows] == ["F", "M", NOT_PROVIDED]
    assert [c.code for c in people.columns][-1] == NOT_PROVIDED
    # the synthetic data does use them, and they are counted
    assert result.table(INTERVENTIONS).cell(NOT_PROVIDED) > 0
    assert result.table(MOTIFS).cell(OTHER) > 0


def test_an_empty_period_gives_zeros(filled):
    result = StatsService(filled).compute(Period.parse("2010-01", "2010-12"))
    assert all(v == 0 for t in result.tables for v in t.values.values())


def test_ages_are_taken_on_the_first_day_of_the_period(manager):
    person_id = PersonService(manager).create(
        PersonInput(usage_name="Lemaire", sex="M", birth_date=date(2000, 7, 1)))
    DossierService(manager).create(person_id, DossierInput(opened_on=date(2024, 3, 1)))
    service = StatsService(manager)
    june = service.compute(Period.parse("2025-06", "2025-06")).table(PERSONS)
    july = service.compute(Period.parse("2025-07", "2025-12")).table(PERSONS)
    assert june.cell("M", "MOINS_25") == 1 and june.total() == 1  # 24 on 1 June 2025
    assert july.cell("M", "25_39") == 1 and july.total() == 1  # 25 on 1 July 2025


# -- the files -----------------------------------------------------------------------------------

def test_csv_for_a_french_spreadsheet_gives_back_the_preview(filled):
    service = StatsService(filled)
    result = service.compute(YEAR)
    preview = service.publish(result, 5)
    files = service.export_files(result, 5, "NORD-03")
    data = files.csv
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark
    body = data[3:]
    assert b"\r\n" in body and b"\n" not in body.replace(b"\r\n", b"")
    assert "Accès aux droits".encode() in body  # UTF-8 accents
    rows = _rows(data)
    assert rows[0] == ["Statistiques anonymisées (secret statistique appliqué)"]
    assert ["Station", "NORD-03"] in rows
    assert ["Seuil du secret statistique", "5"] in rows
    # every table, as previewed: titles, codes, labels, numbers and marks
    for published in preview:
        table = published.table
        start = rows.index([table.title])
        header = start + (2 if table.note else 1)
        assert rows[header][:2] == ["Code", table.row_title]
        for offset, entries in enumerate(table.grid()):
            line = rows[header + 1 + offset]
            assert line[2:] == [published.text(e) for e in entries]
            if offset < len(table.rows):
                assert line[:2] == [table.rows[offset].code, table.rows[offset].label]
            else:
                assert line[:2] == ["", "Total"]
            for text in line[2:]:
                assert text == MARK or re.fullmatch(r"\d+", text)
    assert any(MARK in row for row in rows)  # 200 persons: some small counts are hidden


def test_no_cell_starts_like_a_formula(filled):
    codes = CodeService(filled)
    codes.add("motif", "LOCAL_A", "=HYPERLINK(\"http://exemple.fr\";\"clic\")")
    codes.add("motif", "LOCAL_B", "+33 pour le 112")
    codes.add("origine", "LOCAL_C", "-1 seul contact")
    codes.add("origine", "LOCAL_D", "@SUM(A1:A2)")
    service = StatsService(filled)
    files = service.export_files(service.compute(YEAR), 5, "NORD-03")
    rows = _rows(files.csv)
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert "'=HYPERLINK(\"http://exemple.fr\";\"clic\")" in cells
    assert "'@SUM(A1:A2)" in cells and "'+33 pour le 112" in cells


def test_safe_cell():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("'=1+1") == "'=1+1"
    assert safe_cell("Entretien") == "Entretien" and safe_cell("") == ""
    assert safe_cell("\t=1") == "'\t=1"


def test_manifest(filled, clock):
    service = StatsService(filled)
    files = service.export_files(service.compute(YEAR), 6, "NORD-03")
    m = files.manifest
    assert m["format"] == FORMAT and m["format_version"] == FORMAT_VERSION
    assert m["application_version"] == __version__
    assert m["station_code"] == "NORD-03"
    assert m["period"] == {"from": "2025-01", "to": "2025-12"}
    assert m["threshold"] == 6
    assert m["generated_at"] == "2026-11-02T09:00:00Z"
    assert m["csv_sha256"] == hashlib.sha256(files.csv).hexdigest()
    assert m["csv_file"] == "statistiques_NORD-03_2025-01_2025-12.csv"
    assert [t["key"] for t in m["tables"]] == list(TABLE_KEYS)
    assert json.loads(manifest_bytes(m)) == m
    assert files.pdf is not None and files.pdf.startswith(b"%PDF")
    assert m["pdf_file"] == "statistiques_NORD-03_2025-01_2025-12.pdf"
    assert m["pdf_sha256"] == hashlib.sha256(files.pdf).hexdigest()
    assert [name for name, _ in files.named()] == [
        m["csv_file"], m["pdf_file"], "statistiques_NORD-03_2025-01_2025-12.json"]


def _personal_values(session) -> set[str]:
    db = session.db
    values: set[str] = set()
    queries = [
        "SELECT usage_name, first_names, birth_name, address, city, phone, email, nir,"
        " birth_date, postal_code, family_text FROM persons",
        "SELECT summary, kind_text FROM interventions",
        "SELECT body FROM notes",
        "SELECT login, full_name FROM accounts",
        "SELECT number, origin_text, closing_text FROM dossiers",
        "SELECT free_text FROM dossier_motifs",
        "SELECT type_text FROM aids",
        "SELECT name FROM household_members",
    ]
    for sql in queries:
        for row in db.query(sql):
            values.update(v for v in row if isinstance(v, str) and len(v) >= 3)
    values.add(SERVICE.service_name)
    values.update(SERVICE.service_address.split("\n"))
    return values


def test_nothing_personal_leaves(filled):
    service = StatsService(filled)
    files = service.export_files(service.compute(YEAR), 5, "NORD-03")
    text = files.csv.decode("utf-8-sig")
    manifest = manifest_bytes(files.manifest).decode("utf-8")
    pdf = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(files.pdf)).pages)
    pdf_meta = str(PdfReader(io.BytesIO(files.pdf)).metadata)
    assert "Statistiques" in pdf
    personal = _personal_values(filled)
    assert len(personal) > 1000  # names, addresses, phones, notes, summaries, accounts…
    leaked = sorted(v for v in personal
                    if v in text or v in manifest or v in pdf or v in pdf_meta)
    assert leaked == []
    assert not re.search(r"\d{4}-\d{2}-\d{2}", pdf)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # no date finer than the month
    # the manifest's only day is when it was generated
    assert re.findall(r"\d{4}-\d{2}-\d{2}", manifest) == ["2026-11-02"]


def test_threshold_and_station_code_are_checked(filled):
    service = StatsService(filled)
    result = service.compute(YEAR)
    with pytest.raises(InvalidInput) as info:
        service.export_files(result, 2, "NORD-03")
    assert "entre 3 et 50" in info.value.message
    SettingsRepository(filled.db).update_station(StationInfo("CCAS Lens"))
    with pytest.raises(InvalidInput) as info:
        service.export_files(result, 5, "ccas-lens")
    assert "nom du service" in info.value.message
    with pytest.raises(InvalidInput) as info:
        service.export_files(result, 5, "N")
    assert "2 à 20 caractères" in info.value.message


def test_a_higher_threshold_hides_more(filled):
    service = StatsService(filled)
    result = service.compute(YEAR)
    hidden = [sum(len(p.hidden) for p in service.publish(result, t)) for t in (3, 5, 10)]
    assert hidden[0] <= hidden[1] <= hidden[2] and hidden[0] < hidden[2]


def test_the_period_is_read_in_french(filled):
    service = StatsService(filled)
    assert service.parse_period("2026-01", "2026-11") == Period.parse("2026-01", "2026-11")
    with pytest.raises(InvalidInput) as info:
        service.parse_period("2026-01", "2026-12")
    assert "mois en cours" in info.value.message
    with pytest.raises(InvalidInput) as info:
        service.parse_period("01/2026", "2026-06")
    assert "AAAA-MM" in info.value.message


def test_manager_only(filled, anne):
    service = StatsService(anne)
    with pytest.raises(NotAllowed):
        service.compute(YEAR)
    result = StatsService(filled).compute(YEAR)
    with pytest.raises(NotAllowed):
        service.publish(result, 5)
    with pytest.raises(NotAllowed):
        service.export_files(result, 5, "NORD-03")
