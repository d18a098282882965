"""The .brief file: UTF-8 JSON with a format name and a schema version.

``brief_to_dict`` / ``brief_from_dict`` convert between the model and plain
JSON data; every problem found while reading raises BriefFileError naming
where it is ("sections[3].rows[2]: expected 2 cells, found 3"). Older
schema versions are migrated step by step; newer ones are refused.
See docs/file-format.md.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import hashlib
import json
import re
from collections.abc import Callable
from typing import Any

from briefing_app.errors import BriefFileError, PictureError
from briefing_app.model.brief import (
    DEFAULT_TEMPLATE,
    Brief,
    Metadata,
    PageSize,
    Section,
    SectionContent,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
    new_brief_id,
)
from briefing_app.model.facts import Fact, fact_key, name_problem
from briefing_app.model.pictures import (
    ChartKind,
    ChartSpec,
    Figure,
    FigureWidth,
    MediaType,
    Picture,
    digest_of,
)
from briefing_app.model.review import ReviewNote
from briefing_app.model.text import (
    Block,
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    clean_text,
    normalise_runs,
)

FORMAT_NAME = "briefing-builder/brief"
SCHEMA_VERSION = 7
#: Pictures a brief may carry (each stored once, however often it is shown).
MAX_PICTURES = 200

_RUN_MARKS = ("bold", "italic", "needs_source")  # true/false marks; link and fact are text
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _shown(value: object, limit: int = 60) -> str:
    """A value quoted for a message: shortened, and safe to print."""
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"'{text}'"


# ---------------------------------------------------------------- writing


def runs_to_json(runs: list[Run]) -> str | list[dict[str, Any]]:
    runs = normalise_runs(runs)
    if not runs:
        return ""
    if len(runs) == 1 and runs[0].is_plain:
        return runs[0].text
    out: list[dict[str, Any]] = []
    for run in runs:
        item: dict[str, Any] = {"text": run.text}
        for mark in _RUN_MARKS:
            if getattr(run, mark):
                item[mark] = True
        if run.link:
            item["link"] = run.link
        if run.fact:
            item["fact"] = run.fact
        if run.cite:
            item["cite"] = list(run.cite)
        out.append(item)
    return out


def _block_to_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "runs": runs_to_json(block.runs)}
    if isinstance(block, ListBlock):
        return {
            "type": "list",
            "style": block.style.value,
            "items": [runs_to_json(item) for item in block.items],
        }
    if isinstance(block, Figure):
        return _figure_to_json(block)
    return {
        "type": "callout",
        "title": block.title,
        "blocks": [_block_to_json(b) for b in block.blocks],
    }


def section_to_json(section: Section) -> dict[str, Any]:
    """One section as the file holds it (also what Word exports fingerprint)."""
    return _section_to_json(section)


def _figure_to_json(figure: Figure) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "figure"}
    if figure.chart is not None:
        chart = figure.chart
        out["chart"] = {
            "table": chart.table,
            "kind": chart.kind.value,
            "labels": chart.labels,
            "values": list(chart.values),
        }
    else:
        out["picture"] = figure.picture
    out["caption"] = figure.caption
    out["source"] = runs_to_json(figure.source)
    out["alt_text"] = figure.alt_text
    if figure.decorative:
        out["decorative"] = True
    out["width"] = figure.width.value
    return out


def _picture_to_json(picture: Picture) -> dict[str, Any]:
    return {
        "type": picture.media_type.value,
        "width": picture.width,
        "height": picture.height,
        "data": picture.base64().decode("ascii"),
    }


def _section_to_json(section: Section) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": section.id,
        "kind": section.kind.value,
        "title": section.title,
        "included": section.included,
    }
    content = section.content
    if isinstance(content, TextContent):
        out["blocks"] = [_block_to_json(b) for b in content.blocks]
    elif isinstance(content, TableContent):
        out["caption"] = content.caption
        out["columns"] = list(content.columns)
        out["rows"] = [[runs_to_json(cell) for cell in row] for row in content.rows]
        out["source"] = runs_to_json(content.source)
    else:
        out["items"] = [
            {"id": item.id, "text": item.text, **({"url": item.url} if item.url else {})}
            for item in content.items
        ]
        if content.show_uncited:
            out["show_uncited"] = True
    return out


def brief_to_dict(brief: Brief, *, pictures: bool = True) -> dict[str, Any]:
    """The brief as JSON data; without its ``pictures`` when the caller
    writes them itself (storage.dumps, which does not copy megabytes)."""
    meta = brief.metadata
    out = {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "metadata": {
            "title": meta.title,
            "subtitle": meta.subtitle,
            "author": meta.author,
            "organisation": meta.organisation,
            "date": meta.date,
            "reference": meta.reference,
            "version": meta.version,
            "marking": meta.marking,
            "recipients": list(meta.recipients),
            "language": meta.language,
            "ignored_words": list(meta.ignored_words),
        },
        "page_size": brief.page_size.value,
        "template": brief.template,
        "id": brief.id,
        "facts": [_fact_to_json(f) for f in brief.facts],
        "sections": [_section_to_json(s) for s in brief.sections],
        "review_notes": [_note_to_json(n) for n in brief.review_notes],
    }
    used = brief.used_pictures() if pictures else {}
    if used:  # at the end: the text above stays easy to read
        out["pictures"] = {d: _picture_to_json(p) for d, p in used.items()}
    return out


def _note_to_json(note: ReviewNote) -> dict[str, Any]:
    out: dict[str, Any] = {"id": note.id, "section": note.section_id, "text": note.text}
    for key in ("quote", "author", "date"):
        if getattr(note, key):
            out[key] = getattr(note, key)
    if note.resolved:
        out["resolved"] = True
    return out


def _fact_to_json(fact: Fact) -> dict[str, Any]:
    out: dict[str, Any] = {"name": fact.name, "value": fact.value}
    if fact.as_of:
        out["as_of"] = fact.as_of
    if fact.source:
        out["source"] = fact.source
    return out


# ---------------------------------------------------------------- reading


def _type_name(value: Any) -> str:
    return {
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
        list: "a list",
        dict: "an object",
        type(None): "null",
    }.get(type(value), type(value).__name__)


class _Node:
    """A JSON object being read, with its location for error messages."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise BriefFileError(f"expected an object, found {_type_name(data)}", where=where)
        self.data: dict[str, Any] = data
        self.where = where
        self._used: set[str] = set()

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def raw(self, key: str, default: Any = ..., *, required: bool = False) -> Any:
        self._used.add(key)
        if key not in self.data:
            if required or default is ...:
                raise BriefFileError(f"the field '{key}' is missing", where=self.where or "file")
            return default
        return self.data[key]

    def text(self, key: str, default: str | None = None) -> str:
        value = self.raw(key, default, required=default is None)
        if not isinstance(value, str):
            raise BriefFileError(f"expected text, found {_type_name(value)}", where=self.at(key))
        return value

    def flag(self, key: str, default: bool) -> bool:
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise BriefFileError(
                f"expected true or false, found {_type_name(value)}", where=self.at(key)
            )
        return value

    def items(self, key: str, default: list[Any] | None = None) -> list[Any]:
        value = self.raw(key, default, required=default is None)
        if not isinstance(value, list):
            raise BriefFileError(f"expected a list, found {_type_name(value)}", where=self.at(key))
        return value

    def choice(self, key: str, enum: type, default: Any = None) -> Any:
        value = self.raw(key, default, required=default is None)
        try:
            return enum(value)
        except ValueError:
            allowed = ", ".join(f"'{m.value}'" for m in enum)
            raise BriefFileError(
                f"{_shown(value)} is not one of {allowed}", where=self.at(key)
            ) from None

    def done(self) -> None:
        unknown = sorted(set(self.data) - self._used)
        if unknown:
            names = ", ".join(f"'{k}'" for k in unknown)
            raise BriefFileError(f"unknown field {names}", where=self.where or "file")


