"""Read plain text: paragraphs are separated by blank lines.

A paragraph of one short line without a closing full stop, followed by body
text, is a heading; the first line of the file, if it reads as a heading, is
the title. Lines starting "-", "*", "•" or "1." are list items; pipe tables
are tables; written-out web addresses become links. A long line that stops
mid-sentence runs on into the next (text wrapped by an e-mail program flows
again); any other line ends its paragraph.
"""

from __future__ import annotations

import re

from briefing_app.importers import cues, limits, pipe_tables
from briefing_app.importers.items import SrcBlock, SrcHeading, SrcList, SrcParagraph, SrcTable
from briefing_app.importers.runs import autolink, find_urls, has_more_urls
from briefing_app.model.text import ListStyle

_BULLET = re.compile(r"\s*[-*+•–·▪◦‣]\s+(?=\S)")
_NUMBER = re.compile(r"\s*(\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-z][.)])\s+(?=\S)")
_RULE = re.compile(r"\s*([-=*_])(\s*\1){2,}\s*")
_UNDERLINE = re.compile(r"\s*(=+|-+)\s*")
# Lines at least this long that stop mid-sentence were wrapped, not broken.
WRAP_WIDTH = 50


def _wraps(line: str) -> bool:
    """Does the paragraph go on after this line? A long line that stops
    mid-sentence was wrapped by the program that wrote it; a short line, or
    one ending a sentence or with a web address, ends its paragraph."""
    line = line.strip()
    if len(line) < WRAP_WIDTH or line[-1] in ".!?:":
        return False
    spans = find_urls(line)
    return not (spans and spans[-1][1] >= len(line))


def _list_marker(line: str) -> tuple[ListStyle, int] | None:
    for pattern, style in ((_BULLET, ListStyle.BULLET), (_NUMBER, ListStyle.NUMBERED)):
        match = pattern.match(line)
        if match:
            return style, match.end()
    return None


def _groups(text: str) -> list[list[str]]:
    """Lines split at blank lines."""
    groups: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            groups[-1].append(line.rstrip())
        elif groups[-1]:
            groups.append([])
    return [g for g in groups if g]


def _is_heading_line(group: list[str]) -> bool:
    if len(group) != 1 or _BULLET.match(group[0]) or pipe_tables.is_row(group[0]):
        return False
    return cues.reads_as_heading(group[0])


def _underlined(group: list[str]) -> bool:
    """A line underlined with ===== or -----."""
    return (
        len(group) >= 2
        and _UNDERLINE.fullmatch(group[1]) is not None
        and len(group[1].strip()) >= 3
        and not pipe_tables.is_row(group[0])
    )


def text_blocks(text: str) -> list[SrcBlock]:
    # Each address becomes a run of its own: refuse a list of a million
    # addresses before making a million runs.
    if has_more_urls(text, limits.MAX_RUNS):
        raise limits.too_many_runs()
    groups = _groups(text)
    out: list[SrcBlock] = []
    if groups:
        first = groups[0][0]
        if (
            not _list_marker(first)
            and not pipe_tables.is_row(first)
            and cues.reads_as_heading(first, limit=cues.MAX_TITLE_CHARS)
        ):
            out.append(SrcHeading(1, first.strip()))
            groups[0] = groups[0][2:] if _underlined(groups[0]) else groups[0][1:]
            if not groups[0]:
                del groups[0]
    for index, group in enumerate(groups):
        if _underlined(group):
            out.append(SrcHeading(1, group[0].strip()))
            out.extend(_body(group[2:]))
            continue
        following = groups[index + 1] if index + 1 < len(groups) else None
        if _is_heading_line(group) and following is not None and not _is_heading_line(following):
            out.append(SrcHeading(1, group[0].strip()))
            continue
        out.extend(_body(group))
    return out


def _body(lines: list[str]) -> list[SrcBlock]:
    """Paragraphs, lists and tables in one group of lines.

    Lines are gathered and joined once per paragraph or list item: joining
    them one at a time made a paragraph (or an item continued) over many
    thousands of lines take time growing with the square of its length.
    """
    out: list[SrcBlock] = []
    paragraph: list[str] = []
    current: SrcList | None = None
    # The lines of current's items, made into runs when the list ends.
    items: list[list[str]] = []

    def end_paragraph() -> None:
        parts: list[str] = []
        for line in paragraph:
            parts.append(line.strip())
            if not _wraps(line):
                out.append(SrcParagraph(autolink(" ".join(parts))))
                parts = []
        if parts:
            out.append(SrcParagraph(autolink(" ".join(parts))))
        paragraph.clear()

    def end_list() -> None:
        if current is not None:
            current.items.extend(autolink(" ".join(item)) for item in items)
        items.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        found = pipe_tables.table_at(lines, i)
        if found is not None:
            end_paragraph()
            end_list()
            current = None
            rows, i = found
            out.append(SrcTable([[autolink(cell) for cell in row] for row in rows]))
            continue
        i += 1
        if _RULE.fullmatch(line):
            continue  # a separator line
        marker = _list_marker(line)
        if marker is not None:
            style, start = marker
            end_paragraph()
            if current is None or current.style is not style:
                end_list()
                current = SrcList(style)
                out.append(current)
            items.append([line[start:].strip()])
        elif current is not None and line[:1].isspace():
            # An indented line continues the list item above.
            items[-1].append(line.strip())
        else:
            end_list()
            current = None
            paragraph.append(line)
    end_paragraph()
    end_list()
    return out
