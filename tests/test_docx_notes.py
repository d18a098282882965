"""Notes and drafts in the Word file, read back with zipfile and lxml (and,
when installed, pandoc and LibreOffice): real footnotes where the tree cites,
and Word's own watermark on a draft."""

from __future__ import annotations

import dataclasses
import io
import itertools
import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree

from briefing_app.compose import compose
from briefing_app.document.nodes import (
    CalloutNode,
    Document,
    FigureNode,
    ListNode,
    Para,
    ParaRole,
    TableNode,
    Text,
    inline_text,
    map_inlines,
)
from briefing_app.model import (
    Brief,
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    TableContent,
    TextContent,
)
from briefing_app.sample import load_sample
from briefing_app.templating import get_template, load_template
from briefing_app.writers.docx import write_docx
from tests.builders import uncited_sample
from tests.docx_text import NS, body_text, open_docx, paragraph_text, part_names, part_xml, squash
from tests.test_templates import make_template, set_manifest_line

FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
HYPERLINK_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
PKG_NS = {
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
}
VML_NS = {"v": "urn:schemas-microsoft-com:vml"}


# ------------------------------------------------------------ the briefs


def cite_everywhere(b: Brief) -> Brief:
    """``b`` with a citation at the end of every paragraph, list item,
    callout paragraph and item, table cell and table source: one source, or
    two (every third), going round the brief's sources."""
    ids = [s.id for s in b.sources()]
    count = itertools.count(1)

    def cite() -> Run:
        k = next(count)
        first = ids[k % len(ids)]
        return Run("1", cite=(first, ids[(k + 1) % len(ids)]) if k % 3 == 0 else (first,))

    def text_blocks(blocks: list) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                block.runs.append(cite())
            elif isinstance(block, ListBlock):
                for item in block.items:
                    item.append(cite())
            elif isinstance(block, Callout):
                text_blocks(block.blocks)

    for section in b.sections:
        content = section.content
        if isinstance(content, TextContent):
            text_blocks(content.blocks)
        elif isinstance(content, TableContent):
            for row in content.rows:
                for cell in row:
                    cell.append(cite())
            content.source.append(cite())
    return b


def boxed_sample() -> Brief:
    """The sample, with a list in its first box."""
    b = load_sample()
    box = next(
        block
        for section in b.sections
        if isinstance(section.content, TextContent)
        for block in section.content.blocks
        if isinstance(block, Callout)
    )
    box.blocks.append(ListBlock(ListStyle.BULLET, [[Run("One point.")], [Run("Another.")]]))
    return b


def cited_sample() -> Brief:
    """The sample, with a list in its first box, cited everywhere."""
    return cite_everywhere(boxed_sample())


# ------------------------------------------------------- the tree's notes


def note_places(tree: Document) -> dict[int, tuple[str, str]]:
    """Note number -> (where the reference stands, the text before it in
    its paragraph, note numbers left out)."""
    out: dict[int, tuple[str, str]] = {}

    def read(inlines: tuple[Text, ...], place: str) -> None:
        before = ""
        for t in inlines:
            if t.note:
                out[t.note] = (place, before)
            else:
                before += t.text

    for block in tree.blocks:
        if isinstance(block, Para):
            read(block.inlines, "source" if block.role is ParaRole.SOURCE_NOTE else "para")
        elif isinstance(block, ListNode):
            for item in block.items:
                read(item, "item")
        elif isinstance(block, TableNode):
            for row in block.rows:
                for cell in row:
                    read(cell, "cell")
            read(block.source, "source")
        elif isinstance(block, FigureNode):
            read(block.source, "source")  # a figure's source line, as a table's
        elif isinstance(block, CalloutNode):
            for inner in block.blocks:
                if isinstance(inner, Para):
                    read(inner.inlines, "callout")
                else:
                    for item in inner.items:
                        read(item, "callout item")
    return out


# ------------------------------------------------------------ the reading


W_TYPE, W_ID = qn("w:type"), qn("w:id")


