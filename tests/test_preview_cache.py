"""The preview's incremental render (writers/pdf_incremental.py) is the fresh
render, page by page, whatever the edits.

A property test edits random blocks of a generated brief (text made longer
or shorter, blocks added, removed and moved, boxes, tables, headings,
footnotes added and changed, the template and the marking switched) and
after each edit compares the incremental PDF with a fresh render: the
pages, the text of each page with where each piece of it is drawn, the
bookmarks, the links and the layout report (the page budget).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generated_brief
from briefing_app.compose import compose
from briefing_app.model import (
    Brief,
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    Section,
    SectionKind,
    TableContent,
    TextContent,
)
from briefing_app.sample import load_sample
from briefing_app.writers.pdf import write_pdf_with_layout
from briefing_app.writers.pdf_incremental import IncrementalPdf
from tests.builders import FILLER
from tests.pdf_text import links_by_page, outline

# ------------------------------------------------------------------ reading


def placed_text(data: bytes) -> list[list[tuple[float, float, str]]]:
    """Each page's pieces of text with where they are drawn (x, y rounded
    to a tenth of a point), in drawing order."""
    pages = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        pieces: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, _font, _size, pieces=pieces) -> None:
            if text.strip():
                m = pypdf.mult(tm, cm)
                pieces.append((round(m[4], 1), round(m[5], 1), text))

        page.extract_text(visitor_text=visit)
        pages.append(pieces)
    return pages


def assert_same_as_fresh(data: bytes, report: object, brief: Brief) -> None:
    fresh, fresh_report = write_pdf_with_layout(compose(brief), mark_budget=True)
    assert report == fresh_report
    ours, theirs = placed_text(data), placed_text(fresh)
    assert len(ours) == len(theirs)
    for number, (a, b) in enumerate(zip(ours, theirs, strict=True), start=1):
        assert a == b, f"page {number} differs"
    assert outline(data) == outline(fresh)
    assert links_by_page(data) == links_by_page(fresh)


# ------------------------------------------------------------------ the brief


def base_brief() -> Brief:
    """About eight pages: text, lists, boxes, tables, and citations (notes
    at the foot of the page in the policy brief template)."""
    b = generated_brief(8)
    b.template = "policy-brief"
    source = b.sources()[0].id
    for i, section in enumerate(b.sections):
        if isinstance(section.content, TextContent) and i % 3 == 0:
            first = section.content.blocks[0]
            if isinstance(first, Paragraph):
                first.runs.append(Run("1", cite=(source,)))
    return b


def _text_sections(b: Brief) -> list[Section]:
    return [s for s in b.sections if isinstance(s.content, TextContent)]


def _words(n: int) -> str:
    return " ".join((FILLER * (n // 10 + 1)).split()[:n]) or "x"


# Each edit: (brief, a number to choose where, a number to choose how much).
Edit = Callable[[Brief, int, int], None]


def _block(b: Brief, where: int) -> tuple[list, int]:
    sections = _text_sections(b)
    blocks = sections[where % len(sections)].content.blocks
    return blocks, (where // len(sections)) % max(1, len(blocks))


def set_text(b: Brief, where: int, size: int) -> None:
    blocks, i = _block(b, where)
    if blocks and isinstance(blocks[i], Paragraph):
        blocks[i] = Paragraph([Run(_words(size))])
    else:
        blocks.insert(i, Paragraph([Run(_words(size))]))


def type_a_word(b: Brief, where: int, size: int) -> None:
    blocks, i = _block(b, where)
    if blocks and isinstance(blocks[i], Paragraph):
        runs = blocks[i].runs
        blocks[i] = Paragraph([*runs[:-1], Run(runs[-1].text + " word" * (size % 4 + 1))])


def insert_paragraph(b: Brief, where: int, size: int) -> None:
    blocks, i = _block(b, where)
    blocks.insert(i, Paragraph([Run(_words(size), bold=size % 2 == 0)]))


def delete_block(b: Brief, where: int, _size: int) -> None:
    blocks, i = _block(b, where)
    if len(blocks) > 1:
        del blocks[i]


def insert_list(b: Brief, where: int, size: int) -> None:
    blocks, i = _block(b, where)
    items = [[Run(_words(size // 3 + 2))] for _ in range(size % 6 + 1)]
    blocks.insert(i, ListBlock(ListStyle.BULLET if size % 2 else ListStyle.NUMBERED, items))


def insert_callout(b: Brief, where: int, size: int) -> None:
    blocks, i = _block(b, where)
    blocks.insert(i, Callout("Did you know?", [Paragraph([Run(_words(size))])]))


def cite_here(b: Brief, where: int, size: int) -> None:
    blocks, i = _block(b, where)
    if blocks and isinstance(blocks[i], Paragraph):
        source = b.sources()[0].id
        runs = blocks[i].runs
        blocks[i] = Paragraph([*runs, Run(_words(size % 9 + 1)), Run("1", cite=(source,))])


def change_the_source(b: Brief, _where: int, size: int) -> None:
    """Every note's text changes; no block's does."""
    b.sources()[0].text = _words(size % 40 + 2)


def retitle(b: Brief, where: int, size: int) -> None:
    section = b.sections[where % len(b.sections)]
    section.title = _words(size % 12 + 1)


def move_section(b: Brief, where: int, size: int) -> None:
    i, j = where % (len(b.sections) - 1), size % (len(b.sections) - 1)
    b.sections.insert(j, b.sections.pop(i))  # the sources stay last


def edit_table(b: Brief, where: int, size: int) -> None:
    tables = [s for s in b.sections if isinstance(s.content, TableContent)]
    if tables:
        content = tables[where % len(tables)].content
        row = content.rows[size % len(content.rows)]
        row[1] = [Run(_words(size))]


_SCRIPTS = "Кириллица ελληνικά 中文字符 🙂 ǆ ﬁ\u00ad\u200b "


def insert_other_scripts(b: Brief, where: int, size: int) -> None:
    """Characters from other scripts (a fallback font, new font subsets)."""
    blocks, i = _block(b, where)
    blocks.insert(i, Paragraph([Run(_SCRIPTS * (size % 7 + 1)), Run(_words(size % 30))]))


def insert_long_table(b: Brief, where: int, size: int) -> None:
    """A table that runs over pages, its heading kept with it."""
    rows = [[[Run(f"Row {r}")], [Run(_words(size % 25 + 3))]] for r in range(size % 90 + 10)]
    content = TableContent(caption="Long", columns=["Item", "Text"], rows=rows, source=[])
    section = Section(SectionKind.CUSTOM_TABLE, "Long table", content)
    b.sections.insert(where % (len(b.sections) - 1), section)


def switch_template(b: Brief, where: int, _size: int) -> None:
    b.template = ["policy-brief", "briefing-note", "meeting-brief"][where % 3]


def change_marking(b: Brief, where: int, _size: int) -> None:
    b.metadata.marking = ["OFFICIAL", "OFFICIAL-SENSITIVE", "SECRET"][where % 3]


EDITS: list[Edit] = [
    set_text,
    type_a_word,
    insert_paragraph,
    delete_block,
    insert_list,
    insert_callout,
    cite_here,
    change_the_source,
    retitle,
    move_section,
    edit_table,
    insert_other_scripts,
    insert_long_table,
    switch_template,
    change_marking,
]
_EDIT = st.tuples(st.sampled_from(EDITS), st.integers(0, 10_000), st.integers(0, 400))


# ------------------------------------------------------------------ tests


@settings(max_examples=25)
@given(edits=st.lists(_EDIT, min_size=1, max_size=5))
def test_incremental_preview_is_the_fresh_render_page_by_page(edits: list) -> None:
    b = base_brief()
    pdf = IncrementalPdf()
    pdf.render(compose(b))
    for edit, where, size in edits:
        edit(b, where, size)
        data, report = pdf.render(compose(b))
        assert pdf.stats is not None  # made incrementally, not by the fallback
        assert_same_as_fresh(data, report, b)


@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__)
def test_each_kind_of_edit_in_the_sample(edit: Edit) -> None:
    b = load_sample()
    pdf = IncrementalPdf()
    pdf.render(compose(b))
    for where, size in ((0, 5), (7, 120), (3, 1)):
        edit(b, where, size)
        data, report = pdf.render(compose(b))
        assert_same_as_fresh(data, report, b)


def test_a_small_edit_in_a_long_brief_lays_out_a_few_pages() -> None:
    b = generated_brief(50)
    pdf = IncrementalPdf()
    pdf.render(compose(b))
    assert pdf.stats is not None and pdf.stats.laid_out == pdf.stats.pages
    blocks = _text_sections(b)[40].content.blocks
    blocks.insert(1, Paragraph([Run("A sentence the author has just typed.")]))
    data, report = pdf.render(compose(b))
    assert_same_as_fresh(data, report, b)
    stats = pdf.stats
    assert stats is not None and stats.pages >= 50
    assert stats.laid_out <= 5
    assert stats.reused_before + stats.laid_out + stats.reused_after == stats.pages


def test_the_same_brief_again_lays_out_nothing() -> None:
    b = load_sample()
    pdf = IncrementalPdf()
    first, _ = pdf.render(compose(b))
    again, _ = pdf.render(compose(b))
    assert pdf.stats is not None and pdf.stats.laid_out == 0
    assert placed_text(first) == placed_text(again)


def test_a_brief_that_cannot_be_drawn_fails_as_a_fresh_render_does() -> None:
    b = load_sample()
    pdf = IncrementalPdf()
    pdf.render(compose(b))
    tree = compose(b)
    tree.blocks.append(object())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        pdf.render(tree)
    tree.blocks.pop()
    data, report = pdf.render(tree)
    assert_same_as_fresh(data, report, b)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_pages_drawn_again_look_as_a_fresh_render_draws_them(tmp_path) -> None:
    """Page images, pixel for pixel: pages kept before and after the edit
    (boxes, tables, rules, the budget mark) and the ones laid out again."""
    from PIL import Image, ImageChops

    from tests.test_pdf_one_pass import _images

    b = generated_brief(12)
    pdf = IncrementalPdf()
    pdf.render(compose(b))
    sections = _text_sections(b)
    sections[len(sections) // 2].content.blocks.insert(1, Paragraph([Run(_words(60))]))
    data, _report = pdf.render(compose(b))
    stats = pdf.stats
    assert stats is not None and stats.reused_before > 0 and stats.reused_after > 0
    fresh, _ = write_pdf_with_layout(compose(b), mark_budget=True)
    ours, theirs = _images(data, tmp_path, "ours"), _images(fresh, tmp_path, "fresh")
    assert len(ours) == len(theirs) == stats.pages
    for a, b_ in zip(ours, theirs, strict=True):
        left, right = (
            Image.open(io.BytesIO(a)).convert("RGB"),
            Image.open(io.BytesIO(b_)).convert("RGB"),
        )
        assert ImageChops.difference(left, right).getbbox() is None
