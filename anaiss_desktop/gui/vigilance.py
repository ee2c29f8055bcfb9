"""The vigilance hint in free text: sensitive or judgemental wording gently underlined.

What is written in a dossier can be read by the person (right of access), and the historical
tools were criticised for "subjective and reductive" qualifications (SPEC §1). While a summary or
a note is typed, words of the editable lexicon (``resources/lexique_vigilance.txt``, matched by
:class:`anaiss_desktop.domain.vigilance.Lexicon`) get a discreet wavy underline, and hovering one
shows its category and a neutral suggestion.

It is only a hint: it never blocks, never changes the text, is never counted and never logged
(this module logs nothing at all). A missing or unreadable lexicon simply means no underline.
"""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import QEvent, QObject, QPoint, QRect
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from ..domain.vigilance import LEXICON_FILE, Hint, Lexicon, load_lexicon
from ..paths import resource

UNDERLINE_COLOUR = QColor("#c0862b")  # ochre: visible, not alarming (red means error here)

TextEdit = QPlainTextEdit | QTextEdit


@cache
def shipped_lexicon() -> Lexicon:
    """The station's lexicon, read once per run; an empty one if the file cannot be read."""
    try:
        text = resource(LEXICON_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return Lexicon()
    return load_lexicon(text)


def tooltip_text(hint: Hint) -> str:
    """What hovering an underlined passage shows (rich text, so long advice wraps)."""
    return (
        f"<p><b>Vigilance — {html.escape(hint.category, quote=False)}</b><br>"
        f"{html.escape(hint.suggestion, quote=False)}</p>"
    )


class VigilanceHighlighter(QSyntaxHighlighter):
    """Underlines, block by block, the passages the lexicon finds.

    Args:
        document: the text document to watch (a summary's or a note's).
        lexicon: the lexicon to match; the shipped one by default.
    """

    def __init__(self, document: QTextDocument, lexicon: Lexicon | None = None) -> None:
        super().__init__(document)
        self._lexicon = lexicon if lexicon is not None else shipped_lexicon()
        self._format = QTextCharFormat()
        self._format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._format.setUnderlineColor(UNDERLINE_COLOUR)

    @property
    def lexicon(self) -> Lexicon:
        return self._lexicon

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        for hint in self._lexicon.find(text):
            self.setFormat(hint.start, hint.end - hint.start, self._format)

    def hints(self) -> list[Hint]:
        """Every hint of the document, with offsets in the whole document."""
        found: list[Hint] = []
        block = self.document().begin()
        while block.isValid():
            base = block.position()
            for hint in self._lexicon.find(block.text()):
                found.append(Hint(base + hint.start, base + hint.end, hint.matched,
                                  hint.category, hint.suggestion, hint.term))
            block = block.next()
        return found

    def hint_at(self, position: int) -> Hint | None:
        """The hint covering the character at ``position`` in the document, if any."""
        block = self.document().findBlock(position)
        if not block.isValid():
            return None
        offset = position - block.position()
        for hint in self._lexicon.find(block.text()):
            if hint.start <= offset < hint.end:
                return hint
        return None


class VigilanceHint(QObject):
    """The hint attached to one text field: underline while typing, advice on hover.

    Use :func:`attach_vigilance`; the object lives as long as the text field.

    Args:
        edit: a ``QPlainTextEdit`` or ``QTextEdit``.
        lexicon: the lexicon to match; the shipped one by default.
    """

    def __init__(self, edit: TextEdit, lexicon: Lexicon | None = None) -> None:
        super().__init__(edit)
        self._edit = edit
        self._viewport = edit.viewport()
        self.highlighter = VigilanceHighlighter(edit.document(), lexicon)
        self._viewport.installEventFilter(self)

    def hints(self) -> list[Hint]:
        return self.highlighter.hints()

    def hint_under(self, pos: QPoint) -> Hint | None:
        """The hint under a point of the viewport (the character the mouse is on)."""
        edit = self._edit
        cursor = edit.cursorForPosition(pos)
        position = cursor.position()
        # cursorForPosition gives the nearest caret position: the character under the mouse is
        # the one after it, or the one before it when the mouse is left of the caret.
        if pos.x() < edit.cursorRect(cursor).x() and position > 0:
            position -= 1
        if position >= edit.document().characterCount() - 1:
            return None
        return self.highlighter.hint_at(position)

    def tooltip_at(self, pos: QPoint) -> str:
        """The tooltip shown for a point of the viewport ("" when nothing is underlined)."""
        hint = self.hint_under(pos)
        return tooltip_text(hint) if hint is not None else ""

    def _hint_rect(self, hint_pos: QPoint) -> QRect:
        """The area where the same tooltip stays up (the line under the mouse)."""
        edit = self._edit
        cursor = edit.cursorForPosition(hint_pos)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfWord)
        start = edit.cursorRect(cursor)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfWord)
        end = edit.cursorRect(cursor)
        return start.united(end)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # The type first: while the text field is being destroyed its viewport still sends
        # events, and the field must not be touched then.
        if event.type() != QEvent.Type.ToolTip or watched is not self._viewport:
            return False
        assert isinstance(event, QHelpEvent)
        text = self.tooltip_at(event.pos())
        if text:
            QToolTip.showText(event.globalPos(), text, self._viewport,
                              self._hint_rect(event.pos()))
        else:
            QToolTip.hideText()
            event.ignore()
        return True


def attach_vigilance(edit: TextEdit, lexicon: Lexicon | None = None) -> VigilanceHint:
    """Give a free-text field the vigilance hint; returns it (tests ask it for its hints)."""
    return VigilanceHint(edit, lexicon)
