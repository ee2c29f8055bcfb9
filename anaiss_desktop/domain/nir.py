"""The French NIR (numéro d'inscription au répertoire, "numéro de sécurité sociale").

The NIR is optional in a person's record (SPEC §4) but, when typed, its control key is checked
while typing: a wrong digit found at once costs nothing, found months later in a letter to the
CPAM it costs a lot. Structure, 13 characters and a 2-digit key:

====== ======= ==================================================================
chars  meaning
====== ======= ==================================================================
1      sexe    1 man, 2 woman (7, 8: temporary numbers; 3, 4: other special cases)
2-3    année   last two digits of the birth year
4-5    mois    birth month 01-12 (20 and above, or 99: month unknown / fictitious)
6-7    dépt    birth département, "2A"/"2B" for Corsica, 99 born abroad
8-10   commune INSEE commune code (or country code when born abroad)
11-13  ordre   order number of the birth in the month and commune
14-15  clé     97 - (13-digit number mod 97)
====== ======= ==================================================================

For Corsica the key is computed with "2A" read as 19 and "2B" as 18 (the official substitution).
The consistency checks against sex and birth date only ever warn: the person's record is right
more often than a number copied from a form, and nothing but a missing name blocks saving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

NIR_LENGTH = 15
MSG_LENGTH = "Le NIR compte 15 caractères (13 + clé de 2)"
MSG_CHARACTERS = "Le NIR ne contient que des chiffres (et 2A ou 2B pour la Corse)"
MSG_KEY = "Clé NIR incorrecte : attendu {key:02d}"

_SHAPE = re.compile(r"^[0-9]{5}(?:[0-9]{2}|2A|2B)[0-9]{8}$")
_CORSICA = {"2A": "19", "2B": "18"}


@dataclass(frozen=True)
class NirCheck:
    """Result of checking a typed NIR.

    Args:
        valid: True when the NIR is well formed with the right key, or when nothing was typed.
        normalised: the text with spaces removed and letters upper-cased (15 characters when
            complete); what a database stores.
        message: a French message for the person typing, "" when valid.
    """

    valid: bool
    normalised: str
    message: str


def nir_key(first13: str) -> int:
    """The control key of the 13 first characters of a NIR (Corsica's 2A/2B included).

    Raises ``ValueError`` when the text is not 13 characters of the NIR's shape.
    """
    text = first13.upper()
    if len(text) != 13 or not _SHAPE.match(text + "00"):
        raise ValueError(MSG_CHARACTERS)
    department = text[5:7]
    digits = text[:5] + _CORSICA.get(department, department) + text[7:]
    return 97 - int(digits) % 97


def clean_nir(text: str) -> str:
    """The NIR as stored: whitespace removed, letters upper-cased."""
    return "".join((text or "").split()).upper()


def check_nir(text: str) -> NirCheck:
    """Check a typed NIR (spaces allowed anywhere). An empty NIR is valid: nothing to check."""
    normalised = clean_nir(text)
    if not normalised:
        return NirCheck(valid=True, normalised="", message="")
    if len(normalised) != NIR_LENGTH:
        return NirCheck(valid=False, normalised=normalised, message=MSG_LENGTH)
    if not _SHAPE.match(normalised):
        return NirCheck(valid=False, normalised=normalised, message=MSG_CHARACTERS)
    expected = nir_key(normalised[:13])
    if int(normalised[13:]) != expected:
        return NirCheck(valid=False, normalised=normalised, message=MSG_KEY.format(key=expected))
    return NirCheck(valid=True, normalised=normalised, message="")


def nir_consistency(nir: str, sex: str | None, birth_date: date | None) -> list[str]:
    """Warnings (French) where a valid NIR disagrees with the recorded sex or birth date.

    Never blocking. ``sex`` is "M" or "F" (anything else is not compared). Nothing is said about
    an empty or invalid NIR: ``check_nir`` already reports those.
    """
    check = check_nir(nir)
    if not check.valid or not check.normalised:
        return []
    number = check.normalised
    warnings: list[str] = []

    sex_digit = number[0]
    sex_code = (sex or "").strip().upper()
    if sex_digit in "12":
        nir_sex = "M" if sex_digit == "1" else "F"
        if sex_code in ("M", "F") and sex_code != nir_sex:
            said = "un homme" if nir_sex == "M" else "une femme"
            warnings.append(
                f"Le NIR commence par {sex_digit} ({said}) : le sexe renseigné est différent"
            )
    elif sex_digit not in "3478":
        warnings.append(f"Le premier chiffre du NIR ({sex_digit}) est inhabituel : 1 ou 2 attendu")

    year_digits = number[1:3]
    if birth_date is not None and int(year_digits) != birth_date.year % 100:
        warnings.append(
            f"Le NIR indique une naissance en …{year_digits}, "
            f"la date de naissance renseignée est en {birth_date.year}"
        )

    month_digits = number[3:5]
    month = int(month_digits)
    if month == 0 or 13 <= month <= 19:
        warnings.append(f"Le mois de naissance du NIR ({month_digits}) n'existe pas")
    elif 1 <= month <= 12 and birth_date is not None and month != birth_date.month:
        warnings.append(
            f"Le NIR indique une naissance au mois {month_digits}, "
            f"la date de naissance renseignée est au mois {birth_date.month:02d}"
        )
    # 20 and above (including 99): month unknown or fictitious, nothing to compare.
    return warnings
