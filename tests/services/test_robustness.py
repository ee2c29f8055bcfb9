"""Failure paths that must leave the station whole: a log cut short, a slot write that fails,
a lock during a password change, phantom entries under pressure, files other users could read.
"""

from __future__ import annotations

import os
import stat

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
)

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.security import keyslots
from anaiss_desktop.security.keyslots import KeySlotFile
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.errors import AccountLocked, WrongCredentials
from anaiss_desktop.services.station import Station, StationPaths
from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.errors import StorageError

TEMP = "Provisoire-Solide-77!"


def _raw_db(data_dir, login, password) -> Database:
    """What someone holding a password can do with the files: open the store directly."""
    key = KeySlotFile.load(StationPaths(data_dir).keyslots).unwrap(login, password)
    assert key is not None
    return Database.open(StationPaths(data_dir).database, key)


def test_a_log_cut_short_stays_reported_after_new_logins(station, data_dir, clock):
    for _ in range(3):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()
    station.close()
    db = _raw_db(data_dir, MANAGER_LOGIN, MANAGER_PASSWORD)
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id >= 3")
    db.close()
    reopened = Station(data_dir, clock=clock, kdf_params=FAST_KDF)
    try:
        for _ in range(2):  # each login appends and moves the anchor
            reopened.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()
        session = reopened.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        problems = session.verify()
        session.close()
    finally:
        reopened.close()
    assert any("rupture" in p for p in problems), problems


def test_an_intact_log_has_no_rupture_after_many_logins(station):
    for _ in range(4):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    assert session.verify() == []
    session.close()


def _block_slot_writes(data_dir):
    """A folder where the slot file's temporary copy goes: the next write fails for real."""
    blocker = data_dir / f".keyslots.json.{os.getpid()}.tmp"
    blocker.mkdir()
    (blocker / "x").write_text("occupé")
    return blocker


def test_failed_slot_write_leaves_no_half_created_account(station, data_dir):
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    accounts = AccountService(session)
    blocker = _block_slot_writes(data_dir)
    with pytest.raises((StorageError, OSError)):
        accounts.create("lpetit", "Louis Petit", Role.ASSISTANT, temporary_password=TEMP)
    assert "lpetit" not in [v.account.login for v in accounts.list_accounts()]
    (blocker / "x").unlink()
    blocker.rmdir()
    accounts.create("lpetit", "Louis Petit", Role.ASSISTANT, temporary_password=TEMP)
    session.close()
    assert station.login("lpetit", TEMP).must_change_password


def test_failed_slot_write_on_reset_keeps_the_old_password(station, data_dir):
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    blocker = _block_slot_writes(data_dir)
    with pytest.raises((StorageError, OSError)):
        AccountService(session).reset_password(ASSISTANT_LOGIN, TEMP)
    (blocker / "x").unlink()
    blocker.rmdir()
    session.close()
    with pytest.raises(WrongCredentials):
        station.login(ASSISTANT_LOGIN, TEMP)
    assistant = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert not assistant.must_change_password
    assistant.close()


def test_a_wiped_session_key_is_never_wrapped(station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    with pytest.raises(ValueError):
        session.slots.set_account_slot(ASSISTANT_LOGIN, TEMP, bytearray(32), FAST_KDF)
    session.close()


def test_a_wrong_current_password_is_in_the_audit_log(station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    with pytest.raises(WrongCredentials):
        session.change_password("pas le bon", "Nouvelle-Phrase-Solide-88")
    last = session.audit.entries()[-1]
    assert (last.actor, last.action) == (ASSISTANT_LOGIN, "connexion.echec")
    session.close()


def test_locked_phantoms_outlive_unlocked_ones(station, monkeypatch):
    monkeypatch.setattr(keyslots, "MAX_PHANTOMS", 5)
    for _ in range(3):
        with pytest.raises((WrongCredentials, AccountLocked)):
            station.login("personne", "essai")
    for i in range(12):  # many other unknown names, one try each
        with pytest.raises(WrongCredentials):
            station.login(f"inconnu{i}", "essai")
    assert station.is_locked("personne")  # still says "verrouillé", like a real account


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_station_files_are_the_owners_only(station, data_dir):
    paths = StationPaths(data_dir)
    assert stat.S_IMODE(paths.data_dir.stat().st_mode) == 0o700
    for path in (paths.database, paths.keyslots):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, path
