"""Misspelt words in a text and in a whole brief (for the check and the editors).

A word is accepted when the dictionary knows it, when it is in the
author's word list or the brief's own ignore list (``Metadata.
ignored_words``), or when it is part of the protective marking. A
possessive is accepted with its word ("Lukashenka's"); a hyphenated word
the dictionary does not know is judged part by part ("EU-wide").
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from briefing_app.model.brief import Brief
from briefing_app.model.text import Run
from briefing_app.model.walk import TextPiece, brief_texts
from briefing_app.spelling.engine import Speller, SpellerUnavailable, speller_for
from briefing_app.spelling.wordlist import accepting, personal_words
from briefing_app.spelling.words import Word, hyphen_parts, words

#: Suggestions a finding names.
FINDING_SUGGESTIONS = 3
#: Spelling findings listed at most; the rest are counted in one more.
MAX_FINDINGS = 200
#: Seconds one check may spend on new suggestions (None: no limit). The
#: app sets a limit, so a brief full of unknown names does not hold up its
#: check: the words past it are listed without suggestions, and get them on
#: a later check (suggestions are kept).
suggestion_budget: float | None = None

#: Prefixes written with a hyphen that are not words of their own, by
#: language: "de-escalation", "co-chair" (Hunspell judges "de" alone).
HYPHEN_PREFIXES = {
    "en": frozenset(
        {
            *("anti", "bi", "co", "counter", "cross", "de", "ex", "inter", "intra", "macro"),
            *("micro", "mid", "multi", "neo", "non", "post", "pre", "pro", "pseudo", "quasi"),
            *("re", "self", "semi", "sub", "super", "trans", "tri", "ultra", "un"),
        }
    ),
}


def token_spans(runs: Iterable[Run]) -> list[tuple[int, int]]:
    """(start, end) of the runs that are not the author's prose: facts,
    citations and links."""
    spans = []
    at = 0
    for run in runs:
        end = at + len(run.text)
        if run.fact or run.cite or run.link:
            spans.append((at, end))
        at = end
    return spans


def _accepted(key: str, speller: Speller, accepted: frozenset[str]) -> bool:
    if key in accepted or speller.check(key):
        return True
    for ending in ("'s", "'"):
        # The possessive of an accepted word: "Lukashenka's", "ministers'".
        base = key.removesuffix(ending)
        if base != key and len(base) > 1 and (base in accepted or speller.check(base)):
            return True
    return False


def misspelt(
    text: str,
    speller: Speller,
    accepted: frozenset[str] = frozenset(),
    skip: Iterable[tuple[int, int]] = (),
) -> list[Word]:
    """The misspelt words of ``text`` (parts, for a hyphenated word)."""
    found = []
    for word in words(text, skip, script=speller.script):
        if word.too_long:
            found.append(word)
        elif not _accepted(word.key, speller, accepted):
            if "-" in word.key:
                prefixes = HYPHEN_PREFIXES.get(speller.tag.split("-")[0], frozenset())
                parts = hyphen_parts(word, speller.script)
                found.extend(
                    part
                    for n, part in enumerate(parts)
                    if not (n == 0 and part.key.lower() in prefixes and len(parts) > 1)
                    and not _accepted(part.key, speller, accepted)
                )
            else:
                found.append(word)
    return found


def marking_words(marking: str) -> list[str]:
    """The words of the protective marking, never flagged ("OFFICIAL-SENSITIVE")."""
    return re.findall(r"[^\W\d_]+", marking)


def accepted_words(brief: Brief, personal: Iterable[str] | None = None) -> frozenset[str]:
    """Everything accepted in ``brief`` beyond its dictionary: the author's
    list (the shared one unless given), the brief's ignore list, the marking."""
    if personal is None:
        personal = personal_words().words
    meta = brief.metadata
    marking = [w.lower() for w in marking_words(meta.marking)]  # in any case
    return accepting([*personal, *meta.ignored_words, *marking])


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing the check says about spelling."""

    message: str
    piece: TextPiece | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def _quoted(words: list[str]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _shown(word: str) -> str:
    return word if len(word) <= 40 else word[:39] + "…"


def problems(brief: Brief, budget: float | None = None) -> Iterator[Problem]:
    """What the check reports about the brief's spelling, in reading order:
    each misspelt word (title, subtitle, every included section), or why
    spelling was not checked."""
    tag = brief.metadata.language or "en-GB"
    personal = personal_words()
    damaged = personal.take_problem()
    if damaged:
        yield Problem(damaged, detail={"word_list": str(personal.path)})
    try:
        speller = speller_for(tag)
    except SpellerUnavailable as exc:
        yield Problem(
            f"Spelling not checked: {exc}. Choose the brief's language in the status bar, "
            "or install a dictionary for it.",
            detail={"language": tag, "checked": False},
        )
        return
    accepted = accepted_words(brief, personal.words)
    deadline = None if budget is None else time.monotonic() + budget
    count = 0
    first_unlisted: TextPiece | None = None
    for piece in brief_texts(brief, included_only=True):
        skip = token_spans(piece.runs) if piece.runs else ()
        for word in misspelt(piece.text, speller, accepted, skip):
            count += 1
            if count > MAX_FINDINGS:
                first_unlisted = first_unlisted or piece
                continue
            suggestions: list[str] = []
            if not word.too_long:
                cached = speller.cached_suggestions(word.key)
                if cached is not None or deadline is None or time.monotonic() < deadline:
                    suggestions = speller.suggest(word.key, FINDING_SUGGESTIONS)
            shown = _shown(word.text)
            if word.too_long:
                message = f"'{shown}' is too long to be a word ({len(word.text):,} letters)."
            elif suggestions:
                message = f"'{shown}' may be misspelt: did you mean {_quoted(suggestions)}?"
            else:
                message = f"'{shown}' may be misspelt."
            yield Problem(
                message,
                piece,
                {"word": word.text, "suggestions": suggestions, "language": speller.tag},
            )
    if count > MAX_FINDINGS:
        more = count - MAX_FINDINGS
        yield Problem(
            f"{more:,} more word{'s' if more != 1 else ''} that may be misspelt "
            "are not listed: correct or ignore the ones above first.",
            first_unlisted,  # where the first of them is
            {"not_listed": more, "language": speller.tag},
        )
