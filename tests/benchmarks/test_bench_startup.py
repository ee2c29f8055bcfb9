"""The start-up benchmark (``startup.py``) runs and the login window comes without the heavy
modules (reportlab, Jinja2, QtPdf are imported on first use). The 1 s budget is reported by the
script, not asserted here: CI machines vary."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def _load():
    path = Path(__file__).with_name("startup.py")
    spec = importlib.util.spec_from_file_location("anaiss_bench_startup", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_startup_benchmark_reports_and_defers_heavy_modules(tmp_path: Path) -> None:
    out = tmp_path / "demarrage.json"
    result = _load().main(["--rounds", "2", "--out", str(out)])
    assert out.is_file()
    assert result["heavy_modules_at_login"] == []
    assert result["startup_to_login_ms"] > result["bare_pyside6_import_ms"] > 0
    assert result["startup_ratio_vs_bare_pyside6"] > 1
