"""``anaiss-desktop --self-test``: prove that an installed copy (above all a frozen bundle) works.

A PyInstaller bundle fails in ways the test suite never sees: a Qt plugin or a shared library
left out, a data file not copied (migrations, letter templates, reportlab's fonts), a module
imported lazily and so never collected. This check walks the paths a person's first day takes,
on a throwaway station in a temporary folder, without any window: start Qt (the platform of
``QT_QPA_PLATFORM``, so ``offscreen`` works in CI; offscreen too on a Linux without any display,
where Qt would otherwise abort), load the PDF and printing modules, find the
shipped resources and Qt's French translation, create a station and fill it with fictitious
persons, render a letter to PDF and draw its page with QtPdf, export the statistics, write a
backup and read its manifest back.

Each step prints one French line, ``ok : …``; the first failure prints
``échec : <étape> : <raison>`` and the run stops with exit code 1. The temporary folder is
removed in every case. Nothing here touches the person's real station: the data folder options
are ignored.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from . import APP_NAME, __version__

PERSONS = 25
STATION_CODE = "AUTOTEST-01"
LETTER_KEY = "attestation_suivi_social"
PDF_MAGIC = b"%PDF"


class StepFailed(Exception):
    """A check that did not hold; ``message`` is French and says what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class _Context:
    """What the steps hand on to each other.

    Args:
        folder: the temporary folder (station, exports and backups go under it).
        cleanup: closes the session and the station before the folder is removed.
    """

    folder: Path
    cleanup: contextlib.ExitStack = field(default_factory=contextlib.ExitStack)
    app: Any = None
    session: Any = None
    dossier_id: int | None = None


def _kilobytes(size: int) -> str:
    return f"{max(1, round(size / 1024))} Ko"


def _require_pdf(data: bytes | None, what: str) -> bytes:
    if not data or not data.startswith(PDF_MAGIC):
        raise StepFailed(f"{what} n'est pas un PDF (il ne commence pas par %PDF).")
    return data


# -- the steps -----------------------------------------------------------------------------------
def _start_qt(ctx: _Context) -> str:
    from PySide6.QtWidgets import QApplication

    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if sys.platform.startswith("linux") and no_display and "QT_QPA_PLATFORM" not in os.environ:
        # Over SSH or in CI: Qt would abort for want of a screen; nothing here needs one.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    ctx.app = QApplication.instance() or QApplication(sys.argv[:1])
    # The modules the letter preview and printing load on first use: a bundle without the
    # QtPdf plugin or library fails here rather than in front of a social worker.
    from PySide6 import QtPdf, QtPdfWidgets, QtPrintSupport  # noqa: F401

    return (f"interface Qt démarrée (plateforme {ctx.app.platformName()}), modules PDF et "
            "impression chargés")


def _find_resources(ctx: _Context) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from .paths import resource, templates_dir
    from .services.password_rules import COMMON_FILE
    from .storage.migrations import MIGRATIONS_DIR, latest_version

    for name in (COMMON_FILE, "style.qss", "lexique_vigilance.txt", "anaiss.svg"):
        if not resource(name).is_file():
            raise StepFailed(f"fichier de ressources absent : {resource(name)}")
    templates = sorted(templates_dir().glob("*.txt"))
    if not templates:
        raise StepFailed(f"aucun courrier type livré dans {templates_dir()}")
    version = latest_version()
    if version < 1:
        raise StepFailed(f"aucune migration du schéma dans {MIGRATIONS_DIR}")
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator(ctx.app).load("qtbase_fr", folder):
        raise StepFailed(f"traduction française de Qt introuvable dans {folder}")
    return (f"ressources trouvées ({len(templates)} courriers types, schéma version {version}, "
            "traduction française de Qt)")


def _create_station(ctx: _Context) -> str:
    from .security.kdf import OWASP_MINIMUM
    from .services.station import Station, create_station
    from .storage.settings_repo import StationInfo

    data_dir = ctx.folder / "station"
    login, password = "verif", f"Controle-Paquet-{secrets.token_hex(4)}!"
    create_station(
        data_dir,
        info=StationInfo(service_name="Station d'autotest", service_address="1 rue de l'Essai\n"
                         "59000 Lille", service_phone=""),
        manager_login=login, manager_name="Vérification automatique", manager_password=password,
        social_worker=True,  # so the manager is the referent of the fictitious dossiers
        kdf_params=OWASP_MINIMUM,  # a throwaway station: start fast
    )
    station = ctx.cleanup.enter_context(Station(data_dir, kdf_params=OWASP_MINIMUM))
    ctx.session = station.login(login, password)
    ctx.cleanup.callback(ctx.session.close)
    problems = ctx.session.verify()
    if problems:
        raise StepFailed(f"la station d'essai ne passe pas sa vérification : {problems[0]}")
    return "station d'essai chiffrée créée, ouverte et vérifiée"


