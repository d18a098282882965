"""Update from Word: compare a colleague's edited copy with the brief.

:func:`plan_update` reads the edited file (reader.py), finds each of its
sections in the brief (by the export's hidden marks, or by headings and text
for a file without them), compares piece by piece and returns an
:class:`UpdatePlan`: the list of changes, each to accept or reject, and the
comments as review notes. :func:`apply_update` (apply.py) makes the updated
brief from the accepted ones. Nothing here changes the brief it is given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from briefing_app.compose.origins import brief_version, section_hash, section_key, section_keys
from briefing_app.document.origins import row_hash, text_hash, unit_text
from briefing_app.errors import UpdateError
from briefing_app.importers.source_file import MAX_WORD_BYTES, read_source
from briefing_app.model.brief import (
    Brief,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.review import ReviewNote
from briefing_app.model.text import ListStyle, Run, normalise_runs, plain
from briefing_app.model.walk import content_texts
from briefing_app.roundtrip.diffing import bounded_opcodes
from briefing_app.roundtrip.merge import FactEdit, merge
from briefing_app.roundtrip.pieces import (
    Piece,
    PieceKind,
    printed_pieces,
    rebuild,
    section_pieces,
)
from briefing_app.roundtrip.reader import (
    EditedDocument,
    EditedUnit,
    Revision,
    UnitKind,
    read_edited,
)
from briefing_app.templating import get_template
from briefing_app.templating.manifest import CitationStyle

MAX_ID = 100  # characters of the brief's identity a Word file carries


class ChangeKind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    DELETED = "deleted"
    MOVED = "moved"
    RENAMED = "renamed"
    NEW_SECTION = "new section"
    EXCLUDED = "section excluded"


class TrackedChanges(StrEnum):
    """What to do with the tracked changes in the edited file."""

    ACCEPT = "accept"  # compare with the text as it now reads
    REJECT = "reject"  # compare with the text as it read before them


@dataclass(slots=True)
class Change:
    id: int
    kind: ChangeKind
    section_id: str
    section_title: str
    where: str  # "paragraph 3", "list item 2", "table row 4", "" for a whole section
    old_text: str
    new_text: str
    revisions: tuple[Revision, ...] = ()
    fact_edits: tuple[FactEdit, ...] = ()
    new_sources: tuple[SourceEntry, ...] = ()
    lost_facts: tuple[str, ...] = ()
    # The author's decisions.
    accepted: bool = True
    change_facts: bool = True  # a changed fact value: change the fact, else plain text here

    @property
    def tracked(self) -> bool:
        return bool(self.revisions)

    def describe(self) -> str:
        place = f"{self.section_title}" + (f", {self.where}" if self.where else "")
        who = ""
        if self.revisions:
            names = sorted({r.author for r in self.revisions if r.author})
            who = " (tracked" + (f", by {', '.join(names)}" if names else "") + ")"
        return f"{place}: {self.kind.value}{who}"


@dataclass(slots=True)
class _Slot:
    """One place in an updated section: what stands there, depending on
    whether the change (if any) is accepted."""

    old: Piece | None  # what stands there when the change is rejected
    new: Piece | None  # ... and when it is accepted
    change: int = -1
    # With a change: the new runs when its facts become plain text instead.
    plain_new: Piece | None = None


@dataclass(slots=True)
class _SectionPlan:
    section_id: str
    slots: list[_Slot]
    title_change: int = -1
    new_title: str = ""


@dataclass(slots=True)
class _NewSection:
    change: int
    after: str  # the id of the section it follows ("" at the start)
    section: Section


@dataclass(slots=True)
class UpdatePlan:
    brief: Brief
    changes: list[Change]
    notes: list[ReviewNote]
    warnings: list[str]
    marked: bool  # matched by the export's marks (else by headings and text)
    same_brief: bool  # the file was exported from this brief
    sections: list[_SectionPlan] = field(default_factory=list)
    new_sections: list[_NewSection] = field(default_factory=list)
    excluded: dict[int, str] = field(default_factory=dict)  # change id -> section id

    def summary(self) -> list[str]:
        """The plan in plain lines, for the command line and the app."""
        counts: dict[ChangeKind, int] = {}
        for change in self.changes:
            counts[change.kind] = counts.get(change.kind, 0) + 1
        tracked = sum(1 for c in self.changes if c.tracked)
        lines = []
        if not self.changes:
            lines.append("No changes: the Word file says what the brief says.")
        else:
            parts = ", ".join(f"{n} {kind.value}" for kind, n in counts.items())
            lines.append(
                f"{len(self.changes)} change{'s' if len(self.changes) != 1 else ''} ({parts})"
                + (f", {tracked} of them tracked in Word" if tracked else "")
                + "."
            )
        if self.notes:
            n = len(self.notes)
            lines.append(f"{n} comment{'s' if n != 1 else ''} will become review notes.")
        return lines


def plan_update(
    brief: Brief,
    data: bytes,
    *,
    name: str = "",
    tracked: TrackedChanges = TrackedChanges.ACCEPT,
) -> UpdatePlan:
    """Compare the edited Word file ``data`` with ``brief``.

    Raises BriefImportError for a file that cannot be read and UpdateError
    when nothing in it matches the brief."""
    edited = read_edited(data, name=name)
    return _Planner(brief, edited, tracked).plan()


def plan_update_file(
    brief: Brief, path: str | os.PathLike[str], *, tracked: TrackedChanges = TrackedChanges.ACCEPT
) -> UpdatePlan:
    """:func:`plan_update` for the Word file at ``path`` (read under the
    import's size limit for Word files; a pipe or a device is refused)."""
    path = Path(path)
    if path.suffix.lower() != ".docx":
        raise UpdateError(
            f"'{path.name}' is not a Word file (.docx): only a Word file exported from a brief "
            "and edited can update it."
        )
    data = read_source(path, MAX_WORD_BYTES)
    return plan_update(brief, data, name=path.name, tracked=tracked)


def _unit_runs(unit: EditedUnit, tracked: TrackedChanges) -> list[Run]:
    return unit.rejected if tracked is TrackedChanges.REJECT else unit.runs


def _unit_cells(unit: EditedUnit, tracked: TrackedChanges) -> list[list[Run]]:
    return unit.rejected_cells if tracked is TrackedChanges.REJECT else unit.cells


def _text(runs: list[Run]) -> str:
    return unit_text(plain(runs))


def _printed(runs: list[Run]) -> str:
    """The words as the export printed them (footnote references left out)."""
    return unit_text("".join(r.text for r in runs if not r.cite))


def _cells_text(cells: list[list[Run]]) -> str:
    return " | ".join(_text(c) for c in cells)


@dataclass(slots=True)
class _Group:
    """The pieces of the edited file under one heading (or section start)."""

    start: EditedUnit | None
    units: list[EditedUnit]


class _Planner:
    def __init__(self, brief: Brief, edited: EditedDocument, tracked: TrackedChanges) -> None:
        self.brief = brief
        self.edited = edited
        self.tracked = tracked
        self.changes: list[Change] = []
        self.notes: list[ReviewNote] = []
        self.warnings: list[str] = []
        self.facts = brief.fact_values()
        self.keys = section_keys(brief)
        self.printed, self.headings = printed_pieces(brief)
        try:
            style = get_template(brief.template).citations
        except Exception:
            style = None
        self.numbered = style is CitationStyle.NUMBERED
        self.sources = brief.sources()
        self.proposed: dict[str, SourceEntry] = {}  # footnote id -> proposed entry
        self.sections: list[_SectionPlan] = []
        self.new_sections: list[_NewSection] = []
        self.excluded: dict[int, str] = {}
        self.gone: list[_Group] = []  # sections deleted from the brief since the export

    # -- the whole file
    def plan(self) -> UpdatePlan:
        edited = self.edited
        same = not edited.brief_id or edited.brief_id == self.brief.id[:MAX_ID]
        marked = edited.marked and same
        if edited.brief_id and not same:
            self.warnings.append(
                "This Word file was exported from another brief (its identity differs): "
                "it was matched by headings and text."
            )
        elif not edited.marked:
            self.warnings.append(
                "This Word file carries none of the marks Briefing Builder puts in its exports "
                "(it was not exported by this app, or the marks were removed): it was matched "
                "by headings and text. Check each change."
            )
        if marked and edited.brief_version and edited.brief_version != _version(self.brief):
            self.warnings.append(
                "The brief has changed since this Word file was exported: where a section "
                "changed in both, only the colleague's edits are offered, and nothing there "
                "is offered as deleted."
            )
        groups = self.groups(marked)
        matched: list[tuple[_Group, Section | None]] = [(g, self.match(g, marked)) for g in groups]
        if not any(section is not None for _g, section in matched):
            raise UpdateError(
                "Nothing in this Word file matches the brief: none of its headings is a heading "
                "of the brief. Nothing was changed. To bring its text in as a new brief, use "
                "File > Import instead."
            )
        seen: set[str] = set()
        previous = ""
        for group, section in matched:
            if any(group is g for g in self.gone):
                heading = _text(group.start.runs) if group.start is not None else ""
                self.warnings.append(
                    f"'{heading}' is no longer in the brief (it was deleted after the export): "
                    "its text in the Word file is not brought back."
                )
                continue
            if section is None or section.id in seen:
                self.new_section(group, previous)
                continue
            seen.add(section.id)
            previous = section.id
            self.compare_section(group, section, marked)
        if marked and edited.brief_version == _version(self.brief):
            self.excluded_sections(seen)
        self.front_matter_comments(groups)
        return UpdatePlan(
            self.brief,
            self.changes,
            self.notes,
            self.warnings,
            marked,
            same,
            self.sections,
            self.new_sections,
            self.excluded,
        )

    def groups(self, marked: bool) -> list[_Group]:
        """The file's pieces under each section start; what comes before the
        first one (the title block) is left out."""
        groups: list[_Group] = []
        front = _Group(None, [])
        current = front
        for unit in self.edited.units:
            starts = unit.start is not None or (unit.kind is UnitKind.HEADING and unit.level >= 1)
            if starts:
                current = _Group(unit, [])
                groups.append(current)
                if unit.start is not None and unit.kind is not UnitKind.HEADING:
                    current.units.append(unit)  # a callout section's title: a piece too
            else:
                current.units.append(unit)
        self.front = front
        return groups

    def match(self, group: _Group, marked: bool) -> Section | None:
        start = group.start
        if start is None:
            return None
        if marked and start.start is not None:
            section_id = self.keys.get(start.start.key)
            found = next((s for s in self.brief.sections if s.id == section_id), None)
            if found is not None:
                return found
            self.gone.append(group)
            return None
        if marked and start.start is None:
            return None  # a heading the colleague added
        wanted = _fold(_text(start.runs))
        for section in self.brief.sections:
            heading = self.headings.get(section_key(section.id), section.title)
            if wanted and wanted in (_fold(heading), _fold(section.title)):
                return section
        return None

    # -- one section
    def compare_section(self, group: _Group, section: Section, marked: bool) -> None:
        key = section_key(section.id)
        plan = _SectionPlan(section.id, [])
        self.sections.append(plan)
        start = group.start
        self.comments(group.units + ([start] if start is not None else []), section.id)
        is_callout_section = section.kind is SectionKind.CALLOUT
        heading_unit = start if start is not None and start.kind is UnitKind.HEADING else None
        if heading_unit is None and is_callout_section and start is not None:
            heading_unit = start
        if heading_unit is not None:
            printed = self.headings.get(key, section.title)
            new_title = _text(_unit_runs(heading_unit, self.tracked))
            if new_title and new_title != unit_text(printed):
                plan.title_change = self.add(
                    ChangeKind.RENAMED,
                    section,
                    "heading",
                    printed,
                    new_title,
                    heading_unit,
                )
                plan.new_title = new_title
        if isinstance(section.content, SourcesContent):
            # Printed from the brief's sources: edited in the app, not here.
            # (New footnotes are proposed as new sources where they stand.)
            if any(u.kind is not UnitKind.HEADING for u in group.units) and not marked:
                self.warnings.append(
                    f"'{section.title}' is printed from the brief's sources: edits to it in Word "
                    "are not brought back (edit the entries in the app)."
                )
            plan.slots = [_Slot(None, None)]
            plan.slots.clear()
            return
        current = section_pieces(section)
        table = isinstance(section.content, TableContent)
        units = [
            u
            for u in group.units
            if (u.kind is UnitKind.ROW) == table
            and not (is_callout_section and u is start)
            and not (u.kind is UnitKind.ROW and u.origin is None and table and u.header)
        ]
        if table:
            units = self.table_units(units, key)
        printed = self.printed.get(key, {})
        unchanged_since = (
            marked
            and start is not None
            and start.start is not None
            and start.start.hash == section_hash(section)
        )
        if unchanged_since:
            self.by_marks(plan, section, current, units, key, printed)
        else:
            self.by_text(plan, section, current, units, key, printed, may_delete=not marked)

    def table_units(self, units: list[EditedUnit], key: str) -> list[EditedUnit]:
        """The rows of the section's table (the first table holding its marks,
        else the first table under its heading)."""
        tables = [u.table for u in units if u.origin is not None and u.origin.key == key]
        table = tables[0] if tables else (units[0].table if units else 0)
        rows = [u for u in units if u.table == table]
        if rows and rows[0].origin is None and not tables:
            rows[0].header = True  # an unmarked table: its first row is the header
        return rows

    def edited_piece(self, unit: EditedUnit) -> tuple[Piece, bool]:
        """The piece as the file now has it (runs not yet merged), and
        whether it is there at all in the chosen reading."""
        if unit.kind is UnitKind.ROW:
            cells = _unit_cells(unit, self.tracked)
            kind = PieceKind.HEADER if unit.header else PieceKind.ROW
            if unit.header:  # column headings are plain text (printed bold)
                cells = [[Run(_text(c))] if _text(c) else [] for c in cells]
            return Piece(kind, unit.origin.path if unit.origin else "", cells=cells), bool(cells)
        runs = _unit_runs(unit, self.tracked)
        if unit.box_title:
            kind = PieceKind.BOX_TITLE
        elif unit.kind is UnitKind.ITEM:
            kind = PieceKind.ITEM
        else:
            kind = PieceKind.PARAGRAPH
        piece = Piece(kind, unit.origin.path if unit.origin else "", runs)
        piece.style = unit.list_style or ListStyle.BULLET
        return piece, bool(runs)

    def by_marks(
        self,
        plan: _SectionPlan,
        section: Section,
        current: list[Piece],
        units: list[EditedUnit],
        key: str,
        printed: dict[str, str],
    ) -> None:
        """A section unchanged since the export: pieces matched by their marks."""
        paths = {p.path for p in current}
        seen: set[str] = set()
        edited: list[tuple[str, EditedUnit]] = []
        for n, unit in enumerate(units):
            origin = unit.origin
            if (
                origin is not None
                and origin.key == key
                and origin.path in paths
                and origin.path not in seen
            ):
                seen.add(origin.path)
                edited.append((origin.path, unit))
                continue
            edited.append((f"+{n}", unit))
        by_path = {p.path: p for p in current}
        old_keys = [p.path for p in current]
        new_keys = [k for k, _u in edited]
        moved = {k for k in new_keys if not k.startswith("+")} & set(old_keys)
        for tag, i1, i2, j1, j2 in bounded_opcodes(old_keys, new_keys):
            if tag == "equal":
                for old_key, (_k, unit) in zip(old_keys[i1:i2], edited[j1:j2], strict=True):
                    self.pair(plan, section, by_path[old_key], unit, printed, moved=False)
                continue
            for old_key in old_keys[i1:i2]:
                if old_key in seen and old_key in moved:
                    plan.slots.append(_Slot(by_path[old_key], None, change=-2))  # move source
                else:
                    self.delete(plan, section, by_path[old_key], printed)
            for new_key, unit in edited[j1:j2]:
                if new_key in moved:
                    self.pair(plan, section, by_path[new_key], unit, printed, moved=True)
                else:
                    self.insert(plan, section, unit)
        # A move: the piece's old place shows it only while the move is rejected.
        for slot in plan.slots:
            if slot.change == -2 and slot.old is not None:
                target = next(
                    (
                        s
                        for s in plan.slots
                        if s.change >= 0
                        and s.old is slot.old
                        and self.changes[s.change].kind is ChangeKind.MOVED
                    ),
                    None,
                )
                slot.change = target.change if target is not None else -1
                slot.new = None
                if target is not None:
                    target.old = None

    def by_text(
        self,
        plan: _SectionPlan,
        section: Section,
        current: list[Piece],
        units: list[EditedUnit],
        key: str,
        printed: dict[str, str],
        *,
        may_delete: bool,
    ) -> None:
        """Pieces matched by their words (a file without marks, or a section
        the author changed since the export)."""
        old_texts = [printed.get(p.path, p.text()) for p in current]
        candidates = []
        for unit in units:
            piece, present = self.edited_piece(unit)
            if not present:
                continue
            text = _cells_text(piece.cells) if piece.cells else _text(piece.runs)
            if piece.cells:
                now = row_hash([_printed(c) for c in piece.cells])
            else:
                now = text_hash(_printed(piece.runs))
            untouched = (
                unit.origin is not None
                and unit.origin.key == key
                and not unit.tracked
                and now == unit.origin.hash
            )
            candidates.append((text, unit, untouched))
        new_texts = [t for t, _u, _x in candidates]
        for tag, i1, i2, j1, j2 in bounded_opcodes(old_texts, new_texts):
            olds, news = current[i1:i2], candidates[j1:j2]
            if tag == "equal":
                plan.slots.extend(_Slot(p, p) for p in olds)
                continue
            pairs = min(len(olds), len(news))
            for k in range(max(len(olds), len(news))):
                piece = olds[k] if k < len(olds) else None
                new = news[k] if k < len(news) else None
                if new is not None and new[2]:
                    new = None  # the colleague did not touch it: the author's text stays
                if piece is not None and new is not None and k < pairs:
                    self.pair(plan, section, piece, new[1], printed, moved=False)
                elif piece is not None:
                    if may_delete and (k >= len(news)):
                        self.delete(plan, section, piece, printed)
                    else:
                        plan.slots.append(_Slot(piece, piece))
                elif new is not None:
                    self.insert(plan, section, new[1])

    # -- changes
    def pair(
        self,
        plan: _SectionPlan,
        section: Section,
        piece: Piece,
        unit: EditedUnit,
        printed: dict[str, str],
        *,
        moved: bool,
    ) -> None:
        new_piece, present = self.edited_piece(unit)
        old_text = printed.get(piece.path, piece.text())
        if not present:
            self.delete(plan, section, piece, printed, unit)
            return
        merged, plain_piece, edits, sources, lost = self.merged(piece, new_piece)
        same = _same(piece, merged)
        if same and not moved:
            plan.slots.append(_Slot(piece, piece))
            return
        kind = ChangeKind.MOVED if moved else ChangeKind.CHANGED
        new_text = merged.text() if not merged.cells else _cells_text(merged.cells)
        change = self.add(
            kind, section, _where(section, piece), old_text, new_text, unit, edits, sources, lost
        )
        plan.slots.append(_Slot(piece, merged, change, plain_piece))

    def merged(
        self, old: Piece, new: Piece
    ) -> tuple[Piece, Piece, list[FactEdit], list[SourceEntry], list[str]]:
        """``new`` with the facts, citations and marks of ``old`` kept."""
        edits: list[FactEdit] = []
        sources: list[SourceEntry] = []
        lost: list[str] = []

        def one(old_runs: list[Run], new_runs: list[Run]) -> tuple[list[Run], list[Run]]:
            result = merge(old_runs, new_runs, self.facts, self.resolve, numbered=self.numbered)
            edits.extend(result.fact_edits)
            lost.extend(result.lost_facts)
            for note in result.new_sources:
                entry = self.proposed.get(note)
                if entry is not None and entry not in sources:
                    sources.append(entry)
            return result.with_facts, result.as_text

        keep = {"kind": old.kind, "path": old.path, "style": new.style or old.style}
        if new.cells or old.cells:
            width = max(len(old.cells), len(new.cells))
            olds = old.cells + [[] for _ in range(width - len(old.cells))]
            news = new.cells + [[] for _ in range(width - len(new.cells))]
            both = [one(o, n) for o, n in zip(olds, news, strict=True)]
            with_facts = Piece(cells=[b[0] for b in both], **keep)  # type: ignore[arg-type]
            as_text = Piece(cells=[b[1] for b in both], **keep)  # type: ignore[arg-type]
        else:
            runs, text_runs = one(old.runs, new.runs)
            with_facts = Piece(runs=runs, group=old.group, box=old.box, **keep)  # type: ignore[arg-type]
            as_text = Piece(runs=text_runs, group=old.group, box=old.box, **keep)  # type: ignore[arg-type]
            with_facts.style = old.style if old.kind is PieceKind.ITEM else new.style
            as_text.style = with_facts.style
        return with_facts, as_text, edits, sources, lost

    def resolve(self, note: str) -> tuple[str, ...] | None:
        """A footnote's source in the brief, or None (then proposed as new)."""
        entry = self.edited.notes.get(note)
        if entry is None:
            return None
        wanted = (_fold(entry.text), entry.url.strip().rstrip("/"))
        for source in self.sources:
            if (_fold(source.text), source.url.strip().rstrip("/")) == wanted:
                return (source.id,)
            if _fold(source.text) == wanted[0] and not wanted[1]:
                return (source.id,)
        self.proposed.setdefault(note, SourceEntry(entry.text, entry.url, id=entry.id))
        return None

    def delete(
        self,
        plan: _SectionPlan,
        section: Section,
        piece: Piece,
        printed: dict[str, str],
        unit: EditedUnit | None = None,
    ) -> None:
        old_text = printed.get(piece.path, piece.text())
        change = self.add(ChangeKind.DELETED, section, _where(section, piece), old_text, "", unit)
        plan.slots.append(_Slot(piece, None, change))

    def insert(self, plan: _SectionPlan, section: Section, unit: EditedUnit) -> None:
        piece, present = self.edited_piece(unit)
        if not present:
            return
        empty = Piece(piece.kind, "", style=piece.style)
        if piece.cells:
            empty.cells = []
        merged, plain_piece, edits, sources, lost = self.merged(empty, piece)
        merged.path = plain_piece.path = ""
        # Which list or callout it joins: that of the piece before it.
        before = next((s.new or s.old for s in reversed(plan.slots) if (s.new or s.old)), None)
        if before is not None and unit.boxed and before.box:
            merged.box = plain_piece.box = before.box
        if merged.kind is PieceKind.ITEM:
            joins = (
                before is not None
                and before.kind is PieceKind.ITEM
                and before.style is merged.style
                and before.box == merged.box
            )
            group = before.group if joins and before is not None else f"+{len(plan.slots)}"
            merged.group = plain_piece.group = group
        if merged.kind is PieceKind.BOX_TITLE:
            merged.kind = plain_piece.kind = PieceKind.PARAGRAPH
        text = _cells_text(merged.cells) if merged.cells else merged.text()
        where = "table row" if merged.cells else merged.kind.value
        change = self.add(
            ChangeKind.ADDED, section, f"new {where}", "", text, unit, edits, sources, lost
        )
        plan.slots.append(_Slot(None, merged, change, plain_piece))

    def add(
        self,
        kind: ChangeKind,
        section: Section,
        where: str,
        old: str,
        new: str,
        unit: EditedUnit | None,
        edits: list[FactEdit] | None = None,
        sources: list[SourceEntry] | None = None,
        lost: list[str] | None = None,
    ) -> int:
        change = Change(
            len(self.changes),
            kind,
            section.id,
            section.title,
            where,
            old,
            new,
            tuple(unit.revisions) if unit is not None else (),
            tuple(dict.fromkeys(edits or [])),
            tuple(sources or ()),
            tuple(dict.fromkeys(lost or [])),
        )
        self.changes.append(change)
        return change.id

    # -- whole sections
    def new_section(self, group: _Group, after: str) -> None:
        start = group.start
        title = _text(_unit_runs(start, self.tracked)) if start is not None else ""
        section = Section.new(SectionKind.CUSTOM_TEXT, title or "New section")
        plan = _SectionPlan(section.id, [])
        for unit in group.units:
            if unit.kind is UnitKind.ROW:
                continue
            piece, present = self.edited_piece(unit)
            if not present:
                continue
            merged, _plain, _edits, _sources, _lost = self.merged(Piece(piece.kind, ""), piece)
            if merged.kind is PieceKind.BOX_TITLE:
                merged.kind = PieceKind.PARAGRAPH
            if merged.kind is PieceKind.ITEM:
                before = plan.slots[-1].new if plan.slots else None
                merged.group = (
                    before.group
                    if before is not None and before.kind is PieceKind.ITEM
                    else f"+{len(plan.slots)}"
                )
            plan.slots.append(_Slot(None, merged))
        if any(u.kind is UnitKind.ROW for u in group.units):
            self.warnings.append(
                f"The new section '{section.title}' holds a table: only its text is proposed; "
                "add the table in the app."
            )
        section = rebuild(section, [s.new for s in plan.slots if s.new is not None])
        words = sum(len(plain(r).split()) for r in _section_runs(section))
        change = Change(
            len(self.changes),
            ChangeKind.NEW_SECTION,
            section.id,
            section.title,
            "",
            "",
            f"{section.title} ({words} words)",
            tuple(r for u in group.units for r in u.revisions),
        )
        self.changes.append(change)
        self.new_sections.append(_NewSection(change.id, after, section))
        self.comments(group.units + ([start] if start is not None else []), section.id)

    def excluded_sections(self, seen: set[str]) -> None:
        """Sections the export printed whose heading and text are gone."""
        present_keys = {u.origin.key for u in self.edited.units if u.origin is not None} | {
            u.start.key for u in self.edited.units if u.start is not None
        }
        for section in self.brief.sections:
            key = section_key(section.id)
            if section.id in seen or key not in self.headings or key in present_keys:
                continue
            change = Change(
                len(self.changes),
                ChangeKind.EXCLUDED,
                section.id,
                section.title,
                "",
                section.title,
                "",
            )
            self.changes.append(change)
            self.excluded[change.id] = section.id

    # -- comments
    def comments(self, units: list[EditedUnit], section_id: str) -> None:
        for unit in units:
            for cid in unit.comments:
                comment = self.edited.comments.get(cid)
                if comment is None or any(n.id == f"word-{cid}" for n in self.notes):
                    continue
                self.notes.append(
                    ReviewNote(
                        section_id,
                        comment.text,
                        comment.quote,
                        comment.author,
                        comment.date,
                        id=f"word-{cid}",
                    )
                )

    def front_matter_comments(self, groups: list[_Group]) -> None:
        self.comments(self.front.units, "")
        for note in self.notes:
            note.id = ""  # a fresh id of its own
            note.__post_init__()


def _version(brief: Brief) -> str:
    return brief_version(brief)


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(old: Piece, new: Piece) -> bool:
    if old.cells or new.cells:
        return [_norm(c) for c in old.cells] == [_norm(c) for c in new.cells]
    return _norm(old.runs) == _norm(new.runs) and old.kind == new.kind


def _norm(runs: list[Run]) -> list[Run]:
    return [r for r in normalise_runs(list(runs)) if r.text or r.is_token]


def _where(section: Section, piece: Piece) -> str:
    """'paragraph 3', 'list item 2', 'table row 4': as the author counts."""
    content = section.content
    if piece.kind is PieceKind.HEADER:
        return "column headings"
    if piece.kind is PieceKind.ROW:
        return f"table row {int(piece.path[1:]) + 1}"
    if not isinstance(content, TextContent):
        return piece.kind.value
    numbers = [int(n) for n in _digits(piece.path)]
    if not numbers:
        return piece.kind.value
    where = f"block {numbers[0] + 1}" if len(numbers) > 1 else f"paragraph {numbers[0] + 1}"
    if piece.kind is PieceKind.ITEM:
        return f"list item {numbers[-1] + 1}" + (f" of {where}" if len(numbers) > 2 else "")
    if piece.kind is PieceKind.BOX_TITLE:
        return "callout title"
    if "b" in piece.path:
        return f"callout, paragraph {numbers[-1] + 1}"
    return where


def _digits(path: str) -> list[str]:
    out, current = [], ""
    for ch in path:
        if ch.isdigit():
            current += ch
        elif current:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _section_runs(section: Section) -> list[list[Run]]:
    pieces = content_texts(section.content, section)
    return [list(piece.runs) for piece in pieces if piece.runs is not None]
