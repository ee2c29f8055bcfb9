"""``anaiss-admin stats export`` and ``stats merge`` end to end, in process, on real stations.

Stations are real SQLCipher stores filled by the demo generator; the files are read back from
disk with the standard library (``csv``, ``json``, ``hashlib``) as a region's spreadsheet or
script would. Read-only and full drives are real tmpfs mounts (root only; skipped elsewhere).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
import re
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    SERVICE,
    FakeClock,
)
from mounts import tmpfs

from anaiss_desktop import cli
from anaiss_desktop.domain.stats import Period
from anaiss_desktop.domain.suppression import MARK
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.drive_write import TEMP_PREFIX
from anaiss_desktop.services.station import Station, create_station
from anaiss_desktop.services.station_settings import StationSettingsService
from anaiss_desktop.services.stats import StatsService
from anaiss_desktop.storage.settings_repo import StatsSettings

TODAY = date(2026, 11, 2)  # FakeClock's day
FIRST, LAST = "2026-01", "2026-06"
CODE = "NORD-03"
STEM = f"statistiques_{CODE}_{FIRST}_{LAST}"
REGION = "HDF-NORD"
PASSWORD = MANAGER_PASSWORD + "\n"


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def paths(self) -> list[Path]:
        return [Path(line) for line in self.out.splitlines()]


def _main(args: list[str], stdin: str, clock: FakeClock) -> int:
    return cli.main(args, stdin=io.StringIO(stdin), clock=clock, kdf_params=FAST_KDF)


@pytest.fixture
def admin(data_dir: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]):
    """Run one ``anaiss-admin`` command on the test station."""

    def run(*args: str, stdin: str = PASSWORD) -> Result:
        code = _main(["--data-dir", str(data_dir), *args], stdin, clock)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return Result(code, out, err)

    return run


def _fill(data_dir: Path, clock: FakeClock, persons: int, seed: int, code: str | None) -> None:
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            demo_data.generate(session, persons, seed=seed, today=TODAY)
            if code:
                StationSettingsService(session).set_stats_settings(StatsSettings(5, code))
        finally:
            session.close()


@pytest.fixture
def filled(station: Station, data_dir: Path, clock: FakeClock) -> Path:
    """The station with 300 synthetic persons and its code NORD-03; closed for the CLI."""
    station.close()
    _fill(data_dir, clock, 300, 11, CODE)
    return data_dir


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "cle_usb"
    folder.mkdir()
    return folder


def export(*extra: str, out: Path) -> list[str]:
    return ["stats", "export", "--as", MANAGER_LOGIN, "--from", FIRST, "--to", LAST,
            "--out", str(out), *extra]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def csv_blocks(path: Path) -> list[list[list[str]]]:
    """The CSV as a spreadsheet sees it: blocks of rows separated by empty lines."""
    text = path.read_bytes().decode("utf-8-sig")
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        if any(cell for cell in row):
            blocks[-1].append(row)
        else:
            blocks.append([])
    return [b for b in blocks if b]


def table_rows(block: list[list[str]]) -> tuple[str, list[list[str]]]:
    """(title, body rows: code, label, values...) of one table block."""
    at = 2 if block[1][0] == "Note" else 1
    assert block[at][0] == "Code", block[at]
    return block[0][0], block[at + 1:]


def summary_value(path: Path, row_code: str) -> str:
    """A row of the first table (the summary) of a CSV."""
    _title, rows = table_rows(csv_blocks(path)[1])
    return next(r[2] for r in rows if r[0] == row_code)


# -- export -----------------------------------------------------------------------------------

def test_export_prints_the_three_paths_and_the_manifest_vouches_for_them(filled, admin, out):
    result = admin(*export(out=out))
    assert result.code == 0, result.err
    assert result.paths == [out / f"{STEM}.csv", out / f"{STEM}.pdf", out / f"{STEM}.json"]
    assert sorted(os.listdir(out)) == sorted(p.name for p in result.paths)
    assert "exportées pour la station NORD-03, période de janvier 2026 à juin 2026" in result.err
    manifest = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    assert manifest["csv_sha256"] == sha256(out / f"{STEM}.csv")
    assert manifest["pdf_sha256"] == sha256(out / f"{STEM}.pdf")
    assert manifest["station_code"] == CODE and manifest["threshold"] == 5
    assert manifest["period"] == {"from": FIRST, "to": LAST}
    assert (out / f"{STEM}.pdf").read_bytes().startswith(b"%PDF")
    assert (out / f"{STEM}.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_export_is_in_the_audit_log(filled, admin, out, clock):
    assert admin(*export(out=out)).code == 0
    with Station(filled, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            entries = [e for e in session.audit.recent(10) if e.action == "statistiques.export"]
        finally:
            session.close()
    assert len(entries) == 1
    assert f"destination {out}" in entries[0].detail
    assert sha256(out / f"{STEM}.csv") in entries[0].detail


def test_csv_read_back_gives_the_previewed_numbers(filled, admin, out, clock):
    result = admin(*export("--threshold", "6", out=out))
    assert result.code == 0, result.err
    blocks = csv_blocks(out / f"{STEM}.csv")
    assert ["Seuil du secret statistique", "6"] in blocks[0]
    with Station(filled, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            service = StatsService(session)
            preview = service.publish(service.compute(Period.parse(FIRST, LAST)), 6)
            people = session.db.query(
                "SELECT first_names, usage_name, birth_date FROM persons LIMIT 40")
        finally:
            session.close()
    assert len(blocks) == 1 + len(preview)
    numbers = 0
    for published, block in zip(preview, blocks[1:], strict=True):
        title, rows = table_rows(block)
        assert title == published.table.title
        grid = published.table.grid()
        assert len(rows) == len(grid)
        rows_codes = [r.code for r in published.table.rows]
        codes = rows_codes + [""] * (len(grid) - len(rows_codes))  # the "Total" line
        for row, entries, code in zip(rows, grid, codes, strict=True):
            assert row[0] == code
            assert row[2:] == [published.text(e) for e in entries]
            numbers += sum(1 for text in row[2:] if text != MARK)
    assert numbers > 20  # enough published counts for the comparison to mean something
    # Only aggregates: nothing of the people, nor the service's name, is in the files.
    texts = [(out / name).read_text(encoding="utf-8-sig")
             for name in (f"{STEM}.csv", f"{STEM}.json")]
    for first_names, usage_name, birth_date in people:
        for text in texts:
            assert f"{first_names} {usage_name}" not in text
            assert not birth_date or birth_date not in text
    for text in texts:
        assert SERVICE.service_name not in text


def test_wrong_password_writes_nothing(filled, admin, out):
    result = admin(*export(out=out), stdin="Pas-Le-Bon-Mot-2026!\n")
    assert result.code == 3
    assert "incorrect" in result.err
    assert os.listdir(out) == []


def test_an_assistant_may_not_export(filled, admin, out):
    result = admin("stats", "export", "--as", ASSISTANT_LOGIN, "--from", FIRST, "--to", LAST,
                   "--out", str(out), stdin=ASSISTANT_PASSWORD + "\n")
    assert result.code == 6
    assert "responsable d'unité" in result.err
    assert os.listdir(out) == []


def test_without_station_code_says_how_to_give_one(station, data_dir, clock, admin, out):
    station.close()
    _fill(data_dir, clock, 50, 2, None)
    result = admin(*export(out=out))
    assert result.code == 2
    assert "--code" in result.err and "Administration › Paramètres" in result.err
    assert os.listdir(out) == []
    given = admin(*export("--code", "NORD-05", out=out))
    assert given.code == 0, given.err
    assert given.paths[0].name == f"statistiques_NORD-05_{FIRST}_{LAST}.csv"


def test_existing_files_are_kept_unless_replace(filled, admin, out):
    assert admin(*export(out=out)).code == 0
    csv_path = out / f"{STEM}.csv"
    csv_path.write_bytes(b"le fichier d'avant")
    before = {name: (out / name).read_bytes() for name in os.listdir(out)}
    refused = admin(*export(out=out))
    assert refused.code == 2
    assert f"« {STEM}.csv »" in refused.err and f"« {STEM}.json »" in refused.err
    assert "--replace" in refused.err
    assert refused.out == ""
    assert {name: (out / name).read_bytes() for name in os.listdir(out)} == before
    replaced = admin(*export("--replace", out=out))
    assert replaced.code == 0, replaced.err
    manifest = json.loads((out / f"{STEM}.json").read_text(encoding="utf-8"))
    assert manifest["csv_sha256"] == sha256(csv_path)


@pytest.mark.parametrize("first, last, words", [
    ("2026-13", "2026-12", "le mois va de 01 à 12"),
    ("2026", LAST, "s'écrit AAAA-MM"),
    ("2026-06", "2026-01", "commence après sa fin"),
    ("2026-01", "2026-12", "après le mois en cours"),
])
def test_bad_period_is_refused_in_french(filled, admin, out, first, last, words):
    result = admin("stats", "export", "--as", MANAGER_LOGIN, "--from", first, "--to", last,
                   "--out", str(out))
    assert result.code == 2
    assert words in result.err
    assert result.out == "" and os.listdir(out) == []


@pytest.mark.parametrize("extra, words", [
    (("--threshold", "2"), "compris entre 3"),
    (("--threshold", "cinq"), "nombre entier"),
    (("--code", "nord 03"), "2 à 20 caractères"),
])
def test_bad_threshold_or_code_is_refused(filled, admin, out, extra, words):
    result = admin(*export(*extra, out=out))
    assert result.code == 2
    assert words in result.err
    assert os.listdir(out) == []


def test_missing_output_folder_is_said_before_the_password(filled, admin, tmp_path):
    result = admin(*export(out=tmp_path / "absent"), stdin="")
    assert result.code == 2
    assert "n'existe pas" in result.err


def test_read_only_drive_fails_cleanly(filled, admin, tmp_path):
    with tmpfs(tmp_path / "lecture_seule", "ro,size=1m") as drive:
        result = admin(*export(out=drive))
        assert result.code == 7
        assert "lecture seule" in result.err
        assert result.out == ""
        assert os.listdir(drive) == []


def test_full_drive_fails_cleanly(filled, admin, tmp_path):
    with tmpfs(tmp_path / "pleine", "size=16k") as drive:
        result = admin(*export(out=drive))
        assert result.code == 7
        assert "place" in result.err
        assert result.out == ""
        assert os.listdir(drive) == []  # no file, no hidden temporary either


# -- merge ------------------------------------------------------------------------------------

STATIONS = ("NORD-01", "NORD-02", "NORD-03")


@pytest.fixture(scope="module")
def stick(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three stations (three data folders) exported to one stick; module-wide (slow to build)."""
    root = tmp_path_factory.mktemp("trois_stations")
    folder = root / "cle"
    folder.mkdir()
    clock = FakeClock()
    for index, code in enumerate(STATIONS):
        data_dir = root / f"station_{index}"
        create_station(data_dir, info=SERVICE, manager_login=MANAGER_LOGIN,
                       manager_name="Claire Responsable", manager_password=MANAGER_PASSWORD,
                       social_worker=True, clock=clock, kdf_params=FAST_KDF)
        _fill(data_dir, clock, 250, 21 + index, code)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code_ = _main(["--data-dir", str(data_dir), *export(out=folder)], PASSWORD, clock)
        assert code_ == 0, err.getvalue()
    return folder


