"""Guard against a Qt binding that corrupts the interpreter.

PySide6 6.12.0 on CPython 3.11 drops one reference to ``None`` on every Qt call returning
nothing; after a few thousand calls the interpreter aborts ("deallocating None"). The
application makes that many calls within minutes, so such a binding must never be installed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject


def test_qt_calls_do_not_leak_references_to_none() -> None:
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(200):
        obj.setObjectName("x")
    # Other threads may hold or release a few references meanwhile; a leak loses 200.
    assert before - sys.getrefcount(None) < 50
