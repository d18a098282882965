"""The PDF writer, read back with pypdf."""

from __future__ import annotations

import re

import pytest

from briefing_app.compose import compose
from briefing_app.model import (
    Callout,
    ListBlock,
    ListStyle,
    PageSize,
    Paragraph,
    Run,
    Section,
    SectionKind,
    TextContent,
)
from briefing_app.writers.pdf import write_pdf
from briefing_app.writers.pdf_fonts import glyph_warnings
from tests.builders import FILLER, brief, table_section, text_section
from tests.pdf_text import (
    embedded_fonts,
    font_names,
    link_targets,
    no_space,
    outline,
    pages_text,
    reader,
    squash,
)

BASE14 = {
    "/Helvetica",
    "/Helvetica-Bold",
    "/Helvetica-Oblique",
    "/Helvetica-BoldOblique",
    "/Times-Roman",
    "/Times-Bold",
    "/Times-Italic",
    "/Times-BoldItalic",
    "/Courier",
    "/Courier-Bold",
    "/Courier-Oblique",
    "/Courier-BoldOblique",
    "/Symbol",
    "/ZapfDingbats",
}


def pdf_of(b) -> bytes:
    return write_pdf(compose(b))


@pytest.fixture(scope="module")
def long_pdf() -> bytes:
    sections = [text_section(f"Part {i}", *(FILLER * 4 for _ in range(6))) for i in range(1, 6)]
    return pdf_of(brief(*sections, marking="official-sensitive", reference="REF-42"))


def test_marking_on_every_page_including_the_first(long_pdf: bytes) -> None:
    pages = pages_text(long_pdf)
    assert len(pages) >= 3
    for text in pages:
        # Top and bottom: twice per page.
        assert text.count("OFFICIAL-SENSITIVE") >= 2, text[:200]


def test_page_x_of_y_on_every_page(long_pdf: bytes) -> None:
    pages = pages_text(long_pdf)
    n = len(pages)
    for i, text in enumerate(pages, start=1):
        assert f"Page {i} of {n}" in squash(text)


def test_bookmarks_point_at_the_page_holding_the_heading(long_pdf: bytes) -> None:
    pages = pages_text(long_pdf)
    marks = outline(long_pdf)
    assert [title for title, _ in marks] == [f"Part {i}" for i in range(1, 6)]
    assert len({page for _, page in marks}) > 1, "headings should spread over several pages"
    for title, page in marks:
        lines = [line.strip() for line in pages[page].splitlines()]
        assert title in lines, f"{title} not on page {page + 1}"


def test_fonts_are_embedded_and_no_base14_font_is_used(long_pdf: bytes) -> None:
    fonts = embedded_fonts(long_pdf)
    assert fonts
    assert not set(fonts) & BASE14
    assert all(fonts.values()), fonts


def test_bold_and_italic_use_real_faces() -> None:
    section = Section(
        SectionKind.CONTEXT,
        "Faces",
        TextContent([Paragraph([Run("bold", bold=True), Run(" italic", italic=True)])]),
    )
    names = font_names(pdf_of(brief(section)))
    assert any("Bold" in n for n in names)
    assert any("Italic" in n for n in names)


def test_document_info_and_language() -> None:
    data = pdf_of(brief(text_section("A", "x"), title="Info title", author="Desk A"))
    r = reader(data)
    assert r.metadata.title == "Info title"
    assert r.metadata.author == "Desk A"
    assert r.metadata.subject
    assert str(r.trailer["/Root"]["/Lang"]) == "en-GB"


def test_user_text_is_never_markup() -> None:
    hostile = [
        "a<b",
        "AT&T",
        "<b>not bold</b>",
        "<img src=/etc/passwd>",
        "{{ x }}",
        "javascript:alert(1)",
        "<font size=60>big</font>",
        "&amp; stays",
    ]
    section = text_section("Hostile <i>title</i>", *hostile)
    table = table_section("T&C", ["<b>h</b>", "x"], [["a<b", "AT&T"]], source="<a href='x'>s</a>")
    data = pdf_of(brief(section, table, title="<b>Title</b> & co"))
    text = squash(" ".join(pages_text(data)))
    for item in [*hostile, "Hostile <i>title</i>", "<b>h</b>", "<b>Title</b> & co", "T&C"]:
        assert item in text
    # No image was read from disk and no script action or link was written.
    for page in reader(data).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        assert all(x.get_object().get("/Subtype") != "/Image" for x in xobjects.values())
    assert b"/JavaScript" not in data and b"/JS" not in data
    assert link_targets(data) == []


