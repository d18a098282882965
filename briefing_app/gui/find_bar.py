"""Find and Replace across every section, in a bar under the editor.

Find Next and Previous step through the matches one by one (model/search.py
lists them in the brief's order) and select each in its editor; Replace
changes the match shown, then shows the next; Replace All changes them all.
Every replacement is one undo step. Match case and Whole word apply to all.
Keys: Enter finds the next match, Shift+Enter the previous one (F3 and
Shift+F3 from anywhere); Enter in "Replace with" replaces; Escape closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from briefing_app.gui.icons import icon
from briefing_app.model.brief import Brief, Metadata
from briefing_app.model.search import Occurrence, occurrences, replace_all, replace_one
from briefing_app.model.walk import Field, content_texts

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow

_RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class _Field(QLineEdit):
    """A line edit where Enter and Shift+Enter are the bar's, Escape closes."""

    def __init__(self, bar: FindBar, name: str) -> None:
        super().__init__(bar)
        self.bar = bar
        self.setAccessibleName(name)
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _RETURN_KEYS:
            back = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if self is self.bar.replace_edit and not back:
                self.bar.replace_current()
            else:
                self.bar.find(backwards=back)
            return
        if event.key() == Qt.Key.Key_Escape:
            self.bar.close_bar()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Non-modal: the author keeps editing while it is open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setAccessibleName("Find and replace")
        self.find_edit = _Field(self, "Find")
        self.find_edit.setPlaceholderText("Find in every section")
        self.replace_edit = _Field(self, "Replace with")
        self.replace_edit.setPlaceholderText("Replace with")
        self.match_case = QCheckBox("Match &case", self)
        self.whole_word = QCheckBox("&Whole word", self)
        self.previous_button = self._button("Previous", "Find the previous match (Shift+F3)")
        self.find_button = self._button("Next", "Find the next match (Enter, F3)")
        self.find_button.setIcon(icon("find"))
        self.replace_one_button = self._button(
            "Replace", "Replace the match shown, then show the next one"
        )
        self.replace_button = self._button("Replace all", "Replace every match (one undo step)")
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close the find bar (Escape)")
        self.close_button.setAccessibleName("Close find bar")
        self.status = QLabel("", self)
        self.status.setAccessibleName("Find result")

        find_label = QLabel("F&ind:", self)
        find_label.setBuddy(self.find_edit)
        replace_label = QLabel("R&eplace:", self)
        replace_label.setBuddy(self.replace_edit)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        grid.addLayout(self._row(self.previous_button, self.find_button), 0, 2)
        grid.addWidget(self.close_button, 0, 3)
        grid.addWidget(replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        grid.addLayout(self._row(self.replace_one_button, self.replace_button), 1, 2)
        grid.addLayout(self._row(self.match_case, self.whole_word, self.status), 2, 1, 1, 3)
        grid.setColumnStretch(1, 1)

        self.find_button.clicked.connect(lambda: self.find())
        self.previous_button.clicked.connect(lambda: self.find(backwards=True))
        self.replace_one_button.clicked.connect(self.replace_current)
        self.replace_button.clicked.connect(self.replace_everywhere)
        self.close_button.clicked.connect(self.close_bar)
        self.find_edit.textChanged.connect(lambda _t: self._reset())
        self.match_case.toggled.connect(lambda _on: self._reset())
        self.whole_word.toggled.connect(lambda _on: self._reset())
        #: The match shown (its number among all matches), or None.
        self.current: Occurrence | None = None
        self.hide()

    def _button(self, text: str, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAutoDefault(False)
        return button

    @staticmethod
    def _row(*widgets: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(4)
        for widget in widgets:
            row.addWidget(widget)
        row.addStretch(1)
        return row

    # -- opening and closing

    def open_bar(self, replacing: bool = False) -> None:
        self.show()
        field = self.replace_edit if replacing else self.find_edit
        selected = self._selected_words()
        if selected and not replacing:
            self.find_edit.setText(selected)
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    def _selected_words(self) -> str:
        """The editor's selection, if short and on one line (as Word seeds Find)."""
        cursor = self.window_.text_editor.text_area.textCursor()
        text = cursor.selectedText() if self.window_.editor_is_text() else ""
        return text if text and len(text) <= 80 and "\u2029" not in text else ""

    def close_bar(self) -> None:
        self.hide()
        self.window_.focus_editor()

    def _reset(self) -> None:
        self.current = None
        self.status.setText("")

    # -- finding

    def _matches(self) -> list[Occurrence]:
        return occurrences(
            self.window_.session.brief,
            self.find_edit.text(),
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
        )

    def find(self, backwards: bool = False) -> Occurrence | None:
        """Show the next (or previous) match; None when there is none."""
        needle = self.find_edit.text()
        if not needle:
            self.status.setText("Type the text to find.")
            return None
        matches = self._matches()
        if not matches:
            self.current = None
            self.status.setText(f"'{needle}' was not found.")
            return None
        if self.current is None:
            number = self._first_from_cursor(matches, backwards)
        else:
            step = -1 if backwards else 1
            number = (self.current.index + step) % len(matches)
        return self._show(matches, number)

    def _first_from_cursor(self, matches: list[Occurrence], backwards: bool) -> int:
        """Where a new search starts: in the section being edited, as Word
        starts at the cursor."""
        here = self.window_.sections.current_id()
        in_section = [m.index for m in matches if m.section_id == here]
        if in_section:
            return in_section[-1] if backwards else in_section[0]
        return len(matches) - 1 if backwards else 0

    def _show(self, matches: list[Occurrence], number: int) -> Occurrence:
        match = matches[number]
        self.current = match
        self.status.setText(f"Match {number + 1} of {len(matches)}: {self._where(match)}")
        self.window_.navigation.show_occurrence(match, _piece_number(self.window_, match))
        return match

    def _where(self, match: Occurrence) -> str:
        section = self.window_.session.section(match.section_id)
        return f"{section.title}, {match.where}" if section is not None else match.where

    # -- replacing

    def replace_current(self) -> None:
        """Replace the match shown and show the next one (the first press,
        with no match shown yet, only finds)."""
        if self.current is None:
            self.find()
            return
        needle, replacement = self.find_edit.text(), self.replace_edit.text()
        session = self.window_.session
        number = self.current.index
        matches = self._matches()
        shown = matches[number] if number < len(matches) else None
        if shown is None or (shown.place, shown.start) != (self.current.place, self.current.start):
            # The text changed since this match was shown: show it (or the
            # next) again before replacing anything.
            self._reset()
            self.find()
            return
        new, count = replace_one(
            session.brief,
            needle,
            replacement,
            number,
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
        )
        if not count:
            self._reset()
            self.find()
            return
        session.replace_brief_content(new, f"Replace '{needle}'")
        matches = self._matches()
        # Matches inside the new text itself are not offered again.
        again = len(
            occurrences(
                _one_line_brief(replacement),
                needle,
                match_case=self.match_case.isChecked(),
                whole_word=self.whole_word.isChecked(),
            )
        )
        if not matches:
            self.current = None
            self.status.setText("Replaced 1. No more matches.")
            return
        self._show(matches, (number + again) % len(matches))
        self.status.setText("Replaced 1. " + self.status.text())

    def replace_everywhere(self) -> None:
        needle = self.find_edit.text()
        session = self.window_.session
        new, count = replace_all(
            session.brief,
            needle,
            self.replace_edit.text(),
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
        )
        if count:
            session.replace_brief_content(new, f"Replace '{needle}'")
        plural = "" if count == 1 else "s"
        self.status.setText(
            f"Replaced {count} occurrence{plural}." if count else f"'{needle}' was not found."
        )
        self.current = None


def _piece_number(window: MainWindow, match: Occurrence) -> int:
    """The match's piece of text counted as the text editor counts its
    blocks (callout titles, and pieces with text), or -1 for a title or a
    property."""
    section = window.session.section(match.section_id)
    if section is None or match.place.field is Field.SECTION_TITLE:
        return -1
    number = 0
    for piece in content_texts(section.content, section):
        if piece.place == match.place:
            return number
        if piece.text or piece.place.field is Field.CALLOUT_TITLE:
            number += 1
    return -1


def _one_line_brief(text: str) -> Brief:
    """A brief holding only ``text``, to count the matches inside it."""
    return Brief(metadata=Metadata(title=text, subtitle=""))


__all__ = ["FindBar"]
