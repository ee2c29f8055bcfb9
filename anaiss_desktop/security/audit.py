"""Append-only, hash-chained audit log.

Each entry carries the SHA-256 of the previous entry's hash and its own fields, so changing or
removing an entry breaks the chain. The latest (count, hash) is also anchored in the key-slot file,
which catches a log cut short at its end. The anchor may lag one entry behind after a crash between
the database commit and the anchor write; verification accepts a chain that is *longer* than the
anchor as long as the anchored entry matches.

Every append first checks the log's tail against the anchor. Otherwise a log cut short and then
appended to (each login appends) would carry a fresh anchor and look intact. A mismatch is
recorded for good in the key-slot file (``broken_at``), which every later verification reports.

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


def tail_matches_anchor(count: int, hash_at_anchor: str | None, anchor: tuple[int, str]) -> bool:
    """Whether a log of ``count`` entries fits the anchor (the entry at the anchored position is
    the anchored one; one entry more is the lag a crash can leave)."""
    anchor_count, anchor_hash = anchor
    if anchor_count == 0:
        return count <= 1
    return count in (anchor_count, anchor_count + 1) and hash_at_anchor == anchor_hash


def verify_chain(
    entries: Iterable[AuditEntry], anchor: tuple[int, str], broken_at: str | None = None
) -> list[str]:
    """Problems found in the chain (French sentences); an empty list means it is intact."""
    problems: list[str] = []
    if broken_at:
        problems.append(
            f"Journal d'audit : une rupture a été constatée le {broken_at} (des entrées avaient "
            "été supprimées ou remplacées avant cette date)."
        )
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
            self._check_tail(at)
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

    def _check_tail(self, at: str) -> None:
        """Record, once and for good, a log that no longer fits its anchor."""
        if self._slots.audit_broken_at:
            return
        anchor = self._slots.audit_anchor
        count = int(self._db.scalar("SELECT count(*) FROM audit_log"))
        anchored = self._db.scalar("SELECT hash FROM audit_log WHERE id = ?", (anchor[0],))
        if not tail_matches_anchor(count, anchored, anchor):
            self._slots.mark_audit_broken(at)

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
        return verify_chain(
            self.entries(), self._slots.audit_anchor, self._slots.audit_broken_at
        )
