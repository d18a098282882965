"""Templates: layouts and house styles, each a folder with a manifest.toml.

Shipped templates live in templates/; an organisation adds its own in the
user's template folder (or with "Import template..."). Every template is
checked completely when it is loaded - its values, its files and every
Jinja2 piece, rendered once in the sandbox - so a broken or hostile template
is refused with its name, file and line before it is ever used.
See docs/templates.md.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from briefing_app.document.style import HouseStyle
from briefing_app.errors import TemplateError
from briefing_app.model.brief import PageSize, SectionKind
from briefing_app.templating.sandbox import PieceError, compile_piece, render_piece

MANIFEST = "manifest.toml"
MAX_MANIFEST_BYTES = 256 * 1024
MAX_FILE_BYTES = 5 * 1024 * 1024
PAGE_SENTINEL = "\x00page\x00"
PAGES_SENTINEL = "\x00pages\x00"


class MarkingPosition(StrEnum):
    TOP_AND_BOTTOM = "top-and-bottom"
    TOP = "top"
    BOTTOM = "bottom"


class SectionOrder(StrEnum):
    AUTHOR = "author"
    TEMPLATE = "template"


@dataclass(frozen=True, slots=True)
class Piece:
    """One Jinja2 text of a template, with where it came from."""

    key: str  # e.g. "header.right"
    source: str
    compiled: Any = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Template:
    id: str
    name: str
    description: str
    folder: Path
    builtin: bool
    style: HouseStyle
    marking_position: MarkingPosition
    default_marking: str
    expected: tuple[SectionKind, ...]
    prints: tuple[SectionKind, ...]  # empty: every kind
    order: SectionOrder
    callouts: bool
    header_left: Piece | None
    header_right: Piece | None
    footer_left: Piece | None
    footer_right: Piece | None
    headings: dict[SectionKind, Piece]
    title_rows: tuple[tuple[str, Piece], ...]
    prompts: dict[SectionKind, Piece]
    standard_text: dict[SectionKind, Piece]
    logo: Path | None = None
    logo_alt: str = ""
    reference_docx: Path | None = None

    def prints_kind(self, kind: SectionKind) -> bool:
        return not self.prints or kind in self.prints

    def render(self, piece: Piece, context: dict[str, Any]) -> str:
        try:
            return render_piece(piece.compiled, context)
        except PieceError as exc:
            raise _error(self.name, piece.key, exc) from None


def _error(name: str, where: str, exc: PieceError | str) -> TemplateError:
    problem = exc.problem if isinstance(exc, PieceError) else exc
    line = exc.line if isinstance(exc, PieceError) and exc.line else 0
    return TemplateError(name, MANIFEST, where, line, problem)


# ------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self.data = data

    def fail(self, where: str, problem: str) -> TemplateError:
        return _error(self.name, where, problem)

    def table(self, key: str) -> dict[str, Any]:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, "must be a table of values")
        return value

    def text(self, table: dict[str, Any], key: str, where: str, default: str = "") -> str:
        value = table.get(key, default)
        if not isinstance(value, str):
            raise self.fail(where, "must be text in quotes")
        return value

    def number(
        self, table: dict[str, Any], key: str, where: str, lo: float, hi: float
    ) -> float | None:
        if key not in table:
            return None
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
            raise self.fail(where, f"must be a number from {lo:g} to {hi:g}")
        return float(value)

    def colour(self, table: dict[str, Any], key: str) -> str | None:
        if key not in table:
            return None
        value = table[key]
        ok = isinstance(value, str) and len(value) == 6
        if ok:
            try:
                int(value, 16)
            except ValueError:
                ok = False
        if not ok:
            raise self.fail(f"colours.{key}", 'must be a colour as six hex digits, e.g. "1F3A5F"')
        return value.upper()

    def kinds(self, table: dict[str, Any], key: str) -> tuple[SectionKind, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            raise self.fail(f"sections.{key}", "must be a list of section kinds")
        kinds = []
        for item in value:
            try:
                kinds.append(SectionKind(item))
            except ValueError:
                known = ", ".join(k.value for k in SectionKind)
                raise self.fail(
                    f"sections.{key}", f"'{item}' is not a section kind (known: {known})"
                ) from None
        return tuple(kinds)

    def piece(self, source: str, key: str) -> Piece:
        try:
            return Piece(key, source, compile_piece(source))
        except PieceError as exc:
            raise _error(self.name, key, exc) from None

    def kind_pieces(self, key: str) -> dict[SectionKind, Piece]:
        table = self.table(key)
        out = {}
        for name, source in table.items():
            try:
                kind = SectionKind(name)
            except ValueError:
                raise self.fail(f"{key}.{name}", "is not a section kind") from None
            if not isinstance(source, str):
                raise self.fail(f"{key}.{name}", "must be text in quotes")
            out[kind] = self.piece(source, f"{key}.{name}")
        return out

    def file(
        self, folder: Path, table: dict[str, Any], key: str, magic: tuple[bytes, ...]
    ) -> Path | None:
        name = self.text(table, key, key)
        if not name:
            return None
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents:
            raise self.fail(key, "must name a file inside the template's folder")
        try:
            size = path.stat().st_size
            head = path.open("rb").read(8)
        except OSError:
            raise self.fail(key, f"the file '{name}' is missing") from None
        if size > MAX_FILE_BYTES:
            raise self.fail(key, f"the file '{name}' is larger than 5 MB")
        if not any(head.startswith(m) for m in magic):
            raise self.fail(key, f"the file '{name}' is not of the expected kind")
        return path


_TYPE_KEYS = {
    # manifest key: (HouseStyle field, its line-height field, line factor, lo, hi)
    "body": ("body_pt", None, 0, 6, 30),
    "line": ("line_pt", None, 0, 6, 40),
    "small": ("small_pt", "small_line_pt", 1.25, 5, 20),
    "title": ("title_pt", "title_line_pt", 1.18, 8, 60),
    "subtitle": ("subtitle_pt", "subtitle_line_pt", 1.3, 6, 40),
    "h1": ("h1_pt", "h1_line_pt", 1.28, 6, 40),
    "h2": ("h2_pt", "h2_line_pt", 1.25, 6, 40),
}
_COLOUR_KEYS = {
    "text": "text_colour",
    "heading": "heading_colour",
    "muted": "muted_colour",
    "link": "link_colour",
    "marking": "marking_colour",
    "rule": "rule_colour",
    "table_header": "table_header_fill",
    "table_stripe": "table_stripe_fill",
    "callout": "callout_fill",
    "callout_border": "callout_border",
    "highlight": "highlight_fill",
}


def _style(r: _Reader) -> HouseStyle:
    changes: dict[str, Any] = {}
    try:
        changes["page_size"] = PageSize(r.text(r.data, "page_size", "page_size", "A4"))
    except ValueError:
        raise r.fail("page_size", 'must be "A4" or "Letter"') from None
    margins = r.table("margins_mm")
    for side in ("top", "bottom", "left", "right"):
        value = r.number(margins, side, f"margins_mm.{side}", 5, 60)
        if value is not None:
            changes[f"margin_{side}_mm"] = value
    fonts = r.table("fonts")
    for key, attr in (("pdf", "pdf_font"), ("word", "word_font")):
        value = r.text(fonts, key, f"fonts.{key}")
        if value:
            changes[attr] = value
    sizes = r.table("type")
    for key, (attr, line_attr, factor, lo, hi) in _TYPE_KEYS.items():
        value = r.number(sizes, key, f"type.{key}", lo, hi)
        if value is not None:
            changes[attr] = value
            if line_attr:
                changes[line_attr] = round(value * factor, 1)
    colours = r.table("colours")
    for key, attr in _COLOUR_KEYS.items():
        value = r.colour(colours, key)
        if value:
            changes[attr] = value
    unknown = set(colours) - set(_COLOUR_KEYS)
    if unknown:
        raise r.fail("colours", f"unknown colour '{sorted(unknown)[0]}'")
    style = replace(HouseStyle(), **changes)
    if style.line_pt < style.body_pt:
        raise r.fail("type.line", "the line height must be at least the body size")
    return style


def sample_context() -> dict[str, Any]:
    """Values of every variable a piece may use, for checking a template."""
    brief = {
        "title": "Title",
        "subtitle": "Subtitle",
        "author": "Author",
        "organisation": "Organisation",
        "date": "1 January 2026",
        "date_iso": "2026-01-01",
        "reference": "REF-1",
        "version": "1.0",
        "marking": "OFFICIAL",
        "recipients": ["Minister"],
        "language": "en-GB",
    }
    return {"brief": brief, "facts": {}, "template": {"name": "Template"}}


def load_template(folder: Path, *, builtin: bool = False) -> Template:
    """Read and check the template in ``folder``; raise TemplateError."""
    folder = Path(folder)
    name = folder.name
    manifest = folder / MANIFEST
    try:
        raw = manifest.read_bytes()
    except OSError:
        raise TemplateError(name, MANIFEST, "", 0, "the folder has no manifest.toml") from None
    if len(raw) > MAX_MANIFEST_BYTES:
        raise TemplateError(name, MANIFEST, "", 0, "the manifest is too large")
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(name, MANIFEST, "", 0, "the manifest is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(name, MANIFEST, "", 0, f"the manifest cannot be read: {exc}") from None
    r = _Reader(name, data)
    display = r.text(data, "name", "name").strip()
    if not display:
        raise r.fail("name", "the template needs a name")
    r.name = display
    marking = r.table("marking")
    sections = r.table("sections")
    try:
        position = MarkingPosition(
            r.text(marking, "position", "marking.position", "top-and-bottom")
        )
        order = SectionOrder(r.text(sections, "order", "sections.order", "author"))
    except ValueError as exc:
        raise r.fail("marking.position / sections.order", str(exc)) from None
    callouts = sections.get("callouts", True)
    if not isinstance(callouts, bool):
        raise r.fail("sections.callouts", "must be true or false")

    def line_piece(table_key: str, side: str) -> Piece | None:
        source = r.text(r.table(table_key), side, f"{table_key}.{side}")
        return r.piece(source, f"{table_key}.{side}") if source else None

    rows = r.table("title_block").get("rows", [])
    if not isinstance(rows, list) or not all(
        isinstance(row, list) and len(row) == 2 and all(isinstance(x, str) for x in row)
        for row in rows
    ):
        raise r.fail("title_block.rows", 'must be a list of ["Label", "value"] pairs')
    files = {**data, **r.table("files")}
    template = Template(
        id=folder.name,
        name=display,
        description=r.text(data, "description", "description"),
        folder=folder,
        builtin=builtin,
        style=replace(
            _style(r),
            font_dir=str(folder / "fonts") if (folder / "fonts").is_dir() else "",
        ),
        marking_position=position,
        default_marking=r.text(marking, "default", "marking.default", "OFFICIAL"),
        expected=r.kinds(sections, "expected"),
        prints=r.kinds(sections, "prints"),
        order=order,
        callouts=callouts,
        header_left=line_piece("header", "left"),
        header_right=line_piece("header", "right"),
        footer_left=line_piece("footer", "left"),
        footer_right=line_piece("footer", "right"),
        headings=r.kind_pieces("headings"),
        title_rows=tuple(
            (label, r.piece(value, f"title_block.rows[{i}]"))
            for i, (label, value) in enumerate(rows)
        ),
        prompts=r.kind_pieces("prompts"),
        standard_text=r.kind_pieces("standard_text"),
        logo=r.file(folder, files, "logo", (b"\x89PNG", b"\xff\xd8\xff")),
        logo_alt=r.text(files, "logo_alt", "logo_alt"),
        reference_docx=r.file(folder, files, "reference_docx", (b"PK\x03\x04",)),
    )
    _check_pieces(template)
    _check_font(template)
    return template


def _check_font(template: Template) -> None:
    from briefing_app.document.fonts import font_files

    s = template.style
    if font_files(s.pdf_font, s.font_dir) is None:
        raise TemplateError(
            template.name,
            MANIFEST,
            "fonts.pdf",
            0,
            f"the font '{s.pdf_font}' is not in the template's fonts folder: add its four "
            "files (-Regular.ttf, -Bold.ttf, -Italic.ttf, -BoldItalic.ttf)",
        )


def _check_pieces(template: Template) -> None:
    """Render every piece once, so a template that fails does so now."""
    context = sample_context()
    furniture = {**context, "page": PAGE_SENTINEL, "pages": PAGES_SENTINEL}
    for piece in (
        template.header_left,
        template.header_right,
        template.footer_left,
        template.footer_right,
    ):
        if piece is not None:
            template.render(piece, furniture)
    for piece in (
        *template.headings.values(),
        *template.prompts.values(),
        *template.standard_text.values(),
        *(p for _label, p in template.title_rows),
    ):
        template.render(piece, context)
