"""Lossless conversion between :class:`TextContent` and a ``QTextDocument``.

The editor works on a ``QTextDocument``; the brief stores :class:`TextContent`.
Qt's own HTML and Markdown conversions lose things the model needs (the
"needs source" marker, callout boxes, hard line breaks) and bring in things it
cannot hold (fonts, sizes, colours), so both directions are written here by
hand over the block/fragment/frame API.

Document layout
    Paragraph  -> one block, not in a list, in the root frame (or a callout).
    ListBlock  -> consecutive blocks sharing one ``QTextList`` (disc or
                  decimal); every ListBlock gets its own QTextList, so two
                  adjacent lists stay two lists.
    Callout    -> a ``QTextFrame`` whose frame format carries
                  :data:`CALLOUT_PROPERTY`; its first block is the title
                  (shown bold), the remaining blocks its paragraphs and lists.
    Run marks  -> character formats: bold weight, italic, anchor + href (drawn
                  blue and underlined), and :data:`NEEDS_SOURCE_PROPERTY`
                  (drawn on a yellow background; reading never looks at colour).
    Fact       -> a fragment whose text is the fact's value, with
                  :data:`FACT_PROPERTY` (the fact's name, drawn on a light blue
                  background) and :data:`FACT_TOKEN_PROPERTY`, a number of its
                  own, so that two facts side by side stay two fragments (Qt
                  merges neighbours with equal formats) and reading joins the
                  pieces of one fact however Qt splits them.
    Citation   -> the same, with :data:`CITE_PROPERTY` (the ids of the
                  sources cited, one per line) instead of a fact's name; its
                  text is a label such as "[2]" (the sources' places in the
                  Sources list), drawn on a light green background.
    "\\n"       -> U+2028 (line separator) inside the block.

Canonical form (see :func:`normalise_content`)
    ``read_document(fill_document(c))`` equals ``normalise_content(c)``:
    runs are merged/empties dropped with ``normalise_runs``; paragraphs and
    list items with no text are dropped (an empty block is what the editor
    shows while someone is typing, and Qt itself surrounds every frame with
    blocks); lists left without items are dropped.  A callout is kept even
    when empty, because its box is still on screen.  U+FDD0 and U+FDD1 are
    removed: they are Unicode non-characters that Qt reserves as frame
    boundary markers, so a QTextDocument cannot hold them as text.  A fact
    with no text is dropped (a document cannot show an empty fragment).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import replace

from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFragment,
    QTextFrame,
    QTextFrameFormat,
    QTextList,
    QTextListFormat,
)

from briefing_app.gui.figure_blocks import block_figures, write_figure
from briefing_app.model.brief import TextContent
from briefing_app.model.pictures import Figure
from briefing_app.model.text import (
    Block,
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    normalise_runs,
)

#: Char-format property marking a "needs source" run (a bool).
NEEDS_SOURCE_PROPERTY = int(QTextFormat.Property.UserProperty) + 1
#: Frame-format property marking a callout box (a bool).
CALLOUT_PROPERTY = int(QTextFormat.Property.UserProperty) + 2
#: Char-format property holding the name of the fact a fragment shows (a str).
FACT_PROPERTY = int(QTextFormat.Property.UserProperty) + 3
#: Char-format property numbering each token, fact or citation (an int, never 0).
FACT_TOKEN_PROPERTY = int(QTextFormat.Property.UserProperty) + 4
#: Char-format property holding the ids of the sources a citation cites (a
#: str, one id per line).
CITE_PROPERTY = int(QTextFormat.Property.UserProperty) + 5

LINK_COLOUR = QColor("#1a55a8")
NEEDS_SOURCE_COLOUR = QColor("#fff176")
FACT_COLOUR = QColor("#cde2fb")
CITE_COLOUR = QColor("#d7efd7")
CALLOUT_BACKGROUND = QColor("#eaf1fa")
CALLOUT_BAR = QColor("#4a78b5")
#: Width in pixels of the bar the editor paints down a callout's left edge
#: (QTextFrameFormat has no per-side border).
CALLOUT_BAR_WIDTH = 4

_LINE_SEPARATOR = "\u2028"
# Qt's QTextBeginningOfFrame / QTextEndOfFrame: inserting them as text
# splits blocks, so they cannot survive a round trip.
_QT_RESERVED = str.maketrans("", "", "\ufdd0\ufdd1")
_fact_tokens = itertools.count(1)
_LIST_STYLES = {
    ListStyle.BULLET: QTextListFormat.Style.ListDisc,
    ListStyle.NUMBERED: QTextListFormat.Style.ListDecimal,
}


# -- formats -----------------------------------------------------------------


def char_format(run: Run) -> QTextCharFormat:
    """A fresh character format carrying exactly the marks of ``run``."""
    fmt = QTextCharFormat()
    if run.bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if run.italic:
        fmt.setFontItalic(True)
    if run.link:
        fmt.setAnchor(True)
        fmt.setAnchorHref(run.link)
        fmt.setForeground(QBrush(LINK_COLOUR))
        fmt.setFontUnderline(True)
    if run.fact:
        fmt.setProperty(FACT_PROPERTY, run.fact)
        fmt.setProperty(FACT_TOKEN_PROPERTY, next(_fact_tokens))
        fmt.setBackground(QBrush(FACT_COLOUR))
        fmt.setToolTip(f"The fact '{run.fact}': change its value under Facts")
    elif run.cite:
        fmt.setProperty(CITE_PROPERTY, "\n".join(run.cite))
        fmt.setProperty(FACT_TOKEN_PROPERTY, next(_fact_tokens))
        fmt.setBackground(QBrush(CITE_COLOUR))
        fmt.setToolTip("A citation: the exports number it as a footnote or [1]")
    if run.needs_source:
        fmt.setProperty(NEEDS_SOURCE_PROPERTY, True)
        fmt.setBackground(QBrush(NEEDS_SOURCE_COLOUR))
    return fmt


def run_marks(fmt: QTextCharFormat, text: str = "") -> Run:
    """The model run for ``text`` shown with ``fmt`` (the four marks and the fact)."""
    # 600 counts as bold: pasted HTML often says font-weight:600.
    bold = fmt.fontWeight() >= QFont.Weight.DemiBold
    link = fmt.anchorHref() if fmt.isAnchor() else ""
    needs_source = fmt.boolProperty(NEEDS_SOURCE_PROPERTY)
    fact = fmt.stringProperty(FACT_PROPERTY) if fmt.hasProperty(FACT_PROPERTY) else ""
    cite = tuple(cited_ids(fmt))
    return Run(text, bold, fmt.fontItalic(), link, needs_source, fact, cite)


def cited_ids(fmt: QTextCharFormat) -> list[str]:
    """The sources a citation shown with ``fmt`` cites ([] if it is none)."""
    if not fmt.hasProperty(CITE_PROPERTY):
        return []
    return [i for i in fmt.stringProperty(CITE_PROPERTY).split("\n") if i]


def fact_token(fmt: QTextCharFormat) -> int:
    """The number of the token (a fact or a citation) shown with ``fmt``
    (0: plain text)."""
    is_token = fmt.hasProperty(FACT_PROPERTY) or fmt.hasProperty(CITE_PROPERTY)
    return fmt.intProperty(FACT_TOKEN_PROPERTY) if is_token else 0


def title_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


def callout_frame_format() -> QTextFrameFormat:
    fmt = QTextFrameFormat()
    fmt.setProperty(CALLOUT_PROPERTY, True)
    fmt.setBackground(QBrush(CALLOUT_BACKGROUND))
    fmt.setBorder(0)
    fmt.setPadding(8)
    # Leave room on the left for the painted bar.
    fmt.setLeftMargin(0)
    fmt.setTopMargin(6)
    fmt.setBottomMargin(6)
    return fmt


def list_format(style: ListStyle) -> QTextListFormat:
    fmt = QTextListFormat()
    fmt.setStyle(_LIST_STYLES[style])
    fmt.setIndent(1)
    return fmt


def list_style_of(fmt: QTextListFormat) -> ListStyle:
    """Numbered for any ordered Qt style (pasted HTML may bring roman or alpha)."""
    ordered = fmt.style() in (
        QTextListFormat.Style.ListDecimal,
        QTextListFormat.Style.ListLowerAlpha,
        QTextListFormat.Style.ListUpperAlpha,
        QTextListFormat.Style.ListLowerRoman,
        QTextListFormat.Style.ListUpperRoman,
    )
    return ListStyle.NUMBERED if ordered else ListStyle.BULLET


def text_list_of(block: QTextBlock) -> QTextList | None:
    """The list ``block`` belongs to, if any."""
    # A block in a list carries the list's object index in its format; asking
    # first avoids a wrapped None, which PySide6 6.12.0 handles badly.
    return block.textList() if block.blockFormat().objectIndex() >= 0 else None


def is_callout(frame: QTextFrame | None) -> bool:
    return frame is not None and frame.frameFormat().boolProperty(CALLOUT_PROPERTY)


def callout_of(block: QTextBlock) -> QTextFrame | None:
    """The callout frame ``block`` lives in, if any (outermost one wins)."""
    doc = block.document()
    frame = QTextCursor(block).currentFrame()
    found = None
    while frame is not None and frame != doc.rootFrame():
        if is_callout(frame):
            found = frame
        frame = frame.parentFrame()
    return found


def is_title_block(block: QTextBlock) -> bool:
    """True for the first block of a callout, which holds its title."""
    frame = callout_of(block)
    return frame is not None and block.position() == frame.firstPosition()


# -- model -> document ---------------------------------------------------------


def normalise_content(content: TextContent) -> TextContent:
    """The canonical form that a fill/read round trip yields (see module doc)."""

    def runs(items: list[Run]) -> list[Run]:
        cleaned = [replace(r, text=r.text.translate(_QT_RESERVED)) for r in items]
        return normalise_runs([r for r in cleaned if r.text])

    def inner(block: Paragraph | ListBlock) -> Paragraph | ListBlock | None:
        if isinstance(block, Paragraph):
            kept = runs(block.runs)
            return Paragraph(kept) if kept else None
        items = [kept for kept in (runs(item) for item in block.items) if kept]
        return ListBlock(block.style, items) if items else None

    blocks: list[Block] = []
    for block in content.blocks:
        if isinstance(block, Figure):
            blocks.append(block)
        elif isinstance(block, Callout):
            body = [b for b in (inner(x) for x in block.blocks) if b is not None]
            blocks.append(Callout(block.title.translate(_QT_RESERVED), body))
        elif (kept := inner(block)) is not None:
            blocks.append(kept)
    return TextContent(blocks)


def insert_runs(cursor: QTextCursor, runs: list[Run]) -> None:
    """Insert ``runs`` at ``cursor`` as fragments with exactly their marks."""
    for run in runs:
        text = run.text.translate(_QT_RESERVED).replace("\n", _LINE_SEPARATOR)
        if text:
            cursor.insertText(text, char_format(run))


def _write_items(cursor: QTextCursor, block: Paragraph | ListBlock, fresh: bool) -> None:
    """Write a paragraph or list; ``fresh`` means the cursor's block is unused."""
    items = [block.runs] if isinstance(block, Paragraph) else block.items
    for index, runs in enumerate(items):
        if index:
            # Later items inherit the block format, and with it the list.
            cursor.insertBlock(cursor.blockFormat(), QTextCharFormat())
        elif not fresh:
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
        if isinstance(block, ListBlock) and index == 0:
            cursor.createList(list_format(block.style))
        insert_runs(cursor, runs)


