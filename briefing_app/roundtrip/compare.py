"""Comparing one section of the brief with its pieces in the edited file.

A section unchanged since the export is compared by the export's marks
(each piece knows its place); one the author changed since, or a file
without marks, by the words. Each difference becomes a :class:`Change` and
a slot of the section's plan (changes.py); the new wording is merged with
what Word cannot hold (merge.py).
"""

from __future__ import annotations

from briefing_app.document.origins import row_hash, text_hash
from briefing_app.model.brief import Section, SourceEntry
from briefing_app.model.text import ListStyle, Run
from briefing_app.roundtrip.changes import (
    Change,
    ChangeKind,
    SectionPlan,
    Slot,
    TrackedChanges,
    cells_words,
    fold,
    printed_words,
    same,
    unit_cells,
    unit_runs,
    where,
    words,
)
from briefing_app.roundtrip.diffing import bounded_opcodes, pair_alike
from briefing_app.roundtrip.merge import FactEdit, merge
from briefing_app.roundtrip.pieces import Piece, PieceKind
from briefing_app.roundtrip.reader import EditedDocument, EditedUnit, UnitKind


class SectionComparer:
    """The piece-by-piece comparison (the planner is one)."""

    edited: EditedDocument
    tracked: TrackedChanges
    changes: list[Change]
    facts: dict[str, str]
    numbered: bool
    sources: list[SourceEntry]
    proposed: dict[str, SourceEntry]

    def edited_piece(self, unit: EditedUnit) -> tuple[Piece, bool]:
        """The piece as the file now has it (runs not yet merged), and
        whether it is there at all in the chosen reading."""
        if unit.kind is UnitKind.ROW:
            cells = unit_cells(unit, self.tracked)
            kind = PieceKind.HEADER if unit.header else PieceKind.ROW
            if unit.header:  # column headings are plain text (printed bold)
                cells = [[Run(words(c))] if words(c) else [] for c in cells]
            return Piece(kind, unit.origin.path if unit.origin else "", cells=cells), bool(cells)
        runs = unit_runs(unit, self.tracked)
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
        plan: SectionPlan,
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
                    plan.slots.append(Slot(by_path[old_key], None, change=-2))  # move source
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
                # Its new place: a move, or a deletion (moved, then deleted
                # with tracking): the piece stands in one place only.
                target = next(
                    (
                        s
                        for s in plan.slots
                        if s is not slot and s.change >= 0 and s.old is slot.old
                    ),
                    None,
                )
                slot.change = target.change if target is not None else -1
                slot.new = None
                if target is not None:
                    target.old = None

    def by_text(
        self,
        plan: SectionPlan,
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
            text = cells_words(piece.cells) if piece.cells else words(piece.runs)
            if piece.cells:
                now = row_hash([printed_words(c) for c in piece.cells])
            else:
                now = text_hash(printed_words(piece.runs))
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
                plan.slots.extend(Slot(p, p) for p in olds)
                continue
            for i, j in pair_alike(old_texts[i1:i2], new_texts[j1:j2]):
                piece = olds[i] if i is not None else None
                new = news[j] if j is not None else None
                if new is not None and new[2]:
                    # The colleague did not touch it: the author's newer text
                    # stays (and nothing the author added is taken away).
                    if piece is not None:
                        plan.slots.append(Slot(piece, piece))
                    continue
                if piece is not None and new is not None:
                    self.pair(plan, section, piece, new[1], printed, moved=False)
                elif piece is not None:
                    if may_delete:
                        self.delete(plan, section, piece, printed)
                    else:
                        plan.slots.append(Slot(piece, piece))
                elif new is not None:
                    self.insert(plan, section, new[1])

    # -- changes
    def pair(
        self,
        plan: SectionPlan,
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
        if same(piece, merged) and not moved:
            plan.slots.append(Slot(piece, piece))
            return
        kind = ChangeKind.MOVED if moved else ChangeKind.CHANGED
        # Shown as Word shows it (so "[1]" on both sides in numbered style).
        new_text = words(new_piece.runs) if not new_piece.cells else cells_words(new_piece.cells)
        change = self.add(
            kind, section, where(section, piece), old_text, new_text, unit, edits, sources, lost
        )
        plan.slots.append(Slot(piece, merged, change, plain_piece))

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
        wanted = (fold(entry.text), entry.url.strip().rstrip("/"))
        for source in self.sources:
            if (fold(source.text), source.url.strip().rstrip("/")) == wanted:
                return (source.id,)
            if fold(source.text) == wanted[0] and not wanted[1]:
                return (source.id,)
        self.proposed.setdefault(note, SourceEntry(entry.text, entry.url, id=entry.id))
        return None

    def delete(
        self,
        plan: SectionPlan,
        section: Section,
        piece: Piece,
        printed: dict[str, str],
        unit: EditedUnit | None = None,
    ) -> None:
        old_text = printed.get(piece.path, piece.text())
        change = self.add(ChangeKind.DELETED, section, where(section, piece), old_text, "", unit)
        plan.slots.append(Slot(piece, None, change))

    def insert(self, plan: SectionPlan, section: Section, unit: EditedUnit) -> None:
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
        text = cells_words(merged.cells) if merged.cells else merged.text()
        where = "table row" if merged.cells else merged.kind.value
        change = self.add(
            ChangeKind.ADDED, section, f"new {where}", "", text, unit, edits, sources, lost
        )
        plan.slots.append(Slot(None, merged, change, plain_piece))

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
