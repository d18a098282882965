"""Pipe tables as Markdown writes them, found among lines of plain text.

| Factor | Impact |
|--------|-------:|
| Sanctions | Leverage |
"""

from __future__ import annotations

import re

_DELIMITER_CELL = re.compile(r":?-+:?")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def split_cells(line: str) -> list[str]:
    """The cells of one table row; "\\|" is a pipe inside a cell."""
    line = line.strip()
    if line.startswith("|"):
        line = line[1:]
    if line.endswith("|") and not line.endswith("\\|"):
        line = line[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(line)]


def is_row(line: str) -> bool:
    return _UNESCAPED_PIPE.search(line) is not None


def is_delimiter(line: str) -> bool:
    """The line under the header row: |---|:--:|."""
    if not is_row(line) and not line.strip().startswith("-"):
        return False
    cells = split_cells(line)
    return bool(cells) and all(_DELIMITER_CELL.fullmatch(cell) for cell in cells)


def table_at(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """(rows with the header first, index after the table) when a pipe table
    starts at ``lines[start]``, else None."""
    if start + 1 >= len(lines):
        return None
    header, delimiter = lines[start], lines[start + 1]
    if not (is_row(header) and is_row(delimiter) and is_delimiter(delimiter)):
        return None
    rows = [split_cells(header)]
    end = start + 2
    while end < len(lines) and lines[end].strip() and is_row(lines[end]):
        rows.append(split_cells(lines[end]))
        end += 1
    return rows, end
