"""Bounds of the manager's policy: password validity 30..730 days, idle lock 1..120 minutes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.policy import (
    DEFAULT_IDLE_MINUTES,
    MAX_IDLE_MINUTES,
    MIN_IDLE_MINUTES,
    Policy,
)

AGE_TEXT = "La durée de validité des mots de passe doit être comprise entre 30 et 730 jours."
IDLE_TEXT = "Le verrouillage automatique doit intervenir après 1 à 120 minutes d'inactivité."


def test_defaults_are_valid():
    policy = Policy()
    assert (policy.max_password_age_days, policy.idle_lock_minutes) == (365, 10)
    assert DEFAULT_IDLE_MINUTES == 10
    assert policy.problems() == []


@pytest.mark.parametrize("days", [30, 31, 365, 729, 730])
def test_age_inside_bounds(days):
    assert Policy(max_password_age_days=days).problems() == []


@pytest.mark.parametrize("days", [-1, 0, 29, 731, 10_000])
def test_age_outside_bounds(days):
    assert Policy(max_password_age_days=days).problems() == [AGE_TEXT]


@pytest.mark.parametrize("minutes", [MIN_IDLE_MINUTES, 2, 60, MAX_IDLE_MINUTES])
def test_idle_inside_bounds(minutes):
    assert Policy(idle_lock_minutes=minutes).problems() == []


@pytest.mark.parametrize("minutes", [0, -3, 121, 1440])
def test_idle_outside_bounds(minutes):
    assert Policy(idle_lock_minutes=minutes).problems() == [IDLE_TEXT]


def test_both_wrong_gives_both_sentences():
    assert Policy(10, 500).problems() == [AGE_TEXT, IDLE_TEXT]


@given(st.integers(-1000, 2000), st.integers(-100, 300))
def test_problems_exactly_when_out_of_bounds(days, minutes):
    problems = Policy(days, minutes).problems()
    assert (AGE_TEXT in problems) == (not 30 <= days <= 730)
    assert (IDLE_TEXT in problems) == (not 1 <= minutes <= 120)
