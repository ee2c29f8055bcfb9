"""The manager's *Suppléances* tab driven like a manager would: an absence organised through the
two dialogs (dates typed), the table read, a designation withdrawn; and what the covering
colleague can then open, checked through the service itself.

Real stations (conftest ``team``: the manager, Anne Martin, Louis Petit, a secretary), a
synchronous task runner and recorded prompts.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import ASSISTANT_LOGIN, OTHER_NAME
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.gui.admin import AdminDialog
from anaiss_desktop.gui.admin.covers import AbsentReferentDialog, CoversTab
from anaiss_desktop.gui.dossiers.cover_dialog import CoverDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import NotAllowed
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

TODAY = date(2026, 11, 2)
ABSENCE = "du 02/11/2026 au 13/11/2026"


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def dossier_id(anne: Session) -> int:
    """A dossier Anne Martin is the referent of."""
    person_id = PersonService(anne).create(PersonInput(usage_name="Lefort", first_names="Paul"))
    return DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))


@pytest.fixture
def make_tab(qtbot, prompts):
    def make(session: Session) -> CoversTab:
        tab = CoversTab(session, TaskRunner(synchronous=True), prompts)
        qtbot.addWidget(tab)
        tab.resize(900, 420)
        tab.show()
        return tab

    return make


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def combo_texts(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def choose(combo, starts_with: str) -> None:
    index = next(i for i, text in enumerate(combo_texts(combo)) if text.startswith(starts_with))
    combo.setCurrentIndex(index)


def type_date(qtbot, edit, text: str) -> None:
    """Select what the field holds and type over it, as a person would."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def open_absence_dialogs(qtbot, tab: CoversTab, absent: str) -> CoverDialog:
    """Organiser une absence… → choose the absent referent → the covering dialog."""
    click(qtbot, tab.absence_button)
    first = tab.current_dialog
    assert isinstance(first, AbsentReferentDialog) and first.isVisible()
    choose(first.referent_combo, absent)
    click(qtbot, first.ok_button)
    assert not first.isVisible()
    second = tab.current_dialog
    assert isinstance(second, CoverDialog) and second.isVisible()
    return second


def confirm_button(dialog: CoverDialog):
    return dialog.button_box.buttons()[0]


