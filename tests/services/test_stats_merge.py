"""Regional consolidation of statistics files: checks, sums, secret kept.

Three stations are filled through the services with figures chosen so that no count is small
(5 or more everywhere, or 0): there, adding up their files must give exactly the file of one
station holding all their dossiers.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from conftest import FAST_KDF, MANAGER_LOGIN, MANAGER_PASSWORD, SERVICE, FakeClock
from pypdf import PdfReader

from anaiss_desktop.domain.records import (
    AidInput,
    DossierInput,
    DossierStatus,
    InterventionInput,
    Motif,
    PersonInput,
)
from anaiss_desktop.domain.stats import Period
from anaiss_desktop.domain.suppression import MARK
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.station import Station, create_station
from anaiss_desktop.services.stats import StatsService
from anaiss_desktop.services.stats_merge import merge

HALF = Period.parse("2026-01", "2026-06")
AT = datetime(2026, 11, 3, 8, 0, tzinfo=timezone.utc)

# (sex, birth date, origin, motifs, intervention kind, (aid type, outcome), closed on), x 5
A = [("F", date(1960, 5, 1), "PERSONNE", ("LOGEMENT",), "ENTRETIEN",
      ("AIDE_FINANCIERE", "ACCORDEE"), None),
     ("M", date(1990, 3, 3), "MEDECIN_TRAITANT", ("LOGEMENT", "PDP"), "TELEPHONE",
      ("DROITS", "EN_COURS"), date(2026, 5, 1))]
B = [("F", date(1945, 1, 1), "CAISSE", ("PDP",), "ENTRETIEN",
      ("AIDE_FINANCIERE", "ACCORDEE"), date(2026, 4, 1))]
C = [(None, None, "NR", (), "NR", ("NR", "NR"), None)]


@pytest.fixture
def stations(tmp_path: Path, clock: FakeClock) -> Iterator:
    """A factory of stations with their manager logged in (a social worker)."""
    opened: list[tuple[Station, object]] = []

    def make(name: str):
        folder = tmp_path / name
        create_station(folder, info=SERVICE, manager_login=MANAGER_LOGIN,
                       manager_name="Claire Responsable", manager_password=MANAGER_PASSWORD,
                       social_worker=True, clock=clock, kdf_params=FAST_KDF)
        station = Station(folder, clock=clock, kdf_params=FAST_KDF)
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        opened.append((station, session))
        return session

    yield make
    for station, session in opened:
        session.close()
        station.close()


def _fill(session, specs) -> None:
    persons, dossiers = PersonService(session), DossierService(session)
    for n, (sex, birth, origin, motifs, kind, aid, closed_on) in enumerate(specs * 5):
        person_id = persons.create(PersonInput(usage_name=f"Usager{n}", sex=sex,
                                               birth_date=birth))
        dossier_id = dossiers.create(person_id, DossierInput(
            opened_on=date(2026, 2, 10), origin_code=origin,
            motifs=tuple(Motif(code) for code in motifs)))
        dossiers.add_intervention(dossier_id, InterventionInput(
            on_date=date(2026, 3, 1), kind_code=kind,
            aids=(AidInput(type_code=aid[0], outcome_code=aid[1],
                           requested_on=date(2026, 3, 2)),)))
        if closed_on:
            dossiers.set_status(dossier_id, DossierStatus.CLOSED, closed_on, "OBJECTIFS_ATTEINTS")


def _export(session, code: str, period: Period = HALF, threshold: int = 5):
    service = StatsService(session)
    return service.export_files(service.compute(period), threshold, code)


def _tables_part(data: bytes) -> bytes:
    """The CSV after its first block (which names the station)."""
    return data.split(b"\r\n\r\n", 1)[1]


def _blocks(data: bytes) -> list[list[list[str]]]:
    """The tables of a CSV, one list of rows each (the first block, about the file, left out)."""
    blocks: list[list[list[str]]] = [[]]
    for row in _rows(data):
        if row:
            blocks[-1].append(row)
        else:
            blocks.append([])
    return blocks[1:]


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


@pytest.fixture
def three(stations):
    files = []
    for code, specs in (("NORD-01", A), ("NORD-02", B), ("NORD-03", C)):
        session = stations(code)
        _fill(session, specs)
        files.append(_export(session, code))
    return files


def test_three_stations_add_up_to_the_station_holding_them_all(three, stations):
    union = stations("UNION")
    for specs in (A, B, C):
        _fill(union, specs)
    whole = _export(union, "TOUT")
    assert MARK not in {cell for row in _rows(whole.csv)[6:] for cell in row}  # nothing small
    for files in three:
        assert MARK not in {cell for row in _rows(files.csv)[6:] for cell in row}

    merged = merge([(f.manifest, f.csv) for f in three], station_code="REGION-HDF",
                   generated_at=AT)
    assert _tables_part(merged.csv) == _tables_part(whole.csv)
    m = merged.manifest
    assert m["station_code"] == "REGION-HDF" and m["threshold"] == 5
    assert m["period"] == {"from": "2026-01", "to": "2026-06"}
    assert m["tables"] == whole.manifest["tables"]
    assert [s["station_code"] for s in m["merged_from"]] == ["NORD-01", "NORD-02", "NORD-03"]
    assert [s["csv_sha256"] for s in m["merged_from"]] == [f.manifest["csv_sha256"]
                                                            for f in three]
    assert ["Consolidation de", "NORD-01, NORD-02, NORD-03"] in _rows(merged.csv)
    assert m["generated_at"] == "2026-11-03T08:00:00Z"
    summary = PdfReader(io.BytesIO(merged.pdf)).pages[0].extract_text()
    assert "Consolidation REGION-HDF" in summary
    assert "Addition de 3 stations : NORD-01, NORD-02, NORD-03" in summary


def test_a_consolidation_can_be_consolidated_again(three):
    region = merge([(f.manifest, f.csv) for f in three[:2]], station_code="REGION-A",
                   generated_at=AT)
    nation = merge([(region.manifest, region.csv), (three[2].manifest, three[2].csv)],
                   station_code="NATION", generated_at=AT)
    direct = merge([(f.manifest, f.csv) for f in three], station_code="NATION",
                   generated_at=AT)
    assert nation.csv == direct.csv
    # a station already inside a regional file is not added a second time
    with pytest.raises(InvalidInput) as info:
        merge([(region.manifest, region.csv), (three[0].manifest, three[0].csv)],
              station_code="NATION")
    assert "NORD-01" in info.value.message and "chevauchent" in info.value.message


def test_an_altered_csv_is_refused(three):
    altered = bytearray(three[1].csv)
    at = altered.index(b";5\r\n")
    altered[at + 1:at + 2] = b"6"
    with pytest.raises(InvalidInput) as info:
        merge([(three[0].manifest, three[0].csv), (three[1].manifest, bytes(altered))],
              station_code="REGION")
    assert "SHA-256" in info.value.message and "NORD-02" in info.value.message
    assert "modifié" in info.value.message


def test_mixed_format_versions_are_refused(three):
    newer = copy.deepcopy(three[1].manifest)
    newer["format_version"] = 2
    with pytest.raises(InvalidInput) as info:
        merge([(three[0].manifest, three[0].csv), (newer, three[1].csv)], station_code="R1")
    assert "même version de format (1, 2)" in info.value.message
    with pytest.raises(InvalidInput) as info:
        merge([(newer, three[1].csv)], station_code="R1")
    assert "version 2" in info.value.message and "ne lit pas" in info.value.message


def test_the_same_station_for_overlapping_periods_is_refused(stations):
    session = stations("NORD-01")
    _fill(session, A)
    first = _export(session, "NORD-01", Period.parse("2026-01", "2026-06"))
    second = _export(session, "NORD-01", Period.parse("2026-03", "2026-09"))
    with pytest.raises(InvalidInput) as info:
        merge([(first.manifest, first.csv), (second.manifest, second.csv)], station_code="R1")
    message = info.value.message
    assert "La station NORD-01 figure dans le fichier n° 1" in message
    assert "se chevauchent" in message and "comptés deux fois" in message
    # the same file twice is the same station twice
    with pytest.raises(InvalidInput) as info:
        merge([(first.manifest, first.csv)] * 2, station_code="R1")
    assert "chevauchent" in info.value.message
    # the same station for another period does not overlap, but stocks do not add up
    third = _export(session, "NORD-01", Period.parse("2026-07", "2026-09"))
    with pytest.raises(InvalidInput) as info:
        merge([(first.manifest, first.csv), (third.manifest, third.csv)], station_code="R1")
    assert "même période" in info.value.message


def test_other_bad_inputs_are_refused_in_french(three):
    good = (three[0].manifest, three[0].csv)
    with pytest.raises(InvalidInput) as info:
        merge([], station_code="R1")
    assert "Aucun fichier" in info.value.message
    with pytest.raises(InvalidInput) as info:
        merge([good, ({"format": "autre"}, b"")], station_code="R1")
    assert "n'est pas un manifeste de statistiques" in info.value.message
    broken = copy.deepcopy(three[1].manifest)
    del broken["csv_sha256"]
    with pytest.raises(InvalidInput) as info:
        merge([good, (broken, three[1].csv)], station_code="R1")
    assert "incomplet" in info.value.message and "csv_sha256" in info.value.message
    low = copy.deepcopy(three[1].manifest)
    low["threshold"] = 2
    with pytest.raises(InvalidInput) as info:
        merge([good, (low, three[1].csv)], station_code="R1")
    assert "seuil" in info.value.message
    with pytest.raises(InvalidInput) as info:
        merge([good], station_code="Région HDF")
    assert "code de la station" in info.value.message


def _rehashed(files, data: bytes) -> tuple[dict, bytes]:
    """A CSV changed and its manifest's hash recomputed: the hash alone cannot tell."""
    manifest = copy.deepcopy(files.manifest)
    manifest["csv_sha256"] = hashlib.sha256(data).hexdigest()
    return manifest, data


