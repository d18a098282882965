"""HTML writer: document tree -> one self-contained, accessible HTML5 page.

The page is rendered with Jinja2 from the templates in ``html_templates/``,
in a sandboxed environment with autoescaping on and undefined names treated
as errors. Every string from the tree reaches the page through autoescaping
(or, inside the style sheet, as an escaped CSS string), so text such as
"<b>", "&" or "{{ x }}" is shown as typed and never becomes markup. The page
has no scripts and loads nothing: the style sheet is inline and a logo is
embedded as a data: address.

Notes are DPUB-ARIA endnotes: each reference a raised link to its note, the
notes a list after the content, each with a link back to where it is cited.
A draft says so in a banner at the top and, on paper, across every page.
"""

from __future__ import annotations

import base64
import math
import re
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from briefing_app.document.measure import char_em
from briefing_app.document.nodes import (
    BlockNode,
    CalloutNode,
    Document,
    FigureNode,
    FurnitureText,
    Heading,
    Inlines,
    ListNode,
    PageField,
    PageFurniture,
    Para,
    TableNode,
    Text,
    TitleBlock,
    map_inlines,
)
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.progress import Progress, step
from briefing_app.writers.pdf_fonts import register_family

TEMPLATE_DIR = Path(__file__).with_name("html_templates")
PAGE_TEMPLATE = "page.html.j2"
_HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")
_MAX_HEADING = 6  # HTML has h1 to h6
_PICTURES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}
_PT_PER_MM = 72 / 25.4


# ------------------------------------------------------------------ filters


def lines(text: str) -> Markup:
    """Plain text with its line breaks as <br>; every piece escaped."""
    return Markup("<br>").join(escape(part) for part in text.split("\n"))


def css_string(text: str) -> Markup:
    """Any text as a quoted CSS string. Everything but ASCII letters, digits
    and spaces becomes a hex escape, so the text can end neither the string,
    the rule nor the <style> element."""
    out = [
        ch if ch == " " or (ch.isascii() and ch.isalnum()) else f"\\{ord(ch):06x}" for ch in text
    ]
    return Markup('"' + "".join(out) + '"')


def css_colour(value: str) -> Markup:
    if not isinstance(value, str) or not _HEX_COLOUR.fullmatch(value):
        raise ExportError(
            f"The house style has a colour the web page cannot use: '{str(value)[:40]}'. "
            "Write colours as six hexadecimal digits, for example 1F3A5F."
        )
    return Markup("#" + value)


def css_number(value: float) -> Markup:
    """A plain number for the style sheet (sizes come from the house style)."""
    number = float(value)
    if not math.isfinite(number):
        raise ExportError(f"The house style has a size the web page cannot use: '{value}'.")
    return Markup(f"{round(number, 3):g}")


def is_external(link: str) -> bool:
    return not link.startswith("#")


def data_uri(path: str) -> str:
    """A logo as a data: address, so the page stays one self-contained file."""
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise ExportError(
            f"The template's logo '{name}' cannot be read. Check that it is still in the "
            "template's folder."
        ) from None
    kind = next((k for magic, k in _PICTURES.items() if data.startswith(magic)), "")
    if not kind:
        raise ExportError(f"The template's logo '{name}' is not a PNG or JPEG picture.")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def figure_src(node: FigureNode, style: HouseStyle) -> str:
    """The figure's picture as a data: address (a chart as the SVG of the
    drawing every format shows). Shown through <img>, an SVG can run
    nothing and fetch nothing, and it was cleaned when it entered the brief."""
    if node.chart is not None:
        from reportlab.graphics import renderSVG

        from briefing_app.writers.charts import chart_drawing

        font = register_family(style.pdf_font, style.font_dir).regular
        svg = renderSVG.drawToString(
            chart_drawing(node.chart, node.width_mm, node.height_mm, style, font)
        )
        data, kind = svg.encode("utf-8"), "image/svg+xml"
    else:
        assert node.image is not None
        data, kind = node.image.data, node.image.media_type
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# ------------------------------------------------------------- page model


