"""The station: creating it, opening it, and signing in (SPEC §3).

A :class:`Station` holds the data folder for one run: it takes the one-instance lock, reads the
key-slot file and turns a login name and password into a :class:`~.session.Session`. Everything
that must be known before the database can be decrypted happens here: the lockout counters and
the recovery key. No Qt here: the dialogs and ``anaiss-admin`` drive the same code.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..domain import lockout
from ..domain.accounts import Role
from ..domain.codes import DEFAULT_CODES
from ..domain.policy import Policy
from ..security import kdf
from ..security.audit import AuditLog
from ..security.hardening import wipe
from ..security.instance_lock import InstanceLock
from ..security.keyslots import KeySlotFile
from ..security.password_history import hash_password
from ..storage.accounts_repo import AccountRepository
from ..storage.codes_repo import CodeRepository
from ..storage.database import KEY_BYTES, Database
from ..storage.migrations import migrate
from ..storage.settings_repo import SettingsRepository, StationInfo
from .clock import Clock, system_clock
from .errors import (
    AccountLocked,
    InvalidInput,
    StationExists,
    StationMissing,
    WrongCredentials,
)
from .session import Session
from .validation import login_and_name_problems, require_service_name, require_strong_password

DB_NAME = "station.db"
SLOTS_NAME = "keyslots.json"
MIGRATION_BACKUPS = "copies-avant-migration"
RECOVERY_ACTOR = "clé de secours"
#: A backup's working copy (encrypted) while it is made (:mod:`.backup`); hidden, never a backup.
BACKUP_COPY = ".sauvegarde-en-cours.db"


@dataclass(frozen=True)
class StationPaths:
    """Where one station's files live inside its data folder."""

    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_NAME

    @property
    def keyslots(self) -> Path:
        return self.data_dir / SLOTS_NAME

    @property
    def migration_backups(self) -> Path:
        return self.data_dir / MIGRATION_BACKUPS


def seed_codes(db: Database, at: str) -> None:
    """The shipped typology, added where missing (a new version may bring a new list)."""
    with db.transaction():
        CodeRepository(db).seed(DEFAULT_CODES, at)


def station_exists(data_dir: Path) -> bool:
    """A station exists once its key-slot file is written (the last step of creation)."""
    return StationPaths(Path(data_dir)).keyslots.exists()


