"""Login budget (SPEC §9): password to first caseload query in ≤ 1.5 s, Argon2id included.

Measured with the production Argon2id cost (``kdf.DEFAULT``) on a real SQLCipher station: the
median of five :meth:`Station.login` calls, each followed by the session's readiness check and a
caseload placeholder query (``SELECT count(*) FROM accounts``, until dossiers exist). The same open
plus query on a plain SQLite file gives the ratio SPEC §9 asks to report. Run with
``pytest tests/benchmarks -m slow -s`` to see the report; set ``ANAISS_BENCH_REPORT=path`` to also
write it to a file. The test holds the application to its own share of the time (all but
Argon2id), which does not depend on how busy the machine is; ``ANAISS_BENCH_STRICT=1`` also
holds it to the budget, as ``run.py`` reports it on the reference machine.
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import MANAGER_LOGIN, MANAGER_PASSWORD, SERVICE

from anaiss_desktop.security import kdf
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station, create_station
from anaiss_desktop.storage.migrations import MIGRATIONS_DIR

BUDGET_MS = 1500.0
OWN_SHARE_MS = 400.0  # opening SQLCipher, the audit check, the session: all but Argon2id
RUNS = 5
CASELOAD_QUERY = "SELECT count(*) FROM accounts"  # placeholder until the caseload exists


def _median_ms(
    run: Callable[[], object], runs: int = RUNS, after: Callable[[object], None] | None = None
) -> tuple[float, list[float]]:
    """Median wall time of ``run``; ``after`` gets its result outside the timed span."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        result = run()
        samples.append((time.perf_counter() - start) * 1000)
        if after is not None:
            after(result)
    return statistics.median(samples), samples


def _plain_sqlite(path: Path) -> Path:
    """The same schema and the same row count, in a plain (unencrypted) SQLite file."""
    conn = sqlite3.connect(path)
    conn.executescript((MIGRATIONS_DIR / "0001_station_accounts_audit.sql").read_text("utf-8"))
    conn.execute(
        "INSERT INTO accounts(login, full_name, role, password_changed_at, created_at)"
        " VALUES ('x', 'X', 'manager', '2026-01-01', '2026-01-01')"
    )
    conn.commit()
    conn.close()
    return path


@pytest.mark.slow
def test_login_to_caseload(tmp_path: Path, clock) -> None:
    data_dir = tmp_path / "station"
    create_station(
        data_dir,
        info=SERVICE,
        manager_login=MANAGER_LOGIN,
        manager_name="Claire Responsable",
        manager_password=MANAGER_PASSWORD,
        social_worker=True,
        clock=clock,
        kdf_params=kdf.DEFAULT,
    )
    counts: list[int] = []

    with Station(data_dir, clock=clock, kdf_params=kdf.DEFAULT) as station:

        def login_to_caseload() -> Session:
            session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
            session.require_ready()
            counts.append(session.db.scalar(CASELOAD_QUERY))
            return session

        login_to_caseload().close()  # warm-up: first-touch of Argon2id's memory, page cache
        counts.clear()
        # Closing is a logout, not part of the path to the first screen: it is not timed.
        login_ms, login_samples = _median_ms(login_to_caseload, after=lambda s: s.close())

    assert counts == [1] * RUNS

    plain = _plain_sqlite(tmp_path / "plain.db")

    def plain_open_query() -> None:
        conn = sqlite3.connect(plain)
        conn.execute(CASELOAD_QUERY).fetchone()
        conn.close()

    plain_open_query()  # warm the page cache like the station's file is
    plain_ms, _ = _median_ms(plain_open_query)
    kdf_ms, _ = _median_ms(
        lambda: kdf.derive(b"mot de passe", kdf.new_salt(), kdf.DEFAULT), runs=3
    )
    ratio = login_ms / plain_ms if plain_ms else float("inf")

    verdict = "OK" if login_ms <= BUDGET_MS else "AU-DELÀ DU BUDGET"
    line = (
        f"login: median {login_ms:.0f} ms (budget {BUDGET_MS:.0f} ms : {verdict}), "
        f"ratio to plain SQLite open+query: {ratio:.0f}"
    )
    report = "\n".join(
        [
            "=== ANAISS Desktop — benchmark: login to caseload ===",
            line,
            f"  samples (ms): {', '.join(f'{s:.0f}' for s in login_samples)}",
            f"  of which Argon2id alone: median {kdf_ms:.0f} ms "
            f"(m={kdf.DEFAULT.memory_kib // 1024} MiB, t={kdf.DEFAULT.time_cost}, "
            f"p={kdf.DEFAULT.parallelism})",
            f"  plain SQLite open+query: median {plain_ms:.3f} ms",
            f"  machine: {platform.machine()}, {os.cpu_count()} CPU, "
            f"{platform.system()} {platform.release()}, Python {platform.python_version()}",
        ]
    )
    print("\n" + report)
    target = os.environ.get("ANAISS_BENCH_REPORT")
    if target:
        Path(target).write_text(report + "\n", encoding="utf-8")

    # The budget is the reference machine's (run.py reports it, pass or fail). Here, on a CI
    # machine shared with other jobs, Argon2id alone can take longer than the whole budget;
    # what this test holds the application to is its own share: login minus Argon2id.
    assert login_ms - kdf_ms <= OWN_SHARE_MS, line
    if os.environ.get("ANAISS_BENCH_STRICT"):
        assert login_ms <= BUDGET_MS, line
