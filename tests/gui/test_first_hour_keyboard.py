"""Issue 20, point 5: the keyboard. F6 between the panes, Tab in a sensible
order, a visible focus, every action in a menu, accessible names on every
control, Tab and Shift+Tab on list items; and a whole session without the
mouse that produces the expected .brief file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QWidget

from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from briefing_app.gui.tool_strip import ToolStrip
from briefing_app.model import ListBlock, ListStyle, Paragraph, Run, TextContent
from briefing_app.model.brief import SectionKind
from briefing_app.model.storage import load_brief
from briefing_app.sample import load_sample
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs, select_section
from tests.gui.windows import new_window

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    found = Dialogs(monkeypatch, tmp_path)
    monkeypatch.setattr(dialogs, "choose_new_brief", lambda *_a: "policy-brief")
    return found


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Dialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(key: Qt.Key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the keyboard focus is, as a keyboard sends it."""
    target = focused()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, mods)


def pane(window: MainWindow) -> str:
    current = window.panes.current()
    return current.name if current is not None else ""


def test_a_keyboard_only_session_writes_the_expected_brief(window, answers, tmp_path) -> None:
    press(K.Key_N, CTRL)  # File > New > From a template (the dialog answers)
    assert window.session.brief.template == "policy-brief"
    # The keyboard is in the new brief's first section, ready to type.
    assert focused() is window.text_editor.text_area
    # F6 goes round the panes and back; Tab goes from the sections to the text.
    seen = []
    for _ in range(4):
        press(K.Key_F6)
        seen.append(pane(window))
    assert seen == ["preview", "side", "sections", "editor"]
    press(K.Key_F6, SHIFT)
    assert pane(window) == "sections" and focused() is window.sections.list
    press(K.Key_Tab)
    assert focused() is window.text_editor.text_area
    type_text(window, "Minsk freed 52 prisoners. ")
    press(K.Key_B, CTRL)
    type_text(window, "Talks continue")
    press(K.Key_B, CTRL)
    type_text(window, ".")
    # The second section, from the list: F6 back to it, Down, Tab, type.
    press(K.Key_F6, SHIFT)
    press(K.Key_Down)
    press(K.Key_Tab)
    type_text(window, "Žodzina is 30 km from Minsk.")
    answers.save_to = tmp_path / "keyboard.brief"
    press(K.Key_S, CTRL)
    saved = load_brief(tmp_path / "keyboard.brief")
    assert saved.template == "policy-brief"
    assert [s.kind for s in saved.sections] == [
        SectionKind.SUMMARY,
        SectionKind.CONTEXT,
        SectionKind.ANALYSIS,
        SectionKind.RECOMMENDATIONS,
        SectionKind.SOURCES,
    ]
    assert saved.sections[0].content == TextContent(
        [Paragraph([Run("Minsk freed 52 prisoners. "), Run("Talks continue", bold=True), Run(".")])]
    )
    assert saved.sections[1].content == TextContent([Paragraph.of("Žodzina is 30 km from Minsk.")])
    assert all(not s.content.blocks for s in saved.sections[2:4])
    assert not window.isWindowModified()


def test_tab_order_runs_sections_editor_preview_then_the_tabs(window) -> None:
    select_section(window, "Context")
    window.sections.list.setFocus()
    order = []
    for _ in range(4):
        press(K.Key_Tab)
        order.append(focused())
    assert order == [
        window.text_editor.text_area,
        window.preview.view,
        window.side_tabs.tabBar(),
        window.properties.template,
    ]
    # A table section: the caption, then the cells, where Tab goes from
    # cell to cell (as in Word and Excel) and F6 leaves for the preview.
    select_section(window, "Factors behind the release")
    window.sections.list.setFocus()
    press(K.Key_Tab)
    assert focused() is window.table_editor.caption_edit
    press(K.Key_Tab)
    view = window.table_editor.view
    assert focused() is view
    view.setCurrentIndex(view.model().index(0, 0))
    press(K.Key_Tab)
    assert focused() is view and view.currentIndex().column() == 1
    press(K.Key_F6)
    assert focused() is window.preview.view
    # Shift+Tab from the preview comes back to the editor's last field.
    press(K.Key_Tab, SHIFT)
    assert focused() is window.table_editor.source_edit


def test_the_pane_with_the_focus_is_marked_also_after_a_dialog(window, qtbot) -> None:
    frames = {f.name: f for f in window.panes.frames}
    window.sections.list.setFocus()
    assert frames["sections"].active and not frames["editor"].active
    press(K.Key_F6)
    assert frames["editor"].active and not frames["sections"].active
    # After File > New (a dialog), the keyboard is in the editor, marked.
    window.preview.view.setFocus()
    press(K.Key_N, CTRL)
    assert focused() is window.text_editor.text_area
    assert frames["editor"].active
    assert [f.name for f in window.panes.frames if f.active] == ["editor"]


def test_every_toolbar_button_is_in_a_menu_and_every_control_has_a_name(window) -> None:
    in_menus: set[QAction] = set()

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            in_menus.add(action)
            if action.menu() is not None:
                walk(action.menu())

    for action in window.menuBar().actions():
        walk(action.menu())
    buttons = [
        *window.findChildren(ToolStrip),
    ]
    needed = [a for strip in buttons for a in strip.buttons]
    needed += [a for a in window.toolbar.actions() if not a.isSeparator()]
    needed += [
        window.sections.duplicate_action,
        window.sections.rename_action,
        window.sections.delete_action,
        window.sections.up_action,
        window.sections.down_action,
    ]
    missing = [a.text() for a in needed if a not in in_menus]
    assert not missing, missing
    # Every control Tab can reach says what it is to a screen reader, in
    # each kind of section.
    for title in ("Context", "Factors behind the release", "Sources"):
        select_section(window, title)
        window.find_action.trigger()
        for page in range(window.side_tabs.count()):
            window.side_tabs.setCurrentIndex(page)
            QApplication.processEvents()
            nameless = [
                f"{type(w).__name__} in {type(w.parent()).__name__}"
                for w in window.findChildren(QWidget)
                if w.isVisible()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                and not QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name)
            ]
            assert not nameless, (title, page, nameless)


def test_tab_and_shift_tab_outdent_and_indent_list_items(window) -> None:
    select_section(window, "Key points")
    area = window.text_editor.text_area
    area.setFocus()
    second = area.document().find("In return")
    cursor = QTextCursor(second)
    cursor.setPosition(second.selectionStart())
    area.setTextCursor(cursor)
    press(K.Key_Tab, SHIFT)  # out of the list: a paragraph
    blocks = window.session.section("s-summary").content.blocks
    assert isinstance(blocks[0], ListBlock) and len(blocks[0].items) == 1
    assert isinstance(blocks[1], Paragraph) and blocks[1].runs[0].text.startswith("In return")
    assert focused() is area
    press(K.Key_Tab)  # back into the list above it
    blocks = window.session.section("s-summary").content.blocks
    assert isinstance(blocks[0], ListBlock) and blocks[0].style is ListStyle.BULLET
    assert len(blocks) == 1 and len(blocks[0].items) == 5
    press(K.Key_Tab)  # a list item cannot go deeper: Tab stays and says so
    assert focused() is area
    assert "one level" in window.statusBar().currentMessage()
    # In a plain paragraph, Tab moves on to the next field.
    select_section(window, "Context")
    area.setFocus()
    press(K.Key_Tab)
    assert focused() is window.preview.view
