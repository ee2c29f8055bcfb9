"""Station settings (service identity for letterheads, manager policy, statistics) in the
encrypted store."""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.policy import Policy
from .database import Database


@dataclass(frozen=True)
class StationInfo:
    """What letterheads print: the service's name, postal address and phone."""

    service_name: str
    service_address: str = ""
    service_phone: str = ""


@dataclass(frozen=True)
class StatsSettings:
    """The manager's statistics settings.

    Args:
        threshold: counts from 1 to ``threshold - 1`` are not published (secret statistique).
        station_code: the pseudonym that names the station in exported files; empty until
            the manager chooses one (the service's name must never leave the station).
    """

    threshold: int = 5
    station_code: str = ""


@dataclass(frozen=True)
class KeepingSettings:
    """How long dossiers are kept, and how often a backup is expected.

    Args:
        retention_months: a dossier whose last contact is older than this is due for
            deletion (24 by default: two years after the last contact, as in the CNIL's
            référentiel for social action).
        backup_reminder_days: the home screen reminds when the last backup is older.
    """

    retention_months: int = 24
    backup_reminder_days: int = 7


class SettingsRepository:
    def __init__(self, db: Database) -> None:
        self._db = db

    def station_info(self) -> StationInfo:
        row = self._db.query_one(
            "SELECT service_name, service_address, service_phone FROM station WHERE id = 1"
        )
        return StationInfo(*row) if row else StationInfo("")

    def create_station(self, info: StationInfo, at: str) -> None:
        self._db.execute(
            "INSERT INTO station(id, service_name, service_address, service_phone, created_at)"
            " VALUES (1, ?, ?, ?, ?)",
            (info.service_name.strip(), info.service_address.strip(),
             info.service_phone.strip(), at),
        )

    def update_station(self, info: StationInfo) -> None:
        self._db.execute(
            "UPDATE station SET service_name = ?, service_address = ?, service_phone = ?"
            " WHERE id = 1",
            (info.service_name.strip(), info.service_address.strip(), info.service_phone.strip()),
        )

    def _get(self, key: str) -> str | None:
        return self._db.scalar("SELECT value FROM settings WHERE key = ?", (key,))

    def _set(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def policy(self) -> Policy:
        default = Policy()
        age = self._get("max_password_age_days")
        idle = self._get("idle_lock_minutes")
        return Policy(
            max_password_age_days=int(age) if age else default.max_password_age_days,
            idle_lock_minutes=int(idle) if idle else default.idle_lock_minutes,
        )

    def save_policy(self, policy: Policy) -> None:
        self._set("max_password_age_days", str(policy.max_password_age_days))
        self._set("idle_lock_minutes", str(policy.idle_lock_minutes))

    def stats_settings(self) -> StatsSettings:
        default = StatsSettings()
        threshold = self._get("statistiques_seuil")
        return StatsSettings(
            threshold=int(threshold) if threshold else default.threshold,
            station_code=self._get("statistiques_code_station") or default.station_code,
        )

    def save_stats_settings(self, settings: StatsSettings) -> None:
        self._set("statistiques_seuil", str(settings.threshold))
        self._set("statistiques_code_station", settings.station_code)

    def keeping_settings(self) -> KeepingSettings:
        default = KeepingSettings()
        months = self._get("conservation_mois")
        days = self._get("sauvegarde_rappel_jours")
        return KeepingSettings(
            retention_months=int(months) if months else default.retention_months,
            backup_reminder_days=int(days) if days else default.backup_reminder_days,
        )

    def save_keeping_settings(self, settings: KeepingSettings) -> None:
        self._set("conservation_mois", str(settings.retention_months))
        self._set("sauvegarde_rappel_jours", str(settings.backup_reminder_days))

    def last_backup(self) -> str | None:
        """When the last backup was made (ISO instant), None when never."""
        return self._get("sauvegarde_derniere")

    def set_last_backup(self, at: str) -> None:
        self._set("sauvegarde_derniere", at)
