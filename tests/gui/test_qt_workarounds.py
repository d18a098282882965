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
