"""Start the real app process with a test driving it (tests only).

    python tests/gui/app_driver.py [BRIEF]

Runs the app exactly as `briefing-app [BRIEF]` does (briefing_app.cli.main),
after patching, from here, what a test needs; the product itself reads no
test switches. What to do comes from these environment variables:

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
import sys
from pathlib import Path

TYPE = "BRIEFING_TEST_TYPE"
RECOVERY = "BRIEFING_TEST_RECOVERY"
REPORT = "BRIEFING_TEST_REPORT"
_KEY_INTERVAL_MS = 15


def patch_dialogs() -> None:
    """Neutralise the questions asked while the window starts."""
    from briefing_app.gui import dialogs

    answer = os.environ.get(RECOVERY)
    if answer:
        choice = dialogs.RecoveryChoice(answer)
        dialogs.ask_recovery = lambda _parent, _items: (choice, 0)
        dialogs.confirm = lambda *_a: True


def drive_after_start() -> None:
    """Once the app has done its own start-up work, type and report."""
    from briefing_app.gui import app

    started = app._started

    def then(window) -> None:
        started(window)
        _drive(window)

    app._started = then


def _drive(window) -> None:
    text = os.environ.get(TYPE)
    report = os.environ.get(REPORT)
    if text:
        _type(window, text, then=lambda: _report(window, report))
    else:
        _report(window, report)


def _type(window, text: str, then) -> None:
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from briefing_app.model.brief import TextContent

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
    from briefing_app.files.atomic import atomic_write
    from briefing_app.model.walk import brief_texts

    data = {
        "path": str(window.session.path) if window.session.path else None,
        "modified": window.session.modified,
        "title": window.windowTitle(),
        "text": "\n".join(piece.text for piece in brief_texts(window.session.brief)),
        "pid": os.getpid(),
    }
    atomic_write(Path(report), json.dumps(data, ensure_ascii=False).encode("utf-8"))


def main(argv: list[str]) -> int:
    patch_dialogs()
    drive_after_start()
    from briefing_app.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
