"""Fact tokens in the text editor: a fact is one unit, like a field in Word.

A fact shows as a highlighted fragment whose text is the fact's value (see
richtext). The cursor never stops inside one: arrow keys and clicks land at
its edges, a selection that starts or ends inside grows to take all of it,
and Backspace or Delete next to it removes it whole. Text typed beside a
fact is plain text, so the value of a fact is only ever changed under Facts.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument

from briefing_app.gui.richtext import fact_token, iter_fragments
from briefing_app.model.brief import TextContent
from briefing_app.model.fact_refs import change_fact_runs
from briefing_app.model.facts import fact_key


def fact_spans(block: QTextBlock) -> list[tuple[int, int]]:
    """Document positions (start, end) of each fact token in ``block``."""
    spans: list[tuple[int, int]] = []
    last_token = 0
    for fragment in iter_fragments(block):
        token = fact_token(fragment.charFormat())
        start, end = fragment.position(), fragment.position() + fragment.length()
        if token and token == last_token and spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], end)
        elif token:
            spans.append((start, end))
        last_token = token
    return spans


def fact_span_at(doc: QTextDocument, position: int) -> tuple[int, int] | None:
    """The fact token holding the character at ``position``, if any."""
    if not 0 <= position < doc.characterCount() - 1:
        return None
    for start, end in fact_spans(doc.findBlock(position)):
        if start <= position < end:
            return start, end
    return None


def _inside(doc: QTextDocument, position: int) -> tuple[int, int] | None:
    """The token ``position`` falls strictly inside (not at its edges)."""
    span = fact_span_at(doc, position)
    return span if span is not None and span[0] < position else None


def kept_whole(cursor: QTextCursor, previous: int) -> QTextCursor | None:
    """``cursor`` moved out of any fact it is inside, or None if it is not.

    A collapsed cursor goes to the edge it was heading for (one step from
    ``previous``, as an arrow key moves) or else the nearer edge (a click);
    a selection grows outwards to hold the whole fact."""
    doc = cursor.document()
    anchor, position = cursor.anchor(), cursor.position()
    new_anchor, new_position = anchor, position
    if cursor.hasSelection():
        forward = position > anchor
        if span := _inside(doc, position):
            new_position = span[1] if forward else span[0]
        if span := _inside(doc, anchor):
            new_anchor = span[0] if forward else span[1]
    elif span := _inside(doc, position):
        start, end = span
        if abs(position - previous) == 1:
            new_position = end if position > previous else start
        else:
            new_position = start if position - start <= end - position else end
        new_anchor = new_position
    if (new_anchor, new_position) == (anchor, position):
        return None
    moved = QTextCursor(cursor)
    moved.setPosition(new_anchor)
    moved.setPosition(new_position, QTextCursor.MoveMode.KeepAnchor)
    return moved


def fact_beside(cursor: QTextCursor, *, before: bool) -> QTextCursor | None:
    """A cursor selecting the fact just before (Backspace) or after (Delete)
    a collapsed ``cursor``; None when there is none."""
    if cursor.hasSelection():
        return None
    position = cursor.position()
    if before and cursor.atBlockStart():
        return None
    if not before and cursor.atBlockEnd():
        return None
    span = fact_span_at(cursor.document(), position - 1 if before else position)
    if span is None:
        return None
    whole = QTextCursor(cursor)
    whole.setPosition(span[0])
    whole.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    return whole


def with_known_facts(content: TextContent, values: dict[str, str]) -> TextContent:
    """Pasted ``content`` as this brief shows it: a fact it knows shows the
    current value; a fact it does not know (copied from another brief)
    becomes plain text, so a paste never brings an error into the brief."""

    def known(run):
        value = values.get(fact_key(run.fact))
        if value is None or not value:
            return dataclasses.replace(run, fact="")
        return dataclasses.replace(run, text=value)

    return change_fact_runs(content, known)
