"""Append-only, hash-chained audit log.

Each entry carries the SHA-256 of the previous entry's hash and its own fields, so changing or
removing an entry breaks the chain. The latest (count, hash) is also anchored in the key-slot file,
which catches a log cut short at its end. The anchor may lag one entry behind after a crash between
the database commit and the anchor write; verification accepts a chain that is *longer* than the
anchor as long as the anchored entry matches.

Entries name accounts and record ids, never the content of notes or a person's data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from ..storage.database import Database
from .keyslots import KeySlotFile

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    action: str
    target: str
    detail: str
    prev_hash: str
    hash: str


def entry_hash(
    prev_hash: str, entry_id: int, at: str, actor: str, action: str, target: str, detail: str
) -> str:
    payload = json.dumps(
        [prev_hash, entry_id, at, actor, action, target, detail], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def verify_chain(entries: Iterable[AuditEntry], anchor: tuple[int, str]) -> list[str]:
    """Problems found in the chain (French sentences); an empty list means it is intact."""
    problems: list[str] = []
    prev = GENESIS
    count = 0
    anchored_hash = None
    for count, entry in enumerate(entries, start=1):
        expected = entry_hash(
            prev, entry.id, entry.at, entry.actor, entry.action, entry.target, entry.detail
        )
        if entry.prev_hash != prev or entry.hash != expected:
            problems.append(
                f"Journal d'audit : l'entrée n° {entry.id} a été modifiée ou une entrée "
                "précédente a été supprimée."
            )
            return problems
        prev = entry.hash
        if count == anchor[0]:
            anchored_hash = entry.hash
    anchor_count, anchor_hash = anchor
    if count < anchor_count:
        problems.append(
            f"Journal d'audit : {anchor_count - count} entrée(s) manquent à la fin du journal."
        )
    elif anchor_count and anchored_hash != anchor_hash:
        problems.append("Journal d'audit : le journal ne correspond pas à son ancre.")
    return problems


class AuditLog:
    """Writes and reads the ``audit_log`` table, keeping the anchor in the key-slot file."""

    def __init__(
        self,
        db: Database,
        slots: KeySlotFile,
        clock: Callable[[], datetime],
        *,
        save: bool = True,
    ) -> None:
        """``save=False`` keeps the anchor in memory only (station creation saves it last)."""
        self._db = db
        self._slots = slots
        self._clock = clock
        self._save = save

    def append(self, actor: str, action: str, target: str = "", detail: str = "") -> AuditEntry:
        at = self._clock().isoformat(timespec="seconds")
        with self._db.transaction():
            row = self._db.query_one("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1")
            prev_id, prev_hash = row if row else (0, GENESIS)
            entry_id = prev_id + 1
            digest = entry_hash(prev_hash, entry_id, at, actor, action, target, detail)
            self._db.execute(
                "INSERT INTO audit_log(id, at, actor, action, target, detail, prev_hash, hash)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (entry_id, at, actor, action, target, detail, prev_hash, digest),
            )
        count = self._db.scalar("SELECT count(*) FROM audit_log")
        self._slots.set_audit_anchor(count, digest)
        if self._save:
            self._slots.save()
        return AuditEntry(entry_id, at, actor, action, target, detail, prev_hash, digest)

    def entries(self) -> list[AuditEntry]:
        rows = self._db.query(
            "SELECT id, at, actor, action, target, detail, prev_hash, hash FROM audit_log"
            " ORDER BY id"
        )
        return [AuditEntry(*row) for row in rows]

    def recent(self, limit: int = 200) -> list[AuditEntry]:
        rows = self._db.query(
            "SELECT id, at, actor, action, target, detail, prev_hash, hash FROM audit_log"
            " ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AuditEntry(*row) for row in rows]

    def verify(self) -> list[str]:
        return verify_chain(self.entries(), self._slots.audit_anchor)
