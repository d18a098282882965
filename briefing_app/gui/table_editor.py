"""Editor for table sections: caption, headings, cells and a source line.

Cells are edited in place as plain text (Enter saves, Alt+Enter or
Shift+Enter starts a new line, Escape cancels). A cell keeps its formatting
(bold, italic, links, "needs source" marks) until its text is changed here;
a changed cell becomes one plain run. The source line behaves the same way.
Blocks copied from Excel or Word paste as cells and grow the table.
"Insert fact" adds a fact's value at the end of the current cell; the cell
keeps the fact (and follows its changes) until its text is retyped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.citations import NO_SOURCES, cite_label, pick_sources, with_cite_labels
from briefing_app.gui.editor_base import SectionEditor
from briefing_app.gui.fact_menu import FactMenu
from briefing_app.gui.icons import icon
from briefing_app.gui.prompt_overlay import PromptOverlay
from briefing_app.gui.table_actions import build_actions
from briefing_app.gui.table_model import FORMATTED_CELL_TIP, TableModel
from briefing_app.gui.table_widgets import CellDelegate, CellView, HeadingEdit
from briefing_app.gui.tool_strip import ToolStrip
from briefing_app.gui.tsv import clipboard_grid
from briefing_app.model.brief import SectionContent, SourceEntry, TableContent
from briefing_app.model.text import Run, normalise_runs, plain
from briefing_app.model.walk import Field, Place

LAST_COLUMN_MESSAGE = (
    "A table needs at least one column, so the last column was not deleted. "
    "Add another column first, or select fewer columns."
)


class TableEditor(SectionEditor):
    """Caption, editable headings and cells, and a source line."""

    content_type = TableContent

    #: A short message for the author (also shown in ``status_label``).
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = TableModel(self)
        self._source_runs: list[Run] = []
        self._heading_edit: HeadingEdit | None = None
        self._heading_column = -1

        self.caption_edit = QLineEdit()
        self.caption_edit.setAccessibleName("Table caption")
        self.caption_edit.setPlaceholderText("For example: Table 1. Releases by region")
        self.caption_edit.textEdited.connect(self._emit)

        self.view = CellView()
        self.view.setModel(self.model)
        self._delegate = CellDelegate(self.view)
        self.view.setItemDelegate(self._delegate)
        self.view.setAccessibleName("Table cells")
        self.view.setAccessibleDescription(
            "Type to edit a cell. Enter saves, Alt+Enter starts a new line, Escape cancels. "
            "Tab moves to the next cell; Tab in the last cell adds a row. F6 leaves the table."
        )
        self.view.row_wanted.connect(self._row_for_tab)
        self.prompt = PromptOverlay(self.view)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setDefaultSectionSize(160)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().sectionDoubleClicked.connect(self.rename_column)
        # The heading editor floats over the header: close it if the header moves.
        self.view.horizontalScrollBar().valueChanged.connect(lambda _v: self._close_heading())
        self.view.horizontalHeader().sectionResized.connect(self._columns_resized)
        self._refit_rows = QTimer(self)
        self._refit_rows.setSingleShot(True)
        self._refit_rows.setInterval(0)
        self._refit_rows.timeout.connect(self.view.resizeRowsToContents)
        self.view.paste_requested.connect(self.paste_cells)
        self.view.clear_requested.connect(self.clear_selected_cells)
        self.model.cell_edited.connect(self._emit)

        self.source_edit = QLineEdit()
        self.source_edit.setAccessibleName("Source line")
        self.source_edit.setPlaceholderText("For example: Source: Viasna, March 2025")
        self.source_edit.textEdited.connect(self._source_edited)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName("Table editor messages")

        build_actions(self)
        self._facts: dict[str, str] = {}
        self.fact_menu = FactMenu(self)
        self.fact_menu.chosen.connect(self.insert_fact)
        self.action_insert_fact = self.fact_menu.make_action(
            "Add a fact's value at the end of the current cell. The cell keeps the fact, and "
            "shows its new value when it changes, as long as you do not retype the cell's text "
            "(retyped text becomes plain)."
        )
        self._sources: list[SourceEntry] = []
        self.action_cite = QAction("Cite", self)
        self.action_cite.setShortcut(QKeySequence("Ctrl+Alt+F"))
        self.action_cite.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action_cite.setToolTip(
            "Cite one or more of the brief's sources at the end of the current cell (Ctrl+Alt+F)"
        )
        self.action_cite.triggered.connect(self.cite_sources)
        self.addAction(self.action_cite)
        self.action_insert_fact.setIcon(icon("fact"))
        self.action_cite.setIcon(icon("cite"))
        self._build_layout()

    # --- set-up ---------------------------------------------------------

    def row_actions(self) -> list[QAction]:
        return [
            self.action_add_row_above,
            self.action_add_row_below,
            self.action_delete_rows,
            self.action_move_row_up,
            self.action_move_row_down,
        ]

    def column_actions(self) -> list[QAction]:
        return [
            self.action_add_column_left,
            self.action_add_column_right,
            self.action_delete_columns,
            self.action_move_column_left,
            self.action_move_column_right,
            self.action_rename_column,
        ]

    def cell_actions(self) -> list[QAction]:
        return [self.action_paste, self.action_insert_fact, self.action_cite]

    def _build_layout(self) -> None:
        caption = QFormLayout()
        caption.addRow("&Caption:", self.caption_edit)
        # What goes into cells sits beside the caption, where it is always
        # in view; every button wraps onto another line rather than hide.
        top = QHBoxLayout()
        top.addLayout(caption, 1)
        cells = ToolStrip("Cells", self)
        for action in self.cell_actions():
            cells.add(action)
        top.addWidget(cells)
        # Rows and columns each keep their buttons together on a line.
        self.shape_strip = ToolStrip("Rows and columns", self)
        rows = ToolStrip("Rows", self.shape_strip)
        rows.add_label("Rows:")
        for action in self.row_actions():
            rows.add(action)
        columns = ToolStrip("Columns", self.shape_strip)
        columns.add_label("Columns:")
        moves = (self.action_move_column_left, self.action_move_column_right)
        for action in self.column_actions():
            # The move arrows say it with their icons (and tooltips).
            columns.add(action, words=action not in moves)
        self.shape_strip.add_group(rows)
        self.shape_strip.add_group(columns)
        bottom = QFormLayout()
        bottom.addRow("S&ource line:", self.source_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.shape_strip)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.status_label)

    # --- the template's prompt ----------------------------------------------

    def set_prompt(self, prompt: str) -> None:
        """Shown greyed under the rows while every cell is empty."""
        self.prompt.set_text(prompt)
        self._update_prompt()

    def _update_prompt(self) -> None:
        empty = not any(cell for row in self.model.rows() for cell in row)
        self.prompt.set_empty(empty)

    # --- SectionEditor ----------------------------------------------------

    def load(self, content: TableContent) -> None:  # type: ignore[override]
        self._discard_open_editors()
        content = with_cite_labels(content, self._sources)  # type: ignore[assignment]
        self.model.set_content(content)
        self.caption_edit.setText(content.caption)
        self._source_runs = list(content.source)
        self.source_edit.setText(plain(self._source_runs))
        for edit in (self.caption_edit, self.source_edit):
            edit.setCursorPosition(0)  # show the start, not the end
        formatted = any(not run.is_plain for run in self._source_runs)
        self.source_edit.setToolTip(FORMATTED_CELL_TIP if formatted else "")
        self.status_label.clear()
        self._update_prompt()

    def current(self) -> TableContent:
        return TableContent(
            caption=self.caption_edit.text(),
            columns=self.model.columns(),
            rows=self.model.rows(),
            source=normalise_runs(self._source_runs),
        )

    # --- row and column actions -------------------------------------------

    def add_row_above(self) -> None:
        self._change(lambda: self._add_row(below=False))

    def add_row_below(self) -> None:
        self._change(lambda: self._add_row(below=True))

    def delete_rows(self) -> None:
        self._change(self._delete_rows)

    def move_row_up(self) -> None:
        self._change(lambda: self._move_row(-1))

    def move_row_down(self) -> None:
        self._change(lambda: self._move_row(1))

    def add_column_left(self) -> None:
        self._change(lambda: self._add_column(right=False))

    def add_column_right(self) -> None:
        self._change(lambda: self._add_column(right=True))

    def delete_columns(self) -> None:
        self._change(self._delete_columns)

    def move_column_left(self) -> None:
        self._change(lambda: self._move_column(-1))

    def move_column_right(self) -> None:
        self._change(lambda: self._move_column(1))

    def set_facts(self, values: dict[str, str]) -> None:
        """The brief's facts (name -> value, in table order) for the menu."""
        self._facts = dict(values)
        self.fact_menu.set_facts(values)

    def insert_fact(self, name: str) -> None:
        value = self._facts.get(name, "")
        index = self.view.currentIndex()
        if not value or not index.isValid():
            self._say("Click the cell the fact goes in first." if value else "")
            return
        self._change(lambda: self.model.append_fact(index.row(), index.column(), name, value))

    def set_sources(self, sources: list[SourceEntry]) -> None:
        """The brief's Sources entries, in order (for the picker and labels)."""
        self._sources = list(sources)

    def cite_sources(self) -> None:
        """Ask which sources to cite and add the citation to the current cell."""
        index = self.view.currentIndex()
        if not index.isValid():
            self._say("Click the cell the citation goes in first.")
            return
        if not any(s.text.strip() for s in self._sources):
            self._say(NO_SOURCES)
            return
        ids = tuple(pick_sources(self, self._sources))
        if ids:
            label = cite_label(ids, self._sources)
            self._change(lambda: self.model.append_cite(index.row(), index.column(), ids, label))

    def paste_cells(self) -> None:
        """Paste the clipboard at the current cell (a block grows the table)."""
        self._change(self._paste)

    def clear_selected_cells(self) -> None:
        cells = {(i.row(), i.column()) for i in self.view.selectionModel().selectedIndexes()}
        self._change(lambda: self.model.clear_cells(sorted(cells)))

    def _add_row(self, *, below: bool) -> bool:
        if self.model.columnCount() == 0:
            self.model.insert_columns(0)
        rows = self._selected(rows=True)
        if rows:
            at = max(rows) + 1 if below else min(rows)
        else:
            at = self.model.rowCount() if below else 0
        self.model.insert_rows(at)
        self._go_to(at, self._current_column())
        return True

    def _delete_rows(self) -> bool:
        rows = self._selected(rows=True)
        if not self.model.remove_rows(rows):
            return False
        if self.model.rowCount():
            self._go_to(min(min(rows), self.model.rowCount() - 1), self._current_column())
        return True

    def _move_row(self, delta: int) -> bool:
        index = self.view.currentIndex()
        if not index.isValid() or not self.model.move_row(index.row(), delta):
            return False
        self._go_to(index.row() + delta, index.column())
        return True

    def _add_column(self, *, right: bool) -> bool:
        columns = self._selected(rows=False)
        if columns:
            at = max(columns) + 1 if right else min(columns)
        else:
            at = self.model.columnCount() if right else 0
        self.model.insert_columns(at)
        self._go_to(max(self.view.currentIndex().row(), 0), at)
        return True

    def _delete_columns(self) -> bool:
        columns = self._selected(rows=False)
        if not columns:
            return False
        if len(columns) >= self.model.columnCount():
            self._say(LAST_COLUMN_MESSAGE)
            return False
        row = self.view.currentIndex().row()
        self.model.remove_columns(columns)
        self._go_to(row, min(min(columns), self.model.columnCount() - 1))
        return True

    def _move_column(self, delta: int) -> bool:
        index = self.view.currentIndex()
        column = index.column() if index.isValid() else -1
        if not self.model.move_column(column, delta):
            return False
        self._go_to(index.row(), column + delta)
        return True

    def _paste(self) -> bool:
        grid = clipboard_grid(QGuiApplication.clipboard().text())
        if not grid:
            self._say("There is no text on the clipboard to paste.")
            return False
        index = self.view.currentIndex()
        row, column = (index.row(), index.column()) if index.isValid() else (0, 0)
        changed = self.model.paste_block(row, column, grid)
        width = max(len(cells) for cells in grid)
        self._go_to(row, column)
        if len(grid) > 1 or width > 1:
            top_left = self.model.index(row, column)
            bottom_right = self.model.index(row + len(grid) - 1, column + width - 1)
            self.view.selectionModel().select(
                QItemSelection(top_left, bottom_right),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
            self._say(f"Pasted {len(grid)} row(s) of {width} cell(s).")
        return changed

    # --- column headings ------------------------------------------------

    def rename_column(self, column: int | None = None) -> None:
        """Open the in-place heading editor (Enter keeps, Escape cancels)."""
        self._commit_open_editors()
        if column is None or isinstance(column, bool):  # triggered(bool) from the action
            column = max(self.view.currentIndex().column(), 0)
        if not 0 <= column < self.model.columnCount():
            return
        header = self.view.horizontalHeader()
        if self.model.rowCount():  # bring the column into view first
            self.view.scrollTo(self.model.index(max(self.view.rowAt(0), 0), column))
        edit = HeadingEdit(header.viewport())
        edit.setAccessibleName(f"Heading of column {column + 1}")
        edit.setText(self.model.columns()[column])
        edit.selectAll()
        edit.setGeometry(
            header.sectionViewportPosition(column), 0, header.sectionSize(column), header.height()
        )
        edit.finished.connect(self._close_heading)
        self._heading_edit, self._heading_column = edit, column
        edit.show()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _columns_resized(self, *_: object) -> None:
        self._close_heading()
        # Qt keeps row heights fitted to the old widths; refit wrapped text
        # once the resize has settled.
        self._refit_rows.start()

    def _close_heading(self, keep: bool = True) -> None:
        edit, self._heading_edit = self._heading_edit, None
        if edit is None:
            return  # already closed (hiding it sends one more focus-out)
        text = edit.text()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.hide()
        edit.deleteLater()
        if keep and self.model.setHeaderData(self._heading_column, Qt.Orientation.Horizontal, text):
            self._emit()

    # --- helpers ----------------------------------------------------------

    def _change(self, change: Callable[[], bool]) -> None:
        """Run one user edit; report it when something changed."""
        self._commit_open_editors()
        if change():
            self._emit()

    def _emit(self, *_: object) -> None:
        self._update_prompt()
        self.content_edited.emit(self.current())

    def _row_for_tab(self) -> None:
        """Tab in the last cell: a new last row (the view moves into it)."""
        self.model.insert_rows(self.model.rowCount())
        self._emit()

    def _source_edited(self, text: str) -> None:
        # A changed source line becomes one plain run (like a changed cell).
        self._source_runs = [Run(text)] if text else []
        self.source_edit.setToolTip("")
        self._emit()

    def _say(self, message: str) -> None:
        self.status_label.setText(message)
        self.status_message.emit(message)

    def _open_cell_editor(self) -> QWidget | None:
        if self.view.state() != QAbstractItemView.State.EditingState:
            return None
        return self.view.indexWidget(self.view.currentIndex())

    def _commit_open_editors(self) -> None:
        """Save a half-typed cell or heading before changing the table's shape."""
        editor = self._open_cell_editor()
        if editor is not None:
            self._delegate.commitData.emit(editor)
            self._delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        self._close_heading(keep=True)

    def _discard_open_editors(self) -> None:
        editor = self._open_cell_editor()
        if editor is not None:
            self._delegate.closeEditor.emit(
                editor, QAbstractItemDelegate.EndEditHint.RevertModelCache
            )
        self._close_heading(keep=False)

    def _selected(self, *, rows: bool) -> list[int]:
        """Rows (or columns) touched by the selection, else the current one."""
        picked = {
            i.row() if rows else i.column() for i in self.view.selectionModel().selectedIndexes()
        }
        current = self.view.currentIndex()
        if not picked and current.isValid():
            picked.add(current.row() if rows else current.column())
        return sorted(picked)

    def _current_column(self) -> int:
        return max(self.view.currentIndex().column(), 0)

    def select_text(self, place: Place, start: int, end: int) -> None:
        if place.field is Field.CAPTION:
            self.caption_edit.setSelection(start, end - start)
        elif place.field is Field.TABLE_SOURCE:
            self.source_edit.setSelection(start, end - start)
        elif place.field is Field.COLUMN:
            self._go_to(max(self.view.currentIndex().row(), 0), max(place.column - 1, 0))
        else:
            self._go_to(max(place.item - 1, 0), max(place.column - 1, 0))

    def text_at_cursor(self) -> str:
        index = self.view.currentIndex()
        if not index.isValid():
            return ""
        return plain(self.model.cell_runs(index.row(), index.column()))

    def go_to_words(self, words: list[str]) -> bool:
        wanted = " ".join(words).casefold()
        for row in range(self.model.rowCount()):
            for column in range(self.model.columnCount()):
                text = " ".join(plain(self.model.cell_runs(row, column)).split()).casefold()
                if text and (wanted.startswith(text[:40]) or text.find(wanted[:40]) >= 0):
                    self._go_to(row, column)
                    return True
        return False

    def reveal_change(self, before: SectionContent) -> None:
        """After an undo or redo: select the first cell that changed."""
        if not isinstance(before, TableContent):
            return
        rows = self.model.rows()
        for row, cells in enumerate(rows):
            old = before.rows[row] if row < len(before.rows) else None
            for column, cell in enumerate(cells):
                if old is None or column >= len(old) or normalise_runs(old[column]) != cell:
                    self._go_to(row, column)
                    return
        if len(before.rows) > len(rows) and rows:
            self._go_to(len(rows) - 1, 0)  # rows went: the last one left

    def show_place(self, place: Place, text: str) -> None:
        if place.field is Field.CAPTION:
            self.caption_edit.setFocus()
        elif place.field is Field.TABLE_SOURCE:
            self.source_edit.setFocus()
        else:
            row = place.item - 1 if place.field is Field.CELL else 0
            self._go_to(max(row, 0), max(place.column - 1, 0))
            self.view.setFocus()

    def _go_to(self, row: int, column: int) -> None:
        index = self.model.index(row, column)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
