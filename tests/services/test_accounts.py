"""Account management by the unit manager, refused to everyone else, each act in the audit log."""

from __future__ import annotations

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
)
from fixtures.station_copies import copy_station

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.errors import (
    AccountLocked,
    InvalidInput,
    NotAllowed,
    PasswordChangeRequired,
    WrongCredentials,
)
from anaiss_desktop.services.station import Station
from anaiss_desktop.services.station_settings import StationSettingsService

TEMP = "Provisoire-Robuste-Lyon-31!"
TEMP2 = "Autre-Provisoire-Rouen-47!"
SECRETARY = ("sbernard", "Sophie Bernard")
SECRETARY_PASSWORD = "Agenda-Courrier-Calme-2026!"
MANAGER_ONLY = "Seul(e) un(e) responsable d'unité peut faire cela."


@pytest.fixture
def recovery_key(data_dir, tmp_path_factory):
    return copy_station(data_dir, tmp_path_factory)


@pytest.fixture
def station(data_dir, clock, recovery_key):
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as st:
        yield st


@pytest.fixture
def manager(station):
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def accounts(manager) -> AccountService:
    return AccountService(manager)


def _lock(station: Station, login: str) -> None:
    for _ in range(3):
        with pytest.raises((WrongCredentials, AccountLocked)):
            station.login(login, "Pas-Le-Bon-Mot-2026!")


def _actions(session, since: int = 0) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.target) for e in session.audit.entries()[since:]]


def _secretary_session(station, accounts):
    accounts.create(*SECRETARY, Role.SECRETARY, temporary_password=TEMP)
    session = station.login(SECRETARY[0], TEMP)
    session.change_password(TEMP, SECRETARY_PASSWORD)
    return session


# -- creating ------------------------------------------------------------------------------------
def test_create_gives_a_temporary_password_and_is_logged(station, manager, accounts):
    start = len(manager.audit.entries())
    account = accounts.create(
        "lpetit", "Louis Petit", Role.ASSISTANT, social_worker=True, temporary_password=TEMP,
        phone="03 20 11 22 33",
    )
    assert (account.login, account.full_name, account.role) == ("lpetit", "Louis Petit",
                                                                Role.ASSISTANT)
    assert account.must_change_password
    assert account.phone == "03 20 11 22 33"
    assert _actions(manager, start) == [(MANAGER_LOGIN, "compte.creation", "compte:lpetit")]
    assert "rôle" in manager.audit.entries()[-1].detail
    views = {v.account.login: v for v in accounts.list_accounts()}
    assert views["lpetit"].status_label == "Mot de passe temporaire"
    assert views["lpetit"].last_login_at is None
    session = station.login("lpetit", TEMP)
    assert session.must_change_password
    session.close()


@pytest.mark.parametrize(
    ("login", "name", "expected"),
    [
        ("a", "Louis Petit", "L'identifiant doit compter de 2 à 40 caractères."),
        ("louis petit", "Louis Petit", "L'identifiant ne peut contenir que des lettres"),
        ("lpetit", "   ", "Indiquez le nom et le prénom de la personne."),
        (ASSISTANT_LOGIN.upper(), "Autre Personne", f"« {ASSISTANT_LOGIN.upper()} » est déjà pris"),
    ],
)
def test_create_refuses_bad_input(accounts, login, name, expected):
    with pytest.raises(InvalidInput) as info:
        accounts.create(login, name, Role.ASSISTANT, temporary_password=TEMP)
    assert expected in info.value.message
    assert len(accounts.list_accounts()) == 2


def test_create_refuses_a_weak_or_personal_temporary_password_and_creates_nothing(accounts):
    for weak in ("court", "Azertyuiop123!", "Lpetit-Kq7#pLx2zz", "Louis-Kq7#pLx2zz"):
        with pytest.raises(InvalidInput):
            accounts.create("lpetit", "Louis Petit", Role.ASSISTANT, temporary_password=weak)
    assert [v.account.login for v in accounts.list_accounts()] == [ASSISTANT_LOGIN, MANAGER_LOGIN]


def test_a_secretary_cannot_be_a_social_worker(accounts):
    with pytest.raises(InvalidInput) as info:
        accounts.create(*SECRETARY, Role.SECRETARY, social_worker=True, temporary_password=TEMP)
    assert info.value.message == "Un compte de secrétariat ne peut pas être travailleur social."


def test_a_look_alike_login_cannot_take_over_another_slot(station, accounts):
    accounts.create("karl", "Karl Dupont", Role.ASSISTANT, temporary_password=TEMP)
    with pytest.raises(InvalidInput):
        accounts.create("\u212aarl", "Kelvin Imposteur", Role.ASSISTANT, temporary_password=TEMP2)
    station.login("karl", TEMP).close()


