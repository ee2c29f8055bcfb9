"""Import of persons and dossiers from a CSV file (migration from a previous tool or a spreadsheet).

The historical tools reported "errors at the end, everything to redo" (SPEC §1). Here the whole
file is read and checked first (:meth:`ImportService.preview`) without writing anything: every
bad line is reported at once with its file line number and a French reason, so the person fixes
the spreadsheet in one pass. Only a file without problems is written, all or nothing, in one
transaction (:meth:`ImportService.run`); a cancel rolls everything back.

Accepted: UTF-8 (with or without BOM), ``;`` or ``,`` separator (read from the header line), a
header row whose names are compared without case and accents. Columns (only ``nom`` required):
``nom``, ``nom_naissance``, ``prenom``, ``date_naissance``, ``sexe``, ``adresse``,
``code_postal``, ``commune``, ``telephone``, ``courriel``, ``motif``, ``referent``,
``date_ouverture``, ``statut`` and ``date_statut`` (when a dossier *en veille* or *clos* got that
status; empty: its opening date, so old closures do not pile up in this year's statistics). An
unknown column is a problem, never silently dropped: a typo in a header must not lose a column.

Nothing from the file reaches logs or exception texts other than the problem messages shown to
the importing person, who may see the file anyway. The audit log gets one entry with counts only
(not the file name, which may be a person's name).
"""

from __future__ import annotations

import csv
import difflib
import io
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..domain.access import can_be_referent, can_create_dossier
from ..domain.accounts import Account
from ..domain.codes import NOT_PROVIDED
from ..domain.dates import format_fr, parse_date
from ..domain.names import compact, normalise
from ..domain.records import (
    DossierInput,
    DossierStatus,
    Motif,
    PersonInput,
    person_warnings,
)
from ..storage.accounts_repo import AccountRepository
from ..storage.codes_repo import CodeRepository
from ..storage.dossiers_repo import DossierRepository
from ..storage.persons_repo import PersonRepository
from .errors import InvalidInput, NotAllowed, ServiceError
from .persons import DuplicateCandidate, PersonService
from .session import Session

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000
DUPLICATE_CHECK_MAX_ROWS = 5_000
DUPLICATE_CHECK_SECONDS = 15.0  # a cap on the wait, whatever the size of the station
MAX_CELL_CHARS = 1_000
AUDIT_ACTION = "import.csv"

COLUMNS = (
    "nom", "nom_naissance", "prenom", "date_naissance", "sexe", "adresse", "code_postal",
    "commune", "telephone", "courriel", "motif", "referent", "date_ouverture", "statut",
    "date_statut",
)
REQUIRED = "nom"

NOT_UTF8 = (
    "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis le tableur."
)

_SEX = {"f": "F", "femme": "F", "feminin": "F", "m": "M", "homme": "M", "masculin": "M"}
_STATUS = {
    "ouvert": DossierStatus.OPEN,
    "en veille": DossierStatus.DORMANT,
    "veille": DossierStatus.DORMANT,
    "clos": DossierStatus.CLOSED,
}


