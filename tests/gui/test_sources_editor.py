"""The sources editor driven like a person: add, type, move, delete, warnings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from briefing_app.gui.sources_editor import (
    ADDRESS_COLUMN,
    INCOMPLETE_WARNING,
    NO_SCHEME_WARNING,
    NO_TEXT_WARNING,
    NOT_A_LINK_WARNING,
    SourcesEditor,
    address_warning,
)
from briefing_app.model.brief import SourceEntry, SourcesContent
from tests.gui.keyboard import type_text


def sample() -> SourcesContent:
    return SourcesContent(
        [
            SourceEntry("Viasna, political prisoners list", "https://spring96.org", "src-viasna"),
            SourceEntry("Interview notes, 3 May", "", "src-notes"),
            SourceEntry("Press office", "mailto:press@example.org", "src-press"),
        ]
    )


@pytest.fixture
def editor(qtbot) -> SourcesEditor:
    widget = SourcesEditor()
    qtbot.addWidget(widget)
    widget.resize(800, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.load(sample())
    return widget


@pytest.fixture
def emitted(editor: SourcesEditor) -> list[SourcesContent]:
    seen: list[SourcesContent] = []
    editor.content_edited.connect(seen.append)
    return seen


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def click_cell(qtbot, editor: SourcesEditor, row: int, column: int) -> None:
    rect = editor.table.visualItemRect(editor.table.item(row, column))
    qtbot.mouseClick(editor.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert (editor.table.currentRow(), editor.table.currentColumn()) == (row, column)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), key, modifier)


def save_cell(qtbot, editor: SourcesEditor, key: Qt.Key = Qt.Key.Key_Return) -> None:
    """Enter or Tab; Qt saves a line edit from the event loop, so wait for it."""
    with qtbot.waitSignal(editor.table.itemDelegate().closeEditor):
        press(qtbot, key)


def test_load_shows_sources_without_emitting(qtbot, editor: SourcesEditor) -> None:
    with qtbot.assertNotEmitted(editor.content_edited):
        editor.load(sample())
    assert editor.table.rowCount() == 3
    assert editor.table.item(0, ADDRESS_COLUMN).text() == "https://spring96.org"
    assert editor.current() == sample()
    assert editor.warning_label.text() == ""


def test_add_a_source_and_type_it(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 0, 0)
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_add.trigger()
    new = blocker.args[0].items[1]
    assert (new.text, new.url) == ("", "") and new.id.startswith("src-")
    assert new.id not in {e.id for e in sample().items}
    type_text(qtbot, "Belsat report on Statkevič")
    save_cell(qtbot, editor, Qt.Key.Key_Tab)  # saves the text, moves to the address
    type_text(qtbot, "https://belsat.eu/a")
    save_cell(qtbot, editor)
    content = editor.current()
    assert (content.items[1].text, content.items[1].url) == (
        "Belsat report on Statkevič",
        "https://belsat.eu/a",
    )
    assert emitted[-1] == content
    assert len(content.items) == 4


def test_editing_text_in_place(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 1, 0)
    with qtbot.waitSignal(editor.content_edited) as blocker:
        type_text(qtbot, "Аляксандр, interview")
        save_cell(qtbot, editor)
    assert blocker.args[0].items[1].text == "Аляксандр, interview"
    assert len(emitted) == 1


def test_move_and_delete_sources(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 0, 1)
    editor.action_move_down.trigger()
    assert [i.text for i in editor.current().items][:2] == [
        "Interview notes, 3 May",
        "Viasna, political prisoners list",
    ]
    assert editor.table.currentRow() == 1
    editor.action_move_up.trigger()
    editor.action_move_up.trigger()  # already first: nothing happens
    assert editor.current() == sample()
    assert len(emitted) == 2 and emitted[0] is not emitted[1]
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_delete.trigger()
    assert [i.text for i in blocker.args[0].items] == [
        "Interview notes, 3 May",
        "Press office",
    ]


def test_shortcuts(qtbot, editor) -> None:
    click_cell(qtbot, editor, 2, 0)
    press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.current().items[1].text == "Press office"
    editor.table.selectAll()
    press(qtbot, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert editor.current().items == []


@pytest.mark.parametrize(
    ("address", "warning"),
    [
        ("javascript:alert(1)", NOT_A_LINK_WARNING),
        ("file:///C:/secret.docx", NOT_A_LINK_WARNING),
        ("www.example.org/report", NO_SCHEME_WARNING),
        ("https://", INCOMPLETE_WARNING),
        ("https://example.org/a b", INCOMPLETE_WARNING),
    ],
)
def test_unsafe_address_is_kept_with_a_warning(qtbot, editor, address, warning) -> None:
    click_cell(qtbot, editor, 1, ADDRESS_COLUMN)
    type_text(qtbot, address)
    save_cell(qtbot, editor)
    assert editor.current().items[1].url == address  # stored as typed
    assert editor.warning_label.text() == f"Source 2: {warning}"
    assert editor.table.item(1, ADDRESS_COLUMN).toolTip() == warning
    assert not editor.table.item(1, ADDRESS_COLUMN).icon().isNull()
    # Fixing it clears the warning.
    click_cell(qtbot, editor, 1, ADDRESS_COLUMN)
    type_text(qtbot, "https://example.org/report")
    assert editor.warning_label.text() == ""  # already while typing
    save_cell(qtbot, editor)
    assert editor.table.item(1, ADDRESS_COLUMN).icon().isNull()


def test_warning_while_typing_an_address(qtbot, editor) -> None:
    click_cell(qtbot, editor, 0, ADDRESS_COLUMN)
    type_text(qtbot, "ftp://x")
    assert editor.warning_label.text() == f"Source 1: {NOT_A_LINK_WARNING}"
    press(qtbot, Qt.Key.Key_Escape)
    assert editor.current() == sample()
    assert editor.warning_label.text() == ""


def test_address_without_text_is_flagged() -> None:
    editor = SourcesEditor()
    editor.load(SourcesContent([SourceEntry("", "https://example.org")]))
    editor.table.setCurrentCell(0, 0)
    assert editor.warning_label.text() == f"Source 1: {NO_TEXT_WARNING}"
    editor.deleteLater()


def test_address_warning_rules() -> None:
    for good in ("", "  ", "https://example.org", "http://a.b/c?d=1", "mailto:a@b.org"):
        assert address_warning(good) == ""
    assert address_warning("mailto:nobody") == INCOMPLETE_WARNING
    assert address_warning("data:text/html,hi") == NOT_A_LINK_WARNING
    assert address_warning("see the annex") == NOT_A_LINK_WARNING


_entries = st.builds(SourceEntry, text=st.text(max_size=15), url=st.text(max_size=15))


@pytest.mark.usefixtures("qapp")
@given(st.lists(_entries, max_size=5))
def test_load_then_current_is_lossless(items: list[SourceEntry]) -> None:
    editor = SourcesEditor()
    seen: list[object] = []
    editor.content_edited.connect(seen.append)
    editor.load(SourcesContent(items))
    assert editor.current() == SourcesContent(items)
    assert seen == []
    editor.deleteLater()


def test_ids_move_with_their_rows_and_new_rows_keep_theirs(editor, qtbot) -> None:
    editor.load(sample())
    editor.table.setCurrentCell(0, 0)
    editor.action_move_down.trigger()
    assert [e.id for e in editor.current().items] == ["src-notes", "src-viasna", "src-press"]
    editor.action_add.trigger()
    editor.table.closePersistentEditor(editor.table.currentItem())
    first, second = editor.current(), editor.current()
    assert [e.id for e in first.items] == [e.id for e in second.items]
    assert len({e.id for e in first.items}) == 4


def test_print_uncited_sources_round_trips(editor, qtbot) -> None:
    content = sample()
    content.show_uncited = True
    editor.load(content)
    assert editor.show_uncited.isChecked()
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.show_uncited.click()
    assert blocker.args[0].show_uncited is False
    assert [e.id for e in blocker.args[0].items] == [e.id for e in content.items]
