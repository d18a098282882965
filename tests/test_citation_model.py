"""Citations in the model and the .brief file: tokens that never merge,
ids that round-trip, and damaged files that name the place."""

from __future__ import annotations

import json

import pytest

from briefing_app.errors import BriefFileError
from briefing_app.model.brief import SourceEntry, SourcesContent, TextContent
from briefing_app.model.fileformat import SCHEMA_VERSION
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import Paragraph, Run, normalise_runs
from briefing_app.sample import load_sample
from tests.builders import uncited_sample


def test_a_citation_is_a_token_that_never_merges_or_disappears() -> None:
    runs = normalise_runs(
        [Run("A claim"), Run("", cite=("src-1",)), Run("", cite=("src-1",)), Run(" more.")]
    )
    assert [r.cite for r in runs] == [(), ("src-1",), ("src-1",), ()]
    assert Run("x", cite=("a", "a", " b ", "")).cite == ("a", "b")
    assert not Run("1", cite=("a",)).is_plain


def _with_citation(cite: list[str]) -> bytes:
    data = json.loads(dumps(load_sample()))
    summary = data["sections"][0]
    summary["blocks"][0]["items"][0] = [{"text": "A claim"}, {"text": "1", "cite": cite}]
    return json.dumps(data).encode()


def test_citations_and_source_ids_round_trip() -> None:
    sample = load_sample()
    ids = [s.id for s in sample.sources()]
    assert ids and len(set(ids)) == len(ids)
    data = _with_citation([ids[1], ids[0]])
    brief = loads(data)
    cited = brief.sections[0].content.blocks[0].items[0][1]  # type: ignore[union-attr]
    assert cited.cite == (ids[1], ids[0])
    again = loads(dumps(brief))
    assert again == brief
    assert json.loads(dumps(brief))["schema_version"] == SCHEMA_VERSION >= 4


@pytest.mark.parametrize(
    ("cite", "message"),
    [
        (
            ["src-nowhere"],
            "refers to the source 'src-nowhere', which is not in the brief's Sources",
        ),
        ([], "at least one source"),
        ([7], "expected the id of a source"),
    ],
)
def test_a_damaged_citation_names_its_place(cite, message) -> None:
    with pytest.raises(BriefFileError, match=message) as caught:
        loads(_with_citation(cite), name="damaged.brief")
    assert "sections[0].blocks[0].items[0][1].cite" in str(caught.value)


def test_a_source_id_used_twice_is_refused() -> None:
    data = json.loads(dumps(load_sample()))
    sources = next(s for s in data["sections"] if s["kind"] == "sources")
    sources["items"][1]["id"] = sources["items"][0]["id"]
    with pytest.raises(BriefFileError, match="used twice") as caught:
        loads(json.dumps(data).encode())
    assert ".items[1].id" in str(caught.value)


def test_a_version_3_brief_gets_source_ids_in_order() -> None:
    data = json.loads(dumps(load_sample()))
    data["schema_version"] = 3
    for section in data["sections"]:
        for item in section.get("items", []) if section["kind"] == "sources" else []:
            del item["id"]
    brief = loads(json.dumps(data).encode())
    assert [s.id for s in brief.sources()] == [
        f"src-{n}" for n in range(1, len(brief.sources()) + 1)
    ]


def test_the_walker_keeps_source_ids_through_a_change() -> None:
    from briefing_app.model.walk import map_content

    content = SourcesContent([SourceEntry("Text", "https://x.org", "keep-me")], show_uncited=True)
    changed = map_content(content, lambda runs: runs, lambda text: text.upper())
    assert changed.items[0].id == "keep-me" and changed.show_uncited
    assert changed.items[0].text == "TEXT"


def test_citations_side_by_side_are_one_note() -> None:
    from briefing_app.compose import compose

    brief = uncited_sample()
    a, b, c = (s.id for s in brief.sources()[:3])
    summary = brief.sections[0]
    assert isinstance(summary.content, TextContent)
    summary.content = TextContent(
        [
            Paragraph(
                [
                    Run("Claim."),
                    Run("1", cite=(a,)),
                    Run("2", cite=(b, a)),
                    Run(" More."),
                    Run("3", cite=(c,)),
                ]
            )
        ]
    )
    tree = compose(brief)
    assert [n.number for n in tree.notes] == [1, 2]
    first = "".join(t.text for t in tree.notes[0].inlines)
    assert first.count(";") == 1 and "Amnesty" in first and "Human Rights Watch" in first
