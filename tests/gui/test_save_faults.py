"""Saving and exporting from the window when the disk fails or the place
is wrong: the previous file stays byte for byte, no temporary file is left,
and the message says what to do."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from briefing_app.files import atomic
from briefing_app.model.storage import load_brief, save_brief
from briefing_app.sample import load_sample
from briefing_app.writers.registry import PDF, WORD, OutputFormat
from tests.gui.safety_answers import Answers, new_window, type_at_end

STEPS = ["tempfile.mkstemp", "os.fdopen", "os.fsync", "os.chmod", "os.replace"]


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


def temp_files(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*.tmp")]


class FailNth:
    """Replaces one step of the atomic write; the ``nth`` call fails as a full
    disk would, every other call does the real thing."""

    def __init__(self, real: Callable, nth: int) -> None:
        self.real, self.nth, self.calls = real, nth, 0

    def __call__(self, *args, **kwargs):
        if self.real.__name__ == "fsync" and stat.S_ISDIR(os.fstat(args[0]).st_mode):
            # Syncing the folder after the rename is best effort (not every
            # system allows it) and never fails a write: not a step here.
            return self.real(*args, **kwargs)
        self.calls += 1
        if self.calls == self.nth:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real(*args, **kwargs)


# A save over an existing brief makes three writes: the record of where the
# kept versions come from (first time only), the kept version, the brief.
@pytest.mark.parametrize("nth", [1, 2, 3])
@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_each_step_of_a_save(
    qtbot, tmp_path, answers, monkeypatch, app_data_dir, step: str, nth: int
) -> None:
    brief_file = tmp_path / "docs" / "brief.brief"
    brief_file.parent.mkdir()
    save_brief(load_sample(), brief_file)
    before = brief_file.read_bytes()
    window = new_window(qtbot, tmp_path)
    assert window.open_file(brief_file)
    type_at_end(window, " Unsaved words.")
    module, name = step.split(".")
    injected = FailNth(getattr(getattr(atomic, module), name), nth)
    with monkeypatch.context() as patch:
        patch.setattr(getattr(atomic, module), name, injected)
        saved = window.save()
    assert injected.calls >= nth, "the failure was never reached"
    assert temp_files(brief_file.parent, app_data_dir) == []
    if nth == 3:  # the brief itself could not be written
        assert not saved and "disk holding" in answers.errors[-1]
        assert brief_file.read_bytes() == before
        assert window.session.modified and window.isWindowModified()
    else:  # no earlier version could be kept: the save goes ahead, and says so
        assert saved and answers.errors == []
        assert "No earlier version could be kept" in window.statusBar().currentMessage()
        assert "Unsaved words." in brief_file.read_text(encoding="utf-8")
        assert load_brief(brief_file) == window.session.brief


@pytest.mark.parametrize("fmt", [PDF, WORD], ids=str)
@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_each_step_of_an_export(
    qtbot, tmp_path, answers, monkeypatch, step: str, fmt: OutputFormat
) -> None:
    window = new_window(qtbot, tmp_path)
    window.load_brief(load_sample(), None)
    earlier = tmp_path / "out" / f"brief{fmt.suffix}"
    earlier.parent.mkdir()
    earlier.write_bytes(b"the export sent yesterday")
    answers.save_to = earlier
    module, name = step.split(".")
    with monkeypatch.context() as patch:
        patch.setattr(
            getattr(atomic, module), name, FailNth(getattr(getattr(atomic, module), name), 1)
        )
        with qtbot.waitSignal(window.exporter.failed, timeout=60_000):
            window.export(fmt)
    assert "is full" in answers.errors[-1]
    assert earlier.read_bytes() == b"the export sent yesterday"
    assert sorted(p.name for p in earlier.parent.iterdir()) == [earlier.name]


def _denied(*_a: object, **_k: object) -> None:
    raise PermissionError(errno.EACCES, "Permission denied")


@pytest.mark.parametrize("what", ["save", "export"])
@pytest.mark.parametrize(
    "place, expected",
    [
        ("read-only", "You do not have permission to write"),
        ("missing", "does not exist. Choose an existing folder"),
        ("folder", "is a folder, not a file name"),
    ],
)
def test_a_bad_place_is_explained(
    qtbot, tmp_path, answers, monkeypatch, what: str, place: str, expected: str
) -> None:
    window = new_window(qtbot, tmp_path)
    window.load_brief(load_sample(), None)
    suffix = ".brief" if what == "save" else ".pdf"
    target = {
        "read-only": tmp_path / "read-only folder" / f"brief{suffix}",
        "missing": tmp_path / "no such folder" / f"brief{suffix}",
        "folder": tmp_path / f"taken{suffix}",
    }[place]
    if place == "read-only":
        target.parent.mkdir()
        # The tests may run as root, which ignores folder permissions: refuse
        # the write the way the system refuses a normal account.
        monkeypatch.setattr(atomic.tempfile, "mkstemp", _denied)
    if place == "folder":
        target.mkdir()
    answers.save_to = target
    if what == "save":
        assert not window.save()
    else:
        with qtbot.waitSignal(window.exporter.failed, timeout=60_000):
            window.export(PDF)
    assert expected in answers.errors[-1]
    assert str(target.parent if place != "folder" else target) in answers.errors[-1]
    assert window.isVisible() and window.session.path is None
    assert temp_files(tmp_path) == []


def test_names_with_spaces_and_other_alphabets_just_work(qtbot, tmp_path, answers) -> None:
    folder = tmp_path / "Мае дакументы" / "Brief für Ministerin"
    folder.mkdir(parents=True)
    window = new_window(qtbot, tmp_path)
    window.load_brief(load_sample(), None)
    type_at_end(window, " Ўсё добра.")
    answers.save_to = folder / "Брыфінг – été 2025 (v2)"  # the ending is added
    assert window.save()
    saved = folder / "Брыфінг – été 2025 (v2).brief"
    assert "Ўсё добра." in saved.read_text(encoding="utf-8")
    assert "Брыфінг – été 2025 (v2).brief" in window.windowTitle()
    for fmt in (PDF, WORD):
        answers.save_to = folder / f"Брыфінг – été 2025{fmt.suffix}"
        with qtbot.waitSignal(window.exporter.finished, timeout=60_000):
            window.export(fmt)
        assert answers.save_to.stat().st_size > 1000
    window.new_action.trigger()
    assert window.open_file(saved)
    assert "Ўсё добра." in " ".join(
        r.text
        for s in window.session.brief.sections
        if hasattr(s.content, "blocks")
        for b in s.content.blocks
        for r in getattr(b, "runs", [])
    )
