"""A link to another section is a link in every format when that section is
printed, and plain text in every format when it is not (a template that
leaves its kind out, a callout box, which has no heading, or a section the
author left out) - decided once, by the composer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from briefing_app.compose import compose
from briefing_app.export import export_brief
from briefing_app.model.brief import Brief, Section, SectionKind, TextContent
from briefing_app.model.text import Paragraph, Run
from briefing_app.templating import catalogue
from tests.builders import uncited_sample
from tests.docx_text import NS, body_text, part_xml
from tests.docx_text import squash as docx_squash
from tests.html_text import parse
from tests.pdf_text import internal_links, pages_text, squash

LINKED = "the details of the release"
TARGET_ID = "s-target"


@dataclass(frozen=True)
class Exported:
    pdf: bytes
    word: bytes
    html: bytes


def _brief_linking_to(kind: SectionKind, *, included: bool = True) -> Brief:
    """The sample, with a section of ``kind`` to link to, and a sentence in
    the key points (which every template prints) linking to it."""
    b = uncited_sample()  # links to sections; note links are tested with notes
    target = Section.new(kind, "Link target")
    target.id = TARGET_ID
    target.included = included
    if isinstance(target.content, TextContent):
        target.content = TextContent([Paragraph.of("The section the link points at.")])
    b.sections.append(target)
    summary = next(s for s in b.sections if s.kind is SectionKind.SUMMARY)
    assert isinstance(summary.content, TextContent)
    sentence = Paragraph(
        [Run("Read "), Run(LINKED, link=f"#{TARGET_ID}"), Run(" before the meeting.")]
    )
    summary.content = TextContent([*summary.content.blocks, sentence])
    return b


def _export(b: Brief, template: str, tmp_path) -> Exported:
    b.template = template
    out = {}
    for ending in ("pdf", "docx", "html"):
        path = tmp_path / f"{template}.{ending}"
        export_brief(b, path)
        out[ending] = path.read_bytes()
    return Exported(out["pdf"], out["docx"], out["html"])


def _word_internal_links(data: bytes) -> list[str]:
    document = part_xml(data, "word/document.xml")
    return document.xpath("//w:hyperlink/@w:anchor", namespaces=NS)


def _html_internal_links(data: bytes) -> list[str]:
    page = parse(data)
    return [a.attrs["href"] for a in page.main.iter("a") if a.attrs["href"].startswith("#")]


def _html_ids(data: bytes) -> set[str]:
    page = parse(data)
    return {str(e.attrs["id"]) for e in page.root.iter() if "id" in e.attrs}


def _assert_plain_text_everywhere(out: Exported) -> None:
    sentence = f"Read {LINKED} before the meeting."
    assert sentence in squash(" ".join(pages_text(out.pdf)))
    assert internal_links(out.pdf) == []
    assert sentence in docx_squash(" ".join(body_text(out.word)))
    assert _word_internal_links(out.word) == []
    page = parse(out.html)
    assert sentence in squash(page.main.text())
    assert _html_internal_links(out.html) == []


def _left_out_cases() -> list[tuple[str, SectionKind, bool]]:
    """(template, kind, included): every way a template can leave a target out."""
    cases = []
    for t in catalogue().templates:
        if not t.builtin:
            continue
        for kind in SectionKind:
            if not t.prints_kind(kind) or kind is SectionKind.CALLOUT:
                cases.append((t.id, kind, True))  # the template does not print it
        cases.append((t.id, SectionKind.CONTEXT, False))  # the author left it out
    return cases


@pytest.mark.parametrize(
    ("template", "kind", "included"),
    _left_out_cases(),
    ids=lambda v: v.value if isinstance(v, SectionKind) else str(v),
)
def test_a_link_to_a_section_not_printed_is_plain_text_in_every_format(
    tmp_path, template: str, kind: SectionKind, included: bool
) -> None:
    b = _brief_linking_to(kind, included=included)
    out = _export(b, template, tmp_path)
    _assert_plain_text_everywhere(out)
    # The tree says which link it dropped, for the check before sending.
    b.template = template
    [dropped] = compose(b).dropped_links
    assert (dropped.text, dropped.target) == (LINKED, f"#{TARGET_ID}")


def test_the_issue_case_briefing_note_with_a_link_to_release_details(tmp_path) -> None:
    b = uncited_sample()  # links to sections; note links are tested with notes
    summary = next(s for s in b.sections if s.kind is SectionKind.SUMMARY)
    assert isinstance(summary.content, TextContent)
    release = next(s for s in b.sections if s.kind is SectionKind.RELEASE_DETAILS)
    summary.content = TextContent(
        [
            *summary.content.blocks,
            Paragraph([Run("See "), Run(LINKED, link=f"#{release.id}"), Run(".")]),
        ]
    )
    assert len(internal_links(_export(b, "policy-brief", tmp_path).pdf)) == 1
    out = _export(b, "briefing-note", tmp_path)
    assert f"See {LINKED}." in squash(" ".join(pages_text(out.pdf)))
    assert internal_links(out.pdf) == _word_internal_links(out.word) == []
    assert _html_internal_links(out.html) == []


@pytest.mark.parametrize("template", ["policy-brief", "meeting-brief", "briefing-note"])
def test_a_link_to_a_printed_section_is_a_link_in_every_format(tmp_path, template) -> None:
    b = _brief_linking_to(SectionKind.CONTEXT)
    out = _export(b, template, tmp_path)
    [pdf_link] = internal_links(out.pdf)
    [word_anchor] = _word_internal_links(out.word)
    [html_href] = _html_internal_links(out.html)
    # Every format points at the same heading: one anchor, valid in each.
    assert html_href == f"#{word_anchor}" and word_anchor in _html_ids(out.html)
    bookmarks = part_xml(out.word, "word/document.xml").xpath(
        "//w:bookmarkStart/@w:name", namespaces=NS
    )
    assert word_anchor in bookmarks
    assert pdf_link is not None
    b.template = template
    assert compose(b).dropped_links == ()


def test_anchors_are_unique_and_valid_whatever_the_section_ids() -> None:
    b = uncited_sample()  # links to sections; note links are tested with notes
    odd = ["1 starts with a digit", "s-context", "s_context", "x" * 60, "ünïcödé"]
    for n, section_id in enumerate(odd):
        s = Section.new(SectionKind.CUSTOM_TEXT, f"Odd {n}")
        s.id = section_id
        b.sections.append(s)
    anchors = [h.anchor for h in compose(b).blocks if type(h).__name__ == "Heading"]
    assert len(anchors) == len(set(anchors))
    for anchor in anchors:
        assert anchor[:1].isascii() and anchor[:1].isalpha() and len(anchor) <= 40
        assert all(ch.isascii() and (ch.isalnum() or ch == "_") for ch in anchor), anchor
