"""The vigilance hint in a real text field: what is underlined, what hovering says, and silence.

The shipped lexicon (``resources/lexique_vigilance.txt``) is used as is; the assertions read the
formats Qt actually applies to the text and the tooltip the viewport shows.
"""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QToolTip

from anaiss_desktop.domain.vigilance import Lexicon, load_lexicon
from anaiss_desktop.gui.vigilance import (
    UNDERLINE_COLOUR,
    VigilanceHint,
    attach_vigilance,
    shipped_lexicon,
)


@pytest.fixture
def edit(qtbot) -> QPlainTextEdit:
    widget = QPlainTextEdit()
    widget.setTabChangesFocus(True)
    qtbot.addWidget(widget)
    widget.resize(500, 200)
    widget.show()
    return widget


def underlined(edit: QPlainTextEdit) -> list[tuple[int, int]]:
    """(start, end) of the wavy underlines Qt draws, in document offsets."""
    spans = []
    block = edit.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            if fmt.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                assert fmt.format.underlineColor() == UNDERLINE_COLOUR
                spans.append((block.position() + fmt.start,
                              block.position() + fmt.start + fmt.length))
        block = block.next()
    return sorted(spans)


def point_on(edit: QPlainTextEdit, position: int) -> QPoint:
    """A point of the viewport over the character at ``position`` (its left half)."""
    cursor = QTextCursor(edit.document())
    cursor.setPosition(position)
    left = edit.cursorRect(cursor)
    cursor.setPosition(position + 1)
    right = edit.cursorRect(cursor)
    return QPoint((left.x() + right.x()) // 2, left.center().y())


def test_typing_a_judgement_underlines_it_with_a_suggestion(qtbot, edit):
    hint = attach_vigilance(edit)
    qtbot.keyClicks(edit, "Il est alcoolique")
    assert [(h.start, h.end, h.category) for h in hint.hints()] == [(7, 17, "santé")]
    assert underlined(edit) == [(7, 17)]
    suggestion = hint.hints()[0].suggestion
    assert "fait observé ou rapporté" in suggestion
    for position in (7, 12, 16):  # first, middle and last letter
        assert suggestion in hint.tooltip_at(point_on(edit, position))
    assert "santé" in hint.tooltip_at(point_on(edit, 12))
    assert hint.tooltip_at(point_on(edit, 1)) == ""  # "Il": nothing to say
    assert hint.tooltip_at(point_on(edit, 5)) == ""  # "est"


def test_hovering_shows_the_tooltip(qtbot, edit):
    attach_vigilance(edit)
    qtbot.keyClicks(edit, "Il est alcoolique")
    viewport = edit.viewport()
    pos = point_on(edit, 10)
    event = QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert "fait observé ou rapporté" in QToolTip.text()
    QToolTip.hideText()


def test_offsets_follow_the_document_across_lines_and_accents(qtbot, edit):
    hint = attach_vigilance(edit)
    edit.setPlainText("Reçue ce jour.\nElle se dit Sans-Papiers depuis 2019.")
    start = len("Reçue ce jour.\nElle se dit ")
    assert [(h.start, h.end, h.matched) for h in hint.hints()] == [
        (start, start + len("Sans-Papiers"), "Sans-Papiers")
    ]
    assert underlined(edit) == [(start, start + len("Sans-Papiers"))]
    edit.setPlainText("Rien à signaler.")
    assert hint.hints() == [] and underlined(edit) == []


def test_it_never_blocks_and_never_logs(qtbot, edit, caplog):
    hint = attach_vigilance(edit)
    with caplog.at_level(logging.DEBUG):
        qtbot.keyClicks(edit, "Il est alcoolique et violent")
    assert edit.toPlainText() == "Il est alcoolique et violent"  # nothing changed or refused
    assert hint.hints()
    assert caplog.records == []


def test_an_empty_or_custom_lexicon_is_used_as_given(qtbot, edit):
    silent = VigilanceHint(edit, Lexicon())
    qtbot.keyClicks(edit, "Il est alcoolique")
    assert silent.hints() == [] and underlined(edit) == []
    other = QPlainTextEdit()
    qtbot.addWidget(other)
    custom = attach_vigilance(other, load_lexicon("têtu | jugement | Décrire le désaccord"))
    other.setPlainText("Un peu têtue")
    assert [(h.matched, h.suggestion) for h in custom.hints()] == [
        ("têtue", "Décrire le désaccord")
    ]


def test_the_shipped_lexicon_is_read_once():
    assert shipped_lexicon() is shipped_lexicon()
    assert shipped_lexicon().entries
