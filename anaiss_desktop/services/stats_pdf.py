"""The one-page PDF summary of an anonymised statistics export, with charts, for the unit.

The CSV is the reference (every table, every category); this page is what the unit pins on a
board or hands to its director: the key figures as big numbers, bar charts of the interventions,
the motifs, the origins and the persons by age and sex, and the aids as a compact table. It is
made from the *published* tables only (:meth:`PublishedTable.published`), so it can show
nothing the CSV does not: a hidden count is drawn as no bar at all with the mark
:data:`~anaiss_desktop.domain.suppression.MARK` as its label, and the scales of the charts are
taken from the published numbers, so not even a bar's length or an axis can give a hidden
value back.

Exactly one page, whatever the station's lists hold: a chart shows at most a dozen bars (the
largest categories, then "N autres catégories" added up, then *Non renseigné* and *Autre*,
always kept, so the quality of the figures stays visible). A group's figure is the sum of
published numbers, or the mark when one of them is hidden: it is worked out from the published
tables, so it reveals nothing they do not. The page says that the complete tables are in the CSV.

Sober on purpose: one accent colour, greys for *Non renseigné*/*Autre* and the grouped bars,
the value written at the end of every bar, so that the page reads the same printed in black and
white. Nothing touches the disk and reportlab is imported on first use (start-up time): the
bytes go to the preview, then next to the CSV on the drive the manager chose.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Any

from .. import APP_NAME
from ..domain.codes import NOT_PROVIDED, OTHER
from ..domain.stats import (
    AIDS,
    INTERVENTIONS,
    MOTIFS,
    ORIGINS,
    PERSONS,
    SUMMARY,
    TOTAL_LABEL,
    Period,
    PublishedTable,
    station_code_problems,
)
from ..domain.suppression import MARK, legend, threshold_problems
from .errors import InvalidInput
from .letter_pdf import FONT, FONT_BOLD, register_fonts, unsupported_characters

TITLE = "Statistiques anonymisées"
CSV_NOTE = "Tableaux complets : fichier CSV joint."
# Most bars in a chart, lines and columns in the aids table: with these, the page holds the
# largest station lists (checked by a test with dozens of local categories).
MAX_BARS = 11
MAX_AID_ROWS = 10
MAX_AID_COLUMNS = 7
GROUP_LABEL = "{n} autres catégories"

# Colours (hex): one accent, greys that stay apart in black and white.
INK = "#1F2328"
MUTED = "#5A6270"
ACCENT = "#2E4A62"
ACCENT_LIGHT = "#8DA4B8"
QUIET = "#C3C8CE"
RULE = "#D5D9DE"
PANEL = "#F1F3F5"

KEY_FIGURES = (
    ("DOSSIERS_OUVERTS", "Dossiers ouverts", "pendant la période"),
    ("DOSSIERS_ACTIFS", "Dossiers actifs", "à un moment de la période"),
    ("DOSSIERS_CLOS", "Dossiers clos", "pendant la période"),
    ("PERSONNES", "Personnes accompagnées", "au moins un dossier actif"),
)


# -- the published numbers, as the page shows them ---------------------------------------------

@dataclass(frozen=True)
class Head:
    """A row or column as shown: its label, and ``quiet`` for *Non renseigné*, *Autre* and a
    group of categories (drawn in grey: they tell the quality of the figures, not a need)."""

    label: str
    quiet: bool = False


@dataclass(frozen=True)
class Grid:
    """A published table as numbers (``None``: hidden), its totals included.

    Args:
        rows, columns: the body's heads.
        values: ``len(rows)`` lines (plus the "Total" line when ``total_line``), each with
            ``len(columns)`` numbers (plus the "Total" column when ``total_column``).
    """

    rows: tuple[Head, ...]
    columns: tuple[Head, ...]
    values: tuple[tuple[int | None, ...], ...]
    total_line: bool
    total_column: bool

    def cell(self, i: int, j: int) -> int | None:
        return self.values[i][j]

    def total(self) -> int | None:
        """The "Total" line's last number: the table's total (one column) or grand total."""
        return self.values[-1][-1] if self.total_line else None

    def transposed(self) -> Grid:
        return Grid(self.columns, self.rows, tuple(zip(*self.values, strict=True)),
                    self.total_column, self.total_line)

    def folded(self, limit: int, group_label: str = GROUP_LABEL, *, by_size: bool) -> Grid:
        """At most ``limit`` body rows: the largest ones (by their last number: the count, or
        the row total), the others added up in one row, *Non renseigné* and *Autre* last.

        ``by_size``: largest first (a chart); otherwise the list's order is kept (a table).
        See the module docstring for why a group's sum is safe to print.
        """
        count = len(self.rows)
        fixed = [i for i in range(count) if self.rows[i].quiet]
        ordinary = [i for i in range(count) if not self.rows[i].quiet]
        kept = sorted(ordinary, key=lambda i: _rank(self.values[i][-1]))
        group: list[tuple[Head, tuple[int | None, ...]]] = []
        if count > limit:
            keep = max(limit - len(fixed) - 1, 1)
            rest = kept[keep:]
            kept = kept[:keep]
            sums = tuple(_sum(column) for column in zip(*(self.values[i] for i in rest),
                                                            strict=True))
            group = [(Head(group_label.format(n=len(rest)), quiet=True), sums)]
        if not by_size:
            kept = [i for i in ordinary if i in kept]
        shown = [(self.rows[i], self.values[i]) for i in kept] + group + [
            (self.rows[i], self.values[i]) for i in fixed]
        return replace(self, rows=tuple(h for h, _v in shown),
                       values=tuple(v for _h, v in shown) + self.values[count:])


def _rank(value: int | None) -> tuple[int, int]:
    """Order of the bars: published counts, largest first; hidden ones; zeros. Only published
    numbers decide, so the order tells nothing about a hidden count."""
    if value is None:
        return (1, 0)
    return (0, -value) if value else (2, 0)


def _sum(values: Sequence[int | None]) -> int | None:
    """A group's count: hidden as soon as one of its members is."""
    known = [v for v in values if v is not None]
    return sum(known) if len(known) == len(values) else None


