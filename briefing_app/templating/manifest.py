"""Templates: layouts and house styles, each a folder with a manifest.toml.

Shipped templates live in templates/; an organisation adds its own in the
user's template folder (or with "Import template..."). Every template is
checked completely when it is loaded - its values, its files and every
Jinja2 piece, rendered once in the sandbox - so a broken or hostile template
is refused with its name, file and line before it is ever used.
See docs/templates.md.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from briefing_app.document.fonts import FACES, MAX_FONT_BYTES, file_stem, font_files
from briefing_app.document.nodes import FurnitureText
from briefing_app.document.style import HouseStyle
from briefing_app.errors import TemplateError
from briefing_app.model.brief import PageSize, SectionKind
from briefing_app.templating import files
from briefing_app.templating.budget import Budget
from briefing_app.templating.files import FileProblem
from briefing_app.templating.output import (
    PAGE_SENTINEL,
    PAGES_SENTINEL,
    page_line,
    printable,
    unprintable,
)
from briefing_app.templating.sandbox import PieceError, compile_piece, render_piece

MANIFEST = "manifest.toml"
MAX_MANIFEST_BYTES = 256 * 1024
MAX_TITLE_ROWS = 40
#: A font's family name: letters, digits, spaces and a few marks - never a path.
_FAMILY = re.compile(r"\w[\w .+&'-]{0,63}")


class MarkingPosition(StrEnum):
    TOP_AND_BOTTOM = "top-and-bottom"
    TOP = "top"
    BOTTOM = "bottom"


class CitationStyle(StrEnum):
    FOOTNOTES = "footnotes"  # superscript numbers, notes at the foot of the page
    NUMBERED = "numbered"  # [1] in the text, the numbered Sources list


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
    citations: CitationStyle = CitationStyle.FOOTNOTES
    page_budget: int | None = None  # pages a brief in this layout should fit on
    draft_line: str = "DRAFT"  # printed across every page of a draft
    fact_max_age_days: int = 365  # the check's limit for a fact's "as of" date

    def prints_kind(self, kind: SectionKind) -> bool:
        return not self.prints or kind in self.prints

    def render(
        self,
        piece: Piece,
        context: dict[str, Any],
        budget: Budget | None = None,
        *,
        strict: bool = False,
    ) -> str:
        """The piece's text. ``budget``: one shared by several renders;
        ``strict`` (when the template loads): refuse characters no format
        can carry instead of removing them."""
        try:
            return printable(render_piece(piece.compiled, context, budget), strict=strict)
        except PieceError as exc:
            raise _error(self.name, piece.key, exc) from None

    def render_line(
        self,
        piece: Piece,
        context: dict[str, Any],
        budget: Budget | None = None,
        *,
        strict: bool = False,
    ) -> FurnitureText:
        """A header or footer piece: text, with the page numbers where they go."""
        numbered = {**context, "page": PAGE_SENTINEL, "pages": PAGES_SENTINEL}
        try:
            return page_line(render_piece(piece.compiled, numbered, budget), strict=strict)
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
        return self.checked_text(table.get(key, default), where)

    def checked_text(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, "must be text in quotes")
        if (ch := unprintable(value)) is not None:
            raise self.fail(where, f"holds a character that cannot be printed (U+{ord(ch):04X})")
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
            out[kind] = self.piece(self.checked_text(source, f"{key}.{name}"), f"{key}.{name}")
        return out

    def file(
        self, folder: Path, table: dict[str, Any], key: str, check: Callable[[bytes, str], None]
    ) -> Path | None:
        """The file the manifest names at ``key``: inside the folder, read
        with a limit, and what it claims to be (``check``)."""
        name = self.text(table, key, key)
        if not name:
            return None
        try:
            path = files.inside(folder, name)
            check(files.read(path, name), name)
        except FileProblem as exc:
            raise self.fail(key, str(exc)) from None
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
        if value and not _FAMILY.fullmatch(value):
            raise r.fail(
                f"fonts.{key}",
                'must be the name of a font family, such as "Liberation Sans" (letters, '
                "digits, spaces and - . + & '), not a file or a path",
            )
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
    try:
        return _load(folder, builtin)
    except OSError as exc:  # a folder that cannot be listed or read
        problem = f"its folder cannot be read ({exc.strerror or exc})"
        raise TemplateError(folder.name, MANIFEST, "", 0, problem) from None


def _load(folder: Path, builtin: bool) -> Template:
    data = _read_manifest(folder)
    r = _Reader(folder.name, data)
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
    if len(rows) > MAX_TITLE_ROWS:
        raise r.fail("title_block.rows", f"has more than {MAX_TITLE_ROWS} rows")
    named = {**data, **r.table("files")}
    checks = r.table("checks")
    try:
        citations = CitationStyle(
            r.text(r.table("citations"), "style", "citations.style", "footnotes")
        )
    except ValueError:
        raise r.fail("citations.style", 'must be "footnotes" or "numbered"') from None
    budget = r.number(r.table("layout"), "page_budget", "layout.page_budget", 1, 200)
    age = r.number(checks, "fact_max_age_days", "checks.fact_max_age_days", 1, 36500)
    draft_line = r.checked_text(
        r.text(r.table("draft"), "line", "draft.line", "DRAFT"), "draft.line"
    ).strip()
    if len(draft_line) > 40:
        raise r.fail("draft.line", "must be at most 40 characters")
    template = Template(
        id=folder.name,
        name=display,
        description=r.text(data, "description", "description"),
        folder=folder,
        builtin=builtin,
        style=replace(_style(r), font_dir=_font_dir(r, folder)),
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
            (
                r.checked_text(label, f"title_block.rows[{i}]"),
                r.piece(r.checked_text(value, f"title_block.rows[{i}]"), f"title_block.rows[{i}]"),
            )
            for i, (label, value) in enumerate(rows)
        ),
        prompts=r.kind_pieces("prompts"),
        standard_text=r.kind_pieces("standard_text"),
        logo_alt=r.text(named, "logo_alt", "logo_alt"),
        citations=citations,
        page_budget=int(budget) if budget is not None else None,
        draft_line=draft_line or "DRAFT",
        fact_max_age_days=int(age) if age is not None else 365,
    )
    _check_pieces(template)
    # The files last: checking them may load a picture, Word or font library.
    _check_font(r, template)
    return replace(
        template,
        logo=r.file(folder, named, "logo", files.check_logo),
        reference_docx=r.file(folder, named, "reference_docx", files.check_reference),
    )


def _read_manifest(folder: Path) -> dict[str, Any]:
    name = folder.name
    if not (folder / MANIFEST).exists():
        raise TemplateError(name, MANIFEST, "", 0, "the folder has no manifest.toml")
    try:
        raw = files.read(files.inside(folder, MANIFEST), MANIFEST, MAX_MANIFEST_BYTES)
    except FileProblem as exc:
        raise TemplateError(name, MANIFEST, "", 0, str(exc)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise TemplateError(name, MANIFEST, "", 0, "the manifest is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(name, MANIFEST, "", 0, f"the manifest cannot be read: {exc}") from None
    except RecursionError:
        raise TemplateError(
            name, MANIFEST, "", 0, "the manifest cannot be read: its lists are nested too deeply"
        ) from None
    return data


def _font_dir(r: _Reader, folder: Path) -> str:
    """The template's own fonts folder ("" if none), never a link out of it."""
    if not (folder / "fonts").is_dir():
        return ""
    try:
        return str(files.inside(folder, "fonts"))
    except FileProblem as exc:
        raise r.fail("fonts.pdf", str(exc)) from None


