"""Mes absences et suppléances: the person's own covering periods, both ways.

Before leaving, a social worker names who covers all their dossiers for the dates of the
absence (double management, SPEC §2); the same list says which colleagues they cover
themselves. The dialog only collects and shows: :class:`~anaiss_desktop.services.covers.
CoverService` decides who may name or withdraw whom, and its French message is what is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.access import can_be_referent
from ...services.covers import CoverLine, CoverService
from ...services.session import Session
from ..dossiers.cover_dialog import CoverDialog, run_cover_change
from ..dossiers.intervention_entry import local_today
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import AccountDialog, TablePanel

INTRO = (
    "Pendant votre absence, le ou la suppléant(e) a le même accès que vous à vos dossiers : "
    "coordonnées, rendez-vous, suivi et notes « dossier ». Jamais à vos notes personnelles. "
    "Chaque consultation et chaque action de sa part est enregistrée et vous est présentée à "
    "votre retour, sur l'écran « Mon activité »."
)


class AbsencesDialog(AccountDialog):
    """The covering periods where I am the one covered or the one covering, current or coming.

    Args:
        session, runner, prompts: as for the main window.
        parent: the main window.

    Signals:
        covers_changed(): an absence was declared or a designation withdrawn.
    """

    covers_changed = Signal()

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.setWindowTitle(self.tr("Mes absences et suppléances"))
        self.resize(760, 420)
        self._lines: list[CoverLine] = []
        self.cover_dialog: CoverDialog | None = None

        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr(INTRO), self)
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)
        layout.addWidget(self.intro_label)
        self.panel = TablePanel(
            [self.tr("Suppléant(e)"), self.tr("Pour"), self.tr("Période")],
            self.tr("Aucune absence ni suppléance en cours ou prévue."), self)
        layout.addWidget(self.panel, 1)

        buttons = QHBoxLayout()
        self.declare_button = QPushButton(self.tr("Déclarer une absence…"), self)
        self.withdraw_button = QPushButton(self.tr("Retirer"), self)
        self.withdraw_button.setToolTip(self.tr(
            "Retire la suppléance choisie dès maintenant. Seul(e) le ou la référent(e), la "
            "personne qui l'a confiée ou un(e) responsable la retire."))
        for button in (self.declare_button, self.withdraw_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.declare_note_label = QLabel(self)
        self.declare_note_label.setWordWrap(True)
        mute(self.declare_note_label)
        self.declare_note_label.hide()
        layout.addWidget(self.declare_note_label)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.button_box.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Fermer"))
        self.button_box.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

        if not can_be_referent(session.account):
            self.declare_button.setEnabled(False)
            self.declare_note_label.setText(self.tr(
                "Seul(e) un(e) travailleur social a des dossiers à confier pendant une absence."))
            self.declare_note_label.show()
        self.declare_button.clicked.connect(self._on_declare_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)
        self.panel.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        session = self._session
        self._runner.run(lambda: CoverService(session).mine(), self._on_loaded,
                         self._on_action_failed)

    def _on_loaded(self, lines: list[CoverLine]) -> None:
        if not self._alive():
            return
        self._lines = lines
        today = local_today(self._session)
        self.panel.set_rows([(self._cells(line, today), index)
                             for index, line in enumerate(lines)])
        self._update_buttons()

    def _cells(self, line: CoverLine, today: date) -> tuple[str, str, str]:
        cover = line.cover
        period = cover.period
        if cover.starts_on > today:
            period = self.tr("%s (à venir)") % period
        if cover.colleague_id == self._session.account.id:
            scope = (self.tr("tous ses dossiers") if line.dossier_number is None
                     else self.tr("dossier %s") % line.dossier_number)
            return (self.tr("Vous"), self.tr("Vous remplacez %s — %s") % (line.referent, scope),
                    period)
        scope = (self.tr("tous vos dossiers") if line.dossier_number is None
                 else self.tr("votre dossier %s") % line.dossier_number)
        return line.colleague, self.tr("Vous — %s") % scope, period

    def _selected(self) -> CoverLine | None:
        index = self.panel.current_data()
        return self._lines[index] if index is not None and index < len(self._lines) else None

    @Slot()
    def _update_buttons(self) -> None:
        line = self._selected()
        account = self._session.account
        # Covering someone does not let one end the cover (the service says so too): only the
        # person covered, whoever named the colleague, or a manager.
        self.withdraw_button.setEnabled(line is not None and (
            line.cover.colleague_id != account.id or account.is_manager))

    # -- declaring an absence ------------------------------------------------------------------
    @Slot()
    def _on_declare_button_clicked(self) -> None:
        session = self._session
        self._runner.run(lambda: CoverService(session).colleagues(), self._open_cover_dialog,
                         self._on_action_failed)

    def _open_cover_dialog(self, colleagues: list) -> None:
        if not self._alive():
            return
        dialog = CoverDialog(colleagues, local_today(self._session), absence=True,
                             subject=self.tr("tous vos dossiers"), parent=self)
        dialog.setWindowTitle(self.tr("Déclarer une absence"))
        dialog.submitted.connect(self._on_cover_dialog_submitted)
        dialog.finished.connect(self._on_cover_dialog_finished)
        self.cover_dialog = dialog
        dialog.open()

    @Slot()
    def _on_cover_dialog_submitted(self) -> None:
        dialog = self.cover_dialog
        if dialog is None or self.sender() is not dialog:
            return
        colleague, start, end = dialog.values()
        session = self._session
        me = session.account.id
        dialog.set_busy(True)
        self._run(lambda: CoverService(session).designate_for_absence(me, colleague, start, end),
                  dialog)

    @Slot(int)
    def _on_cover_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.cover_dialog:
            self.cover_dialog = None
        if isinstance(dialog, CoverDialog):
            dialog.deleteLater()

    # -- withdrawing ---------------------------------------------------------------------------
    @Slot()
    def _on_withdraw_button_clicked(self) -> None:
        line = self._selected()
        if line is None:
            return
        if line.cover.colleague_id == self._session.account.id:
            text = self.tr("Vous n'aurez plus accès aux dossiers que vous confie %s dès "
                           "maintenant. Continuer ?") % line.referent
        elif line.dossier_number is None:
            text = self.tr("%s n'aura plus accès à vos dossiers dès maintenant. "
                           "Continuer ?") % line.colleague
        else:
            text = self.tr("%s n'aura plus accès au dossier %s dès maintenant. "
                           "Continuer ?") % (line.colleague, line.dossier_number)
        if not self._prompts.confirm(self, self.tr("Retirer la suppléance"), text):
            return
        session, cover_id = self._session, line.cover.id
        self._run(lambda: CoverService(session).withdraw(cover_id), None)

    # -- running a change ----------------------------------------------------------------------
    def _run(self, call: Callable[[], Any], dialog: CoverDialog | None) -> None:
        run_cover_change(self._runner, call, dialog, alive=self._alive,
                         changed=self._on_covers_changed, failed=self._on_action_failed)

    def _on_covers_changed(self) -> None:
        self.reload()
        self.covers_changed.emit()

    def _on_action_failed(self, exc: BaseException) -> None:
        if self._alive():
            self._prompts.error(self, self.tr("Absences et suppléances"), user_message(exc))
