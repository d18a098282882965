"""Live preview: the real PDF writer's output shown with QtPdf.

Renders run on a worker thread a moment after the author stops typing, so
typing never waits; only the newest result is shown, and the scroll position
is kept across refreshes (the page being edited stays in view). Each render
redoes only what the edit can change (writers/pdf_incremental.py): the
pages before the edit and, once the layout is back in step, the pages after
it are drawn again from the last render. The same render counts the words
of the brief as it prints (the status bar shows them) and runs the check
before sending (the check panel shows it), so nothing is composed on the
GUI thread; the pages are shown first, the findings follow.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from briefing_app.checks.findings import Finding
from briefing_app.compose import compose
from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document, Heading
from briefing_app.errors import BriefError
from briefing_app.model.brief import Brief
from briefing_app.model.counts import brief_words, count_words

if TYPE_CHECKING:
    from briefing_app.writers.pdf_incremental import IncrementalPdf

DEBOUNCE_MS = 250


def draw_pdf(tree: Document) -> tuple[bytes, LayoutReport | None]:
    """The preview's PDF, with where the page budget ends marked, and how
    the brief lays out against that budget (from the same render), made
    from scratch (the pane itself renders incrementally)."""
    from briefing_app.writers.pdf import write_pdf_with_layout

    return write_pdf_with_layout(tree, mark_budget=True)


class IncrementalDraw:
    """draw_pdf, redoing after each edit only what it can change. The PDF
    writer (reportlab) is imported by the first render, on the worker
    thread, not while the window is being built."""

    def __init__(self) -> None:
        self.pdf: IncrementalPdf | None = None

    def __call__(self, tree: Document) -> tuple[bytes, LayoutReport | None]:
        if self.pdf is None:
            from briefing_app.writers.pdf_incremental import IncrementalPdf

            self.pdf = IncrementalPdf()
        return self.pdf.render(tree, mark_budget=True)


def render_pdf(brief: Brief) -> bytes:
    """The brief as it prints (printing draws these pages)."""
    from briefing_app.writers.pdf import write_pdf

    return write_pdf(compose(brief))


def check(brief: Brief, tree: Document | None, layout: LayoutReport | None) -> list[Finding]:
    from briefing_app.checks import check_brief

    return check_brief(brief, tree=tree, layout=layout)


class _Relay(QObject):
    """Carries results from the worker thread to the GUI thread: the pages
    as soon as they are drawn, then the check's findings."""

    drawn = Signal(int, bytes, str, int, object, object)
    done = Signal(int, object)


