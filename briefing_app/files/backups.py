"""Earlier saved versions of a brief, so a bad save can be undone.

Before a save replaces a brief, the version on disk is copied into a small
folder of its own in the per-user data folder (never beside the brief, so
shared drives are not cluttered). The newest few versions are kept; each is
named after the time that version was saved.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from briefing_app.errors import WriteError
from briefing_app.files.atomic import atomic_write
from briefing_app.model.storage import BRIEF_SUFFIX, MAX_FILE_BYTES

KEEP = 10
_ORIGIN = "origin.json"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"(\d{8}-\d{6}-\d{6})" + re.escape(BRIEF_SUFFIX))


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    saved_at: _dt.datetime  # when this version was saved (aware, UTC)
    size: int


def _key(brief_path: Path) -> str:
    """A folder name per brief: readable, and unique per full path."""
    resolved = str(brief_path.resolve())
    digest = hashlib.sha256(resolved.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "_", brief_path.stem)[:40].strip("._") or "brief"
    return f"{stem}-{digest}"


class BackupStore:
    def __init__(self, folder: str | os.PathLike[str], keep: int = KEEP) -> None:
        self.folder = Path(folder)
        self.keep = keep

    def folder_for(self, brief_path: str | os.PathLike[str]) -> Path:
        return self.folder / _key(Path(brief_path))

    def keep_copy(self, brief_path: str | os.PathLike[str]) -> Backup | None:
        """Copy the version now on disk at ``brief_path`` (call before
        saving over it). Nothing to copy, or the same bytes as the newest
        backup: None. Raises WriteError in plain words."""
        brief_path = Path(brief_path)
        try:
            st = brief_path.stat()
            if not brief_path.is_file() or st.st_size > MAX_FILE_BYTES:
                return None
            data = brief_path.read_bytes()
        except OSError:
            return None  # nothing readable there: nothing to lose
        versions = self.versions(brief_path)
        if versions and versions[0].size == len(data) and versions[0].path.read_bytes() == data:
            return None
        saved_at = _dt.datetime.fromtimestamp(st.st_mtime, _dt.UTC)
        folder = self.folder_for(brief_path)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(
                f"The folder for earlier versions, '{folder}', could not be made "
                f"({exc.strerror or exc})."
            ) from exc
        origin = folder / _ORIGIN
        if not origin.exists():
            text = json.dumps({"brief": str(brief_path.resolve())}, ensure_ascii=False)
            atomic_write(origin, text.encode("utf-8"))
        target = folder / f"{saved_at:{_STAMP}}{BRIEF_SUFFIX}"
        atomic_write(target, data)
        self._prune(brief_path)
        return Backup(target, saved_at, len(data))

    def versions(self, brief_path: str | os.PathLike[str]) -> list[Backup]:
        """The kept versions of ``brief_path``, newest first."""
        folder = self.folder_for(brief_path)
        found: list[Backup] = []
        try:
            children = list(folder.iterdir())
        except OSError:
            return []
        for child in children:
            match = _NAME.fullmatch(child.name)
            if not match:
                continue
            try:
                when = _dt.datetime.strptime(match.group(1), _STAMP).replace(tzinfo=_dt.UTC)
                size = child.stat().st_size
            except (ValueError, OSError):
                continue
            found.append(Backup(child, when, size))
        found.sort(key=lambda b: b.saved_at, reverse=True)
        return found

    def _prune(self, brief_path: Path) -> None:
        for old in self.versions(brief_path)[self.keep :]:
            with contextlib.suppress(OSError):
                old.path.unlink()
