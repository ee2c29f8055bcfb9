"""The person form: identity, contact, NIR, family situation and household, checked as it is typed.

The historical tools reported errors at the end, "everything to redo" (SPEC §1). Here each field
says at once what is wrong with it, in French, and nothing blocks saving but a missing usage
name: a wrong NIR key, an odd postal code or an impossible birth date are pointed out, never
refused. The form knows nothing of saving; the dialog around it decides what to do with
:meth:`PersonForm.person`, and keeps drafts with :meth:`to_draft` / :meth:`load_draft`:
:class:`PersonEditDialog` here (changing a person, from a dossier), and the new-person flow of
:mod:`.new_person`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.codes import NOT_PROVIDED, OTHER
from ...domain.dates import format_fr, parse_date
from ...domain.nir import check_nir, clean_nir, nir_consistency
from ...domain.records import (
    HouseholdMember,
    Person,
    PersonInput,
    person_blocking_problems,
    person_warnings,
)
from ...services.codes import CodeService
from ...services.drafts import DraftService
from ...services.persons import PersonService
from ...services.session import Session
from ..admin.common import setup_table
from ..forms.ui_dossiers_person_form import Ui_PersonFormWidget
from ..messages import user_message
from ..prompts import Prompts
from ..workers import TaskRunner

# Inline messages: dark text on a tinted band, readable on any palette (contrast above 4.5:1).
PROBLEM_STYLE = "QLabel { color: #8a1c1c; }"
HINT_STYLE = "QLabel { color: #555555; }"
OK_STYLE = "QLabel { color: #1b5e20; }"
WARNINGS_STYLE = (
    "QLabel { color: #4d3b00; background-color: #fff6dc; border-left: 3px solid #d9a400; }"
)

SEXES = (("Non renseigné", None), ("Femme", "F"), ("Homme", "M"))


def local_today(session: Session) -> date:
    """The station's "today" in local time (the clock is UTC; a social worker is not)."""
    return session.station.clock().astimezone().date()


def set_message(label: QLabel, text: str, style: str = PROBLEM_STYLE) -> None:
    """An inline message under a field: hidden when empty, so the form does not jump around."""
    label.setStyleSheet(style)
    label.setText(text)
    label.setVisible(bool(text))


def fill_code_combo(combo: QComboBox, session: Session, list_name: str) -> None:
    """A coded list in a combo: *Non renseigné* first (the default), *Autre (préciser)* last."""
    codes = CodeService(session).codes(list_name)
    ordered = (
        [c for c in codes if c.code == NOT_PROVIDED]
        + [c for c in codes if c.code not in (NOT_PROVIDED, OTHER)]
        + [c for c in codes if c.code == OTHER]
    )
    combo.clear()
    for code in ordered:
        combo.addItem(code.label, code.code)


