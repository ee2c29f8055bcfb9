"""Lockout after three consecutive failures, as a pure rule (counters live in the key-slot file)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from anaiss_desktop.domain.lockout import (
    MAX_FAILURES,
    SlotState,
    after_failure,
    after_success,
    remaining_attempts,
)


def test_three_failures_lock():
    assert MAX_FAILURES == 3
    state = SlotState()
    state = after_failure(state, "2026-11-02T09:00:00+00:00")
    assert (state.failures, state.locked, remaining_attempts(state)) == (1, False, 2)
    state = after_failure(state, "2026-11-02T09:01:00+00:00")
    assert (state.failures, state.locked, remaining_attempts(state)) == (2, False, 1)
    state = after_failure(state, "2026-11-02T09:02:00+00:00")
    assert (state.failures, state.locked, remaining_attempts(state)) == (3, True, 0)
    assert state.last_failure_at == "2026-11-02T09:02:00+00:00"


def test_success_resets_everything():
    state = after_failure(after_failure(SlotState(), "a"), "b")
    assert after_success(state) == SlotState()
    assert remaining_attempts(after_success(state)) == MAX_FAILURES


def test_a_locked_state_stays_locked_on_more_failures():
    state = SlotState(failures=3, locked=True)
    later = after_failure(state, "c")
    assert later.locked
    assert later.failures == 4
    assert remaining_attempts(later) == 0


@given(st.integers(min_value=0, max_value=20))
def test_locked_exactly_from_the_third_consecutive_failure(n):
    state = SlotState()
    for i in range(n):
        state = after_failure(state, f"t{i}")
    assert state.failures == n
    assert state.locked == (n >= MAX_FAILURES)
    assert remaining_attempts(state) == max(0, MAX_FAILURES - n)


@given(st.lists(st.booleans(), max_size=30))
def test_only_consecutive_failures_count(outcomes):
    """``True`` is a success, ``False`` a failure; once locked, the account stays locked."""
    state = SlotState()
    run = 0
    locked = False
    for ok in outcomes:
        if locked:
            break  # a locked login never reaches the password check
        if ok:
            state, run = after_success(state), 0
        else:
            state, run = after_failure(state, "t"), run + 1
        locked = run >= MAX_FAILURES
        assert state.locked == locked
        assert state.failures == run
