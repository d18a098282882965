"""Files far too big to be a brief are refused at once, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing_app.errors import BriefFileError
from briefing_app.model import limits
from briefing_app.model.storage import MAX_FILE_BYTES, dumps, load_brief, loads, save_brief
from tests.builders import brief, table_section, text_section


def _raw() -> dict:
    b = brief(text_section("Text", "One paragraph."), table_section("T", ["A", "B"], [["1", "2"]]))
    return json.loads(dumps(b))


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.brief"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: no 100 MB actually written
    with pytest.raises(BriefFileError, match=r"too large to be a brief \(the limit is 100 MB\)"):
        load_brief(big)


def test_millions_of_cells_are_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _raw()
    raw["sections"][1]["rows"] = [["", ""]] * 1_500_000
    data = json.dumps(raw).encode()

    def must_not_parse(*_a: object, **_k: object) -> None:
        raise AssertionError("the file was parsed")

    monkeypatch.setattr("briefing_app.model.storage.json.loads", must_not_parse)
    with pytest.raises(BriefFileError, match="more than 1,000,000 separate items") as info:
        loads(data, name="cells.brief")
    assert str(info.value).startswith("cells.brief: ")


def test_too_many_cells_for_a_brief_are_refused_with_the_place() -> None:
    raw = _raw()
    raw["sections"][1]["columns"] = ["A"] * 10
    raw["sections"][1]["rows"] = [[""] * 10] * (limits.MAX_CELLS // 10 + 1)
    with pytest.raises(BriefFileError, match=r"sections\[1\]: the brief's tables hold more than"):
        loads(json.dumps(raw).encode())


def test_too_many_paragraphs_are_refused() -> None:
    raw = _raw()
    raw["sections"][0]["blocks"] = [{"type": "paragraph", "runs": "x"}] * (limits.MAX_PIECES + 1)
    with pytest.raises(BriefFileError, match="more than 50,000 paragraphs"):
        loads(json.dumps(raw).encode())


@pytest.mark.parametrize("opener", [b"[", b'{"a":'])
def test_absurd_nesting_is_refused(opener: bytes) -> None:
    closer = b"]" if opener == b"[" else b"}"
    data = opener * 200_000 + b"1" + closer * 200_000
    with pytest.raises(BriefFileError, match=r"nested too deeply|damaged|not a Briefing Builder"):
        loads(data)


def test_a_long_brief_is_well_within_the_limits(tmp_path: Path) -> None:
    rows = [[f"Row {r}", "A description of the row", str(r)] for r in range(500)]
    b = brief(table_section("Large table", ["Item", "Description", "Value"], rows))
    b.sections += [text_section(f"Part {i}", *["A paragraph of text."] * 30) for i in range(200)]
    path = tmp_path / "long.brief"
    save_brief(b, path)
    assert load_brief(path) == b


def test_commas_in_text_do_not_count_as_items() -> None:
    # An imported report can hold a million commas in its text: one value.
    from briefing_app.model.brief import TextContent
    from briefing_app.model.storage import dumps
    from briefing_app.model.text import Paragraph
    from briefing_app.sample import load_sample

    brief = load_sample()
    brief.sections[1].content = TextContent([Paragraph.of('a, "b", ' * 600_000)])
    data = dumps(brief)
    assert data.count(b",") > limits.MAX_ITEMS
    assert loads(data).sections[1].content == brief.sections[1].content


def test_normalising_many_runs_is_linear() -> None:
    # Merging is one join per stretch, not a copy per run (a long imported
    # paragraph has tens of thousands).
    from briefing_app.model.text import Run, normalise_runs

    [run] = normalise_runs([Run("ab") for _ in range(200_000)])
    assert len(run.text) == 400_000
