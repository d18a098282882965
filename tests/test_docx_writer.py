"""The Word writer, read back with python-docx and lxml."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from briefing_app.compose import compose
from briefing_app.compose.composer import source_inlines
from briefing_app.document.nodes import (
    Align,
    CalloutNode,
    ControlRow,
    DocInfo,
    Document,
    FigureNode,
    Heading,
    ListNode,
    ListRole,
    PageField,
    PageFurniture,
    Para,
    TableNode,
    Text,
    TitleBlock,
)
from briefing_app.document.style import default_style
from briefing_app.errors import ExportError
from briefing_app.files.locations import sample_path
from briefing_app.model.brief import Brief, PageSize, Section, SectionKind, TextContent
from briefing_app.model.storage import load_brief
from briefing_app.model.text import Paragraph, Run, clean_text
from briefing_app.writers.docx import write_docx
from tests.docx_text import (
    NS,
    all_parts_text,
    body_text,
    footer_text,
    header_text,
    open_docx,
    part_names,
    part_xml,
    squash,
)

MARKING = "OFFICIAL-SENSITIVE"


def make_doc(*blocks: object, marking: str = MARKING, **info: object) -> Document:
    return Document(
        info=DocInfo(
            title=str(info.pop("title", "Test brief")),
            author=str(info.pop("author", "Policy Unit")),
            subject=str(info.pop("subject", "A test")),
            keywords=tuple(info.pop("keywords", ("REF-1", marking))),  # type: ignore[arg-type]
            language=str(info.pop("language", "en-GB")),
            created=str(info.pop("created", "2025-09-01")),
        ),
        style=default_style(info.pop("page_size", PageSize.A4)),  # type: ignore[arg-type]
        furniture=PageFurniture(
            marking=marking,
            header_right=(str(info.pop("ref", "REF-1")),),
            footer_left=("Page ", PageField.PAGE, " of ", PageField.PAGES),
        ),
        blocks=list(blocks),  # type: ignore[arg-type]
    )


def table(rows: int = 3) -> TableNode:
    return TableNode(
        header=("Country", "Released", "Note"),
        rows=tuple(
            ((Text(f"Country {r}"),), (Text(str(r * 10)),), (Text("text"),)) for r in range(rows)
        ),
        align=(Align.LEFT, Align.RIGHT, Align.LEFT),
        widths=(0.5, 0.2, 0.3),
        caption="Table 1: Releases",
        source=(Text("Source: ", italic=True), Text("ministry figures")),
    )


def numbered(*items: str) -> ListNode:
    return ListNode(ordered=True, items=tuple((Text(i),) for i in items))


def body_paragraphs(data: bytes):
    return open_docx(data).paragraphs


def style_of(data: bytes, text: str) -> str:
    for p in body_paragraphs(data):
        if p.text == text:
            return p.style.name
    raise AssertionError(f"no paragraph {text!r}")


def test_title_block_and_headings_use_real_styles() -> None:
    data = write_docx(
        make_doc(
            TitleBlock("The title", "The subtitle", (ControlRow("Reference", "REF-1"),)),
            Heading(1, "Section one", "s_one"),
            Para((Text("Body text."),)),
            Heading(2, "Sub-section", "s_two"),
        )
    )
    assert style_of(data, "The title") == "Title"
    assert style_of(data, "The subtitle") == "Subtitle"
    assert style_of(data, "Section one") == "Heading 1"
    assert style_of(data, "Sub-section") == "Heading 2"
    assert style_of(data, "Body text.") == "Normal"
    word = open_docx(data)
    heading = word.styles["Heading 1"]
    assert heading.paragraph_format.keep_with_next
    assert heading.font.name == "Arial"
    assert str(heading.font.color.rgb) == default_style().heading_colour
    names = part_xml(data, "word/document.xml").xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert {"s_one", "s_two"} <= set(names)
    assert [t for t in body_text(data) if t][2:4] == ["Reference", "REF-1"]


def test_every_numbered_list_starts_at_one() -> None:
    data = write_docx(
        make_doc(
            numbered("a", "b", "c"),
            Para((Text("between"),)),
            numbered("x", "y"),
            ListNode(ordered=False, items=((Text("dot"),),)),
            ListNode(
                True, (source_inlines("One source", "https://example.org/a"),), ListRole.SOURCES
            ),
        )
    )
    word = open_docx(data)
    list_ids: dict[str, set[str]] = {}
    for p in word.paragraphs:
        num = p._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if num is not None:
            list_ids.setdefault(p.text[:1], set()).add(num.get(qn("w:val")))
        if p.text in ("a", "x", "One source. https://example.org/a"):
            assert p.style.name == "List Number"
    first, second, sources = list_ids["a"] | list_ids["b"], list_ids["x"], list_ids["O"]
    assert len(first) == len(second) == len(sources) == 1
    assert len(first | second | sources) == 3
    numbering = part_xml(data, "word/numbering.xml")
    list_number = word.styles["List Number"].element.find(
        f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}"
    )
    abstract = numbering.xpath(
        f"w:num[@w:numId='{list_number.get(qn('w:val'))}']/w:abstractNumId/@w:val", namespaces=NS
    )
    for num_id in first | second | sources:
        (num,) = numbering.xpath(f"w:num[@w:numId='{num_id}']", namespaces=NS)
        assert num.xpath("w:abstractNumId/@w:val", namespaces=NS) == abstract
        start = num.xpath("w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val", namespaces=NS)
        assert start == ["1"]
    assert style_of(data, "dot") == "List Bullet"


def test_marking_and_page_fields_on_every_page() -> None:
    data = write_docx(make_doc(Para((Text("Body"),)), ref="EECAD-2025-117"))
    header, footer = header_text(data), footer_text(data)
    assert MARKING in squash(" ".join(header))
    assert "EECAD-2025-117" in squash(" ".join(header))
    # One line: "Page X of Y" (cached field results) at the left, then a tab
    # to the centred marking, as in the PDF.
    assert len(footer) == 1
    assert footer[0].split("\t") == ["Page 1 of 1", MARKING]
    word = open_docx(data)
    section = word.sections[0]
    assert not section.different_first_page_header_footer
    assert part_xml(data, "word/document.xml").find(f".//{qn('w:titlePg')}") is None
    footer_xml = section.footer._element
    instructions = [t.text.strip() for t in footer_xml.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    kinds = [c.get(qn("w:fldCharType")) for c in footer_xml.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    marking_run = next(r for r in section.header.paragraphs[0].runs if r.text == MARKING)
    assert marking_run.bold


def test_empty_marking_leaves_no_marking_line() -> None:
    data = write_docx(make_doc(Para((Text("Body"),)), marking="", ref=""))
    assert squash(" ".join(header_text(data))) == ""
    assert [squash(t) for t in footer_text(data)] == ["Page 1 of 1"]


def test_core_properties_and_language() -> None:
    data = write_docx(make_doc(title="Belarus brief", author="EECAD", keywords=("REF-9", MARKING)))
    props = open_docx(data).core_properties
    assert props.title == "Belarus brief"
    assert props.author == "EECAD"
    assert props.subject == "A test"
    assert props.keywords == f"REF-9; {MARKING}"
    assert props.language == "en-GB"
    assert props.created.date().isoformat() == "2025-09-01"
    assert props.last_modified_by == "EECAD"
    assert props.revision == 1
    assert "python-docx" not in (props.comments or "")
    styles = part_xml(data, "word/styles.xml")
    lang = styles.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val", namespaces=NS)
    assert lang == ["en-GB"]
    settings = part_xml(data, "word/settings.xml")
    assert settings.find(qn("w:updateFields")) is None


def test_page_size_and_margins_follow_the_house_style() -> None:
    for size, (width, height) in ((PageSize.A4, (210, 297)), (PageSize.LETTER, (215.9, 279.4))):
        section = open_docx(write_docx(make_doc(page_size=size))).sections[0]
        assert abs(section.page_width - Mm(width)) < Mm(0.1)
        assert abs(section.page_height - Mm(height)) < Mm(0.1)
        assert abs(section.left_margin - Mm(22)) < Mm(0.1)
        assert abs(section.top_margin - Mm(25)) < Mm(0.1)
        assert abs(section.header_distance - Mm(11)) < Mm(0.1)


def test_fonts_spacing_and_no_theme_fonts() -> None:
    data = write_docx(make_doc(Para((Text("Body"),))))
    styles = part_xml(data, "word/styles.xml")
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        assert not styles.xpath(f"//w:rFonts[@w:{attr}]", namespaces=NS), attr
    assert not styles.xpath("//w:color[@w:themeColor]", namespaces=NS)
    fonts = styles.xpath("w:docDefaults//w:rFonts", namespaces=NS)[0]
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Arial"}
    assert "word/stylesWithEffects.xml" not in part_names(data)
    normal = open_docx(data).styles["Normal"]
    spacing = normal.element.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
    assert spacing.get(qn("w:line")) == "280"  # 14 pt line pitch
    assert spacing.get(qn("w:lineRule")) == "atLeast"
    assert spacing.get(qn("w:after")) == "120"
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_table_header_repeats_is_shaded_and_numbers_align_right() -> None:
    s = default_style()
    data = write_docx(make_doc(Para((Text("Before"),)), table(4), Para((Text("After"),))))
    word = open_docx(data)
    (tbl,) = word.tables
    assert tbl.style.name == "Brief Table"
    rows = tbl._tbl.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None for r in rows[1:])

    def fill(tc) -> str | None:
        shd = tc.find(f"{qn('w:tcPr')}/{qn('w:shd')}")
        return None if shd is None else shd.get(qn("w:fill"))

    header_cells = tbl.rows[0].cells
    assert all(fill(c._tc) == s.table_header_fill for c in header_cells)
    assert all(r.runs[0].bold for c in header_cells for r in c.paragraphs)
    assert [fill(tbl.rows[i].cells[0]._tc) for i in (1, 2, 3, 4)] == [
        None,
        s.table_stripe_fill,
        None,
        s.table_stripe_fill,
    ]
    for row in tbl.rows:
        assert row.cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert row.cells[0].paragraphs[0].alignment is None
    # Full text width, shared as TableNode.widths says; fixed layout.
    grid = [int(g.get(qn("w:w"))) for g in tbl._tbl.tblGrid.iterfind(qn("w:gridCol"))]
    frame = round(s.frame_width_mm / 25.4 * 1440)
    assert sum(grid) == frame
    assert [round(w / frame, 2) for w in grid] == [0.5, 0.2, 0.3]
    cells = rows[1].iterfind(qn("w:tc"))
    widths = [int(tc.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").get(qn("w:w"))) for tc in cells]
    assert widths == grid
    assert tbl._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    texts = [t for t in body_text(data) if t]
    assert texts[:6] == ["Before", "Table 1: Releases", "Country", "Released", "Note", "Country 0"]
    assert texts[-2:] == ["Source: ministry figures", "After"]
    caption = next(p for p in word.paragraphs if p.text == "Table 1: Releases")
    assert caption.style.name == "Caption"
    assert caption.style.paragraph_format.keep_with_next
    assert style_of(data, "Source: ministry figures") == "Table Source"


def test_links_are_clickable_and_unsafe_ones_are_not() -> None:
    runs = [
        Run("See "),
        Run("Amnesty", link="https://www.amnesty.org/en/"),
        Run(", "),
        Run("write", link="mailto:desk@example.org"),
        Run(", "),
        Run("above", link="#s-context"),
        Run(" and "),
        Run("this", link="javascript:alert(1)"),
        Run("."),
    ]
    section = Section(
        SectionKind.CUSTOM_TEXT, "Context", TextContent([Paragraph(runs)]), id="s-context"
    )
    data = write_docx(compose(Brief(sections=[section])))
    word = open_docx(data)
    rels = word.part.rels
    links = part_xml(data, "word/document.xml").xpath("//w:hyperlink", namespaces=NS)
    external = {
        rels[link.get(qn("r:id"))].target_ref: link for link in links if link.get(qn("r:id"))
    }
    assert set(external) == {"https://www.amnesty.org/en/", "mailto:desk@example.org"}
    assert all(rels[r].is_external for r in rels if rels[r].reltype.endswith("/hyperlink"))
    internal = [link for link in links if link.get(qn("w:anchor"))]
    assert [link.get(qn("w:anchor")) for link in internal] == ["s_context"]
    styles = {s.get(qn("w:val")) for s in links[0].iter(qn("w:rStyle"))}
    assert styles == {word.styles["Hyperlink"].style_id}
    hyperlink_style = word.styles["Hyperlink"]
    assert hyperlink_style.font.underline
    assert str(hyperlink_style.font.color.rgb) == default_style().link_colour
    assert "javascript" not in all_parts_text(data)
    assert "See Amnesty, write, above and this." in body_text(data)
    bookmarks = part_xml(data, "word/document.xml").xpath(
        "//w:bookmarkStart/@w:name", namespaces=NS
    )
    # Names starting with "_" are Word's hidden bookmarks: the origin marks.
    assert [name for name in bookmarks if not name.startswith("_")] == ["s_context"]


def test_text_is_plain_text_never_markup() -> None:
    literal = ["<b>not bold</b>", "a<b", "AT&T", "{{ x }}", "&amp; &lt;", "]]>", "<w:br/>"]
    data = write_docx(
        make_doc(
            TitleBlock(literal[0], literal[1], (ControlRow(literal[2], literal[3]),)),
            Heading(1, literal[4], "s-h"),
            *(Para((Text(text),)) for text in literal),
            TableNode(
                header=(literal[0],),
                rows=(((Text(literal[1]),),),),
                align=(Align.LEFT,),
                widths=(1.0,),
            ),
        )
    )
    texts = body_text(data)
    for text in literal:
        assert text in texts
    (para,) = [
        p for p in body_paragraphs(data) if p.text == literal[0] and p.style.name == "Normal"
    ]
    assert not any(run.bold for run in para.runs)


def test_marks_line_breaks_and_unicode_survive() -> None:
    s = default_style()
    words = "Беларусь Ελλάδα Łódź zażółć € ≥ → “quotes” ‘single’ – —"
    data = write_docx(
        make_doc(
            Heading(1, "Вызвалены 52 чалавекі", "s-by"),
            Para(
                (
                    Text("Bold", bold=True),
                    Text(" italic", italic=True),
                    Text(" checked", highlight=True),
                    Text(" [source needed]", italic=True, small=True),
                    Text(" line one\nline two"),
                )
            ),
            Para((Text(words),)),
            marking="OFFICIAL – ŁÓDŹ",
        )
    )
    texts = body_text(data)
    assert "Вызвалены 52 чалавекі" in texts
    assert words in texts
    assert "Bold italic checked [source needed] line one\nline two" in texts
    assert "OFFICIAL – ŁÓDŹ" in squash(" ".join(header_text(data)))
    (p,) = [p for p in body_paragraphs(data) if p.text.startswith("Bold")]
    bold, italic, checked, tag = p.runs[:4]
    assert bold.bold and not bold.italic
    assert italic.italic
    shd = checked._r.find(f"{qn('w:rPr')}/{qn('w:shd')}")
    assert shd.get(qn("w:fill")) == s.highlight_fill
    assert tag.font.size.pt == s.small_pt
    assert p._p.find(f".//{qn('w:br')}") is not None


def test_callout_is_one_shaded_box_kept_together() -> None:
    s = default_style()
    data = write_docx(
        make_doc(
            Para((Text("Before"),)),
            CalloutNode(
                "Did you know?",
                (
                    Para((Text("Inside the box."),)),
                    ListNode(ordered=False, items=((Text("point one"),), (Text("point two"),))),
                    numbered("step one"),
                ),
            ),
            Para((Text("After"),)),
        )
    )
    paragraphs = body_paragraphs(data)
    box = paragraphs[1:6]
    assert [p.text for p in box] == [
        "Did you know?",
        "Inside the box.",
        "point one",
        "point two",
        "step one",
    ]
    assert [p.style.name for p in box[:2]] == ["Callout Title", "Callout"]
    assert box[0].style.font.bold
    borders = {etree.tostring(p._p.pPr.find(qn("w:pBdr"))) for p in box}
    shading = {p._p.pPr.find(qn("w:shd")).get(qn("w:fill")) for p in box}
    assert len(borders) == 1 and shading == {s.callout_fill}
    left = box[0]._p.pPr.find(f"{qn('w:pBdr')}/{qn('w:left')}")
    assert left.get(qn("w:color")) == s.callout_border
    assert [p.paragraph_format.keep_with_next for p in box] == [True] * 4 + [None]
    outside = [paragraphs[0], paragraphs[6]]
    assert all(p._p.pPr.find(qn("w:pBdr")) is None for p in outside)


def test_text_xml_cannot_carry_is_a_clear_export_error() -> None:
    # The model never lets a control character through; if one came anyway, the
    # writer says so in words instead of crashing deep inside lxml.
    with pytest.raises(ExportError, match="Word file"):
        write_docx(make_doc(Para((Text("bell\x07"),))))


def test_large_table_exports() -> None:
    rows = tuple(tuple((Text(f"r{r}c{c}"),) for c in range(5)) for r in range(500))
    node = TableNode(
        header=tuple(f"H{c}" for c in range(5)),
        rows=rows,
        align=(Align.LEFT,) * 4 + (Align.RIGHT,),
        widths=(0.2,) * 5,
        caption="Table 1: Big",
    )
    data = write_docx(make_doc(node))
    (tbl,) = open_docx(data).tables
    assert len(tbl.rows) == 501
    assert tbl.rows[500].cells[4].text == "r499c4"


def test_writer_does_not_import_qt() -> None:
    code = (
        "import sys, briefing_app.writers.docx as w; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[1]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


@pytest.mark.skipif(not sample_path().exists(), reason="the sample brief is not there yet")
def test_sample_brief_exports() -> None:
    tree = compose(load_brief(sample_path()))
    data = write_docx(tree)
    text = squash(" ".join(body_text(data)))
    word = open_docx(data)
    alts = [s._inline.docPr.get("descr") for s in word.inline_shapes]
    for block in tree.blocks:
        expected = Document(tree.info, tree.style, PageFurniture(), [block]).all_text()
        drawn: set[str] = set()
        if isinstance(block, FigureNode) and block.chart is not None:
            # A chart's words are in its picture (and its alt text), not the text.
            drawn = {*block.chart.categories, *(s.name for s in block.chart.series)}
            assert block.alt in alts
        for part in expected:
            assert part in drawn or squash(part) in text
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == [b.text for b in tree.blocks if isinstance(b, Heading)]
    assert word.core_properties.title == tree.info.title
    if tree.furniture.marking:
        assert tree.furniture.marking in " ".join(header_text(data))
        assert tree.furniture.marking in " ".join(footer_text(data))


def _clean_line(value: str) -> str:
    return clean_text(value, multiline=False)


@given(
    heading=st.text(max_size=40).map(_clean_line),
    para=st.text(max_size=80).map(clean_text),
    cell=st.text(max_size=40).map(clean_text),
)
def test_any_text_comes_back(heading: str, para: str, cell: str) -> None:
    node = TableNode(
        header=("Column",), rows=(((Text(cell),),),), align=(Align.LEFT,), widths=(1.0,)
    )
    data = write_docx(make_doc(Heading(1, heading, "s-x"), Para((Text(para),)), node))
    text = squash(" ".join(body_text(data)))
    assert squash(f"{heading} {para} Column {cell}") == text


def test_the_file_names_this_app_and_carries_no_stale_statistics(sample) -> None:
    data = write_docx(compose(sample))
    app = part_xml(data, "docProps/app.xml")
    assert app.findtext("{*}Application") == "Briefing Builder"
    assert app.find("{*}Pages") is None and app.find("{*}Words") is None


# -- long content: what may run over a page does, what fits is kept whole


def _rows_cant_split(data: bytes) -> list[bool]:
    rows = part_xml(data, "word/document.xml").xpath("//w:tbl[1]/w:tr", namespaces=NS)
    return [bool(tr.xpath("w:trPr/w:cantSplit", namespaces=NS)) for tr in rows]


def test_only_a_row_that_may_be_taller_than_a_page_may_split() -> None:
    long = "A detail of the release that runs on. " * 200  # over a page in its column
    node = TableNode(
        header=("Name", "Detail"),
        rows=(((Text("short"),), (Text("row"),)), ((Text("long"),), (Text(long),))),
        align=(Align.LEFT, Align.LEFT),
        widths=(0.3, 0.7),
    )
    assert _rows_cant_split(write_docx(make_doc(node))) == [True, True, False]


def test_a_callout_longer_than_a_page_is_not_held_on_one() -> None:
    long = "The box goes on over more than one page of the brief. " * 80
    short_box = CalloutNode("Short", (Para((Text("One line."),)),))
    long_box = CalloutNode("Long", (Para((Text(long),)), Para((Text(long),))))
    root = part_xml(write_docx(make_doc(short_box, long_box)), "word/document.xml")
    paragraphs = root.xpath("//w:body/w:p", namespaces=NS)

    def kept(p: etree._Element) -> tuple[bool, bool]:
        return bool(p.xpath("w:pPr/w:keepNext", namespaces=NS)), bool(
            p.xpath("w:pPr/w:keepLines", namespaces=NS)
        )

    short_title, short_body, long_title, *long_body = paragraphs
    assert kept(short_title) == (True, True) and kept(short_body) == (False, True)
    assert all(kept(p) == (False, False) for p in [long_title, *long_body])
    for p in (long_title, *long_body):  # still one shaded box, page after page
        assert p.xpath("w:pPr/w:shd", namespaces=NS) and p.xpath("w:pPr/w:pBdr", namespaces=NS)


def test_core_properties_are_cut_to_what_word_allows() -> None:
    long = "A title far longer than any property may be " * 10
    data = write_docx(
        make_doc(TitleBlock(long), title=long, author=long, subject=long, keywords=(long, "X"))
    )
    props = open_docx(data).core_properties
    for value in (props.title, props.author, props.subject, props.keywords):
        assert len(value) == 255 and value.endswith("\u2026")
    assert long.strip() in squash(" ".join(body_text(data)))


def test_a_reference_document_made_from_an_exported_brief_works(tmp_path: Path, sample) -> None:
    """What the error message for a bad reference advises: export a brief,
    change its styles, save it as the reference. Its "Brief Table" style
    (and every other) is there already and is kept."""
    reference = tmp_path / "reference.docx"
    reference.write_bytes(write_docx(compose(sample)))
    tree = compose(sample)
    tree.style = dataclasses.replace(tree.style, reference_docx=str(reference))
    data = write_docx(tree)
    names = [s.name for s in open_docx(data).styles]
    assert names.count("Brief Table") == 1
    assert squash(" ".join(body_text(data))) == squash(" ".join(body_text(reference.read_bytes())))
