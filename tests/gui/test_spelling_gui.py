"""Spelling in the app (issue 15), used as a person would: words typed and
underlined, a right-click on a word and a click in the menu that opens."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QPlainTextEdit, QWidget

from briefing_app.gui.main_window import MainWindow
from briefing_app.gui.spell_menu import ADD_TEXT, IGNORE_TEXT
from briefing_app.gui.spell_underlines import cell_layout
from briefing_app.model.brief import Brief, Metadata, Section, SectionKind, TableContent
from briefing_app.model.text import Run
from briefing_app.model.walk import content_texts
from briefing_app.sample import load_sample
from briefing_app.spelling.wordlist import personal_words
from tests.gui.keyboard import type_text
from tests.gui.safety_answers import Answers
from tests.gui.windows import new_window


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


def opened(qtbot, tmp_path: Path, brief: Brief) -> MainWindow:
    window = new_window(qtbot, tmp_path)
    window.resize(1400, 900)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.load_brief(brief, None)
    qtbot.waitUntil(lambda: window.spelling.state.tag == brief.metadata.language)
    return window


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Answers) -> MainWindow:
    return opened(qtbot, tmp_path, load_sample())


def show(window: MainWindow, title: str) -> None:
    section = next(s for s in window.session.brief.sections if s.title == title)
    window.sections.select(section.id)


def underlined(document, block_number: int | None = None) -> list[str]:
    """The text under a red wave in ``document`` (one block, or all)."""
    found = []
    block = document.begin()
    while block.isValid():
        if block_number is None or block.blockNumber() == block_number:
            for fmt in block.layout().formats():
                style = fmt.format.underlineStyle()
                if style == QTextCharFormat.UnderlineStyle.WaveUnderline:
                    found.append(block.text()[fmt.start : fmt.start + fmt.length])
        block = block.next()
    return found


def right_click(qtbot, widget: QWidget, point: QPoint) -> QMenu:
    """A right-click at ``point`` (through the window, as the system sends
    it: Qt makes the context menu event); returns the menu that opens."""
    window = widget.window()
    at = widget.mapTo(window, point)
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, at
    )
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def choose(qtbot, menu: QMenu, text: str) -> None:
    """Click the menu's entry ``text``."""
    action = next(a for a in menu.actions() if a.text().replace("&", "") == text)
    QTest.mouseClick(
        menu.windowHandle(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        menu.actionGeometry(action).center(),
    )
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)


def entries(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions()]


def point_in_text(area, word: str) -> QPoint:
    """A point inside ``word`` in the text area's viewport (scrolled into view)."""
    found = area.document().find(word)
    assert not found.isNull(), word
    cursor = QTextCursor(area.document())
    cursor.setPosition(found.selectionStart() + 2)
    area.setTextCursor(cursor)
    area.ensureCursorVisible()
    point = area.cursorRect(cursor).center()
    assert area.viewport().rect().contains(point), (point, area.viewport().rect())
    return point