def _fill(ctx: _Context) -> str:
    from .services.demo_data import generate
    from .services.home import HomeService

    stats = generate(ctx.session, PERSONS, seed=7, today=ctx.session.today())
    home = HomeService(ctx.session).home()
    if not home.open_dossiers:
        raise StepFailed("aucun dossier ouvert après la création des personnes fictives")
    ctx.dossier_id = home.open_dossiers[0].dossier_id
    return (f"{stats.persons} personnes fictives ajoutées ({stats.dossiers} dossiers, "
            f"{stats.interventions} interventions)")


def _letter(ctx: _Context) -> str:
    from .gui.letters.printing import page_images
    from .services.letters import LetterService

    service = LetterService(ctx.session)
    letter = service.prepare(ctx.dossier_id, LETTER_KEY)
    pdf = _require_pdf(service.preview(ctx.dossier_id, LETTER_KEY, letter.subject, letter.body),
                       "Le courrier")
    images = page_images(pdf, dpi=36)  # QtPdf (pdfium) reads and draws it, as the preview does
    if not images or images[0].isNull():
        raise StepFailed("QtPdf n'a pas pu dessiner la page du courrier.")
    pages = f"{len(images)} page" + ("s" if len(images) > 1 else "")
    return (f"courrier rendu en PDF en mémoire ({pages}, {_kilobytes(len(pdf))}) et affiché "
            "par QtPdf")


def _statistics(ctx: _Context) -> str:
    from .domain.stats import Month
    from .domain.suppression import DEFAULT_THRESHOLD
    from .services.stats import StatsService

    today = ctx.session.today()
    first = Month.of(date(today.year - 1, today.month, 1)).next()  # the last twelve months
    service = StatsService(ctx.session)
    period = service.parse_period(str(first), str(Month.of(today)))
    files = service.export_files(service.compute(period), DEFAULT_THRESHOLD, STATION_CODE)
    _require_pdf(files.pdf, "Le résumé des statistiques")
    folder = ctx.folder / "export"
    folder.mkdir()
    written = service.write_export(files, folder)
    paths = sorted(folder.iterdir())
    if len(paths) != len(written.files):
        raise StepFailed(f"l'export a laissé {len(paths)} fichier(s) au lieu de "
                         f"{len(written.files)}")
    for path in paths:
        if path.suffix.lower() == ".pdf":
            _require_pdf(path.read_bytes()[:8], f"Le fichier exporté {path.name}")
    kinds = ", ".join(path.suffix.lstrip(".").upper() for path in paths)
    return f"statistiques de {period.months} mois exportées et relues ({kinds})"


def _backup(ctx: _Context) -> str:
    from .services.backup import BackupService, read_manifest
    from .storage.migrations import latest_version

    folder = ctx.folder / "sauvegardes"
    folder.mkdir()
    path = BackupService(ctx.session).make(folder)
    manifest = read_manifest(path)
    if manifest.schema_version != latest_version():
        raise StepFailed(f"la sauvegarde annonce le schéma {manifest.schema_version} au lieu de "
                         f"{latest_version()}")
    return (f"sauvegarde écrite et relue ({path.name}, {_kilobytes(path.stat().st_size)}, "
            f"schéma {manifest.schema_version})")


Step = Callable[[_Context], str]
STEPS: tuple[tuple[str, Step], ...] = (
    ("interface Qt", _start_qt),
    ("ressources", _find_resources),
    ("station", _create_station),
    ("données fictives", _fill),
    ("courrier", _letter),
    ("statistiques", _statistics),
    ("sauvegarde", _backup),
)


def reason(exc: BaseException) -> str:
    """A short French reason for ``exc``: the service's own message when it has one."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    if isinstance(exc, ImportError):
        return f"module introuvable : {exc.name or exc}"
    if isinstance(exc, FileNotFoundError):
        return f"fichier introuvable : {exc.filename}"
    if isinstance(exc, OSError):
        return f"erreur du système : {exc.strerror or exc}"
    text = " ".join(str(exc).split())[:200]
    return f"erreur inattendue ({type(exc).__name__}){' : ' + text if text else ''}"


def run(out: TextIO | None = None) -> int:
    """Run every step, printing one line each; 0 when all passed, 1 at the first failure."""
    out = out if out is not None else sys.stdout
    with contextlib.suppress(AttributeError, ValueError):  # a console that cannot show "é"
        out.reconfigure(errors="replace")

    def say(line: str) -> None:
        # A windowed Windows executable started without redirection has no stdout at all.
        if out is not None:
            print(line, file=out, flush=True)

    started = time.perf_counter()
    say(f"Autotest de {APP_NAME} {__version__}")
    folder = Path(tempfile.mkdtemp(prefix="anaiss-autotest-"))
    ctx = _Context(folder)
    failed = False
    try:
        for name, step in STEPS:
            try:
                say(f"ok : {step(ctx)}")
            except Exception as exc:  # every failure is reported, none is a traceback
                say(f"échec : {name} : {reason(exc)}")
                failed = True
                break
        try:
            ctx.cleanup.close()  # session and station closed before their folder goes
        except Exception as exc:
            say(f"échec : fermeture de la station d'essai : {reason(exc)}")
            failed = True
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        return 1
    seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
    say(f"ok : autotest terminé, tout fonctionne ({seconds} s)")
    return 0
