"""Facts defined once (52 released, over 1,000 still held) and used in many
places: text and table cells refer to a fact by name, and every export
prints its current value."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.model.text import clean_text

MAX_FACT_NAME = 60


@dataclass(slots=True)
class Fact:
    name: str
    value: str
    as_of: str = ""  # free text or a date, e.g. "26 October 2025"
    source: str = ""

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, multiline=False).strip()
        self.value = clean_text(self.value, multiline=False)
        self.as_of = clean_text(self.as_of, multiline=False)
        self.source = clean_text(self.source, multiline=False)


def fact_key(name: str) -> str:
    """Fact names match without regard to case or spacing."""
    return " ".join(name.casefold().split())


def name_problem(name: str, taken: set[str]) -> str:
    """Why ``name`` cannot name a new fact, in plain words ("" if it can)."""
    if not name.strip():
        return "A fact needs a name."
    if len(name) > MAX_FACT_NAME:
        return f"A fact's name can be at most {MAX_FACT_NAME} characters long."
    if fact_key(name) in taken:
        return f"There is already a fact called '{name.strip()}'."
    return ""


def fact_uses(brief) -> dict[str, list[str]]:  # brief: Brief (import cycle)
    """Fact key -> titles of the sections that use it, in order."""
    from briefing_app.model.brief import TableContent, TextContent
    from briefing_app.model.text import Callout, ListBlock, Paragraph

    uses: dict[str, list[str]] = {}

    def note(runs, title: str) -> None:
        for run in runs:
            if run.fact:
                titles = uses.setdefault(fact_key(run.fact), [])
                if title not in titles:
                    titles.append(title)

    def block(b, title: str) -> None:
        if isinstance(b, Paragraph):
            note(b.runs, title)
        elif isinstance(b, ListBlock):
            for item in b.items:
                note(item, title)
        elif isinstance(b, Callout):
            for inner in b.blocks:
                block(inner, title)

    for section in brief.sections:
        content = section.content
        if isinstance(content, TextContent):
            for b in content.blocks:
                block(b, section.title)
        elif isinstance(content, TableContent):
            for row in content.rows:
                for cell in row:
                    note(cell, section.title)
            note(content.source, section.title)
    return uses


def change_fact_runs(content, change):
    """``content`` with ``change(run)`` applied to every fact reference in
    its text and table cells; the same object if nothing changed.

    ``content`` is a section's content and ``change`` maps a Run to a Run
    (typed loosely: model.brief imports this module)."""
    from briefing_app.model.brief import TableContent, TextContent
    from briefing_app.model.text import Callout, ListBlock, Paragraph

    changed = False

    def runs(items):
        nonlocal changed
        out = []
        for run in items:
            if run.fact:
                new = change(run)
                if new != run:
                    run = new
                    changed = True
            out.append(run)
        return out

    def block(b):
        if isinstance(b, Paragraph):
            return Paragraph(runs(b.runs))
        if isinstance(b, ListBlock):
            return ListBlock(b.style, [runs(i) for i in b.items])
        if isinstance(b, Callout):
            return Callout(b.title, [block(x) for x in b.blocks])
        return b

    if isinstance(content, TextContent):
        new = TextContent([block(b) for b in content.blocks])
    elif isinstance(content, TableContent):
        new = TableContent(
            caption=content.caption,
            columns=list(content.columns),
            rows=[[runs(cell) for cell in row] for row in content.rows],
            source=runs(content.source),
        )
    else:
        return content
    return new if changed else content


def with_fact_values(content, values: dict[str, str]):
    """``content`` with every fact reference showing the fact's current
    value (unknown facts keep their text); the same object if nothing changed."""
    import dataclasses

    def show(run):
        value = values.get(fact_key(run.fact))
        return run if value is None else dataclasses.replace(run, text=value)

    return change_fact_runs(content, show)


def without_fact(content, name: str):
    """``content`` with the uses of the fact ``name`` turned into plain text
    (the value they show now, with their other marks)."""
    import dataclasses

    key = fact_key(name)
    return change_fact_runs(
        content, lambda run: dataclasses.replace(run, fact="") if fact_key(run.fact) == key else run
    )


def with_fact_renamed(content, old: str, new: str):
    """``content`` with the uses of the fact ``old`` referring to ``new``."""
    import dataclasses

    key = fact_key(old)
    return change_fact_runs(
        content,
        lambda run: dataclasses.replace(run, fact=new) if fact_key(run.fact) == key else run,
    )
