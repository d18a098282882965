"""The main window's actions, menus and toolbar.

Every action is in a menu (reachable with Alt and the underlined letters,
or F10) and most have a shortcut; the toolbar repeats the common ones with
icons. The toolbar is steady: its buttons keep one size (Undo and Redo say
what they would undo in their tooltip and in the Edit menu, not on the
button), it cannot be dragged about, and it fits a window 1280 pixels wide.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from briefing_app.gui.icons import icon
from briefing_app.gui.template_actions import TemplateActions
from briefing_app.writers.registry import formats

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow

K = QKeySequence.StandardKey


def _native(keys: list[QKeySequence]) -> str:
    return keys[0].toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def make_action(
    window: MainWindow,
    text: str,
    slot,
    shortcut=None,
    tip: str = "",
    icon_name: str = "",
    short: str = "",
) -> QAction:
    """An action of the window; ``short`` is the toolbar's word for it."""
    action = QAction(text, window)
    action.triggered.connect(slot)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({native})" if native else tip)
        action.setStatusTip(tip)
    if icon_name:
        action.setIcon(icon(icon_name))
    if short:
        action.setIconText(short)
    return action


def _unique(keys: list[QKeySequence]) -> list[QKeySequence]:
    seen: list[QKeySequence] = []
    for key in keys:
        if not key.isEmpty() and key not in seen:
            seen.append(key)
    return seen


def _undo_redo(window: MainWindow) -> None:
    """Undo and Redo with a fixed word on the button; what they would undo
    or redo goes in the menu entry and the tooltip."""
    stack = window.session.undo_stack
    undo = make_action(window, "&Undo", stack.undo, icon_name="undo", short="Undo")
    redo = make_action(window, "&Redo", stack.redo, icon_name="redo", short="Redo")
    undo.setShortcuts(_unique(QKeySequence.keyBindings(K.Undo)))
    # Word's Ctrl+Y as well as the platform's own (Ctrl+Shift+Z on Linux).
    redo.setShortcuts(
        _unique(
            [
                QKeySequence("Ctrl+Y"),
                QKeySequence("Ctrl+Shift+Z"),
                *QKeySequence.keyBindings(K.Redo),
            ]
        )
    )

    def follow(action: QAction, verb: str, what: str) -> None:
        keys = _native(action.shortcuts())
        action.setText(f"&{verb} {what}" if what else f"&{verb}")
        detail = f"{verb} {what}" if what else f"Nothing to {verb.lower()}"
        action.setToolTip(f"{detail} ({keys})")
        action.setStatusTip(detail)

    stack.undoTextChanged.connect(lambda text: follow(undo, "Undo", text))
    stack.redoTextChanged.connect(lambda text: follow(redo, "Redo", text))
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    for action, verb, what, can in (
        (undo, "Undo", stack.undoText(), stack.canUndo()),
        (redo, "Redo", stack.redoText(), stack.canRedo()),
    ):
        follow(action, verb, what)
        action.setEnabled(can)
        # From any field, as in Word (line edits keep their own typing undo).
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.undo_action, window.redo_action = undo, redo


