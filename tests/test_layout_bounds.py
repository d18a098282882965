"""Exports that once hung, crashed or let a trick through, run as the
command line runs them: in a child process with a memory limit and a
generous time bound (tests/child.py). Each asserts the outcome: an export
whose text is read back, or one plain line that says what to change.

The big inputs (20,000 rows, 50,000 sections) run with ``-m slow``; the
same generators run at a small size in the normal suite.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from briefing_app.compose.composer import CUT_MARK
from briefing_app.model import (
    Brief,
    Callout,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TextContent,
)
from briefing_app.model.storage import save_brief
from tests.builders import brief, table_section, text_section
from tests.child import Outcome, cli, run_child
from tests.docx_text import all_parts_text, body_text, open_docx
from tests.html_text import parse
from tests.pdf_text import link_targets, no_space, pages_text
from tests.test_layout_blocks import _TOKEN, tokens, words

FORMATS = ("pdf", "docx", "html")


def export(tmp_path: Path, b: Brief, ending: str) -> tuple[Outcome, Path]:
    source = tmp_path / "in.brief"
    save_brief(b, source)
    out = tmp_path / f"out.{ending}"
    return cli("export", str(source), "-o", str(out)), out


def exported(tmp_path: Path, b: Brief, ending: str) -> tuple[Outcome, bytes]:
    outcome, out = export(tmp_path, b, ending)
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    return outcome, out.read_bytes()


def text_of(data: bytes, ending: str) -> str:
    if ending == "pdf":
        return " ".join(pages_text(data))
    if ending == "docx":
        return " ".join(body_text(data))
    return parse(data).main_text()


def warnings(outcome: Outcome) -> list[str]:
    """The export's own warnings (not the check's findings it lists too)."""
    return [
        line.removeprefix("briefing-app: warning: ")
        for line in outcome.stderr.splitlines()
        if line.startswith("briefing-app: warning: ")
        and not line.startswith("briefing-app: warning: check: ")
    ]


def assert_all_tokens(text: str, count: int, start: int = 0) -> None:
    found = _TOKEN.findall(text)
    missing = sorted(set(tokens(count, start)) - set(found))
    assert not missing, f"{len(missing)} words missing, the first {missing[:5]}"


# ------------------------------------------------------------ callout boxes


def _long_box(kind: str) -> Brief:
    """Two paragraphs of 1,000 words in a box: once a layout that never ended."""
    paragraphs = [Paragraph([Run(words(1_000))]), Paragraph([Run(words(1_000, 1_000))])]
    if kind == "section":
        return brief(Section(SectionKind.CALLOUT, "Did you know?", TextContent(paragraphs)))
    box = Callout("Analyst's note", paragraphs)
    return brief(text_section("Context", "Before the box."), _with_block(box))


def _with_block(box: Callout) -> Section:
    return Section(SectionKind.CUSTOM_TEXT, "More", TextContent([box]))


@pytest.mark.parametrize("ending", FORMATS)
@pytest.mark.parametrize("kind", ["section", "block"])
def test_a_callout_longer_than_a_page_is_exported_whole(
    tmp_path: Path, kind: str, ending: str
) -> None:
    _outcome, data = exported(tmp_path, _long_box(kind), ending)
    assert_all_tokens(text_of(data, ending), 2_000)
    if ending == "pdf":
        pages = pages_text(data)
        assert 3 <= len(pages) <= 6
        # The box runs over pages: its words are on more than one.
        assert sum(bool(_TOKEN.search(page)) for page in pages) >= 3


# ------------------------------------------------------ a long paragraph


def test_a_paragraph_of_20000_line_breaks_splits_over_pages(tmp_path: Path) -> None:
    lines = "\n".join(f"t{i:05d}" for i in range(20_000))
    _outcome, data = exported(tmp_path, brief(text_section("Lines", lines)), "pdf")
    pages = pages_text(data)
    assert_all_tokens(" ".join(pages), 20_000)
    lines_a_page = 20_000 / len(pages)
    assert 40 <= lines_a_page <= 60, len(pages)


# ------------------------------------------------------------ title block


@pytest.mark.parametrize("field", ["reference", "author"])
def test_a_title_block_value_longer_than_a_page_is_cut_with_a_warning(
    tmp_path: Path, field: str
) -> None:
    value = "R" * 2_000  # wide letters that do not break: about 1.3 pages
    for ending in FORMATS:
        outcome, data = exported(tmp_path, brief(text_section("A", "x"), **{field: value}), ending)
        text = text_of(data, ending)
        assert no_space(CUT_MARK) in no_space(text), ending
        assert "R" * 1_000 in no_space(text)
        assert "R" * 2_000 not in no_space(text)
        label = "Reference" if field == "reference" else "From"
        (warning,) = warnings(outcome)
        assert f"'{label}' in the title block is too long to fit on a page" in warning
        assert "2,000 characters" in warning


def test_a_long_value_that_fits_on_a_page_wraps_whole(tmp_path: Path) -> None:
    author = words(250)  # 1,750 characters of words
    people = [words(3, 1_000 + 3 * i) for i in range(64)]  # 64 recipients
    b = brief(text_section("A", "x"), author=author, recipients=people)
    for ending in FORMATS:
        outcome, data = exported(tmp_path, b, ending)
        assert warnings(outcome) == []
        text = text_of(data, ending)
        assert_all_tokens(text, 250)
        assert_all_tokens(text, 192, 1_000)
        if ending == "pdf":
            assert len(pages_text(data)) <= 3


# ------------------------------------------------------------ wide tables


@pytest.mark.parametrize("ending", FORMATS)
def test_a_table_too_wide_for_the_page_is_refused_in_one_plain_line(
    tmp_path: Path, ending: str
) -> None:
    columns = [f"Column {i}" for i in range(200)]
    table = table_section("Factors behind the release", columns, [[str(i) for i in range(200)]])
    outcome, out = export(tmp_path, brief(table), ending)
    outcome.assert_bounded()
    assert outcome.returncode == 1
    assert outcome.error_line == (
        "briefing-app: error: The table 'Factors behind the release' has 200 columns; at most "
        "11 fit across the page (each needs 15 mm to be read). Split it into narrower tables, "
        "or turn it so that its columns become rows."
    )
    assert not out.exists()


@pytest.mark.parametrize("ending", FORMATS)
def test_a_table_at_the_most_columns_gets_narrow_readable_columns(
    tmp_path: Path, ending: str
) -> None:
    columns = [f"C{i}" for i in range(11)]
    rows = [[f"t{r * 11 + c:05d}" for c in range(11)] for r in range(20)]
    _outcome, data = exported(tmp_path, brief(table_section("Wide", columns, rows)), ending)
    # Each word whole on its line: a column at its narrowest holds six characters.
    assert_all_tokens(text_of(data, ending), 220)


# ------------------------------------------------------------ Word properties


def test_word_properties_are_cut_to_255_characters_but_the_text_is_not(tmp_path: Path) -> None:
    long = {f: words(60, i * 100) for i, f in enumerate(["title", "subtitle", "author"])}
    long |= {"organisation": words(60, 300), "reference": words(60, 400)}
    _outcome, data = exported(tmp_path, brief(text_section("A", "x"), **long), "docx")
    props = open_docx(data).core_properties
    for value in (props.title, props.author, props.subject, props.keywords):
        assert 200 < len(value) <= 255
    assert props.title.endswith("\u2026")
    text = " ".join(body_text(data))
    for field in ("title", "subtitle", "author", "organisation"):
        assert long[field] in text, field


# ------------------------------------------------------------ disguised links


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", list(BIDI), ids=[f"U+{ord(c):04X}" for c in BIDI])
def test_a_link_whose_words_hold_a_direction_control_is_plain_text(
    tmp_path: Path, control: str
) -> None:
    runs = [
        Run("Read "),
        Run(f"https://example.org/{control}moc.knab", link="https://example.org/evil"),
        Run(" or "),
        Run("the real one", link="https://example.org/real"),
        Run("."),
    ]
    sources = SourcesContent([SourceEntry("A source", f"https://example.org/{control}x")])
    b = brief(
        Section(SectionKind.CONTEXT, "Links", TextContent([Paragraph(runs)])),
        Section(SectionKind.SOURCES, "Sources", sources),
    )
    for ending in FORMATS:
        outcome, data = exported(tmp_path, b, ending)
        text = text_of(data, ending)
        assert "https://example.org/moc.knab" in text, ending
        assert not set(BIDI) & set(text), ending
        if ending == "pdf":
            assert link_targets(data) == ["https://example.org/real"]
        elif ending == "docx":
            assert "example.org/evil" not in all_parts_text(data)
            assert "example.org/real" in all_parts_text(data)
        else:
            hrefs = [a.attrs.get("href") for a in parse(data).main.iter("a")]
            assert hrefs == ["https://example.org/real"]
        assert len(warnings(outcome)) == 2, outcome.stderr  # the section and the sources
        assert all("printed as plain text" in w for w in warnings(outcome))


# ------------------------------------------------------------ scale

ROWS_CODE = """
import sys, time
from briefing_app.export import export_brief
from briefing_app.model import Brief, Run, Section, SectionKind, TableContent
rows = [[[Run(f"Row {r}")], [Run("Minsk region, detained in 2021 and released in 2025")],
         [Run(str(r))], [Run("t%05d" % (r % 100000))], [Run("note")]] for r in range(ROWS)]
