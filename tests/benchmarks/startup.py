"""Start-up benchmark: from launching ``anaiss-desktop`` to its login window (SPEC §9, issue 8).

    python tests/benchmarks/startup.py [--rounds 7] [--out startup.json]

A station is created once in a temporary folder; the application is then started ``rounds``
times on it, offscreen, with ``ANAISS_STARTUP_PROBE=1``: once the event loop has shown the login
window the application prints ``anaiss-ready`` and the list of heavy modules already loaded,
then quits. The time is measured by this script, from the process start to that line (the
quit is not counted). The same is done for a bare ``python -c "import PySide6.QtWidgets"``, the
floor any Qt application pays, and the report gives the ratio. Budget: 1 s to the login window;
reportlab, Jinja2 and QtPdf must not be loaded yet (they are imported on first use).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BUDGET_MS = 1000.0
PASSWORD = "Demarrage-Mesure-2026!"


def _station(folder: Path) -> Path:
    from anaiss_desktop.security.kdf import OWASP_MINIMUM
    from anaiss_desktop.services.station import create_station
    from anaiss_desktop.storage.settings_repo import StationInfo

    data_dir = folder / "station"
    create_station(data_dir, info=StationInfo("Service social (banc)"), manager_login="banc",
                   manager_name="Banc d'essai", manager_password=PASSWORD,
                   kdf_params=OWASP_MINIMUM)
    return data_dir


def _until_ready(data_dir: Path) -> tuple[float, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANAISS_STARTUP_PROBE="1")
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "anaiss_desktop", "--data-dir", str(data_dir)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - start) * 1000
    process.wait(timeout=60)
    if not line.startswith("anaiss-ready"):
        raise RuntimeError(f"the application did not report ready: {line!r}")
    return elapsed, line.split("heavy=", 1)[1].strip()


def _bare_qt() -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import PySide6.QtWidgets"], check=True)
    return (time.perf_counter() - start) * 1000


def run(rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="anaiss-startup-") as tmp:
        data_dir = _station(Path(tmp))
        _until_ready(data_dir)  # warm-up: the system's file cache, as on a used PC
        samples, heavy = [], set()
        for _ in range(rounds):
            elapsed, loaded = _until_ready(data_dir)
            samples.append(elapsed)
            heavy.update(m for m in loaded.split(",") if m and m != "-")
    _bare_qt()
    bare = [_bare_qt() for _ in range(rounds)]
    app_ms = statistics.median(samples)
    bare_ms = statistics.median(bare)
    return {
        "startup_to_login_ms": round(app_ms, 1),
        "bare_pyside6_import_ms": round(bare_ms, 1),
        "startup_ratio_vs_bare_pyside6": round(app_ms / bare_ms, 2),
        "startup_rounds": rounds,
        "heavy_modules_at_login": sorted(heavy),
        "budget": {"value": round(app_ms, 1), "budget": BUDGET_MS,
                   "pass": app_ms <= BUDGET_MS and not heavy},
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    result = run(args.rounds)
    print(f"démarrage jusqu'à la connexion : {result['startup_to_login_ms']} ms "
          f"(budget {BUDGET_MS:.0f} ms) ; import nu de PySide6.QtWidgets : "
          f"{result['bare_pyside6_import_ms']} ms ; rapport "
          f"{result['startup_ratio_vs_bare_pyside6']} ; modules lourds chargés : "
          f"{', '.join(result['heavy_modules_at_login']) or 'aucun'} ; "
          f"{'OK' if result['budget']['pass'] else 'DÉPASSÉ'}")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                            encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
