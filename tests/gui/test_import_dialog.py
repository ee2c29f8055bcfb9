"""The import dialog as a manager uses it: pick a file, read the problems, fix, import."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import ASSISTANT_LOGIN, ASSISTANT_PASSWORD, MANAGER_LOGIN, MANAGER_PASSWORD
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from anaiss_desktop.domain.records import PersonInput
from anaiss_desktop.gui.dossiers.import_dialog import ImportDialog
from anaiss_desktop.gui.prompts import RecordingPrompts
from anaiss_desktop.gui.workers import TaskRunner
from anaiss_desktop.services.persons import PersonService
from anaiss_desktop.services.session import Session
from anaiss_desktop.services.station import Station

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


@pytest.fixture
def manager(station: Station) -> Iterator[Session]:
    session = station.login(MANAGER_LOGIN, MANAGER_PASSWORD)
    yield session
    session.close()


@pytest.fixture
def prompts() -> RecordingPrompts:
    return RecordingPrompts(answer=True)


def make(qtbot, session: Session, prompts: RecordingPrompts, *files: Path) -> ImportDialog:
    dialog = ImportDialog(session, TaskRunner(synchronous=True), prompts)
    queue = [str(f) for f in files]
    dialog.choose_file = lambda: queue.pop(0) if queue else None  # type: ignore[method-assign]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def items(widget) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def cell(dialog: ImportDialog, row: int, column: int) -> str:
    return dialog.model.index(row, column).data()


def persons(session: Session) -> int:
    return int(session.db.scalar("SELECT count(*) FROM persons"))


def test_problems_then_a_good_file_then_import(qtbot, manager, prompts):
    dialog = make(qtbot, manager, prompts, FIXTURES / "bad_rows.csv",
                  FIXTURES / "good_semicolon_bom.csv")
    assert not dialog.import_button.isEnabled()

    click(qtbot, dialog.choose_button)
    assert dialog.file_label.text() == "bad_rows.csv"
    assert "7 lignes lues, 6 problèmes" in dialog.summary_label.text()
    assert dialog.tabs.currentIndex() == 1
    assert dialog.tabs.tabText(1) == "&Problèmes (6)"
    problems = items(dialog.problems_list)
    assert [p.split(" :")[0] for p in problems] == [
        "Ligne 3 — nom", "Ligne 4 — date_naissance", "Ligne 5 — motif", "Ligne 6 — referent",
        "Ligne 7 — sexe", "Ligne 8 — date_naissance",
    ]
    assert problems[1] == (
        "Ligne 4 — date_naissance : date « 31/02/2020 » : 31/02/2020 n'existe pas"
    )
    assert not dialog.import_button.isEnabled()

    click(qtbot, dialog.choose_button)
    assert dialog.problems_list.count() == 0
    assert "4 lignes lues : 4 personnes prêtes à importer" in dialog.summary_label.text()
    assert dialog.tabs.currentIndex() == 0
    assert dialog.model.rowCount() == 4
    assert [cell(dialog, r, 1) for r in range(4)] == ["Dupont", "Nguyen", "Lefèvre", "Benali"]
    assert cell(dialog, 0, 0) == "2"
    assert cell(dialog, 0, 4) == "12/04/1961"
    assert cell(dialog, 1, 7) == "Difficultés financières"
    assert cell(dialog, 3, 10) == "Clos"
    assert dialog.import_button.isEnabled()

    before = persons(manager)
    click(qtbot, dialog.import_button)
    assert prompts.shown[0][0] == "confirm"
    assert "Créer 4 personnes et autant de dossiers" in prompts.shown[0][2]
    assert prompts.shown[-1] == (
        "info", "Import terminé", "Import terminé : 4 personnes et 4 dossiers créés."
    )
    assert persons(manager) == before + 4
    assert dialog.summary_label.text() == "Import terminé : 4 personnes et 4 dossiers créés."
    assert dialog.progress_dialog is None
    assert not dialog.import_button.isEnabled()  # the same file is never imported twice
    assert dialog.model.rowCount() == 0


def test_unknown_column_and_latin1_are_explained(qtbot, manager, prompts):
    dialog = make(qtbot, manager, prompts, FIXTURES / "unknown_column.csv",
                  FIXTURES / "latin1.csv")
    click(qtbot, dialog.choose_button)
    problems = items(dialog.problems_list)
    assert problems[0].startswith("Ligne 1 — date_naissanse : colonne inconnue")
    assert "vouliez-vous dire « date_naissance » ?" in problems[0]
    assert not dialog.import_button.isEnabled()
    click(qtbot, dialog.choose_button)
    assert dialog.summary_label.text() == (
        "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis le tableur."
    )
    assert dialog.problems_list.count() == 0
    assert not dialog.import_button.isEnabled()
    assert prompts.shown == []  # said in the dialog, no message box


def test_reload_after_fixing_the_file(qtbot, manager, prompts, tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("nom;sexe\nDupont;H\n", encoding="utf-8")
    dialog = make(qtbot, manager, prompts, path)
    click(qtbot, dialog.choose_button)
    assert items(dialog.problems_list) == ["Ligne 2 — sexe : « H » : F, M ou vide attendu"]
    path.write_text("nom;sexe\nDupont;M\n", encoding="utf-8")
    click(qtbot, dialog.reload_button)
    assert dialog.problems_list.count() == 0
    assert dialog.import_button.isEnabled()


def test_possible_duplicates_are_listed(qtbot, manager, prompts, tmp_path):
    PersonService(manager).create(PersonInput("Dupont", first_names="Marie",
                                              birth_date=date(1961, 4, 12)))
    path = tmp_path / "doublons.csv"
    path.write_text("nom;prenom;date_naissance\nDupond;Marie;12/04/1961\n"
                    "Petit;Luc;\nPetit;Luc;\n", encoding="utf-8")
    dialog = make(qtbot, manager, prompts, path)
    click(qtbot, dialog.choose_button)
    assert dialog.tabs.tabText(2) == "&Doublons possibles (2)"
    listed = items(dialog.duplicates_list)
    assert listed[0].startswith(
        "Ligne 2 : DUPOND Marie, 12/04/1961 ressemble à DUPONT Marie, 12/04/1961"
    )
    assert listed[1] == (
        "Ligne 4 : PETIT Luc figure déjà à la ligne 3 du fichier (deux personnes seraient créées)"
    )
    assert "Vérifiez l'onglet « Doublons possibles »" in dialog.summary_label.text()
    assert dialog.import_button.isEnabled()  # duplicates never block


def test_cancel_during_import_imports_nothing(qtbot, manager, prompts, tmp_path):
    path = tmp_path / "grand.csv"
    path.write_text("nom;prenom\n" + "".join(f"Nom{i};Test\n" for i in range(600)),
                    encoding="utf-8")
    dialog = make(qtbot, manager, prompts, path)
    click(qtbot, dialog.choose_button)
    seen: list[int] = []

    def cancel_midway(done: int, total: int) -> None:
        seen.append(done)
        if done >= 150 and dialog.progress_dialog is not None:
            cancel = dialog.progress_dialog.findChild(QPushButton)
            assert cancel.text() == "Annuler"
            click(qtbot, cancel)

    before = persons(manager)
    dialog.import_button.clicked.disconnect()
    dialog.import_button.clicked.connect(lambda: _start_watching(dialog, cancel_midway))
    click(qtbot, dialog.import_button)
    assert seen and seen[-1] < 600
    assert persons(manager) == before
    assert prompts.shown[-1] == ("info", "Import annulé", "Import annulé : rien n'a été importé.")
    assert dialog.summary_label.text() == "Import annulé : rien n'a été importé."
    assert dialog.import_button.isEnabled()  # the checked file can be imported again
    assert dialog.progress_dialog is None


def _start_watching(dialog: ImportDialog, watch) -> None:
    """Start the import with ``watch`` called at each progress report."""
    from anaiss_desktop.gui.dossiers import import_dialog

    real = import_dialog.ProgressBridge  # noqa: SLF001

    class Watched(real):  # type: ignore[misc, valid-type]
        def report(self, done: int, total: int) -> bool:
            watch(done, total)
            return super().report(done, total)

    import_dialog.ProgressBridge = Watched  # noqa: SLF001
    try:
        dialog.start_import()
    finally:
        import_dialog.ProgressBridge = real  # noqa: SLF001


def test_social_worker_importing_for_a_colleague_sees_why(qtbot, station, prompts, tmp_path):
    path = tmp_path / "collegue.csv"
    path.write_text(f"nom;referent\nDupont;{MANAGER_LOGIN}\nDurand;{ASSISTANT_LOGIN}\n",
                    encoding="utf-8")
    session = station.login(ASSISTANT_LOGIN, ASSISTANT_PASSWORD)
    try:
        dialog = make(qtbot, session, prompts, path)
        click(qtbot, dialog.choose_button)
        assert len(items(dialog.problems_list)) == 1
        assert "vos propres dossiers" in items(dialog.problems_list)[0]
        assert not dialog.import_button.isEnabled()
    finally:
        session.close()


def test_closing_while_importing_cancels_instead(qtbot, manager, prompts, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("nom\nDupont\nDurand\n", encoding="utf-8")
    dialog = make(qtbot, manager, prompts, path)
    click(qtbot, dialog.choose_button)
    closed: list[bool] = []
    dialog.rejected.connect(lambda: closed.append(True))

    def watch(done: int, total: int) -> None:
        if done == 1:
            dialog.reject()  # Escape while the import runs

    _start_watching(dialog, watch)
    assert not closed
    assert dialog.isVisible()
    assert persons(manager) == 0
    assert prompts.shown[-1][1] == "Import annulé"


def test_import_on_a_worker_thread(qtbot, manager, prompts):
    dialog = ImportDialog(manager, TaskRunner(), prompts)
    dialog.choose_file = lambda: str(FIXTURES / "good_comma_fr_dates.csv")  # type: ignore
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.choose_button)
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10000)
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: prompts.shown[-1][0] == "info", timeout=10000)
    assert prompts.shown[-1][2] == "Import terminé : 3 personnes et 3 dossiers créés."
    assert persons(manager) == 3
    assert dialog.close_button.isEnabled()