def grid(published: PublishedTable) -> Grid:
    """The published numbers of ``published`` (hidden and unknown ones as ``None``)."""
    table = published.table
    rows = tuple(Head(_printable(r.label), r.code in (NOT_PROVIDED, OTHER)) for r in table.rows)
    columns = tuple(Head(_printable(c.label), c.code in (NOT_PROVIDED, OTHER))
                    for c in table.columns)
    values = tuple(tuple(published.published(e) for e in line) for line in table.grid())
    return Grid(rows, columns, values, table.column_totals, table.row_totals)


def _printable(label: str) -> str:
    """A label the embedded font can draw (a manager may type anything in a local code)."""
    missing = set(unsupported_characters(label))
    return "".join("?" if c in missing else c for c in label) if missing else label


def _text(value: int | None) -> str:
    if value is None:
        return MARK
    # French thousands separator; a no-break space, which the embedded font can draw
    return f"{value:,}".replace(",", "\u00a0")


def local_date(moment: datetime) -> str:
    """dd/mm/yyyy in the station's local time (an aware moment is converted; a naive one is
    taken as local)."""
    return moment.astimezone().strftime("%d/%m/%Y")


def _check(threshold: int, station_code: str) -> None:
    problems = station_code_problems(station_code) or threshold_problems(threshold)
    if problems:
        raise InvalidInput(problems[0])


# -- the page ------------------------------------------------------------------------------------

