"""Issue 20, point 6: habits Word users bring. Ctrl+Y redoes, Tab in the last
cell adds a row, Replace changes one match at a time, Find Next honours whole
word and match case, undo and redo show what changed, and the preview
follows the cursor (a click in the preview goes to that place)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefing_app.gui.main_window import MainWindow
from briefing_app.model import TableContent
from briefing_app.model.search import occurrences
from briefing_app.sample import load_sample
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs, select_section
from tests.gui.windows import new_window

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    return Dialogs(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Dialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def focused():
    return QApplication.focusWidget()


def test_ctrl_y_redoes_as_well_as_ctrl_shift_z(window) -> None:
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    type_text(area, " Added.")
    added = window.session.section("s-context").content
    QTest.keyClick(area, K.Key_Z, CTRL)
    assert window.session.section("s-context").content != added
    QTest.keyClick(area, K.Key_Y, CTRL)
    assert window.session.section("s-context").content == added
    QTest.keyClick(area, K.Key_Z, CTRL)
    QTest.keyClick(area, K.Key_Z, CTRL | SHIFT)
    assert window.session.section("s-context").content == added
    # From a property field as well: its changes are the brief's undo steps.
    field = window.properties.edits["reference"]
    field.setFocus()
    field.end(False)
    type_text(field, "-B")
    QTest.keyClick(field, K.Key_Z, CTRL)
    assert window.session.brief.metadata.reference == "EECAD-2025-117"
    QTest.keyClick(field, K.Key_Y, CTRL)
    assert window.session.brief.metadata.reference == "EECAD-2025-117-B"
    assert field.text() == "EECAD-2025-117-B"


def test_tab_in_the_last_cell_adds_a_row_and_typing_fills_it(window) -> None:
    select_section(window, "Factors behind the release")
    view = window.table_editor.view
    model = view.model()
    rows = model.rowCount()
    view.setFocus()
    view.setCurrentIndex(model.index(rows - 1, model.columnCount() - 1))
    QTest.keyClick(focused(), K.Key_Tab)
    assert model.rowCount() == rows + 1
    assert (view.currentIndex().row(), view.currentIndex().column()) == (rows, 0)
    type_text(view, "Hostage diplomacy")
    QTest.keyClick(focused(), K.Key_Tab)  # saves the cell, to the next one
    type_text(view, "Prisoners as bargaining chips")
    QTest.keyClick(focused(), K.Key_Tab)  # last cell again, while editing: one more row
    assert model.rowCount() == rows + 2
    QTest.keyClick(focused(), K.Key_Escape)
    content = window.session.section("s-factors").content
    assert isinstance(content, TableContent)
    assert [r.text for cell in content.rows[rows] for r in cell] == [
        "Hostage diplomacy",
        "Prisoners as bargaining chips",
    ]
    # A row added is an undo step of its own, as with the Add row button.
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(window.session.section("s-factors").content.rows) == rows + 1


def test_replace_changes_the_match_shown_then_shows_the_next(window) -> None:
    brief = window.session.brief
    total = len(occurrences(brief, "Lukashenka", match_case=True))
    assert total >= 3
    select_section(window, "Key points")
    QTest.keyClick(focused(), K.Key_H, CTRL)  # Replace…
    bar = window.find_bar
    assert bar.isVisible() and focused() is bar.replace_edit
    bar.find_edit.setFocus()
    type_text(bar.find_edit, "Lukashenka")
    bar.match_case.click()
    QTest.keyClick(bar.find_edit, K.Key_Return)  # Find Next
    first = bar.current
    assert first is not None and bar.status.text().startswith("Match 1 of")
    area = window.text_editor.text_area
    assert area.textCursor().selectedText() == "Lukashenka"  # shown, selected
    bar.replace_edit.setFocus()
    type_text(bar.replace_edit, "Lukashenko")
    QTest.keyClick(bar.replace_edit, K.Key_Return)  # Replace: this one only
    assert len(occurrences(window.session.brief, "Lukashenka", match_case=True)) == total - 1
    assert len(occurrences(window.session.brief, "Lukashenko", match_case=True)) == 1
    assert "Replaced 1" in bar.status.text()
    assert bar.current is not None  # the next match is shown
    QTest.mouseClick(bar.replace_one_button, Qt.MouseButton.LeftButton)
    assert len(occurrences(window.session.brief, "Lukashenko", match_case=True)) == 2
    # Each replacement is an undo step of its own.
    window.undo_action.trigger()
    assert len(occurrences(window.session.brief, "Lukashenko", match_case=True)) == 1
    QTest.keyClick(bar.find_edit, K.Key_Escape)
    assert not bar.isVisible()


def test_find_next_and_previous_honour_whole_word_and_match_case(window) -> None:
    window.show_find()
    bar = window.find_bar
    type_text(bar.find_edit, "release")
    QTest.keyClick(bar.find_edit, K.Key_Return)
    loose = int(bar.status.text().split(" of ")[1].split(":")[0])
    bar.whole_word.click()
    QTest.keyClick(bar.find_edit, K.Key_Return)
    whole = int(bar.status.text().split(" of ")[1].split(":")[0])
    assert whole < loose  # "released" and "release's" no longer count
    bar.match_case.click()
    QTest.keyClick(bar.find_edit, K.Key_Return)
    cased = int(bar.status.text().split(" of ")[1].split(":")[0])
    assert cased <= whole
    number = bar.current.index
    QTest.keyClick(window, K.Key_F3)
    assert bar.current.index == (number + 1) % cased
    QTest.keyClick(window, K.Key_F3, SHIFT)
    assert bar.current.index == number


def test_undo_and_redo_go_to_and_select_what_changed(window) -> None:
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    found = area.document().find("arbitrary arrests")
    area.setTextCursor(found)
    type_text(area, "mass detentions")
    # Elsewhere now: the list and another section.
    select_section(window, "Sources")
    window.undo_action.trigger()
    assert window.sections.current_id() == "s-context"
    assert area.textCursor().selectedText() == "arbitrary arrests"
    window.redo_action.trigger()
    assert area.textCursor().selectedText() == "mass detentions"
    # Undo of a table edit selects the cell.
    select_section(window, "Factors behind the release")
    view = window.table_editor.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(2, 1))
    type_text(view, "Changed")
    QTest.keyClick(focused(), K.Key_Return)
    view.setCurrentIndex(view.model().index(0, 0))
    select_section(window, "Key points")
    window.undo_action.trigger()
    assert window.sections.current_id() == "s-factors"
    assert (view.currentIndex().row(), view.currentIndex().column()) == (2, 1)


def test_the_preview_follows_the_cursor_and_a_click_goes_to_the_editor(window, qtbot) -> None:
    window.resize(1400, 860)
    with qtbot.waitSignal(window.preview.rendered, timeout=30_000):
        window.preview.refresh_now()
    sync = window.preview_sync
    bar = window.preview.view.verticalScrollBar()
    bar.setValue(0)
    select_section(window, "Sources")
    window.table_editor  # noqa: B018 (the sources list shows)
    sync.follow_now()
    sources = sync.heading_spot("s-sources")
    assert sources is not None and sources.page >= 2  # the sample's chart may move it on
    assert sync.last_spot is not None and sync.last_spot.page == sources.page
    assert bar.value() > 0
    # Back to a paragraph at the start: the preview scrolls up to it.
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setTextCursor(area.document().find("Independent media outlets"))
    sync.follow_now()
    spot = sync.last_spot
    assert spot.page == 0
    rects = sync.page_rects()
    y = rects[0].top() + spot.point.y() * sync._scale()
    assert bar.value() <= y <= bar.value() + window.preview.view.viewport().height()
    # A click on a line of the Remaining political prisoners section.
    select_section(window, "Key points")
    heading = sync.heading_spot("s-remaining")
    assert heading is not None
    sync.scroll_to(heading)
    rects = sync.page_rects()
    target = rects[heading.page].topLeft() + (heading.point * sync._scale())
    below = QPoint(int(target.x()) + 40, int(target.y() + 40 * sync._scale()) - bar.value())
    QTest.mouseClick(window.preview.view.viewport(), Qt.MouseButton.LeftButton, pos=below)
    assert window.sections.current_id() == "s-remaining"
    assert focused() is area
    first = window.session.section("s-remaining").content.blocks[0]
    assert area.textCursor().block().text() == "".join(r.text for r in first.runs)


def test_replace_never_changes_a_match_other_than_the_one_shown(window) -> None:
    select_section(window, "Context")
    window.show_find(replacing=True)
    bar = window.find_bar
    type_text(bar.find_edit, "Minsk")
    bar.find()
    shown = bar.current
    before = occurrences(window.session.brief, "Minsk")
    # The author types the word again before the match shown.
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(area, "Minsk: ")
    type_text(bar.replace_edit, "Vilnius")
    QTest.mouseClick(bar.replace_one_button, Qt.MouseButton.LeftButton)
    # Nothing replaced: the search starts again (from the section's first
    # match, the one just typed) and shows it.
    assert len(occurrences(window.session.brief, "Minsk")) == len(before) + 1
    assert bar.current is not None and bar.current.place != shown.place
    assert area.textCursor().selectedText() == "Minsk"
    QTest.mouseClick(bar.replace_one_button, Qt.MouseButton.LeftButton)
    assert len(occurrences(window.session.brief, "Minsk")) == len(before)
    first = window.session.section("s-context").content.blocks[0]
    assert first.runs[0].text.startswith("Vilnius: The presidential")
