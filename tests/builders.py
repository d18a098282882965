"""Small helpers to build briefs in tests."""

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

FILLER = (
    "The delegation met officials from the ministry to discuss the next steps of the "
    "programme, the timetable for reporting and the points still open. "
)


def text_section(title: str, *paragraphs: str, kind: SectionKind = SectionKind.CUSTOM_TEXT):
    blocks = [Paragraph([Run(p)]) for p in paragraphs]
    return Section(kind=kind, title=title, content=TextContent(blocks))


def table_section(title: str, columns: list[str], rows: list[list[str]], source: str = ""):
    content = TableContent(
        caption=title,
        columns=columns,
        rows=[[[Run(c)] if c else [] for c in row] for row in rows],
        source=[Run(source)] if source else [],
    )
    return Section(kind=SectionKind.CUSTOM_TABLE, title=title, content=content)


def brief(*sections: Section, marking: str = "OFFICIAL-SENSITIVE", **meta: object) -> Brief:
    metadata = Metadata(title=str(meta.pop("title", "Test brief")), marking=marking, **meta)  # type: ignore[arg-type]
    return Brief(metadata=metadata, sections=list(sections))


def long_brief(pages: int) -> Brief:
    """About ``pages`` A4 pages of text sections, lists and tables."""
    sections: list[Section] = []
    for i in range(pages):
        blocks = [Paragraph([Run(FILLER * 3)]), Paragraph([Run(FILLER * 2, italic=i % 2 == 0)])]
        blocks.append(
            ListBlock(ListStyle.NUMBERED, [[Run(f"Step {n} of section {i}")] for n in range(1, 4)])
        )
        if i % 5 == 0:
            blocks.append(Callout("Note", [Paragraph([Run(FILLER)])]))
        sections.append(Section(SectionKind.CUSTOM_TEXT, f"Section {i + 1}", TextContent(blocks)))
        if i % 4 == 3:
            sections.append(
                table_section(
                    f"Figures {i}",
                    ["Item", "Description", "Value"],
                    [[f"Item {r}", FILLER[:60], str(r * 17)] for r in range(8)],
                    "Internal figures",
                )
            )
    sections.append(
        Section(
            SectionKind.SOURCES,
            "Sources",
            SourcesContent([SourceEntry("Example source", "https://example.org")]),
        )
    )
    return brief(*sections)


def uncited_sample() -> Brief:
    """The sample as it was before it cited its sources: for tests of a
    brief without citations (no notes, every source printed in list order)."""
    from briefing_app.model.cite_refs import keep_citations
    from briefing_app.sample import load_sample

    b = load_sample()
    for section in b.sections:
        section.content = keep_citations(section.content, lambda _source: False)
    return b
