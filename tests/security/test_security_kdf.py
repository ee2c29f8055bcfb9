"""Argon2id parameters travel with each slot, so a slot written with other costs still opens."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from conftest import FAST_KDF

from anaiss_desktop.security import kdf
from anaiss_desktop.security.keyslots import KeySlotFile

OTHER_KDF = kdf.KdfParams(memory_kib=24 * 1024, time_cost=3, parallelism=2)


def test_costs_follow_the_documented_floor():
    assert kdf.KdfParams(19 * 1024, 2, 1) == kdf.OWASP_MINIMUM
    assert kdf.DEFAULT.at_least(kdf.OWASP_MINIMUM)
    assert not kdf.OWASP_MINIMUM.at_least(kdf.DEFAULT)
    assert OTHER_KDF.at_least(kdf.OWASP_MINIMUM)


def test_params_round_trip_through_a_dict():
    data = OTHER_KDF.to_dict()
    assert data == {"memory_kib": 24 * 1024, "time_cost": 3, "parallelism": 2}
    assert kdf.KdfParams.from_dict(data) == OTHER_KDF
    assert kdf.KdfParams.from_dict({k: str(v) for k, v in data.items()}) == OTHER_KDF


def test_derive_is_deterministic_and_salted():
    salt = kdf.new_salt()
    assert len(salt) == kdf.SALT_BYTES
    one = kdf.derive(b"secret", salt, FAST_KDF)
    assert len(one) == 32
    assert kdf.derive(bytearray(b"secret"), salt, FAST_KDF) == one
    assert kdf.derive(b"secret", kdf.new_salt(), FAST_KDF) != one
    assert kdf.derive(b"secret", salt, OTHER_KDF) != one
    assert len(kdf.derive(b"secret", salt, FAST_KDF, length=16)) == 16


def test_params_are_stored_with_each_slot(tmp_path: Path):
    key = bytearray(secrets.token_bytes(32))
    slots, _ = KeySlotFile.create(tmp_path / "keyslots.json", key)
    slots.set_account_slot("amartin", "Accompagner-Chaque-Jour-7", key, FAST_KDF)
    slots.set_account_slot("lpetit", "Relais-Binome-Solide-2026!", key, OTHER_KDF)
    slots.save()
    data = json.loads((tmp_path / "keyslots.json").read_text())
    by_login = {
        login: data["slots"][slots.slot_id(login)]["kdf"] for login in ("amartin", "lpetit")
    }
    assert by_login["amartin"]["alg"] == "argon2id"
    assert kdf.KdfParams.from_dict(by_login["amartin"]) == FAST_KDF
    assert kdf.KdfParams.from_dict(by_login["lpetit"]) == OTHER_KDF
    assert by_login["amartin"]["salt"] != by_login["lpetit"]["salt"]

    reloaded = KeySlotFile.load(tmp_path / "keyslots.json")
    assert reloaded.unwrap("amartin", "Accompagner-Chaque-Jour-7") == key
    assert reloaded.unwrap("lpetit", "Relais-Binome-Solide-2026!") == key


def test_same_password_twice_gives_different_slots(tmp_path: Path):
    key = bytearray(secrets.token_bytes(32))
    slots, _ = KeySlotFile.create(tmp_path / "keyslots.json", key)
    slots.set_account_slot("a1", "Accompagner-Chaque-Jour-7", key, FAST_KDF)
    slots.set_account_slot("a2", "Accompagner-Chaque-Jour-7", key, FAST_KDF)
    first = slots._data["slots"][slots.slot_id("a1")]
    second = slots._data["slots"][slots.slot_id("a2")]
    assert first["wrapped"] != second["wrapped"]
    assert first["nonce"] != second["nonce"]
