"""CNIL 2022 password rule, common and personal words, French feedback shown while typing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.password_policy import (
    MAX_LENGTH,
    character_kinds,
    check_password,
    fold_common,
    passphrase_words,
)
from anaiss_desktop.services.password_rules import common_passwords, strength

COMMON = frozenset({"azerty", "azertyuiop", "motdepasse", "password", "soleil"})
RULE_TEXT = "Il faut au moins 12 caractères mêlant majuscules, minuscules, chiffres et"
COMMON_TEXT = "Ce mot de passe fait partie des plus utilisés : choisissez-en un autre."
PERSONAL_TEXT = (
    "Le mot de passe ne doit pas reprendre votre identifiant, votre nom ou celui du service."
)


# -- the three CNIL ways to 80 bits ------------------------------------------------------------
def test_twelve_characters_of_four_kinds_is_enough():
    report = check_password("Kq7!mWz2#pLx", common=COMMON)
    assert report.acceptable
    assert report.problems == []
    assert report.rule == "12 caractères ou plus, des 4 types"
    assert report.summary == "Mot de passe solide (12 caractères ou plus, des 4 types)."


def test_eleven_characters_of_four_kinds_are_not():
    report = check_password("Kq7!mWz2#pL", common=COMMON)
    assert not report.acceptable
    assert report.problems[0].startswith(RULE_TEXT)
    assert "Longueur actuelle : 11 caractère(s)." in report.problems


def test_fourteen_characters_upper_lower_digits_is_enough():
    report = check_password("Kq7mWz2pLx9rTb", common=COMMON)
    assert report.acceptable
    assert report.rule == "14 caractères ou plus, majuscules, minuscules et chiffres"


def test_thirteen_characters_without_special_names_what_is_missing():
    report = check_password("Kq7mWz2pLx9rT", common=COMMON)
    assert not report.acceptable
    assert "Il manque : spécial." in report.problems
    assert report.summary.startswith(RULE_TEXT)


def test_fourteen_characters_without_digit_names_what_is_missing():
    report = check_password("KqrmWzspLxyrTb", common=COMMON)
    assert not report.acceptable
    assert "Il manque : chiffre, spécial." in report.problems


def test_seven_word_passphrase_is_enough():
    report = check_password("cheval bleu sous la pluie de novembre", common=COMMON)
    assert report.acceptable
    assert report.rule == "phrase de passe de 7 mots"


def test_passphrase_words_may_be_joined_by_dashes_or_dots():
    report = check_password("cheval-bleu-sous-la-pluie-de-novembre", common=COMMON)
    assert report.acceptable
    words = passphrase_words("cheval.bleu_sous/la+pluie")
    assert words == ["cheval", "bleu", "sous", "la", "pluie"]


def test_six_word_passphrase_is_not_enough():
    report = check_password("cheval bleu sous la pluie novembre", common=COMMON)
    assert not report.acceptable
    assert "phrase de passe d'au moins 7 mots" in report.problems[0]


def test_seven_tiny_words_are_too_short_a_passphrase():
    # Seven words but only 20 characters: below the passphrase minimum length.
    assert not check_password("un le de la du et ou", common=COMMON).acceptable


def test_single_letters_do_not_count_as_words():
    assert passphrase_words("a b c d e f g h i j") == []


def test_one_word_repeated_seven_times_is_not_a_passphrase():
    assert not check_password("chat chat chat chat chat chat chat", common=COMMON).acceptable


# -- refusals and their French text ------------------------------------------------------------
def test_empty_password_asks_for_one():
    report = check_password("")
    assert not report.acceptable
    assert report.summary == "Saisissez un mot de passe."


def test_overlong_password_is_refused_without_checking_further():
    report = check_password("Aa1!" * (MAX_LENGTH // 4 + 1))
    assert not report.acceptable
    assert report.problems == [f"Le mot de passe dépasse {MAX_LENGTH} caractères."]


def test_long_passwords_up_to_the_limit_are_welcome():
    assert check_password("Kq7!mWz2#pLx" + "x9" * 400, common=COMMON).acceptable


def test_too_few_distinct_characters():
    report = check_password("Aa1!Aa1!Aa1!Aa1!", common=COMMON)
    assert not report.acceptable
    assert "Trop peu de caractères différents." in report.problems


@pytest.mark.parametrize(
    "password",
    [
        "Azerty123!",
        "Azertyuiop123!",
        "AZERTYUIOP2026#",
        "Motdepasse2026!",
        "Soleil2026!!",
        "Àzértyuiop1!",
    ],
)
def test_common_passwords_with_digits_and_symbols_around_are_refused(password):
    report = check_password(password, common=COMMON)
    assert not report.acceptable
    assert COMMON_TEXT in report.problems


def test_common_word_inside_a_long_password_is_fine():
    # The common core is less than half of the password: it is not a decorated common password.
    assert check_password("Azerty-Cheval-Lune-42", common=COMMON).acceptable


@pytest.mark.parametrize(
    "password", ["Azerty123!", "Azertyuiop123!", "Motdepasse123!", "Password2026!!"]
)
def test_shipped_list_refuses_the_usual_suspects(password):
    report = strength(password)
    assert not report.acceptable
    assert COMMON_TEXT in report.problems


def test_shipped_list_is_loaded_and_folded():
    common = common_passwords()
    assert {"azerty", "motdepasse", "password"} <= common
    assert all(word == fold_common(word) for word in common)
    assert not any(word.startswith("#") for word in common)


@pytest.mark.parametrize(
    ("password", "personal"),
    [
        ("Amartin-2026-Solide!", ("amartin", "Anne Martin", "Service social")),
        ("Kq7#pLx2-MARTIN", ("amartin", "Anne Martin", "Service social")),
        ("Helene-Kq7#pLx2", ("hdupre", "Hélène Dupré", "Service social")),
        ("Kq7#pLx2-Dupré!", ("hdupre", "Hélène Dupré", "Service social")),
        ("Sociale-Kq7#pLx2", ("hdupre", "Hélène Dupré", "Service social")),
        ("Kq7#pLx2-o'connor", ("aoconnor", "Aoife O'Connor", "Service")),
    ],
)
def test_password_built_on_login_name_or_service_is_refused(password, personal):
    report = check_password(password, common=COMMON, personal=personal)
    assert not report.acceptable
    assert report.problems.count(PERSONAL_TEXT) == 1


def test_short_name_parts_are_not_personal_words():
    # "Li" and "Wu" are too short to be meaningful inside a password.
    assert check_password("LiWu-Kq7#pLx2zz", common=COMMON, personal=("lw", "Li Wu", "")).acceptable


def test_all_problems_are_listed_together():
    report = check_password("azerty", common=COMMON, personal=("azerty",))
    assert not report.acceptable
    assert report.problems[0].startswith(RULE_TEXT)
    assert "Longueur actuelle : 6 caractère(s)." in report.problems
    assert COMMON_TEXT in report.problems
    assert PERSONAL_TEXT in report.problems
    assert report.summary == " ".join(report.problems)
    assert report.rule == ""


def test_character_kinds_know_accents_and_symbols():
    assert character_kinds("é") == {"minuscule"}
    assert character_kinds("É") == {"majuscule"}
    assert character_kinds("7") == {"chiffre"}
    assert character_kinds("€ ") == {"spécial"}


# -- properties ----------------------------------------------------------------------------------
@given(st.text(max_size=11))
def test_any_password_under_twelve_characters_is_refused(password):
    report = check_password(password, common=COMMON)
    assert not report.acceptable
    assert report.problems


@given(st.text(max_size=60))
def test_verdict_and_problems_agree(password):
    report = check_password(password, common=COMMON, personal=("amartin", "Anne Martin"))
    assert report.acceptable == (not report.problems)
    if report.acceptable:
        assert len(password) >= 12
        assert report.rule
    else:
        assert all(isinstance(p, str) and p.strip() for p in report.problems)


@given(
    st.text(
        alphabet=st.characters(codec="utf-8", categories=("Lu", "Ll", "Nd", "Po", "Sm")),
        min_size=12,
        max_size=40,
    )
)
def test_four_kinds_and_twelve_characters_pass_unless_repetitive(password):
    report = check_password(password)
    if len(character_kinds(password)) == 4 and len(set(password)) >= 5:
        assert report.acceptable
