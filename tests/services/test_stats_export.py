"""The manager's statistics settings, the password asked again, and the export to a drive.

Real station (SQLCipher in a tmp dir), real files read back; the audit log must say who
exported which period where, with the CSV's hash, and never a figure or a name.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest
from conftest import ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD

from anaiss_desktop.domain.stats import Period
from anaiss_desktop.services import demo_data
from anaiss_desktop.services.errors import (
    AccountLocked,
    InvalidInput,
    NotAllowed,
    WrongCredentials,
)
from anaiss_desktop.services.station_settings import StationSettingsService
from anaiss_desktop.services.stats import StatsService
from anaiss_desktop.storage.settings_repo import StationInfo, StatsSettings

TODAY = date(2026, 11, 2)
YEAR = Period.parse("2025-01", "2025-12")


def test_settings_default_then_saved(manager) -> None:
    service = StationSettingsService(manager)
    assert service.stats_settings() == StatsSettings(5, "")
    service.set_stats_settings(StatsSettings(7, " NORD-03 "))
    assert service.stats_settings() == StatsSettings(7, "NORD-03")
    entry = manager.audit.recent(1)[0]
    assert entry.action == "parametres.statistiques"
    assert "seuil 5→7" in entry.detail and "NORD-03" in entry.detail


@pytest.mark.parametrize("settings, words", [
    (StatsSettings(2, "NORD-03"), "compris entre 3"),
    (StatsSettings(5, "nord 03"), "2 à 20 caractères"),
    (StatsSettings(5, "CCAS-de-Lens"), "pas être le nom du service"),
])
def test_settings_refused(manager, settings, words) -> None:
    StationSettingsService(manager).set_station_info(StationInfo("CCAS de Lens"))
    with pytest.raises(InvalidInput) as caught:
        StationSettingsService(manager).set_stats_settings(settings)
    assert words in caught.value.message
    assert StationSettingsService(manager).stats_settings() == StatsSettings(5, "")


def test_settings_are_the_manager_s(anne) -> None:
    with pytest.raises(NotAllowed):
        StationSettingsService(anne).set_stats_settings(StatsSettings(5, "NORD-03"))


def test_confirmation_wears_off_and_is_renewed(manager, clock) -> None:
    manager.require_recent_confirmation()  # signing in counts
    clock.advance(minutes=16)
    with pytest.raises(NotAllowed, match="Confirmez votre mot de passe"):
        manager.require_recent_confirmation()
    manager.confirm_password(MANAGER_PASSWORD)
    manager.require_recent_confirmation()


def test_wrong_confirmation_counts_as_a_failed_login(manager, team) -> None:
    with pytest.raises(WrongCredentials, match="Mot de passe incorrect"):
        manager.confirm_password(ASSISTANT_PASSWORD)
    with pytest.raises(WrongCredentials):
        manager.confirm_password("pas-le-bon")
    with pytest.raises(AccountLocked):
        manager.confirm_password("toujours-pas")
    assert not manager.is_open
    assert team.slots.state(MANAGER_LOGIN).locked


def test_export_written_read_back_and_logged(manager, tmp_path) -> None:
    demo_data.generate(manager, 60, seed=5, today=TODAY)
    service = StatsService(manager)
    files = service.export_files(service.compute(YEAR), 5, "NORD-03", with_pdf=False)
    written = service.write_export(files, tmp_path)
    names = [w.path.name for w in written.files]
    assert names == ["statistiques_NORD-03_2025-01_2025-12.csv",
                     "statistiques_NORD-03_2025-01_2025-12.json"]
    csv_data = (tmp_path / names[0]).read_bytes()
    manifest = json.loads((tmp_path / names[1]).read_text(encoding="utf-8"))
    assert manifest["csv_sha256"] == hashlib.sha256(csv_data).hexdigest()
    entry = manager.audit.recent(1)[0]
    assert entry.action == "statistiques.export"
    assert "2025-01→2025-12" in entry.detail
    assert str(tmp_path) in entry.detail
    assert manifest["csv_sha256"] in entry.detail


def test_export_needs_a_recent_password(manager, clock, tmp_path) -> None:
    service = StatsService(manager)
    files = service.export_files(service.compute(YEAR), 5, "NORD-03", with_pdf=False)
    clock.advance(minutes=20)
    drive = tmp_path / "cle"
    drive.mkdir()
    with pytest.raises(NotAllowed):
        service.write_export(files, drive)
    assert list(drive.iterdir()) == []
    assert manager.audit.recent(1)[0].action != "statistiques.export"
