"""The editor for text sections: paragraphs, lists, links and callout boxes.

Everything the author does goes through :mod:`briefing_app.gui.richtext`, so
the document can only ever hold what the model holds: pasted HTML is read
into the model first and inserted from there, and the toolbar only sets the
four marks. The text area keeps no undo history: the main window owns the
one undo stack and replays content into :meth:`TextEditor.load`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui import text_places
from briefing_app.gui.callout_edit import continue_below
from briefing_app.gui.citations import NO_SOURCES, cite_label, pick_sources, with_cite_labels
from briefing_app.gui.editor_base import SectionEditor
from briefing_app.gui.fact_menu import FactMenu
from briefing_app.gui.figure_editing import FigureImages
from briefing_app.gui.figure_panel import FigurePanel
from briefing_app.gui.icons import icon
from briefing_app.gui.link_address import check_link
from briefing_app.gui.richtext import (
    callout_frame_format,
    callout_of,
    char_format,
    fill_document,
    is_callout,
    is_title_block,
    list_format,
    list_style_of,
    normalise_content,
    read_document,
    run_marks,
    text_list_of,
    title_format,
)
from briefing_app.gui.text_area import RichTextArea, link_extent, selected_runs
from briefing_app.gui.text_figures import FIGURE_FIELDS, TextFigures
from briefing_app.gui.tool_strip import ToolStrip
from briefing_app.model import (
    CALLOUT_TITLES,
    SectionContent,
    TextContent,
)
from briefing_app.model.brief import Brief, SourceEntry
from briefing_app.model.facts import fact_key
from briefing_app.model.text import ListStyle, Run, clean_text
from briefing_app.model.walk import Field, Place, content_texts

# -- dialogs (module functions so tests and other front ends can replace them) ---


def ask_link_address(parent: QWidget, current: str) -> str | None:
    """Ask for a link address; None when the author cancels."""
    text, ok = QInputDialog.getText(
        parent,
        "Link",
        "Web or e-mail address (leave empty to remove the link):",
        QLineEdit.EchoMode.Normal,
        current,
    )
    return text if ok else None


def ask_callout_title(parent: QWidget) -> str | None:
    """Ask for a callout title, offering the usual ones; None when cancelled."""
    text, ok = QInputDialog.getItem(
        parent, "Insert callout box", "Title of the box:", list(CALLOUT_TITLES), 0, True
    )
    return text if ok else None


def show_problem(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


# -- the editor ------------------------------------------------------------------------


class TextEditor(SectionEditor):
    """Edits a :class:`TextContent`; see :class:`SectionEditor` for the contract."""

    content_type = TextContent

    #: A short message for the author (shown in the status bar).
    hint = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_area = RichTextArea(self)
        self.text_area.hint.connect(self.hint)
        self._loading = False
        self._batch = 0
        self._last = TextContent([])

        self.bold_action = self._action(
            "&Bold", "Bold", self.toggle_bold, QKeySequence.StandardKey.Bold
        )
        self.italic_action = self._action(
            "&Italic", "Italic", self.toggle_italic, QKeySequence.StandardKey.Italic
        )
        self.bullet_action = self._action(
            "B&ullet list", "Bulleted list", self.toggle_bullets, "Ctrl+Shift+L"
        )
        self.numbered_action = self._action(
            "&Numbered list", "Numbered list", self.toggle_numbering, "Ctrl+Shift+N"
        )
        self.link_action = self._action(
            "&Link...", "Add, change or remove a link", self.edit_link, "Ctrl+K"
        )
        self.callout_action = self._action(
            "Insert &callout box...", "Insert a callout box", self.insert_callout, None, False
        )
        self.continue_below_action = self._action(
            "Continue &below the box",
            "Leave the callout box and carry on writing below it (Enter on an empty last "
            "line of the box does the same)",
            self.continue_below_box,
            "Ctrl+Shift+Return",
            False,
        )
        self.needs_source_action = self._action(
            'Mark "needs &source"',
            "Mark the selected text as needing a source before the brief goes out",
            self.toggle_needs_source,
            "Ctrl+Shift+M",
        )
        self.clear_format_action = self._action(
            "Clear &formatting",
            "Remove bold, italic, links and needs-source marks from the selection",
            self.clear_formatting,
            "Ctrl+\\",
            False,
        )
        self.cite_action = self._action(
            "C&ite source...",
            "Cite one or more of the brief's sources after the claim at the cursor",
            self.cite_sources,
            "Ctrl+Alt+F",
            False,
        )
        self.picture_action = self._action(
            "Insert &picture...",
            "Insert a picture (PNG, JPEG or SVG) from a file; you can also drop one here "
            "or paste a chart copied from a spreadsheet",
            lambda: self.figure_editing.insert_picture(),
            None,
            False,
        )
        self.chart_action = self._action(
            "Insert c&hart...",
            "Insert a chart of the numbers of one of the brief's tables (editing the table "
            "redraws it)",
            lambda: self.figure_editing.insert_chart(),
            None,
            False,
        )
        self._sources: list[SourceEntry] = []
        # A menu of the brief's facts (set_facts); not a shortcut of its own.
        self._facts: dict[str, str] = {}
        self.fact_menu = FactMenu(self)
        self.fact_menu.chosen.connect(self.insert_fact)
        self.insert_fact_action = self.fact_menu.make_action(
            "Insert a fact from the Facts tab: it shows the fact's value and follows its changes"
        )
        # Icons, and short words for the actions a Word user has no icon for;
        # the menu keeps the full names, the tooltips say what each does.
        worded = []
        for action, name, label in (
            (self.bold_action, "bold", ""),
            (self.italic_action, "italic", ""),
            (self.bullet_action, "bullets", ""),
            (self.numbered_action, "numbers", ""),
            (self.link_action, "link", ""),
            (self.callout_action, "callout", "Callout"),
            (self.continue_below_action, "continue-below", ""),
            (self.needs_source_action, "needs-source", "Needs source"),
            (self.clear_format_action, "clear-format", ""),
            (self.insert_fact_action, "fact", "Fact"),
            (self.cite_action, "cite", ""),
            (self.picture_action, "picture", ""),
            (self.chart_action, "chart", ""),
        ):
            action.setIcon(icon(name))
            if label:
                action.setIconText(label)
                worded.append(action)

        self.toolbar = ToolStrip("Text formatting", self)
        for action in self.actions():
            self.toolbar.add(action, words=action in worded)
        self.text_area.menu_actions = [self.continue_below_action]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.text_area)
        # Figures: their images from the brief, their fields below the text.
        self.figures = FigureImages()
        self.text_area.figure_images = self.figures.image
        self.text_area.figure_aspect = self.figures.aspect
        self.text_area.pictures = lambda: self.figures.brief.pictures
        self.text_area.keep_picture = lambda p: self.figures.brief.add_picture(p)
        self.figure_panel = FigurePanel(self)
        self.figure_panel.hide()
        self.figure_editing = TextFigures(self, self.figures)
        self.text_area.pictures_offered.connect(self.figure_editing.insert_offered)
        self.figure_panel.edited.connect(self.figure_editing.edited)
        layout.addWidget(self.figure_panel)
        self.setFocusProxy(self.text_area)

        self.text_area.document().contentsChanged.connect(self._contents_changed)
        self.text_area.cursorPositionChanged.connect(self._sync_actions)
        self.text_area.currentCharFormatChanged.connect(self._sync_actions)
        self.text_area.cursorPositionChanged.connect(self.figure_editing.sync)
        self._sync_actions()

    def set_brief(self, brief: Callable[[], Brief | None]) -> None:
        """Where figures find their pictures and tables (the open brief)."""
        self.figures.brief_getter = brief

    def _action(
        self,
        text: str,
        description: str,
        slot: Callable[[], None],
        shortcut: QKeySequence.StandardKey | str | None,
        checkable: bool = True,
    ) -> QAction:
        action = QAction(text, self)
        action.setCheckable(checkable)
        tip = description
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Only while the editor has focus: the main window may use the
            # same keys elsewhere.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{description} ({native})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setIconText(text.replace("&", "").rstrip("."))
        action.triggered.connect(slot)
        # Qt flips a checkable action before the slot runs; put it back to
        # what the text now is (also when a dialog was cancelled).
        action.triggered.connect(self._sync_actions)
        self.addAction(action)  # so the shortcut works while the text area has focus
        return action

    # -- SectionEditor -----------------------------------------------------------------

    def load(self, content: SectionContent, keep_cursor: bool = False) -> None:
        """Show ``content`` without emitting content_edited.

        With ``keep_cursor`` (after an undo or redo of this section) the
        cursor and scroll position stay where they were, as far as the new
        text allows; content equal to what is shown leaves the document alone
        so a half-typed empty line survives.
        """
        if not isinstance(content, TextContent):
            raise TypeError(f"a text editor shows TextContent, not {type(content).__name__}")
        new = normalise_content(with_cite_labels(content, self._sources))
        if keep_cursor and new == self.current():
            self._last = new
            return
        cursor = self.text_area.textCursor()
        anchor, position = cursor.anchor(), cursor.position()
        scroll = self.text_area.verticalScrollBar().value()
        self._loading = True
        try:
            fill_document(self.text_area.document(), new, self.figures.aspect)
        finally:
            self._loading = False
        self._last = self.current()
        cursor = QTextCursor(self.text_area.document())
        if keep_cursor:
            end = self.text_area.document().characterCount() - 1
            cursor.setPosition(min(anchor, end))
            cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
        self.text_area.setTextCursor(cursor)
        if keep_cursor:
            self.text_area.verticalScrollBar().setValue(scroll)
        self._sync_actions()
        self.figure_editing.sync()

    def current(self) -> TextContent:
        return read_document(self.text_area.document())

    def set_prompt(self, prompt: str) -> None:
        """The template's guidance, shown greyed while the section is empty
        (Qt's placeholder text: never part of the document)."""
        self.text_area.setPlaceholderText(prompt)
        self.text_area.setAccessibleDescription(
            f"Empty until you type. The template suggests: {prompt}" if prompt else ""
        )

    def select_piece_text(self, piece: int, start: int, end: int) -> bool:
        """Select characters ``start``-``end`` of the ``piece``-th piece of
        text of the section: the walker's pieces (model/walk.py) that hold
        text, callout titles always; a figure's caption, alt text or source
        line is selected in the figure's fields."""
        pieces = [
            p
            for p in content_texts(self.current())
            if p.text or p.place.field is Field.CALLOUT_TITLE
        ]
        if 0 <= piece < len(pieces) and pieces[piece].place.field in FIGURE_FIELDS:
            place = pieces[piece].place
            field = self.figure_editing.show_field(place.block, place.field)
            if field is not None:
                field.setSelection(start, end - start)
            return field is not None
        in_text = sum(1 for p in pieces[:piece] if p.place.field not in FIGURE_FIELDS)
        return text_places.select_piece_text(self.text_area, in_text, start, end)

    def show_place(self, place: Place, text: str) -> None:
        if place.field in FIGURE_FIELDS:
            field = self.figure_editing.show_field(place.block, place.field)
            if field is not None:
                field.setFocus()
                return
        super().show_place(place, text)

    def text_at_cursor(self) -> str:
        return self.text_area.textCursor().block().text()

    def go_to_words(self, words: list[str]) -> bool:
        return text_places.go_to_words(self.text_area, words)

    def reveal_change(self, before: SectionContent) -> None:
        """After an undo or redo: select what changed from ``before`` to what
        is shown now (or put the cursor where text went), and scroll to it."""
        if isinstance(before, TextContent):
            shown_before = normalise_content(with_cite_labels(before, self._sources))
            text_places.select_change(self.text_area, shown_before)

    # -- edits ---------------------------------------------------------------------------

    def _contents_changed(self) -> None:
        if not (self._loading or self._batch):
            self._emit_if_changed()

    def _emit_if_changed(self) -> None:
        content = self.current()
        # Format changes the model cannot see (e.g. bold on a title) are not edits.
        if content != self._last:
            self._last = content
            self.content_edited.emit(self.current())

    @contextmanager
    def _edit(self) -> Iterator[QTextCursor]:
        """One user edit: a single undo step for the window, one signal."""
        cursor = self.text_area.textCursor()
        self._batch += 1
        cursor.beginEditBlock()
        try:
            yield cursor
        finally:
            cursor.endEditBlock()
            self._batch -= 1
            if not self._batch:
                self._emit_if_changed()
            self._sync_actions()

    def _target(self, cursor: QTextCursor) -> QTextCursor:
        """The selection, or the word the cursor is inside (as Word does)."""
        if not cursor.hasSelection():
            text, at = cursor.block().text(), cursor.positionInBlock()
            if 0 < at < len(text) and text[at - 1].isalnum() and text[at].isalnum():
                cursor.select(QTextCursor.SelectionType.WordUnderCursor)
        return cursor

    def _change_marks(self, change: Callable[[Run], Run]) -> None:
        cursor = self._target(self.text_area.textCursor())
        if not cursor.hasSelection():
            typing = change(run_marks(self.text_area.currentCharFormat()))
            self.text_area.setCurrentCharFormat(char_format(typing))
            self._sync_actions()
            return
        with self._edit():
            for a, b, marks in selected_runs(cursor):
                if change(marks) != marks:
                    piece = QTextCursor(self.text_area.document())
                    piece.setPosition(a)
                    piece.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
                    piece.setCharFormat(char_format(change(marks)))

    def _toggle(self, mark: str) -> None:
        cursor = self._target(self.text_area.textCursor())
        if cursor.hasSelection():
            runs = selected_runs(cursor)
            on = not (runs and all(getattr(marks, mark) for _, _, marks in runs))
        else:
            on = not getattr(run_marks(self.text_area.currentCharFormat()), mark)
        self._change_marks(lambda marks: replace(marks, **{mark: on}))

    def toggle_bold(self) -> None:
        self._toggle("bold")

    def toggle_italic(self) -> None:
        self._toggle("italic")

    def toggle_needs_source(self) -> None:
        self._toggle("needs_source")

    def clear_formatting(self) -> None:
        # A fact is not formatting: it stays a fact.
        self._change_marks(lambda marks: Run(marks.text, fact=marks.fact))

    # -- facts ---------------------------------------------------------------------------

    def set_facts(self, values: dict[str, str]) -> None:
        """The brief's facts (name -> value, in table order) for the menu and pastes."""
        self._facts = dict(values)
        self.text_area.fact_values = {fact_key(n): v for n, v in values.items()}
        self.fact_menu.set_facts(values)

    def insert_fact(self, name: str) -> None:
        """Insert the fact ``name`` at the cursor, in place of any selection."""
        value = self._facts.get(name, "")
        if not value or is_title_block(self.text_area.textCursor().block()):
            return  # a callout title is plain text; an empty fact shows nothing
        with self._edit() as cursor:
            cursor.removeSelectedText()
            typing = replace(run_marks(cursor.charFormat()), text="", link="", fact="")
            cursor.insertText(value, char_format(replace(typing, text=value, fact=name)))
            self.text_area.setTextCursor(cursor)
            # Carry on typing plain text after it.
            self.text_area.setCurrentCharFormat(char_format(typing))

    # -- citations -----------------------------------------------------------------------

    def set_sources(self, sources: list[SourceEntry]) -> None:
        """The brief's Sources entries, in order (for the picker and the labels)."""
        self._sources = list(sources)
        self.text_area.source_ids = {s.id for s in sources}
        if not self._loading and not self._batch:
            self._relabel()

    def _relabel(self) -> None:
        """Show every citation with its current label (a source moved or went)."""
        current = self.current()
        labelled = with_cite_labels(current, self._sources)
        if labelled is not current:
            self.load(labelled, keep_cursor=True)

    def cite_sources(self) -> None:
        """Ask which sources to cite and insert the citation after the cursor."""
        if is_title_block(self.text_area.textCursor().block()):
            return
        if not any(s.text.strip() for s in self._sources):
            show_problem(self, "Cite a source", NO_SOURCES)
            return
        ids = pick_sources(self, self._sources)
        if ids:
            self.insert_citation(ids)

    def insert_citation(self, ids: list[str]) -> None:
        """Insert a citation of ``ids`` after the selection (never over it)."""
        if not ids or is_title_block(self.text_area.textCursor().block()):
            return
        label = cite_label(ids, self._sources)
        with self._edit() as cursor:
            cursor.setPosition(cursor.selectionEnd())
            cursor.insertText(label, char_format(Run(label, cite=tuple(ids))))
            self.text_area.setTextCursor(cursor)
            self.text_area.setCurrentCharFormat(char_format(Run("")))

    def toggle_bullets(self) -> None:
        self._toggle_list(ListStyle.BULLET)

    def toggle_numbering(self) -> None:
        self._toggle_list(ListStyle.NUMBERED)

    def _toggle_list(self, style: ListStyle) -> None:
        cursor = self.text_area.textCursor()
        doc = self.text_area.document()
        blocks = []
        block = doc.findBlock(cursor.selectionStart())
        while block.isValid() and block.position() <= cursor.selectionEnd():
            if not is_title_block(block):
                blocks.append(block)
            block = block.next()
        if not blocks:
            return

        def style_of(block: object) -> ListStyle | None:
            lst = text_list_of(block)  # type: ignore[arg-type]
            return list_style_of(lst.format()) if lst is not None else None

        make = not all(style_of(b) == style for b in blocks)
        with self._edit():
            for block in blocks:
                lst = text_list_of(block)
                if lst is not None:
                    lst.remove(block)
                    plain = QTextCursor(block)
                    fmt = plain.blockFormat()
                    fmt.setIndent(0)  # remove() leaves the list's indent behind
                    plain.setBlockFormat(fmt)
            if not make:
                return
            # Join a list of the same kind just above, so numbering continues.
            before = blocks[0].previous()
            target = None
            if before.isValid() and style_of(before) == style:
                frame_here, frame_there = callout_of(blocks[0]), callout_of(before)
                same_box = (frame_here is None and frame_there is None) or (
                    frame_here is not None
                    and frame_there is not None
                    and frame_here.objectIndex() == frame_there.objectIndex()
                )
                target = text_list_of(before) if same_box else None
            for block in blocks:
                if target is None:
                    target = QTextCursor(block).createList(list_format(style))
                else:
                    target.add(block)

    def edit_link(self) -> None:
        cursor = self.text_area.textCursor()
        if is_title_block(cursor.block()):
            return
        current = run_marks(self.text_area.currentCharFormat()).link
        if not cursor.hasSelection() and current:
            cursor = link_extent(cursor, current)
        answer = ask_link_address(self, current)
        if answer is None:
            return
        address, problem = check_link(answer)
        if problem:
            show_problem(self, "Link not added", problem)
            return
        if cursor.hasSelection():
            self.text_area.setTextCursor(cursor)
            self._change_marks(lambda marks: replace(marks, link=address))
        elif address:
            with self._edit() as edit:
                typing = run_marks(self.text_area.currentCharFormat())
                shown = address[7:] if address.lower().startswith("mailto:") else address
                edit.insertText(shown, char_format(replace(typing, link=address)))
                # Carry on typing outside the link.
                self.text_area.setCurrentCharFormat(char_format(replace(typing, link="")))

    def continue_below_box(self) -> None:
        """Leave the callout box the cursor is in; write below it."""
        cursor = self.text_area.textCursor()
        if continue_below(cursor):
            self.text_area.setTextCursor(cursor)
            self.text_area.setCurrentCharFormat(QTextCharFormat())
            self.text_area.ensureCursorVisible()
        self.text_area.setFocus()

    def insert_callout(self) -> None:
        title = ask_callout_title(self)
        if title is None:
            return
        title = clean_text(title, multiline=False).strip()
        with self._edit() as cursor:
            frame = callout_of(cursor.block())
            if frame is not None:  # boxes do not nest: put the new one after
                cursor.setPosition(frame.lastPosition() + 1)
            else:
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertFrame(callout_frame_format())
            cursor.setBlockCharFormat(title_format())
            cursor.insertText(title, title_format())
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            self.text_area.setTextCursor(cursor)

    # -- action state --------------------------------------------------------------------

    def _sync_actions(self) -> None:
        cursor = self.text_area.textCursor()
        marks = run_marks(self.text_area.currentCharFormat())
        if cursor.hasSelection() and (runs := [m for _, _, m in selected_runs(cursor)]):
            # A mark shows as on when all of the selection has it, as in Word.
            marks = Run(
                "",
                all(m.bold for m in runs),
                all(m.italic for m in runs),
                runs[0].link if all(m.link == runs[0].link for m in runs) else "",
                all(m.needs_source for m in runs),
            )
        in_title = is_title_block(cursor.block())
        lst = text_list_of(cursor.block())
        style = list_style_of(lst.format()) if lst is not None else None
        for action, on in (
            (self.bold_action, marks.bold),
            (self.italic_action, marks.italic),
            (self.link_action, bool(marks.link)),
            (self.needs_source_action, marks.needs_source),
            (self.bullet_action, style is ListStyle.BULLET),
            (self.numbered_action, style is ListStyle.NUMBERED),
        ):
            action.setChecked(on and not in_title)
            # A callout title is plain text in the model: marks do not apply.
            action.setEnabled(not in_title)
        self.clear_format_action.setEnabled(not in_title)
        self.insert_fact_action.setEnabled(not in_title)
        self.cite_action.setEnabled(not in_title)
        # Always on the toolbar (so it never jumps), usable inside a box.
        self.continue_below_action.setEnabled(is_callout(callout_of(cursor.block())))
