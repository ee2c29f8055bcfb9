"""Hashes of previous passwords, so the last five cannot be chosen again.

They live inside the encrypted store, so a moderate Argon2id cost (OWASP's minimum) is enough:
checking five of them stays well under a second.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .kdf import OWASP_MINIMUM

_HASHER = PasswordHasher(
    time_cost=OWASP_MINIMUM.time_cost,
    memory_cost=OWASP_MINIMUM.memory_kib,
    parallelism=OWASP_MINIMUM.parallelism,
)


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def matches_any(password: str, digests: list[str]) -> bool:
    for digest in digests:
        try:
            if _HASHER.verify(digest, password):
                return True
        except (VerificationError, InvalidHashError):
            continue
    return False
