"""Update from Word: a colleague's edited copy of an export, brought back.

Every test exports the brief with the real Word writer, edits the file the
way Word or LibreOffice would (python-docx, hand-written tracked changes,
comments, a LibreOffice save), and reads the updated brief's JSON back.
"""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.errors import BriefImportError, UpdateError
from briefing_app.model.brief import Brief, Section, SectionKind, TextContent
from briefing_app.model.fileformat import section_to_json
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import Callout, ListBlock, Paragraph, Run, plain
from briefing_app.model.walk import content_texts
from briefing_app.roundtrip import ChangeKind, TrackedChanges, apply_update, plan_update
from briefing_app.sample import load_sample
from tests.docx_text import NS, part_xml
from tests.word_edits import (
    AUTHOR,
    DATE,
    add_footnote,
    add_paragraph_after,
    delete_paragraph,
    edit,
    export,
    libreoffice_save,
    paragraph,
    replace_words,
    strip_marks,
    track_delete,
    track_insert,
)


def _sections(brief: Brief) -> dict[str, dict]:
    return {s.id: section_to_json(s) for s in brief.sections}


def _unchanged_except(before: Brief, after: Brief, *ids: str) -> None:
    """Every section but ``ids`` has the very same JSON as before."""
    old, new = _sections(before), _sections(after)
    for section_id, data in old.items():
        if section_id not in ids:
            assert new[section_id] == data, section_id


def _paragraphs(brief: Brief, section_id: str) -> list[str]:
    section = next(s for s in brief.sections if s.id == section_id)
    assert isinstance(section.content, TextContent)
    out = []
    for block in section.content.blocks:
        if isinstance(block, Paragraph):
            out.append(plain(block.runs))
        elif isinstance(block, ListBlock):
            out.extend(plain(item) for item in block.items)
    return out


def _fact_runs(brief: Brief) -> list[tuple[str, str]]:
    found = []
    for section in brief.sections:
        content = section.content
        if not isinstance(content, TextContent):
            continue
        for piece in content_texts(content):
            found += [(section.id, r.fact) for r in piece.runs or () if r.fact]
    return found


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    return export(load_sample())


# -- the export's marks -----------------------------------------------------------------


def test_the_export_marks_each_piece_invisibly_and_names_its_brief(sample_docx: bytes) -> None:
    brief = load_sample()
    root = part_xml(sample_docx, "word/document.xml")
    names = root.xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    marks = [n for n in names if n.startswith("_bb")]
    # Hidden (a leading "_"), within Word's 40 characters, one per piece.
    assert marks and all(len(n) <= 40 for n in marks)
    assert len(marks) == len(set(marks))
    # A heading per printed section, a mark per list item of Key points.
    assert sum(1 for n in marks if re.fullmatch(r"_bb[0-9a-f]{8}_h[0-9a-f]{6}", n)) == 7
    props = part_xml(sample_docx, "docProps/custom.xml")
    values = {
        p.get("name"): p[0].text for p in props.iterchildren() if p.get("name", "").startswith("B")
    }
    assert values["BriefingBuilderBrief"] == brief.id
    assert len(values["BriefingBuilderVersion"]) == 16
    # The marks add no visible text.
    text = "".join(t.text or "" for t in root.iter(qn("w:t")))
    assert "_bb" not in text


def test_an_unchanged_copy_changes_nothing(sample_docx: bytes) -> None:
    brief = load_sample()
    plan = plan_update(brief, sample_docx)
    assert plan.changes == [] and plan.notes == [] and plan.warnings == []
    assert plan.marked and plan.same_brief
    assert dumps(apply_update(plan)) == dumps(brief)


# -- python-docx edits ------------------------------------------------------------------


