"""A signed-in session: rotation, forced change, password history, verify, closing."""

from __future__ import annotations

import os

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    SERVICE,
)
from fixtures.station_copies import copy_station

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.policy import Policy
from anaiss_desktop.domain.rotation import PasswordStatus
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.errors import (
    AccountLocked,
    InvalidInput,
    PasswordChangeRequired,
    WrongCredentials,
)
from anaiss_desktop.services.session import SessionClosed
from anaiss_desktop.services.station import Station
from anaiss_desktop.services.station_settings import StationSettingsService

NEW = "Nouvelle-Saison-Douce-2027!"
HISTORY_TEXT = "Ce mot de passe fait partie de vos 5 derniers : choisissez-en un autre."


@pytest.fixture
def recovery_key(data_dir, tmp_path_factory):
    return copy_station(data_dir, tmp_path_factory)


@pytest.fixture
def station(data_dir, clock, recovery_key):
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as st:
        yield st


@pytest.fixture
def assistant(station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def manager(station):
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


# -- what the session knows --------------------------------------------------------------------
def test_fresh_session_is_ready(assistant):
    assert assistant.is_open
    assert assistant.account.login == ASSISTANT_LOGIN
    assert assistant.account.role is Role.ASSISTANT
    assert assistant.rotation().status is PasswordStatus.OK
    assert not assistant.must_change_password
    assistant.require_ready()
    assert assistant.station_info() == SERVICE
    assert assistant.policy().max_password_age_days == 365
    assert assistant.personal_words() == (ASSISTANT_LOGIN, "Anne Martin", SERVICE.service_name)


def test_previous_connection_is_shown(station, clock):
    first = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    first_at = first.now_iso()
    first.close()
    clock.advance(days=2, hours=3)
    second = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert second.previous_login.at == first_at
    assert second.previous_login.failures_since == 0
    second.close()


# -- rotation and forced change ----------------------------------------------------------------
def test_password_expires_after_a_year(station, clock):
    clock.advance(days=366)
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)  # still opens…
    assert session.must_change_password  # …but only to change it
    assert session.rotation().status is PasswordStatus.EXPIRED
    with pytest.raises(PasswordChangeRequired) as info:
        session.require_ready()
    assert info.value.message == (
        "Votre mot de passe a expiré : choisissez-en un nouveau pour continuer."
    )
    with pytest.raises(PasswordChangeRequired):
        AccountService(session).list_accounts()
    with pytest.raises(PasswordChangeRequired):
        session.verify()
    session.change_password(MANAGER_PASSWORD, NEW)
    assert not session.must_change_password
    assert session.rotation().status is PasswordStatus.OK
    assert len(AccountService(session).list_accounts()) == 2
    session.close()
    station.login(MANAGER_LOGIN, NEW).close()
    with pytest.raises(WrongCredentials):
        station.login(MANAGER_LOGIN, MANAGER_PASSWORD)


def test_warning_before_expiry_does_not_block(station, clock):
    clock.advance(days=360)
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    verdict = session.rotation()
    assert verdict.status is PasswordStatus.EXPIRING
    assert verdict.message.startswith("Votre mot de passe expire dans ")
    session.require_ready()
    session.close()


def test_expiry_follows_the_managers_policy(station, clock, manager):
    StationSettingsService(manager).set_policy(Policy(max_password_age_days=30))
    clock.advance(days=31)
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert session.rotation().status is PasswordStatus.EXPIRED
    session.close()


def test_temporary_password_must_be_changed_at_first_use(station, manager):
    AccountService(manager).create(
        "sbernard", "Sophie Bernard", Role.SECRETARY, temporary_password="Provisoire-Robuste-31!"
    )
    session = station.login("sbernard", "Provisoire-Robuste-31!")
    assert session.rotation().status is PasswordStatus.TEMPORARY
    with pytest.raises(PasswordChangeRequired) as info:
        session.require_ready()
    assert "temporaire" in info.value.message
    session.change_password("Provisoire-Robuste-31!", NEW)
    session.require_ready()
    assert [e.action for e in session.audit.recent(2)] == ["mot_de_passe.changement", "connexion"]
    session.close()


# -- change_password rules ---------------------------------------------------------------------
def test_new_password_must_differ_be_strong_and_not_personal(assistant):
    with pytest.raises(InvalidInput) as info:
        assistant.change_password(ASSISTANT_PASSWORD, ASSISTANT_PASSWORD)
    assert info.value.message == "Le nouveau mot de passe doit être différent de l'actuel."
    with pytest.raises(InvalidInput) as info:
        assistant.change_password(ASSISTANT_PASSWORD, "court")
    assert "Longueur actuelle : 5 caractère(s)." in info.value.problems
    with pytest.raises(InvalidInput) as info:
        assistant.change_password(ASSISTANT_PASSWORD, "Martin-Kq7#pLx2zz")
    assert "ne doit pas reprendre votre identifiant" in info.value.message
    with pytest.raises(InvalidInput):
        assistant.change_password(ASSISTANT_PASSWORD, "Azertyuiop123!")
    assistant.require_ready()  # nothing changed


