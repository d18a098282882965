"""The main window as the GUI tests open it: its own settings file, shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from briefing_app.gui.main_window import MainWindow


def new_window(qtbot, tmp_path: Path, name: str = "settings") -> MainWindow:
    settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window
