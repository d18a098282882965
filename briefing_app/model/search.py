"""Find and replace across every section of a brief (no Qt here).

Matches are found within one run of text at a time, so a replacement never
has to decide which marks (bold, link...) the new text should take. Every
place text can be is reached through the content walker (model/walk.py).
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass

from briefing_app.model.brief import Brief
from briefing_app.model.text import Run, normalise_runs
from briefing_app.model.walk import brief_texts, map_content


@dataclass(frozen=True, slots=True)
class Match:
    section_id: str  # "" for the brief's properties
    where: str  # plain words: "title", "row 2, column 1", ...
    text: str  # the text that holds the match


def _pattern(needle: str, match_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(needle), 0 if match_case else re.IGNORECASE)


class _Replacer:
    def __init__(self, needle: str, replacement: str, match_case: bool) -> None:
        self.pattern = _pattern(needle, match_case)
        self.replacement = replacement
        self.count = 0

    def text(self, value: str) -> str:
        new, n = self.pattern.subn(lambda _m: self.replacement, value)
        self.count += n
        return new

    def runs(self, runs: list[Run]) -> list[Run]:
        out = []
        for run in runs:
            if run.is_token:
                # A fact shows its value from the facts table (change it
                # there); a citation shows its number.
                out.append(run)
                continue
            before = self.count
            new_text = self.text(run.text)
            out.append(dataclasses.replace(run, text=new_text) if self.count > before else run)
        return normalise_runs(out)


def replace_all(
    brief: Brief, needle: str, replacement: str, *, match_case: bool = False
) -> tuple[Brief, int]:
    """A copy of ``brief`` with every occurrence replaced, and how many there were."""
    if not needle:
        return brief, 0
    r = _Replacer(needle, replacement, match_case)
    new = copy.deepcopy(brief)
    meta = new.metadata
    for name in ("title", "subtitle"):
        setattr(meta, name, r.text(getattr(meta, name)))
    for section in new.sections:
        section.title = r.text(section.title)
        section.content = map_content(section.content, r.runs, r.text)
    return new, r.count


def find_all(brief: Brief, needle: str, *, match_case: bool = False) -> list[Match]:
    """Every place that holds ``needle``, in the order of the brief."""
    if not needle:
        return []
    pattern = _pattern(needle, match_case)
    return [
        Match(piece.place.section_id, piece.place.describe(), piece.text)
        for piece in brief_texts(brief)
        if pattern.search(piece.text)
    ]