def test_manager_organises_annes_absence_covered_by_louis_then_withdraws_it(
        qtbot, make_tab, manager, anne, louis, dossier_id, prompts):
    tab = make_tab(manager)
    assert tab.rows() == []
    assert tab.empty_label.isVisible()
    assert "sauf à ses notes personnelles" in tab.explanation_label.text()
    assert not tab.withdraw_button.isEnabled()
    with pytest.raises(NotAllowed):  # before: Louis has no access to Anne's dossier
        DossierService(louis).open(dossier_id)

    click(qtbot, tab.absence_button)
    first = tab.current_dialog
    assert isinstance(first, AbsentReferentDialog)
    # Active social workers only (no secretary), the manager too as she is one.
    assert combo_texts(first.referent_combo) == [
        "Anne Martin (Assistant(e) social(e))",
        "Claire Responsable (Responsable d'unité (travailleur social))",
        "Louis Petit (Assistant(e) social(e))",
    ]
    choose(first.referent_combo, "Anne Martin")
    click(qtbot, first.ok_button)

    dialog = tab.current_dialog
    assert isinstance(dialog, CoverDialog) and dialog.isVisible()
    assert "tous les dossiers d'Anne Martin" in " ".join(
        label.text() for label in dialog.findChildren(QLabel))
    assert combo_texts(dialog.colleague_combo) == [  # not Anne herself
        "Claire Responsable (Responsable d'unité (travailleur social))",
        "Louis Petit (Assistant(e) social(e))",
    ]
    choose(dialog.colleague_combo, OTHER_NAME)
    type_date(qtbot, dialog.start_edit, "02/11/2026")
    type_date(qtbot, dialog.end_edit, "13/11/2026")
    with qtbot.waitSignal(tab.covers_changed):
        click(qtbot, confirm_button(dialog))

    assert prompts.shown == []
    assert tab.current_dialog is None
    assert tab.rows() == [["Louis Petit", "Anne Martin — tous ses dossiers", ABSENCE]]
    assert not tab.empty_label.isVisible()
    assert tab.status_text() == (
        f"Absence d'Anne Martin organisée : Louis Petit la remplace {ABSENCE}.")
    [line] = CoverService(manager).all()
    assert line.cover.referent_id == anne.account.id
    assert line.cover.dossier_id is None and line.cover.colleague_id == louis.account.id

    view = DossierService(louis).open(dossier_id)  # Louis now covers Anne's dossiers
    assert view.covering is not None and view.dossier.referent_name == "Anne Martin"

    rect = tab.table_view.visualRect(tab.model.index(0, 0))
    qtbot.mouseClick(tab.table_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected() == line
    click(qtbot, tab.withdraw_button)
    assert prompts.shown[-1][0] == "confirm"
    assert "Louis Petit n'aura plus accès à tous les dossiers d'Anne Martin" in (
        prompts.shown[-1][2])
    assert tab.rows() == []
    assert tab.status_text() == "Suppléance de Louis Petit retirée."
    with pytest.raises(NotAllowed):
        DossierService(louis).open(dossier_id)


def test_a_refused_designation_shows_the_services_message_in_the_dialog(
        qtbot, make_tab, manager, prompts):
    tab = make_tab(manager)
    dialog = open_absence_dialogs(qtbot, tab, "Anne Martin")
    choose(dialog.colleague_combo, OTHER_NAME)
    type_date(qtbot, dialog.start_edit, "13/11/2026")
    type_date(qtbot, dialog.end_edit, "02/11/2026")
    click(qtbot, confirm_button(dialog))

    assert dialog.isVisible() and tab.current_dialog is dialog
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == "La fin de la suppléance précède son début."
    assert confirm_button(dialog).isEnabled()  # she can correct the dates and try again
    assert prompts.shown == []
    assert tab.rows() == []

    type_date(qtbot, dialog.end_edit, "20/11/2026")
    click(qtbot, confirm_button(dialog))
    assert not dialog.isVisible()
    assert tab.rows() == [["Louis Petit", "Anne Martin — tous ses dossiers",
                           "du 13/11/2026 au 20/11/2026"]]


def test_an_absence_needs_its_last_day(qtbot, make_tab, manager):
    tab = make_tab(manager)
    dialog = open_absence_dialogs(qtbot, tab, "Louis Petit")
    click(qtbot, confirm_button(dialog))
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Indiquez le dernier jour de l'absence."
    dialog.reject()
    assert tab.current_dialog is None and tab.rows() == []


def test_cancelling_the_first_step_changes_nothing(qtbot, make_tab, manager):
    tab = make_tab(manager)
    click(qtbot, tab.absence_button)
    first = tab.current_dialog
    assert isinstance(first, AbsentReferentDialog)
    first.reject()
    assert tab.current_dialog is None
    assert CoverService(manager).all() == []


def test_the_table_also_lists_a_cover_a_referent_named_on_one_dossier(
        make_tab, manager, anne, louis, dossier_id):
    CoverService(anne).designate_on_dossier(dossier_id, louis.account.id, TODAY)
    number = DossierService(anne).open(dossier_id).dossier.number
    tab = make_tab(manager)
    assert tab.rows() == [
        ["Louis Petit", f"Anne Martin — dossier {number}", "à partir du 02/11/2026"],
    ]


def test_a_social_worker_who_is_not_manager_sees_the_refusal(make_tab, anne):
    tab = make_tab(anne)
    assert tab.refusal_label.isVisible()
    assert tab.refusal_text() == "Seul(e) un(e) responsable d'unité peut faire cela."
    assert not tab.table_view.isVisible()
    assert not tab.absence_button.isEnabled() and not tab.withdraw_button.isEnabled()


def test_admin_dialog_has_the_covers_tab_and_reads_it_when_shown(qtbot, manager, louis, prompts):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert tabs[:2] == ["Comptes", "Suppléances"]
    anne_id = next(a.id for a in CoverService(manager).colleagues() if a.login == ASSISTANT_LOGIN)
    CoverService(manager).designate_for_absence(anne_id, louis.account.id, TODAY,
                                                date(2026, 11, 6))
    dialog.tabs.setCurrentWidget(dialog.covers)
    assert dialog.covers.rows() == [
        ["Louis Petit", "Anne Martin — tous ses dossiers", "du 02/11/2026 au 06/11/2026"],
    ]


def test_closing_the_admin_dialog_closes_an_open_cover_dialog(qtbot, manager, prompts):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.covers)
    cover = open_absence_dialogs(qtbot, dialog.covers, OTHER_NAME)
    dialog.reject()  # e.g. the session locks
    assert not cover.isVisible()
    assert dialog.covers.current_dialog is None
