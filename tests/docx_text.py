"""Read a .docx back the way a reader's tools would (python-docx and lxml)."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}


def open_docx(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def part_xml(data: bytes, name: str) -> etree._Element:
    """The root element of one part, e.g. ``word/styles.xml``."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def part_names(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.namelist()


def all_parts_text(data: bytes) -> str:
    """Every part of the package as text (to look for a string anywhere)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return "\n".join(
            package.read(name).decode("utf-8", "replace") for name in package.namelist()
        )


def paragraph_text(p: etree._Element, note_numbers: bool = True) -> str:
    """What a reader sees in ``w:p``: text, line breaks and tabs (no field
    codes), and a footnote reference as its number (our footnotes' ids are
    their numbers, which is what Word shows)."""
    out: list[str] = []
    for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab"), qn("w:footnoteReference")):
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        elif node.tag == qn("w:footnoteReference"):
            out.append(node.get(qn("w:id"), "") if note_numbers else "")
        elif node.tag == qn("w:br"):
            out.append("\n")
        elif node.getparent().tag == qn("w:r"):  # a tab character, not a tab stop
            out.append("\t")
    return "".join(out)


def block_text(container: etree._Element, note_numbers: bool = True) -> list[str]:
    """Paragraph texts in reading order; a table gives its cells' paragraphs row by row."""
    out: list[str] = []
    for child in container:
        if child.tag == qn("w:p"):
            out.append(paragraph_text(child, note_numbers))
        elif child.tag == qn("w:tbl"):
            for tr in child.iterfind(qn("w:tr")):
                for tc in tr.iterfind(qn("w:tc")):
                    out.extend(block_text(tc, note_numbers))
    return out


def body_text(data: bytes, note_numbers: bool = True) -> list[str]:
    return block_text(open_docx(data).element.body, note_numbers)


def footnotes_text(data: bytes) -> list[str]:
    """The text of each footnote in the footnotes part, in order (Word's
    separator footnotes, which have none, left out)."""
    if "word/footnotes.xml" not in part_names(data):
        return []
    out = []
    for note in part_xml(data, "word/footnotes.xml").iterfind(qn("w:footnote")):
        if note.get(qn("w:type")) in (None, "normal"):
            out.append(" ".join(block_text(note)))
    return out


def header_text(data: bytes) -> list[str]:
    return block_text(open_docx(data).sections[0].header._element)


def footer_text(data: bytes) -> list[str]:
    return block_text(open_docx(data).sections[0].footer._element)


def squash(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space."""
    return re.sub(r"\s+", " ", text).strip()
