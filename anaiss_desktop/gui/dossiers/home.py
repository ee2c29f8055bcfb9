"""The home screen, "Mon activité": what a social worker opens the application for.

The historical tools gave "no overall view" (72 %) and "no day-to-day follow-up" (74 %) (SPEC §1).
This screen answers both on one page: today's appointments, overdue follow-ups (marked), my
open dossiers, those without contact for longer than a chosen delay, and the dossiers opened
lately. One click (or Enter) on a line opens its dossier.

The lists come from :class:`~anaiss_desktop.services.home.HomeService` on the task runner
(the query can take more than 100 ms on a large caseload); tables are lazy models that hand the
view rows by pages, so a long caseload costs nothing until it is scrolled. The chosen delay is
kept in the encrypted store, with the account's drafts (``pref:home``), never in QSettings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.access import can_create_dossier
from ...domain.accounts import Role
from ...domain.dates import format_fr, format_instant_fr
from ...domain.records import Echeance, EcheanceKind
from ...services.access_info import AbsenceReport, AccessInfoService
from ...services.drafts import DraftService
from ...services.home import DossierLine, HomeService, HomeView
from ...services.reminders import manager_reminders
from ...services.session import Session
from ...services.unit_overview import UnitOverviewService
from ..admin.common import setup_table
from ..messages import mute, show_message, user_message
from ..prompts import Prompts
from ..workers import TaskRunner
from .person_form import local_today

PREF_KEY = "pref:home"
DEFAULT_NO_CONTACT_DAYS = 90
FETCH_PAGE = 50
OVERDUE_COLOUR = QColor("#a4161a")
REMINDER_STYLE = ("QLabel { background: #fbf5e6; color: #5c4400; border: 1px solid #e8d9ad;"
                  " border-radius: 4px; padding: 6px 10px; }")

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column of a home list: its header and how a row reads in it."""

    header: str
    text: Callable[[Any], str]
    overdue: bool = False  # drawn in the overdue colour
    stretch: bool = False  # takes the width left (the others fit their content)


