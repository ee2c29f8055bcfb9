"""Every folder the application uses, found in one place.

Read-only assets (``resources/``, ``templates_courriers/``) live at the top of the source tree, are
copied into ``anaiss_desktop/_data/`` inside the wheel, and sit under the bundle root in a frozen
(PyInstaller) build. The station's data folder is chosen by ``--data-dir``, else ``ANAISS_HOME``,
else the platform's user data folder, so an administrator can always say where dossiers live.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_data_dir

_PACKAGE_DIR = Path(__file__).resolve().parent
ENV_HOME = "ANAISS_HOME"


def _asset_root() -> Path:
    """Folder that holds ``resources/`` and ``templates_courriers/``."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller one-folder bundle
        return Path(frozen_root)
    installed = _PACKAGE_DIR / "_data"
    if installed.is_dir():  # installed from a wheel
        return installed
    return _PACKAGE_DIR.parent  # running from a source checkout (or an editable install)


def resources_dir() -> Path:
    return _asset_root() / "resources"


def resource(name: str) -> Path:
    """Path of one shipped resource file (lexicons, stylesheet, icons...)."""
    return resources_dir() / name


def templates_dir() -> Path:
    """Shipped letter templates (courriers types)."""
    return _asset_root() / "templates_courriers"


def default_data_dir() -> Path:
    """Data folder when none is given: ``ANAISS_HOME`` or the platform's user data folder."""
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    return Path(user_data_dir("ANAISS Desktop", appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None) -> Path:
    """The station folder for this run: the explicit choice wins over the environment."""
    return Path(explicit).expanduser() if explicit else default_data_dir()
