"""Backup and restore of a whole station, on real stations and real files.

Every test writes a real backup file from a real SQLCipher station and reads it back the way a
restore on another PC would: from the file alone, with a password or the recovery key. Full and
read-only drives are real tmpfs mounts (root only; skipped elsewhere).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    SERVICE,
)
from mounts import tmpfs as mounted

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import PersonInput
from anaiss_desktop.security.keyslots import KeySlotFile
from anaiss_desktop.services import backup, drive_write
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.backup import (
    BACKUP_SUFFIX,
    BackupCancelled,
    BackupService,
    RestoreResult,
    read_manifest,
    restore,
)
from anaiss_desktop.services.demo_data import generate
from anaiss_desktop.services.drive_write import WriteFailed
from anaiss_desktop.services.errors import (
    InvalidInput,
    NotAllowed,
    PasswordChangeRequired,
    WrongCredentials,
)
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import BACKUP_COPY, Station, create_station
from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.errors import DiskIOError, StationBusy
from anaiss_desktop.storage.settings_repo import KeepingSettings, SettingsRepository

# -- helpers -----------------------------------------------------------------------------------


def table_digests(db: Database) -> dict[str, tuple[int, str]]:
    """Per table: row count and a SHA-256 over every row (sorted, so page order is irrelevant)."""
    names = [r[0] for r in db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        " ORDER BY name")]
    digests = {}
    for name in names:
        rows = sorted(repr(row) for row in db.query(f'SELECT * FROM "{name}"'))
        digests[name] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return digests


def open_restored(data_dir: Path, login: str = MANAGER_LOGIN,
                  password: str = MANAGER_PASSWORD) -> Database:
    """The restored database opened from its own files, as a later login would, but without
    writing anything (no login recorded)."""
    key = KeySlotFile.load(data_dir / "keyslots.json").unwrap(login, password)
    assert key is not None
    return Database.open(data_dir / "station.db", key)


def snapshot_folder(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir())


@pytest.fixture
def usb(tmp_path: Path) -> Path:
    folder = tmp_path / "cle-usb"
    folder.mkdir()
    return folder


@pytest.fixture
def manager(station: Station) -> Iterator[Session]:
    """The manager on a station without the rest of the team (faster to set up)."""
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def anne(station: Station) -> Iterator[Session]:
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def filled(manager: Session) -> Session:
    """The manager's session on a station holding synthetic persons, dossiers and history."""
    generate(manager, 60, seed=7)
    return manager


@pytest.fixture
def backup_file(filled: Session, usb: Path) -> Path:
    return BackupService(filled).make(usb)


def rebuild(source: Path, target: Path, *, manifest: dict | None = None,
            slots: bytes | None = None) -> Path:
    """A copy of the backup ``source`` with its manifest or key slots replaced, checksums kept
    consistent (what a careful forger, or a newer version, would write)."""
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    if slots is not None:
        parts["keyslots.json"] = slots
    data = json.loads(parts["manifest.json"])
    data["keyslots_sha256"] = hashlib.sha256(parts["keyslots.json"]).hexdigest()
    data.update(manifest or {})
    parts["manifest.json"] = json.dumps(data).encode()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as zf:
        for name in ("keyslots.json", "station.db", "manifest.json"):
            zf.writestr(name, parts[name])
    return target


# -- backup then restore -----------------------------------------------------------------------


