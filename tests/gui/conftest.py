"""GUI test set-up: the app's own Qt work-arounds apply to tests too
(importing briefing_app.gui applies them; see qt_workarounds.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QApplication

import briefing_app.gui  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_clipboard_after_test():
    """Qt's offscreen platform (tests only; not the X11, Wayland, Windows or
    macOS clipboards) crashes at exit when its clipboard still holds data
    made in Python, so every test leaves the clipboard empty."""
    yield
    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()
        app.processEvents()


# Recovery copies and other app data go to a test folder, never the user's.
QStandardPaths.setTestModeEnabled(True)
