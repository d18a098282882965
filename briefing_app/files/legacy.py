"""Bring version 1's recovery copies and backups to where the app keeps them now.

Version 1 let Qt choose the folder (the app's name twice:
``~/.local/share/Briefing Builder/Briefing Builder`` on Linux). The first
start of a newer version moves what it finds there, so unsaved work left by
a crash is still offered back and earlier versions can still be restored.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

from briefing_app.files import locations

_FOLDERS = ("recovery", "backups")


def move_legacy_data(old: Path | None = None, new: Path | None = None) -> list[Path]:
    """Move the old recovery and backup folders into the new data folder,
    file by file, never over a file already there; return the old folders
    that were emptied (and removed)."""
    old = old if old is not None else locations.legacy_data_dir()
    new = new if new is not None else locations.user_data_dir()
    moved: list[Path] = []
    if old.resolve() == new.resolve():
        return moved
    for name in _FOLDERS:
        source = old / name
        if not source.is_dir() or source.is_symlink():
            continue
        target = new / name
        for path in sorted(source.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            destination = target / path.relative_to(source)
            if destination.exists():
                continue
            try:
                destination.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, destination)
            except OSError:
                continue  # left where it was; the next start tries again
        if not any(p.is_file() for p in source.rglob("*")):
            with contextlib.suppress(OSError):
                shutil.rmtree(source)
            moved.append(source)
    return moved