def _write_callout(cursor: QTextCursor, callout: Callout) -> None:
    frame = cursor.insertFrame(callout_frame_format())
    # An empty title still types bold.
    cursor.setBlockCharFormat(title_format())
    cursor.insertText(callout.title.translate(_QT_RESERVED), title_format())
    for block in callout.blocks:
        _write_items(cursor, block, fresh=False)
    # Qt always leaves a block after a frame: continue there.
    cursor.setPosition(frame.lastPosition() + 1)


PARAGRAPH_GAP_PX = 6.0


def space_paragraphs(doc: QTextDocument) -> None:
    """A gap under every paragraph, so the editor reads like the brief.
    Only the look: reading the document back ignores margins, and a block
    made by pressing Enter inherits the gap from the one before."""
    cursor = QTextCursor(doc)
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().bottomMargin() != PARAGRAPH_GAP_PX:
            fmt = QTextBlockFormat()
            fmt.setBottomMargin(PARAGRAPH_GAP_PX)
            cursor.setPosition(block.position())
            cursor.mergeBlockFormat(fmt)
        block = block.next()


def _square(_figure: Figure) -> float:
    return 0.6


def fill_document(
    doc: QTextDocument, content: TextContent, aspect: Callable[[Figure], float] = _square
) -> None:
    """Replace everything in ``doc`` with ``content`` (``aspect``: a figure's
    height over its width, for its image)."""
    doc.clear()
    cursor = QTextCursor(doc)
    cursor.beginEditBlock()
    fresh = True  # the empty block the cursor sits in has not been used yet
    for block in content.blocks:
        if isinstance(block, Figure):
            write_figure(cursor, block, fresh, aspect)
            fresh = False
        elif isinstance(block, Callout):
            _write_callout(cursor, block)
            fresh = True
        else:
            _write_items(cursor, block, fresh)
            fresh = False
    space_paragraphs(doc)
    cursor.endEditBlock()


