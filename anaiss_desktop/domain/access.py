"""Who may do what with a dossier (SPEC §2), as one pure function the services all call.

Every read or write of a dossier goes through :func:`dossier_access`, so the rule has one home
and the future "Qui a accès ?" panel can ask the same question. This version is referent-based:
the referent and a manager who is also a social worker open a dossier; everyone may see the
identity level (name, birth date, referent) to avoid duplicates. Covering colleagues,
secretaries and personal notes shared with colleagues come with the confidentiality model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from .accounts import Account, Role


class Level(str, Enum):
    IDENTITY = "identite"  # name, birth date, referent
    FOLLOW_UP = "suivi"  # interventions, aids, appointments, letters (suivi administratif)
    SECRET = "secret"  # notes and evaluations (secret professionnel)


class Action(str, Enum):
    READ = "lire"
    WRITE = "modifier"
    DELETE = "supprimer"


@dataclass(frozen=True)
class DossierFacts:
    """What the rule needs to know about one dossier."""

    referent_id: int


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str  # French: why it is allowed, or why not


def dossier_access(
    account: Account, dossier: DossierFacts, level: Level, action: Action
) -> Decision:
    """Whether ``account`` may do ``action`` at ``level`` on ``dossier``, and why."""
    if account.disabled:
        return Decision(False, "compte désactivé")
    if level is Level.IDENTITY and action is Action.READ:
        return Decision(True, "identité visible de tous les comptes")
    if account.id == dossier.referent_id and account.role is not Role.SECRETARY:
        return Decision(True, "référent(e) du dossier")
    if account.is_manager and account.social_worker:
        return Decision(True, "responsable d'unité, travailleur social")
    if account.is_manager:
        return Decision(False, "un(e) responsable non travailleur social ne voit que l'identité")
    return Decision(False, "ni référent(e) ni responsable travailleur social")


def can_create_dossier(account: Account) -> bool:
    """Assistants open dossiers (they become referents); so does a manager-social worker."""
    if account.disabled:
        return False
    return account.role is Role.ASSISTANT or (account.is_manager and account.social_worker)


def can_be_referent(account: Account) -> bool:
    return can_create_dossier(account)
