"""Issue 20, point 8: a steady toolbar with icons and tooltips, Undo and Redo
of one size whatever they would undo, and no action hidden behind an
overflow arrow in a window 1280 pixels wide."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton

from briefing_app.gui.main_window import MainWindow
from briefing_app.sample import load_sample
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs, select_section
from tests.gui.windows import new_window


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    return Dialogs(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Dialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def fit(window: MainWindow, width: int, height: int) -> None:
    window.resize(width, height)
    QApplication.processEvents()


def buttons_shown(window: MainWindow) -> dict[str, QToolButton]:
    tools = window.toolbar
    shown = {}
    for action in tools.actions():
        if action.isSeparator():
            continue
        button = tools.widgetForAction(action)
        # An action QToolBar cannot fit goes to its overflow menu and has
        # no visible button.
        assert button is not None and button.isVisible(), action.text()
        assert button.geometry().right() <= tools.width(), action.text()
        shown[action.iconText()] = button
    return shown


def test_the_toolbar_has_icons_and_tooltips_and_fits_1280_pixels(window) -> None:
    fit(window, 1280, 800)
    shown = buttons_shown(window)
    assert {"New", "Open", "Save", "Undo", "Redo", "Find", "Check", "PDF", "Word"} <= set(shown)
    for button in shown.values():
        action = button.defaultAction()
        assert not action.icon().isNull(), action.text()
        assert action.toolTip() and button.accessibleName()
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert not window.toolbar.isMovable()


@pytest.mark.parametrize("title", ["Context", "Factors behind the release", "Sources"])
def test_every_editor_button_is_in_view_at_1280_pixels(window, title: str) -> None:
    fit(window, 1280, 800)
    select_section(window, title)
    editor = window.stack.currentWidget()
    strips = [w for w in editor.findChildren(QToolButton) if w.defaultAction() is not None]
    assert strips
    for button in strips:
        assert button.isVisible(), button.defaultAction().text()
        top_left = button.mapTo(editor, button.rect().topLeft())
        assert top_left.x() >= 0 and top_left.x() + button.width() <= editor.width() + 1
        assert not button.defaultAction().icon().isNull() or button.text()
    # Nothing in the editor is hidden behind QToolBar's "››" arrow.
    assert not [
        b for b in editor.findChildren(QToolButton) if b.objectName() == "qt_toolbar_ext_button"
    ]


def test_undo_and_redo_keep_their_size_and_say_what_they_undo(window, qtbot) -> None:
    fit(window, 1280, 800)
    shown = buttons_shown(window)
    undo, redo = shown["Undo"], shown["Redo"]
    sizes = (undo.size(), redo.size())
    positions = [b.x() for b in shown.values()]
    assert not window.undo_action.isEnabled()
    select_section(window, "Remaining political prisoners")
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    type_text(area, " More.")
    QApplication.processEvents()
    assert window.undo_action.isEnabled()
    assert "Undo Edit 'Remaining political prisoners'" in window.undo_action.toolTip()
    assert "Ctrl+Z" in window.undo_action.toolTip()
    assert window.undo_action.text() == "&Undo Edit 'Remaining political prisoners'"
    assert undo.text() == "Undo"
    QTest.keyClick(area, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert "Redo Edit" in window.redo_action.toolTip()
    assert (undo.size(), redo.size()) == sizes
    assert [b.x() for b in buttons_shown(window).values()] == positions
