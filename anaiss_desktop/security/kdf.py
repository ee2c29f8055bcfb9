"""Argon2id key derivation with parameters stored next to what they protect.

Parameters travel with each key slot so a later version can raise the cost for new slots while
old slots still open. ``DEFAULT`` targets about half a second on a 2-core office PC (256 MiB,
t=3): a copied key-slot file can be attacked offline where no lockout applies, so the cost per
guess is what protects it, together with password strength. ``OWASP_MINIMUM`` is the floor no slot
may go below (m=19 MiB, t=2, p=1).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass

from argon2.low_level import Type, hash_secret_raw

SALT_BYTES = 16


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    time_cost: int
    parallelism: int

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> KdfParams:
        return cls(int(data["memory_kib"]), int(data["time_cost"]), int(data["parallelism"]))

    def at_least(self, other: KdfParams) -> bool:
        """True when this costs at least as much memory and time as ``other``."""
        return self.memory_kib >= other.memory_kib and self.time_cost >= other.time_cost


DEFAULT = KdfParams(memory_kib=256 * 1024, time_cost=3, parallelism=2)
OWASP_MINIMUM = KdfParams(memory_kib=19 * 1024, time_cost=2, parallelism=1)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def derive(secret: bytes | bytearray, salt: bytes, params: KdfParams, length: int = 32) -> bytes:
    """Argon2id(secret, salt) with ``params``; returns ``length`` bytes."""
    return hash_secret_raw(
        bytes(secret),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=length,
        type=Type.ID,
    )
