"""The HTML export passes axe-core (WCAG 2.x A and AA and its best
practices) in headless Chromium with no violations: the sample, a brief
with every block kind, notes and a draft banner, and each template."""

from __future__ import annotations

import pytest

from briefing_app.compose import compose
from briefing_app.files.locations import templates_dir
from briefing_app.sample import load_sample
from briefing_app.writers.html import write_html
from tests import axe
from tests.test_pdf_notes import cited_sample

pytestmark = pytest.mark.skipif(bool(axe.missing()), reason=axe.missing() or "axe runs")


def _violations(tree) -> list[dict]:
    return axe.violations(write_html(tree).decode("utf-8"))


def test_the_sample_has_no_violations() -> None:
    assert _violations(compose(load_sample())) == []


def test_every_block_kind_with_notes_and_a_draft_has_no_violations() -> None:
    b = cited_sample()
    assert _violations(compose(b, draft=True)) == []


@pytest.mark.parametrize(
    "template",
    sorted(p.name for p in templates_dir().iterdir() if (p / "manifest.toml").is_file()),
)
def test_each_template_has_no_violations(template: str) -> None:
    b = load_sample()
    b.template = template
    assert _violations(compose(b)) == []


def test_the_checker_finds_a_line_outside_the_landmarks() -> None:
    """axe-core really runs: the marking outside any landmark (as it was)
    is the 'region' rule's violation."""
    page = write_html(compose(load_sample())).decode("utf-8")
    page = page.replace('<header class="page-head">', '<div class="page-head">', 1)
    page = page.replace("</header>\n<main>", "</div>\n<main>", 1)
    assert [v["id"] for v in axe.violations(page)] == ["region"]
