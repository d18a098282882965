"""Recovery copies, kept backups, on-disk change stamps and progress (the
Qt-free parts; the app's use of them is tested in tests/gui)."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.errors import ExportCancelled, WriteError
from briefing_app.files import atomic
from briefing_app.files.backups import BackupStore
from briefing_app.files.filestamp import changed_since, stamp
from briefing_app.files.processes import ProcessId, this_process
from briefing_app.files.recovery import RecoveryInfo, RecoveryStore
from briefing_app.model.storage import dumps, load_brief, save_brief
from briefing_app.progress import Progress


def test_a_slot_writes_a_copy_and_its_description(tmp_path: Path, sample) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    slot = store.new_slot()
    assert not slot.exists
    original = tmp_path / "mine.brief"
    copy = slot.save(sample, original=original, name="mine.brief")
    assert copy.parent == tmp_path / "recovery" and copy.suffix == ".brief"
    assert load_brief(copy) == sample
    [entry] = store.entries()
    assert entry.info.original == original and entry.label == "mine.brief"
    assert entry.info.owner == this_process()
    age = dt.datetime.now(dt.UTC) - entry.info.saved_at
    assert dt.timedelta(0) <= age < dt.timedelta(minutes=5)
    # This process is running, so its copy is not an orphan.
    assert store.orphans() == []
    slot.discard()
    assert store.entries() == [] and list((tmp_path / "recovery").iterdir()) == []


def _orphan(store: RecoveryStore, brief, original: Path | None, when: str) -> str:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    slot = store.new_slot()
    slot.save(brief, original=original, name=original.name if original else "Untitled")
    info = RecoveryInfo(
        original=original,
        name="x",
        title=brief.metadata.title,
        saved_at=dt.datetime.fromisoformat(when),
        owner=ProcessId(this_process().host, proc.pid),
    )
    slot.info_path.write_bytes(info.to_bytes())
    return slot.id


def test_copies_of_ended_apps_are_offered_newest_first(tmp_path: Path, sample) -> None:
    store = RecoveryStore(tmp_path)
    old = _orphan(store, sample, None, "2025-10-27T09:00:00+00:00")
    new = _orphan(store, sample, tmp_path / "a.brief", "2025-10-27T10:00:00+00:00")
    mine = store.new_slot()
    mine.save(sample, original=None, name="Untitled")
    assert [e.id for e in store.orphans()] == [new, old]
    assert [e.id for e in store.entries()][:2] == [mine.id, new]
    untitled = store.orphans()[1]
    assert untitled.label == sample.metadata.title
    assert untitled.load() == sample
    store.discard(untitled)
    assert [e.id for e in store.orphans()] == [new]


def test_a_copy_without_its_description_is_still_offered(tmp_path: Path, sample) -> None:
    store = RecoveryStore(tmp_path)
    slot = store.new_slot()
    slot.save(sample, original=None, name="Untitled")
    slot.info_path.unlink()  # killed between the two writes
    [entry] = store.orphans()
    assert entry.load() == sample and entry.label == "Untitled brief"


@pytest.mark.parametrize("info", [b"", b"{", b'{"format": "other"}', b"\x00" * 10, b"[" * 9000])
def test_a_damaged_description_is_read_as_unknown(tmp_path: Path, sample, info: bytes) -> None:
    store = RecoveryStore(tmp_path)
    slot = store.new_slot()
    slot.save(sample, original=tmp_path / "x.brief", name="x.brief")
    slot.info_path.write_bytes(info)
    [entry] = store.orphans()
    assert entry.info.original is None and entry.load() == sample


def test_a_missing_recovery_folder_has_no_entries(tmp_path: Path) -> None:
    assert RecoveryStore(tmp_path / "never made").orphans() == []


@pytest.mark.parametrize("step", ["tempfile.mkstemp", "os.fsync", "os.replace"])
def test_a_failed_autosave_keeps_the_previous_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample, step: str
) -> None:
    store = RecoveryStore(tmp_path)
    slot = store.new_slot()
    slot.save(sample, original=None, name="Untitled")
    before = slot.copy_path.read_bytes()
    sample.metadata.title = "Newer"

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    module, name = step.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, full)
    with pytest.raises(WriteError, match="full"):
        slot.save(sample, original=None, name="Untitled")
    monkeypatch.undo()
    assert slot.copy_path.read_bytes() == before
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".brief", ".json"]


# ------------------------------------------------------------------ backups


def test_backups_keep_the_last_versions_newest_first(tmp_path: Path, sample) -> None:
    store = BackupStore(tmp_path / "backups", keep=3)
    brief_path = tmp_path / "Бриф with spaces.brief"
    assert store.keep_copy(brief_path) is None  # nothing saved yet
    saved: list[bytes] = []
    for i in range(5):
        sample.metadata.version = f"v{i}"
        save_brief(sample, brief_path)
        os.utime(brief_path, ns=(0, (1_700_000_000 + i) * 10**9))
        saved.append(brief_path.read_bytes())
        assert store.keep_copy(brief_path) is not None
        # The same bytes twice make no second copy.
        assert store.keep_copy(brief_path) is None
    versions = store.versions(brief_path)
    assert [v.path.read_bytes() for v in versions] == saved[::-1][:3]
    assert versions[0].saved_at == dt.datetime.fromtimestamp(1_700_000_004, dt.UTC)
    folder = store.folder_for(brief_path)
    origin = json.loads((folder / "origin.json").read_text(encoding="utf-8"))
    assert origin["brief"] == str(brief_path.resolve())
    # Another brief of the same name elsewhere has its own versions.
    assert store.versions(tmp_path / "other" / brief_path.name) == []


@pytest.mark.parametrize("step", ["tempfile.mkstemp", "os.fdopen", "os.fsync", "os.replace"])
def test_a_failed_backup_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample, step: str
) -> None:
    store = BackupStore(tmp_path / "backups")
    brief_path = tmp_path / "b.brief"
    save_brief(sample, brief_path)
    store.keep_copy(brief_path)
    sample.metadata.title = "Second"
    save_brief(sample, brief_path)
    before = sorted(p.name for p in store.folder_for(brief_path).iterdir())

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    module, name = step.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, full)
    with pytest.raises(WriteError):
        store.keep_copy(brief_path)
    monkeypatch.undo()
    assert sorted(p.name for p in store.folder_for(brief_path).iterdir()) == before
    assert load_brief(brief_path).metadata.title == "Second"


# ------------------------------------------------------------ change stamps


def test_a_change_by_someone_else_is_noticed_and_a_touch_is_not(tmp_path: Path) -> None:
    path = tmp_path / "b.brief"
    path.write_bytes(b"one")
    before = stamp(path)
    assert before is not None and not changed_since(path, before)
    os.utime(path, ns=(0, 10**9))
    assert not changed_since(path, before)  # same bytes
    path.write_bytes(b"two")
    assert changed_since(path, before)
    path.unlink()
    assert not changed_since(path, before)  # gone: saving loses nobody's work
    assert not changed_since(path, None)
    assert stamp(tmp_path) is None


# ----------------------------------------------------------------- progress


def test_progress_reports_and_cancels() -> None:
    heard: list[tuple[int, int]] = []
    progress = Progress(lambda done, total: heard.append((done, total)))
    progress.step(1, 4)
    progress.cancel()
    with pytest.raises(ExportCancelled, match="nothing was written"):
        progress.step(2, 4)
    assert heard == [(1, 4)] and progress.cancelled


def test_recovery_copies_are_plain_briefs(tmp_path: Path, sample) -> None:
    slot = RecoveryStore(tmp_path).new_slot()
    slot.save(sample, original=None, name="Untitled")
    assert slot.copy_path.read_bytes() == dumps(sample)
