"""Key slots: wrap/unwrap, recovery key, phantom entries, damaged files, atomic writes."""

from __future__ import annotations

import base64
import errno
import json
import os
import re
import secrets
from pathlib import Path

import pytest
from conftest import FAST_KDF

from anaiss_desktop.domain.lockout import SlotState
from anaiss_desktop.security import atomic
from anaiss_desktop.security.keyslots import (
    MAX_PHANTOMS,
    KeySlotFile,
    KeySlotsDamaged,
    generate_recovery_key,
    normalise_recovery_key,
)
from anaiss_desktop.storage.errors import DiskFull

DAMAGED_TEXT = "Le fichier des clés de la station est absent, endommagé ou étranger"
LOGIN = "amartin"
PASSWORD = "Accompagner-Chaque-Jour-7"


@pytest.fixture
def db_key() -> bytearray:
    return bytearray(secrets.token_bytes(32))


@pytest.fixture
def slots_path(tmp_path: Path) -> Path:
    return tmp_path / "keyslots.json"


@pytest.fixture
def slots(slots_path: Path, db_key: bytearray) -> tuple[KeySlotFile, str]:
    """A saved slot file with a recovery slot and one account slot; returns it and the key."""
    slot_file, recovery = KeySlotFile.create(slots_path, db_key)
    slot_file.set_account_slot(LOGIN, PASSWORD, db_key, FAST_KDF)
    slot_file.save()
    return slot_file, recovery


# -- account slots -------------------------------------------------------------------------------
def test_password_unwraps_the_key_after_reload(slots, slots_path, db_key):
    reloaded = KeySlotFile.load(slots_path)
    assert reloaded.unwrap(LOGIN, PASSWORD) == db_key
    assert reloaded.has_account_slot(LOGIN)
    assert reloaded.account_slot_count() == 1


def test_wrong_password_gives_none(slots):
    slot_file, _ = slots
    assert slot_file.unwrap(LOGIN, PASSWORD + "x") is None
    assert slot_file.unwrap(LOGIN, "") is None


def test_unknown_login_gives_none(slots):
    slot_file, _ = slots
    assert slot_file.unwrap("inconnu", PASSWORD) is None
    assert not slot_file.has_account_slot("inconnu")


def test_login_compares_without_case_or_surrounding_spaces(slots, db_key):
    slot_file, _ = slots
    assert slot_file.unwrap("  AMartin ", PASSWORD) == db_key
    assert slot_file.slot_id("AMARTIN") == slot_file.slot_id("amartin")


def test_rewrapping_replaces_the_old_password(slots, db_key):
    slot_file, _ = slots
    slot_file.set_account_slot(LOGIN, "Nouveau-Secret-Solide-8!", db_key, FAST_KDF)
    assert slot_file.unwrap(LOGIN, PASSWORD) is None
    assert slot_file.unwrap(LOGIN, "Nouveau-Secret-Solide-8!") == db_key


def test_removed_slot_opens_nothing(slots):
    slot_file, _ = slots
    slot_file.remove_account_slot(LOGIN)
    assert slot_file.unwrap(LOGIN, PASSWORD) is None
    assert slot_file.account_slot_count() == 0


def test_a_slot_copied_under_another_login_does_not_open(slots, slots_path):
    """The slot id is bound into the AES-GCM associated data."""
    slot_file, _ = slots
    data = json.loads(slots_path.read_text())
    data["slots"][slot_file.slot_id("intrus")] = data["slots"][slot_file.slot_id(LOGIN)]
    slots_path.write_text(json.dumps(data))
    assert KeySlotFile.load(slots_path).unwrap("intrus", PASSWORD) is None


def test_a_slot_from_another_station_does_not_open(slots, slots_path):
    data = json.loads(slots_path.read_text())
    data["station_id"] = "00000000-0000-0000-0000-000000000000"
    slots_path.write_text(json.dumps(data))
    assert KeySlotFile.load(slots_path).unwrap(LOGIN, PASSWORD) is None


def test_tampered_ciphertext_gives_none(slots, slots_path):
    slot_file, _ = slots
    data = json.loads(slots_path.read_text())
    entry = data["slots"][slot_file.slot_id(LOGIN)]
    raw = bytearray(base64.b64decode(entry["wrapped"]))
    raw[0] ^= 1
    entry["wrapped"] = base64.b64encode(bytes(raw)).decode()
    slots_path.write_text(json.dumps(data))
    assert KeySlotFile.load(slots_path).unwrap(LOGIN, PASSWORD) is None


