"""A template's prompt shown greyed over an empty table or list, as a text
field shows its placeholder: it is never part of the brief, so it never
prints, never counts as words and never has to be deleted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QLabel


class PromptOverlay(QObject):
    """Shows ``text`` in the free space under the rows of ``view`` while
    ``view`` says it is empty (set with :meth:`set_empty`)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self.view = view
        self.label = QLabel(view.viewport())
        self.label.setWordWrap(True)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        # Greyed as a text field's placeholder (a palette set on a label
        # inside a view's viewport is not used for its text; a style sheet is).
        grey = view.palette().color(QPalette.ColorRole.PlaceholderText)
        self.label.setStyleSheet(
            f"color: rgba({grey.red()}, {grey.green()}, {grey.blue()}, {grey.alpha()});"
        )
        self.label.hide()
        self._empty = False
        view.viewport().installEventFilter(self)

    @property
    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        self.label.setText(text)
        self._update()

    def set_empty(self, empty: bool) -> None:
        self._empty = empty
        self._update()

    def showing(self) -> bool:
        return self.label.isVisibleTo(self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self._update()
        return False

    def _update(self) -> None:
        show = self._empty and bool(self.label.text())
        if show:
            viewport = self.view.viewport()
            model = self.view.model()
            top = 0
            if model is not None and model.rowCount():
                last = model.index(model.rowCount() - 1, 0)
                top = self.view.visualRect(last).bottom() + 1
            margin = 8
            width = max(viewport.width() - 2 * margin, 50)
            self.label.setFixedWidth(width)
            self.label.adjustSize()
            self.label.move(margin, top + margin)
        self.label.setVisible(show)
