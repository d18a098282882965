"""Importing Markdown: headings, pipe tables, inline marks, callouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.errors import BriefImportError
from briefing_app.importers import SourceFormat, import_file, import_text
from briefing_app.model import Callout, ListBlock, ListStyle, SectionKind, SourcesContent
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import Run, plain
from tests.import_samples import SAMPLE_MARKDOWN


def test_sample_markdown_sections_and_kinds(tmp_path: Path) -> None:
    path = tmp_path / "release.md"
    path.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    result = import_file(path)
    brief = result.brief
    assert result.format is SourceFormat.MARKDOWN
    assert brief.metadata.title == "Belarus frees 52 political prisoners"
    assert [(s.kind, s.title) for s in brief.sections] == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CONTEXT, "Context"),
        (SectionKind.FACTOR_TABLE, "Factors"),
        (SectionKind.CUSTOM_TEXT, "Factors (continued)"),
        (SectionKind.REMAINING_PRISONERS, "Remaining prisoners"),
        (SectionKind.RECOMMENDATIONS, "Recommendations"),
        (SectionKind.SOURCES, "Sources"),
    ]


def test_bold_italic_and_links_carry_over() -> None:
    brief = import_text(SAMPLE_MARKDOWN, SourceFormat.MARKDOWN).brief
    intro, callout = brief.sections[0].content.blocks
    assert intro.runs == [
        Run("Fifty-two "),
        Run("political prisoners", bold=True),
        Run(" were freed under a deal reported by "),
        Run("Reuters", link="https://www.reuters.com/world/belarus"),
        Run("."),
    ]
    # A quoted "**Did you know?**" paragraph is a callout box.
    assert isinstance(callout, Callout) and callout.title == "Did you know?"
    assert callout.blocks[0].runs == [
        Run("More than "),
        Run("1,000", italic=True),
        Run(" political prisoners remain in detention."),
    ]


def test_pipe_table_with_caption_source_and_marks() -> None:
    brief = import_text(SAMPLE_MARKDOWN, SourceFormat.MARKDOWN).brief
    table = brief.sections[2].content
    assert table.caption == "Factors behind the release"
    assert table.columns == ["Factor", "Impact on the release"]
    assert [[plain(c) for c in row] for row in table.rows] == [
        ["US sanctions", "Leverage for Washington"],
        ["Drone incursion", "See CFR"],
    ]
    assert table.rows[0][1][0] == Run("Leverage", bold=True)
    assert Run("CFR", link="https://www.cfr.org") in table.rows[1][1]
    assert plain(table.source) == "Council on Foreign Relations analysis"
    (tip,) = brief.sections[3].content.blocks
    assert isinstance(tip, Callout) and tip.title == "Pro tip"
    assert plain(tip.blocks[0].runs) == "watch the sanctions review in December."


def test_lists_nested_items_follow_their_parent_and_sources() -> None:
    brief = import_text(SAMPLE_MARKDOWN, SourceFormat.MARKDOWN).brief
    (remaining,) = brief.sections[4].content.blocks
    assert isinstance(remaining, ListBlock) and remaining.style is ListStyle.BULLET
    assert [plain(i) for i in remaining.items] == [
        "Journalists",
        "Trade union leaders",
        "including independent unions",
    ]
    (recs,) = brief.sections[5].content.blocks
    assert recs.style is ListStyle.NUMBERED and len(recs.items) == 2
    sources = brief.sections[6].content
    assert isinstance(sources, SourcesContent)
    assert [(s.text, s.url) for s in sources.items] == [
        ("Reuters: news reporting", "https://www.reuters.com"),
        ("Associated Press", "https://apnews.com"),
    ]


def test_sub_headings_stay_as_bold_lines_and_html_stays_text() -> None:
    text = "# T\n\n## Context\n\n### Detail\n\nText <b>raw</b>.\n\n```\ncode\n```\n"
    brief = import_text(text, SourceFormat.MARKDOWN).brief
    (section,) = brief.sections
    runs = [b.runs for b in section.content.blocks]
    assert runs == [[Run("Detail", bold=True)], [Run("Text <b>raw</b>.")], [Run("code")]]


def test_sources_with_two_links_in_one_item_stay_text() -> None:
    text = "# T\n\n## Sources\n\n- [A](https://a.org) and [B](https://b.org)\n"
    (section,) = import_text(text, SourceFormat.MARKDOWN).brief.sections
    assert section.kind is SectionKind.CUSTOM_TEXT and section.title == "Sources"


def test_unsafe_link_targets_stay_text() -> None:
    text = "T\n\nSee [click](javascript:alert(1)) and [file](file:///etc/passwd).\n"
    runs = import_text(text, SourceFormat.MARKDOWN).brief.sections[0].content.blocks[0].runs
    assert plain(runs).startswith("See [click](javascript:alert(1))")
    assert all(not r.link for r in runs)


_MARKDOWN_BITS = st.sampled_from(
    [
        "# ",
        "## ",
        "\n",
        "\n\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "Source: s",
        "**",
        "*",
        "_",
        "[x](https://e.org)",
        "- ",
        "1. ",
        "> ",
        "Did you know? ",
        "Note:",
        "```",
        "    ",
        "<div>",
        "\\",
        "---",
        "Table 1: c\n",
        "![pic](p.png)",
        "&amp;",
        "&#0;",
        "\x00",
        "\u2028",
    ]
)


@given(st.lists(st.one_of(_MARKDOWN_BITS, st.text(max_size=20)), max_size=40))
def test_any_markdown_imports_or_says_why(parts: list[str]) -> None:
    try:
        result = import_text("".join(parts), SourceFormat.MARKDOWN)
    except BriefImportError:
        return
    assert dumps(loads(dumps(result.brief))) == dumps(result.brief)


@given(st.text(max_size=300))
def test_any_text_as_markdown_imports_or_says_why(text: str) -> None:
    try:
        result = import_text(text, SourceFormat.MARKDOWN)
    except BriefImportError:
        return
    assert dumps(loads(dumps(result.brief))) == dumps(result.brief)


def test_nesting_too_deep_for_markdown_is_read_as_plain_text() -> None:
    text = "# T\n\n" + "> " * 5000 + "deep\n\n" + "- " * 5000 + "item\n\n" + "*" * 20000 + "x"
    result = import_text(text, SourceFormat.MARKDOWN)
    saved = dumps(result.brief).decode()
    assert "deep" in saved and "item" in saved and "x" in saved
    assert "imported as plain text" in result.notes[-1]


def test_nesting_within_the_limit_stays_markdown() -> None:
    result = import_text("# T\n\n" + "> " * 10 + "**deep**\n", SourceFormat.MARKDOWN)
    assert result.notes == []
    assert result.brief.sections[0].content.blocks[0].runs == [Run("deep", bold=True)]


@pytest.mark.slow
def test_a_long_markdown_file_imports_whole() -> None:
    title, body = SAMPLE_MARKDOWN.split("\n", 1)
    text = title + "\n" + (body + "\n\n") * 500
    brief = import_text(text, SourceFormat.MARKDOWN).brief
    assert sum(s.title == "Recommendations" for s in brief.sections) == 500


# Pieces that nest or pile up when repeated: "*" * 3000, "> " * 3000 ...
_REPEATED_BITS = st.sampled_from(
    ["*", "_", "**", "![", "[", "](u)", "> ", "- ", "1. ", "`", "<", "|", "\\", "\n", " ", "a"]
)


@given(
    st.lists(
        st.tuples(st.one_of(_MARKDOWN_BITS, _REPEATED_BITS), st.integers(1, 1500)),
        max_size=4,
    )
)
def test_markdown_repeated_thousands_of_times_imports_or_says_why(
    parts: list[tuple[str, int]],
) -> None:
    """Deep nesting and long runs of markup: a brief or a plain refusal,
    never a RecursionError (issue 12)."""
    try:
        result = import_text("".join(bit * count for bit, count in parts), SourceFormat.MARKDOWN)
    except BriefImportError:
        return
    assert dumps(loads(dumps(result.brief))) == dumps(result.brief)
