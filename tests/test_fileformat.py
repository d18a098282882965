"""The .brief file format: the shipped sample, validation, migration, fuzzing.

See docs/file-format.md for the format these tests pin down.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.errors import BriefFileError
from briefing_app.files.locations import sample_path
from briefing_app.model import (
    Brief,
    Callout,
    ListBlock,
    ListStyle,
    Metadata,
    PageSize,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
    storage,
)
from briefing_app.model.fileformat import FORMAT_NAME, SCHEMA_VERSION
from briefing_app.model.storage import dumps, load_brief, loads, save_brief

SAMPLE = sample_path()
SAMPLE_BYTES = SAMPLE.read_bytes()

EXPECTED_SECTIONS = [
    ("s-summary", SectionKind.SUMMARY, "Key points", True),
    ("s-context", SectionKind.CONTEXT, "Context", True),
    ("s-release", SectionKind.RELEASE_DETAILS, "Release details", True),
    ("s-factors", SectionKind.FACTOR_TABLE, "Factors behind the release", True),
    ("s-remaining", SectionKind.REMAINING_PRISONERS, "Remaining political prisoners", True),
    ("s-recs", SectionKind.RECOMMENDATIONS, "Recommendations", True),
    ("s-sources", SectionKind.SOURCES, "Sources", True),
    ("s-handling", SectionKind.CUSTOM_TEXT, "Handling", False),
    # The numbers of the chart in Remaining political prisoners (not printed).
    ("s-scale", SectionKind.CUSTOM_TABLE, "Scale of detention", False),
]


def sample_data() -> dict[str, Any]:
    return json.loads(SAMPLE_BYTES)


def encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def all_runs(blocks: list[Any]) -> list[Run]:
    out: list[Run] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.extend(block.runs)
        elif isinstance(block, ListBlock):
            for item in block.items:
                out.extend(item)
        elif isinstance(block, Callout):
            out.extend(all_runs(block.blocks))
    return out


def words(brief: Brief) -> int:
    """Words a reader sees: title block and every included section."""
    texts = [brief.metadata.title, brief.metadata.subtitle]
    for section in brief.included_sections():
        texts.append(section.title)
        content = section.content
        if isinstance(content, TextContent):
            for block in content.blocks:
                if isinstance(block, Callout):
                    texts.append(block.title)
            texts.extend(run.text for run in all_runs(content.blocks))
        elif isinstance(content, TableContent):
            texts += [content.caption, *content.columns]
            texts += [run.text for row in content.rows for cell in row for run in cell]
            texts += [run.text for run in content.source]
        elif isinstance(content, SourcesContent):
            texts += [item.text for item in content.items]
    return len(" ".join(texts).split())


# ---------------------------------------------------------------- the sample


def test_sample_loads_and_round_trips_byte_exactly(tmp_path: Path) -> None:
    brief = load_brief(SAMPLE)
    assert dumps(brief) == SAMPLE_BYTES
    assert loads(SAMPLE_BYTES) == brief
    # Saving writes exactly the same bytes.
    saved = save_brief(brief, tmp_path / "copy.brief")
    assert saved.read_bytes() == SAMPLE_BYTES


def test_sample_sections_in_order() -> None:
    brief = load_brief(SAMPLE)
    got = [(s.id, s.kind, s.title, s.included) for s in brief.sections]
    assert got == EXPECTED_SECTIONS
    assert [s.id for s in brief.included_sections()] == [
        sid for sid, _, _, included in EXPECTED_SECTIONS if included
    ]


def test_sample_metadata() -> None:
    meta = load_brief(SAMPLE).metadata
    assert meta.title == "Belarus: the September 2025 prisoner release"
    assert meta.subtitle
    assert meta.date == "2025-10-27"
    assert meta.reference == "EECAD-2025-117"
    assert meta.version == "1.0"
    assert meta.marking == "OFFICIAL-SENSITIVE"
    assert meta.recipients == ["Minister of State for Europe"]
    assert meta.language == "en-GB"
    assert meta.author and meta.organisation


def test_sample_content_follows_the_brief_design() -> None:
    brief = load_brief(SAMPLE)
    by_id = {s.id: s for s in brief.sections}

    summary = by_id["s-summary"].content
    assert isinstance(summary, TextContent)
    [bullets] = summary.blocks
    assert isinstance(bullets, ListBlock) and bullets.style is ListStyle.BULLET
    assert 3 <= len(bullets.items) <= 5

    recs = by_id["s-recs"].content
    assert isinstance(recs, TextContent)
    [numbered] = recs.blocks
    assert isinstance(numbered, ListBlock) and numbered.style is ListStyle.NUMBERED
    assert 3 <= len(numbered.items) <= 5

    callouts = {
        block.title: sid
        for sid in ("s-context", "s-release")
        for block in by_id[sid].content.blocks  # type: ignore[union-attr]
        if isinstance(block, Callout)
    }
    assert callouts == {"Did you know?": "s-context", "Analyst's note": "s-release"}

    table = by_id["s-factors"].content
    assert isinstance(table, TableContent)
    assert table.caption == "Factors behind the release"
    assert table.columns == ["Factor", "Impact on the release"]
    assert len(table.rows) == 3
    assert "Council on Foreign Relations (26 October 2025)" in "".join(r.text for r in table.source)

    remaining = by_id["s-remaining"].content
    assert isinstance(remaining, TextContent)
    assert any(run.needs_source for run in all_runs(remaining.blocks))

    body_links = [
        run.link
        for s in brief.sections
        if isinstance(s.content, TextContent)
        for run in all_runs(s.content.blocks)
        if run.link
    ]
    assert "https://www.hrw.org" in body_links

    sources = by_id["s-sources"].content
    assert isinstance(sources, SourcesContent)
    assert [item.url for item in sources.items] == [
        "https://www.amnesty.org",
        "https://www.hrw.org",
        "https://www.reuters.com",
        "https://apnews.com",
        "https://www.cfr.org",
    ]

    assert 900 <= words(brief) <= 1300


def test_example_in_the_format_docs_is_exact() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "file-format.md").read_text(
        encoding="utf-8"
    )
    example = doc.split("## Example", 1)[1].split("```json\n", 1)[1].split("```", 1)[0]
    data = example.encode("utf-8")
    brief = loads(data)
    assert dumps(brief) == data
    assert [s.included for s in brief.sections][-1] is False


# ---------------------------------------------------------------- bad files


def _set(path: str, value: Any) -> Any:
    """A mutation of the sample data: set the value at a dotted path."""

    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return apply


def _delete(path: str) -> Any:
    def apply(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return apply


def _add_cell(data: dict[str, Any]) -> None:
    data["sections"][3]["rows"][2].append("A third cell")


BAD_MUTATIONS = {
    "wrong cell count": (
        _add_cell,
        ["sections[3].rows[2]", "expected 2 cells (one per column), found 3"],
    ),
    "unknown block type": (
        _set("sections.1.blocks.0.type", "heading"),
        ["sections[1].blocks[0].type", "unknown block type 'heading'"],
    ),
    "text for a section flag": (
        _set("sections.0.included", "yes"),
        ["sections[0].included", "expected true or false, found text"],
    ),
    "number for a run mark": (
        _set("sections.0.blocks.0.items.0.0.bold", 1),
        ["sections[0].blocks[0].items[0][0].bold", "expected true or false, found a number"],
    ),
    "unknown metadata field": (
        _set("metadata.colour", "red"),
        ["metadata", "unknown field 'colour'"],
    ),
    "unknown top-level field": (
        _set("comments", []),
        ["file", "unknown field 'comments'"],
    ),
    "table field in a text section": (
        _set("sections.1.rows", []),
        ["sections[1]", "unknown field 'rows'"],
    ),
    "unknown run field": (
        _set("sections.0.blocks.0.items.0.0.underline", True),
        ["sections[0].blocks[0].items[0][0]", "unknown field 'underline'"],
    ),
    "missing format name": (
        _delete("format"),
        ["not a Briefing Builder brief"],
    ),
    "foreign format name": (
        _set("format", "some-other-app/document"),
        ["not a Briefing Builder brief"],
    ),
    "future schema version": (
        _set("schema_version", 99),
        ["newer version", "file format 99", f"reads up to {SCHEMA_VERSION}"],
    ),
    "schema version as text": (
        _set("schema_version", "2"),
        ["schema version is missing or not a whole number"],
    ),
    "schema version true": (
        _set("schema_version", True),
        ["schema version is missing or not a whole number"],
    ),
    "invalid date": (
        _set("metadata.date", "2025-02-30"),
        ["metadata.date", "'2025-02-30' is not a date in the form YYYY-MM-DD"],
    ),
    "date in another form": (
        _set("metadata.date", "27/10/2025"),
        ["metadata.date", "not a date"],
    ),
    "duplicate section id": (
        _set("sections.1.id", "s-summary"),
        ["sections[1].id", "the section id 's-summary' is used twice"],
    ),
    "missing section title": (
        _delete("sections.2.title"),
        ["sections[2]", "the field 'title' is missing"],
    ),
    "missing metadata": (
        _delete("metadata"),
        ["file", "the field 'metadata' is missing"],
    ),
    "unknown section kind": (
        _set("sections.0.kind", "appendix"),
        ["sections[0].kind", "'appendix' is not one of"],
    ),
    "unknown page size": (
        _set("page_size", "A5"),
        ["page_size", "'A5' is not one of 'A4', 'Letter'"],
    ),
    "unknown list style": (
        _set("sections.0.blocks.0.style", "roman"),
        ["sections[0].blocks[0].style", "'roman' is not one of 'bullet', 'numbered'"],
    ),
    "number for a title": (
        _set("metadata.title", 7),
        ["metadata.title", "expected text, found a number"],
    ),
    "object for runs": (
        _set("sections.1.blocks.0.runs", {"text": "x"}),
        ["sections[1].blocks[0].runs", "expected text or a list of runs, found an object"],
    ),
    "null for a row": (
        _set("sections.3.rows.0", None),
        ["sections[3].rows[0]", "expected a list of cells, found null"],
    ),
    "table without columns": (
        _set("sections.3.columns", []),
        ["sections[3].columns", "a table needs at least one column"],
    ),
    "number for a column": (
        _set("sections.3.columns.1", 2),
        ["sections[3].columns[1]", "expected text, found a number"],
    ),
    "callout inside a callout": (
        _set(
            "sections.1.blocks.3.blocks.0",
            {"type": "callout", "title": "Note", "blocks": []},
        ),
        ["sections[1].blocks[3].blocks[0]", "cannot hold another callout box"],
    ),
    "source entry without text": (
        _set("sections.6.items.0", {"url": "https://www.amnesty.org"}),
        ["sections[6].items[0]", "the field 'text' is missing"],
    ),
    "list of sections is an object": (
        _set("sections", {}),
        ["sections", "expected a list, found an object"],
    ),
    "recipient is not text": (
        _set("metadata.recipients", ["Minister", None]),
        ["metadata.recipients[1]", "expected text, found null"],
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_MUTATIONS))
def test_bad_file_is_refused_with_its_location(name: str) -> None:
    mutate, expected = BAD_MUTATIONS[name]
    data = sample_data()
    mutate(data)
    with pytest.raises(BriefFileError) as info:
        loads(encode(data), name="belarus.brief")
    message = str(info.value)
    assert message.startswith("belarus.brief: ")
    for part in expected:
        assert part in message, message


def test_the_table_example_from_the_docs() -> None:
    data = sample_data()
    _add_cell(data)
    with pytest.raises(BriefFileError) as info:
        loads(encode(data))
    assert info.value.where == "sections[3].rows[2]"
    assert info.value.problem == "expected 2 cells (one per column), found 3"
    assert str(info.value) == "sections[3].rows[2]: expected 2 cells (one per column), found 3"


BAD_BYTES = {
    "truncated JSON": (SAMPLE_BYTES[: len(SAMPLE_BYTES) // 2], "damaged or incomplete"),
    "cut after one byte": (SAMPLE_BYTES[:1], "damaged or incomplete"),
    "binary bytes": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x80", "not text"),
    "UTF-16 text": ("{}".encode("utf-16"), "not text"),
    "empty file": (b"", "empty"),
    "only white space": (b" \n\t\r\n", "empty"),
    "BOM only": (b"\xef\xbb\xbf", "empty"),
    "JSON but not an object": (b"[1, 2, 3]", "not a Briefing Builder brief"),
    "JSON null": (b"null", "not a Briefing Builder brief"),
    "nested arrays": (b"[" * 100_000, "nested too deeply"),
    "nested objects": (b'{"a":' * 100_000, "nested too deeply"),
    "a number too long for Python": (
        b'{"format": "briefing-builder/brief", "schema_version": ' + b"9" * 5000 + b"}",
        "number too long",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_BYTES))
def test_bad_bytes_are_refused(name: str) -> None:
    data, expected = BAD_BYTES[name]
    with pytest.raises(BriefFileError) as info:
        loads(data)
    assert expected in str(info.value)


def _depths() -> list[int]:
    limit = sys.getrecursionlimit()
    return [*range(limit - 80, limit + 5, 3), 5 * limit]


@pytest.mark.parametrize("depth", _depths())
@pytest.mark.parametrize("field", ["page_size", "kind", "style"])
def test_deep_nesting_inside_a_brief_never_escapes_as_recursion_error(
    depth: int, field: str
) -> None:
    # Near the recursion limit json may parse a value that is then too deep
    # to show in an error message; either way the answer is a BriefFileError.
    deep = "[" * depth + "]" * depth
    data = sample_data()
    if field == "page_size":
        text = encode(data).decode().replace('"page_size": "A4"', f'"page_size": {deep}')
    elif field == "kind":
        text = encode(data).decode().replace('"kind": "context"', f'"kind": {deep}', 1)
    else:
        text = encode(data).decode().replace('"style": "bullet"', f'"style": {deep}', 1)
    with pytest.raises(BriefFileError):
        loads(text.encode())


def test_byte_order_mark_is_accepted() -> None:
    assert loads(b"\xef\xbb\xbf" + SAMPLE_BYTES) == loads(SAMPLE_BYTES)


def test_control_characters_are_cleaned_on_load() -> None:
    data = sample_data()
    data["metadata"]["title"] = "Belarus:\tthe\nrelease\x07"
    data["sections"][1]["blocks"][0]["runs"] = "One\r\ntwo\x00\u2028three\ud800"
    data["sections"][1]["id"] = "s-con\x1btext"
    brief = loads(json.dumps(data).encode("ascii"))  # ASCII escapes carry the surrogate
    assert brief.metadata.title == "Belarus: the release"
    runs = brief.sections[1].content.blocks[0].runs  # type: ignore[union-attr]
    assert runs == [Run("One\ntwo\nthree")]
    assert brief.sections[1].id == "s-context"
    # What was loaded can be saved, and reads back the same.
    assert loads(dumps(brief)) == brief


def test_lone_surrogate_in_a_section_id_can_still_be_saved() -> None:
    # Regression: the id was not cleaned, so dumps() failed with
    # UnicodeEncodeError on a brief that loads() had accepted.
    text = SAMPLE_BYTES.decode().replace('"id": "s-context"', '"id": "s-context\\ud800"')
    brief = loads(text.encode())
    assert brief.sections[1].id == "s-context"
    assert dumps(brief) == SAMPLE_BYTES


def test_runs_are_normalised_on_load() -> None:
    data = sample_data()
    data["sections"][1]["blocks"][0]["runs"] = [
        {"text": "Over "},
        {"text": ""},
        {"text": "37,000", "bold": True, "italic": False},
        {"text": " people", "bold": True},
        {"text": "", "italic": True},
        {"text": " were detained.", "link": "   "},
    ]
    brief = loads(encode(data))
    assert brief.sections[1].content.blocks[0].runs == [  # type: ignore[union-attr]
        Run("Over "),
        Run("37,000 people", bold=True),
        Run(" were detained."),
    ]


def test_missing_optional_fields_take_their_defaults() -> None:
    data = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "metadata": {},
        "sections": [
            {"kind": "context", "title": "Context", "blocks": [{"type": "paragraph", "runs": ""}]},
            {"kind": "custom_table", "title": "T", "columns": ["A"], "rows": [["1"]]},
            {"kind": "sources", "title": "Sources", "items": [{"text": "Reuters"}]},
            {
                "kind": "summary",
                "title": "Key points",
                "blocks": [{"type": "list", "items": ["x"]}, {"type": "callout", "blocks": []}],
            },
        ],
    }
    brief = loads(encode(data))
    assert brief.page_size is PageSize.A4
    assert brief.metadata == Metadata(title="", marking="", language="en-GB")
    assert all(s.included for s in brief.sections)
    assert all(s.id.startswith("s-") and len(s.id) == 10 for s in brief.sections)
    assert len({s.id for s in brief.sections}) == 4
    table = brief.sections[1].content
    assert table == TableContent(caption="", columns=["A"], rows=[[[Run("1")]]], source=[])
    [entry] = brief.sections[2].content.items  # type: ignore[union-attr]
    assert (entry.text, entry.url) == ("Reuters", "") and entry.id.startswith("src-")
    blocks = brief.sections[3].content.blocks  # type: ignore[union-attr]
    assert blocks == [ListBlock(ListStyle.BULLET, [[Run("x")]]), Callout("", [])]


def test_writer_output_shape() -> None:
    brief = Brief(
        metadata=Metadata(title="T"),
        sections=[
            Section(
                SectionKind.CONTEXT,
                "Context",
                TextContent(
                    [
                        Paragraph([Run("plain")]),
                        Paragraph([Run("a", bold=True), Run("b", link="https://apnews.com")]),
                        Paragraph([]),
                    ]
                ),
                id="s-1",
            ),
            Section(
                SectionKind.SOURCES,
                "Sources",
                SourcesContent(
                    [SourceEntry("AP", "https://apnews.com", "src-ap"), SourceEntry("X", id="x")]
                ),
                id="s-2",
            ),
        ],
    )
    data = dumps(brief)
    assert data.endswith(b"}\n") and not data.startswith(b"\xef\xbb\xbf")
    parsed = json.loads(data)
    assert list(parsed) == [
        "format",
        "schema_version",
        "metadata",
        "page_size",
        "template",
        "id",
        "facts",
        "sections",
        "review_notes",
    ]
    blocks = parsed["sections"][0]["blocks"]
    assert blocks[0] == {"type": "paragraph", "runs": "plain"}
    assert blocks[1]["runs"] == [
        {"text": "a", "bold": True},
        {"text": "b", "link": "https://apnews.com"},
    ]
    assert blocks[2] == {"type": "paragraph", "runs": ""}
    assert parsed["sections"][1]["items"] == [
        {"id": "src-ap", "text": "AP", "url": "https://apnews.com"},
        {"id": "x", "text": "X"},
    ]


# ---------------------------------------------------------------- files on disk


def test_load_brief_file_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BriefFileError, match="does not exist"):
        load_brief(tmp_path / "missing.brief")
    with pytest.raises(BriefFileError, match="folder"):
        load_brief(tmp_path)
    big = tmp_path / "big.brief"
    big.write_bytes(SAMPLE_BYTES)
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 1024)
    with pytest.raises(BriefFileError, match="too large"):
        load_brief(big)


def test_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "draft.brief"
    path.write_bytes(SAMPLE_BYTES[:100])
    with pytest.raises(BriefFileError) as info:
        load_brief(path)
    assert str(info.value).startswith("draft.brief: the file is damaged or incomplete (line ")


def test_save_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "brief.brief"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    save_brief(load_brief(SAMPLE), path)
    assert path.read_bytes() == SAMPLE_BYTES
    if os.name == "posix":
        assert os.stat(path).st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.brief"]


# ---------------------------------------------------------------- version 1


def test_version_1_file_is_migrated() -> None:
    v1 = {
        "format": FORMAT_NAME,
        "schema_version": 1,
        "metadata": {
            "title": "Old brief",
            "recipients": "Minister of State for Europe; Permanent Under-Secretary ;;",
        },
        "sections": [
            {
                "id": "s-a",
                "kind": "context",
                "title": "Context",
                "enabled": False,
                "paragraphs": ["First paragraph.", [{"text": "Second", "bold": True}]],
            },
            {
                "id": "s-b",
                "kind": "factor_table",
                "title": "Factors",
                "enabled": True,
                "columns": ["Factor", "Impact"],
                "rows": [["US sanctions", "Leverage"]],
            },
            {"id": "s-c", "kind": "summary", "title": "Key points", "blocks": []},
        ],
    }
    brief = loads(encode(v1))
    assert brief.metadata.recipients == [
        "Minister of State for Europe",
        "Permanent Under-Secretary",
    ]
    context, table, summary = brief.sections
    assert context.included is False
    assert context.content == TextContent(
        [Paragraph([Run("First paragraph.")]), Paragraph([Run("Second", bold=True)])]
    )
    assert table.included is True
    assert table.content.rows == [[[Run("US sanctions")], [Run("Leverage")]]]  # type: ignore[union-attr]
    assert summary.included is True
    # Saving writes the current version, which reads back the same.
    saved = json.loads(dumps(brief))
    assert saved["schema_version"] == SCHEMA_VERSION
    assert "enabled" not in saved["sections"][0]
    assert loads(dumps(brief)) == brief


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("sections", 5, "sections: expected a list, found a number"),
        ("sections", "abc", "sections: expected a list, found text"),
        ("metadata", 5, "metadata: expected an object, found a number"),
        ("metadata", "abc", "metadata: expected an object, found text"),
        ("metadata", [["title", "x"]], "metadata: expected an object, found a list"),
    ],
)
def test_broken_version_1_file_is_refused(field: str, value: Any, expected: str) -> None:
    # Regression: the migration itself crashed with TypeError / ValueError.
    v1 = {"format": FORMAT_NAME, "schema_version": 1, "metadata": {}, "sections": []}
    v1[field] = value
    with pytest.raises(BriefFileError) as info:
        loads(encode(v1))
    assert str(info.value) == expected


def test_version_1_paragraphs_not_a_list_is_refused() -> None:
    v1 = {
        "format": FORMAT_NAME,
        "schema_version": 1,
        "metadata": {},
        "sections": [{"kind": "context", "title": "C", "paragraphs": "just text"}],
    }
    with pytest.raises(BriefFileError, match="expected a list, found text"):
        loads(encode(v1))


def test_new_table_section_round_trips() -> None:
    brief = Brief(sections=[Section.new(SectionKind.CUSTOM_TABLE)])
    assert loads(dumps(brief)) == brief


# ---------------------------------------------------------------- properties

_TEXT_KINDS = [k for k in SectionKind if k.content_type is TextContent]
_TABLE_KINDS = [k for k in SectionKind if k.content_type is TableContent]

links = st.one_of(
    st.just(""),
    st.sampled_from(["https://www.hrw.org", "#s-context", "mailto:a@b.org", " x "]),
    st.text(max_size=8),
)
runs_st = st.lists(
    st.builds(
        Run,
        text=st.text(max_size=12),
        bold=st.booleans(),
        italic=st.booleans(),
        link=links,
        needs_source=st.booleans(),
    ),
    max_size=4,
)
paragraphs = st.builds(Paragraph, runs_st)
lists = st.builds(ListBlock, st.sampled_from(ListStyle), st.lists(runs_st, max_size=3))
callouts = st.builds(
    Callout, st.text(max_size=12), st.lists(st.one_of(paragraphs, lists), max_size=2)
)
text_content = st.builds(TextContent, st.lists(st.one_of(paragraphs, lists, callouts), max_size=3))


@st.composite
def table_content(draw: st.DrawFn) -> TableContent:
    n = draw(st.integers(1, 4))
    return TableContent(
        caption=draw(st.text(max_size=12)),
        columns=draw(st.lists(st.text(max_size=8), min_size=n, max_size=n)),
        rows=draw(st.lists(st.lists(runs_st, min_size=n, max_size=n), max_size=3)),
        source=draw(runs_st),
    )


sources_content = st.builds(
    SourcesContent,
    st.lists(st.builds(SourceEntry, st.text(max_size=12), st.text(max_size=12)), max_size=3),
)


@st.composite
def sections_st(draw: st.DrawFn) -> list[Section]:
    kinds = draw(st.lists(st.sampled_from(list(SectionKind)), max_size=5))
    out = []
    for i, kind in enumerate(kinds):
        if kind in _TABLE_KINDS:
            content: Any = draw(table_content())
        elif kind is SectionKind.SOURCES:
            content = draw(sources_content)
        else:
            content = draw(text_content)
        out.append(
            Section(kind, draw(st.text(max_size=15)), content, draw(st.booleans()), f"s-{i:04x}")
        )
    return out


dates = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))
metadata_st = st.builds(
    Metadata,
    title=st.text(max_size=20),
    subtitle=st.text(max_size=20),
    author=st.text(max_size=10),
    organisation=st.text(max_size=10),
    date=dates,
    reference=st.text(max_size=10),
    version=st.text(max_size=5),
    marking=st.text(max_size=10),
    recipients=st.lists(st.text(max_size=10), max_size=3),
    language=st.text(max_size=5),
)
briefs = st.builds(Brief, metadata_st, sections_st(), st.sampled_from(PageSize))


def _chars(runs: list[Run]) -> list[tuple[str, bool, bool, str, bool]]:
    """Every character with its marks: what normalising runs must preserve."""
    return [(ch, r.bold, r.italic, r.link, r.needs_source) for r in runs for ch in r.text]


def _blocks_view(blocks: list[Any]) -> list[Any]:
    out: list[Any] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(("p", _chars(block.runs)))
        elif isinstance(block, ListBlock):
            out.append(("l", block.style, [_chars(item) for item in block.items]))
        else:
            out.append(("c", block.title, _blocks_view(block.blocks)))
    return out


def _view(brief: Brief) -> Any:
    """The brief as the reader sees it, independent of how runs are split."""
    sections = []
    for s in brief.sections:
        c = s.content
        if isinstance(c, TextContent):
            content: Any = _blocks_view(c.blocks)
        elif isinstance(c, TableContent):
            content = (
                c.caption,
                c.columns,
                [[_chars(cell) for cell in row] for row in c.rows],
                _chars(c.source),
            )
        else:
            content = [(i.text, i.url) for i in c.items]
        sections.append((s.id, s.kind, s.title, s.included, content))
    return (brief.metadata, brief.page_size, sections)


@settings(
    max_examples=max(200, settings().max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(briefs)
def test_model_round_trips_through_the_file_format(brief: Brief) -> None:
    once = loads(dumps(brief))
    twice = loads(dumps(once))
    assert twice == once
    assert dumps(twice) == dumps(once)
    # Nothing the author wrote is lost or re-marked on the way.
    assert _view(once) == _view(brief)


# ---------------------------------------------------------------- fuzzing

json_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-3, 100),
        st.sampled_from([1, 2, 3, 10**30, -0.0, 1.5, float("inf")]),
        st.text(max_size=10),
        st.sampled_from(
            ["", "A4", "paragraph", "list", "callout", "bullet", "context", "2025-10-27"]
        ),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.one_of(
                st.sampled_from(["text", "type", "runs", "items", "id", "bold", "kind", "title"]),
                st.text(max_size=5),
            ),
            children,
            max_size=3,
        ),
    ),
    max_leaves=8,
)


def _locations(node: Any, out: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in a JSON tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            out.append((node, key))
            _locations(value, out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((node, i))
            _locations(value, out)
    return out


@st.composite
def mutated_json(draw: st.DrawFn) -> bytes:
    data = sample_data()
    if draw(st.booleans()):
        data["schema_version"] = 1  # exercise the migration as well
    for _ in range(draw(st.integers(1, 3))):
        locations = _locations(data, [])
        container, key = draw(st.sampled_from(locations))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            container[key] = draw(json_values)
        elif action == "delete":
            del container[key]
        elif isinstance(container, dict):
            container[draw(st.text(max_size=6))] = draw(json_values)
        else:
            container.insert(key, draw(json_values))
    return json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8")


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    data = bytearray(SAMPLE_BYTES)
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        if action == "flip":
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[pos:]
        elif action == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
        else:
            del data[pos : pos + draw(st.integers(1, 64))]
        if not data:
            break
    return bytes(data)


@settings(
    max_examples=max(400, settings().max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(mutated_json(), mutated_bytes()))
def test_damaged_files_give_a_brief_or_a_brief_file_error(data: bytes) -> None:
    try:
        brief = loads(data)
    except BriefFileError as exc:
        assert str(exc)
        return
    assert isinstance(brief, Brief)
    # Whatever was accepted can be saved, and reads back the same.
    assert loads(dumps(brief)) == brief
