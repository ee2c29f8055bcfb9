"""The audit hash chain: intact, changed entry, removed entry, log cut short at its end."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import FakeClock
from sqlcipher3 import dbapi2 as sqlcipher

from anaiss_desktop.security.audit import GENESIS, AuditEntry, AuditLog, entry_hash, verify_chain
from anaiss_desktop.security.keyslots import KeySlotFile
from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.migrations import migrate


def _chain(n: int) -> list[AuditEntry]:
    entries = []
    prev = GENESIS
    for i in range(1, n + 1):
        fields = (f"2026-11-02T09:00:{i:02d}+00:00", "responsable", "connexion", "", "")
        digest = entry_hash(prev, i, *fields)
        entries.append(AuditEntry(i, *fields, prev, digest))
        prev = digest
    return entries


# -- the pure rule ---------------------------------------------------------------------------------
def test_intact_chain_has_no_problem():
    entries = _chain(5)
    assert verify_chain(entries, (5, entries[-1].hash)) == []


def test_empty_log_with_empty_anchor_is_fine():
    assert verify_chain([], (0, "")) == []


def test_changed_field_is_found():
    entries = _chain(5)
    entries[2] = replace(entries[2], detail="réécrit")
    problems = verify_chain(entries, (5, entries[-1].hash))
    assert problems == [
        "Journal d'audit : l'entrée n° 3 a été modifiée ou une entrée précédente a été supprimée."
    ]


def test_removed_entry_in_the_middle_is_found():
    entries = _chain(5)
    del entries[1]
    problems = verify_chain(entries, (5, entries[-1].hash))
    assert len(problems) == 1
    assert "l'entrée n° 3" in problems[0]


def test_rehashed_entry_breaks_its_successor():
    entries = _chain(4)
    e = entries[1]
    forged = replace(e, actor="quelqu'un", hash=entry_hash(e.prev_hash, e.id, e.at, "quelqu'un",
                                                           e.action, e.target, e.detail))
    entries[1] = forged
    assert "l'entrée n° 3" in verify_chain(entries, (4, entries[-1].hash))[0]


def test_log_cut_short_is_found_through_the_anchor():
    entries = _chain(6)
    anchor = (6, entries[-1].hash)
    assert verify_chain(entries[:4], anchor) == [
        "Journal d'audit : 2 entrée(s) manquent à la fin du journal."
    ]


def test_anchor_one_entry_behind_is_accepted():
    """A crash between the database commit and the anchor write leaves the anchor lagging."""
    entries = _chain(6)
    assert verify_chain(entries, (5, entries[4].hash)) == []


def test_replaced_log_does_not_match_its_anchor():
    entries = _chain(6)
    other = [replace(e, at="2025-01-01T00:00:00+00:00") for e in _chain(6)]
    other = _rechain(other)
    assert verify_chain(other, (6, entries[-1].hash)) == [
        "Journal d'audit : le journal ne correspond pas à son ancre."
    ]


def _rechain(entries: list[AuditEntry]) -> list[AuditEntry]:
    prev, out = GENESIS, []
    for e in entries:
        digest = entry_hash(prev, e.id, e.at, e.actor, e.action, e.target, e.detail)
        out.append(replace(e, prev_hash=prev, hash=digest))
        prev = digest
    return out


# -- on a real SQLCipher database ------------------------------------------------------------------
@pytest.fixture
def audit_env(tmp_path: Path) -> Iterator[tuple[Database, KeySlotFile, AuditLog]]:
    key = bytearray(secrets.token_bytes(32))
    db = Database.open(tmp_path / "station.db", key, create=True)
    migrate(db, None)
    slots, _ = KeySlotFile.create(tmp_path / "keyslots.json", key)
    clock = FakeClock(datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc))
    audit = AuditLog(db, slots, clock)
    for action in ("station.creation", "connexion", "compte.creation", "deconnexion"):
        audit.append("responsable", action, target="compte:amartin")
        clock.advance(minutes=1)
    yield db, slots, audit
    db.close()


def test_real_log_verifies_and_anchor_is_saved(audit_env, tmp_path):
    db, slots, audit = audit_env
    assert audit.verify() == []
    entries = audit.entries()
    assert [e.action for e in entries] == [
        "station.creation", "connexion", "compte.creation", "deconnexion"
    ]
    assert [e.id for e in audit.recent(2)] == [4, 3]
    assert KeySlotFile.load(tmp_path / "keyslots.json").audit_anchor == (4, entries[-1].hash)


def test_triggers_refuse_update_and_delete(audit_env):
    db, _, _ = audit_env
    with pytest.raises(sqlcipher.Error, match="append-only"):
        db.execute("UPDATE audit_log SET detail = 'x' WHERE id = 1")
    with pytest.raises(sqlcipher.Error, match="append-only"):
        db.execute("DELETE FROM audit_log WHERE id = 4")


def test_modified_entry_is_found_even_with_triggers_dropped(audit_env):
    db, _, audit = audit_env
    db.execute("DROP TRIGGER audit_log_no_update")
    db.execute("UPDATE audit_log SET actor = 'quelqu''un' WHERE id = 2")
    problems = audit.verify()
    assert len(problems) == 1
    assert "l'entrée n° 2 a été modifiée" in problems[0]


def test_deleted_last_entries_are_found_through_the_anchor(audit_env, tmp_path):
    db, _, _ = audit_env
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id >= 3")
    # A fresh reader, as after a restart: the anchor comes from the key-slot file on disk.
    slots = KeySlotFile.load(tmp_path / "keyslots.json")
    problems = AuditLog(db, slots, FakeClock()).verify()
    assert problems == ["Journal d'audit : 2 entrée(s) manquent à la fin du journal."]


def test_deleted_middle_entry_is_found(audit_env):
    db, _, audit = audit_env
    db.execute("DROP TRIGGER audit_log_no_delete")
    db.execute("DELETE FROM audit_log WHERE id = 2")
    problems = audit.verify()
    assert problems and "l'entrée n° 3" in problems[0]


def test_append_after_reopen_continues_the_chain(audit_env, tmp_path):
    db, _, _ = audit_env
    slots = KeySlotFile.load(tmp_path / "keyslots.json")
    log = AuditLog(db, slots, FakeClock())
    entry = log.append("amartin", "connexion")
    assert entry.id == 5
    assert log.verify() == []
