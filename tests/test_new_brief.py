"""A new brief laid out by a template (sections start empty: the template's
prompts are shown by the editor, never written into the brief), and the
fact changes behind the Facts tab."""

from __future__ import annotations

import dataclasses

import pytest

from briefing_app.compose import compose
from briefing_app.compose.new_brief import brief_from_template, section_prompt
from briefing_app.export import render
from briefing_app.model.brief import Brief, PageSize, SectionKind, SourcesContent, TableContent
from briefing_app.model.counts import brief_words, count_words
from briefing_app.model.fact_refs import fact_uses, with_fact_renamed, without_fact
from briefing_app.model.text import Run
from briefing_app.sample import load_sample
from briefing_app.templating import catalogue, get_template
from briefing_app.writers.registry import PDF
from tests.pdf_text import pages_text, squash


@pytest.mark.parametrize("template", catalogue().templates, ids=lambda t: t.id)
def test_a_new_brief_has_the_templates_sections_and_headings_and_no_prompt_text(
    template,
) -> None:
    brief = brief_from_template(template)
    assert brief.template == template.id
    assert brief.metadata.marking == template.default_marking
    assert brief.page_size is template.style.page_size
    assert [s.kind for s in brief.sections] == list(template.expected)
    for section in brief.sections:
        assert section.title == template.headings[section.kind].source
        content = section.content
        if isinstance(content, SourcesContent):
            assert content.items == []
        elif isinstance(content, TableContent):
            assert len(content.columns) == 2
            assert all(cell == [] for row in content.rows for cell in row)
        else:
            assert content.blocks == []
    tree = compose(brief)
    text = squash(" ".join(pages_text(render(tree, PDF))))
    body = " ".join(tree.body_text())
    for kind, piece in template.prompts.items():
        prompt = section_prompt(template, brief, kind)
        assert prompt == " ".join(piece.source.split())
        assert prompt not in text and prompt not in body
    for heading in (template.headings[k].source for k in template.expected):
        assert heading in text


def test_the_policy_brief_fits_any_topic_and_the_case_template_has_the_release_kinds() -> None:
    general = [s.kind for s in brief_from_template(get_template("policy-brief")).sections]
    assert general == [
        SectionKind.SUMMARY,
        SectionKind.CONTEXT,
        SectionKind.ANALYSIS,
        SectionKind.RECOMMENDATIONS,
        SectionKind.SOURCES,
    ]
    case = [s.kind for s in brief_from_template(get_template("human-rights-case")).sections]
    for kind in (
        SectionKind.RELEASE_DETAILS,
        SectionKind.FACTOR_TABLE,
        SectionKind.REMAINING_PRISONERS,
    ):
        assert kind not in general and kind in case
        # Still offered by the general template when added by hand.
        assert section_prompt(get_template("policy-brief"), Brief(), kind)
    sample = load_sample()
    assert sample.template == "policy-brief"
    assert SectionKind.FACTOR_TABLE in [s.kind for s in sample.sections]


def test_a_new_brief_counts_no_words_and_the_check_reports_its_empty_sections() -> None:
    from briefing_app.checks import check_brief

    brief = brief_from_template(get_template("policy-brief"))
    # Only the title and the headings count: no prompt.
    titles = [brief.metadata.title, *(s.title for s in brief.sections)]
    assert brief_words(brief) == count_words(titles)
    kinds = [f.kind for f in check_brief(brief)]
    assert kinds.count("empty_section") == len(brief.sections)
    assert "placeholder" not in kinds


def test_a_prompt_that_fails_to_render_shows_nothing() -> None:
    template = get_template("policy-brief")
    broken = dataclasses.replace(
        template, prompts={SectionKind.SUMMARY: template.prompts[SectionKind.SUMMARY]}
    )
    assert section_prompt(broken, Brief(), SectionKind.CONTEXT) == ""


def test_the_authors_page_size_wins_over_the_templates() -> None:
    brief = brief_from_template(get_template("briefing-note"), PageSize.LETTER)
    assert brief.page_size is PageSize.LETTER


def test_a_template_expecting_nothing_still_gives_a_section_to_write_in() -> None:
    template = dataclasses.replace(get_template("policy-brief"), expected=())
    [section] = brief_from_template(template).sections
    assert section.kind is SectionKind.CUSTOM_TEXT


def test_without_fact_keeps_the_text_and_marks_as_plain_text() -> None:
    summary = load_sample().sections[0].content
    plain = without_fact(summary, "RELEASED")
    assert "released" not in fact_uses(_brief_with(plain))
    assert "remaining political prisoners" in fact_uses(_brief_with(plain))
    old = [r for b in summary.blocks for i in b.items for r in i]
    new = [r for b in plain.blocks for i in b.items for r in i]
    assert [r.text for r in old] == [r.text for r in new]
    assert Run("52", bold=True) in new
    assert without_fact(summary, "unknown") is summary


def test_with_fact_renamed_moves_every_use() -> None:
    brief = load_sample()
    uses = fact_uses(brief)["released"]
    for section in brief.sections:
        section.content = with_fact_renamed(section.content, "Released", "freed")
    assert fact_uses(brief)["freed"] == uses and "released" not in fact_uses(brief)


def _brief_with(content):
    brief = load_sample()
    brief.sections = [dataclasses.replace(brief.sections[0], content=content)]
    return brief
