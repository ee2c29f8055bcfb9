"""*Transférer ses dossiers…* on the accounts screen: the manager hands a social worker's dossiers
to a colleague (a departure, a new sector), with or without the closed ones.

Real stations (conftest ``team``), a synchronous task runner and recorded prompts. What is
checked is what the manager sees (the dialog, the message) and what follows for the people:
the new referent opens the dossiers, the closed ones stay unless asked, the journal has one
entry per dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from conftest import ASSISTANT_LOGIN, MANAGER_LOGIN, OTHER_LOGIN, OTHER_NAME, SECRETARY_LOGIN
from PySide6.QtCore import QPoint, Qt

from anaiss_desktop.domain.records import DossierInput, DossierStatus, PersonInput
from anaiss_desktop.gui.admin import AccountsWidget
from anaiss_desktop.gui.admin.accounts import TransferDossiersDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.accounts import AccountService
from anaiss_desktop.services.dossiers import DossierService
from anaiss_desktop.services.errors import NotAllowed
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session

LOGIN, NAME = 0, 1


@dataclass(frozen=True)
class AnnesDossiers:
    open: tuple[int, int]  # one open, one dormant ("en veille")
    closed: int


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def dossiers(anne: Session) -> AnnesDossiers:
    persons, service = PersonService(anne), DossierService(anne)
    ids = []
    for name in ("Lefort", "Moreau", "Garnier"):
        person_id = persons.create(PersonInput(usage_name=name, first_names="Paul"))
        ids.append(service.create(person_id, DossierInput(opened_on=date(2026, 10, 1))))
    service.set_status(ids[1], DossierStatus.DORMANT, date(2026, 10, 20))
    service.set_status(ids[2], DossierStatus.CLOSED, date(2026, 10, 25))
    return AnnesDossiers((ids[0], ids[1]), ids[2])


@pytest.fixture
def make_widget(qtbot, prompts):
    def make(session: Session) -> AccountsWidget:
        widget = AccountsWidget(session, TaskRunner(synchronous=True), prompts)
        qtbot.addWidget(widget)
        widget.resize(1000, 420)
        widget.show()
        return widget

    return make


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot, widget: AccountsWidget, login: str) -> None:
    table = widget.ui.table_view
    model = table.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, LOGIN).data() == login)
    rect = table.visualRect(model.index(row, NAME))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert widget.selected().account.login == login


def open_transfer(qtbot, widget: AccountsWidget, login: str) -> TransferDossiersDialog:
    click_row(qtbot, widget, login)
    click(qtbot, widget.ui.transfer_button)
    dialog = widget.transfer_dialog
    assert isinstance(dialog, TransferDossiersDialog) and dialog.isVisible()
    return dialog


def receivers(dialog: TransferDossiersDialog) -> list[str]:
    combo = dialog.receiver_combo
    return [combo.itemText(i) for i in range(combo.count())]


def referent_changes(session: Session) -> list[str]:
    return [f"{e.target} {e.detail}" for e in session.audit.entries()
            if e.action == "dossier.changement_referent"]


def test_the_button_follows_social_worker_accounts(qtbot, make_widget, manager):
    widget = make_widget(manager)
    assert widget.ui.transfer_button.text().replace("&", "") == "Transférer ses dossiers…"
    assert not widget.ui.transfer_button.isEnabled()  # nothing selected
    for login, enabled in ((ASSISTANT_LOGIN, True), (OTHER_LOGIN, True),
                           (MANAGER_LOGIN, True), (SECRETARY_LOGIN, False)):
        click_row(qtbot, widget, login)
        assert widget.ui.transfer_button.isEnabled() is enabled, login


def test_transfer_of_annes_open_dossiers_to_louis(qtbot, make_widget, manager, anne, louis,
                                                  dossiers, prompts):
    widget = make_widget(manager)
    dialog = open_transfer(qtbot, widget, ASSISTANT_LOGIN)
    assert dialog.windowTitle() == "Transférer les dossiers d'Anne Martin"
    assert receivers(dialog) == [  # active social workers, not Anne, not the secretary
        "Claire Responsable (Responsable d'unité (travailleur social))",
        "Louis Petit (Assistant(e) social(e))",
    ]
    assert "notes personnelles restent à leur auteur" in dialog.notes_label.text()
    assert "journal d'audit" in dialog.notes_label.text()
    assert not dialog.closed_check.isChecked()
    with pytest.raises(NotAllowed):
        DossierService(louis).open(dossiers.open[0])

    dialog.receiver_combo.setCurrentIndex(receivers(dialog).index(
        "Louis Petit (Assistant(e) social(e))"))
    click(qtbot, dialog.ok_button)

    assert not dialog.isVisible() and widget.transfer_dialog is None
    assert prompts.shown == [
        ("info", "Dossiers transférés", f"2 dossier(s) transféré(s) à {OTHER_NAME}."),
    ]
    for dossier_id in dossiers.open:
        view = DossierService(louis).open(dossier_id)
        assert view.dossier.referent_name == OTHER_NAME
        assert view.covering is None  # referent, not covering colleague
    # The closed dossier stays Anne's.
    with pytest.raises(NotAllowed):
        DossierService(louis).open(dossiers.closed)
    assert DossierService(anne).open(dossiers.closed).dossier.referent_name == "Anne Martin"
    changes = referent_changes(manager)
    assert len(changes) == 2
    assert all(change.endswith(f"{ASSISTANT_LOGIN} → {OTHER_LOGIN}") for change in changes)


def test_the_box_takes_the_closed_dossiers_too(qtbot, make_widget, manager, louis, dossiers,
                                               prompts):
    widget = make_widget(manager)
    dialog = open_transfer(qtbot, widget, ASSISTANT_LOGIN)
    dialog.select(OTHER_LOGIN)
    box = dialog.closed_check  # click on the box itself, at the left of its text
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.closed_check.isChecked()
    click(qtbot, dialog.ok_button)

    assert prompts.texts() == f"3 dossier(s) transféré(s) à {OTHER_NAME}."
    for dossier_id in (*dossiers.open, dossiers.closed):
        assert DossierService(louis).open(dossier_id).dossier.referent_name == OTHER_NAME
    assert len(referent_changes(manager)) == 3


def test_a_disabled_account_hands_its_dossiers_over(qtbot, make_widget, manager, louis,
                                                    dossiers, prompts):
    """A person who left: her account is disabled, her dossiers still need a referent."""
    AccountService(manager).disable(ASSISTANT_LOGIN)
    widget = make_widget(manager)
    dialog = open_transfer(qtbot, widget, ASSISTANT_LOGIN)
    dialog.select(OTHER_LOGIN)
    click(qtbot, dialog.ok_button)
    assert prompts.texts() == f"2 dossier(s) transféré(s) à {OTHER_NAME}."
    assert DossierService(louis).open(dossiers.open[1]).dossier.referent_name == OTHER_NAME


def test_a_disabled_colleague_cannot_receive_and_the_refusal_shows_in_the_dialog(
        qtbot, make_widget, manager, anne, dossiers, prompts):
    widget = make_widget(manager)
    dialog = open_transfer(qtbot, widget, ASSISTANT_LOGIN)
    dialog.select(OTHER_LOGIN)
    # Meanwhile Louis's account is disabled (at another moment, from another screen).
    AccountService(manager).disable(OTHER_LOGIN)
    click(qtbot, dialog.ok_button)

    assert dialog.isVisible()
    assert dialog.problem_label.isVisible()
    assert dialog.problem_label.text() == (
        "Le ou la référent(e) doit être un(e) travailleur social actif.")
    assert dialog.ok_button.isEnabled()
    assert prompts.shown == []
    assert referent_changes(manager) == []
    assert DossierService(anne).open(dossiers.open[0]).dossier.referent_name == "Anne Martin"
    dialog.reject()
    assert widget.transfer_dialog is None

    # Reopened, the list no longer offers the disabled colleague.
    dialog = open_transfer(qtbot, widget, ASSISTANT_LOGIN)
    assert receivers(dialog) == [
        "Claire Responsable (Responsable d'unité (travailleur social))",
    ]


def test_nobody_to_receive(qtbot, make_widget, manager):
    AccountService(manager).disable(OTHER_LOGIN)
    AccountService(manager).disable(ASSISTANT_LOGIN)
    widget = make_widget(manager)
    dialog = open_transfer(qtbot, widget, MANAGER_LOGIN)
    assert receivers(dialog) == []
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.text() == (
        "Aucun(e) autre travailleur social actif ne peut recevoir ces dossiers.")
