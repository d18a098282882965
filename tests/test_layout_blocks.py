"""Layout never fails on content: every kind of block, from one line to
three pages, exported to PDF, Word and HTML and read back with every word
in its place.

The words are numbered tokens ("t00042"), so a missing, doubled or
reordered word shows; whitespace is ignored, since lines can break anywhere.
Each export runs under an alarm: a layout that loops fails the test
instead of hanging the run.
"""

from __future__ import annotations

import re
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from briefing_app.compose import compose
from briefing_app.document.nodes import Document
from briefing_app.model import (
    Brief,
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TextContent,
)
from briefing_app.writers.docx import write_docx
from briefing_app.writers.html import write_html
from briefing_app.writers.pdf import write_pdf
from tests.builders import brief, table_section, text_section
from tests.docx_text import body_text
from tests.html_text import parse
from tests.pdf_text import pages_text

#: Words in one line, half a page, a page and a bit, and three pages of body text.
SIZES = {"one line": 6, "half a page": 250, "over a page": 700, "three pages": 1_900}
_TOKEN = re.compile(r"t\d{5}")
SECONDS = 60  # a runaway, never a slow run, reaches this


def tokens(count: int, start: int = 0) -> list[str]:
    return [f"t{i:05d}" for i in range(start, start + count)]


def words(count: int, start: int = 0) -> str:
    return " ".join(tokens(count, start))


def _chunks(total: int, size: int) -> Iterator[tuple[int, int]]:
    """(start, count) pieces of ``size`` words covering ``total`` words."""
    for start in range(0, total, size):
        yield start, min(size, total - start)


def _text(title: str, *blocks: object, kind: SectionKind = SectionKind.CUSTOM_TEXT) -> Section:
    return Section(kind, title, TextContent(list(blocks)))  # type: ignore[arg-type]


def _para(n: int, start: int = 0) -> Paragraph:
    return Paragraph([Run(words(n, start))])


# Each kind: words -> a brief holding that many tokens in that kind of block.
def paragraph(n: int) -> Brief:
    return brief(text_section("Body", words(n)))


def line_breaks(n: int) -> Brief:
    lines = [" ".join(tokens(3, start)) for start in range(0, n, 3)]
    return brief(text_section("Lines", "\n".join(lines)))


def _list(style: ListStyle, n: int, per_item: int) -> Brief:
    items = [[Run(words(count, start))] for start, count in _chunks(n, per_item)]
    return brief(_text("List", ListBlock(style, items)))


def bullets(n: int) -> Brief:
    return _list(ListStyle.BULLET, n, 25)


def numbers(n: int) -> Brief:
    return _list(ListStyle.NUMBERED, n, 25)


def long_item(n: int) -> Brief:
    return _list(ListStyle.BULLET, n, n)


def table(n: int) -> Brief:
    rows = [[words(4, start + 4 * c) for c in range(3)] for start, _ in _chunks(n, 12)]
    return brief(table_section("Figures", ["Name", "Detail", "Note"], rows, "Own figures"))


def tall_cell(n: int) -> Brief:
    return brief(table_section("One cell", ["Name", "Detail"], [["Only row", words(n)]]))


def callout_section(n: int) -> Brief:
    half = n // 2
    blocks = [_para(half), _para(n - half, half)]
    return brief(_text("Did you know?", *blocks, kind=SectionKind.CALLOUT))


def callout_block(n: int) -> Brief:
    half = n // 2
    box = Callout("Note", [_para(half), _para(n - half, half)])
    return brief(_text("Context", Paragraph([Run("Before the box.")]), box))


def callout_list(n: int) -> Brief:
    items = [[Run(words(count, start))] for start, count in _chunks(n, 30)]
    box = Callout("Steps", [ListBlock(ListStyle.NUMBERED, items)])
    return brief(_text("Context", box))


def sources(n: int) -> Brief:
    entries = [
        SourceEntry(words(count, start), f"https://example.org/{start}")
        for start, count in _chunks(n, 10)
    ]
    return brief(Section(SectionKind.SOURCES, "Sources", SourcesContent(entries)))


def heading(n: int) -> Brief:
    return brief(text_section(words(n), "Text."), text_section("Next", "More text."))


def title(n: int) -> Brief:
    return brief(text_section("Body", "Text."), title=words(n))


def subtitle(n: int) -> Brief:
    return brief(text_section("Body", "Text."), subtitle=words(n))


def recipients(n: int) -> Brief:
    # A title-block value: up to most of a page in its column (a longer
    # one is cut, see test_layout_bounds.py).
    people = [words(count, start) for start, count in _chunks(min(n, 250), 5)]
    return brief(text_section("Body", "Text."), recipients=people)


KINDS: dict[str, Callable[[int], Brief]] = {
    "paragraph": paragraph,
    "line breaks": line_breaks,
    "bullet list": bullets,
    "numbered list": numbers,
    "long list item": long_item,
    "table": table,
    "tall table cell": tall_cell,
    "callout section": callout_section,
    "callout block": callout_block,
    "list in a callout": callout_list,
    "sources": sources,
    "heading": heading,
    "title": title,
    "subtitle": subtitle,
    "recipients": recipients,
}


@contextmanager
def deadline(seconds: int = SECONDS) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"the export was still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def expected(tree: Document) -> list[str]:
    """The tokens in the tree, in reading order: what every format must show."""
    return _TOKEN.findall(" ".join(tree.body_text()))


def assert_in_order(found: list[str], wanted: list[str]) -> None:
    """Every wanted token, in order; the reader may show some twice (the
    PDF repeats nothing, but a title is also in Word's header)."""
    position = 0
    for token in wanted:
        try:
            position = found.index(token, position) + 1
        except ValueError:
            raise AssertionError(f"{token} missing or out of order") from None


@pytest.fixture(scope="module", params=list(SIZES), ids=list(SIZES))
def size(request: pytest.FixtureRequest) -> int:
    return SIZES[request.param]


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_block_kind_at_every_size_exports_whole(kind: str, size: int) -> None:
    tree = compose(KINDS[kind](size))
    wanted = expected(tree)
    assert len(wanted) >= min(size, 250), "the generator lost words"
    assert not tree.warnings

    with deadline():
        pdf = write_pdf(tree)
    pages = pages_text(pdf)
    assert_in_order(_TOKEN.findall(" ".join(pages)), wanted)
    # Sane: a page holds several hundred words (fewer in big type, short
    # lines or table rows), never a page per line.
    per_page = {"title": 80, "heading": 80, "line breaks": 100, "table": 150}.get(kind, 250)
    assert len(pages) <= 2 + len(wanted) // per_page, len(pages)
    if len(wanted) > 1_200:
        assert len(pages) >= 2

    with deadline():
        word = write_docx(tree)
    assert_in_order(_TOKEN.findall(" ".join(body_text(word))), wanted)

    with deadline():
        page = parse(write_html(tree))
    assert_in_order(_TOKEN.findall(page.main_text()), wanted)
