"""The real app process, killed after typing, gives the typed text back on
the next start.

The app is started as a user would (the command line's main, given FILE)
by the test driver tests/gui/app_driver.py, which types into the window,
answers the recovery question and reports what the window shows; the
product itself has no test switches. Everything the processes write goes
to this test's own folders.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing_app.files.locks import lock_path
from briefing_app.files.recovery import RecoveryStore
from briefing_app.model.storage import save_brief
from briefing_app.sample import load_sample
from tests.gui.app_driver import RECOVERY, REPORT, TYPE

pytestmark = pytest.mark.skipif(
    sys.platform != "linux", reason="the test folders are set through XDG variables"
)

DRIVER = Path(__file__).with_name("app_driver.py")
TYPED = " Typed just before the crash: Statkevič, Ёжык, 25 %."


def wait_for(condition, what: str, proc: subprocess.Popen, timeout: float = 60.0):
    """Poll ``condition`` until it returns something true; fail clearly if the
    app exits or the time runs out."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        if proc.poll() is not None:
            pytest.fail(f"the app exited (status {proc.returncode}) before {what}")
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


def read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class App:
    """One run of the real app process on ``brief``."""

    def __init__(self, tmp_path: Path, brief: Path, name: str, **hooks: str) -> None:
        home = tmp_path / "home"
        runtime = tmp_path / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "HOME": str(home),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_RUNTIME_DIR": str(runtime),
            "PYTHONUTF8": "1",
            **hooks,
        }
        for key in (TYPE, RECOVERY, REPORT):
            if key not in hooks:
                env.pop(key, None)
        self.log = tmp_path / f"{name}.log"
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(DRIVER), str(brief)],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=tmp_path,
            )

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)


def recovery_copies(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "home" / "data").glob("**/recovery/*.brief"))


def test_typed_text_survives_a_kill_and_comes_back_on_the_next_start(tmp_path: Path) -> None:
    brief = tmp_path / "Мой brief – draft.brief"
    save_brief(load_sample(), brief)
    original = brief.read_bytes()

    first = App(tmp_path, brief, "first", **{TYPE: TYPED, REPORT: str(tmp_path / "first.json")})
    try:
        shown = wait_for(lambda: read_json(tmp_path / "first.json"), "typing finished", first.proc)
        assert TYPED in shown["text"] and shown["modified"], shown
        assert shown["path"] == str(brief)
        # Past the autosave delay the typed text is in a recovery copy, and
        # the note saying whose copy it is (written just after it) is there.
        copy = wait_for(
            lambda: next(
                (
                    p
                    for p in recovery_copies(tmp_path)
                    if TYPED in p.read_text(encoding="utf-8") and p.with_suffix(".json").exists()
                ),
                None,
            ),
            "the autosave",
            first.proc,
        )
    finally:
        first.kill()
    assert first.proc.returncode == -signal.SIGKILL
    # The author's own file was never written by the autosave...
    assert brief.read_bytes() == original
    # ...and the dead app's lock and recovery copy are still there.
    assert lock_path(brief).exists() and copy.exists()
    [orphan] = RecoveryStore(copy.parent).orphans()
    assert orphan.info.original == brief

    second = App(
        tmp_path,
        brief,
        "second",
        **{RECOVERY: "restore", REPORT: str(tmp_path / "second.json")},
    )
    try:
        shown = wait_for(lambda: read_json(tmp_path / "second.json"), "the restore", second.proc)
        # The copy now belongs to the running app: not offered to a third one.
        assert wait_for(lambda: not RecoveryStore(copy.parent).orphans(), "adoption", second.proc)
    finally:
        second.kill()
    assert TYPED in shown["text"], (shown, (tmp_path / "second.log").read_text())
    assert shown["modified"] is True and shown["path"] == str(brief)
    assert "Мой brief – draft.brief" in shown["title"]
    assert brief.read_bytes() == original  # restored as unsaved work, not saved
