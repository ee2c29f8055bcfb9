"""``anaiss-desktop``: arguments, the Qt application, and the wiring storage → services → GUI.

Heavy modules (reportlab, Jinja2) are imported where they are first used, so the login window
appears quickly. ``--demo`` builds a throwaway station in a temporary folder, deleted at exit.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from . import APP_NAME, __version__
from .paths import resolve_data_dir, resource
from .security.hardening import disable_core_dumps, restrict_new_files


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anaiss-desktop",
        description="Dossiers sociaux chiffrés pour un poste de travail social hors ligne.",
    )
    parser.add_argument(
        "--data-dir", metavar="DOSSIER",
        help="dossier de la station (par défaut : ANAISS_HOME, sinon le dossier de données "
        "de l'utilisateur)",
    )
    parser.add_argument(
        "--demo", action="store_true",
        help="ouvrir une station de démonstration (données fictives, effacées à la fermeture)",
    )
    parser.add_argument(
        "--self-test", action="store_true",
        help="vérifier l'installation sur une station d'essai jetable, sans fenêtre, puis quitter "
        "(code 0 si tout fonctionne)",
    )
    parser.add_argument("--version", action="version", version=f"anaiss-desktop {__version__}")
    return parser


def _install_translations(app) -> None:
    """Qt's own French texts, so standard buttons read « Annuler », « Enregistrer »."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_fr", "qt_fr"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)


def _apply_stylesheet(app) -> None:
    # Without the file the application stays usable with Qt's default look.
    with contextlib.suppress(OSError):
        app.setStyleSheet(resource("style.qss").read_text(encoding="utf-8"))


STARTUP_PROBE = "ANAISS_STARTUP_PROBE"


def _report_ready_then_quit(app, controller) -> None:
    """For the start-up benchmark only (``ANAISS_STARTUP_PROBE=1``): once the event loop has
    shown the first window, print which heavy modules are loaded, then quit like « Quitter »."""
    from PySide6.QtCore import QTimer

    def ready() -> None:
        heavy = [m for m in ("reportlab", "jinja2", "PySide6.QtPdf") if m in sys.modules]
        print(f"anaiss-ready heavy={','.join(heavy) or '-'}", flush=True)
        controller.quit()

    QTimer.singleShot(0, ready)


def _quit_on_signals(app, quit_app) -> None:
    """SIGTERM or SIGHUP (the desktop session ends, ``kill``) ends like « Quitter »: the session
    closes, the key is wiped, a demo station's folder is deleted. Qt's event loop runs no Python
    code of its own, so a timer wakes the interpreter twice a second to let the handler run."""
    import signal

    from PySide6.QtCore import QTimer

    def handler(_signum, _frame) -> None:
        QTimer.singleShot(0, quit_app)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), handler)
    timer = QTimer(app)
    timer.timeout.connect(_wake)
    timer.start(500)


def _wake() -> None:
    """Nothing to do: returning to Python is enough for pending signal handlers to run."""


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    disable_core_dumps()
    restrict_new_files()
    if args.self_test:
        from .self_test import run

        return run()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from .gui.app_controller import AppController
    from .gui.prompts import Prompts
    from .gui.workers import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("ANAISS")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("fr.anaiss.Desktop")  # Wayland matches the window to its menu entry
    from PySide6.QtGui import QIcon

    app.setWindowIcon(QIcon(str(resource("anaiss.svg"))))
    _install_translations(app)
    _apply_stylesheet(app)

    demo_dir: Path | None = None
    demo_accounts: tuple = ()
    settings: QSettings | None = None
    kdf_kwargs = {}
    if args.demo:
        from .services.demo import DEMO_KDF, create_demo_station

        demo_dir = Path(tempfile.mkdtemp(prefix="anaiss-demo-"))
        data_dir = demo_dir / "station"
        demo_accounts = create_demo_station(data_dir)
        kdf_kwargs["kdf_params"] = DEMO_KDF
    else:
        data_dir = resolve_data_dir(args.data_dir)
        settings = QSettings()

    runner = TaskRunner()
    controller = AppController(
        data_dir, runner, Prompts(), settings=settings, demo_accounts=demo_accounts, **kdf_kwargs
    )
    exit_code = {"value": 0}

    def finished(code: int) -> None:
        exit_code["value"] = code
        app.exit(code)

    controller.finished.connect(finished)
    _quit_on_signals(app, controller.quit)
    controller.start()
    if os.environ.get(STARTUP_PROBE) == "1":
        _report_ready_then_quit(app, controller)
    try:
        if controller.station is not None or controller.wizard is not None:
            app.exec()
    finally:
        if demo_dir is not None:
            shutil.rmtree(demo_dir, ignore_errors=True)
    return exit_code["value"]


if __name__ == "__main__":
    sys.exit(main())