def footnotes(data: bytes) -> list[etree._Element]:
    """The footnotes of the file (none when it has no footnotes part)."""
    if "word/footnotes.xml" not in part_names(data):
        return []
    return part_xml(data, "word/footnotes.xml").findall("w:footnote", NS)


def word_notes(data: bytes) -> dict[int, str]:
    """Footnote id -> its text as a reader sees it (no number, no space
    before), for every footnote but the two special ones, in file order."""
    out: dict[int, str] = {}
    for footnote in footnotes(data):
        if footnote.get(W_TYPE) is None:
            text = "".join(paragraph_text(p) for p in footnote.findall("w:p", NS))
            assert text.startswith(" "), "the note's number and a space come first"
            out[int(footnote.get(W_ID))] = text[1:]
    return out


def word_references(data: bytes) -> list[tuple[int, str, str]]:
    """(footnote id, place, text before it in its paragraph) for every
    footnote reference of the document, in reading order."""
    root = part_xml(data, "word/document.xml")
    styles = {"TableSource": "source", "ListBullet": "item", "ListNumber": "item"}
    out = []
    for ref in root.iter(qn("w:footnoteReference")):
        run = ref.getparent()
        assert run.find("w:rPr/w:rStyle", NS).get(qn("w:val")) == "FootnoteReference"
        p = next(a for a in run.iterancestors() if a.tag == qn("w:p"))
        style = p.find("w:pPr/w:pStyle", NS)
        place = styles.get(style.get(qn("w:val")) if style is not None else "", "para")
        if style is not None and style.get(qn("w:val")) == "Callout":
            place = "callout"
        elif place == "item" and p.find("w:pPr/w:pBdr", NS) is not None:
            place = "callout item"  # a list in a box carries the box's borders
        if any(a.tag == qn("w:tc") for a in p.iterancestors()):
            place = "cell"
        before = []
        for node in p.iter(qn("w:t"), qn("w:br"), qn("w:footnoteReference")):
            if node is ref:
                break
            if node.tag == qn("w:t"):
                before.append(node.text or "")
            elif node.tag == qn("w:br"):
                before.append("\n")
        out.append((int(ref.get(W_ID)), place, "".join(before)))
    return out


def rels(data: bytes, name: str) -> dict[str, etree._Element]:
    root = part_xml(data, name)
    return {r.get("Id"): r for r in root.findall("rel:Relationship", PKG_NS)}


def note_links(data: bytes) -> dict[int, list[str]]:
    """Footnote id -> the addresses its hyperlinks lead to, through the
    relationships of footnotes.xml's own .rels part."""
    targets = rels(data, "word/_rels/footnotes.xml.rels")
    out: dict[int, list[str]] = {}
    for footnote in footnotes(data)[2:]:
        links = []
        for link in footnote.iter(qn("w:hyperlink")):
            rel = targets[link.get(qn("r:id"))]
            assert rel.get("Type") == HYPERLINK_REL and rel.get("TargetMode") == "External"
            links.append(rel.get("Target"))
        out[int(footnote.get(W_ID))] = links
    return out


def tree_links(tree: Document) -> dict[int, list[str]]:
    return {n.number: [t.link for t in n.inlines if t.link] for n in tree.notes}


def watermarks(data: bytes) -> list[etree._Element]:
    out = []
    for name in part_names(data):
        if name.startswith("word/header"):
            out += part_xml(data, name).findall(".//v:shape", VML_NS)
    return [s for s in out if s.get("id", "").startswith("PowerPlusWaterMarkObject")]


# ------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def cited() -> tuple[Document, bytes]:
    tree = compose(cited_sample())
    return tree, write_docx(tree)


def test_the_footnotes_part_is_where_word_looks_for_it(cited) -> None:
    _tree, data = cited
    assert "word/footnotes.xml" in part_names(data)
    types = part_xml(data, "[Content_Types].xml")
    override = types.find("ct:Override[@PartName='/word/footnotes.xml']", PKG_NS)
    assert override is not None and override.get("ContentType") == FOOTNOTES_TYPE
    related = [
        r
        for r in rels(data, "word/_rels/document.xml.rels").values()
        if r.get("Type") == FOOTNOTES_REL
    ]
    assert [r.get("Target") for r in related] == ["footnotes.xml"]


