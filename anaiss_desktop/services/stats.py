"""Anonymised statistics: computed by the unit manager, written as a CSV and a JSON manifest.

:meth:`StatsService.compute` adds the period up in SQL (counts only, see
:mod:`anaiss_desktop.storage.stats_repo`); :meth:`StatsService.publish` hides the small counts
(:mod:`anaiss_desktop.domain.suppression`) — that is the preview, exactly what will be written;
:meth:`StatsService.export_files` turns it into bytes (CSV, manifest, one-page PDF summary) and
:meth:`StatsService.write_export` writes them to the chosen drive, all or nothing, read back and
logged (:mod:`anaiss_desktop.services.drive_write`).

The CSV is made for a French spreadsheet: UTF-8 with a byte order mark (so accents survive a
double-click in Excel), ``;`` between cells, CRLF line ends, whole numbers, hidden counts as
:data:`~anaiss_desktop.domain.suppression.MARK`. One block per table: a title line, an optional
note line, a header line, the rows, the "Total" line, then an empty line. The first column holds
the stable codes, so files from several stations are added up by code, not by label.

No cell starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return: a spreadsheet would
run it as a formula ("CSV injection"). Such a text (only a label a manager typed can be one) is
prefixed with an apostrophe, OWASP's advice: spreadsheets take a leading apostrophe as "this is
text" and hide it, a trim of spaces on import does not remove it (a leading space would be
trimmed away by some import settings, and the formula would be back).

The manifest says what the file is (format and version, application version), where it comes
from (a pseudonymous station code chosen by the manager — never the service's name), which
period and threshold, when it was generated (UTC), and the SHA-256 of the CSV bytes, so that the
consolidation (:mod:`anaiss_desktop.services.stats_merge`) can check each file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, NamedTuple

from .. import APP_NAME, __version__
from ..domain.stats import (
    TOTAL_LABEL,
    Month,
    Period,
    PublishedTable,
    StatsError,
    Table,
    bracket_cutoffs,
    build_tables,
    publish_tables,
    station_code_problems,
)
from ..domain.suppression import DEFAULT_THRESHOLD, MARK, legend, threshold_problems
from ..storage.codes_repo import CodeRepository
from ..storage.stats_repo import StatsRepository
from .drive_write import WrittenFile, write_files
from .errors import InvalidInput
from .session import Session

FORMAT = "anaiss-statistiques"
FORMAT_VERSION = 1
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CODE_HEADER = "Code"
PREAMBLE_TITLE = "Statistiques anonymisées (secret statistique appliqué)"
_LISTS = ("motif", "origine", "type_intervention", "type_aide", "issue_aide")


@dataclass(frozen=True)
class StatsResult:
    """The counts of one period, before any small count is hidden (never written as such).

    Args:
        period: the months counted.
        tables: one :class:`~anaiss_desktop.domain.stats.Table` per statistic, in file order.
        computed_at: when (station clock, ISO).
    """

    period: Period
    tables: tuple[Table, ...]
    computed_at: str

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


class ExportFiles(NamedTuple):
    """What an export writes: the CSV bytes, the manifest (a dict, see :func:`manifest_bytes`)
    and the one-page PDF summary (None only when a caller asked for none)."""

    csv: bytes
    manifest: dict[str, Any]
    pdf: bytes | None = None

    def named(self) -> list[tuple[str, bytes]]:
        """``(file name, bytes)`` in writing order: the manifest, which vouches for the
        others, comes last."""
        files = [(self.manifest["csv_file"], self.csv)]
        if self.pdf is not None:
            files.append((self.manifest["pdf_file"], self.pdf))
        files.append((manifest_name(self.manifest), manifest_bytes(self.manifest)))
        return files


class WrittenExport(NamedTuple):
    """The files an export left on the drive, each read back and checked."""

    files: tuple[WrittenFile, ...]
    folder: Path


class StatsService:
    """The manager's statistics of the station.

    Args:
        session: a manager's session (every method checks it).
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def parse_period(self, first: str, last: str) -> Period:
        """The period from two "AAAA-MM" texts, not ending after this month."""
        try:
            return Period.parse(first, last, current=Month.of(self._session.today()))
        except StatsError as exc:
            raise InvalidInput(exc.message) from None

    def compute(self, period: Period) -> StatsResult:
        """Add up the period in the store (manager only)."""
        s = self._session
        s.require_manager()
        cutoffs = bracket_cutoffs(period.start)
        counts = StatsRepository(s.db).counts(
            period.start.isoformat(), period.end_exclusive.isoformat(), cutoffs)
        codes = CodeRepository(s.db)
        lists = {name: codes.of_list(name, include_retired=True) for name in _LISTS}
        return StatsResult(period, build_tables(period, counts, lists), s.now_iso())

    def publish(self, result: StatsResult, threshold: int = DEFAULT_THRESHOLD
                ) -> tuple[PublishedTable, ...]:
        """The tables exactly as they will be written (the preview)."""
        self._session.require_manager()
        return publish_tables(result.tables, _checked_threshold(threshold))

    def check_settings(self, threshold: int, station_code: str) -> None:
        """Refuse a threshold below 3 or a station code that is not a pseudonym (French)."""
        s = self._session
        s.require_manager()
        problems = (station_code_problems(station_code, s.station_info().service_name)
                    or threshold_problems(threshold))
        if problems:
            raise InvalidInput(problems[0])

    def export_files(self, result: StatsResult, threshold: int, station_code: str, *,
                     with_pdf: bool = True) -> ExportFiles:
        """The CSV, the PDF summary and the manifest of ``result`` (manager only; nothing is
        written)."""
        self.check_settings(threshold, station_code)
        s = self._session
        tables = publish_tables(result.tables, _checked_threshold(threshold))
        return build_files(tables, result.period, threshold, station_code,
                           generated_at=s.station.clock(), with_pdf=with_pdf)

    def write_export(self, files: ExportFiles, folder: Path) -> WrittenExport:
        """Write ``files`` to ``folder`` (all or none, read back) and log the export.

        Manager only, with the password given in the last minutes (the GUI asks it again,
        the command line has just signed in): the files leave the encrypted store.
        """
        s = self._session
        s.require_manager()
        s.require_recent_confirmation()
        written = write_files(Path(folder), files.named())
        manifest = files.manifest
        period = manifest["period"]
        s.audit.append(
            s.account.login, "statistiques.export",
            detail=f"période {period['from']}→{period['to']}, code {manifest['station_code']}, "
                   f"seuil {manifest['threshold']}, destination {Path(folder)}, "
                   f"CSV sha256 {manifest['csv_sha256']}",
        )
        return WrittenExport(tuple(written), Path(folder))


