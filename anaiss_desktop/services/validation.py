"""Checks shared by the use cases that create or change accounts and station settings.

One place per rule, so the wizard, the accounts screen, ``anaiss-admin`` and a password change
refuse the same things with the same French words.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.accounts import Role, valid_login
from .errors import InvalidInput
from .password_rules import strength

NAME_REQUIRED = "Indiquez le nom et le prénom de la personne."
SERVICE_NAME_REQUIRED = "Indiquez le nom du service (il figure en tête des courriers)."
SECRETARY_NOT_SOCIAL_WORKER = "Un compte de secrétariat ne peut pas être travailleur social."


def login_and_name_problems(login: str, full_name: str) -> list[str]:
    problems = []
    reason = valid_login(login)
    if reason:
        problems.append(reason)
    if not full_name.strip():
        problems.append(NAME_REQUIRED)
    return problems


def require_strong_password(password: str, personal: Iterable[str]) -> None:
    """Refuse a password below the CNIL rule, common, or built on the person's own words."""
    report = strength(password, personal)
    if not report.acceptable:
        raise InvalidInput(problems=report.problems)


def require_service_name(name: str) -> None:
    if not name.strip():
        raise InvalidInput(SERVICE_NAME_REQUIRED)


def require_role_flags(role: Role, social_worker: bool) -> None:
    if role is Role.SECRETARY and social_worker:
        raise InvalidInput(SECRETARY_NOT_SOCIAL_WORKER)
