"""The unit manager's form letters (*courriers types*): add, edit, duplicate, retire, restore.

A template is the small text file ``templates_courriers/README.md`` describes: a header of
``key: value`` lines, ``---``, then the body with its fields. The manager edits that whole text,
with a preview filled with example values and the problems the service finds, each with its
line: a template with a mistake cannot be saved (the service refuses it anyway), so no letter
ever goes out with a blank where a name should be. The list of fields is at hand; picking one
writes ``{{ field }}`` at the cursor and declares it in ``champs:``.

A template is never deleted: a retired one is no longer offered for new letters, and the letters
already made with it stay readable in the dossiers. Every change goes through
:class:`~anaiss_desktop.services.letters.LetterTemplateService`, which refuses a non-manager;
the screen says so up front and greys its buttons only to spare a useless click.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QPalette,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.letters import FREE_PREFIX, valid_key
from ...domain.names import normalise
from ...services.errors import ServiceError
from ...services.letter_render import LetterProblem
from ...services.letters import LetterTemplateService, TemplateEntry
from ...services.session import Session
from ..messages import mute, show_message, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import RowsModel, error_label
from .tab import RowsTab

RETIRED_COLOUR = QColor(Qt.GlobalColor.gray)
PROBLEM_LINE_COLOUR = QColor("#fde2e1")
PREVIEW_DELAY_MS = 400  # the preview follows the typing, once the typing pauses
KEY_MAX_LENGTH = 61
STAYS_READABLE = (
    "Les courriers déjà produits avec ce modèle ne changent pas et restent lisibles dans les "
    "dossiers."
)

SKELETON = """\
titre: Nouveau courrier
description: À quoi sert ce courrier, en une phrase.
objet: Objet du courrier
champs: personne.civilite, referent.telephone
consentement_partage: non
---
{{ personne.civilite }},

Écrivez ici le texte du courrier. Une ligne vide sépare deux paragraphes.

Pour toute question, vous pouvez me joindre au {{ referent.telephone }}.

Je vous prie d'agréer, {{ personne.civilite }}, l'expression de mes salutations distinguées.
"""
"""What "Nouveau…" starts from: a complete template that checks, to be reworded."""

_LINE = re.compile(r"Ligne (\d+)")


# -- pure helpers ------------------------------------------------------------------------------
def placeholder(name: str) -> str:
    """What the body says to print a field: ``{{ personne.nom }}``."""
    return "{{ " + name + " }}"


def _declaration(source: str, name: str) -> tuple[int, str] | None:
    """Where to write, and what, so that the header's ``champs:`` line names ``name``.

    ``None`` when it is already declared, or when the text has no header to declare it in.
    """
    offset = 0
    for line in source.split("\n"):
        stripped = line.rstrip("\r").strip()
        if stripped == "---":  # the header has no "champs:" line: add one just before "---"
            return offset, f"champs: {name}\n"
        header, sep, value = line.rstrip("\r").partition(":")
        if sep and header.strip().lower() == "champs":
            declared = [f.strip() for f in value.split(",") if f.strip()]
            if name in declared:
                return None
            end = offset + len(line.rstrip("\r").rstrip())
            written = value.strip()
            return end, (f" {name}" if not written or written.endswith(",") else f", {name}")
        offset += len(line) + 1
    return None


def insert_field(source: str, position: int, name: str) -> tuple[str, int]:
    """Write ``{{ name }}`` at ``position`` of a template's text and declare ``name`` in its
    ``champs:`` header line when it is not yet (a free field ``libre.x`` is declared in
    ``libres:`` by the person who names it, so it is only written).

    Returns the new text and the position just after the inserted field.

    >>> insert_field("titre: T\\nobjet: O\\nchamps: a.b\\n---\\nX ", 36, "c.d")
    ('titre: T\\nobjet: O\\nchamps: a.b, c.d\\n---\\nX {{ c.d }}', 50)
    """
    position = max(0, min(position, len(source)))
    edit = None if name.startswith(FREE_PREFIX) else _declaration(source, name)
    if edit is not None:
        at, added = edit
        source = source[:at] + added + source[at:]
        if at <= position:
            position += len(added)
    written = placeholder(name)
    return source[:position] + written + source[position:], position + len(written)


def header_value(source: str, name: str) -> str:
    """The value of header line ``name`` (``titre``…) in a template's text, empty if none."""
    for line in source.split("\n"):
        if line.strip() == "---":
            break
        header, sep, value = line.partition(":")
        if sep and header.strip().lower() == name:
            return value.strip()
    return ""