def test_edits_change_exactly_the_edited_places(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        replace_words(paragraph(document, "Independent media"), "shut down", "closed")
        last = paragraph(document, "Treat any further releases")
        add_paragraph_after(last, "Brief EU partners before the next Council meeting.")
        factors = document.tables[1]
        factors.rows[2].cells[1].paragraphs[0].runs[0].text = "A sign of deeper dependence."
        for start in ("More than", "Many of them", "Release does not", "The release has"):
            delete_paragraph(paragraph(document, start))

    plan = plan_update(brief, edit(sample_docx, colleague))
    kinds = sorted((c.section_id, c.kind.value, c.where) for c in plan.changes)
    assert kinds == [
        ("s-context", "changed", "paragraph 3"),
        ("s-factors", "changed", "table row 2"),
        ("s-recs", "added", "new list item"),
        ("s-remaining", "deleted", "paragraph 1"),
        ("s-remaining", "deleted", "paragraph 2"),
        ("s-remaining", "deleted", "paragraph 3"),
        ("s-remaining", "deleted", "paragraph 4"),
    ]
    context = next(c for c in plan.changes if c.section_id == "s-context")
    assert "shut down" in context.old_text and "closed" in context.new_text
    after = apply_update(plan)
    _unchanged_except(brief, after, "s-context", "s-recs", "s-factors", "s-remaining")
    assert "have been closed" in _paragraphs(after, "s-context")[2]
    recs = _paragraphs(after, "s-recs")
    assert recs[-1] == "Brief EU partners before the next Council meeting."
    assert len(recs) == 6  # joined the numbered list
    factors = next(s for s in after.sections if s.id == "s-factors").content
    cell = factors.rows[1][1]
    assert plain([r for r in cell if not r.cite]) == "A sign of deeper dependence."
    # The footnote the colleague left in the cell is still the citation it was.
    assert [r.cite for r in cell if r.cite] == [
        r.cite for r in brief.sections[3].content.rows[1][1] if r.cite
    ]
    assert plain(factors.rows[0][1]) == plain(brief.sections[3].content.rows[0][1])
    assert _paragraphs(after, "s-remaining") == []
    # The section's chart is not text in Word: it stays, whatever was deleted around it.
    assert after.figures() == brief.figures() and len(brief.figures()) == 1
    # Facts the colleague did not touch are still facts, everywhere.
    assert _fact_runs(after) == [f for f in _fact_runs(brief) if f[0] != "s-remaining"]
    assert loads(dumps(after)) is not None


def test_each_change_can_be_accepted_or_rejected(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        replace_words(paragraph(document, "Independent media"), "shut down", "closed")
        replace_words(paragraph(document, "Among those freed"), "Among", "Amongst")

    plan = plan_update(brief, edit(sample_docx, colleague))
    assert len(plan.changes) == 2
    plan.changes[0].accepted = False
    after = apply_update(plan)
    assert "shut down" in _paragraphs(after, "s-context")[2]
    assert _paragraphs(after, "s-release")[1].startswith("Amongst those freed")
    _unchanged_except(brief, after, "s-release")


def test_a_moved_paragraph_is_one_change(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        first = paragraph(document, "Fifty-two people")
        third = paragraph(document, "The timing is significant")
        third._p.addnext(first._p)

    plan = plan_update(brief, edit(sample_docx, colleague))
    assert [(c.kind, c.section_id) for c in plan.changes] == [(ChangeKind.MOVED, "s-release")]
    after = apply_update(plan)
    texts = _paragraphs(after, "s-release")
    assert texts[2].startswith("Fifty-two people") and texts[0].startswith("Among those")
    assert sorted(texts) == sorted(_paragraphs(brief, "s-release"))
    plan.changes[0].accepted = False
    assert dumps(apply_update(plan)) == dumps(brief)


def test_bold_italic_and_links_from_word(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        p = paragraph(document, "Independent media")
        p.runs[0].bold = True
        link = paragraph(document, "Among those freed")
        link.add_run(" More at ")
        run = link.add_run("the BBC")
        run.italic = True

    plan = plan_update(brief, edit(sample_docx, colleague))
    assert len(plan.changes) == 2
    after = apply_update(plan)
    context = next(s for s in after.sections if s.id == "s-context").content.blocks[2]
    assert all(r.bold for r in context.runs if r.text.strip())
    release = next(s for s in after.sections if s.id == "s-release").content.blocks[1]
    assert release.runs[-1] == Run("the BBC", italic=True)


def test_a_changed_fact_value_offers_the_fact_or_plain_text(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        replace_words(paragraph(document, "52 people held"), "52", "53")

    plan = plan_update(brief, edit(sample_docx, colleague))
    (change,) = plan.changes
    assert [(e.name, e.old, e.new) for e in change.fact_edits] == [("released", "52", "53")]
    # Change the fact: every use of it follows; the place stays a fact.
    after = apply_update(plan)
    assert after.fact_values()["released"] == "53"
    assert _fact_runs(after) == _fact_runs(brief)
    _unchanged_except(brief, after, "s-summary")
    # Or leave the fact alone: this place becomes plain text.
    change.change_facts = False
    after = apply_update(plan)
    assert after.fact_values()["released"] == "52"
    summary = next(s for s in after.sections if s.id == "s-summary").content.blocks[0]
    assert summary.items[0][0] == Run("53 people", bold=True)
    assert not any(r.fact for r in summary.items[0])
    assert sum(1 for f in _fact_runs(after) if f == ("s-summary", "released")) == 0


# -- tracked changes and comments --------------------------------------------------------


def test_tracked_changes_are_changes_with_their_reviser(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        track_insert(paragraph(document, "Independent media"), " Exiled outlets continue.")
        track_delete(paragraph(document, "Among those freed"), "opposition ", author="Sam Other")

    data = edit(sample_docx, colleague)
    plan = plan_update(brief, data)
    by_section = {c.section_id: c for c in plan.changes}
    assert set(by_section) == {"s-context", "s-release"}
    inserted, deleted = by_section["s-context"], by_section["s-release"]
    assert inserted.revisions[0].author == AUTHOR and inserted.revisions[0].date == DATE
    assert inserted.revisions[0].inserted
    assert deleted.revisions[0].author == "Sam Other" and not deleted.revisions[0].inserted
    assert "tracked, by Sam Other" in deleted.describe()
    # Accept the insertion, reject the deletion.
    deleted.accepted = False
    after = apply_update(plan)
    assert _paragraphs(after, "s-context")[2].endswith("Exiled outlets continue.")
    assert "opposition politician" in _paragraphs(after, "s-release")[1]
    _unchanged_except(brief, after, "s-context")
    # Rejecting every tracked change: the file reads as exported.
    rejected = plan_update(brief, data, tracked=TrackedChanges.REJECT)
    assert rejected.changes == []


def test_comments_become_review_notes_on_their_section(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        p = paragraph(document, "Among those freed")
        document.add_comment(p.runs, text="Which date? Check with Reuters.", author=AUTHOR)
        q = paragraph(document, "Over 1,000 political")
        document.add_comment(q.runs[0], text="Source?", author="Sam Other")

    plan = plan_update(brief, edit(sample_docx, colleague))
    assert plan.changes == []
    notes = {n.text: n for n in plan.notes}
    assert notes["Which date? Check with Reuters."].section_id == "s-release"
    assert notes["Which date? Check with Reuters."].author == AUTHOR
    assert notes["Which date? Check with Reuters."].quote.startswith("Among those freed")
    assert notes["Source?"].section_id == "s-summary"
    after = apply_update(plan)
    assert [n.text for n in after.review_notes] == [n.text for n in plan.notes]
    _unchanged_except(brief, after)
    again = loads(dumps(after))
    assert [(n.section_id, n.text, n.author) for n in again.review_notes] == [
        (n.section_id, n.text, n.author) for n in after.review_notes
    ]
    # Never printed.
    text = "".join(t.text or "" for t in part_xml(export(after), "word/document.xml").iter())
    assert "Check with Reuters" not in text


# -- footnotes and citations ------------------------------------------------------------


def _cited_brief() -> Brief:
    brief = load_sample()
    context = next(s for s in brief.sections if s.id == "s-context")
    source_id = brief.sources()[2].id
    first = context.content.blocks[0]
    first.runs = [*first.runs, Run("1", cite=(source_id,))]
    return brief


def test_footnotes_stay_citations_and_a_new_one_becomes_a_source() -> None:
    brief = _cited_brief()
    data = export(brief)

    def colleague(document) -> None:
        replace_words(paragraph(document, "The presidential election"), "August", "early August")
        add_footnote(
            document,
            paragraph(document, "Independent media"),
            "Press freedom index 2025.",
            "https://rsf.org/en/index",
        )

    plan = plan_update(brief, edit(data, colleague))
    assert len(plan.changes) == 2
    cited = next(c for c in plan.changes if c.where == "paragraph 1")
    assert cited.new_sources == ()
    new = next(c for c in plan.changes if c.where == "paragraph 3")
    assert [(e.text, e.url) for e in new.new_sources] == [
        ("Press freedom index 2025.", "https://rsf.org/en/index")
    ]
    after = apply_update(plan)
    context = next(s for s in after.sections if s.id == "s-context").content.blocks
    assert context[0].runs[-1].cite == (brief.sources()[2].id,)
    added = after.sources()[-1]
    assert added.url == "https://rsf.org/en/index"
    assert context[2].runs[-1].cite == (added.id,)
    loads(dumps(after))  # every citation names a source that exists


# -- whole sections ---------------------------------------------------------------------


def test_a_new_heading_is_a_new_section_and_a_deleted_one_is_excluded(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        heading = paragraph(document, "Recommendations")
        anchor = paragraph(document, "The release has therefore")
        add_paragraph_after(anchor, "Further arrests could follow the release.")
        h = add_paragraph_after(anchor, "Risks")
        h.style = heading.style
        for p in list(document.paragraphs):
            if p.text.startswith(("Key points", "52 people", "In return", "Over 1,000")):
                delete_paragraph(p)
        for p in list(document.paragraphs):
            if p.text.startswith(("The timing, alongside", "We should welcome")):
                delete_paragraph(p)

    plan = plan_update(brief, edit(sample_docx, colleague))
    kinds = {(c.kind, c.section_title) for c in plan.changes}
    assert (ChangeKind.NEW_SECTION, "Risks") in kinds
    assert (ChangeKind.EXCLUDED, "Key points") in kinds
    after = apply_update(plan)
    titles = [s.title for s in after.sections]
    assert titles.index("Risks") == titles.index("Remaining political prisoners") + 1
    risks = next(s for s in after.sections if s.title == "Risks")
    assert risks.kind is SectionKind.CUSTOM_TEXT
    assert _paragraphs(after, risks.id) == ["Further arrests could follow the release."]
    summary = next(s for s in after.sections if s.id == "s-summary")
    assert summary.included is False and section_to_json(summary)["blocks"]  # kept, not deleted


def test_a_renamed_heading_renames_the_section(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        replace_words(paragraph(document, "Remaining political prisoners"), "Remaining", "Still")

    plan = plan_update(brief, edit(sample_docx, colleague))
    assert [(c.kind, c.new_text) for c in plan.changes] == [
        (ChangeKind.RENAMED, "Still political prisoners")
    ]
    after = apply_update(plan)
    assert next(s for s in after.sections if s.id == "s-remaining").title == (
        "Still political prisoners"
    )


# -- files without marks, of another brief, or matching nothing ------------------------


def test_a_file_without_marks_is_matched_by_headings_with_a_warning(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        strip_marks(document)
        replace_words(paragraph(document, "Independent media"), "shut down", "closed")

    plan = plan_update(brief, edit(sample_docx, colleague))
    assert not plan.marked
    assert [w for w in plan.warnings if "none of the marks" in w] == plan.warnings
    assert [(c.section_id, c.kind) for c in plan.changes] == [("s-context", ChangeKind.CHANGED)]
    after = apply_update(plan)
    _unchanged_except(brief, after, "s-context")
    assert _fact_runs(after) == _fact_runs(brief)


def test_a_file_of_another_brief_says_so(sample_docx: bytes) -> None:
    other = dataclasses.replace(load_sample(), id="b-0000000000000000")
    plan = plan_update(other, sample_docx)
    assert not plan.same_brief
    assert any("another brief" in w for w in plan.warnings)
    assert plan.changes == []


def test_a_file_where_nothing_matches_changes_nothing() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Quarterly figures", 1)
    document.add_paragraph("Nothing to do with the brief.")
    out = io.BytesIO()
    document.save(out)
    with pytest.raises(UpdateError, match="Nothing in this Word file matches"):
        plan_update(load_sample(), out.getvalue())


@pytest.mark.parametrize(
    "data",
    [b"", b"not a zip at all", b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0old word"],
)
def test_files_that_are_not_word_files_are_refused(data: bytes) -> None:
    with pytest.raises(BriefImportError):
        plan_update(load_sample(), data)


def test_a_zip_bomb_is_refused_like_an_import() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("word/document.xml", b"<a>" + b" " * 300_000_000 + b"</a>")
    with pytest.raises(BriefImportError):
        plan_update(load_sample(), out.getvalue())


# -- LibreOffice rewrites the whole file ------------------------------------------------


def test_a_libreoffice_round_trip_keeps_the_marks(sample_docx: bytes, tmp_path: Path) -> None:
    brief = load_sample()
    saved = libreoffice_save(sample_docx, tmp_path)
    assert saved != sample_docx
    untouched = plan_update(brief, saved)
    assert untouched.marked and untouched.same_brief and untouched.changes == []

    def colleague(document) -> None:
        replace_words(paragraph(document, "Independent media"), "shut down", "closed")
        replace_words(paragraph(document, "52 people held"), "52", "53")
        document.add_comment(
            paragraph(document, "Among those freed").runs, text="Check.", author=AUTHOR
        )

    plan = plan_update(brief, edit(saved, colleague))
    assert plan.marked and plan.warnings == []
    assert sorted(c.section_id for c in plan.changes) == ["s-context", "s-summary"]
    assert [n.section_id for n in plan.notes] == ["s-release"]
    after = apply_update(plan)
    _unchanged_except(brief, after, "s-context", "s-summary")
    assert after.fact_values()["released"] == "53"
    assert _fact_runs(after) == _fact_runs(brief)


# -- any text the colleague types -------------------------------------------------------

_TYPED = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\u2028\u2029"
    ),
    min_size=1,
    max_size=80,
).filter(lambda t: t.strip())


@settings(max_examples=25, deadline=None)
@given(typed=_TYPED)
def test_whatever_is_typed_comes_back_exactly(sample_docx: bytes, typed: str) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        p = paragraph(document, "Independent media")
        for run in p.runs[1:]:
            run.text = ""
        p.runs[0].text = typed

    plan = plan_update(brief, edit(sample_docx, colleague))
    after = apply_update(plan)
    assert " ".join(_paragraphs(after, "s-context")[2].split()) == " ".join(typed.split())
    _unchanged_except(brief, after, "s-context")
    assert loads(dumps(after)) is not None


# -- the brief changed since the export -------------------------------------------------


def test_the_authors_newer_text_is_never_undone_by_an_older_copy(sample_docx: bytes) -> None:
    exported = load_sample()
    brief = load_sample()
    # The author, after exporting: a paragraph rewritten, one added, a row edited.
    release = next(s for s in brief.sections if s.id == "s-release").content
    release.blocks[3] = Paragraph([Run("The author's newer wording.")])
    release.blocks.insert(0, Paragraph([Run("A new opening paragraph.")]))
    factors = next(s for s in brief.sections if s.id == "s-factors").content
    factors.rows[0][1] = [Run("The author's newer cell.")]
    remaining = next(s for s in brief.sections if s.id == "s-remaining")
    brief.sections.remove(remaining)

    def colleague(document) -> None:
        replace_words(paragraph(document, "The timing is significant"), "significant", "telling")
        document.tables[1].rows[3].cells[1].paragraphs[0].runs[0].text = "Colleague's cell."

    plan = plan_update(brief, edit(export(exported), colleague))
    assert any("changed since this Word file was exported" in w for w in plan.warnings)
    assert any("no longer in the brief" in w for w in plan.warnings)
    kinds = sorted((c.section_id, c.kind.value, c.new_text[:20]) for c in plan.changes)
    assert kinds == [
        ("s-factors", "changed", "Russian drone incurs"),
        ("s-release", "changed", "The timing is tellin"),
    ]
    after = apply_update(plan)
    texts = _paragraphs(after, "s-release")
    assert texts[0] == "A new opening paragraph."
    assert texts[3].startswith("The timing is telling")
    assert texts[4] == "The author's newer wording."
    rows = next(s for s in after.sections if s.id == "s-factors").content.rows
    assert plain(rows[0][1]) == "The author's newer cell."
    assert plain(rows[2][1]) == "Colleague's cell."
    assert "s-remaining" not in {s.id for s in after.sections}


# -- bounds -------------------------------------------------------------------------------


def test_huge_rewrites_are_compared_within_a_bound() -> None:
    """Many paragraphs, each rewritten into words of few kinds (the worst
    case for difflib), are compared within the diff budget."""
    from tests.child import python

    code = """
import time
from briefing_app.model.brief import Brief, Section, SectionKind, TextContent
from briefing_app.model.text import Paragraph, Run
from briefing_app.roundtrip import plan_update, apply_update
from tests.word_edits import edit, export

paragraphs = [Paragraph([Run(("a b " * 8000) + str(i))]) for i in range(3)]
paragraphs += [Paragraph([Run(f"Paragraph {i} of many.")]) for i in range(3000)]
brief = Brief(sections=[Section(SectionKind.CONTEXT, "Context", TextContent(paragraphs))])

def colleague(document):
    for p in document.paragraphs:
        if p.text.startswith("a b"):
            p.runs[0].text = "b a . " * 8000
        elif p.text.startswith("Paragraph"):
            p.runs[0].text = p.text.replace("many", "several")

plan = plan_update(brief, edit(export(brief), colleague))
assert len(plan.changes) == 3003, len(plan.changes)
apply_update(plan)
print("ok")
"""
    outcome = python(code, seconds=300)
    assert outcome.stdout.strip().endswith("ok"), outcome


# -- merging a new wording: any words, any marks ----------------------------------------

_WORDS = st.lists(
    st.sampled_from(["52", "people", "were", "freed", ",", " ", "  ", "in", "2025", "."]),
    min_size=0,
    max_size=30,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(before=_WORDS, after=_WORDS, typed=_WORDS, bold=st.booleans())
def test_a_merge_always_says_what_word_says(
    before: str, after: str, typed: str, bold: bool
) -> None:
    from briefing_app.roundtrip.merge import merge

    old = [Run(before), Run("52", fact="released"), Run(after, needs_source=True)]
    new = [Run(typed, bold=bold)]
    merged = merge(old, new, {"released": "52"}, lambda _note: None)
    # Exactly the words from Word, nothing lost or doubled, either way.
    assert plain(merged.as_text) == typed
    assert plain(merged.with_facts) == typed
    # A fact is kept where its words are, changed where Word changed them,
    # and only a kept one stays a fact when the author says "text here".
    values = {"52"} | {e.new for e in merged.fact_edits}
    assert all(r.text in values for r in merged.with_facts if r.fact)
    assert all(r.text == "52" for r in merged.as_text if r.fact)
    assert len(merged.fact_edits) <= 1
    assert all(e.name == "released" and e.new in typed for e in merged.fact_edits)


def test_a_templates_standard_text_is_not_taken_for_a_new_section() -> None:
    brief = dataclasses.replace(load_sample(), template="meeting-brief")
    data = export(brief)
    names = part_xml(data, "word/document.xml").xpath("//w:bookmarkStart/@w:name", namespaces=NS)
    assert any(name.endswith("_h000000") for name in names)  # "Purpose", the template's

    def colleague(document) -> None:
        replace_words(paragraph(document, "Independent media"), "shut down", "closed")

    plan = plan_update(brief, edit(data, colleague))
    assert [(c.section_id, c.kind) for c in plan.changes] == [("s-context", ChangeKind.CHANGED)]
    assert plan.warnings == []

    def rewrites_purpose(document) -> None:
        heading = paragraph(document, "Purpose")
        following = document.paragraphs[[p._p for p in document.paragraphs].index(heading._p) + 1]
        following.runs[0].text = "Something else."

    plan = plan_update(brief, edit(data, rewrites_purpose))
    assert plan.changes == []
    assert any("standard text" in w for w in plan.warnings)


def test_callouts_and_list_items(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        replace_words(paragraph(document, "Belarus is consistently"), "worst", "most repressive")
        replace_words(paragraph(document, "Did you know?"), "Did you know?", "Note")
        delete_paragraph(paragraph(document, "In return, the United States"))

    plan = plan_update(brief, edit(sample_docx, colleague))
    kinds = sorted((c.section_id, c.kind.value, c.where) for c in plan.changes)
    assert kinds == [
        ("s-context", "changed", "callout title"),
        ("s-context", "changed", "callout, paragraph 1"),
        ("s-summary", "deleted", "list item 2"),
    ]
    after = apply_update(plan)
    box = next(s for s in after.sections if s.id == "s-context").content.blocks[3]
    assert isinstance(box, Callout) and box.title == "Note"
    assert "most repressive" in plain(box.blocks[0].runs)
    items = next(s for s in after.sections if s.id == "s-summary").content.blocks[0].items
    assert len(items) == 4 and not plain(items[1]).startswith("In return")
    _unchanged_except(brief, after, "s-context", "s-summary")


def test_tracked_changes_and_comments_survive_a_libreoffice_save(
    sample_docx: bytes, tmp_path: Path
) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        track_insert(paragraph(document, "Independent media"), " Exiled outlets continue.")
        document.add_comment(
            paragraph(document, "Among those freed").runs, text="Check.", author=AUTHOR
        )

    saved = libreoffice_save(edit(sample_docx, colleague), tmp_path)
    plan = plan_update(brief, saved)
    assert plan.marked
    (change,) = plan.changes
    assert change.section_id == "s-context" and change.revisions[0].author == AUTHOR
    assert [(n.section_id, n.text, n.author) for n in plan.notes] == [
        ("s-release", "Check.", AUTHOR)
    ]
    rejected = plan_update(brief, saved, tracked=TrackedChanges.REJECT)
    assert rejected.changes == []


def test_numbered_citations_in_the_text_stay_citations() -> None:
    brief = dataclasses.replace(_cited_brief(), template="briefing-note")
    data = export(brief)
    assert "[1]" in "".join(t.text or "" for t in part_xml(data, "word/document.xml").iter())

    def colleague(document) -> None:
        replace_words(paragraph(document, "The presidential election"), "August", "early August")

    plan = plan_update(brief, edit(data, colleague))
    (change,) = plan.changes
    assert change.old_text.endswith("[1]") and change.new_text.endswith("[1]")
    after = apply_update(plan)
    first = next(s for s in after.sections if s.id == "s-context").content.blocks[0]
    assert "early August" in plain(first.runs)
    assert first.runs[-1].cite == (brief.sources()[2].id,)
    assert "[1]" not in plain(first.runs)


def test_whole_paragraphs_inserted_and_deleted_with_tracking(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        new = add_paragraph_after(paragraph(document, "Independent media"), "")
        track_insert(new, "A tracked new paragraph.")
        gone = paragraph(document, "For European partners")
        track_delete(gone, gone.runs[0].text, author="Sam Other")

    data = edit(sample_docx, colleague)
    plan = plan_update(brief, data)
    kinds = sorted((c.section_id, c.kind.value, c.revisions[0].author) for c in plan.changes)
    assert kinds == [("s-context", "added", AUTHOR), ("s-release", "deleted", "Sam Other")]
    after = apply_update(plan)
    assert _paragraphs(after, "s-context")[3] == "A tracked new paragraph."
    assert not any(t.startswith("For European partners") for t in _paragraphs(after, "s-release"))
    assert plan_update(brief, data, tracked=TrackedChanges.REJECT).changes == []


def test_tracked_formatting_is_a_tracked_change(sample_docx: bytes) -> None:
    from docx.oxml import OxmlElement

    brief = load_sample()

    def colleague(document) -> None:
        run = paragraph(document, "Independent media").runs[0]
        props = run._r.get_or_add_rPr()
        change = OxmlElement("w:rPrChange")
        for name, value in (("w:id", "5"), ("w:author", AUTHOR), ("w:date", DATE)):
            change.set(qn(name), value)
        change.append(OxmlElement("w:rPr"))  # before: no marks of its own
        run.bold = True
        props.append(change)

    data = edit(sample_docx, colleague)
    (change,) = plan_update(brief, data).changes
    assert change.revisions[0].author == AUTHOR
    after = apply_update(plan_update(brief, data))
    assert next(s for s in after.sections if s.id == "s-context").content.blocks[2].runs[0].bold
    assert plan_update(brief, data, tracked=TrackedChanges.REJECT).changes == []


def test_table_rows_added_and_deleted(sample_docx: bytes) -> None:
    brief = load_sample()

    def colleague(document) -> None:
        table = document.tables[1]
        row = table.add_row()
        row.cells[0].text = "EU pressure"
        row.cells[1].text = "Kept the question of prisoners on the agenda."
        gone = table.rows[2]._tr
        gone.getparent().remove(gone)

    plan = plan_update(brief, edit(sample_docx, colleague))
    kinds = sorted((c.kind.value, c.where) for c in plan.changes)
    assert kinds == [("added", "new table row"), ("deleted", "table row 2")]
    after = apply_update(plan)
    rows = next(s for s in after.sections if s.id == "s-factors").content.rows
    before = brief.sections[3].content.rows
    assert [plain(r[0]) for r in rows] == [
        plain(before[0][0]),
        plain(before[2][0]),
        "EU pressure",
    ]
    assert plain(rows[2][1]) == "Kept the question of prisoners on the agenda."
    _unchanged_except(brief, after, "s-factors")


def test_an_insertion_in_a_section_both_changed_is_an_insertion() -> None:
    exported = load_sample()
    brief = load_sample()
    release = next(s for s in brief.sections if s.id == "s-release").content
    release.blocks[1] = Paragraph(
        [Run("Mikalai Statkevich was among those freed, the author writes.")]
    )

    def colleague(document) -> None:
        add_paragraph_after(paragraph(document, "Fifty-two people"), "A colleague's new point.")

    plan = plan_update(brief, edit(export(exported), colleague))
    assert [(c.kind, c.new_text) for c in plan.changes] == [
        (ChangeKind.ADDED, "A colleague's new point.")
    ]
    after = apply_update(plan)
    texts = _paragraphs(after, "s-release")
    assert texts[1] == "A colleague's new point."
    assert texts[2] == "Mikalai Statkevich was among those freed, the author writes."
    assert len(texts) == len(_paragraphs(brief, "s-release")) + 1


def test_edits_to_the_printed_sources_list_are_said(sample_docx: bytes) -> None:
    def colleague(document) -> None:
        replace_words(paragraph(document, "Reuters: news"), "news", "wire")

    plan = plan_update(load_sample(), edit(sample_docx, colleague))
    assert plan.changes == []
    assert any("printed from the brief's sources" in w for w in plan.warnings)


def test_a_table_pasted_into_a_text_section_is_said(sample_docx: bytes) -> None:
    def colleague(document) -> None:
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text = "Pasted"
        paragraph(document, "Independent media")._p.addnext(table._tbl)

    plan = plan_update(load_sample(), edit(sample_docx, colleague))
    assert plan.changes == []
    assert any("A table in 'Context'" in w for w in plan.warnings)


def test_a_callout_section_round_trips() -> None:
    brief = load_sample()
    box = Section(
        SectionKind.CALLOUT,
        "Key fact",
        TextContent([Paragraph([Run("Over 1,000 remain in prison.")])]),
        id="s-box",
    )
    brief.sections.insert(2, box)
    data = export(brief)

    def colleague(document) -> None:
        replace_words(paragraph(document, "Over 1,000 remain"), "prison", "detention")
        replace_words(paragraph(document, "Key fact"), "Key fact", "A key fact")

    plan = plan_update(brief, edit(data, colleague))
    kinds = sorted((c.kind.value, c.where) for c in plan.changes)
    assert kinds == [("changed", "callout, paragraph 1"), ("renamed", "heading")]
    after = apply_update(plan)
    new_box = next(s for s in after.sections if s.id == "s-box")
    assert new_box.title == "A key fact"
    assert plain(new_box.content.blocks[0].runs) == "Over 1,000 remain in detention."
    _unchanged_except(brief, after, "s-box")
