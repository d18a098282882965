"""The Word file's accessibility, read back from the package (python-docx
and lxml): the language, the title property, table header rows and
captions, alternative text on pictures, headings in order with no level
skipped, and no empty paragraphs used for spacing."""

from __future__ import annotations

import dataclasses
import re
import tempfile
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from briefing_app.compose import compose
from briefing_app.document.nodes import Document, Logo, TableNode, TitleBlock
from briefing_app.sample import load_sample
from briefing_app.writers.docx import write_docx
from tests.docx_text import NS, open_docx, paragraph_text, part_xml
from tests.test_pdf_notes import cited_briefs, cited_sample

W = NS["w"]


def _with_logo(tree: Document) -> Document:
    from PIL import Image

    path = Path(tempfile.mkdtemp()) / "crest.png"
    Image.new("RGB", (60, 40), (30, 60, 120)).save(path)
    logo = Logo(str(path), "The department's crest")
    tree.blocks = [
        dataclasses.replace(b, logo=logo) if isinstance(b, TitleBlock) else b for b in tree.blocks
    ]
    return tree


def assert_accessible_word(data: bytes, tree: Document) -> None:
    word = open_docx(data)
    # The language of the text, and the title shown instead of the file name.
    styles = part_xml(data, "word/styles.xml")
    langs = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS)
    assert langs == [tree.info.language]
    assert word.core_properties.title == tree.info.title[:255].rstrip("…") or (
        len(tree.info.title) > 255
    )
    assert word.core_properties.language == tree.info.language
    body = part_xml(data, "word/document.xml").find(f"{{{W}}}body")
    # Headings: real heading styles, starting at 1, never skipping a level.
    style_names = {s.style_id: s.name for s in word.styles}
    levels = []
    for p in body.iter(f"{{{W}}}p"):
        ids = p.xpath("w:pPr/w:pStyle/@w:val", namespaces=NS)
        name = style_names.get(ids[0], "") if ids else ""
        found = re.fullmatch(r"Heading (\d)", name)
        if found:
            levels.append(int(found.group(1)))
    if levels:
        assert levels[0] == 1
        for before, after in pairwise(levels):
            assert after <= before + 1, levels
    # No empty paragraph for spacing: each paragraph of the body holds text,
    # a picture or a field (a table cell's paragraph may be empty: Word
    # needs one in every cell).
    for p in body.findall(f"{{{W}}}p"):
        drawn = [
            e
            for tag in ("drawing", "fldChar", "footnoteReference")
            for e in p.iter(f"{{{W}}}{tag}")
        ]
        assert paragraph_text(p).strip() or drawn, "an empty paragraph in the body"
    # Data tables: a header row that repeats, and the caption as the
    # table's title; the document control table says what it is.
    tables = [b for b in tree.blocks if isinstance(b, TableNode)]
    word_tables = body.findall(f"{{{W}}}tbl")
    data_tables = [
        t
        for t in word_tables
        if t.xpath("w:tblPr/w:tblStyle", namespaces=NS) and t.findall(f"{{{W}}}tr")
    ]
    data_tables = [t for t in data_tables if t.xpath("w:tr[1]/w:trPr/w:tblHeader", namespaces=NS)]
    assert len(data_tables) == sum(1 for t in tables if t.header)
    for node, tbl in zip([t for t in tables if t.header], data_tables, strict=True):
        if node.caption:
            assert tbl.xpath("w:tblPr/w:tblCaption/@w:val", namespaces=NS) == [node.caption]
    for tbl in word_tables:
        assert tbl.xpath("w:tblPr/w:tblCaption/@w:val", namespaces=NS), "a table without a title"
    # Pictures: alternative text.
    for doc_pr in body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    ):
        assert doc_pr.get("descr", "").strip()


def test_the_sample_in_word_is_accessible() -> None:
    tree = compose(load_sample())
    assert_accessible_word(write_docx(tree), tree)


def test_every_block_kind_with_a_logo_in_word_is_accessible() -> None:
    tree = _with_logo(compose(cited_sample()))
    data = write_docx(tree)
    assert_accessible_word(data, tree)
    assert b"The department&apos;s crest" in data or "crest" in str(
        part_xml(data, "word/document.xml").xpath("//@descr")
    )


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cited_briefs())
def test_random_briefs_in_word_stay_accessible(b) -> None:
    tree = compose(b)
    assert_accessible_word(write_docx(tree), tree)
