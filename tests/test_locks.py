"""Lock files beside open briefs, and the process checks behind them."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.errors import WriteError
from briefing_app.files import atomic
from briefing_app.files.atomic import atomic_create
from briefing_app.files.locks import (
    BriefLock,
    BriefLockedError,
    LockOwner,
    holder_elsewhere,
    lock_path,
    new_token,
    read_lock,
)
from briefing_app.files.processes import Liveness, ProcessId, liveness, this_process


def dead_process() -> ProcessId:
    """The id of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return ProcessId(this_process().host, proc.pid, "")


def test_this_process_is_running_and_an_ended_one_is_not() -> None:
    assert liveness(this_process()) is Liveness.RUNNING
    assert liveness(dead_process()) is Liveness.GONE
    assert liveness(ProcessId("another-computer.example", os.getpid())) is Liveness.UNKNOWN


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="start times need /proc")
def test_a_reused_process_id_is_not_mistaken_for_the_owner() -> None:
    me = this_process()
    assert me.started
    impostor = ProcessId(me.host, me.pid, str(int(me.started) + 1))
    assert liveness(impostor) is Liveness.GONE


def test_a_killed_but_unreaped_process_counts_as_gone() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    owner = ProcessId(this_process().host, proc.pid, "")
    assert liveness(owner) is Liveness.RUNNING
    proc.kill()
    try:
        # Not reaped yet: a zombie still has its process id.
        import time

        for _ in range(200):
            if liveness(owner) is Liveness.GONE:
                break
            time.sleep(0.01)
        assert liveness(owner) is Liveness.GONE
    finally:
        proc.wait()


def test_atomic_create_refuses_an_existing_name_and_leaves_it(tmp_path: Path) -> None:
    target = tmp_path / "name.lock"
    atomic_create(target, b"first")
    with pytest.raises(FileExistsError):
        atomic_create(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["name.lock"]


def test_atomic_create_without_hard_links_still_creates_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_a: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(atomic.os, "link", no_links)
    target = tmp_path / "name.lock"
    atomic_create(target, b"first")
    with pytest.raises(FileExistsError):
        atomic_create(target, b"second")
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["name.lock"]


@pytest.mark.parametrize("step", ["tempfile.mkstemp", "os.fsync", "os.link"])
def test_atomic_create_failing_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    module, name = step.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, full)
    if step == "os.link":  # the fallback then fails too
        monkeypatch.setattr(atomic.os, "open", full)
    with pytest.raises(WriteError, match="full"):
        atomic_create(tmp_path / "x.lock", b"data")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_lock_records_who_has_the_brief_open(tmp_path: Path) -> None:
    brief = tmp_path / "Брыфінг – draft 2.brief"
    brief.write_text("{}")
    lock = BriefLock.acquire(brief, new_token())
    assert lock.active and lock.path == lock_path(brief)
    assert lock.path.name == ".Брыфінг – draft 2.brief.lock"
    data = json.loads(lock.path.read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["host"] == this_process().host
    assert read_lock(brief) == lock.owner
    lock.release()
    assert not lock.path.exists()


def test_second_window_is_told_who_holds_the_brief(tmp_path: Path) -> None:
    brief = tmp_path / "brief.brief"
    first = BriefLock.acquire(brief, new_token())
    with pytest.raises(BriefLockedError) as info:
        BriefLock.acquire(brief, new_token())
    message = str(info.value)
    assert "'brief.brief' is already open in Briefing Builder" in message
    assert "on this computer" in message
    assert info.value.holder == first.owner
    # The same window asking again keeps its own lock.
    assert BriefLock.acquire(brief, first.owner.token).active
    first.release()
    assert BriefLock.acquire(brief, new_token()).active


def test_a_lock_left_by_a_crashed_app_is_taken_over(tmp_path: Path) -> None:
    brief = tmp_path / "brief.brief"
    stale = LockOwner(dead_process(), "old-token", "anna", "2025-10-27T09:00:00+00:00")
    lock_path(brief).write_bytes(stale.to_bytes())
    lock = BriefLock.acquire(brief, new_token())
    assert lock.active and read_lock(brief) == lock.owner


def test_a_lock_from_another_computer_is_respected(tmp_path: Path) -> None:
    brief = tmp_path / "brief.brief"
    other = LockOwner(ProcessId("PC-12", 4242), "t", "anna", "2025-10-27T09:00:00+00:00")
    lock_path(brief).write_bytes(other.to_bytes())
    with pytest.raises(BriefLockedError, match="by anna on the computer PC-12 since"):
        BriefLock.acquire(brief, new_token())
    assert holder_elsewhere(brief, "mine") == other


@pytest.mark.parametrize("content", [b"", b"\xff\xfe garbage", b'{"format": "x"}', b"[" * 5000])
def test_a_damaged_lock_file_is_replaced(tmp_path: Path, content: bytes) -> None:
    brief = tmp_path / "brief.brief"
    lock_path(brief).write_bytes(content)
    lock = BriefLock.acquire(brief, new_token())
    assert lock.active and lock.is_ours()


def test_release_leaves_a_lock_that_someone_else_took_over(tmp_path: Path) -> None:
    brief = tmp_path / "brief.brief"
    mine = BriefLock.acquire(brief, new_token())
    theirs = LockOwner(ProcessId("PC-12", 1), "theirs")
    lock_path(brief).write_bytes(theirs.to_bytes())
    mine.release()
    assert read_lock(brief) == theirs


def test_a_folder_that_takes_no_lock_still_opens_the_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def denied(*_a: object, **_k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    lock = BriefLock.acquire(tmp_path / "brief.brief", new_token())
    assert not lock.active and "permission" in lock.problem
    lock.release()  # nothing to release, no error


def test_take_over_replaces_the_holder(tmp_path: Path) -> None:
    brief = tmp_path / "brief.brief"
    other = LockOwner(ProcessId("PC-12", 4242), "t", "anna")
    lock_path(brief).write_bytes(other.to_bytes())
    lock = BriefLock.take_over(brief, "mine")
    assert lock.active and read_lock(brief) == lock.owner
    lock.release()
    assert not lock_path(brief).exists()
