"""Confidentiality on screen (issue 4): what the secretary, the covering colleague and the
referent see. Real stations (conftest ``team``), a synchronous runner, recorded prompts; the
checks read every text the window shows, the way a person would see it.
"""

from __future__ import annotations

from datetime import date

import pytest
from conftest import (
    MANAGER_LOGIN,
    MANAGER_PASSWORD,
    OTHER_LOGIN,
    OTHER_PASSWORD,
    SECRETARY_LOGIN,
    SECRETARY_PASSWORD,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from anaiss_desktop.domain.accounts import Role
from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    NoteVisibility,
    PersonInput,
)
from anaiss_desktop.gui.dossiers.cover_dialog import CoverDialog
from anaiss_desktop.gui.dossiers.dossier_view import DossierWindow
from anaiss_desktop.gui.dossiers.home import HomeWidget
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.covers import CoverService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session
from anaiss_desktop.storage.accounts_repo import AccountRepository

NOTE = "Observation confidentielle sur la santé"
PERSONAL = "Intuition personnelle de l'assistante"
SUMMARY = "Résumé libre de l'entretien"
TODAY = date(2026, 11, 2)


@pytest.fixture
def dossier_id(anne: Session) -> int:
    person_id = PersonService(anne).create(PersonInput(usage_name="Lefort", first_names="Paul"))
    service = DossierService(anne)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2026, 10, 1)))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 5), kind_code="ENTRETIEN", summary=SUMMARY, notes=NOTE))
    service.add_intervention(dossier_id, InterventionInput(
        on_date=date(2026, 10, 6), kind_code="TELEPHONE", notes=PERSONAL,
        notes_visibility=NoteVisibility.PERSONAL))
    service.add_echeance(dossier_id, EcheanceInput(EcheanceKind.APPOINTMENT, "2026-11-05T10:00",
                                                   "Rendez-vous bilan"))
    return dossier_id


def every_text(root: QWidget) -> str:
    """Every text the window holds: labels, fields, trees, and the cells of its tables."""
    texts = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLabel | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    texts.append(str(model.index(row, column).data() or ""))
                    texts.append(str(model.index(row, column).data(
                        Qt.ItemDataRole.ToolTipRole) or ""))
    return "\n".join(texts)


@pytest.fixture
def open_window(qtbot):
    def open_(session: Session, dossier_id: int) -> DossierWindow:
        window = DossierWindow(session, TaskRunner(synchronous=True), RecordingPrompts(),
                               dossier_id)
        qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        return window

    return open_


def test_the_secretary_sees_appointments_never_notes_or_summaries(qtbot, secretary, dossier_id,
                                                                 open_window):
    window = open_window(secretary, dossier_id)
    ui = window.ui
    assert window.view is not None and ui.name_label.text() == "LEFORT Paul"
    shown = every_text(window)
    assert "Rendez-vous bilan" in shown
    for secret in (NOTE, PERSONAL, SUMMARY):
        assert secret not in shown
    assert "Accès secrétariat" in window.access_banner.text() and window.access_banner.isVisible()
    assert not ui.tabs.isTabVisible(ui.tabs.indexOf(ui.interventions_tab))
    assert not ui.new_intervention_button.isVisible()


def test_the_secretary_gets_no_follow_up_facts(qtbot, anne, secretary, open_window):
    """Family situation, household, origin, motifs: follow-up facts, left out by the service
    itself (not only hidden on screen)."""
    from anaiss_desktop.domain.records import HouseholdMember, Motif

    person_id = PersonService(anne).create(PersonInput(
        usage_name="Garnier", family_code="AUTRE", family_text="Séparation en cours",
        household=(HouseholdMember("Garnier Théo", "fils"),)))
    dossier_id = DossierService(anne).create(person_id, DossierInput(
        opened_on=date(2026, 10, 1), origin_text="Signalement du voisinage",
        motifs=(Motif("AUTRE", "Violences conjugales"),)))
    view = DossierService(secretary).open(dossier_id)
    assert (view.person.family_text, view.person.household) == ("", ())
    assert (view.dossier.motifs, view.dossier.origin_text) == ((), "")
    shown = every_text(open_window(secretary, dossier_id))
    for secret in ("Séparation en cours", "Garnier Théo", "Signalement du voisinage",
                   "Violences conjugales", "Situation familiale", "Motifs :"):
        assert secret not in shown
    assert "GARNIER" in shown
    assert "Violences conjugales" in every_text(open_window(anne, dossier_id))


def test_the_covering_colleague_works_under_a_banner(qtbot, team, anne, dossier_id, open_window):
    louis_id = next(a.id for a in CoverService(anne).colleagues() if a.login == OTHER_LOGIN)
    CoverService(anne).designate_on_dossier(dossier_id, louis_id, TODAY, date(2026, 11, 20))
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    try:
        window = open_window(louis, dossier_id)
        assert window.access_banner.isVisible()
        assert window.access_banner.text().startswith(
            "Vous remplacez Anne Martin (suppléance du 02/11/2026 au 20/11/2026)")
        shown = every_text(window)
        assert NOTE in shown and SUMMARY in shown
        assert PERSONAL not in shown  # the referent's personal note stays hers
    finally:
        louis.close()