def test_slot_with_broken_metadata_is_damaged(slots, slots_path):
    slot_file, _ = slots
    data = json.loads(slots_path.read_text())
    del data["slots"][slot_file.slot_id(LOGIN)]["kdf"]
    slots_path.write_text(json.dumps(data))
    with pytest.raises(KeySlotsDamaged) as info:
        KeySlotFile.load(slots_path).unwrap(LOGIN, PASSWORD)
    assert info.value.message.startswith(DAMAGED_TEXT)


def test_file_holds_neither_login_nor_key_nor_password(slots, slots_path, db_key):
    _, recovery = slots
    text = slots_path.read_bytes()
    for secret in (LOGIN, PASSWORD, recovery, db_key.hex()):
        assert secret.encode() not in text
    assert base64.b64encode(bytes(db_key)) not in text


# -- recovery key --------------------------------------------------------------------------------
def test_recovery_key_format():
    key = generate_recovery_key()
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", key)
    assert generate_recovery_key() != key


def test_recovery_key_unwraps_the_key(slots, slots_path, db_key):
    _, recovery = slots
    assert KeySlotFile.load(slots_path).unwrap_recovery(recovery) == db_key


@pytest.mark.parametrize(
    "typed",
    [
        lambda k: k.lower(),
        lambda k: k.replace("-", " "),
        lambda k: k.replace("-", ""),
        lambda k: "  " + k.replace("-", "  ").lower() + "\n",
    ],
    ids=["lower", "spaces", "no-separator", "messy"],
)
def test_recovery_key_typing_slips_are_forgiven(slots, db_key, typed):
    slot_file, recovery = slots
    assert slot_file.unwrap_recovery(typed(recovery)) == db_key


def test_zero_one_eight_read_as_o_i_b():
    # A key holding O, I and B, then typed with the digits that look like them.
    text = "OIBA" + "CDEF" + "GHJK" + "LMNP" + "QRST" + "UVWX" + "YZ23" + "4567"
    raw = base64.b32decode(text)
    slipped = text.replace("O", "0").replace("I", "1").replace("B", "8").lower()
    assert normalise_recovery_key(slipped) == raw
    assert normalise_recovery_key("-".join(text[i : i + 4] for i in range(0, 32, 4))) == raw


@pytest.mark.parametrize("typed", ["", "ABCD", "A" * 31, "A" * 40, "éèàù" * 8, "!!!!"])
def test_malformed_recovery_keys_give_none(typed):
    assert normalise_recovery_key(typed) is None


def test_wrong_recovery_key_gives_none(slots):
    slot_file, _ = slots
    assert slot_file.unwrap_recovery(generate_recovery_key()) is None
    assert slot_file.unwrap_recovery("pas une clé") is None


def test_new_recovery_key_replaces_the_old_one(slots, db_key):
    slot_file, old = slots
    new = slot_file.set_recovery(db_key)
    assert slot_file.unwrap_recovery(old) is None
    assert slot_file.unwrap_recovery(new) == db_key


# -- lockout counters and phantoms ---------------------------------------------------------------
def test_counters_survive_a_reload(slots, slots_path):
    slot_file, _ = slots
    slot_file.set_state(LOGIN, SlotState(2, False, "2026-11-02T09:00:00+00:00"))
    slot_file.save()
    assert KeySlotFile.load(slots_path).state(LOGIN) == SlotState(
        2, False, "2026-11-02T09:00:00+00:00"
    )


def test_unknown_login_gets_a_phantom_that_locks_like_a_real_one(slots, slots_path):
    slot_file, _ = slots
    locked = SlotState(3, True, "2026-11-02T09:00:00+00:00")
    slot_file.set_state("inconnu", locked)
    slot_file.set_state(LOGIN, locked)
    slot_file.save()
    reloaded = KeySlotFile.load(slots_path)
    assert reloaded.state("inconnu") == reloaded.state(LOGIN) == locked
    assert not reloaded.has_account_slot("inconnu")
    assert reloaded.account_slot_count() == 1
    assert b"inconnu" not in slots_path.read_bytes()


def test_a_clean_state_for_an_unknown_login_writes_nothing(slots):
    slot_file, _ = slots
    before = json.dumps(slot_file._data, sort_keys=True)
    slot_file.set_state("inconnu", SlotState())
    assert json.dumps(slot_file._data, sort_keys=True) == before


