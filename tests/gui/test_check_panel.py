"""The check panel, used as a person would: open it, read the findings,
click one to go to its place, fix it and see the list follow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from briefing_app.checks.findings import Severity
from briefing_app.gui.main_window import MainWindow
from briefing_app.model.brief import SectionKind
from briefing_app.sample import load_sample
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    Dialogs(monkeypatch, tmp_path)
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def _needs_source(findings):
    return [f for f in findings if f.kind == "needs_source"]


def test_the_panel_lists_the_samples_markers_and_goes_to_one(window, qtbot) -> None:
    with qtbot.waitSignal(window.preview.checked, timeout=30_000):
        window.check_action.trigger()
    panel = window.check_panel
    assert window.side_tabs.currentWidget() is panel
    qtbot.waitUntil(lambda: len(_needs_source(panel.findings)) == 3, timeout=30_000)
    assert panel.summary.text().startswith("3 errors")
    first = panel.list.item(
        next(i for i, f in enumerate(panel.findings) if f.kind == "needs_source")
    )
    assert first.text().startswith("Release details, paragraph 1\n")
    rect = panel.list.visualItemRect(first)
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    release = next(
        s for s in window.session.brief.sections if s.kind is SectionKind.RELEASE_DETAILS
    )
    assert window.sections.current_id() == release.id
    area = window.text_editor.text_area
    assert "date of the release" in area.textCursor().block().text()
    assert area.hasFocus()


def test_the_list_follows_an_edit(window, qtbot) -> None:
    with qtbot.waitSignal(window.preview.checked, timeout=30_000):
        window.check_action.trigger()
    qtbot.waitUntil(lambda: len(_needs_source(window.check_panel.findings)) == 3, timeout=30_000)
    with qtbot.waitSignal(window.preview.checked, timeout=30_000):
        window.properties.marking.setCurrentText("")
        window.properties.marking.lineEdit().editingFinished.emit()
    qtbot.waitUntil(
        lambda: any(f.kind == "marking" for f in window.check_panel.findings), timeout=30_000
    )
    marking = next(f for f in window.check_panel.findings if f.kind == "marking")
    assert marking.severity is Severity.ERROR
    window.go_to_finding(marking)
    assert window.properties.marking.hasFocus() or window.side_tabs.currentIndex() == 0


def test_export_with_errors_asks_go_back_or_draft(window, qtbot, monkeypatch, tmp_path) -> None:
    from briefing_app.gui import dialogs
    from tests.pdf_text import pages_text

    asked: list[list[str]] = []
    answer = [dialogs.ErrorsChoice.GO_BACK]

    def ask(_parent, errors: list[str]) -> dialogs.ErrorsChoice:
        asked.append(errors)
        return answer[0]

    monkeypatch.setattr(dialogs, "ask_export_with_errors", ask)
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(dialogs, "save_path", lambda *a: target)
    qtbot.waitUntil(
        lambda: window.preview.up_to_date and bool(window.preview.findings), timeout=30_000
    )
    window.side_tabs.setCurrentIndex(0)
    window.export_actions["pdf"].trigger()
    assert len(asked) == 1 and sum("needing a source" in line for line in asked[0]) == 3
    assert window.side_tabs.currentWidget() is window.check_panel  # back to the findings
    assert not target.exists()
    answer[0] = dialogs.ErrorsChoice.DRAFT
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        window.export_actions["pdf"].trigger()
    text = " ".join(pages_text(target.read_bytes()))
    assert "[source needed]" in text  # a draft shows them
    answer[0] = dialogs.ErrorsChoice.ANYWAY
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        window.export_actions["pdf"].trigger()
    assert "[source needed]" not in " ".join(pages_text(target.read_bytes()))


def test_the_status_bar_shows_the_page_budget_from_the_render(window, qtbot) -> None:
    from briefing_app.model.text import Paragraph

    with qtbot.waitSignal(window.preview.rendered, timeout=30_000):
        window.session.set_template("briefing-note")
    # The Briefing note's budget is one page: the sample fits, with lines to spare.
    qtbot.waitUntil(lambda: window.page_label.text().startswith("1 of 1 page, "), timeout=30_000)
    assert window.page_label.text().endswith("lines to spare")
    context = next(s for s in window.session.brief.sections if s.kind is SectionKind.CONTEXT)
    longer = [*context.content.blocks, Paragraph.of("More than a note can hold. " * 80)]
    from briefing_app.model.brief import TextContent

    with qtbot.waitSignal(window.preview.checked, timeout=30_000):
        window.session.set_content(context.id, TextContent(longer))
    qtbot.waitUntil(lambda: "over the page budget" in window.page_label.text(), timeout=30_000)
    layout = window.preview.layout
    assert f"by {layout.lines_over} lines" in window.page_label.text()
    assert any(f.kind == "page_budget" for f in window.check_panel.findings)


def test_a_picture_without_alt_text_is_listed_and_its_field_opened(window, qtbot) -> None:
    from tests.figures_fixtures import figure_brief

    brief, _ = figure_brief()
    brief.figures()[1].alt_text = ""
    window.load_brief(brief, None)
    with qtbot.waitSignal(window.preview.checked, timeout=30_000):
        window.check_action.trigger()
    panel = window.check_panel
    qtbot.waitUntil(lambda: any(f.kind == "alt_text" for f in panel.findings), timeout=30_000)
    row = next(i for i, f in enumerate(panel.findings) if f.kind == "alt_text")
    item = panel.list.item(row)
    assert "alt text" in item.text()
    rect = panel.list.visualItemRect(item)
    QTest.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    fields = window.text_editor.figure_panel
    assert fields.isVisible() and fields.caption.text() == "Organisation"
    assert fields.alt_text.hasFocus()
    # Typing the alt text there clears the finding.
    with qtbot.waitSignal(window.preview.checked, timeout=30_000):
        fields.alt_text.setText("Organisation chart")
        fields.alt_text.textEdited.emit("Organisation chart")
        window.check_action.trigger()
    qtbot.waitUntil(lambda: not any(f.kind == "alt_text" for f in panel.findings), timeout=30_000)
