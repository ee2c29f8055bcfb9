"""The key-slot file: the database key *K* wrapped once per account and once by the recovery key.

Each account slot holds *K* encrypted with AES-256-GCM under a key derived from the account's
password by Argon2id (parameters stored in the slot). Adding or resetting an account rewrites one
slot; the database is never re-encrypted. The file also keeps what must be known *before* the
database can be opened: consecutive login failures and the lock flag (so a lockout survives a
restart), and the latest audit hash (so a truncated audit log is detected).

Slots are indexed by a salted SHA-256 of the folded login, so the file does not list the
accounts at a glance (a list of the staff's names, tried one by one, would still find them).
Unknown login names get "phantom" entries that count failures and lock exactly like real ones,
so the messages do not tell whether a login exists. Phantoms are bounded in number; unlocked
ones are dropped first, so telling a locked phantom from a locked account would take thousands
of keyboard attempts.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import uuid
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..domain.lockout import SlotState
from ..storage.errors import StorageError, translate
from . import kdf
from .atomic import write_atomic

FORMAT = 1
NONCE_BYTES = 12
MAX_PHANTOMS = 2000
MAX_PENDING_EVENTS = 200
RECOVERY_BYTES = 20  # 160 bits, shown as 32 base32 characters
_B32_FIXES = str.maketrans({"0": "O", "1": "I", "8": "B"})


class KeySlotsDamaged(StorageError):
    default_message = (
        "Le fichier des clés de la station est absent, endommagé ou étranger : "
        "la station ne peut pas être ouverte. Restaurez une sauvegarde."
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fold_login(login: str) -> str:
    """Login names compare without case or surrounding spaces."""
    return login.strip().casefold()


def generate_recovery_key() -> str:
    """A fresh recovery key, grouped for reading aloud: ``ABCD-EFGH-…`` (8 groups of 4)."""
    raw = base64.b32encode(secrets.token_bytes(RECOVERY_BYTES)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_key(text: str) -> bytes | None:
    """Bytes behind a typed recovery key (spaces, dashes, case, 0/O 1/I 8/B slips forgiven)."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_B32_FIXES)
    try:
        raw = base64.b32decode(cleaned)
    except (ValueError, base64.binascii.Error):
        return None
    return raw if len(raw) == RECOVERY_BYTES else None


