"""GUI test set-up: the app's own Qt work-arounds apply to tests too
(importing briefing_app.gui applies them; see qt_workarounds.py)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

import briefing_app.gui  # noqa: F401


@pytest.fixture(autouse=True)
def _empty_clipboard_after_test():
    """Qt owns the clipboard's data; clearing it while the app still runs
    avoids a crash when the QApplication is torn down at exit."""
    yield
    app = QApplication.instance()
    if app is not None:
        app.clipboard().clear()
        app.processEvents()
