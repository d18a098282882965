"""The text area of the text editor: pasting, copying and drawing callouts.

Every paste goes through the model: the clipboard is read into a
:class:`TextContent` (our own format, else HTML, else plain text) and
inserted with :func:`richtext.insert_content`, so fonts, sizes, colours,
images and tables from Word or a web page never reach the document.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QMimeData, QRectF, Qt, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QApplication, QMenu, QTextEdit, QWidget

from briefing_app.errors import BriefFileError
from briefing_app.gui import list_keys
from briefing_app.gui.callout_edit import leave_box, remove_selection_keeping_boxes
from briefing_app.gui.fact_tokens import fact_beside, kept_whole, with_known_facts
from briefing_app.gui.figure_blocks import SCHEME as FIGURE_SCHEME
from briefing_app.gui.figure_editing import can_offer_pictures, pictures_in_mime
from briefing_app.gui.richtext import (
    CALLOUT_BAR,
    CALLOUT_BAR_WIDTH,
    char_format,
    insert_content,
    is_callout,
    is_title_block,
    iter_fragments,
    read_document,
    run_marks,
)
from briefing_app.model import Brief, Section, SectionKind, TextContent
from briefing_app.model.cite_refs import with_known_sources
from briefing_app.model.fileformat import brief_from_dict, brief_to_dict
from briefing_app.model.pictures import Figure, Picture
from briefing_app.model.text import Paragraph, Run, clean_text

#: Our own clipboard format: keeps "needs source" and callouts on copy/paste
#: inside the app (HTML cannot carry them).
CLIPBOARD_MIME = "application/x-briefing-builder-text+json"


# -- clipboard -------------------------------------------------------------------


class _ScratchDocument(QTextDocument):
    """Parses pasted HTML; never fetches the files or URLs it mentions."""

    def loadResource(self, kind: int, name: object) -> object:
        return b""


def content_from_mime(
    source: QMimeData, typing: Run, keep_picture: Callable[[Picture], object] | None = None
) -> TextContent | None:
    """What a paste of ``source`` inserts, or None if nothing usable.

    Plain text takes the marks being typed with (``typing``) but never a
    link or a fact. Figures copied in the app bring their pictures, each
    handed to ``keep_picture`` (the brief keeps it) before the paste.
    """
    if source.hasFormat(CLIPBOARD_MIME):
        try:
            data = json.loads(bytes(source.data(CLIPBOARD_MIME).data()).decode("utf-8"))
            pasted = brief_from_dict(data)
            content = pasted.sections[0].content
            if isinstance(content, TextContent):
                for picture in pasted.pictures.values():
                    if keep_picture is not None:
                        keep_picture(picture)
                return content
        except (ValueError, IndexError, BriefFileError):
            pass  # someone else's data under our name: fall back to HTML/text
    if source.hasHtml():
        scratch = _ScratchDocument()
        scratch.setHtml(source.html())
        return read_document(scratch)
    if source.hasText():
        marks = replace(typing, text="", link="", fact="")
        lines = clean_text(source.text()).split("\n")
        return TextContent([Paragraph([replace(marks, text=line)]) for line in lines])
    return None


def mime_from_selection(
    cursor: QTextCursor, pictures: dict[str, Picture] | None = None
) -> QMimeData:
    mime = QMimeData()
    if not cursor.hasSelection():
        return mime
    scratch = QTextDocument()
    QTextCursor(scratch).insertFragment(QTextDocumentFragment(cursor))
    content = read_document(scratch)
    mime.setText(clean_text(cursor.selectedText()))
    # HTML for pasting into Word or e-mail: an export, never read back as storage.
    mime.setHtml(scratch.toHtml())
    wrapper = Brief(
        sections=[Section(SectionKind.CUSTOM_TEXT, "Clipboard", content)],
        pictures=dict(pictures or {}),  # a copied figure carries its picture
    )
    mime.setData(CLIPBOARD_MIME, json.dumps(brief_to_dict(wrapper)).encode("utf-8"))
    return mime


def selected_runs(cursor: QTextCursor) -> list[tuple[int, int, Run]]:
    """(start, end, marks) of each stretch of one format in the selection.

    Callout titles are left out: a title is plain text in the model.
    """
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    found: list[tuple[int, int, Run]] = []
    block = cursor.document().findBlock(start)
    while block.isValid() and block.position() <= end:
        if not is_title_block(block):
            for frag in iter_fragments(block):
                a, b = max(start, frag.position()), min(end, frag.position() + frag.length())
                if a < b:
                    found.append((a, b, run_marks(frag.charFormat())))
        block = block.next()
    return found


def link_extent(cursor: QTextCursor, link: str) -> QTextCursor:
    """A copy of ``cursor`` selecting all of ``link`` around it in its block."""
    pieces = [
        (frag.position(), frag.position() + frag.length())
        for frag in iter_fragments(cursor.block())
        if run_marks(frag.charFormat()).link == link
    ]
    start = end = cursor.position()
    grown = True
    while grown:  # a link may span several fragments (say, part of it bold)
        grown = False
        for a, b in pieces:
            if a <= end and b >= start and (a < start or b > end):
                start, end, grown = min(start, a), max(end, b), True
    extent = QTextCursor(cursor)
    extent.setPosition(start)
    extent.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return extent


# -- the text area ------------------------------------------------------------------


#: Keys that redo as well as the platform's own (Word's Ctrl+Y).
REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))
_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _is_undo_or_redo(event: QKeyEvent) -> bool:
    standard = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)
    if any(event.matches(key) for key in standard):
        return True
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in REDO_KEYS)


class RichTextArea(QTextEdit):
    """A QTextEdit whose pastes go through the model and that has no undo."""

    #: A short message for the author (the window shows it in the status bar).
    hint = Signal(str)
    #: Pictures dropped or pasted (a list of figure_editing.PictureOffer).
    pictures_offered = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: The brief's facts (fact_key -> value), for pasted facts.
        self.fact_values: dict[str, str] = {}
        #: The ids of the brief's sources, for pasted citations.
        self.source_ids: set[str] = set()
        self._last_position = 0
        self._keeping_facts_whole = False
        self.cursorPositionChanged.connect(self._keep_facts_whole)
        self.setUndoRedoEnabled(False)
        # A tab cannot be stored (the model turns it into a space), and Tab
        # leaving the field is what keyboard users expect of a form; in a
        # list, Tab and Shift+Tab indent and outdent instead (see event()).
        self.setTabChangesFocus(True)
        self.setAccessibleName("Section text")
        self.setToolTip("Section text. Select words and use the toolbar to format them.")
        #: Extra entries for the right-click menu (the editor's box actions).
        self.menu_actions: list = []
        #: A figure's image by its name, and its height over its width (the
        #: editor sets both from the brief's pictures and tables).
        self.figure_images: Callable[[str], QImage] = lambda _name: QImage()
        self.figure_aspect: Callable[[Figure], float] = lambda _figure: 0.6
        #: The brief's pictures (a copy of a figure carries its own), and
        #: where a pasted figure's picture is kept.
        self.pictures: Callable[[], dict[str, Picture]] = dict
        self.keep_picture: Callable[[Picture], object] = lambda _picture: None

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (
            source.hasFormat(CLIPBOARD_MIME)
            or can_offer_pictures(source)
            or source.hasHtml()
            or source.hasText()
        )

    def loadResource(self, kind: int, name: object) -> object:
        """A figure's image comes from the brief (figure_images); nothing
        else is ever fetched (no files, no addresses)."""
        url = name.toString() if isinstance(name, QUrl) else str(name)
        if url.startswith(f"{FIGURE_SCHEME}:"):
            return self.figure_images(url)
        return QImage()

    def insertFromMimeData(self, source: QMimeData) -> None:
        if not source.hasFormat(CLIPBOARD_MIME):
            offers = pictures_in_mime(source)
            if offers:
                # A picture dropped or pasted (a file, a chart copied from a
                # spreadsheet): the editor checks it and inserts it as a figure.
                self.pictures_offered.emit(offers)
                return
        content = content_from_mime(source, run_marks(self.currentCharFormat()), self.keep_picture)
        if content is None:
            return
        content = with_known_facts(content, self.fact_values)
        # A citation of a source this brief does not have (copied from
        # another brief) is dropped: it could point nowhere.
        content = with_known_sources(content, self.source_ids)
        cursor = self.textCursor()
        cursor.beginEditBlock()
        self._remove_selection(cursor)
        insert_content(cursor, content, self.figure_aspect)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def createMimeDataFromSelection(self) -> QMimeData:
        return mime_from_selection(self.textCursor(), self.pictures())

    def _remove_selection(self, cursor: QTextCursor) -> None:
        """Delete the selection; a box it only partly covers keeps its frame."""
        if cursor.hasSelection() and not remove_selection_keeping_boxes(cursor):
            cursor.removeSelectedText()

    def cut(self) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        QApplication.clipboard().setMimeData(self.createMimeDataFromSelection())
        self._remove_selection(cursor)
        self.setTextCursor(cursor)

    def event(self, event: QEvent) -> bool:
        # QTextEdit claims Ctrl+Z / Ctrl+Y even with undo disabled, which
        # would hide the main window's Undo and Redo while typing.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _is_undo_or_redo(event)
        ):
            event.ignore()
            return True
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._list_tab(event)
        ):
            return True
        return super().event(event)

    def _list_tab(self, event: QKeyEvent) -> bool:
        """Tab and Shift+Tab in a list indent and outdent (list_keys.py);
        True when the key was used here rather than to move the focus."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        backwards = event.key() == Qt.Key.Key_Backtab or (
            event.key() == Qt.Key.Key_Tab and mods & Qt.KeyboardModifier.ShiftModifier
        )
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        cursor = self.textCursor()
        if backwards:
            done = list_keys.outdent(cursor)
        else:
            message = list_keys.indent(cursor)
            done = message is not None
            if message:
                self.hint.emit(message)
        if done:
            self.setTextCursor(cursor)
        return done

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = QMenu(self)
        cursor = self.textCursor()
        selected = cursor.hasSelection()
        menu.addAction("Cu&t", self.cut).setEnabled(selected)
        menu.addAction("&Copy", self.copy).setEnabled(selected)
        menu.addAction("&Paste", self.paste).setEnabled(self.canPaste())
        menu.addAction("Select &All", self.selectAll)
        shown = [a for a in self.menu_actions if a.isEnabled()]
        if shown:
            menu.addSeparator()
            menu.addActions(shown)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        cursor = self.textCursor()
        if event.matches(QKeySequence.StandardKey.Cut):
            self.cut()
            return
        enter = event.key() in _RETURN_KEYS and mods == Qt.KeyboardModifier.NoModifier
        if enter and leave_box(cursor):
            # Enter on the empty last line of a box: out of the box.
            self.setTextCursor(cursor)
            self.setCurrentCharFormat(QTextCharFormat())
            self.ensureCursorVisible()
            return
        replaces = event.key() in (
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Delete,
            *_RETURN_KEYS,
        ) or (event.text().isprintable() and bool(event.text()))
        if cursor.hasSelection() and replaces and remove_selection_keeping_boxes(cursor):
            # The selection only partly covered a box: its text went, the box stays.
            self.setTextCursor(cursor)
            if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
                return
        in_title = is_title_block(self.textCursor().block())
        if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            whole = fact_beside(self.textCursor(), before=event.key() == Qt.Key.Key_Backspace)
            if whole is not None:
                # A fact goes as one piece, never a character at a time.
                whole.removeSelectedText()
                self.setTextCursor(whole)
                return
        if event.text().isprintable() and event.text():
            self._step_out_of_fact()
            self._step_out_of_link_end()
        super().keyPressEvent(event)
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if in_title and enter and not is_title_block(self.textCursor().block()):
            # The line after a callout title is body text, not bold.
            self.textCursor().setBlockCharFormat(QTextCharFormat())
            self.setCurrentCharFormat(QTextCharFormat())

    def _keep_facts_whole(self) -> None:
        if self._keeping_facts_whole:
            return
        moved = kept_whole(self.textCursor(), self._last_position)
        if moved is not None:
            self._keeping_facts_whole = True
            try:
                self.setTextCursor(moved)
            finally:
                self._keeping_facts_whole = False
        self._last_position = self.textCursor().position()

    def _step_out_of_fact(self) -> None:
        """Typing beside a fact (or over a selection that ends at one)
        writes plain text: only the facts table changes a fact."""
        if not run_marks(self.currentCharFormat()).fact:
            return
        cursor = self.textCursor()
        if cursor.hasSelection():
            # Setting the typing format would re-format the selection itself.
            cursor.removeSelectedText()
            self.setTextCursor(cursor)
        marks = run_marks(self.currentCharFormat())
        if marks.fact:
            self.setCurrentCharFormat(char_format(replace(marks, fact="")))

    def _step_out_of_link_end(self) -> None:
        """Text typed right after a link is not part of it (as in Word)."""
        cursor = self.textCursor()
        marks = run_marks(self.currentCharFormat())
        if cursor.hasSelection() or not marks.link:
            return
        if not cursor.atBlockEnd():
            after = QTextCursor(cursor)
            after.movePosition(QTextCursor.MoveOperation.NextCharacter)
            if run_marks(after.charFormat()).link == marks.link:
                return  # typing inside the link
        self.setCurrentCharFormat(char_format(replace(marks, link="")))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        # QTextFrameFormat has no left-only border: paint the callout bar.
        painter = QPainter(self.viewport())
        layout = self.document().documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        for frame in self.document().rootFrame().childFrames():
            if is_callout(frame):
                box = layout.frameBoundingRect(frame)
                bar = QRectF(box.left() + dx, box.top() + dy, CALLOUT_BAR_WIDTH, box.height())
                painter.fillRect(bar, CALLOUT_BAR)
        painter.end()
