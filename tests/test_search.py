"""Find and replace across all sections."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing_app.model import Run
from briefing_app.model.search import find_all, occurrences, replace_all, replace_one
from briefing_app.model.storage import dumps, loads
from briefing_app.model.walk import brief_texts


def test_replace_all_reaches_every_kind_of_section(sample) -> None:
    before = find_all(sample, "Lukashenka")
    assert {m.section_id for m in before} >= {"s-summary", "s-context", "s-release"}
    new, count = replace_all(sample, "Lukashenka", "Lukashenko")
    assert count >= len(before)
    assert find_all(new, "Lukashenka") == []
    assert find_all(new, "Lukashenko")
    # The original is untouched (the app keeps it for undo).
    assert find_all(sample, "Lukashenka") == before


def test_replace_in_table_cells_caption_and_source(sample) -> None:
    new, count = replace_all(sample, "Reuters", "Reuters news agency", match_case=True)
    table = next(s for s in new.sections if s.id == "s-factors").content
    assert "Reuters news agency" in "".join(r.text for r in table.source)
    sources = next(s for s in new.sections if s.id == "s-sources").content
    assert any("Reuters news agency" in i.text for i in sources.items)
    assert count >= 2


def test_marks_are_kept_around_a_replacement(sample) -> None:
    new, _ = replace_all(sample, " people", " detainees")
    summary = next(s for s in new.sections if s.id == "s-summary").content
    first_item = summary.blocks[0].items[0]
    assert first_item[1] == Run(" detainees", bold=True)


def test_fact_references_are_left_to_the_facts_table(sample) -> None:
    new, _ = replace_all(sample, "52", "53")
    summary = next(s for s in new.sections if s.id == "s-summary").content
    assert summary.blocks[0].items[0][0] == Run("52", bold=True, fact="released")


def test_match_case() -> None:
    from tests.builders import brief, text_section

    b = brief(text_section("T", "Minsk and minsk"))
    assert len(find_all(b, "minsk", match_case=True)) == 1
    _, count = replace_all(b, "minsk", "X")
    assert count == 2


@given(st.text(min_size=1, max_size=5))
def test_replacing_text_with_itself_changes_nothing(needle: str) -> None:
    from briefing_app.sample import load_sample

    sample = load_sample()
    new, _ = replace_all(sample, needle, needle, match_case=True)
    assert dumps(loads(dumps(new))) == dumps(sample)


def test_whole_word_leaves_longer_words_alone() -> None:
    from tests.builders import brief, text_section

    b = brief(text_section("T", "Minsk, Minsker and minsk."))
    assert [o.text for o in occurrences(b, "minsk", whole_word=True)] == ["Minsk", "minsk"]
    new, count = replace_all(b, "Minsk", "Vilnius", whole_word=True)
    assert count == 2
    assert [m.text for m in find_all(new, "Vilnius")] == ["Vilnius, Minsker and Vilnius."]


def test_replace_one_changes_only_that_occurrence(sample) -> None:
    found = occurrences(sample, "Lukashenka", match_case=True)
    assert len(found) >= 3
    second = found[1]
    new, count = replace_one(sample, "Lukashenka", "Lukashenko", second.index, match_case=True)
    assert count == 1
    after = occurrences(new, "Lukashenka", match_case=True)
    assert len(after) == len(found) - 1
    assert [(o.place, o.start) for o in after] == [
        (o.place, o.start) for o in found if o.index != second.index
    ]
    [changed] = [m for m in find_all(new, "Lukashenko")]
    assert changed.section_id == second.section_id
    assert replace_one(sample, "Lukashenka", "x", len(found))[1] == 0


def test_occurrences_skip_facts_and_say_where_they_are(sample) -> None:
    # "52" shows the fact 'released' in the key points: the facts table changes it.
    assert all(o.section_id != "s-summary" for o in occurrences(sample, "52"))
    texts = {p.place: p.text for p in brief_texts(sample)}
    found = occurrences(sample, "release")
    assert found
    for o in found:
        assert texts[o.place][o.start : o.end].casefold() == "release"
