"""Accounts and roles of a station (SPEC §2)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    ASSISTANT = "assistant"
    MANAGER = "manager"
    SECRETARY = "secretary"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.ASSISTANT: "Assistant(e) social(e)",
    Role.MANAGER: "Responsable d'unité",
    Role.SECRETARY: "Secrétariat",
}


@dataclass(frozen=True)
class Account:
    id: int
    login: str
    full_name: str
    role: Role
    social_worker: bool
    disabled: bool
    must_change_password: bool
    password_changed_at: str
    phone: str = ""

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER

    @property
    def role_label(self) -> str:
        label = self.role.label
        if self.role is Role.MANAGER and self.social_worker:
            label += " (travailleur social)"
        return label


def valid_login(login: str) -> str | None:
    """French reason why ``login`` cannot be used, or ``None`` when it is fine."""
    text = login.strip()
    if not 2 <= len(text) <= 40:
        return "L'identifiant doit compter de 2 à 40 caractères."
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789._-")
    # isascii first: some non-ASCII letters (the Kelvin sign) fold onto ASCII ones, so two
    # different logins could share one key slot.
    if not text.isascii() or not set(text.lower()) <= allowed:
        return (
            "L'identifiant ne peut contenir que des lettres sans accent, "
            "chiffres, « . », « _ » et « - »."
        )
    return None
