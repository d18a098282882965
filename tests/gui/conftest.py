"""GUI test set-up: the app's own Qt work-arounds apply to tests too
(importing briefing_app.gui applies them; see qt_workarounds.py)."""

from __future__ import annotations

import gc

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


# Whatever Qt itself keeps goes to a test folder, never the user's.
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def app_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test's recovery copies, kept versions and settings go to folders
    of its own (through the system's standard variables, as for any user),
    so no test is offered another's unsaved work."""
    from briefing_app.files import locations

    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    return locations.user_data_dir()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread():
    """Windows closed by a test leave Python wrappers in reference cycles;
    collect them here, on the GUI thread, rather than let the cycle
    collector run into them later on a worker thread (an export or a
    preview render), where freeing a Qt object crashes."""
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def _spelling_budget_restored(monkeypatch: pytest.MonkeyPatch):
    """The app gives the check a time budget for spelling suggestions (a
    module setting); a window a test opens must not leave it set for the
    tests after it, which expect every suggestion (on a busy machine the
    budget ran out and they found none)."""
    from briefing_app.spelling import check

    monkeypatch.setattr(check, "suggestion_budget", check.suggestion_budget)
