"""The import is reachable from the main window's Dossier menu and refreshes the home screen."""

from __future__ import annotations

from pathlib import Path

from conftest import MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt

from anaiss_desktop.gui.main_window import MainWindow
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner

GOOD = Path(__file__).resolve().parent.parent / "fixtures" / "import" / "good_semicolon_bom.csv"


def test_import_from_the_menu(qtbot, station):
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    try:
        prompts = RecordingPrompts(answer=True)
        window = MainWindow(session, prompts, runner=TaskRunner(synchronous=True))
        qtbot.addWidget(window)
        window.show()
        window.import_action.trigger()
        dialog = window.import_dialog
        assert dialog.isVisible()
        dialog.choose_file = lambda: str(GOOD)
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        assert int(session.db.scalar("SELECT count(*) FROM persons")) > 0
        window.close_for_controller()
    finally:
        session.close()