def summary_pdf(tables: Sequence[PublishedTable], period: Period, threshold: int,
                station_code: str, *, generated_at: datetime,
                merged_codes: Sequence[str] = ()) -> bytes:
    """The one-page A4 summary of the published ``tables`` as PDF bytes (nothing is written).

    ``merged_codes``: the stations a regional consolidation adds up (named in the header).

    Raises :class:`InvalidInput` on a station code or threshold an export would refuse.
    """
    _check(threshold, station_code)
    register_fonts()
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    by_key = {p.table.key: p for p in tables}
    buffer = io.BytesIO()
    # invariant: the same tables give the same bytes (the preview is the file, its hash too)
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(f"{TITLE} {station_code} {period.label()}")
    canvas.setAuthor(APP_NAME)
    canvas.setCreator(APP_NAME)
    canvas.setSubject("Synthèse d'une page, secret statistique appliqué")
    # The file's dates are the station's (the manifest's "generated at"), not the PC's.
    stamp = generated_at.astimezone(timezone.utc).strftime("D:%Y%m%d%H%M%S+00'00'")
    canvas.setDateFormatter(lambda *_parts: stamp)
    page = _Page(canvas, *A4, threshold=threshold)
    blocks = _blocks(by_key, period, page.half, page.width)
    page.header(period, threshold, station_code, generated_at, merged_codes)
    page.key_figures(_summary(by_key[SUMMARY]))
    page.spread([block.height for block in blocks])
    for block in blocks:
        page.place(block)
    page.footer()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _summary(published: PublishedTable) -> dict[str, int | None]:
    """The summary's published numbers by row code."""
    return {row.code: published.published((i, 0)) for i, row in enumerate(published.table.rows)}


@dataclass(frozen=True)
class _Panel:
    """A titled block: ``subtitle`` says its total (or the mark); ``body`` is a reportlab
    Drawing (a chart) or a platypus Table, ``body_height`` its height in points."""

    title: str
    subtitle: str
    body: Any
    body_height: float


@dataclass(frozen=True)
class _Block:
    """One band of the page: one panel across, or two side by side."""

    panels: tuple[_Panel, ...]

    @property
    def height(self) -> float:
        return _Page.PANEL_HEAD + max(p.body_height for p in self.panels)


def _chart(title: str, subtitle: str, drawing: Any) -> _Panel:
    return _Panel(title, subtitle, drawing, drawing.height)


def _blocks(by_key: dict[str, PublishedTable], period: Period, half: float,
            width: float) -> list[_Block]:
    """The bands under the key figures, built (and so measured) before anything is drawn."""
    interventions, persons = grid(by_key[INTERVENTIONS]), grid(by_key[PERSONS])
    motifs, origins = grid(by_key[MOTIFS]), grid(by_key[ORIGINS])
    return [
        _Block((
            _chart("Interventions par type", f"Total : {_text(interventions.total())}",
                   _bars(interventions, half)),
            _chart("Personnes accompagnées, par âge et sexe",
                   f"Total : {_text(persons.total())}  ·  âge au 1er {period.first.label()}",
                   _persons(persons, half)),
        )),
        _Block((
            _chart("Dossiers actifs par motif",
                   f"Motifs cités : {_text(motifs.total())} "
                   "(un dossier peut en avoir plusieurs)", _bars(motifs, half)),
            _chart("Dossiers actifs par origine de la demande",
                   f"Total : {_text(origins.total())}", _bars(origins, half)),
        )),
        _Block((_aids(grid(by_key[AIDS]), width),)),
    ]


def _color(hex_text: str) -> Any:
    from reportlab.lib.colors import HexColor

    return HexColor(hex_text)


def _width(text: str, size: float, *, bold: bool = False) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT_BOLD if bold else FONT, size)


