"""A colleague's new wording of one piece, made into the brief's runs.

The Word file knows bold, italic, web links and footnote references; the
brief knows more: facts, citations, "needs source" marks and links to other
sections. The new runs take their words and visible marks from Word and
everything else from the old runs, wherever the words did not change
(a word-level comparison of the two). A fact whose value the colleague
changed (52 to 53) becomes a :class:`FactEdit`: the author chooses to change
the fact (and so every use) or to leave this place as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from briefing_app.model.facts import fact_key
from briefing_app.model.text import Run, normalise_runs
from briefing_app.roundtrip.diffing import bounded_opcodes

CITE = "\ue000"  # one character standing for a citation while comparing
_WORD = re.compile(r"\w+|\s+|.", re.DOTALL)
_BRACKETS = re.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]")


@dataclass(frozen=True, slots=True)
class FactEdit:
    name: str
    old: str
    new: str


@dataclass(slots=True)
class Merged:
    """The new runs: with changed facts kept as facts (their new value) or
    as plain text, the author's choice."""

    with_facts: list[Run]
    as_text: list[Run]
    fact_edits: list[FactEdit] = field(default_factory=list)
    # Footnotes that match no source: proposed as new Sources entries,
    # cited by their ids in the runs.
    new_sources: list[str] = field(default_factory=list)
    lost_facts: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Char:
    ch: str
    bold: bool = False
    italic: bool = False
    link: str = ""
    needs_source: bool = False
    fact: int = -1  # index of the old fact span
    cite: tuple[str, ...] = ()
    label: str = ""  # a citation's label in the editor, kept where it stays


def _old_chars(runs: list[Run], facts: dict[str, str]) -> tuple[list[_Char], list[Run]]:
    chars: list[_Char] = []
    spans: list[Run] = []  # the fact runs, by index
    for run in runs:
        if run.cite:
            if chars and chars[-1].ch == CITE:  # side by side: one note
                last = chars[-1]
                last.cite = tuple(dict.fromkeys((*last.cite, *run.cite)))
                last.label = ""  # two labels in one: the editor labels it again
            else:
                chars.append(_Char(CITE, cite=run.cite, label=run.text))
            continue
        text, index = run.text, -1
        if run.fact:
            text = facts.get(fact_key(run.fact), run.text)
            spans.append(run)
            index = len(spans) - 1
        for ch in text:
            chars.append(_Char(ch, run.bold, run.italic, run.link, run.needs_source, index))
    return chars, spans


def _new_chars(runs: list[Run], numbered: bool) -> list[_Char]:
    chars: list[_Char] = []
    for run in runs:
        if run.cite:
            chars.append(_Char(CITE, cite=run.cite))
            continue
        text = run.text
        last = 0
        pieces: list[tuple[str, bool]] = []
        if numbered:  # "[1]" printed in the text: a citation
            for match in _BRACKETS.finditer(text):
                pieces.append((text[last : match.start()], False))
                pieces.append((match.group(), True))
                last = match.end()
        pieces.append((text[last:], False))
        for piece, is_cite in pieces:
            if is_cite:
                chars.append(_Char(CITE, cite=("?",)))
                continue
            for ch in piece:
                chars.append(_Char(ch, run.bold, run.italic, run.link))
    return chars


def _tokens(chars: list[_Char]) -> list[tuple[int, int]]:
    """(start, end) of each word, space or sign; a fact's edges always split."""
    text = "".join(c.ch for c in chars)
    out: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        start = match.start()
        for i in range(match.start() + 1, match.end()):
            if chars[i].fact != chars[i - 1].fact:
                out.append((start, i))
                start = i
        out.append((start, match.end()))
    return out


