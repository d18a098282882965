"""PDF and Word say the same thing: both read back and compared with the brief."""

from __future__ import annotations

import dataclasses
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from briefing_app.compose import compose
from briefing_app.compose.composer import NEEDS_SOURCE_TAG
from briefing_app.document.nodes import inline_text
from briefing_app.export import export_brief, render
from briefing_app.model import (
    Brief,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourcesContent,
    TableContent,
    TextContent,
    clean_text,
)
from briefing_app.writers.pdf_fonts import missing_characters
from briefing_app.writers.registry import PDF, WORD, formats
from tests.builders import brief, table_section
from tests.docx_text import body_text
from tests.pdf_text import body_of_pages, no_space, pages_text, squash

CITE = "\x00"  # where a citation stands in runs_text


def runs_text(runs: list[Run], *, draft: bool = False) -> str:
    """The text a reader sees for ``runs``: in a draft, one "needs source" tag
    after each stretch of marked runs. A citation is CITE: the exports print
    it as a note number (their own tests read those), so the text is
    compared piece by piece around it."""
    out = []
    for i, r in enumerate(runs):
        out.append(CITE if r.cite else r.text)
        last_marked = r.needs_source and (i + 1 == len(runs) or not runs[i + 1].needs_source)
        if last_marked and draft:
            out.append(NEEDS_SOURCE_TAG)
    return "".join(out)


def outputs(b: Brief) -> tuple[str, str]:
    """(PDF text without page furniture, Word body text), whitespace-normalised."""
    tree = compose(b)
    pdf = squash(" ".join(body_of_pages(render(tree, PDF), tree)))
    word = squash(" ".join(body_text(render(tree, WORD))))
    return pdf, word


from briefing_app.model.pictures import Figure  # noqa: E402


def section_strings(section: Section) -> list[str]:
    """Every string of a section a reader must find in the export."""
    content = section.content
    out = [section.title]
    if isinstance(content, TextContent):
        for block in content.blocks:
            if isinstance(block, Paragraph):
                out.append(runs_text(block.runs))
            elif hasattr(block, "items"):
                out += [runs_text(item) for item in block.items]
            elif isinstance(block, Figure):
                out += [block.caption, runs_text(block.source)]
            else:
                out.append(block.title)
                for inner in block.blocks:
                    if isinstance(inner, Paragraph):
                        out.append(runs_text(inner.runs))
                    else:
                        out += [runs_text(item) for item in inner.items]
    elif isinstance(content, TableContent):
        out += [content.caption, *content.columns]
        out += [runs_text(cell) for row in content.rows for cell in row]
        out.append(runs_text(content.source))
    elif isinstance(content, SourcesContent):
        for item in content.items:
            out += [item.text, item.url]
    return [squash(piece) for s in out for piece in s.split(CITE) if piece.strip()]


def test_sample_exports_carry_every_included_section_and_nothing_excluded(sample) -> None:
    pdf, word = outputs(sample)
    included = [s for s in sample.sections if s.included]
    excluded = [s for s in sample.sections if not s.included]
    assert len(included) == 7 and excluded
    for section in included:
        for text in section_strings(section):
            assert text in pdf, f"PDF lacks {text!r}"
            assert text in word, f"Word lacks {text!r}"
    charted = {f.chart.table for f in sample.figures() if f.chart is not None}
    for section in excluded:
        if section.id in charted:
            continue  # a chart prints its numbers (as words in the PDF, a picture in Word)
        for text in section_strings(section):
            assert text not in pdf and text not in word, text


def test_sample_title_block_and_figures(sample) -> None:
    pdf, word = outputs(sample)
    for text in (sample.metadata.title, sample.metadata.reference, "52", "37,000", "1,000"):
        assert text in pdf and text in word


def test_excluding_a_section_removes_it_from_both(sample) -> None:
    context = next(s for s in sample.sections if s.kind is SectionKind.CONTEXT)
    context.included = False
    pdf, word = outputs(sample)
    for text in section_strings(context):
        assert text not in pdf and text not in word


def test_reordering_sections_reorders_both(sample) -> None:
    sample.sections.reverse()
    pdf, word = outputs(sample)
    titles = [s.title for s in sample.sections if s.included]
    for text in (pdf, word):
        positions = [text.index(t) for t in titles]
        assert positions == sorted(positions)


def test_export_writes_through_the_atomic_helper(tmp_path, sample) -> None:
    for fmt in formats():
        report = export_brief(sample, tmp_path / f"brief{fmt.suffix}")
        assert report.path.exists() and report.size == report.path.stat().st_size
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.docx", "brief.html", "brief.pdf"]


# Characters the embedded font can draw (others are reported, see test_pdf_writer),
# without invisible format characters, which no extractor returns, and without
# right-to-left letters: reportlab draws text in stored order with no bidi
# reordering, and text extractors reorder it (a known limit, see README).
_DRAWABLE = st.characters(
    codec="utf-8",
    exclude_categories=("Cs", "Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Mn", "Me", "Mc"),
).filter(
    lambda ch: (
        not missing_characters([ch]) and unicodedata.bidirectional(ch) not in ("R", "AL", "AN")
    )
)
_TEXT = st.text(_DRAWABLE, min_size=1, max_size=40).map(clean_text).filter(str.strip)


@given(title=_TEXT, paragraph=_TEXT, cell=_TEXT, heading=_TEXT)
def test_arbitrary_text_comes_back_out_of_both_formats(
    title: str, paragraph: str, cell: str, heading: str
) -> None:
    text = Section(SectionKind.CONTEXT, heading, TextContent([Paragraph([Run(paragraph)])]))
    table = table_section("Table", ["Column"], [[cell]])
    b = brief(text, table)
    b.metadata = dataclasses.replace(b.metadata, title=title)
    tree = compose(b)
    pdf = no_space(" ".join(pages_text(render(tree, PDF))))
    word = no_space(" ".join(body_text(render(tree, WORD))))
    for expected in (title, paragraph, cell, heading):
        assert no_space(expected) in pdf
        assert no_space(expected) in word
    # The tree itself carried the text unchanged.
    assert any(inline_text(getattr(n, "inlines", ())) == paragraph for n in tree.blocks)


def test_the_needs_source_mark_prints_only_in_a_draft(sample) -> None:
    release = next(s for s in sample.sections if s.title == "Release details")
    assert isinstance(release.content, TextContent)
    marked = release.content.blocks[0]
    assert isinstance(marked, Paragraph)
    final, draft = compose(sample), compose(sample, draft=True)
    for tree, tagged in ((final, False), (draft, True)):
        pdf = squash(" ".join(body_of_pages(render(tree, PDF), tree)))
        word = squash(" ".join(body_text(render(tree, WORD))))
        expected = squash(runs_text(marked.runs, draft=tagged))
        assert expected in pdf and expected in word
        assert (NEEDS_SOURCE_TAG.strip() in pdf) is tagged
        assert (NEEDS_SOURCE_TAG.strip() in word) is tagged
    assert not any(t.highlight for b in final.blocks for t in _inlines(b))
    assert any(t.highlight for b in draft.blocks for t in _inlines(b))
    assert draft.draft == "DRAFT" and final.draft == ""


def _inlines(block):
    from briefing_app.document.nodes import Para

    return block.inlines if isinstance(block, Para) else ()