def insert_content(
    cursor: QTextCursor, content: TextContent, aspect: Callable[[Figure], float] = _square
) -> None:
    """Insert ``content`` at ``cursor``, as a paste does.

    The first paragraph goes inline into the current block; later blocks
    become new paragraphs or list items after it, like pasting in Word, and a
    list pasted into a list item joins that list. A callout stays a box when
    pasted outside any box; inside one it becomes its title as a bold
    paragraph followed by its body, because boxes do not nest.
    """
    cursor.beginEditBlock()
    cursor.removeSelectedText()
    nested = callout_of(cursor.block()) is not None
    blocks: list[Block] = []
    for block in normalise_content(content).blocks:
        if isinstance(block, Callout) and nested:
            if block.title:
                blocks.append(Paragraph([Run(block.title, bold=True)]))
            blocks.extend(block.blocks)
        else:
            blocks.append(block)
    first = True  # at the paste position, or just after a pasted box
    for block in blocks:
        if isinstance(block, Figure):
            frame = callout_of(cursor.block())
            if frame is not None:
                cursor.setPosition(frame.lastPosition() + 1)
            write_figure(cursor, block, cursor.block().length() == 1, aspect)
            first = False
            continue
        if isinstance(block, Callout):
            _write_callout(cursor, block)
            first = True
            continue
        if first and isinstance(block, ListBlock) and text_list_of(cursor.block()):
            for number, runs in enumerate(block.items):
                if number:
                    cursor.insertBlock()
                insert_runs(cursor, runs)
        else:
            # A first list takes over the current block only if it is empty.
            fresh = first and (isinstance(block, Paragraph) or cursor.block().length() == 1)
            _write_items(cursor, block, fresh)
        first = False
    space_paragraphs(cursor.document())
    cursor.endEditBlock()