def test_phantoms_are_bounded_and_the_oldest_go_first(slots):
    slot_file, _ = slots
    for i in range(MAX_PHANTOMS + 10):
        at = f"2026-11-02T09:{i // 60:02d}:{i % 60:02d}"
        slot_file.set_state(f"fantome{i}", SlotState(1, False, at))
    phantoms = [e for e in slot_file._data["slots"].values() if not e.get("wrapped")]
    assert len(phantoms) == MAX_PHANTOMS
    assert slot_file.state("fantome0") == SlotState()  # evicted
    assert slot_file.state(f"fantome{MAX_PHANTOMS + 9}").failures == 1
    assert slot_file.account_slot_count() == 1  # real accounts are never evicted


def test_writing_an_account_slot_clears_its_lock(slots, db_key):
    slot_file, _ = slots
    slot_file.set_state(LOGIN, SlotState(3, True, "x"))
    slot_file.set_account_slot(LOGIN, PASSWORD, db_key, FAST_KDF)
    assert slot_file.state(LOGIN) == SlotState()


# -- audit anchor ----------------------------------------------------------------------------------
def test_audit_anchor_round_trip(slots, slots_path):
    slot_file, _ = slots
    assert slot_file.audit_anchor == (0, "")
    slot_file.set_audit_anchor(7, "ab" * 32)
    slot_file.save()
    assert KeySlotFile.load(slots_path).audit_anchor == (7, "ab" * 32)


# -- missing, damaged, foreign files ---------------------------------------------------------------
def _valid_data() -> dict:
    return KeySlotFile.new_data()


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff\xfe garbage \x89PNG",
        b'{"format": 1, "station_id": "x", "login_salt": "AAAA", "sl',  # cut short
        b"[1, 2, 3]",
        b'"just a string"',
        b'{"name": "another application", "version": 3}',
        json.dumps({**_valid_data(), "format": 2}).encode(),
        json.dumps({k: v for k, v in _valid_data().items() if k != "slots"}).encode(),
        json.dumps({**_valid_data(), "login_salt": "not base64 !!"}).encode(),
        b"SQLite format 3\x00" + bytes(100),
    ],
    ids=[
        "empty",
        "binary",
        "truncated",
        "json-list",
        "json-string",
        "foreign-json",
        "future-format",
        "no-slots",
        "bad-salt",
        "a-database",
    ],
)
def test_damaged_or_foreign_file_is_reported_in_french(slots_path, content):
    slots_path.write_bytes(content)
    with pytest.raises(KeySlotsDamaged) as info:
        KeySlotFile.load(slots_path)
    assert info.value.message.startswith(DAMAGED_TEXT)
    assert "Restaurez une sauvegarde" in info.value.message


def test_missing_file_is_reported_in_french(tmp_path):
    with pytest.raises(KeySlotsDamaged) as info:
        KeySlotFile.load(tmp_path / "absent.json")
    assert info.value.message.startswith(DAMAGED_TEXT)


def test_slots_of_the_wrong_type_are_damaged(slots_path):
    slots_path.write_text(json.dumps({**_valid_data(), "slots": []}))
    with pytest.raises(KeySlotsDamaged):
        KeySlotFile.load(slots_path).state(LOGIN)


# -- atomic writes ---------------------------------------------------------------------------------
def test_failed_write_leaves_the_old_file(slots, slots_path, db_key):
    """A real failure: the temporary file's name is taken by a folder, so it cannot be created."""
    slot_file, _ = slots
    before = slots_path.read_bytes()
    blocker = slots_path.with_name(f".{slots_path.name}.{os.getpid()}.tmp")
    blocker.mkdir()
    slot_file.set_account_slot(LOGIN, "Nouveau-Secret-Solide-8!", db_key, FAST_KDF)
    with pytest.raises(OSError):
        slot_file.save()
    assert slots_path.read_bytes() == before
    assert KeySlotFile.load(slots_path).unwrap(LOGIN, PASSWORD) == db_key


def test_disk_full_during_write_leaves_the_old_file_and_no_temporary(
    slots, slots_path, db_key, monkeypatch
):
    slot_file, _ = slots
    before = slots_path.read_bytes()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    slot_file.set_account_slot(LOGIN, "Nouveau-Secret-Solide-8!", db_key, FAST_KDF)
    with pytest.raises(DiskFull) as info:
        slot_file.save()
    monkeypatch.undo()
    assert info.value.message.startswith("Le disque est plein")
    assert slots_path.read_bytes() == before
    assert sorted(p.name for p in slots_path.parent.iterdir()) == [slots_path.name]


def test_write_atomic_replaces_whole_file(tmp_path):
    target = tmp_path / "f.bin"
    target.write_bytes(b"old" * 1000)
    atomic.write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]
