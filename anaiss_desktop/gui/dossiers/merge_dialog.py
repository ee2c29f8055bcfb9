"""Merge two records of the same person, field by field.

The historical tools made duplicates "impossible to delete" (SPEC §1). Here the social worker
puts the two records side by side and picks, on each line, the value to keep (by default the
one that is filled in, the kept record's when both are); household members are the union,
each one ticked or not; a preview shows the record that will remain. Then the dossiers of the
removed record, with their whole history, move to the kept one and the removed record is
deleted for good (:meth:`~anaiss_desktop.services.persons.PersonService.merge`, which checks
access and writes the audit entry).

The address (street, postal code, town) and the family situation (code and its free text) are
each chosen as one line: half of one address with half of another is nobody's address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.dates import format_fr
from ...domain.names import normalise
from ...domain.records import HouseholdMember, Person, PersonInput
from ...services.codes import CodeService
from ...services.persons import PersonService
from ...services.session import Session
from ..messages import ERROR_STYLE, mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner

LEFT, RIGHT = 0, 1
EMPTY = "—"


def _sex(value: str | None) -> str:
    return {"F": "Femme", "M": "Homme"}.get(value or "", "")


def _address(person: Person) -> str:
    town = " ".join(part for part in (person.postal_code.strip(), person.city.strip()) if part)
    return ", ".join(part for part in (" ".join(person.address.split()), town) if part)


def member_text(member: HouseholdMember) -> str:
    """``Léa Dupont (fille, née le 02/03/2010)`` as the household lines show it."""
    details = [member.relation.strip()] if member.relation.strip() else []
    if member.birth_date:
        details.append(f"né(e) le {format_fr(member.birth_date)}")
    return member.name.strip() + (f" ({', '.join(details)})" if details else "")


@dataclass(frozen=True)
class MergeField:
    """One line of the comparison.

    Args:
        key: identifier (tests and :meth:`MergeDialog.choose` use it).
        label: French label of the line.
        text: how a record shows this field ("" when empty).
        take: copies the field(s) of ``source`` into ``target`` (a :class:`PersonInput`).
    """

    key: str
    label: str
    text: Callable[[Person, dict[str, str]], str]
    take: Callable[[PersonInput, Person], PersonInput]


def _family(person: Person, family_labels: dict[str, str]) -> str:
    parts = []
    if person.family_code and person.family_code != "NR":
        parts.append(family_labels.get(person.family_code, person.family_code))
    if person.family_text.strip():
        parts.append(person.family_text.strip())
    return " — ".join(parts)


def _copy(*names: str) -> Callable[[PersonInput, Person], PersonInput]:
    def take(target: PersonInput, source: Person) -> PersonInput:
        return replace(target, **{name: getattr(source, name) for name in names})

    return take


FIELDS: tuple[MergeField, ...] = (
    MergeField("usage_name", "Nom d'usage", lambda p, _l: p.usage_name.strip(),
               _copy("usage_name")),
    MergeField("birth_name", "Nom de naissance", lambda p, _l: p.birth_name.strip(),
               _copy("birth_name")),
    MergeField("first_names", "Prénoms", lambda p, _l: p.first_names.strip(),
               _copy("first_names")),
    MergeField("birth_date", "Date de naissance", lambda p, _l: format_fr(p.birth_date),
               _copy("birth_date")),
    MergeField("sex", "Sexe", lambda p, _l: _sex(p.sex), _copy("sex")),
    MergeField("address", "Adresse", lambda p, _l: _address(p),
               _copy("address", "postal_code", "city")),
    MergeField("phone", "Téléphone", lambda p, _l: p.phone.strip(), _copy("phone")),
    MergeField("email", "Courriel", lambda p, _l: p.email.strip(), _copy("email")),
    MergeField("nir", "NIR", lambda p, _l: p.nir.strip(), _copy("nir")),
    MergeField("family", "Situation familiale", _family, _copy("family_code", "family_text")),
)


@dataclass(frozen=True)
class _MemberChoice:
    member: HouseholdMember
    sides: tuple[int, ...]  # LEFT, RIGHT or both


def household_union(left: Person, right: Person) -> list[_MemberChoice]:
    """Members of both households, the same member (name and birth date) only once."""
    found: dict[tuple[str, str], _MemberChoice] = {}
    for side, person in ((LEFT, left), (RIGHT, right)):
        for member in person.household:
            key = (normalise(member.name), format_fr(member.birth_date))
            if key in found:
                if side not in found[key].sides:
                    found[key] = replace(found[key], sides=(*found[key].sides, side))
            else:
                found[key] = _MemberChoice(member, (side,))
    return list(found.values())


class MergeDialog(QDialog):
    """Two records side by side; the left one is kept, the right one is merged into it.

    The records are read through :meth:`PersonService.get`: an account that may not see both
    gets the service's message instead of the comparison.

    Args:
        session: the signed-in session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        keep_id: the person whose record remains (left).
        remove_id: the person merged into it, then deleted (right).
        parent: the window that opened the merge.

    Signals:
        merged(int): the merge is done; the id of the person that remains.
    """

    merged = Signal(int)

    def __init__(
        self,
        session: Session,
        runner: TaskRunner,
        prompts: Prompts,
        keep_id: int,
        remove_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Fusionner deux fiches"))
        self.setMinimumSize(900, 480)
        self.resize(1060, 620)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self.keep_id = keep_id
        self.remove_id = remove_id
        self._persons: tuple[Person, Person] | None = None
        self._family_labels: dict[str, str] = {}
        self._groups: dict[str, QButtonGroup] = {}
        self._radios: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._members: list[tuple[QCheckBox, HouseholdMember]] = []
        self._preview_labels: dict[str, QLabel] = {}
        self._build()
        self._runner.busy_changed.connect(self._on_runner_busy_changed)
        self._load()

    # -- building ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.intro_label = QLabel(
            self.tr(
                "Choisissez, ligne par ligne, la valeur à garder (flèches ou clic). La fiche de "
                "gauche est conservée : les dossiers de la fiche de droite, avec tout leur "
                "historique, lui sont rattachés, puis la fiche de droite est supprimée "
                "définitivement."
            ),
            self,
        )
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)

        self.pages = QStackedWidget(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("message_label")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message_page = self.message_label
        self.compare_page = QWidget(self)
        self.pages.addWidget(self.compare_page)
        self.pages.addWidget(self.message_page)

        self.fields_widget = QWidget()
        self.fields_grid = QGridLayout(self.fields_widget)
        self.fields_grid.setHorizontalSpacing(18)
        self.fields_grid.setVerticalSpacing(6)
        self.fields_grid.setColumnStretch(1, 1)
        self.fields_grid.setColumnStretch(2, 1)
        self.household_box = QGroupBox(self.tr("Membres du foyer (cochez ceux à garder)"))
        self.household_layout = QVBoxLayout(self.household_box)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        inner_layout.addWidget(self.fields_widget)
        inner_layout.addWidget(self.household_box)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self.compare_page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        self.preview_box = QGroupBox(self.tr("Résultat de la fusion"), self.compare_page)
        self.preview_box.setObjectName("preview_box")
        preview_form = QFormLayout(self.preview_box)
        preview_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for merge_field in FIELDS:
            label = QLabel(self.preview_box)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self._preview_labels[merge_field.key] = label
            preview_form.addRow(self.tr(merge_field.label) + " :", label)
        household = QLabel(self.preview_box)
        household.setWordWrap(True)
        household.setTextFormat(Qt.TextFormat.PlainText)
        self._preview_labels["household"] = household
        preview_form.addRow(self.tr("Foyer :"), household)
        self.preview_box.setMinimumWidth(340)

        compare_layout = QHBoxLayout(self.compare_page)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(scroll, 3)
        compare_layout.addWidget(self.preview_box, 2, Qt.AlignmentFlag.AlignTop)

        self.button_box = QDialogButtonBox(self)
        self.swap_button = QPushButton(self.tr("&Inverser les fiches"), self)
        self.swap_button.setObjectName("swap_button")
        self.swap_button.setToolTip(self.tr("Conserver plutôt la fiche de droite."))
        self.swap_button.setAutoDefault(False)
        self.merge_button = QPushButton(self.tr("&Fusionner…"), self)
        self.merge_button.setObjectName("merge_button")
        self.merge_button.setAutoDefault(False)
        self.button_box.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.button_box.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAutoDefault(False)
        self.swap_button.clicked.connect(self._on_swap_button_clicked)
        self.merge_button.clicked.connect(self._on_merge_button_clicked)
        self.button_box.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.pages, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.swap_button)  # apart: it changes the question, not the answer
        buttons.addWidget(self.button_box, 1)
        layout.addLayout(buttons)
        self._set_ready(False)

    def _clear_comparison(self) -> None:
        for group in self._groups.values():
            group.deleteLater()
        self._groups.clear()
        self._radios.clear()
        self._members.clear()
        for layout in (self.fields_grid, self.household_layout):
            while layout.count():
                item = layout.takeAt(0)
                widget = item.widget()
                if widget is not None:
                    widget.hide()  # at once: deleteLater waits for the event loop
                    widget.deleteLater()

    def _fill_comparison(self, left: Person, right: Person) -> None:
        self._clear_comparison()
        grid = self.fields_grid
        bold = QFont(self.font())
        bold.setBold(True)
        for column, (title, person) in enumerate(
            ((self.tr("Fiche conservée"), left), (self.tr("Fiche supprimée"), right)), start=1
        ):
            header = QLabel(f"{title}\n{person.display_name}", self.fields_widget)
            header.setTextFormat(Qt.TextFormat.PlainText)
            header.setFont(bold)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        line = QFrame(self.fields_widget)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        grid.addWidget(line, 1, 0, 1, 3)
        for row, merge_field in enumerate(FIELDS, start=2):
            label = QLabel(self.tr(merge_field.label), self.fields_widget)
            grid.addWidget(label, row, 0)
            texts = (merge_field.text(left, self._family_labels),
                     merge_field.text(right, self._family_labels))
            group = QButtonGroup(self)
            radios = []
            for side, text in enumerate(texts):
                radio = QRadioButton(text or EMPTY, self.fields_widget)
                radio.setObjectName(f"{merge_field.key}_{'left' if side == LEFT else 'right'}")
                group.addButton(radio, side)
                # Sized to its text: a click beside the words would otherwise do nothing.
                grid.addWidget(radio, row, side + 1, Qt.AlignmentFlag.AlignLeft)
                radios.append(radio)
            label.setBuddy(radios[0])
            # The filled-in value by default, the kept record's when both are.
            chosen = RIGHT if not texts[LEFT] and texts[RIGHT] else LEFT
            radios[chosen].setChecked(True)
            if texts[LEFT] == texts[RIGHT]:  # nothing to choose: shown, not asked
                for radio in radios:
                    radio.setEnabled(False)
            group.idToggled.connect(self._on_choice_toggled)
            self._groups[merge_field.key] = group
            self._radios[merge_field.key] = (radios[0], radios[1])

        members = household_union(left, right)
        for choice in members:
            where = (self.tr("les deux fiches") if len(choice.sides) == 2
                     else self.tr("fiche conservée") if choice.sides == (LEFT,)
                     else self.tr("fiche supprimée"))
            box = QCheckBox(f"{member_text(choice.member)} — {where}", self.household_box)
            box.setChecked(True)
            box.toggled.connect(self._on_choice_toggled)
            self.household_layout.addWidget(box)
            self._members.append((box, choice.member))
        if not members:
            none = QLabel(self.tr("Aucun membre du foyer dans ces deux fiches."),
                          self.household_box)
            mute(none)
            self.household_layout.addWidget(none)
        self._update_preview()

    # -- reading -------------------------------------------------------------------------------
    def _load(self) -> None:
        keep_id, remove_id = self.keep_id, self.remove_id
        session = self._session

        def load() -> tuple[Person, Person, dict[str, str]]:
            persons = PersonService(session)
            left, right = persons.get(keep_id), persons.get(remove_id)
            codes = CodeService(session)
            labels = {
                code: codes.label("situation_familiale", code)
                for code in {left.family_code, right.family_code}
            }
            return left, right, labels

        self._set_ready(False)
        self._runner.run(load, self._show_persons, self._show_failure)

    def _show_persons(self, result: tuple[Person, Person, dict[str, str]]) -> None:
        if not isValid(self):
            return
        left, right, labels = result
        self._persons = (left, right)
        self._family_labels = labels
        self._fill_comparison(left, right)
        self.pages.setCurrentWidget(self.compare_page)
        self._set_ready(True)

    def _show_failure(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._persons = None
        self.message_label.setText(user_message(exc))
        self.pages.setCurrentWidget(self.message_page)
        self._set_ready(False)

    def message_text(self) -> str:
        """What the dialog says instead of the comparison ("" when it shows the comparison)."""
        return self.message_label.text() if self.pages.currentWidget() is self.message_page else ""

    # -- choices -------------------------------------------------------------------------------
    def choice(self, key: str) -> int:
        """``LEFT`` or ``RIGHT``: which record's value line ``key`` keeps."""
        return self._groups[key].checkedId()

    def choose(self, key: str, side: int) -> None:
        self._radios[key][side].setChecked(True)

    def radios(self, key: str) -> tuple[QRadioButton, QRadioButton]:
        return self._radios[key]

    def member_boxes(self) -> list[QCheckBox]:
        return [box for box, _member in self._members]

    def merged_input(self) -> PersonInput:
        """The record that will remain, built from the choices."""
        if self._persons is None:
            raise RuntimeError("records not loaded")
        persons = self._persons
        result = PersonInput(usage_name="")
        for merge_field in FIELDS:
            result = merge_field.take(result, persons[self.choice(merge_field.key)])
        household = tuple(member for box, member in self._members if box.isChecked())
        return replace(result, household=household)

    def preview_text(self) -> str:
        """The preview, as lines ``label : value`` (what the person reads before merging)."""
        lines = [f"{f.label} : {self._preview_labels[f.key].text()}" for f in FIELDS]
        lines.append(f"Foyer : {self._preview_labels['household'].text()}")
        return "\n".join(lines)

    @Slot()
    def _on_choice_toggled(self) -> None:
        self._update_preview()

    def _update_preview(self) -> None:
        if self._persons is None:
            return
        for merge_field in FIELDS:
            person = self._persons[self.choice(merge_field.key)]
            text = merge_field.text(person, self._family_labels)
            self._preview_labels[merge_field.key].setText(text or EMPTY)
        kept = [member_text(member) for box, member in self._members if box.isChecked()]
        self._preview_labels["household"].setText("\n".join(kept) or EMPTY)

    # -- actions -------------------------------------------------------------------------------
    def _set_ready(self, ready: bool) -> None:
        busy = self._runner.busy
        self.merge_button.setEnabled(ready and not busy)
        self.swap_button.setEnabled(ready and not busy)

    @Slot(bool)
    def _on_runner_busy_changed(self, _busy: bool) -> None:
        self._set_ready(self._persons is not None)

    @Slot()
    def _on_swap_button_clicked(self) -> None:
        self.keep_id, self.remove_id = self.remove_id, self.keep_id
        self._persons = None
        self._load()

    @Slot()
    def _on_merge_button_clicked(self) -> None:
        if self._persons is None:
            return
        kept, removed = self._persons
        confirmed = self._prompts.confirm(
            self,
            self.tr("Fusionner les deux fiches"),
            self.tr(
                "Les dossiers de %s seront rattachés à %s ; la fiche %s sera supprimée "
                "définitivement."
            ) % (removed.display_name, kept.display_name, removed.display_name),
        )
        if not confirmed:
            return
        keep_id, remove_id, merged = self.keep_id, self.remove_id, self.merged_input()
        session = self._session

        def done(_result: object) -> None:
            if not isValid(self):
                return
            self.merged.emit(keep_id)
            self.accept()

        def failed(exc: BaseException) -> None:
            if isValid(self):
                self._prompts.error(self, self.tr("Fusion impossible"), user_message(exc))

        self._runner.run(lambda: PersonService(session).merge(keep_id, remove_id, merged),
                         done, failed)