def test_the_two_special_footnotes_come_first_as_word_writes_them(cited) -> None:
    _tree, data = cited
    first, second = footnotes(data)[:2]
    assert (first.get(W_TYPE), first.get(W_ID)) == ("separator", "-1")
    assert (second.get(W_TYPE), second.get(W_ID)) == ("continuationSeparator", "0")
    assert first.find(".//w:separator", NS) is not None
    assert second.find(".//w:continuationSeparator", NS) is not None
    settings = part_xml(data, "word/settings.xml")
    named = settings.findall("w:footnotePr/w:footnote", NS)
    assert [f.get(W_ID) for f in named] == ["-1", "0"]


def test_every_note_of_the_tree_is_a_footnote_with_its_number_and_text(cited) -> None:
    tree, data = cited
    assert len(tree.notes) > 30  # the sample cites in every kind of block
    notes = word_notes(data)
    assert list(notes) == [n.number for n in tree.notes] == list(range(1, len(tree.notes) + 1))
    assert notes == {n.number: inline_text(n.inlines) for n in tree.notes}
    for footnote in footnotes(data)[2:]:
        (p,) = footnote.findall("w:p", NS)
        assert p.find("w:pPr/w:pStyle", NS).get(qn("w:val")) == "FootnoteText"
        mark, space = p.findall("w:r", NS)[:2]
        assert mark.find("w:rPr/w:rStyle", NS).get(qn("w:val")) == "FootnoteReference"
        assert mark.find("w:footnoteRef", NS) is not None
        assert paragraph_text(space) == " "


def test_each_reference_stands_where_the_tree_cites(cited) -> None:
    tree, data = cited
    refs = word_references(data)
    assert [n for n, _place, _before in refs] == [n.number for n in tree.notes]
    places = note_places(tree)
    assert {place for place, _ in places.values()} == {
        "para",
        "item",
        "cell",
        "source",
        "callout",
        "callout item",
    }
    for number, place, before in refs:
        assert (place, squash(before)) == (places[number][0], squash(places[number][1])), number
    # The references add no text of their own: the body reads as without them.
    plain = dataclasses.replace(
        tree,
        blocks=[map_inlines(b, lambda i: tuple(t for t in i if not t.note)) for b in tree.blocks],
        notes=(),
    )
    without = squash(" ".join(body_text(data, note_numbers=False)))
    assert squash(" ".join(body_text(write_docx(plain)))) == without


def test_links_in_notes_are_related_from_the_footnotes_part(cited) -> None:
    tree, data = cited
    assert note_links(data) == tree_links(tree)
    assert any(note_links(data).values())
    # Only the document's own links are related from the document.
    document_links = {
        r.get("Target")
        for r in rels(data, "word/_rels/document.xml.rels").values()
        if r.get("Type") == HYPERLINK_REL
    }
    assert document_links == {
        t.link for t in _all_inlines(tree) if t.link and not t.link.startswith("#")
    }


def _all_inlines(tree: Document) -> list[Text]:
    out: list[Text] = []

    def keep(inlines: tuple[Text, ...]) -> tuple[Text, ...]:
        out.extend(inlines)
        return inlines

    for block in tree.blocks:
        map_inlines(block, keep)
    return out


def test_footnote_styles_are_small_and_raised(cited) -> None:
    _tree, data = cited
    s = compose(load_sample()).style
    styles = part_xml(data, "word/styles.xml")
    text = styles.find("w:style[@w:styleId='FootnoteText']", NS)
    assert text.get(qn("w:type")) == "paragraph"
    assert text.find("w:name", NS).get(qn("w:val")) == "footnote text"  # Word's own
    # The notes' house style, as the PDF sets them.
    assert text.find("w:rPr/w:sz", NS).get(qn("w:val")) == str(round(s.note_pt * 2))
    spacing = text.find("w:pPr/w:spacing", NS)
    assert spacing.get(qn("w:line")) == str(round(s.note_line_pt * 20))
    assert spacing.get(qn("w:after")) == str(round(s.note_gap_pt * 20))
    ref = styles.find("w:style[@w:styleId='FootnoteReference']", NS)
    assert ref.get(qn("w:type")) == "character"
    assert ref.find("w:name", NS).get(qn("w:val")) == "footnote reference"
    assert ref.find("w:rPr/w:vertAlign", NS).get(qn("w:val")) == "superscript"
    # python-docx reads them as the styles Word shows.
    word = open_docx(data)
    assert word.styles["footnote text"].font.size.pt == s.note_pt


