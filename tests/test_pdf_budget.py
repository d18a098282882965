"""The page budget, from the PDF writer's own render: pages, lines to spare,
lines over, and the preview's mark where the budget ends."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph as RLParagraph

from briefing_app.compose import compose
from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document, PageField
from briefing_app.model import Paragraph, Run, TextContent
from briefing_app.sample import load_sample
from briefing_app.templating import get_template
from briefing_app.writers.pdf import measure_pages, write_pdf, write_pdf_with_layout
from briefing_app.writers.pdf_fonts import register_family
from briefing_app.writers.pdf_layout import budget_label
from briefing_app.writers.pdf_markup import escape
from briefing_app.writers.pdf_styles import make_styles
from tests.builders import FILLER, brief, text_section
from tests.pdf_text import pages_text, squash

ADDED = FILLER * 2  # about three lines


def note(extra: int = 0) -> Document:
    """The sample as a Briefing note (a budget of one page), with ``extra``
    paragraphs added at the end of its last printed section."""
    b = load_sample()
    last = next(s for s in b.sections if s.kind.value == "recommendations")
    assert isinstance(last.content, TextContent)
    last.content.blocks.extend(Paragraph([Run(ADDED)]) for _ in range(extra))
    return compose(b, get_template("briefing-note"))


def added_lines(tree: Document, extra: int) -> float:
    """The body lines ``extra`` added paragraphs take, as reportlab wraps
    them with the writer's own paragraph style (and the space after each)."""
    s = tree.style
    body = make_styles(s, register_family(s.pdf_font, s.font_dir)).body
    para = RLParagraph(escape(ADDED), body)
    height = para.wrap(s.frame_width_mm * mm, 1e9)[1]
    return extra * (height + body.spaceAfter) / s.line_pt


def test_a_briefing_note_of_the_sample_fits_its_page_with_lines_to_spare() -> None:
    tree = note()
    assert tree.page_budget == 1
    data, report = write_pdf_with_layout(tree)
    assert report.pages == len(pages_text(data)) == 1
    assert report.budget == 1 and not report.over_budget
    assert report.lines_to_spare > 2 and report.lines_over == 0
    assert report.budget_end_y_pt == pytest.approx(tree.style.margin_bottom_mm * mm)
    assert report.last_text_y_pt > report.budget_end_y_pt
    # The check's measure is the same render.
    assert measure_pages(tree) == report


def test_lines_to_spare_shrink_by_the_lines_added() -> None:
    spare = measure_pages(note()).lines_to_spare
    report = measure_pages(note(1))
    expected = spare - added_lines(note(1), 1)
    assert not report.over_budget
    assert abs(report.lines_to_spare - expected) <= 1.5


@pytest.mark.parametrize("over", [5, 20, 45])
def test_an_overfilled_briefing_note_reports_the_lines_over(over: int) -> None:
    spare = measure_pages(note()).lines_to_spare
    per = added_lines(note(1), 1)
    extra = int((spare + over) / per) + 1
    tree = note(extra)
    report = measure_pages(tree)
    assert report.over_budget and report.pages >= 2
    assert report.lines_to_spare == 0
    expected = added_lines(tree, extra) - spare
    # A page break costs a line or two: the foot of page 1 too short for a
    # line, a paragraph's last lines kept together.
    assert expected - 1 <= report.lines_over <= expected + 3, (report, expected)


def test_whole_pages_left_before_the_budget_count_as_lines_to_spare() -> None:
    tree = compose(brief(text_section("Only", "A short brief.")))
    assert tree.page_budget == 4  # the default template: a policy brief
    report = measure_pages(tree)
    per_page = int(tree.style.frame_height_mm * mm / tree.style.line_pt)
    assert report.pages == 1
    assert 3 * per_page < report.lines_to_spare < 4 * per_page


def test_without_a_budget_only_the_pages_are_reported() -> None:
    tree = dataclasses.replace(note(30), page_budget=None)
    report = measure_pages(tree)
    assert report.budget is None and report.pages >= 2
    assert report.lines_to_spare == report.lines_over == 0
    assert report.budget_end_y_pt is None and not report.over_budget


def test_the_report_is_the_same_when_the_page_total_is_counted_first() -> None:
    tree = note(25)
    f = tree.furniture
    counted = dataclasses.replace(
        tree,
        furniture=dataclasses.replace(
            f, footer_right=("Page ", PageField.PAGE, " of ", PageField.PAGES)
        ),
    )
    _data, report = write_pdf_with_layout(counted)
    assert report == measure_pages(tree) == measure_pages(counted)


def test_the_preview_marks_where_the_budget_ends_only_when_over_it() -> None:
    label = budget_label(1)
    assert label == "Page budget (1 page) ends here"
    over = note(30)
    marked = pages_text(write_pdf(over, mark_budget=True))
    assert label in squash(marked[0])
    assert not any(label in squash(p) for p in marked[1:])
    # Never in an export, and not when the brief is within its budget.
    assert not any(label in squash(p) for p in pages_text(write_pdf(over)))
    assert not any(label in squash(p) for p in pages_text(write_pdf(note(), mark_budget=True)))
    # The mark takes no room: the pages are the same.
    assert len(marked) == measure_pages(over).pages


def test_a_longer_budget_says_pages() -> None:
    assert budget_label(4) == "Page budget (4 pages) ends here"


def test_the_report_in_plain_words() -> None:
    assert LayoutReport(1, 1, lines_to_spare=8).describe() == (
        "1 page, 8 lines to spare within the 1-page budget"
    )
    assert LayoutReport(3, 2, lines_over=1).describe() == "3 pages: 1 line over the 2-page budget"
    assert LayoutReport(2, None).describe() == "2 pages"
