"""The form-letter templates tab driven like a unit manager would: pick a letter, type, read the
problems and the preview, save, duplicate, retire.

Real station (conftest ``team``: the manager Claire, the assistant Anne Martin), synchronous task
runner, recorded prompts. The preview's debounce timer is real, so tests wait for it with
``qtbot.waitUntil``. What is checked is what the manager sees (table cells, problems, preview,
enabled buttons) and what the services then offer to a social worker (LetterService.choices).
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from anaiss_desktop.domain.records import DossierInput, PersonInput
from anaiss_desktop.gui.admin import AdminDialog
from anaiss_desktop.gui.admin.letter_templates import (
    SKELETON,
    DuplicateDialog,
    LetterTemplatesTab,
    TemplateEditorDialog,
    insert_field,
    key_problem,
    problem_lines,
    suggest_key,
)
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.letters import LetterService, LetterTemplateService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

TITLE, KEY, ORIGIN, STATE = range(4)
SHIPPED = {
    "attestation_suivi_social": "Attestation de suivi social",
    "demande_aide_financiere": "Demande d'aide financière",
    "fin_accompagnement": "Fin d'accompagnement",
    "liaison_partenaire": "Courrier de liaison à un partenaire",
    "notice_information": "Notice d'information",
    "proposition_rendez_vous": "Proposition de rendez-vous",
    "relance_rendez_vous_manque": "Relance après un rendez-vous manqué",
}
WAIT = 3000  # ms: the preview waits 400 ms after the typing stops


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def make_tab(qtbot, prompts):
    def make(session: Session) -> LetterTemplatesTab:
        tab = LetterTemplatesTab(session, TaskRunner(synchronous=True), prompts)
        qtbot.addWidget(tab)
        tab.resize(900, 520)
        tab.show()
        return tab

    return make


def rows(tab: LetterTemplatesTab) -> dict[str, list[str]]:
    return {cells[KEY]: cells for cells in tab.rows()}


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot, tab: LetterTemplatesTab, key: str) -> None:
    table = tab.table_view
    row = [cells[KEY] for cells in tab.rows()].index(key)
    rect = table.visualRect(table.model().index(row, TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert tab.selected() is not None and tab.selected().template.key == key


def open_editor(qtbot, tab: LetterTemplatesTab, key: str) -> TemplateEditorDialog:
    click_row(qtbot, tab, key)
    click(qtbot, tab.edit_button)
    dialog = tab.current_dialog
    assert isinstance(dialog, TemplateEditorDialog) and dialog.isVisible()
    return dialog


def put_cursor_after(dialog: TemplateEditorDialog, text: str) -> None:
    cursor = dialog.source_edit.document().find(text)
    assert not cursor.isNull(), text
    cursor.clearSelection()
    dialog.source_edit.setTextCursor(cursor)
    dialog.source_edit.setFocus()


def wait_checked(qtbot, dialog: TemplateEditorDialog, condition) -> None:
    qtbot.waitUntil(lambda: condition(dialog), timeout=WAIT)


@pytest.fixture
def dossier_id(anne: Session) -> int:
    person_id = PersonService(anne).create(PersonInput(
        usage_name="Dupont", first_names="Marie", sex="F", birth_date=date(1961, 4, 12),
        address="3 rue des Lilas", postal_code="59000", city="Lille"))
    return DossierService(anne).create(person_id, DossierInput(opened_on=date(2026, 10, 1)))


# -- the pure helpers --------------------------------------------------------------------------
def test_inserting_a_field_declares_it_in_champs():
    source = "titre: T\nobjet: O\nchamps: personne.civilite\n---\n{{ personne.civilite }},\n"
    end = len(source)
    text, position = insert_field(source, end, "personne.nom")
    assert text.splitlines()[2] == "champs: personne.civilite, personne.nom"
    assert text.endswith(",\n{{ personne.nom }}")
    assert text[:position].endswith("{{ personne.nom }}")
    # Already declared: only written.
    again, _ = insert_field(text, len(text), "personne.nom")
    assert again.splitlines()[2] == "champs: personne.civilite, personne.nom"
    assert again.count("{{ personne.nom }}") == 2
    # An empty "champs:" line, one ending with a comma, none at all.
    assert insert_field("champs:\n---\n", 12, "a.b")[0] == "champs: a.b\n---\n{{ a.b }}"
    assert insert_field("champs: x.y,\n---\n", 17, "a.b")[0].startswith("champs: x.y, a.b\n")
    text, position = insert_field("titre: T\n---\nX", 14, "a.b")
    assert text == "titre: T\nchamps: a.b\n---\nX{{ a.b }}" and position == len(text)
    # A free field is declared in "libres" by whoever names it: only written.
    assert insert_field("champs: a.b\n---\n", 16, "libre.montant")[0] == (
        "champs: a.b\n---\n{{ libre.montant }}")
    # Inserted in the middle of a line, before the end.
    text, position = insert_field("champs: a.b\n---\nAvant après", 22, "c.d")
    assert text == "champs: a.b, c.d\n---\nAvant {{ c.d }}après"
    assert text[position:] == "après"


def test_keys_are_proposed_and_checked():
    assert suggest_key("Relance après un RDV") == "relance_apres_un_rdv"
    assert suggest_key("Relance après un RDV", ["relance_apres_un_rdv"]) == (
        "relance_apres_un_rdv_2")
    assert suggest_key("2e relance") == "courrier_2e_relance"
    assert suggest_key("   ") == ""
    assert key_problem("", []) is not None
    assert "minuscules" in key_problem("Avec Espaces", [])
    assert "déjà" in key_problem("fin_accompagnement", ["fin_accompagnement"])
    assert key_problem("rappel_documents", ["fin_accompagnement"]) is None
    assert problem_lines(["Ligne 10 : x", "Champ inconnu : y.", "Ligne 3 : z", "Ligne 10"]) == [
        10, 3]


def test_the_skeleton_checks(manager):
    service = LetterTemplateService(manager)
    assert service.check("nouveau_courrier", SKELETON) == []
    assert service.preview_text(SKELETON).startswith("Madame, Monsieur,")


# -- the list ----------------------------------------------------------------------------------
def test_the_seven_shipped_templates_are_listed(make_tab, manager):
    tab = make_tab(manager)
    table = rows(tab)
    assert {key: cells[TITLE] for key, cells in table.items()} == SHIPPED
    assert all(cells[ORIGIN] == "livré" and cells[STATE] == "en service"
               for cells in table.values())
    assert [cells[TITLE] for cells in tab.rows()] == sorted(SHIPPED.values(), key=str.lower)
    assert not tab.refusal_label.isVisible()
    assert tab.new_button.isEnabled()
    assert not tab.edit_button.isEnabled() and not tab.retire_button.isEnabled()
    assert "restent lisibles" in tab.explanation_label.text()


def test_a_non_manager_sees_the_refusal(make_tab, anne):
    tab = make_tab(anne)
    assert tab.refusal_label.isVisible()
    assert "responsable" in tab.refusal_text()
    assert len(tab.rows()) == 7  # everyone reads the templates
    tab.select("proposition_rendez_vous")
    for button in (tab.new_button, tab.edit_button, tab.duplicate_button, tab.retire_button):
        assert not button.isEnabled(), button.text()


# -- the editor --------------------------------------------------------------------------------
def test_edit_a_template_with_problems_then_save_it(qtbot, make_tab, manager, prompts):
    tab = make_tab(manager)
    source = LetterTemplateService(manager).get("proposition_rendez_vous").source
    dialog = open_editor(qtbot, tab, "proposition_rendez_vous")
    assert dialog.source() == source
    assert dialog.key() == "proposition_rendez_vous" and dialog.key_edit.isReadOnly()
    assert dialog.preview().startswith("Madame, Monsieur,")
    assert "Je vous propose de nous rencontrer le" in dialog.preview()
    assert "{{" not in dialog.preview()
    assert dialog.save_button.isEnabled() and not dialog.problems_label.isVisible()
    assert dialog.fields_tree.topLevelItemCount() == len(LetterTemplateService.fields())
    good_preview = dialog.preview()

    # Delete the closing "}}" of a field, as a person would, with the keyboard.
    put_cursor_after(dialog, "{{ rdv.heure }}")
    qtbot.keyClick(dialog.source_edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(dialog.source_edit, Qt.Key.Key_Backspace)
    assert "{{ rdv.heure , {{ rdv.lieu }}" in dialog.source()
    wait_checked(qtbot, dialog, lambda d: d.problems_label.isVisible())
    assert "Ligne 10 :" in dialog.problems_label.text()
    assert not dialog.save_button.isEnabled()
    # The faulty line is tinted; the last good preview stays, said to be out of date.
    marked = [s.cursor.blockNumber() + 1 for s in dialog.source_edit.extraSelections()]
    assert marked == [10]
    assert dialog.preview() == good_preview and dialog.stale_label.isVisible()

    # Put it back: the problem goes.
    qtbot.keyClicks(dialog.source_edit, "}}")
    wait_checked(qtbot, dialog, lambda d: not d.problems_label.isVisible())
    assert dialog.save_button.isEnabled() and not dialog.stale_label.isVisible()
    assert dialog.source_edit.extraSelections() == []

    # An unknown field is named.
    dialog.source_edit.setPlainText(dialog.source().replace("{{ rdv.lieu }}",
                                                            "{{ rdv.endroit }}"))
    wait_checked(qtbot, dialog, lambda d: d.problems_label.isVisible())
    assert "rdv.endroit" in dialog.problems_label.text()
    assert not dialog.save_button.isEnabled()

    # Fixed, with a new title: saved, and the list shows the new title.
    fixed = source.replace("titre: Proposition de rendez-vous",
                           "titre: Proposition d'un rendez-vous")
    dialog.source_edit.setPlainText(fixed)
    wait_checked(qtbot, dialog, lambda d: d.save_button.isEnabled())
    assert "rdv.endroit" not in dialog.problems_label.text()
    click(qtbot, dialog.save_button)
    assert tab.current_dialog is None
    assert rows(tab)["proposition_rendez_vous"][TITLE] == "Proposition d'un rendez-vous"
    assert tab.selected().template.key == "proposition_rendez_vous"
    assert "Proposition d'un rendez-vous" in tab.status_text()
    entry = LetterTemplateService(manager).get("proposition_rendez_vous")
    assert entry.source == fixed and entry.shipped
    assert prompts.shown == []
    assert [e.action for e in manager.audit.entries()][-1] == "courrier_type.modification"


def test_the_service_refusal_is_shown_in_the_editor(qtbot, make_tab, manager, prompts):
    tab = make_tab(manager)
    dialog = open_editor(qtbot, tab, "fin_accompagnement")
    # Saved at once, before the preview had time to check the new text: the service refuses.
    dialog.source_edit.setPlainText(dialog.source().replace("---", "----"))
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    assert tab.current_dialog is dialog and dialog.isVisible()
    assert "« --- »" in dialog.problems_label.text()
    assert not dialog.save_button.isEnabled()
    assert prompts.shown == []
    assert LetterTemplateService(manager).get("fin_accompagnement").source.count("----") == 0
    dialog.reject()
    assert tab.current_dialog is None


def test_a_field_is_inserted_at_the_cursor_and_declared(qtbot, make_tab, manager):
    tab = make_tab(manager)
    dialog = open_editor(qtbot, tab, "proposition_rendez_vous")
    before = dialog.source()
    assert "personne.nom_complet" not in before.split("---")[0]
    put_cursor_after(dialog, "{{ personne.civilite }},")
    tree = dialog.fields_tree
    item = tree.findItems("personne.nom_complet", Qt.MatchFlag.MatchExactly, 0)[0]
    tree.setCurrentItem(item)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert tab.current_dialog is dialog and dialog.isVisible()  # Enter did not save
    text = dialog.source()
    assert "{{ personne.civilite }},{{ personne.nom_complet }}" in text
    champs = next(line for line in text.splitlines() if line.startswith("champs:"))
    assert champs.endswith(", personne.nom_complet")
    assert dialog.focusWidget() is dialog.source_edit
    cursor = dialog.source_edit.textCursor()
    assert cursor.block().text()[:cursor.positionInBlock()].endswith(
        "{{ personne.nom_complet }}")
    wait_checked(qtbot, dialog, lambda d: "Madame, Monsieur,Camille EXEMPLE" in d.preview())
    assert dialog.save_button.isEnabled()
    # One undo takes both changes back.
    dialog.source_edit.undo()
    assert dialog.source() == before

    # Double-click does the same; a field already declared is only written.
    dialog.source_edit.moveCursor(QTextCursor.MoveOperation.End)
    item = tree.findItems("personne.civilite", Qt.MatchFlag.MatchExactly, 0)[0]
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.source() == before  # one click only chooses
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.source().endswith("{{ personne.civilite }}")
    assert dialog.source().split("---")[0] == before.split("---")[0]


def test_new_template_from_the_skeleton(qtbot, make_tab, manager):
    tab = make_tab(manager)
    click(qtbot, tab.new_button)
    dialog = tab.current_dialog
    assert isinstance(dialog, TemplateEditorDialog) and dialog.is_new
    assert dialog.source() == SKELETON
    assert dialog.key() == "nouveau_courrier" and not dialog.key_edit.isReadOnly()
    assert dialog.preview().startswith("Madame, Monsieur,")
    assert dialog.save_button.isEnabled()

    # The key follows the title until it is typed by hand.
    dialog.source_edit.setPlainText(SKELETON.replace("Nouveau courrier", "Rappel des pièces"))
    assert dialog.key() == "rappel_des_pieces"
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, "Fin_Accompagnement")
    assert dialog.key() == "fin_accompagnement"  # lower case as typed
    assert "déjà" in dialog.key_problem_label.text() and dialog.key_problem_label.isVisible()
    assert not dialog.save_button.isEnabled()
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, "1 rappel")
    assert "minuscules" in dialog.key_problem_label.text()
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, "rappel_pieces")
    assert not dialog.key_problem_label.isVisible()
    wait_checked(qtbot, dialog, lambda d: d.save_button.isEnabled())
    dialog.source_edit.setPlainText(SKELETON.replace("Nouveau courrier", "Rappel des pièces "
                                                     "à fournir"))
    assert dialog.key() == "rappel_pieces"  # typed by hand: kept
    wait_checked(qtbot, dialog, lambda d: d.save_button.isEnabled())
    click(qtbot, dialog.save_button)

    assert tab.current_dialog is None
    assert rows(tab)["rappel_pieces"] == [
        "Rappel des pièces à fournir", "rappel_pieces", "ajouté", "en service"]
    assert tab.selected().template.key == "rappel_pieces"
    assert "ajouté" in tab.status_text()
    assert [e.action for e in manager.audit.entries()][-1] == "courrier_type.ajout"


def test_duplicate_asks_a_new_key(qtbot, make_tab, manager):
    tab = make_tab(manager)
    click_row(qtbot, tab, "demande_aide_financiere")
    click(qtbot, tab.duplicate_button)
    dialog = tab.current_dialog
    assert isinstance(dialog, DuplicateDialog)
    assert dialog.key() == "demande_aide_financiere_copie" and dialog.ok_button.isEnabled()
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, "notice_information")
    assert "déjà" in dialog.problem_label.text() and not dialog.ok_button.isEnabled()
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, "Aide")
    assert "minuscules" in dialog.problem_label.text() and not dialog.ok_button.isEnabled()
    dialog.key_edit.clear()
    qtbot.keyClicks(dialog.key_edit, "aide_energie")
    assert not dialog.problem_label.isVisible()
    click(qtbot, dialog.ok_button)

    assert tab.current_dialog is None
    assert rows(tab)["aide_energie"] == [
        "Demande d'aide financière (copie)", "aide_energie", "ajouté", "en service"]
    assert tab.selected().template.key == "aide_energie"
    assert "aide_energie" in tab.status_text()
    copy = LetterTemplateService(manager).get("aide_energie").template
    original = LetterTemplateService(manager).get("demande_aide_financiere").template
    assert copy.body == original.body


def test_retire_then_restore(qtbot, make_tab, manager, anne, dossier_id, prompts):
    def offered() -> set[str]:
        return {choice.key for choice in LetterService(anne).choices(dossier_id)}

    assert "relance_rendez_vous_manque" in offered()
    tab = make_tab(manager)
    click_row(qtbot, tab, "relance_rendez_vous_manque")
    assert tab.retire_button.text().replace("&", "") == "Retirer"

    prompts.answer = False  # changed one's mind: nothing happens
    click(qtbot, tab.retire_button)
    assert rows(tab)["relance_rendez_vous_manque"][STATE] == "en service"

    prompts.answer = True
    click(qtbot, tab.retire_button)
    kind, _title, text = prompts.shown[-1]
    assert kind == "confirm" and "restent lisibles" in text
    assert rows(tab)["relance_rendez_vous_manque"][STATE] == "retiré"
    row = [cells[KEY] for cells in tab.rows()].index("relance_rendez_vous_manque")
    colour = tab.model.index(row, TITLE).data(Qt.ItemDataRole.ForegroundRole)
    assert colour is not None and colour.name() == "#a0a0a4"  # grey
    assert "retiré" in tab.status_text()
    assert "relance_rendez_vous_manque" not in offered()
    assert tab.retire_button.text().replace("&", "") == "Remettre en service"
    assert tab.hint_label.isVisible() and "restent lisibles" in tab.hint_label.text()

    click(qtbot, tab.retire_button)  # no question to put it back
    assert rows(tab)["relance_rendez_vous_manque"][STATE] == "en service"
    assert "relance_rendez_vous_manque" in offered()
    assert [k for k, _t, _x in prompts.shown] == ["confirm", "confirm"]
    actions = [e.action for e in manager.audit.entries()][-2:]
    assert actions == ["courrier_type.retrait", "courrier_type.retour"]


# -- in the administration window --------------------------------------------------------------
def test_admin_dialog_has_the_templates_tab(qtbot, manager, prompts):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    texts = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    plain = [text.replace("&", "") for text in texts]
    assert plain.index("Courriers types") == plain.index("Listes codées") + 1
    mnemonics = [text[text.index("&") + 1].lower() for text in texts]
    assert len(set(mnemonics)) == len(mnemonics), texts
    dialog.tabs.setCurrentWidget(dialog.letter_templates)
    assert len(dialog.letter_templates.rows()) == 7

    # Closing the window (or the session locking) closes an open editor.
    tab = dialog.letter_templates
    click(qtbot, tab.new_button)
    editor = tab.current_dialog
    assert isinstance(editor, TemplateEditorDialog)
    dialog.reject()
    assert tab.current_dialog is None and not editor.isVisible()
