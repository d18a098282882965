"""What every section editor offers the main window.

An editor shows one section's content and reports each edit as a whole new
content value; the main window turns that into one undoable command on the
brief's single undo stack and never lets an editor keep its own undo history.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from briefing_app.model.brief import SectionContent
from briefing_app.model.walk import Place


class SectionEditor(QWidget):
    """Base class: subclasses implement load() and current()."""

    #: The section content type this editor edits (the main window shows the
    #: editor whose type the selected section's content has).
    content_type: type[SectionContent]
    #: Emitted after every user edit with the new content (a fresh object).
    content_edited = Signal(object)

    def load(self, content: SectionContent) -> None:
        """Show ``content`` (a copy is taken); must not emit content_edited."""
        raise NotImplementedError

    def current(self) -> SectionContent:
        """The content as the editor shows it now (a fresh object)."""
        raise NotImplementedError

    def set_prompt(self, prompt: str) -> None:
        """The template's guidance for this section, shown greyed while it is
        empty and never part of its content ("" for none)."""

    def reveal_change(self, before: SectionContent) -> None:
        """After an undo or redo: show the author what changed from
        ``before`` (select it, scroll to it)."""

    def select_text(self, place: Place, start: int, end: int) -> None:
        """Show characters ``start``-``end`` of the text at ``place`` (a
        find's match), without taking the keyboard focus."""

    def text_at_cursor(self) -> str:
        """The words where the author is (the preview follows them)."""
        return ""

    def go_to_words(self, words: list[str]) -> bool:
        """Put the cursor on these words (a click in the preview); False if
        they are not found, the cursor then at the section's start."""
        return False

    def show_place(self, place: Place, text: str) -> None:
        """Put the cursor at ``place`` (``text`` is what is written there) and
        give this editor the keyboard focus."""
        self.setFocus()
