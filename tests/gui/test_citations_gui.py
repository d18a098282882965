"""Citing sources as an author would: the Cite action and its picker (typed
filter, Enter), in text and in a table cell; deleting a cited source asks
first and takes its citations with it, and undo brings both back."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefing_app.compose import compose
from briefing_app.gui import dialogs
from briefing_app.gui.citations import SourcePicker
from briefing_app.gui.main_window import MainWindow
from briefing_app.model.brief import SectionKind, SourcesContent, TableContent, TextContent
from briefing_app.sample import load_sample
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs, select_section
from tests.gui.windows import new_window


class Answers(Dialogs):
    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.questions: list[str] = []
        self.confirm_answer = True
        monkeypatch.setattr(dialogs, "confirm", self._confirm)

    def _confirm(self, _parent, _title: str, question: str) -> bool:
        self.questions.append(question)
        return self.confirm_answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Answers) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def pick_by_typing(qtbot, words: str) -> list[str]:
    """When the picker opens: type ``words`` into its filter and press Enter."""
    seen: list[str] = []

    def answer() -> None:
        picker = QApplication.activeModalWidget()
        assert isinstance(picker, SourcePicker), picker
        type_text(picker.filter, words)
        seen.extend(
            picker.list.item(r).text()
            for r in range(picker.list.count())
            if not picker.list.item(r).isHidden()
        )
        QTest.keyClick(picker.filter, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    return seen


def cited(content) -> list[tuple[str, ...]]:
    from briefing_app.model.walk import content_texts

    return [r.cite for p in content_texts(content) for r in p.runs or () if r.cite]


def test_cite_a_source_after_a_claim_by_typing_its_name(window, qtbot) -> None:
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    cursor = area.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Start)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    area.setTextCursor(cursor)
    hrw = next(s for s in window.session.brief.sources() if "Human Rights Watch" in s.text)
    context = next(s for s in window.session.brief.sections if s.kind is SectionKind.CONTEXT)
    before = cited(context.content)  # the sample cites its sources further on
    notes_before = compose(window.session.brief).notes
    key_points = next(s for s in window.session.brief.sections if s.kind is SectionKind.SUMMARY)
    earlier = len(cited(key_points.content))  # citations before Context's first paragraph
    shown = pick_by_typing(qtbot, "human rights")
    window.text_editor.cite_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert len(shown) == 1 and "Human Rights Watch" in shown[0]
    context = next(s for s in window.session.brief.sections if s.kind is SectionKind.CONTEXT)
    assert cited(context.content) == [(hrw.id,), *before]
    # The editor labels it with the source's short name.
    assert "[Human Rights Watch]" in area.document().firstBlock().text()
    # The export numbers it in reading order: after Key points' notes, and
    # every later note moves up by one.
    notes = compose(window.session.brief).notes
    assert [n.number for n in notes] == list(range(1, len(notes_before) + 2))
    new_note = "".join(t.text for t in notes[earlier].inlines)
    assert new_note.startswith("Human Rights Watch") and ";" not in new_note
    window.undo_action.trigger()
    context = next(s for s in window.session.brief.sections if s.kind is SectionKind.CONTEXT)
    assert cited(context.content) == before


def test_cite_in_a_table_cell(window, qtbot) -> None:
    table_section = next(
        s for s in window.session.brief.sections if isinstance(s.content, TableContent)
    )
    window.sections.select(table_section.id)
    editor = window.table_editor
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    shown = pick_by_typing(qtbot, "reuters")
    editor.action_cite.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    content = window.session.section(table_section.id).content
    reuters = next(s for s in window.session.brief.sources() if s.text.startswith("Reuters"))
    assert content.rows[0][1][-1].cite == (reuters.id,)
    assert editor.model.data(editor.model.index(0, 1)).endswith("]")


def test_deleting_a_cited_source_asks_and_undo_brings_both_back(window, qtbot, answers) -> None:
    brief = window.session.brief
    first = brief.sources()[0]
    # Cite the first source in Context, through the editor.
    select_section(window, "Context")
    window.text_editor.text_area.setFocus()
    window.text_editor.insert_citation([first.id])
    before_sections = [s.content for s in window.session.brief.sections]
    sources_section = next(s for s in brief.sections if isinstance(s.content, SourcesContent))
    window.sections.select(sources_section.id)
    editor = window.sources_editor
    editor.table.setCurrentCell(0, 0)
    answers.confirm_answer = False
    editor.action_delete.trigger()
    assert "is cited in 'Context'" in answers.questions[-1]
    assert first.id in {s.id for s in window.session.brief.sources()}  # kept: the author said no
    answers.confirm_answer = True
    editor.action_delete.trigger()
    assert first.id not in {s.id for s in window.session.brief.sources()}
    # Its citations went with it; a citation of it and another source keeps the other.
    after = [c for s in window.session.brief.sections for c in cited(s.content)]
    assert after and all(first.id not in c for c in after)
    context = next(s for s in window.session.brief.sections if s.kind is SectionKind.CONTEXT)
    at = [s.kind for s in window.session.brief.sections].index(SectionKind.CONTEXT)
    kept = [tuple(i for i in c if i != first.id) for c in cited(before_sections[at])]
    assert cited(context.content) == [c for c in kept if c]
    window.undo_action.trigger()  # one step brings back the source and the citation
    assert [s.content for s in window.session.brief.sections] == before_sections


def test_deleting_the_sources_section_asks_when_it_is_cited(window, qtbot, answers) -> None:
    first = window.session.brief.sources()[0]
    select_section(window, "Context")
    window.text_editor.insert_citation([first.id])
    sources_section = next(
        s for s in window.session.brief.sections if isinstance(s.content, SourcesContent)
    )
    window.sections.select(sources_section.id)
    answers.confirm_answer = False
    window.sections.delete_action.trigger()
    assert "is cited in 'Context'" in answers.questions[-1]
    assert window.session.section(sources_section.id) is not None
    assert isinstance(
        next(s for s in window.session.brief.sections if s.kind is SectionKind.CONTEXT).content,
        TextContent,
    )


def test_labels_name_the_sources_and_tell_namesakes_apart() -> None:
    from briefing_app.gui.citations import cite_label
    from briefing_app.model.brief import SourceEntry

    a = SourceEntry("Reuters: news reporting on the release", id="src-a")
    b = SourceEntry("Reuters: a second article", id="src-b")
    c = SourceEntry("Human Rights Watch: reporting on arrests", id="src-c")
    d = SourceEntry("An interview with a former prisoner held in Minsk in 2021", id="src-d")
    sources = [a, b, c, d]
    assert cite_label(["src-c"], sources) == "[Human Rights Watch]"
    # In the order of the Sources list, whatever the order cited.
    assert cite_label(["src-c", "src-a"], sources) == "[Reuters (1); Human Rights Watch]"
    assert cite_label(["src-b"], sources) == "[Reuters (2)]"
    long = cite_label(["src-d"], sources)
    assert long.startswith("[An interview with") and long.endswith("\u2026]")
    assert len(long) <= 34
    assert cite_label(["src-gone"], sources) == "[?]"


@given(st.lists(st.text(min_size=1, max_size=80), min_size=1, max_size=6), st.data())
def test_any_label_is_one_short_line(texts: list[str], data) -> None:
    from briefing_app.gui.citations import SHORT_NAME_CHARS, cite_label
    from briefing_app.model.brief import SourceEntry

    sources = [SourceEntry(t, id=f"src-{i}") for i, t in enumerate(texts)]
    ids = data.draw(st.lists(st.sampled_from([s.id for s in sources]), min_size=1, unique=True))
    label = cite_label(ids, sources)
    assert label.startswith("[") and label.endswith("]")
    assert "\n" not in label
    # Each cited source adds at most its short name, a place and a separator.
    assert len(label) <= 2 + len(ids) * (SHORT_NAME_CHARS + 8)
