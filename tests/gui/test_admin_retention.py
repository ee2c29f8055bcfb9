"""Administration › Conservation, and the manager's home reminder, driven like a manager would.

Real station; today is 2026-11-02 (conftest's FakeClock), the period 24 months: dossiers whose
last contact is before 2024-11-02 are due.
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from anaiss_desktop.domain.records import (
    DossierInput,
    DossierStatus,
    InterventionInput,
    PersonInput,
)
from anaiss_desktop.gui.admin.dialog import AdminDialog
from anaiss_desktop.gui.dossiers.home import HomeWidget
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.retention import RetentionService


def _dossier(session, name: str, last_contact: date, *, closed: bool) -> int:
    person_id = PersonService(session).create(PersonInput(usage_name=name))
    service = DossierService(session)
    dossier_id = service.create(person_id, DossierInput(opened_on=date(2022, 1, 10)))
    service.add_intervention(dossier_id, InterventionInput(on_date=last_contact, summary="RDV"))
    if closed:
        service.set_status(dossier_id, DossierStatus.CLOSED, last_contact)
    return dossier_id


@pytest.fixture
def due(manager):
    return {
        "closed": _dossier(manager, "Ancienne", date(2023, 5, 1), closed=True),
        "open": _dossier(manager, "Ouverte", date(2023, 6, 1), closed=False),
        "recent": _dossier(manager, "Recente", date(2026, 10, 1), closed=False),
    }


@pytest.fixture
def tab(qtbot, manager):
    prompts = RecordingPrompts()
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.retention)
    yield dialog.retention, prompts
    dialog.close()  # the dialog lives as long as the test (the tab is its child)


def _rows(tab) -> list[tuple[str, str, bool]]:
    table = tab.table
    return [(table.item(r, 0).text(), table.item(r, 2).text(),
             table.item(r, 0).checkState() is Qt.CheckState.Checked)
            for r in range(table.rowCount())]


def test_list_ticks_closed_dossiers_only(due, tab):
    tab, _prompts = tab
    rows = _rows(tab)
    assert [(status, ticked) for _n, status, ticked in rows] == [("Clos", True),
                                                                 ("Ouvert", False)]
    assert "plus de 24 mois" in tab.intro_label.text()
    assert tab.table.item(0, 4).text() == "01/05/2023"
    assert tab.table.item(0, 5).text() == "supprimée aussi"
    assert tab.count_label.text() == "1 dossier(s) sur 2 coché(s)"
    assert tab.purge_button.isEnabled()


def test_purge_after_confirmation(qtbot, due, tab, manager):
    tab, prompts = tab
    qtbot.mouseClick(tab.purge_button, Qt.MouseButton.LeftButton)
    assert prompts.shown[-1][1] == "Supprimer définitivement"
    assert "1 dossier(s) et 1 fiche(s) personne" in prompts.shown[-1][2]
    assert tab.status_label.text() == (
        "1 dossier(s) et 1 fiche(s) personne supprimés définitivement.")
    assert [status for _n, status, _t in _rows(tab)] == ["Ouvert"]
    assert not DossierService(manager).can_open(due["closed"])
    assert RetentionService(manager).count_due() == 1


def test_refused_confirmation_deletes_nothing(qtbot, manager, due):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), RecordingPrompts(answer=False))
    qtbot.addWidget(dialog)
    dialog.tabs.setCurrentWidget(dialog.retention)
    qtbot.mouseClick(dialog.retention.check_all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.retention.purge_button, Qt.MouseButton.LeftButton)
    assert RetentionService(manager).count_due() == 2


def test_nothing_due(tab):
    tab, _prompts = tab
    assert tab.table.rowCount() == 0
    assert tab.status_label.text() == "Aucun dossier n'a dépassé la durée de conservation."
    assert not tab.purge_button.isEnabled()


def test_home_reminds_the_manager_only(qtbot, manager, anne, due):
    home = HomeWidget(manager, TaskRunner(synchronous=True), RecordingPrompts())
    qtbot.addWidget(home)
    home.show()
    home.refresh()
    assert home.reminders_label.isVisible()
    assert "2 dossier(s) ont dépassé la durée de conservation" in home.reminders_label.text()
    other = HomeWidget(anne, TaskRunner(synchronous=True), RecordingPrompts())
    qtbot.addWidget(other)
    other.show()
    other.refresh()
    assert not other.reminders_label.isVisible()