# -- listing -------------------------------------------------------------------------------------
def test_list_shows_roles_and_statuses(station, clock, accounts):
    _lock(station, ASSISTANT_LOGIN)
    accounts.create(*SECRETARY, Role.SECRETARY, temporary_password=TEMP)
    views = {v.account.login: v for v in accounts.list_accounts()}
    assert views[ASSISTANT_LOGIN].locked
    assert views[ASSISTANT_LOGIN].status_label == "Verrouillé"
    assert views[MANAGER_LOGIN].status_label == "Actif"
    assert views[MANAGER_LOGIN].last_login_at == clock().isoformat(timespec="seconds")
    assert views[MANAGER_LOGIN].account.role_label == "Responsable d'unité (travailleur social)"
    assert views[SECRETARY[0]].account.role_label == "Secrétariat"
    accounts.disable(SECRETARY[0])
    views = {v.account.login: v for v in accounts.list_accounts()}
    assert views[SECRETARY[0]].status_label == "Désactivé"


def test_list_shows_passwords_about_to_expire(station, clock):
    clock.advance(days=355)
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    views = {v.account.login: v for v in AccountService(session).list_accounts()}
    assert views[ASSISTANT_LOGIN].status_label == "Mot de passe bientôt expiré"
    session.close()


# -- editing -------------------------------------------------------------------------------------
def test_update_profile_is_logged(manager, accounts):
    start = len(manager.audit.entries())
    account = accounts.update(ASSISTANT_LOGIN, "Anne Martin-Durand", Role.ASSISTANT,
                              social_worker=True, phone="06 00 00 00 01")
    assert account.full_name == "Anne Martin-Durand"
    assert account.social_worker
    assert _actions(manager, start) == [
        (MANAGER_LOGIN, "compte.modification", f"compte:{ASSISTANT_LOGIN}")
    ]
    detail = manager.audit.entries()[-1].detail
    assert "rôle" in detail and "travailleur social" in detail and "oui" in detail


def test_update_refuses_bad_input(accounts):
    with pytest.raises(InvalidInput):
        accounts.update(ASSISTANT_LOGIN, "", Role.ASSISTANT, social_worker=True)
    with pytest.raises(InvalidInput):
        accounts.update(ASSISTANT_LOGIN, "Anne Martin", Role.SECRETARY, social_worker=True)
    with pytest.raises(InvalidInput) as info:
        accounts.update("personne", "X Y", Role.ASSISTANT, social_worker=False)
    assert info.value.message == "Aucun compte ne porte l'identifiant « personne »."


def test_last_manager_cannot_step_down(manager, accounts):
    with pytest.raises(NotAllowed) as info:
        accounts.update(MANAGER_LOGIN, "Claire Responsable", Role.ASSISTANT, social_worker=True)
    assert "au moins un(e) responsable d'unité actif(ve)" in info.value.message
    assert manager.account.is_manager


def test_a_manager_may_step_down_once_another_exists(station, manager, accounts):
    accounts.create("adjointe", "Paule Adjointe", Role.MANAGER, temporary_password=TEMP)
    other = station.login("adjointe", TEMP)
    other.change_password(TEMP, TEMP2)
    other.close()
    accounts.update(MANAGER_LOGIN, "Claire Responsable", Role.ASSISTANT, social_worker=True)
    assert not manager.account.is_manager  # the session sees its own change at once
    with pytest.raises(NotAllowed):
        accounts.list_accounts()


# -- disabling -----------------------------------------------------------------------------------
def test_disable_blocks_login_keeps_history_and_is_logged(station, manager, accounts):
    start = len(manager.audit.entries())
    accounts.disable(ASSISTANT_LOGIN)
    assert _actions(manager, start) == [
        (MANAGER_LOGIN, "compte.desactivation", f"compte:{ASSISTANT_LOGIN}")
    ]
    assert not station.slots.has_account_slot(ASSISTANT_LOGIN)
    with pytest.raises(WrongCredentials):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    assert any(v.account.login == ASSISTANT_LOGIN for v in accounts.list_accounts())


def test_cannot_disable_oneself(accounts):
    with pytest.raises(NotAllowed) as info:
        accounts.disable(MANAGER_LOGIN)
    assert info.value.message == "Vous ne pouvez pas désactiver votre propre compte."