def test_restored_station_holds_the_same_data(filled, usb, tmp_path, clock, recovery_key):
    before = table_digests(filled.db)
    assert before["persons"][0] == 60
    audit_before = before.pop("audit_log")

    path = BackupService(filled).make(usb)

    assert path.parent == usb
    assert sorted(os.listdir(usb)) == [path.name]  # no temporary file left beside it
    target = tmp_path / "poste-neuf"
    result = restore(path, target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD, clock=clock)
    assert result == RestoreResult(target, None, read_manifest(path))
    assert siblings(target) == sorted(["cle-usb", "poste-neuf", "station"])  # no staging left

    with open_restored(target) as db:
        after = table_digests(db)
        entries = db.query("SELECT id, actor, action, detail FROM audit_log ORDER BY id")
        restored_audit = db.query(
            "SELECT * FROM audit_log WHERE id <= ? ORDER BY id", (audit_before[0],))
    audit_after = after.pop("audit_log")
    assert after == before  # every table, same rows, same content
    assert audit_after[0] == audit_before[0] + 1  # one entry more: the restore itself
    original_audit = filled.db.query(
        "SELECT * FROM audit_log WHERE id <= ? ORDER BY id", (audit_before[0],))
    assert restored_audit == original_audit
    _id, actor, action, detail = entries[-1]
    assert (actor, action) == (MANAGER_LOGIN, "restauration")
    assert path.name in detail
    assert read_manifest(path).database_sha256 in detail

    # The same passwords open it, its audit chain and integrity check are sound.
    with Station(target, clock=clock, kdf_params=FAST_KDF) as restored:
        session = restored.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        assert session.verify() == []
        session.close()
        restored.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()
        # The recovery key still unwraps the restored station's key.
        key = restored.slots.unwrap_recovery(recovery_key)
        assert key is not None


def test_recovery_key_restores_too(backup_file, tmp_path, clock, recovery_key):
    target = tmp_path / "par-la-cle"
    restore(backup_file, target, recovery_key=recovery_key.lower(), clock=clock)
    with open_restored(target) as db:
        actor, action = db.query_one(
            "SELECT actor, action FROM audit_log ORDER BY id DESC LIMIT 1")
        assert db.integrity_check() == []
    assert (actor, action) == ("clé de secours", "restauration")
    with Station(target, clock=clock, kdf_params=FAST_KDF) as restored:
        session = restored.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        assert session.verify() == []
        session.close()


def test_backup_is_one_snapshot_while_a_colleague_writes(filled, anne, usb, tmp_path, clock,
                                                         monkeypatch):
    """Anne keeps working during the copy: the backup is the station as it was when the copy
    began, and its audit log still fits its anchor."""
    monkeypatch.setattr(backup, "STEP_PAGES", 16)
    persons_before = filled.db.scalar("SELECT count(*) FROM persons")
    created: list[int] = []
    phases: list[int] = []

    def progress(done: int, total: int) -> bool:
        phases.append(done)
        if done < total // 3 and len(created) < 3:  # still copying
            created.append(PersonService(anne).create(PersonInput(usage_name="Pendant")))
        return True

    path = BackupService(filled).make(usb, progress)

    assert len(created) == 3, "the copy took several steps"
    assert phases == sorted(phases) and phases[-1] > phases[0]
    target = tmp_path / "instantane"
    restore(path, target, login=ASSISTANT_LOGIN, password=ASSISTANT_PASSWORD, clock=clock)
    with open_restored(target, ASSISTANT_LOGIN, ASSISTANT_PASSWORD) as db:
        assert db.scalar("SELECT count(*) FROM persons") == persons_before
        assert db.scalar("SELECT count(*) FROM persons WHERE usage_name = 'Pendant'") == 0
    with Station(target, clock=clock, kdf_params=FAST_KDF) as restored:
        session = restored.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
        assert session.verify() == []
        session.close()
    # Anne's persons are of course in the running station.
    assert filled.db.scalar("SELECT count(*) FROM persons") == persons_before + 3


def test_backup_file_says_nothing_in_clear(backup_file, filled):
    data = backup_file.read_bytes()
    for secret in (SERVICE.service_name, "Claire Responsable", "Anne Martin", MANAGER_LOGIN,
                   ASSISTANT_LOGIN, "Lille"):
        assert secret.encode("utf-8") not in data, secret
    some_person = filled.db.scalar("SELECT usage_name FROM persons ORDER BY id LIMIT 1")
    assert some_person.encode("utf-8") not in data
    with zipfile.ZipFile(backup_file) as zf:
        assert zf.namelist() == ["keyslots.json", "station.db", "manifest.json"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in zf.infolist())
        manifest = json.loads(zf.read("manifest.json"))
    assert sorted(manifest) == sorted([
        "format", "format_version", "application_version", "schema_version", "created_at",
        "database_size", "database_sha256", "keyslots_sha256"])
    assert manifest["format"] == "anaiss-sauvegarde"


