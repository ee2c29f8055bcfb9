"""``anaiss-admin import``: all or nothing, every bad line reported, exit codes of the contract."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import FAST_KDF, MANAGER_LOGIN, MANAGER_PASSWORD

from anaiss_desktop.cli import main
from anaiss_desktop.services.station import Station

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


def _run(args, data_dir, clock):
    return main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(MANAGER_PASSWORD + "\n"),
                clock=clock, kdf_params=FAST_KDF)


def _persons(data_dir, clock) -> int:
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            return int(session.db.scalar("SELECT count(*) FROM persons"))
        finally:
            session.close()


def test_bad_rows_are_all_reported_and_nothing_is_imported(station, data_dir, clock, capsys):
    station.close()
    code = _run(["import", str(FIXTURES / "bad_rows.csv"), "--as", MANAGER_LOGIN], data_dir, clock)
    err = capsys.readouterr().err
    assert code == 2
    assert "ligne" in err and "rien n'a été importé" in err
    assert _persons(data_dir, clock) == 0


def test_good_file_is_imported(station, data_dir, clock, capsys):
    station.close()
    code = _run(["import", str(FIXTURES / "good_semicolon_bom.csv"), "--as", MANAGER_LOGIN],
                data_dir, clock)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "importés" in out
    assert _persons(data_dir, clock) > 0


def test_missing_file_is_a_usage_error(station, data_dir, clock, capsys):
    station.close()
    code = _run(["import", str(FIXTURES / "absent.csv"), "--as", MANAGER_LOGIN], data_dir, clock)
    assert code == 2
    assert capsys.readouterr().err.strip()
