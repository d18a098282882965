"""A new brief laid out by a template: its sections, headings and prompts."""

from __future__ import annotations

from briefing_app.compose.composer import template_context
from briefing_app.model.brief import (
    Brief,
    Metadata,
    PageSize,
    Section,
    SectionKind,
    TableContent,
    TextContent,
)
from briefing_app.model.text import Paragraph, Run
from briefing_app.templating import Template


def brief_from_template(template: Template, page_size: PageSize | None = None) -> Brief:
    """One section per kind the template expects, in its order, each titled
    with the template's heading and starting with its prompt as text to
    replace. ``page_size`` overrides the template's (the author's default)."""
    brief = Brief(
        metadata=Metadata(marking=template.default_marking),
        page_size=page_size or template.style.page_size,
        template=template.id,
    )
    context = template_context(brief, template)
    for kind in template.expected:
        heading = template.headings.get(kind)
        title = (template.render(heading, context).strip() if heading else "") or kind.label
        section = Section.new(kind, title)
        prompt_piece = template.prompts.get(kind)
        prompt = template.render(prompt_piece, context).strip() if prompt_piece else ""
        if prompt:
            _start_with(section, prompt)
        brief.sections.append(section)
    if not brief.sections:
        # A template that expects nothing still gives the author somewhere to write.
        brief.sections.append(Section.new(SectionKind.CUSTOM_TEXT))
    return brief


def _start_with(section: Section, prompt: str) -> None:
    content = section.content
    if isinstance(content, TextContent):
        section.content = TextContent([Paragraph([Run(prompt)])])
    elif isinstance(content, TableContent) and content.rows and content.rows[0]:
        # A table's prompt goes in its first cell, where the author starts typing.
        rows = [list(row) for row in content.rows]
        rows[0][0] = [Run(prompt)]
        section.content = TableContent(content.caption, list(content.columns), rows)
    # A sources list has nowhere to hold a prompt: it starts empty.
