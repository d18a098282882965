"""What a file on disk looked like when the app last read or wrote it.

Before a save replaces a brief, the app compares the file with its stamp:
if someone else (another person, another app, a sync client) changed it in
the meantime, the author is asked instead of having their change silently
overwritten.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class FileStamp:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, path: str | os.PathLike[str]) -> FileStamp:
        """The stamp of ``path`` just written with ``data`` (no second read)."""
        st = Path(path).stat()
        return cls(st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> FileStamp | None:
        try:
            return cls(int(data["size"]), int(data["mtime_ns"]), str(data["sha256"]))
        except (TypeError, KeyError, ValueError):
            return None


def stamp(path: str | os.PathLike[str]) -> FileStamp | None:
    """The stamp of the file at ``path``, or None if there is none to read."""
    try:
        target = Path(path)
        st = target.stat()
        if not target.is_file():
            return None
        digest = hashlib.sha256(target.read_bytes()).hexdigest()
    except OSError:
        return None
    return FileStamp(st.st_size, st.st_mtime_ns, digest)


def changed_since(path: str | os.PathLike[str], before: FileStamp | None) -> bool:
    """True if the file at ``path`` now holds other bytes than at ``before``.

    A file that is gone, or that was not there before, does not count: saving
    it loses nobody's work. A file merely touched (same bytes) does not count.
    """
    if before is None:
        return False
    try:
        st = Path(path).stat()
    except OSError:
        return False
    if st.st_size == before.size and st.st_mtime_ns == before.mtime_ns:
        return False
    now = stamp(path)
    return now is not None and now.sha256 != before.sha256
