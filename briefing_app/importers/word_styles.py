"""What a Word document's styles and numbering mean for an import: heading
levels, list styles by name, bold and italic, bulleted or numbered lists.

Styles are looked up by id in an index made once. python-docx searches all
the styles with XPath for every lookup, and again for each style a style is
based on, so a document with a few thousand styles took minutes (time
growing with the square of their number). The rules are python-docx's: an
unknown id, or one of another type, means the type's default style.
"""

from __future__ import annotations

import re

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.styles.style import StyleFactory
from lxml import etree

from briefing_app.model.text import ListStyle

_HEADING = re.compile(r"heading\s*([1-9])")
_VAL = qn("w:val")
_NUM, _ABSTRACT_NUM, _ABSTRACT_NUM_ID = qn("w:num"), qn("w:abstractNum"), qn("w:abstractNumId")
_LVL, _NUM_FMT, _NUM_ID, _ILVL = qn("w:lvl"), qn("w:numFmt"), qn("w:numId"), qn("w:ilvl")
_OUTLINE = f"{qn('w:pPr')}/{qn('w:outlineLvl')}"
_NUM_PR = f"{qn('w:pPr')}/{qn('w:numPr')}"
# How far "based on" is followed: Word allows no loops, a file may have them.
_STYLE_DEPTH = 10


class WordStyles:
    def __init__(self, document: WordDocument) -> None:
        self._styles = document.styles
        self._by_id: dict[str, etree._Element] = {}
        for style in self._styles.element.iterchildren(qn("w:style")):
            style_id = style.get(qn("w:styleId"))
            if style_id is not None:
                self._by_id.setdefault(style_id, style)  # the first, as python-docx's XPath
        self._defaults: dict[WD_STYLE_TYPE, etree._Element | None] = {}
        self._paragraph: dict[str | None, tuple[int | None, str]] = {}
        self._numbering: dict[str | None, tuple[int, int] | None] = {}
        self._character: dict[str | None, tuple[bool | None, bool | None]] = {}

    def paragraph(self, style_id: str | None) -> tuple[int | None, str]:
        """(heading level or None, style name in lower case): 1-9 for Heading
        styles and styles based on them, 0 for Title; else the outline level
        a style (or one it is based on) gives, as a template's own heading
        styles do."""
        if style_id not in self._paragraph:
            style = self._get(style_id, WD_STYLE_TYPE.PARAGRAPH)
            name = _name(style)
            level = None
            outline = None
            for _ in range(_STYLE_DEPTH):
                if style is None:
                    break
                base_name = _name(style)
                if base_name == "title":
                    level = 0
                    break
                match = _HEADING.fullmatch(base_name)
                if match:
                    level = int(match.group(1))
                    break
                if outline is None:
                    found = style.find(_OUTLINE)
                    if found is not None:
                        outline = _level(found.get(_VAL))
                style = self._base(style)
            if level is None and outline is not None and outline < 9:
                level = outline + 1
            self._paragraph[style_id] = (level, name)
        return self._paragraph[style_id]

    def numbering(self, style_id: str | None) -> tuple[int, int] | None:
        """(numbering id, level) a paragraph style (or one it is based on)
        numbers its paragraphs with, or None."""
        if style_id not in self._numbering:
            style = self._get(style_id, WD_STYLE_TYPE.PARAGRAPH)
            found = None
            for _ in range(_STYLE_DEPTH):
                if style is None:
                    break
                num_pr = style.find(_NUM_PR)
                if num_pr is not None:
                    num_id = num_pr.find(_NUM_ID)
                    if num_id is not None:
                        ilvl = num_pr.find(_ILVL)
                        found = (
                            _level(num_id.get(_VAL)),
                            _level(ilvl.get(_VAL)) if ilvl is not None else 0,
                        )
                        break
                style = self._base(style)
            self._numbering[style_id] = found
        return self._numbering[style_id]

    def character(self, style_id: str | None) -> tuple[bool | None, bool | None]:
        """(bold, italic) as a character style (or one it is based on) sets
        them, None where none does."""
        if style_id not in self._character:
            style = self._get(style_id, WD_STYLE_TYPE.CHARACTER)
            self._character[style_id] = (self._mark(style, "bold"), self._mark(style, "italic"))
        return self._character[style_id]

    def _mark(self, style: etree._Element | None, attr: str) -> bool | None:
        for _ in range(_STYLE_DEPTH):
            if style is None:
                return None
            font = getattr(StyleFactory(style), "font", None)  # numbering styles have none
            value = getattr(font, attr) if font is not None else None
            if value is not None:
                return bool(value)
            style = self._base(style)
        return None

    def _get(self, style_id: str | None, style_type: WD_STYLE_TYPE) -> etree._Element | None:
        style = self._by_id.get(style_id) if style_id is not None else None
        if style is None or style.type != style_type:  # type: ignore[attr-defined]
            if style_type not in self._defaults:
                default = self._styles.default(style_type)
                self._defaults[style_type] = default.element if default is not None else None
            return self._defaults[style_type]
        return style

    def _base(self, style: etree._Element) -> etree._Element | None:
        based_on = style.find(qn("w:basedOn"))
        return self._by_id.get(based_on.get(qn("w:val"), "")) if based_on is not None else None


def _level(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return 9


def _name(style: etree._Element | None) -> str:
    return (StyleFactory(style).name or "").lower() if style is not None else ""


class WordNumbering:
    """The numbering definitions, read once: looking each list up with XPath
    read the whole numbering part again for every list, which a document
    with many thousands of lists made slow (time growing with the square)."""

    def __init__(self, numbering: etree._Element) -> None:
        # The first definition of an id wins, as XPath's first match did.
        self.abstract_of: dict[str, str] = {}
        self.formats: dict[tuple[str, str], str] = {}
        for element in numbering.iterchildren(_NUM):
            abstract = element.find(_ABSTRACT_NUM_ID)
            if abstract is not None and abstract.get(_VAL) is not None:
                self.abstract_of.setdefault(element.get(_NUM_ID) or "", abstract.get(_VAL))
        for element in numbering.iterchildren(_ABSTRACT_NUM):
            abstract_id = element.get(_ABSTRACT_NUM_ID) or ""
            for lvl in element.iterchildren(_LVL):
                fmt = lvl.find(_NUM_FMT)
                if fmt is not None and fmt.get(_VAL) is not None:
                    self.formats.setdefault((abstract_id, lvl.get(_ILVL) or ""), fmt.get(_VAL))
        self._styles: dict[tuple[int, int], ListStyle] = {}

    def style(self, num_id: int, level: int) -> ListStyle:
        key = (num_id, level)
        if key not in self._styles:
            abstract = self.abstract_of.get(str(num_id))
            fmt = None
            if abstract is not None:
                fmt = self.formats.get((_number(abstract), str(level)))
            numbered = fmt is not None and fmt not in ("bullet", "none")
            self._styles[key] = ListStyle.NUMBERED if numbered else ListStyle.BULLET
        return self._styles[key]


def _number(value: str) -> str:
    """An id as XPath compared it once it was read as a number: "01" is "1"."""
    try:
        return str(int(value))
    except ValueError:
        return "0"
