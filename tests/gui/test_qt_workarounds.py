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


COPY_THEN_QUIT = """
import briefing_app.gui
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from briefing_app.gui.main_window import MainWindow
from briefing_app.sample import load_sample
window = MainWindow()
window.load_brief(load_sample(), None)
window.show()
def copy_and_quit():
    area = window.text_editor.text_area
    area.selectAll()
    area.copy()
    window.close()
    app.quit()
QTimer.singleShot(300, copy_and_quit)
app.exec()
print("closed")
"""


def test_copying_text_then_quitting_exits_cleanly(tmp_path) -> None:
    # The clipboard keeps what was copied after the window is gone; a
    # clipboard object owned by Python crashed the process at exit.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", COPY_THEN_QUIT], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "closed" in result.stdout
