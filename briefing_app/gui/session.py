"""The open brief, its file and its one undo stack.

Every change the author makes, in any editor, becomes one QUndoCommand on
``undo_stack``. Commands hold snapshots: section contents are replaced, never
mutated in place, so a snapshot copies the section list and metadata and
shares the content objects, which keeps undo cheap even for long briefs.
"""

from __future__ import annotations

import copy
import dataclasses
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing_app.model.brief import (
    Brief,
    Metadata,
    PageSize,
    Section,
    SectionContent,
)
from briefing_app.model.cite_refs import without_sources
from briefing_app.model.fact_refs import with_fact_renamed, with_fact_values, without_fact
from briefing_app.model.facts import Fact, fact_key
from briefing_app.model.review import ReviewNote
from briefing_app.model.storage import load_brief, save_brief
from briefing_app.model.walk import Place, content_texts

# Edits of one section's content closer together than this form one undo step
# (typing a sentence is one step, not one per keystroke).
MERGE_WINDOW_S = 1.5


@dataclass(frozen=True, slots=True)
class Snapshot:
    metadata: Metadata
    sections: tuple[Section, ...]
    page_size: PageSize
    template: str
    facts: tuple[Fact, ...]
    brief_id: str = ""
    review_notes: tuple[ReviewNote, ...] = ()

    @classmethod
    def of(cls, brief: Brief) -> Snapshot:
        return cls(
            metadata=copy.deepcopy(brief.metadata),
            sections=tuple(dataclasses.replace(s) for s in brief.sections),
            page_size=brief.page_size,
            template=brief.template,
            facts=tuple(dataclasses.replace(f) for f in brief.facts),
            brief_id=brief.id,
            review_notes=tuple(dataclasses.replace(n) for n in brief.review_notes),
        )

    def brief(self) -> Brief:
        brief = Brief(
            metadata=copy.deepcopy(self.metadata),
            sections=[dataclasses.replace(s) for s in self.sections],
            page_size=self.page_size,
            template=self.template,
            facts=[dataclasses.replace(f) for f in self.facts],
            review_notes=[dataclasses.replace(n) for n in self.review_notes],
        )
        if self.brief_id:
            brief.id = self.brief_id
        return brief


class _Change(QUndoCommand):
    MERGE_ID = 1

    def __init__(
        self,
        session: BriefSession,
        text: str,
        before: Snapshot,
        after: Snapshot,
        merge_key: str = "",
    ) -> None:
        super().__init__(text)
        self.session = session
        self.before = before
        self.after = after
        self.merge_key = merge_key
        self.stamp = time.monotonic()
        self._first = True

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _Change) or other.merge_key != self.merge_key:
            return False
        if other.stamp - self.stamp > MERGE_WINDOW_S:
            return False
        self.after = other.after
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        if self._first:
            # The model already holds the new state (the editor changed it).
            self._first = False
            return
        self.session._restore(self.after)

    def undo(self) -> None:
        self.session._restore(self.before)


def _shape(content: SectionContent) -> tuple[Place, ...]:
    """Where the content's pieces of text are (paragraphs, items, cells):
    typing leaves it alone, a new paragraph, row or source changes it."""
    return tuple(piece.place for piece in content_texts(content))


