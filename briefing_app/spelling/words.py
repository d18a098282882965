"""Which words of a text are checked, and which are skipped.

:func:`words` finds the words a dictionary is asked about, with their place
in the text (so an editor can underline them). Skipped, never flagged:

- web and e-mail addresses (anything with ``://``, ``www.`` or ``@``, and
  ``site.org/page``), abbreviations and names with dots (``e.g.``, ``gov.uk``);
- words with a digit or an underscore (``A4``, ``COVID-19``, ``2025``);
- words in capitals (acronyms: ``OSCE``, ``OSCE's``, ``EU-wide`` is checked
  as ``wide``);
- single letters;
- words wholly in another writing system than the dictionary's (a Cyrillic
  name in an English brief, a paragraph in Greek): no English dictionary can
  judge them. A word that *mixes* writing systems (a Cyrillic "а" inside
  an English word) is checked, and so flagged: that is how it slipped in.

The caller masks what is not the author's prose (facts, citations, links)
with ``skip`` spans. Combining marks belong to their word (``cafe`` + U+0301
is one word); words are looked up in Unicode's composed form (NFC) with
typographic apostrophes as plain ones.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

#: Longer "words" are not looked up: no dictionary word is this long, and
#: Hunspell gives up on them anyway (they are flagged, with no suggestions).
MAX_WORD = 100

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})
_CONNECTORS = "-'\u2019\u02bc\u2010\u2011."


@cache
def _word_pattern() -> re.Pattern[str]:
    # \w does not take combining marks (U+0301 is not alphanumeric), so they
    # are added: every mark of the Basic Multilingual Plane, as ranges.
    marks = [c for c in range(0x10000) if unicodedata.category(chr(c)).startswith("M")]
    ranges: list[tuple[int, int]] = []
    for c in marks:
        if ranges and ranges[-1][1] == c - 1:
            ranges[-1] = (ranges[-1][0], c)
        else:
            ranges.append((c, c))
    klass = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in ranges
    )
    part = rf"[\w{klass}]+"
    # Parts joined by one hyphen, apostrophe or dot: linear, no backtracking
    # (a connector is never part of a part).
    return re.compile(rf"{part}(?:[{re.escape(_CONNECTORS)}]{part})*")


_CHUNK = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Word:
    start: int  # in the text given
    end: int
    text: str  # as written
    key: str  # as looked up: NFC, plain apostrophes and hyphens

    @property
    def too_long(self) -> bool:
        return len(self.key) > MAX_WORD


_MAYBE_ADDRESS = re.compile(r"[@/]|www\.", re.IGNORECASE)
_SKIP_CHARS = re.compile(r"[\d_.]")


def _is_address(chunk: str) -> bool:
    if "@" in chunk or "://" in chunk or chunk.lower().startswith("www."):
        return True
    # site.org/page, example.com/a/b
    return "/" in chunk and re.search(r"\w\.\w", chunk) is not None


def _address_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the web and e-mail addresses in ``text``."""
    if _MAYBE_ADDRESS.search(text) is None:
        return []  # the usual case: one quick scan
    return [m.span() for m in _CHUNK.finditer(text) if _is_address(m.group())]


@cache
def script_of_char(ch: str) -> str:
    """'LATIN', 'CYRILLIC', 'GREEK'... from the character's Unicode name;
    '' for what is not a letter."""
    if not ch.isalpha():
        return ""
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def scripts(word: str) -> set[str]:
    if word.isascii():
        return {"LATIN"}
    found = {script_of_char(ch) for ch in word}
    found.discard("")
    return found


@lru_cache(maxsize=65_536)
def _skipped(key: str, script: str) -> bool:
    """True for a word that is not checked (see the module's notes)."""
    if _SKIP_CHARS.search(key) is not None:
        return True
    if len(key) < 2 or sum(1 for ch in key if ch.isalpha()) < 2:
        return True
    base = key.split("'", 1)[0]  # OSCE's, Лукашенко's
    if len(base) > 1 and base.isupper():
        return True
    return script not in scripts(base)


def _parts(word: Word) -> list[Word]:
    """The parts of a hyphenated word, each a word of its own."""
    parts = []
    offset = 0
    for piece in word.key.split("-"):
        # The key and the text have the same length up to NFC: parts are
        # placed in the text by their position in the key only when the
        # two agree; otherwise the whole word stands for each part.
        if len(word.key) == len(word.text):
            start = word.start + offset
            parts.append(
                Word(start, start + len(piece), word.text[offset : offset + len(piece)], piece)
            )
        else:
            parts.append(Word(word.start, word.end, word.text, piece))
        offset += len(piece) + 1
    return parts


def words(
    text: str, skip: Iterable[tuple[int, int]] = (), *, script: str = "LATIN"
) -> Iterator[Word]:
    """The words of ``text`` to look up, in order.

    ``skip``: (start, end) spans that are not checked (facts, citations,
    links). ``script``: the dictionary's writing system. A hyphenated word
    is given whole (the dictionary may know it: "co-operation"); callers
    check its parts (:func:`hyphen_parts`) when it is not known.
    """
    spans = sorted(skip)
    if spans:
        chars = list(text)
        for a, b in spans:
            chars[a:b] = " " * (min(b, len(chars)) - a)
        text = "".join(chars)
    addresses = _address_spans(text)
    next_address = 0
    for match in _word_pattern().finditer(text):
        start, end = match.span()
        # Addresses and words are both in order: one pass over each.
        while next_address < len(addresses) and addresses[next_address][1] <= start:
            next_address += 1
        if next_address < len(addresses) and addresses[next_address][0] < end:
            continue
        raw = match.group()
        key = raw if raw.isascii() else unicodedata.normalize("NFC", raw.translate(_APOSTROPHES))
        if _skipped(key.replace("-", "") if "-" in key else key, script):
            continue
        yield Word(start, end, raw, key)


def hyphen_parts(word: Word, script: str = "LATIN") -> list[Word]:
    """The parts of a hyphenated ``word`` that are checked on their own
    (acronyms, single letters and the like left out): "EU-wide" -> "wide"."""
    return [part for part in _parts(word) if not _skipped(part.key, script)]


def is_skipped(key: str, script: str = "LATIN") -> bool:
    return _skipped(key, script)