def _wrap(text: str, width: float, size: float, lines: int = 2, *,
          bold: bool = False) -> list[str]:
    """``text`` cut into at most ``lines`` lines of ``width`` points, an ellipsis when it is
    longer still: a chart has room for two lines of label, not for a paragraph. A word wider
    than the line is cut too (a local label can be anything), so nothing runs into its
    neighbour."""
    from reportlab.lib.utils import simpleSplit

    parts: list[str] = []
    for part in simpleSplit(text, FONT_BOLD if bold else FONT, size, width) or [""]:
        while _width(part, size, bold=bold) > width and len(part) > 1:
            cut = len(part) - 1
            while cut > 1 and _width(part[:cut], size, bold=bold) > width:
                cut -= 1
            parts.append(part[:cut])
            part = part[cut:]
        parts.append(part)
    if len(parts) <= lines:
        return parts
    last = " ".join(parts[lines - 1:])
    while last and _width(last + "…", size, bold=bold) > width:
        last = last[:-1]
    return [*parts[:lines - 1], last.rstrip() + "…"]


# -- charts ----------------------------------------------------------------------------------------

BAR_STEP = 16.0  # points per bar: room for a two-line label
LABEL_SIZE = 6.8
VALUE_SIZE = 7.0
SEX_FILLS = (ACCENT, ACCENT_LIGHT, QUIET)


def _value_labels(chart: Any, size: float, anchor: str) -> None:
    """Published counts at the end of their bar; a hidden count gets no bar, only the mark."""
    from reportlab.graphics.charts.textlabels import NA_Label

    na = NA_Label()
    na.text = MARK
    chart.barLabelFormat = _text
    chart.naLabel = na
    for label in (chart.barLabels, na):
        label.fontName = FONT_BOLD
        label.fontSize = size
        label.fillColor = _color(INK)
        label.boxAnchor = anchor
        label.nudge = 3


def _scale(chart: Any, values: Sequence[int | None]) -> None:
    """The value axis from the published numbers only (never from a hidden one), not drawn:
    every bar carries its number."""
    top = max([v for v in values if v is not None] + [1])
    chart.valueAxis.visible = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = top


def _category_axis(axis: Any, names: list[str], anchor: str, text_anchor: str) -> None:
    axis.categoryNames = names
    axis.labels.fontName = FONT
    axis.labels.fontSize = LABEL_SIZE
    axis.labels.leading = LABEL_SIZE + 1
    axis.labels.fillColor = _color(INK)
    axis.labels.boxAnchor = anchor
    axis.labels.textAnchor = text_anchor
    axis.strokeColor = _color(RULE)
    axis.visibleTicks = 0


