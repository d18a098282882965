"""Read plain text: paragraphs are separated by blank lines, or are lines.

Each file is read in one of two ways, decided once for the whole file:

- *Lines are paragraphs* (text copied from a web page: one paragraph per
  line, often without blank lines). Chosen when at least three in ten of the
  long lines are longer than any program wraps text (100 characters).
- *Wrapped text* (an e-mail's body): a long line that stops mid-sentence
  runs on into the next; any other line ends its paragraph.

In either, a short line without a closing full stop, standing alone and
followed by body text (not by another such line), is a heading, whether or
not blank lines surround it; the first line of the file, if it reads as a
heading, is the title. A line opening with a lead-in ("Did you know?",
"Note:") starts a paragraph of its own. Lines starting "-", "*", "•" or "1."
are list items; pipe tables are tables; written-out web addresses become
links.
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
# No program wraps text wider than this: longer lines are paragraphs.
PARAGRAPH_LINE = 100


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
    return len(group) == 1 and _heading_like(group[0])


def _heading_like(line: str) -> bool:
    if _list_marker(line) or pipe_tables.is_row(line) or _RULE.fullmatch(line):
        return False
    return cues.reads_as_heading(line)


def _short_heading(line: str) -> bool:
    """A heading among wrapped lines: one the program did not wrap, and not
    indented (an indented line continues a list item)."""
    return not line[:1].isspace() and _heading_like(line) and not _wraps(line)


def lines_are_paragraphs(groups: list[list[str]]) -> bool:
    """Is each line a paragraph of its own (text copied from a web page),
    rather than text wrapped at a fixed width? See the module's docstring."""
    long = over = 0
    for group in groups:
        for line in group:
            size = len(line.strip())
            if size >= WRAP_WIDTH and not pipe_tables.is_row(line):
                long += 1
                over += size > PARAGRAPH_LINE
    return over > 0 and over * 10 >= long * 3


def _units(group: list[str], by_line: bool) -> list[list[str]]:
    """A group of lines cut where a heading or a lead-in stands among them
    (no blank lines around it), and, when lines are paragraphs, at every
    line that does not continue a list item, a table or an underline."""
    cuts = [0]
    for i in range(1, len(group)):
        line, prev = group[i], group[i - 1]
        if by_line:
            continues = (
                (line[:1].isspace() and not pipe_tables.is_row(line))
                or (pipe_tables.is_row(line) and pipe_tables.is_row(prev))
                or (_UNDERLINE.fullmatch(line) is not None and len(line.strip()) >= 3)
            )
            if not continues:
                cuts.append(i)
        elif cues.is_lead_in(line) or (
            _short_heading(line)
            and not _wraps(prev)
            and not _list_marker(prev)
            and i + 1 < len(group)
            and not _short_heading(group[i + 1])
        ):
            cuts.append(i)
    units = [group[a:b] for a, b in zip(cuts, [*cuts[1:], len(group)], strict=True)]
    if by_line:
        return units
    # Wrapped text: a heading-like line opening a unit, with body after it,
    # is a unit of its own.
    out: list[list[str]] = []
    for unit in units:
        if len(unit) > 1 and _short_heading(unit[0]) and not _short_heading(unit[1]):
            out.extend([unit[:1], unit[1:]])
        else:
            out.append(unit)
    return out


def _underlined(group: list[str]) -> bool:
    """A line underlined with ===== or -----."""
    return (
        len(group) >= 2
        and _UNDERLINE.fullmatch(group[1]) is not None
        and len(group[1].strip()) >= 3
        and not pipe_tables.is_row(group[0])
    )


def text_blocks(text: str, *, title: bool = True) -> list[SrcBlock]:
    """The blocks of plain ``text``; with ``title``, a first line that reads
    as a heading is the title (an e-mail's subject is its title instead)."""
    # Each address becomes a run of its own: refuse a list of a million
    # addresses before making a million runs.
    if has_more_urls(text, limits.MAX_RUNS):
        raise limits.too_many_runs()
    groups = _groups(text)
    by_line = lines_are_paragraphs(groups)
    out: list[SrcBlock] = []
    if groups and title:
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
    units = [unit for group in groups for unit in _units(group, by_line)]
    for index, unit in enumerate(units):
        if _underlined(unit):
            out.append(SrcHeading(1, unit[0].strip()))
            out.extend(_body(unit[2:], by_line))
            continue
        following = units[index + 1] if index + 1 < len(units) else None
        if _is_heading_line(unit) and following is not None and not _is_heading_line(following):
            out.append(SrcHeading(1, unit[0].strip()))
            continue
        out.extend(_body(unit, by_line))
    return out


def _body(lines: list[str], by_line: bool = False) -> list[SrcBlock]:
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
            if by_line or not _wraps(line):
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