class LineModel(QAbstractTableModel):
    """Rows of one home list, handed to the view a page at a time (``fetchMore``).

    ``Qt.ItemDataRole.UserRole`` gives the dossier id of a row.

    Args:
        columns: what each column shows.
        dossier_of: the dossier id of a row object.
        parent: the owning widget.
    """

    def __init__(self, columns: Sequence[Column], dossier_of: Callable[[Any], int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._dossier_of = dossier_of
        self._rows: list[Any] = []
        self._shown = 0

    @property
    def columns(self) -> tuple[Column, ...]:
        return self._columns

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._shown = min(len(self._rows), FETCH_PAGE)
        self.endResetModel()

    def total(self) -> int:
        return len(self._rows)

    def row_object(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < self._shown else None

    def dossier_id_at(self, row: int) -> int:
        line = self.row_object(row)
        return 0 if line is None else int(self._dossier_of(line))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008, N802
        return not parent.isValid() and self._shown < len(self._rows)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008, N802
        if parent.isValid():
            return
        more = min(FETCH_PAGE, len(self._rows) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.row_object(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(line)
        if role == Qt.ItemDataRole.UserRole:
            return self._dossier_of(line)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.text(line)
        if column.overdue and role == Qt.ItemDataRole.ForegroundRole:
            return OVERDUE_COLOUR
        if column.overdue and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        return None


class LinkTable(QTableView):
    """A read-only table whose lines are links: one click or Enter chooses a row.

    Signals:
        row_chosen(int): the row clicked or validated with Enter.
    """

    row_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QTableView::item { padding-left: 4px; padding-right: 12px; }")
        setup_table(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.currentIndex()
            if index.isValid():
                self.row_chosen.emit(index.row())
                return
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            index = self.indexAt(event.position().toPoint())
            if index.isValid():
                self.row_chosen.emit(index.row())

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        model = self.model()
        if not self.currentIndex().isValid() and model is not None and model.rowCount():
            self.setCurrentIndex(model.index(0, 0))


class Section(QFrame):
    """A titled panel of the home screen: a table, or a friendly sentence when it is empty.

    Args:
        title: the section's title (with an ``&`` accelerator that focuses the table).
        model: the rows.
        empty_text: what is said when there is nothing to show.
        parent: the owning widget.
    """

    def __init__(self, title: str, model: LineModel, empty_text: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home_section")
        self.setStyleSheet(
            "QFrame#home_section { background: palette(base); border: 1px solid #d3dde7;"
            " border-radius: 5px; }"
        )
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(6)
        self.header = QHBoxLayout()
        self.header.setSpacing(6)
        self.title_label = QLabel(title, self)
        self.title_label.setObjectName("section_title")
        self.title_label.setStyleSheet("QLabel { font-weight: 600; color: #1f3a5f; }")
        self.header.addWidget(self.title_label)
        self.count_label = QLabel(self)
        mute(self.count_label)
        self.header.addWidget(self.count_label)
        self.header.addStretch(1)
        layout.addLayout(self.header)
        self.stack = QStackedWidget(self)
        self.table = LinkTable(self.stack)
        self.table.setModel(model)
        self.title_label.setBuddy(self.table)
        self.stack.addWidget(self.table)
        self.empty_label = QLabel(empty_text, self.stack)
        self.empty_label.setObjectName("empty_label")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setMargin(4)
        mute(self.empty_label)
        self.stack.addWidget(self.empty_label)
        layout.addWidget(self.stack, 1)
        self.note_label = QLabel(self)
        self.note_label.setWordWrap(True)
        mute(self.note_label)
        self.note_label.hide()
        layout.addWidget(self.note_label)

    def show_rows(self, rows: Sequence[Any], count: int | None = None,
                  empty_text: str | None = None) -> None:
        self.model.set_rows(rows)
        shown = len(rows) if count is None else count
        self.count_label.setText(f"({shown})" if shown else "")
        if empty_text is not None:
            self.empty_label.setText(empty_text)
        self.stack.setCurrentWidget(self.table if rows else self.empty_label)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus if rows
                                  else Qt.FocusPolicy.NoFocus)
        if rows:
            header = self.table.horizontalHeader()
            header.setStretchLastSection(False)
            for column, spec in enumerate(self.model.columns):
                header.setSectionResizeMode(
                    column, QHeaderView.ResizeMode.Stretch if spec.stretch
                    else QHeaderView.ResizeMode.ResizeToContents)

    def texts(self) -> list[str]:
        """Every shown row as one line of text (what a person reads), for tests."""
        model = self.model
        return [
            " | ".join(str(model.data(model.index(row, column)) or "")
                       for column in range(model.columnCount()))
            for row in range(model.rowCount())
        ]


def _when(echeance: Echeance) -> str:
    if len(echeance.due_at) > 10:
        return echeance.due_at[11:16]
    return "dans la journée"


def _what(echeance: Echeance) -> str:
    return echeance.label or echeance.kind.label


def _kind(echeance: Echeance) -> str:
    return "Rendez-vous" if echeance.kind is EcheanceKind.APPOINTMENT else "Suivi"


def _contact(line: DossierLine) -> str:
    return format_fr(line.last_contact_on) if line.last_contact_on else "aucun"


class HomeWidget(QWidget):
    """The "Mon activité" page.

    Args:
        session: the signed-in session (replaced with :meth:`set_session` after an unlock).
        runner: runs the home query off the GUI thread.
        prompts: message boxes.
        parent: the owning widget.

    Signals:
        dossier_requested(int): a line was chosen; the main window opens the dossier.
        loaded(): the lists were (re)filled.
    """

    dossier_requested = Signal(int)
    loaded = Signal()

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._generation = 0
        self._pref_loaded = False
        self._today = local_today(session)
        self.view: HomeView | None = None
        self._build()
        self._pref_timer = QTimer(self)
        self._pref_timer.setSingleShot(True)
        self._pref_timer.setInterval(500)
        self._pref_timer.timeout.connect(self._on_pref_timer_timeout)
        self.days_spin.valueChanged.connect(self._pref_timer.start)
        self.refresh_button.clicked.connect(self.refresh)
        refresh = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        refresh.activated.connect(self.refresh)
        self.refresh()

    # -- construction --------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 12)
        layout.setSpacing(10)
        header = QHBoxLayout()
        title = QLabel(self.tr("Mon activité"), self)
        title.setObjectName("page_title")
        header.addWidget(title)
        header.addStretch(1)
        self.updated_label = QLabel(self)
        mute(self.updated_label)
        # Room for "Mis à jour à 00:00" from the start: a label sized while empty gets clipped.
        self.updated_label.setMinimumWidth(
            self.updated_label.fontMetrics().horizontalAdvance(self.tr("Mis à jour à 00:00")) + 8
        )
        header.addWidget(self.updated_label)
        self.refresh_button = QPushButton(self.tr("Actualiser (F5)"), self)
        self.refresh_button.setObjectName("refresh_button")
        header.addWidget(self.refresh_button)
        layout.addLayout(header)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        layout.addWidget(self.message_label)
        # The manager's reminders (retention period, backup), one sentence each.
        self.reminders_label = QLabel(self)
        self.reminders_label.setObjectName("reminders_label")
        self.reminders_label.setWordWrap(True)
        self.reminders_label.setStyleSheet(REMINDER_STYLE)
        self.reminders_label.hide()
        layout.addWidget(self.reminders_label)

        today_columns = (
            Column(self.tr("Heure"), _when),
            Column(self.tr("Personne"), lambda e: e.person_name),
            Column(self.tr("Objet"), _what, stretch=True),
            Column(self.tr("Lieu"), lambda e: e.place),
        )
        overdue_columns = (
            Column(self.tr("Prévue le"), lambda e: format_fr(date.fromisoformat(e.due_at[:10])),
                   overdue=True),
            Column(self.tr("Retard"), self._late_text, overdue=True),
            Column(self.tr("Personne"), lambda e: e.person_name),
            Column(self.tr("Objet"), lambda e: f"{_kind(e)} : {_what(e)}", stretch=True),
        )
        open_columns = (
            Column(self.tr("Personne"), lambda d: d.person_name, stretch=True),
            Column(self.tr("N° de dossier"), lambda d: d.number),
            Column(self.tr("Dernier contact"), _contact),
        )
        quiet_columns = (
            Column(self.tr("Personne"), lambda d: d.person_name, stretch=True),
            Column(self.tr("N° de dossier"), lambda d: d.number),
            Column(self.tr("Dernier contact"), _contact),
            Column(self.tr("Délai"), self._silence_text),
        )
        recent_columns = (
            Column(self.tr("Personne"), lambda d: d.person_name, stretch=True),
            Column(self.tr("N° de dossier"), lambda d: d.number),
            Column(self.tr("Référent(e)"), lambda d: d.referent_name),
        )

        def echeance_id(e: Echeance) -> int:
            return e.dossier_id

        def line_id(d: DossierLine) -> int:
            return d.dossier_id

        self.today_section = Section(
            self.tr("Rendez-vous du &jour"), LineModel(today_columns, echeance_id, self),
            self.tr("Pas de rendez-vous aujourd'hui."), self)
        self.overdue_section = Section(
            self.tr("Échéances en re&tard"), LineModel(overdue_columns, echeance_id, self),
            self.tr("Rien en retard : tout est à jour."), self)
        self.recent_section = Section(
            self.tr("Récemment o&uverts"), LineModel(recent_columns, line_id, self),
            self.tr("Les dossiers que vous ouvrez apparaîtront ici."), self)
        self.open_section = Section(
            self.tr("&Mes dossiers ouverts"), LineModel(open_columns, line_id, self),
            self.tr("Aucun dossier ouvert à votre nom pour l'instant.")
            + (self.tr(" Menu Dossier › Nouvelle personne… (Ctrl+N) en crée un.")
               if can_create_dossier(self._session.account) else ""), self)
        self.quiet_section = Section(
            self.tr("Sans &contact depuis"), LineModel(quiet_columns, line_id, self), "", self)
        self.days_spin = QSpinBox(self.quiet_section)
        self.days_spin.setObjectName("days_spin")
        self.days_spin.setRange(7, 3650)
        self.days_spin.setSingleStep(15)
        self.days_spin.setValue(DEFAULT_NO_CONTACT_DAYS)
        self.days_spin.setSuffix(self.tr(" jours"))
        self.days_spin.setAccessibleName(self.tr("Délai sans contact, en jours"))
        self.quiet_section.header.insertWidget(1, self.days_spin)
        self.quiet_section.title_label.setBuddy(self.days_spin)

        # On return from an absence: what the covering colleagues consulted and did.
        absence_columns = (
            Column(self.tr("Quand"), lambda line: format_instant_fr(line.at)),
            Column(self.tr("Qui"), lambda line: line.actor),
            Column(self.tr("Quoi"), lambda line: line.action),
            Column(self.tr("Personne"), lambda line: line.person, stretch=True),
            Column(self.tr("N° de dossier"), lambda line: line.dossier_number or ""),
        )
        self.absence_section = Section(
            self.tr("Pendant votre a&bsence"),
            LineModel(absence_columns, lambda line: line.dossier_id or 0, self), "", self)
        self.absence_section.setStyleSheet(
            "QFrame#home_section { background: #fffaf0; border: 1px solid #e8cf85;"
            " border-radius: 5px; }")
        self.absence_seen_button = QPushButton(self.tr("Marquer comme lu"), self.absence_section)
        self.absence_section.header.addWidget(self.absence_seen_button)
        self.absence_seen_button.clicked.connect(self._on_absence_seen_button_clicked)
        self.absence_section.setMaximumHeight(230)
        self.absence_section.hide()
        self.absence_report: AbsenceReport | None = None
        layout.addWidget(self.absence_section)

        # A manager who is not a social worker follows the unit by its figures (no names).
        unit_columns = (
            Column(self.tr("Référent(e)"), lambda c: c.referent, stretch=True),
            Column(self.tr("Ouverts"), lambda c: str(c.open)),
            Column(self.tr("En veille"), lambda c: str(c.dormant)),
            Column(self.tr("Clos cette année"), lambda c: str(c.closed_this_year)),
            Column(self.tr("Échéances en retard"), lambda c: str(c.overdue)),
        )
        self.unit_section = Section(
            self.tr("Mon &unité : dossiers par référent(e)"),
            LineModel(unit_columns, lambda _c: 0, self),
            self.tr("Aucun dossier dans l'unité pour l'instant."), self)
        self.unit_section.note_label.setText(self.tr(
            "Comme responsable non travailleur social, vous voyez les comptages et l'identité "
            "des personnes (recherche), jamais le contenu des dossiers."))
        self.unit_section.note_label.show()
        layout.addWidget(self.unit_section, 1)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(12)
        left.addWidget(self.today_section, 1)
        left.addWidget(self.overdue_section, 1)
        left.addWidget(self.recent_section, 1)
        right = QVBoxLayout()
        right.setSpacing(12)
        right.addWidget(self.open_section, 3)
        right.addWidget(self.quiet_section, 2)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns, 1)

        for section in self.sections():
            section.table.row_chosen.connect(self._on_table_row_chosen)
        self.setTabOrder(self.refresh_button, self.today_section.table)
        self.setTabOrder(self.today_section.table, self.overdue_section.table)
        self.setTabOrder(self.overdue_section.table, self.recent_section.table)
        self.setTabOrder(self.recent_section.table, self.open_section.table)
        self.setTabOrder(self.open_section.table, self.days_spin)
        self.setTabOrder(self.days_spin, self.quiet_section.table)

    def sections(self) -> tuple[Section, ...]:
        return (self.today_section, self.overdue_section, self.recent_section,
                self.open_section, self.quiet_section, self.absence_section, self.unit_section)

    @property
    def mode(self) -> str:
        """"caseload" (social workers), "agenda" (secretary) or "unit" (a manager who is not
        a social worker): what this account's day is made of."""
        account = self._session.account
        if account.role is Role.SECRETARY:
            return "agenda"
        if account.is_manager and not account.social_worker:
            return "unit"
        return "caseload"

    def _apply_mode(self) -> None:
        mode = self.mode
        self.unit_section.setVisible(mode == "unit")
        for section in (self.overdue_section, self.open_section, self.quiet_section):
            section.setVisible(mode == "caseload")
        self.today_section.setVisible(mode != "unit")
        self.recent_section.setVisible(mode != "unit")
        self.today_section.title_label.setText(
            self.tr("Rendez-vous du service au&jourd'hui") if mode == "agenda"
            else self.tr("Rendez-vous du &jour"))

    def _late_text(self, echeance: Echeance) -> str:
        days = (self._today - date.fromisoformat(echeance.due_at[:10])).days
        return self.tr("{0} j").format(days) if days > 0 else ""

    def _silence_text(self, line: DossierLine) -> str:
        if line.last_contact_on is None:
            return "—"
        return self.tr("{0} jours").format((self._today - line.last_contact_on).days)

    # -- loading -------------------------------------------------------------------------------
    @property
    def no_contact_days(self) -> int:
        return self.days_spin.value()

    def set_session(self, session: Session) -> None:
        self._session = session
        self.refresh()

    def clear(self) -> None:
        """Forget every line (the session ended): nothing personal stays behind the lock.

        An answer still on its way is dropped when it arrives.
        """
        self._generation += 1
        self._pref_timer.stop()
        self.view = None
        self.absence_report = None
        self.absence_section.hide()
        self.show_reminders([])
        for section in self.sections():
            section.show_rows([])
        self.updated_label.setText("")

    def refresh(self) -> None:
        """Read the lists again (F5, after a change, when the tab comes back)."""
        session = self._session
        if not session.is_open:
            return
        self._generation += 1
        generation = self._generation
        read_pref = not self._pref_loaded
        days = self.no_contact_days
        today = local_today(session)

        mode = self.mode
        self._apply_mode()

        def load() -> tuple[int, HomeView, AbsenceReport, list, list[str]]:
            chosen = days
            if read_pref:
                pref = DraftService(session).load(PREF_KEY) or {}
                value = pref.get("no_contact_days")
                if isinstance(value, int) and 7 <= value <= 3650:
                    chosen = value
            view = HomeService(session).home(no_contact_days=chosen, today=today)
            unit: list = []
            if mode == "agenda":
                view = replace(view, today=UnitOverviewService(session).appointments(today))
            elif mode == "unit":
                unit = UnitOverviewService(session).counts(today)
            return (chosen, view, AccessInfoService(session).absence_report(), unit,
                    manager_reminders(session))

        def done(result: tuple[int, HomeView, AbsenceReport, list, list[str]]) -> None:
            if isValid(self) and generation == self._generation and session.is_open:
                self._today = today
                self._pref_loaded = True
                self._show(result[0], result[1])
                self._show_absence(result[2])
                self.unit_section.show_rows(result[3])
                self.show_reminders(result[4])

        def failed(exc: BaseException) -> None:
            if isValid(self) and generation == self._generation and session.is_open:
                show_message(self.message_label, user_message(exc))

        self.updated_label.setText(self.tr("Mise à jour…"))
        self._runner.run(load, done, failed)

    def _show(self, days: int, view: HomeView) -> None:
        self.view = view
        if days != self.days_spin.value():
            self.days_spin.blockSignals(True)
            self.days_spin.setValue(days)
            self.days_spin.blockSignals(False)
        show_message(self.message_label, "")
        self.today_section.show_rows(view.today)
        self.overdue_section.show_rows(view.overdue)
        self.recent_section.show_rows(view.recent)
        self.open_section.show_rows(view.open_dossiers, view.open_count)
        if view.open_count > len(view.open_dossiers):
            self.open_section.note_label.setText(self.tr(
                "{0} affichés sur {1} : la recherche (Ctrl+K) trouve les autres."
            ).format(len(view.open_dossiers), view.open_count))
            self.open_section.note_label.show()
        else:
            self.open_section.note_label.hide()
        self.quiet_section.show_rows(
            view.without_contact,
            empty_text=self.tr(
                "Tous vos dossiers ouverts ont eu un contact depuis moins de {0} jours."
            ).format(days) if view.open_count else self.tr("Aucun dossier ouvert."))
        self.updated_label.setText(
            self.tr("Mis à jour à {0}").format(QTime.currentTime().toString("HH:mm")))
        self.loaded.emit()

    def show_reminders(self, reminders: list[str]) -> None:
        self.reminders_label.setText("\n".join(reminders))
        self.reminders_label.setVisible(bool(reminders))

    def _show_absence(self, report: AbsenceReport) -> None:
        self.absence_report = report
        section = self.absence_section
        section.show_rows(report.lines)
        if report.lines:
            section.count_label.setText(self.tr("— %s : %d action(s) sur %d dossier(s)") % (
                ", ".join(report.colleagues), len(report.lines), report.dossiers))
        section.setVisible(bool(report.lines))

    @Slot()
    def _on_absence_seen_button_clicked(self) -> None:
        report, session = self.absence_report, self._session
        if report is None or not session.is_open:
            return
        self._runner.run(lambda: AccessInfoService(session).acknowledge_absence_report(report),
                         lambda _: self.refresh(), self._on_absence_failed)

    def _on_absence_failed(self, exc: BaseException) -> None:
        if isValid(self):
            show_message(self.message_label, user_message(exc))

    def _on_pref_timer_timeout(self) -> None:
        session = self._session
        if not session.is_open:
            return
        days = self.no_contact_days
        self._runner.run(lambda: DraftService(session).save(PREF_KEY, {"no_contact_days": days}),
                         lambda _: None, lambda _exc: None)
        self.refresh()

    def _on_table_row_chosen(self, row: int) -> None:
        # A bound method (no lambda holding ``self`` on a child's signal): the table that
        # sent the row says which list it is.
        table = self.sender()
        model = table.model() if isinstance(table, LinkTable) else None
        if not isinstance(model, LineModel):
            return
        dossier_id = model.dossier_id_at(row)
        if dossier_id:
            self.dossier_requested.emit(dossier_id)
