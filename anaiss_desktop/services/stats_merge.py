"""Regional consolidation: add up the statistics files of several stations (SPEC §6).

Each input is a manifest and its CSV, as :mod:`anaiss_desktop.services.stats` writes them. Every
file is checked before anything is added: the manifest's format and version (all the same, and
one this version reads), the SHA-256 of the CSV, the station codes (one station, one file: the
same station twice for overlapping periods would be counted twice), the period (the same for
all: dossiers active and persons accompanied are stocks, and stocks of different periods do not
add up), and the tables (the same ones, by code).

**What can be added up.** A published file has hidden counts, and it must not carry the hidden
values in any other form (that would undo the secret). So the consolidation works from the
published numbers only:

* a regional cell is the sum of the stations' cells when every station published it; when any
  station hid it, the regional value is not known to anybody and is hidden (it is *at least* 1,
  nothing more can be said: the mark stands for small and for secondary counts alike);
* a regional total is the sum of the stations' totals, which are usually published even when
  cells of their line are hidden: the regional totals are then exact;
* a category one station does not have (a local code) counts 0 there;
* the threshold is the highest of the files' and the one asked for, and the suppression rules
  run again on the regional tables (:func:`~anaiss_desktop.domain.stats.publish_tables`, the
  unknown cells counting as hidden): a small regional count (possible when a station used a
  lower threshold) is hidden, and so is what would give it back.

The regional file therefore holds nothing that the stations' files did not already publish
(each number is a sum of published numbers). Where no station hid anything, the consolidation
gives exactly the tables one station holding all the dossiers would have published — and it
hides more than such a station would where stations hid cells, which is the price of the
secret. The output is a file of the same format, with the region's code and the list of the
files it adds up (``merged_from``), so regions can be consolidated in turn.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..domain.codes import NOT_PROVIDED, OTHER
from ..domain.stats import (
    TOTAL_LABEL,
    Category,
    Month,
    Period,
    StatsError,
    Table,
    publish_tables,
)
from ..domain.suppression import MARK, Entry, threshold_problems
from .errors import InvalidInput
from .stats import CODE_HEADER, FORMAT, FORMAT_VERSION, ExportFiles, build_files

_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "format_version": int,
    "application_version": str,
    "station_code": str,
    "period": dict,
    "threshold": int,
    "generated_at": str,
    "csv_sha256": str,
    "tables": list,
}


@dataclass(frozen=True)
class _Input:
    name: str
    manifest: Mapping[str, Any]
    csv: bytes
    period: Period
    stations: tuple[str, ...]  # the stations it adds up (itself for a station's file)


def merge(
    inputs: Iterable[tuple[Mapping[str, Any], bytes]],
    *,
    station_code: str,
    threshold: int | None = None,
    generated_at: datetime | None = None,
) -> ExportFiles:
    """Check and add up ``(manifest, csv bytes)`` pairs into one file of the same format.

    ``station_code`` names the result (the region's code); the threshold is the highest of
    the inputs' and ``threshold`` (a region may ask for more, never for less). Raises
    :class:`InvalidInput` (French) on any problem; nothing is added up then.
    """
    files = _check(list(inputs))
    thresholds = [int(f.manifest["threshold"]) for f in files]
    final = max([*thresholds, *([threshold] if threshold is not None else [])])
    problems = threshold_problems(final)
    if problems:
        raise InvalidInput(problems[0])
    read = [_read_tables(f) for f in files]
    keys = [t.key for t in read[0]]
    for f, tables in zip(files, read, strict=True):
        if [t.key for t in tables] != keys:
            raise InvalidInput(f"{_cap(f.name)} ne contient pas les mêmes tableaux que "
                               f"{files[0].name} : ils ne peuvent pas être additionnés.")
    merged = publish_tables(
        [_add_up([tables[index] for tables in read], files) for index in range(len(keys))],
        final)
    sources = []
    for f in files:
        m = f.manifest
        inner = m.get("merged_from")
        if isinstance(inner, list) and inner:
            sources.extend(dict(x) for x in inner if isinstance(x, Mapping))
        else:
            sources.append({
                "station_code": m["station_code"],
                "period": dict(m["period"]),
                "threshold": m["threshold"],
                "application_version": m["application_version"],
                "generated_at": m["generated_at"],
                "csv_sha256": m["csv_sha256"],
            })
    return build_files(merged, files[0].period, final, station_code,
                       generated_at=generated_at or datetime.now(timezone.utc),
                       merged_from=sources)


# -- checks --------------------------------------------------------------------------------------

def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _name(index: int, manifest: Mapping[str, Any]) -> str:
    code = manifest.get("station_code") if isinstance(manifest, Mapping) else None
    if isinstance(code, str) and code:
        return f"le fichier n° {index + 1} (station {code})"
    return f"le fichier n° {index + 1}"


def _check(pairs: list[tuple[Mapping[str, Any], bytes]]) -> list[_Input]:
    if not pairs:
        raise InvalidInput("Aucun fichier à consolider.")
    for index, (manifest, _data) in enumerate(pairs):
        name = _name(index, manifest)
        if not isinstance(manifest, Mapping) or manifest.get("format") != FORMAT:
            raise InvalidInput(f"{_cap(name)} n'est pas un manifeste de statistiques ANAISS.")
        for key, kind in _REQUIRED.items():
            value = manifest.get(key)
            if not isinstance(value, kind) or isinstance(value, bool):
                raise InvalidInput(f"Le manifeste de {name} est incomplet ou abîmé "
                                   f"(« {key} » manquant ou invalide).")
    versions = sorted({int(m["format_version"]) for m, _data in pairs})
    if len(versions) > 1:
        listed = ", ".join(str(v) for v in versions)
        raise InvalidInput(
            f"Les fichiers n'ont pas tous la même version de format ({listed}) : "
            "consolidez des fichiers produits par la même version du format."
        )
    if versions[0] != FORMAT_VERSION:
        raise InvalidInput(
            f"Ces fichiers sont au format de version {versions[0]}, que cette version de "
            f"l'application ne lit pas (elle lit la version {FORMAT_VERSION})."
        )
    files: list[_Input] = []
    for index, (manifest, data) in enumerate(pairs):
        name = _name(index, manifest)
        if hashlib.sha256(data).hexdigest() != manifest["csv_sha256"].lower():
            raise InvalidInput(
                f"Le fichier CSV de {name} ne correspond pas à son manifeste (empreinte "
                "SHA-256 différente) : il a été modifié, abîmé, ou ce n'est pas le bon fichier."
            )
        if threshold_problems(manifest["threshold"]):
            raise InvalidInput(f"Le seuil du secret statistique de {name} "
                               f"({manifest['threshold']}) n'est pas valide.")
        try:
            period = Period(Month.parse(str(manifest["period"].get("from", ""))),
                            Month.parse(str(manifest["period"].get("to", ""))))
        except StatsError as exc:
            raise InvalidInput(f"La période du manifeste de {name} est invalide : "
                               f"{exc.message}") from None
        inner = manifest.get("merged_from")
        if isinstance(inner, list) and inner:
            stations = tuple(str(x.get("station_code", "")) for x in inner
                             if isinstance(x, Mapping))
        else:
            stations = (manifest["station_code"],)
        files.append(_Input(name, manifest, data, period, stations))
    for i, first in enumerate(files):
        for second in files[i + 1:]:
            for code in sorted(set(first.stations) & set(second.stations)):
                if first.period.overlaps(second.period):
                    raise InvalidInput(
                        f"La station {code} figure dans {first.name} et dans {second.name} "
                        f"pour des périodes qui se chevauchent ({first.period.label()} ; "
                        f"{second.period.label()}) : ses dossiers seraient comptés deux fois."
                    )
    periods = {f.period for f in files}
    if len(periods) > 1:
        raise InvalidInput(
            "Les fichiers ne portent pas tous sur la même période ("
            + " ; ".join(sorted(p.label() for p in periods))
            + ") : les dossiers actifs et les personnes accompagnées ne s'additionnent que "
            "sur une même période."
        )
    return files


# -- reading a published CSV ---------------------------------------------------------------------

class _Malformed(ValueError):
    """What is wrong with a CSV, in French."""


def _blocks(data: bytes) -> list[list[list[str]]]:
    text = data.decode("utf-8-sig")
    blocks: list[list[list[str]]] = [[]]
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=";"):
        if not any(cell.strip() for cell in row):
            blocks.append([])
        else:
            blocks[-1].append(row)
    return [b for b in blocks if b]


def _number(text: str) -> int | None:
    if text == MARK:
        return None
    if not (text.isascii() and text.isdigit()):
        raise _Malformed(f"« {text} » n'est ni un nombre entier ni « {MARK} »")
    return int(text)


def _read_tables(f: _Input) -> list[Table]:
    """The tables of one checked file, hidden counts as None."""
    specs = f.manifest["tables"]
    try:
        blocks = _blocks(f.csv)[1:]  # the first block describes the file
        if len(blocks) != len(specs):
            raise _Malformed(f"{len(blocks)} tableaux pour {len(specs)} annoncés")
        return [_read_table(block, spec) for block, spec in zip(blocks, specs, strict=True)]
    except UnicodeDecodeError:
        raise InvalidInput(f"Le fichier CSV de {f.name} n'est pas en UTF-8.") from None
    except _Malformed as exc:
        raise InvalidInput(f"Le fichier CSV de {f.name} n'a pas la forme attendue : "
                           f"{exc}.") from None
    except (ValueError, KeyError, TypeError, IndexError):
        raise InvalidInput(f"Le fichier CSV de {f.name} ou son manifeste n'a pas la forme "
                           "attendue (tableaux incomplets).") from None


def _read_table(block: list[list[str]], spec: Mapping[str, Any]) -> Table:
    rows_codes = [str(c) for c in spec["rows"]]
    column_codes = [str(c) for c in spec["columns"]]
    row_totals = bool(spec["row_totals"])
    column_totals = bool(spec["column_totals"])
    title = block[0][0]
    at = 1
    note = ""
    if block[at][0] == "Note":
        note = block[at][1]
        at += 1
    header = block[at]
    width = len(column_codes) + (1 if row_totals else 0)
    if header[0] != CODE_HEADER or len(header) != 2 + width:
        raise _Malformed(f"en-tête inattendu dans le tableau « {title} »")
    body = block[at + 1:]
    if len(body) != len(rows_codes) + (1 if column_totals else 0):
        raise _Malformed(f"nombre de lignes inattendu dans le tableau « {title} »")
    values: dict[Entry, int | None] = {}
    rows = []
    for i, line in enumerate(body):
        if len(line) != 2 + width:
            raise _Malformed(f"ligne de largeur inattendue dans le tableau « {title} »")
        if i < len(rows_codes):
            if line[0] != rows_codes[i]:
                raise _Malformed(f"code « {line[0]} » inattendu dans le tableau « {title} »")
            rows.append(Category(line[0], line[1]))
        elif line[0] != "" or line[1] != TOTAL_LABEL:
            raise _Malformed(f"ligne « Total » absente du tableau « {title} »")
        for j, text in enumerate(line[2:]):
            values[(i, j)] = _number(text)
    labels = header[2:2 + len(column_codes)]
    columns = tuple(Category(c, label) for c, label in zip(column_codes, labels, strict=True))
    return Table(str(spec["key"]), title, header[1], tuple(rows), columns, values,
                 row_totals=row_totals, column_totals=column_totals, note=note)


# -- adding up -----------------------------------------------------------------------------------

def _union(lists: Sequence[Sequence[Category]]) -> list[Category]:
    """Every category once, in the first file's order; *Non renseigné* and *Autre* last."""
    seen: dict[str, Category] = {}
    for categories in lists:
        for c in categories:
            seen.setdefault(c.code, c)
    ordinary = [c for c in seen.values() if c.code not in (NOT_PROVIDED, OTHER)]
    system = [c for c in seen.values() if c.code in (NOT_PROVIDED, OTHER)]
    return ordinary + system


def _add_up(tables: Sequence[Table], files: Sequence[_Input]) -> Table:
    first = tables[0]
    for table, f in zip(tables, files, strict=True):
        if (table.row_totals, table.column_totals) != (first.row_totals, first.column_totals):
            raise InvalidInput(f"Le tableau « {first.key} » de {f.name} n'a pas les mêmes "
                               "totaux que les autres fichiers.")
    rows = _union([t.rows for t in tables])
    columns = _union([t.columns for t in tables])
    height, width = len(rows), len(columns)

    def position(table: Table, i: int, j: int) -> Entry | None:
        """Where the merged entry (i, j) is in ``table``; None when it has no such row or
        column (a count of 0 there)."""
        codes = [r.code for r in table.rows]
        column_codes = [c.code for c in table.columns]
        if i == height:
            ti = len(table.rows)
        elif rows[i].code in codes:
            ti = codes.index(rows[i].code)
        else:
            return None
        if j == width:
            tj = len(table.columns)
        elif columns[j].code in column_codes:
            tj = column_codes.index(columns[j].code)
        else:
            return None
        return (ti, tj)

    values: dict[Entry, int | None] = {}
    entries = [(i, j) for i in range(height + 1) for j in range(width + 1)
               if (i < height or first.column_totals) and (j < width or first.row_totals)]
    for i, j in entries:
        total: int | None = 0
        for table in tables:
            where = position(table, i, j)
            value = table.values[where] if where is not None else 0
            total = None if total is None or value is None else total + value
        values[(i, j)] = total
    return Table(first.key, first.title, first.row_title, tuple(rows), tuple(columns), values,
                 row_totals=first.row_totals, column_totals=first.column_totals, note=first.note)


# -- reading the files from disk -----------------------------------------------------------------

#: Far above any real file (a manifest is a few kilobytes, a CSV some tens): a bigger file is
#: not one of ours, and is refused before it is read into memory.
MAX_MANIFEST_BYTES = 1024 * 1024
MAX_CSV_BYTES = 64 * 1024 * 1024


def load_inputs(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[dict[str, Any], bytes]]:
    """Read each manifest and the CSV it names, for :func:`merge`.

    The CSV is looked for in the manifest's own folder, under the base name of its
    ``csv_file``: a path written in a file that came from elsewhere is never followed (it could
    point anywhere on this computer). Only the form is checked here (a JSON object of this
    format naming a CSV that exists); :func:`merge` checks the rest, hashes included.
    Raises :class:`InvalidInput` (French, naming the file) on the first problem.
    """
    loaded: list[tuple[dict[str, Any], bytes]] = []
    for given in paths:
        path = Path(given)
        raw = _read_limited(path, MAX_MANIFEST_BYTES, f"Le manifeste « {given} »")
        try:
            manifest = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise InvalidInput(
                f"« {given} » n'est pas un fichier JSON : indiquez le manifeste (.json) d'un "
                "export de statistiques, pas son CSV ni son PDF."
            ) from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise InvalidInput(f"« {given} » n'est pas un manifeste de statistiques ANAISS.")
        csv_file = manifest.get("csv_file")
        name = _base_name(csv_file) if isinstance(csv_file, str) else ""
        if not name:
            raise InvalidInput(f"Le manifeste « {given} » est incomplet ou abîmé : il ne nomme "
                               "pas son fichier CSV (« csv_file »).")
        csv_path = path.parent / name
        if not csv_path.is_file():
            raise InvalidInput(
                f"Le fichier CSV « {name} » du manifeste « {given} » est introuvable : il doit "
                f"être dans le même dossier que son manifeste ({path.parent})."
            )
        loaded.append((manifest, _read_limited(csv_path, MAX_CSV_BYTES,
                                               f"Le fichier CSV « {csv_path} »")))
    return loaded


def _base_name(text: str) -> str:
    """The last part of a path written with ``/`` or ``\\``; "" for none or a dots-only name."""
    name = text.replace("\\", "/").rsplit("/", 1)[-1]
    return "" if name.strip(".") == "" or "\0" in name else name


def _read_limited(path: Path, limit: int, what: str) -> bytes:
    try:
        with open(path, "rb") as fh:
            if os.fstat(fh.fileno()).st_size > limit:
                raise InvalidInput(f"{what} est bien trop gros pour un export de statistiques.")
            return fh.read(limit + 1)
    except FileNotFoundError:
        raise InvalidInput(f"{what} n'existe pas.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{what} est un dossier, pas un fichier.") from None
    except PermissionError:
        raise InvalidInput(f"{what} ne peut pas être lu (droits insuffisants).") from None
    except OSError:
        raise InvalidInput(f"{what} ne peut pas être lu (support retiré ou abîmé ?).") from None
