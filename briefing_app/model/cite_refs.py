"""Where a brief cites its sources, and changing those citations all at once.

Citations are runs with ``cite`` set (the ids of Sources entries). These
functions find and change them through the one content walker.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from briefing_app.model.brief import Brief, SectionContent
from briefing_app.model.text import Run
from briefing_app.model.walk import brief_texts, map_content


def cite_uses(brief: Brief, *, included_only: bool = False) -> dict[str, list[str]]:
    """Source id -> titles of the sections that cite it, in order."""
    uses: dict[str, list[str]] = {}
    for piece in brief_texts(brief, properties=False, included_only=included_only):
        for run in piece.runs or ():
            for source_id in run.cite:
                titles = uses.setdefault(source_id, [])
                if piece.place.section_title not in titles:
                    titles.append(piece.place.section_title)
    return uses


def keep_citations(content: SectionContent, keep: Callable[[str], bool]) -> SectionContent:
    """``content`` with only the cited ids for which ``keep`` is true; a
    citation left citing nothing is removed. The same object if nothing changed."""

    def change(runs: list[Run]) -> list[Run]:
        if not any(r.cite for r in runs):
            return runs
        out = []
        for run in runs:
            if run.cite:
                kept = tuple(i for i in run.cite if keep(i))
                if not kept:
                    continue
                if kept != run.cite:
                    run = dataclasses.replace(run, cite=kept)
            out.append(run)
        return out

    return map_content(content, change)


def without_sources(content: SectionContent, removed: set[str]) -> SectionContent:
    """``content`` no longer citing the sources ``removed`` (deleted ones)."""
    return keep_citations(content, lambda source_id: source_id not in removed)


def with_known_sources(content: SectionContent, known: set[str]) -> SectionContent:
    """Pasted ``content`` citing only sources in ``known`` (this brief's)."""
    return keep_citations(content, lambda source_id: source_id in known)
