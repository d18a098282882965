"""The per-user folder where the app keeps recovery copies and backups.

Qt knows where each system keeps application data (for example
~/.local/share/Briefing Builder/Briefing Builder on Linux, AppData\\Roaming
on Windows, ~/Library/Application Support on macOS); the core is given the
folder and never asks Qt itself.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def data_dir() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".briefing-builder"


def recovery_dir() -> Path:
    return data_dir() / "recovery"


def backups_dir() -> Path:
    return data_dir() / "backups"
