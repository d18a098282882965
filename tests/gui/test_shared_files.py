"""A brief open twice, changed on disk by someone else, or saved badly:
the author is asked, nothing is silently overwritten, earlier versions
can be restored from the File menu."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.files.locks import LockOwner, lock_path, read_lock
from briefing_app.files.processes import ProcessId, this_process
from briefing_app.gui import dialogs
from briefing_app.model.storage import load_brief, save_brief
from briefing_app.sample import load_sample
from tests.gui.safety_answers import Answers, new_window, type_at_end
from tests.gui.test_main_window import type_text


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


@pytest.fixture
def brief_file(tmp_path: Path) -> Path:
    path = tmp_path / "shared" / "Team brief – v2.brief"
    path.parent.mkdir()
    save_brief(load_sample(), path)
    return path


def reference(path: Path) -> str:
    return load_brief(path).metadata.reference


def set_reference(window, text: str) -> None:
    edit = window.properties.edits["reference"]
    edit.selectAll()
    type_text(edit, text)
    assert window.session.brief.metadata.reference == text


def test_a_brief_open_in_another_window_gives_a_choice(
    qtbot, tmp_path, answers, brief_file
) -> None:
    first = new_window(qtbot, tmp_path, "first")
    assert first.open_file(brief_file)
    assert read_lock(brief_file).token == first.files.token
    second = new_window(qtbot, tmp_path, "second")
    second.load_brief(load_sample(), None)

    answers.lock_answer = dialogs.LockChoice.CANCEL
    assert not second.open_file(brief_file)
    [message] = answers.lock_messages
    assert "'Team brief – v2.brief' is already open in Briefing Builder" in message
    assert "on this computer" in message
    assert second.session.path is None

    answers.lock_answer = dialogs.LockChoice.READ_ONLY
    assert second.open_file(brief_file)
    assert "(read-only)" in second.windowTitle()
    set_reference(second, "READ-ONLY EDIT")
    before = brief_file.read_bytes()
    answers.save_to = None  # the Save As dialog is cancelled
    second.save_action.trigger()
    assert "opened read-only" in answers.warnings[-1]
    assert brief_file.read_bytes() == before
    # A copy under another name is fine, and is no longer read-only.
    answers.save_to = tmp_path / "my copy.brief"
    second.save_action.trigger()
    assert reference(tmp_path / "my copy.brief") == "READ-ONLY EDIT"
    assert "(read-only)" not in second.windowTitle()
    assert read_lock(brief_file).token == first.files.token  # still the first's


def test_two_windows_saving_one_file_never_overwrite_each_other_silently(
    qtbot, tmp_path, answers, brief_file
) -> None:
    first = new_window(qtbot, tmp_path, "first")
    assert first.open_file(brief_file)
    second = new_window(qtbot, tmp_path, "second")
    answers.lock_answer = dialogs.LockChoice.OPEN_ANYWAY
    assert second.open_file(brief_file)
    assert "(read-only)" not in second.windowTitle()

    set_reference(first, "FIRST")
    assert first.save()
    set_reference(second, "SECOND")
    answers.disk_answer = dialogs.DiskChoice.CANCEL
    assert not second.save()
    assert answers.disk_asked == [brief_file.name] and reference(brief_file) == "FIRST"

    answers.disk_answer = dialogs.DiskChoice.OVERWRITE
    assert second.save()
    assert reference(brief_file) == "SECOND"
    # The first window's version is kept and can be brought back.
    kept = [load_brief(v.path).metadata.reference for v in second.files.versions(brief_file)]
    assert kept[0] == "FIRST"
    # Closing the second window leaves the first one's lock alone.
    second.close()
    assert read_lock(brief_file).token == first.files.token


def test_a_change_made_by_another_program_is_caught_on_save(
    qtbot, tmp_path, answers, brief_file
) -> None:
    window = new_window(qtbot, tmp_path)
    assert window.open_file(brief_file)
    theirs = load_brief(brief_file)
    theirs.metadata.reference = "CHANGED ON DISK"
    save_brief(theirs, brief_file)
    set_reference(window, "MINE")
    answers.disk_answer = dialogs.DiskChoice.SAVE_AS
    answers.save_to = tmp_path / "shared" / "Team brief – mine.brief"
    assert window.save()
    assert reference(brief_file) == "CHANGED ON DISK"
    assert reference(answers.save_to) == "MINE" and window.session.path == answers.save_to
    # The window now holds the new file: its lock moved with it.
    assert read_lock(answers.save_to).token == window.files.token
    assert read_lock(brief_file) is None
    # A file merely re-saved with the same bytes is not a change.
    set_reference(window, "MINE, AGAIN")
    answers.disk_asked.clear()
    assert window.save() and answers.disk_asked == []


def test_the_lock_goes_when_the_brief_is_closed_or_replaced(
    qtbot, tmp_path, answers, brief_file
) -> None:
    window = new_window(qtbot, tmp_path)
    assert window.open_file(brief_file)
    assert lock_path(brief_file).exists()
    window.new_action.trigger()
    assert not lock_path(brief_file).exists()
    assert window.open_file(brief_file)
    assert window.close()
    assert not lock_path(brief_file).exists()


def test_a_lock_left_by_a_killed_app_is_taken_over_without_asking(
    qtbot, tmp_path, answers, brief_file
) -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    dead = LockOwner(ProcessId(this_process().host, proc.pid), "dead", "anna", "")
    lock_path(brief_file).write_bytes(dead.to_bytes())
    window = new_window(qtbot, tmp_path)
    assert window.open_file(brief_file)
    assert answers.lock_messages == []
    assert read_lock(brief_file).token == window.files.token


def test_open_anyway_takes_over_a_lock_from_another_computer(
    qtbot, tmp_path, answers, brief_file
) -> None:
    # PC-12 crashed with the brief open: its lock would otherwise stay for ever.
    other = LockOwner(ProcessId("PC-12", 77), "theirs", "anna", "2025-10-27T09:00:00+00:00")
    lock_path(brief_file).write_bytes(other.to_bytes())
    window = new_window(qtbot, tmp_path)
    answers.lock_answer = dialogs.LockChoice.OPEN_ANYWAY
    assert window.open_file(brief_file)
    assert "by anna on the computer PC-12" in answers.lock_messages[0]
    assert read_lock(brief_file).token == window.files.token
    assert window.close()
    assert not lock_path(brief_file).exists()
    assert window.open_file(brief_file) and len(answers.lock_messages) == 1


def test_save_as_over_a_brief_open_elsewhere_is_refused(
    qtbot, tmp_path, answers, brief_file
) -> None:
    other = LockOwner(ProcessId("PC-12", 77), "theirs", "anna", "2025-10-27T09:00:00+00:00")
    lock_path(brief_file).write_bytes(other.to_bytes())
    before = brief_file.read_bytes()
    window = new_window(qtbot, tmp_path)
    window.load_brief(load_sample(), None)
    answers.save_to = brief_file
    assert not window.save()
    assert "is open in Briefing Builder, by anna on the computer PC-12" in answers.errors[-1]
    assert brief_file.read_bytes() == before


def test_an_earlier_version_is_restored_from_the_file_menu(
    qtbot, tmp_path, answers, brief_file
) -> None:
    original = reference(brief_file)
    window = new_window(qtbot, tmp_path)
    window.load_brief(load_sample(), None)
    assert not window.restore_version_action.isEnabled()  # nothing saved yet
    assert window.open_file(brief_file)
    assert window.restore_version_action.isEnabled()
    window.restore_version_action.trigger()
    assert "No earlier versions of 'Team brief – v2.brief'" in answers.warnings[-1]
    for ref in ("V1", "V2", "V3"):
        set_reference(window, ref)
        assert window.save()
    answers.version_answer = None  # the author changes their mind
    window.restore_version_action.trigger()
    [items] = answers.version_items
    assert len(items) == 3 and all(i.startswith("Saved ") for i in items)
    assert reference(brief_file) == "V3" and not window.session.modified

    answers.version_answer = 2  # newest first: V2, V1, the original
    window.restore_version_action.trigger()
    assert window.session.brief.metadata.reference == original
    assert window.session.modified and window.session.path == brief_file
    assert reference(brief_file) == "V3"  # nothing written until saved
    assert window.save()
    assert reference(brief_file) == original
    kept = [load_brief(v.path).metadata.reference for v in window.files.versions(brief_file)]
    assert kept[:3] == ["V3", "V2", "V1"]


def test_typing_in_a_read_only_brief_is_still_autosaved(
    qtbot, tmp_path, answers, brief_file
) -> None:
    first = new_window(qtbot, tmp_path, "first")
    assert first.open_file(brief_file)
    second = new_window(qtbot, tmp_path, "second")
    answers.lock_answer = dialogs.LockChoice.READ_ONLY
    assert second.open_file(brief_file)
    type_at_end(second, " Notes while reading.")
    assert second.autosaver.save_now() is not None
    entry = next(e for e in second.autosaver.store.entries() if e.id == second.autosaver.slot.id)
    assert entry.info.read_only and entry.info.original == brief_file
