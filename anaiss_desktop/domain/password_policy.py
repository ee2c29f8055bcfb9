"""Password strength: the CNIL 2022 rule for a password that alone protects the data.

A copied key-slot file can be attacked offline, where no lockout applies, so the password must
carry about 80 bits of entropy. CNIL's deliberation 2022-100 gives three ways to get there:
12+ characters mixing the four kinds (upper, lower, digit, special); 14+ characters of upper,
lower and digits; or a passphrase of 7+ words. On top of that we refuse the passwords everyone
tries first and those built on the login or the person's name. Long passwords are welcome.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

MAX_LENGTH = 1024
PASSPHRASE_WORDS = 7
PASSPHRASE_MIN_LENGTH = 24


def _strip_accents(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )


def character_kinds(password: str) -> set[str]:
    kinds = set()
    for ch in password:
        if ch.isdigit():
            kinds.add("chiffre")
        elif ch.isalpha() and ch.isupper():
            kinds.add("majuscule")
        elif ch.isalpha():
            kinds.add("minuscule")
        else:
            kinds.add("spécial")
    return kinds


def passphrase_words(password: str) -> list[str]:
    return [w for w in re.split(r"[\s\-_.,;:/+]+", password) if len(w) >= 2]


@dataclass(frozen=True)
class StrengthReport:
    """Outcome of the check; ``problems`` are French sentences to show while the user types."""

    acceptable: bool
    problems: list[str] = field(default_factory=list)
    rule: str = ""

    @property
    def summary(self) -> str:
        if self.acceptable:
            return f"Mot de passe solide ({self.rule})."
        return " ".join(self.problems)


def _looks_common(password: str, common: frozenset[str]) -> bool:
    folded = _strip_accents(password).casefold()
    if folded in common:
        return True
    core = re.sub(r"^[^a-z]+|[^a-z]+$", "", folded)  # "Azerty123!" -> "azerty"
    return bool(core) and core in common and len(core) >= len(folded) / 2


def check_password(
    password: str,
    *,
    common: Iterable[str] = (),
    personal: Iterable[str] = (),
) -> StrengthReport:
    """Check ``password`` against the CNIL rule, the common list and the person's own words.

    Args:
        common: folded common passwords to refuse (see resources/mots_de_passe_courants.txt).
        personal: the login, names and service name: a password built on them is refused.
    """
    common_set = frozenset(common)
    problems: list[str] = []
    if not password:
        return StrengthReport(False, ["Saisissez un mot de passe."])
    if len(password) > MAX_LENGTH:
        return StrengthReport(False, [f"Le mot de passe dépasse {MAX_LENGTH} caractères."])

    kinds = character_kinds(password)
    words = passphrase_words(password)
    rule = ""
    if len(password) >= 12 and len(kinds) == 4:
        rule = "12 caractères ou plus, des 4 types"
    elif len(password) >= 14 and {"majuscule", "minuscule", "chiffre"} <= kinds:
        rule = "14 caractères ou plus, majuscules, minuscules et chiffres"
    elif (
        len({_strip_accents(w).casefold() for w in words}) >= PASSPHRASE_WORDS
        and len(password) >= PASSPHRASE_MIN_LENGTH
    ):  # distinct words: "chat chat chat…" carries the entropy of one word
        rule = f"phrase de passe de {len(words)} mots"
    else:
        missing = [k for k in ("majuscule", "minuscule", "chiffre", "spécial") if k not in kinds]
        text = (
            "Il faut au moins 12 caractères mêlant majuscules, minuscules, chiffres et "
            "caractères spéciaux, ou 14 caractères avec majuscules, minuscules et chiffres, "
            f"ou une phrase de passe d'au moins {PASSPHRASE_WORDS} mots."
        )
        problems.append(text)
        if len(password) < 12:
            problems.append(f"Longueur actuelle : {len(password)} caractère(s).")
        elif missing:
            problems.append("Il manque : " + ", ".join(missing) + ".")

    if len(set(password)) < 5:
        problems.append("Trop peu de caractères différents.")
    if _looks_common(password, common_set):
        problems.append("Ce mot de passe fait partie des plus utilisés : choisissez-en un autre.")
    folded = _strip_accents(password).casefold()
    for word in personal:
        w = _strip_accents(word).casefold().strip()
        for part in re.split(r"[\s\-_.']+", w):
            if len(part) >= 4 and part in folded:
                problems.append(
                    "Le mot de passe ne doit pas reprendre votre identifiant, votre nom "
                    "ou celui du service."
                )
                break
        else:
            continue
        break
    return StrengthReport(not problems, problems, rule if not problems else "")


def fold_common(line: str) -> str:
    """How a line of the common-passwords list is compared."""
    return _strip_accents(line.strip()).casefold()
