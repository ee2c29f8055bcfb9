"""Sign-in failures and lockouts reach the audit log, and only a manager reads the log."""

from __future__ import annotations

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD

from anaiss_desktop.services.audit_service import AuditService
from anaiss_desktop.services.errors import AccountLocked, NotAllowed, WrongCredentials


def test_failures_and_lockout_are_logged_at_the_next_login(station):
    for _ in range(2):
        with pytest.raises(WrongCredentials):
            station.login(ASSISTANT_LOGIN, "pas le bon")
    with pytest.raises(AccountLocked):
        station.login(ASSISTANT_LOGIN, "toujours pas")
    with pytest.raises(WrongCredentials):
        station.login("inconnu", "essai")
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    entries = AuditService(session).recent(50)
    failures = [e for e in entries if e.action == "connexion.echec"]
    assert [e.actor for e in failures].count(ASSISTANT_LOGIN) == 3
    assert [e.actor for e in failures].count("identifiant inconnu") == 1
    locks = [e for e in entries if e.action == "compte.verrouillage"]
    assert [(e.actor, e.target) for e in locks] == [(ASSISTANT_LOGIN, f"compte:{ASSISTANT_LOGIN}")]
    assert all(e.detail.startswith("à 2026-") for e in failures)
    assert session.verify() == []
    session.close()
    # Logged once: the next login finds nothing more to flush.
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    again = [e for e in AuditService(session).recent(50) if e.action == "connexion.echec"]
    assert len(again) == 4
    session.close()


def test_the_audit_log_is_the_managers_to_read(station):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    with pytest.raises(NotAllowed):
        AuditService(session).recent()
    with pytest.raises(NotAllowed):
        AuditService(session).verify()
    session.close()
