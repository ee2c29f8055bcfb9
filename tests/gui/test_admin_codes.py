"""The coded-lists screen driven like a unit manager would: pick a list, type, click, read.

Real station (conftest ``station``), synchronous task runner, recorded prompts. What is checked
is what the manager sees (table cells, messages, enabled buttons) and what the service then
offers to everyone (CodeService.codes).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from anaiss_desktop.domain.codes import LISTS
from anaiss_desktop.gui.admin import AdminDialog, CodesWidget
from anaiss_desktop.gui.admin.codes import AddCodeDialog, RelabelDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.codes import CodeService
from anaiss_desktop.services.errors import NotAllowed
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station

CODE, LABEL, STATE, NOTE = range(4)


@pytest.fixture
def manager(station: Station) -> Iterator[Session]:
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts()


@pytest.fixture
def make_widget(qtbot, prompts):
    def make(session: Session) -> CodesWidget:
        widget = CodesWidget(session, TaskRunner(synchronous=True), prompts)
        qtbot.addWidget(widget)
        widget.resize(860, 520)
        widget.show()
        return widget

    return make


def rows(widget: CodesWidget) -> dict[str, list[str]]:
    model = widget.table_view.model()
    result = {}
    for row in range(model.rowCount()):
        cells = [model.index(row, col).data() for col in range(model.columnCount())]
        result[cells[CODE]] = cells
    return result


def click_row(qtbot, widget: CodesWidget, code: str) -> None:
    table = widget.table_view
    row = list(rows(widget)).index(code)
    rect = table.visualRect(table.model().index(row, LABEL))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert widget.selected() is not None and widget.selected().code == code


def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` key by key; QTest.keyClicks aborts on non-ASCII, so accents go as events."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char,
                Qt.KeyboardModifier.NoModifier,
            )


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_lists_show_codes_states_and_system_markers(qtbot, make_widget, manager):
    widget = make_widget(manager)
    titles = [widget.list_combo.itemText(i) for i in range(widget.list_combo.count())]
    assert titles == list(LISTS.values())
    assert widget.list_name() == "motif"
    table = rows(widget)
    assert table["LOGEMENT"][:3] == ["LOGEMENT", "Logement", "Actif"]
    assert table["NR"] == ["NR", "Non renseigné", "Actif", "Système : toujours présent"]
    assert table["AUTRE"][NOTE] == "Système : toujours présent"
    assert list(table)[-2:] == ["NR", "AUTRE"]
    assert "jamais" in widget.explanation_label.text()
    assert not widget.refusal_label.isVisible()
    # Another list, chosen with the keyboard.
    widget.list_combo.setFocus()
    index = list(LISTS).index("issue_aide")
    for _ in range(index):
        qtbot.keyClick(widget.list_combo, Qt.Key.Key_Down)
    assert widget.list_name() == "issue_aide"
    assert "ACCORDEE" in rows(widget) and "LOGEMENT" not in rows(widget)


def test_manager_adds_a_local_motif_then_retires_and_restores_it(
    qtbot, make_widget, manager, prompts
):
    widget = make_widget(manager)
    click(qtbot, widget.add_button)
    dialog = widget.current_dialog
    assert isinstance(dialog, AddCodeDialog) and dialog.isVisible()
    assert "jamais" in dialog.intro_label.text() and "statistiques" in dialog.intro_label.text()
    assert not dialog.ok_button.isEnabled()
    assert not dialog.problems_label.isVisible()  # nothing typed: nothing reproached

    qtbot.keyClicks(dialog.label_edit, "Aide alimentaire")
    assert dialog.code_edit.text() == "AIDE_ALIMENTAIRE"  # proposed from the label
    assert dialog.ok_button.isEnabled()
    # A code already used (here an existing one) is refused while typing.
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "logement")
    assert dialog.code_edit.text() == "LOGEMENT"
    assert dialog.problems_label.isVisible()
    assert "jamais réutilisé" in dialog.problems_label.text()
    assert not dialog.ok_button.isEnabled()
    dialog.code_edit.clear()
    qtbot.keyClicks(dialog.code_edit, "AIDE_ALIM")
    assert not dialog.problems_label.isVisible() and dialog.ok_button.isEnabled()
    click(qtbot, dialog.ok_button)

    assert widget.current_dialog is None
    table = rows(widget)
    assert table["AIDE_ALIM"][:3] == ["AIDE_ALIM", "Aide alimentaire", "Actif"]
    assert "AIDE_ALIM" in widget.status_text()
    assert widget.selected().code == "AIDE_ALIM"
    assert "AIDE_ALIM" in [c.code for c in CodeService(manager).codes("motif")]

    click(qtbot, widget.retire_button)
    assert rows(widget)["AIDE_ALIM"][STATE] == "Retiré"
    assert "retiré" in widget.status_text()
    assert widget.hint_label.isVisible() and "Remettre" in widget.hint_label.text()
    assert not widget.retire_button.isEnabled() and widget.restore_button.isEnabled()
    assert "AIDE_ALIM" not in [c.code for c in CodeService(manager).codes("motif")]

    # Retired, the code still cannot be taken again.
    click(qtbot, widget.add_button)
    dialog = widget.current_dialog
    qtbot.keyClicks(dialog.code_edit, "AIDE_ALIM")
    qtbot.keyClicks(dialog.label_edit, "Autre chose")
    assert "(retiré)" in dialog.problems_label.text() and not dialog.ok_button.isEnabled()
    dialog.reject()

    click(qtbot, widget.restore_button)
    assert rows(widget)["AIDE_ALIM"][STATE] == "Actif"
    assert "AIDE_ALIM" in [c.code for c in CodeService(manager).codes("motif")]
    assert [kind for kind, _t, _x in prompts.shown] == []
    actions = [e.action for e in manager.audit.entries()][-3:]
    assert actions == ["code.ajout", "code.retrait", "code.retour"]


def test_relabel_keeps_the_code(qtbot, make_widget, manager):
    widget = make_widget(manager)
    click_row(qtbot, widget, "LOGEMENT")
    click(qtbot, widget.relabel_button)
    dialog = widget.current_dialog
    assert isinstance(dialog, RelabelDialog)
    assert not dialog.ok_button.isEnabled()  # unchanged
    dialog.label_edit.clear()
    assert "vide" in dialog.problems_label.text()
    type_text(qtbot, dialog.label_edit, "difficultés FINANCIÈRES")
    assert "déjà" in dialog.problems_label.text() and not dialog.ok_button.isEnabled()
    dialog.label_edit.clear()
    type_text(qtbot, dialog.label_edit, "Logement, hébergement")
    click(qtbot, dialog.ok_button)
    assert rows(widget)["LOGEMENT"][LABEL] == "Logement, hébergement"
    assert CodeService(manager).label("motif", "LOGEMENT") == "Logement, hébergement"


def test_system_codes_cannot_be_retired(qtbot, make_widget, manager):
    widget = make_widget(manager)
    for code in ("NR", "AUTRE"):
        click_row(qtbot, widget, code)
        assert not widget.retire_button.isEnabled()
        assert not widget.restore_button.isEnabled()
        assert widget.relabel_button.isEnabled()
        assert widget.hint_label.isVisible()
        assert "ne peuvent pas être retirés" in widget.hint_label.text()
        assert "ne peuvent pas être retirés" in widget.retire_button.toolTip()
    click_row(qtbot, widget, "LOGEMENT")
    assert widget.retire_button.isEnabled() and not widget.hint_label.isVisible()


def test_non_manager_sees_the_refusal(qtbot, make_widget, station, prompts):
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        widget = make_widget(session)
        assert widget.refusal_label.isVisible()
        assert widget.refusal_label.text() == "Seul(e) un(e) responsable d'unité peut faire cela."
        assert "LOGEMENT" in rows(widget)  # the lists themselves are readable by all
        click_row(qtbot, widget, "LOGEMENT")
        for button in (widget.add_button, widget.relabel_button, widget.retire_button,
                       widget.restore_button):
            assert not button.isEnabled()
        # The buttons are a courtesy: the service itself refuses.
        with pytest.raises(NotAllowed):
            CodeService(session).add("motif", "LOCAL", "Local")
    finally:
        session.close()


def test_admin_dialog_has_the_coded_lists_tab(qtbot, manager, prompts):
    dialog = AdminDialog(manager, TaskRunner(synchronous=True), prompts)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert "Listes codées" in tabs
    assert dialog.accounts and dialog.settings and dialog.audit
    dialog.tabs.setCurrentWidget(dialog.codes)
    assert "NR" in rows(dialog.codes)
