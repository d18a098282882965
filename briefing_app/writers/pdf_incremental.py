"""The preview's PDF, made again after an edit by redoing only what the edit
can change.

An IncrementalPdf keeps what its last render made: the flowables of every
block (pdf_story_cache.py: a block the edit did not touch keeps its
flowables, already broken into lines), and for every page the state of the
layout where the page began and what the page drew (pdf_page_replay.py).
The next render then

- draws again, without laying them out, the pages before the first one
  whose layout looked at a flowable that changed (it restarts the layout
  there, from the state recorded at that page's start);
- lays out from there, page by page, until a page begins in the same state
  as a page of the last render (the same flowables still to come, the same
  notes running on): the edit's effect has died out, and the pages from
  there on are drawn again from the last render too.

Every page is the one a fresh render would make: a page is only reused
when the layout that made it saw nothing that changed, and the state it
starts from is the one it started from before. What a reused page drew is
kept as the PDF operators between its furniture and its end, with the
calls that do more than draw (bookmarks, outline entries, links, images);
the furniture (page numbers, the total, the budget mark) is drawn afresh
for every page. The fonts keep the character codes of the last render, so
the kept operators read the same in the new file.

The page text, the links and the bookmarks equal a fresh render's
(tests/test_preview_cache.py checks this on random edits). Anything this
module does not expect (a flowable that draws with transparency, a page
begun inside a group kept together) makes it lay out from an earlier page,
and any failure falls back to a fresh render.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.platypus import Flowable

from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document
from briefing_app.writers.pdf import collector_paused, write_pdf_with_layout
from briefing_app.writers.pdf_fonts import register_family
from briefing_app.writers.pdf_page_replay import Render, ResumablePass
from briefing_app.writers.pdf_story_cache import StoryCache, note_refs


@dataclass(frozen=True, slots=True)
class RenderStats:
    """How the last render was made (for tests and the benchmark)."""

    pages: int
    reused_before: int  # pages drawn again from the last render, before the first laid out
    laid_out: int  # pages laid out
    reused_after: int  # pages drawn again from the last render, after the layout converged


class IncrementalPdf:
    """Renders one brief again and again as it is edited (the preview's
    PDF), each time redoing only what the edit can change. Not for use by
    two threads at once (the preview renders one at a time)."""

    def __init__(self) -> None:
        self._stories = StoryCache()
        self._last: Render | None = None
        self.stats: RenderStats | None = None

    def clear(self) -> None:
        """Forget the last render: the next one is made from scratch."""
        self._stories.clear()
        self._last = None

    def render(self, tree: Document, *, mark_budget: bool = True) -> tuple[bytes, LayoutReport]:
        """The PDF of ``tree``, as write_pdf_with_layout makes it, and its
        layout report."""
        try:
            with collector_paused():
                return self._render(tree, mark_budget)
        except Exception:
            # Whatever went wrong (the brief may not lay out at all), the
            # next render starts afresh; a fresh render says what is wrong.
            self.clear()
            self.stats = None
            return write_pdf_with_layout(tree, mark_budget=mark_budget)

    def _render(self, tree: Document, mark_budget: bool) -> tuple[bytes, LayoutReport]:
        fam = register_family(tree.style.pdf_font, tree.style.font_dir)
        story, block_starts, fresh = self._stories.story(tree, fam)
        last = None if fresh else self._last
        notes = {n.number: n.inlines for n in tree.notes}
        restart, suffix, changed = 0, 0, set[int]()
        if last is not None:
            changed = {
                number
                for number in notes.keys() | last.notes.keys()
                if notes.get(number) != last.notes.get(number)
            }
            dirty = self._dirty(tree, block_starts, changed)
            first, suffix = _common_ends(last.story, story, dirty)
            same = first == len(story) == len(last.story)
            restart = _restart_page(last, first, same)
        self._last = None  # until this render succeeds
        buf = io.BytesIO()
        layout = ResumablePass(
            tree,
            fam,
            buf,
            mark_budget=mark_budget,
            story=story,
            last=last,
            restart=restart,
            changed_notes=changed,
            suffix=suffix,
        )
        report = layout.build()
        assert layout.canvas is not None
        before = layout.restart if layout.last is not None else 0
        self.stats = RenderStats(len(layout.drawings), before, layout.laid_out, layout.reused_after)
        self._last = Render(
            story,
            block_starts,
            notes,
            layout.starts,
            layout.drawings,
            layout.canvas.fonts or [],
        )
        return buf.getvalue(), report

    @staticmethod
    def _dirty(tree: Document, block_starts: list[int], changed: set[int]) -> set[int]:
        """Story positions of the blocks that refer to a note whose text
        changed: their flowables are the same, their pages may not be."""
        if not changed:
            return set()
        dirty: set[int] = set()
        for index, block in enumerate(tree.blocks):
            if any(n in changed for n in note_refs(block)):
                dirty.update(range(block_starts[index], block_starts[index + 1]))
        return dirty


def _common_ends(old: list[Flowable], new: list[Flowable], dirty: Iterable[int]) -> tuple[int, int]:
    """The first position where the stories differ (or a dirty one), and how
    many flowables at their ends are the same objects (none dirty)."""
    dirty = set(dirty)
    first = 0
    limit = min(len(old), len(new))
    while first < limit and old[first] is new[first] and first not in dirty:
        first += 1
    suffix = 0
    n_old, n_new = len(old), len(new)
    while (
        suffix < limit - first
        and old[n_old - 1 - suffix] is new[n_new - 1 - suffix]
        and (n_new - 1 - suffix) not in dirty
    ):
        suffix += 1
    return first, suffix


def _restart_page(last: Render, first: int, same: bool) -> int:
    """The first page of the last render whose layout looked at the story
    at or after position ``first`` (each page looks at the flowables it
    places and at the next one, which it may try); earlier, only pages
    that can be drawn again, and one that begins where the layout can
    restart. All of them when the story is the ``same``."""
    starts, drawings = last.starts, last.drawings
    pages = len(starts)
    if same and all(d.replayable for d in drawings):
        return pages
    restart = pages - 1
    for i in range(pages):
        seen = starts[i + 1].index + 1 if i + 1 < pages else len(last.story) + 1
        if seen >= first:
            restart = i
            break
    for i in range(restart):
        if not drawings[i].replayable:
            restart = i
            break
    while restart > 0 and restart < pages and not starts[restart].restartable:
        restart -= 1
    return restart


__all__ = ["IncrementalPdf", "RenderStats"]
