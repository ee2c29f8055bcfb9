"""The core (domain, security, storage, services) never imports Qt: the GUI plugs into it.

Checked twice: statically, every import statement in the core's source; and dynamically, a fresh
interpreter importing every core module must not end up with PySide6 loaded.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import anaiss_desktop

PACKAGE = Path(anaiss_desktop.__file__).resolve().parent
CORE = ("domain", "security", "storage", "services")
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def _core_files() -> list[Path]:
    files = [p for layer in CORE for p in sorted((PACKAGE / layer).rglob("*.py"))]
    assert files, "the core layers must exist"
    return files


def _imported_names(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in {
                "import_module", "__import__"
            }
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.append(node.args[0].value)
    return names


def _relative_gui_imports(path: Path) -> list[str]:
    """``from ..gui import x`` would smuggle Qt in through the GUI package."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{'.' * node.level}{node.module or ''}"
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.level > 0
        and (node.module or "").split(".")[0] in {"gui", "app"}
    ]


@pytest.mark.parametrize("path", _core_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_core_module_imports_no_qt(path: Path):
    names = _imported_names(path)
    bad = [n for n in names if n.split(".")[0] in FORBIDDEN]
    bad += [n for n in names if n.startswith(("anaiss_desktop.gui", "anaiss_desktop.app"))]
    bad += _relative_gui_imports(path)
    assert bad == [], f"{path.relative_to(PACKAGE)} imports {bad}"


@pytest.mark.slow
def test_importing_the_whole_core_loads_no_qt():
    modules = [
        f"anaiss_desktop.{p.relative_to(PACKAGE).with_suffix('').as_posix().replace('/', '.')}"
        for p in _core_files()
    ]
    modules = [m.removesuffix(".__init__") for m in modules]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]", out.stdout
