"""The context menu on a misspelt word: suggestions, "Add to dictionary",
"Ignore in this brief", then the field's own menu (cut, copy, paste...).

:class:`SpellMenus` is an event filter: it sees a right-click (or the menu
key) on a text area, a cell editor, a one-line field or a table cell, and
when the word there is misspelt it shows this menu instead of the usual
one; elsewhere the usual menu opens as before. The menu opens with
``popup`` (never a nested event loop), as Qt's own text menus do.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QFont, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from briefing_app.gui.spell_highlighter import block_skips
from briefing_app.gui.spell_underlines import cell_skips, cell_word_at
from briefing_app.spelling.words import Word

#: Suggestions the menu offers.
MENU_SUGGESTIONS = 5
ADD_TEXT = "Add to dictionary"
IGNORE_TEXT = "Ignore in this brief"
NO_SUGGESTIONS = "(no suggestions)"


def word_at(words: list[Word], position: int) -> Word | None:
    """The word covering ``position`` (a cursor position: its ends count)."""
    return next((w for w in words if w.start <= position <= w.end), None)


class SpellMenus(QObject):
    """Spelling context menus for the widgets given to :meth:`watch`.

    ``support`` is the window's :class:`~briefing_app.gui.spelling.SpellingSupport`
    (its ``state``, ``add_to_dictionary`` and ``ignore_in_brief``).
    """

    def __init__(self, support, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.support = support
        #: The last menu shown (tests reach it; Qt deletes it when closed).
        self.last_menu: QMenu | None = None

    def watch(self, widget: QWidget) -> None:
        """A right-click reaches a text edit's or a view's viewport; the menu
        key reaches the widget itself."""
        widget.installEventFilter(self)
        if hasattr(widget, "viewport"):
            widget.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not self.support.state.ready:
            return False
        assert isinstance(event, QContextMenuEvent)
        kinds = (QTextEdit, QPlainTextEdit, QLineEdit, QAbstractItemView)
        owner = watched if isinstance(watched, kinds) else watched.parent()
        try:
            if isinstance(owner, (QTextEdit, QPlainTextEdit)):
                return self._text_edit(owner, event)
            if isinstance(owner, QLineEdit):
                return self._line_edit(owner, event)
            if isinstance(owner, QAbstractItemView) and watched is not owner:
                return self._cell(owner, event)
        except RuntimeError:  # the widget went while the menu was built
            return False
        return False

    # -- where the word is, and how it is replaced -----------------------------------

    def _text_edit(self, edit: QTextEdit | QPlainTextEdit, event: QContextMenuEvent) -> bool:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            point = edit.viewport().mapFromGlobal(event.globalPos())
            cursor = edit.cursorForPosition(point)
        else:
            cursor = edit.textCursor()
        block = cursor.block()
        found = self.support.state.misspelt(block.text(), block_skips(block))
        word = word_at(found, cursor.positionInBlock())
        if word is None:
            return False
        start = block.position()

        def replace(text: str) -> None:
            doc = edit.document()
            first = QTextCursor(doc)
            first.setPosition(start + word.start + 1)
            fmt = first.charFormat()  # the word's own marks (bold, needs source)
            change = QTextCursor(doc)
            change.setPosition(start + word.start)
            change.setPosition(start + word.end, QTextCursor.MoveMode.KeepAnchor)
            change.beginEditBlock()
            change.insertText(text, fmt)
            change.endEditBlock()
            edit.setTextCursor(change)

        standard = edit.createStandardContextMenu(edit.viewport().mapFromGlobal(event.globalPos()))
        if not edit.isUndoRedoEnabled():  # the window's Edit menu undoes, not the field
            for action in standard.actions():
                if action.objectName() in ("edit-undo", "edit-redo"):
                    standard.removeAction(action)
        # The editor's own entries (formatting), where it offers them.
        own = [a for a in getattr(edit, "menu_actions", ()) if a.isEnabled()]
        if own:
            standard.addSeparator()
            standard.addActions(own)
        self._show(word, replace, standard, event.globalPos(), edit)
        return True

    def _line_edit(self, edit: QLineEdit, event: QContextMenuEvent) -> bool:
        if edit.echoMode() != QLineEdit.EchoMode.Normal:
            return False
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            at = edit.cursorPositionAt(event.pos())
        else:
            at = edit.cursorPosition()
        word = word_at(self.support.state.misspelt(edit.text()), at)
        if word is None:
            return False

        def replace(text: str) -> None:
            # As typing would: textEdited tells the brief.
            edit.setSelection(word.start, word.end - word.start)
            edit.insert(text)

        self._show(word, replace, edit.createStandardContextMenu(), event.globalPos(), edit)
        return True

    def _cell(self, view: QAbstractItemView, event: QContextMenuEvent) -> bool:
        index = view.indexAt(event.pos())
        if not index.isValid() or view.state() == QAbstractItemView.State.EditingState:
            return False
        word = cell_word_at(view, index, event.pos(), self.support.state)
        if word is None:
            return False
        text = str(index.data())
        skips = cell_skips(index)

        def replace(new: str) -> None:
            # A changed cell becomes one plain run, as when it is retyped.
            current = str(index.data())
            if current == text and self.support.state.misspelt(current, skips):
                view.model().setData(index, current[: word.start] + new + current[word.end :])

        self._show(word, replace, None, event.globalPos(), view)
        return True

    # -- the menu ------------------------------------------------------------------------

    def build(
        self,
        word: Word,
        replace: Callable[[str], None],
        standard: QMenu | None,
        parent: QWidget,
    ) -> QMenu:
        menu = QMenu(parent)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.setAccessibleName(f"Spelling: {word.text[:60]}")
        suggestions = [] if word.too_long else self.support.suggest(word.key, MENU_SUGGESTIONS)
        bold = QFont(menu.font())
        bold.setBold(True)
        for suggestion in suggestions:
            action = menu.addAction(suggestion.replace("&", "&&"))
            action.setFont(bold)
            action.setToolTip(f"Replace '{word.text}' with '{suggestion}'")
            action.triggered.connect(lambda _c=False, s=suggestion: replace(s))
        if not suggestions:
            menu.addAction(NO_SUGGESTIONS).setEnabled(False)
        menu.addSeparator()
        add = menu.addAction(ADD_TEXT)
        add.setToolTip("Accept this word in every brief (your own word list)")
        add.triggered.connect(lambda: self.support.add_to_dictionary(word.key))
        ignore = menu.addAction(IGNORE_TEXT)
        ignore.setToolTip("Accept this word in this brief only (saved with the brief)")
        ignore.triggered.connect(lambda: self.support.ignore_in_brief(word.key))
        if word.too_long:
            add.setEnabled(False)
        if standard is not None:
            standard.setParent(menu, standard.windowFlags())
            menu.addSeparator()
            menu.addActions(standard.actions())
        return menu

    def _show(self, word, replace, standard, where: QPoint, parent: QWidget) -> None:
        menu = self.build(word, replace, standard, parent)
        self.last_menu = menu
        menu.popup(where)
