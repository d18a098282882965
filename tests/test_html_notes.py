"""Notes and drafts on the HTML page, read back with the standard library's
parser (tests/html_text.py): DPUB-ARIA note references and endnotes whose
links all resolve, the tree's numbering, and the same notes as the Word
file's footnotes."""

from __future__ import annotations

import dataclasses
import itertools
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.compose import compose
from briefing_app.compose.composer import source_inlines
from briefing_app.document.nodes import (
    DocInfo,
    Document,
    Note,
    PageFurniture,
    Para,
    Text,
    TitleBlock,
    inline_text,
)
from briefing_app.document.style import HouseStyle
from briefing_app.model import (
    Brief,
    Callout,
    ListBlock,
    ListStyle,
    Metadata,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.sample import load_sample
from briefing_app.templating import CitationStyle, get_template
from briefing_app.writers.docx import write_docx
from briefing_app.writers.html import write_html
from briefing_app.writers.pdf import write_pdf
from tests.builders import uncited_sample
from tests.html_text import Element, Page, css_unescape, parse, squash
from tests.test_docx_notes import cited_sample, word_notes, word_references
from tests.test_pdf_notes import assert_notes_on_their_pages

FOOTNOTES = get_template("policy-brief")
NUMBERED = get_template("briefing-note")
BACK = "\u21a9\ufe0e"  # the backlink's arrow, as text (not an emoji)


# ------------------------------------------------------------ the reading


def note_refs(page: Page) -> list[Element]:
    """The note references, in reading order."""
    return [a for a in page.root.iter("a") if a.attrs.get("role") == "doc-noteref"]


def endnotes(page: Page) -> Element | None:
    found = [s for s in page.root.iter("section") if s.attrs.get("role") == "doc-endnotes"]
    assert len(found) <= 1
    return found[0] if found else None


def note_items(page: Page) -> list[Element]:
    section = endnotes(page)
    return [] if section is None else list(section.find("ol").iter("li"))


def backlinks(li: Element) -> list[Element]:
    return [a for a in li.iter("a") if a.attrs.get("role") == "doc-backlink"]


def note_text(li: Element) -> str:
    """What a note says, without its backlinks."""
    out = []
    for child in li.children:
        if isinstance(child, str):
            out.append(child)
        elif child.attrs.get("role") != "doc-backlink":
            out.append(child.text())
    return squash("".join(out))


def html_notes(page: Page) -> dict[int, str]:
    return {int(li.attrs["value"] or 0): note_text(li) for li in note_items(page)}


def ids(page: Page) -> dict[str, Element]:
    out: dict[str, Element] = {}
    for e in page.root.iter():
        ident = e.attrs.get("id")
        if ident:
            assert ident not in out, f"id {ident} twice"
            out[ident] = e
    return out


def assert_notes_resolve(page: Page) -> None:
    """Every reference leads to a note and every note back to a reference."""
    by_id = ids(page)
    refs = note_refs(page)
    items = note_items(page)
    for a in refs:
        assert a.attrs["href"] == f"#note-{a.text()}"
        target = by_id[a.attrs["href"][1:]]
        assert target.tag == "li" and target in items
    ref_ids = {a.attrs["id"] for a in refs}
    for li in items:
        links = backlinks(li)
        assert links, f"{li.attrs['id']} has no way back"
        for link in links:
            assert link.attrs["href"][1:] in ref_ids
            assert link.text() == BACK
            assert link.attrs["aria-label"].startswith(f"Back to reference {li.attrs['value']}")


def heading_levels(page: Page) -> list[int]:
    return [int(e.tag[1]) for e in page.root.iter("h1", "h2", "h3", "h4", "h5", "h6")]


def draft_rules(page: Page) -> list[str]:
    """The content of the print watermark rules, decoded."""
    found = re.findall(r"body::before \{\s*content: \"([^\"]*)\"", page.style_text())
    return [css_unescape(x) for x in found]


def banner(page: Page) -> list[Element]:
    return [e for e in page.root.iter("div") if "draft-banner" in e.classes()]


# ------------------------------------------------------------- the tests


@pytest.fixture(scope="module")
def cited() -> tuple[Document, Page]:
    tree = compose(cited_sample(), FOOTNOTES)
    return tree, parse(write_html(tree))


def test_references_are_raised_dpub_note_links(cited) -> None:
    tree, page = cited
    refs = note_refs(page)
    assert len(refs) == len(tree.notes) > 30
    sups = [e for e in page.root.iter("sup")]
    assert [s.children for s in sups] == [[a] for a in refs]
    for n, a in enumerate(refs, 1):
        assert (a.attrs["href"], a.attrs["id"], a.text()) == (f"#note-{n}", f"note-ref-{n}", str(n))


def test_the_notes_follow_the_content_as_dpub_endnotes(cited) -> None:
    tree, page = cited
    section = endnotes(page)
    assert section is not None
    assert section.attrs["class"] == "notes" and section.attrs["aria-label"] == "Notes"
    assert section.find("h2").text() == "Notes"
    main = page.main
    last = [c for c in main.children if isinstance(c, Element)][-1]
    assert last is section  # after every block
    levels = heading_levels(page)
    assert levels[0] == 1 and all(b - a <= 1 for a, b in itertools.pairwise(levels))
    items = note_items(page)
    assert [li.attrs["id"] for li in items] == [f"note-{n.number}" for n in tree.notes]
    assert [li.attrs["value"] for li in items] == [str(n.number) for n in tree.notes]


def test_every_link_resolves_and_each_note_has_one_way_back(cited) -> None:
    _tree, page = cited
    assert_notes_resolve(page)
    for n, li in enumerate(note_items(page), 1):
        (back,) = backlinks(li)
        assert back.attrs["href"] == f"#note-ref-{n}"
        assert back.attrs["aria-label"] == f"Back to reference {n}"


def test_the_notes_say_what_the_tree_and_the_word_footnotes_say(cited) -> None:
    tree, page = cited
    expected = {n.number: squash(inline_text(n.inlines)) for n in tree.notes}
    assert html_notes(page) == expected
    word = {k: squash(v) for k, v in word_notes(write_docx(tree)).items()}
    assert word == expected
    # The addresses are links in the notes too.
    for li, note in zip(note_items(page), tree.notes, strict=True):
        links = [a.attrs["href"] for a in li.iter("a") if a.attrs.get("role") is None]
        assert links == [t.link for t in note.inlines if t.link]


def test_the_numbers_follow_the_composers_reading_order(cited) -> None:
    """The tree numbers citations in reading order (the PDF prints them
    so); the page's references read 1, 2, 3... in the same places."""
    tree, page = cited
    numbers = [int(a.text()) for a in note_refs(page)]
    assert numbers == list(range(1, len(tree.notes) + 1))
    # Reference n stands after the same words as in the tree.
    main_text = page.main_text()
    for block_text in tree.body_text():
        assert squash(block_text) in main_text


def test_without_notes_the_page_has_no_notes_section() -> None:
    page = parse(write_html(compose(uncited_sample(), FOOTNOTES)))
    assert endnotes(page) is None and not note_refs(page)
    roles = {e.attrs.get("role") for e in page.root.iter()}
    assert not {r for r in roles if r and r.startswith("doc-")}


def test_numbered_citations_are_plain_text_and_no_notes() -> None:
    page = parse(write_html(compose(cited_sample(), NUMBERED)))
    assert endnotes(page) is None and not note_refs(page)
    assert "[1]" in page.main_text()


def hand_tree(blocks: list, notes: tuple[Note, ...], draft: str = "") -> Document:
    return Document(
        info=DocInfo(title="Hand-made"),
        style=HouseStyle(),
        furniture=PageFurniture(),
        blocks=[TitleBlock("Hand-made"), *blocks],
        notes=notes,
        draft=draft,
    )


def test_a_note_cited_twice_has_a_way_back_to_each_place() -> None:
    ref = Text("1", note=1)
    tree = hand_tree(
        [Para((Text("One"), ref)), Para((Text("Two"), ref))],
        (Note(1, (Text("The source"),)),),
    )
    page = parse(write_html(tree))
    assert [a.attrs["id"] for a in note_refs(page)] == ["note-ref-1", "note-ref-1-2"]
    assert_notes_resolve(page)
    (li,) = note_items(page)
    assert [a.attrs["aria-label"] for a in backlinks(li)] == [
        "Back to reference 1 (1 of 2)",
        "Back to reference 1 (2 of 2)",
    ]


HOSTILE = '<script>alert(1)</script> & "quotes" {{ x }}'


def test_note_text_and_addresses_stay_text() -> None:
    inlines = (Text(HOSTILE), *source_inlines("Source", "https://example.org/?a=1&b=<2>"))
    tree = hand_tree([Para((Text("Claim"), Text("1", note=1)))], (Note(1, inlines),))
    data = write_html(tree)
    page = parse(data)
    assert not list(page.root.iter("script"))
    assert HOSTILE in note_text(note_items(page)[0])
    assert b"<script>" not in data


# ------------------------------------------------------------------ drafts


def test_a_draft_has_a_banner_and_a_print_watermark() -> None:
    tree = compose(load_sample(), FOOTNOTES, draft=True)
    page = parse(write_html(tree))
    (top,) = banner(page)
    # A labelled region: a landmark, so no line of the page is outside one.
    assert top.text() == "DRAFT" and top.attrs["role"] == "region"
    assert top.attrs["aria-label"] == "Draft"
    sheet = next(e for e in page.root.iter("div") if "sheet" in e.classes())
    assert next(c for c in sheet.children if isinstance(c, Element)) is top  # first thing
    assert draft_rules(page) == ["DRAFT"]
    css = page.style_text()
    print_css = css[css.index("@media print") :]
    assert "body::before" in print_css
    s = tree.style
    rising = math.degrees(math.atan2(s.page_mm[1], s.page_mm[0]))
    (angle,) = re.findall(r"rotate\(-([0-9.]+)deg\)", print_css)
    assert float(angle) == pytest.approx(rising, abs=0.01)
    assert f"color: #{s.draft_colour};" in print_css
    assert f"opacity: {s.draft_opacity:g};" in print_css
    (size,) = re.findall(r"font-size: ([0-9.]+)pt;\s*line-height: 1;", print_css)
    assert 0 < float(size) <= s.draft_pt


def test_no_draft_marks_on_a_final_page() -> None:
    page = parse(write_html(compose(load_sample(), FOOTNOTES)))
    assert not banner(page) and not draft_rules(page)
    assert "DRAFT" not in page.style_text() + page.root.text()


def test_a_draft_line_stays_text_in_the_banner_and_the_style_sheet() -> None:
    tree = hand_tree([], (), draft=HOSTILE + " </style>")
    data = write_html(tree)
    page = parse(data)
    assert banner(page)[0].text() == HOSTILE + " </style>"
    assert draft_rules(page) == [HOSTILE + " </style>"]
    assert not list(page.root.iter("script"))
    assert data.count(b"</style>") == 1


def test_the_page_stays_self_contained_with_notes_and_a_draft() -> None:
    tree = compose(cited_sample(), FOOTNOTES, draft=True)
    page = parse(write_html(tree))
    assert not list(page.root.iter("script", "iframe", "object", "embed", "link"))
    for e in page.root.iter():
        assert "src" not in e.attrs or str(e.attrs["src"]).startswith("data:")
        assert not any(k.startswith("on") for k in e.attrs)
    assert "url(" not in page.style_text() and "@import" not in page.style_text()


# ---------------------------------------------- random briefs, Word and HTML

WORDS = st.text(alphabet="ab <&>\"'é", min_size=1, max_size=10)


@st.composite
def cited_briefs(draw) -> Brief:
    """A brief with random text, lists, boxes and tables, and random
    citations of random sources (now and then of one that does not exist)."""
    count = draw(st.integers(1, 5))
    sources = [
        SourceEntry(f"Source {i}", draw(st.sampled_from(["", f"https://e.org/{i}"])), id=f"s{i}")
        for i in range(count)
    ]
    known = [s.id for s in sources]

    def runs() -> list[Run]:
        out = [Run(draw(WORDS))]
        for _ in range(draw(st.integers(0, 2))):
            cite = draw(st.lists(st.sampled_from([*known, "gone"]), min_size=1, max_size=3))
            out += [Run("1", cite=tuple(cite)), Run(draw(WORDS))]
        return out

    def blocks(depth: int = 0) -> list:
        out: list = []
        for _ in range(draw(st.integers(1, 3))):
            kind = draw(
                st.sampled_from(["para", "list", "box"] if depth == 0 else ["para", "list"])
            )
            if kind == "para":
                out.append(Paragraph(runs()))
            elif kind == "list":
                style = draw(st.sampled_from(list(ListStyle)))
                out.append(ListBlock(style, [runs() for _ in range(draw(st.integers(1, 3)))]))
            else:
                out.append(Callout(draw(WORDS), blocks(1)))
        return out

    sections = []
    for i in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            sections.append(Section(SectionKind.CUSTOM_TEXT, f"Part {i}", TextContent(blocks())))
        else:
            rows = [[runs(), runs()] for _ in range(draw(st.integers(1, 3)))]
            table = TableContent(caption=f"T{i}", columns=["A", "B"], rows=rows, source=runs())
            sections.append(Section(SectionKind.CUSTOM_TABLE, f"Table {i}", table))
    sections.append(Section(SectionKind.SOURCES, "Sources", SourcesContent(sources)))
    return Brief(metadata=Metadata(title="Random", marking="OFFICIAL"), sections=sections)


@given(cited_briefs())
def test_pdf_word_and_html_number_random_citations_alike(b: Brief) -> None:
    tree = compose(b, FOOTNOTES)
    numbers = list(range(1, len(tree.notes) + 1))
    assert [n.number for n in tree.notes] == numbers
    # The PDF: every reference 1..n once, each note on its reference's page.
    pdf_pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert sorted(n for page in pdf_pages for n in page.notes) == numbers
    word = write_docx(tree)
    assert [n for n, _place, _before in word_references(word)] == numbers
    assert list(word_notes(word)) == numbers
    page = parse(write_html(tree))
    assert [int(a.text()) for a in note_refs(page)] == numbers
    assert list(html_notes(page)) == numbers
    assert_notes_resolve(page)
    expected = {n.number: squash(inline_text(n.inlines)) for n in tree.notes}
    assert {k: squash(v) for k, v in word_notes(word).items()} == expected == html_notes(page)


# ------------------------------------------------------------------ scale


def many_citations(total: int, repeated: int) -> Brief:
    """``total`` citations over 200 sources, ``repeated`` of them of the first."""
    sources = [SourceEntry(f"Source {i}", f"https://e.org/{i}", id=f"s{i}") for i in range(200)]
    step = total // repeated
    paragraphs = []
    for i in range(total):
        cited = "s0" if i % step == 0 and i // step < repeated else f"s{1 + i % 199}"
        paragraphs.append(Paragraph([Run(f"Claim {i}."), Run("1", cite=(cited,))]))
    return Brief(
        metadata=Metadata(title="Many", marking="OFFICIAL"),
        sections=[
            Section(SectionKind.CUSTOM_TEXT, "Claims", TextContent(paragraphs)),
            Section(SectionKind.SOURCES, "Sources", SourcesContent(sources)),
        ],
    )


def test_thousands_of_citations_and_one_source_cited_500_times() -> None:
    b = many_citations(3000, 500)
    tree = compose(b, FOOTNOTES)
    numbers = list(range(1, 3001))
    assert [n.number for n in tree.notes] == numbers
    first = squash(inline_text(source_inlines("Source 0", "https://e.org/0")))
    word = write_docx(tree)
    assert [n for n, _p, _b in word_references(word)] == numbers
    notes = {k: squash(v) for k, v in word_notes(word).items()}
    assert list(notes) == numbers and list(notes.values()).count(first) == 500
    page = parse(write_html(tree))
    assert [int(a.text()) for a in note_refs(page)] == numbers
    assert html_notes(page) == notes
    assert_notes_resolve(page)
    # Numbered: one number for the source, printed 500 times.
    tree = compose(b, dataclasses.replace(FOOTNOTES, citations=CitationStyle.NUMBERED))
    assert not tree.notes
    page = parse(write_html(tree))
    assert page.main_text().count("Claim 0.[1]") == 1
    assert len(re.findall(r"\.\[1\]", page.main_text())) == 500
