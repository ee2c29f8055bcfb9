"""The packaging files agree with the project (issue 8), checked without building anything.

Building the bundle takes minutes and is CI's job (``python packaging/build.py --tarball``);
these checks catch in a second what would otherwise only fail there or on a person's PC: a
version bumped in the package but not in the AppStream file, a desktop entry naming another
icon, an installer that would delete stations.
"""

from __future__ import annotations

import configparser
import importlib.util
from pathlib import Path
from xml.etree import ElementTree

import pytest

import anaiss_desktop

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("anaiss_build", PACKAGING / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundle_takes_the_package_version(build):
    assert build.project_version(ROOT) == anaiss_desktop.__version__


def test_the_appstream_file_lists_this_version_first(build):
    path = PACKAGING / "linux" / f"{build.APP_ID}.metainfo.xml"
    assert build.metainfo_version(path) == anaiss_desktop.__version__, (
        "add the new version at the top of <releases> in the AppStream file")
    root = ElementTree.parse(path).getroot()
    assert root.findtext("id") == build.APP_ID
    assert root.findtext("launchable") == f"{build.APP_ID}.desktop"


def test_the_desktop_entry_starts_the_window_with_its_icon(build):
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / f"{build.APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == build.BUNDLE_NAME
    assert section["Icon"] == build.APP_ID
    assert section["Categories"] == "Office;"
    assert (PACKAGING / "linux" / f"{build.APP_ID}.svg").is_file()
    ElementTree.parse(PACKAGING / "linux" / f"{build.APP_ID}.svg")


def test_the_installer_never_deletes_a_station():
    script = (PACKAGING / "windows" / "anaiss.iss").read_text(encoding="utf-8-sig")
    sections = [line.strip().lower() for line in script.splitlines() if line.startswith("[")]
    assert "[uninstalldelete]" not in sections
    shared = next(line for line in script.splitlines() if line.startswith('Name: "{commonappdata}'))
    assert "uninsneveruninstall" in shared
    assert "ANAISS_HOME" in script  # the variable anaiss_desktop.paths reads


def test_only_unused_qt_parts_are_dropped(build):
    assert build.unused_binary("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "libqgtk3.so")
    assert build.unused_binary("PySide6/Qt/lib/libQt6Quick.so.6", "libQt6Quick.so.6")
    assert build.unused_binary("PySide6/Qt6Qml.dll", "Qt6Qml.dll")
    for kept in ("libQt6Pdf.so.6", "libQt6PdfWidgets.so.6", "libQt6PrintSupport.so.6",
                 "libQt6Network.so.6", "libQt6DBus.so.6", "libQt6Widgets.so.6", "Qt6Pdf.dll"):
        assert not build.unused_binary(f"PySide6/Qt/lib/{kept}", kept), kept
    assert not build.unused_binary("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so",
                                   "libcupsprintersupport.so")
    assert not build.unused_binary("PySide6/Qt/plugins/platforms/libqxcb.so", "libqxcb.so")
