"""Creating a station, signing in, lockout (surviving restarts), recovery key, nothing in clear.

Creation tests call :func:`create_station` themselves; the others start from a copy of the
conftest station (``fixtures.station_copies``) to keep the suite fast.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    ASSISTANT_TEMP,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    SERVICE,
)
from fixtures.station_copies import copy_station

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.rotation import PasswordStatus
from anaiss_desktop.security import kdf
from anaiss_desktop.security.keyslots import KeySlotFile, KeySlotsDamaged
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.errors import (
    AccountLocked,
    InvalidInput,
    StationExists,
    StationMissing,
    WrongCredentials,
)
from anaiss_desktop.services.station import (
    RECOVERY_ACTOR,
    Station,
    StationPaths,
    create_station,
    station_exists,
)
from anaiss_desktop.storage.database import Database
from anaiss_desktop.storage.errors import StationBusy
from anaiss_desktop.storage.settings_repo import StationInfo

WRONG = "Identifiant ou mot de passe incorrect."
LOCKED_TEXT = "Ce compte est verrouillé après trois tentatives infructueuses."
NEW_TEMP = "Provisoire-Robuste-Lyon-31!"


@pytest.fixture
def recovery_key(data_dir, tmp_path_factory):
    return copy_station(data_dir, tmp_path_factory)


@pytest.fixture
def station(data_dir, clock, recovery_key):
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as st:
        yield st


def _create(data_dir: Path, clock, **overrides) -> str:
    args = dict(
        info=SERVICE,
        manager_login=MANAGER_LOGIN,
        manager_name="Claire Responsable",
        manager_password=MANAGER_PASSWORD,
        social_worker=True,
        clock=clock,
        kdf_params=FAST_KDF,
    )
    args.update(overrides)
    return create_station(data_dir, **args)


def _fail(station: Station, login: str, password: str = "Pas-Le-Bon-Mot-2026!") -> str:
    with pytest.raises((WrongCredentials, AccountLocked)) as info:
        station.login(login, password)
    return info.value.message


def _reopen(station: Station, data_dir: Path, clock) -> Station:
    """Close and reopen, as after quitting the application."""
    station.close()
    return Station(data_dir, clock=clock, kdf_params=FAST_KDF)


# -- creation ------------------------------------------------------------------------------------
def test_creation_returns_a_readable_recovery_key_and_the_station_exists(data_dir, clock):
    recovery_key = _create(data_dir, clock)
    assert re.fullmatch(r"([A-Z2-7]{4}-){7}[A-Z2-7]{4}", recovery_key)
    assert station_exists(data_dir)
    paths = StationPaths(data_dir)
    assert paths.database.exists() and paths.keyslots.exists()
    assert not Path(str(paths.database) + "-wal").exists() or (
        Path(str(paths.database) + "-wal").stat().st_size == 0
    )


def test_new_station_signs_the_manager_in(data_dir, clock):
    _create(data_dir, clock)
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        assert session.account.role is Role.MANAGER
        assert session.account.social_worker
        assert session.account.full_name == "Claire Responsable"
        assert not session.must_change_password
        assert session.rotation().status is PasswordStatus.OK
        assert session.station_info() == SERVICE
        assert session.previous_login.at is None
        assert session.previous_login.failures_since == 0
        assert [e.action for e in session.audit.entries()] == ["station.creation", "connexion"]
        session.close()


def test_existing_station_is_never_touched(data_dir, clock):
    _create(data_dir, clock)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir()}
    with pytest.raises(StationExists) as info:
        _create(data_dir, clock, manager_login="autre", manager_name="Autre Personne")
    assert info.value.message.startswith("Une station existe déjà dans ce dossier")
    assert {p.name: p.read_bytes() for p in data_dir.iterdir()} == before


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"manager_login": "a"}, "L'identifiant doit compter de 2 à 40 caractères."),
        ({"manager_login": "hélène"}, "L'identifiant ne peut contenir que des lettres sans accent"),
        ({"manager_name": "  "}, "Indiquez le nom et le prénom de la personne."),
        ({"info": StationInfo("  ")}, "Indiquez le nom du service"),
        ({"manager_password": "Court-1!"}, "Longueur actuelle : 8 caractère(s)."),
        ({"manager_password": "Azertyuiop123!"}, "fait partie des plus utilisés"),
        ({"manager_password": f"{MANAGER_LOGIN.title()}-Kq7#pLx2zz"}, "ne doit pas reprendre"),
        ({"manager_password": "Claire-Kq7#pLx2zz"}, "ne doit pas reprendre"),
        ({"manager_password": "Regional-Kq7#pLx2zz"}, "ne doit pas reprendre"),
    ],
)
def test_invalid_creation_is_refused_in_french_and_creates_nothing(
    data_dir, clock, overrides, expected
):
    with pytest.raises(InvalidInput) as info:
        _create(data_dir, clock, **overrides)
    assert expected in info.value.message
    assert not station_exists(data_dir)
    assert not StationPaths(data_dir).database.exists()


def test_invalid_login_and_name_are_reported_together(data_dir, clock):
    with pytest.raises(InvalidInput) as info:
        _create(data_dir, clock, manager_login="x", manager_name="")
    assert len(info.value.problems) == 2


def test_creation_cut_short_is_set_aside_not_reused(data_dir, clock):
    data_dir.mkdir(parents=True)
    leftover = StationPaths(data_dir).database
    leftover.write_bytes(b"half-written station")
    _create(data_dir, clock)
    names = sorted(p.name for p in data_dir.iterdir())
    assert any(n.startswith("station.db.incomplet-") for n in names)
    set_aside = next(p for p in data_dir.iterdir() if p.name.startswith("station.db.incomplet-"))
    assert set_aside.read_bytes() == b"half-written station"
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        station.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()


def test_missing_station(tmp_path, clock):
    with pytest.raises(StationMissing) as info:
        Station(tmp_path / "nothing", clock=clock)
    assert "Aucune station n'existe" in info.value.message


def test_damaged_key_file_is_reported_and_the_station_stays_openable(data_dir, clock, recovery_key):
    paths = StationPaths(data_dir)
    good = paths.keyslots.read_bytes()
    paths.keyslots.write_bytes(good[: len(good) // 2])
    with pytest.raises(KeySlotsDamaged):
        Station(data_dir, clock=clock, kdf_params=FAST_KDF)
    paths.keyslots.write_bytes(good)  # restored from a backup: the lock was released
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        station.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()


def test_one_open_station_per_folder(data_dir, clock, recovery_key):
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF):
        with pytest.raises(StationBusy):
            Station(data_dir, clock=clock, kdf_params=FAST_KDF)
        with pytest.raises(StationBusy):
            _create(data_dir, clock)
    Station(data_dir, clock=clock, kdf_params=FAST_KDF).close()


# -- signing in ----------------------------------------------------------------------------------
def test_login_ignores_case_and_surrounding_spaces(station):
    session = station.login(f"  {ASSISTANT_LOGIN.upper()} ", ASSISTANT_PASSWORD)
    assert session.account.login == ASSISTANT_LOGIN
    session.close()


def test_unknown_login_and_wrong_password_read_the_same(station):
    unknown = _fail(station, "personne")
    wrong = _fail(station, ASSISTANT_LOGIN)
    assert unknown == wrong
    assert unknown == f"{WRONG} Il reste 2 essai(s) avant le verrouillage."
    assert _fail(station, "personne") == _fail(station, ASSISTANT_LOGIN)


def test_disabled_account_reads_like_a_wrong_password(station):
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).disable(ASSISTANT_LOGIN)
    manager.close()
    with pytest.raises(WrongCredentials) as info:
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert info.value.message == _fail(station, "personne")
    assert type(info.value) is WrongCredentials


def test_third_failure_locks_and_survives_a_restart(station, data_dir, clock):
    assert _fail(station, ASSISTANT_LOGIN).endswith("Il reste 2 essai(s) avant le verrouillage.")
    station = _reopen(station, data_dir, clock)
    assert _fail(station, ASSISTANT_LOGIN).endswith("Il reste 1 essai(s) avant le verrouillage.")
    with pytest.raises(AccountLocked) as info:
        station.login(ASSISTANT_LOGIN, "Pas-Le-Bon-Mot-2026!")
    assert info.value.message.startswith(LOCKED_TEXT)
    station = _reopen(station, data_dir, clock)
    assert station.is_locked(ASSISTANT_LOGIN)
    with pytest.raises(AccountLocked):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)  # even the right password
    station.close()


def test_unknown_login_locks_too_and_survives_a_restart(station, data_dir, clock):
    for _ in range(2):
        _fail(station, "fantome")
    with pytest.raises(AccountLocked) as phantom:
        station.login("fantome", "Pas-Le-Bon-Mot-2026!")
    station = _reopen(station, data_dir, clock)
    assert station.is_locked("fantome")
    for _ in range(2):
        _fail(station, ASSISTANT_LOGIN)
    with pytest.raises(AccountLocked) as real:
        station.login(ASSISTANT_LOGIN, "Pas-Le-Bon-Mot-2026!")
    assert phantom.value.message == real.value.message
    with pytest.raises(AccountLocked) as again:
        station.login("fantome", "Pas-Le-Bon-Mot-2026!")
    assert again.value.message == real.value.message
    assert b"fantome" not in StationPaths(data_dir).keyslots.read_bytes()
    station.close()


def test_success_resets_the_failure_count(station):
    _fail(station, ASSISTANT_LOGIN)
    _fail(station, ASSISTANT_LOGIN)
    station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()
    assert _fail(station, ASSISTANT_LOGIN).endswith("Il reste 2 essai(s) avant le verrouillage.")


def test_failures_are_shown_at_the_next_login_and_logged(station, clock):
    first = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    first_at = first.now_iso()
    first.close()
    clock.advance(hours=3)
    _fail(station, ASSISTANT_LOGIN)
    _fail(station, ASSISTANT_LOGIN)
    clock.advance(hours=1)
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert session.previous_login.at == first_at
    assert session.previous_login.failures_since == 2
    last = session.audit.recent(1)[0]
    assert (last.actor, last.action, last.detail) == (
        ASSISTANT_LOGIN, "connexion", "2 échec(s) avant cette connexion"
    )
    session.close()
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert session.previous_login.failures_since == 0
    session.close()


# -- unlocking -----------------------------------------------------------------------------------
def _lock(station: Station, login: str) -> None:
    for _ in range(3):
        _fail(station, login)
    assert station.is_locked(login)


def test_manager_unlocks_with_a_temporary_password(station, data_dir, clock):
    _lock(station, ASSISTANT_LOGIN)
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).unlock(ASSISTANT_LOGIN, NEW_TEMP)
    manager.close()
    station = _reopen(station, data_dir, clock)
    assert not station.is_locked(ASSISTANT_LOGIN)
    with pytest.raises(WrongCredentials):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)  # the forgotten one no longer works
    session = station.login(ASSISTANT_LOGIN, NEW_TEMP)
    assert session.rotation().status is PasswordStatus.TEMPORARY
    session.close()
    station.close()


def test_locked_manager_uses_the_recovery_key(station, data_dir, clock, recovery_key):
    _lock(station, MANAGER_LOGIN)
    typed = recovery_key.lower().replace("-", " ")
    station.unlock_with_recovery_key(typed, MANAGER_LOGIN, NEW_TEMP)
    station = _reopen(station, data_dir, clock)
    assert not station.is_locked(MANAGER_LOGIN)
    session = station.login(MANAGER_LOGIN, NEW_TEMP)
    assert session.must_change_password
    session.change_password(NEW_TEMP, "Reprendre-La-Main-2027!")
    entries = session.audit.entries()
    unlock = next(e for e in entries if e.action == "compte.deverrouillage")
    assert unlock.actor == RECOVERY_ACTOR
    assert unlock.target == f"compte:{MANAGER_LOGIN}"
    assert session.verify() == []
    session.close()
    station.close()


def test_wrong_recovery_key_is_refused_and_only_recorded(station, data_dir, recovery_key):
    _lock(station, MANAGER_LOGIN)

    def slots_without_events() -> dict:
        data = json.loads(StationPaths(data_dir).keyslots.read_text(encoding="utf-8"))
        data.pop("pending_events", None)
        return data

    before = slots_without_events()
    wrong = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH"
    for typed in (wrong, "n'importe quoi", ""):
        with pytest.raises(WrongCredentials) as info:
            station.unlock_with_recovery_key(typed, MANAGER_LOGIN, NEW_TEMP)
        assert info.value.message == "Clé de secours incorrecte."
    assert slots_without_events() == before
    assert station.is_locked(MANAGER_LOGIN)
    events = json.loads(StationPaths(data_dir).keyslots.read_text(encoding="utf-8"))
    assert [e["action"] for e in events["pending_events"]].count("cle_secours.echec") == 3


def test_recovery_key_refuses_unknown_login_and_weak_password(station, recovery_key):
    with pytest.raises(InvalidInput) as info:
        station.unlock_with_recovery_key(recovery_key, "personne", NEW_TEMP)
    assert "Aucun compte actif ne porte l'identifiant « personne »" in info.value.message
    with pytest.raises(InvalidInput):
        station.unlock_with_recovery_key(recovery_key, MANAGER_LOGIN, "faible")
    station.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()  # nothing changed


# -- key slots and Argon2id cost -----------------------------------------------------------------
def test_slot_written_with_other_params_still_opens(station, data_dir, clock):
    other = kdf.KdfParams(memory_kib=24 * 1024, time_cost=3, parallelism=1)
    station.close()
    with Station(data_dir, clock=clock, kdf_params=other) as later:
        session = later.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)  # written with FAST_KDF
        session.change_password(ASSISTANT_PASSWORD, "Nouvelle-Saison-Douce-2027!")
        session.close()
        data = json.loads(later.paths.keyslots.read_text())
        slot = data["slots"][later.slots.slot_id(ASSISTANT_LOGIN)]
        assert kdf.KdfParams.from_dict(slot["kdf"]) == other
        manager = data["slots"][later.slots.slot_id(MANAGER_LOGIN)]
        assert kdf.KdfParams.from_dict(manager["kdf"]) == FAST_KDF
        later.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()
        later.login(ASSISTANT_LOGIN, "Nouvelle-Saison-Douce-2027!").close()


def test_one_key_for_all_slots_and_no_reencryption(station, data_dir, recovery_key):
    db_before = StationPaths(data_dir).database.read_bytes()[:4096]
    slots = KeySlotFile.load(StationPaths(data_dir).keyslots)
    key = slots.unwrap(MANAGER_LOGIN, MANAGER_PASSWORD)
    assert key is not None
    assert slots.unwrap(ASSISTANT_LOGIN, ASSISTANT_PASSWORD) == key
    assert slots.unwrap_recovery(recovery_key) == key
    with Database.open(StationPaths(data_dir).database, key) as db:
        assert db.scalar("SELECT count(*) FROM accounts") == 2
    # Adding an account rewrote a slot, not the database's first page (its salt and header).
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).create("lpetit", "Louis Petit", Role.ASSISTANT,
                                   temporary_password=NEW_TEMP)
    manager.close()
    assert StationPaths(data_dir).database.read_bytes()[:16] == db_before[:16]


# -- nothing personal in clear on disk -----------------------------------------------------------
def test_no_login_name_password_or_service_in_clear(station, data_dir, recovery_key):
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).create(
        "sbernard", "Sophie Bernard", Role.SECRETARY, temporary_password=NEW_TEMP,
        phone="06 12 34 56 78",
    )
    secrets = [
        MANAGER_LOGIN, MANAGER_PASSWORD, "Claire Responsable",
        ASSISTANT_LOGIN, ASSISTANT_PASSWORD, ASSISTANT_TEMP, "Anne Martin",
        "sbernard", "Sophie Bernard", NEW_TEMP, "06 12 34 56 78",
        SERVICE.service_name, "12 rue des Arts", SERVICE.service_phone, recovery_key,
    ]

    def check_files() -> None:
        files = [p for p in data_dir.rglob("*") if p.is_file()]
        assert {p.name for p in files} >= {"station.db", "keyslots.json"}
        for path in files:
            data = path.read_bytes()
            for secret in secrets:
                assert secret.encode("utf-8") not in data, (path.name, secret)
            assert b"SQLite format 3" not in data, path.name

    assert Path(str(StationPaths(data_dir).database) + "-wal").exists()  # session open: WAL
    check_files()
    manager.close()
    station.close()
    check_files()


def test_failures_reach_the_audit_log_without_naming_anyone_on_disk(station, data_dir):
    _fail(station, ASSISTANT_LOGIN)
    _fail(station, ASSISTANT_LOGIN)
    _fail(station, "inconnu")
    raw = StationPaths(data_dir).keyslots.read_bytes()
    assert ASSISTANT_LOGIN.encode() not in raw and b"inconnu" not in raw
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    failures = [e for e in session.audit.entries() if "echec" in e.action]
    assert len(failures) == 3
    assert sum(e.target == f"compte:{ASSISTANT_LOGIN}" for e in failures) == 2
    assert all("inconnu" not in e.target for e in failures)  # an unknown name is not recorded
    assert session.verify() == []
    session.close()