def _bars(table: Grid, width: float) -> Any:
    """Horizontal bars, largest first, *Non renseigné*/*Autre*/grouped ones in grey."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.shapes import Drawing

    table = table.folded(MAX_BARS, by_size=True)
    rows = [(head, table.cell(i, 0)) for i, head in enumerate(table.rows)]
    rows.reverse()  # the chart draws its first category at the bottom
    label_width = width * 0.44
    widest = max(_width(_text(v), VALUE_SIZE, bold=True) for _h, v in rows)
    drawing = Drawing(width, len(rows) * BAR_STEP + 2)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 1
    chart.width = width - label_width - widest - 6  # the number after the longest bar
    chart.height = len(rows) * BAR_STEP
    chart.data = [[value for _head, value in rows]]
    chart.barWidth, chart.groupSpacing = 10, 6
    _category_axis(chart.categoryAxis,
                   ["\n".join(_wrap(h.label, label_width - 8, LABEL_SIZE)) for h, _v in rows],
                   "e", "end")
    chart.categoryAxis.labels.dx = -5
    _scale(chart, chart.data[0])
    chart.bars[0].fillColor = _color(ACCENT)
    chart.bars[0].strokeColor = None
    for index, (head, _value) in enumerate(rows):
        if head.quiet:
            chart.bars[(0, index)].fillColor = _color(QUIET)
    _value_labels(chart, VALUE_SIZE, "w")
    drawing.add(chart)
    return drawing


def _persons(table: Grid, width: float) -> Any:
    """Grouped vertical bars: one group per age bracket, one bar per sex; the legend gives
    each sex's total (the table's "Total" column). Numbers wider than a bar (a large
    station's) are written upwards, so that neighbours never overlap."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    ages, sexes = len(table.columns), len(table.rows)
    legend_height, label_height, plot_height = 14.0, 20.0, 104.0
    drawing = Drawing(width, legend_height + plot_height + label_height)
    _legend(drawing, table, width)
    chart = VerticalBarChart()
    chart.data = [[table.cell(i, j) for j in range(ages)] for i in range(sexes)]
    chart.barWidth, chart.barSpacing, chart.groupSpacing = 10, 1, 10
    widest = max(_width(_text(v), PERSON_VALUE_SIZE, bold=True)
                 for series in chart.data for v in series)
    upright = widest > chart.barWidth + chart.barSpacing
    chart.x, chart.y = 2, label_height
    chart.width = width - 4
    # the numbers over the tallest bars stay under the legend
    chart.height = plot_height - (widest + 6 if upright else 14)
    _category_axis(chart.categoryAxis,
                   ["\n".join(_wrap(h.label, chart.width / ages - 4, LABEL_SIZE))
                    for h in table.columns], "n", "middle")
    chart.categoryAxis.labels.dy = -3
    _scale(chart, [v for series in chart.data for v in series])
    for i in range(sexes):
        chart.bars[i].fillColor = _color(SEX_FILLS[min(i, len(SEX_FILLS) - 1)])
        chart.bars[i].strokeColor = None
    _value_labels(chart, PERSON_VALUE_SIZE, "w" if upright else "s")
    if upright:
        chart.barLabels.angle = chart.naLabel.angle = 90
    drawing.add(chart)
    return drawing


PERSON_VALUE_SIZE = 6.2


def _legend(drawing: Any, table: Grid, width: float) -> None:
    """One swatch per sex with its total, on one line (smaller type when totals are long)."""
    from reportlab.graphics.shapes import Rect, String

    columns = len(table.columns)
    texts = [f"{head.label} : {_text(table.cell(i, columns) if table.total_column else None)}"
             for i, head in enumerate(table.rows)]
    size = 7.0
    needed = sum(18 + _width(t, size) for t in texts)
    if needed > width:
        size *= width / needed
    x, top = 2.0, drawing.height - 9
    for i, text in enumerate(texts):
        fill = _color(SEX_FILLS[min(i, len(SEX_FILLS) - 1)])
        drawing.add(Rect(x, top, 7, 7, fillColor=fill, strokeColor=None))
        drawing.add(String(x + 10, top + 0.5, text, fontName=FONT, fontSize=size,
                           fillColor=_color(INK)))
        x += 18 + _width(text, size)


# -- the aids table --------------------------------------------------------------------------------

AID_LABEL_WIDTH = 135.0
TABLE_SIZE = 7.2
TABLE_HEAD_SIZE = 6.8


def _aids(table: Grid, width: float) -> _Panel:
    """Aid type x outcome as a compact table, in the lists' order, totals in bold; numbers
    centred under their heading, which may be narrow when the lists are long."""
    from reportlab.platypus import Table, TableStyle

    table = (table.transposed().folded(MAX_AID_COLUMNS, "{n} autres issues", by_size=False)
             .transposed().folded(MAX_AID_ROWS, "{n} autres types", by_size=False))
    columns = len(table.columns) + (1 if table.total_column else 0)
    number_width = (width - AID_LABEL_WIDTH) / columns
    heads = [h.label for h in table.columns] + ([TOTAL_LABEL] if table.total_column else [])
    size = _head_size(heads, number_width - 6)
    data = [["", *("\n".join(_wrap(h, number_width - 6, size, bold=True)) for h in heads)]]
    labels = [h.label for h in table.rows] + ([TOTAL_LABEL] if table.total_line else [])
    for label, values in zip(labels, table.values, strict=True):
        data.append([_wrap(label, AID_LABEL_WIDTH - 8, TABLE_SIZE, lines=1)[0],
                     *(_text(v) for v in values)])
    flowable = Table(data, colWidths=[AID_LABEL_WIDTH] + [number_width] * columns,
                     style=TableStyle(_aid_style(table, len(data), columns, size)))
    _w, height = flowable.wrap(width, 1000)
    return _Panel("Aides demandées, par type et issue",
                  f"Total : {_text(table.total())}  ·  issue connue au jour du calcul",
                  flowable, height)


def _head_size(heads: Sequence[str], width: float) -> float:
    """The headings' font size: smaller when a word would not fit its column (a long local
    outcome), rather than cutting the word."""
    widest = max((_width(word, TABLE_HEAD_SIZE, bold=True) for h in heads for word in h.split()),
                 default=0.0)
    if widest <= width:
        return TABLE_HEAD_SIZE
    return max(TABLE_HEAD_SIZE * (width - 1) / widest, 5.0)  # a point to spare: rounding


def _aid_style(table: Grid, lines: int, columns: int, head_size: float
               ) -> list[tuple[Any, ...]]:
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, head_size),
        ("LEADING", (0, 0), (-1, 0), head_size + 1),
        ("TEXTCOLOR", (0, 0), (-1, -1), _color(INK)),
        ("BACKGROUND", (0, 0), (-1, 0), _color(PANEL)),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, _color(RULE)),
    ]
    for i, head in enumerate(table.rows, start=1):
        if head.quiet:
            style.append(("TEXTCOLOR", (0, i), (0, i), _color(MUTED)))
    if table.total_line:
        style += [("FONT", (0, lines - 1), (-1, lines - 1), FONT_BOLD, TABLE_SIZE),
                  ("LINEABOVE", (0, lines - 1), (-1, lines - 1), 0.8, _color(ACCENT))]
    if table.total_column:
        style += [("FONT", (columns, 1), (columns, -1), FONT_BOLD, TABLE_SIZE),
                  ("LINEBEFORE", (columns, 0), (columns, -1), 0.8, _color(ACCENT))]
    return style


