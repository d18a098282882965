"""The section list: include checkboxes, drag-and-drop order, add/duplicate/
rename/delete/move actions. It only asks the session to change the brief."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui import dialogs
from briefing_app.gui.session import BriefSession
from briefing_app.gui.tool_strip import ToolStrip
from briefing_app.model.brief import Section, SectionKind

ID_ROLE = Qt.ItemDataRole.UserRole


class _List(QListWidget):
    """Reports an internal drag-and-drop move instead of applying it itself."""

    moved = Signal(str, int)

    def dropEvent(self, event) -> None:
        item = self.currentItem()
        if item is None or event.source() is not self:
            event.ignore()
            return
        point = event.position().toPoint()
        target = self.indexAt(point).row()
        if target < 0:
            target = self.count()  # dropped below the last item
        elif point.y() > self.visualRect(self.model().index(target, 0)).center().y():
            target += 1  # lower half of an item: after it
        if target > self.row(item):
            target -= 1  # the item leaves its old place first
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if target != self.row(item):
            self.moved.emit(item.data(ID_ROLE), target)


class SectionListPanel(QWidget):
    #: The selected section changed (its id, or "" for none).
    selected = Signal(str)

    def __init__(self, session: BriefSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        #: Asked before a section is deleted, with its id (False: keep it).
        self.may_delete: Callable[[str], bool] | None = None
        self.list = _List(self)
        self.list.setAccessibleName("Sections of the brief")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.currentItemChanged.connect(self._on_current)
        self.list.itemChanged.connect(self._on_item_changed)
        self.list.itemDoubleClicked.connect(lambda _i: self.rename_action.trigger())
        self.list.moved.connect(self._on_moved)

        self.add_menu = QMenu("Add section", self)
        for kind in SectionKind:
            action = self.add_menu.addAction(kind.label)
            action.triggered.connect(lambda _c=False, k=kind: self.add_section(k))
        self.add_action = QAction("Add section", self)
        self.add_action.setMenu(self.add_menu)
        self.add_action.setToolTip("Add a section (choose its kind)")
        self.duplicate_action = self._action("Duplicate", self.duplicate_section, "Duplicate")
        self.rename_action = self._action("Rename…", self.rename_section, "Rename", "F2")
        self.delete_action = self._action("Delete", self.delete_section, "Delete section")
        self.up_action = self._action(
            "Move up", lambda: self.move_by(-1), "Move up", "Ctrl+Shift+Up"
        )
        self.down_action = self._action(
            "Move down", lambda: self.move_by(1), "Move down", "Ctrl+Shift+Down"
        )

        style = self.style()
        for action, icon in (
            (self.up_action, QStyle.StandardPixmap.SP_ArrowUp),
            (self.down_action, QStyle.StandardPixmap.SP_ArrowDown),
            (self.delete_action, QStyle.StandardPixmap.SP_TrashIcon),
        ):
            action.setIcon(style.standardIcon(icon))
        # Icons where the platform has clear ones, words elsewhere; the strip
        # wraps rather than hide a button when the pane is narrow. Its
        # buttons take no Tab stop (the Section menu has every action).
        bar = ToolStrip("Section actions", self)
        self.add_action.setIconText("Add")  # "Add section" in the menu and for screen readers
        bar.add(self.add_action)
        for action in (self.up_action, self.down_action, self.delete_action):
            bar.add(action, words=False)
        bar.add_gap()
        for action in (self.duplicate_action, self.rename_action):
            bar.add(action)
        self.toolbar = bar

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.list, 1)
        session.sections_changed.connect(self.reload)
        self.reload()

    def _action(self, text: str, slot, tip: str, shortcut: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            tip = (
                f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
            )
        action.setToolTip(tip)
        self.addAction(action)
        return action

    # -- view
    def current_id(self) -> str:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else ""

    def reload(self) -> None:
        keep = self.current_id()
        with QSignalBlocker(self.list):
            self.list.clear()
            for section in self.session.brief.sections:
                item = QListWidgetItem(section.title)
                item.setData(ID_ROLE, section.id)
                item.setToolTip(
                    f"{section.kind.label}" + ("" if section.included else " (left out)")
                )
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled
                    | Qt.ItemFlag.ItemIsSelectable
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                item.setCheckState(
                    Qt.CheckState.Checked if section.included else Qt.CheckState.Unchecked
                )
                if not section.included:
                    font = item.font()
                    font.setItalic(True)
                    item.setFont(font)
                self.list.addItem(item)
            ids = [s.id for s in self.session.brief.sections]
            row = ids.index(keep) if keep in ids else (0 if ids else -1)
            self.list.setCurrentRow(row)
        new = self.current_id()
        self._update_actions()
        if new != keep:
            self.selected.emit(new)

    def select(self, section_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(ID_ROLE) == section_id:
                self.list.setCurrentRow(row)
                return

    def _update_actions(self) -> None:
        row = self.list.currentRow()
        has = row >= 0
        for action in (self.duplicate_action, self.rename_action, self.delete_action):
            action.setEnabled(has)
        self.up_action.setEnabled(has and row > 0)
        self.down_action.setEnabled(has and row < self.list.count() - 1)

    def _on_current(self, *_args: object) -> None:
        self._update_actions()
        self.selected.emit(self.current_id())

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        included = item.checkState() == Qt.CheckState.Checked
        self.session.set_included(item.data(ID_ROLE), included)

    def _on_moved(self, section_id: str, index: int) -> None:
        self.session.move(section_id, index)
        self.select(section_id)

    # -- actions
    def add_section(self, kind: SectionKind) -> None:
        section = Section.new(kind)
        row = self.list.currentRow()
        self.session.insert(section, row + 1 if row >= 0 else None)
        self.select(section.id)

    def duplicate_section(self) -> None:
        if self.current_id():
            self.select(self.session.duplicate(self.current_id()).id)

    def rename_section(self) -> None:
        section = self.session.section(self.current_id())
        if section is None:
            return
        title = dialogs.ask_text(self, "Rename section", "Section title:", section.title)
        if title and title.strip():
            self.session.rename(section.id, title.strip())

    def delete_section(self) -> None:
        section = self.session.section(self.current_id())
        if section is None:
            return
        if self.may_delete is not None and not self.may_delete(section.id):
            return  # the window asked about what the section takes with it
        question = f"Delete the section '{section.title}'? You can undo this with Edit > Undo."
        if dialogs.confirm(self, "Delete section", question):
            row = self.list.currentRow()
            self.session.delete(section.id)
            self.list.setCurrentRow(min(row, self.list.count() - 1))

    def move_by(self, step: int) -> None:
        section_id = self.current_id()
        if section_id:
            self.session.move(section_id, self.session.index_of(section_id) + step)
            self.select(section_id)
