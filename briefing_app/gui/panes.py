"""The window's panes for the keyboard: F6 between them, Tab through them in
a sensible order, and a visible mark on the pane that has the focus.

The panes, in order: the section list, the editor, the preview, and the
tabs below the sections (properties, facts, check). F6 and Shift+F6 move
between them as in Word and most browsers; Tab moves from field to field
in the same order. The pane holding the keyboard focus gets a coloured
frame, so the focus is visible wherever it is (also after a dialog closes).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QApplication, QFrame, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow

FRAME_WIDTH = 2


class PaneFrame(QFrame):
    """Holds one pane; draws a frame in the highlight colour while the
    keyboard focus is inside it."""

    def __init__(self, name: str, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"pane-{name}")
        self.name = name
        self.content = content
        self.active = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH, FRAME_WIDTH)
        layout.setSpacing(0)
        layout.addWidget(content)

    def set_active(self, active: bool) -> None:
        if active != self.active:
            self.active = active
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.active:
            return
        painter = QPainter(self)
        pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), FRAME_WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        half = FRAME_WIDTH / 2
        painter.drawRect(self.rect().toRectF().adjusted(half, half, -half, -half))
        painter.end()


class Panes(QObject):
    """F6 / Shift+F6 between panes, and the focus mark."""

    def __init__(
        self,
        parent: QObject,
        frames: list[PaneFrame],
        entries: dict[str, Callable[[], QWidget | None]],
    ) -> None:
        super().__init__(parent)
        self.frames = frames
        # Where the focus goes in each pane (its main field).
        self.entries = entries
        app = QApplication.instance()
        if app is not None:
            app.focusChanged.connect(self._focus_changed)

    def current(self) -> PaneFrame | None:
        """The pane holding the keyboard focus, if any."""
        focused = QApplication.focusWidget()
        for frame in self.frames:
            if focused is not None and (frame is focused or frame.isAncestorOf(focused)):
                return frame
        return None

    def go(self, name: str) -> bool:
        """Put the focus in the pane ``name``; False if it cannot take it."""
        target = self.entries[name]()
        if target is None or not target.isVisible() or not target.isEnabled():
            return False
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def move(self, step: int) -> None:
        """The next (step 1) or previous (-1) pane that can take the focus."""
        here = self.current()
        start = self.frames.index(here) if here in self.frames else (-1 if step > 0 else 0)
        count = len(self.frames)
        for offset in range(1, count + 1):
            frame = self.frames[(start + step * offset) % count]
            if self.go(frame.name):
                return

    def _focus_changed(self, _old: QWidget | None, _new: QWidget | None) -> None:
        current = self.current()
        for frame in self.frames:
            frame.set_active(frame is current)


def set_tab_order(widgets: list[QWidget]) -> None:
    """Tab goes through ``widgets`` in this order (hidden ones are skipped;
    those in another window, such as a pop-up calendar, are left out)."""
    window = widgets[0].window() if widgets else None
    chain = [w for w in widgets if w.window() is window]
    for first, second in itertools.pairwise(chain):
        QWidget.setTabOrder(first, second)


def focusable_children(widget: QWidget) -> list[QWidget]:
    """The widgets inside ``widget`` that Tab can reach, in creation order."""
    return [
        child
        for child in widget.findChildren(QWidget)
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.focusProxy() is None
    ]


def set_window_tab_order(window: MainWindow) -> None:
    """Tab goes through the panes in F6's order: sections, the editor
    (whichever shows), the find bar, the preview, then the tabs below the
    sections; toolbar buttons are left out (their actions are in the menus)."""
    table, sources, bar = window.table_editor, window.sources_editor, window.find_bar
    set_tab_order(
        [
            window.sections.list,
            window.text_editor.text_area,
            table.caption_edit,
            table.view,
            table.source_edit,
            sources.table,
            sources.show_uncited,
            bar.find_edit,
            bar.previous_button,
            bar.find_button,
            bar.close_button,
            bar.replace_edit,
            bar.replace_one_button,
            bar.replace_button,
            bar.match_case,
            bar.whole_word,
            window.preview.view,
            window.side_tabs.tabBar(),
            *focusable_children(window.properties),
            *focusable_children(window.facts),
            *focusable_children(window.check_panel),
        ]
    )
