"""The one door every file comes in by: regular files only, never more than a limit.

A path may name a named pipe (reading it waits forever), a device such as
/dev/zero (reading it fills memory), a socket or a folder, directly or
through a link. ``read_file`` refuses those by name, checks the size from
``stat`` before reading, and reads at most one byte past the limit, so a
file that grows while it is read is caught too and no more than the limit
is ever held in memory.

Errors are ``FileReadError`` with a problem in plain words; callers put it
in their own error type with the file's name (a brief, an import, a
template).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from briefing_app.errors import BriefError

MB = 1024 * 1024
_CHUNK = 1024 * 1024


class FileReadError(BriefError):
    """A file that cannot be read; ``problem`` says why in plain words."""

    def __init__(self, problem: str, *, path: str | os.PathLike[str] = "") -> None:
        self.problem = problem
        self.path = Path(path) if path else None
        super().__init__(problem)


def size_words(size: int, *, exact: bool = False) -> str:
    """A size as people say it: "820 bytes", "3.4 MB" ("50 MB" when ``exact``
    and it is a whole number of megabytes)."""
    if size < 1024:
        return f"{size:,} bytes"
    if size < MB:
        return f"{size / 1024:,.0f} KB"
    if exact and size % MB == 0:
        return f"{size // MB:,} MB"
    return f"{size / MB:,.1f} MB"


def _kind(mode: int) -> str:
    """What a non-regular file is, in plain words."""
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe (a FIFO), not a file: reading it could wait for ever"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file"
    return "not a regular file"


def _refuse_os_error(exc: OSError, path: Path) -> FileReadError:
    if isinstance(exc, FileNotFoundError):
        return FileReadError("the file does not exist", path=path)
    if isinstance(exc, PermissionError):
        return FileReadError("you do not have permission to read this file", path=path)
    if isinstance(exc, IsADirectoryError):
        return FileReadError("this is a folder, not a file", path=path)
    if exc.errno == errno.ELOOP:
        return FileReadError("the file is a link that points to itself", path=path)
    if exc.errno == errno.ENAMETOOLONG:
        return FileReadError("the file's name is too long", path=path)
    return FileReadError(f"the file could not be read ({exc.strerror or exc})", path=path)


def check_regular(path: str | os.PathLike[str], limit: int, purpose: str = "") -> int:
    """The size of ``path`` if it is a regular file within ``limit``;
    ``purpose`` ("to import") finishes "too large ..." in messages."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _refuse_os_error(exc, path) from None
    except ValueError:  # a NUL in the name
        raise FileReadError("the file's name is not valid", path=path) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileReadError(f"this is {_kind(info.st_mode)}", path=path)
    if info.st_size > limit:
        raise FileReadError(
            f"the file is {size_words(info.st_size)}, too large{_for(purpose)} (the limit "
            f"is {size_words(limit, exact=True)})",
            path=path,
        )
    return info.st_size


def _for(purpose: str) -> str:
    return f" {purpose}" if purpose else ""


def read_file(path: str | os.PathLike[str], limit: int, purpose: str = "") -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them."""
    path = Path(path)
    check_regular(path, limit, purpose)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _refuse_os_error(exc, path) from None
    try:
        # The name may have been swapped for a pipe since stat: look again
        # at what was opened.
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(f"this is {_kind(info.st_mode)}", path=path)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise _refuse_os_error(exc, path) from None
    finally:
        os.close(fd)
    if total > limit:
        raise FileReadError(
            f"the file is too large{_for(purpose)} (the limit is {size_words(limit, exact=True)})",
            path=path,
        )
    return b"".join(chunks)
