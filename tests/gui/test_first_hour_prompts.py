"""Issue 20, points 1 and 2: a new brief fits its topic, and the template's
prompts are placeholders (greyed in an empty section, gone as soon as the
author types, never counted, never exported)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from briefing_app.model.brief import SectionKind
from briefing_app.sample import load_sample
from briefing_app.templating import get_template
from briefing_app.writers.registry import HTML, PDF, WORD
from tests.docx_text import body_text
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs, select_section
from tests.gui.windows import new_window
from tests.html_text import parse
from tests.pdf_text import pages_text, squash

CTRL = Qt.KeyboardModifier.ControlModifier


class NewBriefDialogs(Dialogs):
    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.template = "policy-brief"
        monkeypatch.setattr(dialogs, "choose_new_brief", lambda *_a: self.template)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> NewBriefDialogs:
    return NewBriefDialogs(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: NewBriefDialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def new_brief(window: MainWindow, answers: NewBriefDialogs, template: str) -> None:
    answers.template = template
    QTest.keyClick(window.text_editor.text_area, Qt.Key.Key_N, CTRL)
    assert window.session.brief.template == template


def settle(window: MainWindow, qtbot) -> None:
    """Wait for a preview render of the brief as it is now."""
    window.preview.refresh_now()
    qtbot.waitUntil(lambda: window.preview.up_to_date, timeout=30_000)


def exported_texts(window: MainWindow, qtbot, answers: Dialogs, name: str) -> list[str]:
    texts = []
    for fmt in (PDF, WORD, HTML):
        answers.save_to = answers.tmp_path / f"{name}{fmt.suffix}"
        with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
            window.export_actions[fmt.name].trigger()
        data = answers.save_to.read_bytes()
        if fmt is PDF:
            texts.append(squash(" ".join(pages_text(data))))
        elif fmt is WORD:
            texts.append(squash(" ".join(body_text(data))))
        else:
            texts.append(parse(data).main_text())
    return texts


def test_a_new_brief_shows_prompts_greyed_and_exports_none_of_them(window, qtbot, answers) -> None:
    new_brief(window, answers, "policy-brief")
    template = get_template("policy-brief")
    area = window.text_editor.text_area
    prompts = {kind: " ".join(p.source.split()) for kind, p in template.prompts.items()}
    # The first section's prompt is its placeholder: shown, not in the text.
    assert area.placeholderText() == prompts[SectionKind.SUMMARY]
    assert area.toPlainText() == ""
    settle(window, qtbot)
    words_before = window.preview.word_count
    # The title, the marking row and the five headings: no prompt counts.
    assert words_before == len(["Untitled", "brief", "Marking", "OFFICIAL"]) + 6
    for text in exported_texts(window, qtbot, answers, "empty"):
        assert "Key points" in text and "Analysis" in text
        for prompt in prompts.values():
            assert prompt not in text
    # The check reports the sections left empty.
    kinds = [f.kind for f in window.preview.findings]
    assert kinds.count("empty_section") == len(window.session.brief.sections)
    # Typing replaces the prompt: the text is the author's alone.
    type_text(area, "Grain exports fell by a third.")
    assert window.session.brief.sections[0].content.blocks[0].runs[0].text == (
        "Grain exports fell by a third."
    )
    settle(window, qtbot)
    assert window.preview.word_count == words_before + 6
    assert window.word_label.text() == f"{words_before + 6} words"
    # Each empty section shows its own prompt.
    select_section(window, "Analysis")
    assert area.placeholderText() == prompts[SectionKind.ANALYSIS]


def test_a_table_and_a_sources_list_show_their_prompts_while_empty(window, answers) -> None:
    new_brief(window, answers, "human-rights-case")
    template = get_template("human-rights-case")
    select_section(window, "Factors behind the release")
    table = window.table_editor
    assert table.prompt.showing()
    assert table.prompt.text == " ".join(template.prompts[SectionKind.FACTOR_TABLE].source.split())
    view = table.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    type_text(view, "Sanctions relief")
    QTest.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    assert not table.prompt.showing()
    select_section(window, "Sources")
    assert window.sources_editor.prompt.showing()
    assert window.session.brief.sections[-1].content.items == []


def test_new_briefs_fit_their_topic_and_the_release_kinds_stay_available(window, answers) -> None:
    new_brief(window, answers, "policy-brief")
    titles = [window.sections.list.item(i).text() for i in range(window.sections.list.count())]
    assert titles == ["Key points", "Context", "Analysis", "Recommendations", "Sources"]
    offered = [a.text() for a in window.sections.add_menu.actions()]
    for label in ("Release details", "Factor table", "Remaining prisoners", "Analysis"):
        assert label in offered
    # Added by hand, a release section shows the template's prompt for it.
    window.sections.list.setCurrentRow(1)
    [release] = [a for a in window.sections.add_menu.actions() if a.text() == "Release details"]
    release.trigger()
    assert window.sections.list.currentItem().text() == "Release details"
    prompt = get_template("policy-brief").prompts[SectionKind.RELEASE_DETAILS].source
    assert window.text_editor.text_area.placeholderText() == prompt
    # The case template starts with the release sections.
    new_brief(window, answers, "human-rights-case")
    kinds = [s.kind for s in window.session.brief.sections]
    assert kinds[2:5] == [
        SectionKind.RELEASE_DETAILS,
        SectionKind.FACTOR_TABLE,
        SectionKind.REMAINING_PRISONERS,
    ]
    # The sample keeps its template and its sections.
    window.new_sample_action.trigger()
    assert window.session.brief.template == "policy-brief"
    assert window.sections.list.item(2).text() == "Release details"


def test_switching_template_changes_the_prompt_shown(window, answers) -> None:
    new_brief(window, answers, "policy-brief")
    area = window.text_editor.text_area
    combo = window.properties.template
    combo.setCurrentIndex(combo.findData("meeting-brief"))
    meeting = get_template("meeting-brief").prompts[SectionKind.SUMMARY].source
    assert area.placeholderText() == meeting
    window.undo_action.trigger()
    assert (
        area.placeholderText() == get_template("policy-brief").prompts[SectionKind.SUMMARY].source
    )
