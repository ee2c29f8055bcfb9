"""Account management by the unit manager: create, edit, disable, unlock, reset (SPEC §2, §3).

Every method checks that the signed-in account is a manager whose password is in order, and
writes the audit log. Disabling removes the account's key slot, so its password opens nothing;
enabling it again needs a new temporary password. The station always keeps one active manager.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.accounts import Account, Role, valid_login
from ..domain.rotation import PasswordStatus, evaluate
from ..storage.accounts_repo import AccountRepository
from .clock import parse_instant
from .errors import InvalidInput, NotAllowed
from .session import Session
from .validation import (
    NAME_REQUIRED,
    login_and_name_problems,
    require_role_flags,
    require_strong_password,
)


@dataclass(frozen=True)
class AccountView:
    """One line of the accounts screen."""

    account: Account
    locked: bool
    password_status: PasswordStatus
    last_login_at: str | None

    @property
    def status_label(self) -> str:
        if self.account.disabled:
            return "Désactivé"
        if self.locked:
            return "Verrouillé"
        return {
            PasswordStatus.TEMPORARY: "Mot de passe temporaire",
            PasswordStatus.EXPIRED: "Mot de passe expiré",
            PasswordStatus.EXPIRING: "Mot de passe bientôt expiré",
            PasswordStatus.OK: "Actif",
        }[self.password_status]


class AccountService:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _repo(self) -> AccountRepository:
        return AccountRepository(self._session.db)

    def _get(self, login: str) -> Account:
        account = self._repo.by_login(login)
        if account is None:
            raise InvalidInput(f"Aucun compte ne porte l'identifiant « {login} ».")
        return account

    def _check_temporary(self, account: Account, password: str) -> None:
        require_strong_password(password, self._session.personal_words(account))

    def _log(self, action: str, login: str, detail: str = "") -> None:
        s = self._session
        s.audit.append(s.account.login, action, target=f"compte:{login}", detail=detail)

    # -- reading -------------------------------------------------------------------------------
    def list_accounts(self) -> list[AccountView]:
        s = self._session
        s.require_manager()
        max_age = s.policy().max_password_age_days
        now = s.station.clock()
        views = []
        for account in self._repo.all():
            last = self._repo.last_login(account.id)
            status = evaluate(
                parse_instant(account.password_changed_at), now, max_age,
                account.must_change_password,
            ).status
            views.append(
                AccountView(account, s.slots.state(account.login).locked, status,
                            last[0] if last else None)
            )
        return views

    # -- changes -------------------------------------------------------------------------------
    def create(
        self,
        login: str,
        full_name: str,
        role: Role,
        *,
        social_worker: bool = False,
        temporary_password: str,
        phone: str = "",
    ) -> Account:
        """A new account with a temporary password (to be changed at first login)."""
        s = self._session
        s.require_manager()
        problems = login_and_name_problems(login, full_name)
        if not valid_login(login) and self._repo.by_login(login) is not None:
            problems.append(f"L'identifiant « {login.strip()} » est déjà pris.")
        if problems:
            raise InvalidInput(problems=problems)
        require_role_flags(role, social_worker)
        with s.db.transaction():  # row, password and slot together, or none of them
            account_id = self._repo.insert(
                login, full_name, role, social_worker, phone, must_change=True, at=s.now_iso()
            )
            account = self._repo.by_id(account_id)
            assert account is not None
            self._check_temporary(account, temporary_password)
            s.set_password(account, temporary_password, temporary=True)
        self._log("compte.creation", account.login, f"rôle : {role.label}")
        return self._get(account.login)

    def update(
        self, login: str, full_name: str, role: Role, *, social_worker: bool, phone: str = ""
    ) -> Account:
        s = self._session
        s.require_manager()
        account = self._get(login)
        if not full_name.strip():
            raise InvalidInput(NAME_REQUIRED)
        require_role_flags(role, social_worker)
        if account.is_manager and role is not Role.MANAGER:
            self._keep_one_manager(account)
        with s.db.transaction():
            self._repo.update_profile(account.id, full_name, role, social_worker, phone)
        self._log("compte.modification", account.login,
                  f"rôle : {role.label}, travailleur social : {'oui' if social_worker else 'non'}")
        if account.id == s.account.id:
            s.refresh_account()
        return self._get(login)

    def _keep_one_manager(self, account: Account) -> None:
        if not account.disabled and self._repo.count_active_managers() <= 1:
            raise NotAllowed("La station doit garder au moins un(e) responsable d'unité actif(ve).")

    def disable(self, login: str) -> None:
        """The account can no longer sign in; its history and authorship stay."""
        s = self._session
        s.require_manager()
        account = self._get(login)
        if account.id == s.account.id:
            raise NotAllowed("Vous ne pouvez pas désactiver votre propre compte.")
        if account.is_manager:
            self._keep_one_manager(account)
        with s.db.transaction():
            self._repo.set_disabled(account.id, True)
        s.slots.remove_account_slot(account.login)
        self._log("compte.desactivation", account.login)  # saves the slot file too

    def enable(self, login: str, temporary_password: str) -> None:
        s = self._session
        s.require_manager()
        account = self._get(login)
        self._check_temporary(account, temporary_password)
        with s.db.transaction():
            self._repo.set_disabled(account.id, False)
            s.set_password(account, temporary_password, temporary=True)
        self._log("compte.reactivation", account.login)

    def unlock(self, login: str, temporary_password: str) -> None:
        """Clear the lock and set a temporary password (the person may have forgotten theirs)."""
        self._reset(login, temporary_password, "compte.deverrouillage")

    def reset_password(self, login: str, temporary_password: str) -> None:
        self._reset(login, temporary_password, "mot_de_passe.reinitialisation")

    def _reset(self, login: str, temporary_password: str, action: str) -> None:
        s = self._session
        s.require_manager()
        account = self._get(login)
        if account.disabled:
            raise InvalidInput("Ce compte est désactivé : réactivez-le d'abord.")
        self._check_temporary(account, temporary_password)
        previous = s.slots.state(account.login)
        # A new slot clears the lock; the failures stay to be shown at the next login.
        s.set_password(account, temporary_password, temporary=True, carry_failures=True)
        detail = f"{previous.failures} échec(s), verrouillé" if previous.locked else ""
        self._log(action, account.login, detail)
