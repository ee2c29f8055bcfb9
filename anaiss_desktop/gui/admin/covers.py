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

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
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
from ..messages import ERROR_STYLE, mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import fit_columns, setup_table

_Index = QModelIndex | QPersistentModelIndex

DOUBLE_MANAGEMENT_TEXT = (
    "Double gestion : pendant la période, le ou la suppléant(e) a l'accès du ou de la "
    "référent(e) à ses dossiers, sauf à ses notes personnelles.\nChaque consultation est "
    "enregistrée et présentée au retour ; la période finie, l'accès cesse."
)


def social_workers(accounts: list[Account]) -> list[Account]:
    """The active accounts that can hold dossiers (assistants, manager-social workers), by name."""
    found = [a for a in accounts if not a.disabled and can_be_referent(a)]
    return sorted(found, key=lambda a: a.full_name.casefold())


class CoverTableModel(QAbstractTableModel):
    """The station's current and coming designations, in the service's order.

    ``Qt.ItemDataRole.UserRole`` on any cell gives the row's :class:`CoverLine`.

    Args:
        parent: the owning widget.
    """

    COLLEAGUE, SCOPE, PERIOD = range(3)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._lines: list[CoverLine] = []
        self._headers = (self.tr("Suppléant(e)"), self.tr("Remplace"), self.tr("Période"))

    def set_lines(self, lines: list[CoverLine]) -> None:
        self.beginResetModel()
        self._lines = list(lines)
        self.endResetModel()

    def line_at(self, row: int) -> CoverLine | None:
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def row_of(self, cover_id: int) -> int:
        for row, line in enumerate(self._lines):
            if line.cover.id == cover_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line_at(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COLLEAGUE:
                return line.colleague
            if column == self.SCOPE:
                return self._scope(line)
            return line.cover.period
        if role == Qt.ItemDataRole.UserRole:
            return line
        return None

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
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problem_label")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.hide()
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

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.referent() is not None:
            self.submitted.emit()


class CoversTab(QWidget):
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
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._refusal = ""
        self._dialog: AbsentReferentDialog | CoverDialog | None = None
        self._workers: list[Account] = []
        self._absent: Account | None = None
        self._select_after_refresh: int | None = None
        self._build()
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._update_buttons()
        self.refresh()

    def _build(self) -> None:
        self.explanation_label = QLabel(self.tr(DOUBLE_MANAGEMENT_TEXT), self)
        self.explanation_label.setObjectName("explanation_label")
        self.explanation_label.setWordWrap(True)
        mute(self.explanation_label)

        self.refusal_label = QLabel(self)
        self.refusal_label.setObjectName("refusal_label")
        self.refusal_label.setWordWrap(True)
        self.refusal_label.setStyleSheet(ERROR_STYLE)
        self.refusal_label.hide()

        self.absence_button = QPushButton(self.tr("&Organiser une absence…"), self)
        self.absence_button.setObjectName("absence_button")
        self.withdraw_button = QPushButton(self.tr("Re&tirer"), self)
        self.withdraw_button.setObjectName("withdraw_button")
        self.withdraw_button.setToolTip(self.tr(
            "Mettre fin dès maintenant à la suppléance choisie."))
        buttons = QHBoxLayout()
        buttons.addWidget(self.absence_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)

        self.model = CoverTableModel(self)
        self.table_view = QTableView(self)
        self.table_view.setObjectName("table_view")
        self.table_view.setModel(self.model)
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setShowGrid(False)
        self.table_view.setWordWrap(False)
        self.table_view.verticalHeader().hide()
        self.table_view.horizontalHeader().setHighlightSections(False)
        setup_table(self.table_view)

        self.empty_label = QLabel(self.tr("Aucune suppléance en cours ni à venir."), self)
        self.empty_label.setObjectName("empty_label")
        mute(self.empty_label)
        self.empty_label.hide()
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation_label)
        layout.addWidget(self.refusal_label)
        layout.addLayout(buttons)
        layout.addWidget(self.table_view, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        layout.addStretch(0)  # takes the room only when the table is hidden (a refusal)

        self.table_view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.absence_button.clicked.connect(self._on_absence_button_clicked)
        self.withdraw_button.clicked.connect(self._on_withdraw_button_clicked)

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the designations again (after a change, or when the tab is shown)."""
        selected = self.selected()
        if self._select_after_refresh is None and selected is not None:
            self._select_after_refresh = selected.cover.id
        service = CoverService(self._session)
        self._runner.run(service.all, self._show_lines, self._show_refused)

    def _show_lines(self, lines: list[CoverLine]) -> None:
        if not isValid(self):
            return
        self._refusal = ""
        self.refusal_label.hide()
        self.table_view.show()
        self.model.set_lines(lines)
        fit_columns(self.table_view)
        self.empty_label.setVisible(not lines)
        cover_id, self._select_after_refresh = self._select_after_refresh, None
        if cover_id is not None:
            self.select(cover_id)
        self._update_buttons()

    def _show_refused(self, exc: BaseException) -> None:
        """Not a manager, closed session: say so instead of a table."""
        if not isValid(self):
            return
        self.model.set_lines([])
        self._refusal = user_message(exc)
        self.refusal_label.setText(self._refusal)
        self.refusal_label.show()
        self.table_view.hide()
        self.empty_label.hide()
        self._update_buttons()

    def lines(self) -> list[CoverLine]:
        return [line for row in range(self.model.rowCount())
                if (line := self.model.line_at(row)) is not None]

    def rows(self) -> list[list[str]]:
        """The table as the manager reads it, one list of cells per row."""
        model = self.model
        return [[str(model.index(row, column).data()) for column in range(model.columnCount())]
                for row in range(model.rowCount())]

    def selected(self) -> CoverLine | None:
        rows = self.table_view.selectionModel().selectedRows()
        return self.model.line_at(rows[0].row()) if rows else None

    def select(self, cover_id: int) -> bool:
        row = self.model.row_of(cover_id)
        if row < 0:
            return False
        self.table_view.selectRow(row)
        return True

    def refusal_text(self) -> str:
        return self._refusal

    def status_text(self) -> str:
        return self.status_label.text()

    @property
    def current_dialog(self) -> AbsentReferentDialog | CoverDialog | None:
        """The dialog now open, if any (tests drive it)."""
        return self._dialog

    def close_dialogs(self) -> None:
        if self._dialog is not None:
            self._dialog.reject()

    # -- buttons -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        editable = not self._refusal and not self._runner.busy
        self.absence_button.setEnabled(editable)
        self.withdraw_button.setEnabled(editable and self.selected() is not None)

    @Slot()
    def _on_selection_changed(self) -> None:
        self._update_buttons()

    @Slot(bool)
    def _on_runner_busy_changed(self, busy: bool) -> None:
        if not isValid(self):
            return
        self._update_buttons()
        if isinstance(self._dialog, CoverDialog):
            self._dialog.set_busy(busy)
        elif self._dialog is not None:
            self._dialog.button_box.setEnabled(not busy)

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

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
        self.close_dialogs()
        self._workers = workers
        dialog = AbsentReferentDialog(workers, self)
        self._dialog = dialog
        dialog.submitted.connect(self._on_referent_dialog_submitted)
        dialog.finished.connect(self._on_dialog_finished)
        dialog.open()

    @Slot()
    def _on_referent_dialog_submitted(self) -> None:
        dialog = self._dialog
        if not isinstance(dialog, AbsentReferentDialog) or self.sender() is not dialog:
            return
        absent = dialog.referent()
        if absent is None:
            return
        dialog.accept()
        self._absent = absent
        colleagues = [a for a in self._workers if a.id != absent.id]
        cover = CoverDialog(colleagues, local_today(self._session), absence=True,
                            subject=self.tr("tous les dossiers %s") % of_name(absent.full_name),
                            parent=self)
        cover.setWindowTitle(self.tr("Absence %s : suppléance") % of_name(absent.full_name))
        self._dialog = cover
        cover.submitted.connect(self._on_cover_dialog_submitted)
        cover.finished.connect(self._on_dialog_finished)
        cover.open()

    @Slot()
    def _on_cover_dialog_submitted(self) -> None:
        dialog = self._dialog
        absent = self._absent
        if not isinstance(dialog, CoverDialog) or self.sender() is not dialog or absent is None:
            return
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

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self._dialog:
            self._dialog = None
        if isinstance(dialog, QDialog):
            dialog.deleteLater()

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
        self._run(lambda: CoverService(session).withdraw(cover_id),
                  self.tr("Suppléance de %s retirée.") % line.colleague)

    def _scope_words(self, line: CoverLine) -> str:
        if line.dossier_number:
            return self.tr("le dossier %s") % line.dossier_number
        return self.tr("tous les dossiers %s") % of_name(line.referent)

    def _run(self, call: Callable[[], Any], success: str) -> None:
        def done(_result: Any) -> None:
            if not isValid(self):
                return
            self._show_status(success)
            self.refresh()
            self.covers_changed.emit()

        self._runner.run(call, done, self._on_action_failed)

    def _on_action_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self._prompts.error(self, self.tr("Suppléance"), user_message(exc))
