"""Ce que j'ai consulté: the dossiers the person opened and what they did in them, newest first.

Read from the audit log (:meth:`~anaiss_desktop.services.access_info.AccessInfoService.
my_history`), the same lines the referent of each dossier reads in its journal: the person sees
exactly what the station says about them. A line leads back to its dossier (Enter, double-click,
"Ouvrir le dossier"); whether it still opens is for the access rule to say.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_instant_fr
from ...services.access_info import AccessInfoService, LogLine
from ...services.session import Session
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import AccountDialog, TablePanel

INTRO = (
    "Les dossiers que vous avez consultés et ce que vous y avez fait, du plus récent au plus "
    "ancien. Le ou la référent(e) de chaque dossier lit les mêmes lignes dans le journal du "
    "dossier. Entrée ou double-clic ouvre le dossier."
)


class HistoryDialog(AccountDialog):
    """My consultations and actions in dossiers.

    Args:
        session, runner, prompts: as for the main window.
        parent: the main window.

    Signals:
        dossier_requested(int): the person chose a line; the dossier's id.
    """

    dossier_requested = Signal(int)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, runner, prompts, parent)
        self.setWindowTitle(self.tr("Ce que j'ai consulté"))
        self.resize(780, 480)
        self._lines: list[LogLine] = []

        layout = QVBoxLayout(self)
        self.intro_label = QLabel(self.tr(INTRO), self)
        self.intro_label.setWordWrap(True)
        mute(self.intro_label)
        layout.addWidget(self.intro_label)
        self.panel = TablePanel(
            [self.tr("Quand"), self.tr("Dossier"), self.tr("Personne"), self.tr("Action")],
            self.tr("Vous n'avez consulté aucun dossier pour l'instant."), self)
        layout.addWidget(self.panel, 1)
        self.button_box = QDialogButtonBox(self)
        self.open_button = QPushButton(self.tr("Ouvrir le dossier"), self)
        self.button_box.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = self.button_box.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Fermer"))
        # Enter in the table opens the dossier; it must never press a button of the dialog.
        for button in self.button_box.buttons():
            button.setAutoDefault(False)
        self.button_box.rejected.connect(self.reject)
        layout.addWidget(self.button_box)

        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.panel.table.activated.connect(self._on_table_activated)
        self.panel.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.reload()

    def reload(self) -> None:
        session = self._session
        self._runner.run(lambda: AccessInfoService(session).my_history(), self._on_loaded,
                         self._on_failed)

    def _on_loaded(self, lines: list[LogLine]) -> None:
        if not self._alive():
            return
        self._lines = lines
        rows = [((format_instant_fr(line.at), line.dossier_number or "",
                  line.person or self.tr("—"), line.action), index)
                for index, line in enumerate(lines)]
        self.panel.set_rows(rows, tooltips=[line.detail for line in lines])
        self._update_buttons()

    def _on_failed(self, exc: BaseException) -> None:
        if self._alive():
            self._prompts.error(self, self.tr("Ce que j'ai consulté"), user_message(exc))

    def _dossier_of_row(self, row: int) -> int | None:
        return self._lines[row].dossier_id if 0 <= row < len(self._lines) else None

    @Slot()
    def _update_buttons(self) -> None:
        index = self.panel.current_data()
        self.open_button.setEnabled(index is not None
                                    and self._dossier_of_row(index) is not None)

    @Slot(QModelIndex)
    def _on_table_activated(self, index: QModelIndex) -> None:
        self._request(index.row())

    @Slot()
    def _on_open_button_clicked(self) -> None:
        index = self.panel.current_data()
        if index is not None:
            self._request(index)

    def _request(self, row: int) -> None:
        dossier_id = self._dossier_of_row(row)
        if dossier_id is not None:
            self.dossier_requested.emit(dossier_id)
