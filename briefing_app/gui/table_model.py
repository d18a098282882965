"""The Qt model behind the table editor: headings and cells of runs.

Each cell keeps its runs (bold, italic, links, "needs source" marks) as long
as the author does not change its text here; the editor edits plain text, so
a cell whose text is changed becomes one plain run.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush

from briefing_app.gui.richtext import FACT_COLOUR
from briefing_app.model.brief import TableContent
from briefing_app.model.text import Run, clean_text, normalise_runs, plain

Index = QModelIndex | QPersistentModelIndex

FORMATTED_CELL_TIP = (
    "This cell has formatting (bold, italic, a link, a “needs source” mark or a fact). "
    "It is kept as long as you do not change the text; changed text becomes plain."
)


def default_heading(position: int, taken: Iterable[str] = ()) -> str:
    """``Column N`` for a new column at 0-based ``position``, not clashing."""
    used = set(taken)
    number = position + 1
    while f"Column {number}" in used:
        number += 1
    return f"Column {number}"


class TableModel(QAbstractTableModel):
    """Headings plus a rectangular grid of cells (each a list of runs)."""

    #: A cell's text was changed through setData (that is, by the user).
    cell_edited = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[str] = []
        self._rows: list[list[list[Run]]] = []

    # --- whole content ------------------------------------------------

    def set_content(self, content: TableContent) -> None:
        """Show ``content``; ragged rows are padded with empty cells."""
        width = max([len(content.columns), *(len(row) for row in content.rows)])
        columns = list(content.columns)
        for position in range(len(columns), width):
            columns.append(default_heading(position, columns))
        self.beginResetModel()
        self._columns = columns
        self._rows = [
            [list(cell) for cell in row] + [[] for _ in range(width - len(row))]
            for row in content.rows
        ]
        self.endResetModel()

    def columns(self) -> list[str]:
        return list(self._columns)

    def rows(self) -> list[list[list[Run]]]:
        """Fresh copies of the cells, each normalised."""
        return [[normalise_runs(cell) for cell in row] for row in self._rows]

    def cell_runs(self, row: int, column: int) -> list[Run]:
        return list(self._rows[row][column])

    # --- Qt model interface -------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return plain(cell)
        if role == Qt.ItemDataRole.ToolTipRole and any(not run.is_plain for run in cell):
            return FORMATTED_CELL_TIP
        if role == Qt.ItemDataRole.BackgroundRole and any(run.is_token for run in cell):
            return QBrush(FACT_COLOUR)  # as a fact shows in the text editor
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        if not self.set_cell_text(index.row(), index.column(), str(value)):
            return False
        self.cell_edited.emit()
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
                return self._columns[section]
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Double-click to rename this column (or press Shift+F2)."
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def setHeaderData(
        self,
        section: int,
        orientation: Qt.Orientation,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return False
        heading = clean_text(str(value), multiline=False)
        if heading == self._columns[section]:
            return False
        self._columns[section] = heading
        self.headerDataChanged.emit(orientation, section, section)
        return True

    # --- edits (all return whether anything changed) --------------------

    def set_cell_text(self, row: int, column: int, text: str) -> bool:
        text = clean_text(text)
        if text == plain(self._rows[row][column]):
            return False  # unchanged text keeps the cell's marks
        self._rows[row][column] = [Run(text)] if text else []
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
        return True

    def append_fact(self, row: int, column: int, name: str, value: str) -> bool:
        """Add the fact ``name`` (showing ``value``) at the end of a cell."""
        cell = self._rows[row][column]
        text = plain(cell)
        gap = [Run(" ")] if text and not text[-1].isspace() else []
        self._rows[row][column] = [*cell, *gap, Run(value, fact=name)]
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
        return True

    def append_cite(self, row: int, column: int, ids: tuple[str, ...], label: str) -> bool:
        """Add a citation of ``ids`` (shown as ``label``) at the end of a cell."""
        self._rows[row][column] = [*self._rows[row][column], Run(label, cite=ids)]
        index = self.index(row, column)
        self.dataChanged.emit(index, index)
        return True

    def insert_rows(self, at: int, count: int = 1) -> None:
        self.beginInsertRows(QModelIndex(), at, at + count - 1)
        for _ in range(count):
            self._rows.insert(at, [[] for _ in self._columns])
        self.endInsertRows()

    def remove_rows(self, rows: Iterable[int]) -> bool:
        doomed = sorted(set(rows), reverse=True)
        for row in doomed:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        return bool(doomed)

    def move_row(self, row: int, delta: int) -> bool:
        target = row + delta
        if delta == 0 or not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return False
        # Qt's destination is the position *before* the move takes the row out.
        destination = target + 1 if delta > 0 else target
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), destination)
        self._rows.insert(target, self._rows.pop(row))
        self.endMoveRows()
        return True

    def insert_columns(self, at: int, count: int = 1) -> None:
        self.beginInsertColumns(QModelIndex(), at, at + count - 1)
        for position in range(at, at + count):
            self._columns.insert(position, default_heading(position, self._columns))
            for cells in self._rows:
                cells.insert(position, [])
        self.endInsertColumns()

    def remove_columns(self, columns: Iterable[int]) -> bool:
        doomed = sorted(set(columns), reverse=True)
        for column in doomed:
            self.beginRemoveColumns(QModelIndex(), column, column)
            del self._columns[column]
            for cells in self._rows:
                del cells[column]
            self.endRemoveColumns()
        return bool(doomed)

    def move_column(self, column: int, delta: int) -> bool:
        target = column + delta
        count = len(self._columns)
        if delta == 0 or not (0 <= column < count and 0 <= target < count):
            return False
        destination = target + 1 if delta > 0 else target
        self.beginMoveColumns(QModelIndex(), column, column, QModelIndex(), destination)
        self._columns.insert(target, self._columns.pop(column))
        for cells in self._rows:
            cells.insert(target, cells.pop(column))
        self.endMoveColumns()
        return True

    def paste_block(self, row: int, column: int, grid: list[list[str]]) -> bool:
        """Write ``grid`` with its top-left at (row, column), growing the table."""
        height = len(grid)
        width = max((len(cells) for cells in grid), default=0)
        if not height or not width:
            return False
        grow_rows = row + height - len(self._rows)
        grow_columns = column + width - len(self._columns)
        if grow_rows > 0:
            self.insert_rows(len(self._rows), grow_rows)
        if grow_columns > 0:
            self.insert_columns(len(self._columns), grow_columns)
        changed = grow_rows > 0 or grow_columns > 0
        for r, cells in enumerate(grid):
            padded = cells + [""] * (width - len(cells))
            for c, text in enumerate(padded):
                changed = self.set_cell_text(row + r, column + c, text) or changed
        return changed

    def clear_cells(self, cells: Iterable[tuple[int, int]]) -> bool:
        changed = False
        for row, column in cells:
            changed = self.set_cell_text(row, column, "") or changed
        return changed