def test_last_five_passwords_are_refused_the_sixth_ago_accepted(assistant):
    # The current password counts as the most recent one.
    passwords = [ASSISTANT_PASSWORD] + [f"Rotation-Numero-{i}-Lille!" for i in range(1, 6)]
    for old, new in zip(passwords[:-1], passwords[1:], strict=True):
        assistant.change_password(old, new)
    current = passwords[-1]
    for recent in passwords[1:-1]:  # 4 previous + the current one = the last five
        with pytest.raises(InvalidInput) as info:
            assistant.change_password(current, recent)
        assert info.value.message == HISTORY_TEXT
    assistant.change_password(current, passwords[0])  # sixth most recent: allowed again


def test_wrong_current_password_counts_and_the_third_locks(station, assistant, data_dir, clock):
    for left in (2, 1):
        with pytest.raises(WrongCredentials) as info:
            assistant.change_password("Pas-Le-Bon-Mot-2026!", NEW)
        assert info.value.message == "Mot de passe actuel incorrect."
        assert assistant.is_open
        assert not station.is_locked(ASSISTANT_LOGIN), left
    with pytest.raises(AccountLocked):
        assistant.change_password("Pas-Le-Bon-Mot-2026!", NEW)
    assert not assistant.is_open
    with pytest.raises(SessionClosed):
        assistant.db  # noqa: B018 - the property raises
    station.close()
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as again:
        with pytest.raises(AccountLocked):
            again.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
        manager = again.login(MANAGER_LOGIN, MANAGER_PASSWORD)
        locked = [e for e in manager.audit.entries() if e.action == "compte.verrouillage"]
        assert [(e.actor, e.target) for e in locked] == [
            (ASSISTANT_LOGIN, f"compte:{ASSISTANT_LOGIN}")
        ]
        manager.close()


def test_a_good_change_clears_earlier_wrong_attempts(station, assistant):
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            assistant.change_password("Pas-Le-Bon-Mot-2026!", NEW)
    assistant.change_password(ASSISTANT_PASSWORD, NEW)
    assert station.slots.state(ASSISTANT_LOGIN).failures == 0


def test_failed_slot_write_keeps_the_old_password(station, assistant, data_dir, clock):
    # A real write failure: the temporary file's name is taken by a folder.
    blocker = data_dir / f".keyslots.json.{os.getpid()}.tmp"
    blocker.mkdir()
    with pytest.raises(OSError):
        assistant.change_password(ASSISTANT_PASSWORD, NEW)
    blocker.rmdir()
    assistant.verify()  # any audited action after the failure
    assistant.close()
    station.close()
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as again:
        again.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD).close()


# -- verify and close ----------------------------------------------------------------------------
def test_verify_passes_on_a_fresh_station_and_is_logged(manager):
    assert manager.verify() == []
    last = manager.audit.recent(1)[0]
    assert (last.actor, last.action) == (MANAGER_LOGIN, "verification")
    assert last.detail == "0 problème(s)"


def test_verify_reports_a_tampered_audit_log(manager):
    manager.db.execute("DROP TRIGGER audit_log_no_update")
    manager.db.execute("UPDATE audit_log SET detail = 'autre' WHERE id = 1")
    problems = manager.verify()
    assert problems == [
        "Journal d'audit : l'entrée n° 1 a été modifiée ou une entrée précédente a été supprimée."
    ]


def test_verify_reports_entries_cut_from_the_end(manager):
    count = len(manager.audit.entries())
    manager.db.execute("DROP TRIGGER audit_log_no_delete")
    manager.db.execute("DELETE FROM audit_log WHERE id > ?", (count - 2,))
    assert manager.verify() == ["Journal d'audit : 2 entrée(s) manquent à la fin du journal."]


def test_closing_wipes_the_key_and_closes_the_database(assistant):
    key = assistant.key
    assert any(key)
    assistant.close()
    assert not assistant.is_open
    assert key == bytearray(len(key))  # overwritten in place
    with pytest.raises(SessionClosed) as info:
        assistant.db  # noqa: B018 - the property raises
    assert info.value.message == "La session est fermée ou verrouillée : reconnectez-vous."
    with pytest.raises(SessionClosed):
        assistant.key  # noqa: B018
    assistant.close()  # closing twice is harmless


def test_sessions_of_different_accounts_are_independent(station):
    first = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    second = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    first.close()
    assert second.is_open
    assert second.db.scalar("SELECT count(*) FROM accounts") == 2
    second.close()
