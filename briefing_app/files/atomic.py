"""The one helper through which the app writes every file.

The data goes to a temporary file in the target's folder, is flushed and
fsynced, then replaces the target in one step, so a crash or a full disk
leaves either the old file or the new one, never half of either.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from briefing_app.errors import WriteError

_NAME_MAX = 255  # bytes in one file name on every common file system
_TEMP_EXTRA = len("XXXXXXXX.tmp")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _plain_reason(exc: OSError, target: Path) -> str:
    folder = target.parent
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return f"The disk holding '{folder}' is full. Free some space and try again."
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            f"You do not have permission to write to '{target}'. Choose another folder, "
            "or close the file if another program has it open."
        )
    if isinstance(exc, FileNotFoundError):
        return f"The folder '{folder}' does not exist. Choose an existing folder."
    if isinstance(exc, NotADirectoryError):
        return f"'{folder}' is not a folder. Choose an existing folder."
    if isinstance(exc, IsADirectoryError):
        return f"'{target}' is a folder, not a file name. Choose another name."
    if exc.errno == errno.ENAMETOOLONG:
        name = target.name if len(target.name) <= 60 else target.name[:50] + "…"
        return f"The file name '{name}' is too long. Choose a shorter name."
    return f"Could not write '{target}': {exc.strerror or exc}."


def _temp_prefix(name: str) -> str:
    """A prefix for the temporary file beside ``name`` that leaves the whole
    temporary name (prefix, 8 random characters, ".tmp") within the file
    system's limit, even when ``name`` itself is as long as allowed."""
    prefix = f".{name}."
    while len(os.fsencode(prefix)) > _NAME_MAX - _TEMP_EXTRA:
        prefix = prefix[:-2] + "."
    return prefix


def _check_target(target: Path) -> None:
    try:
        info = target.stat()
    except FileNotFoundError:
        return
    except OSError as exc:  # a name too long, a folder that is a file...
        raise WriteError(_plain_reason(exc, target)) from exc
    if stat.S_ISDIR(info.st_mode):
        raise WriteError(f"'{target}' is a folder, not a file name. Choose another name.")
    if stat.S_ISREG(info.st_mode) and not info.st_mode & 0o222:
        # Someone marked the file read-only: replacing it quietly would undo
        # that (the folder still allows it).
        raise WriteError(
            f"'{target.name}' is marked read-only, so it was not replaced. Choose another "
            "name, or remove the read-only mark from the file first."
        )


def atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically; raise WriteError in plain words.

    On any failure the temporary file is removed and an existing file at
    ``path`` is left byte-for-byte as it was. A file marked read-only is
    not replaced.
    """
    target = Path(path)
    _check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name: str | None = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=_temp_prefix(target.name), suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            # mkstemp makes the file private (0600); keep the mode of the file
            # we replace, or give a new one the usual mode for the user's umask.
            try:
                mode = target.stat().st_mode & 0o7777
            except FileNotFoundError:
                mode = 0o666 & ~_umask()
            os.chmod(tmp_name, mode)
            os.replace(tmp_name, target)
            tmp_name = None
        finally:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
        _fsync_folder(folder)
    except OSError as exc:
        raise WriteError(_plain_reason(exc, target)) from exc
    return target


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not every platform allows it.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_create(path: str | os.PathLike[str], data: bytes) -> Path:
    """Create ``path`` holding ``data`` only if nothing has that name yet.

    Raises FileExistsError when the name is taken (this is how a lock is
    claimed: of two instances trying at once, exactly one wins), WriteError
    in plain words for anything else. The file appears complete or not at
    all: it is written to a temporary file that is then linked to its name,
    and linking, unlike replacing, never overwrites.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    tmp_name: str | None = None
    try:
        try:
            fd, tmp_name = tempfile.mkstemp(
                dir=folder, prefix=_temp_prefix(target.name), suffix=".tmp"
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp_name, 0o666 & ~_umask())
            try:
                os.link(tmp_name, target)
            except FileExistsError:
                raise
            except OSError:
                # No hard links here (some network or FAT drives): create the
                # name exclusively and write in place; the data is tiny.
                _create_exclusive(target, data)
        finally:
            if tmp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
        _fsync_folder(folder)
    except FileExistsError:
        raise
    except OSError as exc:
        raise WriteError(_plain_reason(exc, target)) from exc
    return target


def _create_exclusive(target: Path, data: bytes) -> None:
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise
