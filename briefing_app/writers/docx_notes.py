"""Footnotes and the draft watermark for the Word writer.

python-docx 1.2 has no footnotes: the part (word/footnotes.xml, related from
the document part) is made here as Word makes it, with its two special
footnotes (the separator line, id -1, and the line continuing a note on the
next page, id 0), then one ``w:footnote`` per note of the tree, its id the
note's number. A template's reference document may bring its own footnotes
part: that part is reused (its separators keep their look) and emptied of
its notes, never doubled.
"""

from __future__ import annotations

import math

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.oxml import serialize_part_xml
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import _Element

from briefing_app.document.measure import char_em
from briefing_app.document.style import HouseStyle
from briefing_app.writers import docx_oxml as ox
from briefing_app.writers import docx_styles as st

PART_NAME = "/word/footnotes.xml"
# The special footnotes, by type, with the ids Word gives them. Notes are
# numbered from 1, so these ids never meet a note's.
SPECIAL = {"separator": -1, "continuationSeparator": 0}
_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# What follows w:footnotePr in w:settings (ECMA-376 part 1, 17.15.1.78).
_SETTINGS_AFTER_FOOTNOTE_PR = (
    *("w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr", "w:attachedSchema"),
    *("w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats"),
    *("w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown"),
    *("w:smartTagType", "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags"),
    *("w:decimalSymbol", "w:listSeparator"),
)
# Numbering a template may set that would print other numbers than the
# tree's (restarting on every page, letters): the tree decides the numbers.
_NUMBERING = ("w:numFmt", "w:numStart", "w:numRestart")
_BOLD_WIDER = 1.05
_BOX_HEIGHT = 1.55
#: How Word names a watermark shape (followed by digits).
WATERMARK_ID = "PowerPlusWaterMarkObject"


def _special(kind: str) -> _Element:
    """A special footnote as Word writes it: one paragraph with no space
    after and single line spacing, holding the separator line."""
    ppr = ox.wrap("w:pPr", ox.el("w:spacing", after="0", line="240", lineRule="auto"))
    footnote = ox.wrap("w:footnote", ox.wrap("w:p", ppr, ox.wrap("w:r", ox.el(f"w:{kind}"))))
    footnote.set(qn("w:type"), kind)
    footnote.set(qn("w:id"), str(SPECIAL[kind]))
    return footnote


class Footnotes:
    """The document's footnotes part, ready for the notes of the tree."""

    def __init__(self, part: Part, root: _Element) -> None:
        self.part = part  # hyperlinks in the notes are related from this part
        self.root = root

    @classmethod
    def of(cls, word: WordDocument, *, create: bool) -> Footnotes | None:
        """The footnotes part of ``word`` (a reference document's, emptied),
        or a new one when ``create``; None when there is none and no need."""
        document_part = word.part
        settings = word.settings.element
        for rel in document_part.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part = rel.target_part
                # python-docx loads a part it has no class for as bytes.
                root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
                notes = cls(part, root)
                notes._empty()
                _number_like_the_tree(settings, word.element.body)
                _name_specials(settings)
                return notes
        if not create:
            return None
        root = parse_xml(f"<w:footnotes {nsdecls('w', 'r')}/>")
        root.extend(_special(kind) for kind in SPECIAL)
        package = document_part.package
        taken = {p.partname for p in package.iter_parts()}
        name = PackURI(PART_NAME)
        if name in taken:  # an unrelated part of that name: never overwrite it
            name = package.next_partname("/word/footnotes%d.xml")
        part = XmlPart(name, CT.WML_FOOTNOTES, root, package)
        document_part.relate_to(part, RT.FOOTNOTES)
        _name_specials(settings)
        return cls(part, root)

    def add(self, number: int, text_style: str, mark_style: str) -> _Element:
        """A new footnote ``number``; returns its paragraph, which starts
        with the note's own number and a space, for the note's text."""
        p = ox.wrap("w:p", ox.wrap("w:pPr", ox.el("w:pStyle", val=text_style)))
        p.extend([ox.note_mark(mark_style), ox.run(" ")])
        footnote = ox.wrap("w:footnote", p)
        footnote.set(qn("w:id"), str(number))
        self.root.append(footnote)
        return p

    def finish(self) -> None:
        """Hand a reused part its new XML (a part python-docx holds as bytes)."""
        if not isinstance(self.part, XmlPart):
            self.part._blob = serialize_part_xml(self.root)

    def _empty(self) -> None:
        """Drop a reference document's notes (its body is not printed, so
        nothing refers to them) and the relationships only they used; keep
        its separators, with Word's ids, adding any that is missing."""
        kept: dict[str, _Element] = {}
        for footnote in list(self.root.iterfind(qn("w:footnote"))):
            kind = footnote.get(qn("w:type"), "normal")
            if kind in SPECIAL and kind not in kept:
                footnote.set(qn("w:id"), str(SPECIAL[kind]))
                kept[kind] = footnote
            else:
                self.root.remove(footnote)
        for kind in SPECIAL:
            if kind not in kept:
                kept[kind] = _special(kind)
            self.root.append(kept[kind])  # in Word's order: separator first
        used = {v for e in self.root.iter() for k, v in e.attrib.items() if k.startswith(_R_NS)}
        for r_id in [r for r in self.part.rels if r not in used]:
            del self.part.rels[r_id]


def _name_specials(settings: _Element) -> None:
    """``w:footnotePr`` in the settings names the special footnotes, as Word
    writes it (a reference document's may name other ids: renamed)."""
    pr = settings.find(qn("w:footnotePr"))
    if pr is None:
        pr = ox.el("w:footnotePr")
        settings.insert_element_before(pr, *_SETTINGS_AFTER_FOOTNOTE_PR)
    for old in pr.findall(qn("w:footnote")):
        pr.remove(old)
    # w:footnote comes after w:pos, w:numFmt, w:numStart, w:numRestart.
    pr.extend(ox.el("w:footnote", id=str(i)) for i in SPECIAL.values())


def _number_like_the_tree(settings: _Element, body: _Element) -> None:
    """Drop a reference document's footnote numbering (restart on every
    page, another format), so Word prints the numbers the tree gives."""
    for pr in [*settings.iterfind(qn("w:footnotePr")), *body.iter(qn("w:footnotePr"))]:
        for tag in _NUMBERING:
            for found in pr.findall(qn(tag)):
                pr.remove(found)


def remove_watermarks(word: WordDocument) -> None:
    """Take text watermarks out of a reference document's headers: whether
    a file says DRAFT is the tree's to say, and a reference made from an
    exported draft would otherwise mark every final export a draft too."""
    for rel in word.part.rels.values():
        if rel.reltype != RT.HEADER or rel.is_external:
            continue
        for shape in list(rel.target_part.element.iter(f"{{{ox.VML}}}shape")):
            if not shape.get("id", "").startswith(WATERMARK_ID):
                continue
            run = next((a for a in shape.iterancestors() if a.tag == qn("w:r")), None)
            if run is not None:
                run.getparent().remove(run)


def add_watermark(header_p: _Element, text: str, s: HouseStyle) -> None:
    """The draft line across every page as Word's own watermark, in the
    header paragraph ``header_p`` (first in it, as Word puts it): as the PDF
    draws it, in bold, along the page's diagonal, draft_pt high or smaller
    to stay within two thirds of the diagonal, light and see-through."""
    line = " ".join(text.split())
    # Arial's widths, a little wider for bold.
    ems = max(sum(char_em(ch) for ch in line) * _BOLD_WIDER, 0.5)
    page_w, page_h = (st.mm_to_pt(x) for x in s.page_mm)
    size = min(s.draft_pt, math.hypot(page_w, page_h) * 2 / 3 / ems)
    # The shape stretches its text to fill it. Word's own watermark boxes are
    # the text's width across and about 1.55 times its size high ("DRAFT" in
    # Calibri, automatic size: 412 by 247 points), which keeps the letters'
    # proportions.
    mark = ox.Watermark(
        text=line,
        font=s.word_font,
        colour=s.draft_colour,
        opacity=s.draft_opacity,
        width=ems * size,
        height=_BOX_HEIGHT * size,
        rotation=360 - math.degrees(math.atan2(page_h, page_w)),
    )
    ppr = header_p.find(qn("w:pPr"))
    header_p.insert(0 if ppr is None else 1, ox.watermark(mark))
