"""Red wavy underlines under misspelt words in a QTextDocument.

One :class:`SpellHighlighter` per document: the text editor's and the cell
editor's while a cell is being edited. Qt calls :meth:`highlightBlock` for
the blocks a keystroke changed (one paragraph), so typing costs the check
of one paragraph, whose words are mostly cached. The underline is a format
of the layout only: it is never part of the text, the model or a copy.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from briefing_app.gui.richtext import CITE_PROPERTY, FACT_PROPERTY, iter_fragments

#: Word's colour for spelling.
SPELLING_RED = QColor("#e0201b")


def misspelt_format() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
    fmt.setUnderlineColor(SPELLING_RED)
    return fmt


def block_skips(block) -> list[tuple[int, int]]:
    """(start, end) in the block of facts, citations and links."""
    spans = []
    start = block.position()
    for fragment in iter_fragments(block):
        fmt = fragment.charFormat()
        if fmt.isAnchor() or fmt.hasProperty(FACT_PROPERTY) or fmt.hasProperty(CITE_PROPERTY):
            at = fragment.position() - start
            spans.append((at, at + fragment.length()))
    return spans


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines what ``state`` (a :class:`~briefing_app.gui.spelling.SpellState`)
    finds misspelt; rehighlights the whole document when it changes."""

    def __init__(self, document: QTextDocument, state) -> None:
        super().__init__(document)
        self.state = state
        self._format = misspelt_format()
        state.changed.connect(self.rehighlight)

    def highlightBlock(self, text: str) -> None:
        if not text or not self.state.ready:
            return
        for word in self.state.misspelt(text, block_skips(self.currentBlock())):
            self.setFormat(word.start, word.end - word.start, self._format)
