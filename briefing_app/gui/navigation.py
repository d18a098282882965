"""Taking the author to a place in the brief: a match the find bar found, a
finding of the check, a line clicked in the preview, what an undo or redo
changed; and keeping the preview on the place being edited."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QWidget

from briefing_app.checks.findings import Finding
from briefing_app.gui.editor_base import SectionEditor
from briefing_app.model.brief import SectionContent
from briefing_app.model.search import Occurrence
from briefing_app.model.walk import Field

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow


class Navigation(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._follow_paused = False

    def _editor(self) -> SectionEditor | None:
        editor = self.window.stack.currentWidget()
        return editor if isinstance(editor, SectionEditor) else None

    # -- the keyboard in the editor

    def editor_focus_widget(self) -> QWidget | None:
        """Where the keyboard goes in the editor pane."""
        w = self.window
        editor = w.stack.currentWidget()
        if editor is w.text_editor:
            return w.text_editor.text_area
        if editor is w.table_editor:
            return w.table_editor.view
        if editor is w.sources_editor:
            return w.sources_editor.table
        return None

    def focus_editor(self) -> None:
        """Put the keyboard in the editor (the section list when there is
        no section to write in)."""
        target = self.editor_focus_widget() or self.window.sections.list
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- places

    def show_occurrence(self, match: Occurrence, piece: int) -> None:
        """Select a match that the find bar found, in its editor or field;
        the keyboard stays in the find bar."""
        w = self.window
        place = match.place
        if not match.section_id:
            field = w.properties.edits.get(place.field.value)
            if field is not None:
                w.side_tabs.setCurrentWidget(w.properties_page)
                field.setSelection(match.start, match.end - match.start)
            return
        w.sections.select(match.section_id)
        editor = self._editor()
        if place.field is Field.SECTION_TITLE or editor is None:
            return
        if editor is w.text_editor:
            w.text_editor.select_piece_text(piece, match.start, match.end)
        else:
            editor.select_text(place, match.start, match.end)
        self.cursor_moved()

    def go_to_finding(self, finding: Finding) -> None:
        """Select the finding's section and put the cursor at its place."""
        w = self.window
        if finding.section_id is None or w.session.section(finding.section_id) is None:
            if finding.kind == "marking":
                w.side_tabs.setCurrentIndex(0)
                w.properties.marking.setFocus()
            return
        w.sections.select(finding.section_id)
        editor = self._editor()
        if finding.place is not None and editor is not None:
            editor.show_place(finding.place, finding.text)

    def go_to_words(self, section_id: str, words: list[str]) -> None:
        """A click in the preview: the same place in the editor."""
        if self.window.session.section(section_id) is None:
            return
        self._follow_paused = True  # the preview is already there
        try:
            self.window.sections.select(section_id)
            editor = self._editor()
            if editor is not None:
                editor.go_to_words(words)
            self.focus_editor()
        finally:
            self._follow_paused = False

    def cursor_moved(self, *_args: object) -> None:
        """The preview follows the place being edited."""
        if self._follow_paused:
            return
        section_id = self.window.sections.current_id()
        editor = self._editor()
        if section_id and editor is not None:
            self.window.preview_sync.follow(section_id, editor.text_at_cursor())

    def show_restored(self, changes: dict[str, SectionContent | None], meta: bool) -> None:
        """After an undo or redo, show what changed: its section, selected."""
        w = self.window
        if not changes:
            if meta:
                w.side_tabs.setCurrentWidget(w.properties_page)
            return
        current = w.sections.current_id()
        order = [s.id for s in w.session.brief.sections if s.id in changes]
        target = current if current in changes else (order[0] if order else "")
        if not target:
            return
        if target != current:
            w.sections.select(target)
        before = changes.get(target)
        editor = self._editor()
        if before is not None and editor is not None:
            editor.reveal_change(before)
