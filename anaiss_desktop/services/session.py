"""A signed-in person: the open database, their account, and what they may do before anything else.

A session whose password is expired or temporary can only change it: every other use case calls
:meth:`Session.require_ready`, so the rule holds for the GUI and ``anaiss-admin`` alike. Closing a
session (logout or idle lock) wipes the database key and closes the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..domain import lockout, rotation
from ..domain.accounts import Account
from ..domain.policy import Policy
from ..security.audit import AuditLog
from ..security.hardening import wipe
from ..security.keyslots import KeySlotFile
from ..security.password_history import hash_password, matches_any
from ..storage.accounts_repo import AccountRepository
from ..storage.database import Database
from ..storage.settings_repo import SettingsRepository, StationInfo
from .clock import parse_instant
from .errors import (
    AccountLocked,
    InvalidInput,
    NotAllowed,
    PasswordChangeRequired,
    ServiceError,
    WrongCredentials,
)
from .validation import require_strong_password

if TYPE_CHECKING:
    from .station import Station


CONFIRMATION_MINUTES = 15


class SessionClosed(ServiceError):
    exit_code = 2
    default_message = "La session est fermée ou verrouillée : reconnectez-vous."


@dataclass(frozen=True)
class PreviousLogin:
    """Shown right after login: when this account last signed in, and failures since then."""

    at: str | None
    failures_since: int


class Session:
    """The signed-in account on an open station. Created by :meth:`Station.login`."""

    def __init__(
        self,
        station: Station,
        db: Database,
        key: bytearray,
        account: Account,
        previous: tuple[str, int] | None,
        failures_since: int,
        audit: AuditLog,
    ) -> None:
        self._station = station
        self._db: Database | None = db
        self._key: bytearray | None = key
        self._account = account
        self.previous_login = PreviousLogin(previous[0] if previous else None, failures_since)
        self.audit = audit
        # Signing in is the first confirmation of the password (see confirm_password).
        self._confirmed_at = station.clock()

    # -- state ---------------------------------------------------------------------------------
    @property
    def account(self) -> Account:
        return self._account

    @property
    def is_open(self) -> bool:
        return self._db is not None

    @property
    def db(self) -> Database:
        if self._db is None:
            raise SessionClosed()
        return self._db

    @property
    def key(self) -> bytearray:
        """The database key, for re-wrapping a slot; never leaves the services."""
        if self._key is None:
            raise SessionClosed()
        return self._key

    @property
    def slots(self) -> KeySlotFile:
        return self._station.slots

    @property
    def station(self) -> Station:
        return self._station

    def now_iso(self) -> str:
        return self._station.clock().isoformat(timespec="seconds")

    def today(self) -> date:
        """The local date, from the station's clock (covering periods are counted in days)."""
        return self._station.clock().astimezone().date()

    def policy(self) -> Policy:
        return SettingsRepository(self.db).policy()

    def station_info(self) -> StationInfo:
        return SettingsRepository(self.db).station_info()

    def rotation(self) -> rotation.RotationVerdict:
        """Where the password stands today (ok, expiring soon, expired, temporary)."""
        return rotation.evaluate(
            parse_instant(self._account.password_changed_at),
            self._station.clock(),
            self.policy().max_password_age_days,
            self._account.must_change_password,
        )

    @property
    def must_change_password(self) -> bool:
        return self.rotation().status.must_change

    # -- guards used by every use case ---------------------------------------------------------
    def require_ready(self) -> None:
        """Refuse any work while the password must be changed."""
        if self.must_change_password:
            raise PasswordChangeRequired(self.rotation().message)

    def require_manager(self) -> None:
        self.require_ready()
        if not self._account.is_manager:
            raise NotAllowed("Seul(e) un(e) responsable d'unité peut faire cela.")

    def personal_words(self, account: Account | None = None) -> tuple[str, ...]:
        """Words a password must not be built on: login, names, service name."""
        target = account or self._account
        return (target.login, target.full_name, self.station_info().service_name)

    def refresh_account(self) -> None:
        fresh = AccountRepository(self.db).by_id(self._account.id)
        if fresh is not None:
            self._account = fresh

    # -- own password --------------------------------------------------------------------------
    def change_password(self, current: str, new: str) -> None:
        """Replace the password after checking the current one, strength and the last five.

        A wrong current password counts as a failed login: the third locks the account and
        closes this session.
        """
        login = self._account.login
        self._check_own_password(current, "mot de passe actuel erroné lors d'un changement",
                                 "Mot de passe actuel incorrect.")
        if new == current:
            raise InvalidInput("Le nouveau mot de passe doit être différent de l'actuel.")
        require_strong_password(new, self.personal_words())
        repo = AccountRepository(self.db)
        if matches_any(new, repo.recent_password_hashes(self._account.id, rotation.HISTORY_DEPTH)):
            raise InvalidInput(
                f"Ce mot de passe fait partie de vos {rotation.HISTORY_DEPTH} derniers : "
                "choisissez-en un autre."
            )
        self.set_password(self._account, new, temporary=False)
        self.audit.append(login, "mot_de_passe.changement", target=f"compte:{login}")
        self.refresh_account()

    def confirm_password(self, password: str) -> None:
        """Ask the password again before an act that lets data leave the station (statistics
        export, backup): the person at the keyboard is still the one who signed in.

        A wrong password counts as a failed login, exactly as when changing it: the third
        locks the account and closes this session.
        """
        self.require_ready()
        self._check_own_password(password, "mot de passe erroné lors d'une confirmation",
                                 "Mot de passe incorrect.")
        self._confirmed_at = self._station.clock()

    def require_recent_confirmation(self, minutes: int = CONFIRMATION_MINUTES) -> None:
        """Refuse when the password was last given (login or confirmation) too long ago."""
        elapsed = self._station.clock() - self._confirmed_at
        if elapsed > timedelta(minutes=minutes):
            raise NotAllowed(
                "Confirmez votre mot de passe avant cette action (il a été saisi il y a plus "
                f"de {minutes} minutes)."
            )

    def _check_own_password(self, password: str, detail: str, wrong: str) -> None:
        login = self._account.login
        check = self.slots.unwrap(login, password)
        if check is None:
            state = lockout.after_failure(self.slots.state(login), self.now_iso())
            self.slots.set_state(login, state)
            self.audit.append(  # saves the slot file with the new count
                login, "connexion.echec", target=f"compte:{login}", detail=detail,
            )
            if state.locked:
                self.audit.append(login, "compte.verrouillage", target=f"compte:{login}")
                self.close()
                raise AccountLocked()
            raise WrongCredentials(wrong)
        wipe(check)

    def set_password(
        self, account: Account, password: str, *, temporary: bool, carry_failures: bool = False
    ) -> None:
        """Wrap the key under ``password`` for ``account`` and record it (strength checked by
        the caller). The row and the slot change together: the slot file is saved inside the
        database transaction, so a failure of either leaves both as they were.

        The key is copied first: a lock or logout may wipe the session's key while Argon2id
        runs on a worker thread, and the slot must never wrap a wiped key.
        """
        at = self.now_iso()
        key = bytearray(self.key)
        try:
            repo = AccountRepository(self.db)
            with self.db.transaction():
                repo.set_password_changed(account.id, at, temporary=temporary)
                repo.add_password_hash(account.id, hash_password(password), at)
                self._station._write_slot(  # noqa: SLF001 - the station owns the slot file
                    account.login, password, key, carry_failures=carry_failures
                )
        finally:
            wipe(key)

    # -- integrity -----------------------------------------------------------------------------
    def verify(self) -> list[str]:
        """Problems found by ``PRAGMA integrity_check`` and the audit chain; empty when sound."""
        self.require_ready()
        problems = [f"Base de données : {p}" for p in self.db.integrity_check()]
        problems += self.audit.verify()
        self.audit.append(
            self._account.login, "verification", detail=f"{len(problems)} problème(s)"
        )
        return problems

    # -- closing -------------------------------------------------------------------------------
    def close(self) -> None:
        """Log out or lock: close the database and overwrite the key in memory."""
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None
                wipe(self._key)
                self._key = None
