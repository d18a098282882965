"""Callout boxes that behave like Word's boxes and lists.

- Enter on an empty last line of a box leaves the box: the empty line goes
  and the cursor is on a new paragraph below it (as Enter on an empty list
  item ends a list).
- "Continue below the box" puts the cursor on a paragraph just below it.
- Deleting a selection that was started inside a box (a triple-click on a
  line of the box, Shift+arrows from inside it) never takes the box's frame
  or its title line with it: the selected text goes, the box stays.

Qt widens a selection that crosses a frame's edge to the whole frame and
shows it so. A selection started outside and dragged into a box therefore
shows the whole box selected, and deleting it deletes the box (undo brings
it back); one started inside keeps its real start in the cursor's anchor,
which is what is read here (selectionStart/End are the widened ones).
"""

from __future__ import annotations

from PySide6.QtGui import QTextBlock, QTextCharFormat, QTextCursor, QTextDocument, QTextFrame

from briefing_app.gui.richtext import callout_of, is_callout, is_title_block


def _callouts(doc: QTextDocument) -> list[QTextFrame]:
    return [f for f in doc.rootFrame().childFrames() if is_callout(f)]


def is_last_line_of_box(block: QTextBlock) -> bool:
    frame = callout_of(block)
    return frame is not None and block.position() + block.length() - 1 == frame.lastPosition()


def leave_box(cursor: QTextCursor) -> bool:
    """Enter on the empty last line of a box: remove the line and put
    ``cursor`` on an empty paragraph below the box. False (nothing done)
    anywhere else."""
    block = cursor.block()
    frame = callout_of(block)
    if (
        frame is None
        or cursor.hasSelection()
        or block.length() > 1
        or is_title_block(block)
        or not is_last_line_of_box(block)
    ):
        return False
    cursor.beginEditBlock()
    try:
        if block.textList() is not None and block.blockFormat().objectIndex() >= 0:
            block.textList().remove(block)
        cursor.setPosition(block.position())
        cursor.deletePreviousChar()  # joins the empty line to the one above it
        _below(cursor, frame)
    finally:
        cursor.endEditBlock()
    return True


def continue_below(cursor: QTextCursor) -> bool:
    """Put ``cursor`` on an empty paragraph just below the box it is in
    (made if needed); False when it is not in a box."""
    frame = callout_of(cursor.block())
    if frame is None:
        return False
    cursor.beginEditBlock()
    try:
        _below(cursor, frame)
    finally:
        cursor.endEditBlock()
    return True


def _below(cursor: QTextCursor, frame: QTextFrame) -> None:
    # Qt always keeps a block after a frame: use it when it is empty, else
    # open a new empty paragraph in front of it.
    cursor.clearSelection()
    cursor.setPosition(frame.lastPosition() + 1)
    if cursor.block().length() > 1 or callout_of(cursor.block()) is not None:
        cursor.insertBlock()
        cursor.movePosition(QTextCursor.MoveOperation.PreviousBlock)
    # Body text, not the box's bold title or a list.
    plain = QTextCursor(cursor)
    fmt = plain.blockFormat()
    fmt.setObjectIndex(-1)
    fmt.setIndent(0)
    plain.setBlockFormat(fmt)
    cursor.setBlockCharFormat(QTextCharFormat())
    cursor.setCharFormat(QTextCharFormat())


def selected_range(cursor: QTextCursor) -> tuple[int, int]:
    """What the author selected, before Qt widened it to whole frames."""
    return min(cursor.anchor(), cursor.position()), max(cursor.anchor(), cursor.position())


def removal_pieces(cursor: QTextCursor) -> list[tuple[int, int]] | None:
    """The stretches to delete for the selection of ``cursor`` so that no box
    loses its frame or its title line by surprise; None when Qt's own
    removal is fine (no box touched, or whole boxes selected from outside)."""
    start, end = selected_range(cursor)
    if start == end:
        return None
    anchor = cursor.anchor()
    kept: set[int] = set()  # positions of characters that must stay
    for frame in _callouts(cursor.document()):
        first, last = frame.firstPosition(), frame.lastPosition()
        opens, closes = first - 1, last  # the frame's own boundary characters
        if end <= opens or start > closes:
            continue  # outside the selection
        started_inside = first <= anchor <= last
        if start <= opens and end > closes and not started_inside:
            continue  # the whole box, selected (and shown selected) from outside
        kept.update((opens, closes))
        title = cursor.document().findBlock(first)
        kept.add(title.position() + title.length() - 1)  # the title line's end
    if not kept:
        return None
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for position in sorted(p for p in kept if start <= p < end):
        if position > piece_start:
            pieces.append((piece_start, position))
        piece_start = position + 1
    if piece_start < end:
        pieces.append((piece_start, end))
    return pieces


def remove_selection_keeping_boxes(cursor: QTextCursor) -> bool:
    """Delete the selection as :func:`removal_pieces` says; leaves ``cursor``
    where the text was. False when Qt's own removal should run instead."""
    pieces = removal_pieces(cursor)
    if pieces is None:
        return False
    doc = cursor.document()
    cursor.beginEditBlock()
    try:
        for a, b in reversed(pieces):  # from the end, so earlier positions hold
            piece = QTextCursor(doc)
            piece.setPosition(a)
            piece.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
            piece.removeSelectedText()
        cursor.clearSelection()
        cursor.setPosition(pieces[0][0] if pieces else selected_range(cursor)[0])
    finally:
        cursor.endEditBlock()
    return True