def test_who_has_access_names_each_reader_and_a_cover_is_given_from_it(qtbot, anne, dossier_id,
                                                                      open_window):
    window = open_window(anne, dossier_id)
    assert not window.access_banner.isVisible()
    window.ui.tabs.setCurrentWidget(window.access_tab)
    tab = window.access_tab
    lines = tab.texts()
    assert any("Anne Martin" in line and "référent(e) du dossier" in line for line in lines)
    assert any(line.startswith("Coordonnées") and "Sophie Bernard" in line for line in lines)
    assert not any(line.startswith("Secret") and "Sophie Bernard" in line for line in lines)
    assert not any("Louis Petit" in line for line in lines)
    assert tab.log_table.isVisible()  # the referent reads the dossier's log

    qtbot.mouseClick(tab.designate_button, Qt.MouseButton.LeftButton)
    dialog = tab.findChild(CoverDialog)
    assert dialog is not None and dialog.isVisible()
    choices = [dialog.colleague_combo.itemText(i) for i in range(dialog.colleague_combo.count())]
    assert choices == ["Claire Responsable (Responsable d'unité (travailleur social))",
                       "Louis Petit (Assistant(e) social(e))"]  # no secretary, not herself
    dialog.colleague_combo.setCurrentIndex(1)
    qtbot.keyClicks(dialog.end_edit, "20/11/2026")
    with qtbot.waitSignal(tab.covers_changed):
        qtbot.mouseClick(dialog.button_box.buttons()[0], Qt.MouseButton.LeftButton)
    lines = tab.texts()
    assert any(line.startswith("Secret") and "Louis Petit" in line
               and "jusqu'au 20/11/2026" in line for line in lines)
    covers = [tab.covers_list.item(i).text() for i in range(tab.covers_list.count())]
    assert covers == ["Louis Petit, du 02/11/2026 au 20/11/2026 — dossier "
                      f"{window.view.dossier.number}"]
    tree = tab.findChild(QTreeWidget)
    assert tree is tab.tree


def test_the_referent_reads_the_absence_report_on_return(qtbot, team, anne, dossier_id, clock):
    louis_id = next(a.id for a in CoverService(anne).colleagues() if a.login == OTHER_LOGIN)
    CoverService(anne).designate_for_absence(anne.account.id, louis_id, TODAY,
                                             date(2026, 11, 3))
    louis = team.login(OTHER_LOGIN, OTHER_PASSWORD)
    DossierService(louis).open(dossier_id)
    louis.close()
    clock.advance(days=4)
    back = team.login("amartin", "Accompagner-Chaque-Jour-7")
    try:
        home = HomeWidget(back, TaskRunner(synchronous=True), RecordingPrompts())
        qtbot.addWidget(home)
        home.show()
        section = home.absence_section
        assert section.isVisible()
        assert "Louis Petit : 1 action(s) sur 1 dossier(s)" in section.count_label.text()
        [line] = section.texts()
        assert "Louis Petit | Consultation d'un dossier | Lefort Paul" in line
        qtbot.mouseClick(home.absence_seen_button, Qt.MouseButton.LeftButton)
        assert not section.isVisible()
    finally:
        back.close()


def test_the_secretary_has_no_absence_report_nor_log(qtbot, team, dossier_id, open_window):
    secretary = team.login(SECRETARY_LOGIN, SECRETARY_PASSWORD)
    try:
        window = open_window(secretary, dossier_id)
        window.ui.tabs.setCurrentWidget(window.access_tab)
        assert not window.access_tab.log_table.isVisible()
        assert "référent(e)" in window.access_tab.log_refusal_label.text()
        assert not window.access_tab.designate_button.isVisible()
    finally:
        secretary.close()


def test_the_secretary_home_is_the_service_agenda(qtbot, secretary, dossier_id):
    home = HomeWidget(secretary, TaskRunner(synchronous=True), RecordingPrompts())
    qtbot.addWidget(home)
    home.show()
    assert home.mode == "agenda"
    assert not home.open_section.isVisible() and not home.unit_section.isVisible()
    assert home.today_section.texts() == []  # Anne's appointment is on 05/11
    assert "service" in home.today_section.title_label.text()
    # The secretary books an appointment in Anne's dossier: it is on the service's agenda.
    DossierService(secretary).add_echeance(dossier_id, EcheanceInput(
        EcheanceKind.APPOINTMENT, "2026-11-02T14:00", "Accueil avec la CAF"))
    home.refresh()
    [line] = home.today_section.texts()
    assert line.startswith("14:00 | Lefort Paul | Accueil avec la CAF")


def test_a_manager_who_is_not_a_social_worker_sees_counts_not_people(qtbot, team, anne,
                                                                     dossier_id):
    manager = team.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    AccountService(manager).create("direction", "Bernard Direction", Role.MANAGER,
                                   temporary_password="Tableau-De-Bord-2026!")
    account = next(a for a in AccountRepository(manager.db).all() if a.login == "direction")
    manager.set_password(account, "Tableau-De-Bord-2026!", temporary=False)
    manager.close()
    boss = team.login("direction", "Tableau-De-Bord-2026!")
    try:
        home = HomeWidget(boss, TaskRunner(synchronous=True), RecordingPrompts())
        qtbot.addWidget(home)
        home.show()
        assert home.mode == "unit" and home.unit_section.isVisible()
        assert not home.today_section.isVisible() and not home.open_section.isVisible()
        rows = home.unit_section.texts()
        assert "Anne Martin | 1 | 0 | 0 | 0" in rows
        assert "Lefort" not in every_text(home)
    finally:
        boss.close()