def test_a_manager_can_disable_another_manager_but_one_always_remains(station, accounts):
    accounts.create("adjointe", "Paule Adjointe", Role.MANAGER, temporary_password=TEMP)
    accounts.disable("adjointe")
    other_view = {v.account.login: v for v in accounts.list_accounts()}["adjointe"]
    assert other_view.account.disabled
    with pytest.raises(NotAllowed):
        accounts.disable(MANAGER_LOGIN)


def test_enable_needs_a_new_temporary_password(station, manager, accounts):
    accounts.disable(ASSISTANT_LOGIN)
    start = len(manager.audit.entries())
    with pytest.raises(InvalidInput):
        accounts.enable(ASSISTANT_LOGIN, "faible")
    accounts.enable(ASSISTANT_LOGIN, TEMP)
    assert _actions(manager, start) == [
        (MANAGER_LOGIN, "compte.reactivation", f"compte:{ASSISTANT_LOGIN}")
    ]
    with pytest.raises(WrongCredentials):
        station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    session = station.login(ASSISTANT_LOGIN, TEMP)
    assert session.must_change_password
    session.close()


# -- unlocking and resetting ---------------------------------------------------------------------
def test_unlock_sets_a_temporary_password_and_logs_the_failures(station, manager, accounts):
    _lock(station, ASSISTANT_LOGIN)
    start = len(manager.audit.entries())
    accounts.unlock(ASSISTANT_LOGIN, TEMP)
    entries = manager.audit.entries()[start:]
    assert [(e.action, e.target, e.detail) for e in entries] == [
        ("compte.deverrouillage", f"compte:{ASSISTANT_LOGIN}", "3 échec(s), verrouillé")
    ]
    assert not station.is_locked(ASSISTANT_LOGIN)
    session = station.login(ASSISTANT_LOGIN, TEMP)
    assert session.must_change_password
    session.close()


def test_failures_before_an_unlock_are_shown_at_the_next_login(station, accounts):
    _lock(station, ASSISTANT_LOGIN)
    accounts.unlock(ASSISTANT_LOGIN, TEMP)
    session = station.login(ASSISTANT_LOGIN, TEMP)
    assert session.previous_login.failures_since == 3
    session.close()


def test_reset_password_is_logged(station, manager, accounts):
    start = len(manager.audit.entries())
    accounts.reset_password(ASSISTANT_LOGIN, TEMP)
    assert _actions(manager, start) == [
        (MANAGER_LOGIN, "mot_de_passe.reinitialisation", f"compte:{ASSISTANT_LOGIN}")
    ]
    station.login(ASSISTANT_LOGIN, TEMP).close()


def test_reset_refuses_a_disabled_account_and_unknown_logins(accounts):
    accounts.disable(ASSISTANT_LOGIN)
    with pytest.raises(InvalidInput) as info:
        accounts.reset_password(ASSISTANT_LOGIN, TEMP)
    assert info.value.message == "Ce compte est désactivé : réactivez-le d'abord."
    with pytest.raises(InvalidInput):
        accounts.unlock("personne", TEMP)


# -- who may do it -------------------------------------------------------------------------------
def _manager_only_calls(service: AccountService):
    return [
        lambda: service.list_accounts(),
        lambda: service.create("lpetit", "Louis Petit", Role.ASSISTANT, temporary_password=TEMP),
        lambda: service.update(MANAGER_LOGIN, "X Y", Role.ASSISTANT, social_worker=False),
        lambda: service.disable(MANAGER_LOGIN),
        lambda: service.enable(MANAGER_LOGIN, TEMP),
        lambda: service.unlock(MANAGER_LOGIN, TEMP),
        lambda: service.reset_password(MANAGER_LOGIN, TEMP),
    ]


def test_an_assistant_is_refused_every_manager_operation(station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    start = len(session.audit.entries())
    for call in _manager_only_calls(AccountService(session)):
        with pytest.raises(NotAllowed) as info:
            call()
        assert info.value.message == MANAGER_ONLY
    assert len(session.audit.entries()) == start  # nothing happened, nothing logged
    session.close()
    station.login(MANAGER_LOGIN, MANAGER_PASSWORD).close()  # the manager was not touched


def test_a_secretary_is_refused_every_manager_operation(station, manager, accounts):
    session = _secretary_session(station, accounts)
    for call in _manager_only_calls(AccountService(session)):
        with pytest.raises(NotAllowed):
            call()
    settings = StationSettingsService(session)
    with pytest.raises(NotAllowed):
        settings.set_policy(settings.policy())
    session.close()


def test_a_manager_whose_password_expired_must_change_it_first(station, clock):
    clock.advance(days=400)
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    with pytest.raises(PasswordChangeRequired):
        AccountService(session).unlock(ASSISTANT_LOGIN, TEMP)
    session.close()
