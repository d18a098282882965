"""Spelling in the app: underlines as you type, the context menu, the
brief's language in the status bar.

:class:`SpellingSupport` is made once by the main window and finds the
fields itself: the text editor, the table editor's cells (the grid and the
cell editor), its caption and source line, and the title and subtitle in
Properties. It keeps one :class:`SpellState` (the brief's speller and the
words it accepts) that every underline and menu reads, and tells them all
to look again when the language, the brief's ignore list, the marking or
the author's word list changes.

When no dictionary can be found for the brief's language, the app says so
once (per language) and the status bar shows "spelling not checked"; the
check panel lists it too (a finding of the check before sending).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu, QPlainTextEdit, QToolButton, QWidget

from briefing_app.errors import WriteError
from briefing_app.gui import dialogs
from briefing_app.gui.spell_highlighter import SpellHighlighter
from briefing_app.gui.spell_menu import SpellMenus
from briefing_app.gui.spell_underlines import CellUnderlines, LineUnderlines
from briefing_app.spelling import check as spell_check
from briefing_app.spelling.check import accepted_words, misspelt
from briefing_app.spelling.dictionaries import available_languages, language_name, normalise_tag
from briefing_app.spelling.engine import Speller, SpellerUnavailable, speller_for
from briefing_app.spelling.wordlist import personal_words
from briefing_app.spelling.words import Word

#: Seconds one check in the app spends on new suggestions (the check runs
#: on the preview's thread; Hunspell holds Python's lock while it thinks).
CHECK_SUGGESTION_BUDGET = 0.3


class SpellState(QObject):
    """The brief's speller and accepted words, shared by every underline."""

    #: The speller or the accepted words changed: look again.
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speller: Speller | None = None
        self.tag = ""
        self.problem = ""  # why there is no speller
        self.accepted: frozenset[str] = frozenset()

    @property
    def ready(self) -> bool:
        return self.speller is not None

    def misspelt(self, text: str, skip: list[tuple[int, int]] | tuple = ()) -> list[Word]:
        if self.speller is None or not text:
            return []
        return misspelt(text, self.speller, self.accepted, skip)

    def set(self, speller: Speller | None, tag: str, problem: str, accepted: frozenset) -> None:
        if (speller, tag, problem, accepted) == (
            self.speller,
            self.tag,
            self.problem,
            self.accepted,
        ):
            return
        self.speller, self.tag, self.problem, self.accepted = speller, tag, problem, accepted
        self.changed.emit()


