"""The "Qui a accès ?" tab of a dossier: who can read each level today and why, the covering
colleagues named on it, and the dossier's access log (who opened, changed, printed it).

Everything shown comes from :class:`~anaiss_desktop.services.access_info.AccessInfoService`,
which asks the same rule the services enforce; this widget adds no rule of its own. The log
is offered to whoever the service gives it to (referent, manager-social worker); the others
read why not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.access import Level, can_designate_cover
from ...domain.dates import format_instant_fr
from ...services.access_info import AccessInfoService, AccessPanel, LogLine
from ...services.covers import CoverLine, CoverService
from ...services.errors import NotAllowed
from ...services.session import Session
from ..admin.common import setup_table
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .cover_dialog import CoverDialog, run_cover_change
from .intervention_entry import local_today

PERSONAL_NOTES_TEXT = (
    "Notes personnelles : leur auteur seul, et les collègues qu'il ou elle a nommés. Ni le ou la "
    "suppléant(e), ni le ou la responsable, ni le secrétariat ne les lisent."
)


@dataclass(frozen=True)
class _Loaded:
    panel: AccessPanel
    covers: list[CoverLine]
    log: list[LogLine] | None
    log_refusal: str


class AccessTab(QWidget):
    """Who has access to one dossier, its covering colleagues and its access log.

    Args:
        session, runner, prompts: as for the dossier window.
        dossier_id: the dossier.
        parent: the dossier window.

    Signals:
        covers_changed(): a covering colleague was named or withdrawn.
    """

    covers_changed = Signal()

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts, dossier_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self.dossier_id = dossier_id
        self.referent_id: int | None = None  # set by the dossier window once it is read
        self._loaded: _Loaded | None = None
        self._dialog: CoverDialog | None = None
        self._closed = False

        # Left: who reads what; right: the covering colleagues and the log.
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        right = QVBoxLayout()
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        title = QLabel(self.tr("Qui peut lire ce dossier aujourd'hui, et pourquoi"), self)
        title.setStyleSheet("QLabel { font-weight: 600; }")
        left.addWidget(title)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        left.addWidget(self.tree, 1)
        self.personal_label = QLabel(self.tr(PERSONAL_NOTES_TEXT), self)
        self.personal_label.setWordWrap(True)
        mute(self.personal_label)
        left.addWidget(self.personal_label)

        covers_box = QGroupBox(self.tr("Suppléance (double gestion)"), self)
        covers_layout = QVBoxLayout(covers_box)
        self.covers_list = QListWidget(covers_box)
        self.covers_list.setMaximumHeight(70)
        covers_layout.addWidget(self.covers_list)
        buttons = QHBoxLayout()
        self.designate_button = QPushButton(self.tr("Confier à un(e) suppléant(e)…"), covers_box)
        self.withdraw_button = QPushButton(self.tr("Retirer la suppléance"), covers_box)
        buttons.addWidget(self.designate_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        covers_layout.addLayout(buttons)
        right.addWidget(covers_box)

        log_box = QGroupBox(self.tr("Journal du dossier : qui l'a ouvert, modifié, imprimé"),
                            self)
        log_layout = QVBoxLayout(log_box)
        self.log_table = QTableWidget(0, 4, log_box)
        self.log_table.setHorizontalHeaderLabels(
            [self.tr("Quand"), self.tr("Qui"), self.tr("Quoi"), self.tr("Détail")])
        self.log_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.log_table.verticalHeader().hide()
        setup_table(self.log_table)
        for column, width in ((0, 125), (1, 100), (2, 185)):
            self.log_table.setColumnWidth(column, width)
        log_layout.addWidget(self.log_table)
        self.log_refusal_label = QLabel(log_box)
        self.log_refusal_label.setWordWrap(True)
        mute(self.log_refusal_label)
        log_layout.addWidget(self.log_refusal_label)
        right.addWidget(log_box, 1)

        self.designate_button.clicked.connect(self._on_designate_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)
        self.covers_list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- loading -------------------------------------------------------------------------------
    def load(self) -> None:
        session, dossier_id = self._session, self.dossier_id

        def read() -> _Loaded:
            info = AccessInfoService(session)
            panel = info.who_has_access(dossier_id)
            covers = CoverService(session).of_dossier(dossier_id)
            try:
                log, refusal = info.dossier_log(dossier_id), ""
            except NotAllowed as exc:
                log, refusal = None, exc.message
            return _Loaded(panel, covers, log, refusal)

        self._runner.run(read, self._on_loaded, self._on_failed)

    def closed_for_session(self) -> None:
        self._closed = True
        if self._dialog is not None and isValid(self._dialog):
            self._dialog.reject()

    def _alive(self) -> bool:
        return not self._closed and isValid(self)

    def _on_loaded(self, loaded: _Loaded) -> None:
        if not self._alive():
            return
        self._loaded = loaded
        self._fill_tree(loaded.panel)
        self.covers_list.clear()
        for line in loaded.covers:
            item = QListWidgetItem(self.tr("%s, %s — %s") % (
                line.colleague, line.cover.period, line.scope), self.covers_list)
            item.setData(Qt.ItemDataRole.UserRole, line.cover.id)
        if not loaded.covers:
            item = QListWidgetItem(self.tr("Aucune suppléance en cours ou prévue."),
                                   self.covers_list)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.log_table.setRowCount(0)
        self.log_table.setVisible(loaded.log is not None)
        self.log_refusal_label.setVisible(loaded.log is None)
        self.log_refusal_label.setText(loaded.log_refusal)
        for row, line in enumerate(loaded.log or []):
            self.log_table.insertRow(row)
            for column, text in enumerate((format_instant_fr(line.at), line.actor, line.action,
                                           line.detail)):
                self.log_table.setItem(row, column, QTableWidgetItem(text))
        self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        if self._alive():
            self.tree.clear()
            QTreeWidgetItem(self.tree, [user_message(exc)])

    def _fill_tree(self, panel: AccessPanel) -> None:
        self.tree.clear()
        for level in Level:
            lines = panel.of_level(level)
            top = QTreeWidgetItem(self.tree, [level.label])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            if level is Level.IDENTITY:
                self._line(top, self.tr("Tous les comptes actifs de la station (%d)")
                           % panel.active_accounts,
                           self.tr("pour éviter les doublons et savoir qui suit la personne"))
            else:
                for line in lines:
                    self._line(top, line.account.full_name, line.reason,
                               line.account.role_label)
                if not lines:
                    self._line(top, self.tr("Personne"), "")
            top.setExpanded(True)

    @staticmethod
    def _line(top: QTreeWidgetItem, who: str, why: str, role: str = "") -> None:
        item = QTreeWidgetItem(top, [f"{who} — {why}" if why else who])
        item.setToolTip(0, f"{who} ({role}) — {why}" if role else item.text(0))

    def texts(self) -> list[str]:
        """Every line of the panel as "niveau | compte — raison" (tests and screen readers)."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                found.append(f"{top.text(0)} | {top.child(j).text(0)}")
        return found

    # -- covering colleagues -------------------------------------------------------------------
    def _selected_cover(self) -> int | None:
        item = self.covers_list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    @Slot()
    def _update_buttons(self) -> None:
        # Offered to whoever the service lets name a covering colleague (it checks anyway).
        may = self.referent_id is not None and can_designate_cover(self._session.account,
                                                                     self.referent_id)
        self.designate_button.setVisible(may)
        self.withdraw_button.setVisible(may)
        self.withdraw_button.setEnabled(self._selected_cover() is not None)

    @Slot()
    def _on_designate_button_clicked(self) -> None:
        session = self._session

        def colleagues() -> list:
            return CoverService(session).colleagues()

        self._runner.run(colleagues, self._open_dialog, self._on_action_failed)

    def _open_dialog(self, colleagues: list) -> None:
        if not self._alive():
            return
        colleagues = [a for a in colleagues if a.id != self.referent_id]
        subject = self.tr("ce dossier")
        self._dialog = CoverDialog(colleagues, local_today(self._session), absence=False,
                                   subject=subject, parent=self)
        self._dialog.submitted.connect(self._on_dialog_submitted)
        self._dialog.finished.connect(self._on_dialog_finished)
        self._dialog.open()

    @Slot()
    def _on_dialog_submitted(self) -> None:
        dialog = self._dialog
        if dialog is None or self.sender() is not dialog:
            return
        colleague, start, end = dialog.values()
        session, dossier_id = self._session, self.dossier_id
        dialog.set_busy(True)
        self._run(lambda: CoverService(session).designate_on_dossier(
            dossier_id, colleague, start, end), dialog)

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self._dialog:
            self._dialog = None
        if isinstance(dialog, CoverDialog):
            dialog.deleteLater()

    @Slot()
    def _on_withdraw_button_clicked(self) -> None:
        cover_id = self._selected_cover()
        if cover_id is None:
            return
        if not self._prompts.confirm(self, self.tr("Retirer la suppléance"), self.tr(
                "Le ou la suppléant(e) n'aura plus accès à ce dossier dès maintenant. "
                "Continuer ?")):
            return
        session = self._session
        self._run(lambda: CoverService(session).withdraw(cover_id), None)

    def _run(self, call: Callable[[], Any], dialog: CoverDialog | None) -> None:
        run_cover_change(self._runner, call, dialog, alive=self._alive,
                         changed=self._on_covers_changed, failed=self._on_action_failed)

    def _on_covers_changed(self) -> None:
        self.load()
        self.covers_changed.emit()

    def _on_action_failed(self, exc: BaseException) -> None:
        if self._alive():
            self._prompts.error(self, self.tr("Suppléance"), user_message(exc))
