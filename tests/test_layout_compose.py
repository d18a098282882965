"""The composer's layout decisions, which every format then follows: how
long a title-block value may be, how narrow a column, which links are
disguised; and the warnings an export returns for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.compose import compose
from briefing_app.compose.composer import CUT_MARK, cut_to_page
from briefing_app.compose.links import link_target, unlink_disguised
from briefing_app.compose.tables import column_widths, max_columns
from briefing_app.document.measure import char_em, fits_in_lines, fitting_chars, lines_needed
from briefing_app.document.nodes import ListNode, Para, TableNode, Text
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.export import export_brief
from briefing_app.model import (
    PageSize,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TextContent,
)
from tests.builders import brief, table_section, text_section

# ------------------------------------------------------------ measuring


def test_lines_break_at_spaces_and_line_breaks() -> None:
    assert fitting_chars("a b c", 100, 1) == 5
    assert fitting_chars("a\nb\nc", 100, 2) == 3  # "a\nb", then the third line
    assert fitting_chars("", 10, 1) == 0
    assert fitting_chars("abc", 10, 0) == 0


def test_a_word_longer_than_a_line_breaks_between_characters() -> None:
    w = char_em("W")
    assert fitting_chars("W" * 100, 10 * w + 0.01, 3) == 30
    assert fitting_chars("ab " + "W" * 100, 10 * w + 0.01, 3) == 23


def test_the_estimate_is_never_narrower_than_the_font() -> None:
    # Liberation Sans, the bundled PDF font: the estimate is at or above it.
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from briefing_app.writers.pdf_fonts import register_family

    regular = register_family().regular
    for ch in "aAmMwW@0.,;Жжéß€漢—…":
        assert char_em(ch) >= stringWidth(ch, regular, 1000) / 1000 - 1e-3, ch


@pytest.mark.parametrize(
    "text",
    [
        "",
        "one",
        "a few short words " * 30,
        "W" * 300,
        "line\n" * 40,
        "Жж " * 200,
        "x" * 5 + " y" * 400,
    ],
)
@pytest.mark.parametrize("width", [3.0, 20.0, 60.0])
def test_the_quick_answer_agrees_with_wrapping(text: str, width: float) -> None:
    for most in (1, 5, 30, 63):
        assert fits_in_lines(text, width, most) == (fitting_chars(text, width, most) == len(text))
    needed = lines_needed(text, width, 400)
    assert fits_in_lines(text, width, needed)
    assert needed == 1 or not fits_in_lines(text, width, needed - 1)


# ------------------------------------------------------------ title block


def test_a_value_that_fits_is_printed_whole() -> None:
    value = "Minister of State for Europe; " * 20
    assert cut_to_page(value, HouseStyle()) == value


@pytest.mark.parametrize("value", ["R" * 2_000, "x\n" * 200, "word " * 2_000])
def test_a_value_past_a_page_is_cut_with_the_mark(value: str) -> None:
    style = HouseStyle()
    cut = cut_to_page(value, style)
    assert cut.endswith(CUT_MARK)
    kept = cut.removesuffix(CUT_MARK)
    assert value.startswith(kept.rstrip()) and len(kept) > 100
    # What is printed fits on a page, by the same estimate.
    assert cut_to_page(cut, style) == cut


def test_the_cut_is_in_the_tree_with_a_warning_and_the_export_returns_it(
    tmp_path: Path,
) -> None:
    b = brief(text_section("A", "x"), reference="R" * 3_000)
    tree = compose(b)
    control = {row.label: row.value for row in tree.blocks[0].control}  # type: ignore[union-attr]
    assert control["Reference"].endswith(CUT_MARK)
    (warning,) = tree.warnings
    assert "'Reference' in the title block is too long to fit on a page (3,000 characters)" in (
        warning
    )
    for ending in (".pdf", ".docx", ".html"):
        report = export_brief(b, tmp_path / f"out{ending}")
        assert report.warnings == [warning]


# ------------------------------------------------------------ table columns


@pytest.mark.parametrize(("size", "most"), [(PageSize.A4, 11), (PageSize.LETTER, 11)])
def test_the_most_columns_follow_the_page(size: PageSize, most: int) -> None:
    style = HouseStyle(page_size=size)
    assert max_columns(style.frame_width_mm, style.table_min_column_mm) == most


def test_no_column_is_narrower_than_the_floor() -> None:
    columns = [f"C{i}" for i in range(11)]
    rows = [["x" * 300, *["1"] * 10]]
    low = 15 / 166
    widths = column_widths(columns, rows, low)
    assert sum(widths) == pytest.approx(1)
    assert min(widths) >= low - 1e-9
    assert widths[0] == max(widths)


def test_ordinary_tables_keep_their_widths() -> None:
    columns = ["Factor", "Impact on the release"]
    rows = [["US sanctions", "Gave Washington leverage; sanctions relief was central."]]
    assert column_widths(columns, rows, 15 / 166) == column_widths(columns, rows)


def test_a_table_too_wide_is_refused_by_the_composer() -> None:
    table = table_section("Factors behind the release", [f"C{i}" for i in range(12)], [])
    with pytest.raises(ExportError) as caught:
        compose(brief(table))
    assert str(caught.value).startswith(
        "The table 'Factors behind the release' has 12 columns; at most 11 fit across the page"
    )
    widths = compose(brief(table_section("T", [f"C{i}" for i in range(11)], [])))
    node = next(b for b in widths.blocks if isinstance(b, TableNode))
    assert len(node.widths) == 11


# ------------------------------------------------------------ disguised links


def test_a_disguised_link_is_text_without_its_controls() -> None:
    inlines = (
        Text("see "),
        Text("moc.\u202eknab", link="https://x.org"),
        Text(" and ", bold=True, link="https://x.org"),  # the same link, split by marks
        Text("real", link="https://y.org"),
    )
    out, found = unlink_disguised(inlines)
    assert found
    assert out == (
        Text("see "),
        Text("moc.knab"),
        Text(" and ", bold=True),
        Text("real", link="https://y.org"),
    )
    assert unlink_disguised(out) == (out, False)


def test_a_link_target_holding_a_control_is_no_link() -> None:
    assert link_target("https://example.org/\u202egpj.exe") == ""
    assert link_target("https://example.org/") == "https://example.org/"


def test_the_composer_unlinks_and_warns_once_a_section() -> None:
    runs = [Run("a\u2066b", link="https://x.org"), Run(" "), Run("c\u202ed", link="https://y.org")]
    source = SourcesContent([SourceEntry("Source", "https://z.org/\u202ex")])
    tree = compose(
        brief(
            Section(SectionKind.CONTEXT, "Links", TextContent([Paragraph(runs)])),
            Section(SectionKind.SOURCES, "Sources", source),
        )
    )
    para = next(b for b in tree.blocks if isinstance(b, Para))
    assert [t.link for t in para.inlines] == ["", "", ""]
    assert "".join(t.text for t in para.inlines) == "ab cd"
    sources = next(b for b in tree.blocks if isinstance(b, ListNode))
    assert [t.link for t in sources.items[0]] == ["", "", ""]
    assert len(tree.warnings) == 2
    assert "'Links'" in tree.warnings[0] and "'Sources'" in tree.warnings[1]
