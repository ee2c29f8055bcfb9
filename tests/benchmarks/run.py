"""Benchmark of the daily work at scale (SPEC §9, issue 3): a station of N synthetic persons,
measured through the services, with the ratio to the same SQL on plain SQLite.

    python tests/benchmarks/run.py --persons 100000 --out bench.json [--seed 1] [--keep]

Builds a station in a temporary folder (the manager and the measured social worker with the
production Argon2id cost, so that the login is the real one), fills it with
:func:`anaiss_desktop.services.demo_data.generate`, gives a few of the social worker's dossiers
about 50 interventions each (through ``DossierService.add_intervention``: the save timings),
then measures:

* ``search_keystroke_p95_ms`` — ``SearchService.search`` for every prefix of names, birth
  dates and dossier numbers typed letter by letter;
* ``open_dossier_p95_ms`` — ``DossierService.open`` of the dossiers with ~50 interventions;
* ``home_p95_ms`` — ``HomeService.home`` of a social worker with several hundred open
  dossiers;
* ``save_intervention_p95_ms`` — ``DossierService.add_intervention`` (commit, audit entry);
* ``login_to_home_ms`` — median of three ``Station.login`` + ``HomeService.home``;
* ``ratio_vs_plain_sqlite`` — the repositories' SQL of the search, open and home mix, timed on
  the station's SQLCipher connection and on a plain ``sqlite3`` copy of the same data made in
  the same run (``sqlcipher_export``), as a ratio of the medians of their totals;
* ``stats_compute_ms`` — median of three ``StatsService.compute`` of the last full year (the
  manager's statistics), after a warm-up; ``stats_ratio_vs_plain_sqlite`` — its SQL
  (``StatsRepository.counts``) on SQLCipher ÷ the same on the plain copy.

Writes one JSON object (later issues add their keys) and prints a table. The temporary folder,
the plain copy included (synthetic data only), is deleted unless ``--keep``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import AidInput, InterventionInput
from anaiss_desktop.domain.stats import Period, bracket_cutoffs
from anaiss_desktop.security import kdf
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.home import HomeService
from anaiss_desktop.services.letters import LetterService
from anaiss_desktop.services.search import SearchService, find_persons, read_query
from anaiss_desktop.services.station import Station, create_station
from anaiss_desktop.services.stats import StatsService
from anaiss_desktop.storage.covers_repo import CoverRepository
from anaiss_desktop.storage.dossiers_repo import DossierRepository
from anaiss_desktop.storage.persons_repo import PersonRepository
from anaiss_desktop.storage.search_repo import HomeRepository, SearchRepository
from anaiss_desktop.storage.settings_repo import StationInfo
from anaiss_desktop.storage.stats_repo import StatsRepository

SERVICE = StationInfo("Service social — banc d'essai", "1 rue du Banc\n59000 Lille",
                      "03 20 00 00 00")
MANAGER = ("responsable", "Claire Responsable", "Pilotage-Equipe-2026!x")
WORKER = ("amartin", "Anne Martin", "Accompagner-Chaque-Jour-7")  # measured, production cost
COLLEAGUES = 7  # more social workers, cheap Argon2id (their logins are not measured)
COLLEAGUE_PASSWORD = "Relais-Binome-2026!"
BIG_DOSSIERS = 5
BIG_SIZE = 50  # interventions in each measured dossier
OPEN_ROUNDS = 20
HOME_ROUNDS = 40
LOGIN_ROUNDS = 3
SEARCH_NAMES = 24
SEARCH_DATES = 6
SEARCH_NUMBERS = 6
RATIO_ROUNDS = 5
LETTER_ROUNDS = 30
LETTER_BATCH = 100
STATS_ROUNDS = 3

BUDGETS = {
    "search_keystroke_p95_ms": 30.0,
    "open_dossier_p95_ms": 100.0,
    "home_p95_ms": 200.0,
    "save_intervention_p95_ms": 50.0,
    "login_to_home_ms": 1500.0,
    "ratio_vs_plain_sqlite": 1.3,
    "letter_pdf_p95_ms": 150.0,
    "letter_batch_per_letter_ms": 150.0,
    "stats_compute_ms": 2000.0,
    "stats_export_ms": 2000.0,
}


def p95(samples: Sequence[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def say(text: str) -> None:
    print(text, flush=True)


# -- the station -------------------------------------------------------------------------------

def build_station(data_dir: Path) -> None:
    """Manager and measured social worker at the production Argon2id cost; colleagues cheap."""
    login, name, password = MANAGER
    create_station(data_dir, info=SERVICE, manager_login=login, manager_name=name,
                   manager_password=password, social_worker=False, kdf_params=kdf.DEFAULT)
    for cost, accounts in (
        (kdf.DEFAULT, [(WORKER[0], WORKER[1], WORKER[2])]),
        (kdf.OWASP_MINIMUM, [(f"as{i}", f"Assistante {chr(65 + i)}", COLLEAGUE_PASSWORD)
                             for i in range(COLLEAGUES)]),
    ):
        with Station(data_dir, kdf_params=cost) as station:
            session = station.login(login, password)
            try:
                service = AccountService(session)
                for account_login, full_name, account_password in accounts:
                    account = service.create(account_login, full_name, Role.ASSISTANT,
                                             temporary_password=account_password)
                    session.set_password(account, account_password, temporary=False)
            finally:
                session.close()


def fill(station: Station, persons: int, seed: int) -> demo_data.DemoStats:
    session = station.login(MANAGER[0], MANAGER[2])
    step = max(1, persons // 10)
    shown = [0]

    def progress(done: int, total: int) -> bool:
        if done - shown[0] >= step or done == total:
            shown[0] = done
            say(f"  génération : {done}/{total}")
        return True

    try:
        return demo_data.generate(session, persons, seed=seed, progress=progress)
    finally:
        session.close()


def grow_dossiers(session, rng: random.Random) -> tuple[list[int], list[float]]:
    """Bring a few open dossiers of the measured worker to ~50 interventions; time each save."""
    me = session.account.id
    ids = [r[0] for r in session.db.query(
        "SELECT id FROM dossiers WHERE referent_id = ? AND status = 'ouvert'"
        " ORDER BY id LIMIT ?", (me, BIG_DOSSIERS))]
    service = DossierService(session)
    today = session.station.clock().astimezone().date()
    samples: list[float] = []
    for dossier_id in ids:
        count = int(session.db.scalar(
            "SELECT count(*) FROM interventions WHERE dossier_id = ?", (dossier_id,)))
        for k in range(BIG_SIZE - count):
            data = InterventionInput(
                on_date=today - timedelta(days=rng.randint(0, 300)),
                kind_code=rng.choice(("ENTRETIEN", "TELEPHONE", "COURRIER")),
                duration_min=rng.choice((None, 15, 30, 45)),
                summary=f"Entretien de suivi n° {k}: point sur les démarches en cours.",
                notes="Situation suivie de près." if k % 4 == 0 else "",
                aids=(AidInput(type_code="AIDE_FINANCIERE", organisation="CCAS",
                               requested_on=today, amount_cents=20000),) if k % 7 == 0 else (),
            )
            elapsed, _ = timed(lambda d=data, i=dossier_id: service.add_intervention(i, d))
            samples.append(elapsed)
    return ids, samples


def typed_queries(session, rng: random.Random) -> list[str]:
    """What a person types, letter by letter: names in both orders, birth dates, numbers."""
    db = session.db
    count = int(db.scalar("SELECT max(id) FROM persons"))
    texts: list[str] = []
    for k in range(SEARCH_NAMES):
        row = db.query("SELECT usage_name, first_names FROM persons WHERE id >= ? LIMIT 1",
                       (rng.randint(1, count),))
        usage, first = row[0]
        texts.append(f"{usage} {first}" if k % 3 else f"{first} {usage}")
    for _ in range(SEARCH_DATES):
        born = db.scalar("SELECT birth_date FROM persons WHERE id >= ? LIMIT 1",
                         (rng.randint(1, count),))
        if born:
            texts.append(date.fromisoformat(born).strftime("%d/%m/%Y"))
    numbers = int(db.scalar("SELECT max(id) FROM dossiers"))
    for _ in range(SEARCH_NUMBERS):
        texts.append(db.scalar("SELECT number FROM dossiers WHERE id >= ? LIMIT 1",
                               (rng.randint(1, numbers),)))
    return [text[:k] for text in texts for k in range(1, len(text) + 1)]


# -- the plain SQLite copy and the query mix -------------------------------------------------

class PlainDb:
    """The repositories' interface over the standard library's sqlite3 (no encryption)."""

    def __init__(self, path: Path, cache_size: int) -> None:
        self._conn = sqlite3.connect(str(path), isolation_level=None)
        self._conn.execute("PRAGMA temp_store = MEMORY")
        self._conn.execute(f"PRAGMA cache_size = {int(cache_size)}")  # as the station's

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def query_one(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> tuple | None:
        return self._conn.execute(sql, params).fetchone()

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.query_one(sql, params)
        return None if row is None else row[0]

    def close(self) -> None:
        self._conn.close()


def export_plain(session, target: Path) -> None:
    db = session.db
    db.execute("ATTACH DATABASE ? AS plain KEY ''", (str(target),))
    try:
        db.query("SELECT sqlcipher_export('plain')")
    finally:
        db.execute("DETACH DATABASE plain")


def query_mix(db: Any, queries: list[str], dossiers: list[int], reader: int, year: int,
              today: date) -> None:
    """The SQL of the search, open and home use cases, without the services around it."""
    search = SearchRepository(db)
    for text in queries:
        query = read_query(search, text, year)
        if not query.empty:
            persons, _ = find_persons(search, query, 30)
            search.dossiers_of_persons([p.id for p in persons])
    repo, people, covers = DossierRepository(db), PersonRepository(db), CoverRepository(db)
    for dossier_id in dossiers:
        dossier = repo.get(dossier_id)
        people.get(dossier.person_id)
        repo.interventions(dossier_id)
        covers.for_dossier(dossier_id, dossier.referent_id)
        repo.notes(dossier_id)
        covers.note_facts(dossier_id)
        repo.aids(dossier_id)
        repo.echeances_of_dossier(dossier_id)
        repo.of_person(dossier.person_id)
    home = HomeRepository(db)
    day = today.isoformat()
    home.open_dossiers(reader, 200)
    home.open_count(reader)
    repo.echeances_of_owner(reader, day, since=day, limit=200)
    repo.echeances_of_owner(reader, (today - timedelta(days=1)).isoformat(), limit=200)
    home.without_contact(reader, (today - timedelta(days=90)).isoformat(), 200)
    home.recent(reader, 10)


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "system": f"{platform.system()} {platform.release()}",
        "machine": platform.machine(),
        "processor": platform.processor() or "",
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "stdlib_sqlite": sqlite3.sqlite_version,
    }
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            info["memory_gib"] = round(int(meminfo.readline().split()[1]) / 2**20, 1)
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    info["processor"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return info


# -- the run -----------------------------------------------------------------------------------

def run(persons: int, seed: int, folder: Path) -> dict[str, Any]:
    rng = random.Random(seed)
    data_dir = folder / "station"
    say(f"Station de banc d'essai dans {folder}")
    build_station(data_dir)
    result: dict[str, Any] = {"persons": persons, "seed": seed}
    with Station(data_dir, kdf_params=kdf.DEFAULT) as station:
        started = time.perf_counter()
        stats = fill(station, persons, seed)
        result["generate_seconds"] = round(time.perf_counter() - started, 1)
        say(f"  {stats.persons} usagers, {stats.interventions} interventions "
            f"en {result['generate_seconds']} s")

        session = station.login(WORKER[0], WORKER[2])
        try:
            db = session.db
            result["sqlcipher"] = db.scalar("PRAGMA cipher_version")
            result["sqlcipher_sqlite"] = db.scalar("SELECT sqlite_version()")
            result["cipher_memory_security"] = db.scalar("PRAGMA cipher_memory_security")
            result["cache_size"] = db.scalar("PRAGMA cache_size")  # negative: KiB
            say("Dossiers de ~50 interventions (enregistrements mesurés)…")
            big, saves = grow_dossiers(session, rng)
            result["save_intervention_p95_ms"] = round(p95(saves), 2)
            result["save_intervention_samples"] = len(saves)

            service = DossierService(session)
            opens = []
            for _ in range(OPEN_ROUNDS):
                for dossier_id in big:
                    elapsed, view = timed(lambda i=dossier_id: service.open(i))
                    opens.append(elapsed)
            result["open_dossier_p95_ms"] = round(p95(opens), 2)
            result["open_dossier_interventions"] = len(view.interventions)

            home = HomeService(session)
            home.home()
            homes = [timed(home.home)[0] for _ in range(HOME_ROUNDS)]
            view = home.home()
            result["home_p95_ms"] = round(p95(homes), 2)
            result["home_open_dossiers"] = view.open_count
            result["home_today"], result["home_overdue"] = len(view.today), len(view.overdue)
            result["home_without_contact"] = len(view.without_contact)

            search = SearchService(session)
            queries = typed_queries(session, rng)
            for text in queries[:20]:  # warm-up, as after the first screen
                search.search(text)
            keystrokes = [timed(lambda t=text: search.search(t))[0] for text in queries]
            result["search_keystroke_p95_ms"] = round(p95(keystrokes), 2)
            result["search_keystroke_max_ms"] = round(max(keystrokes), 2)
            result["search_keystroke_queries"] = len(keystrokes)
            text_ms, hits = timed(lambda: search.search_text("logement social"))
            result["search_text_ms"] = round(text_ms, 1)
            result["search_text_hits"] = len(hits)

            say("Courriers (un par un, puis une série avec progression)…")
            result.update(measure_letters(session))

            say("Copie SQLite en clair pour le rapport…")
            plain_path = folder / "plain.db"
            export_plain(session, plain_path)
            plain = PlainDb(plain_path, db.scalar("PRAGMA cache_size"))
            try:
                reader = session.account.id
                today = station.clock().astimezone().date()
                mix = [q for i, q in enumerate(queries) if i % 2 == 0]
                args = (mix, big, reader, today.year, today)
                query_mix(db, *args)
                query_mix(plain, *args)
                cipher_ms, plain_ms = [], []
                for _ in range(RATIO_ROUNDS):
                    cipher_ms.append(timed(lambda: query_mix(db, *args))[0])
                    plain_ms.append(timed(lambda: query_mix(plain, *args))[0])
                say("Statistiques d'une année (responsable)…")
                manager = station.login(MANAGER[0], MANAGER[2])
                try:
                    result.update(measure_stats(manager, plain, today))
                finally:
                    manager.close()
            finally:
                plain.close()
            result["mix_sqlcipher_ms"] = round(statistics.median(cipher_ms), 1)
            result["mix_plain_sqlite_ms"] = round(statistics.median(plain_ms), 1)
            result["ratio_vs_plain_sqlite"] = round(
                result["mix_sqlcipher_ms"] / result["mix_plain_sqlite_ms"], 2)
            result["interventions"] = int(db.scalar("SELECT count(*) FROM interventions"))
            result["dossiers"] = int(db.scalar("SELECT count(*) FROM dossiers"))
        finally:
            session.close()

        logins = []
        for _ in range(LOGIN_ROUNDS):
            start = time.perf_counter()
            session = station.login(WORKER[0], WORKER[2])
            HomeService(session).home()
            logins.append((time.perf_counter() - start) * 1000)
            session.close()
        result["login_to_home_ms"] = round(statistics.median(logins), 1)
    result["budgets"] = {
        key: {"value": result[key], "budget": budget, "pass": result[key] <= budget}
        for key, budget in BUDGETS.items()
    }
    result["machine"] = machine()
    return result


def measure_stats(manager: Any, plain: PlainDb, today: date) -> dict[str, Any]:
    """The manager's statistics of the last full year (``StatsService.compute``: the counts in
    SQL, the coded lists, the tables; then the whole export in memory: suppression, CSV, PDF
    summary, manifest), then the same SQL on SQLCipher and on the plain copy."""
    service = StatsService(manager)
    period = Period.parse(f"{today.year - 1}-01", f"{today.year - 1}-12")
    service.compute(period)  # warm-up: the first pass reads the pages from disk
    computes = [timed(lambda: service.compute(period))[0] for _ in range(STATS_ROUNDS)]

    def export() -> bytes:  # what the export dialog makes before writing: CSV, PDF, manifest
        return service.export_files(service.compute(period), 5, "BANC-01").csv

    service.export_files(service.compute(period), 5, "BANC-01")  # reportlab's first import
    exports = [timed(export)[0] for _ in range(STATS_ROUNDS)]
    args = (period.start.isoformat(), period.end_exclusive.isoformat(),
            bracket_cutoffs(period.start))
    cipher_repo, plain_repo = StatsRepository(manager.db), StatsRepository(plain)
    plain_repo.counts(*args)
    cipher_sql, plain_sql = [], []
    for _ in range(STATS_ROUNDS):
        cipher_sql.append(timed(lambda: cipher_repo.counts(*args))[0])
        plain_sql.append(timed(lambda: plain_repo.counts(*args))[0])
    cipher_ms = statistics.median(cipher_sql)
    plain_ms = statistics.median(plain_sql)
    return {
        "stats_compute_ms": round(statistics.median(computes), 1),
        "stats_export_ms": round(statistics.median(exports), 1),
        "stats_period": str(period),
        "stats_sqlcipher_sql_ms": round(cipher_ms, 1),
        "stats_plain_sqlite_ms": round(plain_ms, 1),
        "stats_ratio_vs_plain_sqlite": round(cipher_ms / max(plain_ms, 1e-3), 2),
    }


def measure_letters(session: Any) -> dict[str, Any]:
    """One letter = fill the template for the dossier + lay out its PDF in memory (what
    "Aperçu" does); a batch = the same letter for many dossiers, each kept in its dossier,
    in one PDF, with a progress report per dossier (what the batch dialog shows)."""
    letters = LetterService(session)
    ids = [r[0] for r in session.db.query(
        "SELECT id FROM dossiers WHERE referent_id = ? AND status = 'ouvert' ORDER BY id"
        " LIMIT ?", (session.account.id, LETTER_BATCH + LETTER_ROUNDS))]

    def one(dossier_id: int) -> bytes:
        prepared = letters.prepare(dossier_id, "attestation_suivi_social")
        return letters.preview(dossier_id, prepared.key, prepared.subject, prepared.body)

    one(ids[0])  # fonts registered once per process, like the first preview of a session
    samples = [timed(lambda d=d: one(d))[0] for d in ids[:LETTER_ROUNDS]]
    batch_ids = ids[LETTER_ROUNDS:LETTER_ROUNDS + LETTER_BATCH] or ids[:LETTER_BATCH]
    reports: list[tuple[int, int]] = []
    batch_ms, outcome = timed(lambda: letters.batch(
        batch_ids, "attestation_suivi_social", one_file=True,
        progress=lambda done, total: reports.append((done, total))))
    return {
        "letter_pdf_p95_ms": round(p95(samples), 2),
        "letter_pdf_samples": len(samples),
        "letter_batch_size": len(batch_ids),
        "letter_batch_seconds": round(batch_ms / 1000, 2),
        "letter_batch_per_letter_ms": round(batch_ms / max(1, len(batch_ids)), 2),
        "letter_batch_progress_reports": len(reports),
        "letter_batch_pdf_kib": round(len(outcome.files[0][1]) / 1024, 1) if outcome.files else 0,
    }


def table(result: dict[str, Any]) -> str:
    lines = [f"ANAISS Desktop — banc d'essai dossiers ({result['persons']} usagers, "
             f"{result['interventions']} interventions, génération {result['generate_seconds']}"
             " s)", f"{'mesure':<28}{'valeur':>10}{'budget':>10}  résultat"]
    for key, check in result["budgets"].items():
        unit = "" if key.startswith("ratio") else " ms"
        lines.append(f"{key:<28}{check['value']:>10}{check['budget']:>10}{unit:3} "
                     f"{'OK' if check['pass'] else 'DÉPASSÉ'}")
    m = result["machine"]
    lines.append(f"machine : {m.get('processor', '')}, {m['cpus']} CPU, {m['system']}, "
                 f"Python {m['python']}, SQLCipher {result['sqlcipher']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary station")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="anaiss-banc-"))
    try:
        result = run(args.persons, args.seed, folder)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    say(table(result))
    return result


if __name__ == "__main__":
    main(sys.argv[1:])