def test_only_safe_links_become_links() -> None:
    runs = [
        Run("web", link="https://www.hrw.org"),
        Run(" mail", link="mailto:desk@example.org"),
        Run(" script", link="javascript:alert(1)"),
        Run(" file", link="file:///etc/passwd"),
        Run(" data", link="data:text/html,hi"),
    ]
    section = Section(SectionKind.CONTEXT, "Links", TextContent([Paragraph(runs)]))
    data = pdf_of(brief(section))
    assert sorted(link_targets(data)) == ["https://www.hrw.org", "mailto:desk@example.org"]
    text = squash(pages_text(data)[0])
    assert "web mail script file data" in text


def test_unicode_text_comes_back() -> None:
    words = ["Аляксандр Лукашэнка", "Statkevič", "Zażółć gęślą jaźń", "Ελληνικά", "€ ≥ → №"]
    data = pdf_of(brief(text_section("Ünïcødé", *words)))
    text = squash(pages_text(data)[0])
    for word in words:
        assert word in text
    assert glyph_warnings(compose(brief(text_section("x", *words)))) == []


def test_characters_the_font_cannot_draw_are_reported() -> None:
    tree = compose(brief(text_section("CJK", "漢字 and 😀")))
    warnings = glyph_warnings(tree)
    assert len(warnings) == 1
    assert "U+6F22" in warnings[0] and "U+1F600" in warnings[0]


def test_sixty_row_table_repeats_its_header_on_every_page() -> None:
    rows = [[f"Row {i:02d}", f"Impact text for row {i} " * 3, str(i * 3)] for i in range(60)]
    data = pdf_of(brief(table_section("Long", ["Factor", "Impact", "Count"], rows, "Reuters")))
    pages = pages_text(data)
    holding = [i for i, text in enumerate(pages) if re.search(r"Row \d\d", text)]
    assert len(holding) >= 2, "the table should span pages"
    for i in holding:
        first_row_line = re.search(r"Row \d\d", pages[i]).start()
        header = pages[i].find("Factor Impact Count")
        if header < 0:
            header = pages[i].find("Factor")
        assert 0 <= header < first_row_line, f"no header above the rows on page {i + 1}"
    joined = squash(" ".join(pages))
    for i in range(60):
        assert f"Row {i:02d}" in joined
    assert "Source: Reuters" in joined


def test_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    # Fill the page so that the heading would fit but its paragraph would not.
    for filler_lines in range(30, 44):
        first = text_section("Opening", *("line of text" for _ in range(filler_lines)))
        second = text_section("Lonely heading", "Body text that belongs to the heading. " * 6)
        pages = pages_text(pdf_of(brief(first, second)))
        heading_page = next(i for i, t in enumerate(pages) if "Lonely heading" in t)
        body_page = next(i for i, t in enumerate(pages) if "Body text that belongs" in t)
        assert heading_page == body_page, filler_lines


def test_numbered_lists_and_callouts_render() -> None:
    blocks = [
        ListBlock(ListStyle.NUMBERED, [[Run("first")], [Run("second")]]),
        Callout("Did you know?", [Paragraph([Run("Boxed fact.")])]),
        ListBlock(ListStyle.NUMBERED, [[Run("again")]]),
    ]
    section = Section(SectionKind.CONTEXT, "Lists", TextContent(blocks))
    text = squash(pages_text(pdf_of(brief(section)))[0])
    assert "1. first 2. second" in text
    assert "Did you know? Boxed fact." in text
    assert "1. again" in text


@pytest.mark.parametrize(
    ("size", "expected"), [(PageSize.A4, (595.3, 841.9)), (PageSize.LETTER, (612.0, 792.0))]
)
def test_page_sizes(size: PageSize, expected: tuple[float, float]) -> None:
    b = brief(text_section("A", "x"))
    b.page_size = size
    box = reader(pdf_of(b)).pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == expected


def test_long_unbroken_text_wraps_instead_of_overflowing() -> None:
    word = "x" * 400
    data = pdf_of(brief(text_section("Long", word), table_section("T", ["a", "b"], [[word, "y"]])))
    assert no_space(" ".join(pages_text(data))).count(word) == 2


# -- long content: boxes, paragraphs and tables that run over pages

