"""The app survives the Qt bindings' reference leak on None (PySide6 6.12.0
on Python 3.11): many thousands of Qt calls must not abort the process."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
import briefing_app.gui
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for _ in range(150_000):
    label.setText("x")
print("survived")
"""


def test_many_qt_calls_do_not_abort_the_app() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout


def test_the_leak_is_detected_by_its_behaviour_not_a_version() -> None:
    """With the work-around applied None has a huge reference count; the probe
    still sees a leaking binding leak (its count goes down per void call)."""
    from PySide6 import __version__ as pyside

    from briefing_app.gui.qt_workarounds import none_leaks, protect_none

    leaks = none_leaks()
    if sys.version_info < (3, 12) and pyside.startswith("6.12.0"):
        assert leaks  # the release the work-around was written for
    assert protect_none() is (leaks and sys.version_info < (3, 12))
    if protect_none():
        assert sys.getrefcount(None) > 1 << 39
