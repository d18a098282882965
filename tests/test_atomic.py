"""The one write helper: a failure at any step leaves the old file intact."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from briefing_app.errors import WriteError
from briefing_app.files import atomic
from briefing_app.files.atomic import atomic_write
from briefing_app.model.storage import load_brief, save_brief

OLD = b"old contents \xe2\x82\xac\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_replaces_content_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "brief.brief"
    target.write_bytes(OLD)
    target.chmod(0o640)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert leftovers(tmp_path) == []


def test_new_file_gets_the_usual_mode_not_a_private_one(tmp_path: Path) -> None:
    target = tmp_path / "new.pdf"
    atomic_write(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def _fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize(
    "step",
    ["tempfile.mkstemp", "os.fdopen", "os.fsync", "os.chmod", "os.replace"],
)
def test_failure_at_each_step_leaves_old_file_and_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    target = tmp_path / "brief.brief"
    target.write_bytes(OLD)
    module, name = step.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, _fail)
    with pytest.raises(WriteError, match=r"disk .* is full"):
        atomic_write(target, b"new data that must not land")
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_failure_while_writing_the_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "brief.brief"
    target.write_bytes(OLD)
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[:3])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(WriteError):
        atomic_write(target, b"new data")
    monkeypatch.undo()
    assert target.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_interrupted_save_keeps_previous_brief(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample
) -> None:
    target = tmp_path / "sample.brief"
    save_brief(sample, target)
    before = target.read_bytes()
    sample.metadata.title = "Changed"
    monkeypatch.setattr(atomic.os, "replace", _fail)
    with pytest.raises(WriteError):
        save_brief(sample, target)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert load_brief(target).metadata.title != "Changed"
    assert leftovers(tmp_path) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="does not exist"):
        atomic_write(tmp_path / "nope" / "x.pdf", b"x")


def test_folder_given_as_file_name(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    with pytest.raises(WriteError, match="is a folder"):
        atomic_write(tmp_path / "taken", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only folders")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="permission"):
            atomic_write(folder / "x.pdf", b"x")
    finally:
        folder.chmod(0o700)


def test_read_only_folder_reported_in_plain_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores folder permissions, so simulate what a user account gets.
    def denied(*_a: object, **_k: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    with pytest.raises(WriteError, match="You do not have permission to write"):
        atomic_write(tmp_path / "x.pdf", b"x")


def test_names_with_spaces_and_non_ascii(tmp_path: Path) -> None:
    target = tmp_path / "Брыфінг für Minister – ÉTÉ 2025.pdf"
    atomic_write(target, b"ok")
    assert target.read_bytes() == b"ok"
