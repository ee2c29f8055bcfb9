"""Errors a use case reports to the person, each with a French message and a CLI exit code.

Exit codes are part of the ``anaiss-admin`` contract: 2 bad input, 3 wrong credentials,
4 account locked, 5 password expired or must be changed, 6 not allowed for this role,
7 storage problem (see :mod:`anaiss_desktop.storage.errors`).
"""

from __future__ import annotations

from collections.abc import Iterable


class ServiceError(Exception):
    exit_code = 2
    default_message = "Opération impossible."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self)


class InvalidInput(ServiceError):
    exit_code = 2

    def __init__(self, message: str | None = None, problems: Iterable[str] = ()) -> None:
        self.problems = list(problems)
        super().__init__(message or " ".join(self.problems) or "Saisie invalide.")


class WrongCredentials(ServiceError):
    exit_code = 3
    # Same words whether the login exists or not.
    default_message = "Identifiant ou mot de passe incorrect."


class AccountLocked(ServiceError):
    exit_code = 4
    default_message = (
        "Ce compte est verrouillé après trois tentatives infructueuses. "
        "Un(e) responsable d'unité peut le déverrouiller ; un(e) responsable "
        "verrouillé(e) utilise la clé de secours de la station."
    )


class PasswordChangeRequired(ServiceError):
    exit_code = 5
    default_message = "Le mot de passe doit être changé avant de continuer (anaiss-admin passwd)."


class NotAllowed(ServiceError):
    exit_code = 6
    default_message = "Cette action n'est pas permise pour votre rôle."


class StationMissing(ServiceError):
    exit_code = 7
    default_message = "Aucune station n'existe dans ce dossier de données (anaiss-admin init)."


class StationExists(ServiceError):
    exit_code = 2
    default_message = (
        "Une station existe déjà dans ce dossier de données : elle n'a pas été modifiée."
    )
