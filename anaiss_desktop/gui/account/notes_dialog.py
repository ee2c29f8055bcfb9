"""Mes notes personnelles: the default visibility of one's new notes, the personal notes
colleagues shared with me, and my personal notes left in dossiers I no longer follow.

A personal note belongs to its author whatever happens to the dossier (SPEC §2): when a dossier
is reassigned or a covering period ends, the author still holds notes nobody else reads. Here
the author sees them by dossier and may hand them over to the dossier's current referent, whose
notes they then become (:meth:`~anaiss_desktop.services.notes.NoteService.hand_over`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_instant_fr
from ...domain.records import NoteVisibility
from ...services.notes import LeftBehind, NoteService, SharedNote
from ...services.session import Session
from ..messages import mute, show_message, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import AccountDialog, TablePanel

DEFAULT_TEXT = (
    "Une note personnelle n'est lue que par vous et les collègues que vous nommez ; une note "
    "« dossier » est lue par l'équipe du dossier (référent(e), suppléant(e), responsable "
    "travailleur social). Vous choisissez toujours note par note."
)
SHARED_TEXT = (
    "Les notes personnelles que des collègues ont choisi de vous faire lire. Elles restent les "
    "leurs : ils peuvent retirer ce partage. Chaque lecture est inscrite au journal."
)
LEFT_TEXT = (
    "Quand un dossier change de référent(e) ou qu'une suppléance prend fin, vos notes "
    "personnelles restent les vôtres : personne d'autre ne les lit. Transmettez-les au ou à la "
    "référent(e) actuel(le) si elles lui sont utiles ; elles deviennent alors les siennes."
)


@dataclass(frozen=True)
class _Loaded:
    visibility: NoteVisibility
    left: list[LeftBehind]
    shared: list[SharedNote]


class LeftNotesDialog(AccountDialog):
    """My default note visibility, notes shared with me, my notes in dossiers I no longer follow.

    Args:
        session, runner, prompts: as for the main window.
        parent: the main window.

    Signals:
        notes_handed_over(int): notes of that dossier were given to its referent.
    """

    notes_handed_over = Signal(int)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.setWindowTitle(self.tr("Mes notes personnelles"))
        self.resize(780, 540)
        self._left: list[LeftBehind] = []
        self._shared: list[SharedNote] = []

        layout = QVBoxLayout(self)
        self.default_check = QCheckBox(
            self.tr("Mes nouvelles notes sont personnelles par défaut"), self)
        layout.addWidget(self.default_check)
        default_label = QLabel(self.tr(DEFAULT_TEXT), self)
        default_label.setWordWrap(True)
        default_label.setContentsMargins(22, 0, 0, 0)
        mute(default_label)
        layout.addWidget(default_label)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        # Notes colleagues shared with me: the author chose me as a reader of the note itself.
        shared_page = QWidget(self.tabs)
        shared_layout = QVBoxLayout(shared_page)
        shared_label = QLabel(self.tr(SHARED_TEXT), shared_page)
        shared_label.setWordWrap(True)
        mute(shared_label)
        shared_layout.addWidget(shared_label)
        self.shared_panel = TablePanel(
            [self.tr("Écrite le"), self.tr("Dossier"), self.tr("Personne"), self.tr("Auteur")],
            self.tr("Aucune note personnelle ne vous a été partagée."), shared_page)
        shared_layout.addWidget(self.shared_panel, 1)
        self.shared_body = QPlainTextEdit(shared_page)
        self.shared_body.setReadOnly(True)
        self.shared_body.setPlaceholderText(self.tr("Choisissez une note pour la lire."))
        self.shared_body.setMaximumHeight(110)
        shared_layout.addWidget(self.shared_body)
        self.tabs.addTab(shared_page, self.tr("&Partagées avec moi"))

        left_page = QWidget(self.tabs)
        left_layout = QVBoxLayout(left_page)
        left_label = QLabel(self.tr(LEFT_TEXT), left_page)
        left_label.setWordWrap(True)
        mute(left_label)
        left_layout.addWidget(left_label)
        self.panel = TablePanel(
            [self.tr("Dossier"), self.tr("Personne"), self.tr("Référent(e) actuel(le)"),
             self.tr("Notes")],
            self.tr("Aucune note personnelle dans un dossier que vous ne suivez plus."),
            left_page)
        left_layout.addWidget(self.panel, 1)
        buttons = QHBoxLayout()
        self.hand_over_button = QPushButton(self.tr("Transmettre au ou à la référent(e)"),
                                            left_page)
        self.hand_over_button.setAutoDefault(False)
        buttons.addWidget(self.hand_over_button)
        buttons.addStretch(1)
        left_layout.addLayout(buttons)
        self.tabs.addTab(left_page, self.tr("Dans des dossiers que je ne suis &plus"))
        layout.addWidget(self.status_label)  # TaskDialog's, hidden until there is news
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.button_box.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Fermer"))
        close.setAutoDefault(False)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

        self.default_check.toggled.connect(self._on_default_check_toggled)
        self.hand_over_button.clicked.connect(self._on_hand_over_button_clicked)
        self.panel.table.itemSelectionChanged.connect(self._update_buttons)
        self.shared_panel.table.itemSelectionChanged.connect(self._show_shared_body)
        self._update_buttons()
        self.reload()

    # -- loading -------------------------------------------------------------------------------
    def reload(self) -> None:
        session = self._session

        def read() -> _Loaded:
            service = NoteService(session)
            return _Loaded(service.default_visibility(), service.left_behind(),
                           service.shared_with_me())

        self._runner.run(read, self._on_loaded, self._on_failed)

    def _on_loaded(self, loaded: _Loaded) -> None:
        if not self._alive():
            return
        with QSignalBlocker(self.default_check):  # showing the saved choice saves nothing
            self.default_check.setChecked(loaded.visibility is NoteVisibility.PERSONAL)
        self._left = loaded.left
        self._shared = loaded.shared
        self.shared_panel.set_rows([
            ((format_instant_fr(n.created_at), n.number, n.person, n.author), index)
            for index, n in enumerate(loaded.shared)])
        self._show_shared_body()
        self.panel.set_rows([((item.number, item.person, item.referent, str(item.notes)), index)
                             for index, item in enumerate(loaded.left)])
        self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        if self._alive():
            self._prompts.error(self, self.tr("Mes notes personnelles"), user_message(exc))

    def _selected(self) -> LeftBehind | None:
        index = self.panel.current_data()
        return self._left[index] if index is not None and index < len(self._left) else None

    @Slot()
    def _show_shared_body(self) -> None:
        index = self.shared_panel.current_data()
        note = self._shared[index] if index is not None and index < len(self._shared) else None
        self.shared_body.setPlainText(note.body if note else "")

    @Slot()
    def _update_buttons(self) -> None:
        self.hand_over_button.setEnabled(self._selected() is not None)

    # -- default visibility --------------------------------------------------------------------
    @Slot(bool)
    def _on_default_check_toggled(self, checked: bool) -> None:
        session = self._session
        visibility = NoteVisibility.PERSONAL if checked else NoteVisibility.DOSSIER
        self._runner.run(lambda: NoteService(session).set_default_visibility(visibility),
                         self._on_default_saved, self._on_default_failed)

    def _on_default_saved(self, _result: object) -> None:
        if self._alive():
            show_message(self.status_label, self.tr(
                "Préférence enregistrée : vos nouvelles notes seront %s par défaut.") % (
                self.tr("personnelles") if self.default_check.isChecked()
                else self.tr("« dossier »")), error=False)

    def _on_default_failed(self, exc: BaseException) -> None:
        if not self._alive():
            return
        with QSignalBlocker(self.default_check):  # the choice was not saved: show the old one
            self.default_check.setChecked(not self.default_check.isChecked())
        show_message(self.status_label, user_message(exc))

    # -- handing notes over --------------------------------------------------------------------
    @Slot()
    def _on_hand_over_button_clicked(self) -> None:
        item = self._selected()
        if item is None:
            return
        if not self._prompts.confirm(self, self.tr("Transmettre mes notes personnelles"), self.tr(
                "Vos notes personnelles du dossier %s (%d) deviendront celles de %s : vous ne "
                "les lirez plus. Continuer ?") % (item.number, item.notes, item.referent)):
            return
        session = self._session
        dossier_id, referent_id = item.dossier_id, item.referent_id

        def done(count: int) -> None:
            if not self._alive():
                return
            show_message(self.status_label, self.tr("%d note(s) transmise(s) à %s.") % (
                count, item.referent), error=False)
            self.reload()
            self.notes_handed_over.emit(dossier_id)

        def failed(exc: BaseException) -> None:
            if self._alive():
                show_message(self.status_label, user_message(exc))

        self._runner.run(lambda: NoteService(session).hand_over(dossier_id, referent_id),
                         done, failed)
