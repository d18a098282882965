"""Anchors for headings, and internal links that point only at what is printed.

A link to another section (``#s-release``) becomes a link in every format
only when that section's heading is in the tree; otherwise its words are
printed as plain text and the tree records it (Document.dropped_links), so
no writer ever has to decide again.

A link whose words hold a direction control (right-to-left override and its
kin) is printed as plain text too: the control can make "moc.knab" read as
"bank.com", the classic way to disguise where a link goes.
"""

from __future__ import annotations

import re

from briefing_app.document.links import safe_link
from briefing_app.document.nodes import (
    BlockNode,
    DroppedLink,
    Heading,
    Inlines,
    Text,
    map_inlines,
)

MAX_ANCHOR = 40  # Word's limit for bookmark names
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")
#: Embeddings, overrides and isolates (U+202A-202E, U+2066-2069): they
#: reorder the characters that follow them on screen.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def has_bidi_controls(text: str) -> bool:
    return _BIDI.search(text) is not None


def strip_bidi_controls(text: str) -> str:
    return _BIDI.sub("", text)


def link_target(link: str) -> str:
    """What a run's link becomes in the tree before links are resolved: a
    safe web or mail address, ``#id`` for another section, or ""."""
    link = link.strip()
    if has_bidi_controls(link):
        return ""
    if link.startswith("#"):
        return link if len(link) > 1 and not any(ch.isspace() for ch in link) else ""
    return safe_link(link)


def unlink_disguised(inlines: Inlines) -> tuple[Inlines, bool]:
    """``inlines`` with every link whose words hold a direction control
    printed as plain text, and whether there was one.

    The controls are taken out of those words as well: as plain text they
    would still show the words reordered, and only some formats obey them
    (a PDF shows the stored order, Word and browsers reorder), so the
    formats would disagree. Without them every format prints the words in
    the order they were typed, which shows the trick for what it is.
    """
    spoofed: set[int] = set()  # indexes of the inlines in disguised links
    i = 0
    while i < len(inlines):
        link, j = inlines[i].link, i + 1
        while j < len(inlines) and link and inlines[j].link == link:
            j += 1
        if link and any(has_bidi_controls(t.text) for t in inlines[i:j]):
            spoofed.update(range(i, j))
        i = j
    if not spoofed:
        return inlines, False
    out = tuple(
        Text(strip_bidi_controls(t.text), t.bold, t.italic, "", t.highlight, t.small)
        if k in spoofed
        else t
        for k, t in enumerate(inlines)
    )
    return tuple(t for t in out if t.text), True


class Anchors:
    """Hands out heading anchors: a letter, then letters, digits and "_", at
    most 40 characters, unique in the document, so every format (PDF names,
    Word bookmarks, HTML ids) can use them as they are."""

    def __init__(self) -> None:
        self.by_id: dict[str, str] = {}  # section id -> anchor
        self._taken: set[str] = set()

    def new(self, section_id: str) -> str:
        base = _NOT_NAME.sub("_", section_id)
        if not base[:1].isalpha():
            base = "s" + base
        base = base[:MAX_ANCHOR]
        anchor, n = base, 1
        while anchor in self._taken:
            n += 1
            suffix = f"_{n}"
            anchor = base[: MAX_ANCHOR - len(suffix)] + suffix
        self._taken.add(anchor)
        self.by_id.setdefault(section_id, anchor)
        return anchor


def resolve_links(
    blocks: list[BlockNode], anchors: Anchors
) -> tuple[list[BlockNode], tuple[DroppedLink, ...]]:
    """Point internal links at printed headings; turn the rest into text."""
    printed = {b.anchor for b in blocks if isinstance(b, Heading)}
    targets = {sid: a for sid, a in anchors.by_id.items() if a in printed}
    dropped: list[DroppedLink] = []
    heading = ""

    def change(inlines: Inlines) -> Inlines:
        out = []
        previous = ""  # the dropped target of the inline before, if any
        for t in inlines:
            target, previous = previous, ""
            if t.link.startswith("#"):
                anchor = targets.get(t.link[1:])
                if anchor is None:
                    if target == t.link:  # the same link, split by its marks
                        last = dropped.pop()
                        dropped.append(DroppedLink(last.text + t.text, t.link, heading))
                    else:
                        dropped.append(DroppedLink(t.text, t.link, heading))
                    previous = t.link
                    t = Text(t.text, t.bold, t.italic, "", t.highlight, t.small)
                elif anchor != t.link[1:]:
                    t = Text(t.text, t.bold, t.italic, "#" + anchor, t.highlight, t.small)
            out.append(t)
        return tuple(out)

    out: list[BlockNode] = []
    for block in blocks:
        if isinstance(block, Heading):
            heading = block.text
        out.append(map_inlines(block, change))
    return out, tuple(dropped)


__all__ = [
    "Anchors",
    "has_bidi_controls",
    "link_target",
    "resolve_links",
    "strip_bidi_controls",
    "unlink_disguised",
]
