"""Importing plain text: sections, kinds, tables, callouts, encodings, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing_app.errors import BriefImportError
from briefing_app.importers import SourceFormat, import_bytes, import_file, import_text
from briefing_app.model import (
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    SectionKind,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import plain
from tests.import_samples import SAMPLE_TEXT


def _text(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


def kinds_and_titles(brief) -> list[tuple[SectionKind, str]]:
    return [(s.kind, s.title) for s in brief.sections]


def test_sample_text_becomes_sections_with_guessed_kinds(tmp_path: Path) -> None:
    result = import_file(_text(tmp_path / "release.txt", SAMPLE_TEXT))
    brief = result.brief
    assert brief.metadata.title == "Belarus frees 52 political prisoners"
    assert kinds_and_titles(brief) == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CONTEXT, "Background"),
        (SectionKind.FACTOR_TABLE, "Factors behind the release"),
        (SectionKind.RECOMMENDATIONS, "Recommendations"),
        (SectionKind.SOURCES, "Sources"),
    ]
    assert result.format is SourceFormat.TEXT
    assert result.encoding == "UTF-8"
    assert result.notes == ["The file was read as UTF-8 text."]

    summary = brief.sections[0].content
    assert isinstance(summary, TextContent)
    intro, callout = summary.blocks
    # The wrapped line flows on into one paragraph.
    assert plain(intro.runs) == (
        "Minsk, 11 September. Belarus released 52 people held on politically "
        "motivated charges, the state news agency reported on Thursday."
    )
    assert isinstance(callout, Callout)
    assert callout.title == "Did you know?"
    assert (
        plain(callout.blocks[0].runs) == "More than 1,000 political prisoners remain in detention."
    )

    background = brief.sections[1].content
    link = [r for r in background.blocks[0].runs if r.link]
    assert [(r.text, r.link) for r in link] == [
        ("https://www.hrw.org/belarus", "https://www.hrw.org/belarus")
    ]


def test_pipe_table_inside_text_with_its_source_line() -> None:
    brief = import_text(SAMPLE_TEXT, SourceFormat.TEXT).brief
    table = brief.sections[2].content
    assert isinstance(table, TableContent)
    assert table.columns == ["Factor", "Impact"]
    assert [[plain(cell) for cell in row] for row in table.rows] == [
        ["US sanctions", "Leverage for Washington"],
        ["Drone incursion into Poland", "Regional tension"],
    ]
    assert plain(table.source) == "Reuters and the Associated Press, 26 October 2025"


def test_lists_callout_after_list_and_sources() -> None:
    brief = import_text(SAMPLE_TEXT, SourceFormat.TEXT).brief
    recs = brief.sections[3].content
    numbered, tip = recs.blocks
    assert isinstance(numbered, ListBlock) and numbered.style is ListStyle.NUMBERED
    assert [plain(item) for item in numbered.items] == [
        "Welcome the release publicly.",
        "Keep sanctions tied to concrete human-rights improvements.",
    ]
    assert isinstance(tip, Callout) and tip.title == "Tip"
    assert plain(tip.blocks[0].runs) == "raise individual cases by name."
    sources = brief.sections[4].content
    assert isinstance(sources, SourcesContent)
    assert [(s.text, s.url) for s in sources.items] == [
        ("Reuters: news reporting on the release", "https://www.reuters.com"),
        ("Associated Press", "https://apnews.com"),
    ]


def test_heading_needs_body_text_after_it_and_no_full_stop() -> None:
    text = (
        "Title line\n\n"
        "First part\n\nSecond part\n\nBody of the second part.\n\n"
        "This line ends with a full stop.\n\nMore body text here.\n"
    )
    brief = import_text(text, SourceFormat.TEXT).brief
    assert brief.metadata.title == "Title line"
    # "First part" is followed by another heading-like line: it stays text.
    assert kinds_and_titles(brief) == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CUSTOM_TEXT, "Second part"),
    ]
    assert plain(brief.sections[0].content.blocks[0].runs) == "First part"
    assert [plain(b.runs) for b in brief.sections[1].content.blocks] == [
        "Body of the second part.",
        "This line ends with a full stop.",
        "More body text here.",
    ]


def test_first_line_that_is_a_sentence_is_not_the_title(tmp_path: Path) -> None:
    result = import_file(_text(tmp_path / "cabinet-note_v2.txt", "We met the minister today.\n"))
    assert result.brief.metadata.title == "cabinet note v2"
    assert plain(result.brief.sections[0].content.blocks[0].runs) == "We met the minister today."


def test_underlined_headings_and_rules() -> None:
    text = "Brief title\n===========\n\nContext\n-------\nText.\n\n* * *\n\nMore text.\n"
    brief = import_text(text, SourceFormat.TEXT).brief
    assert brief.metadata.title == "Brief title"
    context = brief.sections[0]
    assert (context.kind, context.title) == (SectionKind.CONTEXT, "Context")
    texts = [plain(b.runs) for b in brief.sections[0].content.blocks]
    assert texts == ["Text.", "More text."]


def test_table_first_under_heading_takes_the_heading_and_rows_are_padded() -> None:
    text = (
        "T\n\nOutstanding cases\n\n| Name | Held since |\n|---|---|\n| A | 2021 | extra |\n| B |\n"
    )
    brief = import_text(text, SourceFormat.TEXT).brief
    section = brief.sections[0]
    assert (section.kind, section.title) == (SectionKind.CUSTOM_TABLE, "Outstanding cases")
    assert section.content.columns == ["Name", "Held since", "Column 3"]
    assert [[plain(c) for c in row] for row in section.content.rows] == [
        ["A", "2021", "extra"],
        ["B", "", ""],
    ]


def test_lead_in_alone_takes_the_next_paragraph() -> None:
    brief = import_text("T\n\nNote:\n\nThe figures are provisional.\n", SourceFormat.TEXT).brief
    (callout,) = brief.sections[0].content.blocks
    assert isinstance(callout, Callout) and callout.title == "Note"
    assert plain(callout.blocks[0].runs) == "The figures are provisional."


# ------------------------------------------------------------------ encodings


def test_cp1252_is_tried_after_utf8_and_said(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(
        "Caf\u00e9 \u201cquoted\u201d \u2013 note\n\nBody text here.\n".encode("cp1252")
    )
    result = import_file(path)
    assert result.encoding == "Windows-1252 (Western European)"
    assert "Windows-1252" in result.notes[0] and "not UTF-8" in result.notes[0]
    assert result.brief.metadata.title == "Café “quoted” – note"


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + "Zürich talks\n\nBody.\n".encode())
    result = import_file(path)
    assert result.encoding == "UTF-8 (with a byte-order mark)"
    assert result.brief.metadata.title == "Zürich talks"  # no stray BOM character


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "notepad.txt"
    path.write_bytes("Minsk talks\n\nBody.\n".encode("utf-16"))
    result = import_file(path)
    assert result.encoding == "UTF-16"
    assert result.brief.metadata.title == "Minsk talks"


def test_undecodable_text_is_refused_in_plain_words() -> None:
    # 0x81 and 0x8d are not characters in UTF-8 or Windows-1252.
    with pytest.raises(BriefImportError, match=r"encoding the app cannot read.*UTF-8"):
        import_bytes(b"abc \x81\x8d def\n", SourceFormat.TEXT, name="odd.txt")


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t \n", "the file is empty"),
        (b"\xef\xbb\xbf", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not text"),
        (bytes(range(256)) * 4, "not text"),
        (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00", "give it the ending .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "older Office file"),
        (b"{\\rtf1\\ansi hello}", "Rich Text"),
    ],
)
def test_bad_text_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(BriefImportError, match=message):
        import_bytes(data, SourceFormat.TEXT, name="in.txt")


def test_missing_folder_and_unknown_endings(tmp_path: Path) -> None:
    with pytest.raises(BriefImportError, match="does not exist"):
        import_file(tmp_path / "gone.txt")
    (tmp_path / "dir.md").mkdir()
    with pytest.raises(BriefImportError, match="folder"):
        import_file(tmp_path / "dir.md")
    for name, message in (
        ("a.pdf", "PDF files cannot be imported"),
        ("a.doc", r"older Word files \(.doc\)"),
        ("a.brief", "File > Open"),
        ("a.xlsx", r"plain text \(.txt\), Markdown \(.md\), Word \(.docx\), web pages"),
    ):
        with pytest.raises(BriefImportError, match=message):
            import_file(_text(tmp_path / name, "x"))


def test_size_is_capped_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import briefing_app.importers as importers

    monkeypatch.setattr(importers, "MAX_TEXT_BYTES", 1024)
    path = _text(tmp_path / "long.txt", "word " * 1000)
    with pytest.raises(BriefImportError, match="too large to import"):
        importers.import_file(path)


# ------------------------------------------------------------------ properties


def _roundtrips(text: str, fmt: SourceFormat) -> None:
    try:
        result = import_text(text, fmt)
    except BriefImportError:
        return
    brief = result.brief
    again = loads(dumps(brief))
    assert dumps(again) == dumps(brief)


_LINES = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(
            [
                "",
                "Context",
                "Did you know? x",
                "Tip:",
                "Source: y",
                "| a | b |",
                "|---|---|",
                "| 1 |",
                "- item",
                "1. first",
                "  continued",
                "=====",
                "Table 1: caption",
                "Sources",
                "see https://example.org/a_(b).",
                "\u2028\x00\ud800",
            ]
        ),
    ),
    max_size=30,
)


@given(st.text(max_size=400))
def test_any_text_imports_or_says_why(text: str) -> None:
    _roundtrips(text, SourceFormat.TEXT)


@given(_LINES)
def test_structured_looking_text_imports_and_saves(lines: list[str]) -> None:
    _roundtrips("\n".join(lines), SourceFormat.TEXT)


@given(st.binary(max_size=300))
def test_any_bytes_import_or_say_why(data: bytes) -> None:
    try:
        result = import_bytes(data, SourceFormat.TEXT, name="x.txt")
    except BriefImportError as exc:
        assert str(exc).startswith("x.txt: ")
        return
    assert loads(dumps(result.brief)) is not None


def test_paragraph_type_is_kept() -> None:
    brief = import_text("Just one sentence of text.", SourceFormat.TEXT).brief
    assert isinstance(brief.sections[0].content.blocks[0], Paragraph)


def test_a_file_too_long_for_one_brief_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from briefing_app.model import limits

    monkeypatch.setattr(limits, "MAX_PIECES", 50)
    text = "\n\n".join(f"Paragraph number {n}." for n in range(60))
    with pytest.raises(BriefImportError, match="too long to become one brief"):
        import_text(text, SourceFormat.TEXT)
    monkeypatch.setattr(limits, "MAX_CELLS", 10)
    table = "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * 10
    with pytest.raises(BriefImportError, match="10 table cells"):
        import_text(table, SourceFormat.MARKDOWN)


@given(st.lists(st.tuples(_LINES, st.integers(1, 200)), max_size=3))
def test_text_repeated_thousands_of_times_imports_or_says_why(
    parts: list[tuple[list[str], int]],
) -> None:
    """Many lines of the same kind (continued list items, wrapped lines,
    table rows): a brief or a plain refusal (issue 12)."""
    text = "\n".join("\n".join(lines) for lines, count in parts for _ in range(count))
    _roundtrips(text, SourceFormat.TEXT)
