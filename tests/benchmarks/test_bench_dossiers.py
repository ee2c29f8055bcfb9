"""The dossiers benchmark (``run.py``) runs end to end on a small station and writes every key.

Budgets are not checked here (2,000 persons say little about 100,000, and CI machines vary):
run ``python tests/benchmarks/run.py`` at the default 100,000 persons for the figures.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

KEYS = (
    "persons", "interventions", "generate_seconds", "search_keystroke_p95_ms",
    "open_dossier_p95_ms", "home_p95_ms", "save_intervention_p95_ms", "login_to_home_ms",
    "ratio_vs_plain_sqlite", "letter_pdf_p95_ms", "letter_batch_per_letter_ms",
    "stats_compute_ms", "stats_export_ms", "stats_plain_sqlite_ms",
    "stats_ratio_vs_plain_sqlite", "machine",
    "budgets",
)


def _load_run():
    path = Path(__file__).with_name("run.py")
    spec = importlib.util.spec_from_file_location("anaiss_bench_run", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_benchmark_writes_every_key(tmp_path: Path) -> None:
    out = tmp_path / "banc.json"
    result = _load_run().main(["--persons", "2000", "--out", str(out), "--seed", "3"])
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(result))
    for key in KEYS:
        assert key in written, key
    assert written["persons"] == 2000
    assert written["interventions"] > 10 * 2000 * 0.6
    assert written["open_dossier_interventions"] >= 50
    assert written["search_keystroke_queries"] >= 200
    assert written["letter_batch_progress_reports"] == written["letter_batch_size"] > 0
    assert set(written["budgets"]) == set(_load_run().BUDGETS)
    for check in written["budgets"].values():
        assert isinstance(check["pass"], bool)
