"""Autosave and recovery in the window: unsaved work is copied aside, never
over the author's file, and offered back after a crash."""

from __future__ import annotations

import datetime as dt
import errno
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app.files import atomic
from briefing_app.files.filestamp import stamp
from briefing_app.files.processes import ProcessId, this_process
from briefing_app.files.recovery import RecoveryInfo, RecoveryStore
from briefing_app.gui import autosave, dialogs
from briefing_app.gui.recovery_prompt import describe, offer_recovery, when_text
from briefing_app.model.storage import load_brief, save_brief
from briefing_app.sample import load_sample
from tests.gui.safety_answers import Answers, new_window, type_at_end


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


@pytest.fixture
def brief_file(tmp_path: Path) -> Path:
    path = tmp_path / "Брыфінг for the minister.brief"
    save_brief(load_sample(), path)
    return path


@pytest.fixture
def window(qtbot, tmp_path, answers, brief_file):
    win = new_window(qtbot, tmp_path)
    assert win.open_file(brief_file)
    return win


def store_of(window) -> RecoveryStore:
    return window.autosaver.store


def copy_text(window) -> str:
    path = window.autosaver.slot.copy_path
    return path.read_text(encoding="utf-8") if path.exists() else ""


def test_a_pause_in_typing_copies_the_work_aside_and_leaves_the_file_alone(
    window, qtbot, brief_file, app_data_dir
) -> None:
    before = brief_file.read_bytes()
    assert window.autosaver.idle.interval() == autosave.IDLE_MS == 3_000
    assert window.autosaver.longest.interval() == autosave.MAX_MS == 30_000
    window.autosaver.idle.setInterval(150)  # the real delay is waited out in test_crash_recovery
    type_at_end(window, " Work in progress.")
    assert not window.autosaver.slot.exists  # still typing
    qtbot.waitUntil(lambda: "Work in progress." in copy_text(window), timeout=10_000)
    assert brief_file.read_bytes() == before
    assert window.autosaver.slot.copy_path.is_relative_to(app_data_dir / "recovery")
    [entry] = store_of(window).entries()
    assert entry.info.original == brief_file and entry.info.base == stamp(brief_file)


def test_changes_that_never_pause_are_still_copied_regularly(window, qtbot) -> None:
    window.autosaver.idle.setInterval(60_000)  # the pause never comes
    window.autosaver.longest.setInterval(300)
    copies: list[str] = []
    for n in range(400):
        type_at_end(window, f" w{n}w")
        qtbot.wait(20)
        text = copy_text(window)
        if text and (not copies or text != copies[-1]):
            copies.append(text)
        if len(copies) == 2:
            break
    # Two copies while typing went on, each with what was typed by then.
    assert len(copies) == 2 and len(copies[1]) > len(copies[0])
    assert f" w{n}w" in copies[1] and f" w{n}w" not in copies[0]


def test_saving_and_a_clean_close_remove_the_copy(window, qtbot, answers) -> None:
    type_at_end(window, " Saved soon.")
    assert window.autosaver.save_now() is not None
    window.save_action.trigger()
    assert not window.autosaver.slot.exists and store_of(window).entries() == []
    type_at_end(window, " Then dropped.")
    assert window.autosaver.save_now() is not None
    answers.unsaved_answer = dialogs.Unsaved.DISCARD
    assert window.close()
    assert store_of(window).entries() == []


def test_undoing_back_to_the_saved_brief_removes_the_copy(window) -> None:
    type_at_end(window, " Undone.")
    window.autosaver.save_now()
    while window.session.undo_stack.canUndo():
        window.undo_action.trigger()
    assert not window.session.modified and not window.autosaver.slot.exists


def test_an_untitled_brief_is_covered_too(window, answers) -> None:
    window.new_action.trigger()
    type_at_end(window, "A brief never saved.")
    copy = window.autosaver.save_now()
    [entry] = store_of(window).entries()
    assert copy == entry.copy_path and entry.info.original is None
    assert entry.label == "Untitled brief" and "(never saved)" in describe(entry)
    assert "A brief never saved." in copy.read_text(encoding="utf-8")