def _runs(value: Any, where: str) -> list[Run]:
    if isinstance(value, str):
        return [Run(value)] if value else []
    if not isinstance(value, list):
        raise BriefFileError(
            f"expected text or a list of runs, found {_type_name(value)}", where=where
        )
    runs: list[Run] = []
    for i, item in enumerate(value):
        node = _Node(item, f"{where}[{i}]")
        runs.append(
            Run(
                node.text("text"),
                bold=node.flag("bold", False),
                italic=node.flag("italic", False),
                link=node.text("link", ""),
                needs_source=node.flag("needs_source", False),
                fact=node.text("fact", ""),
                cite=_cite(node),
            )
        )
        node.done()
    return normalise_runs(runs)


def _block(value: Any, where: str, *, in_callout: bool = False) -> Block:
    node = _Node(value, where)
    kind = node.text("type")
    block: Block
    if kind == "paragraph":
        block = Paragraph(_runs(node.raw("runs", required=True), node.at("runs")))
    elif kind == "list":
        style = node.choice("style", ListStyle, "bullet")
        items = node.items("items")
        block = ListBlock(
            style, [_runs(item, f"{node.at('items')}[{i}]") for i, item in enumerate(items)]
        )
    elif kind == "figure":
        if in_callout:
            raise BriefFileError("a callout box cannot hold a figure", where=where)
        block = _figure(node)
    elif kind == "callout":
        if in_callout:
            raise BriefFileError("a callout box cannot hold another callout box", where=where)
        inner = node.items("blocks")
        blocks = [
            _block(b, f"{node.at('blocks')}[{i}]", in_callout=True) for i, b in enumerate(inner)
        ]
        block = Callout(node.text("title", ""), blocks)  # type: ignore[arg-type]
    else:
        raise BriefFileError(
            f"unknown block type {_shown(kind)} (expected 'paragraph', 'list', 'callout' "
            "or 'figure')",
            where=node.at("type"),
        )
    node.done()
    return block


