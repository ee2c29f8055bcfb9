"""Search as you type, from anywhere in the main window (Ctrl+F or Ctrl+K).

Two modes share one field. *Personnes* finds people by name (any order, prefixes, accents and
hyphens ignored, birth names too), birth date or dossier number, at the identity level every
account may see (SPEC §2): a dossier the account may not open shows a lock and "Suivi par X",
so the person knows whom to ask instead of creating a duplicate. *Dans les écrits* searches the
summaries and notes the account may read (FTS5), with snippets.

Typing never waits: each keystroke restarts a short timer (120 ms); the query runs on the task
runner and a stale answer (an older keystroke's) is dropped. The results list never takes the
focus: Up/Down move in it, Enter opens, Escape closes, Ctrl+Tab switches mode.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPen,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.dates import format_fr
from ...services.search import SNIPPET_END, SNIPPET_START, SearchHit, SearchService, TextHit
from ...services.session import Session
from ..messages import mute, user_message
from ..prompts import Prompts
from ..workers import TaskRunner

DEBOUNCE_MS = 120
PERSONS, WRITINGS = range(2)

LINE1_ROLE = Qt.ItemDataRole.UserRole + 1
LINE2_ROLE = Qt.ItemDataRole.UserRole + 2
RESULT_ROLE = Qt.ItemDataRole.UserRole + 3
LOCKED_ROLE = Qt.ItemDataRole.UserRole + 4
SEGMENTS_ROLE = Qt.ItemDataRole.UserRole + 5  # [(text, emphasised)] of the second line

LOCKED_COLOUR = QColor("#7a4b00")


@dataclass(frozen=True)
class Result:
    """One line of the results: what Enter does with it.

    Args:
        dossier_id: the dossier to open, or 0 for a person without dossier.
        can_open: whether this account may open it.
        info: what is shown instead when it cannot be opened (identity level only).
    """

    dossier_id: int
    can_open: bool
    info: str


def snippet_segments(snippet: str) -> list[tuple[str, bool]]:
    """Split a snippet into (text, matched) runs, the service's marks around matched words
    removed; runs of white space are folded so the line reads as one sentence."""
    text = " ".join(snippet.split())
    segments: list[tuple[str, bool]] = []
    while text:
        start = text.find(SNIPPET_START)
        end = text.find(SNIPPET_END, start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            segments.append((text, False))
            break
        if start:
            segments.append((text[:start], False))
        segments.append((text[start + len(SNIPPET_START):end], True))
        text = text[end + len(SNIPPET_END):]
    return [(part, bold) for part, bold in segments if part]


def _minimum_reached(text: str) -> bool:
    """Two letters, or one digit (a dossier number's sequence may be "7")."""
    stripped = text.strip()
    return len(stripped) >= 2 or stripped.isdigit()


class ResultDelegate(QStyledItemDelegate):
    """Two lines per result: the person in bold, then the dossier (or the snippet) muted; a
    small lock drawn before the second line of a dossier the account may not open."""

    PAD = 8

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        height = option.fontMetrics.height()
        return QSize(200, 2 * height + 3 * self.PAD // 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter,
                                opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        palette = opt.palette
        text_colour = palette.highlightedText().color() if selected else palette.text().color()
        rect = opt.rect.adjusted(self.PAD + 2, self.PAD // 2 + 1, -self.PAD, -self.PAD // 2)
        height = opt.fontMetrics.height()
        painter.save()
        bold = QFont(opt.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_colour)
        line1 = str(index.data(LINE1_ROLE) or "")
        first = QRect(rect.left(), rect.top(), rect.width(), height)
        painter.drawText(first, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(line1, Qt.TextElideMode.ElideRight,
                                                          first.width()))
        painter.setFont(opt.font)
        second = QRect(rect.left(), rect.top() + height + 3, rect.width(), height)
        locked = bool(index.data(LOCKED_ROLE))
        if locked:
            colour = text_colour if selected else LOCKED_COLOUR
            self._draw_lock(painter, QRect(second.left(), second.top(), height, height), colour)
            second.setLeft(second.left() + height + 4)
            painter.setPen(colour)
        else:
            muted = QColor(text_colour)
            if not selected:
                background = palette.base().color()
                muted = QColor(
                    round(muted.red() * 0.62 + background.red() * 0.38),
                    round(muted.green() * 0.62 + background.green() * 0.38),
                    round(muted.blue() * 0.62 + background.blue() * 0.38),
                )
            painter.setPen(muted)
        segments = index.data(SEGMENTS_ROLE) or [(str(index.data(LINE2_ROLE) or ""), False)]
        x = second.left()
        for text, emphasised in segments:
            painter.setFont(bold if emphasised else opt.font)
            metrics = painter.fontMetrics()
            room = second.right() - x
            if room <= 0:
                break
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QRect(x, second.top(), room, height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            if shown != text:
                break
            x += metrics.horizontalAdvance(text)
        painter.restore()

    @staticmethod
    def _draw_lock(painter: QPainter, box: QRect, colour: QColor) -> None:
        """A padlock from two shapes: drawn, so it needs no icon theme and follows the colour."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = box.height()
        body = QRect(box.left() + size // 6, box.top() + size * 5 // 12,
                     size * 2 // 3, size * 7 // 12 - 1)
        pen = QPen(colour)
        pen.setWidthF(max(1.3, size / 11))
        painter.setPen(pen)
        shackle = QRect(body.left() + body.width() // 5, box.top() + 1,
                        body.width() * 3 // 5, body.height())
        painter.drawArc(shackle, 0, 180 * 16)
        painter.drawLine(shackle.left(), shackle.center().y(), shackle.left(), body.top())
        painter.drawLine(shackle.right(), shackle.center().y(), shackle.right(), body.top())
        painter.setBrush(colour)
        painter.drawRoundedRect(body, 1.5, 1.5)
        painter.restore()


class SearchPopup(QFrame):
    """The results under the search field: mode tabs, the list, a message, the keys to use.

    A child of the main window's page (not a separate window), so the privacy screen hides it
    with everything else and the keyboard focus never leaves the field.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("search_popup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "QFrame#search_popup { background: palette(base); border: 1px solid #9fb3c8;"
            " border-radius: 4px; }"
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.mode_tabs = QTabBar(self)
        self.mode_tabs.setObjectName("mode_tabs")
        self.mode_tabs.addTab(self.tr("Personnes"))
        self.mode_tabs.addTab(self.tr("Dans les écrits"))
        self.mode_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mode_tabs.setDrawBase(False)
        self.mode_tabs.setExpanding(False)
        top.addWidget(self.mode_tabs)
        top.addStretch(1)
        self.count_label = QLabel(self)
        mute(self.count_label)
        top.addWidget(self.count_label)
        layout.addLayout(top)
        self.list_view = QListView(self)
        self.list_view.setObjectName("results_view")
        self.list_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setFrameShape(QFrame.Shape.NoFrame)
        self.list_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list_view.setItemDelegate(ResultDelegate(self.list_view))
        self.list_view.setCursor(Qt.CursorShape.PointingHandCursor)
        layout.addWidget(self.list_view, 1)
        self.info_label = QLabel(self)
        self.info_label.setObjectName("info_label")
        self.info_label.setWordWrap(True)
        self.info_label.setTextFormat(Qt.TextFormat.PlainText)
        self.info_label.setMargin(6)
        self.info_label.setStyleSheet(
            "QLabel { color: #333333; background: #eef3f8; border-radius: 3px; }"
        )
        self.info_label.hide()
        layout.addWidget(self.info_label)
        self.hint_label = QLabel(self.tr(
            "↑ ↓ choisir · Entrée ouvrir · Ctrl+Tab : personnes ou écrits · Échap fermer"
        ), self)
        mute(self.hint_label)
        layout.addWidget(self.hint_label)
        self.hide()


class SearchBox(QWidget):
    """The search field of the main window's header, and its results popup.

    Args:
        session: the signed-in session (replaced with :meth:`set_session`).
        runner: runs each query off the GUI thread.
        prompts: message boxes (unused for now; kept for symmetry with other screens).
        popup_parent: the widget the popup is drawn over (the main window's page).
        parent: the owning widget.

    Signals:
        dossier_requested(int): the person chose a dossier they may open.
    """

    dossier_requested = Signal(int)

    def __init__(self, session: Session, runner: TaskRunner, prompts: Prompts,
                 popup_parent: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._runner = runner
        self._prompts = prompts
        self._generation = 0
        self._in_flight = False
        self._enter_pending = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit(self)
        self.field.setObjectName("search_edit")
        self.field.setClearButtonEnabled(True)
        self.field.setPlaceholderText(
            self.tr("Rechercher : nom, date de naissance, n° de dossier (Ctrl+K)")
        )
        self.field.setMinimumWidth(340)
        layout.addWidget(self.field)
        self.popup = SearchPopup(popup_parent)
        self.model = QStandardItemModel(self)
        self.popup.list_view.setModel(self.model)
        self._popup_parent = popup_parent

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.field.textChanged.connect(self._on_field_text_changed)
        self.field.installEventFilter(self)
        popup_parent.installEventFilter(self)
        self.popup.list_view.clicked.connect(self._on_list_view_clicked)
        self.popup.mode_tabs.currentChanged.connect(self._on_mode_tabs_current_changed)

    # -- public --------------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        self.clear()

    def clear(self) -> None:
        self._generation += 1
        self._in_flight = self._enter_pending = False
        self._timer.stop()
        self.field.clear()
        self.model.clear()
        self.popup.hide()

    def focus_search(self) -> None:
        """Ctrl+F / Ctrl+K: into the field, its text selected so typing replaces it."""
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()
        if _minimum_reached(self.field.text()):
            self._timer.start()

    @property
    def mode(self) -> int:
        return self.popup.mode_tabs.currentIndex()

    def set_mode(self, mode: int) -> None:
        self.popup.mode_tabs.setCurrentIndex(mode)

    def result_texts(self) -> list[str]:
        """What each line of the results says (both lines), for tests and accessibility."""
        return [str(self.model.item(row).text()) for row in range(self.model.rowCount())]

    def current_row(self) -> int:
        index = self.popup.list_view.currentIndex()
        return index.row() if index.isValid() else -1

    # -- typing --------------------------------------------------------------------------------
    def _on_field_text_changed(self, text: str) -> None:
        self._generation += 1  # any answer still on its way is now stale
        self._in_flight = self._enter_pending = False
        if not text.strip():
            self._timer.stop()
            self.model.clear()
            self.popup.hide()
            return
        self._timer.start()

    def _on_mode_tabs_current_changed(self, _index: int) -> None:
        if _minimum_reached(self.field.text()):
            self._generation += 1
            self._timer.start()

    def _on_timer_timeout(self) -> None:
        text = self.field.text().strip()
        if not text:
            return
        if not _minimum_reached(text):
            self._show_results([], self.tr("Tapez au moins deux lettres."), text)
            return
        self._generation += 1
        generation = self._generation
        service = SearchService(self._session)
        mode = self.mode
        query = (lambda: service.search(text)) if mode == PERSONS else (
            lambda: service.search_text(text))

        def done(hits: list) -> None:
            if isValid(self) and generation == self._generation:
                self._in_flight = False
                self._on_results(mode, text, hits)
                if self._enter_pending:
                    self._enter_pending = False
                    if self.model.rowCount():
                        self._choose(0)

        def failed(exc: BaseException) -> None:
            if isValid(self) and generation == self._generation:
                self._in_flight = self._enter_pending = False
                if self._session.is_open:
                    self._show_results([], self.tr("La recherche n'a pas abouti : {0}")
                                       .format(user_message(exc)), text)

        self._in_flight = True
        self._runner.run(query, done, failed)

    # -- results -------------------------------------------------------------------------------
    def _on_results(self, mode: int, text: str, hits: list) -> None:
        if mode == PERSONS:
            items = [item for hit in hits for item in self._person_items(hit)]
            empty = self.tr("Aucune personne ne correspond à « {0} ».").format(text)
        else:
            items = [self._text_item(hit) for hit in hits]
            empty = self.tr("Aucun résumé ni aucune note lisible ne contient « {0} ».").format(
                text)
        self._show_results(items, "" if items else empty, text)

    def _show_results(self, items: list[QStandardItem], info: str, text: str) -> None:
        self.model.clear()
        for item in items:
            self.model.appendRow(item)
        count = len(items)
        self.popup.count_label.setText(
            self.tr("{0} résultat(s)").format(count) if count else ""
        )
        if count:
            self.popup.list_view.setCurrentIndex(self.model.index(0, 0))
        self.popup.list_view.setVisible(bool(count))
        self._set_info(info)
        self._place_popup()

    def _person_items(self, hit: SearchHit) -> list[QStandardItem]:
        born = format_fr(hit.birth_date)
        line1 = hit.display_name + (f"   ·   {born}" if born else "")
        identity = hit.display_name + (self.tr(", date de naissance {0}").format(born)
                                       if born else "")
        me = self._session.account.full_name
        if not hit.dossiers:
            return [self._item(line1, self.tr("Aucun dossier à cette station"),
                               Result(0, False, self.tr(
                                   "{0} : aucun dossier à cette station.").format(identity)))]
        items = []
        for ref in hit.dossiers:
            status = ref.status.label.lower()
            if ref.can_open:
                referent = self.tr("vous") if ref.referent_name == me else ref.referent_name
                line2 = self.tr("Dossier {0} · {1} · référent(e) : {2}").format(
                    ref.number, status, referent)
                result = Result(ref.dossier_id, True, "")
            else:
                line2 = self.tr("Dossier {0} · {1} · Suivi par {2}").format(
                    ref.number, status, ref.referent_name)
                result = Result(ref.dossier_id, False, self.tr(
                    "{0}. Dossier {1} suivi par {2} : seule l'identité vous est visible. "
                    "Contactez {2} si vous devez intervenir."
                ).format(identity, ref.number, ref.referent_name))
            items.append(self._item(line1, line2, result, locked=not ref.can_open))
        return items

    def _text_item(self, hit: TextHit) -> QStandardItem:
        kind = self.tr("Résumé") if hit.kind == "résumé" else self.tr("Note")
        segments = [(f"{format_fr(hit.on_date)} · {kind} : ", False)]
        segments += snippet_segments(hit.snippet)
        line1 = self.tr("{0}   ·   dossier {1}").format(hit.person_name, hit.number)
        line2 = "".join(text for text, _ in segments)
        item = self._item(line1, line2, Result(hit.dossier_id, True, ""))
        item.setData(segments, SEGMENTS_ROLE)
        return item

    @staticmethod
    def _item(line1: str, line2: str, result: Result, *, locked: bool = False) -> QStandardItem:
        item = QStandardItem(f"{line1}\n{line2}")
        item.setData(line1, LINE1_ROLE)
        item.setData(line2, LINE2_ROLE)
        item.setData(result, RESULT_ROLE)
        item.setData(locked, LOCKED_ROLE)
        item.setToolTip(result.info or line2)
        item.setEditable(False)
        return item

    def _set_info(self, text: str) -> None:
        self.popup.info_label.setText(text)
        self.popup.info_label.setVisible(bool(text))

    # -- choosing ------------------------------------------------------------------------------
    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        if not self.popup.isVisible():
            self._place_popup()
            return
        row = min(max(self.current_row() + step, 0), rows - 1)
        index = self.model.index(row, 0)
        self.popup.list_view.setCurrentIndex(index)
        self.popup.list_view.scrollTo(index)
        self._set_info("")

    def _choose(self, row: int) -> None:
        item = self.model.item(row) if 0 <= row < self.model.rowCount() else None
        if item is None:
            return
        result: Result = item.data(RESULT_ROLE)
        if result.can_open and result.dossier_id:
            self.popup.hide()
            self.dossier_requested.emit(result.dossier_id)
        else:
            self._set_info(result.info)
            self._place_popup()

    def _on_list_view_clicked(self, index: QModelIndex) -> None:
        self.popup.list_view.setCurrentIndex(index)
        self._choose(index.row())

    # -- keys, focus and placement -------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.field:
            if event.type() == QEvent.Type.KeyPress and self._on_field_key(event):
                return True
            if event.type() == QEvent.Type.FocusOut:
                reason = event.reason()
                if reason not in (Qt.FocusReason.ActiveWindowFocusReason,
                                  Qt.FocusReason.PopupFocusReason):
                    self.popup.hide()
        elif (watched is self._popup_parent and event.type() == QEvent.Type.Resize
              and self.popup.isVisible()):
            self._place_popup()
        return super().eventFilter(watched, event)

    def _on_field_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if key == Qt.Key.Key_Down:
            self._move(1)
        elif key == Qt.Key.Key_Up:
            self._move(-1)
        elif key == Qt.Key.Key_PageDown:
            self._move(5)
        elif key == Qt.Key.Key_PageUp:
            self._move(-5)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or self._in_flight:
                # Typed fast, then Enter: choose the first line of the answer when it comes.
                self._enter_pending = True
                if self._timer.isActive():
                    self._timer.stop()
                    self._on_timer_timeout()
            elif self.model.rowCount():
                self._choose(max(self.current_row(), 0))
        elif key == Qt.Key.Key_Escape:
            if self.popup.isVisible():
                self.popup.hide()
            elif self.field.text():
                self.clear()
            else:
                return False
        elif ctrl and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.set_mode(WRITINGS if self.mode == PERSONS else PERSONS)
        else:
            return False
        return True

    def _place_popup(self) -> None:
        """Under the field, as wide as useful, never past the page's edges."""
        if not self.field.text().strip():
            self.popup.hide()
            return
        parent = self._popup_parent
        below = self.field.mapTo(parent, QPoint(0, self.field.height() + 2))
        width = min(max(self.field.width(), 620), parent.width() - 16)
        x = min(below.x(), parent.width() - width - 8)
        x = max(x, 8)
        popup = self.popup
        rows = self.model.rowCount()
        row_height = popup.list_view.sizeHintForRow(0) if rows else 0
        room = parent.height() - below.y() - 8
        popup.list_view.setFixedHeight(min(rows, 8) * row_height + 4)
        layout = popup.layout()
        if layout.hasHeightForWidth():
            wanted = layout.totalHeightForWidth(width)
        else:
            wanted = layout.totalSizeHint().height()
        popup.setGeometry(x, below.y(), width, min(wanted, room))
        popup.show()
        popup.raise_()
