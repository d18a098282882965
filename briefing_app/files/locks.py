"""A lock file beside an open brief, so a second window or a second app does
not silently overwrite the first one's work.

The lock is a small JSON file named after the brief (``.NAME.brief.lock``)
holding who has it open: user, computer, process and when. A lock whose
process has gone (the app crashed or was killed) on this computer is stale
and taken over quietly; a lock held by a running app, or by another
computer, makes the second opener choose (read-only, open anyway, cancel).
A folder where no lock can be written (read-only, say) does not stop
anyone reading the brief: it is opened without a lock.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import getpass
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing_app.errors import BriefError, WriteError
from briefing_app.files.atomic import atomic_create, atomic_write
from briefing_app.files.processes import Liveness, ProcessId, liveness, this_process

LOCK_FORMAT = "briefing-builder/lock"
_MAX_LOCK_BYTES = 64 * 1024


def lock_path(brief_path: str | os.PathLike[str]) -> Path:
    brief_path = Path(brief_path)
    return brief_path.with_name(f".{brief_path.name}.lock")


def new_token() -> str:
    """Names one window's claim: two windows of one process differ too."""
    return secrets.token_hex(8)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment: not worth failing for
        return ""


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class LockOwner:
    process: ProcessId
    token: str
    user: str = ""
    since: str = ""  # ISO 8601, UTC

    @classmethod
    def me(cls, token: str) -> LockOwner:
        return cls(this_process(), token, _user(), _now())

    def to_bytes(self) -> bytes:
        data = {
            "format": LOCK_FORMAT,
            "user": self.user,
            "since": self.since,
            "token": self.token,
            **self.process.to_json(),
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_bytes(cls, data: bytes) -> LockOwner | None:
        try:
            raw: Any = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            return None
        if not isinstance(raw, dict) or raw.get("format") != LOCK_FORMAT:
            return None
        process = ProcessId.from_json(raw)
        token, user, since = raw.get("token"), raw.get("user", ""), raw.get("since", "")
        if process is None or not isinstance(token, str):
            return None
        return cls(
            process,
            token,
            user if isinstance(user, str) else "",
            since if isinstance(since, str) else "",
        )

    def describe(self) -> str:
        """ "by anna on the computer PC-12 since 14:32 on 27 October 2025"."""
        parts = []
        if self.user:
            parts.append(f"by {self.user}")
        if self.process.host == this_process().host:
            parts.append("on this computer")
        else:
            parts.append(f"on the computer {self.process.host}")
        with contextlib.suppress(ValueError):
            when = _dt.datetime.fromisoformat(self.since).astimezone()
            parts.append(f"since {when:%H:%M} on {when.day} {when:%B %Y}")
        return " ".join(parts)


class BriefLockedError(BriefError):
    """The brief is open in another window or app."""

    def __init__(self, brief_path: Path, holder: LockOwner) -> None:
        self.brief_path = brief_path
        self.holder = holder
        super().__init__(
            f"'{brief_path.name}' is already open in Briefing Builder, {holder.describe()}."
        )


@dataclass(slots=True)
class BriefLock:
    """This window's claim on a brief file (``active`` is False when the
    folder would not take a lock file: the brief is then open unlocked)."""

    brief_path: Path
    owner: LockOwner
    active: bool = False
    problem: str = field(default="", compare=False)

    @property
    def path(self) -> Path:
        return lock_path(self.brief_path)

    @classmethod
    def acquire(cls, brief_path: str | os.PathLike[str], token: str) -> BriefLock:
        """Claim ``brief_path``; raise BriefLockedError if someone else has it."""
        lock = cls(Path(brief_path), LockOwner.me(token))
        for _attempt in range(3):
            try:
                atomic_create(lock.path, lock.owner.to_bytes())
            except FileExistsError:
                holder = read_lock(lock.brief_path)
                if holder is None and not lock.path.exists():
                    continue  # released between the two steps: try again
                if holder is not None and holder.token == token:
                    lock.active = True
                    return lock
                if holder is not None and liveness(holder.process) is not Liveness.GONE:
                    raise BriefLockedError(lock.brief_path, holder) from None
                # Stale (its app is gone) or unreadable: take it over.
                try:
                    atomic_write(lock.path, lock.owner.to_bytes())
                except WriteError as exc:
                    lock.problem = str(exc)
                    return lock
                lock.active = True
                return lock
            except WriteError as exc:
                lock.problem = str(exc)
                return lock
            else:
                lock.active = True
                return lock
        return lock

    @classmethod
    def take_over(cls, brief_path: str | os.PathLike[str], token: str) -> BriefLock:
        """Claim ``brief_path`` even though a lock is there (the author chose
        to open it anyway and its holder cannot be checked: a lock left by
        a computer that crashed would otherwise stay for ever)."""
        lock = cls(Path(brief_path), LockOwner.me(token))
        try:
            atomic_write(lock.path, lock.owner.to_bytes())
        except WriteError as exc:
            lock.problem = str(exc)
            return lock
        lock.active = True
        return lock

    def is_ours(self) -> bool:
        holder = read_lock(self.brief_path)
        return holder is not None and holder.token == self.owner.token

    def release(self) -> None:
        """Remove the lock file, unless someone else's lock has replaced it."""
        if self.active and self.is_ours():
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.active = False


def read_lock(brief_path: str | os.PathLike[str]) -> LockOwner | None:
    """Who holds the lock on ``brief_path``, or None (no lock, or unreadable)."""
    try:
        with open(lock_path(brief_path), "rb") as handle:
            data = handle.read(_MAX_LOCK_BYTES + 1)
    except OSError:
        return None
    if len(data) > _MAX_LOCK_BYTES:
        return None
    return LockOwner.from_bytes(data)


def holder_elsewhere(brief_path: str | os.PathLike[str], token: str) -> LockOwner | None:
    """The live holder of ``brief_path``'s lock other than ``token``, if any
    (used before saving over a file someone else may have open)."""
    holder = read_lock(brief_path)
    if holder is None or holder.token == token:
        return None
    return holder if liveness(holder.process) is not Liveness.GONE else None
