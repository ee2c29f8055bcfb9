"""Really delete a person created by mistake, with everything recorded about them.

The historical tools kept duplicates and mistakes forever (SPEC §1); the GDPR's right to erasure
asks for a real deletion (SPEC §7). Because it cannot be undone, the dialog says plainly what
goes (the person, all their dossiers, interventions, notes, letters) and what stays (an audit
entry holding only the record's number), and the red button only wakes up once the person's
usage name is typed: a deliberate act, never a slip of the Enter key. The service checks the
name and the access rule again, deletes, and folds the WAL so no page of the record remains.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.dates import format_fr
from ...domain.records import Person
from ...services.persons import PersonService
from ...services.session import Session
from ..messages import ERROR_STYLE, user_message
from ..prompts import Prompts
from ..workers import TaskRunner

DANGER_STYLE = (
    "QPushButton { background-color: #a4161a; color: white; border: 1px solid #7a1014;"
    " border-radius: 3px; padding: 5px 14px; font-weight: bold; }"
    "QPushButton:hover { background-color: #8c1216; }"
    "QPushButton:focus { border: 2px solid #1f1f1f; }"
    "QPushButton:disabled { background-color: #d9a7a9; color: #f7eaea; border-color: #d9a7a9; }"
)


def _same_name(typed: str, name: str) -> bool:
    """The service's rule: case and surrounding spaces do not matter."""
    return typed.strip().casefold() == name.strip().casefold() != ""


class DeletePersonDialog(QDialog):
    """Explain, ask for the usage name, then delete the person for good.

    Args:
        session: the signed-in session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        person_id: the person to delete.
        parent: the window that asked for the deletion.

    Signals:
        person_deleted(int): the person (this id) and all their dossiers are gone.
    """

    person_deleted = Signal(int)

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        person_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Supprimer définitivement une personne"))
        self.setMinimumWidth(560)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self.person_id = person_id
        self._person: Person | None = None
        self._build()
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._load()

    def _build(self) -> None:
        self.pages = QStackedWidget(self)
        self.confirm_page = QWidget(self)
        self.person_label = QLabel(self.confirm_page)
        self.person_label.setObjectName("person_label")
        self.person_label.setTextFormat(Qt.TextFormat.PlainText)
        self.person_label.setWordWrap(True)
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.person_label.setFont(bold)
        self.warning_label = QLabel(
            self.tr(
                "Cette personne sera supprimée définitivement, avec TOUS ses dossiers, "
                "interventions, notes, aides, rendez-vous et courriers. Rien ne pourra être "
                "récupéré ; le journal d'audit ne gardera que le numéro interne de la fiche, "
                "sans aucun nom.\n\nS'il s'agit d'un doublon, utilisez plutôt la fusion : elle "
                "garde l'historique."
            ),
            self.confirm_page,
        )
        self.warning_label.setObjectName("warning_label")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(ERROR_STYLE)
        self.name_edit = QLineEdit(self.confirm_page)
        self.name_edit.setObjectName("name_edit")
        self.name_edit.setClearButtonEnabled(True)
        self.name_prompt_label = QLabel(self.confirm_page)
        self.name_prompt_label.setObjectName("name_prompt_label")
        self.name_prompt_label.setWordWrap(True)
        self.name_prompt_label.setTextFormat(Qt.TextFormat.PlainText)
        self.name_prompt_label.setBuddy(self.name_edit)
        form = QFormLayout()
        form.addRow(self.name_prompt_label)
        form.addRow(self.tr("&Nom :"), self.name_edit)
        page_layout = QVBoxLayout(self.confirm_page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(self.person_label)
        page_layout.addWidget(self.warning_label)
        page_layout.addSpacing(8)
        page_layout.addLayout(form)
        page_layout.addStretch(1)

        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.pages.addWidget(self.confirm_page)
        self.pages.addWidget(self.message_label)

        self.button_box = QDialogButtonBox(self)
        self.delete_button = QPushButton(self.tr("&Supprimer définitivement"), self)
        self.delete_button.setObjectName("delete_button")
        self.delete_button.setStyleSheet(DANGER_STYLE)
        # Never the default button: Enter in the name field must not delete.
        self.delete_button.setAutoDefault(False)
        self.button_box.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.cancel_button = self.button_box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.button_box.rejected.connect(self.reject)
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.name_edit.textChanged.connect(self._on_name_edit_text_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.button_box)
        self._update_button()

    # -- reading -------------------------------------------------------------------------------
    def _load(self) -> None:
        person_id, session = self.person_id, self._session
        self._runner.run(lambda: PersonService(session).get(person_id), self._show_person,
                         self._show_failure)

    def _show_person(self, person: Person) -> None:
        if not isValid(self):
            return
        self._person = person
        born = format_fr(person.birth_date)
        if born:
            word = {"F": self.tr("née"), "M": self.tr("né")}.get(person.sex or "", self.tr("né(e)"))
            born = f", {word} {self.tr('le')} {born}"
        self.person_label.setText(person.display_name + born)
        self.name_prompt_label.setText(
            self.tr("Pour confirmer, saisissez le nom d'usage de la personne : %s")
            % person.usage_name.strip()
        )
        self.pages.setCurrentWidget(self.confirm_page)
        self.name_edit.setFocus()
        self._update_button()

    def _show_failure(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._person = None
        self.message_label.setText(user_message(exc))
        self.pages.setCurrentWidget(self.message_label)
        self._update_button()

    def message_text(self) -> str:
        """What the dialog says instead of the confirmation ("" when it asks for the name)."""
        return self.message_label.text() if self.pages.currentWidget() is self.message_label else ""

    # -- confirming ----------------------------------------------------------------------------
    def _update_button(self) -> None:
        person = self._person
        matches = person is not None and _same_name(self.name_edit.text(), person.usage_name)
        self.delete_button.setEnabled(matches and not self._runner.busy)

    @Slot(str)
    def _on_name_edit_text_changed(self, _text: str) -> None:
        self._update_button()

    @Slot(bool)
    def _on_runner_busy_changed(self, _busy: bool) -> None:
        self._update_button()

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        if not self.delete_button.isEnabled():
            return
        person_id, typed, session = self.person_id, self.name_edit.text(), self._session

        def done(_result: object) -> None:
            if not isValid(self):
                return
            self.person_deleted.emit(person_id)
            self.accept()

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._prompts.error(self, self.tr("Suppression impossible"), user_message(exc))

        self._runner.run(lambda: PersonService(session).delete(person_id, typed), done, failed)
