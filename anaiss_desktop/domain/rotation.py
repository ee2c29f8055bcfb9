"""Password rotation (SPEC §3): maximum age set by the manager, warning, forced change.

The default of 365 days answers the mission's demand for regular changes while staying within
ANSSI's recommendation of one to three years for sensitive accounts; CNIL and ANSSI no longer
advise frequent forced changes, which push people to weaker, predictable passwords.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

MIN_MAX_AGE_DAYS = 30
MAX_MAX_AGE_DAYS = 730
DEFAULT_MAX_AGE_DAYS = 365
WARNING_DAYS = 14
HISTORY_DEPTH = 5  # the last five passwords cannot be used again


class PasswordStatus(Enum):
    OK = "ok"
    EXPIRING = "expiring"  # still valid; warn the user
    EXPIRED = "expired"  # must be changed before going further
    TEMPORARY = "temporary"  # set by a manager or at unlock: must be changed at first use

    @property
    def must_change(self) -> bool:
        return self in (PasswordStatus.EXPIRED, PasswordStatus.TEMPORARY)


@dataclass(frozen=True)
class RotationVerdict:
    status: PasswordStatus
    days_left: int

    @property
    def message(self) -> str:
        if self.status is PasswordStatus.TEMPORARY:
            return "Ce mot de passe est temporaire : choisissez maintenant votre mot de passe."
        if self.status is PasswordStatus.EXPIRED:
            return "Votre mot de passe a expiré : choisissez-en un nouveau pour continuer."
        if self.status is PasswordStatus.EXPIRING:
            days = "demain" if self.days_left <= 1 else f"dans {self.days_left} jours"
            return f"Votre mot de passe expire {days}. Pensez à le changer."
        return ""


def clamp_max_age(days: int) -> int:
    return max(MIN_MAX_AGE_DAYS, min(MAX_MAX_AGE_DAYS, int(days)))


def evaluate(
    changed_at: datetime, now: datetime, max_age_days: int, temporary: bool
) -> RotationVerdict:
    """Where a password stands on ``now``; both datetimes must be timezone-aware."""
    if temporary:
        return RotationVerdict(PasswordStatus.TEMPORARY, 0)
    remaining = max_age_days - (now - changed_at).total_seconds() / 86400
    if remaining <= 0:
        return RotationVerdict(PasswordStatus.EXPIRED, 0)
    days_left = math.ceil(remaining)  # "demain" while less than one whole day remains
    if remaining < WARNING_DAYS:
        return RotationVerdict(PasswordStatus.EXPIRING, days_left)
    return RotationVerdict(PasswordStatus.OK, days_left)