class PreviewPane(QWidget):
    #: (page count) after each refresh
    rendered = Signal(int)
    #: (words) after each render, drawn or not
    counted = Signal(int)
    #: (list of findings) after each render
    checked = Signal(object)

    def __init__(self, snapshot: Callable[[], Brief], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._snapshot = snapshot
        self.render_function: Callable[[Document], tuple[bytes, LayoutReport | None]] = (
            IncrementalDraw()
        )
        self.check_function: Callable[[Brief, Document | None], list[Finding]] = check
        self.word_count = 0
        self.findings: list[Finding] = []
        self.layout: LayoutReport | None = None  # of the last render drawn
        #: The anchors of the section headings of the last render, in page
        #: order (the PDF's top-level bookmarks follow the same order).
        self.heading_anchors: list[str] = []
        self._generation = 0
        self._busy = False
        self._pending = False
        self._relay = _Relay()
        self._relay.drawn.connect(self._on_drawn, Qt.ConnectionType.QueuedConnection)
        self._relay.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._buffer: QBuffer | None = None
        self._restore_scroll: tuple[int, int] | None = None
        self._scroll_to = 0

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Preview of the brief as it will print")
        self.view.verticalScrollBar().valueChanged.connect(self._update_page_label)
        self.page_label = QLabel("", self)
        self.page_label.setAccessibleName("Preview page")
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(highlighted-text); background: #b3261e;")
        self.message.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.page_label, 0, Qt.AlignmentFlag.AlignRight)
        self.document.statusChanged.connect(self._on_status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh_now)

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def up_to_date(self) -> bool:
        """True when the last render is of the brief as it is now."""
        return not (self._busy or self._pending or self._timer.isActive())

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def schedule(self) -> None:
        """Refresh shortly after the last call (debounced)."""
        self._timer.start()

    def refresh_now(self) -> None:
        self._timer.stop()
        if self._busy:
            self._pending = True
            return
        self._busy = True
        self._pending = False
        self._generation += 1
        generation = self._generation
        brief = self._snapshot()
        render = self.render_function
        run_check = self.check_function

        def work() -> None:
            words = -1
            tree: Document | None = None
            layout: LayoutReport | None = None
            try:
                tree = compose(brief)
                words = count_words(tree.body_text())
                (data, layout), error = render(tree), ""
            except BriefError as exc:
                data, error = b"", str(exc)
            except Exception as exc:  # shown in the pane, never a crash
                data, error = b"", f"The preview could not be drawn ({type(exc).__name__}: {exc})."
            if words < 0:  # not composed: count the words as written
                words = brief_words(brief)
            anchors = (
                [b.anchor for b in tree.blocks if isinstance(b, Heading) and b.level == 1]
                if tree is not None
                else []
            )
            try:
                # The pages first: the check takes longer than the render.
                self._relay.drawn.emit(generation, data, error, words, anchors, layout)
            except RuntimeError:
                return  # the window closed while this render ran: nothing to show
            try:
                findings = run_check(brief, tree, layout)
            except Exception:  # the check must never take the preview down
                findings = []
            try:
                self._relay.done.emit(generation, findings)
            except RuntimeError:
                pass  # the window closed while the check ran

        threading.Thread(target=work, name="preview-render", daemon=True).start()

    def _on_drawn(
        self,
        generation: int,
        data: bytes,
        error: str,
        words: int,
        anchors: list[str],
        layout: LayoutReport | None,
    ) -> None:
        if generation == self._generation and not error:
            self.heading_anchors = list(anchors)
        if generation == self._generation:
            self.word_count = words
            self.layout = layout
            self.counted.emit(words)
        if error:
            self.message.setText(error)
            self.message.show()
        elif generation == self._generation:
            self.message.hide()
            bar = self.view.verticalScrollBar()
            self._restore_scroll = (bar.value(), bar.maximum())
            buffer = QBuffer(self)
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(buffer)
            if self._buffer is not None:
                self._buffer.deleteLater()
            self._buffer = buffer

    def _on_done(self, generation: int, findings: list[Finding]) -> None:
        self._busy = False
        # Findings for a brief edited since are not shown: the next render's follow.
        edited = self._pending or self._timer.isActive()
        if generation == self._generation and not edited:
            self.findings = findings
            self.checked.emit(findings)
        if self._pending:
            self.refresh_now()

    def _on_status(self, status: QPdfDocument.Status) -> None:
        if status != QPdfDocument.Status.Ready:
            return
        if self._restore_scroll is not None:
            value, _maximum = self._restore_scroll
            self._restore_scroll = None
            # Layout happens on the next turn of the event loop; the context
            # object cancels the call if the view is gone by then.
            self._scroll_to = value
            QTimer.singleShot(0, self.view, self._apply_scroll)
        self._update_page_label()
        self.rendered.emit(self.document.pageCount())

    def _apply_scroll(self) -> None:
        self.view.verticalScrollBar().setValue(self._scroll_to)

    def current_page(self) -> int:
        total = self.document.pageCount()
        if total == 0:
            return 0
        nav = self.view.pageNavigator()
        return min(nav.currentPage() + 1, total)

    def _update_page_label(self, *_args: object) -> None:
        total = self.document.pageCount()
        self.page_label.setText(f"Page {self.current_page()} of {total}" if total else "")
