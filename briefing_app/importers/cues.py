"""What the wording of a line tells: a heading, a callout lead-in, a table's
caption or source line."""

from __future__ import annotations

import re

from briefing_app.importers.runs import drop_chars, plain, strip_runs
from briefing_app.model.text import Run

# Longest first: "Pro tip:" must not be read as "Tip:".
_LEAD_INS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"did you know\s*\?\s*:?", re.IGNORECASE), "Did you know?"),
    (re.compile(r"pro[ -]?tip\s*:", re.IGNORECASE), "Pro tip"),
    (re.compile(r"tip\s*:", re.IGNORECASE), "Tip"),
    (re.compile(r"note\s*:", re.IGNORECASE), "Note"),
)
_SOURCE = re.compile(r"sources?\s*:", re.IGNORECASE)
_CAPTION = re.compile(r"table\s*\d*\s*[:.\-–—]\s*(\S.*)", re.IGNORECASE)
_LIST_MARKER = re.compile(r"\s*([-*+•–·▪◦‣]|\d{1,3}[.)]|\(?[a-z][.)]|\(\d{1,3}\))\s+\S")

MAX_HEADING_CHARS = 100
MAX_HEADING_WORDS = 14
MAX_TITLE_CHARS = 150


def _leading(runs: list[Run]) -> tuple[str, int]:
    """The text of ``runs`` without leading space, and how much space was cut."""
    text = plain(runs)
    stripped = text.lstrip()
    return stripped, len(text) - len(stripped)


def callout_lead_in(runs: list[Run]) -> tuple[str, list[Run]] | None:
    """("Did you know?", the rest) for a paragraph that opens with a lead-in."""
    text, offset = _leading(runs)
    for pattern, title in _LEAD_INS:
        match = pattern.match(text)
        if match:
            return title, drop_chars(runs, offset + match.end())
    return None


def is_lead_in(line: str) -> bool:
    return any(pattern.match(line.strip()) for pattern, _ in _LEAD_INS)


def source_line(runs: list[Run]) -> list[Run] | None:
    """The rest of a paragraph that starts "Source:", else None."""
    text, offset = _leading(runs)
    match = _SOURCE.match(text)
    if match is None:
        return None
    return drop_chars(runs, offset + match.end())


def caption(runs: list[Run]) -> str | None:
    """ "Factors" for a short paragraph "Table 2: Factors", else None."""
    text = plain(strip_runs(runs))
    if "\n" in text or len(text) > MAX_TITLE_CHARS:
        return None
    match = _CAPTION.fullmatch(text)
    return match.group(1).strip() if match else None


def starts_list_item(line: str) -> bool:
    return _LIST_MARKER.match(line) is not None


def reads_as_heading(line: str, *, limit: int = MAX_HEADING_CHARS) -> bool:
    """Short, one line, no closing full stop (or colon): a heading, not a sentence.

    Question marks are allowed ("What happens next?"); callout lead-ins and
    "Source:" lines are not headings.
    """
    line = line.strip()
    if not line or "\n" in line or len(line) > limit:
        return False
    if len(line.split()) > MAX_HEADING_WORDS or line[-1] in ".,;:…":
        return False
    if not any(ch.isalpha() for ch in line):
        return False
    return not (is_lead_in(line) or _SOURCE.match(line) or line.startswith("|"))
