"""« Historique des modifications »: what was changed in the person's record and in the dossier,
by whom, when, and the value it replaced (SPEC §7, rectification).

Read-only. The rows come from :class:`~anaiss_desktop.services.history.HistoryService`, which
leaves out the fields the reader may not read (the secretary sees the changes of the identity
and the contact details, not of the follow-up) and logs the reading. Opened from the dossier
window; it belongs to that window and goes with it when the session ends.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...services.history import HistoryEntry, HistoryService
from ...services.session import Session
from ..account.common import TablePanel
from ..messages import mute, user_message
from ..prompts import Prompts
from ..task_dialog import TaskDialog
from ..workers import TaskRunner

NONE_TEXT = "—"


class HistoryDialog(TaskDialog):
    """The history of a dossier's changed fields and of its person's, newest first.

    Args:
        session, runner, prompts: as for the dossier window.
        dossier_id: the dossier; person_id: its person.
        subject: who it is about, for the title ("2026-000123 — DUPONT Marie").
        parent: the dossier window.
    """

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts, dossier_id: int,
                 person_id: int, subject: str = "", parent: QWidget | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.dossier_id = dossier_id
        self.person_id = person_id
        self.entries: list[HistoryEntry] = []
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # each opening reads afresh
        title = self.tr("Historique des modifications")
        self.setWindowTitle(f"{title} — {subject}" if subject else title)
        self.resize(860, 440)

        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr(
            "Les changements apportés à la fiche de la personne et au dossier, du plus récent au "
            "plus ancien : qui les a faits, quand, et la valeur remplacée. Seuls les champs que "
            "vous pouvez lire sont montrés."), self)
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)
        layout.addWidget(self.intro_label)
        self.panel = TablePanel(
            [self.tr("Date"), self.tr("Par"), self.tr("Champ"), self.tr("Ancienne valeur"),
             self.tr("Nouvelle valeur")],
            self.tr("Aucune modification enregistrée : la fiche de la personne et le dossier "
                    "n'ont pas été modifiés depuis leur création."), self)
        layout.addWidget(self.panel, 1)
        layout.addWidget(self.status_label)
        self.button_box = QDialogButtonBox(self)
        close = self.button_box.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Fermer"))
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)
        self.reload()

    def reload(self) -> None:
        """Read the history again (each reading is logged by the service)."""
        session, dossier_id, person_id = self._session, self.dossier_id, self.person_id

        def load() -> list[HistoryEntry]:
            history = HistoryService(session)
            entries = history.of_person(person_id) + history.of_dossier(dossier_id)
            return sorted(entries, key=lambda e: (e.changed_at, e.id), reverse=True)

        self._call(load, self._on_loaded, self._on_failed)

    def rows(self) -> list[tuple[str, ...]]:
        """The table's rows as shown (tests, screen readers)."""
        return self.panel.texts()

    @property
    def empty_text(self) -> str:
        """The sentence shown instead of the table, or "" when there are rows."""
        return self.panel.empty_label.text() if self.panel.is_empty else ""

    def _on_loaded(self, entries: list[HistoryEntry]) -> None:
        if not self._alive():
            return
        self.entries = entries
        self.status_label.hide()
        self.panel.show()
        self.panel.set_rows(
            [((e.when, e.author or NONE_TEXT, e.label, e.old_value or NONE_TEXT,
               e.new_value or NONE_TEXT), e.id) for e in entries],
            tooltips=[f"{e.label} : {e.old_value or NONE_TEXT} → {e.new_value or NONE_TEXT}"
                      for e in entries],
        )

    def _on_failed(self, exc: BaseException) -> None:
        if self._alive():
            # Refused or unreadable: say why, and show no table (not an "empty" history).
            self.panel.set_rows([])
            self.panel.hide()
            self.show_status(user_message(exc), error=True)

    def _forget(self) -> None:
        self.entries = []
        self.panel.set_rows([])