def _thousands(n: int) -> str:
    """``200 000`` as French typography writes it (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def column_key(name: str) -> str:
    """A header cell folded for comparison: "Prénom" → ``prenom``, "Code postal" →
    ``code_postal``, "DATE-NAISSANCE" → ``date_naissance``."""
    return normalise(name).replace(" ", "_")


class ImportCancelled(ServiceError):
    exit_code = 2
    default_message = "Import annulé : rien n'a été importé."


@dataclass(frozen=True)
class RowProblem:
    """Why a line of the file cannot be imported (or, as a warning, looks odd).

    Args:
        line: file line (the header is line 1; a value spanning lines counts from its first).
        column: the column concerned (its canonical name, or the header as written for an
            unknown column); empty for the line as a whole.
        message: French, shown to the importing person; may quote the bad value.
        denied: the line is refused by the access rule (a social worker importing a
            colleague's dossier), not for its data; ``anaiss-admin`` exits 6 then.
    """

    line: int
    column: str
    message: str
    denied: bool = False

    def text(self) -> str:
        """``ligne 4, date_naissance : date « 31/02/2020 » : 31/02/2020 n'existe pas``."""
        where = f"ligne {self.line}"
        if self.column:
            where += f", {self.column}"
        return f"{where} : {self.message}"


@dataclass(frozen=True)
class ImportRow:
    """One valid line, ready to become a person and their dossier."""

    line: int
    person: PersonInput
    opened_on: date
    referent_id: int
    referent_name: str
    motif_code: str
    motif_label: str
    status: DossierStatus
    status_on: date


@dataclass
class ImportPreview:
    """What :meth:`ImportService.preview` found; nothing has been written.

    Args:
        rows: the valid lines (all of them, not only the first ones shown).
        problems: every blocking problem, by line; the import is refused while any exists.
        columns: the file's columns, canonical names, in file order (unknown ones as written).
        possible_duplicates: (line, existing person) pairs that look like the same person;
            they do not block the import.
        duplicates_checked: False when the check was skipped (see ``duplicates_note``).
        duplicates_note: French sentence when the check was skipped, else empty.
        file_duplicates: (line, earlier line) pairs naming the same person twice in the file.
        warnings: remarks that do not block (future birth date, short phone number...).
        row_count: data lines read (valid or not, blank lines excluded).
        separator: ``;`` or ``,``.
        filename: the name given by the caller, for display only.
    """

    rows: list[ImportRow]
    problems: list[RowProblem]
    columns: list[str]
    possible_duplicates: list[tuple[int, DuplicateCandidate]] = field(default_factory=list)
    duplicates_checked: bool = True
    duplicates_note: str = ""
    file_duplicates: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)
    row_count: int = 0
    separator: str = ";"
    filename: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows)

    @property
    def denied(self) -> bool:
        """Some line is refused by the access rule (not only by its data)."""
        return any(p.denied for p in self.problems)

    def problem_lines(self) -> list[str]:
        """Every problem as one French line, in file order (for the command line)."""
        return [p.text() for p in self.problems]


@dataclass(frozen=True)
class ImportResult:
    persons: int
    dossiers: int


Progress = Callable[[int, int], bool]


