"""Station policy set by the unit manager, with its bounds."""

from __future__ import annotations

from dataclasses import dataclass

from . import rotation

MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 120
DEFAULT_IDLE_MINUTES = 10


@dataclass(frozen=True)
class Policy:
    max_password_age_days: int = rotation.DEFAULT_MAX_AGE_DAYS
    idle_lock_minutes: int = DEFAULT_IDLE_MINUTES

    def problems(self) -> list[str]:
        out = []
        if not rotation.MIN_MAX_AGE_DAYS <= self.max_password_age_days <= rotation.MAX_MAX_AGE_DAYS:
            out.append(
                "La durée de validité des mots de passe doit être comprise entre "
                f"{rotation.MIN_MAX_AGE_DAYS} et {rotation.MAX_MAX_AGE_DAYS} jours."
            )
        if not MIN_IDLE_MINUTES <= self.idle_lock_minutes <= MAX_IDLE_MINUTES:
            out.append(
                "Le verrouillage automatique doit intervenir après "
                f"{MIN_IDLE_MINUTES} à {MAX_IDLE_MINUTES} minutes d'inactivité."
            )
        return out