def _checked_threshold(threshold: int) -> int:
    problems = threshold_problems(threshold)
    if problems:
        raise InvalidInput(problems[0])
    return threshold


# -- files -------------------------------------------------------------------------------------

def safe_cell(text: str) -> str:
    """``text`` as a spreadsheet will show it and never run it (see the module docstring)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def file_stem(station_code: str, period: Period) -> str:
    """"statistiques_NORD-03_2026-01_2026-06": the CSV and the manifest add their suffix."""
    return f"statistiques_{station_code}_{period.first}_{period.last}"


def utc_text(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def render_csv(
    tables: Sequence[PublishedTable], period: Period, threshold: int, station_code: str,
    merged_codes: Sequence[str] = (),
) -> bytes:
    """The CSV bytes of published tables (see the module docstring for the layout)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def row(*cells: str) -> None:
        writer.writerow([safe_cell(c) for c in cells])

    row(PREAMBLE_TITLE)
    row("Station", station_code)
    if merged_codes:
        row("Consolidation de", ", ".join(merged_codes))
    row("Période", period.label())
    row("Seuil du secret statistique", str(threshold))
    row("Légende", legend(threshold))
    for published in tables:
        table = published.table
        writer.writerow([])
        row(table.title)
        if table.note:
            row("Note", table.note)
        headers = [c.label for c in table.columns]
        if table.row_totals:
            headers.append(TOTAL_LABEL)
        row(CODE_HEADER, table.row_title, *headers)
        grid = table.grid()
        for index, entries in enumerate(grid):
            if index < len(table.rows):
                code, label = table.rows[index].code, table.rows[index].label
            else:
                code, label = "", TOTAL_LABEL
            row(code, label, *(published.text(e) for e in entries))
    return out.getvalue().encode("utf-8-sig")


def build_files(
    tables: Sequence[PublishedTable], period: Period, threshold: int, station_code: str, *,
    generated_at: datetime, merged_from: Sequence[dict[str, Any]] = (), with_pdf: bool = True,
) -> ExportFiles:
    """The CSV, its PDF summary and the manifest. ``merged_from``: the manifests' summaries of
    the files a consolidation added up (their station codes are listed in the CSV too)."""
    problems = station_code_problems(station_code) or threshold_problems(threshold)
    if problems:
        raise InvalidInput(problems[0])
    merged_codes = [m["station_code"] for m in merged_from]
    data = render_csv(tables, period, threshold, station_code, merged_codes)
    stem = file_stem(station_code, period)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "application": APP_NAME,
        "application_version": __version__,
        "station_code": station_code,
        "period": {"from": str(period.first), "to": str(period.last)},
        "threshold": threshold,
        "generated_at": utc_text(generated_at),
        "csv_file": f"{stem}.csv",
        "csv_sha256": hashlib.sha256(data).hexdigest(),
        "suppressed_mark": MARK,
        "tables": [
            {
                "key": p.table.key,
                "title": p.table.title,
                "rows": [r.code for r in p.table.rows],
                "columns": [c.code for c in p.table.columns],
                "row_totals": p.table.row_totals,
                "column_totals": p.table.column_totals,
            }
            for p in tables
        ],
    }
    if merged_from:
        manifest["merged_from"] = [dict(m) for m in merged_from]
    pdf = None
    if with_pdf:
        from .stats_pdf import summary_pdf  # reportlab is loaded on first use only

        pdf = summary_pdf(tables, period, threshold, station_code, generated_at=generated_at,
                          merged_codes=merged_codes)
        manifest["pdf_file"] = f"{stem}.pdf"
        manifest["pdf_sha256"] = hashlib.sha256(pdf).hexdigest()
    return ExportFiles(data, manifest, pdf)


def manifest_name(manifest: dict[str, Any]) -> str:
    """The manifest's own file name: the CSV's, ending in ``.json``."""
    return manifest["csv_file"].removesuffix(".csv") + ".json"


def manifest_bytes(manifest: dict[str, Any]) -> bytes:
    """The manifest as written next to the CSV (UTF-8 JSON, one key per line)."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
