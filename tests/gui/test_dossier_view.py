"""One dossier on screen, used like a social worker would: read, record, tick, close.

Real stations (conftest ``team``: a manager who is a social worker, the assistant Anne Martin,
a second assistant Louis Petit, referent of nothing here, and a secretary); a synchronous task
runner and recorded prompts. What is checked is what the person sees: the header, the timeline,
the tables and the messages.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import OTHER_LOGIN, OTHER_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget
from typing_keys import focused, press, type_text

from anaiss_desktop.domain.records import (
    AidInput,
    DossierInput,
    DossierStatus,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    Motif,
    PersonInput,
)
from anaiss_desktop.gui.dossiers.dossier_view import (
    DossierEditDialog,
    DossierStatusDialog,
    DossierWindow,
)
from anaiss_desktop.gui.dossiers.echeances import EcheanceDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.drafts import DraftService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session


@pytest.fixture
def dossier_id(anne: Session) -> int:
    """Marie Dupont's dossier: two interventions, an aid, three échéances (one overdue)."""
    person_id = PersonService(anne).create(PersonInput(
        usage_name="Dupont", first_names="Marie", birth_name="Martin",
        birth_date=date(1961, 4, 12), sex="F", city="Lille"))
    service = DossierService(anne)
    dossier_id = service.create(person_id, DossierInput(
        opened_on=date(2026, 10, 1), origin_code="MEDECIN_TRAITANT",
        motifs=(Motif("ACCES_DROITS_SOINS"),), consent_on=date(2026, 10, 1),
        consent_mode="ORAL"))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 5), kind_code="ENTRETIEN", duration_min=45,
        summary="Point sur les droits", notes="Inquiète pour son emploi",
        aids=(AidInput(type_code="AIDE_FINANCIERE", organisation="CCAS de Lille",
                       requested_on=date(2026, 10, 5), outcome_code="ACCORDEE",
                       amount_cents=30000),),
    ))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 20), kind_code="TELEPHONE", duration_min=10,
        summary="Pièces reçues"))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-03T10:00",
                                                   "Bilan", "Permanence"))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.FOLLOW_UP, "2026-10-25",
                                                   "Relancer la CPAM"))
    return dossier_id


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def open_window(qtbot, prompts):
    def open_(session: Session, dossier_id: int) -> DossierWindow:
        window = DossierWindow(session, TaskRunner(synchronous=True), prompts, dossier_id)
        qtbot.addWidget(window)
        window.resize(1000, 680)
        window.show()
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=2000)
        return window

    return open_


def cells(table, columns: range | None = None) -> list[list[str]]:
    model = table.model()
    columns = columns or range(model.columnCount())
    return [[model.index(row, col).data() or "" for col in columns]
            for row in range(model.rowCount())]


def timeline(window: DossierWindow) -> list[tuple[str, str, str]]:
    """(date, type, text) of the timeline lines as shown."""
    return [tuple(row[:3]) for row in cells(window.ui.timeline_widget.table)]


def form_values(layout) -> dict[str, str]:
    values = {}
    for row in range(layout.rowCount()):
        label = layout.itemAt(row, layout.ItemRole.LabelRole).widget().text()
        values[label.rstrip(" :")] = layout.itemAt(row, layout.ItemRole.FieldRole).widget().text()
    return values


# -- reading -------------------------------------------------------------------------------------
def test_opening_shows_the_header_and_the_timeline(qtbot, anne, dossier_id, open_window):
    titles: list[str] = []
    window = open_window(anne, dossier_id)
    window.title_changed.connect(titles.append)
    ui = window.ui
    assert window.title() == "2026-000001 — DUPONT Marie (née MARTIN)"
    assert ui.name_label.text() == "DUPONT Marie (née MARTIN)"
    assert ui.age_label.text() == "12/04/1961 · 65 ans"
    facts = ui.facts_label.text()
    assert "Dossier 2026-000001" in facts and "Référent·e : Anne Martin" in facts
    assert "Dernier contact : 20/10/2026 (il y a 13 jours)" in facts
    assert ui.status_badge.text() == "Ouvert depuis le 01/10/2026"
    assert ui.consent_badge.text() == "Consentement recueilli le 01/10/2026"
    assert ui.notice_badge.text() == "Notice non remise"
    assert ui.tabs.tabText(ui.tabs.currentIndex()) == "&Chronologie"
    assert timeline(window) == [
        ("03/11/2026 à 10:00", "Rendez-vous", "Bilan — Permanence (à faire)"),
        ("25/10/2026", "Suivi", "Relancer la CPAM (en retard)"),
        ("20/10/2026", "Téléphone", "Pièces reçues"),
        ("05/10/2026", "Entretien", "Point sur les droits"),
        ("05/10/2026", "Note", "Inquiète pour son emploi"),  # under its intervention
        ("05/10/2026", "Aide", "Aide financière — CCAS de Lille — accordée — 300,00\u00a0€"),
        ("01/10/2026", "Dossier", "Ouverture du dossier"),
    ]
    model = ui.timeline_widget.model
    assert model.index(1, 1).data(Qt.ItemDataRole.ForegroundRole).name() == "#a4161a"
    ui.timeline_widget.table.selectRow(3)
    assert ui.timeline_widget.detail_edit.toPlainText().endswith("Point sur les droits")
    assert "Anne Martin" in ui.timeline_widget.detail_title.text()
    assert titles == []  # already titled when shown


