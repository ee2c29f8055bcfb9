"""The home screen "Mon activité", on a real station, read like a social worker reads it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from conftest import MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import QPoint, Qt

from anaiss_desktop.domain.records import (
    DossierInput,
    EcheanceInput,
    EcheanceKind,
    InterventionInput,
    Motif,
    PersonInput,
)
from anaiss_desktop.gui.dossiers.home import OVERDUE_COLOUR, PREF_KEY, HomeWidget
from anaiss_desktop.gui.dossiers.person_form import local_today
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.drafts import DraftService
from anaiss_desktop.services.persons import PersonService


def make_dossier(session, usage_name: str, first_names: str = "", **fields) -> int:
    person_id = PersonService(session).create(
        PersonInput(usage_name=usage_name, first_names=first_names, **fields))
    return DossierService(session).create(
        person_id, DossierInput(opened_on=local_today(session) - timedelta(days=200),
                                motifs=(Motif("LOGEMENT"),)))


@pytest.fixture
def caseload(anne):
    """DUPONT (appointment today, overdue follow-up, recent contact), LEROY (no contact)."""
    today = local_today(anne)
    dossiers = DossierService(anne)
    dupont = make_dossier(anne, "Dupont", "Marie")
    dossiers.add_intervention(dupont, InterventionInput(
        on_date=today - timedelta(days=10), kind_code="ENTRETIEN", summary="Point logement"))
    dossiers.add_echeance(dupont, EcheanceInput(
        EcheanceKind.APPOINTMENT, f"{today.isoformat()}T10:30", "Bilan des droits", "Bureau 2"))
    dossiers.add_echeance(dupont, EcheanceInput(
        EcheanceKind.FOLLOW_UP, (today - timedelta(days=5)).isoformat(), "Relancer la CPAM"))
    leroy = make_dossier(anne, "Leroy", "Paul")
    return {"dupont": dupont, "leroy": leroy}


def make_home(qtbot, session) -> HomeWidget:
    home = HomeWidget(session, TaskRunner(synchronous=True), RecordingPrompts())
    qtbot.addWidget(home)
    home.resize(1100, 700)
    home.show()
    return home


def joined(section) -> str:
    return "\n".join(section.texts())


def test_home_lists_today_and_overdue(qtbot, anne, caseload):
    home = make_home(qtbot, anne)
    today = joined(home.today_section)
    assert "10:30" in today and "dupont marie" in today.lower() and "Bilan des droits" in today
    overdue = joined(home.overdue_section)
    assert "Relancer la CPAM" in overdue and "5 j" in overdue
    model = home.overdue_section.model
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOUR
    assert home.open_section.count_label.text() == "(2)"
    assert "LEROY Paul" in joined(home.open_section)
    # LEROY never had a contact: listed as without contact for 90 days; DUPONT had one lately.
    quiet = joined(home.quiet_section)
    assert "LEROY" in quiet and "DUPONT" not in quiet


def test_one_click_or_enter_opens_the_dossier(qtbot, anne, caseload):
    home = make_home(qtbot, anne)
    table = home.today_section.table
    rect = table.visualRect(table.model().index(0, 1))
    with qtbot.waitSignal(home.dossier_requested) as blocker:
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [caseload["dupont"]]
    table = home.open_section.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 0))
    expected = table.model().dossier_id_at(1)
    with qtbot.waitSignal(home.dossier_requested) as blocker:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    # A click outside any row opens nothing.
    with qtbot.assertNotEmitted(home.dossier_requested):
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(5, table.viewport().height() - 3))


def test_empty_home_speaks_plainly(qtbot, station):
    manager = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        home = make_home(qtbot, manager)
        assert not home.today_section.table.isVisible()
        assert home.today_section.empty_label.text() == "Pas de rendez-vous aujourd'hui."
        assert "Rien en retard" in home.overdue_section.empty_label.text()
        assert "Nouvelle personne" in home.open_section.empty_label.text()
        assert home.recent_section.empty_label.isVisible()
    finally:
        manager.close()


def test_delay_without_contact_is_chosen_and_remembered(qtbot, anne, caseload):
    dossiers = DossierService(anne)
    dossiers.add_intervention(caseload["leroy"], InterventionInput(
        on_date=local_today(anne) - timedelta(days=120), kind_code="TELEPHONE"))
    home = make_home(qtbot, anne)
    assert "LEROY" in joined(home.quiet_section)
    home.days_spin.setFocus()
    home.days_spin.selectAll()
    qtbot.keyClicks(home.days_spin, "150")
    qtbot.waitUntil(lambda: "LEROY" not in joined(home.quiet_section), timeout=3000)
    assert "moins de 150 jours" in home.quiet_section.empty_label.text()
    assert DraftService(anne).load(PREF_KEY) == {"no_contact_days": 150}
    again = make_home(qtbot, anne)
    assert again.no_contact_days == 150


def test_f5_reads_again_and_recent_dossiers_follow(qtbot, anne, caseload):
    home = make_home(qtbot, anne)
    home.activateWindow()
    qtbot.waitUntil(home.isActiveWindow, timeout=2000)
    assert "Les dossiers que vous ouvrez" in home.recent_section.empty_label.text()
    DossierService(anne).open(caseload["leroy"])
    DossierService(anne).add_echeance(caseload["leroy"], EcheanceInput(
        EcheanceKind.APPOINTMENT, f"{local_today(anne).isoformat()}T14:00", "Visite"))
    home.today_section.table.setFocus()
    qtbot.keyClick(home.today_section.table, Qt.Key.Key_F5)
    assert "Visite" in joined(home.today_section)
    assert "LEROY Paul" in joined(home.recent_section)


def test_long_caseload_is_fetched_by_pages(qtbot, anne):
    for index in range(70):
        make_dossier(anne, f"Martin{index:02d}")
    home = make_home(qtbot, anne)
    model = home.open_section.model
    assert model.total() == 70
    assert model.rowCount() == 50  # one page: the rest comes when scrolled to
    home.open_section.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 70, timeout=2000)
    assert home.open_section.count_label.text() == "(70)"
