"""Find and replace across every section of a brief (no Qt here).

Matches are found within one run of text at a time, so a replacement never
has to decide which marks (bold, link...) the new text should take. Every
place text can be is reached through the content walker (model/walk.py).
:func:`occurrences` lists each match one by one, in the order
:func:`replace_all` meets them, so that :func:`replace_one` can replace a
single one (Word's Replace, beside Replace All).
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass

from briefing_app.model.brief import Brief
from briefing_app.model.text import Run, normalise_runs
from briefing_app.model.walk import Place, brief_texts, map_content


@dataclass(frozen=True, slots=True)
class Match:
    section_id: str  # "" for the brief's properties
    where: str  # plain words: "title", "row 2, column 1", ...
    text: str  # the text that holds the match


def _pattern(needle: str, match_case: bool, whole_word: bool = False) -> re.Pattern[str]:
    pattern = re.escape(needle)
    if whole_word:
        # A word edge only where the needle itself starts or ends with a
        # letter or digit: "re-" still finds "re-entry".
        if re.match(r"\w", needle):
            pattern = r"(?<!\w)" + pattern
        if re.search(r"\w$", needle):
            pattern += r"(?!\w)"
    return re.compile(pattern, 0 if match_case else re.IGNORECASE)


class _Replacer:
    """Replaces every match, or only the match numbered ``only`` (counting
    from 0 in the order of :func:`occurrences`)."""

    def __init__(
        self,
        needle: str,
        replacement: str,
        match_case: bool,
        whole_word: bool = False,
        only: int | None = None,
    ) -> None:
        self.pattern = _pattern(needle, match_case, whole_word)
        self.replacement = replacement
        self.only = only
        self.seen = 0  # matches met so far
        self.count = 0  # matches replaced

    def _one(self, match: re.Match[str]) -> str:
        number, self.seen = self.seen, self.seen + 1
        if self.only is None or number == self.only:
            self.count += 1
            return self.replacement
        return match.group(0)

    def text(self, value: str) -> str:
        before = self.count
        new = self.pattern.sub(self._one, value)
        return new if self.count > before else value

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
    brief: Brief,
    needle: str,
    replacement: str,
    *,
    match_case: bool = False,
    whole_word: bool = False,
) -> tuple[Brief, int]:
    """A copy of ``brief`` with every occurrence replaced, and how many there were."""
    if not needle:
        return brief, 0
    return _replace(brief, _Replacer(needle, replacement, match_case, whole_word))


def replace_one(
    brief: Brief,
    needle: str,
    replacement: str,
    index: int,
    *,
    match_case: bool = False,
    whole_word: bool = False,
) -> tuple[Brief, int]:
    """A copy of ``brief`` with only the occurrence ``index`` (its
    :attr:`Occurrence.index`) replaced, and 1 (0 if there is no such one)."""
    if not needle or index < 0:
        return brief, 0
    return _replace(brief, _Replacer(needle, replacement, match_case, whole_word, only=index))


def _replace(brief: Brief, r: _Replacer) -> tuple[Brief, int]:
    new = copy.deepcopy(brief)
    meta = new.metadata
    for name in ("title", "subtitle"):
        setattr(meta, name, r.text(getattr(meta, name)))
    for section in new.sections:
        section.title = r.text(section.title)
        section.content = map_content(section.content, r.runs, r.text)
    return new, r.count


def find_all(
    brief: Brief, needle: str, *, match_case: bool = False, whole_word: bool = False
) -> list[Match]:
    """Every place that holds ``needle``, in the order of the brief."""
    if not needle:
        return []
    pattern = _pattern(needle, match_case, whole_word)
    return [
        Match(piece.place.section_id, piece.place.describe(), piece.text)
        for piece in brief_texts(brief)
        if pattern.search(piece.text)
    ]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One match that Replace can change: inside one run (never in a fact
    or a citation, whose text the app does not own)."""

    index: int  # its number among all occurrences, from 0 (for replace_one)
    place: Place  # the piece of text that holds it (walk.py)
    start: int  # where it is in the piece's text
    end: int
    text: str  # the text matched

    @property
    def section_id(self) -> str:
        return self.place.section_id

    @property
    def where(self) -> str:
        return self.place.describe()


def occurrences(
    brief: Brief, needle: str, *, match_case: bool = False, whole_word: bool = False
) -> list[Occurrence]:
    """Every match that replace_all would replace, one by one, in its order."""
    if not needle:
        return []
    pattern = _pattern(needle, match_case, whole_word)
    found: list[Occurrence] = []
    for piece in brief_texts(brief):
        # A piece of runs is searched run by run, as it is replaced; a plain
        # text field (a title, a caption, a source) as a whole.
        stretches: list[tuple[int, str]] = []
        if piece.runs is None:
            stretches.append((0, piece.text))
        else:
            offset = 0
            for run in piece.runs:
                if not run.is_token:
                    stretches.append((offset, run.text))
                offset += len(run.text)
        for offset, text in stretches:
            for match in pattern.finditer(text):
                found.append(
                    Occurrence(
                        len(found),
                        piece.place,
                        offset + match.start(),
                        offset + match.end(),
                        match.group(0),
                    )
                )
    return found
