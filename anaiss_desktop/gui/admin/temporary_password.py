"""Strong temporary passwords the unit manager can read out or copy onto paper.

A temporary password wraps the station key in a key slot exactly like a chosen one, so a copy of
the slot file taken before the first login can be attacked offline with no lockout: it must pass
the same CNIL rule (80 bits) as any password. Four random words from a short list would give about
40 bits, so we draw 16 characters from an alphabet without look-alikes (no I, l, O, 0, 1), in four
groups of four joined by ``-``: about 93 bits, easy to dictate and to type.

No Qt here: ``anaiss-admin`` can use the same generator.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from ...services.password_rules import strength

UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ"
LOWER = "abcdefghijkmnopqrstuvwxyz"
DIGITS = "23456789"
ALPHABET = UPPER + LOWER + DIGITS
GROUPS = 4
GROUP_LENGTH = 4
SEPARATOR = "-"


def _draw() -> str:
    groups = (
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS)
    )
    return SEPARATOR.join(groups)


def generate_temporary_password(personal: Iterable[str] = ()) -> str:
    """A random password such as ``Kx7q-Vb3m-Rt9z-Hp4w`` that :func:`strength` accepts.

    Draws again (rarely needed) until the password holds the three letter/digit kinds and does
    not happen to contain the person's login, names or the service name.

    Args:
        personal: the words the password must not contain (see ``Session.personal_words``).
    """
    words = tuple(personal)
    while True:
        candidate = _draw()
        kinds_present = all(any(c in kind for c in candidate) for kind in (UPPER, LOWER, DIGITS))
        if kinds_present and strength(candidate, words).acceptable:
            return candidate
