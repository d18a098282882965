"""Paragraphs in the PDF: measured once, and long ones cut into pieces.

reportlab breaks a paragraph into lines each time it is measured: a table
cell is measured when the table is laid out and again when it is drawn, a
heading when the writer checks the room it needs and again on the page.
BriefParagraph keeps its lines while the width stays the same.

When a paragraph runs past the foot of a page, reportlab splits it and
breaks the whole remainder into lines again; the next page does the same,
so a paragraph many pages long costs time in the square of its length (a
paragraph of 20,000 short lines never finished). A long paragraph is
broken into lines once here and handed on as pieces of a few dozen lines
each: the same lines, the same words, drawn one under the other with no
space between, so the page looks the same and each split is small.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

_BIG = 1e9
_FUZZ = 1e-8
#: Text shorter than this is never more than a page long: not measured.
PIECES_FROM = 2_000
_PIECE_LINES = 40


class BriefParagraph(Paragraph):
    """A Paragraph that is not broken into lines again at the same width."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A split that found no room drops the lines (blPara): then measure.
        if availWidth == self._wrapped_at and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth if availWidth > _FUZZ else None
        return size


class PlainParagraphs:
    """Paragraphs of plain text (no marks, links or line breaks), made
    without reportlab's markup parser: a table of 100,000 cells spent
    seconds parsing markup that had no tags. The text becomes what the
    parser would make of it: one fragment in the style's font."""

    def __init__(self) -> None:
        self._frags: dict[int, tuple[ParagraphStyle, object]] = {}

    def make(
        self, text: str, style: ParagraphStyle, kind: type[BriefParagraph] = BriefParagraph
    ) -> BriefParagraph:
        """``kind(text)``, where ``text`` is plain text, not markup."""
        known = self._frags.get(id(style))
        if known is None or known[0] is not style:
            known = (style, Paragraph("x", style).frags[0])
            self._frags[id(style)] = known
        cleaned = cleanBlockQuotedText(text)
        if not cleaned:
            return kind("", style)
        frag = known[1].clone(text=cleaned, link=[], us_lines=[])  # type: ignore[attr-defined]
        return kind(None, style, frags=[frag])


def _piece_style(style: ParagraphStyle, before: bool, after: bool) -> ParagraphStyle:
    return ParagraphStyle(
        f"{style.name}-piece",
        parent=style,
        spaceBefore=style.spaceBefore if before else 0,
        spaceAfter=style.spaceAfter if after else 0,
    )


def paragraph_pieces(markup: str, style: ParagraphStyle, width: float) -> list[Paragraph]:
    """``markup`` as one paragraph, or as several of at most _PIECE_LINES
    lines each when it is longer than that at ``width``."""
    paragraph = BriefParagraph(markup, style)
    if len(markup) < PIECES_FROM:
        return [paragraph]
    paragraph.wrap(width, _BIG)
    lines = paragraph.blPara.lines
    if len(lines) <= _PIECE_LINES:
        return [paragraph]
    # reportlab's own split builds the words of a range of lines with this.
    words_of = paragraph._get_split_blParaFunc()
    starts = list(range(0, len(lines), _PIECE_LINES))
    if len(lines) - starts[-1] < 2:
        starts.pop()  # no piece of one line: it would be a widow
    ends = [*starts[1:], len(lines)]
    first, middle, last = (
        _piece_style(style, True, False),
        _piece_style(style, False, False),
        _piece_style(style, False, True),
    )
    pieces = []
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        piece_style = first if i == 0 else last if end == len(lines) else middle
        pieces.append(
            BriefParagraph(None, piece_style, frags=words_of(paragraph.blPara, start, end))
        )
    return pieces