@dataclass(frozen=True, slots=True)
class PageBlock:
    """One block of the tree as the page template sees it."""

    kind: str  # which macro renders it
    node: BlockNode
    level: int = 0  # the heading's level on the page (the title is 1)
    ident: str = ""  # a unique id the block's parts refer to (aria attributes)
    src: str = ""  # a figure's picture, as a data: address


@dataclass(frozen=True, slots=True)
class Slot:
    """One place in the page's head or foot."""

    place: str  # "left", "center" or "right", as CSS names the page-margin boxes
    text: str  # shown in the page's own head or foot; "" if it holds page numbers
    css: Markup  # the content of the printed page's margin box
    marking: bool = False


@dataclass(frozen=True, slots=True)
class NoteRef(Text):
    """A note reference as the page draws it: with the id its note's
    backlink returns to."""

    ident: str = ""


@dataclass(frozen=True, slots=True)
class Backlink:
    target: str  # the id of a reference to the note
    label: str  # what a screen reader says: "Back to reference 3"


@dataclass(frozen=True, slots=True)
class PageNote:
    """One note of the endnotes list."""

    number: int
    inlines: Inlines
    backlinks: tuple[Backlink, ...]


# Which macro of blocks.html.j2 draws each node type.
_MACROS: dict[type, str] = {
    TitleBlock: "title",
    Heading: "heading",
    Para: "para",
    ListNode: "list",
    TableNode: "table",
    CalloutNode: "callout",
    FigureNode: "figure",
}


def note_references(blocks: list[BlockNode]) -> tuple[list[BlockNode], dict[int, list[str]]]:
    """``blocks`` with every note reference given an id, in reading order,
    and the ids of each note's references. A note cited once (as the
    composer makes them) has "note-ref-N"; a further citation of the same
    note gets "note-ref-N-2" and so on, so ids stay unique."""
    refs: dict[int, list[str]] = {}
    names = [f.name for f in fields(Text)]

    def change(inlines: Inlines) -> Inlines:
        if not any(t.note for t in inlines):
            return inlines
        out: list[Text] = []
        for t in inlines:
            if t.note:
                seen = refs.setdefault(t.note, [])
                ident = f"note-ref-{t.note}" + (f"-{len(seen) + 1}" if seen else "")
                seen.append(ident)
                t = NoteRef(**{name: getattr(t, name) for name in names}, ident=ident)
            out.append(t)
        return tuple(out)

    return [map_inlines(block, change) for block in blocks], refs


def page_notes(tree: Document, refs: dict[int, list[str]]) -> list[PageNote]:
    """The tree's notes in its order, each with a link back to every place
    that cites it."""
    out = []
    for note in tree.notes:
        targets = refs.get(note.number, [])
        backlinks = tuple(
            Backlink(
                target,
                f"Back to reference {note.number}"
                + (f" ({i} of {len(targets)})" if len(targets) > 1 else ""),
            )
            for i, target in enumerate(targets, 1)
        )
        out.append(PageNote(note.number, note.inlines, backlinks))
    return out


def watermark(text: str, style: HouseStyle) -> tuple[float, float]:
    """The printed draft line's size (points) and angle (degrees, rising):
    as the PDF draws it, along the page's diagonal, draft_pt or smaller to
    stay within two thirds of the diagonal (Arial's widths, a little wider
    for bold)."""
    page_w, page_h = (x * _PT_PER_MM for x in style.page_mm)
    ems = max(sum(char_em(ch) for ch in text) * 1.05, 0.5)
    size = min(style.draft_pt, math.hypot(page_w, page_h) * 2 / 3 / ems)
    return size, math.degrees(math.atan2(page_h, page_w))