def manifests(folder: Path) -> list[Path]:
    return [folder / f"statistiques_{code}_{FIRST}_{LAST}.json" for code in STATIONS]


@pytest.fixture
def copy(stick: Path, tmp_path: Path) -> Path:
    """A copy of the stick a test may spoil."""
    return Path(shutil.copytree(stick, tmp_path / "copie"))


@pytest.fixture
def merge(tmp_path: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]):
    """Run ``stats merge``: no station, no password, a data folder that does not exist."""
    nowhere = tmp_path / "pas_de_station"

    def run(*args: str | Path) -> Result:
        code = _main(["--data-dir", str(nowhere), "stats", "merge", *map(str, args)], "",
                     clock)
        output, err = capsys.readouterr()
        assert "Traceback" not in err
        assert not nowhere.exists()
        return Result(code, output, err)

    return run


@pytest.fixture
def region(tmp_path: Path) -> Path:
    folder = tmp_path / "region"
    folder.mkdir()
    return folder


def test_merge_of_three_stations(stick, merge, region):
    result = merge(*manifests(stick), "--out", region, "--code", REGION)
    assert result.code == 0, result.err
    stem = f"statistiques_{REGION}_{FIRST}_{LAST}"
    assert result.paths == [region / f"{stem}.csv", region / f"{stem}.pdf",
                            region / f"{stem}.json"]
    assert all(p.is_file() for p in result.paths)
    manifest = json.loads((region / f"{stem}.json").read_text(encoding="utf-8"))
    assert [m["station_code"] for m in manifest["merged_from"]] == list(STATIONS)
    assert manifest["station_code"] == REGION and manifest["threshold"] == 5
    assert manifest["csv_sha256"] == sha256(region / f"{stem}.csv")
    assert "Consolidation de;NORD-01, NORD-02, NORD-03" in (
        region / f"{stem}.csv").read_text(encoding="utf-8-sig")
    # The stations' active dossiers are published (large counts): the region adds them up.
    actives = [summary_value(path.with_suffix(".csv"), "DOSSIERS_ACTIFS")
               for path in manifests(stick)]
    assert all(re.fullmatch(r"\d+", v) and int(v) >= 5 for v in actives), actives
    assert summary_value(region / f"{stem}.csv", "DOSSIERS_ACTIFS") == str(
        sum(int(v) for v in actives))


