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
from dataclasses import dataclass
from pathlib import Path

from briefing_app.compose.origins import (
    STANDARD_HASH,
    brief_version,
    section_hash,
    section_key,
    section_keys,
)
from briefing_app.document.origins import text_hash, unit_text
from briefing_app.errors import UpdateError
from briefing_app.importers.source_file import MAX_WORD_BYTES, read_source
from briefing_app.model.brief import (
    Brief,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
)
from briefing_app.model.review import ReviewNote
from briefing_app.model.text import Run, plain
from briefing_app.model.walk import content_texts
from briefing_app.roundtrip.changes import (
    Change,
    ChangeKind,
    NewSection,
    SectionPlan,
    Slot,
    TrackedChanges,
    UpdatePlan,
    fold,
    unit_runs,
    words,
)
from briefing_app.roundtrip.compare import SectionComparer
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
    UnitKind,
    read_edited,
)
from briefing_app.templating import get_template
from briefing_app.templating.manifest import CitationStyle

MAX_ID = 100  # characters of the brief's identity a Word file carries


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


@dataclass(slots=True)
class _Group:
    """The pieces of the edited file under one heading (or section start)."""

    start: EditedUnit | None
    units: list[EditedUnit]


class _Planner(SectionComparer):
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
        self.sections: list[SectionPlan] = []
        self.new_sections: list[NewSection] = []
        self.excluded: dict[int, str] = {}
        self.gone: list[_Group] = []  # sections deleted from the brief since the export
        self.standard: list[_Group] = []  # the template's standard text

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
            if any(group is g for g in self.standard):
                if any(u.origin is None or u.origin.hash != _hash_of(u) for u in group.units):
                    heading = words(group.start.runs) if group.start is not None else ""
                    self.warnings.append(
                        f"'{heading}' is the template's standard text, not the brief's: edits "
                        "to it in Word are not brought back."
                    )
                continue
            if any(group is g for g in self.gone):
                heading = words(group.start.runs) if group.start is not None else ""
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
            if start.start.hash == STANDARD_HASH:
                self.standard.append(group)
            else:
                self.gone.append(group)
            return None
        if marked and start.start is None:
            return None  # a heading the colleague added
        wanted = fold(words(start.runs))
        for section in self.brief.sections:
            heading = self.headings.get(section_key(section.id), section.title)
            if wanted and wanted in (fold(heading), fold(section.title)):
                return section
        return None

    # -- one section
    def compare_section(self, group: _Group, section: Section, marked: bool) -> None:
        key = section_key(section.id)
        plan = SectionPlan(section.id, [])
        self.sections.append(plan)
        start = group.start
        self.comments(group.units + ([start] if start is not None else []), section.id)
        is_callout_section = section.kind is SectionKind.CALLOUT
        heading_unit = start if start is not None and start.kind is UnitKind.HEADING else None
        if heading_unit is None and is_callout_section and start is not None:
            heading_unit = start
        if heading_unit is not None:
            printed = self.headings.get(key, section.title)
            new_title = words(unit_runs(heading_unit, self.tracked))
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
            listed = [words(u.runs) for u in group.units if u.kind is not UnitKind.HEADING]
            if listed and listed != self.printed.get(key, {}).get("sources", "").split("\n"):
                self.warnings.append(
                    f"'{section.title}' is printed from the brief's sources: edits to it in Word "
                    "are not brought back (edit the entries in the app; new footnotes are "
                    "proposed as new sources)."
                )
            return
        current = section_pieces(section)
        if is_callout_section and not current and any(True for _ in _section_runs(section)):
            # A box holding boxes prints as one, unmarked piece by piece:
            # its text in Word cannot be placed back, so it is left alone.
            self.warnings.append(
                f"'{section.title}' holds boxes inside its box: edits to it in Word are not "
                "brought back."
            )
            return
        table = isinstance(section.content, TableContent)
        units = [
            u
            for u in group.units
            if (u.kind is UnitKind.ROW) == table and not (is_callout_section and u is start)
        ]
        if table:
            units = self.table_units(units, key)
        elif any(u.kind is UnitKind.ROW and (u.cells or u.rejected_cells) for u in group.units):
            self.warnings.append(
                f"A table in '{section.title}' in the Word file is not brought back (a text "
                "section holds no tables): add it in the app as a table section."
            )
        printed = self.printed.get(key, {})
        unchanged_since = (
            marked
            and start is not None
            and start.start is not None
            and start.start.hash == section_hash(section)
        )
        # Only what the export printed is compared (a template may leave out
        # callouts); the rest stays where it is.
        shown = [p for p in current if p.path in printed]
        if unchanged_since:
            self.by_marks(plan, section, shown, units, key, printed)
        else:
            self.by_text(plan, section, shown, units, key, printed, may_delete=not marked)
        if len(shown) < len(current):
            plan.slots = _with_unprinted(plan.slots, current, {id(p) for p in shown})

    def table_units(self, units: list[EditedUnit], key: str) -> list[EditedUnit]:
        """The rows of the section's table (the first table holding its marks,
        else the first table under its heading)."""
        tables = [u.table for u in units if u.origin is not None and u.origin.key == key]
        table = tables[0] if tables else (units[0].table if units else 0)
        rows = [u for u in units if u.table == table]
        if rows and rows[0].origin is None and not tables:
            rows[0].header = True  # an unmarked table: its first row is the header
        return rows

    def new_section(self, group: _Group, after: str) -> None:
        start = group.start
        title = words(unit_runs(start, self.tracked)) if start is not None else ""
        section = Section.new(SectionKind.CUSTOM_TEXT, title or "New section")
        plan = SectionPlan(section.id, [])
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
            plan.slots.append(Slot(None, merged))
        if any(u.kind is UnitKind.ROW for u in group.units):
            self.warnings.append(
                f"The new section '{section.title}' holds a table: only its text is proposed; "
                "add the table in the app."
            )
        section = rebuild(section, [s.new for s in plan.slots if s.new is not None])
        count = sum(len(plain(r).split()) for r in _section_runs(section))
        change = Change(
            len(self.changes),
            ChangeKind.NEW_SECTION,
            section.id,
            section.title,
            "",
            "",
            f"{section.title} ({count} words)",
            tuple(r for u in group.units for r in u.revisions),
        )
        self.changes.append(change)
        self.new_sections.append(NewSection(change.id, after, section))
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


def _with_unprinted(slots: list[Slot], current: list[Piece], shown: set[int]) -> list[Slot]:
    """``slots`` with the pieces the export did not print put back, each
    after the piece that came before it in the brief."""
    out = list(slots)
    for index, piece in enumerate(current):
        if id(piece) in shown:
            continue
        before = current[index - 1] if index else None
        at = 0
        if before is not None:
            at = next((i + 1 for i, s in enumerate(out) if s.old is before), len(out))
        out.insert(at, Slot(piece, piece))
    return out


def _hash_of(unit: EditedUnit) -> str:
    return text_hash("".join(r.text for r in unit.runs if not r.cite))


def _version(brief: Brief) -> str:
    return brief_version(brief)


def _section_runs(section: Section) -> list[list[Run]]:
    pieces = content_texts(section.content, section)
    return [list(piece.runs) for piece in pieces if piece.runs is not None]
