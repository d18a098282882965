"""Widgets inside the table editor: the grid, its cell editor and the
in-place heading editor."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CellTextEdit(QPlainTextEdit):
    """The in-cell editor; grows downwards (over later rows) to fit its text."""

    MAX_LINES = 8

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setTabChangesFocus(True)  # Tab moves to the next cell, as in Excel
        self.document().setDocumentMargin(2)
        self.setAccessibleName("Cell text")
        self._min_height = 0
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def set_cell_rect(self, rect: QRect) -> None:
        self._min_height = rect.height()
        self.setGeometry(rect)
        self._fit()

    def _fit(self, *_: object) -> None:
        # A plain-text layout measures its height in lines.
        lines = int(self.document().documentLayout().documentSize().height())
        lines = min(max(lines, 1), self.MAX_LINES)
        margin = int(self.document().documentMargin())
        wanted = lines * self.fontMetrics().lineSpacing() + 2 * margin + 2
        self.resize(self.width(), max(self._min_height, wanted))


class CellDelegate(QStyledItemDelegate):
    """Edits a cell in a plain-text box that can hold line breaks."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        return CellTextEdit(parent)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        if isinstance(editor, CellTextEdit):
            editor.set_cell_rect(option.rect)
        else:
            super().updateEditorGeometry(editor, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            editor.selectAll()  # typing replaces the cell, as in Excel
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex) -> None:
        if isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Qt lets Enter through to a QPlainTextEdit; make it save the cell
        # instead, and keep Alt/Shift+Enter for a line break (Excel's Alt+Enter).
        if (
            isinstance(editor, QPlainTextEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in RETURN_KEYS
        ):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if mods in (Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ShiftModifier):
                editor.insertPlainText("\n")
                return True
            if mods == Qt.KeyboardModifier.NoModifier:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)


class CellView(QTableView):
    """The grid; reports Ctrl+V and Delete so the editor can act on them,
    and Tab in the last cell (a new row, as in Word and Excel)."""

    paste_requested = Signal()
    clear_requested = Signal()
    #: Tab in the last cell: the editor adds a row (connected directly, so
    #: the row is there when moveCursor returns).
    row_wanted = Signal()

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        model = self.model()
        current = self.currentIndex()
        last = (
            model is not None
            and current.isValid()
            and current.row() == model.rowCount() - 1
            and current.column() == model.columnCount() - 1
        )
        if action == QAbstractItemView.CursorAction.MoveNext and last:
            rows = model.rowCount()
            self.row_wanted.emit()
            if model.rowCount() > rows:
                return model.index(rows, 0)
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()  # reached only when the shortcut did not fire
            return
        if (
            not editing
            and event.key() == Qt.Key.Key_Delete
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.clear_requested.emit()
            return
        super().keyPressEvent(event)


class HeadingEdit(QLineEdit):
    """In-place editor over a column heading; ``finished(keep)`` ends it."""

    finished = Signal(bool)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in RETURN_KEYS:
            self.finished.emit(True)
        elif event.key() == Qt.Key.Key_Escape:
            self.finished.emit(False)
        else:
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit(True)  # clicking elsewhere keeps the new heading
