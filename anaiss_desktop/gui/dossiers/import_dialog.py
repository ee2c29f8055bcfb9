"""Import persons and dossiers from a CSV file, with a preview before anything is written.

The whole file is checked first (:meth:`~anaiss_desktop.services.import_csv.ImportService.preview`,
off the GUI thread): the first rows as they will be imported, every problem with its file line
number, and the persons already known who look like a row. *Importer* stays disabled while a
single problem remains, so the person fixes the spreadsheet, clicks *Relire* and sees the new
verdict. The import itself runs on a worker with a progress bar; *Annuler* rolls everything back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr
from ...services.import_csv import (
    COLUMNS,
    ImportCancelled,
    ImportPreview,
    ImportResult,
    ImportRow,
    ImportService,
    RowProblem,
    read_import_file,
)
from ...services.session import Session
from ..messages import ERROR_STYLE, INFO_STYLE, mute, user_message
from ..progress import ProgressBridge, progress_dialog
from ..prompts import Prompts
from ..workers import TaskRunner

_Index = QModelIndex | QPersistentModelIndex

PREVIEW_ROWS = 200
LISTED_PROBLEMS = 1000


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _plural(count: int, one: str, many: str) -> str:
    return f"{_n(count)} {one if count == 1 else many}"


class ImportPreviewModel(QAbstractTableModel):
    """The first rows of the file as they will be imported.

    Args:
        parent: the owning widget.
    """

    HEADERS = ("Ligne", "Nom", "Nom de naissance", "Prénom", "Naissance", "Sexe", "Commune",
               "Motif", "Référent(e)", "Ouverture", "Statut")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ImportRow] = []

    def set_rows(self, rows: list[ImportRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        p = row.person
        values = (
            str(row.line), p.usage_name, p.birth_name, p.first_names, format_fr(p.birth_date),
            p.sex or "", p.city, row.motif_label, row.referent_name, format_fr(row.opened_on),
            row.status.label,
        )
        return values[index.column()]


class ImportDialog(QDialog):
    """Choose a CSV file, check it, then import it all at once.

    Args:
        session: the importing account (a manager, or a social worker for their own dossiers).
        runner: runs the reading, the checks and the import off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the main window.

    Signals:
        imported(int, int): persons and dossiers created, after a successful import (so the
            home screen can refresh).
    """

    imported = Signal(int, int)

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._path: str | None = None
        self._preview: ImportPreview | None = None
        self._loading = False
        self._bridge: ProgressBridge | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.setWindowTitle(self.tr("Importer des personnes et dossiers (CSV)"))
        self.setMinimumSize(920, 600)
        self._build()
        self._update_buttons()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        self.help_label = QLabel(self)
        self.help_label.setObjectName("help_label")
        self.help_label.setWordWrap(True)
        self.help_label.setText(self.tr(
            "Fichier CSV enregistré en UTF-8, séparateur « ; » ou « , », première ligne = noms "
            "des colonnes : {columns}. Seule la colonne nom est obligatoire. Dates au format "
            "JJ/MM/AAAA ou AAAA-MM-JJ ; motif : code ou libellé ; référent : identifiant du "
            "compte. Rien n'est importé tant qu'une ligne pose problème."
        ).format(columns=", ".join(COLUMNS)))
        mute(self.help_label)

        self.choose_button = QPushButton(self.tr("&Choisir un fichier…"), self)
        self.choose_button.setObjectName("choose_button")
        self.reload_button = QPushButton(self.tr("&Relire le fichier"), self)
        self.reload_button.setObjectName("reload_button")
        self.reload_button.setToolTip(self.tr("Après l'avoir corrigé dans le tableur"))
        self.file_label = QLabel(self.tr("Aucun fichier choisi."), self)
        self.file_label.setObjectName("file_label")
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.reload_button)
        file_row.addWidget(self.file_label, 1)

        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setVisible(False)

        self.model = ImportPreviewModel(self)
        self.preview_table = QTableView(self)
        self.preview_table.setObjectName("preview_table")
        self.preview_table.setModel(self.model)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.preview_table.verticalHeader().setVisible(False)
        self.preview_table.horizontalHeader().setStretchLastSection(True)
        self.problems_list = QListWidget(self)
        self.problems_list.setObjectName("problems_list")
        self.duplicates_note_label = QLabel(self)
        self.duplicates_note_label.setObjectName("duplicates_note_label")
        self.duplicates_note_label.setWordWrap(True)
        self.duplicates_note_label.setVisible(False)
        self.duplicates_list = QListWidget(self)
        self.duplicates_list.setObjectName("duplicates_list")
        self.warnings_list = QListWidget(self)
        self.warnings_list.setObjectName("warnings_list")
        duplicates_page = QWidget(self)
        duplicates_layout = QVBoxLayout(duplicates_page)
        duplicates_layout.setContentsMargins(0, 0, 0, 0)
        duplicates_layout.addWidget(self.duplicates_note_label)
        duplicates_layout.addWidget(self.duplicates_list)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.preview_table, "")
        self.tabs.addTab(self.problems_list, "")
        self.tabs.addTab(duplicates_page, "")
        self.tabs.addTab(self.warnings_list, "")
        self._set_tab_titles()

        self.import_button = QPushButton(self.tr("&Importer"), self)
        self.import_button.setObjectName("import_button")
        self.close_button = QPushButton(self.tr("&Fermer"), self)
        self.close_button.setObjectName("close_button")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.help_label)
        layout.addLayout(file_row)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.reload_button.clicked.connect(self._on_reload_button_clicked)
        self.import_button.clicked.connect(self._on_import_button_clicked)
        self.close_button.clicked.connect(self._on_close_button_clicked)
        self.choose_button.setFocus()

    def _set_tab_titles(self) -> None:
        preview = self._preview
        rows = len(preview.rows) if preview else 0
        problems = len(preview.problems) if preview else 0
        duplicates = (len(preview.possible_duplicates) + len(preview.file_duplicates)
                      if preview else 0)
        warnings = len(preview.warnings) if preview else 0
        if rows > PREVIEW_ROWS:
            first = self.tr("&Aperçu ({shown} premières sur {rows})").format(
                shown=_n(PREVIEW_ROWS), rows=_n(rows))
        else:
            first = self.tr("&Aperçu ({rows})").format(rows=_n(rows))
        self.tabs.setTabText(0, first)
        self.tabs.setTabText(1, self.tr("&Problèmes ({n})").format(n=_n(problems)))
        self.tabs.setTabText(2, self.tr("&Doublons possibles ({n})").format(n=_n(duplicates)))
        self.tabs.setTabText(3, self.tr("Re&marques ({n})").format(n=_n(warnings)))

    # -- choosing and checking a file ----------------------------------------------------------
    def choose_file(self) -> str | None:
        """Ask for the file (tests replace this method)."""
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choisir le fichier CSV à importer"), "",
            self.tr("Fichiers CSV (*.csv *.txt);;Tous les fichiers (*)"),
        )
        return path or None

    @Slot()
    def _on_choose_button_clicked(self) -> None:
        path = self.choose_file()
        if path:
            self.load(path)

    @Slot()
    def _on_reload_button_clicked(self) -> None:
        if self._path:
            self.load(self._path)

    def load(self, path: str) -> None:
        """Read and check ``path`` off the GUI thread, then show the verdict."""
        self._path = path
        self._preview = None
        self._loading = True
        name = Path(path).name
        self.file_label.setText(name)
        self._show_summary(self.tr("Lecture et vérification du fichier…"), error=False)
        self._show_preview_lists()
        self._update_buttons()
        session = self._session

        def check() -> ImportPreview:
            return ImportService(session).preview(read_import_file(path), name)

        self._runner.run(check, self._on_preview_ready, self._on_preview_failed)

    def _on_preview_ready(self, preview: ImportPreview) -> None:
        self._loading = False
        self._preview = preview
        self._show_preview_lists()
        problems = len(preview.problems)
        read = _plural(preview.row_count, "ligne lue", "lignes lues")
        if problems:
            text = self.tr(
                "{read}, {problems} : corrigez le fichier dans le tableur, enregistrez-le puis "
                "cliquez sur « Relire le fichier ». Rien ne sera importé tant qu'il reste un "
                "problème."
            ).format(read=read, problems=_plural(problems, "problème", "problèmes"))
            self._show_summary(text, error=True)
            self.tabs.setCurrentIndex(1)
        else:
            rows = len(preview.rows)
            text = self.tr("{read} : {ready}, aucun problème.").format(
                read=read, ready=_plural(rows, "personne prête", "personnes prêtes")
                + " " + self.tr("à importer (une personne et un dossier par ligne)"))
            duplicates = len(preview.possible_duplicates) + len(preview.file_duplicates)
            if duplicates:
                text += " " + self.tr(
                    "Vérifiez l'onglet « Doublons possibles » : l'import ne les bloque pas."
                )
            self._show_summary(text, error=False)
            self.tabs.setCurrentIndex(0)
        self._update_buttons()

    def _on_preview_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._preview = None
        self._show_preview_lists()
        self._show_summary(user_message(exc), error=True)
        self._update_buttons()

    def _show_summary(self, text: str, *, error: bool) -> None:
        self.summary_label.setStyleSheet(ERROR_STYLE if error else INFO_STYLE)
        self.summary_label.setText(text)
        self.summary_label.setVisible(bool(text))

    def _show_preview_lists(self) -> None:
        preview = self._preview
        self.model.set_rows(preview.rows[:PREVIEW_ROWS] if preview else [])
        self.preview_table.resizeColumnsToContents()
        self.problems_list.clear()
        self.duplicates_list.clear()
        self.warnings_list.clear()
        self.duplicates_note_label.setVisible(False)
        if preview is not None:
            _fill(self.problems_list, preview.problems,
                  self.tr("… et {n} autres problèmes"))
            self._list_duplicates(preview)
            _fill(self.warnings_list, preview.warnings, self.tr("… et {n} autres remarques"))
        self._set_tab_titles()

    def _list_duplicates(self, preview: ImportPreview) -> None:
        by_line = {row.line: row for row in preview.rows}
        if preview.duplicates_note:
            self.duplicates_note_label.setText(preview.duplicates_note)
            self.duplicates_note_label.setVisible(True)
        for line, candidate in preview.possible_duplicates[:LISTED_PROBLEMS]:
            row = by_line[line]
            known = candidate.display_name
            if candidate.birth_date:
                known += f", {format_fr(candidate.birth_date)}"
            if candidate.referents:
                known += self.tr(", suivi(e) par {names}").format(
                    names=", ".join(candidate.referents))
            reasons = ", ".join(candidate.likeness.reasons[:2])
            text = self.tr("Ligne {line} : {name} ressemble à {known}").format(
                line=line, name=_row_name(row), known=known)
            if reasons:
                text += f" ({reasons})"
            self.duplicates_list.addItem(text)
        for line, first in preview.file_duplicates[:LISTED_PROBLEMS]:
            self.duplicates_list.addItem(self.tr(
                "Ligne {line} : {name} figure déjà à la ligne {first} du fichier "
                "(deux personnes seraient créées)"
            ).format(line=line, name=_row_name(by_line[line]), first=first))

    def _update_buttons(self) -> None:
        importing = self._bridge is not None
        busy = self._loading or importing
        self.choose_button.setEnabled(not busy)
        self.reload_button.setEnabled(not busy and self._path is not None)
        ready = self._preview is not None and self._preview.ok
        self.import_button.setEnabled(not busy and ready)
        self.import_button.setDefault(ready)
        self.close_button.setEnabled(not importing)

    # -- importing -----------------------------------------------------------------------------
    @Slot()
    def _on_import_button_clicked(self) -> None:
        self.start_import()

    def start_import(self) -> None:
        """Ask for confirmation, then write every row in the worker, with a progress bar."""
        preview = self._preview
        if preview is None or not preview.ok or self._bridge is not None:
            return
        total = len(preview.rows)
        question = self.tr(
            "Créer {persons} et autant de dossiers ? L'import se fait d'un seul tenant : s'il "
            "est annulé ou interrompu, rien n'est importé."
        ).format(persons=_plural(total, "personne", "personnes"))
        if not self._prompts.confirm(self, self.tr("Importer"), question):
            return
        bridge = ProgressBridge(self)
        self._bridge = bridge
        progress = progress_dialog(self, self.tr("Import en cours…"), self.tr("Import"), total,
                                   self.tr("Annuler"))
        progress.canceled.connect(self._on_progress_dialog_canceled)
        bridge.advanced.connect(self._on_bridge_advanced)
        self.progress_dialog = progress
        self._update_buttons()
        progress.show()
        session = self._session

        def work() -> ImportResult:
            return ImportService(session).run(preview, bridge.report)

        self._runner.run(work, self._on_import_done, self._on_import_failed)

    @Slot(int, int)
    def _on_bridge_advanced(self, done: int, total: int) -> None:
        progress = self.progress_dialog
        if progress is None or (self._bridge is not None and self._bridge.cancelled):
            return
        progress.setMaximum(total)
        progress.setValue(done)
        progress.setLabelText(self.tr("Import en cours : {done} sur {total} lignes…").format(
            done=_n(done), total=_n(total)))

    @Slot()
    def _on_progress_dialog_canceled(self) -> None:
        self.cancel_import()

    def cancel_import(self) -> None:
        """Ask the running import to stop (*Annuler*, or closing the window): it rolls back."""
        if self._bridge is not None:
            self._bridge.cancel()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(self.tr("Annulation : rien ne sera importé…"))

    def _finish_import(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self._on_progress_dialog_canceled)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self._bridge is not None:
            self._bridge.deleteLater()
        self._bridge = None

    def _on_import_done(self, result: ImportResult) -> None:
        self._finish_import()
        self._preview = None  # never twice: a second click would create every person again
        self._show_preview_lists()
        text = self.tr("Import terminé : {persons} et {dossiers} créés.").format(
            persons=_plural(result.persons, "personne", "personnes"),
            dossiers=_plural(result.dossiers, "dossier", "dossiers"),
        )
        self._show_summary(text, error=False)
        self._update_buttons()
        self._prompts.info(self, self.tr("Import terminé"), text)
        self.imported.emit(result.persons, result.dossiers)

    def _on_import_failed(self, exc: BaseException) -> None:
        self._finish_import()
        self._update_buttons()
        if isinstance(exc, ImportCancelled):
            self._show_summary(exc.message, error=True)
            self._prompts.info(self, self.tr("Import annulé"), exc.message)
            return
        message = user_message(exc)
        self._show_summary(message, error=True)
        self._prompts.error(self, self.tr("Import impossible"), message)

    # -- closing -------------------------------------------------------------------------------
    @Slot()
    def _on_close_button_clicked(self) -> None:
        self.reject()

    def reject(self) -> None:
        """Escape or the window's close box while importing asks to cancel instead."""
        if self._bridge is not None:
            self.cancel_import()
            return
        super().reject()


def _fill(widget: QListWidget, problems: list[RowProblem], more: str) -> None:
    """One item per problem, the first :data:`LISTED_PROBLEMS` only, then how many more."""
    for problem in problems[:LISTED_PROBLEMS]:
        widget.addItem(_line_text(problem.line, problem.column, problem.message))
    hidden = len(problems) - LISTED_PROBLEMS
    if hidden > 0:
        widget.addItem(more.format(n=_n(hidden)))


def _line_text(line: int, column: str, message: str) -> str:
    where = f"Ligne {line}"
    if column:
        where += f" — {column}"
    return f"{where} : {message}"


def _row_name(row: ImportRow) -> str:
    p = row.person
    text = p.usage_name.upper()
    if p.first_names:
        text += f" {p.first_names}"
    if p.birth_date:
        text += f", {format_fr(p.birth_date)}"
    return text
