"""Tab and Shift+Tab on list items, as Word users expect.

A brief's lists have one level (the model and every export hold flat
lists), so "outdent" takes items out of their list (they become
paragraphs) and "indent" puts a paragraph that follows a list into it.
Tab inside a list item stays in the text rather than jumping to the next
field, and says why nothing deeper happens.
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCursor

from briefing_app.gui.richtext import callout_of, is_title_block, text_list_of

ONE_LEVEL = "Lists in a brief have one level. Shift+Tab makes the item a paragraph again."


def _selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    doc = cursor.document()
    blocks = []
    block = doc.findBlock(cursor.selectionStart())
    while block.isValid() and block.position() <= cursor.selectionEnd():
        if not is_title_block(block):
            blocks.append(block)
        block = block.next()
    return blocks


def _same_box(a: QTextBlock, b: QTextBlock) -> bool:
    fa, fb = callout_of(a), callout_of(b)
    if fa is None or fb is None:
        return fa is None and fb is None
    return fa.objectIndex() == fb.objectIndex()


def outdent(cursor: QTextCursor) -> bool:
    """Shift+Tab: the selected list items become paragraphs. False when the
    cursor is not in a list (the key then moves the focus back)."""
    items = [b for b in _selected_blocks(cursor) if text_list_of(b) is not None]
    if not items:
        return False
    cursor.beginEditBlock()
    try:
        for block in items:
            lst = text_list_of(block)
            if lst is not None:
                lst.remove(block)
                plain = QTextCursor(block)
                fmt = plain.blockFormat()
                fmt.setIndent(0)  # remove() leaves the list's indent behind
                plain.setBlockFormat(fmt)
    finally:
        cursor.endEditBlock()
    return True


def indent(cursor: QTextCursor) -> str | None:
    """Tab: a paragraph just below a list joins it. Returns a message for
    the author when Tab is kept in the text without a change (a list item
    cannot go deeper), "" when it made the change, None when Tab should
    move the focus on as usual."""
    block = cursor.block()
    if text_list_of(block) is not None:
        return ONE_LEVEL
    at_start = not cursor.hasSelection() and cursor.positionInBlock() == 0
    before = block.previous()
    if (
        at_start
        and not is_title_block(block)
        and before.isValid()
        and text_list_of(before) is not None
        and _same_box(before, block)
    ):
        lst = text_list_of(before)
        assert lst is not None
        cursor.beginEditBlock()
        try:
            lst.add(block)
        finally:
            cursor.endEditBlock()
        return ""
    return None