def suggest_key(title: str, taken: Iterable[str] = ()) -> str:
    """A key proposed from a title: "Relance après un RDV" → ``relance_apres_un_rdv``,
    numbered when already taken; empty when the title gives nothing usable."""
    words = re.sub(r"[^a-z0-9 ]", "", normalise(title)).split()
    key = "_".join(words)[:KEY_MAX_LENGTH - 3].strip("_")
    if not key:
        return ""
    if not key[0].isalpha():
        key = f"courrier_{key}"[:KEY_MAX_LENGTH - 3]
    taken = set(taken)
    found, number = key, 2
    while found in taken:
        found, number = f"{key}_{number}", number + 1
    return found


def key_problem(key: str, taken: Iterable[str]) -> str | None:
    """Why ``key`` cannot name a new template (French), or None."""
    if not key:
        return "La clé est obligatoire : elle désigne le courrier type et ne changera plus."
    reason = valid_key(key)
    if reason:
        return reason
    if key in set(taken):
        return "Un courrier type porte déjà cette clé (peut-être retiré) : choisissez-en une autre."
    return None


def problem_lines(problems: Iterable[str]) -> list[int]:
    """The line numbers the problems name (``Ligne 12 : …``), in order, without repeats."""
    found: list[int] = []
    for problem in problems:
        match = _LINE.search(problem)
        if match and int(match.group(1)) not in found:
            found.append(int(match.group(1)))
    return found


def check_and_preview(service: LetterTemplateService, key: str,
                      source: str) -> tuple[list[str], str | None]:
    """Problems of ``source``; when there are none, its body filled with example values."""
    problems = service.check(key, source)
    if problems:
        return problems, None
    try:
        return [], service.preview_text(source)
    except LetterProblem as exc:  # a field the example values cannot fill
        return [exc.message], None


def _monospace() -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    return font


def _utf16_length(text: str) -> int:
    """Qt counts positions in UTF-16 units, Python in code points (an emoji counts 2 or 1)."""
    return len(text.encode("utf-16-le")) // 2


def _index_of(text: str, qt_position: int) -> int:
    """The Python index of a Qt position in ``text``."""
    return len(text.encode("utf-16-le")[: 2 * qt_position].decode("utf-16-le", "ignore"))


# -- the list ----------------------------------------------------------------------------------
class TemplateTableModel(RowsModel[TemplateEntry]):
    """The station's templates, retired ones included (greyed), in the service's order (by
    title); a template is recognised by its key.

    Args:
        parent: the owning widget.
    """

    TITLE, KEY, ORIGIN, STATE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                (self.tr("Titre"), lambda entry: entry.template.title),
                (self.tr("Clé"), lambda entry: entry.template.key),
                (self.tr("Origine"),
                 lambda entry: self.tr("livré") if entry.shipped else self.tr("ajouté")),
                (self.tr("État"),
                 lambda entry: self.tr("retiré") if entry.retired else self.tr("en service")),
            ),
            key=lambda entry: entry.template.key,
            roles={
                Qt.ItemDataRole.ForegroundRole:
                    lambda entry, _column: RETIRED_COLOUR if entry.retired else None,
                Qt.ItemDataRole.FontRole: self._font,
                Qt.ItemDataRole.ToolTipRole: self._tooltip,
            },
            parent=parent,
        )

    def _font(self, _entry: TemplateEntry, column: int) -> QFont | None:
        return _monospace() if column == self.KEY else None

    def _tooltip(self, entry: TemplateEntry, column: int) -> str | None:
        if column == self.ORIGIN:
            return (self.tr("Livré avec l'application (éventuellement modifié ici).")
                    if entry.shipped else self.tr("Ajouté sur cette station."))
        if entry.retired:
            return self.tr("N'est plus proposé pour les nouveaux courriers. %s") % STAYS_READABLE
        return entry.template.description or None