class LanguageButton(QToolButton):
    """The brief's language in the status bar; a click chooses another."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setAccessibleName("Language of the brief, for spelling")
        self.menu_ = QMenu(self)
        self.menu_.aboutToShow.connect(self._fill)
        self.setMenu(self.menu_)
        self.current = ""

    def show_state(self, tag: str, problem: str) -> None:
        self.current = tag
        name = language_name(tag)
        if problem:
            self.setText(f"{name}: spelling not checked")
            self.setToolTip(f"Spelling not checked: {problem}. Click to choose the language.")
        else:
            self.setText(name)
            self.setToolTip(
                f"The brief is in {name}: spelling is checked against its dictionary. "
                "Click to choose another language."
            )

    def _fill(self) -> None:
        self.menu_.clear()
        group = QActionGroup(self.menu_)
        languages = available_languages()
        if self.current not in {tag for tag, _ in languages}:
            languages.insert(0, (self.current, f"{language_name(self.current)} (no dictionary)"))
        for tag, name in languages:
            action = QAction(name, self.menu_)
            action.setCheckable(True)
            action.setChecked(tag == self.current)
            action.setData(tag)
            action.setToolTip(tag)
            action.triggered.connect(lambda _c=False, t=tag: self.chosen.emit(t))
            group.addAction(action)
            self.menu_.addAction(action)


class SpellingSupport(QObject):
    """Spelling for one main window (see the module's notes)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = window.session
        self.state = SpellState(self)
        self.personal = personal_words()
        self._told: set[str] = set()  # languages the author was told lack a dictionary
        spell_check.suggestion_budget = CHECK_SUGGESTION_BUDGET

        self.language = LanguageButton(window)
        self.language.chosen.connect(self.set_language)
        window.statusBar().addPermanentWidget(self.language)

        self.menus = SpellMenus(self, self)
        text_area = window.text_editor.text_area
        self.highlighter = SpellHighlighter(text_area.document(), self.state)
        self.menus.watch(text_area)
        table = window.table_editor
        self.overlays: list[QWidget] = [CellUnderlines(table.view, self.state)]
        self.menus.watch(table.view)
        edits = getattr(window.properties, "edits", {})
        for edit in (
            table.caption_edit,
            table.source_edit,
            edits.get("title"),
            edits.get("subtitle"),
        ):
            if edit is not None:
                self.overlays.append(LineUnderlines(edit, self.state))
                self.menus.watch(edit)
        self._cell_highlighters: dict[int, SpellHighlighter] = {}
        QApplication.instance().focusChanged.connect(self._focus_changed)

        self.session.metadata_changed.connect(self.refresh)
        # After the window is up: the dictionary loads in a moment (~40 ms).
        QTimer.singleShot(0, self, self._start)

    # -- state -----------------------------------------------------------------------

    def _start(self) -> None:
        problem = self.personal.take_problem()
        if problem:
            dialogs.show_warning(self.window, "Your word list", problem)
        self.refresh()

    def refresh(self) -> None:
        """Look again: the language, the ignore list or the marking changed."""
        brief = self.session.brief
        tag = normalise_tag(brief.metadata.language)
        try:
            speller: Speller | None = speller_for(tag)
            problem = ""
        except SpellerUnavailable as exc:
            speller, problem = None, str(exc)
        accepted = accepted_words(brief, self.personal.words)
        self.state.set(speller, tag, problem, accepted)
        self.language.show_state(tag, problem)
        if problem and tag not in self._told:
            self._told.add(tag)
            QTimer.singleShot(
                0,
                self,
                lambda: dialogs.show_warning(
                    self.window,
                    "Spelling not checked",
                    f"Spelling is not checked: {problem}. Choose the brief's language in the "
                    "status bar, or ask for a dictionary to be installed (see the Help).",
                ),
            )

    def suggest(self, key: str, limit: int) -> list[str]:
        speller = self.state.speller
        if speller is None:
            return []
        if speller.cached_suggestions(key) is not None:
            return speller.suggest(key, limit)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # Hunspell: up to ~0.2 s
        try:
            return speller.suggest(key, limit)
        finally:
            QApplication.restoreOverrideCursor()

    # -- what the menu does -------------------------------------------------------------

    def set_language(self, tag: str) -> None:
        meta = self.session.brief.metadata
        if normalise_tag(tag) != normalise_tag(meta.language):
            self.session.set_metadata(dataclasses.replace(meta, language=tag), "language")

    def add_to_dictionary(self, word: str) -> None:
        try:
            self.personal.add(word)
        except WriteError as exc:
            dialogs.show_warning(self.window, "Add to dictionary", str(exc))
        self.refresh()
        self.window.preview.schedule()  # the check's list follows

    def ignore_in_brief(self, word: str) -> None:
        meta = self.session.brief.metadata
        if word in meta.ignored_words:
            return
        words = [*meta.ignored_words, word]
        self.session.set_metadata(dataclasses.replace(meta, ignored_words=words), "ignored_words")

    # -- cell editors ---------------------------------------------------------------------

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A cell editor opened: underline in it and give it the menu."""
        if not isinstance(new, QPlainTextEdit):
            return
        view = self.window.table_editor.view
        if not view.isAncestorOf(new) or id(new) in self._cell_highlighters:
            return
        key = id(new)
        self._cell_highlighters[key] = SpellHighlighter(new.document(), self.state)
        self.menus.watch(new)
        new.destroyed.connect(lambda _o=None: self._cell_highlighters.pop(key, None))