def test_a_csv_that_is_not_a_published_table_is_refused(three):
    data = three[0].csv.replace(b";10\r\n", b";dix\r\n", 1)
    with pytest.raises(InvalidInput) as info:
        merge([_rehashed(three[0], data)], station_code="R1")
    assert "« dix » n'est ni un nombre entier ni « s »" in info.value.message
    data = three[0].csv.rsplit(b"\r\n\r\n", 1)[0] + b"\r\n"  # the last table cut off
    with pytest.raises(InvalidInput) as info:
        merge([_rehashed(three[0], data)], station_code="R1")
    assert "5 tableaux pour 6 annoncés" in info.value.message
    data = three[0].csv.replace("Synthèse".encode(), "Synthèse".encode("cp1252"))
    with pytest.raises(InvalidInput) as info:
        merge([_rehashed(three[0], data)], station_code="R1")
    assert "n'est pas en UTF-8" in info.value.message


def test_hidden_counts_stay_hidden_and_totals_stay_exact(stations):
    """Stations with small counts: a regional cell is a sum of published numbers, or hidden;
    the regional totals are the sums of the stations' totals."""
    files = []
    for seed, code in ((1, "EST-01"), (2, "EST-02")):
        session = stations(code)
        demo_data.generate(session, 60, seed=seed, today=date(2026, 11, 2))
        files.append(_export(session, code, Period.parse("2025-01", "2025-12"),
                             threshold=4 if seed == 1 else 5))
    merged = merge([(f.manifest, f.csv) for f in files], station_code="EST", generated_at=AT)
    assert merged.manifest["threshold"] == 5  # the highest
    inputs = [_blocks(f.csv) for f in files]
    hidden = 0
    for number, block in enumerate(_blocks(merged.csv)):
        for index, row in enumerate(block):
            lines = [blocks[number][index] for blocks in inputs]
            if len(row) < 3 or row[0] == "Code":
                continue
            assert all(x[:2] == row[:2] for x in lines)  # same codes and labels
            for j in range(2, len(row)):
                values = [x[j] for x in lines]
                if row[j] == MARK:
                    hidden += 1
                    continue
                # a published regional number is the sum of published station numbers
                assert MARK not in values
                assert int(row[j]) == sum(int(v) for v in values)
                assert not 0 < int(row[j]) < 5
    assert hidden > 0
    # the file reads back; consolidated alone again, it publishes the same numbers, or hides
    # more (what it hid is unknown now, so the audit assumes less about it)
    again = merge([(merged.manifest, merged.csv)], station_code="EST", generated_at=AT)
    for before, after in zip(_blocks(merged.csv), _blocks(again.csv), strict=True):
        for old_row, new_row in zip(before, after, strict=True):
            assert all(n in (o, MARK) for o, n in zip(old_row, new_row, strict=True))
            assert not (MARK in old_row[2:] and old_row[0] != "Code") or MARK in new_row


def test_a_higher_regional_threshold_hides_more(three):
    merged = merge([(f.manifest, f.csv) for f in three], station_code="R1", threshold=6,
                   generated_at=AT)
    assert merged.manifest["threshold"] == 6
    rows = _rows(merged.csv)
    assert ["Seuil du secret statistique", "6"] in rows
    cells = [c for row in rows[6:] for c in row[2:]]
    assert MARK in cells and "5" not in cells