FILL = b".933333 .952941 .972549 rg"  # the callout tint, EEF3F8
BAR = b".121569 .227451 .372549 RG"  # the callout bar, 1F3A5F


def _box(*paragraphs: str) -> Section:
    blocks = [Paragraph([Run(p)]) for p in paragraphs]
    return Section(SectionKind.CUSTOM_TEXT, "Box", TextContent([Callout("Note", blocks)]))


def _words(count: int, start: int = 0) -> str:
    return " ".join(f"w{i:05d}" for i in range(start, start + count))


def test_a_callout_longer_than_a_page_is_a_box_on_every_page_it_reaches() -> None:
    data = pdf_of(brief(_box(_words(1_000), _words(1_000, 1_000))))
    pages = reader(data).pages
    assert len(pages) >= 3
    for page in pages:
        content = page.get_contents().get_data()
        assert FILL in content and BAR in content
    found = re.findall(r"w\d{5}", " ".join(pages_text(data)))
    assert found == [f"w{i:05d}" for i in range(2_000)]


def test_a_callout_that_fits_on_a_page_is_not_split() -> None:
    filler = text_section("Opening", *(FILLER for _ in range(18)))  # most of page 1
    data = pdf_of(brief(filler, _box(_words(150), _words(150, 150))))
    pages = pages_text(data)
    assert len(pages) == 2
    assert "Note" in pages[1] and not re.search(r"w\d{5}", pages[0])
    assert FILL not in reader(data).pages[0].get_contents().get_data()


def test_a_long_table_stripes_run_on_across_pages() -> None:
    from briefing_app.writers.pdf import _Builder
    from briefing_app.writers.pdf_fonts import register_family

    tree = compose(brief(text_section("A", "x")))
    style_for = _Builder(tree, register_family()).table_style(100)
    stripes = [
        next(c[3] for c in style_for(first).getCommands() if c[0] == "ROWBACKGROUNDS")
        for first in (0, 1, 2)
    ]
    assert stripes[0] == stripes[2] == stripes[1][::-1]


def test_a_header_line_too_long_for_its_place_is_shortened() -> None:
    data = pdf_of(brief(text_section("A", "x"), reference="REF-" + "9" * 400))
    first = pages_text(data)[0]
    assert "REF-999" in first and "\u2026" in first
    assert "9" * 400 not in first.split("Reference")[0]


@pytest.mark.parametrize("count", [3, 12, 120])
def test_a_long_numbered_list_keeps_a_gap_between_numbers_and_text(count: int) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefing_app.writers.pdf_fonts import register_family

    items = [[Run(f"Point {i} of the list.")] for i in range(1, count + 1)]
    b = brief(
        Section(
            SectionKind.RECOMMENDATIONS,
            "Recommendations",
            TextContent([ListBlock(ListStyle.NUMBERED, items)]),
        )
    )
    tree = compose(b)
    fam = register_family(tree.style.pdf_font, tree.style.font_dir)
    size = tree.style.body_pt
    numbers: dict[tuple[int, float], float] = {}  # (page, y) -> right edge of the number
    texts: dict[tuple[int, float], float] = {}  # (page, y) -> where the item's text starts
    for n, page in enumerate(reader(write_pdf(tree)).pages):

        def visit(text, cm, tm, font, font_size, n=n) -> None:
            x, y = cm[4] + tm[4], round(cm[5] + tm[5], 1)
            if re.fullmatch(r"\d+\.", text.strip()):
                numbers[(n, y)] = x + stringWidth(text.strip(), fam.regular, size)
            elif text.startswith("Point"):
                texts[(n, y)] = x

        page.extract_text(visitor_text=visit)
    assert len(texts) == count and set(numbers) == set(texts)
    gaps = [texts[k] - numbers[k] for k in texts]
    assert min(gaps) >= 0.3 * size  # a visible space, whatever the number's width


def test_a_build_leaves_the_cycle_collector_as_it_found_it() -> None:
    import gc

    b = brief(text_section("Context", "A short paragraph."))
    assert gc.isenabled()
    write_pdf(compose(b))
    assert gc.isenabled()
    broken = compose(b)
    broken.blocks.append(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        write_pdf(broken)
    assert gc.isenabled()  # also after a build that failed
    gc.disable()
    try:
        write_pdf(compose(b))
        assert not gc.isenabled()  # off before: left off
    finally:
        gc.enable()