# -- the layout ------------------------------------------------------------------------------------

class _Page:
    """Draws from the top of the page down, keeping a cursor (``self.y``); the footer sits at
    the foot of the page and the bands share the room left between them (:meth:`spread`)."""

    MARGIN = 40.0
    GAP = 14.0
    MIN_GAP = 6.0
    MAX_GAP = 26.0
    PANEL_HEAD = 27.0  # title, rule and subtitle above a panel
    FOOT = 26.0  # baseline of the last footer line
    FOOT_SIZE = 7.0
    FOOT_LEADING = 8.6

    def __init__(self, canvas: Any, width: float, height: float, *, threshold: int) -> None:
        self.canvas = canvas
        self.left = self.MARGIN
        self.right = width - self.MARGIN
        self.width = self.right - self.left
        self.half = (self.width - self.GAP * 1.5) / 2
        self.y = height - 34.0
        self.gap = self.GAP
        self.foot_lines = [
            *_wrap(legend(threshold), self.width, self.FOOT_SIZE, lines=3),
            "Uniquement des effectifs agrégés : aucun nom, aucune donnée individuelle. "
            f"Document établi par {APP_NAME}.",
        ]
        # the footer's rule; nothing above may come lower
        self.foot_top = self.FOOT + self.FOOT_LEADING * (len(self.foot_lines) - 1) + 10

    def _string(self, x: float, y: float, text: str, size: float, *, bold: bool = False,
                color: str = INK, right: bool = False) -> None:
        c = self.canvas
        c.setFont(FONT_BOLD if bold else FONT, size)
        c.setFillColor(_color(color))
        (c.drawRightString if right else c.drawString)(x, y, text)

    def _line(self, x0: float, x1: float, y: float, color: str = RULE,
              width: float = 0.5) -> None:
        self.canvas.setStrokeColor(_color(color))
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, y, x1, y)

    def header(self, period: Period, threshold: int, code: str, generated_at: datetime,
               merged_codes: Sequence[str] = ()) -> None:
        """Title, station and period; the threshold and the date on a quieter line."""
        self.y -= 18
        self._string(self.left, self.y, TITLE, 19, bold=True)
        place = f"Consolidation {code}" if merged_codes else f"Station {code}"
        self._string(self.right, self.y, place, 12, bold=True, color=ACCENT, right=True)
        self.y -= 17
        self._string(self.left, self.y, f"Période : {period.label()}", 10.5)
        self._string(self.right, self.y, f"Édité le {local_date(generated_at)}", 8.5,
                     color=MUTED, right=True)
        self.y -= 13
        self._string(self.left, self.y, f"Seuil du secret statistique : {threshold}  ·  "
                     f"« {MARK} » : effectif non diffusé  ·  {CSV_NOTE}", 8, color=MUTED)
        if merged_codes:
            shown = ", ".join(merged_codes[:8]) + ("…" if len(merged_codes) > 8 else "")
            self.y -= 11
            self._string(self.left, self.y, f"Addition de {len(merged_codes)} stations : "
                         f"{shown}", 8, color=MUTED)
        self.y -= 8
        self._line(self.left, self.right, self.y, ACCENT, 1.2)
        self.y -= self.GAP

    def key_figures(self, summary: dict[str, int | None]) -> None:
        """The summary's four numbers in boxes; a hidden one shows the mark, as big."""
        gap, height, pad = 8.0, 50.0, 8.0
        box = (self.width - gap * (len(KEY_FIGURES) - 1)) / len(KEY_FIGURES)
        c = self.canvas
        for index, (code, label, hint) in enumerate(KEY_FIGURES):
            x = self.left + index * (box + gap)
            c.setFillColor(_color(PANEL))
            c.setStrokeColor(_color(RULE))
            c.setLineWidth(0.6)
            c.roundRect(x, self.y - height, box, height, 4, stroke=1, fill=1)
            figure = _text(summary.get(code))
            big = min(21.0, 21.0 * (box - 2 * pad) / _width(figure, 21.0, bold=True))
            self._string(x + pad, self.y - 24, figure, big, bold=True, color=ACCENT)
            size = min(8.0, 8.0 * (box - 2 * pad) / _width(label, 8.0, bold=True))
            self._string(x + pad, self.y - 36, label, size, bold=True)
            self._string(x + pad, self.y - 45, hint, 6.6, color=MUTED)
        self.y -= height

    def spread(self, heights: Sequence[float]) -> None:
        """Share the room between the key figures and the footer among the gaps above each
        band and above the footer, so a small station's page does not end in a blank."""
        room = self.y - self.foot_top - sum(heights)
        gap = room / (len(heights) + 1)
        self.gap = min(max(gap, self.MIN_GAP), self.MAX_GAP)

    def place(self, block: _Block) -> None:
        """A band: its panels side by side under their titles."""
        from reportlab.graphics import renderPDF
        from reportlab.graphics.shapes import Drawing

        self.y -= self.gap
        count = len(block.panels)
        width = self.half if count == 2 else self.width
        for index, panel in enumerate(block.panels):
            x = self.left + index * (width + self.GAP * 1.5)
            self._panel_head(x, width, panel.title, panel.subtitle)
            bottom = self.y - self.PANEL_HEAD - panel.body_height
            if isinstance(panel.body, Drawing):
                renderPDF.draw(panel.body, self.canvas, x, bottom)
            else:
                panel.body.drawOn(self.canvas, x, bottom)
        self.y -= block.height

    def _panel_head(self, x: float, width: float, title: str, subtitle: str) -> None:
        self._string(x, self.y - 9, title, 9.5, bold=True, color=ACCENT)
        self._line(x, x + width, self.y - 13)
        self._string(x, self.y - 22, subtitle, 7, color=MUTED)

    def footer(self) -> None:
        """The legend of the mark and what the page holds, at the page's foot."""
        self._line(self.left, self.right, self.foot_top)
        y = self.foot_top - 10
        for line in self.foot_lines:
            self._string(self.left, y, line, self.FOOT_SIZE, color=MUTED)
            y -= self.FOOT_LEADING