class _UndoKeysToTheBrief(QObject):
    """A field whose every change is an undo step of the brief (a property,
    a table's caption) leaves Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z to the
    window's Undo and Redo, instead of keeping a history of its own."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.keys = [*window.undo_action.shortcuts(), *window.redo_action.shortcuts()]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            pressed = QKeySequence(event.keyCombination())
            if any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in self.keys):
                event.ignore()  # not the field's: the window's shortcut runs
                return True
        return False


def undo_keys_to_the_brief(window: MainWindow, fields: list[QWidget]) -> None:
    router = _UndoKeysToTheBrief(window)
    for field in fields:
        field.installEventFilter(router)


def build_actions(window: MainWindow) -> None:
    w = window
    w.templates = TemplateActions(w)
    w.new_template_action = w.templates.new_action
    w.new_template_action.setIcon(icon("new"))
    w.new_template_action.setIconText("New")
    w.new_action = make_action(w, "&Blank brief", w.new_blank, tip="Start a new, empty brief")
    w.new_sample_action = make_action(
        w, "From the &sample", w.new_from_sample, tip="Start from the Belarus sample brief"
    )
    w.open_action = make_action(w, "&Open…", w.open_dialog, K.Open, "Open a brief", "open", "Open")
    w.import_action = make_action(
        w,
        "&Import…",
        w.import_dialog,
        tip="Make a new brief from a text, Markdown, Word, web page or e-mail file",
    )
    w.update_from_word_action = make_action(
        w,
        "Up&date from Word…",
        w.update_from_word,
        tip="Bring a colleague's edits, tracked changes and comments in a Word export back "
        "into this brief",
    )
    w.save_action = make_action(w, "&Save", w.save, K.Save, "Save the brief", "save", "Save")
    w.save_as_action = make_action(w, "Save &As…", w.save_as, K.SaveAs)
    w.restore_version_action = make_action(
        w,
        "Restore &Earlier Version…",
        w.files.restore_earlier_version,
        tip="Open a version of this brief as it was saved before",
    )
    w.recover_action = make_action(
        w,
        "Recover &Unsaved Work…",
        w.recover_unsaved,
        tip="Restore changes kept aside when the app closed without saving them",
    )
    # One action per registered format (briefing_app/writers/registry.py).
    w.export_actions = {}
    for fmt in formats():
        tip = f"Export {fmt.label}" + (f": {fmt.purpose}" if fmt.purpose else "")
        w.export_actions[fmt.name] = make_action(
            w,
            fmt.menu_text,
            lambda _checked=False, f=fmt: w.export(f),
            fmt.shortcut or None,
            tip,
            f"export-{fmt.name}",
            fmt.label,
        )
    w.print_action = make_action(w, "&Print…", w.print_brief, K.Print, "Print the brief", "print")
    w.print_action.setIconText("Print")
    w.close_action = make_action(w, "&Close", w.close, K.Close)
    w.quit_action = make_action(w, "&Quit", w.close, K.Quit)
    _undo_redo(w)
    # Cut, copy and paste act on whichever field has the keyboard focus.
    w.cut_action = make_action(w, "Cu&t", lambda: w.focused("cut"), K.Cut)
    w.copy_action = make_action(w, "&Copy", lambda: w.focused("copy"), K.Copy)
    w.paste_action = make_action(w, "&Paste", lambda: w.focused("paste"), K.Paste)
    for action in (w.cut_action, w.copy_action, w.paste_action):
        # The focused widget's own shortcut handles the keys; the menu
        # entries are for the mouse.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    w.find_action = make_action(
        w, "&Find…", w.show_find, K.Find, "Find text in every section", "find", "Find"
    )
    w.replace_action = make_action(
        w,
        "&Replace…",
        lambda: w.show_find(replacing=True),
        "Ctrl+H",
        "Replace text in every section, one match at a time or all at once",
    )
    w.find_next_action = make_action(
        w, "Find &Next", lambda: w.find_again(backwards=False), K.FindNext, "Find the next match"
    )
    w.find_previous_action = make_action(
        w,
        "Find Pre&vious",
        lambda: w.find_again(backwards=True),
        K.FindPrevious,
        "Find the previous match",
    )
    w.check_action = make_action(
        w,
        "Chec&k Brief",
        w.show_check,
        "F7",
        "What to look at before the brief goes out: sources, page budget, prompts, facts",
        "check",
        "Check",
    )
    w.next_pane_action = make_action(
        w,
        "&Next Pane",
        lambda: w.panes.move(1),
        "F6",
        "Move to the next part of the window: sections, editor, preview, properties",
    )
    w.previous_pane_action = make_action(
        w, "&Previous Pane", lambda: w.panes.move(-1), "Shift+F6", "Move to the previous part"
    )
    w.go_actions = [
        make_action(w, text, slot, key)
        for text, slot, key in (
            ("&Sections", lambda: w.panes.go("sections"), "Ctrl+1"),
            ("&Editor", lambda: w.panes.go("editor"), "Ctrl+2"),
            ("Pre&view", lambda: w.panes.go("preview"), "Ctrl+3"),
            ("P&roperties", lambda: w.show_side_tab(w.properties_page), "Ctrl+4"),
            ("F&acts", lambda: w.show_side_tab(w.facts), "Ctrl+5"),
            ("Chec&k", lambda: w.show_side_tab(w.check_panel), "Ctrl+6"),
        )
    ]
    for action in (w.next_pane_action, w.previous_pane_action, *w.go_actions):
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)


def build_menus(window: MainWindow) -> None:
    w = window
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    new_menu = file_menu.addMenu("&New")
    new_menu.addAction(w.new_template_action)
    new_menu.addAction(w.new_action)
    new_menu.addAction(w.new_sample_action)
    file_menu.addAction(w.open_action)
    w.recent_menu = file_menu.addMenu("Open &Recent")
    w.recent_menu.aboutToShow.connect(w.fill_recent)
    file_menu.addAction(w.import_action)
    file_menu.addAction(w.update_from_word_action)
    templates_menu = file_menu.addMenu("&Templates")
    templates_menu.addAction(w.templates.import_action)
    templates_menu.addAction(w.templates.open_folder_action)
    file_menu.addSeparator()
    file_menu.addAction(w.save_action)
    file_menu.addAction(w.save_as_action)
    file_menu.addAction(w.restore_version_action)
    file_menu.addAction(w.recover_action)
    file_menu.addSeparator()
    for action in w.export_actions.values():
        file_menu.addAction(action)
    file_menu.addAction(w.print_action)
    file_menu.addSeparator()
    file_menu.addAction(w.close_action)
    file_menu.addAction(w.quit_action)

    edit_menu = bar.addMenu("&Edit")
    for action in (w.undo_action, w.redo_action, None, w.cut_action, w.copy_action):
        edit_menu.addAction(action) if action is not None else edit_menu.addSeparator()
    edit_menu.addAction(w.paste_action)
    edit_menu.addSeparator()
    for action in (w.find_action, w.replace_action, w.find_next_action, w.find_previous_action):
        edit_menu.addAction(action)
    edit_menu.addSeparator()
    edit_menu.addAction(w.check_action)

    view_menu = bar.addMenu("&View")
    view_menu.addAction(w.next_pane_action)
    view_menu.addAction(w.previous_pane_action)
    view_menu.addSeparator()
    view_menu.addActions(w.go_actions)

    format_menu = bar.addMenu("F&ormat")
    format_menu.addActions(w.text_editor.actions())
    format_menu.setToolTipsVisible(True)

    # The table editor's and the sources list's buttons, for the keyboard
    # (each group usable while its editor shows).
    w.table_menu = bar.addMenu("T&able")
    table, sources = w.table_editor, w.sources_editor
    for group in (table.cell_actions(), table.row_actions(), table.column_actions()):
        w.table_menu.addActions(group)
        w.table_menu.addSeparator()
    w.table_menu.addSection("Sources list")
    w.table_menu.addActions(sources.list_actions())
    w.table_menu.setToolTipsVisible(True)

    section_menu: QMenu = bar.addMenu("&Section")
    section_menu.addMenu(w.sections.add_menu)
    for action in (
        w.sections.duplicate_action,
        w.sections.rename_action,
        w.sections.delete_action,
        w.sections.up_action,
        w.sections.down_action,
    ):
        section_menu.addAction(action)


def build_toolbar(window: MainWindow) -> QToolBar:
    w = window
    tools = w.addToolBar("Main")
    tools.setObjectName("main-toolbar")
    tools.setAccessibleName("Main toolbar")
    # A steady toolbar: not dragged about, icons with a word each.
    tools.setMovable(False)
    tools.setFloatable(False)
    tools.setIconSize(QSize(20, 20))
    tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    groups = [
        [w.new_template_action, w.open_action, w.save_action],
        [w.undo_action, w.redo_action],
        [w.find_action, w.check_action],
        [w.export_actions[f.name] for f in formats() if f.toolbar] + [w.print_action],
    ]
    for number, group in enumerate(groups):
        if number:
            tools.addSeparator()
        for action in group:
            tools.addAction(action)
            button = tools.widgetForAction(action)
            if button is not None:
                # Undo and Redo keep one name; the others say what they do.
                steady = action in (w.undo_action, w.redo_action)
                name = action.iconText() if steady else action.text()
                button.setAccessibleName(name.replace("&", "").rstrip("…."))
    return tools
