"""Typing as a keyboard would, for GUI tests.

QTest.keyClicks aborts the process on a non-ASCII character, so such
characters go one key event at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget


def _target(where: object) -> QWidget:
    focused = QApplication.focusWidget()
    if isinstance(where, QWidget):
        # An item view opens a cell editor on the first key, which then has
        # the focus: later keys go there, as a keyboard's would.
        return focused if focused is not None and where.isAncestorOf(focused) else where
    assert focused is not None, "nothing has the keyboard focus"
    return focused


def type_text(where: object, text: str) -> None:
    """Type ``text`` into the widget ``where`` (or its focused part); anything
    else (such as pytest-qt's qtbot) means "whatever has the focus"."""
    for ch in text:
        target = _target(where)
        if ch.isascii():
            QTest.keyClicks(target, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                )
