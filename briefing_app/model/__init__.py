"""The brief as data. Nothing here imports Qt."""

from briefing_app.model.brief import (
    COMMON_MARKINGS,
    DEFAULT_TEMPLATE,
    Brief,
    Metadata,
    PageSize,
    Section,
    SectionContent,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.facts import Fact
from briefing_app.model.text import (
    CALLOUT_TITLES,
    Block,
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    clean_text,
)

__all__ = [
    "CALLOUT_TITLES",
    "COMMON_MARKINGS",
    "DEFAULT_TEMPLATE",
    "Block",
    "Brief",
    "Callout",
    "Fact",
    "ListBlock",
    "ListStyle",
    "Metadata",
    "PageSize",
    "Paragraph",
    "Run",
    "Section",
    "SectionContent",
    "SectionKind",
    "SourceEntry",
    "SourcesContent",
    "TableContent",
    "TextContent",
    "clean_text",
]
