"""The PDF in one layout pass is the document two passes made.

Before, a template whose "Page X of Y" was right-aligned or had text after
the total laid the brief out twice: once to count the pages, once with the
total known. Now every line that shows the total is a form defined when the
file is saved (pdf_furniture.py). The two-pass document is still made here,
in the test, from the writer's own pass given the total: the page count,
each page's text (with "Page X of Y" on every page), the bookmarks, the
links and, where pdftoppm is installed, the page images must be the same.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.generate import generated_brief
from briefing_app.compose import compose
from briefing_app.document.nodes import Document, FurnitureText, PageField
from briefing_app.model import Paragraph, Run
from briefing_app.sample import load_sample
from briefing_app.templating import catalogue, get_template
from briefing_app.writers.pdf import _Builder, write_pdf, write_pdf_with_layout
from briefing_app.writers.pdf_document import build_pass
from briefing_app.writers.pdf_fonts import register_family
from tests.builders import FILLER, brief, text_section
from tests.pdf_text import links_by_page, outline, pages_text, reader, squash
from tests.test_pdf_notes import cited_sample

PAGE_OF = ("Page ", PageField.PAGE, " of ", PageField.PAGES)


def two_pass(tree: Document) -> bytes:
    """The document as the old writer made it: a pass to count the pages,
    then the real one with the total known from the start."""
    total = write_pdf_with_layout(tree)[1].pages
    fam = register_family(tree.style.pdf_font, tree.style.font_dir)
    buf = io.BytesIO()
    story = _Builder(tree, fam).story()
    build_pass(tree, fam, story, buf, None, (0, 1), final=True, total=total)
    return buf.getvalue()


def with_furniture(tree: Document, **lines: FurnitureText) -> Document:
    return dataclasses.replace(tree, furniture=dataclasses.replace(tree.furniture, **lines))


def assert_same_document(one: bytes, two: bytes) -> None:
    assert len(reader(one).pages) == len(reader(two).pages)
    assert pages_text(one) == pages_text(two)
    assert outline(one) == outline(two)
    assert links_by_page(one) == links_by_page(two)


def linked_brief() -> object:
    """Internal links to headings on later pages, bookmarks on every page."""
    b = brief(
        *(text_section(f"Part {i}", FILLER * 6, FILLER * 5) for i in range(1, 13)),
        title="Linked",
    )
    targets = b.sections[1:]
    b.sections[0].content.blocks.append(
        Paragraph([r for s in targets for r in (Run(s.title, link=f"#{s.id}"), Run(", "))])
    )
    return b


def cases() -> dict[str, Document]:
    out = {"sample": compose(load_sample())}
    for template in catalogue().templates:
        out[f"sample, {template.id}"] = compose(load_sample(), get_template(template.id))
    out["footnotes"] = compose(cited_sample(), get_template("policy-brief"))
    out["internal links"] = compose(linked_brief())
    out["10 pages"] = compose(generated_brief(10))
    return out


def total_on_every_page(data: bytes) -> None:
    pages = pages_text(data)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in squash(text)


@pytest.mark.parametrize("name", list(cases()))
def test_one_pass_is_the_two_pass_document(name: str) -> None:
    tree = cases()[name]
    one = write_pdf(tree)
    assert_same_document(one, two_pass(tree))
    if PageField.PAGES in tree.furniture.footer_left:
        total_on_every_page(one)
    if name == "internal links":  # links to pages after the first: their real pages
        pages = {target for _page, target, _rect in links_by_page(one)}
        assert {"page 2", "page 3", "page 4"} <= pages


@pytest.mark.parametrize(
    ("lines", "shown"),
    [
        # Right-aligned, or with text after the total: once two passes.
        ({"footer_left": (), "footer_right": PAGE_OF}, "Page {n} of {total}"),
        ({"footer_left": (*PAGE_OF, " pages")}, "Page {n} of {total} pages"),
        ({"header_left": (PageField.PAGES, " pages in all")}, "{total} pages in all"),
        ({"header_right": (PageField.PAGE, "/", PageField.PAGES)}, "{n}/{total}"),
    ],
)
def test_every_place_of_the_total_is_drawn_in_one_pass(lines: dict, shown: str) -> None:
    tree = with_furniture(compose(linked_brief()), **lines)
    one = write_pdf(tree)
    assert_same_document(one, two_pass(tree))
    pages = pages_text(one)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert shown.format(n=number, total=len(pages)) in squash(text)


def test_a_long_line_with_the_total_is_shortened_as_before() -> None:
    long = ("A very long reference that runs on and on " * 4, *PAGE_OF)
    tree = with_furniture(compose(linked_brief()), footer_right=long, footer_left=long)
    one = write_pdf(tree)
    assert_same_document(one, two_pass(tree))
    assert "…" in pages_text(one)[0]


def test_two_hundred_pages_in_one_pass_are_the_two_pass_document() -> None:
    tree = compose(generated_brief(200))
    one = write_pdf(tree)
    assert len(reader(one).pages) >= 190
    assert_same_document(one, two_pass(tree))
    total_on_every_page(one)


_PART = st.one_of(
    st.sampled_from([PageField.PAGE, PageField.PAGES]),
    st.text(
        alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x17F, exclude_categories=["Cc"]),
        max_size=40,
    ),
)
_LINE = st.lists(_PART, max_size=5).map(tuple)


@settings(max_examples=20)
@given(header_left=_LINE, header_right=_LINE, footer_left=_LINE, footer_right=_LINE)
def test_any_furniture_lines_read_the_same_in_one_pass(
    header_left: FurnitureText,
    header_right: FurnitureText,
    footer_left: FurnitureText,
    footer_right: FurnitureText,
) -> None:
    tree = with_furniture(
        SHORT,
        header_left=header_left,
        header_right=header_right,
        footer_left=footer_left,
        footer_right=footer_right,
    )
    one = write_pdf(tree)
    assert pages_text(one) == pages_text(two_pass(tree))


SHORT = compose(brief(*(text_section(f"Part {i}", FILLER * 6) for i in range(1, 5))))


def _images(data: bytes, folder: Path, name: str) -> list[bytes]:
    path = folder / f"{name}.pdf"
    path.write_bytes(data)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path), str(folder / name)], check=True, timeout=120
    )
    pngs = sorted(folder.glob(f"{name}-*.png"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
    return [p.read_bytes() for p in pngs]


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
@pytest.mark.parametrize("name", ["sample", "sample, meeting-brief", "footnotes"])
def test_page_images_are_the_two_pass_images(name: str) -> None:
    from PIL import Image, ImageChops

    tree = cases()[name]
    with tempfile.TemporaryDirectory() as folder:
        one = _images(write_pdf(tree), Path(folder), "one")
        two = _images(two_pass(tree), Path(folder), "two")
    assert one and len(one) == len(two)
    for a, b in zip(one, two, strict=True):
        left = Image.open(io.BytesIO(a)).convert("RGB")
        right = Image.open(io.BytesIO(b)).convert("RGB")
        assert ImageChops.difference(left, right).getbbox() is None


def test_a_render_the_check_measured_is_written_only_for_the_same_tree() -> None:
    """The check's render is kept for the export that follows it: for the
    same tree only, even when the caller changed the tree in between."""
    from briefing_app.writers.pdf import measure_pages

    tree = compose(linked_brief())
    report = measure_pages(tree)
    data, again = write_pdf_with_layout(tree)
    assert again == report and pages_text(data) == pages_text(write_pdf(tree))
    measure_pages(tree)
    tree.blocks[:] = tree.blocks[:3]  # the same object, changed after the measure
    assert len(reader(write_pdf(tree)).pages) < report.pages
