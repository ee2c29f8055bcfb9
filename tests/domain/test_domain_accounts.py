"""Login names and role labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.accounts import Account, Role, valid_login

LENGTH_TEXT = "L'identifiant doit compter de 2 à 40 caractères."
CHARS_TEXT = (
    "L'identifiant ne peut contenir que des lettres sans accent, chiffres, « . », « _ » et « - »."
)


@pytest.mark.parametrize(
    "login", ["amartin", "a.martin", "j-p_dupont", "AB", "x9", "a" * 40, " amartin "]
)
def test_good_logins(login):
    assert valid_login(login) is None


@pytest.mark.parametrize("login", ["", "a", "  a  ", "a" * 41])
def test_length_is_checked_after_stripping(login):
    assert valid_login(login) == LENGTH_TEXT


@pytest.mark.parametrize("login", ["hélène", "a martin", "a@b.fr", "anne/martin", "ñuñez", "a'b"])
def test_only_unaccented_letters_digits_and_three_signs(login):
    assert valid_login(login) == CHARS_TEXT


def test_kelvin_sign_is_not_a_plain_k():
    assert valid_login("\u212aarl") == CHARS_TEXT


@given(st.text(max_size=45))
def test_every_accepted_login_is_plain_ascii(login):
    if valid_login(login) is None:
        text = login.strip()
        assert text.isascii()
        assert 2 <= len(text) <= 40


def _account(role: Role, social_worker: bool) -> Account:
    return Account(1, "x", "X Y", role, social_worker, False, False, "2026-01-01T00:00:00+00:00")


def test_role_labels_are_french():
    assert _account(Role.ASSISTANT, True).role_label == "Assistant(e) social(e)"
    assert _account(Role.SECRETARY, False).role_label == "Secrétariat"
    assert _account(Role.MANAGER, False).role_label == "Responsable d'unité"
    assert _account(Role.MANAGER, True).role_label == "Responsable d'unité (travailleur social)"


def test_only_managers_are_managers():
    assert _account(Role.MANAGER, False).is_manager
    assert not _account(Role.ASSISTANT, True).is_manager
    assert not _account(Role.SECRETARY, False).is_manager