def _whole(node: _Node, key: str, default: int | None = None) -> int:
    value = node.raw(key, default, required=default is None)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 10_000:
        raise BriefFileError(
            f"expected a whole number from 0, found {_shown(value)}", where=node.at(key)
        )
    return value


def _figure(node: _Node) -> Figure:
    chart = None
    picture = ""
    if "chart" in node.data:
        spec = _Node(node.raw("chart"), node.at("chart"))
        values_node = spec.items("values", [])
        values = []
        for i, _ in enumerate(values_node):
            values.append(_whole(_Node({"v": values_node[i]}, f"{spec.at('values')}[{i}]"), "v"))
        chart = ChartSpec(
            table=spec.text("table"),
            kind=spec.choice("kind", ChartKind, ChartKind.BAR.value),
            labels=_whole(spec, "labels", 0),
            values=tuple(values),
        )
        spec.done()
        if "picture" in node.data:
            raise BriefFileError("a figure shows a picture or a chart, not both", where=node.where)
    else:
        picture = node.text("picture")
        if not picture:
            raise BriefFileError("a figure must name its picture", where=node.at("picture"))
    return Figure(
        picture=picture,
        chart=chart,
        caption=node.text("caption", ""),
        source=_runs(node.raw("source", ""), node.at("source")),
        alt_text=node.text("alt_text", ""),
        decorative=node.flag("decorative", False),
        width=node.choice("width", FigureWidth, FigureWidth.FULL.value),
    )


def _pictures(node: _Node) -> dict[str, Picture]:
    """The pictures, each decoded and checked as a picture entering a brief
    is (so a hand-made file cannot bring in what the app would refuse)."""
    if not node.data:
        return {}  # Pillow and the SVG reader are loaded only for pictures
    from briefing_app.pictures.intake import accept_picture

    if len(node.data) > MAX_PICTURES:
        raise BriefFileError(
            f"the brief holds {len(node.data):,} pictures; a brief can hold at most {MAX_PICTURES}",
            where=node.where,
        )
    out: dict[str, Picture] = {}
    for digest in node.data:
        item = _Node(node.raw(digest), node.at(digest))
        media = item.choice("type", MediaType)
        width, height = _whole(item, "width"), _whole(item, "height")
        try:
            data = base64.b64decode(item.text("data"), validate=True)
        except (binascii.Error, ValueError):
            raise BriefFileError("the picture's data is damaged", where=item.at("data")) from None
        item.done()
        if digest_of(data) != digest:
            raise BriefFileError(
                "the picture's data does not match its fingerprint (the file was damaged or "
                "edited by hand)",
                where=item.where,
            )
        try:
            picture = accept_picture(data, f"{media.label} picture", digest=digest)
        except PictureError as exc:
            raise BriefFileError(exc.problem, where=item.where) from None
        if picture.digest != digest:
            raise BriefFileError(
                "the picture is not kept as the app keeps pictures (the file was edited by hand)",
                where=item.where,
            )
        if picture.media_type is not media:
            raise BriefFileError(
                f"the picture is a {picture.media_type.label} picture, not {media.label}",
                where=item.at("type"),
            )
        del width, height  # what the picture itself says is what counts
        out[digest] = picture
    return out


