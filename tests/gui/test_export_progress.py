"""A very long brief (a 500-row table and about 200 pages of text) exports
without freezing the window, shows its progress, and can be cancelled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from bench.generate import generated_brief
from briefing_app.writers.registry import PDF, WORD, OutputFormat
from tests.builders import table_section
from tests.docx_text import body_text
from tests.gui.safety_answers import Answers, new_window
from tests.pdf_text import pages_text


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


@pytest.fixture(scope="module")
def long_brief():
    brief = generated_brief(200)
    rows = [
        [f"Row {r}", "A description of the row, long enough to wrap", str(r * 3)]
        for r in range(500)
    ]
    brief.sections.insert(1, table_section("Large table", ["Item", "Description", "Value"], rows))
    return brief


@pytest.fixture
def window(qtbot, tmp_path, answers, long_brief):
    win = new_window(qtbot, tmp_path)
    # The live preview of 200 pages is not what is measured here.
    win.preview.render_function = lambda _tree: (b"", None)
    win.load_brief(long_brief, None)
    return win


class Watch:
    """A timer on the UI thread: each tick proves the event loop is running."""

    def __init__(self, window) -> None:
        self.window = window
        self.ticks_while_exporting = 0
        self.dialog_seen = False
        self.progress: list[int] = []
        window.exporter.progressed.connect(lambda done, _total: self.progress.append(done))
        self.timer = QTimer(window)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        exporter = self.window.exporter
        if exporter.running:
            self.ticks_while_exporting += 1
            dialog = exporter.dialog
            self.dialog_seen |= dialog is not None and dialog.isVisible()


@pytest.mark.parametrize("fmt", [PDF, WORD], ids=str)
def test_a_long_export_keeps_the_window_responsive(
    window, qtbot, answers, tmp_path, fmt: OutputFormat
) -> None:
    watch = Watch(window)
    answers.save_to = tmp_path / f"long brief{fmt.suffix}"
    with qtbot.waitSignal(window.exporter.finished, timeout=180_000):
        window.export(fmt)
    watch.timer.stop()
    # The UI thread kept handling events while the export ran...
    assert watch.ticks_while_exporting >= 5
    # ...and showed how far the export had got, never going back.
    assert len(set(watch.progress)) >= 5 and watch.progress == sorted(watch.progress)
    if fmt is PDF:
        assert watch.dialog_seen
        pages = pages_text(answers.save_to.read_bytes())
        assert len(pages) >= 200
        text = " ".join(pages)
    else:
        text = " ".join(body_text(answers.save_to.read_bytes()))
    assert "Row 499" in text and "Section 440" in text
    assert window.exporter.dialog is None and not window.exporter.running


def test_a_long_export_can_be_cancelled_and_writes_nothing(
    window, qtbot, answers, tmp_path
) -> None:
    earlier = tmp_path / "long brief.pdf"
    earlier.write_bytes(b"the export sent yesterday")
    answers.save_to = earlier
    clicked: list[int] = []

    def press_cancel(done: int, _total: int) -> None:
        dialog = window.exporter.dialog
        if done >= 5 and not clicked and dialog is not None:
            clicked.append(done)
            dialog.findChild(QPushButton).click()  # the dialog's Cancel button

    window.exporter.progressed.connect(press_cancel)
    with qtbot.waitSignal(window.exporter.cancelled, timeout=180_000):
        window.export(PDF)
    assert clicked
    assert earlier.read_bytes() == b"the export sent yesterday"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".tmp")) == [
        earlier.name
    ]
    assert answers.errors == [] and answers.exported == []
    assert "Export cancelled; nothing was written." in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.exporter.running)
    # The next export works as normal.
    answers.save_to = tmp_path / "after cancelling.docx"
    with qtbot.waitSignal(window.exporter.finished, timeout=180_000):
        window.export(WORD)
    assert answers.exported == [answers.save_to]
