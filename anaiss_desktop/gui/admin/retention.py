"""Administration › Conservation: the dossiers past the retention period, reviewed then purged.

The list shows no content (number, referent, status, dates), so a manager who is not a social
worker can run it too; the referents say what must stay. Closed dossiers come ticked, dossiers
still open or on watch unticked: deleting a dossier someone still works on must be a choice.
The purge runs on the task runner with a progress window and *Annuler* (it stops after the
dossier being deleted); what was deleted is said, and the list is read again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_fr, parse_date
from ...domain.retention import DueDossier
from ...services.retention import PurgeResult, RetentionService
from ...services.session import Session
from ..messages import mute, show_message, user_message
from ..progress import ProgressBridge, progress_dialog
from ..prompts import Prompts
from ..workers import TaskRunner
from .common import setup_table

STATUS_LABELS = {"ouvert": "Ouvert", "veille": "En veille", "clos": "Clos"}
HEADERS = ("Dossier", "Référent(e)", "Statut", "Ouvert le", "Dernier contact", "Fiche personne")


class RetentionTab(QWidget):
    """Args:
        session: the signed-in manager's session.
        runner: reads the list and purges off the GUI thread.
        prompts: message boxes (tests pass ``RecordingPrompts``).
        parent: the administration dialog.
    """

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._due: list[DueDossier] = []
        self._bridge: ProgressBridge | None = None
        self.progress: QProgressDialog | None = None

        self.intro_label = QLabel(self)
        self.intro_label.setObjectName("intro_label")
        self.intro_label.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("due_table")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        setup_table(self.table)
        self.table.itemChanged.connect(self._on_table_item_changed)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("status_label")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("count_label")
        mute(self.count_label)

        self.check_all_button = QPushButton(self.tr("Tout &cocher"), self)
        self.check_none_button = QPushButton(self.tr("Tout &décocher"), self)
        self.purge_button = QPushButton(self.tr("&Supprimer les dossiers cochés…"), self)
        self.purge_button.setObjectName("purge_button")
        self.check_all_button.clicked.connect(self._on_check_all_button_clicked)
        self.check_none_button.clicked.connect(self._on_check_none_button_clicked)
        self.purge_button.clicked.connect(self._on_purge_button_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_all_button)
        buttons.addWidget(self.check_none_button)
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.purge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self._update_buttons()

    # -- reading -------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the list again (the tab is shown, a purge ended)."""
        if self._bridge is not None:
            return
        session = self._session

        def work() -> tuple[list[DueDossier], int]:
            service = RetentionService(session)
            return service.due(), service.settings().retention_months

        self._runner.run(work, self._on_read, self._on_read_failed)

    def _on_read(self, value: tuple[list[DueDossier], int]) -> None:
        due, months = value
        self._due = due
        self.intro_label.setText(self.tr(
            "Dossiers dont le dernier contact avec la personne remonte à plus de %d mois "
            "(durée réglée dans Paramètres). Revoyez-les avec les référent(e)s ; un dossier "
            "supprimé l'est définitivement, avec ses entretiens, notes, aides et courriers, et "
            "la fiche de la personne quand elle n'a pas d'autre dossier.") % months)
        table = self.table
        table.blockSignals(True)
        table.setRowCount(0)
        table.setRowCount(len(due))
        for row, d in enumerate(due):
            number = QTableWidgetItem(d.number)
            number.setFlags(number.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            number.setCheckState(Qt.CheckState.Unchecked if d.still_open
                                 else Qt.CheckState.Checked)
            number.setData(Qt.ItemDataRole.UserRole, d.dossier_id)
            cells = [number, QTableWidgetItem(d.referent),
                     QTableWidgetItem(STATUS_LABELS.get(d.status, d.status)),
                     QTableWidgetItem(format_fr(parse_date(d.opened_on))),
                     QTableWidgetItem(format_fr(parse_date(d.last_contact_on))),
                     QTableWidgetItem(self.tr("supprimée aussi") if d.other_dossiers == 0
                                      else self.tr("gardée (%d autre(s) dossier(s))")
                                      % d.other_dossiers)]
            if d.still_open:
                font = cells[2].font()
                font.setBold(True)
                cells[2].setFont(font)
                cells[2].setToolTip(self.tr("Dossier encore ouvert : non coché par défaut."))
            for column, item in enumerate(cells):
                table.setItem(row, column, item)
        table.blockSignals(False)
        table.resizeColumnsToContents()
        if not due:
            show_message(self.status_label, self.tr(
                "Aucun dossier n'a dépassé la durée de conservation."), error=False)
        self._update_buttons()

    def _on_read_failed(self, exc: BaseException) -> None:
        show_message(self.status_label, user_message(exc))
        self._update_buttons()

    # -- choosing ------------------------------------------------------------------------------
    def checked_ids(self) -> list[int]:
        ids = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.checkState() is Qt.CheckState.Checked:
                ids.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return ids

    def _set_all(self, state: Qt.CheckState) -> None:
        self.table.blockSignals(True)
        for row in range(self.table.rowCount()):
            self.table.item(row, 0).setCheckState(state)
        self.table.blockSignals(False)
        self._update_buttons()

    @Slot()
    def _on_check_all_button_clicked(self) -> None:
        self._set_all(Qt.CheckState.Checked)

    @Slot()
    def _on_check_none_button_clicked(self) -> None:
        self._set_all(Qt.CheckState.Unchecked)

    @Slot(QTableWidgetItem)
    def _on_table_item_changed(self, _item: QTableWidgetItem) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        checked = len(self.checked_ids())
        idle = self._bridge is None
        self.count_label.setText(self.tr("%d dossier(s) sur %d coché(s)") % (
            checked, self.table.rowCount()) if self.table.rowCount() else "")
        self.purge_button.setEnabled(idle and checked > 0)
        for button in (self.check_all_button, self.check_none_button):
            button.setEnabled(idle and self.table.rowCount() > 0)

    # -- purging -------------------------------------------------------------------------------
    @Slot()
    def _on_purge_button_clicked(self) -> None:
        self.purge()

    def purge(self) -> None:
        """Ask, then delete the ticked dossiers with a progress window."""
        ids = self.checked_ids()
        if not ids or self._bridge is not None:
            return
        chosen = [d for d in self._due if d.dossier_id in set(ids)]
        persons = sum(1 for d in chosen if d.other_dossiers == 0)
        if not self._prompts.confirm(self, self.tr("Supprimer définitivement"), self.tr(
                "Supprimer définitivement %d dossier(s) et %d fiche(s) personne ? Les "
                "entretiens, notes, aides et courriers de ces dossiers sont effacés du fichier ; "
                "cela ne peut pas être annulé.") % (len(ids), persons)):
            return
        bridge = ProgressBridge(self)
        self._bridge = bridge
        progress = progress_dialog(self, self.tr("Suppression en cours…"),
                                   self.tr("Conservation"), len(ids), self.tr("Arrêter"))
        progress.canceled.connect(bridge.cancel)
        bridge.advanced.connect(self._on_bridge_advanced)
        self.progress = progress
        self._update_buttons()
        progress.show()
        session = self._session

        def work() -> PurgeResult:
            return RetentionService(session).purge(ids, bridge.report)

        self._runner.run(work, self._on_purged, self._on_purge_failed)

    @Slot(int, int)
    def _on_bridge_advanced(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done)
            self.progress.setLabelText(self.tr("Suppression : %d sur %d dossiers…") % (done,
                                                                                      total))

    def _end_purge(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
        if self._bridge is not None:
            self._bridge.deleteLater()
        self._bridge = None

    def _on_purged(self, result: PurgeResult) -> None:
        self._end_purge()
        text = self.tr("%d dossier(s) et %d fiche(s) personne supprimés définitivement.") % (
            result.dossiers, result.persons)
        if result.skipped:
            text += self.tr(" %d dossier(s) gardés : un contact a eu lieu depuis la liste.") % (
                result.skipped)
        if result.cancelled:
            text += self.tr(" Arrêté avant la fin : les dossiers restants sont toujours là.")
        show_message(self.status_label, text, error=False)
        self.refresh()

    def _on_purge_failed(self, exc: BaseException) -> None:
        self._end_purge()
        show_message(self.status_label, user_message(exc))
        self.refresh()