def _check_shape(data: Any) -> None:
    """Raise ``ValueError`` unless ``data`` has the fields and types this version writes."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError("format")
    if not isinstance(data["station_id"], str):
        raise ValueError("station_id")
    _unb64(data["login_salt"])
    slots = data["slots"]
    if not isinstance(slots, dict) or not all(isinstance(e, dict) for e in slots.values()):
        raise ValueError("slots")
    anchor = data["audit_anchor"]
    if not isinstance(anchor, dict) or not isinstance(anchor["hash"], str):
        raise ValueError("audit_anchor")
    int(anchor["count"])
    if data.get("recovery") is not None and not isinstance(data["recovery"], dict):
        raise ValueError("recovery")
    if not isinstance(data.get("pending_events", []), list):
        raise ValueError("pending_events")


class KeySlotFile:
    """In-memory view of ``keyslots.json``; every change is written atomically with :meth:`save`."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = Path(path)
        self._data = data

    # -- creation and loading ------------------------------------------------------------------
    @staticmethod
    def new_data() -> dict[str, Any]:
        """Contents of a brand-new slot file: no account, no recovery slot yet."""
        return {
            "format": FORMAT,
            "station_id": str(uuid.uuid4()),
            "login_salt": _b64(os.urandom(16)),
            "slots": {},
            "recovery": None,
            "audit_anchor": {"count": 0, "hash": ""},
        }

    @classmethod
    def create(cls, path: Path, db_key: bytearray) -> tuple[KeySlotFile, str]:
        """A new slot file for ``db_key`` with its recovery slot; returns it and the key."""
        slots = cls(path, cls.new_data())
        recovery_key = slots.set_recovery(db_key)
        slots.save()
        return slots, recovery_key

    @classmethod
    def load(cls, path: Path) -> KeySlotFile:
        try:
            raw = Path(path).read_bytes()
        except FileNotFoundError as exc:
            raise KeySlotsDamaged() from exc
        except OSError as exc:
            raise translate(exc) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
            _check_shape(data)
        except (ValueError, UnicodeDecodeError, AttributeError, TypeError, KeyError) as exc:
            raise KeySlotsDamaged() from exc
        return cls(path, data)

    def reload(self) -> None:
        """Drop unsaved changes by reading the file again, in place, so every holder of this
        object (the session's audit log too) sees what is really on disk."""
        self._data = KeySlotFile.load(self.path)._data

    def save(self) -> None:
        payload = json.dumps(self._data, indent=1, sort_keys=True).encode("utf-8")
        try:
            write_atomic(self.path, payload)
        except OSError as exc:
            raise translate(exc) from exc

    # -- identity ------------------------------------------------------------------------------
    @property
    def station_id(self) -> str:
        return str(self._data["station_id"])

    def slot_id(self, login: str) -> str:
        salt = _unb64(self._data["login_salt"])
        return hashlib.sha256(salt + fold_login(login).encode("utf-8")).hexdigest()

    def _aad(self, slot_id: str) -> bytes:
        return f"anaiss-keyslot:{self.station_id}:{slot_id}".encode()

    def _entry(self, login: str) -> dict[str, Any] | None:
        return self._data["slots"].get(self.slot_id(login))

    def has_account_slot(self, login: str) -> bool:
        entry = self._entry(login)
        return bool(entry and entry.get("wrapped"))

    def account_slot_count(self) -> int:
        return sum(1 for e in self._data["slots"].values() if e.get("wrapped"))

    # -- account slots -------------------------------------------------------------------------
    def set_account_slot(
        self, login: str, password: str, db_key: bytearray, params: kdf.KdfParams = kdf.DEFAULT
    ) -> None:
        """(Re)wrap ``db_key`` for ``login`` under ``password``; clears its failures and lock."""
        if not params.at_least(kdf.OWASP_MINIMUM):
            raise ValueError("Argon2id parameters below OWASP's minimum")
        if not any(db_key):
            raise ValueError("refusing to wrap a wiped (all-zero) key")
        sid = self.slot_id(login)
        salt = kdf.new_salt()
        kek = kdf.derive(password.encode("utf-8"), salt, params)
        nonce = os.urandom(NONCE_BYTES)
        wrapped = AESGCM(kek).encrypt(nonce, bytes(db_key), self._aad(sid))
        unseen = int((self._data["slots"].get(sid) or {}).get("unseen_failures", 0))
        self._data["slots"][sid] = {
            "kdf": {"alg": "argon2id", "salt": _b64(salt), **params.to_dict()},
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
            "failures": 0,
            "locked": False,
            "last_failure_at": None,
            "unseen_failures": unseen,
        }

    def carry_failures(self, login: str) -> None:
        """Before an unlock clears the counter, keep its failures for the person to see at
        their next login (SPEC §3: failures are shown at the next login)."""
        entry = self._entry(login)
        if entry:
            entry["unseen_failures"] = int(entry.get("unseen_failures", 0)) + int(
                entry.get("failures", 0)
            )

    def take_unseen_failures(self, login: str) -> int:
        """Failures carried through an unlock; forgotten once read (save after)."""
        entry = self._entry(login)
        return int(entry.pop("unseen_failures", 0)) if entry else 0

    def remove_account_slot(self, login: str) -> None:
        """Forget the slot: the password no longer opens anything (a disabled account)."""
        self._data["slots"].pop(self.slot_id(login), None)

    def unwrap(self, login: str, password: str) -> bytearray | None:
        """*K* when ``password`` opens ``login``'s slot, else ``None`` (same cost either way)."""
        entry = self._entry(login)
        if not entry or not entry.get("wrapped"):
            kdf.derive(password.encode("utf-8"), b"\0" * kdf.SALT_BYTES, self._dummy_params())
            return None
        try:
            meta = entry["kdf"]
            params = kdf.KdfParams.from_dict(meta)
            kek = kdf.derive(password.encode("utf-8"), _unb64(meta["salt"]), params)
            plain = AESGCM(kek).decrypt(
                _unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._aad(self.slot_id(login))
            )
        except InvalidTag:
            return None
        except (KeyError, ValueError, TypeError) as exc:
            raise KeySlotsDamaged() from exc
        return bytearray(plain)

    def _dummy_params(self) -> kdf.KdfParams:
        for entry in self._data["slots"].values():
            if entry.get("wrapped"):
                return kdf.KdfParams.from_dict(entry["kdf"])
        return kdf.DEFAULT

    # -- lockout counters ----------------------------------------------------------------------
    def state(self, login: str) -> SlotState:
        entry = self._entry(login)
        if not entry:
            return SlotState()
        return SlotState(
            int(entry.get("failures", 0)),
            bool(entry.get("locked", False)),
            entry.get("last_failure_at"),
        )

    def set_state(self, login: str, state: SlotState) -> None:
        """Store ``state``; an unknown login gets a phantom entry (bounded in number)."""
        sid = self.slot_id(login)
        entry = self._data["slots"].get(sid)
        if entry is None:
            if state == SlotState():
                return
            self._evict_phantoms()
            entry = self._data["slots"][sid] = {"wrapped": None}
        entry["failures"] = state.failures
        entry["locked"] = state.locked
        entry["last_failure_at"] = state.last_failure_at

    def _evict_phantoms(self) -> None:
        phantoms = [  # unlocked first, then the oldest
            (bool(e.get("locked")), e.get("last_failure_at") or "", sid)
            for sid, e in self._data["slots"].items()
            if not e.get("wrapped")
        ]
        phantoms.sort()
        while len(phantoms) >= MAX_PHANTOMS:
            *_, sid = phantoms.pop(0)
            del self._data["slots"][sid]

    # -- recovery slot -------------------------------------------------------------------------
    def _recovery_kek(self, raw: bytes, salt: bytes) -> bytes:
        # The recovery key is 160 random bits: a fast KDF is enough, no password to stretch.
        return HKDF(hashes.SHA256(), 32, salt, b"anaiss recovery slot").derive(raw)

    def set_recovery(self, db_key: bytearray) -> str:
        """Wrap ``db_key`` under a brand-new recovery key, replacing the old one; return it."""
        key_text = generate_recovery_key()
        raw = normalise_recovery_key(key_text)
        assert raw is not None
        salt = os.urandom(16)
        nonce = os.urandom(NONCE_BYTES)
        wrapped = AESGCM(self._recovery_kek(raw, salt)).encrypt(
            nonce, bytes(db_key), self._aad("recovery")
        )
        self._data["recovery"] = {
            "kdf": {"alg": "hkdf-sha256", "salt": _b64(salt)},
            "nonce": _b64(nonce),
            "wrapped": _b64(wrapped),
        }
        return key_text

    def unwrap_recovery(self, recovery_key: str) -> bytearray | None:
        raw = normalise_recovery_key(recovery_key)
        entry = self._data.get("recovery")
        if raw is None or not entry:
            return None
        try:
            kek = self._recovery_kek(raw, _unb64(entry["kdf"]["salt"]))
            plain = AESGCM(kek).decrypt(
                _unb64(entry["nonce"]), _unb64(entry["wrapped"]), self._aad("recovery")
            )
        except InvalidTag:
            return None
        except (KeyError, ValueError, TypeError) as exc:
            raise KeySlotsDamaged() from exc
        return bytearray(plain)

    # -- audit anchor --------------------------------------------------------------------------
    @property
    def audit_anchor(self) -> tuple[int, str]:
        anchor = self._data["audit_anchor"]
        return int(anchor["count"]), str(anchor["hash"])

    def set_audit_anchor(self, count: int, last_hash: str) -> None:
        self._data["audit_anchor"] = {
            **self._data["audit_anchor"], "count": count, "hash": last_hash
        }

    @property
    def audit_broken_at(self) -> str | None:
        """When an append found the log no longer matching its anchor (never cleared)."""
        return self._data["audit_anchor"].get("broken_at")

    def mark_audit_broken(self, at: str) -> None:
        self._data["audit_anchor"]["broken_at"] = at

    # -- sign-in events waiting for the audit log ----------------------------------------------
    def add_pending_event(self, action: str, login: str, at: str) -> None:
        """Remember a failure or lockout until the database is open to log it.

        Stored by slot id (never the login name itself), bounded so a flood of guesses cannot
        grow the file; the oldest are dropped first and their number is kept.
        """
        events = self._data.setdefault("pending_events", [])
        events.append({"action": action, "slot": self.slot_id(login), "at": at})
        if len(events) > MAX_PENDING_EVENTS:
            del events[0]
            self._data["pending_dropped"] = int(self._data.get("pending_dropped", 0)) + 1

    def take_pending_events(self) -> tuple[list[dict[str, str]], int]:
        """The waiting events and how many were dropped; the file forgets them (save after)."""
        events = list(self._data.pop("pending_events", []))
        dropped = int(self._data.pop("pending_dropped", 0))
        return events, dropped
