"""Footnotes in the PDF, read back page by page with pypdf: every note at the
foot of the page holding its reference, whatever holds the reference (a
paragraph, a list item, a callout, a table cell, a table split over pages)
and however many there are; and a draft's line across every page."""

from __future__ import annotations

import dataclasses
import re
import time
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.compose import compose
from briefing_app.document.nodes import Document, PageField, inline_text
from briefing_app.model import (
    Callout,
    ListBlock,
    ListStyle,
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
from briefing_app.writers.pdf import write_pdf
from tests.builders import FILLER, brief
from tests.child import python
from tests.pdf_text import internal_links, pages_text, reader, squash

# ------------------------------------------------------------------ reading


@dataclass
class PageNotes:
    refs: list[int] = field(default_factory=list)  # raised numbers in the text, in order
    notes: dict[int, str] = field(default_factory=dict)  # note number -> its text on this page
    run_on: str = ""  # the rest of a note begun on an earlier page
    lowest_text: float = 1e9  # the lowest line of text above the notes
    highest_note: float = -1.0  # the top line of the notes


def read_notes(data: bytes, tree: Document) -> list[PageNotes]:
    """Each page's note references and notes, told apart by their sizes."""
    s = tree.style
    foot = s.margin_bottom_mm * 72 / 25.4 - 1  # below it: the footer
    out = []
    for page in reader(data).pages:
        found = PageNotes()
        current: list[int | None] = [None]

        def visit(text, cm, tm, _font, size, found=found, current=current) -> None:
            y = cm[5] + tm[5]
            if not text.strip() or y < foot:
                return
            if abs(size - s.note_ref_pt) < 0.01:
                found.refs += [int(n) for n in text.split()]
                found.lowest_text = min(found.lowest_text, y)
            elif abs(size - s.note_pt) < 0.01:
                found.highest_note = max(found.highest_note, y)
                if text.strip().isdigit():  # a note's number, in its column
                    current[0] = int(text)
                    found.notes[current[0]] = ""
                elif current[0] is None:
                    found.run_on += text
                else:
                    found.notes[current[0]] += text
            elif size > s.note_pt and size < s.draft_pt / 2:
                found.lowest_text = min(found.lowest_text, y)

        page.extract_text(visitor_text=visit)
        found.notes = {n: squash(t) for n, t in found.notes.items()}
        found.run_on = squash(found.run_on)
        out.append(found)
    return out


def note_text(tree: Document, number: int) -> str:
    return squash(inline_text(tree.notes[number - 1].inlines))


def assert_notes_on_their_pages(data: bytes, tree: Document) -> list[PageNotes]:
    """The issue's rule: the page holding reference n holds note n at its
    foot; every reference and note once, numbered 1..n in reading order.
    (Reading order within each page: a table row taller than a page puts
    the start of its second column, with later numbers, on a page before
    the end of its first.)"""
    pages = read_notes(data, tree)
    refs = [n for p in pages for n in p.refs]
    assert sorted(refs) == list(range(1, len(tree.notes) + 1))
    for i, page in enumerate(pages, start=1):
        assert page.refs == sorted(page.refs), f"page {i}: {page.refs}"
        assert sorted(page.notes) == page.refs, f"page {i}"
        for number, text in page.notes.items():
            expected = note_text(tree, number)
            # The whole note, or its start when it runs on to the next page.
            assert expected.startswith(text) and len(text) >= min(len(expected), 20), (
                f"page {i}, note {number}: {text!r} is not the start of {expected!r}"
            )
        if page.notes:
            assert page.highest_note < page.lowest_text, f"page {i}: notes overlap the text"
    return pages


# ------------------------------------------------------------------ building


def cite(source: SourceEntry | str, *more: SourceEntry | str) -> Run:
    ids = tuple(s if isinstance(s, str) else s.id for s in (source, *more))
    return Run("1", cite=ids)


def cited_sample() -> object:
    """The sample with citations in paragraphs, list items, callouts and
    table cells, in every section."""
    b = load_sample()
    ids = [e.id for e in b.sources()]
    count = 0

    def next_cite(n: int = 1) -> Run:
        nonlocal count
        count += 1
        return cite(*(ids[(count + k) % len(ids)] for k in range(n)))

    for section in b.sections:
        content = section.content
        if isinstance(content, TextContent):
            for block in content.blocks:
                if isinstance(block, Paragraph):
                    block.runs.append(next_cite())
                elif isinstance(block, ListBlock):
                    for item in block.items:
                        item.append(next_cite(2 if count % 3 == 0 else 1))
                elif isinstance(block, Callout):
                    for inner in block.blocks:
                        if isinstance(inner, Paragraph):
                            inner.runs.insert(1, next_cite())
        elif isinstance(content, TableContent):
            for row in content.rows:
                row[-1].append(next_cite())
            content.source.append(next_cite())
    return b


def sources(count: int, words: int = 8) -> list[SourceEntry]:
    return [
        SourceEntry(
            f"Source {i}: " + " ".join(["report"] * words),
            f"https://example.org/{i}",
            id=f"src-{i}",
        )
        for i in range(1, count + 1)
    ]


def sources_section(entries: list[SourceEntry]) -> Section:
    return Section(SectionKind.SOURCES, "Sources", SourcesContent(entries))


def text(title: str, *blocks) -> Section:
    return Section(SectionKind.CUSTOM_TEXT, title, TextContent(list(blocks)))


def footnoted(b) -> object:
    b.template = "policy-brief"  # footnotes
    return b


# ------------------------------------------------------------------ tests


def test_references_are_raised_linked_and_their_notes_at_the_foot_of_their_page() -> None:
    tree = compose(cited_sample())
    assert len(tree.notes) > 20
    data = write_pdf(tree)
    pages = assert_notes_on_their_pages(data, tree)
    assert len(pages) >= 3 and sum(bool(p.notes) for p in pages) >= 3
    assert [n for p in pages for n in p.refs] == list(range(1, len(tree.notes) + 1))
    # Each reference links to its note, on the same page.
    r = reader(data)
    page_of = {page.indirect_reference.idnum: i for i, page in enumerate(r.pages)}
    same_page = 0
    for i, page in enumerate(r.pages):
        for annot in page.get("/Annots") or []:
            dest = annot.get_object().get("/Dest")
            if dest is not None and page_of[dest[0].idnum] == i:
                same_page += 1
    assert same_page == len(tree.notes)
    # The addresses in the notes are links too.
    assert len(internal_links(data)) >= len(tree.notes)


def test_references_in_every_kind_of_block_are_found() -> None:
    tree = compose(cited_sample())
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    text = " ".join(pages_text(write_pdf(tree)))
    assert "Table 1" in text
    # Notes in table cells, list items and callouts were all counted.
    assert sum(len(p.notes) for p in pages) == len(tree.notes)


def test_reordering_sections_renumbers_the_notes() -> None:
    entries = sources(4)
    first = text("Alpha", Paragraph([Run("Alpha claim."), cite(entries[0])]))
    second = text(
        "Beta",
        Paragraph([Run("Beta claim."), cite(entries[1]), Run(" And more."), cite(entries[2])]),
    )
    b = footnoted(brief(first, second, sources_section(entries)))
    tree = compose(b)
    assert note_text(tree, 1).startswith("Source 1:")
    assert_notes_on_their_pages(write_pdf(tree), tree)
    b.sections[0], b.sections[1] = b.sections[1], b.sections[0]
    tree = compose(b)
    assert [note_text(tree, n)[:9] for n in (1, 2, 3)] == ["Source 2:", "Source 3:", "Source 1:"]
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert pages[0].refs == [1, 2, 3]


def _claim_at_foot(lines: int, note_sources: list[SourceEntry]) -> object:
    """``lines`` one-line paragraphs, then a paragraph whose first line
    cites ``note_sources`` (one note several lines tall)."""
    filler = [Paragraph([Run(f"Line {i}.")]) for i in range(lines)]
    claim = Paragraph([Run("The claim."), cite(*note_sources), Run(" " + FILLER * 2)])
    return footnoted(brief(text("Body", *filler, claim), sources_section(note_sources)))


def _page_of(pages: list[str], words: str) -> int:
    return next(i for i, t in enumerate(pages) if words in squash(t))


def _last_on_first_page(entries: list[SourceEntry]) -> int:
    """The most filler lines with which the claim's first line is still on
    page 1 when it keeps no room for a note (numbered citations)."""
    numbered = dataclasses.replace(get_template("policy-brief"), citations=CitationStyle.NUMBERED)
    for lines in range(5, 80):
        plain = pages_text(write_pdf(compose(_claim_at_foot(lines, entries), numbered)))
        if _page_of(plain, "The claim") > 0:
            return lines - 1
    raise AssertionError("the claim never reached page 2")


def test_a_line_whose_note_does_not_fit_moves_to_the_next_page_with_its_note() -> None:
    entries = sources(6, words=14)  # one note of six sources: several lines
    last = _last_on_first_page(entries)
    moved = 0
    for lines in range(last - 6, last + 1):
        tree = compose(_claim_at_foot(lines, entries))
        data = write_pdf(tree)
        pages = assert_notes_on_their_pages(data, tree)
        ref_page = next(i for i, p in enumerate(pages) if 1 in p.refs)
        assert 1 in pages[ref_page].notes
        if ref_page == 1:
            moved += 1
            # The line went, not the page's other text: page 1 ends with
            # the filler just before the claim.
            assert f"Line {lines - 1}." in squash(pages_text(data)[0])
    # With the line at the foot of page 1 its note could not follow it
    # there: both went to page 2 (for a few counts of filler, not just one).
    assert moved >= 2


def test_a_reference_near_the_foot_keeps_its_note_when_both_fit() -> None:
    entries = sources(1)
    last = _last_on_first_page(entries)
    tree = compose(_claim_at_foot(last - 3, entries))
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert pages[0].refs == [1] and 1 in pages[0].notes


def test_notes_in_a_long_table_split_over_pages_stay_with_their_rows() -> None:
    entries = sources(5)
    rows = [
        [[Run(f"Row {r}")], [Run(FILLER[: 40 + r % 60]), cite(entries[r % 5])]] for r in range(90)
    ]
    table = TableContent(caption="Figures", columns=["Item", "Detail"], rows=rows)
    b = footnoted(
        brief(
            text("Intro", Paragraph([Run(FILLER * 3), cite(entries[0])])),
            Section(SectionKind.CUSTOM_TABLE, "Figures", table),
            sources_section(entries),
        )
    )
    tree = compose(b)
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert len(pages) >= 4


def test_a_table_whose_rows_hold_more_notes_than_a_page_splits_between_them() -> None:
    # (Found by the property test below: a page of rows whose notes need more
    # than the page is split where the rows' notes still fit, not overfilled.)
    entries = sources(6, words=17)
    ids = [e.id for e in entries]

    def cell(k: int) -> list[Run]:
        return [Run("word " * (20 + k % 40)), Run("1", cite=(ids[k % 6], ids[(k + 2) % 6]))]

    rows = [[cell(2 * r), cell(2 * r + 1)] for r in range(12)]
    table = TableContent(caption="T", columns=["A", "B"], rows=rows)
    b = footnoted(brief(Section(SectionKind.CUSTOM_TABLE, "T", table), sources_section(entries)))
    tree = compose(b)
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert len(pages) >= 3


def test_a_callout_and_a_list_with_references_split_over_pages() -> None:
    entries = sources(3)
    box = Callout("Note", [Paragraph([Run(FILLER), cite(entries[i % 3])]) for i in range(30)])
    items = [[Run(FILLER), cite(entries[i % 3])] for i in range(30)]
    b = footnoted(
        brief(
            text("Box", box),
            text("List", ListBlock(ListStyle.NUMBERED, items)),
            sources_section(entries),
        )
    )
    tree = compose(b)
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert len(pages) >= 4


def test_a_box_that_fits_a_page_only_without_its_notes_splits_to_keep_them() -> None:
    # The box moves whole to page 2 (it fits on a page), where it does not
    # fit with its note: at the top of a page, it splits instead.
    entries = sources(12, words=12)
    paragraphs = [Paragraph([Run(FILLER * 2)]) for _ in range(9)]
    paragraphs[-1].runs.append(cite(*entries))
    lead = Paragraph([Run(FILLER * 12)])
    b = footnoted(brief(text("Box", lead, Callout("Note", paragraphs)), sources_section(entries)))
    tree = compose(b)
    data = write_pdf(tree)
    pages = assert_notes_on_their_pages(data, tree)
    texts = [squash(t) for t in pages_text(data)]
    assert sum(t.count("The delegation met") for t in texts[1:]) > 0
    assert pages[0].refs == []


def test_a_table_row_that_fits_a_page_only_without_its_note_splits_inside() -> None:
    entries = sources(12, words=12)
    rows = [
        [[Run("First")], [Run(FILLER * 6)]],
        [[Run("Tall")], [Run(FILLER * 42), cite(*entries)]],
        [[Run("Next")], [Run("Short.")]],
    ]
    table = TableContent(caption="Tall row", columns=["Item", "Detail"], rows=rows)
    lead = text("Lead", Paragraph([Run(FILLER * 8)]))
    b = footnoted(
        brief(lead, Section(SectionKind.CUSTOM_TABLE, "Tall", table), sources_section(entries))
    )
    tree = compose(b)
    assert_notes_on_their_pages(write_pdf(tree), tree)


def test_a_note_taller_than_a_third_of_a_page_runs_on_to_the_next_page() -> None:
    entries = sources(80, words=10)
    claim = Paragraph([Run("One claim resting on eighty sources."), cite(*entries)])
    b = footnoted(brief(text("Body", claim, Paragraph([Run(FILLER * 8)])), sources_section([])))
    b.sections[-1] = sources_section(entries)
    tree = compose(b)
    assert len(tree.notes) == 1
    data = write_pdf(tree)
    pages = assert_notes_on_their_pages(data, tree)
    assert pages[0].refs == [1] and 1 in pages[0].notes
    # The rest of the note comes first at the foot of the next pages, and
    # all of it is printed, in order.
    whole = pages[0].notes[1] + "".join(" " + p.run_on for p in pages[1:] if p.run_on)
    assert squash(whole) == note_text(tree, 1)
    assert pages[1].run_on


def test_a_line_of_many_references_loses_no_note() -> None:
    entries = sources(3, words=20)
    # (Citations side by side make one note: a space keeps them apart.)
    many = Paragraph(
        [Run("Claims.")] + [r for i in range(120) for r in (Run(" "), cite(entries[i % 3]))]
    )
    b = footnoted(brief(text("Body", many, Paragraph([Run(FILLER)])), sources_section(entries)))
    tree = compose(b)
    assert len(tree.notes) == 120
    pages = read_notes(write_pdf(tree), tree)
    # The first lines hold more notes than a page: those that do not fit
    # run on. Every note is printed once, whole, never before its reference.
    printed = sorted(n for p in pages for n in p.notes)
    assert printed == list(range(1, 121))
    ref_page = {n: i for i, p in enumerate(pages) for n in p.refs}
    note_page = {n: i for i, p in enumerate(pages) for n in p.notes}
    assert sorted(ref_page) == printed
    assert all(note_page[n] >= ref_page[n] for n in printed)
    for n in printed:  # whole, or its start when it runs on
        start = pages[note_page[n]].notes[n]
        assert note_text(tree, n).startswith(start) and len(start) > 20


def test_notes_with_page_x_of_y_counted_first_give_the_real_total() -> None:
    tree = compose(cited_sample())
    f = tree.furniture
    tree = dataclasses.replace(
        tree,
        furniture=dataclasses.replace(
            f, footer_left=(), footer_right=("Page ", PageField.PAGE, " of ", PageField.PAGES)
        ),
    )
    data = write_pdf(tree)
    pages = pages_text(data)
    assert f"Page {len(pages)} of {len(pages)}" in squash(pages[-1])
    assert_notes_on_their_pages(data, tree)


def test_the_registry_signature_still_works() -> None:
    tree = compose(cited_sample())
    assert write_pdf(tree, None)[:5] == b"%PDF-"


# ------------------------------------------------------------------ scale


def many_citations(count: int, distinct: int) -> str:
    """Export ``count`` citations of ``distinct`` sources and check every
    page (run in a child process by the test below)."""
    entries = [
        SourceEntry(f"Source {i}: a report on the matter", f"https://example.org/{i}", id=f"s{i}")
        for i in range(distinct)
    ]
    paragraphs = []
    for p in range(count // 10):
        runs = []
        for n in range(p * 10, p * 10 + 10):
            runs += [Run(f"Claim {n} in a few words. "), cite(entries[n % distinct])]
        paragraphs.append(Paragraph(runs))
    tree = compose(footnoted(brief(text("Claims", *paragraphs), sources_section(entries))))
    assert len(tree.notes) == count
    start = time.monotonic()
    data = write_pdf(tree)
    seconds = time.monotonic() - start
    pages = assert_notes_on_their_pages(data, tree)
    return f"{len(pages)} pages {seconds:.2f} s"


@pytest.mark.parametrize(("count", "distinct"), [(500, 1), (2000, 5)])
def test_many_citations_export_correctly_within_a_generous_bound(count, distinct) -> None:
    code = "from tests.test_pdf_notes import many_citations as run; print(run({}, {}))"
    outcome = python(code.format(count, distinct))
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    assert re.fullmatch(r"\d+ pages [\d.]+ s\n", outcome.stdout), outcome.stdout


# ------------------------------------------------------------------ property


@st.composite
def cited_briefs(draw):
    entries = sources(draw(st.integers(1, 6)), words=draw(st.integers(1, 20)))
    ids = [e.id for e in entries]
    citation = st.lists(st.sampled_from(ids), min_size=1, max_size=3).map(
        lambda chosen: Run("1", cite=tuple(chosen))
    )
    words = st.integers(1, 60).map(lambda n: Run(" ".join(["word"] * n) + " "))
    runs = st.lists(st.one_of(words, citation), min_size=1, max_size=8)
    block = st.one_of(
        runs.map(Paragraph),
        st.lists(runs, min_size=1, max_size=4).map(
            lambda items: ListBlock(ListStyle.BULLET, items)
        ),
        st.lists(runs.map(Paragraph), min_size=1, max_size=3).map(lambda ps: Callout("Box", ps)),
    )
    sections = [
        text(f"Section {i}", *draw(st.lists(block, min_size=1, max_size=6)))
        for i in range(draw(st.integers(1, 5)))
    ]
    if draw(st.booleans()):
        # Cells shorter than a page: no row splits inside, so the numbers
        # read in order from page to page too.
        cell = st.lists(st.one_of(words, citation), min_size=1, max_size=4)
        rows = draw(st.lists(st.tuples(cell, cell), min_size=1, max_size=25))
        table = TableContent(
            caption="T", columns=["A", "B"], rows=[[list(a), list(b)] for a, b in rows]
        )
        sections.insert(
            draw(st.integers(0, len(sections))), Section(SectionKind.CUSTOM_TABLE, "T", table)
        )
    return footnoted(brief(*sections, sources_section(entries)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cited_briefs())
def test_random_briefs_number_their_notes_in_reading_order_on_their_pages(b) -> None:
    tree = compose(b)
    pages = assert_notes_on_their_pages(write_pdf(tree), tree)
    assert [n for p in pages for n in p.refs] == list(range(1, len(tree.notes) + 1))


# ------------------------------------------------------------------ draft


def _draft_lines(data: bytes, tree: Document) -> list[int]:
    """How many times each page shows the draft line in large type."""
    counts = []
    for page in reader(data).pages:
        seen = [0]

        def visit(text, _cm, _tm, _font, size, seen=seen) -> None:
            if text.strip() == tree.draft and size > 2 * tree.style.h1_pt:
                seen[0] += 1

        page.extract_text(visitor_text=visit)
        counts.append(seen[0])
    return counts


def test_a_draft_has_its_line_across_every_page_and_a_final_export_none() -> None:
    b = cited_sample()
    draft, final = compose(b, draft=True), compose(b)
    assert draft.draft == "DRAFT"
    draft_pdf, final_pdf = write_pdf(draft), write_pdf(final)
    counts = _draft_lines(draft_pdf, draft)
    assert len(counts) >= 3 and set(counts) == {1}
    assert "DRAFT" not in " ".join(pages_text(final_pdf))
    # Behind the text: the pages break where they did without it.
    plain = dataclasses.replace(draft, draft="")
    assert len(pages_text(write_pdf(plain))) == len(counts)
    assert_notes_on_their_pages(draft_pdf, draft)


def test_a_long_draft_line_is_set_smaller_to_stay_on_the_page() -> None:
    tree = dataclasses.replace(compose(cited_sample()), draft="DRAFT - NOT FOR CIRCULATION")
    data = write_pdf(tree)
    assert set(_draft_lines(data, tree)) == {1}
