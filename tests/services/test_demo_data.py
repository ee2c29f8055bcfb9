"""The synthetic data generator: what it writes, that it is reproducible, that it stops."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    SERVICE,
    FakeClock,
)

from anaiss_desktop.domain.nir import check_nir
from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.codes import CodeService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import InvalidInput, NotAllowed
from anaiss_desktop.services.home import HomeService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.search import SearchService
from anaiss_desktop.services.station import Station, create_station

TODAY = date(2026, 11, 2)


def _count(session, table: str) -> int:
    return int(session.db.scalar(f"SELECT count(*) FROM {table}"))


def _snapshot(session) -> list:
    db = session.db
    return [
        db.query("SELECT usage_name, birth_name, first_names, birth_date, sex, nir, address"
                 " FROM persons ORDER BY id"),
        db.query("SELECT number, referent_id, status, opened_on, closed_on FROM dossiers"
                 " ORDER BY id"),
        db.query("SELECT dossier_id, on_date, kind_code, summary FROM interventions ORDER BY id"),
        db.query("SELECT visibility, body FROM notes ORDER BY id"),
        db.query("SELECT kind, due_at, done_at FROM echeances ORDER BY id"),
    ]


def test_generates_people_dossiers_and_their_history(team, manager):
    stats = demo_data.generate(manager, 80, seed=3, today=TODAY)
    assert not stats.cancelled
    assert stats.persons == _count(manager, "persons") == 80
    assert stats.dossiers == _count(manager, "dossiers")
    assert 80 <= stats.dossiers <= 100  # one each, some two
    assert stats.interventions == _count(manager, "interventions")
    assert 6 <= stats.interventions / stats.persons <= 14  # about ten each
    assert stats.notes == _count(manager, "notes") > 0
    assert stats.aids == _count(manager, "aids") > 0
    assert stats.echeances == _count(manager, "echeances") > 0
    db = manager.db
    # Referents are the social workers (the secretary never).
    referents = {r[0] for r in db.query(
        "SELECT DISTINCT a.login FROM dossiers d JOIN accounts a ON a.id = d.referent_id")}
    assert referents <= {MANAGER_LOGIN, ASSISTANT_LOGIN, OTHER_LOGIN} and len(referents) >= 2
    # Every code comes from the station's coded lists.
    codes = CodeService(manager)
    for list_name, sql in (
        ("type_intervention", "SELECT DISTINCT kind_code FROM interventions"),
        ("origine", "SELECT DISTINCT origin_code FROM dossiers"),
        ("motif", "SELECT DISTINCT code FROM dossier_motifs"),
        ("type_aide", "SELECT DISTINCT type_code FROM aids"),
        ("issue_aide", "SELECT DISTINCT outcome_code FROM aids"),
        ("motif_cloture", "SELECT DISTINCT closing_code FROM dossiers"),
    ):
        known = {c.code for c in codes.codes(list_name)}
        assert {r[0] for r in db.query(sql)} <= known, list_name
    assert {r[0] for r in db.query("SELECT DISTINCT status FROM dossiers")} <= {
        "ouvert", "veille", "clos"}
    assert not db.query("SELECT 1 FROM dossiers WHERE status = 'clos' AND closed_on IS NULL")
    # Dates stay in 2019-2026 and never after today; the last contact is the last intervention.
    first, last = db.query("SELECT min(opened_on), max(opened_on) FROM dossiers")[0]
    assert first >= "2019-01-01" and last <= TODAY.isoformat()
    assert db.scalar("SELECT max(on_date) FROM interventions") <= TODAY.isoformat()
    assert not db.query(
        "SELECT 1 FROM dossiers d WHERE d.last_contact_on IS NOT"
        " (SELECT max(on_date) FROM interventions i WHERE i.dossier_id = d.id)")
    # Married women keep their birth names; typed NIRs have valid keys.
    assert db.scalar("SELECT count(*) FROM persons WHERE birth_name <> ''") > 0
    nirs = [r[0] for r in db.query("SELECT nir FROM persons WHERE nir <> ''")]
    assert nirs and all(check_nir(n).valid for n in nirs)
    assert db.query("PRAGMA foreign_key_check") == []
    # One audit entry, with counts and no names.
    entry = manager.audit.entries()[-1]
    assert entry.action == "demo.generation"
    assert entry.detail.startswith("80 usager(s), ")
    name = db.scalar("SELECT usage_name FROM persons LIMIT 1")
    assert name not in entry.detail + entry.target


def test_generated_people_are_searchable_and_dossiers_continue_the_numbering(team, manager):
    demo_data.generate(manager, 40, seed=5, today=TODAY)
    usage, first = manager.db.query(
        "SELECT usage_name, first_names FROM persons ORDER BY id LIMIT 1")[0]
    hits = SearchService(manager).search(f"{first} {usage}")
    assert any(h.display_name.startswith(usage.upper()) for h in hits)
    anne = team.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        view = HomeService(anne).home(today=TODAY)
        assert view.open_count == len(manager.db.query(
            "SELECT 1 FROM dossiers d JOIN accounts a ON a.id = d.referent_id"
            " WHERE a.login = ? AND d.status = 'ouvert'", (ASSISTANT_LOGIN,)))
        # A dossier created afterwards takes the next number of its year.
        last = manager.db.scalar("SELECT max(number) FROM dossiers WHERE number LIKE '2026-%'")
        person_id = PersonService(anne).create(PersonInput(usage_name="Nouvelle"))
        dossier_id = DossierService(anne).create(person_id, DossierInput(opened_on=TODAY))
        number = DossierService(anne).open(dossier_id).dossier.number
        assert number == f"2026-{int(last[5:]) + 1:06d}"
    finally:
        anne.close()


def _station(path: Path) -> Station:
    clock = FakeClock()
    create_station(path, info=SERVICE, manager_login=MANAGER_LOGIN,
                   manager_name="Claire Responsable", manager_password=MANAGER_PASSWORD,
                   social_worker=True, clock=clock, kdf_params=FAST_KDF)
    return Station(path, clock=clock, kdf_params=FAST_KDF)


def test_same_seed_same_data(tmp_path):
    snapshots = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        station = _station(tmp_path / name)
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            demo_data.generate(session, 30, seed=seed, today=TODAY)
            snapshots.append(_snapshot(session))
        finally:
            session.close()
            station.close()
    assert snapshots[0] == snapshots[1]
    assert snapshots[0][0] != snapshots[2][0]


def test_progress_can_stop_and_only_the_current_batch_is_undone(team, manager, monkeypatch):
    monkeypatch.setattr(demo_data, "BATCH_PERSONS", 20)
    monkeypatch.setattr(demo_data, "STEP_PERSONS", 10)
    calls = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 30  # stop in the middle of the second batch

    stats = demo_data.generate(manager, 100, seed=2, today=TODAY, progress=progress)
    assert calls == [(10, 100), (20, 100), (30, 100)]
    assert stats.cancelled and stats.persons == 20 == _count(manager, "persons")
    assert stats.interventions == _count(manager, "interventions")
    assert manager.audit.entries()[-1].detail.endswith("; interrompue")
    # Stopped at the first call: nothing stays.
    before = _count(manager, "persons")
    stats = demo_data.generate(manager, 100, seed=2, today=TODAY, progress=lambda d, t: False)
    assert stats.cancelled and stats.persons == 0 and _count(manager, "persons") == before


def test_manager_only_and_needs_a_social_worker(team, tmp_path):
    anne = team.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        with pytest.raises(NotAllowed):
            demo_data.generate(anne, 10)
    finally:
        anne.close()
    clock = FakeClock()
    create_station(tmp_path / "seule", info=SERVICE, manager_login=MANAGER_LOGIN,
                   manager_name="Claire Responsable", manager_password=MANAGER_PASSWORD,
                   social_worker=False, clock=clock, kdf_params=FAST_KDF)
    with Station(tmp_path / "seule", clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        try:
            with pytest.raises(InvalidInput) as info:
                demo_data.generate(session, 10)
            assert "assistant(e) social(e)" in info.value.message
            with pytest.raises(InvalidInput):
                demo_data.generate(session, 0)
        finally:
            session.close()
