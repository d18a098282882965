"""Read a PDF back the way a reader's tools would (pypdf)."""

from __future__ import annotations

import io
import re

import pypdf


def reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data))


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in reader(data).pages]


def squash(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space."""
    return re.sub(r"\s+", " ", text).strip()


def no_space(text: str) -> str:
    """Text with all whitespace removed (line wrapping can split anywhere)."""
    return re.sub(r"\s+", "", text)


def outline(data: bytes) -> list[tuple[str, int]]:
    """(title, page index) of every bookmark, depth first."""
    r = reader(data)
    out: list[tuple[str, int]] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((item.title, r.get_destination_page_number(item)))

    walk(r.outline)
    return out


def _link_annotations(data: bytes) -> list:
    return [
        annot.get_object()
        for page in reader(data).pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Link"
    ]


def link_targets(data: bytes) -> list[str]:
    """The addresses of the links to the web or mail."""
    targets = []
    for annot in _link_annotations(data):
        action = annot.get("/A")
        if action is not None and "/URI" in action:
            targets.append(str(action["/URI"]))
    return targets


def internal_links(data: bytes) -> list:
    """The link annotations that go to a place inside the document."""
    out = []
    for annot in _link_annotations(data):
        action = annot.get("/A")
        if "/Dest" in annot or (action is not None and action.get("/S") == "/GoTo"):
            out.append(annot)
    return out


def font_names(data: bytes) -> set[str]:
    """BaseFont names of every font used on any page (forms included)."""
    names: set[str] = set()

    def collect(resources: object) -> None:
        if not resources:
            return
        resources = resources.get_object()  # type: ignore[attr-defined]
        for font in (resources.get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                collect(xobj.get("/Resources"))

    for page in reader(data).pages:
        collect(page.get("/Resources"))
    return names


def embedded_fonts(data: bytes) -> dict[str, bool]:
    """BaseFont -> whether a font file is embedded for it."""
    result: dict[str, bool] = {}

    def collect(resources: object) -> None:
        if not resources:
            return
        resources = resources.get_object()  # type: ignore[attr-defined]
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            desc = font.get("/FontDescriptor")
            embedded = False
            if desc is not None:
                desc = desc.get_object()
                embedded = any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            result[str(font["/BaseFont"])] = embedded
        for xobj in (resources.get("/XObject") or {}).values():
            xobj = xobj.get_object()
            if xobj.get("/Subtype") == "/Form":
                collect(xobj.get("/Resources"))

    for page in reader(data).pages:
        collect(page.get("/Resources"))
    return result


def body_of_pages(data: bytes, tree) -> list[str]:
    """Each page's text without the page furniture (marking, reference, a draft line,
    "Page X of Y"), which the writer draws before the page's content."""
    from briefing_app.document.nodes import furniture_plain

    f = tree.furniture
    lines = (f.header_left, f.header_right, f.footer_left, f.footer_right)
    furniture = {f.marking, tree.draft, *(furniture_plain(x).strip() for x in lines)}
    out = []
    for text in pages_text(data):
        lines = text.splitlines()
        while lines and (
            lines[0].strip() in furniture
            or re.fullmatch(r"Page \d+ of( \d+)?|\d+", lines[0].strip())
        ):
            lines.pop(0)
        out.append("\n".join(lines))
    return out


def chart_strings(tree) -> list[str]:
    """The words each chart of the tree draws in the PDF (labels, numbers,
    axis): text there, part of a picture in Word and HTML."""
    from reportlab.graphics.shapes import String

    from briefing_app.document.nodes import FigureNode
    from briefing_app.writers.charts import chart_drawing
    from briefing_app.writers.pdf_fonts import register_family

    font = register_family(tree.style.pdf_font, tree.style.font_dir).regular
    out = []
    for block in tree.blocks:
        if isinstance(block, FigureNode) and block.chart is not None:
            drawing = chart_drawing(block.chart, block.width_mm, block.height_mm, tree.style, font)
            out += [s.text for s in drawing.contents if isinstance(s, String)]
    return out


def links_by_page(data: bytes) -> list[tuple[int, str, tuple[float, ...]]]:
    """Every link annotation: (its page index, where it goes, its rectangle
    rounded to a hundredth of a point). An internal link's target is the
    page index its destination is on."""
    r = reader(data)
    out = []
    for index, page in enumerate(r.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                target = str(action["/URI"])
            else:
                dest = annot.get("/Dest")
                if dest is None and action is not None:
                    dest = action.get("/D")
                if isinstance(dest, str) or hasattr(dest, "original_bytes"):
                    dest = r.named_destinations[str(dest)]
                    target = f"page {r.get_destination_page_number(dest)}"
                else:
                    target = f"page {r.get_page_number(dest.get_object()[0].get_object())}"
            rect = tuple(round(float(v), 2) for v in annot["/Rect"])
            out.append((index, target, rect))
    return out
