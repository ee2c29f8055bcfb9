"""Lockout after three consecutive failed logins (SPEC §3).

The counters live in the key-slot file (the database cannot be opened before login), so they
survive a restart. A successful login resets them; the number of failures seen before it is then
copied into the encrypted store and shown to the user.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_FAILURES = 3


@dataclass(frozen=True)
class SlotState:
    """What the lockout rule knows about one login name (a real account or a phantom)."""

    failures: int = 0
    locked: bool = False
    last_failure_at: str | None = None


def after_failure(state: SlotState, at: str) -> SlotState:
    failures = state.failures + 1
    return SlotState(failures=failures, locked=failures >= MAX_FAILURES, last_failure_at=at)


def after_success(state: SlotState) -> SlotState:
    return SlotState()


def remaining_attempts(state: SlotState) -> int:
    return max(0, MAX_FAILURES - state.failures)