def select_code(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(max(index, 0))


class PersonForm(QWidget):
    """The fields of a person (SPEC §4), with inline validation.

    Args:
        session: the signed-in session (reads the family-situation codes and today's date).
        parent: the owning widget.

    Signals:
        changed(): any field changed (the dialog saves its draft, debounced).
    """

    changed = Signal()

    NAME, RELATION, BIRTH = range(3)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PersonFormWidget()
        self.ui.setupUi(self)
        self._session = session
        self._name_required_shown = False
        ui = self.ui
        for label, value in SEXES:
            ui.sex_combo.addItem(self.tr(label), value)
        fill_code_combo(ui.family_combo, session, "situation_familiale")
        setup_table(ui.household_table)
        ui.household_table.setColumnWidth(self.NAME, 180)
        ui.household_table.setColumnWidth(self.RELATION, 110)
        ui.household_table.setMinimumHeight(110)
        ui.warnings_label.setMargin(8)
        for label in (ui.usage_name_message_label, ui.birth_date_message_label,
                      ui.nir_message_label, ui.warnings_label):
            label.hide()
        ui.family_text_edit.hide()

        for edit in self._line_edits():
            edit.textChanged.connect(self._on_any_changed)
        ui.usage_name_edit.editingFinished.connect(self._on_usage_name_edit_editing_finished)
        ui.birth_date_edit.editingFinished.connect(self._on_birth_date_edit_editing_finished)
        ui.nir_edit.editingFinished.connect(self._on_nir_edit_editing_finished)
        ui.sex_combo.currentIndexChanged.connect(self._on_any_changed)
        ui.family_combo.currentIndexChanged.connect(self._on_family_combo_changed)
        ui.household_table.itemChanged.connect(self._on_household_table_item_changed)
        ui.add_member_button.clicked.connect(self._on_add_member_button_clicked)
        ui.remove_member_button.clicked.connect(self._on_remove_member_button_clicked)
        self._update_checks()

    def _line_edits(self) -> tuple[QLineEdit, ...]:
        ui = self.ui
        return (ui.usage_name_edit, ui.birth_name_edit, ui.first_names_edit, ui.birth_date_edit,
                ui.nir_edit, ui.family_text_edit, ui.address_edit, ui.postal_code_edit,
                ui.city_edit, ui.phone_edit, ui.email_edit)

    # -- reading the fields --------------------------------------------------------------------
    def birth_date(self) -> date | None:
        """The typed birth date, or None when empty or not a date (its message says so)."""
        try:
            return parse_date(self.ui.birth_date_edit.text())
        except ValueError:
            return None

    def birth_date_problem(self) -> str:
        """Why the typed birth date cannot be read ("" when it can, or is empty)."""
        try:
            parse_date(self.ui.birth_date_edit.text())
        except ValueError as exc:
            return str(exc)
        return ""

    def household(self) -> tuple[HouseholdMember, ...]:
        table = self.ui.household_table
        members = []
        for row in range(table.rowCount()):
            name, relation, born = (self._cell(row, column) for column in range(3))
            if not (name or relation or born):
                continue
            try:
                birth = parse_date(born)
            except ValueError:
                birth = None
            members.append(HouseholdMember(name, relation, birth))
        return tuple(members)

    def _cell(self, row: int, column: int) -> str:
        item = self.ui.household_table.item(row, column)
        return item.text().strip() if item is not None else ""

    def person(self) -> PersonInput:
        """What was typed, as the services take it (unreadable dates left out)."""
        ui = self.ui
        family = ui.family_combo.currentData() or NOT_PROVIDED
        return PersonInput(
            usage_name=ui.usage_name_edit.text().strip(),
            birth_name=ui.birth_name_edit.text().strip(),
            first_names=ui.first_names_edit.text().strip(),
            birth_date=self.birth_date(),
            sex=ui.sex_combo.currentData(),
            address=ui.address_edit.text().strip(),
            postal_code=ui.postal_code_edit.text().strip(),
            city=ui.city_edit.text().strip(),
            phone=ui.phone_edit.text().strip(),
            email=ui.email_edit.text().strip(),
            nir=clean_nir(ui.nir_edit.text()),
            family_code=family,
            family_text=ui.family_text_edit.text().strip() if family == OTHER else "",
            household=self.household(),
        )

    def is_empty(self) -> bool:
        return not any(edit.text().strip() for edit in self._line_edits()) and not self.household()

    def blocking_problems(self) -> list[str]:
        """Only a missing usage name stops a save; it is shown under the field."""
        problems = person_blocking_problems(self.person())
        self._name_required_shown = bool(problems)
        self._update_checks()
        return problems

    def warnings(self) -> list[str]:
        """Gentle remarks (never blocking): dates, postal code, phone, e-mail, NIR consistency."""
        person = self.person()
        found = person_warnings(person, local_today(self._session))
        found += [text + "." for text in nir_consistency(person.nir, person.sex,
                                                         person.birth_date)]
        return found

    def focus_first(self) -> None:
        self.ui.usage_name_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ui.usage_name_edit.selectAll()

    # -- drafts --------------------------------------------------------------------------------
    def to_draft(self) -> dict[str, Any]:
        """Everything typed, as text, exactly as it stands (an unfinished date included)."""
        ui = self.ui
        table = ui.household_table
        return {
            "usage_name": ui.usage_name_edit.text(),
            "birth_name": ui.birth_name_edit.text(),
            "first_names": ui.first_names_edit.text(),
            "birth_date": ui.birth_date_edit.text(),
            "sex": ui.sex_combo.currentData(),
            "address": ui.address_edit.text(),
            "postal_code": ui.postal_code_edit.text(),
            "city": ui.city_edit.text(),
            "phone": ui.phone_edit.text(),
            "email": ui.email_edit.text(),
            "nir": ui.nir_edit.text(),
            "family_code": ui.family_combo.currentData(),
            "family_text": ui.family_text_edit.text(),
            "household": [
                [self._cell(row, column) for column in range(3)]
                for row in range(table.rowCount())
            ],
        }

    def load_draft(self, draft: dict[str, Any]) -> None:
        """Put a saved draft back in the fields (unknown keys ignored, missing ones empty)."""
        ui = self.ui

        def text(key: str) -> str:
            value = draft.get(key)
            return value if isinstance(value, str) else ""

        self.blockSignals(True)
        try:
            for edit, key in (
                (ui.usage_name_edit, "usage_name"), (ui.birth_name_edit, "birth_name"),
                (ui.first_names_edit, "first_names"), (ui.birth_date_edit, "birth_date"),
                (ui.address_edit, "address"), (ui.postal_code_edit, "postal_code"),
                (ui.city_edit, "city"), (ui.phone_edit, "phone"), (ui.email_edit, "email"),
                (ui.nir_edit, "nir"), (ui.family_text_edit, "family_text"),
            ):
                edit.setText(text(key))
            select_code(ui.sex_combo, draft.get("sex"))
            select_code(ui.family_combo, draft.get("family_code") or NOT_PROVIDED)
            table = ui.household_table
            table.setRowCount(0)
            rows = draft.get("household")
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, list):
                    self._append_member([str(cell) for cell in row[:3]])
        finally:
            self.blockSignals(False)
        self._update_checks()

    def set_person(self, person: PersonInput) -> None:
        """Fill the form from a record (used to edit an existing person)."""
        self.load_draft({
            "usage_name": person.usage_name, "birth_name": person.birth_name,
            "first_names": person.first_names, "birth_date": format_fr(person.birth_date),
            "sex": person.sex, "address": person.address, "postal_code": person.postal_code,
            "city": person.city, "phone": person.phone, "email": person.email,
            "nir": person.nir, "family_code": person.family_code,
            "family_text": person.family_text,
            "household": [[m.name, m.relation, format_fr(m.birth_date)]
                          for m in person.household],
        })

    # -- live checks ---------------------------------------------------------------------------
    def _on_any_changed(self, *_: object) -> None:
        self._update_checks()
        self.changed.emit()

    def _on_usage_name_edit_editing_finished(self) -> None:
        if not self.ui.usage_name_edit.text().strip() and not self.is_empty():
            self._name_required_shown = True
        self._update_checks()

    def _on_birth_date_edit_editing_finished(self) -> None:
        self._update_checks(final=True)

    def _on_nir_edit_editing_finished(self) -> None:
        self._update_checks(final=True)

    def _on_family_combo_changed(self, _index: int) -> None:
        other = self.ui.family_combo.currentData() == OTHER
        self.ui.family_text_edit.setVisible(other)
        self._on_any_changed()

    def _update_checks(self, *, final: bool = False) -> None:
        ui = self.ui
        if ui.usage_name_edit.text().strip():
            self._name_required_shown = False
        set_message(ui.usage_name_message_label,
                    self.tr("Indiquez au moins le nom de la personne.")
                    if self._name_required_shown else "")
        self._check_birth_date(final)
        self._check_nir(final)
        warnings = self.warnings()
        set_message(ui.warnings_label, "\n".join("• " + w for w in warnings), WARNINGS_STYLE)

    def _check_birth_date(self, final: bool) -> None:
        ui = self.ui
        text = ui.birth_date_edit.text().strip()
        problem = self.birth_date_problem()
        # While the date is being typed ("12/04/19"), say nothing; once it is long enough to be
        # complete, or the field is left, say what is wrong.
        if problem and (final or len(text) >= 8 or not ui.birth_date_edit.hasFocus()):
            set_message(ui.birth_date_message_label,
                        problem + self.tr(" : la date ne sera pas enregistrée telle quelle."))
        else:
            set_message(ui.birth_date_message_label, "")

    def _check_nir(self, final: bool) -> None:
        ui = self.ui
        check = check_nir(ui.nir_edit.text())
        typed = len(check.normalised)
        if check.valid and typed:
            set_message(ui.nir_message_label, self.tr("Clé du NIR correcte."), OK_STYLE)
        elif check.valid:
            set_message(ui.nir_message_label, "")
        elif typed < 15 and not final and ui.nir_edit.hasFocus():
            set_message(ui.nir_message_label,
                        self.tr("{0} caractère(s) sur 15").format(typed), HINT_STYLE)
        else:
            set_message(ui.nir_message_label,
                        check.message + self.tr(" (le NIR sera tout de même enregistré)."))

    # -- household -----------------------------------------------------------------------------
    def _append_member(self, cells: list[str]) -> int:
        table = self.ui.household_table
        row = table.rowCount()
        table.blockSignals(True)
        table.insertRow(row)
        for column in range(3):
            table.setItem(row, column, QTableWidgetItem(cells[column] if column < len(cells)
                                                        else ""))
        table.blockSignals(False)
        return row

    def _on_add_member_button_clicked(self) -> None:
        row = self._append_member([])
        table = self.ui.household_table
        table.setCurrentCell(row, self.NAME)
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        table.editItem(table.item(row, self.NAME))
        self._on_any_changed()

    def _on_remove_member_button_clicked(self) -> None:
        table = self.ui.household_table
        row = table.currentRow()
        if row < 0 and table.rowCount():
            row = table.rowCount() - 1
        if row >= 0:
            table.removeRow(row)
            self._on_any_changed()

    def _on_household_table_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == self.BIRTH:
            try:
                parse_date(item.text())
            except ValueError as exc:
                item.setToolTip(str(exc))
                item.setForeground(Qt.GlobalColor.darkRed)
            else:
                item.setToolTip("")
                item.setData(Qt.ItemDataRole.ForegroundRole, None)
        self._on_any_changed()


