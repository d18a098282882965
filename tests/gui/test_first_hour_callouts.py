"""Issue 20, point 3: callout boxes behave like Word's boxes and lists.

Driven with real keys and mouse clicks in the main window (the sample's
Context section has a "Did you know?" box as its last block).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from briefing_app.gui.main_window import MainWindow
from briefing_app.model import Callout, Paragraph, TextContent
from briefing_app.sample import load_sample
from briefing_app.writers.registry import PDF
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs, export, select_section
from tests.gui.windows import new_window
from tests.pdf_text import pages_text, squash

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
BOX_TEXT = "Belarus is consistently ranked"


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    return Dialogs(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Dialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    select_section(win, "Context")
    return win


def click_on(window: MainWindow, words: str, clicks: int = 1) -> None:
    """Click (or double/triple-click) in the middle of ``words`` in the editor."""
    area = window.text_editor.text_area
    found = area.document().find(words)
    assert not found.isNull(), words
    cursor = QTextCursor(found)
    cursor.setPosition(found.selectionStart() + len(words) // 2)
    point = area.cursorRect(cursor).center()
    viewport = area.viewport()
    if clicks == 1:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point)
        return
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=point)
    if clicks == 3:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=point + QPoint(0, 0))


def context(window: MainWindow) -> TextContent:
    content = window.session.section("s-context").content
    assert isinstance(content, TextContent)
    return content


def box(content: TextContent) -> Callout:
    [found] = [b for b in content.blocks if isinstance(b, Callout)]
    return found


def area(window: MainWindow):
    return window.text_editor.text_area


def test_enter_twice_leaves_the_box_and_typing_continues_below_it(window, qtbot, answers):
    click_on(window, BOX_TEXT)
    QTest.keyClick(area(window), K.Key_End, CTRL)  # the end of the box's text
    QTest.keyClick(area(window), K.Key_Up)  # Ctrl+End left the box: back in
    QTest.keyClick(area(window), K.Key_End)
    assert window.text_editor.continue_below_action.isEnabled()  # inside the box
    QTest.keyClick(area(window), K.Key_Return)
    QTest.keyClick(area(window), K.Key_Return)
    assert not window.text_editor.continue_below_action.isEnabled()  # out of it
    type_text(area(window), "Written below the box.")
    content = context(window)
    assert content.blocks[-1] == Paragraph.of("Written below the box.")
    assert isinstance(content.blocks[-2], Callout)
    assert len(box(content).blocks) == 1  # no empty line left in the box
    text = squash(" ".join(pages_text(export(window, qtbot, answers, PDF, "below"))))
    assert text.index("presidential election of 2020.") < text.index("Written below the box.")


def test_arrow_keys_and_ctrl_end_move_out_of_the_box(window):
    click_on(window, BOX_TEXT)
    QTest.keyClick(area(window), K.Key_End, CTRL)
    type_text(area(window), "After Ctrl+End.")
    assert context(window).blocks[-1] == Paragraph.of("After Ctrl+End.")
    # Down from the box's last line is the line below it.
    click_on(window, BOX_TEXT)
    for _ in range(6):
        QTest.keyClick(area(window), K.Key_Down)
    QTest.keyClick(area(window), K.Key_Home)
    type_text(area(window), "Down: ")
    assert context(window).blocks[-1] == Paragraph.of("Down: After Ctrl+End.")
    assert len(box(context(window)).blocks) == 1


def test_continue_below_from_the_keyboard_the_menu_and_the_toolbar(window):
    click_on(window, "Belarus is consistently")
    # Ctrl+Shift+Enter, as listed in the Format menu.
    QTest.keyClick(area(window), K.Key_Return, CTRL | SHIFT)
    type_text(area(window), "One")
    assert context(window).blocks[-1] == Paragraph.of("One")
    # The right-click menu of the box offers it too.
    click_on(window, "Belarus is consistently")
    assert window.text_editor.continue_below_action in area(window).menu_actions
    window.text_editor.continue_below_action.trigger()
    assert area(window).hasFocus()
    type_text(area(window), "Two")
    # A new paragraph right under the box, above the one written before.
    blocks = context(window).blocks
    assert blocks[-2:] == [Paragraph.of("Two"), Paragraph.of("One")]
    assert isinstance(blocks[-3], Callout)


def test_a_selection_started_in_the_box_keeps_the_box(window):
    before = box(context(window))
    # From inside the box up into the paragraph above, with Shift+Up.
    click_on(window, "Belarus is consistently")
    QTest.keyClick(area(window), K.Key_Home)
    for _ in range(3):
        QTest.keyClick(area(window), K.Key_Up, SHIFT)
    QTest.keyClick(area(window), K.Key_Backspace)
    after = box(context(window))
    assert after.blocks == before.blocks  # the box's text after the selection stays
    assert after.title == ""  # the selected title went, the box did not
    assert "sources of leverage over Minsk." not in str(context(window).blocks[-2])
    window.undo_action.trigger()
    assert box(context(window)) == before


def test_triple_click_then_backspace_in_the_box_never_deletes_the_box(window):
    before = box(context(window))
    click_on(window, "Did you know?", clicks=3)
    QTest.keyClick(area(window), K.Key_Backspace)
    after = box(context(window))
    assert after.title == "" and after.blocks == before.blocks
    click_on(window, BOX_TEXT, clicks=3)
    QTest.keyClick(area(window), K.Key_Delete)
    assert box(context(window)).blocks == []  # the line's text, not the box
    window.undo_action.trigger()
    # Typing over a selection from the box to the end keeps the box as well.
    click_on(window, "ranked")
    QTest.keyClick(area(window), K.Key_End, CTRL | SHIFT)
    type_text(area(window), "x")
    assert box(context(window)).blocks[0].runs[0].text.endswith("ranx")
    while window.session.undo_stack.canUndo():
        window.undo_action.trigger()
    assert box(context(window)) == before


def test_selecting_around_the_whole_box_still_deletes_it_and_undo_brings_it_back(window):
    click_on(window, "sources of leverage over Minsk")
    QTest.keyClick(area(window), K.Key_End, CTRL | SHIFT)
    QTest.keyClick(area(window), K.Key_Delete)
    assert not [b for b in context(window).blocks if isinstance(b, Callout)]
    window.undo_action.trigger()
    assert box(context(window)).title == "Did you know?"