def read_import_file(path: str | Path) -> bytes:
    """The file's bytes, at most :data:`MAX_BYTES` + 1 (so a huge file is refused, not loaded).

    Raises :class:`InvalidInput` with a French message when the file cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise InvalidInput("Ce chemin désigne un dossier, pas un fichier CSV.") from None
    except FileNotFoundError:
        raise InvalidInput("Le fichier est introuvable.") from None
    except PermissionError:
        raise InvalidInput("Le fichier ne peut pas être lu (droits insuffisants).") from None
    except OSError:
        raise InvalidInput("Le fichier n'a pas pu être lu : vérifiez le support.") from None


def decode(data: bytes) -> str:
    """UTF-8 text of ``data`` (BOM dropped), or :class:`InvalidInput` saying how to fix it."""
    if len(data) > MAX_BYTES:
        raise InvalidInput(
            f"Le fichier dépasse {MAX_BYTES // (1024 * 1024)} Mo : découpez-le en plusieurs "
            "fichiers."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(NOT_UTF8) from None
    if "\x00" in text:  # UTF-16 without a BOM decodes as "UTF-8" full of NULs
        raise InvalidInput(NOT_UTF8)
    return text


def sniff_separator(header_line: str) -> str:
    """``;`` or ``,``: the one the header line uses most (``;`` for a one-column file)."""
    semicolons = header_line.count(";")
    commas = header_line.count(",")
    return "," if commas > semicolons else ";"


class _Parser:
    """Checks one file line by line against the station's codes and accounts."""

    def __init__(self, session: Session, today: date) -> None:
        self._session = session
        self._account = session.account
        self._today = today
        self._accounts = {a.login.casefold(): a for a in AccountRepository(session.db).all()}
        self._motifs_by_code: dict[str, tuple[str, str, bool]] = {}
        self._motifs_by_label: dict[str, tuple[str, str, bool]] = {}
        for code in CodeRepository(session.db).of_list("motif"):
            entry = (code.code, code.label, code.retired)
            self._motifs_by_code[code.code.casefold()] = entry
            label = normalise(code.label)
            known = self._motifs_by_label.get(label)
            if known is None or (known[2] and not code.retired):  # an active code wins
                self._motifs_by_label[label] = entry
        self.problems: list[RowProblem] = []
        self.warnings: list[RowProblem] = []

    # -- the header ----------------------------------------------------------------------------
    def header(self, cells: list[str]) -> tuple[list[str], dict[str, int], set[int]]:
        """(columns as shown, canonical name → index, unnamed column indexes)."""
        columns: list[str] = []
        index: dict[str, int] = {}
        unnamed: set[int] = set()
        unknown: list[str] = []
        for i, cell in enumerate(cells):
            raw = cell.strip()
            key = column_key(raw)
            if not key:
                unnamed.add(i)
                columns.append("")
                continue
            if key not in COLUMNS:
                unknown.append(raw)
                columns.append(raw)
                continue
            if key in index:
                self._problem(1, key, f"la colonne « {raw} » apparaît deux fois")
            else:
                index[key] = i
            columns.append(key)
        for raw in unknown:
            message = f"colonne inconnue « {raw} »"
            if "\t" in raw:
                message += (
                    " : le fichier semble séparé par des tabulations ; enregistrez-le en CSV "
                    "(séparateur « ; » ou « , »)"
                )
            else:
                close = difflib.get_close_matches(column_key(raw), COLUMNS, n=1, cutoff=0.6)
                if close:
                    message += f" (vouliez-vous dire « {close[0]} » ?)"
                message += " : ses valeurs ne seraient pas importées"
            self._problem(1, raw, message)
        if unknown:
            self._problem(1, "", "colonnes attendues : " + ", ".join(COLUMNS))
        if REQUIRED not in index:
            self._problem(1, REQUIRED, "la colonne « nom » est obligatoire")
        return columns, index, unnamed

    # -- one data line -------------------------------------------------------------------------
    def row(self, line: int, cells: list[str], index: dict[str, int], width: int,
            unnamed: set[int]) -> ImportRow | None:
        before = len(self.problems)
        if any(c.strip() for c in cells[width:]):
            filled = max(i for i, c in enumerate(cells) if c.strip()) + 1
            self._problem(
                line, "",
                f"{filled} valeurs pour {width} colonnes : une virgule ou un point-virgule "
                "dans un texte ? Mettez ce texte entre guillemets",
            )
        for i in sorted(unnamed):
            if i < len(cells) and cells[i].strip():
                self._problem(line, "", f"valeur dans la colonne n° {i + 1}, qui n'a pas de titre")

        def get(name: str) -> str:
            i = index.get(name)
            if i is None or i >= len(cells):
                return ""
            value = cells[i].strip()
            if len(value) > MAX_CELL_CHARS:
                self._problem(line, name, f"valeur trop longue ({_thousands(len(value))} "
                                          f"caractères, {_thousands(MAX_CELL_CHARS)} au plus)")
                return ""
            return value

        def name(column: str) -> str:
            return " ".join(get(column).split())

        usage_name = name("nom")
        too_long = any(p.line == line and p.column == "nom" for p in self.problems[before:])
        if REQUIRED in index and not usage_name and not too_long:
            self._problem(line, "nom", "le nom est obligatoire")
        birth_date = self._date(line, "date_naissance", get("date_naissance"))
        sex = self._sex(line, get("sexe"))
        motif = self._motif(line, get("motif"))
        referent = self._referent(line, get("referent"))
        opened_on = self._date(line, "date_ouverture", get("date_ouverture")) or self._today
        status = self._status(line, get("statut"))
        status_on = self._date(line, "date_statut", get("date_statut"))
        if status_on and status_on < opened_on:
            self._problem(line, "date_statut",
                          f"date « {format_fr(status_on)} » antérieure à l'ouverture du dossier "
                          f"({format_fr(opened_on)})")
        if len(self.problems) > before:
            return None
        assert motif is not None and referent is not None and status is not None
        person = PersonInput(
            usage_name=usage_name, birth_name=name("nom_naissance"), first_names=name("prenom"),
            birth_date=birth_date, sex=sex, address=get("adresse"),
            postal_code=get("code_postal"), city=name("commune"), phone=get("telephone"),
            email=get("courriel"),
        )
        for warning in person_warnings(person, self._today):
            self.warnings.append(RowProblem(line, "", warning))
        return ImportRow(
            line=line, person=person, opened_on=opened_on, referent_id=referent.id,
            referent_name=referent.full_name, motif_code=motif[0], motif_label=motif[1],
            status=status, status_on=status_on or opened_on,
        )

    def _problem(self, line: int, column: str, message: str) -> None:
        self.problems.append(RowProblem(line, column, message))

    def _date(self, line: int, column: str, raw: str) -> date | None:
        try:
            return parse_date(raw)
        except ValueError as exc:
            self._problem(line, column, f"date « {raw} » : {exc}")
            return None

    def _sex(self, line: int, raw: str) -> str | None:
        if not raw:
            return None
        sex = _SEX.get(normalise(raw))
        if sex is None:
            self._problem(line, "sexe", f"« {raw} » : F, M ou vide attendu")
        return sex

    def _motif(self, line: int, raw: str) -> tuple[str, str] | None:
        if not raw:
            entry = self._motifs_by_code.get(NOT_PROVIDED.casefold())
            return (NOT_PROVIDED, entry[1] if entry else "Non renseigné")
        entry = self._motifs_by_code.get(raw.casefold()) or self._motifs_by_label.get(
            normalise(raw)
        )
        if entry is None:
            self._problem(line, "motif",
                          f"motif « {raw} » inconnu : indiquez un code ou un libellé de la liste "
                          "des motifs (Administration, listes de codes)")
            return None
        code, label, retired = entry
        if retired:
            self._problem(line, "motif",
                          f"le motif « {raw} » a été retiré de la liste : choisissez-en un actif")
            return None
        return code, label

    def _referent(self, line: int, raw: str) -> Account | None:
        me = self._account
        if not raw:
            if can_be_referent(me):
                return me
            self._problem(line, "referent",
                          "référent(e) manquant(e) : votre compte ne peut pas être référent ; "
                          "indiquez l'identifiant d'un(e) assistant(e) social(e)")
            return None
        account = self._accounts.get(raw.casefold())
        if account is None:
            self._problem(line, "referent", f"aucun compte n'a l'identifiant « {raw} »")
            return None
        if account.disabled:
            self._problem(line, "referent", f"le compte « {raw} » est désactivé")
            return None
        if not can_be_referent(account):
            self._problem(line, "referent",
                          f"le compte « {raw} » ne peut pas être référent : ni assistant(e) "
                          "social(e), ni responsable travailleur social")
            return None
        if not me.is_manager and account.id != me.id:
            self.problems.append(RowProblem(
                line, "referent",
                f"vous ne pouvez importer que vos propres dossiers (« {raw} » est un autre "
                "compte) : seul(e) un(e) responsable d'unité importe pour d'autres référents",
                denied=True,
            ))
            return None
        return account

    def _status(self, line: int, raw: str) -> DossierStatus | None:
        if not raw:
            return DossierStatus.OPEN
        status = _STATUS.get(normalise(raw))
        if status is None:
            self._problem(line, "statut", f"statut « {raw} » : ouvert, en veille, clos ou vide "
                                          "attendu")
        return status


