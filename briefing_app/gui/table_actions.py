"""The table editor's row and column actions (shortcuts work while the
focus is inside the editor)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from briefing_app.gui.icons import icon

if TYPE_CHECKING:
    from briefing_app.gui.table_editor import TableEditor


def editor_action(
    editor: QWidget,
    text: str,
    tip: str,
    slot: Callable[[], None],
    shortcut: str | QKeySequence = "",
    icon_name: str = "",
    short: str = "",
) -> QAction:
    """``short``: the words on the toolbar button (the menu shows ``text``)."""
    action = QAction(text, editor)
    if icon_name:
        action.setIcon(icon(icon_name))
    if short:
        action.setIconText(short)
    action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})" if shortcut else tip)
    action.setStatusTip(tip)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    # Only while focus is inside this editor: several editors share a window.
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    editor.addAction(action)
    return action


def build_actions(editor: TableEditor) -> None:
    """The editor's row and column actions, as ``editor.action_*``."""

    def a(*args) -> QAction:
        return editor_action(editor, *args)

    editor.action_add_row_above = a(
        "Add row above",
        "Add a row above the current row",
        editor.add_row_above,
        "Ctrl+Shift+Return",
        "row-above",
        "Above",
    )
    editor.action_add_row_below = a(
        "Add row below",
        "Add a row below the current row",
        editor.add_row_below,
        "Ctrl+Return",
        "row-below",
        "Below",
    )
    editor.action_delete_rows = a(
        "Delete rows",
        "Delete the selected rows",
        editor.delete_rows,
        "Ctrl+-",
        "row-delete",
        "Delete",
    )
    editor.action_move_row_up = a(
        "Move row up",
        "Move the current row up",
        editor.move_row_up,
        "Alt+Shift+Up",
        "row-up",
        "Up",
    )
    editor.action_move_row_down = a(
        "Move row down",
        "Move the current row down",
        editor.move_row_down,
        "Alt+Shift+Down",
        "row-down",
        "Down",
    )
    editor.action_paste = a(
        "Paste cells",
        "Paste cells copied from Excel or Word at the current cell; the table grows to fit",
        editor.paste_cells,
        QKeySequence(QKeySequence.StandardKey.Paste),
        "paste-cells",
        "Paste cells",
    )
    editor.action_add_column_left = a(
        "Add column left",
        "Add a column left of the current column",
        editor.add_column_left,
        "",
        "column-left",
        "Left",
    )
    editor.action_add_column_right = a(
        "Add column right",
        "Add a column right of the current column",
        editor.add_column_right,
        "",
        "column-right",
        "Right",
    )
    editor.action_delete_columns = a(
        "Delete columns",
        "Delete the selected columns (a table keeps at least one)",
        editor.delete_columns,
        "",
        "column-delete",
        "Delete",
    )
    editor.action_move_column_left = a(
        "Move column left",
        "Move the current column left",
        editor.move_column_left,
        "Alt+Shift+Left",
        "column-move-left",
        "Move left",
    )
    editor.action_move_column_right = a(
        "Move column right",
        "Move the current column right",
        editor.move_column_right,
        "Alt+Shift+Right",
        "column-move-right",
        "Move right",
    )
    editor.action_rename_column = a(
        "Rename column…",
        "Change the current column's heading; double-clicking the heading does the same",
        editor.rename_column,
        "Shift+F2",
        "column-rename",
        "Rename",
    )