def _check_figures(sections: list[Section], pictures: dict[str, Picture]) -> None:
    for i, section in enumerate(sections):
        if not isinstance(section.content, TextContent):
            continue
        for j, block in enumerate(section.content.blocks):
            if isinstance(block, Figure) and block.picture and block.picture not in pictures:
                raise BriefFileError(
                    "the figure's picture is missing from the file (it was damaged or "
                    "edited by hand)",
                    where=f"sections[{i}].blocks[{j}].picture",
                )


def _table(node: _Node) -> TableContent:
    columns_raw = node.items("columns")
    columns: list[str] = []
    for i, col in enumerate(columns_raw):
        if not isinstance(col, str):
            raise BriefFileError(
                f"expected text, found {_type_name(col)}", where=f"{node.at('columns')}[{i}]"
            )
        columns.append(col)
    if not columns:
        raise BriefFileError("a table needs at least one column", where=node.at("columns"))
    rows: list[list[list[Run]]] = []
    for r, row in enumerate(node.items("rows")):
        where = f"{node.at('rows')}[{r}]"
        if not isinstance(row, list):
            raise BriefFileError(f"expected a list of cells, found {_type_name(row)}", where=where)
        if len(row) != len(columns):
            raise BriefFileError(
                f"expected {len(columns)} cells (one per column), found {len(row)}", where=where
            )
        rows.append([_runs(cell, f"{where}[{c}]") for c, cell in enumerate(row)])
    return TableContent(
        caption=node.text("caption", ""),
        columns=columns,
        rows=rows,
        source=_runs(node.raw("source", ""), node.at("source")),
    )


def _cite(node: _Node) -> tuple[str, ...]:
    ids = node.items("cite", [])
    for i, value in enumerate(ids):
        if not isinstance(value, str) or not value.strip():
            raise BriefFileError(
                "expected the id of a source (text)", where=f"{node.at('cite')}[{i}]"
            )
    if "cite" in node.data and not ids:
        raise BriefFileError("a citation must name at least one source", where=node.at("cite"))
    return tuple(ids)


def _sources(node: _Node) -> SourcesContent:
    items = []
    for i, item in enumerate(node.items("items")):
        entry = _Node(item, f"{node.at('items')}[{i}]")
        items.append(SourceEntry(entry.text("text"), entry.text("url", ""), entry.text("id", "")))
        entry.done()
    return SourcesContent(items, show_uncited=node.flag("show_uncited", False))


def _section(value: Any, where: str, seen_ids: set[str]) -> Section:
    node = _Node(value, where)
    kind: SectionKind = node.choice("kind", SectionKind)
    content: SectionContent
    if kind.content_type is TableContent:
        content = _table(node)
    elif kind.content_type is SourcesContent:
        content = _sources(node)
    else:
        blocks = node.items("blocks")
        content = TextContent(
            [_block(b, f"{node.at('blocks')}[{i}]") for i, b in enumerate(blocks)]
        )
    section = Section(
        kind=kind,
        title=node.text("title"),
        content=content,
        included=node.flag("included", True),
    )
    # Cleaned like every other string, so a loaded brief can always be saved
    # (a lone surrogate could not be encoded as UTF-8).
    section_id = clean_text(node.text("id", ""), multiline=False)
    if section_id:
        if section_id in seen_ids:
            raise BriefFileError(
                f"the section id {_shown(section_id)} is used twice", where=node.at("id")
            )
        section.id = section_id
    seen_ids.add(section.id)
    node.done()
    return section


def _texts(node: _Node, key: str) -> list[str]:
    values = node.items(key, [])
    for i, value in enumerate(values):
        if not isinstance(value, str):
            raise BriefFileError(
                f"expected text, found {_type_name(value)}", where=f"{node.at(key)}[{i}]"
            )
    return list(values)