def test_name_log_and_last_backup(filled, usb, clock):
    service = BackupService(filled)
    local = clock().astimezone()
    assert service.default_name() == f"station-{local:%Y-%m-%d-%H%M}{BACKUP_SUFFIX}"
    assert service.last_backup() is None

    first = service.make(usb)
    second = service.make(usb)  # same minute: a new name, the first one is kept

    assert first.name == service.default_name()
    assert second.name == f"station-{local:%Y-%m-%d-%H%M}-2{BACKUP_SUFFIX}"
    assert sorted(os.listdir(usb)) == sorted([first.name, second.name])
    assert service.last_backup() == clock().isoformat(timespec="seconds")
    entry = filled.audit.recent(1)[0]
    assert (entry.actor, entry.action) == (MANAGER_LOGIN, "sauvegarde")
    assert str(second) in entry.detail
    assert hashlib.sha256(second.read_bytes()).hexdigest() in entry.detail
    assert f"{second.stat().st_size} octets" in entry.detail


def test_reminder(filled, usb, clock):
    service = BackupService(filled)
    assert "Aucune sauvegarde" in service.reminder()
    service.make(usb)
    assert service.reminder() is None
    clock.advance(days=6, hours=23)
    assert service.reminder() is None
    clock.advance(hours=1)
    assert "il y a 7 jours" in service.reminder()
    with filled.db.transaction():
        SettingsRepository(filled.db).save_keeping_settings(
            KeepingSettings(backup_reminder_days=30))
    assert service.reminder() is None


def test_any_ready_account_with_a_recent_password(station, usb, clock):
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).create("nouveau", "Paul Nouveau", Role.SECRETARY,
                                   temporary_password="Provisoire-Accueil-2026!")
    manager.close()
    newcomer = station.login("nouveau", "Provisoire-Accueil-2026!")
    with pytest.raises(PasswordChangeRequired):
        BackupService(newcomer).make(usb)
    newcomer.close()

    assistant = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    clock.advance(minutes=16)
    with pytest.raises(NotAllowed, match="Confirmez votre mot de passe"):
        BackupService(assistant).make(usb)
    assert os.listdir(usb) == []
    assistant.confirm_password(ASSISTANT_PASSWORD)
    assert BackupService(assistant).make(usb).exists()
    assistant.close()


# -- files refused -----------------------------------------------------------------------------


