"""A new person and dossier, typed with the keyboard only; duplicates, NIR key, drafts."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import (
    ASSISTANT_LOGIN,
    ASSISTANT_PASSWORD,
    FAST_KDF,
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    OTHER_PASSWORD,
    SECRETARY_LOGIN,
    SECRETARY_PASSWORD,
)
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication
from shiboken6 import isValid

from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.gui.app_controller import AppController
from anaiss_desktop.gui.dossiers.new_person import DRAFT_KEY
from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.drafts import DraftService
from anaiss_desktop.services.persons import PersonService


@pytest.fixture
def dupont(team):
    """DUPONT Marie, born 12/04/1961, followed by Anne Martin."""
    anne = team.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        person_id = PersonService(anne).create(PersonInput(
            usage_name="Dupont", first_names="Marie", sex="F", birth_date=date(1961, 4, 12)))
        return DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    finally:
        anne.close()


class Desk:
    """A signed-in main window and what it showed."""

    def __init__(self, window: MainWindow, prompts: RecordingPrompts) -> None:
        self.window = window
        self.prompts = prompts
        self.opened: list[int] = []

    @property
    def session(self):
        return self.window.session


@pytest.fixture
def desk(qtbot, team):
    made = []

    def make(login: str = ASSISTANT_LOGIN, password: str = ASSISTANT_PASSWORD,
             answer: bool = True) -> Desk:
        prompts = RecordingPrompts(answer=answer)
        session = team.login(login, password)
        window = MainWindow(session, prompts, runner=TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.resize(1100, 720)
        window.show()
        result = Desk(window, prompts)
        made.append((window, session))
        return result

    yield make
    for window, session in made:
        window.close_for_controller()
        session.close()


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def closed(dialog) -> bool:
    return not isValid(dialog) or not dialog.isVisible()


def open_form(qtbot, desk: Desk):
    window = desk.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.new_person_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.dossier_requested.connect(desk.opened.append)
    return dialog


def test_keyboard_only_flow_proposes_the_duplicate_then_creates(qtbot, desk, dupont):
    me = desk()
    dialog = open_form(qtbot, me)
    assert focused() is dialog.form.ui.usage_name_edit
    type_text(qtbot, "Dupond")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Marie")
    press(qtbot, Qt.Key.Key_Tab)  # nom de naissance: left empty
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.form.ui.birth_date_edit
    type_text(qtbot, "12/04/1961")
    press(qtbot, Qt.Key.Key_Return)

    ui = dialog.ui
    assert ui.pages.currentWidget() is ui.duplicates_page
    first = ui.duplicates_tree.topLevelItem(0)
    assert first.text(0) == "DUPONT Marie"
    assert first.text(1) == "12/04/1961" and first.text(2) == "Anne Martin"
    assert first.text(3).endswith("%")
    assert "même date de naissance" in ui.reasons_label.text()

    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # Créer une nouvelle personne
    qtbot.waitUntil(lambda: ui.pages.currentWidget() is ui.dossier_page, timeout=2000)
    assert focused() is ui.opened_on_edit and ui.opened_on_edit.text()
    press(qtbot, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Motifs
    assert focused() is ui.motifs_list
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: bool(me.opened), timeout=2000)
    assert closed(dialog)
    new_id = me.opened[0]
    assert new_id != dupont
    view = DossierService(me.session).open(new_id)
    assert view.person.usage_name == "Dupond" and view.person.first_names == "Marie"
    assert view.person.birth_date == date(1961, 4, 12)
    assert view.dossier.referent_name == "Anne Martin"
    assert len(view.dossier.motifs) == 1
    assert DraftService(me.session).load(DRAFT_KEY) is None


def test_it_is_this_person_opens_her_dossier(qtbot, desk, dupont):
    me = desk()
    dialog = open_form(qtbot, me)
    type_text(qtbot, "Dupont")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.ui.pages.currentWidget() is dialog.ui.duplicates_page
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # C'est cette personne
    qtbot.waitUntil(lambda: bool(me.opened), timeout=2000)
    assert me.opened == [dupont]
    assert closed(dialog)
    assert PersonService(me.session).find_duplicates(PersonInput("Dupont"))[0].person_id


def test_a_colleague_is_told_who_follows_her(qtbot, desk, dupont):
    louis = desk(OTHER_LOGIN, OTHER_PASSWORD)
    dialog = open_form(qtbot, louis)
    type_text(qtbot, "Dupont")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Marie")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(louis.prompts.shown), timeout=2000)
    assert louis.opened == []
    assert "suivie par Anne Martin : contactez-la/le" in louis.prompts.texts()
    assert dialog.isVisible()


def test_only_the_name_is_required(qtbot, desk):
    me = desk()
    dialog = open_form(qtbot, me)
    type_text(qtbot, "   ")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.ui.pages.currentWidget() is dialog.ui.person_page
    assert "Indiquez au moins le nom" in dialog.ui.message_label.text()
    assert dialog.form.ui.usage_name_message_label.isVisible()


def test_wrong_nir_key_is_said_but_saving_works(qtbot, desk):
    me = desk()
    dialog = open_form(qtbot, me)
    form = dialog.form.ui
    type_text(qtbot, "Nguyen")
    form.nir_edit.setFocus()
    type_text(qtbot, "2 61 04 59 350 123 00")
    assert "Clé NIR incorrecte : attendu" in form.nir_message_label.text()
    assert form.nir_message_label.isVisible()
    form.postal_code_edit.setFocus()
    type_text(qtbot, "5900")
    assert "5 chiffres" in form.warnings_label.text()
    press(qtbot, Qt.Key.Key_Return)  # no duplicate: straight to the dossier
    assert dialog.ui.pages.currentWidget() is dialog.ui.dossier_page
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(me.opened), timeout=2000)
    person = DossierService(me.session).open(me.opened[0]).person
    assert person.usage_name == "Nguyen" and person.nir == "261045935012300"


def test_good_nir_and_consistency_warning(qtbot, desk):
    me = desk()
    dialog = open_form(qtbot, me)
    form = dialog.form.ui
    type_text(qtbot, "Durand")
    form.sex_combo.setCurrentIndex(form.sex_combo.findData("M"))
    form.nir_edit.setFocus()
    type_text(qtbot, "2 61 04 59 350 123 ")
    from anaiss_desktop.domain.nir import nir_key

    type_text(qtbot, f"{nir_key('2610459350123'):02d}")
    assert form.nir_message_label.text() == "Clé du NIR correcte."
    assert "le sexe renseigné est différent" in form.warnings_label.text()


def test_draft_is_restored_after_closing_the_form(qtbot, desk):
    me = desk()
    dialog = open_form(qtbot, me)
    type_text(qtbot, "Durand")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Lucie")
    qtbot.waitUntil(lambda: DraftService(me.session).load(DRAFT_KEY) is not None, timeout=3000)
    dialog.form.ui.city_edit.setText("Roubaix")
    press(qtbot, Qt.Key.Key_Escape)  # closes; what was typed stays as a draft
    assert closed(dialog)
    again = open_form(qtbot, me)
    assert "DURAND" in me.prompts.texts()
    form = again.form.ui
    assert form.usage_name_edit.text() == "Durand"
    assert form.first_names_edit.text() == "Lucie"
    assert form.city_edit.text() == "Roubaix"


def test_declining_the_draft_discards_it(qtbot, desk):
    me = desk(answer=False)
    dialog = open_form(qtbot, me)
    type_text(qtbot, "Durand")
    dialog.close()
    again = open_form(qtbot, me)
    assert again.form.ui.usage_name_edit.text() == ""
    assert DraftService(me.session).load(DRAFT_KEY) is None


def test_secretary_records_the_person_only(qtbot, desk):
    sophie = desk(SECRETARY_LOGIN, SECRETARY_PASSWORD)
    dialog = open_form(qtbot, sophie)
    created = []
    dialog.person_created.connect(created.append)
    type_text(qtbot, "Lambert")
    press(qtbot, Qt.Key.Key_Return)
    assert created and not sophie.opened
    assert "Seul(e) un(e) assistant(e) social(e)" in sophie.prompts.texts()


def test_draft_is_saved_before_the_idle_lock(qtbot, data_dir, clock, tmp_path: Path,
                                             recovery_key):
    controller = AppController(
        data_dir, TaskRunner(synchronous=True), RecordingPrompts(),
        settings=QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat),
        kdf_params=FAST_KDF, clock=clock,
    )
    try:
        controller.start()
        login = controller.login_dialog
        qtbot.keyClicks(login.ui.login_edit, MANAGER_LOGIN)
        qtbot.keyClicks(login.ui.password_edit, MANAGER_PASSWORD)
        qtbot.mouseClick(login.ui.login_button, Qt.MouseButton.LeftButton)
        window = controller.window
        session = controller.session
        dossier_id = DossierService(session).create(
            PersonService(session).create(PersonInput("Morel")),
            DossierInput(opened_on=date(2026, 11, 2)))
        window.open_dossier(dossier_id)
        tab = window.dossier_tab(dossier_id)
        assert tab is not None
        window.open_new_person()
        dialog = window.new_person_dialog
        qtbot.keyClicks(dialog.form.ui.usage_name_edit, "Fontaine")
        controller.lock()  # before the debounced save had a chance
        assert closed(dialog) and window.new_person_dialog is None
        assert window.dossier_tab(dossier_id) is None and window.tabs.count() == 1
        assert all(not section.texts() for section in window.home_page.sections())
        login = controller.login_dialog
        qtbot.keyClicks(login.ui.password_edit, MANAGER_PASSWORD)
        qtbot.mouseClick(login.ui.login_button, Qt.MouseButton.LeftButton)
        assert controller.window is window
        window.open_new_person()
        assert window.new_person_dialog.form.ui.usage_name_edit.text() == "Fontaine"
    finally:
        controller.quit()


def test_draft_is_saved_on_logout_too(qtbot, data_dir, clock, tmp_path: Path, recovery_key):
    def controller_for() -> AppController:
        return AppController(
            data_dir, TaskRunner(synchronous=True), RecordingPrompts(),
            settings=QSettings(str(tmp_path / "r.ini"), QSettings.Format.IniFormat),
            kdf_params=FAST_KDF, clock=clock,
        )

    def sign_in(controller: AppController) -> None:
        login = controller.login_dialog
        login.ui.login_edit.setText(MANAGER_LOGIN)
        qtbot.keyClicks(login.ui.password_edit, MANAGER_PASSWORD)
        qtbot.mouseClick(login.ui.login_button, Qt.MouseButton.LeftButton)

    controller = controller_for()
    try:
        controller.start()
        sign_in(controller)
        window = controller.window
        window.open_new_person()
        qtbot.keyClicks(window.new_person_dialog.form.ui.usage_name_edit, "Lambert")
        controller.logout()  # a second after typing: the debounced save has not run yet
        sign_in(controller)
        controller.window.open_new_person()
        assert controller.window.new_person_dialog.form.ui.usage_name_edit.text() == "Lambert"
    finally:
        controller.quit()


def test_privacy_screen_hides_the_form_too(qtbot, desk):
    me = desk()
    dialog = open_form(qtbot, me)
    type_text(qtbot, "Durand")
    press(qtbot, Qt.Key.Key_F12)  # from inside the form
    assert me.window.privacy_screen_on
    assert not dialog.isVisible()
    me.window.activateWindow()
    qtbot.waitUntil(me.window.isActiveWindow, timeout=2000)
    qtbot.keyClick(me.window, Qt.Key.Key_F12)
    assert not me.window.privacy_screen_on
    assert dialog.isVisible() and dialog.form.ui.usage_name_edit.text() == "Durand"


def test_person_is_changed_from_her_dossier(qtbot, desk, dupont):
    me = desk()
    window = me.window
    window.open_dossier(dupont)
    tab = window.dossier_tab(dupont)
    assert tab is not None
    person_id = DossierService(me.session).open(dupont).person.id
    window.edit_person(person_id)
    dialog = window.person_dialogs[person_id]
    form = dialog.form.ui
    assert form.usage_name_edit.text() == "Dupont" and form.birth_date_edit.text() == "12/04/1961"
    form.city_edit.setText("Tourcoing")
    form.usage_name_edit.clear()
    qtbot.mouseClick(dialog.button_box.button(dialog.button_box.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    assert "Indiquez au moins le nom" in dialog.message_label.text()
    qtbot.keyClicks(form.usage_name_edit, "Dupont-Leroy")
    qtbot.mouseClick(dialog.button_box.button(dialog.button_box.StandardButton.Save),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog), timeout=2000)
    person = PersonService(me.session).get(person_id)
    assert person.usage_name == "Dupont-Leroy" and person.city == "Tourcoing"
    qtbot.waitUntil(lambda: "DUPONT-LEROY" in window.tabs.tabText(window.tabs.indexOf(tab)),
                    timeout=2000)


def test_household_members_are_added_and_removed(qtbot, desk):
    me = desk()
    dialog = open_form(qtbot, me)
    form = dialog.form.ui
    type_text(qtbot, "Nguyen")
    for count, (name, relation, born) in enumerate((("Lucas Nguyen", "fils", "03/05/2012"),
                                                    ("Erreur", "", "")), start=1):
        press(qtbot, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # Ajouter une personne
        qtbot.waitUntil(lambda n=count: form.household_table.rowCount() == n, timeout=2000)
        qtbot.wait(150)  # the button's click animation ends before the next Alt+J
        type_text(qtbot, name)
        press(qtbot, Qt.Key.Key_Return)  # ends the cell's edit, does not submit the form
        qtbot.waitUntil(lambda: form.household_table.state()
                        != QAbstractItemView.State.EditingState, timeout=2000)
        assert dialog.ui.pages.currentWidget() is dialog.ui.person_page
        row = form.household_table.rowCount() - 1
        form.household_table.item(row, 1).setText(relation)
        form.household_table.item(row, 2).setText(born)
    form.household_table.setCurrentCell(1, 0)
    qtbot.mouseClick(form.remove_member_button, Qt.MouseButton.LeftButton)
    assert form.household_table.rowCount() == 1
    dialog.ui.continue_button.click()
    dialog.ui.continue_button.click()
    qtbot.waitUntil(lambda: bool(me.opened), timeout=2000)
    person = DossierService(me.session).open(me.opened[0]).person
    assert [(m.name, m.relation, m.birth_date) for m in person.household] == [
        ("Lucas Nguyen", "fils", date(2012, 5, 3))]
