"""Naming a covering colleague (*suppléant*): on one dossier, or on all of an absent referent's
dossiers for a date range (double management).

The dialog only collects the choice; :class:`~anaiss_desktop.services.covers.CoverService`
decides whether it is allowed and why not, and the caller shows that message in the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.accounts import Account
from ...domain.dates import format_fr
from ..messages import mute, user_message
from ..workers import TaskRunner
from .intervention_entry import DateKeys
from .validated_dialog import ValidatedDialog


class CoverDialog(ValidatedDialog):
    """Choose the colleague and the dates of a covering period.

    Args:
        colleagues: who can be named (active social workers).
        today: the first day proposed.
        absence: True for all of a referent's dossiers (an end date is then required).
        subject: what is being covered, in words ("le dossier 2026-00012", "vos dossiers").
        parent: the window it belongs to.

    Signals:
        submitted(): the user confirmed a valid choice (read it with :meth:`values`).
    """


    def __init__(self, colleagues: list[Account], today: date, *, absence: bool, subject: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._absence = absence
        self._today = today
        self.setWindowTitle(self.tr("Confier à un(e) suppléant(e)"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Pendant la période choisie, le ou la suppléant(e) a, pour %s, le même accès "
            "que le ou la référent(e), sauf ses notes personnelles. Chaque consultation est "
            "enregistrée et présentée au retour.") % subject, self)
        intro.setWordWrap(True)
        mute(intro)
        layout.addWidget(intro)
        form = QFormLayout()
        self.colleague_combo = QComboBox(self)
        for account in colleagues:
            self.colleague_combo.addItem(f"{account.full_name} ({account.role_label})",
                                         account.id)
        form.addRow(self.tr("Suppléant(e)"), self.colleague_combo)
        self.start_edit = QLineEdit(format_fr(today), self)
        self.start_edit.setPlaceholderText(self.tr("JJ/MM/AAAA"))
        self.start_keys = DateKeys(self.start_edit, lambda: self._today)
        form.addRow(self.tr("Du"), self.start_edit)
        self.end_edit = QLineEdit(self)
        self.end_edit.setPlaceholderText(self.tr("JJ/MM/AAAA") if absence
                                         else self.tr("JJ/MM/AAAA (vide : jusqu'au retrait)"))
        self.end_keys = DateKeys(self.end_edit, lambda: self._today)
        form.addRow(self.tr("Au (inclus)"), self.end_edit)
        layout.addLayout(form)
        self.problem_label = QLabel(self)
        layout.addWidget(self.problem_label)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.button_box.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Confier"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        self._watch(self.button_box, self.problem_label)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        if not colleagues:
            self.show_problem(self.tr("Aucun(e) autre travailleur social actif sur la station."))
            self.button_box.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)

    def values(self) -> tuple[int, date, date | None]:
        """(colleague id, first day, last day or None); ValueError (French) if incomplete."""
        colleague = self.colleague_combo.currentData()
        if colleague is None:
            raise ValueError(self.tr("Choisissez un(e) suppléant(e)."))
        try:
            start = self.start_keys.value()
        except ValueError as exc:
            raise ValueError(self.tr("Début : %s.") % exc) from exc
        try:
            end = self.end_keys.value()
        except ValueError as exc:
            raise ValueError(self.tr("Fin : %s.") % exc) from exc
        if start is None:
            raise ValueError(self.tr("Indiquez le premier jour de la suppléance."))
        if end is None and self._absence:
            raise ValueError(self.tr("Indiquez le dernier jour de l'absence."))
        return int(colleague), start, end

    def set_busy(self, busy: bool) -> None:
        self.button_box.setEnabled(not busy)


def run_cover_change(runner: TaskRunner, call: Callable[[], Any], dialog: CoverDialog | None, *,
                     alive: Callable[[], bool], changed: Callable[[], None],
                     failed: Callable[[BaseException], None]) -> None:
    """Run a designation or a withdrawal asked from a screen: on success the dialog (if any)
    closes and ``changed`` runs; a refusal shows in the dialog, where the choice can be mended,
    or goes to ``failed`` when there is no dialog. Nothing happens once the screen is gone."""

    def done(_result: Any) -> None:
        if not alive():
            return
        if dialog is not None and isValid(dialog):
            dialog.accept()
        changed()

    def refused(exc: BaseException) -> None:
        if not alive():
            return
        if dialog is not None and isValid(dialog):
            dialog.set_busy(False)
            dialog.show_problem(user_message(exc))
        else:
            failed(exc)

    runner.run(call, done, refused)
