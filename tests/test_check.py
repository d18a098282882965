"""The check before sending: findings from the brief, the command line's
`check` with its exit status and JSON."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path

import pytest

from briefing_app.checks import KINDS, Severity, check_brief, errors
from briefing_app.checks.rules import as_of_date
from briefing_app.model.brief import Section, SectionKind, SourcesContent, TextContent
from briefing_app.model.facts import Fact
from briefing_app.model.storage import save_brief
from briefing_app.model.text import Paragraph, Run
from briefing_app.sample import load_sample
from briefing_app.templating import get_template
from tests.builders import uncited_sample
from tests.test_cli import cli

TODAY = _dt.date(2025, 11, 1)  # when the sample's figures were current


def kinds(findings) -> list[str]:
    return [f.kind for f in findings]


def cited_sample():
    """The sample, its own citations taken out, with every source cited
    once (after the key points)."""
    b = uncited_sample()
    summary = b.sections[0]
    assert isinstance(summary.content, TextContent)
    cites = [Run("[1]", cite=(s.id,)) for s in b.sources()]
    summary.content = TextContent([*summary.content.blocks, Paragraph([Run("Claims."), *cites])])
    return b


def test_the_sample_has_its_three_needs_source_markers_and_nothing_else_then() -> None:
    findings = check_brief(cited_sample(), today=TODAY)
    assert kinds(findings) == ["needs_source"] * 3
    sections = [f.section for f in findings]
    assert sections == ["Release details", "Remaining political prisoners"] * 1 + [
        "Remaining political prisoners"
    ]
    assert all(f.severity is Severity.ERROR for f in findings)
    assert "1 September 2025" in findings[0].message


def test_the_sample_as_shipped_cites_every_source_and_shows_only_its_markers() -> None:
    from briefing_app.compose import compose
    from briefing_app.model.cite_refs import cite_uses

    b = load_sample()
    uses = cite_uses(b, included_only=True)  # source -> the sections citing it, once a use
    assert sum(len(places) for places in uses.values()) >= 5
    assert set(uses) == {s.id for s in b.sources()}  # every source is cited
    assert kinds(check_brief(b, today=TODAY)) == ["needs_source"] * 3
    # Its notes: numbered 1.. in reading order, each naming a source of the brief.
    notes = compose(b).notes
    assert [n.number for n in notes] == list(range(1, len(notes) + 1))
    texts = {s.text for s in b.sources()}
    for note in notes:
        said = "".join(t.text for t in note.inlines)
        assert any(text in said for text in texts)


def test_each_rule_finds_its_kind() -> None:
    b = load_sample()
    b.metadata.marking = ""
    b.facts.append(Fact("old figure", "12", as_of="March 2020"))
    context = next(s for s in b.sections if s.kind is SectionKind.CONTEXT)
    assert isinstance(context.content, TextContent)
    release = next(s for s in b.sections if s.kind is SectionKind.RELEASE_DETAILS)
    context.content = TextContent(
        [
            *context.content.blocks,
            Paragraph([Run("In all 52 people were freed.")]),  # the fact typed as text
            Paragraph([Run("See the details", link=f"#{release.id}")]),
            Paragraph([Run("x", fact="no such fact")]),
        ]
    )
    release.included = False  # so the link above goes nowhere
    b.sections.append(Section(SectionKind.CUSTOM_TEXT, "Empty one", TextContent([])))
    b.sections.append(
        Section(
            SectionKind.CUSTOM_TEXT,
            "Prompted",
            TextContent(
                [
                    Paragraph.of(
                        " Three to five points a reader can act on without reading further. "
                    )
                ]
            ),
        )
    )
    found = check_brief(b, get_template("policy-brief"), today=TODAY)
    by_kind = {f.kind: f for f in found}
    assert {
        "marking",
        "stale_fact",
        "literal_fact",
        "broken_link",
        "unknown_fact",
        "empty_section",
        "placeholder",
    } <= set(by_kind)
    assert by_kind["literal_fact"].detail["fact"] == "released"
    assert by_kind["literal_fact"].section == "Context"
    assert by_kind["unknown_fact"].detail["fact"] == "no such fact"
    assert by_kind["empty_section"].section == "Empty one"
    assert by_kind["placeholder"].section == "Prompted"
    assert by_kind["broken_link"].section == "Context"
    assert by_kind["stale_fact"].detail["fact"] == "old figure"
    assert {f.kind for f in errors(found)} >= {
        "marking",
        "unknown_fact",
        "broken_link",
        "placeholder",
    }


def test_a_fact_value_inside_a_longer_number_is_not_a_literal_fact() -> None:
    b = load_sample()
    summary = b.sections[0]
    assert isinstance(summary.content, TextContent)
    summary.content = TextContent([Paragraph([Run("In 1952 and 52.5 and 522 cases.")])])
    assert "literal_fact" not in kinds(check_brief(b, today=TODAY))


def test_an_empty_sources_list_is_an_empty_section() -> None:
    b = load_sample()
    sources = next(s for s in b.sections if isinstance(s.content, SourcesContent))
    sources.content = SourcesContent([])
    assert "empty_section" in kinds(check_brief(b, today=TODAY))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2025-09-01", _dt.date(2025, 9, 1)),
        ("1 September 2025", _dt.date(2025, 9, 1)),
        ("October 2025", _dt.date(2025, 10, 31)),
        ("Feb 2024", _dt.date(2024, 2, 29)),
        ("2023", _dt.date(2023, 12, 31)),
        ("26/10/2025", _dt.date(2025, 10, 26)),
        ("last week", None),
        ("", None),
    ],
)
def test_as_of_dates_are_read_at_their_latest(text: str, date) -> None:
    assert as_of_date(text) == date


def test_every_kind_has_a_severity_and_the_errors_are_the_issues_list() -> None:
    errors_ = {k for k, v in KINDS.items() if v.severity is Severity.ERROR}
    assert {
        "needs_source",
        "page_budget",
        "unknown_fact",
        "broken_link",
        "marking",
        "placeholder",
    } <= errors_
    assert {
        "unused_source",
        "uncited_source_section",
        "empty_section",
        "literal_fact",
        "stale_fact",
    }.isdisjoint(errors_)


def test_check_on_the_command_line(tmp_path: Path) -> None:
    save_brief(load_sample(), tmp_path / "sample.brief")
    result = cli("check", "sample.brief", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(lines) == 3
    assert lines[0].startswith("Release details (paragraph 1): error: ")
    as_json = cli("check", "sample.brief", "--json", cwd=tmp_path)
    assert as_json.returncode == 1
    items = json.loads(as_json.stdout)
    assert {"kind", "severity", "section", "message"} <= set(items[0])
    assert [i["section"] for i in items if i["kind"] == "needs_source"] == [
        "Release details",
        "Remaining political prisoners",
        "Remaining political prisoners",
    ]
    assert all(i["severity"] in ("error", "warning") for i in items)


def test_check_exit_status_2_when_the_brief_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "broken.brief").write_text("{ not json", encoding="utf-8")
    result = cli("check", "broken.brief", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("briefing-app: error: ") and "Traceback" not in result.stderr


def test_check_exit_status_0_when_there_is_nothing(tmp_path: Path) -> None:
    b = cited_sample()
    for section in b.sections:
        if isinstance(section.content, TextContent):
            section.content = TextContent(
                [
                    Paragraph(
                        [
                            r
                            if not r.needs_source
                            else Run(r.text, r.bold, r.italic, r.link, False, r.fact)
                            for r in block.runs
                        ]
                    )
                    if isinstance(block, Paragraph)
                    else block
                    for block in section.content.blocks
                ]
            )
    b.facts = [Fact(f.name, f.value, "", f.source) for f in b.facts]
    save_brief(b, tmp_path / "clean.brief")
    result = cli("check", "clean.brief", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "Nothing to report" in result.stdout


def test_sources_nothing_cites_are_reported() -> None:

    b = uncited_sample()
    [whole] = [f for f in check_brief(b, today=TODAY) if f.kind == "uncited_source_section"]
    assert whole.section == "Sources"
    b = cited_sample()
    summary = b.sections[0]
    assert isinstance(summary.content, TextContent)
    last = summary.content.blocks[-1]
    assert isinstance(last, Paragraph)
    last.runs.pop()  # the last source is no longer cited
    [one] = [f for f in check_brief(b, today=TODAY) if f.kind == "unused_source"]
    assert one.where == f"source {len(b.sources())}" and "does not print" in one.message
    assert "uncited_source_section" not in kinds(check_brief(b, today=TODAY))


def test_an_overfilled_briefing_note_reports_the_lines_over(tmp_path: Path) -> None:
    from briefing_app.compose import compose
    from briefing_app.writers.pdf import measure_pages

    b = cited_sample()
    b.template = "briefing-note"
    assert "page_budget" not in kinds(check_brief(b, measure=True, today=TODAY))
    context = next(s for s in b.sections if s.kind is SectionKind.CONTEXT)
    assert isinstance(context.content, TextContent)
    context.content = TextContent(
        [*context.content.blocks, Paragraph.of("More background than a note can hold. " * 60)]
    )
    layout = measure_pages(compose(b))
    assert layout.over_budget and layout.lines_over > 0
    save_brief(b, tmp_path / "note.brief")
    result = cli("check", "note.brief", "--json", cwd=tmp_path)
    assert result.returncode == 1
    [budget] = [i for i in json.loads(result.stdout) if i["kind"] == "page_budget"]
    assert budget["severity"] == "error" and budget["section"] is None
    assert budget["detail"]["lines_over"] == layout.lines_over
    assert f"{layout.lines_over} lines over" in budget["message"]
