"""Which app process owns something (a lock, a recovery copy), and is it alive?

An owner is recorded as host name, process id and, where the system tells
it, the process's start time: a process id is reused after a restart, the
pair is not. Only a process on this host can be checked; for another host
the answer is "unknown" and the caller must not guess.
"""

from __future__ import annotations

import os
import socket
import sys
from dataclasses import asdict, dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any


class Liveness(Enum):
    RUNNING = "running"
    GONE = "gone"
    UNKNOWN = "unknown"  # on another computer


@dataclass(frozen=True, slots=True)
class ProcessId:
    host: str
    pid: int
    started: str = ""  # the system's start time of the process, "" if unknown

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> ProcessId | None:
        if not isinstance(data, dict):
            return None
        host, pid, started = data.get("host"), data.get("pid"), data.get("started", "")
        if not isinstance(host, str) or not isinstance(pid, int) or isinstance(pid, bool):
            return None
        return cls(host, pid, started if isinstance(started, str) else "")


def host_name() -> str:
    return socket.gethostname() or "this computer"


def _proc_stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (Linux), else []."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return []
    # The command name (field 2) may hold spaces and brackets: split after it.
    return stat.rsplit(")", 1)[-1].split()


def _start_time(pid: int) -> str:
    """The start time of ``pid`` in clock ticks since boot (Linux), else ""."""
    fields = _proc_stat(pid)
    return fields[19] if len(fields) > 19 else ""


@cache
def this_process() -> ProcessId:
    return ProcessId(host_name(), os.getpid(), _start_time(os.getpid()))


def _pid_running(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_pid_running(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, owned by another user
    except OSError:
        return False
    return True


def _windows_pid_running(pid: int) -> bool:  # pragma: no cover - Windows only
    # os.kill on Windows would terminate the process, so ask the kernel.
    import ctypes

    still_active = 259
    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel.CloseHandle(handle)


def liveness(owner: ProcessId) -> Liveness:
    """Whether ``owner`` is still running (only knowable on this host)."""
    if owner.host != host_name():
        return Liveness.UNKNOWN
    if owner == this_process():
        return Liveness.RUNNING
    if not _pid_running(owner.pid):
        return Liveness.GONE
    fields = _proc_stat(owner.pid)
    if fields and fields[0] in ("Z", "X"):
        return Liveness.GONE  # killed, not yet reaped by its parent
    if owner.started and len(fields) > 19 and fields[19] != owner.started:
        return Liveness.GONE  # the id now belongs to a newer process
    return Liveness.RUNNING
