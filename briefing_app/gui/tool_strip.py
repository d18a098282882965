"""A row of tool buttons that wraps onto a second line instead of hiding
buttons behind an overflow arrow (QToolBar's "››"), so every action stays
in view at any window width.

The buttons take no keyboard focus (as toolbar buttons do not): Tab goes
from field to field, and every action is also in a menu with its shortcut.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    """Lays its items out left to right, wrapping to a new line when full."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 2) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line: what the strip would like (it wraps when given less)."""
        width, height = 0, 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            width += hint.width() + self.spacing()
            height = max(height, hint.height())
        left, top, right, bottom = self.getContentsMargins()
        return QSize(max(width - self.spacing(), 0) + left + right, height + top + bottom)

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        left, top, right, bottom = self.getContentsMargins()
        return size + QSize(left + right, top + bottom)

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        left, top, right, bottom = self.getContentsMargins()
        area = rect.adjusted(left, top, -right, -bottom)
        x, y, line_height = area.x(), area.y(), 0
        gap = self.spacing()
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            hint = item.sizeHint()
            # A group wider than the whole line (a strip in a strip) gets
            # the line, and wraps inside itself.
            width = min(hint.width(), max(area.width(), 1))
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x + width > area.right() + 1 and line_height > 0:
                x, y = area.x(), y + line_height + gap
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + gap
            line_height = max(line_height, height)
        return y + line_height - rect.y() + bottom


class ToolStrip(QWidget):
    """Tool buttons for actions, wrapping to more lines when narrow."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setObjectName(name)
        self._layout = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.buttons: dict[QAction, QToolButton] = {}

    def add_label(self, text: str) -> QLabel:
        """A caption before a group of buttons ("Rows:")."""
        label = QLabel(text, self)
        label.setContentsMargins(6, 0, 2, 0)
        label.setMinimumHeight(28)
        self._layout.addWidget(label)
        return label

    def add_group(self, group: ToolStrip) -> None:
        """A strip of its own that moves to the next line as a whole."""
        self._layout.addWidget(group)

    def add_gap(self) -> None:
        spacer = QWidget(self)
        spacer.setFixedSize(6, 1)
        self._layout.addItem(QWidgetItem(spacer))

    def add(self, action: QAction, *, words: bool = True) -> QToolButton:
        """A button for ``action``: its icon, with its short words (its
        iconText) beside it unless ``words`` is false (the tooltip and the
        accessible name still say what it does)."""
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setIconSize(QSize(18, 18))
        if action.icon().isNull():
            style = Qt.ToolButtonStyle.ToolButtonTextOnly
        elif words:
            style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
        else:
            style = Qt.ToolButtonStyle.ToolButtonIconOnly
        button.setToolButtonStyle(style)
        button.setAccessibleName(action.text().replace("&", "").rstrip(".…"))
        button.setAccessibleDescription(action.toolTip())
        if action.menu() is not None:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self._layout.addWidget(button)
        self.buttons[action] = button
        return button