def _altered_in_database(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        db = zf.read("station.db")
    middle = data.find(db[len(db) // 2: len(db) // 2 + 64])
    assert middle > 0
    data[middle + 10] ^= 0x01
    return bytes(data)


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("truncated", "incomplète"),
        ("altered", "modifiée ou endommagée"),
        ("random", "n'est pas une sauvegarde ANAISS"),
        ("database", "n'est pas une sauvegarde ANAISS"),
        ("other-zip", "n'est pas une sauvegarde ANAISS"),
        ("empty", "n'est pas une sauvegarde ANAISS"),
        ("newer", "version plus récente"),
        ("newer-schema", "version plus récente"),
        ("missing", "introuvable"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_touched(case, message, backup_file, data_dir,
                                                      tmp_path, clock):
    bad = tmp_path / f"mauvais{BACKUP_SUFFIX}"
    if case == "truncated":
        data = backup_file.read_bytes()
        bad.write_bytes(data[: len(data) * 2 // 3])
    elif case == "altered":
        bad.write_bytes(_altered_in_database(backup_file))
    elif case == "random":
        bad.write_bytes(os.urandom(20_000))
    elif case == "database":
        bad.write_bytes((data_dir / "station.db").read_bytes())
    elif case == "other-zip":
        with zipfile.ZipFile(bad, "w") as zf:
            zf.writestr("photo.txt", "vacances")
    elif case == "empty":
        bad.write_bytes(b"")
    elif case == "newer":
        rebuild(backup_file, bad, manifest={"format_version": 2})
    elif case == "newer-schema":
        rebuild(backup_file, bad, manifest={"schema_version": 999})
    with pytest.raises(InvalidInput, match=message) as caught:
        read_manifest(bad)
    assert "Traceback" not in caught.value.message
    target = tmp_path / "cible"
    with pytest.raises(InvalidInput, match=message):
        restore(bad, target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD, clock=clock)
    assert not target.exists()
    assert not any(".restauration" in name for name in siblings(target))


def test_altered_manifest_or_key_slots_are_refused(backup_file, tmp_path):
    data = backup_file.read_bytes()
    with zipfile.ZipFile(backup_file) as zf:
        slots = zf.read("keyslots.json")
    at = data.find(slots[100:140])
    changed = bytearray(data)
    changed[at] = ord("x") if changed[at] != ord("x") else ord("y")
    bad = tmp_path / f"cles{BACKUP_SUFFIX}"
    bad.write_bytes(bytes(changed))
    with pytest.raises(InvalidInput, match="modifiée ou endommagée"):
        read_manifest(bad)


# -- credentials -------------------------------------------------------------------------------


@pytest.fixture
def restored_target(backup_file, tmp_path, clock) -> Path:
    """A folder already holding a station (a first restore), to restore over."""
    target = tmp_path / "station-restauree"
    restore(backup_file, target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD, clock=clock)
    return target


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        ({"login": MANAGER_LOGIN, "password": "Pas-Le-Bon-Mot-2026!"},
         "Identifiant ou mot de passe incorrect."),
        ({"login": "inconnu", "password": MANAGER_PASSWORD},
         "Identifiant ou mot de passe incorrect."),
        ({"recovery_key": "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"},
         "Clé de secours incorrecte."),
    ],
)
def test_wrong_credentials_change_nothing(credentials, message, backup_file, restored_target,
                                          clock):
    before = snapshot_folder(restored_target)
    around = siblings(restored_target)
    with pytest.raises(WrongCredentials) as caught:
        restore(backup_file, restored_target, clock=clock, **credentials)
    assert caught.value.message == message
    assert snapshot_folder(restored_target) == before
    assert siblings(restored_target) == around


def test_wrong_password_on_a_fresh_target_leaves_nothing(backup_file, tmp_path, clock):
    target = tmp_path / "vide"
    with pytest.raises(WrongCredentials):
        restore(backup_file, target, login=MANAGER_LOGIN, password="Faux-Mot-De-Passe-1!",
                clock=clock)
    assert not target.exists()
    assert not any(".restauration" in name for name in siblings(target))


def test_credentials_must_be_given_one_way(backup_file, tmp_path, recovery_key):
    for credentials in ({}, {"login": MANAGER_LOGIN},
                        {"login": MANAGER_LOGIN, "password": MANAGER_PASSWORD,
                         "recovery_key": recovery_key}):
        with pytest.raises(InvalidInput, match="clé de secours"):
            restore(backup_file, tmp_path / "x", **credentials)


# -- an existing station -----------------------------------------------------------------------


def test_existing_station_is_set_aside_never_deleted(backup_file, restored_target, clock):
    before = snapshot_folder(restored_target)
    clock.advance(hours=2)
    result = restore(backup_file, restored_target, recovery_key=None, login=ASSISTANT_LOGIN,
                     password=ASSISTANT_PASSWORD, clock=clock)

    stamp = clock().astimezone().strftime("%Y%m%d-%H%M%S")
    assert result.data_dir == restored_target
    assert result.set_aside == restored_target.with_name(
        f"{restored_target.name}-avant-restauration-{stamp}")
    assert snapshot_folder(result.set_aside) == before  # intact, byte for byte
    with Station(result.set_aside, clock=clock, kdf_params=FAST_KDF) as old:
        old.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()
    with open_restored(restored_target) as db:
        detail = db.scalar("SELECT detail FROM audit_log ORDER BY id DESC LIMIT 1")
    assert result.set_aside.name in detail

    # A second restore in the same second gets another name: nothing is ever overwritten.
    first_aside = snapshot_folder(result.set_aside)
    again = restore(backup_file, restored_target, login=MANAGER_LOGIN,
                    password=MANAGER_PASSWORD, clock=clock)
    assert again.set_aside == restored_target.with_name(f"{result.set_aside.name}-2")
    assert snapshot_folder(result.set_aside) == first_aside


def test_empty_folder_is_simply_used(backup_file, tmp_path, clock):
    target = tmp_path / "vide"
    target.mkdir()
    result = restore(backup_file, target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD,
                     clock=clock)
    assert result.set_aside is None
    assert (target / "keyslots.json").exists()


def test_open_station_is_not_moved(backup_file, restored_target, clock):
    before = snapshot_folder(restored_target)
    with Station(restored_target, clock=clock, kdf_params=FAST_KDF), \
            pytest.raises(StationBusy):
        restore(backup_file, restored_target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD,
                clock=clock)
    assert snapshot_folder(restored_target) == before
    assert not any("avant-restauration" in name for name in siblings(restored_target))


def test_keys_of_another_station_fail_before_anything_moves(backup_file, restored_target,
                                                            tmp_path, clock):
    """Checksums fit, but the key slots come from another station: the database does not open,
    the restore stops and the station in place stays."""
    other = tmp_path / "autre"
    create_station(other, info=SERVICE, manager_login="autre", manager_name="Autre Personne",
                   manager_password="Ecluse-Verte-Rapide-42!", clock=clock, kdf_params=FAST_KDF)
    forged = rebuild(backup_file, tmp_path / f"melange{BACKUP_SUFFIX}",
                     slots=(other / "keyslots.json").read_bytes())
    before = snapshot_folder(restored_target)
    around = siblings(restored_target)
    with pytest.raises(InvalidInput, match="ne s'ouvre pas avec ses propres clés"):
        restore(forged, restored_target, login="autre", password="Ecluse-Verte-Rapide-42!",
                clock=clock)
    assert snapshot_folder(restored_target) == before
    assert siblings(restored_target) == around


def test_failure_at_the_last_step_puts_the_previous_station_back(backup_file, restored_target,
                                                                 clock, monkeypatch):
    before = snapshot_folder(restored_target)
    around = siblings(restored_target)
    real_rename = os.rename

    def rename(src, dst):
        if str(src).endswith(backup.STAGING_SUFFIX):
            raise OSError(errno.EIO, "erreur d'entrée-sortie")
        real_rename(src, dst)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(DiskIOError):
        restore(backup_file, restored_target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD,
                clock=clock)
    monkeypatch.undo()
    assert snapshot_folder(restored_target) == before
    assert siblings(restored_target) == around  # no set-aside copy, no staging left
    with Station(restored_target, clock=clock, kdf_params=FAST_KDF) as station:
        station.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()


# -- drives that fail, cancel, leftovers -------------------------------------------------------


def _no_backup_trace(filled: Session, usb: Path) -> None:
    assert os.listdir(usb) == []
    assert not (filled.station.paths.data_dir / BACKUP_COPY).exists()
    assert BackupService(filled).last_backup() is None
    assert all(e.action != "sauvegarde" for e in filled.audit.recent(20))


def test_full_drive_is_said_before_copying(filled, tmp_path):
    with mounted(tmp_path / "petite", "size=64k") as drive:
        with pytest.raises(WriteFailed, match="plus assez de place") as caught:
            BackupService(filled).make(drive)
        assert caught.value.exit_code == 7
        _no_backup_trace(filled, drive)


def test_drive_filling_up_while_writing_leaves_nothing(filled, tmp_path, monkeypatch):
    monkeypatch.setattr(drive_write, "MARGIN_BYTES", -10**9)  # free space looks sufficient
    with mounted(tmp_path / "petite", "size=64k") as drive:
        with pytest.raises(WriteFailed) as caught:
            BackupService(filled).make(drive)
        assert caught.value.message == drive_write.FULL
        _no_backup_trace(filled, drive)


def test_read_only_drive(filled, tmp_path):
    with mounted(tmp_path / "protegee", "ro,size=10m") as drive:
        with pytest.raises(WriteFailed) as caught:
            BackupService(filled).make(drive)
        assert caught.value.message == drive_write.READ_ONLY
        _no_backup_trace(filled, drive)


def test_missing_folder(filled, tmp_path):
    with pytest.raises(WriteFailed) as caught:
        BackupService(filled).make(tmp_path / "absent")
    assert caught.value.message == drive_write.NOT_A_FOLDER


@pytest.mark.parametrize("phase", ["copie", "ecriture", "relecture"])
def test_cancel_leaves_nothing(phase, filled, usb, monkeypatch):
    monkeypatch.setattr(backup, "STEP_PAGES", 16)
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        third = total // 3
        if phase == "copie":
            return not 0 < done < third
        if phase == "ecriture":
            return not third + 1 < done < 2 * third
        return done < 2 * third + 4096

    with pytest.raises(BackupCancelled, match="annulée"):
        BackupService(filled).make(usb, progress)
    assert len(seen) > 1
    _no_backup_trace(filled, usb)


def test_leftovers_of_a_killed_backup_are_removed(filled, usb):
    data_dir = filled.station.paths.data_dir
    (data_dir / BACKUP_COPY).write_bytes(os.urandom(4096))
    (data_dir / f"{BACKUP_COPY}-journal").write_bytes(b"x")
    stale = usb / f".anaiss-station-2026-01-01-0000{BACKUP_SUFFIX}.part"
    stale.write_bytes(b"PK\x03\x04 moitie")
    foreign = usb / ".anaiss-statistiques.csv.part"  # not a backup's: not ours to remove
    foreign.write_bytes(b"x")
    # A backup being written right now by another PC to the same shared folder: kept.
    living = usb / f".anaiss-station-2026-01-01-0001{BACKUP_SUFFIX}.part"
    living.write_bytes(b"PK")
    holder = open(living, "rb")  # noqa: SIM115 - held across the call on purpose
    try:
        import fcntl

        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)
        path = BackupService(filled).make(usb)
    finally:
        holder.close()
    assert sorted(os.listdir(usb)) == sorted([path.name, foreign.name, living.name])
    assert not any(name.startswith(BACKUP_COPY) for name in os.listdir(data_dir))


def test_opening_the_station_removes_a_leftover_copy(recovery_key, data_dir, clock):
    (data_dir / BACKUP_COPY).write_bytes(os.urandom(4096))
    (data_dir / f"{BACKUP_COPY}-journal").write_bytes(b"x")
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF):
        assert not any(name.startswith(BACKUP_COPY) for name in os.listdir(data_dir))


def test_read_manifest_follows_and_cancels(backup_file):
    calls: list[tuple[int, int]] = []
    manifest = read_manifest(backup_file, progress=lambda d, t: calls.append((d, t)) or True)
    assert calls and calls[-1][0] == manifest.database_size
    with pytest.raises(BackupCancelled):
        read_manifest(backup_file, progress=lambda d, t: False)


def test_restore_progress_and_cancel(backup_file, restored_target, clock):
    before = snapshot_folder(restored_target)
    with pytest.raises(BackupCancelled, match="Restauration annulée"):
        restore(backup_file, restored_target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD,
                clock=clock, progress=lambda d, t: d < t // 2)
    assert snapshot_folder(restored_target) == before
    calls: list[tuple[int, int]] = []
    restore(backup_file, restored_target, login=MANAGER_LOGIN, password=MANAGER_PASSWORD,
            clock=clock, progress=lambda d, t: calls.append((d, t)) or True)
    assert calls[-1][0] == calls[-1][1]
    assert [d for d, _t in calls] == sorted(d for d, _t in calls)


def test_manifest_is_readable_by_anyone(backup_file):
    with zipfile.ZipFile(backup_file) as zf:
        text = zf.read("manifest.json").decode("utf-8")
    manifest = read_manifest(backup_file)
    assert json.loads(text)["database_sha256"] == manifest.database_sha256
    assert re.fullmatch(r"[0-9a-f]{64}", manifest.keyslots_sha256)
    assert manifest.format_version == backup.FORMAT_VERSION
