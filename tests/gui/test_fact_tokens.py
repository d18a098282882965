"""A fact in the text editor is one unit: the cursor never stops inside it,
typing beside it writes plain text, and it is deleted whole."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from briefing_app.gui.text_area import CLIPBOARD_MIME
from briefing_app.gui.text_editor import TextEditor
from briefing_app.model import Callout, ListBlock, ListStyle, Paragraph, Run, TextContent

VALUES = {"released": "52", "remaining": "1,000", "date": "1 September 2025"}


@pytest.fixture
def editor(qtbot) -> TextEditor:
    widget = TextEditor()
    qtbot.addWidget(widget)
    widget.set_facts(VALUES)
    widget.load(
        TextContent([Paragraph([Run("Freed "), Run("52", fact="released"), Run(" people")])])
    )
    widget.show()
    widget.text_area.setFocus()
    return widget


def put_cursor(editor: TextEditor, position: int, anchor: int | None = None) -> QTextCursor:
    cursor = editor.text_area.textCursor()
    cursor.setPosition(position if anchor is None else anchor)
    if anchor is not None:
        cursor.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
    editor.text_area.setTextCursor(cursor)
    return editor.text_area.textCursor()


def runs(editor: TextEditor) -> list[Run]:
    [paragraph] = editor.current().blocks
    return paragraph.runs


# "Freed " is 0-6, the fact "52" is 6-8, " people" 8-15.


def test_a_click_inside_a_fact_lands_at_its_nearer_edge(editor) -> None:
    editor.text_area.setTextCursor(editor.text_area.textCursor())
    put_cursor(editor, 0)
    assert put_cursor(editor, 7).position() in (6, 8)
    put_cursor(editor, 0)
    editor.load(
        TextContent([Paragraph([Run("a "), Run("1 September 2025", fact="date"), Run(" b")])])
    )
    put_cursor(editor, 0)
    assert put_cursor(editor, 4).position() == 2
    put_cursor(editor, 0)
    assert put_cursor(editor, 16).position() == 18


def test_arrow_keys_step_over_a_fact(editor) -> None:
    area = editor.text_area
    put_cursor(editor, 6)
    QTest.keyClick(area, Qt.Key.Key_Right)
    assert area.textCursor().position() == 8
    QTest.keyClick(area, Qt.Key.Key_Left)
    assert area.textCursor().position() == 6
    QTest.keyClick(area, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert (area.textCursor().anchor(), area.textCursor().position()) == (6, 8)


def test_a_selection_ending_inside_a_fact_takes_all_of_it(editor) -> None:
    cursor = put_cursor(editor, 7, anchor=2)
    assert (cursor.anchor(), cursor.position()) == (2, 8)
    cursor = put_cursor(editor, 7, anchor=12)
    assert (cursor.anchor(), cursor.position()) == (12, 6)
    cursor = put_cursor(editor, 12, anchor=7)
    assert (cursor.anchor(), cursor.position()) == (6, 12)


@pytest.mark.parametrize("position", [6, 8])
def test_typing_beside_a_fact_is_plain_text(editor, position: int) -> None:
    put_cursor(editor, position)
    QTest.keyClicks(editor.text_area, "xy")
    assert Run("52", fact="released") in runs(editor)
    assert "".join(r.text for r in runs(editor) if not r.fact) in (
        "Freed xy people",
        "Freed  xypeople",
    )


def test_typing_before_a_fact_at_the_start_of_a_line_is_plain_text(editor) -> None:
    editor.load(TextContent([Paragraph([Run("52", fact="released"), Run(" freed")])]))
    put_cursor(editor, 0)
    QTest.keyClicks(editor.text_area, "All ")
    assert runs(editor) == [Run("All "), Run("52", fact="released"), Run(" freed")]


def test_typing_over_a_selection_that_ends_at_a_fact_is_plain_text(editor) -> None:
    put_cursor(editor, 8, anchor=15)  # " people", right after the fact
    QTest.keyClicks(editor.text_area, " men")
    assert runs(editor) == [Run("Freed "), Run("52", fact="released"), Run(" men")]


@pytest.mark.parametrize(("position", "key"), [(8, Qt.Key.Key_Backspace), (6, Qt.Key.Key_Delete)])
def test_backspace_or_delete_next_to_a_fact_removes_all_of_it(editor, position, key) -> None:
    put_cursor(editor, position)
    QTest.keyClick(editor.text_area, key)
    assert runs(editor) == [Run("Freed  people")]


def test_marks_apply_to_a_fact_and_clearing_them_keeps_the_fact(editor) -> None:
    put_cursor(editor, 8, anchor=0)
    editor.bold_action.trigger()
    assert runs(editor)[1] == Run("52", bold=True, fact="released")
    editor.clear_format_action.trigger()
    assert runs(editor) == [Run("Freed "), Run("52", fact="released"), Run(" people")]


def test_insert_fact_replaces_the_selection_and_typing_goes_on_plain(editor) -> None:
    put_cursor(editor, 15, anchor=8)
    editor.fact_menu.choose("date")
    QTest.keyClicks(editor.text_area, " ok")
    assert runs(editor) == [
        Run("Freed "),
        Run("52", fact="released"),
        Run("1 September 2025", fact="date"),
        Run(" ok"),
    ]


def test_no_fact_goes_into_a_callout_title(editor) -> None:
    editor.load(TextContent([Callout("Note", [Paragraph.of("body")])]))
    cursor = editor.text_area.textCursor()
    cursor.setPosition(editor.text_area.document().rootFrame().childFrames()[0].firstPosition())
    editor.text_area.setTextCursor(cursor)
    assert not editor.insert_fact_action.isEnabled()
    editor.insert_fact("released")
    assert editor.current() == TextContent([Callout("Note", [Paragraph.of("body")])])


def test_copy_and_paste_keeps_a_fact_and_a_strange_fact_becomes_plain_text(editor) -> None:
    area = editor.text_area
    put_cursor(editor, 8, anchor=6)
    copied = area.createMimeDataFromSelection()
    put_cursor(editor, 15)
    area.insertFromMimeData(copied)
    assert runs(editor)[-1] == Run("52", fact="released")
    # A fact this brief does not have, pasted from another brief's text.
    foreign = TextEditor()
    foreign.set_facts({"held": "900"})
    foreign.load(TextContent([Paragraph([Run("900", fact="held")])]))
    cursor = foreign.text_area.textCursor()
    cursor.select(QTextCursor.SelectionType.Document)
    foreign.text_area.setTextCursor(cursor)
    data = foreign.text_area.createMimeDataFromSelection()
    assert data.hasFormat(CLIPBOARD_MIME)
    put_cursor(editor, 0)
    area.insertFromMimeData(data)
    assert runs(editor)[0] == Run("900Freed ")
    foreign.deleteLater()


def test_pasted_plain_text_next_to_a_fact_is_plain(editor) -> None:
    put_cursor(editor, 8)
    mime = QMimeData()
    mime.setText(" and more")
    editor.text_area.insertFromMimeData(mime)
    assert runs(editor) == [Run("Freed "), Run("52", fact="released"), Run(" and more people")]


def test_text_that_looks_like_a_template_stays_literal(editor) -> None:
    put_cursor(editor, 15)
    QTest.keyClicks(editor.text_area, " {{ released }} {% if x %}")
    assert runs(editor)[-1] == Run(" people {{ released }} {% if x %}")
    assert sum(1 for r in runs(editor) if r.fact) == 1


# -- property: typing and deleting anywhere never changes a fact ----------------

facts_and_text = st.lists(
    st.one_of(
        st.sampled_from([Run("52", fact="released"), Run("1,000", fact="remaining", bold=True)]),
        st.builds(Run, st.text(alphabet="ab ,.", min_size=1, max_size=6)),
    ),
    min_size=1,
    max_size=6,
)
keys = st.lists(
    st.one_of(
        st.text(alphabet="xyz 1", min_size=1, max_size=3),
        st.sampled_from(["<BS>", "<DEL>", "<LEFT>", "<RIGHT>", "<SLEFT>", "<SRIGHT>"]),
    ),
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=facts_and_text,
    second=facts_and_text,
    where=st.integers(min_value=0, max_value=60),
    typed=keys,
)
def test_editing_anywhere_never_changes_a_fact(editor, first, second, where, typed) -> None:
    content = TextContent([Paragraph(first), ListBlock(ListStyle.BULLET, [second])])
    editor.load(content)
    area = editor.text_area
    put_cursor(editor, where % area.document().characterCount())
    named = {
        "<BS>": Qt.Key.Key_Backspace,
        "<DEL>": Qt.Key.Key_Delete,
        "<LEFT>": Qt.Key.Key_Left,
        "<RIGHT>": Qt.Key.Key_Right,
        "<SLEFT>": Qt.Key.Key_Left,
        "<SRIGHT>": Qt.Key.Key_Right,
    }
    for item in typed:
        if item in named:
            shift = item.startswith("<S")
            modifier = (
                Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
            )
            QTest.keyClick(area, named[item], modifier)
        else:
            QTest.keyClicks(area, item)
    values = {"released": "52", "remaining": "1,000"}
    facts = [
        run
        for block in editor.current().blocks
        for item in ([block.runs] if isinstance(block, Paragraph) else block.items)
        for run in item
        if run.fact
    ]
    # Facts may be deleted whole; none is ever changed, split or made up.
    assert all(run.text == values[run.fact] for run in facts)
    assert len(facts) <= sum(1 for run in first + second if run.fact)
