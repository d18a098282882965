"""What a piece's text may hold: characters every format can carry, and, in
headers and footers, page numbers where ``{{ page }}`` and ``{{ pages }}`` go.

Header and footer pieces are rendered with stand-ins for the page numbers
(a word between NUL characters) that the writers replace on each page. A
piece that cuts or changes a stand-in (``{{ page[1:] }}``, ``{{ page|upper }}``)
would leave half of one; a piece can also make a control character or a
lone surrogate (``{{ '%c' % 0 }}``), which PDF, Word and HTML cannot carry.
When a template loads, either is refused with a plain message; when a brief
is printed, stray characters are removed (model/text.py's clean_text).
"""

from __future__ import annotations

import re

from briefing_app.document.nodes import FurnitureText, PageField
from briefing_app.model.text import clean_text
from briefing_app.templating.sandbox import PieceError

PAGE_SENTINEL = "\x00page\x00"
PAGES_SENTINEL = "\x00pages\x00"
_FIELDS = {PAGE_SENTINEL: PageField.PAGE, PAGES_SENTINEL: PageField.PAGES}
_SPLIT = re.compile(f"({re.escape(PAGE_SENTINEL)}|{re.escape(PAGES_SENTINEL)})")
_MISUSED = (
    "page numbers can only be printed as they are: write {{ page }} and {{ pages }} "
    "without changing them"
)


def unprintable(text: str) -> str | None:
    """The first character of ``text`` no format can carry, if any."""
    return next((ch for ch in text if not clean_text(ch)), None)


def printable(text: str, *, strict: bool = False, multiline: bool = True) -> str:
    """``text`` without control characters; ``strict`` refuses them instead."""
    if strict and (ch := unprintable(text)) is not None:
        raise PieceError(f"it produces a character that cannot be printed (U+{ord(ch):04X})")
    return clean_text(text, multiline=multiline)


def page_line(text: str, *, strict: bool = False) -> FurnitureText:
    """A header or footer piece's text as text and page numbers."""
    parts: list[str | PageField] = []
    for i, chunk in enumerate(_SPLIT.split(text)):
        if i % 2:
            parts.append(_FIELDS[chunk])
        elif "\x00" in chunk:
            raise PieceError(_MISUSED)
        elif chunk := printable(chunk, strict=strict, multiline=False):
            parts.append(chunk)
    return tuple(parts)
