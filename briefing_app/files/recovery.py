"""Recovery copies: unsaved work written aside, never over the author's file.

While a brief has unsaved changes the app keeps a copy of it in a
per-user folder (the GUI passes it in). Each open brief has a slot: a
``ID.brief`` file (a normal brief, so it can also be opened by hand) and a
small ``ID.json`` saying which file it belongs to, when it was saved and
which app process owns it. A clean close removes the slot. After a crash
the slot's process is gone, so the next start finds it among the
``orphans()`` and offers to restore it; it stays until the author restores
or discards it.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing_app.errors import WriteError
from briefing_app.files.atomic import atomic_write
from briefing_app.files.filestamp import FileStamp
from briefing_app.files.processes import Liveness, ProcessId, liveness, this_process
from briefing_app.model.brief import Brief
from briefing_app.model.storage import BRIEF_SUFFIX, dumps, load_brief

RECOVERY_FORMAT = "briefing-builder/recovery"
_INFO_SUFFIX = ".json"
_MAX_INFO_BYTES = 256 * 1024


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


@dataclass(frozen=True, slots=True)
class RecoveryInfo:
    """What a slot belongs to: written beside the copy at every autosave."""

    original: Path | None  # the author's file, None for an untitled brief
    name: str  # as the window showed it ("Untitled", "brief.brief")
    title: str  # the brief's own title
    saved_at: _dt.datetime
    owner: ProcessId | None
    base: FileStamp | None = None  # the original file as the app last read or wrote it
    read_only: bool = False

    def to_bytes(self) -> bytes:
        data = {
            "format": RECOVERY_FORMAT,
            "original": str(self.original) if self.original else None,
            "name": self.name,
            "title": self.title,
            "saved_at": self.saved_at.isoformat(),
            "owner": self.owner.to_json() if self.owner else None,
            "base": self.base.to_json() if self.base else None,
            "read_only": self.read_only,
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> RecoveryInfo | None:
        try:
            raw: Any = json.loads(data.decode("utf-8"))
            if not isinstance(raw, dict) or raw.get("format") != RECOVERY_FORMAT:
                return None
            original = raw.get("original")
            saved_at = _dt.datetime.fromisoformat(str(raw.get("saved_at")))
            if saved_at.tzinfo is None:
                saved_at = saved_at.replace(tzinfo=_dt.UTC)
            return cls(
                original=Path(original) if isinstance(original, str) and original else None,
                name=str(raw.get("name") or ""),
                title=str(raw.get("title") or ""),
                saved_at=saved_at,
                owner=ProcessId.from_json(raw.get("owner")),
                base=FileStamp.from_json(raw.get("base")),
                read_only=raw.get("read_only") is True,
            )
        except (UnicodeDecodeError, ValueError, RecursionError, TypeError):
            return None


@dataclass(frozen=True, slots=True)
class RecoveryEntry:
    """A recovery copy found on disk."""

    id: str
    copy_path: Path
    info: RecoveryInfo

    @property
    def label(self) -> str:
        """How the author knows the brief: its file name, else its title."""
        if self.info.original is not None:
            return self.info.original.name
        return self.info.title or self.info.name or "Untitled brief"

    def load(self) -> Brief:
        """The brief as last autosaved (BriefFileError if the copy is damaged)."""
        return load_brief(self.copy_path)


class RecoverySlot:
    """One open brief's place in the store; nothing is on disk until the
    first ``save``."""

    def __init__(self, store: RecoveryStore, slot_id: str) -> None:
        self.store = store
        self.id = slot_id

    @property
    def copy_path(self) -> Path:
        return self.store.folder / f"{self.id}{BRIEF_SUFFIX}"

    @property
    def info_path(self) -> Path:
        return self.store.folder / f"{self.id}{_INFO_SUFFIX}"

    @property
    def exists(self) -> bool:
        return self.copy_path.exists()

    def save(
        self,
        brief: Brief,
        *,
        original: Path | None,
        name: str,
        base: FileStamp | None = None,
        read_only: bool = False,
    ) -> Path:
        """Write the copy, then its description (WriteError in plain words)."""
        try:
            self.store.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(
                f"The folder for recovery copies, '{self.store.folder}', could not be "
                f"made ({exc.strerror or exc})."
            ) from exc
        atomic_write(self.copy_path, dumps(brief))
        info = RecoveryInfo(
            original=original,
            name=name,
            title=brief.metadata.title,
            saved_at=_now(),
            owner=this_process(),
            base=base,
            read_only=read_only,
        )
        atomic_write(self.info_path, info.to_bytes())
        return self.copy_path

    def discard(self) -> None:
        # The copy first: an info file alone is never offered.
        for path in (self.copy_path, self.info_path):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


class RecoveryStore:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def new_slot(self) -> RecoverySlot:
        return RecoverySlot(self, secrets.token_hex(8))

    def slot_of(self, entry: RecoveryEntry) -> RecoverySlot:
        """Take over ``entry``: its copy becomes this window's slot, kept up
        to date by the next autosave and removed by a clean close."""
        return RecoverySlot(self, entry.id)

    def entries(self) -> list[RecoveryEntry]:
        """Every recovery copy in the store, newest first."""
        found: list[RecoveryEntry] = []
        try:
            copies = sorted(self.folder.glob(f"*{BRIEF_SUFFIX}"))
        except OSError:
            return []
        for copy_path in copies:
            slot_id = copy_path.stem
            info = _read_info(self.folder / f"{slot_id}{_INFO_SUFFIX}")
            if info is None:
                # Killed between writing the copy and its description.
                try:
                    mtime = copy_path.stat().st_mtime
                except OSError:
                    continue
                info = RecoveryInfo(
                    original=None,
                    name="",
                    title="",
                    saved_at=_dt.datetime.fromtimestamp(mtime, _dt.UTC),
                    owner=None,
                )
            found.append(RecoveryEntry(slot_id, copy_path, info))
        found.sort(key=lambda e: e.info.saved_at, reverse=True)
        return found

    def orphans(self) -> list[RecoveryEntry]:
        """Copies whose app is no longer running: work to offer back.

        A copy made on another computer (a roaming profile) cannot be
        checked and is offered too; restoring it only ever makes a copy.
        """
        return [
            e
            for e in self.entries()
            if e.info.owner is None or liveness(e.info.owner) is not Liveness.RUNNING
        ]

    def discard(self, entry: RecoveryEntry) -> None:
        self.slot_of(entry).discard()


def _read_info(path: Path) -> RecoveryInfo | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_INFO_BYTES + 1)
    except OSError:
        return None
    if len(data) > _MAX_INFO_BYTES:
        return None
    return RecoveryInfo.from_bytes(data)
