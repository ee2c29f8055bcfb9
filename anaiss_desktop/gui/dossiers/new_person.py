"""A new person and their dossier: identity first, likely duplicates next, then the dossier.

The cheapest duplicate is the one never created (SPEC §1): before a person is made, the people
who look like them are listed with the reasons, and the social worker decides — "c'est cette
personne" opens her dossier (or says who follows her), "créer une nouvelle personne" goes on.
Only the usage name is required. What is typed is kept as an encrypted draft (debounced, and at
once before an idle lock), and offered back when the form is opened again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QListWidgetItem, QTreeWidgetItem, QWidget
from shiboken6 import isValid

from ...domain.access import can_create_dossier
from ...domain.codes import NOT_PROVIDED, OTHER, Code
from ...domain.dates import format_fr, parse_date
from ...domain.records import DossierInput, DossierStatus, Motif, PersonInput
from ...services.codes import CodeService
from ...services.dossiers import DossierService
from ...services.drafts import DraftService
from ...services.persons import DuplicateCandidate, PersonService
from ...services.search import DossierRef, SearchService
from ...services.session import Session
from ..forms.ui_dossiers_new_person import Ui_NewPersonDialog
from ..messages import show_message, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .person_form import (
    PROBLEM_STYLE,
    PersonForm,
    fill_code_combo,
    local_today,
    select_code,
    set_message,
)

DRAFT_KEY = "person:new"
DRAFT_DELAY_MS = 1000


def dossiers_of_candidate(session: Session, candidate: DuplicateCandidate) -> list[DossierRef]:
    """The dossiers of a proposed duplicate, at the identity level, through the search.

    The person service gives a candidate's referents but not its dossiers; the search (visible
    to every account) gives both, with whether this account may open each one.
    """
    search = SearchService(session)
    queries = [format_fr(candidate.birth_date)] if candidate.birth_date else []
    queries.append(candidate.display_name.split(" (")[0])
    for query in queries:
        for hit in search.search(query, limit=100):
            if hit.person_id == candidate.person_id:
                return list(hit.dossiers)
    return []


def motif_codes(session: Session) -> list[Code]:
    """The motifs offered for a new dossier: active ones, *Autre (préciser)* last, without
    *Non renseigné* (no motif checked says it)."""
    codes = CodeService(session).codes("motif")
    return ([c for c in codes if c.code not in (NOT_PROVIDED, OTHER)]
            + [c for c in codes if c.code == OTHER])


def _best_openable(refs: list[DossierRef]) -> DossierRef | None:
    openable = [r for r in refs if r.can_open]
    openable.sort(key=lambda r: (r.status is not DossierStatus.OPEN, r.number))
    return openable[0] if openable else None


class NewPersonDialog(QDialog):
    """Create a person (after the duplicate check) and, for a social worker, their dossier.

    Opened without blocking (``show()``); call :meth:`offer_draft` once shown.

    Args:
        session: the signed-in session.
        runner: runs the service calls off the GUI thread.
        prompts: message boxes.
        parent: the main window.

    Signals:
        dossier_requested(int): open this dossier (the new one, or the existing one chosen).
        person_created(int): a person was created (with or without a dossier).
    """

    dossier_requested = Signal(int)
    person_created = Signal(int)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_NewPersonDialog()
        self.ui.setupUi(self)
        self.ui.title_label.setObjectName("page_title")
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._can_create = can_create_dossier(session.account)
        self._candidates: list[DuplicateCandidate] = []
        self._existing_person_id: int | None = None
        self._busy = False
        self._closing_for_session = False
        self._finished = False

        ui = self.ui
        self.form = PersonForm(session, ui.person_page)
        ui.person_layout.addWidget(self.form)
        self.setTabOrder(self.form.ui.remove_member_button, ui.cancel_button)
        self.setTabOrder(ui.cancel_button, ui.continue_button)

        fill_code_combo(ui.origin_combo, session, "origine")
        fill_code_combo(ui.consent_mode_combo, session, "mode_information")
        for code in motif_codes(session):
            item = QListWidgetItem(code.label, ui.motifs_list)
            item.setData(Qt.ItemDataRole.UserRole, code.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if ui.motifs_list.count():
            ui.motifs_list.setCurrentRow(0)
        ui.opened_on_edit.setText(format_fr(local_today(session)))
        ui.origin_text_edit.hide()
        ui.motif_text_edit.hide()
        for label in (ui.opened_on_message_label, ui.consent_date_message_label,
                      ui.message_label):
            label.hide()
        tree = ui.duplicates_tree
        tree.setStyleSheet("QTreeView::item { padding: 5px 2px; }")
        tree.setColumnWidth(0, 330)
        tree.setColumnWidth(1, 110)
        tree.setColumnWidth(2, 220)
        ui.reasons_label.setMargin(8)
        ui.reasons_label.setStyleSheet(
            "QLabel { color: #333333; background: #eef3f8; border-radius: 3px; }")

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._on_draft_timer_timeout)

        self.form.changed.connect(self._schedule_draft)
        for edit in (ui.opened_on_edit, ui.origin_text_edit, ui.motif_text_edit,
                     ui.consent_date_edit):
            edit.textChanged.connect(self._on_dossier_field_changed)
        ui.origin_combo.currentIndexChanged.connect(self._on_dossier_field_changed)
        ui.consent_mode_combo.currentIndexChanged.connect(self._schedule_draft)
        ui.notice_check.toggled.connect(self._schedule_draft)
        ui.share_check.toggled.connect(self._schedule_draft)
        ui.motifs_list.itemChanged.connect(self._on_dossier_field_changed)
        ui.continue_button.clicked.connect(self._on_continue_button_clicked)
        ui.back_button.clicked.connect(self._on_back_button_clicked)
        ui.cancel_button.clicked.connect(self.reject)
        ui.same_person_button.clicked.connect(self._on_same_person_button_clicked)
        ui.create_new_button.clicked.connect(self._on_create_new_button_clicked)
        tree.itemDoubleClicked.connect(self._on_duplicates_tree_item_double_clicked)
        tree.currentItemChanged.connect(self._on_duplicates_tree_current_item_changed)
        self.resize(920, 620)
        self._show_page(ui.person_page)
        self.form.focus_first()

    # -- drafts --------------------------------------------------------------------------------
    def offer_draft(self) -> bool:
        """If an unfinished entry was kept, offer it back; True when it was restored."""
        drafts = DraftService(self._session)
        draft = drafts.load(DRAFT_KEY)
        if not draft or not isinstance(draft.get("person"), dict):
            return False
        name = str(draft["person"].get("usage_name") or "").strip()
        text = self.tr(
            "Une saisie de personne n'avait pas été terminée{0}. La reprendre ?\n"
            "(Non : le brouillon est effacé.)"
        ).format(self.tr(" ({0})").format(name.upper()) if name else "")
        if self._prompts.confirm(self, self.tr("Reprendre la saisie"), text):
            self._load_draft(draft)
            return True
        drafts.discard(DRAFT_KEY)
        return False

    def to_draft(self) -> dict[str, Any]:
        ui = self.ui
        return {
            "person": self.form.to_draft(),
            "dossier": {
                "opened_on": ui.opened_on_edit.text(),
                "origin_code": ui.origin_combo.currentData(),
                "origin_text": ui.origin_text_edit.text(),
                "motifs": self._checked_motifs(),
                "motif_text": ui.motif_text_edit.text(),
                "consent_on": ui.consent_date_edit.text(),
                "consent_mode": ui.consent_mode_combo.currentData(),
                "notice_given": ui.notice_check.isChecked(),
                "consent_share": ui.share_check.isChecked(),
            },
        }

    def _load_draft(self, draft: dict[str, Any]) -> None:
        self.form.load_draft(draft["person"])
        dossier = draft.get("dossier")
        if not isinstance(dossier, dict):
            return
        ui = self.ui
        for edit, key in ((ui.opened_on_edit, "opened_on"), (ui.origin_text_edit, "origin_text"),
                          (ui.motif_text_edit, "motif_text"), (ui.consent_date_edit, "consent_on")):
            value = dossier.get(key)
            if isinstance(value, str) and (value or key != "opened_on"):
                edit.setText(value)
        select_code(ui.origin_combo, dossier.get("origin_code") or NOT_PROVIDED)
        select_code(ui.consent_mode_combo, dossier.get("consent_mode") or NOT_PROVIDED)
        ui.notice_check.setChecked(bool(dossier.get("notice_given")))
        ui.share_check.setChecked(bool(dossier.get("consent_share")))
        motifs = dossier.get("motifs")
        chosen = set(motifs) if isinstance(motifs, list) else set()
        for row in range(ui.motifs_list.count()):
            item = ui.motifs_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def _schedule_draft(self, *_: object) -> None:
        if not self._finished:
            self._draft_timer.start()

    def _on_draft_timer_timeout(self) -> None:
        if self._finished or not self._session.is_open:
            return
        payload, empty = self.to_draft(), self.form.is_empty()
        drafts = DraftService(self._session)

        def save() -> None:
            if empty:
                drafts.discard(DRAFT_KEY)
            else:
                drafts.save(DRAFT_KEY, payload)

        self._runner.run(save, lambda _: None, lambda _exc: None)

    def save_draft_now(self) -> None:
        """Keep what is typed at once (before an idle lock, or when the form is closed)."""
        self._draft_timer.stop()
        if self._finished or not self._session.is_open:
            return
        drafts = DraftService(self._session)
        if self.form.is_empty():
            drafts.discard(DRAFT_KEY)
        else:
            drafts.save(DRAFT_KEY, self.to_draft())

    def close_for_session_end(self) -> None:
        """The session is over (lock, logout): close without touching the closed store."""
        self._finished = True
        self._draft_timer.stop()
        self._closing_for_session = True
        QDialog.done(self, QDialog.DialogCode.Rejected)

    def reject(self) -> None:
        """Closing keeps the draft: nothing typed is ever lost."""
        if not self._closing_for_session and not self._finished:
            try:
                self.save_draft_now()
            except Exception as exc:  # a closed store must not keep the window open
                user_message(exc)
            self._finished = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    # -- pages ---------------------------------------------------------------------------------
    def _show_page(self, page: QWidget) -> None:
        ui = self.ui
        ui.pages.setCurrentWidget(page)
        show_message(ui.message_label, "")
        if page is ui.person_page:
            ui.title_label.setText(self.tr("Nouvelle personne"))
            ui.intro_label.setText(self.tr(
                "Seul le nom est obligatoire : le reste peut attendre. Votre saisie est gardée "
                "en brouillon au fur et à mesure."
            ))
            ui.continue_button.setText(self.tr("&Continuer"))
        elif page is ui.duplicates_page:
            ui.title_label.setText(self.tr("Cette personne existe-t-elle déjà ?"))
            ui.intro_label.setText(self.tr(
                "Vous avez saisi : {0}. Ces personnes lui ressemblent : vérifiez avant d'en "
                "créer une nouvelle (un doublon éparpille le suivi)."
            ).format(self._typed_identity()))
        else:
            ui.title_label.setText(self.tr("Nouveau dossier"))
            ui.intro_label.setText(self.tr(
                "Le dossier de {0} sera ouvert à votre nom : vous en serez référent(e). "
                "Tout est facultatif ; Espace coche un motif."
            ).format(self._typed_identity(with_birth=False)))
            ui.continue_button.setText(self.tr("&Créer le dossier"))
        ui.back_button.setVisible(page is not ui.person_page)
        ui.continue_button.setVisible(page is not ui.duplicates_page)
        ui.continue_button.setDefault(page is not ui.duplicates_page)

    def _typed_identity(self, *, with_birth: bool = True) -> str:
        person = self.form.person()
        text = person.usage_name.upper()
        if person.first_names:
            text += f" {person.first_names}"
        if with_birth and person.birth_date:
            born = {"F": self.tr("née"), "M": self.tr("né")}.get(person.sex or "",
                                                                  self.tr("née ou né"))
            text += self.tr(", {0} le {1}").format(born, format_fr(person.birth_date))
        return text

    def _on_back_button_clicked(self) -> None:
        ui = self.ui
        if ui.pages.currentWidget() is ui.dossier_page and self._candidates:
            self._show_page(ui.duplicates_page)
            ui.duplicates_tree.setFocus()
        else:
            self._existing_person_id = None
            self._show_page(ui.person_page)
            self.form.focus_first()

    def _on_continue_button_clicked(self) -> None:
        if self._busy:
            return
        ui = self.ui
        if ui.pages.currentWidget() is ui.person_page:
            self._check_identity()
        elif ui.pages.currentWidget() is ui.dossier_page:
            self._create()

    # -- step 1: identity and duplicates -------------------------------------------------------
    def _check_identity(self) -> None:
        ui = self.ui
        problems = self.form.blocking_problems()
        if problems:
            show_message(ui.message_label, "\n".join(problems))
            self.form.focus_first()
            return
        problem = self.form.birth_date_problem()
        if problem and not self._prompts.confirm(
            self, self.tr("Date de naissance"),
            self.tr("{0} : la date de naissance « {1} » ne sera pas enregistrée. "
                    "Continuer sans elle ?").format(problem, self.form.ui.birth_date_edit.text()),
        ):
            self.form.ui.birth_date_edit.setFocus()
            return
        person = self.form.person()
        service = PersonService(self._session)
        self._set_busy(True)
        self._runner.run(lambda: service.find_duplicates(person), self._on_duplicates_found,
                         self._on_error)

    def _on_duplicates_found(self, candidates: list[DuplicateCandidate]) -> None:
        if not isValid(self) or self._finished:
            return
        self._set_busy(False)
        self._candidates = candidates
        if not candidates:
            self._after_identity(None)
            return
        tree = self.ui.duplicates_tree
        tree.clear()
        for candidate in candidates:
            followed = ", ".join(candidate.referents) or self.tr("aucun dossier")
            item = QTreeWidgetItem([
                candidate.display_name,
                format_fr(candidate.birth_date) or self.tr("inconnue"),
                followed,
                f"{round(candidate.likeness.score * 100)} %",
            ])
            item.setToolTip(0, "\n".join(candidate.likeness.reasons))
            item.setData(0, Qt.ItemDataRole.UserRole, candidate.person_id)
            tree.addTopLevelItem(item)
        tree.setCurrentItem(tree.topLevelItem(0))
        self._show_page(self.ui.duplicates_page)
        tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_duplicates_tree_item_double_clicked(self, *_: object) -> None:
        self._on_same_person_button_clicked()

    def _on_duplicates_tree_current_item_changed(self, *_: object) -> None:
        candidate = self._selected_candidate()
        if candidate is None:
            self.ui.reasons_label.setText("")
            return
        reasons = " ; ".join(candidate.likeness.reasons) or self.tr("ressemblance générale")
        self.ui.reasons_label.setText(self.tr("Pourquoi cette proposition : {0}.").format(reasons))

    def _selected_candidate(self) -> DuplicateCandidate | None:
        item = self.ui.duplicates_tree.currentItem()
        if item is None:
            return None
        person_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((c for c in self._candidates if c.person_id == person_id), None)

    def _on_same_person_button_clicked(self) -> None:
        candidate = self._selected_candidate()
        if candidate is None or self._busy:
            return
        session = self._session
        self._set_busy(True)
        self._runner.run(
            lambda: dossiers_of_candidate(session, candidate),
            lambda refs: self._on_candidate_dossiers(candidate, refs),
            self._on_error,
        )

    def _on_candidate_dossiers(self, candidate: DuplicateCandidate,
                               refs: list[DossierRef]) -> None:
        if not isValid(self) or self._finished:
            return
        self._set_busy(False)
        best = _best_openable(refs)
        if best is not None:
            self._finish()
            self.dossier_requested.emit(best.dossier_id)
            self.accept()
            return
        referents = sorted({r.referent_name for r in refs if r.referent_name}
                           | set(candidate.referents))
        if referents:
            self._prompts.info(self, self.tr("Personne déjà suivie"), self.tr(
                "{0} est suivie par {1} : contactez-la/le. Vous ne pouvez pas ouvrir son dossier."
            ).format(candidate.display_name, " et ".join(referents)))
            return
        if self._can_create:
            self._after_identity(candidate.person_id)
            return
        self._prompts.info(self, self.tr("Personne déjà enregistrée"), self.tr(
            "{0} est déjà enregistrée, sans dossier. Un(e) assistant(e) social(e) pourra lui "
            "ouvrir un dossier."
        ).format(candidate.display_name))

    def _on_create_new_button_clicked(self) -> None:
        if not self._busy:
            self._after_identity(None)

    def _after_identity(self, person_id: int | None) -> None:
        """The person is known (``person_id``) or to be created: on to the dossier."""
        self._existing_person_id = person_id
        if self._can_create:
            self._show_page(self.ui.dossier_page)
            self.ui.opened_on_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.ui.opened_on_edit.selectAll()
            return
        person = self.form.person()
        service = PersonService(self._session)
        self._set_busy(True)
        self._runner.run(lambda: service.create(person), self._on_person_only_created,
                         self._on_error)

    def _on_person_only_created(self, person_id: int) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._finish()
        self.person_created.emit(person_id)
        self._prompts.info(self, self.tr("Personne enregistrée"), self.tr(
            "La personne est enregistrée. Seul(e) un(e) assistant(e) social(e) peut lui ouvrir "
            "un dossier."
        ))
        self.accept()

    # -- step 2: the dossier -------------------------------------------------------------------
    def _checked_motifs(self) -> list[str]:
        motifs = self.ui.motifs_list
        return [
            motifs.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(motifs.count())
            if motifs.item(row).checkState() == Qt.CheckState.Checked
        ]

    def _on_dossier_field_changed(self, *_: object) -> None:
        ui = self.ui
        ui.origin_text_edit.setVisible(ui.origin_combo.currentData() == OTHER)
        ui.motif_text_edit.setVisible(OTHER in self._checked_motifs())
        for edit, label in ((ui.opened_on_edit, ui.opened_on_message_label),
                            (ui.consent_date_edit, ui.consent_date_message_label)):
            text = edit.text().strip()
            try:
                parse_date(text)
            except ValueError as exc:
                set_message(label, str(exc) if len(text) >= 8 else "", PROBLEM_STYLE)
            else:
                set_message(label, "")
        self._schedule_draft()

    def dossier_input(self) -> DossierInput:
        """The dossier fields; raises ``ValueError`` (French) for a date that cannot be read."""
        ui = self.ui
        try:
            opened = parse_date(ui.opened_on_edit.text()) or local_today(self._session)
        except ValueError as exc:
            raise ValueError(self.tr("Date d'ouverture : {0}.").format(exc)) from None
        try:
            consent = parse_date(ui.consent_date_edit.text())
        except ValueError as exc:
            raise ValueError(self.tr("Date d'information : {0}.").format(exc)) from None
        origin = ui.origin_combo.currentData() or NOT_PROVIDED
        motif_text = ui.motif_text_edit.text().strip()
        return DossierInput(
            opened_on=opened,
            origin_code=origin,
            origin_text=ui.origin_text_edit.text().strip() if origin == OTHER else "",
            motifs=tuple(Motif(code, motif_text if code == OTHER else "")
                         for code in self._checked_motifs()),
            consent_on=consent,
            consent_mode=ui.consent_mode_combo.currentData() or NOT_PROVIDED,
            notice_given=ui.notice_check.isChecked(),
            consent_share=ui.share_check.isChecked(),
        )

    def _create(self) -> None:
        try:
            data = self.dossier_input()
        except ValueError as exc:
            show_message(self.ui.message_label, str(exc))
            return
        session = self._session
        person: PersonInput = self.form.person()
        existing = self._existing_person_id
        made: dict[str, int] = {}

        def create() -> int:
            person_id = existing or PersonService(session).create(person)
            made["person"] = person_id
            return DossierService(session).create(person_id, data)

        def failed(exc: BaseException) -> None:
            if "person" in made and isValid(self):
                self._existing_person_id = made["person"]  # never create her twice
            self._on_error(exc)

        self._set_busy(True)
        self._runner.run(create, lambda dossier_id: self._on_created(made, dossier_id), failed)

    def _on_created(self, made: dict[str, int], dossier_id: int) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        self._finish()
        if self._existing_person_id is None:
            self.person_created.emit(made["person"])
        self.dossier_requested.emit(dossier_id)
        self.accept()

    # -- common --------------------------------------------------------------------------------
    def _finish(self) -> None:
        """The entry is saved: its draft goes, and closing keeps nothing more."""
        self._finished = True
        self._draft_timer.stop()
        if self._session.is_open:
            DraftService(self._session).discard(DRAFT_KEY)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        ui = self.ui
        for button in (ui.continue_button, ui.back_button, ui.same_person_button,
                       ui.create_new_button):
            button.setEnabled(not busy)

    def _on_error(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self._set_busy(False)
        show_message(self.ui.message_label, user_message(exc))
