"""The unit manager's administration screens: accounts, settings, coded lists, audit log.

Names are imported lazily: the generated forms import
:mod:`anaiss_desktop.gui.admin.password_field` (a promoted widget), which must not pull in the
screens that use those forms.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .accounts import AccountsWidget, AccountTableModel
    from .audit import AuditLogWidget
    from .codes import CodesWidget
    from .dialog import AdminDialog
    from .policy import PolicySettingsWidget
    from .temporary_password import generate_temporary_password

_EXPORTS = {
    "AccountsWidget": ".accounts",
    "AccountTableModel": ".accounts",
    "AuditLogWidget": ".audit",
    "AdminDialog": ".dialog",
    "CodesWidget": ".codes",
    "PolicySettingsWidget": ".policy",
    "generate_temporary_password": ".temporary_password",
}

__all__ = [
    "AccountTableModel",
    "AccountsWidget",
    "AdminDialog",
    "AuditLogWidget",
    "CodesWidget",
    "PolicySettingsWidget",
    "generate_temporary_password",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(module, __name__), name)