def test_no_notes_no_footnotes_part() -> None:
    data = write_docx(compose(uncited_sample()))
    assert "word/footnotes.xml" not in part_names(data)
    assert b"footnotes" not in _zip_read(data, "word/_rels/document.xml.rels")


def test_numbered_citations_are_text_not_footnotes() -> None:
    b = cited_sample()
    tree = compose(b, get_template("briefing-note"))
    assert not tree.notes
    data = write_docx(tree)
    assert "word/footnotes.xml" not in part_names(data)
    assert not part_xml(data, "word/document.xml").findall(".//w:footnoteReference", NS)
    assert "[1]" in " ".join(body_text(data))


def _zip_read(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name)


# --------------------------------------------------------------- reference


def with_reference(tree: Document, path: Path) -> Document:
    tree.style = dataclasses.replace(tree.style, reference_docx=str(path))
    return tree


def test_a_reference_made_from_an_export_gives_its_footnotes_part_once(tmp_path, cited) -> None:
    _tree, data = cited
    reference = tmp_path / "reference.docx"
    # A reference from an earlier export: footnotes, links, the Brief Table style.
    reference.write_bytes(data)
    fewer = compose(cite_everywhere(_first_sections(3)))
    out = write_docx(with_reference(fewer, reference))
    assert [n for n in part_names(out) if "footnotes" in n] == [
        "word/footnotes.xml",
        "word/_rels/footnotes.xml.rels",
    ]
    related = [r for r in rels(out, "word/_rels/document.xml.rels").values()]
    assert [r.get("Type") for r in related].count(FOOTNOTES_REL) == 1
    assert word_notes(out) == {n.number: inline_text(n.inlines) for n in fewer.notes}
    assert note_links(out) == tree_links(fewer)
    # Relationships only the reference's own notes used are gone.
    used = {t for links in note_links(out).values() for t in links}
    kept = {r.get("Target") for r in rels(out, "word/_rels/footnotes.xml.rels").values()}
    assert kept == used
    assert [f.get(W_ID) for f in footnotes(out)[:2]] == ["-1", "0"]


def _first_sections(count: int) -> Brief:
    b = load_sample()
    b.sections = b.sections[:count] + [s for s in b.sections if s.kind.value == "sources"]
    return b


def _edit_part(data: bytes, name: str, change) -> bytes:
    """The package with one part's XML changed by ``change(root)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == name:
                root = etree.fromstring(blob)
                change(root)
                blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            dst.writestr(item, blob)
    return out.getvalue()


def test_a_reference_with_other_separator_ids_and_numbering_is_made_word_like(
    tmp_path, cited
) -> None:
    """LibreOffice writes its separators as ids 0 and 1 (a note 1 would be
    the continuation line); a template may restart numbers on every page.
    The tree's numbers win."""
    _tree, data = cited

    def libreoffice_ids(root) -> None:
        for footnote in root.findall("w:footnote", NS):
            kind = footnote.get(W_TYPE)
            if kind:
                footnote.set(W_ID, {"separator": "0", "continuationSeparator": "1"}[kind])
            else:
                footnote.set(W_ID, str(int(footnote.get(W_ID)) + 1))

    def restart_each_page(root) -> None:
        pr = root.find("w:footnotePr", NS)
        for footnote in pr.findall("w:footnote", NS):
            footnote.set(W_ID, str(int(footnote.get(W_ID)) + 1))
        restart = etree.SubElement(pr, qn("w:numRestart"))
        restart.set(qn("w:val"), "eachPage")
        pr.insert(0, restart)

    reference = _edit_part(data, "word/footnotes.xml", libreoffice_ids)
    reference = _edit_part(reference, "word/settings.xml", restart_each_page)
    path = tmp_path / "reference.docx"
    path.write_bytes(reference)
    tree = compose(cited_sample())
    out = write_docx(with_reference(tree, path))
    kinds = [(f.get(W_TYPE), f.get(W_ID)) for f in footnotes(out)]
    assert kinds[:2] == [("separator", "-1"), ("continuationSeparator", "0")]
    assert [int(i) for _k, i in kinds[2:]] == [n.number for n in tree.notes]
    settings = part_xml(out, "word/settings.xml")
    assert settings.find("w:footnotePr/w:numRestart", NS) is None
    assert [f.get(W_ID) for f in settings.findall("w:footnotePr/w:footnote", NS)] == ["-1", "0"]