def test_merge_refuses_a_tampered_csv(copy, merge, region):
    target = copy / f"statistiques_NORD-02_{FIRST}_{LAST}.csv"
    data = bytearray(target.read_bytes())
    last_digit = max(i for i, b in enumerate(data) if chr(b).isdigit())
    data[last_digit] = ord("1") if data[last_digit] != ord("1") else ord("2")
    target.write_bytes(bytes(data))
    result = merge(*manifests(copy), "--out", region, "--code", REGION)
    assert result.code == 2
    assert "empreinte SHA-256 différente" in result.err and "station NORD-02" in result.err
    assert f"n° 2 : {manifests(copy)[1]}" in result.err
    assert result.out == "" and os.listdir(region) == []


def test_merge_refuses_a_missing_csv(copy, merge, region):
    (copy / f"statistiques_NORD-03_{FIRST}_{LAST}.csv").unlink()
    result = merge(*manifests(copy), "--out", region, "--code", REGION)
    assert result.code == 2
    assert "introuvable" in result.err and "même dossier que son manifeste" in result.err
    assert os.listdir(region) == []


def test_merge_refuses_the_same_station_twice(stick, merge, region):
    first = manifests(stick)[0]
    result = merge(first, manifests(stick)[1], first, "--out", region, "--code", REGION)
    assert result.code == 2
    assert "NORD-01" in result.err and "comptés deux fois" in result.err
    assert os.listdir(region) == []


