"""TEST-ONLY hooks for driving the real app process from the test suite.

Nothing here runs unless one of these environment variables is set; they
are for tests/gui/test_crash_recovery.py and never for normal use:

  BRIEFING_TEST_TYPE=TEXT         once started, type TEXT at the end of the
                                  first text section, one key event at a time
  BRIEFING_TEST_RECOVERY=ANSWER   answer the "Recover unsaved work" question
                                  without a person: restore, later or discard
  BRIEFING_TEST_REPORT=FILE       once started (and typing is done), write what
                                  the window shows to FILE as JSON
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from briefing_app.atomic import atomic_write
from briefing_app.gui import dialogs
from briefing_app.model.brief import TextContent

TYPE = "BRIEFING_TEST_TYPE"
RECOVERY = "BRIEFING_TEST_RECOVERY"
REPORT = "BRIEFING_TEST_REPORT"
_KEY_INTERVAL_MS = 15


def before_window() -> None:
    """Neutralise the questions asked while the window starts."""
    answer = os.environ.get(RECOVERY)
    if answer:
        choice = dialogs.RecoveryChoice(answer)
        dialogs.ask_recovery = lambda _parent, _items: (choice, 0)
        dialogs.confirm = lambda *_a: True


def started(window) -> None:  # window: MainWindow
    """Run the typing and report hooks once the window is up."""
    text = os.environ.get(TYPE)
    report = os.environ.get(REPORT)
    if not text and not report:
        return
    if text:
        _type(window, text, then=lambda: _report(window, report))
    else:
        _report(window, report)


def _type(window, text: str, then) -> None:
    section = next(
        (s for s in window.session.brief.sections if isinstance(s.content, TextContent)), None
    )
    if section is None:
        then()
        return
    window.sections.select(section.id)
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    keys = list(text)

    def next_key() -> None:
        if not keys:
            timer.stop()
            then()
            return
        ch = keys.pop(0)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(area, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))

    timer = QTimer(window)
    timer.setInterval(_KEY_INTERVAL_MS)
    timer.timeout.connect(next_key)
    timer.start()


def _report(window, report: str | None) -> None:
    if not report:
        return
    texts = [
        line
        for section in window.session.brief.sections
        if isinstance(section.content, TextContent)
        for line in _lines(section.content.blocks)
    ]
    data = {
        "path": str(window.session.path) if window.session.path else None,
        "modified": window.session.modified,
        "title": window.windowTitle(),
        "text": "\n".join(texts),
        "pid": os.getpid(),
    }
    atomic_write(Path(report), json.dumps(data, ensure_ascii=False).encode("utf-8"))


def _lines(blocks: list) -> list[str]:
    """The plain text of paragraphs, list items and callouts, one per line."""
    out: list[str] = []
    for block in blocks:
        if hasattr(block, "runs"):
            out.append("".join(r.text for r in block.runs))
        elif hasattr(block, "items"):
            out += ["".join(r.text for r in item) for item in block.items]
        elif hasattr(block, "blocks"):
            out += [block.title, *_lines(block.blocks)]
    return out
