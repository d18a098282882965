"""How much one import may hold, so that any file is read in bounded time
and memory and the brief it makes can be saved and opened again.

The file size is checked before reading (source_file.py), the Word package
before unpacking (word_package.py), Markdown's parsing work as it goes
(markdown_parser.py) and the paragraphs and runs a Word document is read
in (word.py). What every reader makes is counted here: the runs, each a
stretch of text with its own marks or link. A real brief has a few
thousand; each costs time to save, open and draw.
"""

from __future__ import annotations

from briefing_app.importers.items import SrcBlock, SrcBox, SrcList, SrcParagraph, SrcTable

MAX_RUNS = 150_000


class TooMuch(Exception):
    """More than an import can take; ``problem`` says what, in plain words
    (the caller adds the file's name)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def too_many_runs() -> TooMuch:
    return TooMuch(
        f"the file has too many links and changes of bold or italic (more than "
        f"{MAX_RUNS:,}) to become one brief. Split it and import the parts."
    )


def check_runs(blocks: list[SrcBlock]) -> None:
    """Refuse a stream with more than MAX_RUNS runs, before a brief is made of it."""
    count = 0
    for block in blocks:
        if isinstance(block, SrcParagraph):
            count += len(block.runs)
        elif isinstance(block, SrcList):
            count += sum(len(item) for item in block.items)
        elif isinstance(block, SrcTable):
            count += sum(len(cell) for row in block.rows for cell in row)
        elif isinstance(block, SrcBox):
            for inner in block.blocks:
                if isinstance(inner, SrcParagraph):
                    count += len(inner.runs)
                else:
                    count += sum(len(item) for item in inner.items)
        if count > MAX_RUNS:
            raise too_many_runs()
