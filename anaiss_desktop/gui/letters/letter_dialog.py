"""Write a letter from a dossier: choose it, read it filled in, change it, see it, keep it.

The flow of issue 5: the list of the letters this dossier can get (the liaison letter only with
the person's consent); choosing one fills its text at once, with the values the person types
for its free fields ("Remplir" fills again); the subject and the text are edited freely; the
PDF is rendered in memory and shown beside the text ("Aperçu", Ctrl+Entrée). "Classer au
dossier" keeps the final text and its PDF in the dossier (encrypted); printing or saving a copy
classes the letter first when it is not yet, so every letter that leaves the application is in
the dossier and in the audit log.

A field without value, a character the PDF font cannot draw, an empty text: the service's
French message is shown in red in the dialog; nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...services.letters import LetterChoice, LetterService, PreparedLetter
from ...services.session import Session
from ..messages import ERROR_STYLE, mute, show_message, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import WARNING_STYLE, LetterWindow
from .copies import UNENCRYPTED_TEXT, UNENCRYPTED_TITLE
from .pdf_view import PdfViewer

Text = tuple[str, str, str]  # (template key, subject, body): what a preview or a letter is of


class LetterDialog(LetterWindow):
    """A letter for one dossier, from the choice of the template to the kept PDF.

    Args:
        session: the signed-in session (a social worker, a covering colleague, the secretary).
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        dossier_id: the dossier the letter is for.
        parent: the dossier window.
        number: the dossier's number (title, suggested file name).
        person_name: the person's name as the dossier shows it (title).

    Signals:
        letter_kept(int): a letter was classed in the dossier (its id): the dossier's
            timeline shows it.
    """

    letter_kept = Signal(int)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 dossier_id: int, parent: QWidget | None = None, *, number: str = "",
                 person_name: str = "") -> None:
        super().__init__(session, runner, prompts, parent)
        self.dossier_id = dossier_id
        self._number = number
        self._choices: list[LetterChoice] = []
        self.free_edits: dict[str, QLineEdit] = {}
        self._text_key: str | None = None  # the template the text in the editor comes from
        self._edited = False  # the person changed the text since it was filled
        self._filling = False
        self._preview: tuple[Text, bytes] | None = None
        self._kept: tuple[Text, int, bytes] | None = None
        self._fill_waiting = False  # another letter was chosen while a call was under way
        title = self.tr("Courrier")
        if person_name:
            title += f" — {person_name}"
        if number:
            title += f" ({number})"
        self.setWindowTitle(title)
        self.setMinimumSize(980, 600)
        self.resize(1280, 760)
        self._build()
        self._update_buttons()
        self.load()

    # -- layout --------------------------------------------------------------------------------
    def _build(self) -> None:
        # Left: which letter, and what to type for it.
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        choices_caption = QLabel(self.tr("Courrier &type :"), left)
        self.choices_list = QListWidget(left)
        self.choices_list.setObjectName("choices_list")
        self.choices_list.setWordWrap(True)
        self.choices_list.setMinimumWidth(230)
        choices_caption.setBuddy(self.choices_list)
        self.description_label = QLabel(self.tr("Choisissez un courrier dans la liste."), left)
        self.description_label.setObjectName("description_label")
        self.description_label.setWordWrap(True)
        mute(self.description_label)
        self.free_box = QGroupBox(self.tr("À compléter pour ce courrier"), left)
        self.free_box.setObjectName("free_box")
        self.free_form = QFormLayout(self.free_box)
        self.free_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.free_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.free_box.hide()
        self.fill_button = QPushButton(self.tr("&Remplir le courrier"), left)
        self.fill_button.setObjectName("fill_button")
        self.fill_button.setToolTip(self.tr(
            "Remplit le texte avec le dossier et les valeurs ci-dessus (remplace le texte)"))
        left_layout.addWidget(choices_caption)
        left_layout.addWidget(self.choices_list, 1)
        left_layout.addWidget(self.description_label)
        left_layout.addWidget(self.free_box)
        left_layout.addWidget(self.fill_button)

        # Middle: the text, as it will be printed.
        middle = QWidget(self)
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(6, 0, 6, 0)
        subject_caption = QLabel(self.tr("&Objet :"), middle)
        self.subject_edit = QLineEdit(middle)
        self.subject_edit.setObjectName("subject_edit")
        subject_caption.setBuddy(self.subject_edit)
        body_caption = QLabel(self.tr("Te&xte du courrier (modifiable) :"), middle)
        self.body_edit = QPlainTextEdit(middle)
        self.body_edit.setObjectName("body_edit")
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setPlaceholderText(self.tr(
            "Le texte du courrier choisi apparaît ici, rempli avec le dossier. Vous pouvez le "
            "modifier avant l'aperçu."))
        body_caption.setBuddy(self.body_edit)
        self.warnings_label = QLabel(middle)
        self.warnings_label.setObjectName("warnings_label")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setStyleSheet(WARNING_STYLE)
        self.warnings_label.hide()
        self.problem_label = QLabel(middle)
        self.problem_label.setObjectName("problem_label")
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(ERROR_STYLE)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.hide()
        middle_layout.addWidget(subject_caption)
        middle_layout.addWidget(self.subject_edit)
        middle_layout.addWidget(body_caption)
        middle_layout.addWidget(self.body_edit, 1)
        middle_layout.addWidget(self.warnings_label)
        middle_layout.addWidget(self.problem_label)

        # Right: the PDF.
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        preview_caption = QLabel(self.tr("Aperçu (tel qu'il sera imprimé) :"), right)
        self.viewer = PdfViewer(self.tr(
            "L'aperçu montre le courrier tel qu'il sera imprimé : en-tête du service, adresse "
            "pour enveloppe à fenêtre, date, objet, texte et signature."), right)
        self.viewer.setObjectName("viewer")
        self.stale_label = QLabel(self.tr(
            "Le texte a changé depuis cet aperçu : cliquez sur « Aperçu » pour le mettre à "
            "jour avant d'imprimer."), right)
        self.stale_label.setObjectName("stale_label")
        self.stale_label.setWordWrap(True)
        self.stale_label.setStyleSheet(WARNING_STYLE)
        self.stale_label.hide()
        right_layout.addWidget(preview_caption)
        right_layout.addWidget(self.stale_label)
        right_layout.addWidget(self.viewer, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        for pane in (left, middle, right):
            splitter.addWidget(pane)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 4)
        splitter.setSizes([270, 500, 500])

        self.preview_button = QPushButton(self.tr("&Aperçu"), self)
        self.preview_button.setObjectName("preview_button")
        self.preview_button.setToolTip(self.tr("Voir le courrier tel qu'il sera imprimé "
                                               "(Ctrl+Entrée)"))
        self.keep_button = QPushButton(self.tr("C&lasser au dossier"), self)
        self.keep_button.setObjectName("keep_button")
        self.keep_button.setToolTip(self.tr(
            "Garde ce texte et son PDF dans le dossier (chiffré) ; il apparaît dans la "
            "chronologie"))
        self.print_button = QPushButton(self.tr("&Imprimer… (Ctrl+P)"), self)
        self.print_button.setObjectName("print_button")
        self.print_button.setToolTip(self.tr(
            "Imprime l'aperçu ; le courrier est classé au dossier s'il ne l'est pas encore"))
        self.copy_button = QPushButton(self.tr("Enregistrer une &copie…"), self)
        self.copy_button.setObjectName("copy_button")
        self.copy_button.setToolTip(self.tr(
            "Fichier PDF non chiffré, à l'endroit choisi ; noté dans le journal"))
        self.close_button = QPushButton(self.tr("&Fermer"), self)
        self.close_button.setObjectName("close_button")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(self.button_row(self.preview_button, self.keep_button,
                                         self.print_button, self.copy_button,
                                         self.close_button))

        self.choices_list.currentRowChanged.connect(self._on_choices_list_current_row_changed)
        self.fill_button.clicked.connect(self._on_fill_button_clicked)
        self.subject_edit.textChanged.connect(self._on_text_changed)
        self.body_edit.textChanged.connect(self._on_text_changed)
        self.preview_button.clicked.connect(self._on_preview_button_clicked)
        self.keep_button.clicked.connect(self._on_keep_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.print_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        self.print_shortcut.activated.connect(self._on_print_button_clicked)
        self.preview_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        self.preview_shortcut.activated.connect(self._on_preview_button_clicked)
        self._tab_chain()

    def _tab_chain(self) -> None:
        """Tab goes down the left column, then the text, the preview and the buttons (the
        free fields are made for each letter, after the rest: put them back in place)."""
        chain: list[QWidget] = [self.choices_list, *self.free_edits.values(), self.fill_button,
                                self.subject_edit, self.body_edit, self.viewer.view,
                                self.preview_button, self.keep_button, self.print_button,
                                self.copy_button, self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    # -- state ---------------------------------------------------------------------------------
    def current_text(self) -> Text:
        return (self._text_key or "", self.subject_edit.text(), self.body_edit.toPlainText())

    def current_choice(self) -> LetterChoice | None:
        row = self.choices_list.currentRow()
        return self._choices[row] if 0 <= row < len(self._choices) else None

    def choice_titles(self) -> list[str]:
        return [c.title for c in self._choices]

    @property
    def preview_is_current(self) -> bool:
        return self._preview is not None and self._preview[0] == self.current_text()

    @property
    def kept_letter_id(self) -> int | None:
        """The letter kept from the text now in the editor, if it was classed."""
        if self._kept is not None and self._kept[0] == self.current_text():
            return self._kept[1]
        return None

    def _update_buttons(self) -> None:
        # Not disabled while a call is under way (a disabled widget loses the keyboard focus,
        # and these calls last milliseconds): the actions wait for the runner instead.
        if not hasattr(self, "close_button"):
            return
        text = self._text_key is not None and bool(self.body_edit.toPlainText().strip())
        current = self.preview_is_current
        self.fill_button.setEnabled(self.current_choice() is not None)
        self.preview_button.setEnabled(text)
        self.keep_button.setEnabled(text and self.kept_letter_id is None)
        self.print_button.setEnabled(current)
        self.print_shortcut.setEnabled(current)
        self.copy_button.setEnabled(current)
        self.stale_label.setVisible(self._preview is not None and not current)

    def _call(self, fn: Callable[[], object], on_done: Callable[[object], None],
              on_error: Callable[[BaseException], None]) -> None:
        def then(callback: Callable[[object], None]) -> Callable[[object], None]:
            def run(value: object) -> None:
                callback(value)
                if self._fill_waiting and not self.busy:
                    self._fill_waiting = False
                    self.fill(ask=False)

            return run

        super()._call(fn, then(on_done), then(on_error))

    def _show_problem(self, text: str) -> None:
        show_message(self.problem_label, text)

    def _on_problem(self, exc: BaseException) -> None:
        self._show_problem(user_message(exc))

    def _forget(self) -> None:
        self._preview = self._kept = None
        if isValid(self.viewer):
            self.viewer.clear()
            self._filling = True
            self.subject_edit.clear()
            self.body_edit.clear()
            self._filling = False

    # -- choosing and filling ------------------------------------------------------------------
    def load(self) -> None:
        """Read the letters this dossier can get."""
        session, dossier_id = self._session, self.dossier_id
        self._call(lambda: LetterService(session).choices(dossier_id), self._on_choices_loaded,
                   self._on_problem)

    def _on_choices_loaded(self, choices: list[LetterChoice]) -> None:
        self._choices = list(choices)
        self.choices_list.clear()
        for choice in self._choices:
            item = QListWidgetItem(choice.title, self.choices_list)
            item.setToolTip(choice.description)
        if not self._choices:
            self._show_problem(self.tr("Aucun courrier type n'est proposé pour ce dossier."))
        self.choices_list.setFocus()
        self._update_buttons()
        if self._choices and self.choices_list.currentRow() < 0:
            self.choices_list.setCurrentRow(0)  # the first letter, filled: arrows go on

    def choose(self, title_or_key: str) -> None:
        """Select a letter by its title or key (as a click would)."""
        for row, choice in enumerate(self._choices):
            if title_or_key in (choice.title, choice.key):
                self.choices_list.setCurrentRow(row, QItemSelectionModel.SelectionFlag
                                                .ClearAndSelect)
                return
        raise KeyError(title_or_key)

    @Slot(int)
    def _on_choices_list_current_row_changed(self, _row: int) -> None:
        choice = self.current_choice()
        self._build_free_fields(choice)
        self.description_label.setText(choice.description if choice is not None else "")
        self._update_buttons()
        if choice is None:
            return
        if self._edited and self.kept_letter_id is None:
            # The person's changes are not replaced behind their back.
            self.show_status(self.tr("Votre texte modifié est conservé : « Remplir le "
                                     "courrier » le remplacera par celui-ci."), error=False)
            return
        if self.busy:
            self._fill_waiting = True  # filled when the call under way comes back
            return
        self.fill(ask=False)

    def _build_free_fields(self, choice: LetterChoice | None) -> None:
        while self.free_form.rowCount():
            self.free_form.removeRow(0)
        self.free_edits = {}
        for free in choice.free_fields if choice is not None else ():
            edit = QLineEdit(self.free_box)
            edit.setObjectName(f"free_{free.name}_edit")
            edit.returnPressed.connect(self._on_fill_button_clicked)
            caption = QLabel(f"{free.label} :", self.free_box)
            caption.setBuddy(edit)
            self.free_form.addRow(caption, edit)
            self.free_edits[free.name] = edit
        self.free_box.setVisible(bool(self.free_edits))
        self._tab_chain()

    def free_values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.free_edits.items()}

    @Slot()
    def _on_fill_button_clicked(self) -> None:
        self.fill(ask=True)

    def fill(self, *, ask: bool = True) -> None:
        """Fill the text from the chosen letter (asks before replacing the person's changes)."""
        choice = self.current_choice()
        if choice is None or self.busy:
            return
        if (ask and self._edited and self.kept_letter_id is None
                and not self._prompts.confirm(self, self.tr("Remplir le courrier"), self.tr(
                    "Remplacer le texte que vous avez modifié par le courrier « %s » "
                    "rempli ?") % choice.title)):
            return
        session, dossier_id, free = self._session, self.dossier_id, self.free_values()
        key = choice.key
        self._call(lambda: LetterService(session).prepare(dossier_id, key, free),
                   self._on_prepared, self._on_fill_failed)

    def _on_prepared(self, letter: PreparedLetter) -> None:
        self._filling = True
        self._text_key = letter.key
        self.subject_edit.setText(letter.subject)
        self.body_edit.setPlainText(letter.body)
        self._filling = False
        self._edited = False
        self._preview = None
        self.viewer.clear()
        show_message(self.warnings_label, "\n".join(letter.warnings))
        self._show_problem("")
        self.show_status("")
        self._update_buttons()
        self.preview()

    def _on_fill_failed(self, exc: BaseException) -> None:
        # The text shown belongs to another letter, or to none: do not let it pass for this one.
        if not self._edited:
            self._filling = True
            self._text_key = None
            self.subject_edit.clear()
            self.body_edit.clear()
            self._filling = False
            self._preview = None
            self.viewer.clear()
            show_message(self.warnings_label, "")
        self._on_problem(exc)
        self._update_buttons()

    @Slot()
    def _on_text_changed(self) -> None:
        if not self._filling:
            self._edited = True
        self._update_buttons()

    # -- preview -------------------------------------------------------------------------------
    @Slot()
    def _on_preview_button_clicked(self) -> None:
        if self.preview_button.isEnabled() and not self.busy:
            self.preview()

    def preview(self, then: Callable[[], None] | None = None) -> None:
        """Render the text now in the editor as a PDF, in memory, and show it."""
        text = self.current_text()
        if not text[0]:
            return
        session, dossier_id = self._session, self.dossier_id

        def done(pdf: bytes) -> None:
            self._preview = (text, pdf)
            self.viewer.set_pdf(pdf)
            self._show_problem("")
            self._update_buttons()
            if then is not None:
                then()

        self._call(lambda: LetterService(session).preview(dossier_id, *text), done,
                   self._on_problem)

    # -- keeping, printing, copying ------------------------------------------------------------
    @Slot()
    def _on_keep_button_clicked(self) -> None:
        if not self.busy:
            self.keep()

    def keep(self, then: Callable[[int, bytes], None] | None = None) -> None:
        """Class the text now in the editor in the dossier (once), then ``then(id, pdf)``."""
        text = self.current_text()
        if not text[0]:
            return
        if self._kept is not None and self._kept[0] == text:
            if then is not None:
                then(self._kept[1], self._kept[2])
            return
        session, dossier_id = self._session, self.dossier_id

        def done(result: tuple[int, bytes]) -> None:
            letter_id, pdf = result
            self._kept = (text, letter_id, pdf)
            if self.current_text() == text:
                self._preview = (text, pdf)
                self.viewer.set_pdf(pdf)
            self._show_problem("")
            where = self.tr("dans le dossier %s") % self._number if self._number else \
                self.tr("dans le dossier")
            self.show_status(self.tr("Courrier classé %s : il apparaît dans la chronologie.")
                             % where, error=False)
            self._update_buttons()
            self.letter_kept.emit(letter_id)
            if then is not None:
                then(letter_id, pdf)

        self._call(lambda: LetterService(session).save(dossier_id, *text), done,
                   self._on_problem)

    @Slot()
    def _on_print_button_clicked(self) -> None:
        if not self.print_button.isEnabled() or self._preview is None or self.busy:
            return
        pages = self.viewer.page_count
        name = self._document_name()
        printer = self.choose_printer(name, pages)
        if printer is None:
            return
        # What is printed is the PDF kept in the dossier (the same text as the preview).
        self.keep(lambda letter_id, pdf: self.print_kept(pdf, [letter_id], name, pages,
                                                         printer))

    @Slot()
    def _on_copy_button_clicked(self) -> None:
        if not self.copy_button.isEnabled() or self._preview is None or self.busy:
            return
        text = self.tr(UNENCRYPTED_TEXT)
        if self.kept_letter_id is None:
            text = self.tr("Le courrier sera d'abord classé au dossier : une copie ne part "
                           "que d'un courrier gardé.") + "\n\n" + text
        if not self._prompts.confirm(self, self.tr(UNENCRYPTED_TITLE), text):
            return
        default = f"courrier-{self._number}.pdf" if self._number else "courrier.pdf"
        path = self.choose_file(default)
        if path is None:
            return
        self.keep(lambda letter_id, pdf: self.save_copy(pdf, [letter_id], default, path))

    def _document_name(self) -> str:
        return f"courrier-{self._number}" if self._number else "courrier"

    # -- closing -------------------------------------------------------------------------------
    def _may_close(self) -> bool:
        """Asks before dropping a changed letter that is not kept in the dossier."""
        return not (self._edited and self.kept_letter_id is None
                    and self.body_edit.toPlainText()
                    and not self._prompts.confirm(self, self.tr("Fermer"), self.tr(
                        "Le courrier modifié n'est pas classé au dossier : fermer sans le "
                        "garder ?")))
