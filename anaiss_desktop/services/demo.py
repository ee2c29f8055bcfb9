"""A throwaway demonstration station: a manager, two social workers and a secretary.

Used by ``anaiss-desktop --demo`` so a newcomer can try every role at once. The passwords are
public (the login screen shows them under a "Station de démonstration" banner), so the station
must only ever live in a temporary folder; the Argon2id cost is OWASP's minimum to start fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..domain.accounts import Role
from ..security.kdf import OWASP_MINIMUM, KdfParams
from ..storage.settings_repo import StationInfo
from .accounts import AccountService
from .clock import Clock, system_clock
from .station import Station, create_station

DEMO_KDF: KdfParams = OWASP_MINIMUM
DEMO_SERVICE = StationInfo(
    service_name="Service social de l'Assurance Maladie — Station de démonstration",
    service_address="1 place de la République\n59000 Lille",
    service_phone="03 20 00 00 00",
)


@dataclass(frozen=True)
class DemoAccount:
    login: str
    full_name: str
    role: Role
    social_worker: bool
    password: str

    @property
    def description(self) -> str:
        label = self.role.label
        if self.role is Role.MANAGER and not self.social_worker:
            label += " (non travailleur social)"
        return label


DEMO_ACCOUNTS = (
    DemoAccount("responsable", "Claire Dubois", Role.MANAGER, False, "Pilotage-Unite-2026!"),
    DemoAccount("amartin", "Anne Martin", Role.ASSISTANT, True, "Ecoute-Accueil-2026!"),
    DemoAccount("lpetit", "Louis Petit", Role.ASSISTANT, True, "Relais-Binome-2026!"),
    DemoAccount("secretariat", "Sophie Bernard", Role.SECRETARY, False, "Agenda-Courrier-2026!"),
)


DEMO_PERSONS = 300


def create_demo_station(
    data_dir: Path, clock: Clock = system_clock, *, persons: int = DEMO_PERSONS
) -> tuple[DemoAccount, ...]:
    """Fill ``data_dir`` (which must not hold a station) with the demo station: its accounts
    and ``persons`` fictitious people with dossiers, so every screen has something to show."""
    manager, *others = DEMO_ACCOUNTS
    create_station(
        data_dir,
        info=DEMO_SERVICE,
        manager_login=manager.login,
        manager_name=manager.full_name,
        manager_password=manager.password,
        social_worker=manager.social_worker,
        clock=clock,
        kdf_params=DEMO_KDF,
    )
    with Station(data_dir, clock=clock, kdf_params=DEMO_KDF) as station:
        session = station.login(manager.login, manager.password)
        try:
            accounts = AccountService(session)
            for demo in others:
                account = accounts.create(
                    demo.login, demo.full_name, demo.role,
                    social_worker=demo.social_worker, temporary_password=demo.password,
                )
                # Demo passwords are final, so the visitor is not asked to change them.
                session.set_password(account, demo.password, temporary=False)
            if persons:
                from .demo_data import generate  # heavy: only when a demo station is made

                generate(session, persons, seed=7, today=clock().date())
        finally:
            session.close()
    return DEMO_ACCOUNTS