def merge(
    old: list[Run],
    new: list[Run],
    facts: dict[str, str],
    resolve: Callable[[str], tuple[str, ...] | None],
    *,
    numbered: bool = False,
) -> Merged:
    """``new`` (read from Word) with what Word cannot hold taken from ``old``.

    ``resolve`` turns a footnote's id into the ids of the brief's sources
    it names, or None for a footnote that names none (a new source)."""
    before, spans = _old_chars(old, facts)
    after = _new_chars(new, numbered)
    a_tok, b_tok = _tokens(before), _tokens(after)
    a_words = ["".join(c.ch for c in before[s:e]) for s, e in a_tok]
    b_words = ["".join(c.ch for c in after[s:e]) for s, e in b_tok]
    mapped: dict[int, int] = {}  # new char -> old char, where the words are equal
    old_to_new: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in bounded_opcodes(a_words, b_words):
        if tag != "equal":
            continue
        for (sa, ea), (sb, _eb) in zip(a_tok[i1:i2], b_tok[j1:j2], strict=True):
            for k in range(ea - sa):
                mapped[sb + k] = sa + k
                old_to_new[sa + k] = sb + k
    # What each new character carries over from the old one it matches.
    new_sources: list[str] = []
    for j, char in enumerate(after):
        i = mapped.get(j)
        source = before[i] if i is not None else None
        if source is not None:
            char.needs_source = source.needs_source
            if source.link.startswith("#") and not char.link:
                char.link = source.link
            elif char.link and _same_address(char.link, source.link):
                char.link = source.link  # LibreOffice adds a "/" to a bare address
        if char.ch == CITE:
            if source is not None and source.ch == CITE:
                char.cite, char.label = source.cite, source.label
            elif char.cite == ("?",):
                char.cite = ()
            else:
                ids = tuple(i for note in char.cite for i in (resolve(note) or ()))
                unknown = [note for note in char.cite if resolve(note) is None]
                new_sources.extend(unknown)
                char.cite = ids + tuple(unknown)
    # Facts: kept where their words are; changed where Word changed them.
    edits: list[FactEdit] = []
    lost: list[str] = []
    edit_of: dict[int, int] = {}  # new char -> index in edits
    for index, run in enumerate(spans):
        where = [i for i, c in enumerate(before) if c.fact == index]
        if not where:
            continue
        a, b = where[0], where[-1] + 1
        first_new = old_to_new.get(a)
        if first_new is not None and all(
            old_to_new.get(a + k) == first_new + k for k in range(b - a)
        ):
            for k in range(b - a):
                after[first_new + k].fact = index
            continue
        start = 0 if a == 0 else (old_to_new[a - 1] + 1 if a - 1 in old_to_new else None)
        end = len(after) if b == len(before) else old_to_new.get(b)
        value = facts.get(fact_key(run.fact), run.text)
        if start is None or end is None or end < start:
            lost.append(run.fact)
            continue
        words = "".join(c.ch for c in after[start:end])
        stripped = words.strip()
        if not stripped or any(c.ch == CITE or c.fact >= 0 for c in after[start:end]):
            if stripped:
                lost.append(run.fact)
            continue  # the fact's words were deleted
        lead = len(words) - len(words.lstrip())
        first = start + lead
        edits.append(FactEdit(run.fact, value, stripped))
        for k in range(first, first + len(stripped)):
            edit_of[k] = len(edits) - 1
    return Merged(
        _runs(after, spans, edit_of, edits, keep_edits=True),
        _runs(after, spans, edit_of, edits, keep_edits=False),
        edits,
        list(dict.fromkeys(new_sources)),
        lost,
    )


def _runs(
    chars: list[_Char],
    spans: list[Run],
    edit_of: dict[int, int],
    edits: list[FactEdit],
    *,
    keep_edits: bool,
) -> list[Run]:
    out: list[Run] = []
    j = 0
    while j < len(chars):
        char = chars[j]
        if char.ch == CITE:
            if char.cite:
                out.append(Run(char.label, cite=char.cite))
            j += 1
            continue
        if char.fact >= 0:
            k = j
            while k < len(chars) and chars[k].fact == char.fact:
                k += 1
            old = spans[char.fact]
            out.append(
                Run(
                    old.text,
                    bold=char.bold,
                    italic=char.italic,
                    link=char.link,
                    needs_source=char.needs_source,
                    fact=old.fact,
                )
            )
            j = k
            continue
        if j in edit_of:
            edit = edit_of[j]
            k = j
            while k < len(chars) and edit_of.get(k) == edit:
                k += 1
            text = "".join(c.ch for c in chars[j:k])
            name = edits[edit].name if keep_edits else ""
            out.append(
                Run(
                    text,
                    bold=char.bold,
                    italic=char.italic,
                    link=char.link,
                    needs_source=char.needs_source,
                    fact=name,
                )
            )
            j = k
            continue
        k = j
        marks = (char.bold, char.italic, char.link, char.needs_source)
        while (
            k < len(chars)
            and chars[k].ch != CITE
            and chars[k].fact < 0
            and k not in edit_of
            and (chars[k].bold, chars[k].italic, chars[k].link, chars[k].needs_source) == marks
        ):
            k += 1
        text = "".join(c.ch for c in chars[j:k])
        out.append(Run(text, *marks[:3], needs_source=marks[3]))
        j = k
    return normalise_runs(out)


def _same_address(a: str, b: str) -> bool:
    def key(url: str) -> str:
        url = url.strip()
        scheme, sep, rest = url.partition("://")
        if not sep:
            return url.rstrip("/")
        host, slash, path = rest.partition("/")
        return f"{scheme.lower()}://{host.lower()}{slash}{path}".rstrip("/")

    return bool(a and b) and key(a) == key(b)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """``old`` and ``new`` as (kind, words) pieces: kind "same", "removed"
    or "added", word by word, for showing a change."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in bounded_opcodes(a, b):
        if tag == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", "".join(b[j1:j2])))
    return out
