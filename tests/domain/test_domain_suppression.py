"""Small-cell suppression: no small count published, none that can be worked out again.

The property tests draw random tables with their totals and check the published result against
an oracle written independently of the module: a brute force over the other tables a reader
could believe in. Its reasoning: another table consistent with everything published differs
from the true one by a whole-number change of the hidden entries that keeps every equation; in
a table with margins such changes split into cycles of +1/-1 ("transportation" systems are
totally unimodular), so if a hidden entry can take another value at all, it can take one that
differs by one, with every other hidden entry within one of its true value. The oracle tries all
those nearby tables; a second test checks that reasoning against a wide brute force on tables
small enough for it.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from anaiss_desktop.domain.suppression import (
    DEFAULT_THRESHOLD,
    MARK,
    Line,
    layout,
    legend,
    recoverable,
    suppress,
    threshold_problems,
    with_totals,
)

ORACLE_LIMIT = 8  # hidden entries: 3**8 nearby tables at most


def _holds(values: dict, lines: list[Line]) -> bool:
    return all(sum(values[m] for m in line.members) == values[line.total] for line in lines)


def _oracle_movable(values: dict, lines: list[Line], hidden: set, span: int = 1) -> set:
    """Hidden entries that take another value in some table consistent with the published
    ones, every hidden entry being a whole number >= 1 within ``span`` of its true value."""
    order = sorted(hidden)
    ranges = [range(max(1, values[e] - span), values[e] + span + 1) for e in order]
    moved: set = set()
    trial = dict(values)
    for combo in itertools.product(*ranges):
        trial.update(zip(order, combo, strict=True))
        if _holds(trial, lines):
            moved |= {e for e, v in zip(order, combo, strict=True) if v != values[e]}
    return moved


counts = st.one_of(st.just(0), st.integers(1, 6), st.integers(0, 30))
shapes = st.sampled_from([(False, True), (True, False), (True, True), (False, False)])


@st.composite
def tables(draw):
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 6))
    cells = draw(st.lists(st.lists(counts, min_size=columns, max_size=columns),
                          min_size=rows, max_size=rows))
    row_totals, column_totals = draw(shapes)
    return cells, row_totals, column_totals


def _suppressed(cells, row_totals, column_totals, threshold):
    values = with_totals(cells, row_totals=row_totals, column_totals=column_totals)
    lines = layout(len(cells), len(cells[0]), row_totals=row_totals,
                   column_totals=column_totals)
    return values, lines, suppress(values, lines, threshold)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables(), st.integers(3, 8))
def test_no_small_count_is_published_nor_recoverable(table, threshold):
    cells, row_totals, column_totals = table
    values, lines, hidden = _suppressed(cells, row_totals, column_totals, threshold)
    # (a) nothing published from 1 to threshold - 1, totals included; zeros never hidden
    for entry, value in values.items():
        if entry not in hidden:
            assert not 0 < value < threshold, (entry, value)
        else:
            assert value > 0
    # (b) every published equation has no hidden entry or at least two, and what its hidden
    # entries add up to (known when its total is published) is not a small count either
    for line in lines:
        count = sum(1 for e in line.entries if e in hidden)
        assert count != 1, line
        if count and line.total not in hidden:
            rest = values[line.total] - sum(values[m] for m in line.members if m not in hidden)
            assert rest >= threshold
    # (c) no hidden entry can be worked out: another consistent table gives it another value
    if len(hidden) <= ORACLE_LIMIT:
        assert _oracle_movable(values, lines, set(hidden)) == set(hidden)
    assert recoverable(values, lines, hidden) == []


@settings(max_examples=300, deadline=None)
@given(tables(), st.data())
def test_the_audit_agrees_with_the_brute_force(table, data):
    """``recoverable`` on any set of hidden entries, not only the ones ``suppress`` picks."""
    cells, row_totals, column_totals = table
    values = with_totals(cells, row_totals=row_totals, column_totals=column_totals)
    lines = layout(len(cells), len(cells[0]), row_totals=row_totals,
                   column_totals=column_totals)
    nonzero = sorted(e for e, v in values.items() if v > 0)
    assume(nonzero)
    hidden = set(data.draw(st.lists(st.sampled_from(nonzero), max_size=ORACLE_LIMIT,
                                    unique=True)))
    movable = _oracle_movable(values, lines, hidden)
    assert set(recoverable(values, lines, hidden)) == hidden - movable


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.integers(0, 4), min_size=2, max_size=2), min_size=2, max_size=2),
       st.sampled_from([(False, True), (True, True)]), st.data())
def test_changes_of_one_find_every_other_table(cells, shape, data):
    """The oracle's reasoning, checked: on 2 x 2 tables every hidden entry that can take
    another value at all (values up to 10) can take one within one of the true values."""
    row_totals, column_totals = shape
    values = with_totals(cells, row_totals=row_totals, column_totals=column_totals)
    lines = layout(2, 2, row_totals=row_totals, column_totals=column_totals)
    nonzero = sorted(e for e, v in values.items() if v > 0)
    assume(nonzero)
    hidden = set(data.draw(st.lists(st.sampled_from(nonzero), max_size=4, unique=True)))
    order = sorted(hidden)
    wide: set = set()
    trial = dict(values)
    for combo in itertools.product(range(1, 11), repeat=len(order)):
        trial.update(zip(order, combo, strict=True))
        if _holds(trial, lines):
            wide |= {e for e, v in zip(order, combo, strict=True) if v != values[e]}
    assert _oracle_movable(values, lines, hidden) == wide


# -- examples ------------------------------------------------------------------------------------

def _column(*counts_: int, threshold: int = DEFAULT_THRESHOLD):
    return _suppressed([[c] for c in counts_], False, True, threshold)


def test_a_column_with_one_small_count_hides_a_second_one():
    values, _lines, hidden = _column(3, 0, 20, 40)
    # the 3, and the smallest non-zero other count; the zero stays, the total stays
    assert hidden == {(0, 0), (2, 0)}


def test_two_ones_are_not_enough_to_hide_each_other():
    # 1 + 1 = 2 would be known from the total: the pair is itself a small count
    values, _lines, hidden = _column(1, 1, 20, 40)
    assert hidden == {(0, 0), (1, 0), (2, 0)}


def test_a_small_total_is_hidden_with_its_cells():
    values, _lines, hidden = _column(3, 0, 0)
    assert hidden == {(0, 0), (3, 0)}  # the cell and the total (3): nothing else to hide


def test_nothing_hidden_when_nothing_is_small():
    values, _lines, hidden = _column(0, 5, 12, 0)
    assert hidden == frozenset()


def test_threshold_changes_what_is_small():
    assert _column(6, 30, 40)[2] == frozenset()
    assert _column(6, 30, 40, threshold=8)[2] == {(0, 0), (1, 0)}


def test_a_two_way_table_hides_a_cycle():
    cells = [[10, 2, 30], [12, 14, 1], [40, 50, 60]]
    values, lines, hidden = _suppressed(cells, True, True, 5)
    # the 2 and the 1, plus two cells that close a rectangle with them: four in all
    assert hidden == {(0, 1), (0, 2), (1, 1), (1, 2)}
    assert recoverable(values, lines, hidden) == []


def test_two_blocks_joined_by_one_cell_give_it_back():
    """Each line has two hidden cells, yet the cell joining the blocks can be worked out:
    the audit sees it (a line-by-line rule would not), and suppress mends it."""
    cells = [[9, 9, 50, 50], [9, 9, 9, 50], [50, 50, 9, 9], [50, 50, 9, 9]]
    values = with_totals(cells, row_totals=True, column_totals=True)
    lines = layout(4, 4, row_totals=True, column_totals=True)
    blocks = {(0, 0), (0, 1), (1, 0), (1, 1), (2, 2), (2, 3), (3, 2), (3, 3), (1, 2)}
    for line in lines:
        assert sum(1 for e in line.entries if e in blocks) != 1
    assert recoverable(values, lines, blocks) == [(1, 2)]
    assert _oracle_movable(values, lines, blocks) == blocks - {(1, 2)}


def test_a_hidden_one_that_cannot_go_down_may_be_pinned():
    # a + b = 3 with a = 1, b = 2: (2, 1) is another table, so both move
    values = with_totals([[1], [2], [40]], row_totals=False, column_totals=True)
    lines = layout(3, 1, row_totals=False, column_totals=True)
    assert recoverable(values, lines, {(0, 0), (1, 0)}) == []
    # a + b = 2 with a = b = 1: nothing else is possible (hidden means at least 1)
    values = with_totals([[1], [1], [40]], row_totals=False, column_totals=True)
    assert recoverable(values, lines, {(0, 0), (1, 0)}) == [(0, 0), (1, 0)]


def test_unknown_counts_are_hidden_and_never_chosen():
    lines = layout(3, 1, row_totals=False, column_totals=True)
    values = {(0, 0): None, (1, 0): 7, (2, 0): 40, (3, 0): 52}
    hidden = suppress(values, lines, 5)
    assert (0, 0) in hidden and (1, 0) in hidden  # 52 - 40 = 12 split in two, neither known


def test_a_table_without_totals_hides_only_small_counts():
    values, _lines, hidden = _suppressed([[3], [10], [1]], False, False, 5)
    assert hidden == {(0, 0), (2, 0)}


@pytest.mark.parametrize("bad", [2, 0, -1, 51, "5", 5.0, True, None])
def test_threshold_is_a_whole_number_from_3(bad):
    assert threshold_problems(bad)
    with pytest.raises(ValueError):
        suppress({(0, 0): 1}, [], bad)


def test_threshold_message_is_french_and_explains_why():
    (message,) = threshold_problems(2)
    assert "entre 3 et 50" in message and "reconnue" in message
    assert threshold_problems(3) == [] and threshold_problems(5) == []


def test_legend_names_the_mark_and_the_threshold():
    assert f"« {MARK} »" in legend(7) and "inférieur à 7" in legend(7)
