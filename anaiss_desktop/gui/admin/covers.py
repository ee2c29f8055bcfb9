"""The unit manager's covering colleagues (*suppléances*): every current or coming designation of
the station, an absence organised for anybody, a designation withdrawn.

A referent names their own covering colleague from a dossier; this tab is for the manager, who
organises the absence of someone who could not (a sudden illness) and sees the whole unit at
once. :class:`~anaiss_desktop.services.covers.CoverService` decides what is allowed: the list
is refused to a non-manager, a designation with its dates in the wrong order is refused with a
French message, which the dialog shows.

The absence takes two small steps: who is away (:class:`AbsentReferentDialog`), then who
covers and when (:class:`~anaiss_desktop.gui.dossiers.cover_dialog.CoverDialog`, the one a
referent uses from a dossier).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.access import can_be_referent
from ...domain.accounts import Account
from ...domain.dates import format_fr
from ...services.accounts import AccountService
from ...services.covers import CoverLine, CoverService, of_name
from ...services.session import Session
from ..dossiers.cover_dialog import CoverDialog
from ..dossiers.intervention_entry import local_today
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import RowsModel, error_label
from .tab import RowsTab

DOUBLE_MANAGEMENT_TEXT = (
    "Double gestion : pendant la période, le ou la suppléant(e) a l'accès du ou de la "
    "référent(e) à ses dossiers, sauf à ses notes personnelles.\nChaque consultation est "
    "enregistrée et présentée au retour ; la période finie, l'accès cesse."
)


def social_workers(accounts: list[Account]) -> list[Account]:
    """The active accounts that can hold dossiers (assistants, manager-social workers), by name."""
    found = [a for a in accounts if not a.disabled and can_be_referent(a)]
    return sorted(found, key=lambda a: a.full_name.casefold())


class CoverTableModel(RowsModel[CoverLine]):
    """The station's current and coming designations, in the service's order; a designation is
    recognised by its id.

    Args:
        parent: the owning widget.
    """

    COLLEAGUE, SCOPE, PERIOD = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                (self.tr("Suppléant(e)"), lambda line: line.colleague),
                (self.tr("Remplace"), self._scope),
                (self.tr("Période"), lambda line: line.cover.period),
            ),
            key=lambda line: line.cover.id,
            parent=parent,
        )

    def _scope(self, line: CoverLine) -> str:
        if line.dossier_number:
            return self.tr("%s — dossier %s") % (line.referent, line.dossier_number)
        return self.tr("%s — tous ses dossiers") % line.referent


class AbsentReferentDialog(QDialog):
    """First step of an absence: whose dossiers are to be covered.

    Args:
        referents: the active social workers (the manager too when a social worker).
        parent: the covers tab.

    Signals:
        submitted(): "Suivant" was pressed (read the choice with :meth:`referent`).
    """

    submitted = Signal()

    def __init__(self, referents: list[Account], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Organiser une absence"))
        self.setMinimumWidth(440)
        self._referents = {a.id: a for a in referents}
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Qui sera absent(e) ? Ses dossiers seront confiés à un(e) suppléant(e) pour la "
            "durée de l'absence."), self)
        intro.setWordWrap(True)
        mute(intro)
        layout.addWidget(intro)
        form = QFormLayout()
        self.referent_combo = QComboBox(self)
        self.referent_combo.setObjectName("referent_combo")
        for account in referents:
            self.referent_combo.addItem(f"{account.full_name} ({account.role_label})", account.id)
        label = QLabel(self.tr("&Absent(e) :"), self)
        label.setBuddy(self.referent_combo)
        form.addRow(label, self.referent_combo)
        layout.addLayout(form)
        self.problem_label = error_label(self, "problem_label")
        layout.addWidget(self.problem_label)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Suivant…"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self.button_box.accepted.connect(self._on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        if len(referents) < 2:
            self.problem_label.setText(self.tr(
                "Il faut au moins deux travailleurs sociaux actifs sur la station : l'absent(e) "
                "et son ou sa suppléant(e)."))
            self.problem_label.show()
            self.ok_button.setEnabled(False)

    def referent(self) -> Account | None:
        value = self.referent_combo.currentData()
        return self._referents.get(int(value)) if value is not None else None

    def select(self, login: str) -> bool:
        for index in range(self.referent_combo.count()):
            account = self._referents[int(self.referent_combo.itemData(index))]
            if account.login == login:
                self.referent_combo.setCurrentIndex(index)
                return True
        return False

    def set_busy(self, busy: bool) -> None:
        self.button_box.setEnabled(not busy)

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.referent() is not None:
            self.submitted.emit()


class CoversTab(RowsTab[CoverLine, AbsentReferentDialog | CoverDialog]):
    """Every current or coming *suppléance* of the station; organise an absence, withdraw one.

    Usable as a tab of the administration dialog or on its own.

    Args:
        session: the signed-in manager's session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the owning widget.

    Signals:
        covers_changed(): a designation was made or withdrawn.
    """

    covers_changed = Signal()

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, runner, prompts, parent)
        self._workers: list[Account] = []
        self._build()
        self._update_buttons()
        self.refresh()

    def _build(self) -> None:
        self.absence_button = QPushButton(self.tr("&Organiser une absence…"), self)
        self.absence_button.setObjectName("absence_button")
        self.withdraw_button = QPushButton(self.tr("Re&tirer"), self)
        self.withdraw_button.setObjectName("withdraw_button")
        self.withdraw_button.setToolTip(self.tr(
            "Mettre fin dès maintenant à la suppléance choisie."))
        self.empty_label = QLabel(self.tr("Aucune suppléance en cours ni à venir."), self)
        self.empty_label.setObjectName("empty_label")
        mute(self.empty_label)
        self.empty_label.hide()
        self._build_page(self.tr(DOUBLE_MANAGEMENT_TEXT),
                         (self.absence_button, self.withdraw_button), CoverTableModel(self),
                         below=(self.empty_label,), stretch_end=True)
        self.absence_button.clicked.connect(self._on_absence_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the designations again (after a change, or when the tab is shown)."""
        self._keep_selection()
        service = CoverService(self._session)
        self._runner.run(service.all, self._show_lines, self._show_refused)

    def _show_lines(self, lines: list[CoverLine]) -> None:
        if not isValid(self):
            return
        self._set_refusal("")
        self.table_view.show()
        self.empty_label.setVisible(not lines)
        self._show_rows(lines)

    def _show_refused(self, exc: BaseException) -> None:
        """Not a manager, closed session: say so instead of a table."""
        if not isValid(self):
            return
        self.model.set_rows([])
        self._set_refusal(user_message(exc))
        self.table_view.hide()
        self.empty_label.hide()
        self._update_buttons()

    def lines(self) -> list[CoverLine]:
        return self.model.rows()

    def rows(self) -> list[list[str]]:
        """The table as the manager reads it, one list of cells per row."""
        model = self.model
        return [[str(model.index(row, column).data()) for column in range(model.columnCount())]
                for row in range(model.rowCount())]

    # -- buttons -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        editable = not self._refusal and not self._runner.busy
        self.absence_button.setEnabled(editable)
        self.withdraw_button.setEnabled(editable and self.selected() is not None)

    # -- organising an absence -----------------------------------------------------------------
    @Slot()
    def _on_absence_button_clicked(self) -> None:
        service = AccountService(self._session)

        def load() -> list[Account]:
            return social_workers([view.account for view in service.list_accounts()])

        self._show_status("")
        self._runner.run(load, self._open_referent_dialog, self._on_action_failed)

    def _open_referent_dialog(self, workers: list[Account]) -> None:
        if not isValid(self):
            return
        self._workers = workers
        dialog = AbsentReferentDialog(workers, self)
        self._open_dialog(dialog, lambda: self._submit_referent(dialog))

    def _submit_referent(self, dialog: AbsentReferentDialog) -> None:
        absent = dialog.referent()
        if absent is None:
            return
        dialog.accept()
        colleagues = [a for a in self._workers if a.id != absent.id]
        cover = CoverDialog(colleagues, local_today(self._session), absence=True,
                            subject=self.tr("tous les dossiers %s") % of_name(absent.full_name),
                            parent=self)
        cover.setWindowTitle(self.tr("Absence %s : suppléance") % of_name(absent.full_name))
        self._open_dialog(cover, lambda: self._submit_cover(cover, absent))

    def _submit_cover(self, dialog: CoverDialog, absent: Account) -> None:
        colleague_id, start, end = dialog.values()
        colleague = next((a.full_name for a in self._workers if a.id == colleague_id), "")
        session = self._session
        dialog.set_busy(True)

        def designate() -> int:
            assert end is not None  # an absence always has an end (the dialog checked it)
            return CoverService(session).designate_for_absence(absent.id, colleague_id, start,
                                                               end)

        def done(cover_id: int) -> None:
            if not isValid(self):
                return
            if isValid(dialog):
                dialog.accept()
            self._select_after_refresh = cover_id
            period = self.tr("du %s au %s") % (format_fr(start), format_fr(end))
            self._show_status(self.tr("Absence %s organisée : %s la remplace %s.")
                              % (of_name(absent.full_name), colleague, period))
            self.refresh()
            self.covers_changed.emit()

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            if isValid(dialog):
                dialog.set_busy(False)
                dialog.show_problem(user_message(exc))
            else:
                self._on_action_failed(exc)

        self._runner.run(designate, done, failed)

    # -- withdrawing ---------------------------------------------------------------------------
    @Slot()
    def _on_withdraw_button_clicked(self) -> None:
        line = self.selected()
        if line is None:
            return
        if not self._prompts.confirm(self, self.tr("Retirer la suppléance"), self.tr(
                "%s n'aura plus accès à %s dès maintenant. Retirer cette suppléance ?")
                % (line.colleague, self._scope_words(line))):
            return
        session, cover_id = self._session, line.cover.id
        success = self.tr("Suppléance de %s retirée.") % line.colleague
        self._run(None, self.tr("Suppléance"), lambda: CoverService(session).withdraw(cover_id),
                  lambda _result: success, changed=self.covers_changed.emit)

    def _scope_words(self, line: CoverLine) -> str:
        if line.dossier_number:
            return self.tr("le dossier %s") % line.dossier_number
        return self.tr("tous les dossiers %s") % of_name(line.referent)

    def _on_action_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self._prompts.error(self, self.tr("Suppléance"), user_message(exc))