def test_timeline_filters_by_kind(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    checks = window.ui.timeline_widget.filter_checks
    for name in ("note", "aide", "rdv", "suivi", "statut"):
        qtbot.mouseClick(checks[name], Qt.MouseButton.LeftButton)
    assert [row[1] for row in timeline(window)] == ["Téléphone", "Entretien"]
    qtbot.mouseClick(checks["intervention"], Qt.MouseButton.LeftButton)
    assert timeline(window) == []
    assert window.ui.timeline_widget.empty_label.isVisible()
    qtbot.mouseClick(checks["note"], Qt.MouseButton.LeftButton)
    assert timeline(window) == [("05/10/2026", "Note", "Inquiète pour son emploi")]


def test_tables_show_interventions_aids_and_summaries(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    ui = window.ui
    assert cells(ui.interventions_table) == [
        ["20/10/2026", "Téléphone", "10 min", "Pièces reçues", "Anne Martin"],
        ["05/10/2026", "Entretien", "45 min", "Point sur les droits", "Anne Martin"],
    ]
    assert cells(ui.aids_table) == [
        ["05/10/2026", "Aide financière", "CCAS de Lille", "Accordée", "", "300,00\u00a0€"],
    ]
    person = form_values(ui.person_form_layout)
    assert person["Nom d'usage"] == "DUPONT" and person["Nom de naissance"] == "MARTIN"
    assert person["Adresse"] == "Lille" and person["Courriel"] == "—"
    dossier = form_values(ui.dossier_form_layout)
    assert dossier["Origine de la demande"] == "Médecin traitant"
    assert dossier["Motifs"] == "Accès aux droits et aux soins"
    assert dossier["Information et consentement"] == "le 01/10/2026 — Entretien oral"


# -- recording ------------------------------------------------------------------------------------
def test_an_interview_typed_after_ctrl_e_appears_everywhere(qtbot, anne, dossier_id,
                                                            open_window, prompts):
    window = open_window(anne, dossier_id)
    changed: list[int] = []
    window.dossier_changed.connect(changed.append)
    press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    [dialog] = window.entry_dialogs
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert focused() is dialog.ui.date_edit
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Vis")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "60")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Visite : amenagement du logement")
    with qtbot.waitSignal(dialog.saved):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert prompts.shown == []
    assert changed == [dossier_id]
    assert timeline(window)[1] == (
        "02/11/2026", "Visite à domicile", "Visite : amenagement du logement")
    assert cells(window.ui.interventions_table)[0] == [
        "02/11/2026", "Visite à domicile", "60 min", "Visite : amenagement du logement",
        "Anne Martin"]
    assert "Dernier contact : 02/11/2026 (aujourd'hui)" in window.ui.facts_label.text()


def test_enter_on_an_intervention_opens_it_for_editing(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    ui = window.ui
    ui.tabs.setCurrentWidget(ui.interventions_tab)
    table = ui.interventions_table
    table.setFocus()
    table.selectRow(1)
    table.setCurrentIndex(table.model().index(1, 0))
    press(qtbot, Qt.Key.Key_Return)
    [dialog] = window.entry_dialogs
    assert dialog.intervention_id == table.model().row_at(1).id
    assert dialog.ui.summary_edit.toPlainText() == "Point sur les droits"
    assert dialog.ui.notes_edit.toPlainText() == "Inquiète pour son emploi"
    assert window.open_entry(dialog.intervention_id) is dialog  # the same one, brought forward


def test_delete_an_intervention_after_confirming(qtbot, anne, dossier_id, open_window,
                                                 prompts):
    window = open_window(anne, dossier_id)
    ui = window.ui
    ui.tabs.setCurrentWidget(ui.interventions_tab)
    ui.interventions_table.selectRow(0)
    qtbot.mouseClick(ui.delete_intervention_button, Qt.MouseButton.LeftButton)
    assert "Supprimer « Téléphone » du 20/10/2026" in prompts.texts()
    assert [row[1] for row in cells(ui.interventions_table)] == ["Entretien"]


# -- échéances ----------------------------------------------------------------------------------
def test_an_echeance_is_ticked_done_and_undone(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    ui = window.ui
    ui.tabs.setCurrentWidget(ui.echeances_tab)
    widget = ui.echeances_widget
    table = widget.table
    assert cells(table, range(5)) == [
        ["en retard", "25/10/2026", "", "Échéance de suivi", "Relancer la CPAM"],
        ["à faire", "03/11/2026", "10:00", "Rendez-vous", "Bilan"],
    ]
    assert table.model().index(0, 0).data(Qt.ItemDataRole.ForegroundRole).name() == "#a4161a"
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    table.selectRow(0)
    press(qtbot, Qt.Key.Key_Space)  # ticks the box
    echeances = DossierService(anne).open(dossier_id).echeances
    assert [e.label for e in echeances if e.done_at] == ["Relancer la CPAM"]
    assert cells(table, range(1)) == [["à faire"], ["fait le 02/11/2026"]]
    assert widget.selected().label == "Relancer la CPAM"
    assert widget.toggle_button.text() == "Remettre à &faire"
    qtbot.mouseClick(widget.toggle_button, Qt.MouseButton.LeftButton)
    echeances = DossierService(anne).open(dossier_id).echeances
    assert all(e.done_at is None for e in echeances)
    assert cells(table, range(1)) == [["en retard"], ["à faire"]]


def test_a_new_appointment_is_added(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    ui = window.ui
    ui.tabs.setCurrentWidget(ui.echeances_tab)
    qtbot.mouseClick(ui.echeances_widget.new_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    assert isinstance(dialog, EcheanceDialog)
    qtbot.keyClicks(dialog.ui.date_edit, "09/11/2026")
    assert dialog.ui.weekday_label.text() == "lundi 9 novembre 2026"
    qtbot.keyClicks(dialog.ui.time_edit, "9h")
    qtbot.keyClicks(dialog.ui.label_edit, "Visite CAF")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.current_dialog is None
    assert ["à faire", "09/11/2026", "09:00", "Rendez-vous", "Visite CAF"] in cells(
        ui.echeances_widget.table, range(5))


def test_a_wrong_time_keeps_the_appointment_dialog_open(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    qtbot.mouseClick(window.ui.echeances_widget.new_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    qtbot.keyClicks(dialog.ui.date_edit, "09/11/2026")
    qtbot.keyClicks(dialog.ui.time_edit, "27h")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.current_dialog is dialog and dialog.isVisible()
    assert "HH:MM" in dialog.ui.problem_label.text()


# -- the dossier itself --------------------------------------------------------------------------
def test_closing_the_dossier_with_a_reason(qtbot, anne, dossier_id, open_window):
    window = open_window(anne, dossier_id)
    ui = window.ui
    ui.tabs.setCurrentWidget(ui.dossier_tab)
    qtbot.mouseClick(ui.status_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    assert isinstance(dialog, DossierStatusDialog)
    assert not dialog.ui.closing_combo.isEnabled()
    dialog.ui.status_combo.setCurrentIndex(dialog.STATUSES.index(DossierStatus.CLOSED))
    assert dialog.ui.closing_combo.isEnabled()
    dialog.ui.closing_combo.setCurrentIndex(dialog.ui.closing_combo.findText("Objectifs atteints"))
    qtbot.keyClicks(dialog.ui.closing_text_edit, "droits ouverts")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.current_dialog is None
    assert ui.status_badge.text() == "Clos le 02/11/2026"
    assert form_values(ui.dossier_form_layout)["Statut"] == (
        "Clos le 02/11/2026 — Objectifs atteints (droits ouverts)")
    assert ("02/11/2026", "Dossier", "Dossier clos : objectifs atteints (droits ouverts)") in (
        timeline(window))
    dossier = DossierService(anne).open(dossier_id).dossier
    assert (dossier.status, dossier.closing_code) == (DossierStatus.CLOSED, "OBJECTIFS_ATTEINTS")


def test_consent_and_motifs_are_changed_in_the_dossier_dialog(qtbot, anne, dossier_id,
                                                              open_window):
    window = open_window(anne, dossier_id)
    ui = window.ui
    qtbot.mouseClick(ui.edit_dossier_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    assert isinstance(dialog, DossierEditDialog)
    assert dialog.checked_motifs() == ["ACCES_DROITS_SOINS"]
    dialog.set_motif("LOGEMENT", True)
    dialog.set_motif("AUTRE", True)
    qtbot.keyClicks(dialog.ui.motif_text_edit, "mobilite")
    dialog.ui.notice_check.setFocus()
    qtbot.keyClick(dialog.ui.notice_check, Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert window.current_dialog is None
    assert ui.notice_badge.text() == "Notice d'information remise"
    assert form_values(ui.dossier_form_layout)["Motifs"] == (
        "Accès aux droits et aux soins\nAutre (préciser) (mobilite)\nLogement")


def test_a_wrong_opening_date_is_explained_in_the_dossier_dialog(qtbot, anne, dossier_id,
                                                                 open_window):
    window = open_window(anne, dossier_id)
    qtbot.mouseClick(window.ui.edit_dossier_button, Qt.MouseButton.LeftButton)
    dialog = window.current_dialog
    dialog.ui.opened_edit.clear()
    qtbot.keyClicks(dialog.ui.opened_edit, "32/10/2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "32/10/2026" in dialog.ui.problem_label.text()


# -- access and session --------------------------------------------------------------------------
def test_a_colleague_who_is_not_referent_sees_the_refusal(qtbot, team, anne, dossier_id,
                                                          open_window, prompts):
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        window = open_window(louis, dossier_id)
        assert window.refused
        assert window.title() == "Dossier non accessible"
        assert window.message_text().startswith("Accès refusé à ce dossier")
        assert window.ui.pages.currentWidget() is window.ui.message_page
        assert window.view is None
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
        assert window.entry_dialogs == []
        assert window.ui.name_label.text() == ""  # nothing of the content was ever shown
        assert cells(window.ui.interventions_table) == []
        assert window.ui.timeline_widget.rows() == []
    finally:
        louis.close()


def test_closing_the_session_keeps_the_draft_and_hides_the_dossier(qtbot, anne, dossier_id,
                                                                  open_window):
    window = open_window(anne, dossier_id)
    dialog = window.open_entry()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.ui.summary_edit.setFocus()
    type_text(qtbot, "En cours de saisie")
    window.save_drafts()
    key = dialog.draft_key
    assert DraftService(anne).load(key)["summary"] == "En cours de saisie"
    window.closed_for_session()
    assert window.entry_dialogs == []
    assert window.view is None
    assert window.ui.pages.currentWidget() is window.ui.message_page
    assert cells(window.ui.interventions_table) == []
    assert DraftService(anne).load(key)["summary"] == "En cours de saisie"


def test_ctrl_e_opens_the_entry_of_the_dossier_on_screen(qtbot, anne, dossier_id, prompts):
    other_id = DossierService(anne).create(
        PersonService(anne).create(PersonInput(usage_name="Bernard")),
        DossierInput(opened_on=date(2026, 10, 2)))
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    runner = TaskRunner(synchronous=True)
    first = DossierWindow(anne, runner, prompts, dossier_id)
    second = DossierWindow(anne, runner, prompts, other_id)
    tabs.addTab(first, first.title())
    tabs.addTab(second, second.title())
    tabs.setCurrentWidget(second)
    tabs.show()
    tabs.activateWindow()
    qtbot.waitUntil(tabs.isActiveWindow, timeout=2000)
    qtbot.keyClick(tabs, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert first.entry_dialogs == []
    [dialog] = second.entry_dialogs
    assert dialog.dossier_id == other_id
    assert tabs.tabText(1) == "2026-000002 — BERNARD"


def test_the_same_with_work_off_the_gui_thread(qtbot, anne, dossier_id, prompts):
    """The application's runner uses a thread pool: reading and saving arrive later."""
    runner = TaskRunner()
    window = DossierWindow(anne, runner, prompts, dossier_id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.view is not None, timeout=5000)
    assert window.title() == "2026-000001 — DUPONT Marie (née MARTIN)"
    dialog = window.open_entry()
    qtbot.waitUntil(dialog.isEnabled, timeout=5000)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    assert focused() is dialog.ui.date_edit
    press(qtbot, Qt.Key.Key_Tab, times=3)
    type_text(qtbot, "Saisie en arrière-plan")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(cells(window.ui.interventions_table)) == 3, timeout=5000)
    assert cells(window.ui.interventions_table)[0][3] == "Saisie en arrière-plan"
    runner.wait()
    assert prompts.shown == []
