"""Exports under failure and cancellation: an earlier export is never
touched, no temporary file is left, and progress runs to the end."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from briefing_app import export
from briefing_app.errors import ExportCancelled, WriteError
from briefing_app.export import export_brief
from briefing_app.files import atomic
from briefing_app.progress import Progress
from briefing_app.writers.registry import PDF, WORD, OutputFormat, formats
from tests.builders import long_brief

EARLIER = b"an earlier export the author still needs"
STEPS = ["tempfile.mkstemp", "os.fdopen", "os.fsync", "os.chmod", "os.replace"]
FORMATS = list(formats())


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_each_step_keeps_the_earlier_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample, fmt: OutputFormat, step: str
) -> None:
    target = tmp_path / f"brief{fmt.suffix}"
    target.write_bytes(EARLIER)

    def full(*_a: object, **_k: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    module, name = step.split(".")
    monkeypatch.setattr(getattr(atomic, module), name, full)
    with pytest.raises(WriteError, match="is full"):
        export_brief(sample, target, fmt)
    monkeypatch.undo()
    assert target.read_bytes() == EARLIER
    assert names(tmp_path) == [target.name]


@pytest.mark.parametrize("fmt", FORMATS, ids=str)
@pytest.mark.parametrize("error", [MemoryError(), OSError(errno.EIO, "I/O error"), RuntimeError()])
def test_a_writer_failing_midway_keeps_the_earlier_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample, fmt: OutputFormat, error: Exception
) -> None:
    target = tmp_path / f"brief{fmt.suffix}"
    target.write_bytes(EARLIER)

    def broken(*_a: object, **_k: object) -> bytes:
        raise error

    monkeypatch.setattr(export, "render", broken)
    with pytest.raises(type(error)):
        export_brief(sample, target, fmt)
    assert target.read_bytes() == EARLIER
    assert names(tmp_path) == [target.name]


@pytest.mark.parametrize("fmt", [PDF, WORD], ids=str)
def test_progress_runs_to_the_end_and_never_goes_back(tmp_path: Path, fmt: OutputFormat) -> None:
    heard: list[tuple[int, int]] = []
    export_brief(
        long_brief(6), tmp_path / f"b{fmt.suffix}", fmt, Progress(lambda d, t: heard.append((d, t)))
    )
    done = [d for d, _t in heard]
    assert len(heard) > 10 and done == sorted(done)
    assert heard[-1][0] == heard[-1][1] and {t for _d, t in heard} == {heard[-1][1]}


@pytest.mark.parametrize("fmt", [PDF, WORD], ids=str)
@pytest.mark.parametrize("when", [0.0, 0.3, 0.9, 1.0])
def test_cancelling_an_export_writes_nothing(
    tmp_path: Path, fmt: OutputFormat, when: float
) -> None:
    target = tmp_path / f"brief{fmt.suffix}"
    target.write_bytes(EARLIER)
    progress: Progress

    def report(done: int, total: int) -> None:
        if done >= when * total:
            progress.cancel()

    progress = Progress(report)
    with pytest.raises(ExportCancelled, match="nothing was written"):
        export_brief(long_brief(6), target, fmt, progress)
    assert target.read_bytes() == EARLIER
    assert names(tmp_path) == [target.name]
