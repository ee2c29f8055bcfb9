"""Small-cell suppression (secret statistique) for the published statistics tables.

A count from 1 to ``threshold - 1`` can point at a person ("the only man over 75 followed for a
housing problem"), so it is never published: it is *suppressed* (primary suppression). Hiding it
is not enough when the table also publishes its totals: a row ``3 | 40 | 57 = 100`` with the 3
hidden gives it back as ``100 - 40 - 57``. Other cells are therefore hidden too (secondary
suppression) until no hidden value can be worked out from what is published.

The table and its totals are seen as one rectangle of *entries*: the cells, the "Total" column
(one total per row), the "Total" line (one per column) and the grand total. Each published total
gives one *line*: an equation "members add up to total". Rules, applied until nothing changes:

1. **Primary** — every entry (totals included) from 1 to ``threshold - 1`` is hidden.
2. **A line never has exactly one hidden entry** — it would be its total minus the others.
3. **What a line's hidden entries add up to is not a small count** — when the total is
   published, ``total - published members`` is known exactly; if it is from 1 to
   ``threshold - 1``, that sum is itself a small count (two hidden ones of 1 each, say).
4. **Audit** — rules 2 and 3 look at one line at a time, and lines combine (two blocks of hidden
   cells joined by a single hidden cell give that cell back). So every hidden entry is checked
   against all the equations at once (:func:`recoverable`); one that could be worked out gets
   a neighbour hidden too, and rules 2-3 run again.

When a line needs one more hidden entry, a non-zero published cell of the line is chosen
(preferably one that also mends another line, then the smallest: least information lost), its
total only when no cell is left. Zeros are never hidden: a zero reveals nobody, and never
hiding them keeps the rules simple. Everything hidden is always safe, and each round hides one
more entry, so the loop ends. The result is not the smallest possible suppression (that is an
integer programme, as in tau-Argus); it is one that is easy to check, and it is checked.

What the reader is assumed to know: every published number and total, the equations, and that
a hidden entry is a whole number of at least 1 (zeros are never hidden). All hidden entries
carry the same mark (:data:`MARK`), primary and secondary alike: a separate "<5" for primary
cells would tell the reader that the others are 0 or at least 5, which can pin a value down
(a hidden pair adding up to 6 where one is "<5" and the other is not: 1 and 5). Knowledge of
the choice rule itself ("the secondary cell was the smallest one") is not modelled, as in the
usual practice of statistical offices.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 3
MAX_THRESHOLD = 50

#: The text of every hidden entry (INSEE's "s" for *secret statistique*).
MARK = "s"

Entry = tuple[int, int]
"""(row, column) in the rectangle of a table; the total line and column come last."""

FREE = "free"  # the far end of an entry that belongs to a single equation


@dataclass(frozen=True)
class Line:
    """One published equation: ``members`` add up to ``total``.

    Args:
        members: the entries that are added up.
        total: the entry that holds their sum.
        axis: ``"row"`` for a table row (or the line of column totals, added up along it),
            ``"column"`` for a table column (or the column of row totals). Every entry
            belongs to at most one line of each axis.
        margin: the line made of totals (the "Total" line or column, whose own total is the
            grand total): it enters the audit with opposite signs (see :func:`recoverable`).
    """

    members: tuple[Entry, ...]
    total: Entry
    axis: str
    margin: bool = False

    @property
    def entries(self) -> tuple[Entry, ...]:
        return (*self.members, self.total)


def threshold_problems(threshold: object) -> list[str]:
    """Why ``threshold`` cannot be used (French), empty when it can."""
    if not isinstance(threshold, int) or isinstance(threshold, bool):
        return ["Le seuil du secret statistique est un nombre entier."]
    if not MIN_THRESHOLD <= threshold <= MAX_THRESHOLD:
        return [
            f"Le seuil du secret statistique est compris entre {MIN_THRESHOLD} et "
            f"{MAX_THRESHOLD} (habituellement {DEFAULT_THRESHOLD}) : en dessous de "
            f"{MIN_THRESHOLD}, une personne pourrait être reconnue."
        ]
    return []


def legend(threshold: int) -> str:
    """The sentence that explains the mark, printed with the tables (French)."""
    return (
        f"« {MARK} » : effectif non diffusé (secret statistique) : inférieur à {threshold}, "
        "ou masqué pour qu'un petit effectif ne puisse pas être recalculé à partir des totaux."
    )


# -- the rectangle of a table ---------------------------------------------------------------------

def layout(rows: int, columns: int, *, row_totals: bool, column_totals: bool) -> list[Line]:
    """The equations of a ``rows`` x ``columns`` table and the totals it publishes.

    ``row_totals``: a "Total" column (entry ``(i, columns)`` for row ``i``);
    ``column_totals``: a "Total" line (entry ``(rows, j)``); both: the grand total
    ``(rows, columns)`` too, with the equations of the totals themselves.
    """
    lines: list[Line] = []
    if row_totals:
        lines += [Line(tuple((i, j) for j in range(columns)), (i, columns), "row")
                  for i in range(rows)]
    if column_totals:
        lines += [Line(tuple((i, j) for i in range(rows)), (rows, j), "column")
                  for j in range(columns)]
    if row_totals and column_totals:
        lines.append(Line(tuple((rows, j) for j in range(columns)), (rows, columns), "row",
                          margin=True))
        lines.append(Line(tuple((i, columns) for i in range(rows)), (rows, columns), "column",
                          margin=True))
    return lines


def with_totals(
    cells: Sequence[Sequence[int]], *, row_totals: bool, column_totals: bool
) -> dict[Entry, int]:
    """Every entry of the table: the cells and the totals it publishes, added up."""
    rows = len(cells)
    columns = len(cells[0]) if rows else 0
    values: dict[Entry, int] = {
        (i, j): int(cells[i][j]) for i in range(rows) for j in range(columns)
    }
    if row_totals:
        for i in range(rows):
            values[(i, columns)] = sum(values[(i, j)] for j in range(columns))
    if column_totals:
        for j in range(columns):
            values[(rows, j)] = sum(values[(i, j)] for i in range(rows))
    if row_totals and column_totals:
        values[(rows, columns)] = sum(values[(i, columns)] for i in range(rows))
    return values


# -- the rules -------------------------------------------------------------------------------------

def suppress(
    values: Mapping[Entry, int | None],
    lines: Sequence[Line],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    hidden: Iterable[Entry] = (),
) -> frozenset[Entry]:
    """The entries to hide so that no small count is published or can be worked out.

    ``values`` maps every entry to its count; ``None`` is a count nobody knows (a cell hidden
    in one of the files a consolidation adds up): it is hidden, never chosen, and assumed to
    be at least 1 and possibly 1. ``hidden`` are entries to hide whatever their value.
    """
    problems = threshold_problems(threshold)
    if problems:
        raise ValueError(problems[0])
    for value in values.values():
        if value is not None and value < 0:
            raise ValueError("a count is never negative")
    result = set(hidden)
    result |= {e for e, v in values.items() if v is None or 0 < v < threshold}  # rule 1
    while True:
        weak = _weak_line(values, lines, result, threshold)  # rules 2 and 3
        if weak is not None:
            result.add(_candidate(values, [weak], result, lines))
            continue
        exposed = recoverable(values, lines, result)  # rule 4
        if not exposed:
            return frozenset(result)
        around = [line for line in lines if exposed[0] in line.entries]
        result.add(_candidate(values, around, result, lines))


def _weak_line(
    values: Mapping[Entry, int | None], lines: Sequence[Line], hidden: set[Entry],
    threshold: int,
) -> Line | None:
    """The first line whose hidden entries could be worked out or add up to a small count."""
    for line in lines:
        count = sum(1 for e in line.entries if e in hidden)
        if count == 0:
            continue
        if count == 1:
            return line
        if line.total not in hidden:
            # Published members are known numbers (an unknown one is always hidden).
            rest = values[line.total] - sum(values[m] for m in line.members if m not in hidden)
            if 0 < rest < threshold:
                return line
    return None


def _candidate(
    values: Mapping[Entry, int | None], around: Sequence[Line], hidden: set[Entry],
    lines: Sequence[Line],
) -> Entry:
    """The entry to hide next for the lines ``around``: one of their non-zero published
    members, else one of their non-zero published totals, else any non-zero published entry.

    Among those, one that also gives a second hidden entry to another line that has only one
    comes first (it mends two lines at once), then the smallest value (least lost).
    """
    def alone(entry: Entry) -> bool:
        return any(entry in line.entries and sum(1 for e in line.entries if e in hidden) == 1
                   for line in lines if line not in around)

    def best(entries: Iterable[Entry]) -> Entry | None:
        options = [e for e in entries if e not in hidden and (values[e] or 0) > 0]
        return min(options, key=lambda e: (not alone(e), values[e], e)) if options else None

    choice = (best(m for line in around for m in line.members)
              or best(line.total for line in around)
              or best(values))
    if choice is None:  # pragma: no cover - with everything hidden nothing is recoverable
        raise AssertionError("no entry left to hide")
    return choice


# -- the audit -------------------------------------------------------------------------------------

def recoverable(
    values: Mapping[Entry, int | None], lines: Sequence[Line], hidden: Iterable[Entry]
) -> list[Entry]:
    """The hidden entries a reader could work out exactly from the published ones.

    Another table consistent with everything published differs from the true one by a
    change ``d`` of the hidden entries that keeps every equation true, and keeps every hidden
    entry at least 1. Such changes, when they exist, can be taken of the form +1/-1 along a
    cycle (the equations of a table with its margins form a bipartite "transportation"
    system, whose changes split into such cycles). So an entry can be worked out exactly when
    no cycle of +1/-1 changes goes through it, where -1 is allowed only on an entry known to
    be at least 2.

    The cycles are found as paths in a small graph: one node per equation (plus one *free*
    node for entries that are in a single equation), one edge per hidden entry between its
    row-axis and column-axis equations. With the signs chosen below each equation reads
    "what flows in equals what flows out", a +1/-1 change on a cycle is a flow around it, and
    an entry is safe when the far end of its edge can reach the near end again.
    """
    hidden = set(hidden)
    ends: dict[Entry, dict[str, tuple[object, int]]] = {e: {} for e in hidden}
    for index, line in enumerate(lines):
        # Ordinary line: members +1, total -1; the line of totals the other way round, so
        # that an entry has the same sign in both of its equations.
        sign = -1 if line.margin else 1
        for member in line.members:
            if member in hidden:
                _attach(ends[member], line.axis, index, sign)
        if line.total in hidden:
            _attach(ends[line.total], line.axis, index, -sign)

    # Each hidden entry: (row node, column node, sign, may go down by one).
    edges: dict[Entry, tuple[object, object, int, bool]] = {}
    for entry, attached in ends.items():
        row_node, row_sign = attached.get("row", (FREE, 0))
        column_node, column_sign = attached.get("column", (FREE, 0))
        if row_sign and column_sign and row_sign != column_sign:  # pragma: no cover
            raise AssertionError("an entry must have the same sign in both of its lines")
        value = values.get(entry)
        edges[entry] = (row_node, column_node, row_sign or column_sign or 1,
                        value is not None and value >= 2)

    def arcs(entry: Entry) -> list[tuple[object, object]]:
        """Directions in which ``entry``'s edge may carry one unit: up (d = +1) always,
        down (d = -1) only when its value is at least 2."""
        row_node, column_node, sign, can_go_down = edges[entry]
        forward = (row_node, column_node)
        backward = (column_node, row_node)
        up = forward if sign > 0 else backward
        down = backward if sign > 0 else forward
        return [up, down] if can_go_down else [up]

    exposed = []
    for entry in sorted(hidden):
        others: dict[object, list[object]] = {}
        for other in hidden - {entry}:
            for tail, head in arcs(other):
                others.setdefault(tail, []).append(head)
        if not any(tail == head or _reaches(others, head, tail) for tail, head in arcs(entry)):
            exposed.append(entry)
    return exposed


def _attach(attached: dict[str, tuple[object, int]], axis: str, node: int, sign: int) -> None:
    if axis in attached:  # pragma: no cover - a layout error
        raise AssertionError("an entry belongs to one line per axis at most")
    attached[axis] = (node, sign)


def _reaches(graph: Mapping[object, list[object]], start: object, goal: object) -> bool:
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return False