def _metadata(node: _Node) -> Metadata:
    recipients = _texts(node, "recipients")
    date = node.text("date", "")
    if date:
        try:
            if not _ISO_DATE.fullmatch(date):
                raise ValueError(date)
            _dt.date.fromisoformat(date)
        except ValueError:
            raise BriefFileError(
                f"{_shown(date)} is not a date in the form YYYY-MM-DD", where=node.at("date")
            ) from None
    meta = Metadata(
        title=node.text("title", ""),
        subtitle=node.text("subtitle", ""),
        author=node.text("author", ""),
        organisation=node.text("organisation", ""),
        date=date,
        reference=node.text("reference", ""),
        version=node.text("version", ""),
        marking=node.text("marking", ""),
        recipients=recipients,
        language=node.text("language", "en-GB"),
        ignored_words=_texts(node, "ignored_words"),
    )
    node.done()
    return meta


# ---------------------------------------------------------------- versions


def _migrate_section_1_to_2(section: Any) -> Any:
    if not isinstance(section, dict):
        return section
    section = dict(section)
    if "enabled" in section:
        section["included"] = section.pop("enabled")
    if "paragraphs" in section:
        paragraphs = section.pop("paragraphs")
        if isinstance(paragraphs, list):
            section["blocks"] = [{"type": "paragraph", "runs": p} for p in paragraphs]
        else:
            section["blocks"] = paragraphs
    return section


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 (early drafts): text sections held ``paragraphs`` (a list of
    plain strings), every section had ``enabled`` instead of ``included``, and
    recipients were one string separated by semicolons."""
    data = dict(data)
    meta = data.get("metadata") or {}
    # Anything that is not an object is left for brief_from_dict to refuse.
    if isinstance(meta, dict):
        meta = dict(meta)
        if isinstance(meta.get("recipients"), str):
            meta["recipients"] = [r.strip() for r in meta["recipients"].split(";") if r.strip()]
    data["metadata"] = meta
    sections = data.get("sections") or []
    if isinstance(sections, list):
        sections = [_migrate_section_1_to_2(s) for s in sections]
    data["sections"] = sections
    data["schema_version"] = 2
    return data


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 added templates, the facts table and fact references in
    runs; a version-2 brief uses the default template and has no facts."""
    return {**data, "schema_version": 3}


def _migrate_3_to_4(data: dict[str, Any]) -> dict[str, Any]:
    """Version 4 added citations: every Sources entry gets an id that
    citations refer to (numbered in order: src-1, src-2...)."""
    sections = data.get("sections")
    if not isinstance(sections, list):
        return {**data, "schema_version": 4}
    number = 0
    migrated = []
    for section in sections:
        items = section.get("items") if isinstance(section, dict) else None
        if isinstance(items, list):
            new_items = []
            for item in items:
                if isinstance(item, dict) and "id" not in item:
                    number += 1
                    item = {"id": f"src-{number}", **item}
                new_items.append(item)
            section = {**section, "items": new_items}
        migrated.append(section)
    return {**data, "sections": migrated, "schema_version": 4}


def _migrate_4_to_5(data: dict[str, Any]) -> dict[str, Any]:
    """Version 5 added the brief's own spelling word list
    (``metadata.ignored_words``); a version-4 brief ignores no words."""
    return {**data, "schema_version": 5}


def _migrate_5_to_6(data: dict[str, Any]) -> dict[str, Any]:
    """Version 6 added the brief's identity (``id``, written into its Word
    exports) and ``review_notes`` (comments brought back from Word). A
    version-5 brief gets an identity derived from what it holds, so that
    the same file opened twice has the same one until it is saved."""
    seed = json.dumps(
        [data.get("metadata"), data.get("sections")], sort_keys=True, default=str
    ).encode("utf-8", "replace")
    derived = "b-" + hashlib.sha256(seed).hexdigest()[:16]
    return {**data, "id": data.get("id", derived), "schema_version": 6}


# Figures: a self-contained step (renumber FIGURES_FROM alone if another step
# lands first).
FIGURES_FROM = 6


def _migrate_figures(data: dict[str, Any]) -> dict[str, Any]:
    """Figures arrived: ``figure`` blocks in text sections and the brief's
    ``pictures`` (base64, keyed by SHA-256). An older brief has none."""
    return {**data, "pictures": data.get("pictures", {}), "schema_version": FIGURES_FROM + 1}


_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
    3: _migrate_3_to_4,
    4: _migrate_4_to_5,
    5: _migrate_5_to_6,
    FIGURES_FROM: _migrate_figures,
}


