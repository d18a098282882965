"""Small helpers on runs of text shared by the readers."""

from __future__ import annotations

import re
from dataclasses import replace

from briefing_app.model.text import Run, normalise_runs, plain

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


def autolink(text: str, *, bold: bool = False, italic: bool = False) -> list[Run]:
    """Plain text as runs, with written-out web addresses made into links."""
    runs: list[Run] = []
    last = 0
    for start, end in find_urls(text):
        runs.append(Run(text[last:start], bold=bold, italic=italic))
        runs.append(Run(text[start:end], bold=bold, italic=italic, link=text[start:end]))
        last = end
    runs.append(Run(text[last:], bold=bold, italic=italic))
    return normalise_runs(runs)


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
    runs = normalise_runs(runs)
    while runs and not runs[0].text.strip():
        runs = runs[1:]
    while runs and not runs[-1].text.strip():
        runs = runs[:-1]
    if not runs:
        return []
    runs = list(runs)
    runs[0] = replace(runs[0], text=runs[0].text.lstrip())
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
    return normalise_runs(out)


__all__ = ["autolink", "drop_chars", "find_urls", "join_runs", "plain", "strip_runs"]
