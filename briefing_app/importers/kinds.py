"""Guess a section's kind from its title. The author can change it later."""

from __future__ import annotations

import re

from briefing_app.model.brief import SectionKind

# Checked in this order; the first whose word appears in the title wins, so
# "Recommendations on the release" is a recommendations section.
_TEXT_KINDS: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    (SectionKind.SOURCES, ("sources", "references", "bibliography")),
    (
        SectionKind.RECOMMENDATIONS,
        ("recommendation", "recommendations", "recommended", "lines to take"),
    ),
    (SectionKind.REMAINING_PRISONERS, ("remaining", "outstanding")),
    (SectionKind.CONTEXT, ("context", "background")),
    (SectionKind.RELEASE_DETAILS, ("release", "released", "details")),
    (
        SectionKind.SUMMARY,
        (
            "summary",
            "key points",
            "key messages",
            "bottom line",
            "bluf",
            "at a glance",
            "in brief",
        ),
    ),
    (SectionKind.PURPOSE, ("purpose", "objective", "objectives", "aim")),
)
_FACTORS = ("factor", "factors")


def _pattern(options: tuple[str, ...]) -> re.Pattern[str]:
    # One search per kind instead of one per word: titles are guessed for
    # every heading of a file, and a file may have thousands.
    return re.compile(" (?:" + "|".join(re.escape(option) for option in options) + ") ")


_TEXT_PATTERNS = tuple((kind, _pattern(options)) for kind, options in _TEXT_KINDS)
_FACTORS_PATTERN = _pattern(_FACTORS)


def _words(title: str) -> str:
    # Lower case, numbering ("2.", "II.") and punctuation gone: " key points ".
    text = re.sub(r"^\s*(\d+(\.\d+)*|[ivx]+)[.)]?\s+", "", title.lower())
    return " " + " ".join(re.findall(r"[^\W_]+", text)) + " "


def guess_text_kind(title: str) -> SectionKind:
    """The kind for a section of text (or sources) with this title."""
    words = _words(title)
    for kind, pattern in _TEXT_PATTERNS:
        if pattern.search(words):
            return kind
    return SectionKind.CUSTOM_TEXT


def guess_table_kind(title: str) -> SectionKind:
    if _FACTORS_PATTERN.search(_words(title)):
        return SectionKind.FACTOR_TABLE
    return SectionKind.CUSTOM_TABLE
