"""The preview follows the editor, and a click in the preview goes to the
editor.

Both ways go through the PDF's own text (QtPdf reads it back): the section
is found by its heading's bookmark (the preview knows which section each
heading belongs to), the place within it by the words around the cursor or
under the click. Words the PDF prints differently (a citation's footnote
number, a list's bullet) are skipped by trying shorter runs of words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtPdf import QPdfBookmarkModel, QPdfDocument

from briefing_app.compose.links import Anchors
from briefing_app.gui.preview import PreviewPane

FOLLOW_DELAY_MS = 300
_WORDS_TRIED = (8, 5, 3)
_LIST_MARK = re.compile(r"^\s*(?:[•▪◦‣·-]|\d+\.)\s+")


def anchor_of(section_id: str) -> str:
    """The anchor the composer gives a section's heading (compose/links.py)."""
    return Anchors().new(section_id)


def words_pattern(words: list[str]) -> re.Pattern[str]:
    """Matches the words with any white space (line ends too) between them."""
    return re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Spot:
    """A place on a page: its number and a point on it, in PDF points."""

    page: int
    point: QPointF


class PreviewSync(QObject):
    """Keeps the preview on the part being edited; reports clicks in it."""

    #: A click in the preview landed on these words of this section (or an
    #: empty list when only the section is known).
    clicked = Signal(str, object)

    def __init__(self, preview: PreviewPane, section_ids: Callable[[], list[str]]) -> None:
        super().__init__(preview)
        self.preview = preview
        self.section_ids = section_ids  # the brief's sections, for clicks
        self.document: QPdfDocument = preview.document
        self.bookmarks = QPdfBookmarkModel(self)
        self.bookmarks.setDocument(self.document)
        self._texts: dict[int, str] = {}
        self.document.statusChanged.connect(lambda _s: self._texts.clear())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FOLLOW_DELAY_MS)
        self._timer.timeout.connect(self._follow_now)
        self._wanted: tuple[str, str] = ("", "")
        self._press = QPoint()
        preview.view.viewport().installEventFilter(self)
        #: The last place followed (for tests and the status bar).
        self.last_spot: Spot | None = None

    # -- geometry of the pages in the view (QPdfView's own layout) -----------

    def _scale(self) -> float:
        """Pixels per PDF point: the view fits the page to its width."""
        view = self.preview.view
        margins = view.documentMargins()
        if self.document.pageCount() == 0:
            return 1.0
        width = self.document.pagePointSize(0).width()
        return max(view.viewport().width() - margins.left() - margins.right(), 1) / width

    def page_rects(self) -> list[QRectF]:
        """Each page's rectangle in the view's content (scrolled) pixels."""
        view = self.preview.view
        margins = view.documentMargins()
        scale = self._scale()
        y = float(margins.top())
        rects = []
        for page in range(self.document.pageCount()):
            size = self.document.pagePointSize(page) * scale
            x = (view.viewport().width() - size.width()) / 2
            rects.append(QRectF(QPointF(x, y), size))
            y += int(size.height()) + view.pageSpacing()
        return rects

    def spot_at(self, viewport_point: QPoint) -> Spot | None:
        """The page and point under a point of the view's viewport."""
        bar = self.preview.view.verticalScrollBar()
        hbar = self.preview.view.horizontalScrollBar()
        content = QPointF(viewport_point.x() + hbar.value(), viewport_point.y() + bar.value())
        scale = self._scale()
        for page, rect in enumerate(self.page_rects()):
            if rect.top() <= content.y() <= rect.bottom():
                return Spot(page, (content - rect.topLeft()) / scale)
        return None

    def scroll_to(self, spot: Spot) -> None:
        """Scroll so that ``spot`` is in view, a little below the top; not at
        all when it is in view already (the page does not jump while typing)."""
        rects = self.page_rects()
        if not 0 <= spot.page < len(rects):
            return
        y = rects[spot.page].top() + spot.point.y() * self._scale()
        bar = self.preview.view.verticalScrollBar()
        height = self.preview.view.viewport().height()
        self.last_spot = spot
        if bar.value() + height * 0.1 <= y <= bar.value() + height * 0.85:
            return
        bar.setValue(int(y - height * 0.2))

    # -- text of the pages ------------------------------------------------------

    def page_text(self, page: int) -> str:
        if page not in self._texts:
            self._texts[page] = self.document.getAllText(page).text()
        return self._texts[page]

    def heading_spot(self, section_id: str) -> Spot | None:
        """Where the section's heading is printed (its bookmark)."""
        anchors = self.preview.heading_anchors
        anchor = anchor_of(section_id)
        if anchor not in anchors:
            return None
        row = anchors.index(anchor)
        if row >= self.bookmarks.rowCount():
            return None
        index = self.bookmarks.index(row, 0)
        page = index.data(int(QPdfBookmarkModel.Role.Page))
        location = index.data(int(QPdfBookmarkModel.Role.Location))
        if page is None or location is None:
            return None
        return Spot(int(page), QPointF(location))

    def find_words(self, text: str, after: Spot | None) -> Spot | None:
        """Where the first words of ``text`` are printed, at or after ``after``."""
        words = _LIST_MARK.sub("", text).split()
        if not words:
            return None
        start = after.page if after is not None else 0
        for count in _WORDS_TRIED:
            pattern = words_pattern(words[:count])
            for page in range(start, self.document.pageCount()):
                for match in pattern.finditer(self.page_text(page)):
                    box = self.document.getSelectionAtIndex(
                        page, match.start(), match.end() - match.start()
                    ).boundingRectangle()
                    if after is not None and page == after.page and box.top() < after.point.y():
                        continue  # above the heading: another section's words
                    return Spot(page, box.topLeft())
            if len(words) <= count:
                break
        return None

    # -- following the editor -----------------------------------------------------

    def follow(self, section_id: str, text: str) -> None:
        """Bring the preview to ``text`` (the words at the cursor) in the
        section ``section_id``, shortly (the cursor may move on)."""
        self._wanted = (section_id, text)
        self._timer.start()

    def follow_now(self) -> None:
        self._timer.stop()
        self._follow_now()

    def _follow_now(self) -> None:
        section_id, text = self._wanted
        if not section_id or self.document.status() != QPdfDocument.Status.Ready:
            return
        heading = self.heading_spot(section_id)
        if heading is None:
            return
        spot = self.find_words(text, heading) if text.strip() else None
        self.scroll_to(spot or heading)

    # -- clicks in the preview ---------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton:
            if event.type() == QEvent.Type.MouseButtonPress:
                self._press = event.position().toPoint()
            elif event.type() == QEvent.Type.MouseButtonRelease:
                moved = (event.position().toPoint() - self._press).manhattanLength()
                if moved < 6:  # a click, not a drag
                    self.click(event.position().toPoint())
        return False

    def click(self, viewport_point: QPoint) -> None:
        spot = self.spot_at(viewport_point)
        if spot is None:
            return
        section_id = self.section_at(spot)
        if section_id:
            self.clicked.emit(section_id, self.words_at(spot))

    def section_at(self, spot: Spot) -> str:
        """The section whose heading comes last before ``spot``."""
        found = ""
        anchors = self.preview.heading_anchors
        by_anchor = self._anchor_sections()
        for row, anchor in enumerate(anchors):
            if row >= self.bookmarks.rowCount():
                break
            index = self.bookmarks.index(row, 0)
            page = int(index.data(int(QPdfBookmarkModel.Role.Page)) or 0)
            location = QPointF(index.data(int(QPdfBookmarkModel.Role.Location)) or QPointF())
            if (page, location.y()) <= (spot.page, spot.point.y()):
                found = by_anchor.get(anchor, "")
        return found

    def _anchor_sections(self) -> dict[str, str]:
        return {anchor_of(section_id): section_id for section_id in self.section_ids()}

    def words_at(self, spot: Spot) -> list[str]:
        """The words of the printed line under ``spot``, from the word
        clicked on (the line's start when that is all there is)."""
        text = self.page_text(spot.page)
        position = 0
        for line in text.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.strip():
                box = self.document.getSelectionAtIndex(
                    spot.page, position, len(body)
                ).boundingRectangle()
                if box.top() - 2 <= spot.point.y() <= box.bottom() + 2:
                    return self._from_word(spot, position, body)
            position += len(line)
        return []

    def _from_word(self, spot: Spot, start: int, line: str) -> list[str]:
        words = [(m.start(), m.group(0)) for m in re.finditer(r"\S+", line)]
        chosen = 0
        for number, (offset, word) in enumerate(words):
            box = self.document.getSelectionAtIndex(
                spot.page, start + offset, len(word)
            ).boundingRectangle()
            if box.left() <= spot.point.x():
                chosen = number
        all_words = [w for _o, w in words]
        return all_words[chosen:] if len(all_words) - chosen >= 3 else all_words
