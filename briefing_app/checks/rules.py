"""The rules of the check before sending, one function each.

A rule reads the brief (through the content walker), the template, and
where it needs them the composed tree and the renderer's page figures, and
yields findings. Rules never change anything.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from briefing_app.checks.findings import Finding
from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document
from briefing_app.errors import ChartError
from briefing_app.model.brief import Brief, Section, SourcesContent, TextContent
from briefing_app.model.chart_data import chart_data
from briefing_app.model.cite_refs import cite_uses
from briefing_app.model.fact_refs import unknown_facts
from briefing_app.model.pictures import Figure
from briefing_app.model.walk import Field, Place, TextPiece, content_texts
from briefing_app.templating import Template

#: A fact older than this (by its "as of" date) is worth a look, unless the
#: template sets its own limit.
DEFAULT_FACT_MAX_AGE_DAYS = 365
_QUOTE_CHARS = 80


@dataclass(frozen=True, slots=True)
class Context:
    brief: Brief
    template: Template
    tree: Document | None  # None when the brief cannot be composed
    today: _dt.date
    # How the brief lays out, from a real render (None: not rendered).
    layout: LayoutReport | None = None


Rule = Callable[[Context], Iterator[Finding]]


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_CHARS else text[: _QUOTE_CHARS - 1] + "…"


def _finding(
    kind: str, message: str, section: Section | None, piece: TextPiece | None = None, **detail
) -> Finding:
    return Finding(
        kind,
        message,
        section.id if section else None,
        section.title if section else None,
        piece.place.describe() if piece else "",
        detail,
        piece.place if piece else None,
        piece.text if piece else "",
    )


def _pieces(brief: Brief) -> Iterator[tuple[Section, TextPiece]]:
    """Every piece of text in the included sections (titles aside)."""
    for section in brief.included_sections():
        for piece in content_texts(section.content, section):
            yield section, piece


def _marked_stretches(piece: TextPiece) -> list[str]:
    """The text of each stretch of runs marked "needs source"."""
    stretches: list[str] = []
    inside = False
    for run in piece.runs or ():
        if run.needs_source and inside:
            stretches[-1] += run.text
        elif run.needs_source:
            stretches.append(run.text)
        inside = run.needs_source
    return [s for s in stretches if s.strip()]


def needs_source(ctx: Context) -> Iterator[Finding]:
    for section, piece in _pieces(ctx.brief):
        for marked in _marked_stretches(piece):
            yield _finding(
                "needs_source",
                f"'{_quote(marked)}' is marked as needing a source.",
                section,
                piece,
            )


def unknown_fact(ctx: Context) -> Iterator[Finding]:
    by_title = {s.title: s for s in ctx.brief.sections}
    for fact in unknown_facts(ctx.brief):
        for title in fact.sections:
            section = by_title.get(title)
            if section is not None and section.included:
                yield _finding(
                    "unknown_fact",
                    f"The fact '{fact.name}' is not in the facts table: add it under Facts, "
                    "or remove it from the text.",
                    section,
                    fact=fact.name,
                )


def broken_link(ctx: Context) -> Iterator[Finding]:
    if ctx.tree is None:
        return
    by_title = {s.title: s for s in ctx.brief.included_sections()}
    for link in ctx.tree.dropped_links:
        section = by_title.get(link.heading)
        yield Finding(
            "broken_link",
            f"The link '{_quote(link.text)}' points to a section this template does not "
            "print; it prints as plain text.",
            section.id if section else None,
            link.heading or None,
            detail={"target": link.target},
        )


def page_budget(ctx: Context) -> Iterator[Finding]:
    layout = ctx.layout
    if layout is None or not layout.over_budget:
        return
    lines = f"{layout.lines_over} line{'s' if layout.lines_over != 1 else ''}"
    pages = f"{layout.budget} page{'s' if layout.budget != 1 else ''}"
    yield Finding(
        "page_budget",
        f"The brief runs to {layout.pages} pages, {lines} over the template's budget of "
        f"{pages}: shorten it, or leave a section out.",
        detail={"pages": layout.pages, "budget": layout.budget, "lines_over": layout.lines_over},
    )


def marking(ctx: Context) -> Iterator[Finding]:
    if not ctx.brief.metadata.marking.strip():
        yield Finding(
            "marking",
            "The brief has no protective marking (such as OFFICIAL): choose one under Properties.",
        )


def placeholder(ctx: Context) -> Iterator[Finding]:
    from briefing_app.compose.composer import template_context

    context = template_context(ctx.brief, ctx.template)
    prompts = {
        " ".join(ctx.template.render(piece, context).split())
        for piece in ctx.template.prompts.values()
    }
    prompts.discard("")
    for section, piece in _pieces(ctx.brief):
        if " ".join(piece.text.split()) in prompts:
            yield _finding(
                "placeholder",
                f"The template's prompt '{_quote(piece.text)}' is still there: replace it "
                "with the brief's own text.",
                section,
                piece,
            )


def empty_section(ctx: Context) -> Iterator[Finding]:
    for section in ctx.brief.included_sections():
        if isinstance(section.content, SourcesContent):
            empty = not any(e.text.strip() for e in section.content.items)
        elif isinstance(section.content, TextContent) and any(
            isinstance(b, Figure) for b in section.content.blocks
        ):
            empty = False  # a figure says something with no words around it
        else:
            empty = not any(
                p.text.strip() or any(r.fact for r in p.runs or ())
                for p in content_texts(section.content, section)
                if p.place.field not in (Field.CAPTION, Field.COLUMN)
            )
        if empty:
            yield _finding(
                "empty_section",
                "The section is included but empty: write it, or leave it out of the brief.",
                section,
            )


def _value_pattern(value: str) -> re.Pattern[str]:
    # The value as a whole word or number: "52" in "52 people", not in "1952"
    # or "52.5".
    return re.compile(rf"(?<![\w.,]){re.escape(value)}(?!\w|[.,]\d)")


def literal_fact(ctx: Context) -> Iterator[Finding]:
    facts = [
        (f.name, f.value.strip(), _value_pattern(f.value.strip()))
        for f in ctx.brief.facts
        if len(f.value.strip()) >= 2  # "1" or "a" would match everywhere
    ]
    for section, piece in _pieces(ctx.brief):
        plain = " ".join(r.text for r in piece.runs or () if not r.fact)
        for name, value, pattern in facts:
            if pattern.search(plain):
                yield _finding(
                    "literal_fact",
                    f"'{value}' is typed as text, and the fact '{name}' holds this value: use "
                    "the fact, so the text follows when the figure changes.",
                    section,
                    piece,
                    fact=name,
                    value=value,
                )


_MONTH_FORMATS = ("%B %Y", "%b %Y")
_DAY_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%d/%m/%Y")


def as_of_date(text: str) -> _dt.date | None:
    """The date a fact's "as of" text names, at its latest ("October 2025" is
    31 October 2025); None when it names no date."""
    text = " ".join(text.replace(",", ", ").split()).strip(" .")
    for fmt in _DAY_FORMATS:
        try:
            return _dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    for fmt in _MONTH_FORMATS:
        try:
            first = _dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        following = (first.replace(day=28) + _dt.timedelta(days=4)).replace(day=1)
        return following - _dt.timedelta(days=1)
    if re.fullmatch(r"\d{4}", text):
        return _dt.date(int(text), 12, 31)
    return None


def stale_fact(ctx: Context) -> Iterator[Finding]:
    limit = getattr(ctx.template, "fact_max_age_days", None) or DEFAULT_FACT_MAX_AGE_DAYS
    for fact in ctx.brief.facts:
        when = as_of_date(fact.as_of)
        if when is not None and (ctx.today - when).days > limit:
            yield Finding(
                "stale_fact",
                f"The fact '{fact.name}' ({fact.value}) is as of {fact.as_of}, more than "
                f"{limit} days ago: check it against a current source.",
                detail={"fact": fact.name, "as_of": when.isoformat()},
            )


def sources(ctx: Context) -> Iterator[Finding]:
    """Sources nothing cites: a whole list (the brief does not link claims
    to sources) or single entries (they do not print unless asked for)."""
    cited = set(cite_uses(ctx.brief, included_only=True))
    for section in ctx.brief.included_sections():
        content = section.content
        if not isinstance(content, SourcesContent):
            continue
        entries = [e for e in content.items if e.text.strip()]
        if entries and not cited.intersection(e.id for e in entries):
            yield _finding(
                "uncited_source_section",
                "Nothing in the brief cites these sources: cite each after the claim it "
                "supports (Format > Cite source), so a reader can tell which claim rests on "
                "which report.",
                section,
            )
            continue
        for n, entry in enumerate(entries, start=1):
            if entry.id in cited:
                continue
            fate = (
                "it prints at the end of the list"
                if content.show_uncited
                else "it does not print (tick 'Print the sources nothing cites too' to print it)"
            )
            yield Finding(
                "unused_source",
                f"'{_quote(entry.text)}' is not cited anywhere: {fate}.",
                section.id,
                section.title,
                f"source {n}",
                {"source": entry.id},
            )


def spelling(ctx: Context) -> Iterator[Finding]:
    """Misspelt words (briefing_app/spelling), or why spelling was not checked."""
    from briefing_app.spelling import check as spell

    by_id = {s.id: s for s in ctx.brief.sections}
    for problem in spell.problems(ctx.brief, spell.suggestion_budget):
        place = problem.piece.place if problem.piece else None
        section = by_id.get(place.section_id) if place else None
        yield _finding("spelling", problem.message, section, problem.piece, **problem.detail)


def alt_text(ctx: Context) -> Iterator[Finding]:
    """A picture a reader who cannot see it learns nothing about: no alt
    text, and not marked decorative (a chart's alt text is proposed from
    its numbers, so a chart always has some)."""
    for section, piece in _pieces(ctx.brief):
        if piece.place.field is not Field.ALT_TEXT or piece.text:
            continue
        content = section.content
        assert isinstance(content, TextContent)
        figure = content.blocks[piece.place.block - 1]
        if isinstance(figure, Figure) and figure.needs_alt_text:
            caption = f" '{_quote(figure.caption)}'" if figure.caption else ""
            yield _finding(
                "alt_text",
                f"The picture{caption} has no alternative text: describe what it shows for "
                "readers who cannot see it, or mark it as decorative.",
                section,
                piece,
            )


def chart(ctx: Context) -> Iterator[Finding]:
    """A chart whose table is gone, or holds no numbers: exports refuse it."""
    for section in ctx.brief.included_sections():
        content = section.content
        if not isinstance(content, TextContent):
            continue
        for number, block in enumerate(content.blocks, start=1):
            if not isinstance(block, Figure) or block.chart is None:
                continue
            try:
                chart_data(ctx.brief, block.chart)
            except ChartError as exc:
                caption = f" '{_quote(block.caption)}'" if block.caption else ""
                yield _finding(
                    "chart",
                    f"The chart{caption} cannot be drawn: {exc}.",
                    section,
                    TextPiece(
                        Place(section.id, section.title, Field.FIGURE_CAPTION, number),
                        block.caption,
                    ),
                )


RULES: list[Rule] = [
    page_budget,
    marking,
    unknown_fact,
    needs_source,
    placeholder,
    broken_link,
    empty_section,
    sources,
    literal_fact,
    stale_fact,
    spelling,
    alt_text,
    chart,
]
