"""Red wavy underlines where Qt draws the text itself: one-line fields (the
title, the subtitle, a table's caption and source line) and table cells
that are not being edited.

Each is a transparent overlay, a child widget that paints after its parent
and lets every mouse click through, so the field or the grid keeps all its
own behaviour. The cell overlay lays a cell's text out as Qt's item
delegate does (the style's text margin, word wrap, centred vertically) to
find where each word is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPen, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QStyle, QWidget

from briefing_app.gui.spell_highlighter import SPELLING_RED
from briefing_app.spelling.check import token_spans


def draw_wave(painter: QPainter, x0: float, x1: float, y: float) -> None:
    """A wavy line from x0 to x1 (as Word draws it), its middle at y."""
    if x1 - x0 < 2:
        return
    path = QPainterPath(QPointF(x0, y))
    step, amplitude = 2.0, 1.2
    x, up = x0, True
    while x < x1:
        x = min(x + step, x1)
        path.lineTo(x, y - amplitude if up else y + amplitude)
        up = not up
    pen = QPen(SPELLING_RED)
    pen.setWidthF(1.0)
    painter.setPen(pen)
    painter.drawPath(path)


class _Overlay(QWidget):
    """A transparent child covering ``host`` (whose geometry it follows)."""

    def __init__(self, host: QWidget, state) -> None:
        super().__init__(host)
        self.state = state
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setGeometry(host.rect())
        host.installEventFilter(self)
        state.changed.connect(self.update)
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.setGeometry(self.parentWidget().rect())
            self.raise_()
        return False


class LineUnderlines(_Overlay):
    """Underlines misspelt words in a QLineEdit."""

    def __init__(self, edit: QLineEdit, state) -> None:
        super().__init__(edit, state)
        self.edit = edit
        edit.textChanged.connect(self.update)
        edit.cursorPositionChanged.connect(self.update)  # the text may scroll

    def x_of(self, index: int) -> float:
        """Where the character at ``index`` starts, in the field's coordinates."""
        edit = self.edit
        metrics = edit.fontMetrics()
        text = edit.displayText()
        at = edit.cursorPosition()
        # The cursor's rectangle is five pixels either side of the caret.
        caret = edit.cursorRect().left() + 5
        return (
            caret + metrics.horizontalAdvance(text[:index]) - metrics.horizontalAdvance(text[:at])
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        edit = self.edit
        if not self.state.ready or edit.echoMode() != QLineEdit.EchoMode.Normal:
            return
        found = self.state.misspelt(edit.text())
        if not found:
            return
        painter = QPainter(self)
        painter.setClipRect(edit.contentsRect())
        rect = edit.cursorRect()
        y = rect.top() + edit.fontMetrics().ascent() + 2.5
        for word in found:
            draw_wave(painter, self.x_of(word.start), self.x_of(word.end), y)
        painter.end()


# -- table cells ----------------------------------------------------------------


def cell_layout(view: QAbstractItemView, index: QModelIndex) -> tuple[QTextLayout, QPointF] | None:
    """The cell's text laid out as the view draws it, and where it starts."""
    text = index.data(Qt.ItemDataRole.DisplayRole)
    if not text:
        return None
    text = str(text).replace("\n", "\u2028")
    rect = view.visualRect(index)
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    box = rect.adjusted(margin, 0, -margin, 0)
    layout = QTextLayout(text, view.font())
    option = QTextOption()
    wrap = QTextOption.WrapMode.WordWrap if view.wordWrap() else QTextOption.WrapMode.ManualWrap
    option.setWrapMode(wrap)
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(max(box.width(), 1))
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    top = box.top() + max(0, (box.height() - int(height)) // 2)  # centred, as Qt does
    return layout, QPointF(box.left(), top)


def cell_skips(index: QModelIndex) -> list[tuple[int, int]]:
    """Facts and citations in the cell (when the model can say)."""
    runs_of = getattr(index.model(), "cell_runs", None)
    return token_spans(runs_of(index.row(), index.column())) if callable(runs_of) else []


def cell_word_at(view: QAbstractItemView, index: QModelIndex, point, state):
    """The misspelt word under ``point`` (viewport coordinates) in a cell."""
    laid = cell_layout(view, index)
    if laid is None:
        return None
    layout, origin = laid
    local = QPointF(point) - origin
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        if line.y() <= local.y() < line.y() + line.height():
            at = line.xToCursor(local.x())
            for word in state.misspelt(str(index.data()), cell_skips(index)):
                if word.start <= at <= word.end:
                    return word
    return None


class CellUnderlines(_Overlay):
    """Underlines misspelt words in the cells of a table view."""

    def __init__(self, view: QAbstractItemView, state) -> None:
        super().__init__(view.viewport(), state)
        self.view = view
        model = view.model()
        model.dataChanged.connect(self.update)
        model.modelReset.connect(self.update)
        model.layoutChanged.connect(self.update)
        for bar in (view.horizontalScrollBar(), view.verticalScrollBar()):
            # The viewport scrolls its children along: put this back.
            bar.valueChanged.connect(self._follow)

    def _follow(self, *_: object) -> None:
        self.setGeometry(self.parentWidget().rect())
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self.view
        model = view.model()
        if not self.state.ready or model is None or not model.rowCount():
            return
        area = self.rect()
        first_row = max(view.rowAt(area.top()), 0)
        last_row = view.rowAt(area.bottom())
        last_row = model.rowCount() - 1 if last_row < 0 else last_row
        first_col = max(view.columnAt(area.left()), 0)
        last_col = view.columnAt(area.right())
        last_col = model.columnCount() - 1 if last_col < 0 else last_col
        editing = (
            view.currentIndex()
            if view.state() == QAbstractItemView.State.EditingState
            else QModelIndex()
        )
        painter = QPainter(self)
        for row in range(first_row, last_row + 1):
            for column in range(first_col, last_col + 1):
                index = model.index(row, column)
                if index == editing:
                    continue  # the cell editor underlines its own text
                self._paint_cell(painter, index)
        painter.end()

    def _paint_cell(self, painter: QPainter, index: QModelIndex) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole)
        found = self.state.misspelt(str(text), cell_skips(index)) if text else []
        if not found:
            return
        laid = cell_layout(self.view, index)
        if laid is None:
            return
        layout, origin = laid
        painter.save()
        painter.setClipRect(QRectF(self.view.visualRect(index)))
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            start, end = line.textStart(), line.textStart() + line.textLength()
            y = origin.y() + line.y() + line.ascent() + 2.5
            for word in found:
                a, b = max(word.start, start), min(word.end, end)
                if a < b:
                    x0 = origin.x() + line.cursorToX(a)[0]
                    x1 = origin.x() + line.cursorToX(b)[0]
                    draw_wave(painter, x0, x1, y)
        painter.restore()