def remove_backup_copy(data_dir: Path) -> None:
    """Remove what a backup killed midway left in the data folder (its encrypted working copy
    and journal). Only called under the instance lock, when no backup can be running."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            (Path(data_dir) / f"{BACKUP_COPY}{suffix}").unlink()


def _now(clock: Clock) -> str:
    return clock().isoformat(timespec="seconds")


def create_station(
    data_dir: Path,
    *,
    info: StationInfo,
    manager_login: str,
    manager_name: str,
    manager_password: str,
    social_worker: bool = False,
    clock: Clock = system_clock,
    kdf_params: kdf.KdfParams = kdf.DEFAULT,
) -> str:
    """Create a station with its first manager; return the recovery key (shown once).

    Raises :class:`StationExists` rather than touch an existing station, and
    :class:`InvalidInput` for a bad login, an empty service name or a weak password.
    """
    paths = StationPaths(Path(data_dir))
    problems = login_and_name_problems(manager_login, manager_name)
    if problems:
        raise InvalidInput(problems=problems)
    require_service_name(info.service_name)
    require_strong_password(manager_password, (manager_login, manager_name, info.service_name))
    paths.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    with InstanceLock(paths.data_dir):
        if paths.keyslots.exists():
            raise StationExists()
        _set_aside_incomplete(paths, clock)
        key = bytearray(os.urandom(KEY_BYTES))
        try:
            at = _now(clock)
            slots = KeySlotFile(paths.keyslots, KeySlotFile.new_data())
            recovery_key = slots.set_recovery(key)
            slots.set_account_slot(manager_login, manager_password, key, kdf_params)
            db = Database.open(paths.database, key, create=True)
            try:
                migrate(db, None)
                seed_codes(db, at)
                from .letters import seed_letter_templates  # not needed before login

                seed_letter_templates(db, at)
                with db.transaction():
                    settings = SettingsRepository(db)
                    settings.create_station(info, at)
                    settings.save_policy(Policy())
                    repo = AccountRepository(db)
                    account_id = repo.insert(
                        manager_login, manager_name, Role.MANAGER, social_worker, "",
                        must_change=False, at=at,
                    )
                    repo.add_password_hash(account_id, hash_password(manager_password), at)
                audit = AuditLog(db, slots, clock, save=False)
                audit.append(manager_login, "station.creation", detail=info.service_name)
                db.checkpoint()
            finally:
                db.close()
            # Owner-only whatever the umask; SQLite gives its WAL the database's mode.
            if os.name == "posix":
                os.chmod(paths.data_dir, 0o700)
                os.chmod(paths.database, 0o600)
            slots.save()  # last: from now on the station exists
        finally:
            wipe(key)
    return recovery_key


def _set_aside_incomplete(paths: StationPaths, clock: Clock) -> None:
    """A database without its key-slot file is a creation cut short: keep it, but out of the way."""
    if paths.database.exists():
        stamp = clock().strftime("%Y%m%d-%H%M%S")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(paths.database) + suffix)
            if part.exists():
                os.replace(part, part.with_name(f"{part.name}.incomplet-{stamp}"))


class Station:
    """An open station folder: holds the instance lock until :meth:`close`.

    Args:
        data_dir: the station's folder.
        clock: the time source (tests inject one to age passwords).
        kdf_params: Argon2id cost for slots written during this run (tests use OWASP's minimum).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Clock = system_clock,
        kdf_params: kdf.KdfParams = kdf.DEFAULT,
    ) -> None:
        self.paths = StationPaths(Path(data_dir))
        self.clock = clock
        self.kdf_params = kdf_params
        if not self.paths.keyslots.exists():
            raise StationMissing()
        self._lock = InstanceLock(self.paths.data_dir)
        self._lock.acquire()
        remove_backup_copy(self.paths.data_dir)
        try:
            self.slots = KeySlotFile.load(self.paths.keyslots)
        except BaseException:
            self._lock.release()
            raise

    # -- signing in ----------------------------------------------------------------------------
    def login(self, login: str, password: str) -> Session:
        """Open a session, or count a failure (three lock the login, real or not).

        Raises :class:`WrongCredentials` (same words whether the login exists or not) and
        :class:`AccountLocked`. A password that must be changed still opens a session, whose
        :attr:`Session.must_change_password` restricts it to :meth:`Session.change_password`.
        """
        state = self.slots.state(login)
        if state.locked:
            raise AccountLocked()
        key = self.slots.unwrap(login, password)
        if key is None:
            return self._fail(login, state)
        try:
            db = self._open_database(key)
        except BaseException:
            wipe(key)
            raise
        try:
            return self._start_session(login, state, db, key)
        except BaseException:
            db.close()
            wipe(key)
            raise

    def _start_session(
        self, login: str, state: lockout.SlotState, db: Database, key: bytearray
    ) -> Session:
        """Record the login in the opened store; the caller closes and wipes on failure."""
        repo = AccountRepository(db)
        account = repo.by_login(login)
        if account is None or account.disabled:
            return self._fail(login, state)
        at = _now(self.clock)
        previous = repo.last_login(account.id)
        failures = state.failures + self.slots.take_unseen_failures(login)
        with db.transaction():
            repo.add_login(account.id, at, failures)
        self.slots.set_state(login, lockout.after_success(state))
        audit = AuditLog(db, self.slots, self.clock)
        self._log_pending_events(audit, repo)
        detail = f"{failures} échec(s) avant cette connexion" if failures else ""
        audit.append(account.login, "connexion", detail=detail)
        return Session(self, db, key, account, previous, failures, audit)

    def _log_pending_events(self, audit: AuditLog, repo: AccountRepository) -> None:
        """Failures and lockouts counted while the database was closed go into the audit log."""
        events, dropped = self.slots.take_pending_events()
        if not events and not dropped:
            return
        logins = {self.slots.slot_id(a.login): a.login for a in repo.all()}
        for event in events:
            login = logins.get(event.get("slot", ""))
            audit.append(
                login or "identifiant inconnu",
                event.get("action", "connexion.echec"),
                target=f"compte:{login}" if login else "",
                detail=f"à {event.get('at', '?')}",
            )
        if dropped:
            audit.append("station", "connexion.echec", detail=f"{dropped} échec(s) plus anciens")

    def _fail(self, login: str, state: lockout.SlotState) -> Session:
        at = _now(self.clock)
        new_state = lockout.after_failure(state, at)
        self.slots.set_state(login, new_state)
        self.slots.add_pending_event("connexion.echec", login, at)
        if new_state.locked:
            self.slots.add_pending_event("compte.verrouillage", login, at)
        self.slots.save()
        if new_state.locked:
            raise AccountLocked()
        left = lockout.remaining_attempts(new_state)
        raise WrongCredentials(
            f"{WrongCredentials.default_message} Il reste {left} essai(s) avant le verrouillage."
        )

    def _open_database(self, key: bytearray) -> Database:
        db = Database.open(self.paths.database, key)
        try:
            migrate(db, self.paths.migration_backups)
            seed_codes(db, _now(self.clock))
            from .letters import seed_letter_templates  # not needed before login

            seed_letter_templates(db, _now(self.clock))
        except BaseException:
            db.close()
            raise
        return db

    def _write_slot(
        self, login: str, password: str, key: bytearray, *, carry_failures: bool = False
    ) -> None:
        """Wrap ``key`` for ``login`` and save the slot file; on failure forget the change.

        Callers run this inside the database transaction that records the new password, so
        a failed write rolls that back too and the two never disagree.
        """
        try:
            if carry_failures:
                self.slots.carry_failures(login)
            self.slots.set_account_slot(login, password, key, self.kdf_params)
            self.slots.save()
        except BaseException:
            self.reload_slots()
            raise

    def reload_slots(self) -> None:
        """Forget unsaved changes to the key slots (after a failed write)."""
        self.slots.reload()

    def is_locked(self, login: str) -> bool:
        return self.slots.state(login).locked

    # -- recovery key --------------------------------------------------------------------------
    def unlock_with_recovery_key(self, recovery_key: str, login: str, temporary: str) -> None:
        """Unlock ``login`` (typically the locked manager) and give it a temporary password.

        The recovery key is 160 random bits, so no lockout applies to it; a wrong key is a
        :class:`WrongCredentials`.
        """
        key = self.slots.unwrap_recovery(recovery_key)
        if key is None:
            self.slots.add_pending_event("cle_secours.echec", login, _now(self.clock))
            self.slots.save()
            raise WrongCredentials("Clé de secours incorrecte.")
        try:
            db = self._open_database(key)
            try:
                repo = AccountRepository(db)
                account = repo.by_login(login)
                if account is None or account.disabled:
                    raise InvalidInput(f"Aucun compte actif ne porte l'identifiant « {login} ».")
                info = SettingsRepository(db).station_info()
                require_strong_password(
                    temporary, (account.login, account.full_name, info.service_name)
                )
                at = _now(self.clock)
                with db.transaction():
                    repo.set_password_changed(account.id, at, temporary=True)
                    repo.add_password_hash(account.id, hash_password(temporary), at)
                    self._write_slot(account.login, temporary, key, carry_failures=True)
                AuditLog(db, self.slots, self.clock).append(
                    RECOVERY_ACTOR, "compte.deverrouillage", target=f"compte:{account.login}",
                    detail="déverrouillé avec la clé de secours, mot de passe temporaire",
                )
            finally:
                db.close()
        finally:
            wipe(key)

    # -- closing -------------------------------------------------------------------------------
    def close(self) -> None:
        self._lock.release()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def now(self) -> datetime:
        return self.clock()
