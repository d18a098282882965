"""How much a .brief may hold, checked before the work of reading it.

A real brief is a few hundred kilobytes with a few thousand paragraphs and
cells. A file far beyond that is damaged or not a brief, and reading it in
full would stall the app for seconds and take gigabytes: it is refused at
once, in plain words. The checks run in three steps, each cheap:
the size on disk (storage.load_brief), a count of separators in the bytes
before any parsing, and a count of cells and blocks in the parsed data
before any of it becomes a brief.
"""

from __future__ import annotations

import re
from typing import Any

from briefing_app.errors import BriefFileError

#: Separators (commas) in the JSON text: every value in a list or object but
#: the last is followed by one, so this bounds the number of values.
MAX_ITEMS = 1_000_000
#: Table cells in the whole brief (500 rows x 10 columns is 5,000).
MAX_CELLS = 100_000
#: Sections, paragraphs, list items and sources in the whole brief.
MAX_PIECES = 50_000


def _n(count: int) -> str:
    return f"{count:,}"


# A JSON string, escapes included: its commas are text, not separators.
_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')


def check_bytes(data: bytes, *, name: str = "") -> None:
    """Refuse, before parsing, a file with far too many values to be a brief."""
    # Only the commas between values count: a long text full of commas (an
    # imported report, say) is one value. Both scans run in C, in linear time.
    if data.count(b",") > MAX_ITEMS and _STRING.sub(b'""', data).count(b",") > MAX_ITEMS:
        raise BriefFileError(
            f"the file holds more than {_n(MAX_ITEMS)} separate items; a brief holds a "
            "few thousand, so this is not a brief or it is damaged",
            file=name,
        )


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def check_counts(raw: Any, *, name: str = "") -> None:
    """Refuse parsed data with more cells or pieces than a brief can hold.

    Anything malformed is skipped here: reading the brief reports it with
    its place in the file.
    """
    if not isinstance(raw, dict):
        return
    sections = _items(raw.get("sections"))
    cells = 0
    pieces = len(sections)
    for i, section in enumerate(sections):
        if not isinstance(section, dict):
            continue
        rows, columns = _items(section.get("rows")), _items(section.get("columns"))
        cells += len(rows) * max(len(columns), 1)
        if cells > MAX_CELLS:
            raise BriefFileError(
                f"the brief's tables hold more than {_n(MAX_CELLS)} cells (this table "
                f"alone has {_n(len(rows))} rows), far more than a brief can show; "
                "the file is damaged or was not made for Briefing Builder",
                where=f"sections[{i}]",
                file=name,
            )
        for key in ("blocks", "items", "paragraphs"):
            for block in _items(section.get(key)):
                pieces += 1
                if isinstance(block, dict):
                    pieces += len(_items(block.get("items"))) + len(_items(block.get("blocks")))
        if pieces > MAX_PIECES:
            raise BriefFileError(
                f"the brief holds more than {_n(MAX_PIECES)} paragraphs, list items and "
                "sections, far more than a brief can show; the file is damaged or was "
                "not made for Briefing Builder",
                where=f"sections[{i}]",
                file=name,
            )
