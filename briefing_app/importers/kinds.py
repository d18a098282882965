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


def _words(title: str) -> str:
    # Lower case, numbering ("2.", "II.") and punctuation gone: " key points ".
    text = re.sub(r"^\s*(\d+(\.\d+)*|[ivx]+)[.)]?\s+", "", title.lower())
    return " " + " ".join(re.findall(r"[^\W_]+", text)) + " "


def _has(words: str, options: tuple[str, ...]) -> bool:
    return any(f" {option} " in words for option in options)


def guess_text_kind(title: str) -> SectionKind:
    """The kind for a section of text (or sources) with this title."""
    words = _words(title)
    for kind, options in _TEXT_KINDS:
        if _has(words, options):
            return kind
    return SectionKind.CUSTOM_TEXT


def guess_table_kind(title: str) -> SectionKind:
    return SectionKind.FACTOR_TABLE if _has(_words(title), _FACTORS) else SectionKind.CUSTOM_TABLE