# -- document -> model ---------------------------------------------------------


def iter_fragments(block: QTextBlock) -> Iterator[QTextFragment]:
    """The block's fragments (stretches of one character format), in order."""
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            yield fragment
        it += 1


def read_runs(block: QTextBlock) -> list[Run]:
    """The block's text as normalised runs (objects such as images skipped)."""
    runs: list[Run] = []
    last_token = 0
    for fragment in iter_fragments(block):
        fmt = fragment.charFormat()
        if fmt.objectType() != QTextFormat.ObjectTypes.NoObject:
            last_token = 0
            continue
        # Run() turns U+2028 back into "\n" and drops control characters.
        run = run_marks(fmt, fragment.text())
        token = fact_token(fmt)
        if token and token == last_token:
            # Qt split one fact into several fragments: it is still one fact.
            runs[-1] = replace(runs[-1], text=runs[-1].text + run.text)
        else:
            runs.append(run)
        last_token = token
    return normalise_runs(runs)


class _Reader:
    """Walks the blocks in order, grouping them into lists and callouts."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.callout: Callout | None = None
        self.callout_key = -1
        self.list_key: tuple[int, int] | None = None  # (callout key, list index)
        self.list_block: ListBlock | None = None

    def target(self) -> list:
        return self.callout.blocks if self.callout is not None else self.blocks

    def add(self, block: QTextBlock) -> None:
        figures = block_figures(block)
        if figures:
            # Figures stand between paragraphs (never in a box or a list).
            self.blocks.extend(figure for _, figure in figures)
            self.list_key, self.list_block = None, None
        frame = callout_of(block)
        key = frame.objectIndex() if frame is not None else -1
        if key != self.callout_key:
            self.callout_key = key
            self.list_key, self.list_block = None, None
            if frame is None:
                self.callout = None
            else:
                # First block of a new callout: its title.
                title = "".join(run.text for run in read_runs(block))
                self.callout = Callout(title)
                self.blocks.append(self.callout)
                return
        runs = read_runs(block)
        text_list = text_list_of(block)
        if text_list is None:
            if runs:
                self.target().append(Paragraph(runs))
                self.list_key, self.list_block = None, None
            # An empty paragraph does not end a list: it is invisible in the
            # model, so the items around it still belong to one list.
            return
        list_key = (key, text_list.objectIndex())
        if list_key != self.list_key:
            self.list_key, self.list_block = list_key, None
        if not runs:
            return
        if self.list_block is None:
            self.list_block = ListBlock(list_style_of(text_list.format()), [])
            self.target().append(self.list_block)
        self.list_block.items.append(runs)


def read_document(doc: QTextDocument) -> TextContent:
    """The model content shown by ``doc`` (in canonical form)."""
    reader = _Reader()
    block = doc.begin()
    while block.isValid():
        reader.add(block)
        block = block.next()
    return TextContent(reader.blocks)
