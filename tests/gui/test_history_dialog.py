"""« Historique des modifications » from the dossier window, as a social worker uses it, and a
station created before the history existed gaining it at its next opening.

Real stations (conftest ``team``), a synchronous task runner, recorded prompts.
"""

from __future__ import annotations

import functools
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    SERVICE,
)
from shiboken6 import isValid

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import DossierInput, DossierStatus, PersonInput
from anaiss_desktop.gui.dossiers.dossier_view import DossierWindow
from anaiss_desktop.gui.dossiers.history_dialog import HistoryDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services import station as station_module
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station, create_station
from anaiss_desktop.storage.migrations import MIGRATIONS_DIR, discover, latest_version

MARIE = PersonInput(usage_name="Dupont", first_names="Marie", birth_date=date(1961, 4, 12),
                    sex="F", address="5 rue Nationale", postal_code="59000", city="Lille")


@pytest.fixture
def dossier_id(anne: Session) -> int:
    person_id = PersonService(anne).create(MARIE)
    return DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))


@pytest.fixture
def open_window(qtbot):
    def open_(session: Session, dossier_id: int) -> DossierWindow:
        window = DossierWindow(session, TaskRunner(synchronous=True), RecordingPrompts(),
                               dossier_id)
        qtbot.addWidget(window)
        window.resize(1000, 680)
        window.show()
        return window

    return open_


def test_a_change_made_through_the_service_shows_old_and_new(qtbot, anne, dossier_id,
                                                             open_window, clock, tmp_path):
    view = DossierService(anne).open(dossier_id)
    clock.advance(days=2)
    PersonService(anne).update(view.person.id, PersonInput(
        **{**MARIE.__dict__, "address": "8 place du Théâtre", "city": "Lille"}))
    DossierService(anne).set_status(dossier_id, DossierStatus.DORMANT, date(2026, 11, 4))

    window = open_window(anne, dossier_id)
    assert not any(b.isHidden() for b in window.history_buttons)
    dialog = window.open_history()
    assert isinstance(dialog, HistoryDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "Historique des modifications — 2026-000001 — DUPONT Marie"
    rows = dialog.rows()
    # Newest first (the status was changed after the address, in the same second).
    assert [row[2:] for row in rows] == [
        ("Statut", "Ouvert depuis le 01/10/2026", "En veille depuis le 04/11/2026"),
        ("Adresse", "5 rue Nationale, 59000 Lille", "8 place du Théâtre, 59000 Lille"),
    ]
    assert {row[1] for row in rows} == {"Anne Martin"}
    assert all(row[0].startswith("04/11/2026") for row in rows)
    assert dialog.empty_text == ""
    dialog.resize(900, 300)
    dialog.grab().save(str(tmp_path / "historique.png"))

    # The button beside the dossier's "Modifier…" reads it again in the same window.
    window.history_buttons[1].click()
    assert window.open_history() is dialog
    dialog.reject()


def test_no_change_yet_says_so_in_a_sentence(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    window.history_buttons[0].click()  # the one beside the person's "Modifier…"
    dialog = window.open_history()
    assert dialog is not None
    assert dialog.rows() == []
    assert dialog.empty_text.startswith("Aucune modification enregistrée")
    dialog.reject()


def test_the_end_of_the_session_closes_it(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    dialog = window.open_history()
    assert dialog is not None and dialog.isVisible()
    window.closed_for_session()
    assert not isValid(dialog) or not dialog.isVisible()
    assert window.open_history() is None


def test_the_secretary_sees_the_identity_changes_only(qtbot, anne, secretary, dossier_id,
                                                      open_window):
    view = DossierService(anne).open(dossier_id)
    PersonService(anne).update(view.person.id, PersonInput(
        **{**MARIE.__dict__, "usage_name": "Dupont-Roy", "family_code": "VEUF"}))
    window = open_window(secretary, dossier_id)
    dialog = window.open_history()
    assert dialog is not None
    assert [row[2:] for row in dialog.rows()] == [("Nom d'usage", "DUPONT", "DUPONT-ROY")]
    dialog.reject()


def test_a_refusal_is_said_in_place_of_the_table(qtbot, anne, louis, dossier_id):
    person_id = DossierService(anne).open(dossier_id).person.id
    dialog = HistoryDialog(louis, TaskRunner(synchronous=True), RecordingPrompts(), dossier_id,
                           person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.panel.isHidden()
    assert not dialog.status_label.isHidden()
    assert "l'historique de sa fiche ne vous est pas accessible" in dialog.status_label.text()
    assert dialog.rows() == []


# -- a station of the previous schema ----------------------------------------------------------
def _older_migrations(tmp_path: Path) -> Path:
    """The shipped migrations before the history (0001–0005): what older versions created."""
    folder = tmp_path / "migrations-v5"
    folder.mkdir()
    for migration in discover():
        if migration.version <= 5:
            shutil.copy(migration.path, folder / migration.path.name)
    return folder


def test_a_station_created_before_gains_the_history(qtbot, tmp_path, clock, monkeypatch,
                                                    open_window):
    data_dir = tmp_path / "ancienne"
    older = functools.partial(station_module.migrate, folder=_older_migrations(tmp_path))
    with monkeypatch.context() as patch:
        patch.setattr(station_module, "migrate", older)
        create_station(data_dir, info=SERVICE, manager_login=MANAGER_LOGIN,
                       manager_name="Claire Responsable", manager_password=MANAGER_PASSWORD,
                       social_worker=True, clock=clock, kdf_params=FAST_KDF)
        with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
            manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
            account = AccountService(manager).create(ASSISTANT_LOGIN, "Anne Martin",
                                                     Role.ASSISTANT,
                                                     temporary_password=ASSISTANT_PASSWORD)
            manager.set_password(account, ASSISTANT_PASSWORD, temporary=False)
            assert manager.db.user_version == 5
            tables = {r[0] for r in manager.db.query("SELECT name FROM sqlite_master")}
            assert "field_changes" not in tables
            manager.close()
            anne = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
            person_id = PersonService(anne).create(MARIE)
            dossier_id = DossierService(anne).create(person_id,
                                                     DossierInput(opened_on=date(2026, 10, 1)))
            anne.close()

    # The next version opens it: a copy is kept aside, then the schema moves on.
    assert latest_version(MIGRATIONS_DIR) >= 6
    with Station(data_dir, clock=clock, kdf_params=FAST_KDF) as station:
        anne = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
        try:
            db = anne.db
            assert db.user_version == latest_version()
            assert db.scalar("SELECT count(*) FROM field_changes") == 0
            # Erasure leaves no words in the full-text indexes (FTS5 secure-delete, on).
            for table in ("interventions_fts", "notes_fts"):
                config = dict(db.query(f"SELECT k, v FROM {table}_config"))
                assert config.get("secure-delete") == 1
            assert list((data_dir / station_module.MIGRATION_BACKUPS).iterdir())
            PersonService(anne).update(person_id, PersonInput(**{**MARIE.__dict__,
                                                                 "phone": "03 20 00 00 01"}))
            window = open_window(anne, dossier_id)
            dialog = window.open_history()
            assert dialog is not None
            assert [row[2:] for row in dialog.rows()] == [("Téléphone", "—", "03 20 00 00 01")]
            dialog.reject()
            window.close()
        finally:
            anne.close()
