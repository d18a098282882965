"""The hidden marks a Word export puts on each printed piece (see
compose/origins.py for what they say): their names, and the hashes of the
text they carry. Read by the Word writer and by Update from Word."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from briefing_app.document.nodes import Inlines

PREFIX = "_bb"
#: Custom document properties of a Word export.
BRIEF_PROPERTY = "BriefingBuilderBrief"
VERSION_PROPERTY = "BriefingBuilderVersion"
_NAME = re.compile(r"_bb([0-9a-f]{8})_(?:h([0-9a-f]{6})|([0-9a-z]{1,20})_([0-9a-f]{6}))")
_SPACE = re.compile(r"\s+")


def short_hash(text: str, digits: int = 6) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:digits]


def unit_text(text: str) -> str:
    """Text as compared between the brief and a Word file: spaces collapsed."""
    return _SPACE.sub(" ", text).strip()


def printed(inlines: Inlines) -> str:
    """The words of ``inlines`` without note references (footnote marks)."""
    return "".join(t.text for t in inlines if not t.note)


def text_hash(text: str) -> str:
    return short_hash(unit_text(text))


def row_hash(cells: list[str]) -> str:
    return short_hash("\x1f".join(unit_text(c) for c in cells))


def unit_mark(origin: str, text: str) -> str:
    """The bookmark name of a paragraph or list item."""
    return f"{PREFIX}{origin}_{text_hash(text)}"


def row_mark(origin: str, path: str, cells: list[str]) -> str:
    return f"{PREFIX}{origin}_{path}_{row_hash(cells)}"


def start_mark(origin: str) -> str:
    return PREFIX + origin


@dataclass(frozen=True, slots=True)
class Origin:
    """A bookmark name read back."""

    key: str  # the section key
    path: str  # "" for a section start
    hash: str  # of the section (a start) or of the text as exported

    @property
    def is_start(self) -> bool:
        return not self.path


def parse_origin(name: str) -> Origin | None:
    match = _NAME.fullmatch(name)
    if match is None:
        return None
    key, start, path, hashed = match.groups()
    if start is not None:
        return Origin(key, "", start)
    return Origin(key, path, hashed)