table = TableContent("A long table", ["Name", "Details", "Number", "Code", "Note"], rows,
                     [Run("Viasna")])
brief = Brief(sections=[Section(SectionKind.CUSTOM_TABLE, "Table", table)])
start = time.perf_counter()
export_brief(brief, sys.argv[1])
print(f"{time.perf_counter() - start:.2f}")
"""

SECTIONS_CODE = """
import sys, time
from briefing_app.export import export_brief
from briefing_app.model import Brief, Paragraph, Run, Section, SectionKind, TextContent
sections = [Section(SectionKind.CUSTOM_TEXT, f"Section {n}",
                    TextContent([Paragraph([Run(f"A short section, t{n:05d}.")])]))
            for n in range(COUNT)]
start = time.perf_counter()
export_brief(Brief(sections=sections), sys.argv[1])
print(f"{time.perf_counter() - start:.2f}")
"""


def _run(code: str, target: Path) -> Outcome:
    outcome = run_child([sys.executable, "-c", code, str(target)])
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-3000:]
    return outcome


def _rows(tmp_path: Path, count: int, ending: str) -> None:
    target = tmp_path / f"rows.{ending}"
    _run(ROWS_CODE.replace("ROWS", str(count)), target)
    text = text_of(target.read_bytes(), ending)
    assert f"Row {count - 1}" in text and "Source: Viasna" in text


def _sections(tmp_path: Path, count: int, ending: str) -> None:
    target = tmp_path / f"sections.{ending}"
    _run(SECTIONS_CODE.replace("COUNT", str(count)), target)
    assert_all_tokens(text_of(target.read_bytes(), ending), count)


@pytest.mark.parametrize("ending", FORMATS)
def test_a_long_table_exports_in_bounds(tmp_path: Path, ending: str) -> None:
    _rows(tmp_path, 2_000, ending)


@pytest.mark.parametrize("ending", FORMATS)
def test_many_sections_export_in_bounds(tmp_path: Path, ending: str) -> None:
    _sections(tmp_path, 2_000, ending)


@pytest.mark.slow
@pytest.mark.parametrize("ending", FORMATS)
def test_a_table_of_20000_rows_exports_in_bounds(tmp_path: Path, ending: str) -> None:
    _rows(tmp_path, 20_000, ending)


@pytest.mark.slow
@pytest.mark.parametrize("ending", FORMATS)
def test_50000_sections_export_in_bounds(tmp_path: Path, ending: str) -> None:
    _sections(tmp_path, 50_000, ending)