def _crashed_copy(window, brief, original: Path | None, **info: object) -> str:
    """A recovery copy as a killed app leaves it (its process has ended)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    slot = store_of(window).new_slot()
    slot.save(brief, original=original, name=original.name if original else "Untitled")
    data = {
        "original": original,
        "name": original.name if original else "Untitled",
        "title": brief.metadata.title,
        "saved_at": dt.datetime.now(dt.UTC),
        "owner": ProcessId(this_process().host, proc.pid),
        **info,
    }
    slot.info_path.write_bytes(RecoveryInfo(**data).to_bytes())
    return slot.id


def test_the_next_start_offers_the_work_and_restores_it(window, qtbot, answers, brief_file) -> None:
    lost = load_brief(brief_file)
    lost.metadata.title = "Typed before the power cut"
    slot_id = _crashed_copy(window, lost, brief_file)
    answers.recovery_answers = [(dialogs.RecoveryChoice.RESTORE, 0)]
    assert offer_recovery(window)
    [offer] = answers.recovery_offers
    assert offer[0].startswith("Брыфінг for the minister.brief — saved today at ")
    assert str(brief_file.parent) in offer[0]
    assert window.session.brief.metadata.title == "Typed before the power cut"
    assert window.session.path == brief_file and window.session.modified
    assert (
        window.isWindowModified() and "Restored unsaved work" in window.statusBar().currentMessage()
    )
    # The copy is this window's now (kept until saved), not offered again.
    assert window.autosaver.slot.id == slot_id and store_of(window).orphans() == []
    window.save_action.trigger()
    assert load_brief(brief_file).metadata.title == "Typed before the power cut"
    assert store_of(window).entries() == []


def test_not_now_keeps_the_work_and_discard_removes_it(window, answers, brief_file) -> None:
    slot_id = _crashed_copy(window, load_sample(), None)
    assert not offer_recovery(window)  # "Not now"
    assert [e.id for e in store_of(window).orphans()] == [slot_id]
    answers.recovery_answers = [(dialogs.RecoveryChoice.DISCARD, 0)]
    assert not offer_recovery(window)
    assert store_of(window).orphans() == [] and len(answers.recovery_offers) == 2
    window.recover_action.trigger()
    assert answers.warnings == ["There is no unsaved work to recover."]


def test_a_file_changed_since_the_crash_is_not_silently_replaced(
    window, answers, brief_file
) -> None:
    at_crash = stamp(brief_file)
    lost = load_brief(brief_file)
    lost.metadata.reference = "MINE-1"
    _crashed_copy(window, lost, brief_file, base=at_crash)
    theirs = load_brief(brief_file)
    theirs.metadata.reference = "THEIRS-2"
    save_brief(theirs, brief_file)  # a colleague saved in the meantime
    answers.recovery_answers = [(dialogs.RecoveryChoice.RESTORE, 0)]
    assert offer_recovery(window)
    assert not window.save()
    assert answers.disk_asked == [brief_file.name]
    assert load_brief(brief_file).metadata.reference == "THEIRS-2"


def test_a_failing_autosave_warns_once_and_keeps_the_last_copy(
    window, monkeypatch: pytest.MonkeyPatch, answers
) -> None:
    type_at_end(window, " First.")
    window.autosaver.save_now()
    before = window.autosaver.slot.copy_path.read_bytes()

    def full(*_a: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    type_at_end(window, " Second.")
    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "replace", full)
        assert window.autosaver.save_now() is None
        assert window.autosaver.save_now() is None
    assert len(answers.warnings) == 1 and "is full" in answers.warnings[0]
    assert "could not be copied aside" in window.statusBar().currentMessage()
    assert window.autosaver.longest.isActive()  # it tries again
    assert window.autosaver.slot.copy_path.read_bytes() == before
    assert not [p for p in window.autosaver.slot.copy_path.parent.iterdir() if p.suffix == ".tmp"]


def test_times_are_said_in_plain_words() -> None:
    now = dt.datetime(2025, 10, 27, 15, 0, tzinfo=dt.UTC)
    local = now.astimezone()
    assert when_text(now, now) == f"today at {local:%H:%M}"
    assert when_text(now - dt.timedelta(days=1), now).startswith("yesterday at ")
    assert when_text(now - dt.timedelta(days=30), now).startswith("on 27 September 2025 at ")
