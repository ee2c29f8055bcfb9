"""Shared fixtures: real SQLCipher stations in tmp dirs, a cheap Argon2id cost, a movable clock.

Tests never mock the database or the crypto. They use OWASP's minimum Argon2id cost (still a real
Argon2id) so a suite with hundreds of logins stays fast; one slow test checks the default cost.

``team`` adds a second assistant and a secretary to ``station``; ``anne``, ``louis``,
``secretary`` and ``manager`` are their logged-in sessions on it. Files that need the manager on
a station without the team keep their own ``manager(station)`` fixture.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from anaiss_desktop.domain.accounts import Role  # noqa: E402
from anaiss_desktop.security.kdf import OWASP_MINIMUM  # noqa: E402
from anaiss_desktop.services.accounts import AccountService  # noqa: E402
from anaiss_desktop.services.session import Session  # noqa: E402
from anaiss_desktop.services.station import Station, create_station  # noqa: E402
from anaiss_desktop.storage.settings_repo import StationInfo  # noqa: E402

FAST_KDF = OWASP_MINIMUM
MANAGER_LOGIN = "responsable"
MANAGER_PASSWORD = "Pilotage-Equipe-2026!x"
ASSISTANT_LOGIN = "amartin"
ASSISTANT_TEMP = "Temporaire-Solide-42!"
ASSISTANT_PASSWORD = "Accompagner-Chaque-Jour-7"
OTHER_LOGIN = "lpetit"  # a second assistant, from the `team` fixture
OTHER_NAME = "Louis Petit"
OTHER_PASSWORD = "Relais-Binome-2026!"
SECRETARY_LOGIN = "accueil"  # a secretary, from the `team` fixture
SECRETARY_NAME = "Sophie Bernard"
SECRETARY_PASSWORD = "Agenda-Courrier-2026!"
SERVICE = StationInfo(
    "Service social régional Nord", "12 rue des Arts\n59000 Lille", "03 20 00 00 00"
)


class FakeClock:
    """A clock tests move by hand: ``clock.advance(days=366)``."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/gui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test ever touches the real user data folder."""
    monkeypatch.setenv("ANAISS_HOME", str(tmp_path_factory.mktemp("anaiss_home")))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def recovery_key(data_dir: Path, clock: FakeClock) -> str:
    """Creates the station (manager only) and returns its recovery key."""
    return create_station(
        data_dir,
        info=SERVICE,
        manager_login=MANAGER_LOGIN,
        manager_name="Claire Responsable",
        manager_password=MANAGER_PASSWORD,
        social_worker=True,
        clock=clock,
        kdf_params=FAST_KDF,
    )


@pytest.fixture
def station(data_dir: Path, clock: FakeClock, recovery_key: str) -> Iterator[Station]:
    """An open station with a manager and an assistant whose password is already chosen."""
    st = Station(data_dir, clock=clock, kdf_params=FAST_KDF)
    session = st.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(session).create(
        ASSISTANT_LOGIN, "Anne Martin", Role.ASSISTANT, temporary_password=ASSISTANT_TEMP
    )
    session.close()
    session = st.login(ASSISTANT_LOGIN, ASSISTANT_TEMP)
    session.change_password(ASSISTANT_TEMP, ASSISTANT_PASSWORD)
    session.close()
    yield st
    st.close()


@pytest.fixture
def team(station: Station) -> Station:
    """The station plus a second assistant (Louis Petit) and a secretary (Sophie Bernard).

    Both passwords are final (no change asked at first login), so tests can log them in directly.
    """
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    accounts = AccountService(manager)
    for login, name, role, password in (
        (OTHER_LOGIN, OTHER_NAME, Role.ASSISTANT, OTHER_PASSWORD),
        (SECRETARY_LOGIN, SECRETARY_NAME, Role.SECRETARY, SECRETARY_PASSWORD),
    ):
        account = accounts.create(login, name, role, temporary_password=password)
        manager.set_password(account, password, temporary=False)
    manager.close()
    return station


@pytest.fixture
def anne(team: Station) -> Iterator[Session]:
    """Anne Martin, the assistant of ``station``, logged in on the ``team`` station."""
    session = team.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def louis(team: Station) -> Iterator[Session]:
    """Louis Petit, the second assistant, logged in."""
    session = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def secretary(team: Station) -> Iterator[Session]:
    """Sophie Bernard, the secretary, logged in."""
    session = team.login(SECRETARY_LOGIN, SECRETARY_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def manager(team: Station) -> Iterator[Session]:
    """Claire Responsable, the manager (a social worker too), logged in on the ``team`` station.

    Several files override this with a ``manager(station)`` of their own (no team accounts).
    """
    session = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()
