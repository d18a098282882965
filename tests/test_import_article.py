"""Issue 17: text as officers really receive it (an article pasted from a web
page: one paragraph per line, no blank lines) and one Key points section."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.importers import SourceFormat, import_text
from briefing_app.importers.plain_text import text_blocks
from briefing_app.model import Callout, Paragraph, SectionKind
from briefing_app.model.brief import TableContent
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import plain
from tests.import_samples import ARTICLE_TEXT


def _kinds(brief) -> list[tuple[SectionKind, str]]:
    return [(s.kind, s.title) for s in brief.sections]


def test_pasted_article_has_its_sections_callouts_and_titled_table() -> None:
    brief = import_text(ARTICLE_TEXT, SourceFormat.TEXT, name="article.txt").brief
    assert brief.metadata.title == (
        "Belarus frees 52 political prisoners in deal brokered by Washington"
    )
    # One Key points section: the opening paragraph joined the article's own.
    assert _kinds(brief) == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CUSTOM_TEXT, "Why now?"),
        (SectionKind.FACTOR_TABLE, "What drove the release"),
        (SectionKind.CUSTOM_TEXT, "What happens next"),
    ]
    opening, driven, callout = brief.sections[0].content.blocks
    assert plain(opening.runs).startswith("Belarus released 52 people")
    assert plain(driven.runs).startswith("The prisoners were driven")
    assert isinstance(callout, Callout) and callout.title == "Did you know?"
    assert plain(callout.blocks[0].runs).startswith("More than 1,000")
    why = brief.sections[1].content.blocks
    assert isinstance(why[0], Paragraph) and isinstance(why[1], Callout)
    assert why[1].title == "Pro tip"
    table = brief.sections[2].content
    assert isinstance(table, TableContent)
    assert table.columns == ["Factor", "Impact"]
    # The text cut off mid-sentence is kept as it is, not taken for a heading.
    (last,) = brief.sections[3].content.blocks
    assert plain(last.runs).endswith("divided on whether to follow the")


def test_lines_of_a_hard_wrapped_message_still_flow_together() -> None:
    text = (
        "Weekly update\n"
        "The minister met the ambassador on Tuesday and agreed that the talks on\n"
        "the prisoners would resume next month in Vilnius.\n"
        "Next steps\n"
        "Officials will prepare a list of names for the talks, with the help of\n"
        "the human rights groups that keep records of the cases.\n"
        "Note: the list is confidential until it is agreed.\n"
    )
    brief = import_text(text, SourceFormat.TEXT).brief
    assert brief.metadata.title == "Weekly update"
    assert _kinds(brief) == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CUSTOM_TEXT, "Next steps"),
    ]
    (first,) = brief.sections[0].content.blocks
    assert plain(first.runs) == (
        "The minister met the ambassador on Tuesday and agreed that the talks on "
        "the prisoners would resume next month in Vilnius."
    )
    paragraph, note = brief.sections[1].content.blocks
    assert plain(paragraph.runs).endswith("keep records of the cases.")
    assert isinstance(note, Callout) and note.title == "Note"


def test_a_line_naming_a_table_titles_it_and_factor_columns_make_a_factor_table() -> None:
    text = (
        "Title\n\nSome opening text that runs long enough to be a paragraph of its own.\n\n"
        "Pressures on Minsk\n| Factor | Impact |\n|---|---|\n| Sanctions | High |\n"
    )
    brief = import_text(text, SourceFormat.TEXT).brief
    table = brief.sections[-1]
    assert (table.kind, table.title) == (SectionKind.FACTOR_TABLE, "Pressures on Minsk")


def test_markdown_key_points_of_its_own_take_the_text_before_them() -> None:
    text = "# Title\n\nOpening words.\n\n## Key points\n\n- First point\n\n## Context\n\nMore.\n"
    brief = import_text(text, SourceFormat.MARKDOWN).brief
    assert _kinds(brief) == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CONTEXT, "Context"),
    ]
    opening, points = brief.sections[0].content.blocks
    assert plain(opening.runs) == "Opening words."
    assert [plain(item) for item in points.items] == ["First point"]


def test_a_file_starting_with_its_key_points_is_unchanged() -> None:
    text = "# Title\n\n## Key points\n\nPoint.\n\n## Summary of talks\n\nMore.\n"
    brief = import_text(text, SourceFormat.MARKDOWN).brief
    assert [s.title for s in brief.sections] == ["Key points", "Summary of talks"]


_line = st.text(
    alphabet=st.sampled_from(list("abcdefghij klmnop.,?:|-*#1")), min_size=0, max_size=160
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_line, max_size=40))
def test_any_lines_without_blank_lines_keep_every_word(lines: list[str]) -> None:
    """Whatever the reader decides about the lines, no word is lost."""
    text = "\n".join(lines)
    if not text.strip():
        return
    blocks = text_blocks(text)
    kept = dumps(loads(dumps(import_text(text, SourceFormat.TEXT).brief))).decode()
    for word in text.replace("|", " ").split():
        word = word.strip("|-*:#.,?")
        if word.isalpha():
            assert word in kept, (word, blocks)