def test_a_reference_template_with_its_own_footnote_style_keeps_it(tmp_path) -> None:
    folder = make_template(tmp_path / "with-reference")
    reference = docx.Document()
    reference.sections[0].header.paragraphs[0].text = "Ministry of Examples"
    style = reference.styles.add_style("Footnote Text", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = "Georgia"
    reference.save(folder / "reference.docx")
    set_manifest_line(folder, 'reference_docx = "reference.docx"')
    tree = compose(cited_sample(), load_template(folder), draft=True)
    data = write_docx(tree)
    word = open_docx(data)
    assert word.styles["Footnote Text"].font.name == "Georgia"
    assert word_notes(data) == {n.number: inline_text(n.inlines) for n in tree.notes}
    # The watermark joins the reference's own header.
    assert len(watermarks(data)) == 1
    assert "Ministry of Examples" in " ".join(
        paragraph_text(p) for p in part_xml(data, _header_name(data)).iter(qn("w:p"))
    )


def _header_name(data: bytes) -> str:
    (name,) = [n for n in part_names(data) if n.startswith("word/header")]
    return name


# ------------------------------------------------------------------ drafts


def test_a_draft_carries_words_own_watermark_on_every_page() -> None:
    tree = compose(load_sample(), draft=True)
    assert tree.draft == "DRAFT"
    data = write_docx(tree)
    (shape,) = watermarks(data)
    assert shape.find("v:textpath", VML_NS).get("string") == "DRAFT"
    style = dict(part.split(":", 1) for part in shape.get("style").split(";"))
    assert style["position"] == "absolute"
    assert style["z-index"].startswith("-")  # behind the text
    s = tree.style
    assert shape.get("fillcolor") == "#" + s.draft_colour
    assert float(shape.find("v:fill", VML_NS).get("opacity")) == pytest.approx(s.draft_opacity)
    # Centred on the page, rising along its diagonal, as the PDF draws it.
    assert style["mso-position-horizontal"] == style["mso-position-vertical"] == "center"
    assert style["mso-position-horizontal-relative"] == "page"
    page_w, page_h = s.page_mm
    rising = math.degrees(math.atan2(page_h, page_w))
    assert float(style["rotation"]) == pytest.approx(360 - rising, abs=0.1)
    width, height = (float(style[k].removesuffix("pt")) for k in ("width", "height"))
    assert width > height > 0
    assert width <= math.hypot(page_w, page_h) / 25.4 * 72 * 2 / 3 + 1
    # One header for every page: no first-page or even-page header without it.
    body = part_xml(data, "word/document.xml")
    refs = body.findall(".//w:sectPr/w:headerReference", NS)
    assert [r.get(qn("w:type")) for r in refs] == ["default"]
    assert body.find(".//w:sectPr/w:titlePg", NS) is None
    assert part_xml(data, "word/settings.xml").find("w:evenAndOddHeaders", NS) is None
    # The marking line is still there.
    assert "OFFICIAL-SENSITIVE" in " ".join(
        paragraph_text(p) for p in part_xml(data, _header_name(data)).iter(qn("w:p"))
    )


def _box(tree: Document) -> tuple[float, float]:
    (shape,) = watermarks(write_docx(tree))
    style = dict(part.split(":", 1) for part in shape.get("style").split(";"))
    width, height = (float(style[k].removesuffix("pt")) for k in ("width", "height"))
    return width, height


def test_a_long_draft_line_is_set_smaller_to_fit_the_diagonal() -> None:
    tree = compose(load_sample(), draft=True)
    _width, short = _box(tree)
    tree.draft = "DRAFT - NOT FOR CIRCULATION OUTSIDE THE UNIT"
    width, height = _box(tree)
    page_w, page_h = tree.style.page_mm
    assert width == pytest.approx(math.hypot(page_w, page_h) / 25.4 * 72 * 2 / 3, rel=0.01)
    assert height < short


def test_a_reference_made_from_a_draft_does_not_make_every_export_a_draft(tmp_path) -> None:
    path = tmp_path / "reference.docx"
    path.write_bytes(write_docx(compose(load_sample(), draft=True)))
    final = write_docx(with_reference(compose(load_sample()), path))
    assert not watermarks(final)
    draft = write_docx(with_reference(compose(load_sample(), draft=True), path))
    assert len(watermarks(draft)) == 1


def test_no_watermark_without_a_draft() -> None:
    data = write_docx(compose(load_sample()))
    assert not watermarks(data)
    assert b"PowerPlusWaterMarkObject" not in b"".join(_zip_read(data, n) for n in part_names(data))


def test_a_draft_line_with_markup_characters_stays_text() -> None:
    tree = compose(load_sample(), draft=True)
    tree.draft = 'DRAFT <b>&"x"'
    (shape,) = watermarks(write_docx(tree))
    assert shape.find("v:textpath", VML_NS).get("string") == 'DRAFT <b>&"x"'


# ------------------------------------------------------- other readers


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_pandoc_reads_the_notes_as_footnotes(tmp_path, cited) -> None:
    import json

    tree, data = cited
    path = tmp_path / "cited.docx"
    path.write_bytes(data)
    ast = json.loads(
        subprocess.run(
            ["pandoc", "-f", "docx", "-t", "json", str(path)],
            capture_output=True,
            check=True,
            timeout=120,
        ).stdout
    )
    notes: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Note":
                notes.append(_pandoc_text(node["c"]))
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    assert [squash(n) for n in notes] == [squash(inline_text(n.inlines)) for n in tree.notes]


def _pandoc_text(node) -> str:
    if isinstance(node, dict):
        kind = node.get("t")
        if kind == "Str":
            return node["c"]
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind == "Link":
            return "".join(_pandoc_text(x) for x in node["c"][1])
        return _pandoc_text(node.get("c", []))
    if isinstance(node, list):
        return "".join(_pandoc_text(x) for x in node)
    return ""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_libreoffice_prints_the_notes_and_the_watermark(tmp_path) -> None:
    tree = compose(cited_sample(), draft=True)
    path = tmp_path / "cited.docx"
    path.write_bytes(write_docx(tree))
    text = subprocess.run(
        ["pdftotext", str(_libreoffice(tmp_path, path, "pdf")), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    printed = squash(text)
    for note in tree.notes:
        assert squash(inline_text(note.inlines)) in printed, note.number
    # The watermark is drawn, not text, in the PDF: LibreOffice's own file
    # shows it read as a text shape, turned, in the header.
    flat = _libreoffice(tmp_path, path, "fodt").read_text(encoding="utf-8")
    header = flat[flat.index("<style:header>") : flat.index("</style:header>")]
    assert 'draw:name="PowerPlusWaterMarkObject1"' in header
    assert ">DRAFT<" in header
    (turned,) = re.findall(r"rotate \(([0-9.]+)\)", header)
    page_w, page_h = tree.style.page_mm
    assert float(turned) == pytest.approx(math.atan2(page_h, page_w), abs=0.01)


def _libreoffice(folder: Path, path: Path, kind: str) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            kind,
            "--outdir",
            str(folder),
            str(path),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return path.with_suffix("." + kind)
