"""« Exporter les données de la personne » : the right of access, from the dossier, in two steps.

1. **Vérification** — what the export will hold (counts per kind, the dossiers included and
   those left out), and the notes the social worker may include, one checkbox each, all
   unchecked: the professional secret goes out only by a deliberate choice, note by note, with
   the full text of the selected note shown beside the list to reread it first.
2. **Fichiers écrits** — a folder chosen in the system dialog, a warning that the files will not
   be encrypted, then the PDF and the JSON written all or none and read back
   (:func:`~anaiss_desktop.services.drive_write.write_files`); the page says where they are. A
   read-only or full drive leaves nothing, says why in French, and the person may choose another
   folder without starting again.

File names come from the person's number, never their name. The service checks the access rule
again when writing and logs the export (counts only). Modeless (the dossier stays readable
beside it); the end of the session closes it and drops the notes it shows.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.drive_write import existing
from ...services.person_export import (
    ExportReview,
    PersonExportService,
    ReviewNote,
    WrittenPersonExport,
    file_stem,
    instant_fr,
)
from ...services.session import Session
from ..drive_picker import ask_folder, size_text
from ..messages import mute, user_message
from ..prompts import Prompts
from ..task_dialog import TaskDialog, busy_bar, lay_out_steps, steps_text
from ..workers import TaskRunner

WARNING_STYLE = ("QLabel { background: #fbf5e6; color: #5c4400; border: 1px solid #e8d9ad;"
                 " border-radius: 4px; padding: 4px 8px; }")
UNENCRYPTED_TITLE = "Fichiers non chiffrés"
UNENCRYPTED_TEXT = (
    "Le PDF et le fichier JSON écrits dans « {folder} » ne seront PAS chiffrés : toute "
    "personne qui accède à ce support pourra les lire. Écrivez-les seulement sur un support "
    "protégé, remettez-les à la personne, puis supprimez-les dès qu'ils ne sont plus utiles. "
    "L'export est noté dans le journal.\n\nContinuer ?"
)
NOTE_ID = Qt.ItemDataRole.UserRole


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count <= 1 else many}"


class PersonExportDialog(TaskDialog):
    """Review the notes, then write the person's data as a PDF and a JSON file.

    Args:
        session: the signed-in session (referent, covering colleague, manager-social worker).
        runner: runs the review and the writing off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        person_id: the person whose data is exported.
        parent: the dossier window.
        choose_folder: asks for the folder (tests pass their own; default: the system dialog).

    Signals:
        exported(str): the folder the files were written to.
    """

    exported = Signal(str)

    STEPS = ("1. Vérification des notes", "2. Fichiers écrits")

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts, person_id: int,
                 parent: QWidget | None = None, *,
                 choose_folder: Callable[[QWidget], Path | None] | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.setObjectName("person_export_dialog")
        self.setWindowTitle(self.tr("Exporter les données de la personne"))
        self.person_id = person_id
        self._choose_folder = choose_folder or ask_folder
        self.review: ExportReview | None = None
        self.written: WrittenPersonExport | None = None

        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("steps_label")
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_review_page())
        self.pages.addWidget(self._build_done_page())
        self.busy_bar = busy_bar(self)

        self.export_button = QPushButton(self.tr("&Enregistrer les fichiers…"), self)
        self.export_button.setObjectName("export_button")
        self.export_button.setToolTip(self.tr(
            "Choisir le dossier (clé USB…) où écrire le PDF et le fichier JSON"))
        self.close_button = QPushButton(self.tr("Annuler"), self)
        self.close_button.setObjectName("close_button")
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.close_button.clicked.connect(self.reject)
        lay_out_steps(self, self.steps_label, self.pages, self.busy_bar, self.export_button,
                      self.close_button)
        self.resize(900, 640)
        self._go(0)
        self.load()

    # -- pages ---------------------------------------------------------------------------------
    def _build_review_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("review_page")
        self.intro_label = QLabel(self.tr(
            "Deux fichiers des mêmes données seront écrits : un PDF lisible, à remettre à la "
            "personne, et un fichier JSON structuré (droit d'accès et droit à la portabilité, "
            "RGPD articles 15 et 20). Ils contiennent ce que votre compte peut lire."), page)
        self.intro_label.setWordWrap(True)
        self.summary_label = QLabel(page)
        self.summary_label.setObjectName("summary_label")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self.left_out_label = QLabel(page)
        self.left_out_label.setObjectName("left_out_label")
        self.left_out_label.setWordWrap(True)
        self.left_out_label.setStyleSheet(WARNING_STYLE)
        self.left_out_label.hide()

        self.notes_label = QLabel(self.tr(
            "<b>Notes (secret professionnel)</b> — aucune n'est exportée, sauf celles que vous "
            "cochez. Relisez chaque note avant de l'inclure : la personne la lira. Les notes "
            "personnelles de vos collègues ne sont jamais proposées."), page)
        self.notes_label.setObjectName("notes_label")
        self.notes_label.setWordWrap(True)
        self.notes_tree = QTreeWidget(page)
        self.notes_tree.setObjectName("notes_tree")
        self.notes_tree.setColumnCount(5)
        self.notes_tree.setHeaderLabels([self.tr("Date"), self.tr("Auteur"),
                                         self.tr("Visibilité"), self.tr("Dossier"),
                                         self.tr("Début de la note")])
        self.notes_tree.setRootIsDecorated(False)
        self.notes_tree.setUniformRowHeights(True)
        self.notes_tree.setAlternatingRowColors(True)
        header = self.notes_tree.header()
        header.setStretchLastSection(True)
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.notes_tree.itemChanged.connect(self._on_notes_tree_item_changed)
        self.notes_tree.currentItemChanged.connect(self._on_notes_tree_current_item_changed)
        self.note_view = QPlainTextEdit(page)
        self.note_view.setObjectName("note_view")
        self.note_view.setReadOnly(True)
        self.note_view.setPlaceholderText(self.tr("Choisissez une note pour la relire en entier."))
        self.splitter = QSplitter(Qt.Orientation.Vertical, page)
        self.splitter.addWidget(self.notes_tree)
        self.splitter.addWidget(self.note_view)
        self.splitter.setSizes([260, 120])
        self.no_notes_label = QLabel(self.tr(
            "Aucune note que vous pouvez exporter dans ces dossiers."), page)
        self.no_notes_label.setObjectName("no_notes_label")
        mute(self.no_notes_label)
        self.no_notes_label.hide()

        self.check_all_button = QPushButton(self.tr("Tout &cocher"), page)
        self.check_all_button.setObjectName("check_all_button")
        self.uncheck_all_button = QPushButton(self.tr("Tout &décocher"), page)
        self.uncheck_all_button.setObjectName("uncheck_all_button")
        for button in (self.check_all_button, self.uncheck_all_button):
            button.setAutoDefault(False)
        self.check_all_button.clicked.connect(self._on_check_all_button_clicked)
        self.uncheck_all_button.clicked.connect(self._on_uncheck_all_button_clicked)
        self.count_label = QLabel(page)
        self.count_label.setObjectName("count_label")
        row = QHBoxLayout()
        row.addWidget(self.check_all_button)
        row.addWidget(self.uncheck_all_button)
        row.addSpacing(12)
        row.addWidget(self.count_label, 1)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.left_out_label)
        layout.addSpacing(6)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.no_notes_label)
        layout.addLayout(row)
        return page

    def _build_done_page(self) -> QWidget:
        page = QWidget(self)
        page.setObjectName("done_page")
        self.done_title = QLabel(self.tr("Fichiers écrits et vérifiés"), page)
        self.done_title.setStyleSheet("QLabel { font-size: 15pt; font-weight: bold; }")
        self.done_label = QLabel(page)
        self.done_label.setObjectName("done_label")
        self.done_label.setWordWrap(True)
        self.done_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_title)
        layout.addWidget(self.done_label)
        layout.addStretch(1)
        return page

    # -- navigation ----------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.pages.currentIndex()

    def _go(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self.steps_label.setText(steps_text(self.STEPS, index))
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy, step = self.busy, self.step
        self.busy_bar.setVisible(busy)
        self.export_button.setVisible(step == 0)
        self.export_button.setEnabled(not busy and self.review is not None)
        has_notes = self.notes_tree.topLevelItemCount() > 0
        for button in (self.check_all_button, self.uncheck_all_button):
            button.setEnabled(not busy and has_notes)
        self.notes_tree.setEnabled(not busy)
        self.close_button.setText(self.tr("Fermer") if step == 1 else self.tr("Annuler"))
        self.close_button.setEnabled(not busy)

    # -- step 1: review ------------------------------------------------------------------------
    def load(self) -> None:
        """Read what the export holds and the notes to choose from (in the runner)."""
        session, person_id = self._session, self.person_id
        self.show_status(self.tr("Lecture des données de la personne…"), error=False)
        self._call(lambda: PersonExportService(session).review(person_id), self._on_loaded,
                   self._on_load_failed)

    def _on_loaded(self, review: ExportReview) -> None:
        if not self._alive():
            return
        self.review = review
        self.show_status("")
        self.summary_label.setText(self._summary(review))
        if review.left_out:
            self.left_out_label.setText(self.tr(
                "Non inclus, car votre compte n'en lit pas le suivi : %s. La personne les "
                "demandera à leur référent(e) ; le document le lui indique.") % " ; ".join(
                self.tr("dossier %s (référent·e : %s)") % (number, referent)
                for number, referent in review.left_out))
        self.left_out_label.setVisible(bool(review.left_out))
        self.notes_tree.blockSignals(True)
        self.notes_tree.clear()
        for note in review.notes:
            self.notes_tree.addTopLevelItem(self._note_item(note))
        self.notes_tree.blockSignals(False)
        has_notes = bool(review.notes)
        self.splitter.setVisible(has_notes)
        self.no_notes_label.setVisible(not has_notes)
        self._update_count()
        self._update_buttons()

    def _on_load_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self.show_status(user_message(exc), error=True)

    def _summary(self, review: ExportReview) -> str:
        parts = [self.tr("identité et coordonnées")]
        if review.household:
            parts[0] += self.tr(", %s") % _plural(review.household, "membre du foyer",
                                                  "membres du foyer")
        if review.dossiers:
            parts.append(_plural(len(review.dossiers), "dossier", "dossiers")
                         + f" ({', '.join(review.dossiers)})")
            parts.append(_plural(review.interventions, "intervention", "interventions"))
            parts.append(_plural(review.aids, "aide", "aides"))
            parts.append(_plural(review.echeances, "rendez-vous ou échéance",
                                 "rendez-vous et échéances"))
            parts.append(_plural(review.letters, "courrier", "courriers")
                         + self.tr(" (la liste, sans leur texte)"))
        return self.tr("Données de <b>%s</b> : %s.") % (
            escape(review.person_name), escape(" ; ".join(parts)))

    def _note_item(self, note: ReviewNote) -> QTreeWidgetItem:
        item = QTreeWidgetItem([
            instant_fr(note.created_at), note.author, note.visibility_label,
            note.dossier_number, note.first_line])
        item.setData(0, NOTE_ID, note.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        item.setToolTip(4, note.body[:600])
        return item

    def _items(self) -> list[QTreeWidgetItem]:
        return [self.notes_tree.topLevelItem(i)
                for i in range(self.notes_tree.topLevelItemCount())]

    def checked_note_ids(self) -> list[int]:
        """The notes chosen for the export, in the list's order."""
        return [int(item.data(0, NOTE_ID)) for item in self._items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def set_note_checked(self, note_id: int, checked: bool) -> None:
        for item in self._items():
            if int(item.data(0, NOTE_ID)) == note_id:
                item.setCheckState(0, Qt.CheckState.Checked if checked
                                   else Qt.CheckState.Unchecked)

    def note_item(self, note_id: int) -> QTreeWidgetItem | None:
        return next((item for item in self._items()
                     if int(item.data(0, NOTE_ID)) == note_id), None)

    def _set_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for item in self._items():
            item.setCheckState(0, state)

    def _update_count(self) -> None:
        total = self.notes_tree.topLevelItemCount()
        chosen = len(self.checked_note_ids())
        self.count_label.setText(
            self.tr("%d note incluse sur %d") % (chosen, total) if chosen <= 1
            else self.tr("%d notes incluses sur %d") % (chosen, total))

    @Slot()
    def _on_check_all_button_clicked(self) -> None:
        self._set_all(True)

    @Slot()
    def _on_uncheck_all_button_clicked(self) -> None:
        self._set_all(False)

    @Slot(QTreeWidgetItem, int)
    def _on_notes_tree_item_changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        self._update_count()

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _on_notes_tree_current_item_changed(self, current: QTreeWidgetItem | None,
                                            _previous: QTreeWidgetItem | None) -> None:
        note = None
        if current is not None and self.review is not None:
            note_id = int(current.data(0, NOTE_ID))
            note = next((n for n in self.review.notes if n.id == note_id), None)
        self.note_view.setPlainText(note.body if note is not None else "")

    # -- step 2: writing -----------------------------------------------------------------------
    def file_names(self) -> list[str]:
        stem = file_stem(self.person_id)
        return [f"{stem}.pdf", f"{stem}.json"]

    @Slot()
    def _on_export_button_clicked(self) -> None:
        self.export()

    def export(self) -> None:
        """Choose the folder, warn, then write the files (in the runner)."""
        if self.busy or self.review is None:
            return
        folder = self._choose_folder(self)
        if folder is None:
            return
        folder = Path(folder)
        clash = existing(folder, self.file_names())
        if clash and not self._prompts.confirm(self, self.tr("Fichiers existants"), self.tr(
                "Ce dossier contient déjà %s. Remplacer ?") % " et ".join(clash)):
            return
        if not self._prompts.confirm(self, UNENCRYPTED_TITLE,
                                     UNENCRYPTED_TEXT.format(folder=folder)):
            return
        session, person_id, notes = self._session, self.person_id, self.checked_note_ids()
        self.show_status(self.tr("Écriture des fichiers dans %s…") % folder, error=False)
        self._call(lambda: PersonExportService(session).write(person_id, notes, folder),
                   self._on_written, self._on_write_failed)

    def _on_written(self, written: WrittenPersonExport) -> None:
        if not self._alive():
            return
        self.written = written
        lines = [self.tr("Les fichiers sont dans %s, relus et identiques à ce qui a été "
                         "préparé :") % written.folder]
        lines += [f"• {w.path.name} ({size_text(w.size)})" for w in written.files]
        lines.append("")
        lines.append(self.tr("Ils contiennent %s et %s.") % (
            _plural(written.dossiers, "dossier", "dossiers"),
            _plural(written.notes, "note choisie", "notes choisies")))
        lines.append(self.tr(
            "Ils ne sont pas chiffrés : remettez-les à la personne (le PDF s'imprime), puis "
            "supprimez-les de ce support. L'export est noté dans le journal (nombre de dossiers "
            "et de notes, jamais leur contenu)."))
        self.done_label.setText("\n".join(lines))
        self.show_status("")
        self._drop_notes()
        self._go(1)
        self.exported.emit(str(written.folder))

    def _on_write_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        self.show_status(user_message(exc), error=True)

    # -- closing -------------------------------------------------------------------------------
    def _drop_notes(self) -> None:
        self.notes_tree.clear()
        self.note_view.clear()

    def _forget(self) -> None:
        self.review = None
        self._drop_notes()
        self.summary_label.clear()
