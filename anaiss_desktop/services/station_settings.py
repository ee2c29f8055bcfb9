"""The manager's station settings: service identity for letterheads, the security policy and
the statistics (threshold of the secret statistique, pseudonymous station code)."""

from __future__ import annotations

from ..domain.policy import Policy
from ..domain.stats import station_code_problems
from ..domain.suppression import threshold_problems
from ..storage.settings_repo import (
    KeepingSettings,
    SettingsRepository,
    StationInfo,
    StatsSettings,
)
from .errors import InvalidInput
from .session import Session
from .validation import require_service_name


class StationSettingsService:
    def __init__(self, session: Session) -> None:
        self._session = session

    def policy(self) -> Policy:
        return self._session.policy()

    def set_policy(self, policy: Policy) -> None:
        s = self._session
        s.require_manager()
        problems = policy.problems()
        if problems:
            raise InvalidInput(problems=problems)
        old = s.policy()
        with s.db.transaction():
            SettingsRepository(s.db).save_policy(policy)
        s.audit.append(
            s.account.login, "parametres.politique",
            detail=(
                f"validité {old.max_password_age_days}→{policy.max_password_age_days} j, "
                f"verrouillage {old.idle_lock_minutes}→{policy.idle_lock_minutes} min"
            ),
        )

    def station_info(self) -> StationInfo:
        return self._session.station_info()

    def set_station_info(self, info: StationInfo) -> None:
        s = self._session
        s.require_manager()
        require_service_name(info.service_name)
        with s.db.transaction():
            SettingsRepository(s.db).update_station(info)
        s.audit.append(s.account.login, "parametres.service")

    def stats_settings(self) -> StatsSettings:
        return SettingsRepository(self._session.db).stats_settings()

    def set_stats_settings(self, settings: StatsSettings) -> None:
        """Save the threshold (never below 3) and the station code (not the service's name)."""
        s = self._session
        s.require_manager()
        code = settings.station_code.strip()
        problems = threshold_problems(settings.threshold)
        if code:
            problems += station_code_problems(code, s.station_info().service_name)
        if problems:
            raise InvalidInput(problems=problems)
        old = self.stats_settings()
        with s.db.transaction():
            SettingsRepository(s.db).save_stats_settings(
                StatsSettings(settings.threshold, code))
        s.audit.append(
            s.account.login, "parametres.statistiques",
            detail=f"seuil {old.threshold}→{settings.threshold}, "
                   f"code station {old.station_code or '-'}→{code or '-'}",
        )

    def keeping_settings(self) -> KeepingSettings:
        return SettingsRepository(self._session.db).keeping_settings()

    def set_keeping_settings(self, settings: KeepingSettings) -> None:
        """The retention period (6–120 months) and the backup reminder (1–90 days)."""
        from .retention import set_keeping_settings

        set_keeping_settings(self._session, settings)
