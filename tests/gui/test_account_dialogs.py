"""The social worker's own screens ("Mon compte", Session menu): absences and covering
colleagues, what I consulted, my personal notes left in dossiers I no longer follow.

Real stations (conftest ``team``: Anne Martin and Louis Petit, assistants; Claire Responsable,
manager and social worker), a synchronous runner, recorded prompts; the checks read what the
dialogs show.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from anaiss_desktop.domain.records import (
    DossierInput,
    InterventionInput,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.gui.account.absences_dialog import AbsencesDialog
from anaiss_desktop.gui.account.history_dialog import HistoryDialog
from anaiss_desktop.gui.account.notes_dialog import LeftNotesDialog
from anaiss_desktop.gui.dossiers.cover_dialog import CoverDialog
from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.notes import NoteService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

PERSONAL = "Intuition personnelle de l'assistante"
PERIOD = "du 02/11/2026 au 13/11/2026"


@pytest.fixture
def dossier_id(anne: Session) -> int:
    """A dossier of Anne's, with one personal note of hers."""
    person_id = PersonService(anne).create(PersonInput(usage_name="Lefort", first_names="Paul"))
    service = DossierService(anne)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 6), kind_code="TELEPHONE", notes=PERSONAL,
        notes_visibility=NoteVisibility.PERSONAL))
    return dossier_id


@pytest.fixture
def open_dialog(qtbot):
    def open_(kind, session: Session, prompts: RecordingPrompts | None = None):
        dialog = kind(session, TaskRunner(synchronous=True), prompts or RecordingPrompts())
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return open_


