"""Editor for the sources section: one row per source, text and web address.

Every address is stored exactly as typed (we never lose what the author
wrote), but only web (http/https) and mail (mailto) addresses become links in
an export; any other address gets a plain-words warning beside the table and
a warning sign in its cell, and prints as text.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.document.links import SAFE_SCHEMES, safe_link
from briefing_app.gui.editor_base import SectionEditor
from briefing_app.gui.icons import icon
from briefing_app.gui.prompt_overlay import PromptOverlay
from briefing_app.gui.tool_strip import ToolStrip
from briefing_app.model.brief import (
    SectionContent,
    SourceEntry,
    SourcesContent,
    new_source_id,
)
from briefing_app.model.walk import Place

TEXT_COLUMN, ADDRESS_COLUMN = 0, 1
ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the source's id, on the text cell
NOT_A_LINK_WARNING = (
    "Only web (http/https) and mail (mailto) addresses become links; this one will print as text."
)
INCOMPLETE_WARNING = (
    "This address looks incomplete or has spaces in it, so it will print as text, not as a link."
)
NO_SCHEME_WARNING = (
    "Add https:// at the start to make this a link; as it is, it will print as text."
)
NO_TEXT_WARNING = "This source has no text, so it will be left out of the brief."


def address_warning(url: str) -> str:
    """A plain-words warning for an address that will not become a link, or ""."""
    url = url.strip()
    if not url or safe_link(url):
        return ""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return NOT_A_LINK_WARNING
    if scheme in SAFE_SCHEMES:
        return INCOMPLETE_WARNING
    if not scheme and "." in url and not any(ch.isspace() for ch in url):
        return NO_SCHEME_WARNING  # "www.example.org": the author forgot https://
    return NOT_A_LINK_WARNING


def entry_warning(text: str, url: str) -> str:
    if url.strip() and not text.strip():
        return NO_TEXT_WARNING
    return address_warning(url)


class AddressDelegate(QStyledItemDelegate):
    """Plain line editors; reports the address while it is being typed."""

    address_typed = Signal(str)

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() == ADDRESS_COLUMN:
            editor.setAccessibleName("Web address")
            editor.textChanged.connect(self.address_typed)
        else:
            editor.setAccessibleName("Source text")
        return editor


class SourcesEditor(SectionEditor):
    """A two-column list of sources (Source text | Web address)."""

    content_type = SourcesContent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Source text", "Web address"])
        self.table.setAccessibleName("Sources")
        self.table.setAccessibleDescription(
            "One source per row. Type to edit a cell; Enter saves, Escape cancels."
        )
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ADDRESS_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._delegate = AddressDelegate(self.table)
        self.table.setItemDelegate(self._delegate)
        self._delegate.address_typed.connect(self._address_typed)
        # Escape (or any close) shows the stored address's warning again.
        self._delegate.closeEditor.connect(lambda *_: self._show_current_warning())
        self.table.itemChanged.connect(self._item_changed)
        self.table.currentCellChanged.connect(lambda *_: self._show_current_warning())

        # The warning sits right under the table, beside the field in question.
        self.warning_label = QLabel()
        self.warning_label.setWordWrap(True)
        self.warning_label.setAccessibleName("Address warning")
        self.warning_label.setStyleSheet("color: #8a4b00;")
        self._warning_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)

        self.action_add = self._action(
            "Add source", "Add a source below the current one", self.add_source, "Ctrl+Return"
        )
        self.action_delete = self._action(
            "Delete sources", "Delete the selected sources", self.delete_sources, "Ctrl+-"
        )
        self.action_move_up = self._action(
            "Move up", "Move the current source up", self.move_up, "Alt+Shift+Up"
        )
        self.action_move_down = self._action(
            "Move down", "Move the current source down", self.move_down, "Alt+Shift+Down"
        )
        bar = ToolStrip("Sources", self)
        for action, name in (
            (self.action_add, "row-below"),
            (self.action_delete, "row-delete"),
            (self.action_move_up, "row-up"),
            (self.action_move_down, "row-down"),
        ):
            action.setIcon(icon(name))
            bar.add(action)
        self.prompt = PromptOverlay(self.table)

        #: Asked before sources are deleted, with their ids (False: keep them).
        self.may_delete: Callable[[list[str]], bool] | None = None
        self.show_uncited = QCheckBox("Print the sources nothing cites too")
        self.show_uncited.setToolTip(
            "Once the brief cites its sources, the list prints only the cited ones, in the "
            "order they are first cited. Tick this to print the others after them."
        )
        self.show_uncited.toggled.connect(lambda _on: self._emit())

        layout = QVBoxLayout(self)
        layout.addWidget(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.show_uncited)

    def list_actions(self) -> list[QAction]:
        return [self.action_add, self.action_delete, self.action_move_up, self.action_move_down]

    def _action(self, text: str, tip: str, slot: Callable[[], None], shortcut: str) -> QAction:
        action = QAction(text, self)
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString()})")
        action.setStatusTip(tip)
        action.setShortcut(QKeySequence(shortcut))
        # Only while focus is inside this editor: several editors share a window.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # --- SectionEditor ----------------------------------------------------

    def load(self, content: SourcesContent) -> None:  # type: ignore[override]
        self._close_open_editor(commit=False)
        with QSignalBlocker(self.table):
            self.table.setRowCount(0)
            self.table.setRowCount(len(content.items))
            for row, item in enumerate(content.items):
                self.table.setItem(row, TEXT_COLUMN, self._text_item(item.text, item.id))
                self.table.setItem(row, ADDRESS_COLUMN, QTableWidgetItem(item.url))
                self._decorate(row)
        with QSignalBlocker(self.show_uncited):
            self.show_uncited.setChecked(content.show_uncited)
        self._show_current_warning()
        self.prompt.set_empty(not any(item.text.strip() for item in content.items))

    def set_prompt(self, prompt: str) -> None:
        """The template's guidance, greyed under an empty list."""
        self.prompt.set_text(prompt)

    def current(self) -> SourcesContent:
        return SourcesContent(
            [
                SourceEntry(
                    self._text(row, TEXT_COLUMN),
                    self._text(row, ADDRESS_COLUMN),
                    self.source_id(row),
                )
                for row in range(self.table.rowCount())
            ],
            self.show_uncited.isChecked(),
        )

    def source_id(self, row: int) -> str:
        """The id of the source on ``row`` (citations refer to it; it moves
        with the row and never changes with the text)."""
        item = self.table.item(row, TEXT_COLUMN)
        if item is None:
            return ""
        value = item.data(ID_ROLE)
        if not value:
            value = new_source_id()
            with QSignalBlocker(self.table):
                item.setData(ID_ROLE, value)
        return str(value)

    @staticmethod
    def _text_item(text: str, source_id: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setData(ID_ROLE, source_id)
        return item

    def select_text(self, place: Place, start: int, end: int) -> None:
        row = place.block - 1
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, TEXT_COLUMN)
            self.table.scrollToItem(self.table.item(row, TEXT_COLUMN))

    def text_at_cursor(self) -> str:
        row = self.table.currentRow()
        return self._text(row, TEXT_COLUMN) if row >= 0 else ""

    def go_to_words(self, words: list[str]) -> bool:
        wanted = " ".join(words).casefold()
        for row in range(self.table.rowCount()):
            text = " ".join(self._text(row, TEXT_COLUMN).split()).casefold()
            if text and (text[:40] in wanted or wanted[:40] in text):
                self.table.setCurrentCell(row, TEXT_COLUMN)
                return True
        return False

    def reveal_change(self, before: SectionContent) -> None:
        """After an undo or redo: select the first source that changed."""
        if not isinstance(before, SourcesContent):
            return
        now = self.current().items
        for row, entry in enumerate(now):
            old = before.items[row] if row < len(before.items) else None
            if old is None or (old.text, old.url, old.id) != (entry.text, entry.url, entry.id):
                self.table.setCurrentCell(row, TEXT_COLUMN)
                return

    def show_place(self, place: Place, text: str) -> None:
        row = place.block - 1
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, TEXT_COLUMN)
            self.table.scrollToItem(self.table.item(row, TEXT_COLUMN))
        self.table.setFocus()

    # --- actions ------------------------------------------------------------

    def add_source(self) -> None:
        """Add an empty source below the current one and start typing its text."""
        self._close_open_editor(commit=True)
        current = self.table.currentRow()
        at = current + 1 if current >= 0 else self.table.rowCount()
        with QSignalBlocker(self.table):
            self.table.insertRow(at)
            self.table.setItem(at, TEXT_COLUMN, self._text_item("", new_source_id()))
            self.table.setItem(at, ADDRESS_COLUMN, QTableWidgetItem(""))
        self.table.setCurrentCell(at, TEXT_COLUMN)
        self._emit()
        self.table.editItem(self.table.item(at, TEXT_COLUMN))

    def delete_sources(self) -> None:
        self._close_open_editor(commit=True)
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        if not rows:
            return
        # The window asks first when the brief cites one of them.
        if self.may_delete is not None and not self.may_delete([self.source_id(r) for r in rows]):
            return
        with QSignalBlocker(self.table):
            for row in rows:
                self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(rows[-1], self.table.rowCount() - 1), 0)
        self._show_current_warning()
        self._emit()

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(1)

    def _move(self, delta: int) -> None:
        self._close_open_editor(commit=True)
        row, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
        target = row + delta
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        with QSignalBlocker(self.table):
            for col in (TEXT_COLUMN, ADDRESS_COLUMN):
                moving = self.table.takeItem(row, col)
                other = self.table.takeItem(target, col)
                self.table.setItem(target, col, moving)
                self.table.setItem(row, col, other)
        self.table.setCurrentCell(target, column)
        self._emit()

    # --- helpers ----------------------------------------------------------

    def _emit(self) -> None:
        content = self.current()
        self.prompt.set_empty(not any(item.text.strip() for item in content.items))
        self.content_edited.emit(content)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _item_changed(self, item: QTableWidgetItem) -> None:
        self._decorate(item.row())
        self._show_current_warning()
        self._emit()

    def _decorate(self, row: int) -> None:
        """Mark an address that will not become a link (and say why)."""
        item = self.table.item(row, ADDRESS_COLUMN)
        if item is None:
            return
        warning = entry_warning(self._text(row, TEXT_COLUMN), item.text())
        with QSignalBlocker(self.table):  # decorating is not an edit
            item.setIcon(self._warning_icon if warning else QIcon())
            item.setToolTip(warning)

    def _show_current_warning(self) -> None:
        row = self.table.currentRow()
        warning = ""
        if 0 <= row < self.table.rowCount():
            warning = entry_warning(self._text(row, TEXT_COLUMN), self._text(row, ADDRESS_COLUMN))
        self.warning_label.setText(f"Source {row + 1}: {warning}" if warning else "")

    def _address_typed(self, text: str) -> None:
        row = self.table.currentRow()
        warning = entry_warning(self._text(row, TEXT_COLUMN), text)
        self.warning_label.setText(f"Source {row + 1}: {warning}" if warning else "")

    def _close_open_editor(self, *, commit: bool) -> None:
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is None:
            return
        if commit:
            self._delegate.commitData.emit(editor)
        hint = (
            QAbstractItemDelegate.EndEditHint.NoHint
            if commit
            else QAbstractItemDelegate.EndEditHint.RevertModelCache
        )
        self._delegate.closeEditor.emit(editor, hint)
