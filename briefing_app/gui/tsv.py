"""Spreadsheet clipboard text (tab-separated values) as a grid of strings.

Excel, LibreOffice and Google Sheets copy a block of cells as rows separated by
newlines and cells separated by tabs, usually with a trailing newline. A cell
that itself holds a tab or a line break is wrapped in double quotes, with any
quote inside doubled (``"a""b"``). Pure functions, so they are tested without Qt.
"""

from __future__ import annotations

import re

_FIELD_END = re.compile(r"[\t\r\n]")
_NEEDS_QUOTES = re.compile(r'^"|[\t\r\n]')


def _read_field(text: str, start: int) -> tuple[str, int]:
    """Read one cell starting at ``start``; return it and the index after it."""
    if text.startswith('"', start):
        parts: list[str] = []
        pos = start + 1
        while True:
            close = text.find('"', pos)
            if close < 0:
                break  # never closed: the quote is part of the text
            parts.append(text[pos:close])
            if text.startswith('""', close):
                parts.append('"')
                pos = close + 2
                continue
            after = close + 1
            if after == len(text) or text[after] in "\t\r\n":
                return "".join(parts), after
            break  # text after the closing quote: it was not a quoted cell
        # Fall back to reading the cell literally, so nothing typed is lost
        # (a cell such as `"Yes" he said` copied without quoting).
    match = _FIELD_END.search(text, start)
    end = match.start() if match else len(text)
    return text[start:end], end


def parse_tsv(text: str) -> list[list[str]]:
    """Split clipboard text into rows of cells.

    Rows end at ``\\r\\n``, ``\\n`` or ``\\r``; one trailing line break (as
    spreadsheets add) does not make an extra row. Rows may differ in length;
    the caller pads them. Empty text gives no rows.
    """
    if not text:
        return []
    rows: list[list[str]] = []
    row: list[str] = []
    pos = 0
    while True:
        cell, pos = _read_field(text, pos)
        row.append(cell)
        if pos >= len(text):
            rows.append(row)
            return rows
        if text[pos] == "\t":
            pos += 1  # a tab at the very end leaves an empty last cell
            continue
        pos += 2 if text.startswith("\r\n", pos) else 1
        rows.append(row)
        row = []
        if pos >= len(text):
            return rows


def quote_cell(cell: str) -> str:
    """A cell as spreadsheets put it on the clipboard (quoted only if needed)."""
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def render_tsv(grid: list[list[str]], *, newline: str = "\r\n", trailing: bool = True) -> str:
    """The clipboard text for ``grid`` (the inverse of :func:`parse_tsv`)."""
    text = newline.join("\t".join(quote_cell(cell) for cell in row) for row in grid)
    return text + newline if trailing and grid else text


def clipboard_grid(text: str) -> list[list[str]]:
    """What pasting ``text`` puts into the table, as rows of cells.

    Text with tabs or line breaks is read as spreadsheet cells; anything else
    is one cell, kept verbatim (so quotes typed in a sentence survive).
    """
    if not text:
        return []
    body = text.removesuffix("\n").removesuffix("\r")
    if "\t" in body or "\n" in body or "\r" in body:
        return parse_tsv(text)
    return [[body]]
