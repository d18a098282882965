"""Word counts, from the composed tree or, when it cannot be composed, the model."""

from __future__ import annotations

import re
from collections.abc import Iterable

from briefing_app.model.brief import Brief
from briefing_app.model.walk import brief_texts

_WORD = re.compile(r"\w+")


def count_words(texts: Iterable[str]) -> int:
    return sum(len(_WORD.findall(text)) for text in texts)


def brief_words(brief: Brief) -> int:
    """The words of the title, subtitle and included sections as written
    (a fact counts with the value it last showed)."""
    return count_words(piece.text for piece in brief_texts(brief, included_only=True))