def type_in_context(window: MainWindow, qtbot, text: str) -> None:
    show(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    cursor = area.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    area.setTextCursor(cursor)
    type_text(area, text)


def context_text(window: MainWindow) -> str:
    section = next(s for s in window.session.brief.sections if s.title == "Context")
    return "\n".join(piece.text for piece in content_texts(section.content))


# -- the text editor ---------------------------------------------------------------------


def test_the_sample_opens_with_nothing_underlined(window: MainWindow) -> None:
    for section in window.session.brief.sections:
        if section.kind.content_type.__name__ == "TextContent":
            show(window, section.title)
            assert underlined(window.text_editor.text_area.document()) == [], section.title
    assert window.spelling.language.text() == "English (UK)"


def test_misspelt_words_are_underlined_as_you_type(window: MainWindow, qtbot) -> None:
    type_in_context(window, qtbot, " We will recieve teh report on the colour scheme.")
    doc = window.text_editor.text_area.document()
    assert underlined(doc, doc.blockCount() - 1) == ["recieve", "teh"]
    # The wave is the layout's, never the text's: the editor reads back what the brief holds.
    assert "recieve" in context_text(window)
    section = next(s for s in window.session.brief.sections if s.title == "Context")
    assert window.text_editor.current() == section.content


def test_a_suggestion_from_the_context_menu_replaces_the_word(window: MainWindow, qtbot) -> None:
    type_in_context(window, qtbot, " We will recieve it.")
    area = window.text_editor.text_area
    menu = right_click(qtbot, area.viewport(), point_in_text(area, "recieve"))
    assert entries(menu)[:3] == ["receive", "relieve", "reverie"]
    assert ADD_TEXT in entries(menu) and IGNORE_TEXT in entries(menu)
    assert any("Copy" in e for e in entries(menu))  # the field's own menu follows
    choose(qtbot, menu, "receive")
    assert "We will receive it." in context_text(window)
    assert underlined(area.document()) == []
    window.undo_action.trigger()
    assert "receive" not in context_text(window)


def test_add_to_dictionary_through_the_context_menu(window: MainWindow, qtbot) -> None:
    type_in_context(window, qtbot, " Tsikhanouskaya spoke; Tsikhanouskaya left.")
    area = window.text_editor.text_area
    assert underlined(area.document()) == ["Tsikhanouskaya"] * 2
    choose(
        qtbot, right_click(qtbot, area.viewport(), point_in_text(area, "Tsikhanouskaya")), ADD_TEXT
    )
    assert underlined(area.document()) == []
    assert "Tsikhanouskaya" in personal_words().words
    listed = (personal_words().path).read_text(encoding="utf-8")
    assert "Tsikhanouskaya\n" in listed
    assert window.session.brief.metadata.ignored_words.count("Tsikhanouskaya") == 0


def test_ignore_in_this_brief_through_the_context_menu(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    type_in_context(window, qtbot, " Bialiatski was freed.")
    area = window.text_editor.text_area
    choose(
        qtbot, right_click(qtbot, area.viewport(), point_in_text(area, "Bialiatski")), IGNORE_TEXT
    )
    assert "Bialiatski" in window.session.brief.metadata.ignored_words
    assert underlined(area.document()) == []
    assert "Bialiatski" not in personal_words().words
    window.session.save(tmp_path / "saved.brief")
    assert '"Bialiatski"' in (tmp_path / "saved.brief").read_text(encoding="utf-8")
    window.undo_action.trigger()
    assert "Bialiatski" not in window.session.brief.metadata.ignored_words
    qtbot.waitUntil(lambda: underlined(area.document()) == ["Bialiatski"])


def test_a_word_list_that_cannot_be_written_is_reported(
    window: MainWindow, qtbot, answers: Answers
) -> None:
    path = personal_words().path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# words\n", encoding="utf-8")
    path.chmod(0o444)
    try:
        type_in_context(window, qtbot, " Viasna reported.")
        area = window.text_editor.text_area
        choose(qtbot, right_click(qtbot, area.viewport(), point_in_text(area, "Viasna")), ADD_TEXT)
        assert any("could not be saved" in w for w in answers.warnings)
        assert underlined(area.document()) == []  # accepted for this session
    finally:
        path.chmod(0o644)


def test_the_menu_key_opens_the_menu_on_the_word_at_the_cursor(window: MainWindow, qtbot) -> None:
    type_in_context(window, qtbot, " Then teh end")
    area = window.text_editor.text_area
    cursor = area.document().find("teh")
    area.setTextCursor(cursor)
    # What Qt sends for the menu key (or Shift+F10): a keyboard context menu.
    at = area.cursorRect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, at, area.mapToGlobal(at))
    QApplication.sendEvent(area, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert entries(menu)[0] == "the"
    menu.close()


# -- one-line fields and tables --------------------------------------------------------------


def test_the_title_is_checked_and_corrected_from_its_menu(window: MainWindow, qtbot) -> None:
    window.side_tabs.setCurrentIndex(0)
    title: QLineEdit = window.properties.edits["title"]
    title.setFocus()
    title.selectAll()
    type_text(title, "The relaese")
    qtbot.waitUntil(lambda: window.session.brief.metadata.title == "The relaese")
    title.setCursorPosition(0)
    point = QPoint(
        title.cursorRect().left() + 5 + title.fontMetrics().horizontalAdvance("The re"),
        title.height() // 2,
    )
    assert title.visibleRegion().contains(point)
    menu = right_click(qtbot, title, point)
    assert entries(menu)[0] == "release"
    choose(qtbot, menu, "release")
    assert window.session.brief.metadata.title == "The release"


def table_brief() -> Brief:
    table = TableContent(
        caption="Factors",
        columns=["Factor", "Note"],
        rows=[[[Run("Sanctoins")], [Run("A long note that wraps, with one mistaek in it.")]]],
    )
    return Brief(
        metadata=Metadata(title="Tables"),
        sections=[Section(SectionKind.CUSTOM_TABLE, "Factors", table)],
    )


def test_a_table_cell_is_checked_and_corrected_from_its_menu(
    qtbot, tmp_path: Path, answers: Answers
) -> None:
    window = opened(qtbot, tmp_path, table_brief())
    show(window, "Factors")
    view = window.table_editor.view
    qtbot.waitUntil(view.isVisible)
    index = view.model().index(0, 0)
    layout, origin = cell_layout(view, index)
    line = layout.lineAt(0)
    point = (origin + line.position()).toPoint() + QPoint(int(line.cursorToX(3)[0]), 4)
    menu = right_click(qtbot, view.viewport(), point)
    assert entries(menu)[0] == "Sanctions"
    choose(qtbot, menu, "Sanctions")
    cell = window.session.brief.sections[0].content.rows[0][0]
    assert [r.text for r in cell] == ["Sanctions"]


def test_a_cell_being_edited_underlines_as_you_type(qtbot, tmp_path: Path, answers) -> None:
    window = opened(qtbot, tmp_path, table_brief())
    show(window, "Factors")
    view = window.table_editor.view
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 1))
    type_text(view, "Teh last word")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QPlainTextEdit)
    qtbot.waitUntil(lambda: underlined(editor.document()) == ["Teh"])


