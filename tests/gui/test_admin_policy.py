"""Station settings as the manager edits them: bounds that cannot be crossed, saving for real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD, SERVICE
from PySide6.QtCore import Qt

from anaiss_desktop.domain.policy import Policy
from anaiss_desktop.gui.admin import PolicySettingsWidget
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station


@pytest.fixture
def manager(station: Station) -> Iterator[Session]:
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def widget(qtbot, manager, prompts) -> PolicySettingsWidget:
    w = PolicySettingsWidget(manager, prompts)
    qtbot.addWidget(w)
    w.show()
    return w


def retype(qtbot, spin, text: str) -> None:
    spin.selectAll()
    qtbot.keyClicks(spin, text)
    spin.interpretText()


def test_shows_the_stored_settings(widget):
    ui = widget.ui
    assert ui.service_name_edit.text() == SERVICE.service_name
    assert ui.service_address_edit.toPlainText() == SERVICE.service_address
    assert ui.service_phone_edit.text() == SERVICE.service_phone
    assert ui.password_age_spin.value() == 365
    assert ui.password_age_spin.suffix() == " jours"
    assert ui.idle_lock_spin.value() == 10
    assert "ANSSI" in ui.password_age_help_label.text()
    assert not ui.save_button.isEnabled()  # nothing to save yet
    assert widget.status_text() == ""


def test_spin_boxes_cannot_leave_the_bounds(qtbot, widget):
    age, idle = widget.ui.password_age_spin, widget.ui.idle_lock_spin
    assert (age.minimum(), age.maximum()) == (30, 730)
    assert (idle.minimum(), idle.maximum()) == (1, 120)
    age.setValue(20)
    assert age.value() == 30
    age.setValue(800)
    assert age.value() == 730
    retype(qtbot, age, "800")  # typing a 3rd digit past the maximum is refused
    assert age.value() != 800
    idle.setValue(0)
    assert idle.value() == 1
    idle.setValue(500)
    assert idle.value() == 120


def test_saving_changes_the_session_policy(qtbot, widget, manager, prompts):
    ui = widget.ui
    retype(qtbot, ui.password_age_spin, "180")
    retype(qtbot, ui.idle_lock_spin, "15")
    assert ui.save_button.isEnabled()
    assert widget.status_text() == "Modifications non enregistrées."
    qtbot.mouseClick(ui.save_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == []
    assert manager.policy() == Policy(max_password_age_days=180, idle_lock_minutes=15)
    assert widget.status_text() == "Paramètres enregistrés."
    assert not ui.save_button.isEnabled()
    actions = [e.action for e in manager.audit.recent(5)]
    assert "parametres.politique" in actions
    assert "parametres.service" not in actions  # only what changed is saved


def test_saving_the_letterhead(qtbot, widget, manager):
    ui = widget.ui
    ui.service_phone_edit.clear()
    qtbot.keyClicks(ui.service_phone_edit, "03 20 99 99 99")
    qtbot.mouseClick(ui.save_button, Qt.MouseButton.LeftButton)
    assert manager.station_info().service_phone == "03 20 99 99 99"
    assert manager.station_info().service_name == SERVICE.service_name


def test_empty_service_name_is_refused_and_nothing_is_saved(qtbot, widget, manager, prompts):
    ui = widget.ui
    ui.service_name_edit.clear()
    retype(qtbot, ui.password_age_spin, "90")
    qtbot.mouseClick(ui.save_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == [(
        "error", "Enregistrement impossible",
        "Indiquez le nom du service (il figure en tête des courriers).",
    )]
    assert manager.station_info().service_name == SERVICE.service_name
    assert manager.policy().max_password_age_days == 365
    assert ui.save_button.isEnabled()  # what was typed is still there, ready to fix
    assert ui.password_age_spin.value() == 90


def test_non_manager_sees_the_refusal(qtbot, station, prompts):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        w = PolicySettingsWidget(session, prompts)
        qtbot.addWidget(w)
        w.show()
        assert w.ui.pages.currentWidget() is w.ui.message_page
        assert w.ui.message_label.text() == "Seul(e) un(e) responsable d'unité peut faire cela."
        assert not w.ui.service_name_edit.isVisible()
    finally:
        session.close()


def test_statistics_settings_saved(qtbot, widget, manager, prompts):
    from anaiss_desktop.services.station_settings import StationSettingsService
    from anaiss_desktop.storage.settings_repo import StatsSettings

    ui = widget.ui
    assert ui.station_code_edit.text() == ""
    assert ui.threshold_spin.value() == 5
    assert (ui.threshold_spin.minimum(), ui.threshold_spin.maximum()) == (3, 50)
    qtbot.keyClicks(ui.station_code_edit, "NORD-03")
    retype(qtbot, ui.threshold_spin, "7")
    qtbot.mouseClick(ui.save_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == []
    assert StationSettingsService(manager).stats_settings() == StatsSettings(7, "NORD-03")
    assert "parametres.statistiques" in [e.action for e in manager.audit.recent(3)]


def test_station_code_with_spaces_is_refused(qtbot, widget, manager, prompts):
    from anaiss_desktop.services.station_settings import StationSettingsService

    qtbot.keyClicks(widget.ui.station_code_edit, "nord 03")
    qtbot.mouseClick(widget.ui.save_button, Qt.MouseButton.LeftButton)
    assert prompts.shown[0][0] == "error"
    assert "2 à 20 caractères" in prompts.shown[0][2]
    assert StationSettingsService(manager).stats_settings().station_code == ""


def test_retention_and_backup_reminder_saved(qtbot, widget, manager, prompts):
    from anaiss_desktop.services.station_settings import StationSettingsService
    from anaiss_desktop.storage.settings_repo import KeepingSettings

    ui = widget.ui
    assert (ui.retention_spin.value(), ui.backup_reminder_spin.value()) == (24, 7)
    assert (ui.retention_spin.minimum(), ui.retention_spin.maximum()) == (6, 120)
    assert "CNIL" in ui.retention_help_label.text()
    retype(qtbot, ui.retention_spin, "36")
    retype(qtbot, ui.backup_reminder_spin, "14")
    qtbot.mouseClick(ui.save_button, Qt.MouseButton.LeftButton)
    assert prompts.shown == []
    assert StationSettingsService(manager).keeping_settings() == KeepingSettings(36, 14)
    assert "parametres.conservation" in [e.action for e in manager.audit.recent(3)]
