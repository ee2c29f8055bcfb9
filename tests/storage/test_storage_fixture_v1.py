"""A real station written by schema version 1 still opens, and migrates to the latest schema."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import FAST_KDF, FakeClock

from anaiss_desktop.services.station import MIGRATION_BACKUPS, Station
from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.migrations import latest_version

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
FIXTURE_DIR = FIXTURES / "schema_v1"
SECRETS = json.loads((FIXTURES / "schema_v1.json").read_text(encoding="utf-8"))


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """Work on a copy: the committed fixture must never change."""
    target = tmp_path / "station"
    shutil.copytree(FIXTURE_DIR, target)
    return target


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.fromisoformat(SECRETS["created_at"]) + timedelta(days=1))


def test_fixture_is_schema_one_and_encrypted(copy):
    key = bytearray.fromhex(SECRETS["db_key_hex"])
    with Database.open(copy / "station.db", key) as db:
        assert db.user_version == SECRETS["schema_version"] == 1
        assert db.integrity_check() == []
    raw = b"".join(p.read_bytes() for p in copy.iterdir())
    for account in SECRETS["accounts"]:
        for secret in (account["login"], account["full_name"], account["password"]):
            assert secret.encode() not in raw
    assert SECRETS["service_name"].encode() not in raw
    assert b"CREATE TABLE" not in raw


def test_fixture_opens_and_migrates_to_the_latest_schema(copy, clock):
    before = _digest(FIXTURE_DIR)
    manager, assistant = SECRETS["accounts"]
    with Station(copy, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(manager["login"], manager["password"])
        try:
            assert session.db.user_version == latest_version()
            assert session.account.full_name == manager["full_name"]
            assert session.station_info().service_name == SECRETS["service_name"]
            assert not session.must_change_password
            assert session.verify() == []
        finally:
            session.close()
        session = station.login(assistant["login"], assistant["password"])
        assert session.account.role.value == "assistant"
        session.close()
    copies = copy / MIGRATION_BACKUPS
    if latest_version() > 1:
        assert [p.name.startswith("station-v1-") for p in copies.iterdir()] == [True]
    else:
        assert not copies.exists()
    assert _digest(FIXTURE_DIR) == before


def test_fixture_recovery_key_still_opens(copy, clock):
    with Station(copy, clock=clock, kdf_params=FAST_KDF) as station:
        key = station.slots.unwrap_recovery(SECRETS["recovery_key"])
        assert key is not None and key.hex() == SECRETS["db_key_hex"]
