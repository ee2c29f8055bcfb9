"""Station settings for the unit manager: the service's letterhead, the security policy, the
statistics (pseudonymous station code, threshold of the secret statistique), the retention
period and the backup reminder.

The spin boxes carry the domain's bounds (30–730 days, 1–120 minutes), so an out-of-range value
cannot even be typed; the service checks them again. Only what changed is saved, so the audit
log records real changes, not every click on *Enregistrer*.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from ...domain import policy as policy_rules
from ...domain import rotation
from ...domain.policy import Policy
from ...services.errors import ServiceError
from ...services.session import Session
from ...services.station_settings import StationSettingsService
from ...storage.errors import StorageError
from ...storage.settings_repo import KeepingSettings, StationInfo, StatsSettings
from ..forms.ui_admin_policy import Ui_PolicySettingsWidget
from ..messages import user_message
from ..prompts import Prompts


class PolicySettingsWidget(QWidget):
    """Edit the service identity (letterheads) and the password/idle-lock policy.

    Settings reads and writes are a few rows of SQL, so they run on the GUI thread.

    Args:
        session: the signed-in manager's session.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the owning widget.
    """

    def __init__(self, session: Session, prompts: Prompts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PolicySettingsWidget()
        self.ui.setupUi(self)
        self._session = session
        self._service = StationSettingsService(session)
        self._prompts = prompts
        self._saved_info: StationInfo | None = None
        self._saved_policy: Policy | None = None
        self._saved_stats: StatsSettings | None = None
        self._saved_keeping: KeepingSettings | None = None
        ui = self.ui
        ui.password_age_spin.setRange(rotation.MIN_MAX_AGE_DAYS, rotation.MAX_MAX_AGE_DAYS)
        ui.idle_lock_spin.setRange(policy_rules.MIN_IDLE_MINUTES, policy_rules.MAX_IDLE_MINUTES)
        for edit in (ui.service_name_edit, ui.service_phone_edit):
            edit.textChanged.connect(self._on_field_changed)
        ui.service_address_edit.textChanged.connect(self._on_field_changed)
        ui.password_age_spin.valueChanged.connect(self._on_field_changed)
        ui.idle_lock_spin.valueChanged.connect(self._on_field_changed)
        ui.station_code_edit.textChanged.connect(self._on_field_changed)
        ui.threshold_spin.valueChanged.connect(self._on_field_changed)
        ui.retention_spin.valueChanged.connect(self._on_field_changed)
        ui.backup_reminder_spin.valueChanged.connect(self._on_field_changed)
        ui.save_button.clicked.connect(self._on_save_button_clicked)
        self.reload()

    # -- reading -------------------------------------------------------------------------------
    def reload(self) -> None:
        """Show the stored settings (or why they cannot be shown)."""
        try:
            self._session.require_manager()
            info = self._service.station_info()
            policy = self._service.policy()
            stats = self._service.stats_settings()
            keeping = self._service.keeping_settings()
        except (ServiceError, StorageError) as exc:
            self.ui.message_label.setText(user_message(exc))
            self.ui.pages.setCurrentWidget(self.ui.message_page)
            return
        self._show(info, policy, stats, keeping)
        self.ui.pages.setCurrentWidget(self.ui.settings_page)

    def _show(self, info: StationInfo, policy: Policy, stats: StatsSettings,
              keeping: KeepingSettings) -> None:
        ui = self.ui
        self._saved_info, self._saved_policy, self._saved_stats = info, policy, stats
        self._saved_keeping = keeping
        ui.service_name_edit.setText(info.service_name)
        ui.service_address_edit.setPlainText(info.service_address)
        ui.service_phone_edit.setText(info.service_phone)
        ui.password_age_spin.setValue(policy.max_password_age_days)
        ui.idle_lock_spin.setValue(policy.idle_lock_minutes)
        ui.station_code_edit.setText(stats.station_code)
        ui.threshold_spin.setValue(stats.threshold)
        ui.retention_spin.setValue(keeping.retention_months)
        ui.backup_reminder_spin.setValue(keeping.backup_reminder_days)
        ui.status_label.clear()
        self._update_save_button()

    def info(self) -> StationInfo:
        ui = self.ui
        return StationInfo(
            ui.service_name_edit.text().strip(),
            ui.service_address_edit.toPlainText().strip(),
            ui.service_phone_edit.text().strip(),
        )

    def policy(self) -> Policy:
        return Policy(
            max_password_age_days=self.ui.password_age_spin.value(),
            idle_lock_minutes=self.ui.idle_lock_spin.value(),
        )

    def stats(self) -> StatsSettings:
        return StatsSettings(self.ui.threshold_spin.value(),
                             self.ui.station_code_edit.text().strip())

    def keeping(self) -> KeepingSettings:
        return KeepingSettings(self.ui.retention_spin.value(),
                               self.ui.backup_reminder_spin.value())

    def is_modified(self) -> bool:
        return (self.info() != self._saved_info or self.policy() != self._saved_policy
                or self.stats() != self._saved_stats or self.keeping() != self._saved_keeping)

    def status_text(self) -> str:
        return self.ui.status_label.text()

    # -- saving --------------------------------------------------------------------------------
    def _update_save_button(self) -> None:
        self.ui.save_button.setEnabled(self.is_modified())

    @Slot()
    def _on_field_changed(self) -> None:
        modified = self.is_modified()
        self.ui.status_label.setText(self.tr("Modifications non enregistrées.") if modified else "")
        self._update_save_button()

    @Slot()
    def _on_save_button_clicked(self) -> None:
        self.save()

    def save(self) -> bool:
        """Store what changed; True when everything was saved."""
        info, policy, stats, keeping = self.info(), self.policy(), self.stats(), self.keeping()
        try:
            # The service identity first: it is the one that can be refused (empty name), and
            # the policy cannot be, its bounds being those of the spin boxes.
            if info != self._saved_info:
                self._service.set_station_info(info)
                self._saved_info = info
            if policy != self._saved_policy:
                self._service.set_policy(policy)
                self._saved_policy = policy
            if stats != self._saved_stats:
                self._service.set_stats_settings(stats)
                self._saved_stats = stats
            if keeping != self._saved_keeping:
                self._service.set_keeping_settings(keeping)
                self._saved_keeping = keeping
        except Exception as exc:  # service/storage messages as they are; bugs get a calm sentence
            self._prompts.error(self, self.tr("Enregistrement impossible"), user_message(exc))
            self._update_save_button()
            return False
        self.ui.status_label.setText(self.tr("Paramètres enregistrés."))
        self._update_save_button()
        return True
