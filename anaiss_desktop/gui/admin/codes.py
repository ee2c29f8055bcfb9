"""The unit manager's coded lists (typologies): add local codes, reword labels, retire codes.

97 % of the historical tools' users "did not find the typology that fits" (SPEC §1): here the
manager adds the categories the service needs. Codes are never deleted nor reused, so a figure
computed last year still counts the same thing; retiring a code only stops offering it.
*Non renseigné* and *Autre (préciser)* exist in every list and cannot be retired.

Every change goes through :class:`~anaiss_desktop.services.codes.CodeService`, which refuses a
non-manager; the screen says so up front and greys its buttons only to spare a useless click.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.codes import (
    LISTS,
    MAX_LABEL_LENGTH,
    NOT_PROVIDED_LABEL,
    OTHER_LABEL,
    Code,
    can_retire,
    validate_new_code,
)
from ...domain.names import normalise
from ...services.codes import CodeService
from ...services.errors import ServiceError
from ...services.session import Session
from ..messages import mute, show_message, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import RowsModel, error_label
from .tab import RowsTab

RETIRED_COLOUR = QColor(Qt.GlobalColor.gray)
NEVER_REUSED = (
    "Un code n'est jamais supprimé ni réutilisé, même retiré : les statistiques restent "
    "comparables d'une année à l'autre et d'une station à l'autre."
)


def suggest_code(label: str) -> str:
    """A code proposed from a label: "Aide alimentaire" → ``AIDE_ALIMENTAIRE`` (30 at most)."""
    return normalise(label).upper().replace(" ", "_")[:30].strip("_")


class CodeTableModel(RowsModel[Code]):
    """The codes of one list, retired ones included, in the service's order; a code is
    recognised by its code.

    Args:
        parent: the owning widget.
    """

    CODE, LABEL, STATE, NOTE = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            (
                (self.tr("Code"), lambda item: item.code),
                (self.tr("Libellé"), lambda item: item.label),
                (self.tr("État"),
                 lambda item: self.tr("Retiré") if item.retired else self.tr("Actif")),
                (self.tr("Remarque"),
                 lambda item: self.tr("Système : toujours présent") if item.system else ""),
            ),
            key=lambda item: item.code,
            roles={
                Qt.ItemDataRole.ForegroundRole:
                    lambda item, _column: RETIRED_COLOUR if item.retired else None,
                Qt.ItemDataRole.FontRole: self._font,
                Qt.ItemDataRole.ToolTipRole: self._tooltip,
            },
            parent=parent,
        )

    def _font(self, _item: Code, column: int) -> QFont | None:
        if column != self.CODE:
            return None
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.TypeWriter)
        return font

    def _tooltip(self, item: Code, _column: int) -> str | None:
        if item.system:
            return self.tr("Présent dans chaque liste, toujours proposé : il ne peut pas "
                           "être retiré.")
        if item.retired:
            return self.tr("N'est plus proposé pour les nouvelles saisies ; reste affiché "
                           "dans les dossiers qui l'utilisent.")
        return None


class _CodeFormDialog(QDialog):
    """Common frame of the two small code dialogs: a form, a problem line, OK / Annuler.

    Signals:
        submitted(): the person confirmed; the owner calls the service, then ``accept()``.
    """

    submitted = Signal()

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.intro_label = QLabel(intro, self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        self.form = QFormLayout()
        self.problems_label = error_label(self, "problems_label")
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.button_box.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.button_box.accepted.connect(self._on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addLayout(self.form)
        layout.addWidget(self.problems_label)
        layout.addStretch(1)
        layout.addWidget(self.button_box)

    def _show_problems(self, shown: list[str], blocking: bool) -> None:
        show_message(self.problems_label, "\n".join(shown))
        self.ok_button.setEnabled(not blocking)

    def set_busy(self, busy: bool) -> None:
        self.button_box.setEnabled(not busy)

    @Slot()
    def _on_button_box_accepted(self) -> None:
        if self.ok_button.isEnabled():
            self.submitted.emit()


class AddCodeDialog(_CodeFormDialog):
    """Add a local code: its label, and a short stable code proposed from the label.

    Checked while typing with :func:`~anaiss_desktop.domain.codes.validate_new_code` against
    every code of the list, retired ones included (a code is never reused).

    Args:
        list_name: the list the code is added to.
        existing: every code of that list, retired ones included.
        parent: the codes screen.
    """

    def __init__(self, list_name: str, existing: list[Code], parent: QWidget | None = None):
        super().__init__(
            self.tr("Ajouter un code — %s") % LISTS[list_name],
            self.tr(
                "Le libellé est ce que tout le monde voit ; vous pourrez le reformuler plus "
                "tard. Le code est un identifiant court et stable, utilisé par les "
                "statistiques. %s"
            ) % NEVER_REUSED,
            self.tr("&Ajouter"),
            parent,
        )
        self.list_name = list_name
        self._existing = list(existing)
        self._code_typed = False  # once the code is typed by hand, the label no longer drives it
        self.label_edit = QLineEdit(self)
        self.label_edit.setObjectName("label_edit")
        self.label_edit.setMaxLength(MAX_LABEL_LENGTH + 20)
        self.label_edit.setPlaceholderText(self.tr("Par exemple : Aide alimentaire"))
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("code_edit")
        self.code_edit.setMaxLength(30)
        self.code_edit.setPlaceholderText(self.tr("Par exemple : AIDE_ALIMENTAIRE"))
        self.form.addRow(self.tr("&Libellé :"), self.label_edit)
        self.form.addRow(self.tr("&Code :"), self.code_edit)
        hint = QLabel(self.tr("Majuscules sans accent, chiffres ou _ (2 à 30 caractères)."), self)
        hint.setObjectName("code_hint_label")
        mute(hint)
        self.form.addRow("", hint)
        self.label_edit.textEdited.connect(self._on_label_edit_text_edited)
        self.code_edit.textEdited.connect(self._on_code_edit_text_edited)
        self._validate()

    def code(self) -> str:
        return self.code_edit.text().strip().upper()

    def label(self) -> str:
        return " ".join(self.label_edit.text().split())

    @Slot(str)
    def _on_label_edit_text_edited(self, text: str) -> None:
        if not self._code_typed:
            self.code_edit.setText(suggest_code(text))
        self._validate()

    @Slot(str)
    def _on_code_edit_text_edited(self, text: str) -> None:
        self._code_typed = bool(text)
        upper = text.upper()
        if upper != text:  # typing "aide" gives "AIDE": codes are upper case
            position = self.code_edit.cursorPosition()
            self.code_edit.setText(upper)
            self.code_edit.setCursorPosition(position)
        self._validate()

    def _validate(self) -> None:
        problems = validate_new_code(self.list_name, self.code(), self.label(), self._existing)
        # Say nothing about a field not typed in yet: an empty form is not a mistake.
        shown = [
            p for p in problems
            if not (not self.code() and p.startswith("Le code compte"))
            and not (not self.label() and p.startswith("Le libellé est obligatoire"))
        ]
        self._show_problems(shown, bool(problems))


class RelabelDialog(_CodeFormDialog):
    """Reword the label of a code; the code, and so the statistics, stay the same.

    Args:
        item: the code to relabel.
        existing: every code of its list (to warn about a label already used).
        parent: the codes screen.
    """

    def __init__(self, item: Code, existing: list[Code], parent: QWidget | None = None) -> None:
        super().__init__(
            self.tr("Renommer le libellé — %s") % item.code,
            self.tr(
                "Le code %s ne change pas : les dossiers et les statistiques qui l'utilisent "
                "afficheront le nouveau libellé."
            ) % item.code,
            self.tr("&Renommer"),
            parent,
        )
        self.item = item
        self._others = [c for c in existing if c.code != item.code and not c.retired]
        self.label_edit = QLineEdit(item.label, self)
        self.label_edit.setObjectName("label_edit")
        self.label_edit.selectAll()
        self.form.addRow(self.tr("&Libellé :"), self.label_edit)
        self.label_edit.textChanged.connect(self._on_label_edit_text_changed)
        self._validate()

    def label(self) -> str:
        return " ".join(self.label_edit.text().split())

    @Slot(str)
    def _on_label_edit_text_changed(self, _text: str) -> None:
        self._validate()

    def _validate(self) -> None:
        label = self.label()
        shown: list[str] = []
        if not label:
            shown.append(self.tr("Le libellé ne peut pas être vide."))
        elif len(label) > MAX_LABEL_LENGTH:
            shown.append(self.tr("Le libellé dépasse %d caractères.") % MAX_LABEL_LENGTH)
        elif any(normalise(c.label) == normalise(label) for c in self._others):
            shown.append(self.tr("Un autre code de cette liste porte déjà ce libellé."))
        self._show_problems(shown, bool(shown) or label == self.item.label)


class CodesWidget(RowsTab[Code, AddCodeDialog | RelabelDialog]):
    """Pick a coded list, see its codes, add, relabel, retire and restore them.

    Usable as a tab of the administration dialog or on its own.

    Args:
        session: the signed-in manager's session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the owning widget.

    Signals:
        codes_changed(str): a list was changed (its name); open forms may reload their choices.
    """

    codes_changed = Signal(str)

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, runner, prompts, parent)
        self._service = CodeService(session)
        self._build()
        self._update_buttons()
        self.refresh()

    def _build(self) -> None:
        self.list_combo = QComboBox(self)
        self.list_combo.setObjectName("list_combo")
        for name, title in LISTS.items():
            self.list_combo.addItem(self.tr(title), name)
        list_label = QLabel(self.tr("Li&ste :"), self)
        list_label.setBuddy(self.list_combo)
        top = QHBoxLayout()
        top.addWidget(list_label)
        top.addWidget(self.list_combo, 1)
        top.addStretch(1)

        self.add_button = QPushButton(self.tr("&Ajouter…"), self)
        self.add_button.setObjectName("add_button")
        self.relabel_button = QPushButton(self.tr("Re&nommer le libellé…"), self)
        self.relabel_button.setObjectName("relabel_button")
        self.retire_button = QPushButton(self.tr("Re&tirer"), self)
        self.retire_button.setObjectName("retire_button")
        self.restore_button = QPushButton(self.tr("Re&mettre"), self)
        self.restore_button.setObjectName("restore_button")
        self.hint_label = QLabel(self)
        self.hint_label.setObjectName("hint_label")
        self.hint_label.setWordWrap(True)
        mute(self.hint_label)
        self._build_page(
            self.tr(
                "Ajoutez les catégories locales dont le service a besoin. « %s » et « %s » "
                "existent dans chaque liste. %s Un code retiré n'est plus proposé mais reste "
                "affiché dans les dossiers qui l'utilisent."
            ) % (NOT_PROVIDED_LABEL, OTHER_LABEL, NEVER_REUSED),
            (self.add_button, self.relabel_button, self.retire_button, self.restore_button),
            CodeTableModel(self), top=top, below=(self.hint_label,))
        self.list_combo.currentIndexChanged.connect(self._on_list_combo_current_index_changed)
        self.table_view.doubleClicked.connect(self._on_table_view_double_clicked)
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.relabel_button.clicked.connect(self._on_relabel_button_clicked)
        self.retire_button.clicked.connect(self._on_retire_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)

    # -- reading -------------------------------------------------------------------------------
    def list_name(self) -> str:
        return str(self.list_combo.currentData())

    def set_list(self, list_name: str) -> None:
        self.list_combo.setCurrentIndex(self.list_combo.findData(list_name))

    def refresh(self) -> None:
        """Read the current list again (after a change, or when the tab is shown)."""
        self._keep_selection()
        list_name = self.list_name()

        def load() -> tuple[list[Code], str]:
            codes = self._service.codes(list_name, include_retired=True)
            try:
                self._session.require_manager()
            except ServiceError as exc:  # everyone reads the lists, only a manager changes them
                return codes, exc.message
            return codes, ""

        self._runner.run(load, lambda result: self._show_codes(list_name, *result),
                         self._show_failure)

    def _show_codes(self, list_name: str, codes: list[Code], refusal: str) -> None:
        if not isValid(self) or list_name != self.list_name():
            return
        self._set_refusal(refusal)
        self._show_rows(codes)

    def _show_failure(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.model.set_rows([])
        self._set_refusal(user_message(exc))
        self._update_buttons()

    # -- buttons -------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        item = self.selected()
        editable = not self._refusal and not self._runner.busy
        self.add_button.setEnabled(editable)
        self.relabel_button.setEnabled(editable and item is not None)
        reason = can_retire(item) if item is not None and not item.retired else None
        self.retire_button.setEnabled(
            editable and item is not None and not item.retired and reason is None
        )
        self.restore_button.setEnabled(editable and item is not None and item.retired)
        self.retire_button.setToolTip(
            reason or self.tr("Ne plus proposer ce code pour les nouvelles saisies.")
        )
        if item is not None and item.system:
            self.hint_label.setText(reason or "")
        elif item is not None and item.retired:
            self.hint_label.setText(self.tr(
                "Ce code est retiré : il n'est plus proposé, mais reste affiché dans les "
                "dossiers qui l'utilisent. « Remettre » le propose de nouveau."
            ))
        else:
            self.hint_label.setText("")
        self.hint_label.setVisible(bool(self.hint_label.text()))

    @Slot(int)
    def _on_list_combo_current_index_changed(self, _index: int) -> None:
        self._select_after_refresh = None
        self.table_view.clearSelection()
        self._show_status("")
        self.refresh()

    @Slot(QModelIndex)
    def _on_table_view_double_clicked(self, _index: QModelIndex) -> None:
        if self.relabel_button.isEnabled():
            self._on_relabel_button_clicked()

    # -- changes -------------------------------------------------------------------------------
    def _change(self, dialog: QDialog | None, title: str, call: Callable[[], object],
                success: str, list_name: str) -> None:
        """Run a change of ``list_name``; then tell open forms to reload its choices."""
        self._run(dialog, title, call, lambda _result: success,
                  changed=lambda: self.codes_changed.emit(list_name))

    @Slot()
    def _on_add_button_clicked(self) -> None:
        dialog = AddCodeDialog(self.list_name(), self.model.rows(), self)
        self._open_dialog(dialog, lambda: self._submit_add(dialog))

    def _submit_add(self, dialog: AddCodeDialog) -> None:
        list_name, code, label = dialog.list_name, dialog.code(), dialog.label()
        self._select_after_refresh = code
        self._change(
            dialog,
            self.tr("Ajout du code impossible"),
            lambda: self._service.add(list_name, code, label),
            self.tr("Code %s « %s » ajouté à la liste « %s ».") % (code, label, LISTS[list_name]),
            list_name,
        )

    @Slot()
    def _on_relabel_button_clicked(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = RelabelDialog(item, self.model.rows(), self)
        self._open_dialog(dialog, lambda: self._submit_relabel(dialog))

    def _submit_relabel(self, dialog: RelabelDialog) -> None:
        item, label = dialog.item, dialog.label()
        self._change(
            dialog,
            self.tr("Changement de libellé impossible"),
            lambda: self._service.relabel(item.list_name, item.code, label),
            self.tr("Code %s : nouveau libellé « %s ».") % (item.code, label),
            item.list_name,
        )

    @Slot()
    def _on_retire_button_clicked(self) -> None:
        self._set_retired(True)

    @Slot()
    def _on_restore_button_clicked(self) -> None:
        self._set_retired(False)

    def _set_retired(self, retired: bool) -> None:
        item = self.selected()
        if item is None:
            return
        if retired:
            title = self.tr("Retrait du code impossible")
            success = self.tr(
                "Code %s « %s » retiré : il n'est plus proposé pour les nouvelles saisies."
            ) % (item.code, item.label)
        else:
            title = self.tr("Remise du code impossible")
            success = self.tr("Code %s « %s » de nouveau proposé.") % (item.code, item.label)
        self._select_after_refresh = item.code
        self._change(
            None, title,
            lambda: self._service.set_retired(item.list_name, item.code, retired),
            success, item.list_name,
        )
