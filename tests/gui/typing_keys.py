"""Typing like a person in GUI tests: into the focused widget, accents included.

QTest's keyClicks only knows ASCII (it aborts on an accent), so other characters go as plain
key events carrying their text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_text(qtbot, text: str) -> None:
    """Type into the focused widget, one character at a time."""
    for char in text:
        widget = focused()
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        code = ord(char.upper())
        key = Qt.Key(code) if code < 0x100 else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier,
                                                     char))


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)
