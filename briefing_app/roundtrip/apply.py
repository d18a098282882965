"""Make the updated brief from an UpdatePlan and the author's decisions.

Only what an accepted change touches is rebuilt: every other section is the
very same object as before (so its JSON is identical), and the brief given
is never changed.
"""

from __future__ import annotations

import dataclasses

from briefing_app.model.brief import Brief, Section, SectionKind, SourcesContent
from briefing_app.model.facts import fact_key
from briefing_app.model.review import ReviewNote
from briefing_app.roundtrip.changes import Change, Slot, UpdatePlan
from briefing_app.roundtrip.pieces import Piece, rebuild


def apply_update(plan: UpdatePlan, *, notes: bool = True) -> Brief:
    """The brief with the plan's accepted changes (``Change.accepted``),
    and its comments as review notes when ``notes``."""
    brief = plan.brief
    accepted = {c.id for c in plan.changes if c.accepted}
    changes = {c.id: c for c in plan.changes}
    sections = list(brief.sections)
    index = {s.id: i for i, s in enumerate(sections)}
    for section_plan in plan.sections:
        position = index.get(section_plan.section_id)
        if position is None:
            continue
        section = sections[position]
        touched = any(s.change in accepted for s in section_plan.slots)
        if touched:
            pieces: list[Piece] = []
            for slot in section_plan.slots:
                piece = _chosen(slot, accepted, changes)
                if piece is not None:
                    pieces.append(piece)
            section = rebuild(section, pieces)
        if section_plan.title_change in accepted:
            section = dataclasses.replace(section, title=section_plan.new_title)
        sections[position] = section
    for change_id, section_id in plan.excluded.items():
        if change_id in accepted and section_id in index:
            position = index[section_id]
            sections[position] = dataclasses.replace(sections[position], included=False)
    # New sections, each after the section it followed in Word.
    for new in reversed(plan.new_sections):
        if new.change not in accepted:
            continue
        after = next((i for i, s in enumerate(sections) if s.id == new.after), -1)
        sections.insert(after + 1, new.section)
    facts = _facts(brief, [changes[i] for i in sorted(accepted)])
    sections = _with_new_sources(sections, [changes[i] for i in sorted(accepted)])
    kept_notes = list(brief.review_notes)
    if notes:
        known = {s.id for s in sections}
        for note in plan.notes:
            section_id = note.section_id if note.section_id in known else ""
            kept_notes.append(dataclasses.replace(note, section_id=section_id))
    return dataclasses.replace(
        brief, sections=sections, facts=facts, review_notes=_unique(kept_notes)
    )


def _chosen(slot: Slot, accepted: set[int], changes: dict[int, Change]) -> Piece | None:
    if slot.change < 0:
        return slot.old
    if slot.change not in accepted:
        return slot.old
    change = changes[slot.change]
    if change.fact_edits and not change.change_facts and slot.plain_new is not None:
        return slot.plain_new
    return slot.new


def _facts(brief: Brief, accepted: list[Change]) -> list:
    values: dict[str, str] = {}
    for change in accepted:
        if change.change_facts:
            for edit in change.fact_edits:
                values[fact_key(edit.name)] = edit.new
    if not values:
        return brief.facts
    return [
        dataclasses.replace(f, value=values[fact_key(f.name)]) if fact_key(f.name) in values else f
        for f in brief.facts
    ]


def _with_new_sources(sections: list[Section], accepted: list[Change]) -> list[Section]:
    """New footnotes of accepted changes, as entries of the first Sources
    section (a new one at the end when the brief has none)."""
    entries = []
    for change in accepted:
        for entry in change.new_sources:
            if entry not in entries:
                entries.append(entry)
    if not entries:
        return sections
    for i, section in enumerate(sections):
        if isinstance(section.content, SourcesContent):
            items = [*section.content.items, *entries]
            content = dataclasses.replace(section.content, items=items)
            sections[i] = dataclasses.replace(section, content=content)
            return sections
    new = Section.new(SectionKind.SOURCES)
    new.content = SourcesContent(list(entries))
    return [*sections, new]


def _unique(notes: list[ReviewNote]) -> list[ReviewNote]:
    seen: set[str] = set()
    out = []
    for note in notes:
        if note.id not in seen:
            seen.add(note.id)
            out.append(note)
    return out
