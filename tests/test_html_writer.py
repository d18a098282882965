"""The HTML page: self-contained, accessible, and saying what the PDF and Word say.

Pages are read back with the standard library's parser (tests/html_text.py).
"""

from __future__ import annotations

import dataclasses
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.compose import compose
from briefing_app.compose.composer import source_inlines
from briefing_app.document.nodes import (
    CalloutNode,
    DocInfo,
    Document,
    Heading,
    ListNode,
    ListRole,
    Logo,
    PageField,
    PageFurniture,
    Para,
    ParaRole,
    TableNode,
    Text,
    TitleBlock,
)
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.export import render
from briefing_app.model import (
    Callout,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TextContent,
    clean_text,
)
from briefing_app.model.brief import PageSize
from briefing_app.writers.html import css_string, write_html
from briefing_app.writers.registry import HTML, WORD
from tests.builders import brief, table_section, text_section
from tests.docx_text import body_text
from tests.html_text import Page, css_unescape, parse, squash
from tests.test_export import outputs, section_strings
from tests.test_html_notes import endnotes

HOSTILE = [
    "a<b",
    "AT&T",
    "<b>not bold</b>",
    "<img src=/etc/passwd>",
    "{{ x }}",
    "{% if 1 %}x{% endif %}",
    "javascript:alert(1)",
    "\"quoted\" 'single'",
    "</style><script>alert(1)</script>",
    "&amp; &lt; &#60;",
    "<!-- comment -->",
    "]]><![CDATA[",
]
# Elements a page may contain; anything else (script, iframe, object, form,
# link, base...) would be a fault.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "main", "header", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "p", "b", "i", "a", "mark", "small", "strong", "br",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "colgroup", "col", "thead",
    "tbody", "tr", "th", "td", "aside", "img", "sup", "section", "figure", "figcaption",
}  # fmt: skip


# The page's head and foot: its banner and contentinfo landmarks.
PARTS = ("page-head", "page-foot")
PART_TAGS = ("header", "footer")


def html_of(b, *, draft: bool = False) -> Page:
    return parse(render(compose(b, draft=draft), HTML))


def tree(*blocks, **furniture) -> Document:
    """A document tree built by hand, for what the composer never makes."""
    return Document(
        info=DocInfo(title="Hand-made"),
        style=HouseStyle(),
        furniture=PageFurniture(**furniture),
        blocks=list(blocks),
    )


def tags(page: Page) -> list[str]:
    return [e.tag for e in page.root.iter() if e.tag != "#document"]


