"""The manager's station settings: policy bounds, service identity, access and audit."""

from __future__ import annotations

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

from anaiss_desktop.domain.policy import Policy
from anaiss_desktop.domain.rotation import PasswordStatus
from anaiss_desktop.services.errors import InvalidInput, NotAllowed
from anaiss_desktop.services.station import Station
from anaiss_desktop.services.station_settings import StationSettingsService
from anaiss_desktop.storage.settings_repo import StationInfo


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
def settings(manager) -> StationSettingsService:
    return StationSettingsService(manager)


def test_defaults(settings):
    assert settings.policy() == Policy(max_password_age_days=365, idle_lock_minutes=10)
    assert settings.station_info() == SERVICE


@pytest.mark.parametrize(("days", "minutes"), [(30, 1), (730, 120), (90, 15)])
def test_policy_inside_bounds_is_saved_and_logged(station, manager, settings, days, minutes):
    start = len(manager.audit.entries())
    settings.set_policy(Policy(days, minutes))
    assert settings.policy() == Policy(days, minutes)
    entries = manager.audit.entries()[start:]
    assert [(e.actor, e.action) for e in entries] == [(MANAGER_LOGIN, "parametres.politique")]
    assert entries[0].detail == f"validité 365→{days} j, verrouillage 10→{minutes} min"


@pytest.mark.parametrize(
    ("days", "minutes", "expected"),
    [
        (29, 10, "entre 30 et 730 jours"),
        (731, 10, "entre 30 et 730 jours"),
        (365, 0, "1 à 120 minutes"),
        (365, 121, "1 à 120 minutes"),
    ],
)
def test_policy_outside_bounds_is_refused_and_nothing_saved(
    manager, settings, days, minutes, expected
):
    start = len(manager.audit.entries())
    with pytest.raises(InvalidInput) as info:
        settings.set_policy(Policy(days, minutes))
    assert expected in info.value.message
    assert settings.policy() == Policy()
    assert len(manager.audit.entries()) == start


def test_both_bounds_wrong_lists_both_problems(settings):
    with pytest.raises(InvalidInput) as info:
        settings.set_policy(Policy(5, 500))
    assert len(info.value.problems) == 2


def test_policy_survives_a_restart_and_applies_to_everyone(station, data_dir, clock, settings):
    settings.set_policy(Policy(60, 5))
    station.close()
    clock.advance(days=61)
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as again:
        session = again.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
        assert session.policy() == Policy(60, 5)
        assert session.rotation().status is PasswordStatus.EXPIRED
        session.close()


def test_service_identity_is_updated_and_logged(manager, settings):
    start = len(manager.audit.entries())
    info = StationInfo("Service social de Roubaix", "2 place de la Gare\n59100 Roubaix", "03 20 99")
    settings.set_station_info(info)
    assert settings.station_info() == info
    assert manager.station_info() == info
    assert [e.action for e in manager.audit.entries()[start:]] == ["parametres.service"]


def test_service_name_is_required(settings):
    with pytest.raises(InvalidInput) as info:
        settings.set_station_info(StationInfo("   ", "adresse"))
    assert info.value.message == "Indiquez le nom du service (il figure en tête des courriers)."
    assert settings.station_info() == SERVICE


def test_values_are_stored_trimmed(settings):
    settings.set_station_info(StationInfo("  Service social  ", " adresse ", " 03 "))
    assert settings.station_info() == StationInfo("Service social", "adresse", "03")


def test_an_assistant_reads_but_cannot_change_settings(station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    service = StationSettingsService(session)
    assert service.policy() == Policy()
    assert service.station_info() == SERVICE
    with pytest.raises(NotAllowed):
        service.set_policy(Policy(90, 5))
    with pytest.raises(NotAllowed):
        service.set_station_info(StationInfo("Autre service"))
    session.close()
