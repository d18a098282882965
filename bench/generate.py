"""Generated briefs of a given length, for benchmarks and scale tests."""

from __future__ import annotations

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

_SENTENCE = (
    "The delegation met officials from the ministry to discuss the next steps of the "
    "programme, the timetable for reporting and the points that remain open. "
)
# One "unit" (a text section, with a table every fourth unit) fills about
# 0.45 of an A4 page in the house style (measured: 200 -> about 200 pages).
UNITS_PER_PAGE = 2.2


def _unit(i: int) -> list[Section]:
    blocks: list = [
        Paragraph([Run(_SENTENCE * 3)]),
        Paragraph(
            [Run(_SENTENCE, bold=i % 3 == 0), Run(_SENTENCE, italic=True), Run("see the source.")]
        ),
        ListBlock(
            ListStyle.NUMBERED, [[Run(f"Step {n} of section {i + 1}.")] for n in range(1, 4)]
        ),
    ]
    if i % 5 == 0:
        blocks.append(Callout("Analyst's note", [Paragraph([Run(_SENTENCE)])]))
    sections = [Section(SectionKind.CUSTOM_TEXT, f"Section {i + 1}", TextContent(blocks))]
    if i % 4 == 3:
        rows = [[[Run(f"Item {r}")], [Run(_SENTENCE[:70])], [Run(str(r * 17))]] for r in range(8)]
        sections.append(
            Section(
                SectionKind.CUSTOM_TABLE,
                f"Figures {i + 1}",
                TableContent(
                    caption=f"Figures for section {i + 1}",
                    columns=["Item", "Description", "Value"],
                    rows=rows,
                    source=[Run("Internal figures")],
                ),
            )
        )
    return sections


def generated_brief(pages: int) -> Brief:
    """A brief of about ``pages`` A4 pages: text, lists, callouts and tables."""
    sections: list[Section] = []
    for i in range(max(1, round(pages * UNITS_PER_PAGE))):
        sections += _unit(i)
    sources = SourcesContent([SourceEntry("Example source", "https://example.org")])
    sections.append(Section(SectionKind.SOURCES, "Sources", sources))
    meta = Metadata(title=f"Generated brief ({pages} pages)", reference="BENCH-1")
    return Brief(metadata=meta, sections=sections)
