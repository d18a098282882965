"""Where a brief uses its facts, and changing those uses all at once.

Text and table cells refer to a fact by name (a run with ``fact`` set). These
functions find and change such references through the one content walker,
so they reach every place text can be.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from briefing_app.model.brief import Brief, SectionContent
from briefing_app.model.facts import fact_key
from briefing_app.model.text import Run
from briefing_app.model.walk import brief_texts, map_content


def fact_uses(brief: Brief) -> dict[str, list[str]]:
    """Fact key -> titles of the sections that use it, in order."""
    uses: dict[str, list[str]] = {}
    for piece in brief_texts(brief, properties=False):
        for run in piece.runs or ():
            if run.fact:
                titles = uses.setdefault(fact_key(run.fact), [])
                if piece.place.section_title not in titles:
                    titles.append(piece.place.section_title)
    return uses


@dataclass(frozen=True, slots=True)
class UnknownFact:
    """A use of a fact that the facts table does not hold."""

    name: str  # as written in the text
    sections: tuple[str, ...]  # titles of the sections that use it


def unknown_facts(brief: Brief) -> list[UnknownFact]:
    """Facts the text uses that are not in the facts table, each once."""
    known = set(brief.fact_values())
    names: dict[str, str] = {}
    for piece in brief_texts(brief, properties=False):
        for run in piece.runs or ():
            if run.fact and fact_key(run.fact) not in known:
                names.setdefault(fact_key(run.fact), run.fact)
    uses = fact_uses(brief)
    return [UnknownFact(name, tuple(uses[key])) for key, name in names.items()]


def describe_unknown(unknown: list[UnknownFact]) -> str:
    """One plain sentence naming each unknown fact and where it is used."""
    parts = []
    for fact in unknown:
        where = ", ".join(f"'{title}'" for title in fact.sections)
        parts.append(f"'{fact.name}' (in {where})")
    one = len(unknown) == 1
    return (
        f"The brief uses {'a fact' if one else 'facts'} that {'is' if one else 'are'} not in "
        f"its facts table: {'; '.join(parts)}. Add {'it' if one else 'them'} under Facts, or "
        f"remove {'it' if one else 'them'} from the text."
    )


def change_fact_runs(content: SectionContent, change: Callable[[Run], Run]) -> SectionContent:
    """``content`` with ``change(run)`` applied to every fact reference in its
    text and table cells; the same object if nothing changed."""
    return map_content(content, lambda runs: [change(r) if r.fact else r for r in runs])


def with_fact_values(content: SectionContent, values: dict[str, str]) -> SectionContent:
    """``content`` with every fact reference showing the fact's current
    value (unknown facts keep their text); the same object if nothing changed."""

    def show(run: Run) -> Run:
        value = values.get(fact_key(run.fact))
        return run if value is None else dataclasses.replace(run, text=value)

    return change_fact_runs(content, show)


def without_fact(content: SectionContent, name: str) -> SectionContent:
    """``content`` with the uses of the fact ``name`` turned into plain text
    (the value they show now, with their other marks)."""
    key = fact_key(name)
    return change_fact_runs(
        content, lambda run: dataclasses.replace(run, fact="") if fact_key(run.fact) == key else run
    )


def with_fact_renamed(content: SectionContent, old: str, new: str) -> SectionContent:
    """``content`` with the uses of the fact ``old`` referring to ``new``."""
    key = fact_key(old)
    return change_fact_runs(
        content,
        lambda run: dataclasses.replace(run, fact=new) if fact_key(run.fact) == key else run,
    )