class BriefSession(QObject):
    """The brief being edited; the only place that changes it."""

    #: Anything in the brief changed (preview, title bar, word count).
    changed = Signal()
    #: The section list changed shape: order, titles, include flags, count.
    sections_changed = Signal()
    #: One section's content was replaced by undo/redo (editors reload it).
    content_restored = Signal(str)
    metadata_changed = Signal()
    #: The facts table or the template changed (editors show fact values).
    facts_changed = Signal()
    #: The brief's Sources entries changed (editors label citations).
    sources_changed = Signal()
    #: The review notes changed (a Word update added some, one was resolved).
    notes_changed = Signal()
    path_changed = Signal()
    #: An undo or redo finished: {section id: its content before (None for a
    #: section added back, renamed, moved or included)}, and whether the
    #: properties changed, so the window can show what changed.
    restored = Signal(object, bool)

    def __init__(
        self, brief: Brief | None = None, path: Path | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.brief = brief or Brief()
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.changed.emit()

    # -- state
    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.brief.sections if s.id == section_id), None)

    def index_of(self, section_id: str) -> int:
        return next(i for i, s in enumerate(self.brief.sections) if s.id == section_id)

    # -- whole-file operations (not undoable)
    def replace(self, brief: Brief, path: Path | None) -> None:
        self.brief = brief
        self.path = path
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self.path_changed.emit()
        self.sections_changed.emit()
        self.metadata_changed.emit()
        self.facts_changed.emit()
        self.sources_changed.emit()
        self.notes_changed.emit()
        self.changed.emit()

    def open(self, path: Path) -> None:
        self.replace(load_brief(path), path)

    def save(self, path: Path | None = None) -> Path:
        target = path or self.path
        if target is None:
            raise ValueError("no file name yet")
        save_brief(self.brief, target)
        if target != self.path:
            self.path = target
            self.path_changed.emit()
        self.undo_stack.setClean()
        return target

    # -- undoable edits
    def _push(self, text: str, before: Snapshot, merge_key: str = "") -> None:
        self.undo_stack.push(_Change(self, text, before, Snapshot.of(self.brief), merge_key))
        self.changed.emit()

    def _restore(self, snap: Snapshot) -> None:
        before_sections = [dataclasses.replace(s) for s in self.brief.sections]
        old = {s.id: s.content for s in self.brief.sections}
        old_meta = self.brief.metadata
        old_facts, old_template = self.brief.facts, self.brief.template
        old_sources = self.brief.sources()
        restored = snap.brief()
        self.brief.metadata = restored.metadata
        self.brief.sections = restored.sections
        self.brief.page_size = restored.page_size
        self.brief.template = restored.template
        self.brief.facts = restored.facts
        old_notes, self.brief.review_notes = self.brief.review_notes, restored.review_notes
        if old_notes != self.brief.review_notes:
            self.notes_changed.emit()
        if (old_facts, old_template) != (self.brief.facts, self.brief.template):
            self.facts_changed.emit()
        self.sections_changed.emit()
        if old_meta != self.brief.metadata:
            self.metadata_changed.emit()
        self._sources_may_have_changed(old_sources)
        changes: dict[str, SectionContent | None] = {}
        old_order = [s.id for s in before_sections]
        for index, section in enumerate(self.brief.sections):
            if old.get(section.id) is not section.content:
                self.content_restored.emit(section.id)
                changes[section.id] = old.get(section.id)
            else:
                was = next((s for s in before_sections if s.id == section.id), None)
                moved = index >= len(old_order) or old_order[index] != section.id
                now = (section.title, section.included)
                if was is None or moved or (was.title, was.included) != now:
                    changes.setdefault(section.id, None)
        self.changed.emit()
        self.restored.emit(changes, old_meta != self.brief.metadata)

    def set_content(self, section_id: str, content: SectionContent) -> None:
        section = self.section(section_id)
        if section is None or section.content == content:
            return
        before = Snapshot.of(self.brief)
        old_shape = _shape(section.content)
        old_sources = self.brief.sources()
        section.content = content
        # Typing merges into one step; a new row, column, paragraph or source
        # is a step of its own.
        key = f"content:{section_id}:{old_shape}" if _shape(content) == old_shape else ""
        uncited = self._drop_citations_of_deleted(old_sources, skip=section_id)
        self._push(f"Edit '{section.title}'", before, merge_key="" if uncited else key)
        self._sources_may_have_changed(old_sources)
        for changed in uncited:
            self.content_restored.emit(changed)

    def _drop_citations_of_deleted(self, old_sources: list, skip: str = "") -> list[str]:
        """Citations of sources that are gone are removed with them (in the
        same undo step); returns the sections changed."""
        gone = {s.id for s in old_sources} - {s.id for s in self.brief.sources()}
        changed = []
        if gone:
            for section in self.brief.sections:
                new = without_sources(section.content, gone)
                if new is not section.content:
                    section.content = new
                    if section.id != skip:
                        changed.append(section.id)
        return changed

    def _sources_may_have_changed(self, old_sources: list) -> None:
        if old_sources != self.brief.sources():
            self.sources_changed.emit()

    def set_metadata(self, metadata: Metadata, field_name: str = "") -> None:
        if metadata == self.brief.metadata:
            return
        before = Snapshot.of(self.brief)
        self.brief.metadata = metadata
        self._push("Edit properties", before, merge_key=f"meta:{field_name}")
        self.metadata_changed.emit()

    def set_template(self, template_id: str) -> None:
        """Print the brief with another template; every word of content stays."""
        if template_id == self.brief.template:
            return
        before = Snapshot.of(self.brief)
        self.brief.template = template_id
        self._push("Change template", before)
        self.facts_changed.emit()

    def set_facts(self, facts: list[Fact], merge_key: str = "") -> None:
        """Replace the facts table; every use of a fact shows its new value
        (in one undo step with the change itself)."""
        if facts == self.brief.facts:
            return
        before = Snapshot.of(self.brief)
        self.brief.facts = [dataclasses.replace(f) for f in facts]
        values = self.brief.fact_values()
        changed = []
        for section in self.brief.sections:
            content = with_fact_values(section.content, values)
            if content is not section.content:
                section.content = content
                changed.append(section.id)
        self._push("Edit facts", before, merge_key=f"facts:{merge_key}" if merge_key else "")
        self.facts_changed.emit()
        for section_id in changed:
            self.content_restored.emit(section_id)

    def delete_fact(self, name: str) -> None:
        """Remove a fact; its uses keep the text they show, as plain text
        (one undo step)."""
        key = fact_key(name)
        facts = [f for f in self.brief.facts if fact_key(f.name) != key]
        if len(facts) == len(self.brief.facts):
            return
        self._change_facts(facts, f"Delete fact '{name}'", lambda c: without_fact(c, name))

    def rename_fact(self, old: str, new: str) -> None:
        """Rename a fact and every use of it (one undo step). The caller
        checks the new name first (model.facts.name_problem)."""
        key = fact_key(old)
        facts = [
            dataclasses.replace(f, name=new) if fact_key(f.name) == key else f
            for f in self.brief.facts
        ]
        if facts == self.brief.facts:
            return
        self._change_facts(facts, f"Rename fact '{old}'", lambda c: with_fact_renamed(c, old, new))

    def _change_facts(self, facts: list[Fact], text: str, change) -> None:
        before = Snapshot.of(self.brief)
        self.brief.facts = [dataclasses.replace(f) for f in facts]
        changed = []
        for section in self.brief.sections:
            content = change(section.content)
            if content is not section.content:
                section.content = content
                changed.append(section.id)
        self._push(text, before)
        self.facts_changed.emit()
        for section_id in changed:
            self.content_restored.emit(section_id)

    def set_page_size(self, size: PageSize | str) -> None:
        size = PageSize(size)
        if size is self.brief.page_size:
            return
        before = Snapshot.of(self.brief)
        self.brief.page_size = size
        self._push("Change page size", before)

    def set_included(self, section_id: str, included: bool) -> None:
        section = self.section(section_id)
        if section is None or section.included == included:
            return
        before = Snapshot.of(self.brief)
        section.included = included
        verb = "Include" if included else "Leave out"
        self._push(f"{verb} '{section.title}'", before)
        self.sections_changed.emit()

    def rename(self, section_id: str, title: str) -> None:
        section = self.section(section_id)
        if section is None or not title.strip() or section.title == title:
            return
        before = Snapshot.of(self.brief)
        section.title = title
        self._push(f"Rename '{before.sections[self.index_of(section_id)].title}'", before)
        self.sections_changed.emit()

    def move(self, section_id: str, new_index: int) -> None:
        old_index = self.index_of(section_id)
        new_index = max(0, min(new_index, len(self.brief.sections) - 1))
        if new_index == old_index:
            return
        before = Snapshot.of(self.brief)
        section = self.brief.sections.pop(old_index)
        self.brief.sections.insert(new_index, section)
        self._push(f"Move '{section.title}'", before)
        self.sections_changed.emit()

    def insert(self, section: Section, index: int | None = None) -> None:
        before = Snapshot.of(self.brief)
        index = len(self.brief.sections) if index is None else index
        self.brief.sections.insert(index, section)
        self._push(f"Add '{section.title}'", before)
        self.sections_changed.emit()

    def duplicate(self, section_id: str) -> Section:
        original = self.section(section_id)
        assert original is not None
        copy_ = Section(
            kind=original.kind,
            title=f"{original.title} (copy)",
            content=copy.deepcopy(original.content),
            included=original.included,
        )
        self.insert(copy_, self.index_of(section_id) + 1)
        return copy_

    def delete(self, section_id: str) -> None:
        index = self.index_of(section_id)
        before = Snapshot.of(self.brief)
        old_sources = self.brief.sources()
        section = self.brief.sections.pop(index)
        uncited = self._drop_citations_of_deleted(old_sources)
        self._push(f"Delete '{section.title}'", before)
        self.sections_changed.emit()
        self._sources_may_have_changed(old_sources)
        for changed in uncited:
            self.content_restored.emit(changed)

    def apply_update(self, brief: Brief, text: str = "Update from Word") -> None:
        """A colleague's accepted changes (sections, facts, sources and
        review notes from ``brief``) as one undo step."""
        before = Snapshot.of(self.brief)
        old = {s.id: s for s in self.brief.sections}
        old_sources = self.brief.sources()
        old_facts = self.brief.facts
        self.brief.sections = [dataclasses.replace(s) for s in brief.sections]
        self.brief.facts = [dataclasses.replace(f) for f in brief.facts]
        self.brief.review_notes = [dataclasses.replace(n) for n in brief.review_notes]
        self._push(text, before)
        self.sections_changed.emit()
        if old_facts != self.brief.facts:
            self.facts_changed.emit()
        self._sources_may_have_changed(old_sources)
        self.notes_changed.emit()
        for section in self.brief.sections:
            was = old.get(section.id)
            if was is None or was.content is not section.content:
                self.content_restored.emit(section.id)

    def set_note_resolved(self, note_id: str, resolved: bool) -> None:
        notes = self.brief.review_notes
        if not any(n.id == note_id and n.resolved != resolved for n in notes):
            return
        before = Snapshot.of(self.brief)
        self.brief.review_notes = [
            dataclasses.replace(n, resolved=resolved) if n.id == note_id else n for n in notes
        ]
        self._push("Resolve review note" if resolved else "Reopen review note", before)
        self.notes_changed.emit()

    def replace_brief_content(self, brief: Brief, text: str) -> None:
        """One undo step for a change across sections (e.g. Replace all)."""
        before = Snapshot.of(self.brief)
        self.brief.metadata = brief.metadata
        self.brief.sections = brief.sections
        self._push(text, before)
        self.sections_changed.emit()
        self.metadata_changed.emit()
        for section in self.brief.sections:
            self.content_restored.emit(section.id)
