"""What an update found: the changes to review, and where each goes.

:class:`UpdatePlan` is what :func:`~briefing_app.roundtrip.plan.plan_update`
returns and :func:`~briefing_app.roundtrip.apply.apply_update` reads: the
list of :class:`Change` (each with the author's decision), the review notes,
and for each section the slots its pieces go into.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from enum import StrEnum

from briefing_app.document.origins import unit_text
from briefing_app.model.brief import Brief, Section, SourceEntry, TextContent
from briefing_app.model.review import ReviewNote
from briefing_app.model.text import Run, normalise_runs, plain
from briefing_app.roundtrip.merge import FactEdit
from briefing_app.roundtrip.pieces import Piece, PieceKind
from briefing_app.roundtrip.reader import EditedUnit, Revision


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
class Slot:
    """One place in an updated section: what stands there, depending on
    whether the change (if any) is accepted."""

    old: Piece | None  # what stands there when the change is rejected
    new: Piece | None  # ... and when it is accepted
    change: int = -1
    # With a change: the new runs when its facts become plain text instead.
    plain_new: Piece | None = None


@dataclass(slots=True)
class SectionPlan:
    section_id: str
    slots: list[Slot]
    title_change: int = -1
    new_title: str = ""


@dataclass(slots=True)
class NewSection:
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
    sections: list[SectionPlan] = field(default_factory=list)
    new_sections: list[NewSection] = field(default_factory=list)
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


def unit_runs(unit: EditedUnit, tracked: TrackedChanges) -> list[Run]:
    return unit.rejected if tracked is TrackedChanges.REJECT else unit.runs


def unit_cells(unit: EditedUnit, tracked: TrackedChanges) -> list[list[Run]]:
    return unit.rejected_cells if tracked is TrackedChanges.REJECT else unit.cells


def words(runs: list[Run]) -> str:
    return unit_text(plain(runs))


def printed_words(runs: list[Run]) -> str:
    """The words as the export printed them (footnote references left out)."""
    return unit_text("".join(r.text for r in runs if not r.cite))


def cells_words(cells: list[list[Run]]) -> str:
    return " | ".join(words(c) for c in cells)


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def same(old: Piece, new: Piece) -> bool:
    if old.cells or new.cells:
        return [_norm(c) for c in old.cells] == [_norm(c) for c in new.cells]
    return _norm(old.runs) == _norm(new.runs) and old.kind == new.kind


def _norm(runs: list[Run]) -> list[Run]:
    # A citation is its sources: the label it shows in the editor is not
    # the brief's words (it changes with the Sources list).
    return [
        dataclasses.replace(r, text="") if r.cite else r
        for r in normalise_runs(list(runs))
        if r.text or r.is_token
    ]


def where(section: Section, piece: Piece) -> str:
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
