"""The text editor driven like a person: type, select with the keyboard, use actions, paste."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow

from briefing_app.gui import text_editor as text_editor_module
from briefing_app.gui.richtext import normalise_content
from briefing_app.gui.text_editor import TextEditor, check_link
from briefing_app.model import Callout, ListBlock, ListStyle, Paragraph, Run, TextContent
from tests.gui.keyboard import type_text
from tests.gui.test_richtext import contents

SAMPLE = TextContent(
    [
        Paragraph([Run("Ales "), Run("Bialiatski", bold=True), Run(" was freed.")]),
        ListBlock(ListStyle.BULLET, [[Run("one")], [Run("two", link="https://x.org")]]),
        Callout("Note", [Paragraph([Run("check", needs_source=True)])]),
    ]
)

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot) -> TextEditor:
    widget = TextEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.text_area.setFocus()
    return widget


@pytest.fixture
def emitted(editor: TextEditor) -> list[TextContent]:
    seen: list[TextContent] = []
    editor.content_edited.connect(seen.append)
    return seen


def key(widget, k: Qt.Key, mods=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        QTest.keyClick(widget, k, mods)


def paste(editor: TextEditor, mime: QMimeData) -> None:
    QApplication.clipboard().setMimeData(mime)
    key(editor.text_area, K.Key_V, CTRL)


# -- load / current ----------------------------------------------------------------


def test_load_then_current_round_trips_without_emitting(editor, qtbot) -> None:
    with qtbot.assertNotEmitted(editor.content_edited):
        editor.load(SAMPLE)
    assert editor.current() == SAMPLE
    assert editor.current() is not editor.current()


# One editor for all examples on purpose: each load() must replace the last.
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(contents)
def test_load_current_round_trip_property(editor, content: TextContent) -> None:
    editor.load(content)
    assert editor.current() == normalise_content(content)


def test_text_area_has_no_undo_of_its_own(editor) -> None:
    assert not editor.text_area.isUndoRedoEnabled()
    assert not editor.text_area.document().isUndoRedoEnabled()


def test_load_keeps_cursor_when_asked(editor) -> None:
    editor.load(TextContent([Paragraph.of("Hello world")]))
    cursor = editor.text_area.textCursor()
    cursor.setPosition(6)
    editor.text_area.setTextCursor(cursor)
    editor.load(TextContent([Paragraph.of("Hello big world")]), keep_cursor=True)
    assert editor.text_area.textCursor().position() == 6
    editor.load(TextContent([Paragraph.of("Hi")]), keep_cursor=True)
    assert editor.text_area.textCursor().position() == 2  # clamped to the end
    editor.load(TextContent([Paragraph.of("Another section")]))
    assert editor.text_area.textCursor().position() == 0


def test_reload_of_the_same_content_leaves_a_fresh_empty_line(editor) -> None:
    editor.load(TextContent([Paragraph.of("abc")]))
    editor.text_area.moveCursor(QTextCursor.MoveOperation.End)
    key(editor.text_area, K.Key_Return)
    editor.load(editor.current(), keep_cursor=True)  # e.g. the window echoes the edit
    assert editor.text_area.document().blockCount() == 2
    assert editor.text_area.textCursor().blockNumber() == 1


# -- typing -----------------------------------------------------------------------------


def test_typing_emits_each_edit(editor, emitted) -> None:
    type_text(editor.text_area, "Hi")
    key(editor.text_area, K.Key_Return, SHIFT)  # a line break inside the paragraph
    type_text(editor.text_area, "there")
    assert emitted[-1] == TextContent([Paragraph.of("Hi\nthere")])
    assert len(emitted) == 8


def test_typing_non_ascii_names(editor, emitted) -> None:
    type_text(editor.text_area, "Statkevič, Аляксандр")
    assert editor.current() == TextContent([Paragraph.of("Statkevič, Аляксандр")])
    assert emitted[-1] == editor.current()


def test_select_with_keyboard_and_make_bold(editor, emitted) -> None:
    type_text(editor.text_area, "Free Statkevič")
    key(editor.text_area, K.Key_Left, SHIFT, times=len("Statkevič"))
    editor.bold_action.trigger()
    assert editor.current() == TextContent([Paragraph([Run("Free "), Run("Statkevič", bold=True)])])
    assert len([c for c in emitted if any(r.bold for r in c.blocks[0].runs)]) == 1
    assert editor.bold_action.isChecked()
    key(editor.text_area, K.Key_Home)
    assert not editor.bold_action.isChecked()
    # A partly bold selection becomes all bold first, as in Word; then plain.
    key(editor.text_area, K.Key_End)
    key(editor.text_area, K.Key_Home, SHIFT)
    assert not editor.bold_action.isChecked()
    editor.bold_action.trigger()
    assert editor.current() == TextContent([Paragraph([Run("Free Statkevič", bold=True)])])
    assert editor.bold_action.isChecked()
    editor.bold_action.trigger()
    assert editor.current() == TextContent([Paragraph.of("Free Statkevič")])


def test_keyboard_shortcuts_format_the_selection(editor) -> None:
    type_text(editor.text_area, "Аляксандр")
    key(editor.text_area, K.Key_Home, SHIFT)
    key(editor.text_area, K.Key_B, CTRL)
    key(editor.text_area, K.Key_I, CTRL)
    assert editor.current().blocks == [Paragraph([Run("Аляксандр", bold=True, italic=True)])]


def test_bold_without_selection_applies_to_what_is_typed_next(editor, emitted) -> None:
    type_text(editor.text_area, "a ")
    editor.bold_action.trigger()
    assert len(emitted) == 2  # a format for the next letters is not an edit
    assert editor.bold_action.isChecked()
    type_text(editor.text_area, "b")
    assert editor.current().blocks == [Paragraph([Run("a "), Run("b", bold=True)])]


def test_mark_inside_a_word_takes_the_whole_word(editor) -> None:
    type_text(editor.text_area, "one two")
    key(editor.text_area, K.Key_Left, times=1)
    editor.needs_source_action.trigger()
    assert editor.current().blocks == [Paragraph([Run("one "), Run("two", needs_source=True)])]
    assert editor.needs_source_action.isChecked()
    editor.needs_source_action.trigger()
    assert editor.current().blocks == [Paragraph.of("one two")]


def test_clear_formatting(editor) -> None:
    editor.load(SAMPLE)
    editor.text_area.selectAll()
    editor.clear_format_action.trigger()
    current = editor.current()
    assert current.blocks[0] == Paragraph.of("Ales Bialiatski was freed.")
    assert current.blocks[1] == ListBlock(ListStyle.BULLET, [[Run("one")], [Run("two")]])
    assert current.blocks[2] == Callout("Note", [Paragraph.of("check")])


# -- lists ----------------------------------------------------------------------------


def test_bullets_then_numbers_then_plain(editor) -> None:
    for line in ("first", "second", "third"):
        type_text(editor.text_area, line)
        key(editor.text_area, K.Key_Return)
    key(editor.text_area, K.Key_Backspace)
    editor.text_area.selectAll()
    editor.bullet_action.trigger()
    items = [[Run("first")], [Run("second")], [Run("third")]]
    assert editor.current().blocks == [ListBlock(ListStyle.BULLET, items)]
    assert editor.bullet_action.isChecked() and not editor.numbered_action.isChecked()
    editor.numbered_action.trigger()
    assert editor.current().blocks == [ListBlock(ListStyle.NUMBERED, items)]
    editor.numbered_action.trigger()
    assert editor.current().blocks == [Paragraph.of(t) for t in ("first", "second", "third")]
    assert editor.text_area.document().begin().blockFormat().indent() == 0


def test_enter_in_a_list_adds_an_item_and_a_list_item_rejoins_its_list(editor) -> None:
    editor.bullet_action.trigger()
    type_text(editor.text_area, "a")
    key(editor.text_area, K.Key_Return)
    type_text(editor.text_area, "b")
    assert editor.current().blocks == [ListBlock(ListStyle.BULLET, [[Run("a")], [Run("b")]])]
    editor.bullet_action.trigger()  # "b" leaves the list ...
    assert len(editor.current().blocks) == 2
    editor.bullet_action.trigger()  # ... and comes back into the same list
    assert editor.current().blocks == [ListBlock(ListStyle.BULLET, [[Run("a")], [Run("b")]])]


def test_adjacent_lists_stay_two_lists(editor) -> None:
    content = TextContent(
        [ListBlock(ListStyle.NUMBERED, [[Run("1")]]), ListBlock(ListStyle.NUMBERED, [[Run("1")]])]
    )
    editor.load(content)
    editor.text_area.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.text_area, "0")
    assert editor.current().blocks == [
        ListBlock(ListStyle.NUMBERED, [[Run("1")]]),
        ListBlock(ListStyle.NUMBERED, [[Run("10")]]),
    ]


# -- links --------------------------------------------------------------------------


@pytest.fixture
def dialogs(monkeypatch) -> dict[str, list]:
    calls: dict[str, list] = {"link": [], "problem": [], "answers": []}

    def ask(parent, current: str) -> str | None:
        calls["link"].append(current)
        return calls["answers"].pop(0)

    monkeypatch.setattr(text_editor_module, "ask_link_address", ask)
    monkeypatch.setattr(
        text_editor_module, "show_problem", lambda p, t, m: calls["problem"].append(m)
    )
    return calls


def test_link_on_selected_words(editor, dialogs) -> None:
    type_text(editor.text_area, "see the report")
    key(editor.text_area, K.Key_Left, SHIFT, times=len("report"))
    dialogs["answers"].append("www.gov.uk/report")
    editor.link_action.trigger()
    assert editor.current().blocks == [
        Paragraph([Run("see the "), Run("report", link="https://www.gov.uk/report")])
    ]
    # With the cursor inside the link, the dialog shows it and an empty answer removes it.
    key(editor.text_area, K.Key_Left)
    key(editor.text_area, K.Key_Right, times=2)
    assert editor.link_action.isChecked()
    dialogs["answers"].append("")
    editor.link_action.trigger()
    assert dialogs["link"] == ["", "https://www.gov.uk/report"]
    assert editor.current().blocks == [Paragraph.of("see the report")]


def test_link_with_a_bad_address_is_refused_in_plain_words(editor, dialogs, emitted) -> None:
    type_text(editor.text_area, "click")
    key(editor.text_area, K.Key_Home, SHIFT)
    dialogs["answers"].append("javascript:alert(1)")
    before = len(emitted)
    editor.link_action.trigger()
    assert len(dialogs["problem"]) == 1 and "web page" in dialogs["problem"][0]
    assert editor.current().blocks == [Paragraph.of("click")]
    assert len(emitted) == before
    assert not editor.link_action.isChecked()


def test_link_without_selection_inserts_the_address(editor, dialogs) -> None:
    type_text(editor.text_area, "Mail ")
    dialogs["answers"].append("press@example.org")
    editor.link_action.trigger()
    type_text(editor.text_area, " now")
    assert editor.current().blocks == [
        Paragraph(
            [Run("Mail "), Run("press@example.org", link="mailto:press@example.org"), Run(" now")]
        )
    ]


def test_link_in_two_formats_is_edited_as_one(editor, dialogs) -> None:
    link = "https://x.org"
    editor.load(TextContent([Paragraph([Run("ab", bold=True, link=link), Run("cd", link=link)])]))
    editor.text_area.moveCursor(QTextCursor.MoveOperation.End)
    key(editor.text_area, K.Key_Left)
    dialogs["answers"].append("")
    editor.link_action.trigger()
    assert editor.current().blocks == [Paragraph([Run("ab", bold=True), Run("cd")])]


def test_typing_after_a_link_is_not_linked_but_inside_it_is(editor) -> None:
    editor.load(TextContent([Paragraph([Run("see "), Run("link", link="https://x.org")])]))
    editor.text_area.moveCursor(QTextCursor.MoveOperation.End)
    type_text(editor.text_area, " more")
    key(editor.text_area, K.Key_Left, times=len(" more") + 2)
    type_text(editor.text_area, "X")
    assert editor.current().blocks == [
        Paragraph([Run("see "), Run("liXnk", link="https://x.org"), Run(" more")])
    ]


def test_cancelled_link_dialog_changes_nothing(editor, dialogs, emitted) -> None:
    type_text(editor.text_area, "x")
    key(editor.text_area, K.Key_Home, SHIFT)
    dialogs["answers"].append(None)
    editor.link_action.trigger()
    assert editor.current().blocks == [Paragraph.of("x")]
    assert not editor.link_action.isChecked()


@pytest.mark.parametrize(
    ("typed", "stored", "ok"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1", True),
        ("http://example.org", "http://example.org", True),
        ("mailto:a@b.org", "mailto:a@b.org", True),
        ("a@b.org", "mailto:a@b.org", True),
        ("www.gov.uk", "https://www.gov.uk", True),
        ("  ", "", True),
        ("javascript:alert(1)", "javascript:alert(1)", False),
        ("file:///etc/passwd", "file:///etc/passwd", False),
        ("ftp://example.org", "ftp://example.org", False),
        ("https://", "https://", False),
        ("two words", "two words", False),
    ],
)
def test_check_link(typed: str, stored: str, ok: bool) -> None:
    address, problem = check_link(typed)
    assert address == stored
    assert (problem == "") is ok


# -- callouts ----------------------------------------------------------------------


def test_insert_callout_and_type_its_body(editor, monkeypatch, emitted) -> None:
    monkeypatch.setattr(text_editor_module, "ask_callout_title", lambda parent: "Key fact")
    type_text(editor.text_area, "Intro")
    editor.callout_action.trigger()
    assert len(emitted) == 6
    type_text(editor.text_area, "Inside")
    assert editor.current().blocks == [
        Paragraph.of("Intro"),
        Callout("Key fact", [Paragraph.of("Inside")]),
    ]
    # A second box from inside the first goes after it, never inside.
    editor.callout_action.trigger()
    blocks = editor.current().blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Callout", "Callout"]


def test_enter_after_a_callout_title_starts_plain_body_text(editor) -> None:
    editor.load(TextContent([Callout("Note", [])]))
    frame = editor.text_area.document().rootFrame().childFrames()[0]
    cursor = editor.text_area.textCursor()
    cursor.setPosition(frame.firstPosition() + len("Note"))
    editor.text_area.setTextCursor(cursor)
    assert not editor.bold_action.isEnabled()  # marks do not apply to a title
    key(editor.text_area, K.Key_Return)
    type_text(editor.text_area, "body")
    assert editor.current().blocks == [Callout("Note", [Paragraph.of("body")])]
    assert editor.bold_action.isEnabled() and not editor.bold_action.isChecked()


# -- the window around it ---------------------------------------------------------


def test_ctrl_z_reaches_the_window_undo(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    editor = TextEditor()
    window.setCentralWidget(editor)
    undo = QAction("Undo", window)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    undo.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.addAction(undo)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    editor.text_area.setFocus()
    type_text(editor.text_area, "abc")
    with qtbot.waitSignal(undo.triggered, timeout=1000):
        key(editor.text_area, K.Key_Z, CTRL)
    assert editor.current().blocks == [Paragraph.of("abc")]


def test_actions_are_named_and_explained(editor) -> None:
    actions = [
        editor.bold_action,
        editor.italic_action,
        editor.bullet_action,
        editor.numbered_action,
        editor.link_action,
        editor.callout_action,
        editor.needs_source_action,
        editor.clear_format_action,
    ]
    for action in actions:
        button = editor.toolbar.buttons[action]
        assert button.accessibleName() and not action.icon().isNull()
        assert action.toolTip()
        if not action.shortcut().isEmpty():
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            assert native in action.toolTip()
    assert editor.bold_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Bold)
    assert editor.italic_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Italic)
    assert editor.text_area.accessibleName() and editor.text_area.toolTip()