def _identity(person: PersonInput) -> tuple[str, str, date | None]:
    return compact(person.usage_name), compact(person.first_names), person.birth_date


class ImportService:
    """Reads, checks and imports a CSV file of persons with one dossier each.

    Args:
        session: the importing account: a manager (for any social worker of the station) or a
            social worker (for their own dossiers only).
    """

    def __init__(self, session: Session) -> None:
        self._session = session

    def _today(self) -> date:
        return self._session.station.clock().astimezone().date()

    def _require_importer(self) -> None:
        s = self._session
        s.require_ready()
        account = s.account
        if not (account.is_manager or can_create_dossier(account)) or account.disabled:
            raise NotAllowed(
                "Seul(e) un(e) responsable d'unité ou un(e) assistant(e) social(e) importe des "
                "dossiers."
            )

    # -- reading and checking ------------------------------------------------------------------
    def preview(self, data: bytes, filename: str = "") -> ImportPreview:
        """Read and check the whole file; write nothing.

        Raises :class:`InvalidInput` for a file that cannot be read at all (too large, not
        UTF-8, empty, too many lines) and :class:`NotAllowed` for an account that may not
        import. Everything else is a :class:`RowProblem` in the preview.
        """
        self._require_importer()
        text = decode(data)
        if not text.strip():
            raise InvalidInput("Le fichier est vide : la première ligne doit nommer les colonnes.")
        header_line = next(line for line in text.splitlines() if line.strip())
        separator = sniff_separator(header_line)
        records, broken = _records(text, separator)
        if len(records) - 1 > MAX_ROWS:  # counted before checking anything: fail fast
            raise InvalidInput(
                f"Le fichier compte plus de {_thousands(MAX_ROWS)} lignes : découpez-le en "
                "plusieurs fichiers."
            )
        if not records and broken is None:
            raise InvalidInput("Le fichier est vide : la première ligne doit nommer les colonnes.")
        if len(records) < 2 and broken is None:
            raise InvalidInput(
                "Le fichier ne contient que la ligne d'en-tête : aucune ligne à importer."
            )
        parser = _Parser(self._session, self._today())
        columns, index, unnamed = parser.header(records[0][1]) if records else ([], {}, set())
        rows: list[ImportRow] = []
        for line, cells in records[1:]:
            row = parser.row(line, cells, index, len(columns), unnamed)
            if row is not None:
                rows.append(row)
        if broken is not None:
            parser.problems.append(broken)
        count = max(0, len(records) - 1)
        preview = ImportPreview(
            rows=rows, problems=sorted(parser.problems, key=lambda p: p.line), columns=columns,
            warnings=parser.warnings, row_count=count, separator=separator, filename=filename,
        )
        self._find_duplicates(preview)
        return preview

    def _find_duplicates(self, preview: ImportPreview) -> None:
        seen: dict[tuple[str, str, date | None], int] = {}
        for row in preview.rows:
            key = _identity(row.person)
            if key in seen:
                preview.file_duplicates.append((row.line, seen[key]))
            else:
                seen[key] = row.line
        if preview.problems:  # the file will be fixed and read again: do not wait twice
            preview.duplicates_checked = False
            preview.duplicates_note = (
                "La recherche des doublons avec les personnes déjà enregistrées sera faite "
                "quand le fichier n'aura plus de problème."
            )
            return
        if len(preview.rows) > DUPLICATE_CHECK_MAX_ROWS:
            preview.duplicates_checked = False
            preview.duplicates_note = (
                f"Recherche des doublons avec les personnes déjà enregistrées non faite : le "
                f"fichier dépasse {_thousands(DUPLICATE_CHECK_MAX_ROWS)} lignes. Utilisez "
                "ensuite la fusion de personnes si besoin."
            )
            return
        if not preview.rows or PersonRepository(self._session.db).count() == 0:
            return
        persons = PersonService(self._session)
        deadline = time.monotonic() + DUPLICATE_CHECK_SECONDS
        for checked, row in enumerate(preview.rows, start=1):
            for candidate in persons.find_duplicates(row.person):
                preview.possible_duplicates.append((row.line, candidate))
            if checked < len(preview.rows) and time.monotonic() > deadline:
                preview.duplicates_checked = False
                preview.duplicates_note = (
                    f"Recherche des doublons avec les personnes déjà enregistrées limitée aux "
                    f"{_thousands(checked)} premières lignes valides (jusqu'à la ligne "
                    f"{row.line}) pour ne pas attendre trop longtemps. Utilisez ensuite la "
                    "fusion de personnes si besoin."
                )
                return

    # -- writing -------------------------------------------------------------------------------
    def run(self, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
        """Write every row of a problem-free ``preview`` in one transaction.

        ``progress(done, total)`` is called from time to time (from the calling thread);
        returning False cancels: everything is rolled back and :class:`ImportCancelled` raised.
        A social worker who is not a manager may only import dossiers they are referent of.
        """
        s = self._session
        self._require_importer()
        account = s.account
        accounts = AccountRepository(s.db)
        referents = {row.referent_id for row in preview.rows}
        if not account.is_manager and referents - {account.id}:
            raise NotAllowed(
                "Vous ne pouvez importer que vos propres dossiers : seul(e) un(e) responsable "
                "d'unité importe pour d'autres référents."
            )
        if preview.problems:
            raise InvalidInput(
                f"Le fichier comporte {_thousands(len(preview.problems))} problème(s) : rien n'a "
                "été importé. Corrigez-le puis recommencez."
            )
        if not preview.rows:
            raise InvalidInput("Aucune ligne à importer.")
        for referent_id in referents:  # an account may have changed since the preview
            referent = accounts.by_id(referent_id)
            if referent is None or not can_be_referent(referent):
                raise InvalidInput(
                    "Un(e) référent(e) du fichier n'est plus un compte actif de travailleur "
                    "social : relancez l'aperçu."
                )
        total = len(preview.rows)
        step = max(1, total // 200)
        persons = PersonRepository(s.db)
        dossiers = DossierRepository(s.db)
        at = s.now_iso()
        if progress is not None and not progress(0, total):
            raise ImportCancelled()
        with s.db.transaction():
            for done, row in enumerate(preview.rows, start=1):
                person_id = persons.insert(row.person, at, account.id)
                data = DossierInput(opened_on=row.opened_on, motifs=(Motif(row.motif_code),))
                dossier_id = dossiers.insert(person_id, row.referent_id, data, at)
                if row.status is not DossierStatus.OPEN:
                    dossiers.set_status(dossier_id, row.status, row.status_on, NOT_PROVIDED, "",
                                        at)
                due = done % step == 0 or done == total
                if progress is not None and due and not progress(done, total):
                    raise ImportCancelled()
        s.audit.append(account.login, AUDIT_ACTION,
                       detail=f"{total} usager(s) et {total} dossier(s) importés")
        return ImportResult(persons=total, dossiers=total)


def _records(text: str, separator: str) -> tuple[list[tuple[int, list[str]]], RowProblem | None]:
    """(first file line, cells) of every non-blank record, header included; and the problem
    that stopped the reading, if any (a quote never closed makes the rest unreadable)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    records: list[tuple[int, list[str]]] = []
    last_line = 0
    while len(records) <= MAX_ROWS + 1:
        start = last_line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            return records, RowProblem(start, "", _csv_error(exc))
        last_line = reader.line_num
        if any(c.strip() for c in cells):  # skip blank lines and ";;;;" left by spreadsheets
            records.append((start, cells))
    return records, None


def _csv_error(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return (
            "valeur démesurée (guillemet ouvert et jamais fermé ?) : la lecture s'est arrêtée "
            "à cette ligne"
        )
    return (
        "guillemets mal placés ou jamais fermés : un texte entre guillemets doit finir par un "
        "guillemet suivi du séparateur ; la lecture s'est arrêtée à cette ligne"
    )