def test_the_caption_is_checked(qtbot, tmp_path: Path, answers) -> None:
    brief = table_brief()
    brief.sections[0].content.caption = "Factors behind the relaese"
    window = opened(qtbot, tmp_path, brief)
    show(window, "Factors")
    caption = window.table_editor.caption_edit
    assert [w.text for w in window.spelling.state.misspelt(caption.text())] == ["relaese"]


# -- the language ---------------------------------------------------------------------------


def test_the_language_is_in_the_status_bar_and_chosen_there(window: MainWindow, qtbot) -> None:
    type_in_context(window, qtbot, " The color and the colour.")
    area = window.text_editor.text_area
    assert underlined(area.document()) == ["color"]
    button = window.spelling.language
    assert button.isVisible() and button.text() == "English (UK)"
    button.menu().aboutToShow.emit()  # as when it opens
    us = next(a for a in button.menu().actions() if a.text() == "English (US)")
    us.trigger()
    assert window.session.brief.metadata.language == "en-US"
    last = area.document().blockCount() - 1
    qtbot.waitUntil(lambda: underlined(area.document(), last) == ["colour"])
    assert button.text() == "English (US)"
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: button.text() == "English (UK)")


def test_no_dictionary_is_said_once(qtbot, tmp_path: Path, answers: Answers) -> None:
    brief = load_sample()
    brief.metadata = dataclasses.replace(brief.metadata, language="xx-YY")
    window = opened(qtbot, tmp_path, brief)
    qtbot.waitUntil(lambda: len(answers.warnings) == 1)
    assert "no xx-YY (xx-YY) spelling dictionary was found" in answers.warnings[0]
    assert window.spelling.language.text() == "xx-YY: spelling not checked"
    window.load_brief(brief, None)
    qtbot.wait(50)
    assert len(answers.warnings) == 1
    window.preview.refresh_now()
    qtbot.waitUntil(lambda: any(f.kind == "spelling" for f in window.check_panel.findings))
    spelling = [f for f in window.check_panel.findings if f.kind == "spelling"]
    assert spelling[0].message.startswith("Spelling not checked")