def test_merge_never_follows_a_path_written_in_a_manifest(copy, merge, region, tmp_path):
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    name = f"statistiques_NORD-01_{FIRST}_{LAST}"
    shutil.move(copy / f"{name}.csv", elsewhere / f"{name}.csv")
    path = copy / f"{name}.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["csv_file"] = f"../ailleurs/{name}.csv"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    result = merge(*manifests(copy), "--out", region, "--code", REGION)
    assert result.code == 2
    assert f"« {name}.csv »" in result.err and "introuvable" in result.err


@pytest.mark.parametrize("spoil, words", [
    (lambda p: p.unlink(), "n'existe pas"),
    (lambda p: p.write_bytes(b"Code;Motif\r\n"), "n'est pas un fichier JSON"),
    (lambda p: p.write_text('{"format": "autre chose"}', encoding="utf-8"),
     "n'est pas un manifeste de statistiques ANAISS"),
    (lambda p: p.write_text('{"format": "anaiss-statistiques"}', encoding="utf-8"),
     "ne nomme pas son fichier CSV"),
])
def test_merge_says_what_is_wrong_with_an_input(copy, merge, region, spoil, words):
    target = manifests(copy)[1]
    spoil(target)
    result = merge(*manifests(copy), "--out", region, "--code", REGION)
    assert result.code == 2
    assert words in result.err and str(target) in result.err
    assert os.listdir(region) == []


def test_merge_keeps_existing_files_unless_replace(stick, merge, region):
    assert merge(*manifests(stick), "--out", region, "--code", REGION).code == 0
    again = merge(*manifests(stick), "--out", region, "--code", REGION)
    assert again.code == 2 and "--replace" in again.err
    replaced = merge(*manifests(stick), "--out", region, "--code", REGION, "--replace")
    assert replaced.code == 0, replaced.err


def test_merge_to_a_full_drive_leaves_nothing(stick, merge, tmp_path):
    with tmpfs(tmp_path / "pleine", "size=16k") as drive:
        result = merge(*manifests(stick), "--out", drive, "--code", REGION)
        assert result.code == 7
        assert "place" in result.err
        assert [n for n in os.listdir(drive) if n.startswith(TEMP_PREFIX)] == []
        assert os.listdir(drive) == []