def _check_font(r: _Reader, template: Template) -> None:
    """The PDF font's four files are there, inside the folder, and undamaged."""
    s = template.style
    stem = file_stem(s.pdf_font)
    own = Path(s.font_dir) if s.font_dir else None
    try:
        for face in FACES.values():
            name = f"fonts/{stem}-{face}.ttf"
            if own is not None and (own / f"{stem}-{face}.ttf").is_symlink():
                files.inside(template.folder, name)  # refuses a link out of the folder
        found = font_files(s.pdf_font, s.font_dir)
        if found is None:
            raise FileProblem(
                f"the font '{s.pdf_font}' is not in the template's fonts folder: add its four "
                "files (-Regular.ttf, -Bold.ttf, -Italic.ttf, -BoldItalic.ttf)"
            )
        if own is not None and found["regular"].parent == own:
            for path in found.values():
                name = f"fonts/{path.name}"
                files.check_font(files.read(path, name, MAX_FONT_BYTES), name)
    except FileProblem as exc:
        raise r.fail("fonts.pdf", str(exc)) from None


def _check_pieces(template: Template) -> None:
    """Render every piece once, so a template that fails does so now. One
    budget for them all: loading a template is as bounded as printing."""
    context = sample_context()
    budget = Budget(context)
    for piece in (
        template.header_left,
        template.header_right,
        template.footer_left,
        template.footer_right,
    ):
        if piece is not None:
            template.render_line(piece, context, budget, strict=True)
    for piece in (
        *template.headings.values(),
        *template.prompts.values(),
        *template.standard_text.values(),
        *(p for _label, p in template.title_rows),
    ):
        template.render(piece, context, budget, strict=True)
