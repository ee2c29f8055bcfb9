"""Password checks that need the station's resources: the common list and the person's own words."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ..domain.password_policy import StrengthReport, check_password, fold_common
from ..paths import resource

COMMON_FILE = "mots_de_passe_courants.txt"


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    """The shipped list, folded; a missing file means an empty list, never a crash."""
    try:
        text = resource(COMMON_FILE).read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(
        fold_common(line) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


def strength(password: str, personal: Iterable[str] = ()) -> StrengthReport:
    """What the person sees while typing, and what the services enforce on saving."""
    return check_password(password, common=common_passwords(), personal=personal)
