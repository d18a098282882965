"""Small helpers on runs of text shared by the readers."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from briefing_app.model.text import Run, plain

# A web address written out in text. Trailing punctuation belongs to the
# sentence, not the address.
_URL = re.compile(r"\bhttps?://[^\s<>\"'\[\]{}|\\^`]+", re.IGNORECASE)
_TRAILING = ".,;:!?'\""


def find_urls(text: str) -> list[tuple[int, int]]:
    """(start, end) of each web address in ``text``."""
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _TRAILING:
            end -= 1
        # A closing bracket ends the address unless the address opened one.
        if text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end):
            end -= 1
        if end - start > len("https://"):
            spans.append((start, end))
    return spans


def has_more_urls(text: str, limit: int) -> bool:
    """Are there more than ``limit`` written-out web addresses in ``text``?"""
    return next(itertools.islice(_URL.finditer(text), limit, None), None) is not None


def autolink(text: str, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """Plain text as runs, with written-out web addresses made into links."""
    runs: list[Run] = []
    last = 0
    for start, end in find_urls(text):
        runs.append(Run(text[last:start], bold=bold, italic=italic))
        runs.append(Run(text[start:end], bold=bold, italic=italic, link=text[start:end]))
        last = end
    runs.append(Run(text[last:], bold=bold, italic=italic))
    return merge_runs(runs)


def merge_runs(runs: list[Run]) -> list[Run]:
    """Neighbouring runs with the same marks merged, empty ones dropped: what
    ``model.text.normalise_runs`` gives, in one pass. That one builds a new
    run (and cleans its whole text again) at every merge, so a paragraph of
    many runs, such as one wrapped over thousands of lines, took time
    growing with the square of its length."""
    out: list[Run] = []
    texts: list[str] = []  # the texts of the runs merging into out[-1]

    def close() -> None:
        if len(texts) > 1:
            first = out[-1]
            out[-1] = Run("".join(texts), first.bold, first.italic, first.link, first.needs_source)

    for run in runs:
        # A token (a fact, a citation) never merges, not even with itself,
        # and is kept when empty.
        if not run.text and run.same_marks(run):
            continue
        if out and out[-1].same_marks(run):
            texts.append(run.text)
            continue
        close()
        out.append(run)
        texts = [run.text]
    close()
    return out


def drop_chars(runs: list[Run], count: int) -> list[Run]:
    """``runs`` without their first ``count`` characters and the spaces after."""
    out: list[Run] = []
    left = count
    for run in runs:
        if left >= len(run.text):
            left -= len(run.text)
            continue
        out.append(replace(run, text=run.text[left:]) if left else run)
        left = 0
    return strip_runs(out)


def strip_runs(runs: list[Run]) -> list[Run]:
    """Leading and trailing white space removed, marks kept."""
    runs = merge_runs(runs)
    start, end = 0, len(runs)
    while start < end and not runs[start].text.strip():
        start += 1
    while end > start and not runs[end - 1].text.strip():
        end -= 1
    if start == end:
        return []
    runs = runs[start:end]
    # Only a run that changes is made again (dataclasses.replace is slow).
    if runs[0].text[:1].isspace():
        runs[0] = replace(runs[0], text=runs[0].text.lstrip())
    if runs[-1].text[-1:].isspace():
        runs[-1] = replace(runs[-1], text=runs[-1].text.rstrip())
    return runs


def join_runs(parts: list[list[Run]], sep: str = "\n") -> list[Run]:
    """Several paragraphs of runs as one, separated by ``sep``."""
    out: list[Run] = []
    for part in parts:
        if not part:
            continue
        if out:
            out.append(Run(sep))
        out.extend(part)
    return merge_runs(out)


__all__ = [
    "autolink",
    "drop_chars",
    "find_urls",
    "has_more_urls",
    "join_runs",
    "merge_runs",
    "plain",
    "strip_runs",
]