def click_box(qtbot, box) -> None:
    """Click on the box itself (the widget is wider than its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def ok_button(dialog: CoverDialog):
    return dialog.button_box.button(QDialogButtonBox.StandardButton.Ok)


def test_an_absence_is_declared_listed_both_ways_and_withdrawn(qtbot, anne, louis, open_dialog):
    prompts = RecordingPrompts(answer=True)
    dialog = open_dialog(AbsencesDialog, anne, prompts)
    assert dialog.windowTitle() == "Mes absences et suppléances"
    assert dialog.panel.is_empty
    assert "Jamais à vos notes personnelles" in dialog.intro_label.text()
    assert "présentée à votre retour" in dialog.intro_label.text()

    qtbot.mouseClick(dialog.declare_button, Qt.MouseButton.LeftButton)
    cover = dialog.cover_dialog
    assert cover is not None and cover.isVisible()
    choices = [cover.colleague_combo.itemText(i) for i in range(cover.colleague_combo.count())]
    assert "Louis Petit (Assistant(e) social(e))" in choices
    assert not any("Anne Martin" in choice or "Sophie" in choice for choice in choices)
    cover.colleague_combo.setCurrentIndex(choices.index("Louis Petit (Assistant(e) social(e))"))

    # The service's refusal is said in the dialog, which stays open.
    qtbot.keyClicks(cover.end_edit, "01/11/2026")
    qtbot.mouseClick(ok_button(cover), Qt.MouseButton.LeftButton)
    assert cover.isVisible()
    assert cover.problem_label.text() == "La fin de la suppléance précède son début."
    assert dialog.panel.is_empty

    cover.end_edit.clear()
    qtbot.keyClicks(cover.end_edit, "13/11/2026")
    with qtbot.waitSignal(dialog.covers_changed):
        qtbot.mouseClick(ok_button(cover), Qt.MouseButton.LeftButton)
    assert not cover.isVisible() and dialog.cover_dialog is None
    assert dialog.panel.texts() == [("Louis Petit", "Vous — tous vos dossiers", PERIOD)]

    louis_dialog = open_dialog(AbsencesDialog, louis)
    assert louis_dialog.panel.texts() == [
        ("Vous", "Vous remplacez Anne Martin — tous ses dossiers", PERIOD)]
    louis_dialog.panel.table.selectRow(0)
    assert not louis_dialog.withdraw_button.isEnabled()  # the covered one withdraws, not him

    assert not dialog.withdraw_button.isEnabled()
    dialog.panel.table.selectRow(0)
    assert dialog.withdraw_button.isEnabled()
    with qtbot.waitSignal(dialog.covers_changed):
        qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert prompts.shown[-1][0] == "confirm"
    assert "Louis Petit n'aura plus accès à vos dossiers" in prompts.shown[-1][2]
    assert dialog.panel.is_empty
    assert "Aucune absence" in dialog.panel.empty_label.text()
    louis_dialog.reload()
    assert louis_dialog.panel.is_empty
    assert CoverService(anne).mine() == []


def test_withdrawing_is_not_done_when_not_confirmed(qtbot, anne, louis, open_dialog):
    CoverService(anne).designate_for_absence(anne.account.id, louis.account.id,
                                             date(2026, 11, 9), date(2026, 11, 13))
    prompts = RecordingPrompts(answer=False)
    dialog = open_dialog(AbsencesDialog, anne, prompts)
    assert dialog.panel.texts() == [
        ("Louis Petit", "Vous — tous vos dossiers", "du 09/11/2026 au 13/11/2026 (à venir)")]
    dialog.panel.table.selectRow(0)
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, _, _ in prompts.shown] == ["confirm"]
    assert len(dialog.panel.texts()) == 1


def test_the_secretary_has_no_dossiers_to_entrust(qtbot, secretary, open_dialog):
    dialog = open_dialog(AbsencesDialog, secretary)
    assert not dialog.declare_button.isEnabled()
    assert "travailleur social" in dialog.declare_note_label.text()


def test_the_history_lists_what_i_opened_and_leads_back_to_it(qtbot, anne, dossier_id,
                                                               open_dialog):
    number = DossierService(anne).open(dossier_id).dossier.number
    dialog = open_dialog(HistoryDialog, anne)
    rows = dialog.panel.texts()
    assert ("02/11/2026 09:00"[:10], number, "Lefort Paul", "Consultation d'un dossier") in [
        (when[:10], *rest) for when, *rest in rows]
    consulted = next(i for i, row in enumerate(rows) if row[3] == "Consultation d'un dossier")
    table = dialog.panel.table
    table.setFocus()
    table.setCurrentCell(consulted, 0)
    assert dialog.open_button.isEnabled()
    with qtbot.waitSignal(dialog.dossier_requested) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert signal.args == [dossier_id]
    assert dialog.isVisible()  # Enter opened the dossier, it did not close the list


def test_the_history_says_when_there_is_nothing(qtbot, louis, open_dialog):
    dialog = open_dialog(HistoryDialog, louis)
    assert dialog.panel.is_empty
    assert dialog.panel.empty_label.text() == "Vous n'avez consulté aucun dossier pour l'instant."
    assert not dialog.open_button.isEnabled()


def test_notes_left_in_a_reassigned_dossier_are_handed_over(qtbot, anne, louis, manager,
                                                             dossier_id, open_dialog):
    DossierService(manager).reassign(dossier_id, louis.account.id)
    number = DossierService(louis).open(dossier_id).dossier.number
    assert PERSONAL not in [note.body for note in DossierService(louis).open(
        dossier_id, again=True).notes]

    prompts = RecordingPrompts(answer=True)
    dialog = open_dialog(LeftNotesDialog, anne, prompts)
    dialog.tabs.setCurrentIndex(1)
    assert dialog.panel.texts() == [(number, "Lefort Paul", "Louis Petit", "1")]
    assert not dialog.hand_over_button.isEnabled()
    dialog.panel.table.selectRow(0)
    with qtbot.waitSignal(dialog.notes_handed_over) as signal:
        qtbot.mouseClick(dialog.hand_over_button, Qt.MouseButton.LeftButton)
    assert signal.args == [dossier_id]
    assert "deviendront celles de Louis Petit" in prompts.shown[-1][2]
    assert dialog.status_label.text() == "1 note(s) transmise(s) à Louis Petit."
    assert dialog.panel.is_empty
    notes = DossierService(louis).open(dossier_id, again=True).notes
    assert PERSONAL in [note.body for note in notes]


def test_a_note_shared_with_me_is_read_in_my_notes(qtbot, anne, louis, dossier_id,
                                                     open_dialog):
    [note] = DossierService(anne).open(dossier_id).notes
    NoteService(anne).share(note.id, (louis.account.id,))
    number = DossierService(anne).open(dossier_id, again=True).dossier.number
    dialog = open_dialog(LeftNotesDialog, louis)
    assert dialog.tabs.currentIndex() == 0
    [row] = dialog.shared_panel.texts()
    assert row[1:] == (number, "Lefort Paul", "Anne Martin")
    assert dialog.shared_body.toPlainText() == ""
    dialog.shared_panel.table.selectRow(0)
    assert dialog.shared_body.toPlainText() == PERSONAL


def test_the_default_visibility_is_kept_across_dialogs(qtbot, anne, open_dialog):
    first = open_dialog(LeftNotesDialog, anne)
    assert not first.default_check.isChecked()
    click_box(qtbot, first.default_check)
    assert first.default_check.isChecked()
    assert "personnelles par défaut" in first.status_label.text()
    first.close()
    assert NoteService(anne).default_visibility() is NoteVisibility.PERSONAL
    second = open_dialog(LeftNotesDialog, anne)
    assert second.default_check.isChecked()
    assert not second.status_label.isVisible()  # showing the saved choice saved nothing
    click_box(qtbot, second.default_check)
    assert NoteService(anne).default_visibility() is NoteVisibility.DOSSIER


def test_the_session_menu_opens_the_three_dialogs(qtbot, anne, dossier_id):
    window = MainWindow(anne, RecordingPrompts(), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.show()
    DossierService(anne).open(dossier_id)
    session_menu = next(action.menu() for action in window.menuBar().actions()
                        if action.text() == "&Session")
    texts = [action.text() for action in session_menu.actions()]
    assert texts[:7] == ["Mes absences et suppléances…", "Ce que j'ai consulté…",
                         "Mes notes personnelles…", "", "Sauvegarder la station…", "",
                         "Changer mon mot de passe…"]
    assert session_menu.actions()[3].isSeparator()

    for action, name, kind in ((window.absences_action, "absences", AbsencesDialog),
                               (window.history_action, "history", HistoryDialog),
                               (window.left_notes_action, "notes", LeftNotesDialog)):
        action.trigger()
        dialog = window.account_dialogs[name]
        assert isinstance(dialog, kind) and dialog.isVisible()
        action.trigger()  # one of each at a time
        assert window.account_dialogs[name] is dialog

    history = window.account_dialogs["history"]
    history.panel.table.selectRow(0)
    qtbot.mouseClick(history.open_button, Qt.MouseButton.LeftButton)
    assert window.dossier_tab(dossier_id) is not None

    window.privacy_action.trigger()  # F12 hides them with the rest
    assert not any(d.isVisible() for d in window.account_dialogs.values())
    window.privacy_action.trigger()
    assert all(d.isVisible() for d in window.account_dialogs.values())

    notes = window.account_dialogs["notes"]
    with qtbot.waitSignal(notes.finished):
        notes.reject()
    assert "notes" not in window.account_dialogs

    dialogs = list(window.account_dialogs.values())
    window.close_for_controller()  # the lock and logout path
    assert window.account_dialogs == {}
    assert not any(d.isVisible() for d in dialogs)