# -- the dialogs -------------------------------------------------------------------------------
class FieldsTree(QTreeWidget):
    """The fields a template may use, with what they hold; double-click or Enter picks one.

    Enter is kept here: in a dialog, an item view lets it through to the default button, and
    picking a field must not save the template.

    Signals:
        field_chosen(str): the field's dotted name (``personne.nom``).
    """

    field_chosen = Signal(str)

    def __init__(self, fields: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderLabels([self.tr("Champ"), self.tr("Contenu")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)
        for name, description in fields.items():
            item = QTreeWidgetItem([name, description])
            item.setData(0, Qt.ItemDataRole.UserRole, name)
            item.setFont(0, _monospace())
            item.setToolTip(0, self.tr("Double-clic ou Entrée : écrit %s au curseur.")
                            % placeholder(name))
            item.setToolTip(1, description)
            self.addTopLevelItem(item)
        self.setCurrentItem(self.topLevelItem(0))
        self.itemDoubleClicked.connect(self._on_item_double_clicked)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None:
                self.field_chosen.emit(str(item.data(0, Qt.ItemDataRole.UserRole)))
            event.accept()
            return
        super().keyPressEvent(event)

    @Slot(QTreeWidgetItem, int)
    def _on_item_double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self.field_chosen.emit(str(item.data(0, Qt.ItemDataRole.UserRole)))


class DuplicateDialog(QDialog):
    """The key of a copy of a template, checked while typing.

    Args:
        entry: the template copied.
        taken: every key of the station, retired templates included (a key is never reused).
        parent: the templates tab.

    Signals:
        submitted(): "Dupliquer" was pressed with a valid key (read it with :meth:`key`).
    """

    submitted = Signal()

    def __init__(self, entry: TemplateEntry, taken: Iterable[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self._taken = set(taken)
        self.setWindowTitle(self.tr("Dupliquer — %s") % entry.template.title)
        self.setMinimumWidth(520)
        self.intro_label = QLabel(self.tr(
            "La copie reprend le texte de « %s » sous une nouvelle clé ; vous pourrez ensuite "
            "la modifier. La clé désigne le courrier type et ne change plus."
        ) % entry.template.title, self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        self.key_edit = QLineEdit(suggest_key(f"{entry.template.key} copie", self._taken), self)
        self.key_edit.setObjectName("key_edit")
        self.key_edit.setMaxLength(KEY_MAX_LENGTH + 10)
        self.key_edit.setFont(_monospace())
        self.key_edit.selectAll()
        form = QFormLayout()
        form.addRow(self.tr("&Clé de la copie :"), self.key_edit)
        hint = QLabel(self.tr("Minuscules sans accent, chiffres et « _ » ; commence par une "
                              "lettre."), self)
        hint.setObjectName("key_hint_label")
        mute(hint)
        form.addRow("", hint)
        self.problem_label = error_label(self, "problem_label")
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Dupliquer"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(form)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)
        layout.addWidget(self.button_box)
        self.key_edit.textChanged.connect(self._on_key_edit_text_changed)
        self.button_box.accepted.connect(self._on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        self._validate()

    def key(self) -> str:
        return self.key_edit.text().strip()

    def show_problem(self, text: str) -> None:
        show_message(self.problem_label, text)

    def set_busy(self, busy: bool) -> None:
        self.button_box.setEnabled(not busy)

    def _validate(self) -> None:
        problem = key_problem(self.key(), self._taken)
        show_message(self.problem_label, problem if problem and self.key() else "")
        self.ok_button.setEnabled(problem is None)

    @Slot(str)
    def _on_key_edit_text_changed(self, _text: str) -> None:
        self._validate()

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit()


class TemplateEditorDialog(QDialog):
    """Write or change a template: its whole text, the preview with example values, the
    problems with their lines, the fields at hand.

    The text is checked, and the preview filled, on the task runner
    :data:`PREVIEW_DELAY_MS` after the typing pauses; an answer that arrives after newer typing
    is dropped. "Enregistrer" stays grey while the text has a problem or the key is not valid.

    Args:
        service: the templates service (its ``check``, ``preview_text`` and ``fields``).
        runner: runs the checks off the GUI thread.
        source: the text to edit (the template's, or :data:`SKELETON`).
        key: the template's key; ``None`` for a new template (the key is then typed).
        taken: every key of the station (a new template cannot take one).
        title: the template's title, for the window title.
        parent: the templates tab.

    Signals:
        submitted(): "Enregistrer" was pressed (the owner saves, then calls ``accept()``).
    """

    submitted = Signal()

    def __init__(
        self,
        service: LetterTemplateService,
        runner: TaskRunner,
        source: str,
        key: str | None = None,
        taken: Iterable[str] = (),
        title: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self.is_new = key is None
        self._taken = set(taken)
        self._key_typed = False  # once typed by hand, the title no longer proposes the key
        self._generation = 0
        self._problems: list[str] = []
        self._key_problem: str | None = None
        self._busy = False
        self.setWindowTitle(self.tr("Nouveau courrier type") if self.is_new
                            else self.tr("Modifier le courrier type — %s") % (title or key))
        self.setMinimumSize(920, 600)
        self.resize(1120, 720)
        self._build()
        self.source_edit.setPlainText(source.replace("\r\n", "\n"))
        if self.is_new:
            self.key_edit.setText(suggest_key(header_value(source, "titre"), self._taken))
        else:
            self.key_edit.setText(key or "")
        self.source_edit.moveCursor(QTextCursor.MoveOperation.Start)
        self.source_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._validate_key()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.source_edit.textChanged.connect(self._on_source_edit_text_changed)
        self.source_edit.cursorPositionChanged.connect(self._on_source_edit_cursor_position_changed)
        self.key_edit.textEdited.connect(self._on_key_edit_text_edited)
        self.fields_tree.field_chosen.connect(self._on_fields_tree_field_chosen)
        self.button_box.accepted.connect(self._on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        self._on_source_edit_cursor_position_changed()
        self._check()  # the preview shows at once, without waiting for a keystroke

    def _build(self) -> None:
        self.intro_label = QLabel(self.tr(
            "En-tête (titre, description, objet, champs utilisés, champs libres, "
            "consentement_partage), puis une ligne « --- », puis le corps : de l'appel "
            "(« Madame, ») à la formule de politesse. L'en-tête du service, l'adresse, la date "
            "et la signature sont ajoutés à l'impression.%s"
        ) % ("" if self.is_new else " " + STAYS_READABLE), self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)

        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("key_edit")
        self.key_edit.setMaxLength(KEY_MAX_LENGTH + 10)
        self.key_edit.setFont(_monospace())
        if not self.is_new:  # shown, selectable, visibly not editable
            self.key_edit.setReadOnly(True)
            palette = self.key_edit.palette()
            palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
            self.key_edit.setPalette(palette)
        key_label = QLabel(self.tr("&Clé :"), self)
        key_label.setBuddy(self.key_edit)
        self.key_hint_label = QLabel(
            self.tr("Minuscules sans accent, chiffres et « _ » ; elle ne changera plus.")
            if self.is_new else
            self.tr("La clé d'un courrier type ne change jamais, même si son titre change."),
            self)
        self.key_hint_label.setObjectName("key_hint_label")
        mute(self.key_hint_label)
        key_row = QHBoxLayout()
        key_row.addWidget(key_label)
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.key_hint_label, 2)
        self.key_problem_label = error_label(self, "key_problem_label")

        # Left: the text.
        self.source_edit = QPlainTextEdit(self)
        self.source_edit.setObjectName("source_edit")
        self.source_edit.setFont(_monospace())
        self.source_edit.setTabChangesFocus(True)
        self.source_edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        source_label = QLabel(self.tr("&Texte du modèle :"), self)
        source_label.setBuddy(self.source_edit)
        self.cursor_label = QLabel(self)
        self.cursor_label.setObjectName("cursor_label")
        mute(self.cursor_label)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(source_label)
        left_layout.addWidget(self.source_edit, 1)
        left_layout.addWidget(self.cursor_label)

        # Right, top: the preview.
        self.preview_edit = QPlainTextEdit(self)
        self.preview_edit.setObjectName("preview_edit")
        self.preview_edit.setReadOnly(True)
        self.preview_edit.setTabChangesFocus(True)
        self.preview_edit.setPlaceholderText(self.tr(
            "L'aperçu s'affiche quand le modèle ne contient plus d'erreur."))
        preview_label = QLabel(self.tr("Aperç&u, avec des valeurs d'exemple :"), self)
        preview_label.setBuddy(self.preview_edit)
        self.stale_label = QLabel(self.tr(
            "Aperçu de la dernière version sans erreur : corrigez le modèle pour le mettre à "
            "jour."), self)
        self.stale_label.setObjectName("stale_label")
        self.stale_label.setWordWrap(True)
        mute(self.stale_label)
        self.stale_label.hide()
        preview = QWidget(self)
        preview_layout = QVBoxLayout(preview)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(preview_label)
        preview_layout.addWidget(self.preview_edit, 1)
        preview_layout.addWidget(self.stale_label)

        # Right, bottom: the fields.
        self.fields_tree = FieldsTree(self._service.fields(), self)
        self.fields_tree.setObjectName("fields_tree")
        fields_label = QLabel(self.tr("C&hamps disponibles :"), self)
        fields_label.setBuddy(self.fields_tree)
        fields_hint = QLabel(self.tr(
            "Double-clic ou Entrée : écrit le champ à l'emplacement du curseur et le déclare "
            "dans « champs »."), self)
        fields_hint.setObjectName("fields_hint_label")
        fields_hint.setWordWrap(True)
        mute(fields_hint)
        fields = QWidget(self)
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(fields_label)
        fields_layout.addWidget(self.fields_tree, 1)
        fields_layout.addWidget(fields_hint)

        right = QSplitter(Qt.Orientation.Vertical, self)
        right.setChildrenCollapsible(False)
        right.addWidget(preview)
        right.addWidget(fields)
        right.setSizes([360, 260])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([620, 480])

        self.problems_label = error_label(self, "problems_label")
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.button_box.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("&Enregistrer"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuler"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(key_row)
        layout.addWidget(self.key_problem_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.button_box)

    # -- what the dialog holds -----------------------------------------------------------------
    def key(self) -> str:
        return self.key_edit.text().strip()

    def source(self) -> str:
        return self.source_edit.toPlainText()

    def problems(self) -> list[str]:
        """The problems shown (the last check's, or the service's refusal)."""
        return list(self._problems)

    def preview(self) -> str:
        return self.preview_edit.toPlainText()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_save_button()

    def show_save_problem(self, text: str) -> None:
        """The service refused to save: say why, as the check would have."""
        self._show_problems(text.split("\n"))

    def insert_field(self, name: str) -> None:
        """Write ``{{ name }}`` at the cursor and declare ``name`` in ``champs:`` (one undo)."""
        text = self.source()
        cursor = self.source_edit.textCursor()
        cursor.clearSelection()
        new_text, end = insert_field(text, _index_of(text, cursor.position()), name)
        # Replace only what changed, so the view does not jump and Ctrl+Z undoes it at once.
        start = 0
        while start < min(len(text), len(new_text)) and text[start] == new_text[start]:
            start += 1
        tail = 0
        while (tail < min(len(text), len(new_text)) - start
               and text[-1 - tail] == new_text[-1 - tail]):
            tail += 1
        edit = QTextCursor(self.source_edit.document())
        edit.setPosition(_utf16_length(text[:start]))
        edit.setPosition(_utf16_length(text[:len(text) - tail]),
                         QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(new_text[start:len(new_text) - tail])
        edit.setPosition(_utf16_length(new_text[:end]))
        self.source_edit.setTextCursor(edit)
        self.source_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- checking ------------------------------------------------------------------------------
    def _check(self) -> None:
        """Check the text and fill the preview on the runner; only the newest answer counts."""
        self._generation += 1
        generation = self._generation
        task = partial(check_and_preview, self._service, self.key() or "nouveau", self.source())
        self._runner.run(task, partial(self._on_checked, generation),
                         partial(self._on_check_failed, generation))

    def _on_checked(self, generation: int, result: tuple[list[str], str | None]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        problems, preview = result
        if preview is not None:
            self.preview_edit.setPlainText(preview)
        self.stale_label.setVisible(preview is None and bool(self.preview()))
        self._show_problems(problems)

    def _on_check_failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self.stale_label.setVisible(bool(self.preview()))
        self._show_problems([user_message(exc)])

    def _show_problems(self, problems: list[str]) -> None:
        self._problems = [p for p in problems if p.strip()]
        if self._problems:
            heading = self.tr("Ce modèle ne peut pas être enregistré :")
            show_message(self.problems_label,
                         "\n".join([heading, *(f"• {p}" for p in self._problems)]))
        else:
            show_message(self.problems_label, "")
        self._mark_problem_lines(problem_lines(self._problems))
        self._update_save_button()

    def _mark_problem_lines(self, lines: list[int]) -> None:
        """Tint the lines a problem names, so "Ligne 12" is found at a glance."""
        selections = []
        document = self.source_edit.document()
        for number in lines:
            block = document.findBlockByNumber(number - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(PROBLEM_LINE_COLOUR)
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            cursor = QTextCursor(block)  # the whole paragraph, wrapped lines included
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock,
                                QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
        self.source_edit.setExtraSelections(selections)

    def _validate_key(self) -> None:
        if not self.is_new:
            self._key_problem = None
            return
        self._key_problem = key_problem(self.key(), self._taken)
        show_message(self.key_problem_label, self._key_problem or "")
        self._update_save_button()

    def _update_save_button(self) -> None:
        self.save_button.setEnabled(
            not self._busy and not self._problems and self._key_problem is None)

    # -- slots ---------------------------------------------------------------------------------
    @Slot()
    def _on_source_edit_text_changed(self) -> None:
        if self.is_new and not self._key_typed:
            suggested = suggest_key(header_value(self.source(), "titre"), self._taken)
            if suggested and suggested != self.key_edit.text():
                self.key_edit.setText(suggested)
                self._validate_key()
        self._timer.start()

    @Slot()
    def _on_source_edit_cursor_position_changed(self) -> None:
        cursor = self.source_edit.textCursor()
        self.cursor_label.setText(self.tr("Ligne %d, colonne %d")
                                  % (cursor.blockNumber() + 1, cursor.positionInBlock() + 1))

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._check()

    @Slot(str)
    def _on_key_edit_text_edited(self, text: str) -> None:
        self._key_typed = bool(text)
        lower = text.lower()
        if lower != text:  # keys are lower case: typing "Aide" gives "aide"
            position = self.key_edit.cursorPosition()
            self.key_edit.setText(lower)
            self.key_edit.setCursorPosition(position)
        self._validate_key()

    @Slot(str)
    def _on_fields_tree_field_chosen(self, name: str) -> None:
        self.insert_field(name)

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.save_button.isEnabled():
            self.submitted.emit()

    def done(self, result: int) -> None:
        self._timer.stop()
        self._generation += 1  # an answer still on its way is for nobody
        super().done(result)


# -- the tab -----------------------------------------------------------------------------------
class LetterTemplatesTab(RowsTab[TemplateEntry, TemplateEditorDialog | DuplicateDialog]):
    """The station's form letters: write a new one, change, duplicate, retire or restore one.

    Usable as a tab of the administration dialog or on its own.

    Args:
        session: the signed-in manager's session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the owning widget.

    Signals:
        templates_changed(): a template was added, changed, retired or restored.
    """

    templates_changed = Signal()

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, runner, prompts, parent)
        self._service = LetterTemplateService(session)
        self._build()
        self._update_buttons()
        self.refresh()

    def _build(self) -> None:
        self.new_button = QPushButton(self.tr("&Nouveau…"), self)
        self.new_button.setObjectName("new_button")
        self.edit_button = QPushButton(self.tr("&Modifier…"), self)
        self.edit_button.setObjectName("edit_button")
        self.duplicate_button = QPushButton(self.tr("&Dupliquer…"), self)
        self.duplicate_button.setObjectName("duplicate_button")
        self.retire_button = QPushButton(self.tr("Re&tirer"), self)
        self.retire_button.setObjectName("retire_button")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hint_label")
        self.hint_label.setWordWrap(True)
        mute(self.hint_label)
        self._build_page(
            self.tr(
                "Les courriers types proposés dans les dossiers. Un courrier dont le modèle "
                "contient une erreur ne peut pas être enregistré. Un courrier n'est jamais "
                "supprimé : retiré, il n'est plus proposé, et les courriers déjà produits restent "
                "lisibles dans les dossiers."),
            (self.new_button, self.edit_button, self.duplicate_button, self.retire_button),
            TemplateTableModel(self), below=(self.hint_label,))
        self.table_view.doubleClicked.connect(self._on_table_view_double_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.edit_button.clicked.connect(self._on_edit_button_clicked)
        self.duplicate_button.clicked.connect(self._on_duplicate_button_clicked)
        self.retire_button.clicked.connect(self._on_retire_button_clicked)

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the templates again (after a change, or when the tab is shown)."""
        self._keep_selection()
        self._runner.run(self._load, self._on_loaded, self._on_load_failed)

    def _load(self) -> tuple[list[TemplateEntry], str]:
        entries = self._service.templates(include_retired=True)
        try:
            self._session.require_manager()
        except ServiceError as exc:  # everyone reads the templates, only a manager changes them
            return entries, exc.message
        return entries, ""

    def _on_loaded(self, result: tuple[list[TemplateEntry], str]) -> None:
        if not isValid(self):
            return
        entries, refusal = result
        self._set_refusal(refusal)
        self._show_rows(entries)

    def _on_load_failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.model.set_rows([])
        self._set_refusal(user_message(exc))
        self._update_buttons()

    def entries(self) -> list[TemplateEntry]:
        return self.model.rows()

    def rows(self) -> list[list[str]]:
        """The table as the manager reads it, one list of cells per row."""
        model = self.model
        return [[str(model.index(row, column).data()) for column in range(model.columnCount())]
                for row in range(model.rowCount())]

    def _keys(self) -> set[str]:
        return {entry.template.key for entry in self.model.rows()}

    # -- buttons -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        entry = self.selected()
        editable = not self._refusal and not self._runner.busy
        self.new_button.setEnabled(editable)
        self.edit_button.setEnabled(editable and entry is not None)
        self.duplicate_button.setEnabled(editable and entry is not None)
        self.retire_button.setEnabled(editable and entry is not None)
        if entry is not None and entry.retired:
            self.retire_button.setText(self.tr("&Remettre en service"))
            self.retire_button.setToolTip(self.tr("Proposer de nouveau ce courrier."))
            self.hint_label.setText(self.tr(
                "Ce courrier est retiré : il n'est plus proposé pour les nouveaux courriers. "
                "%s « Remettre en service » le propose de nouveau.") % STAYS_READABLE)
        else:
            self.retire_button.setText(self.tr("Re&tirer"))
            self.retire_button.setToolTip(self.tr(
                "Ne plus proposer ce courrier ; ceux déjà produits restent lisibles."))
            self.hint_label.setText("")
        self.hint_label.setVisible(bool(self.hint_label.text()))

    @Slot(QModelIndex)
    def _on_table_view_double_clicked(self, _index: QModelIndex) -> None:
        if self.edit_button.isEnabled():
            self._on_edit_button_clicked()

    # -- writing -------------------------------------------------------------------------------
    @Slot()
    def _on_new_button_clicked(self) -> None:
        self._show_status("")
        dialog = TemplateEditorDialog(self._service, self._runner, SKELETON, None, self._keys(),
                                      parent=self)
        self._open_dialog(dialog, self._on_editor_submitted)

    @Slot()
    def _on_edit_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._show_status("")
        dialog = TemplateEditorDialog(self._service, self._runner, entry.source,
                                      entry.template.key, self._keys(), entry.template.title,
                                      parent=self)
        self._open_dialog(dialog, self._on_editor_submitted)

    @Slot()
    def _on_editor_submitted(self) -> None:
        dialog = self._dialog
        if not isinstance(dialog, TemplateEditorDialog):
            return
        service, key, source, new = self._service, dialog.key(), dialog.source(), dialog.is_new

        def save() -> str:
            service.save(key, source, new=new)  # a new template never replaces another
            return service.get(key).template.title

        def done(title: str) -> None:
            if not isValid(self):
                return
            if isValid(dialog):
                dialog.accept()
            self._select_after_refresh = key
            self._show_status(
                (self.tr("Courrier type « %s » ajouté (clé %s).") if new
                 else self.tr("Courrier type « %s » enregistré (clé %s).")) % (title, key))
            self.refresh()
            self.templates_changed.emit()

        self._runner.run(save, done, partial(self._on_dialog_change_failed, dialog))

    def _on_dialog_change_failed(self, dialog: QDialog, exc: BaseException) -> None:
        """Say in the dialog why the service refused (over the tab if it is already closed)."""
        if not isValid(self):
            return
        if isValid(dialog) and isinstance(dialog, (TemplateEditorDialog, DuplicateDialog)):
            dialog.set_busy(self._runner.busy)
            if isinstance(dialog, TemplateEditorDialog):
                dialog.show_save_problem(user_message(exc))
            else:
                dialog.show_problem(user_message(exc))
            return
        self._prompts.error(self, self.tr("Courriers types"), user_message(exc))

    @Slot()
    def _on_duplicate_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        self._show_status("")
        self._open_dialog(DuplicateDialog(entry, self._keys(), self),
                          self._on_duplicate_submitted)

    @Slot()
    def _on_duplicate_submitted(self) -> None:
        dialog = self._dialog
        if not isinstance(dialog, DuplicateDialog):
            return
        service, key, new_key = self._service, dialog.entry.template.key, dialog.key()
        title = dialog.entry.template.title

        def duplicate() -> str:
            service.duplicate(key, new_key)
            return service.get(new_key).template.title

        def done(copy_title: str) -> None:
            if not isValid(self):
                return
            if isValid(dialog):
                dialog.accept()
            self._select_after_refresh = new_key
            self._show_status(self.tr(
                "« %s » dupliqué : la copie « %s » (clé %s) est prête à être modifiée.")
                % (title, copy_title, new_key))
            self.refresh()
            self.templates_changed.emit()

        self._runner.run(duplicate, done, partial(self._on_dialog_change_failed, dialog))

    @Slot()
    def _on_retire_button_clicked(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        retired = not entry.retired
        title, key = entry.template.title, entry.template.key
        if retired and not self._prompts.confirm(self, self.tr("Retirer un courrier type"),
                                                 self.tr(
                "« %s » ne sera plus proposé pour les nouveaux courriers. %s Vous pourrez le "
                "remettre en service plus tard.\n\nRetirer ce courrier type ?")
                % (title, STAYS_READABLE)):
            return
        if retired:
            failure = self.tr("Retrait du courrier type impossible")
            success = self.tr("« %s » retiré : il n'est plus proposé. %s") % (title,
                                                                               STAYS_READABLE)
        else:
            failure = self.tr("Remise en service impossible")
            success = self.tr("« %s » de nouveau proposé.") % title
        self._select_after_refresh = key
        service = self._service
        self._run(None, failure, partial(service.set_retired, key, retired),
                  lambda _result: success, changed=self.templates_changed.emit)
