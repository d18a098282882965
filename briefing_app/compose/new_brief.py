"""A new brief laid out by a template, and the prompts its sections show.

A template's prompt ("Three to five points a reader can act on...") is
guidance, not content: a new brief's sections start empty, and the editor
shows the prompt greyed in an empty section (see :func:`section_prompt`).
So a prompt never prints, never counts as words, and never has to be
deleted by hand.
"""

from __future__ import annotations

from briefing_app.compose.composer import template_context
from briefing_app.errors import TemplateError
from briefing_app.model.brief import Brief, Metadata, PageSize, Section, SectionKind
from briefing_app.templating import Template


def brief_from_template(template: Template, page_size: PageSize | None = None) -> Brief:
    """One empty section per kind the template expects, in its order, each
    titled with the template's heading. ``page_size`` overrides the
    template's (the author's default)."""
    brief = Brief(
        metadata=Metadata(marking=template.default_marking),
        page_size=page_size or template.style.page_size,
        template=template.id,
    )
    context = template_context(brief, template)
    for kind in template.expected:
        heading = template.headings.get(kind)
        title = (template.render(heading, context).strip() if heading else "") or kind.label
        brief.sections.append(Section.new(kind, title))
    if not brief.sections:
        # A template that expects nothing still gives the author somewhere to write.
        brief.sections.append(Section.new(SectionKind.CUSTOM_TEXT))
    return brief


def section_prompt(template: Template, brief: Brief, kind: SectionKind) -> str:
    """The template's guidance for a section of ``kind`` ("" if it has none),
    to show greyed while the section is empty."""
    piece = template.prompts.get(kind)
    if piece is None:
        return ""
    try:
        return " ".join(template.render(piece, template_context(brief, template)).split())
    except TemplateError:
        # A prompt is only a hint: one that fails to render shows nothing
        # (the template was checked when it loaded, so this is rare).
        return ""
