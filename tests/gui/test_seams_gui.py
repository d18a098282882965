"""The window at the seams: a brief with an unknown fact, formats from the
registry in the File menu, word counts from the preview's render."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from briefing_app.model.storage import save_brief
from briefing_app.sample import load_sample
from briefing_app.writers import registry
from tests.gui.safety_answers import type_at_end
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window


class Warnings(Dialogs):
    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.warnings: list[str] = []
        monkeypatch.setattr(dialogs, "show_warning", lambda _p, _t, m: self.warnings.append(m))


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Warnings:
    return Warnings(monkeypatch, tmp_path)


def _no_crash_reports(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Anything that would reach the app's crash handler, recorded."""
    caught: list[object] = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: caught.append(exc))
    return caught


def test_a_brief_with_an_unknown_fact_opens_says_so_once_and_typing_works(
    qtbot, tmp_path, answers: Warnings, monkeypatch
) -> None:
    caught = _no_crash_reports(monkeypatch)
    brief = load_sample()
    brief.facts = [f for f in brief.facts if f.name != "released"]
    path = tmp_path / "missing fact.brief"
    save_brief(brief, path)

    window: MainWindow = new_window(qtbot, tmp_path)
    assert window.open_file(path, ask=False)
    qtbot.waitUntil(lambda: len(answers.warnings) == 1, timeout=5_000)
    assert "'released'" in answers.warnings[0] and "'Key points'" in answers.warnings[0]
    # The preview says it too, in its own bar, without a dialog.
    qtbot.waitUntil(lambda: window.preview.message.isVisible(), timeout=20_000)
    assert "'released'" in window.preview.message.text()

    with qtbot.waitSignal(window.preview.counted, timeout=20_000):
        type_at_end(window, " Typed while a fact is missing.")
    assert "Typed while a fact is missing." in window.text_editor.text_area.toPlainText()
    assert window.word_label.text().endswith("words")
    assert int(window.word_label.text().split()[0].replace(",", "")) > 100
    assert answers.warnings == answers.warnings[:1]  # said once, not per keystroke
    assert answers.errors == [] and caught == []


def test_word_and_page_counts_come_from_the_preview_render(qtbot, tmp_path, answers) -> None:
    window = new_window(qtbot, tmp_path)
    with qtbot.waitSignal(window.preview.rendered, timeout=20_000):
        window.load_brief(load_sample(), None)
    qtbot.waitUntil(lambda: window.preview.word_count > 0, timeout=20_000)
    words = window.preview.word_count
    assert window.word_label.text() == f"{words:,} words"
    layout = window.preview.layout  # of the same render as the page count
    assert layout is not None and layout.pages == window.preview.page_count
    assert window.page_label.text() == (
        f"{layout.pages} of {layout.budget} pages, {layout.lines_to_spare} lines to spare"
    )
    # Typing does not compose the brief on the GUI thread: the label waits
    # for the next render, which counts the new words.
    with qtbot.waitSignal(window.preview.counted, timeout=20_000):
        type_at_end(window, " three more words")
    qtbot.waitUntil(lambda: window.preview.word_count == words + 3, timeout=20_000)
    assert window.word_label.text() == f"{words + 3:,} words"


def test_a_registered_format_appears_in_the_file_menu_and_exports(
    qtbot, tmp_path, answers: Warnings
) -> None:
    fmt = registry.register(
        registry.OutputFormat(
            "text",
            ".txt",
            "Plain text",
            lambda tree, _progress=None: "\n".join(tree.body_text()).encode("utf-8"),
        )
    )
    try:
        window = new_window(qtbot, tmp_path, "registry")
        window.load_brief(load_sample(), None)
        file_menu = window.menuBar().actions()[0].menu()
        texts = [a.text() for a in file_menu.actions()]
        assert "Export &Plain text…" in texts
        assert texts.index("Export &HTML…") < texts.index("Export &Plain text…")
        answers.save_to = tmp_path / "brief.txt"
        with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
            window.export_actions["text"].trigger()
        assert "52" in answers.save_to.read_text(encoding="utf-8")
        assert answers.exported == [answers.save_to]
    finally:
        registry.unregister(fmt.name)