def heading_levels(page: Page) -> list[int]:
    return [int(e.tag[1]) for e in page.root.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def margin_boxes(page: Page) -> dict[str, str]:
    """Page-margin box name -> its content, decoded (page numbers as {page});
    the first page's "content: none" overrides are left out."""
    out = {}
    for name, body in re.findall(
        r"@((?:top|bottom)-\w+) \{\s*content: ([^;]*);", page.style_text()
    ):
        if body == "none":
            continue
        parts = re.findall(r'"([^"]*)"|counter\((\w+)\)', body)
        out[name] = "".join(css_unescape(s) if s else "{" + c + "}" for s, c in parts)
    return out


# ---------------------------------------------------------------- the page


def test_language_title_and_metadata_are_set(sample) -> None:
    page = html_of(sample)
    assert page.declarations == ["DOCTYPE html"]
    assert page.html.attrs["lang"] == "en-GB"
    head = page.root.find("head")
    first = next(e for e in head.iter() if e is not head)
    assert first.tag == "meta" and first.attrs == {"charset": "utf-8"}
    assert head.find("title").text() == sample.metadata.title
    metas = {e.attrs.get("name"): e.attrs.get("content") for e in head.iter("meta")}
    assert metas["author"] == compose(sample).info.author
    assert metas["description"] == sample.metadata.subtitle


def test_language_follows_the_brief(sample) -> None:
    sample.metadata = dataclasses.replace(sample.metadata, language="fr-FR")
    assert html_of(sample).html.attrs["lang"] == "fr-FR"


def test_no_scripts_and_nothing_loaded_from_elsewhere(sample) -> None:
    page = html_of(sample)
    assert set(tags(page)) <= ALLOWED_TAGS
    for element in page.root.iter():
        assert not any(name.startswith("on") for name in element.attrs), element
        assert "src" not in element.attrs or element.attrs["src"].startswith("data:image/")
    style = page.style_text()
    assert "url(" not in style and "@import" not in style
    tree_links = {t.link for t in _all_texts(compose(sample)) if t.link}
    ids = {e.attrs["id"] for e in page.root.iter() if "id" in e.attrs}
    links = list(page.root.iter("a"))
    assert links
    for a in links:
        href = a.attrs["href"]
        if href.startswith("#"):
            assert href[1:] in ids and "rel" not in a.attrs
        else:
            assert href in tree_links
            assert a.attrs["rel"] == "noopener noreferrer"


def _all_texts(doc: Document) -> list[Text]:
    out: list[Text] = []
    for block in doc.blocks:
        inner = block.blocks if isinstance(block, CalloutNode) else (block,)
        for b in inner:
            if isinstance(b, Para):
                out += b.inlines
            elif isinstance(b, ListNode):
                out += [t for item in b.items for t in item]
            elif isinstance(b, TableNode):
                out += [t for row in b.rows for cell in row for t in cell] + list(b.source)
    return out


def test_the_page_is_well_nested_and_ids_are_unique(sample) -> None:
    sample.sections.append(table_section("Second table", ["A"], [["x"]], "Somewhere"))
    page = html_of(sample)  # parse() fails on an end tag that closes the wrong element
    ids = [e.attrs["id"] for e in page.root.iter() if "id" in e.attrs]
    assert len(ids) == len(set(ids))


# ---------------------------------------------------------------- headings


def test_headings_in_order_without_skips(sample) -> None:
    page = html_of(sample)
    levels = heading_levels(page)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    h2 = [e.text() for e in page.root.iter("h2")]
    tree = compose(sample)
    notes = ["Notes"] if tree.notes else []  # the endnotes' heading comes last
    assert h2 == [e.text for e in tree.blocks if isinstance(e, Heading)] + notes


def test_the_title_is_h1_and_tree_levels_follow() -> None:
    # The composer's levels never skip one (tests/test_export.py checks it);
    # the page puts the title above them.
    blocks = [TitleBlock("T"), Heading(1, "Sec", "a"), Heading(2, "Sub", "b"), Heading(1, "S", "c")]
    assert heading_levels(parse(write_html(tree(*blocks)))) == [1, 2, 3, 2]


# ------------------------------------------------------------------ tables


def test_tables_have_caption_header_cells_and_right_aligned_numbers() -> None:
    table = table_section(
        "Detentions",
        ["Year", "Region", "Detained"],
        [["2020", "Minsk", "1,200"], ["2021", "Brest", "340"]],
        "Viasna",
    )
    page = html_of(brief(table))
    (t,) = list(page.root.iter("table"))
    assert t.find("caption").text() == "Table 1: Detentions"
    heads = list(t.find("thead").iter("th"))
    assert [h.text() for h in heads] == ["Year", "Region", "Detained"]
    assert all(h.attrs["scope"] == "col" for h in heads)
    rows = list(t.find("tbody").iter("tr"))
    assert [[c.text() for c in r.iter("td")] for r in rows] == [
        ["2020", "Minsk", "1,200"],
        ["2021", "Brest", "340"],
    ]
    numeric = [["num" in c.classes() for c in r.iter("th", "td")] for r in t.iter("tr")]
    assert all(flags == [True, False, True] for flags in numeric)
    source = next(p for p in page.root.iter("p") if "table-source" in p.classes())
    assert source.text() == "Source: Viasna"
    assert t.attrs["aria-describedby"] == source.attrs["id"]
    assert len(list(t.iter("col"))) == 3


def test_sample_tables_are_real_tables(sample) -> None:
    page = html_of(sample)
    tables = list(page.root.iter("table"))
    assert len(tables) == sum(isinstance(b, TableNode) for b in compose(sample).blocks) >= 1
    for t in tables:
        assert t.find("caption").text().startswith("Table ")
        assert all(th.attrs.get("scope") == "col" for th in t.find("thead").iter("th"))
        assert list(t.find("tbody").iter("td"))


# ------------------------------------------------------------ hostile text


def _everywhere(text: str):
    """A brief with ``text`` in every place an author can type."""
    sections = [
        text_section(text, text, f"{text} again"),
        table_section(text, [text, "Value"], [[text, "1"]], text),
        Section(
            SectionKind.CUSTOM_TEXT,
            "Box",
            TextContent([Callout(text, [Paragraph([Run(text, bold=True, link=text)])])]),
        ),
        Section(SectionKind.SOURCES, "Sources", SourcesContent([SourceEntry(text, text)])),
    ]
    return brief(
        *sections,
        marking=text,
        title=text,
        subtitle=text,
        reference=text,
        author=text,
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text_and_makes_no_elements(text: str) -> None:
    page = html_of(_everywhere(text))
    plain = html_of(_everywhere("plain words"))
    assert tags(page) == tags(plain)
    assert [e.attrs.keys() for e in page.root.iter()] == [e.attrs.keys() for e in plain.root.iter()]
    assert page.root.find("title").text() == text
    assert page.root.find("h1").text() == text
    main = page.main.text()
    assert main.count(text) >= 8, main
    assert page.root.find("caption").text() == f"Table 1: {text}"
    assert not list(page.root.iter("a"))  # none of these is a safe link
    # Inside the style sheet, the marking is an escaped CSS string.
    style = page.style_text()
    assert "<" not in style and "&" not in style
    assert margin_boxes(page)["top-center"] == text.upper()


def test_hostile_text_is_escaped_in_the_bytes() -> None:
    data = write_html(compose(_everywhere("<img src=/etc/passwd> {{ x }} </style>")))
    assert b"<img" not in data and b"</style>" in data  # the style sheet's own end only
    assert data.count(b"</style>") == 1
    assert b"&lt;img src=/etc/passwd&gt; {{ x }} &lt;/style&gt;" in data


def test_only_safe_links_become_links() -> None:
    runs = [
        Run("web", link="https://example.org/a?b=1&c=2"),
        Run("mail", link="mailto:press@example.org"),
        Run("inside", link="#s-other"),
        Run("script", link="javascript:alert(1)"),
        Run("file", link="file:///etc/passwd"),
        Run("data", link="data:text/html,<b>x</b>"),
        Run("nowhere", link="#missing"),
        Run("relative", link="../secret.html"),
    ]
    text = Section(SectionKind.CUSTOM_TEXT, "Links", TextContent([Paragraph(runs)]), id="s-links")
    other = Section(SectionKind.CUSTOM_TEXT, "Other", TextContent([]), id="s-other")
    page = html_of(brief(text, other))
    links = {a.text(): a.attrs for a in page.main.iter("a")}
    assert links == {
        "web": {"href": "https://example.org/a?b=1&c=2", "rel": "noopener noreferrer"},
        "mail": {"href": "mailto:press@example.org", "rel": "noopener noreferrer"},
        "inside": {"href": "#s_other"},
    }
    # Anchors are names every format accepts (Word bookmarks allow no "-").
    assert page.root.find("h2").attrs["id"] == "s_links"
    assert squash(page.main.find("p").text()) == "webmailinsidescriptfiledatanowhererelative"


# --------------------------------------------------------------- the parts


def test_marks_needs_source_and_line_breaks() -> None:
    runs = [
        Run("Bold", bold=True),
        Run(" and "),
        Run("italic", italic=True),
        Run(" then "),
        Run("unsourced claim", needs_source=True),
        Run("line one\nline two"),
    ]
    marks = brief(Section(SectionKind.CUSTOM_TEXT, "Marks", TextContent([Paragraph(runs)])))
    page = html_of(marks, draft=True)  # only a draft shows the "needs source" marks
    p = page.main.find("p")
    assert p.find("b").text() == "Bold" and p.find("i").text() == "italic"
    assert p.find("mark").text() == "unsourced claim"
    assert p.find("small").text() == " [source needed]"
    assert "line one\nline two" in p.text()


def test_callouts_are_notes_with_a_lead_in(sample) -> None:
    page = html_of(sample)
    asides = list(page.root.iter("aside"))
    titles = [b.title for b in compose(sample).blocks if isinstance(b, CalloutNode)]
    assert [a.find("strong").text() for a in asides] == titles
    for aside in asides:
        assert aside.attrs["role"] == "note"
        label = next(e for e in aside.iter() if e.attrs.get("id") == aside.attrs["aria-labelledby"])
        assert label.find("strong") is not None


def test_sources_list_shows_full_addresses(sample) -> None:
    page = html_of(sample)
    items = next(e for e in page.root.iter("ol") if "sources" in e.classes()).iter("li")
    # The sample cites every source: they print in the order first cited.
    by_id = {e.id: e for e in sample.sources()}
    entries = [by_id[i] for i in dict.fromkeys(cite_order(sample))]
    assert len(entries) == len(by_id)
    for li, entry in zip(items, entries, strict=True):
        assert entry.text in li.text()
        if entry.url:
            assert li.find("a").attrs["href"] == entry.url == li.find("a").text()


def test_title_block_and_document_control(sample) -> None:
    page = html_of(sample)
    header = page.main.find("header")
    assert header.find("h1").text() == sample.metadata.title
    control = [(e.tag, e.text()) for e in header.find("dl").iter("dt", "dd")]
    rows = next(b for b in compose(sample).blocks if isinstance(b, TitleBlock)).control
    assert control == [x for r in rows for x in (("dt", r.label), ("dd", r.value))]


def test_marking_at_top_and_bottom_and_in_the_page_margins(sample) -> None:
    page = html_of(sample)
    marking = sample.metadata.marking.upper()
    head, foot = (next(e for e in page.root.iter(*PART_TAGS) if n in e.classes()) for n in PARTS)
    for part in (head, foot):
        banner = next(e for e in part.iter("div") if "marking" in e.classes())
        assert banner.text() == marking
    boxes = margin_boxes(page)
    assert boxes["top-center"] == boxes["bottom-center"] == marking
    assert boxes["bottom-left"] == "Page {page} of {pages}"
    assert boxes["top-right"] == sample.metadata.reference
    assert "Page" not in page.root.find("body").text()  # no page numbers on screen


def test_furniture_lines_and_marking_position() -> None:
    doc = tree(
        TitleBlock("T"),
        marking="SECRET",
        marking_top=False,
        header_left=("Left ", PageField.PAGE),
        footer_right=("Dept & Co",),
    )
    page = parse(write_html(doc))
    boxes = margin_boxes(page)
    assert boxes == {
        "top-left": "Left {page}",
        "bottom-center": "SECRET",
        "bottom-right": "Dept & Co",
    }
    head, foot = (
        next((e for e in page.root.iter(*PART_TAGS) if n in e.classes()), None) for n in PARTS
    )
    assert head is None
    assert [e.text() for e in foot.iter("div") if e is not foot] == ["SECRET", "Dept & Co"]


@pytest.mark.parametrize(
    ("size", "css"), [(PageSize.A4, "210mm 297mm"), (PageSize.LETTER, "215.9mm 279.4mm")]
)
def test_print_page_size_and_fonts_follow_the_house_style(size: PageSize, css: str) -> None:
    style = HouseStyle(page_size=size, word_font="Calibri", pdf_font="Carlito")
    doc = dataclasses.replace(tree(TitleBlock("T")), style=style)
    text = parse(write_html(doc)).style_text()
    assert f"size: {css};" in text
    assert 'font-family: "Calibri", "Carlito", sans-serif;' in text


def test_a_bad_house_style_colour_is_refused_in_plain_words() -> None:
    doc = dataclasses.replace(tree(TitleBlock("T")), style=HouseStyle(link_colour="red; } *{"))
    with pytest.raises(ExportError, match="six hexadecimal digits"):
        write_html(doc)


def test_logo_is_embedded_with_its_alt_text(tmp_path) -> None:
    png = tmp_path / "logo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    page = parse(write_html(tree(TitleBlock("T", logo=Logo(str(png), "Ministry <crest>")))))
    img = page.root.find("img")
    assert img.attrs["alt"] == "Ministry <crest>"
    assert img.attrs["src"].startswith("data:image/png;base64,iVBORw0KGgo")
    png.unlink()
    with pytest.raises(ExportError, match=r"logo 'logo\.png' cannot be read"):
        write_html(tree(TitleBlock("T", logo=Logo(str(png), "x"))))


# ------------------------------------------------ the same text as PDF, Word


def test_sample_html_says_what_the_pdf_and_word_file_say(sample) -> None:
    doc = compose(sample)
    page = parse(render(doc, HTML))
    html = page.main_text()
    notes = endnotes(page)  # Word keeps its notes apart from the body
    if notes is not None:
        html = html.removesuffix(squash(notes.text())).strip()
    pdf, word = outputs(sample)
    charted = {f.chart.table for f in sample.figures() if f.chart is not None}
    for section in sample.sections:
        if section.id in charted and not section.included:
            continue  # its numbers print through the chart: words in the PDF, a picture here
        for text in section_strings(section):
            assert (text in html) == section.included == (text in pdf) == (text in word), text
    # Word and the page carry the same words in the same order.
    assert html == squash(" ".join(body_text(render(doc, WORD))))


def test_excluded_and_reordered_sections_follow(sample) -> None:
    context = next(s for s in sample.sections if s.kind is SectionKind.CONTEXT)
    context.included = False
    sample.sections.reverse()
    html = html_of(sample).main_text()
    assert all(t not in html for t in section_strings(context))
    titles = [e.text for e in compose(sample).blocks if isinstance(e, Heading)]
    positions = [html.index(t) for t in titles]
    assert positions == sorted(positions)


_TEXT = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40)
    .map(clean_text)
    .filter(str.strip)
)


