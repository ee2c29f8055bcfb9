"""The NIR's control key, checked while typing, and its consistency with the person's record."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.nir import (
    MSG_CHARACTERS,
    MSG_LENGTH,
    check_nir,
    nir_consistency,
    nir_key,
)

# Built by hand: key = 97 - (13-digit number mod 97), worked out independently of the code.
# 1 84 12 76 451 089: 1841276451089 mod 97 = 51, key 46.
MAN_1984 = "1 84 12 76 451 089 46"
# 2 90 05 75 056 123: 2900575056123 mod 97 = 13, key 84.
WOMAN_1990 = "2 90 05 75 056 123 84"
# Corsica: 2A reads as 19, 2B as 18 for the key. 1700519004123 mod 97 = 82, key 15.
CORSICA_2A = "1 70 05 2A 004 123 15"
# 2851118033017 mod 97 = 53, key 44.
CORSICA_2B = "2 85 11 2B 033 017 44"


@pytest.mark.parametrize("typed", [MAN_1984, WOMAN_1990, CORSICA_2A, CORSICA_2B])
def test_known_valid_numbers(typed):
    check = check_nir(typed)
    assert check.valid
    assert check.message == ""
    assert check.normalised == typed.replace(" ", "")
    assert len(check.normalised) == 15


def test_spaces_anywhere_and_lower_case_corsica_are_accepted():
    check = check_nir(" 170052a00412315 ")
    assert check.valid
    assert check.normalised == "170052A00412315"


def test_wrong_key_names_the_expected_one():
    check = check_nir("1 84 12 76 451 089 47")
    assert not check.valid
    assert check.message == "Clé NIR incorrecte : attendu 46"
    assert check.normalised == "184127645108947"


def test_a_single_wrong_digit_is_caught():
    check = check_nir("1 84 12 76 451 088 46")
    assert not check.valid
    assert check.message.startswith("Clé NIR incorrecte : attendu ")


def test_key_is_written_with_two_digits():
    # Find a 13-digit prefix whose key is below 10 to check the zero padding.
    prefix = next(
        p for p in (f"18412764510{n:02d}" for n in range(100)) if nir_key(p) < 10
    )
    check = check_nir(prefix + "99")
    assert check.message == f"Clé NIR incorrecte : attendu 0{nir_key(prefix)}"


@pytest.mark.parametrize("typed", ["1 84 12", "1841276451089", "18412764510894699"])
def test_wrong_length(typed):
    check = check_nir(typed)
    assert not check.valid
    assert check.message == MSG_LENGTH == "Le NIR compte 15 caractères (13 + clé de 2)"


@pytest.mark.parametrize("typed", ["1841276451O8946", "18412762C451089", "1-84-12-76-4510"])
def test_wrong_characters(typed):
    check = check_nir(typed)
    assert not check.valid
    assert check.message == MSG_CHARACTERS


@pytest.mark.parametrize("typed", ["", "   ", None])
def test_empty_is_valid(typed):
    check = check_nir(typed)
    assert check.valid
    assert (check.normalised, check.message) == ("", "")


@given(st.from_regex(r"[12][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{6}", fullmatch=True))
def test_the_computed_key_always_validates(first13):
    key = nir_key(first13)
    assert 1 <= key <= 97
    assert check_nir(f"{first13}{key:02d}").valid
    wrong = (key % 97) + 1
    assert not check_nir(f"{first13}{wrong:02d}").valid


def test_nir_key_refuses_a_malformed_number():
    with pytest.raises(ValueError):
        nir_key("12345")


def test_consistent_record_gives_no_warning():
    assert nir_consistency(MAN_1984, "M", date(1984, 12, 3)) == []
    assert nir_consistency(WOMAN_1990, "f", date(1990, 5, 20)) == []


def test_sex_disagreement_warns():
    warnings = nir_consistency(MAN_1984, "F", date(1984, 12, 3))
    assert warnings == ["Le NIR commence par 1 (un homme) : le sexe renseigné est différent"]


def test_year_and_month_disagreement_warn():
    warnings = nir_consistency(WOMAN_1990, "F", date(1991, 6, 1))
    assert len(warnings) == 2
    assert "1991" in warnings[0] and "90" in warnings[0]
    assert "05" in warnings[1] and "06" in warnings[1]


def test_unknown_sex_or_date_is_not_compared():
    assert nir_consistency(MAN_1984, None, None) == []
    assert nir_consistency(MAN_1984, "", None) == []


def test_temporary_numbers_skip_the_sex_check():
    first13 = "7841276451089"
    nir = first13 + f"{nir_key(first13):02d}"
    assert nir_consistency(nir, "F", date(1984, 12, 1)) == []


def test_unknown_month_is_allowed_but_impossible_month_warns():
    unknown = "1849976451089"
    assert nir_consistency(unknown + f"{nir_key(unknown):02d}", "M", date(1984, 3, 1)) == []
    fictitious = "1844276451089"
    assert nir_consistency(fictitious + f"{nir_key(fictitious):02d}", "M", None) == []
    impossible = "1841576451089"
    warnings = nir_consistency(impossible + f"{nir_key(impossible):02d}", "M", None)
    assert warnings == ["Le mois de naissance du NIR (15) n'existe pas"]


def test_unusual_first_digit_warns():
    first13 = "5841276451089"
    warnings = nir_consistency(first13 + f"{nir_key(first13):02d}", None, None)
    assert warnings == ["Le premier chiffre du NIR (5) est inhabituel : 1 ou 2 attendu"]


def test_invalid_or_empty_nir_gives_no_consistency_warning():
    assert nir_consistency("", "M", date(1984, 1, 1)) == []
    assert nir_consistency("1 84 12 76 451 089 47", "F", date(1970, 1, 1)) == []
