"""The audit log screen and the integrity check, as the manager sees them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt

from anaiss_desktop.domain.audit_actions import action_label
from anaiss_desktop.gui.admin import AdminDialog, AuditLogWidget
from anaiss_desktop.gui.admin.account_dialogs import AccountDialog
from anaiss_desktop.gui.admin.audit import target_label
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station

DATE, ACTOR, ACTION, TARGET, DETAIL = range(5)


@pytest.fixture
def manager(station: Station) -> Iterator[Session]:
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


def make(qtbot, session, prompts) -> AuditLogWidget:
    widget = AuditLogWidget(session, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(widget)
    widget.resize(900, 420)
    widget.show()
    return widget


def column(widget: AuditLogWidget, col: int) -> list[str]:
    model = widget.ui.table_view.model()
    return [model.index(row, col).data() for row in range(model.rowCount())]


def test_actions_are_listed_in_french_most_recent_first(qtbot, manager, prompts):
    AccountService(manager).disable(ASSISTANT_LOGIN)
    widget = make(qtbot, manager, prompts)
    actions = column(widget, ACTION)
    assert actions[0] == "Désactivation de compte"
    assert actions[-1] == "Création de la station"
    assert {"Connexion", "Création de compte", "Changement de mot de passe"} <= set(actions)
    assert not any("." in a for a in actions)  # no raw codes such as compte.creation
    assert column(widget, ACTOR)[0] == MANAGER_LOGIN
    assert column(widget, TARGET)[0] == f"Compte {ASSISTANT_LOGIN}"
    assert "rôle : Assistant(e) social(e)" in column(widget, DETAIL)
    assert all(column(widget, DATE))
    model = widget.ui.table_view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["Date", "Compte", "Action", "Cible", "Détail"]


def test_labels_fall_back_to_the_code():
    assert action_label("compte.deverrouillage") == "Déverrouillage du compte"
    assert action_label("dossier.lecture") == "dossier.lecture"
    assert target_label("compte:amartin") == "Compte amartin"
    assert target_label("") == ""


def test_verify_reports_an_intact_station(qtbot, manager, prompts):
    widget = make(qtbot, manager, prompts)
    qtbot.mouseClick(widget.ui.verify_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == [(
        "info", "Vérification de l'intégrité",
        "La base de données et le journal d'audit sont intègres : aucune anomalie détectée.",
    )]
    assert column(widget, ACTION)[0] == "Vérification d'intégrité"  # the check is logged


def test_verify_reports_a_tampered_entry(qtbot, manager, prompts):
    # Someone with the key drops the append-only trigger and edits an old entry.
    with manager.db.transaction():
        manager.db.execute("DROP TRIGGER audit_log_no_update")
        manager.db.execute("UPDATE audit_log SET detail = 'rien à voir' WHERE id = 2")
    widget = make(qtbot, manager, prompts)
    qtbot.mouseClick(widget.ui.verify_button, Qt.MouseButton.LeftButton)
    kind, title, text = prompts.shown[-1]
    assert (kind, title) == ("error", "Vérification de l'intégrité")
    assert text.startswith("Anomalies détectées :")
    assert "l'entrée n° 2 a été modifiée" in text


def test_non_manager_sees_the_refusal_and_no_entries(qtbot, station, prompts):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        widget = make(qtbot, session, prompts)
        assert widget.ui.pages.currentWidget() is widget.ui.message_page
        assert widget.ui.message_label.text() == (
            "Seul(e) un(e) responsable d'unité peut faire cela."
        )
        assert widget.ui.table_view.model().rowCount() == 0
        assert not widget.ui.verify_button.isVisible()
    finally:
        session.close()


def test_admin_dialog_tabs_and_journal_follows_changes(qtbot, manager, prompts):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Administration de la station"
    assert dialog.minimumWidth() >= 900 and dialog.minimumHeight() >= 560
    tabs = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert tabs == ["Comptes", "Suppléances", "Paramètres", "Listes codées", "Courriers types",
                    "Conservation", "Journal d'audit"]

    accounts = dialog.accounts
    accounts.select(ASSISTANT_LOGIN)
    qtbot.mouseClick(accounts.ui.disable_button, Qt.MouseButton.LeftButton)
    dialog.tabs.setCurrentWidget(dialog.audit)
    assert column(dialog.audit, ACTION)[0] == "Désactivation de compte"


def test_closing_the_admin_dialog_closes_an_open_account_dialog(qtbot, manager, prompts):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.accounts.ui.new_button, Qt.MouseButton.LeftButton)
    account_dialog = dialog.accounts.current_dialog
    assert isinstance(account_dialog, AccountDialog)
    qtbot.keyClicks(account_dialog.ui.password_field.password_edit, "Secret-En-Cours-42!")
    dialog.reject()  # e.g. the session locks
    assert dialog.accounts.current_dialog is None
    assert account_dialog.ui.password_field.password() == ""
