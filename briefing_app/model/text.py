"""Rich text as the author writes it: paragraphs of runs, lists and callouts.

Text is always text: nothing here is markup. Every string that enters the
model goes through :func:`clean_text` once, so no writer ever sees a control
character, a lone surrogate or a Windows line ending.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from briefing_app.model.pictures import Figure

# Everything XML 1.0 cannot carry (and so neither PDF text nor OOXML can),
# except tab and newline which are turned into a space and a line break.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str, *, multiline: bool = True) -> str:
    """Return ``value`` without control characters.

    Newlines (``\\r\\n``, ``\\r``, U+2028, U+2029) become ``\\n`` when
    ``multiline`` (a line break inside a paragraph), otherwise a space.
    Tabs become spaces.
    """
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    value = value.replace("\t", " ")
    if not multiline:
        value = value.replace("\n", " ")
    return _FORBIDDEN.sub("", value)


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of text with one set of marks."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""
    # The author's "needs source" marker: the sentence must be checked
    # against a current source before the brief goes out.
    needs_source: bool = False
    # The name of a fact from the brief's facts table: exports print the
    # fact's current value; ``text`` keeps the value last seen, for reading.
    fact: str = ""
    # A citation: the ids of the Sources entries the claim before it rests
    # on. Exports number it (a footnote, or [1]); ``text`` keeps the label
    # last shown in the editor.
    cite: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", clean_text(self.text))
        object.__setattr__(self, "link", clean_text(self.link, multiline=False).strip())
        object.__setattr__(self, "fact", clean_text(self.fact, multiline=False).strip())
        if self.cite:
            ids = (clean_text(c, multiline=False).strip() for c in self.cite)
            object.__setattr__(self, "cite", tuple(dict.fromkeys(c for c in ids if c)))

    @property
    def is_token(self) -> bool:
        """A fact or a citation: one unit in the text, never split or merged."""
        return bool(self.fact or self.cite)

    def same_marks(self, other: Run) -> bool:
        # A fact or a citation is one token: it never merges with its neighbours.
        if self.is_token or other.is_token:
            return False
        return (self.bold, self.italic, self.link, self.needs_source) == (
            other.bold,
            other.italic,
            other.link,
            other.needs_source,
        )

    @property
    def is_plain(self) -> bool:
        return not (self.bold or self.italic or self.link or self.needs_source or self.is_token)


def normalise_runs(runs: list[Run]) -> list[Run]:
    """Merge neighbouring runs with the same marks and drop empty ones."""
    # Texts of a stretch with the same marks are joined once, at its end, so
    # a paragraph of many runs costs linear time (not a copy per merge).
    merged: list[Run] = []
    pending: list[str] = []

    def flush() -> None:
        if len(pending) > 1:
            first = merged[-1]
            merged[-1] = Run(
                "".join(pending), first.bold, first.italic, first.link, first.needs_source
            )
        pending.clear()

    for run in runs:
        if not run.text and not run.is_token:
            continue
        if merged and merged[-1].same_marks(run):
            pending.append(run.text)
        else:
            flush()
            merged.append(run)
            pending.append(run.text)
    flush()
    return merged


def plain(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


@dataclass(slots=True)
class Paragraph:
    runs: list[Run] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Paragraph:
        return cls([Run(text)])


class ListStyle(StrEnum):
    BULLET = "bullet"
    NUMBERED = "numbered"


@dataclass(slots=True)
class ListBlock:
    style: ListStyle = ListStyle.BULLET
    # One paragraph of runs per item.
    items: list[list[Run]] = field(default_factory=list)


@dataclass(slots=True)
class Callout:
    """A tinted box with a bold lead-in, e.g. "Did you know?"."""

    title: str = "Did you know?"
    blocks: list[Paragraph | ListBlock] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = clean_text(self.title, multiline=False)


Block = Paragraph | ListBlock | Callout | Figure

CALLOUT_TITLES: tuple[str, ...] = ("Did you know?", "Analyst's note", "Note", "Key fact")
