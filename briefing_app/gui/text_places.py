"""Places in the text editor's document, as the rest of the app names them.

The model's pieces of text (model/walk.py: paragraphs, list items, callout
titles) are the document's blocks that hold text, plus every callout's
title line (kept even when empty); an empty line being typed is no piece.
Finding words the PDF printed, and what an undo changed, are done here too.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from briefing_app.gui.figure_blocks import block_figures
from briefing_app.gui.richtext import fill_document, is_title_block, read_runs
from briefing_app.model.brief import TextContent

#: Runs of words tried, longest first, when looking for printed words.
WORDS_TRIED = (8, 5, 3, 2)


def piece_blocks(doc: QTextDocument) -> list[QTextBlock]:
    """The blocks that are pieces of text (a figure's block is not: its
    pieces are its fields, below the text)."""
    found = []
    block = doc.begin()
    while block.isValid():
        figure_only = bool(block_figures(block)) and not read_runs(block)
        if (is_title_block(block) or block.length() > 1) and not figure_only:
            found.append(block)
        block = block.next()
    return found


def select_piece_text(area: QTextEdit, piece: int, start: int, end: int) -> bool:
    blocks = piece_blocks(area.document())
    if not 0 <= piece < len(blocks):
        return False
    block = blocks[piece]
    length = block.length() - 1
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + min(start, length))
    cursor.setPosition(block.position() + min(end, length), QTextCursor.MoveMode.KeepAnchor)
    area.setTextCursor(cursor)
    area.ensureCursorVisible()
    return True


def _words_expression(words: list[str]) -> QRegularExpression:
    # Any white space between the words: the PDF breaks lines where the
    # editor does not, and a line break inside a paragraph is U+2028.
    pattern = r"[\s\x{2028}]+".join(QRegularExpression.escape(w) for w in words)
    return QRegularExpression(pattern, QRegularExpression.PatternOption.CaseInsensitiveOption)


def go_to_words(area: QTextEdit, words: list[str]) -> bool:
    """Put the cursor at the start of ``words`` (a run of them, if the PDF
    printed some differently); at the start of the text when not found."""
    doc = area.document()
    cleaned = [w for w in (re.sub(r"^\W+|\W+$", "", w) for w in words) if w]
    for count in WORDS_TRIED:
        for offset in range(0, max(len(cleaned) - count, 0) + 1):
            run = cleaned[offset : offset + count]
            if len(run) < min(count, len(cleaned)) or not run:
                continue
            found = doc.find(_words_expression(run))
            if not found.isNull():
                cursor = QTextCursor(doc)
                cursor.setPosition(found.selectionStart())
                area.setTextCursor(cursor)
                area.ensureCursorVisible()
                return True
        if len(cleaned) <= count:
            break
    area.moveCursor(QTextCursor.MoveOperation.Start)
    return False


def select_change(area: QTextEdit, before: TextContent) -> None:
    """Select what differs between ``before`` and the document now (the
    cursor where text was removed), and scroll to it."""
    scratch = QTextDocument()
    fill_document(scratch, before)
    old, new = scratch.toPlainText(), area.document().toPlainText()
    limit = min(len(old), len(new))
    start = 0
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < limit - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    end = max(start, len(new) - tail)
    if end > start:
        # Whole words, as a person sees the change ("arrests" for "detentions",
        # not "arrest" and a shared "s").
        while start > 0 and new[start - 1].isalnum():
            start -= 1
        while end < len(new) and new[end].isalnum():
            end += 1
    cursor = QTextCursor(area.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    area.setTextCursor(cursor)
    area.ensureCursorVisible()
