"""Password rotation: ok, expiring within 14 days, expired, temporary; edges and monotonicity."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.rotation import (
    DEFAULT_MAX_AGE_DAYS,
    HISTORY_DEPTH,
    MAX_MAX_AGE_DAYS,
    MIN_MAX_AGE_DAYS,
    WARNING_DAYS,
    PasswordStatus,
    RotationVerdict,
    clamp_max_age,
    evaluate,
)

CHANGED = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
RANK = {PasswordStatus.OK: 0, PasswordStatus.EXPIRING: 1, PasswordStatus.EXPIRED: 2}


def at(days: float = 0, seconds: float = 0) -> datetime:
    return CHANGED + timedelta(days=days, seconds=seconds)


def test_constants_follow_the_spec():
    assert (MIN_MAX_AGE_DAYS, MAX_MAX_AGE_DAYS, DEFAULT_MAX_AGE_DAYS) == (30, 730, 365)
    assert WARNING_DAYS == 14
    assert HISTORY_DEPTH == 5


def test_fresh_password_is_ok():
    verdict = evaluate(CHANGED, at(0), 365, temporary=False)
    assert verdict == RotationVerdict(PasswordStatus.OK, 365)
    assert not verdict.status.must_change
    assert verdict.message == ""


def test_fourteen_whole_days_left_is_still_ok():
    verdict = evaluate(CHANGED, at(365 - WARNING_DAYS), 365, temporary=False)
    assert verdict.status is PasswordStatus.OK
    assert verdict.days_left == WARNING_DAYS


def test_warning_starts_just_under_fourteen_days():
    verdict = evaluate(CHANGED, at(365 - WARNING_DAYS, seconds=1), 365, temporary=False)
    assert verdict.status is PasswordStatus.EXPIRING
    assert verdict.days_left == WARNING_DAYS
    assert verdict.message == "Votre mot de passe expire dans 14 jours. Pensez à le changer."
    assert not verdict.status.must_change


def test_last_hours_say_tomorrow():
    verdict = evaluate(CHANGED, at(365, seconds=-60), 365, temporary=False)
    assert verdict.status is PasswordStatus.EXPIRING
    assert verdict.days_left == 1
    assert verdict.message == "Votre mot de passe expire demain. Pensez à le changer."


def test_exactly_one_day_left_says_tomorrow():
    verdict = evaluate(CHANGED, at(364), 365, temporary=False)
    assert verdict.status is PasswordStatus.EXPIRING
    assert verdict.days_left == 1
    assert verdict.message == "Votre mot de passe expire demain. Pensez à le changer."


def test_expires_exactly_at_max_age():
    verdict = evaluate(CHANGED, at(365), 365, temporary=False)
    assert verdict == RotationVerdict(PasswordStatus.EXPIRED, 0)
    assert verdict.status.must_change
    assert verdict.message == (
        "Votre mot de passe a expiré : choisissez-en un nouveau pour continuer."
    )


def test_long_expired_password_stays_expired():
    assert evaluate(CHANGED, at(5000), 365, temporary=False).status is PasswordStatus.EXPIRED


def test_temporary_wins_over_dates():
    for now in (at(0), at(200), at(900)):
        verdict = evaluate(CHANGED, now, 365, temporary=True)
        assert verdict.status is PasswordStatus.TEMPORARY
        assert verdict.status.must_change
        assert "temporaire" in verdict.message


def test_clock_set_back_does_not_expire_anything():
    assert evaluate(CHANGED, at(-10), 365, temporary=False).status is PasswordStatus.OK


def test_shorter_policy_expires_sooner():
    assert evaluate(CHANGED, at(31), 30, temporary=False).status is PasswordStatus.EXPIRED
    assert evaluate(CHANGED, at(31), 730, temporary=False).status is PasswordStatus.OK


@pytest.mark.parametrize(
    ("days", "expected"),
    [(0, 30), (29, 30), (30, 30), (365, 365), (730, 730), (731, 730), (-5, 30)],
)
def test_clamp_max_age(days, expected):
    assert clamp_max_age(days) == expected


@given(
    max_age=st.integers(MIN_MAX_AGE_DAYS, MAX_MAX_AGE_DAYS),
    t1=st.floats(0, 1000, allow_nan=False),
    t2=st.floats(0, 1000, allow_nan=False),
)
def test_rotation_is_monotonic_in_time(max_age, t1, t2):
    early, late = sorted((t1, t2))
    v1 = evaluate(CHANGED, at(early), max_age, temporary=False)
    v2 = evaluate(CHANGED, at(late), max_age, temporary=False)
    assert RANK[v1.status] <= RANK[v2.status]
    assert v1.days_left >= v2.days_left


@given(max_age=st.integers(MIN_MAX_AGE_DAYS, MAX_MAX_AGE_DAYS), t=st.floats(0, 1000))
def test_status_matches_days_left(max_age, t):
    verdict = evaluate(CHANGED, at(t), max_age, temporary=False)
    if verdict.status is PasswordStatus.EXPIRED:
        assert t >= max_age and verdict.days_left == 0
    elif verdict.status is PasswordStatus.EXPIRING:
        assert 1 <= verdict.days_left <= WARNING_DAYS
        assert max_age - WARNING_DAYS < t < max_age
    else:
        assert verdict.days_left >= WARNING_DAYS
        assert t <= max_age - WARNING_DAYS
