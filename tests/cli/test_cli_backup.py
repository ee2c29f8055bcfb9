"""``anaiss-admin backup`` and ``restore`` end to end, in process, on real stations and files.

The backup file is restored into a new data folder and opened again by ``anaiss-admin login``,
as an administrator moving a station to a new PC would. Read-only and full drives are real
tmpfs mounts (root only; skipped elsewhere).
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    FakeClock,
)
from mounts import tmpfs

from anaiss_desktop import cli
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.backup import BACKUP_SUFFIX
from anaiss_desktop.services.station import Station

PASSWORD = MANAGER_PASSWORD + "\n"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(clock: FakeClock, capsys: pytest.CaptureFixture[str]):
    """Run one ``anaiss-admin`` command (arguments as typed, standard input as given)."""

    def invoke(*args: str | Path, stdin: str = PASSWORD) -> Result:
        code = cli.main([str(a) for a in args], stdin=io.StringIO(stdin), clock=clock,
                        kdf_params=FAST_KDF)
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return Result(code, out, err)

    return invoke


@pytest.fixture
def filled(station: Station, data_dir: Path, clock: FakeClock) -> Path:
    """The station with 40 synthetic persons; closed, as the command opens it itself."""
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        demo_data.generate(session, 40, seed=3)
    finally:
        session.close()
    station.close()
    return data_dir


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "cle_usb"
    folder.mkdir()
    return folder


@pytest.fixture
def backup_file(filled: Path, usb: Path, run) -> Path:
    result = run("--data-dir", filled, "backup", "--as", MANAGER_LOGIN, "--out", usb)
    assert result.code == 0, result.err
    return Path(result.out.strip())


def persons(data_dir: Path, clock: FakeClock) -> int:
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            return int(session.db.scalar("SELECT count(*) FROM persons"))
        finally:
            session.close()


def test_backup_prints_the_file_written(filled, usb, run, clock):
    result = run("backup", "--as", ASSISTANT_LOGIN, "--out", usb, "--data-dir", filled,
                 stdin=ASSISTANT_PASSWORD + "\n")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert result.out == f"{path}\n"  # the path alone: a script can use it
    assert path.parent == usb and path.name.endswith(BACKUP_SUFFIX)
    assert os.listdir(usb) == [path.name]
    assert "Sauvegarde écrite et relue" in result.err
    assert "Sauvegarde : 100 %" in result.err
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["keyslots.json", "station.db", "manifest.json"]


def test_restore_on_a_new_data_folder(backup_file, filled, tmp_path, run, clock):
    target = tmp_path / "nouveau_poste"
    result = run("restore", backup_file, "--data-dir", target, "--as", MANAGER_LOGIN)
    assert result.code == 0, result.err
    assert result.out == f"Station restaurée dans : {target}\n"
    assert "journal d'audit" in result.err
    assert persons(target, clock) == persons(filled, clock) == 40
    login = run("--data-dir", target, "login", "--as", ASSISTANT_LOGIN,
                stdin=ASSISTANT_PASSWORD + "\n")
    assert login.code == 0, login.err


def test_restore_with_the_recovery_key(backup_file, tmp_path, run, recovery_key, clock):
    target = tmp_path / "par_la_cle"
    result = run("restore", backup_file, "--data-dir", target, "--recovery-key",
                 stdin=recovery_key + "\n")
    assert result.code == 0, result.err
    assert persons(target, clock) == 40


def test_restore_sets_the_previous_station_aside(backup_file, filled, tmp_path, run, clock):
    target = tmp_path / "poste"
    assert run("restore", backup_file, "--data-dir", target, "--as", MANAGER_LOGIN).code == 0
    clock.advance(minutes=5)
    result = run("restore", backup_file, "--data-dir", target, "--as", MANAGER_LOGIN)
    assert result.code == 0, result.err
    stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
    aside = tmp_path / f"poste-avant-restauration-{stamp}"
    assert result.out.splitlines() == [
        f"Station restaurée dans : {target}",
        f"Station précédente mise de côté (non effacée) dans : {aside}",
    ]
    assert persons(aside, clock) == 40


def test_wrong_password_exits_3_and_leaves_nothing(backup_file, tmp_path, run):
    target = tmp_path / "cible"
    result = run("restore", backup_file, "--data-dir", target, "--as", MANAGER_LOGIN,
                 stdin="Mauvais-Mot-De-Passe-1!\n")
    assert result.code == 3
    assert result.err.splitlines()[-1] == "Identifiant ou mot de passe incorrect."
    assert result.out == ""
    assert sorted(os.listdir(tmp_path)) == ["cle_usb", "station"]


@pytest.mark.parametrize("damage", ["truncated", "altered", "not-a-backup"])
def test_bad_file_exits_2_before_any_password(damage, backup_file, tmp_path, run):
    data = bytearray(backup_file.read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
        expected = "incomplète"
    elif damage == "altered":
        data[len(data) // 2] ^= 0xFF
        expected = "modifiée ou endommagée"
    else:
        data = bytearray(b"nom;prenom\nDupont;Marie\n")
        expected = "n'est pas une sauvegarde ANAISS"
    bad = tmp_path / f"abimee{BACKUP_SUFFIX}"
    bad.write_bytes(bytes(data))
    target = tmp_path / "cible"
    result = run("restore", bad, "--data-dir", target, "--as", MANAGER_LOGIN, stdin="")
    assert result.code == 2
    assert expected in result.err
    assert not target.exists()


def test_restore_needs_a_way_to_open(backup_file, tmp_path, run):
    result = run("restore", backup_file, "--data-dir", tmp_path / "x")
    assert result.code == 2
    assert "obligatoire" in result.err


def test_backup_to_a_missing_folder_is_said_first(filled, tmp_path, run):
    result = run("--data-dir", filled, "backup", "--as", MANAGER_LOGIN, "--out",
                 tmp_path / "absent", stdin="")
    assert result.code == 2
    assert "n'existe pas" in result.err


def test_backup_wrong_password(filled, usb, run):
    result = run("--data-dir", filled, "backup", "--as", MANAGER_LOGIN, "--out", usb,
                 stdin="Pas-Le-Bon-2026!\n")
    assert result.code == 3
    assert os.listdir(usb) == []


def test_read_only_drive_exits_7(filled, tmp_path, run):
    with tmpfs(tmp_path / "protegee", "ro,size=10m") as drive:
        result = run("--data-dir", filled, "backup", "--as", MANAGER_LOGIN, "--out", drive)
        assert result.code == 7
        assert "lecture seule" in result.err
        assert result.out == ""
        assert os.listdir(drive) == []


def test_full_drive_exits_7(filled, tmp_path, run):
    with tmpfs(tmp_path / "pleine", "size=64k") as drive:
        result = run("--data-dir", filled, "backup", "--as", MANAGER_LOGIN, "--out", drive)
        assert result.code == 7
        assert "place" in result.err
        assert result.out == ""
        assert os.listdir(drive) == []


def test_help_is_in_french(run):
    backup = run("backup", "--help")
    assert backup.code == 0
    assert "Sauvegarder la station" in backup.out
    restore = run("restore", "--help")
    assert restore.code == 0
    assert "mise de côté" in restore.out
    assert "--recovery-key" in restore.out