def page_blocks(tree: Document, blocks: list[BlockNode] | None = None) -> list[PageBlock]:
    """The tree's blocks (or ``blocks``, the same with ids added) as the page
    draws them: the title is h1, section headings h2, sub-headings h3 (the
    composer's levels never skip one)."""
    out: list[PageBlock] = []
    counts: dict[str, int] = {}
    for block in tree.blocks if blocks is None else blocks:
        kind = _MACROS.get(type(block))
        if kind is None:
            raise TypeError(f"the HTML writer cannot draw {type(block).__name__}")
        counts[kind] = counts.get(kind, 0) + 1
        level = 1 if isinstance(block, TitleBlock) else 0
        if isinstance(block, Heading):
            level = min(block.level + 1, _MAX_HEADING)
        ident = f"{kind}-{counts[kind]}" if kind in ("table", "callout", "figure") else ""
        src = figure_src(block, tree.style) if isinstance(block, FigureNode) else ""
        out.append(PageBlock(kind, block, level=level, ident=ident, src=src))
    return out


def furniture_slot(place: str, line: FurnitureText) -> Slot | None:
    """A header or footer line. Page numbers exist only on paper: a line with
    them goes into the printed page's margin and not onto the screen."""
    if not any(line):
        return None
    counters = {PageField.PAGE: Markup("counter(page)"), PageField.PAGES: Markup("counter(pages)")}
    css = Markup(" ").join(
        counters[part] if isinstance(part, PageField) else css_string(part) for part in line
    )
    numbered = any(isinstance(part, PageField) for part in line)
    return Slot(place, "" if numbered else "".join(str(part) for part in line), css)


def furniture_slots(f: PageFurniture, top: bool) -> list[Slot]:
    """The head's (or the foot's) slots; the marking takes the centre."""
    left, right = (f.header_left, f.header_right) if top else (f.footer_left, f.footer_right)
    slots = [furniture_slot("left", left), furniture_slot("right", right)]
    marking = f.marking
    if marking and (f.marking_top if top else f.marking_bottom):
        slots.insert(1, Slot("center", marking, css_string(marking), marking=True))
    return [slot for slot in slots if slot is not None]


def font_stack(style: HouseStyle) -> Markup:
    """The Word font, then the PDF font, then the reader's sans-serif."""
    names = dict.fromkeys(n for n in (style.word_font, style.pdf_font) if n.strip())
    return Markup(", ").join([*(css_string(n) for n in names), Markup("sans-serif")])


# ------------------------------------------------------------------ render


@cache
def environment() -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,  # every template here writes HTML
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        lines=lines,
        css_string=css_string,
        colour=css_colour,
        num=css_number,
        data_uri=data_uri,
    )
    env.tests["external"] = is_external
    return env


def render_html(tree: Document) -> str:
    template = environment().get_template(PAGE_TEMPLATE)
    blocks, refs = note_references(tree.blocks)
    draft = " ".join(tree.draft.split())
    draft_pt, draft_angle = watermark(draft, tree.style) if draft else (0.0, 0.0)
    return template.render(
        info=tree.info,
        page_title=tree.info.title.strip() or "Untitled brief",
        head=furniture_slots(tree.furniture, top=True),
        foot=furniture_slots(tree.furniture, top=False),
        style=tree.style,
        page_mm=tree.style.page_mm,
        fonts=font_stack(tree.style),
        blocks=page_blocks(tree, blocks),
        notes=page_notes(tree, refs),
        draft=draft,
        draft_pt=draft_pt,
        draft_angle=draft_angle,
    )


def write_html(tree: Document, progress: Progress | None = None) -> bytes:
    """Render the document tree to the bytes of one UTF-8 HTML page (at
    once: ``progress`` hears only the start and the end)."""
    step(progress, 0, 1)
    data = render_html(tree).encode("utf-8")
    step(progress, 1, 1)
    return data


__all__ = [
    "NoteRef",
    "PageBlock",
    "PageNote",
    "Slot",
    "css_string",
    "note_references",
    "page_blocks",
    "page_notes",
    "render_html",
    "write_html",
]