@given(title=_TEXT, paragraph=_TEXT, cell=_TEXT, heading=_TEXT, marking=_TEXT)
def test_arbitrary_text_comes_back_out_of_the_page(
    title: str, paragraph: str, cell: str, heading: str, marking: str
) -> None:
    b = brief(
        Section(SectionKind.CONTEXT, heading, TextContent([Paragraph([Run(paragraph)])])),
        table_section("Table", ["Column"], [[cell]]),
        marking=marking,
    )
    b.metadata = dataclasses.replace(b.metadata, title=title)
    page = html_of(b)
    # Spaces around a title or heading carry no meaning in HTML.
    assert squash(page.root.find("title").text()) == squash(title)
    assert squash(page.main.find("h1").text()) == squash(title)
    assert squash(page.main.find("h2").text()) == squash(heading)
    assert page.main.find("p").text() == paragraph
    assert page.main.find("td").text() == cell
    assert margin_boxes(page)["top-center"] == marking.upper()


@given(st.text())
def test_css_strings_hold_any_text(text: str) -> None:
    css = str(css_string(text))
    assert re.fullmatch(r'"[A-Za-z0-9 \\]*"', css)
    assert css_unescape(css[1:-1]) == text


def test_every_block_kind_renders() -> None:
    doc = tree(
        TitleBlock("T", "Sub"),
        Heading(1, "H", "h"),
        Para((Text("Caption"),), role=ParaRole.CAPTION),
        Para((Text("Note"),), role=ParaRole.SOURCE_NOTE),
        CalloutNode("", (Para((Text("untitled box"),)),)),
        ListNode(
            True,
            (
                source_inlines("Plain source", ""),
                source_inlines("Ends with a stop.", "https://x.org"),
            ),
            ListRole.SOURCES,
        ),
    )
    page = parse(write_html(doc))
    assert {"caption", "source-note"} <= {c for p in page.root.iter("p") for c in p.classes()}
    assert "aria-labelledby" not in page.root.find("aside").attrs
    assert [squash(li.text()) for li in page.root.find("ol").iter("li")] == [
        "Plain source",
        "Ends with a stop. https://x.org",
    ]


def cite_order(brief) -> list[str]:
    """Source ids in the order the brief's printed text cites them."""
    from briefing_app.model.walk import brief_texts

    return [
        i
        for piece in brief_texts(brief, properties=False, included_only=True)
        for run in piece.runs or ()
        for i in run.cite
    ]