def brief_from_dict(data: Any) -> Brief:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise BriefFileError("this is not a Briefing Builder brief (its format name is missing)")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BriefFileError("the file's schema version is missing or not a whole number")
    if version > SCHEMA_VERSION:
        raise BriefFileError(
            f"this brief was saved by a newer version of Briefing Builder (file format "
            f"{version}; this version reads up to {SCHEMA_VERSION}). Update the app to open it."
        )
    while version < SCHEMA_VERSION:
        data = _MIGRATIONS[version](data)
        version = data["schema_version"]

    root = _Node(data, "")
    root.text("format")
    root.raw("schema_version")
    meta = _metadata(_Node(root.raw("metadata", required=True), "metadata"))
    page_size = root.choice("page_size", PageSize, PageSize.A4.value)
    template = root.text("template", DEFAULT_TEMPLATE).strip() or DEFAULT_TEMPLATE
    facts = _facts(root.items("facts", []))
    seen: set[str] = set()
    sections = [_section(s, f"sections[{i}]", seen) for i, s in enumerate(root.items("sections"))]
    brief_id = clean_text(root.text("id", ""), multiline=False).strip() or new_brief_id()
    notes = [_note(n, f"review_notes[{i}]") for i, n in enumerate(root.items("review_notes", []))]
    pictures = _pictures(_Node(root.raw("pictures", {}), "pictures"))
    root.done()
    _check_citations(root.data["sections"], sections)
    _check_figures(sections, pictures)
    return Brief(
        metadata=meta,
        sections=sections,
        page_size=page_size,
        template=template,
        facts=facts,
        id=brief_id,
        review_notes=notes,
        pictures=pictures,
    )


def _note(value: Any, where: str) -> ReviewNote:
    node = _Node(value, where)
    note = ReviewNote(
        section_id=node.text("section", ""),
        text=node.text("text"),
        quote=node.text("quote", ""),
        author=node.text("author", ""),
        date=node.text("date", ""),
        resolved=node.flag("resolved", False),
        id=node.text("id", ""),
    )
    node.done()
    return note


def _check_citations(raw: list[Any], sections: list[Section]) -> None:
    """Every source id is unique and every citation names one that exists."""
    known: set[str] = set()
    for i, section in enumerate(sections):
        if isinstance(section.content, SourcesContent):
            for j, entry in enumerate(section.content.items):
                if entry.id in known:
                    raise BriefFileError(
                        f"the source id {_shown(entry.id)} is used twice",
                        where=f"sections[{i}].items[{j}].id",
                    )
                known.add(entry.id)
    # The citations, found in the data (the places are those of the file).
    stack: list[tuple[Any, str]] = [(raw, "sections")]
    while stack:
        value, where = stack.pop()
        if isinstance(value, dict):
            for source_id in value.get("cite", ()) if isinstance(value.get("cite"), list) else ():
                if source_id not in known:
                    raise BriefFileError(
                        f"a citation refers to the source {_shown(source_id)}, which is not in "
                        "the brief's Sources (the file was damaged or edited by hand)",
                        where=f"{where}.cite",
                    )
            stack.extend((v, f"{where}.{k}") for k, v in value.items() if k != "cite")
        elif isinstance(value, list):
            stack.extend((v, f"{where}[{n}]") for n, v in enumerate(value))


def _facts(items: list[Any]) -> list[Fact]:
    facts: list[Fact] = []
    taken: set[str] = set()
    for i, item in enumerate(items):
        node = _Node(item, f"facts[{i}]")
        fact = Fact(
            name=node.text("name"),
            value=node.text("value"),
            as_of=node.text("as_of", ""),
            source=node.text("source", ""),
        )
        node.done()
        problem = name_problem(fact.name, taken)
        if problem:
            raise BriefFileError(problem, where=node.at("name"))
        taken.add(fact_key(fact.name))
        facts.append(fact)
    return facts


def figure_to_json(figure: Figure) -> dict[str, Any]:
    """One figure as the file stores it (its picture by digest)."""
    return _figure_to_json(figure)


def figure_from_json(data: Any, where: str = "figure") -> Figure:
    """A figure read back from :func:`figure_to_json`'s data, checked as a file's is."""
    node = _Node(data, where)
    if node.text("type") != "figure":
        raise BriefFileError("expected a figure", where=node.at("type"))
    figure = _figure(node)
    node.done()
    return figure