class PersonEditDialog(QDialog):
    """Change a person's record ("Modifier…" in a dossier), with the same inline checks.

    Opened without blocking; the record is read on the runner, then an unfinished earlier
    change of the same person is offered back. What is typed is kept as a draft
    (``person:<id>``) until it is saved.

    Args:
        session: the signed-in session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes.
        person_id: the person to change.
        parent: the main window.

    Signals:
        saved(int): the person's record was changed (their id).
    """

    saved = Signal(int)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts, person_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self.person_id = person_id
        self._draft_key = f"person:{person_id}"
        self._loaded = False
        self._finished = False
        self.setWindowTitle(self.tr("Modifier la personne"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(10)
        self.title_label = QLabel(self.tr("Modifier la personne"), self)
        self.title_label.setObjectName("page_title")
        layout.addWidget(self.title_label)
        self.form = PersonForm(session, self)
        self.form.setEnabled(False)
        layout.addWidget(self.form, 1)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        self.button_box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.button_box.button(QDialogButtonBox.StandardButton.Save).setText(
            self.tr("&Enregistrer"))
        self.button_box.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Fermer"))
        layout.addWidget(self.button_box)
        self.button_box.accepted.connect(self._on_button_box_accepted)
        self.button_box.rejected.connect(self.reject)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(1000)
        self._draft_timer.timeout.connect(self.save_draft_now)
        self.form.changed.connect(self._on_form_changed)
        self.resize(920, 580)
        service = PersonService(session)
        runner.run(lambda: service.get(person_id), self._on_person_read, self._on_error)

    def _on_person_read(self, person: Person) -> None:
        if not isValid(self) or self._finished:
            return
        self.form.set_person(person)
        draft = DraftService(self._session).load(self._draft_key)
        if draft and self._prompts.confirm(
            self, self.tr("Reprendre la saisie"),
            self.tr("Une modification de cette personne n'avait pas été enregistrée. "
                    "La reprendre ?\n(Non : le brouillon est effacé.)"),
        ):
            self.form.load_draft(draft)
        elif draft:
            DraftService(self._session).discard(self._draft_key)
        self._loaded = True
        self.form.setEnabled(True)
        self.form.focus_first()

    def _on_form_changed(self) -> None:
        if self._loaded and not self._finished:
            self._draft_timer.start()

    def save_draft_now(self) -> None:
        """Keep what is typed at once (before an idle lock, or when the form is closed)."""
        self._draft_timer.stop()
        if self._loaded and not self._finished and self._session.is_open:
            DraftService(self._session).save(self._draft_key, self.form.to_draft())

    # The main window calls the same name on every open form.
    save_drafts = save_draft_now

    def close_for_session_end(self) -> None:
        self._finished = True
        self._draft_timer.stop()
        QDialog.done(self, QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        if not self._finished and self._draft_timer.isActive():
            try:
                self.save_draft_now()
            except Exception as exc:  # a closed store must not keep the window open
                user_message(exc)
        self._finished = True
        super().reject()

    def _on_button_box_accepted(self) -> None:
        if not self._loaded:
            return
        problems = self.form.blocking_problems()
        if problems:
            set_message(self.message_label, "\n".join(problems))
            self.form.focus_first()
            return
        problem = self.form.birth_date_problem()
        if problem and not self._prompts.confirm(
            self, self.tr("Date de naissance"),
            self.tr("{0} : la date de naissance « {1} » ne sera pas enregistrée. "
                    "Enregistrer sans elle ?").format(problem,
                                                       self.form.ui.birth_date_edit.text()),
        ):
            return
        person = self.form.person()
        service = PersonService(self._session)
        person_id = self.person_id
        self.button_box.setEnabled(False)
        self._runner.run(lambda: service.update(person_id, person), self._on_saved,
                         self._on_error)

    def _on_saved(self, _result: object) -> None:
        if not isValid(self):
            return
        self._finished = True
        self._draft_timer.stop()
        DraftService(self._session).discard(self._draft_key)
        self.saved.emit(self.person_id)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.button_box.setEnabled(True)
        set_message(self.message_label, user_message(exc))
