"""Run something in a child process with a memory limit and a time bound.

For tests of hostile input: the outcome (exit status, output) is asserted,
and the child runs under ``resource`` limits on its address space and a
generous wall-clock bound that only a runaway would reach (CI noise cannot;
the benchmark runner reports the real figures). The child's own peak memory
is its resident high-water mark (VmHWM), read from /proc while it runs: not
``ru_maxrss``, which Linux carries across fork and exec, so that it reports
the test process's own size once the test process has grown larger.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
#: Generous bounds: the targets are 10 s and 1 GB on a 2-core machine.
SECONDS = 120.0
MEMORY_MB = 1536
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # the child's largest resident size
    timed_out: bool

    @property
    def error_line(self) -> str:
        """The one line the command line prints for a user's error (the
        check's warnings may come before it)."""
        *warnings, last = self.stderr.strip().splitlines()
        assert all(w.startswith("briefing-app: warning: ") for w in warnings), self.stderr[-3000:]
        assert last.startswith("briefing-app: error: "), last
        assert "Traceback" not in self.stderr and "went wrong" not in self.stderr, self.stderr
        return last

    def assert_bounded(self) -> None:
        assert not self.timed_out, f"still running after {self.seconds:.0f} s"
        # A MemoryError from the limit shows as a traceback or "went wrong".
        assert "MemoryError" not in self.stderr, self.stderr[-2000:]


def _limit(memory_mb: int):
    def apply() -> None:
        import resource

        limit = memory_mb * MB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_child(
    argv: list[str],
    *,
    seconds: float = SECONDS,
    memory_mb: int = MEMORY_MB,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
) -> Outcome:
    environment = dict(os.environ if env is None else env)
    environment.setdefault("PYTHONUTF8", "1")
    environment.pop("BRIEFING_DEBUG", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            argv,
            cwd=cwd or ROOT,
            env=environment,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limit(memory_mb),
            start_new_session=True,
        )
        if stdin is not None:
            assert proc.stdin is not None
            proc.stdin.write(stdin)
            proc.stdin.close()
        timed_out = False
        peak_kb = 0
        while True:
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > seconds:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                _pid, status, _usage = os.wait4(proc.pid, 0)
                break
            # Often at first (a short child's whole life), then every 20 ms.
            time.sleep(0.002 if time.monotonic() - start < 1 else 0.02)
        elapsed = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        return Outcome(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            elapsed,
            peak_kb / 1024,
            timed_out,
        )


def _high_water_kb(pid: int) -> int:
    """The process's resident high-water mark so far (0 once it has exited)."""
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def cli(*args: str, **kwargs) -> Outcome:
    """``briefing-app ARGS`` in a bounded child process."""
    return run_child([sys.executable, "-m", "briefing_app", *args], **kwargs)


def python(code: str, **kwargs) -> Outcome:
    """Python code in a bounded child process (the project importable)."""
    return run_child([sys.executable, "-c", code], **kwargs)
