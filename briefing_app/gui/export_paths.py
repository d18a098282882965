"""Where an export goes: beside the brief, under its name, and remembered per
brief (export a brief to a shared folder once, and the next export of that
brief offers the same folder and name, whatever other briefs did since).

A brief not saved yet offers the folder of the last export, under its title.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from PySide6.QtCore import QSettings

_GROUP = "exports_by_brief"
_LAST_FOLDER = "last_export_folder"


def safe_name(title: str) -> str:
    """A file name made from a brief's title (no path separators or
    characters Windows refuses)."""
    name = re.sub(r"[\\/:*?\"<>|\s]+", " ", title).strip()[:80].strip()
    return name or "Brief"


def _key(brief_path: Path) -> str:
    # One key per brief: a hash of its full path (QSettings keys cannot
    # hold every character a path may).
    digest = hashlib.sha1(str(brief_path.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"{_GROUP}/{digest}"


def suggested_path(
    settings: QSettings, brief_path: Path | None, title: str, suffix: str, fallback: str
) -> Path:
    """The file an export dialog starts with (``fallback``: a folder for a
    brief that was never saved and never exported)."""
    if brief_path is not None:
        remembered = settings.value(_key(brief_path))
        if remembered:
            stem = Path(str(remembered))
            if stem.parent.is_dir():
                return stem.with_name(stem.name + suffix)
        return brief_path.with_suffix(suffix)
    folder = str(settings.value(_LAST_FOLDER, "") or "")
    if not folder or not Path(folder).is_dir():
        folder = fallback
    return Path(folder) / (safe_name(title) + suffix)


def remember(settings: QSettings, brief_path: Path | None, export_path: Path) -> None:
    """Note where this brief was exported (and the last export folder)."""
    settings.setValue(_LAST_FOLDER, str(export_path.parent))
    if brief_path is not None:
        settings.setValue(_key(brief_path), str(export_path.with_suffix("")))
