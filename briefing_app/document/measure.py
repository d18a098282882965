"""How much room text takes in a column, estimated without a font library.

The composer decides what is printed before any writer runs, and some
decisions depend on room: a title-block value must fit on one page. The
Word writer, which cannot measure either, needs to know which table rows
and callout boxes may be taller than a page. Loading reportlab for this
would tie the composer and the Word and HTML exports to the PDF writer, so
lines are counted here by wrapping words greedily, as the writers do, with
Arial's widths (the metrics of Liberation Sans, the bundled PDF font).
Characters outside ASCII count as wide as nearly any glyph is, so the
estimate errs towards more lines.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Advance widths in thousandths of an em for U+0020 to U+007E (Arial,
# Liberation Sans, Helvetica).
_ASCII = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_LETTER_EM = 0.95  # accented Latin, Cyrillic, Greek: Ж is 0.92 (a few rare ones are wider)
_WIDE_EM = 1.05  # CJK, symbols, anything else


@cache
def char_em(ch: str) -> float:
    """The width of ``ch`` in ems (an estimate at or above the real one)."""
    code = ord(ch)
    if 32 <= code < 127:
        return _ASCII[code - 32] / 1000
    if unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.category(ch).startswith("L") and unicodedata.east_asian_width(ch) in "NAH":
        return _LETTER_EM
    return _WIDE_EM


def fitting_chars(text: str, width_em: float, max_lines: int) -> int:
    """How many characters of ``text`` fit in ``max_lines`` lines of
    ``width_em`` ems: ``len(text)`` when all of it does.

    Lines break at spaces and at ``\\n``; a word longer than a line is broken
    between characters, as the writers do.
    """
    if max_lines <= 0:
        return 0
    width_em = max(width_em, 1.0)
    space = char_em(" ")
    lines, used = 1, 0.0  # the current line, and the width already on it
    start, word = 0, 0.0  # where the word being read starts, and its width

    for i, ch in enumerate(text):
        if ch in " \n":
            if used and used + word > width_em:  # the word starts the next line
                lines, used = lines + 1, 0.0
                if lines > max_lines:
                    return start
            used += word + space
            if ch == "\n":
                lines, used = lines + 1, 0.0
                if lines > max_lines:
                    return i
            start, word = i + 1, 0.0
            continue
        em = char_em(ch)
        if word + em > width_em:  # a word longer than a line: break it here
            if used:  # it starts on a line of its own
                lines, used = lines + 1, 0.0
                if lines > max_lines:
                    return start
            lines += 1
            if lines > max_lines:
                return i
            start, word = i, 0.0
        word += em
    if used and used + word > width_em and lines + 1 > max_lines:
        return start
    return len(text)


def fits_in_lines(text: str, width_em: float, max_lines: int) -> bool:
    """Whether ``text`` takes at most ``max_lines`` lines of ``width_em`` ems."""
    # A line ends at a line break, at a space, or full: so many lines at
    # most. Most text is well inside this, and need not be wrapped.
    breaks = text.count("\n") + text.count(" ")
    if 1 + breaks + len(text) * _WIDE_EM / max(width_em, 1.0) <= max_lines:
        return True
    return fitting_chars(text, width_em, max_lines) == len(text)


def lines_needed(text: str, width_em: float, limit: int) -> int:
    """How many lines ``text`` takes, or ``limit + 1`` when more than ``limit``."""
    if not fits_in_lines(text, width_em, limit):
        return limit + 1
    low, high = 1, limit  # the fewest lines that hold it, by halving
    while low < high:
        middle = (low + high) // 2
        if fits_in_lines(text, width_em, middle):
            high = middle
        else:
            low = middle + 1
    return low
