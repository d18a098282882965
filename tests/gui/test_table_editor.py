"""The table editor driven like a person: click, type, press keys, use actions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from briefing_app.gui.table_editor import LAST_COLUMN_MESSAGE, TableEditor
from briefing_app.gui.table_widgets import HeadingEdit
from briefing_app.model.brief import TableContent
from briefing_app.model.text import Run, clean_text, normalise_runs
from tests.gui.keyboard import type_text

BOLD_NAME = [Run("Ales "), Run("Bialiatski", bold=True)]
LINKED = [Run("see "), Run("report", link="https://example.org/report")]
SOURCE = [Run("Source: "), Run("Viasna", link="https://spring96.org")]


def sample() -> TableContent:
    return TableContent(
        caption="Table 1. Releases",
        columns=["Name", "Year", "Note"],
        rows=[
            [BOLD_NAME, [Run("2024")], LINKED],
            [[Run("Maria")], [Run("2025")], []],
        ],
        source=SOURCE,
    )


def texts(content: TableContent) -> list[list[str]]:
    return [["".join(r.text for r in cell) for cell in row] for row in content.rows]


@pytest.fixture
def editor(qtbot) -> TableEditor:
    widget = TableEditor()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    widget.load(sample())
    return widget


@pytest.fixture
def emitted(editor: TableEditor) -> list[TableContent]:
    seen: list[TableContent] = []
    editor.content_edited.connect(seen.append)
    return seen


def focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def click_cell(qtbot, editor: TableEditor, row: int, column: int) -> None:
    rect = editor.view.visualRect(editor.model.index(row, column))
    qtbot.mouseClick(editor.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.view.currentIndex() == editor.model.index(row, column)


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focus(), key, modifier)


# -- load and cells ------------------------------------------------------------


def test_load_shows_the_table_without_emitting(qtbot, editor: TableEditor) -> None:
    with qtbot.assertNotEmitted(editor.content_edited):
        editor.load(sample())
    assert editor.caption_edit.text() == "Table 1. Releases"
    assert editor.source_edit.text() == "Source: Viasna"
    header = [editor.model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)]
    assert header == ["Name", "Year", "Note"]
    assert editor.model.index(0, 0).data() == "Ales Bialiatski"
    assert editor.current() == sample()
    assert editor.current() is not editor.current()


def test_typing_in_a_cell_and_enter_saves_it(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 1, 2)
    with qtbot.waitSignal(editor.content_edited) as blocker:
        type_text(qtbot, "Pending review")
        press(qtbot, Qt.Key.Key_Return)
    content = editor.current()
    assert blocker.args[0] == content
    assert content.rows[1][2] == [Run("Pending review")]
    # Cells the user did not touch keep their bold and link runs.
    assert content.rows[0][0] == BOLD_NAME
    assert content.rows[0][2] == LINKED
    assert content.source == SOURCE
    assert len(emitted) == 1


def test_typing_non_ascii_names(qtbot, editor) -> None:
    click_cell(qtbot, editor, 1, 0)
    type_text(qtbot, "Statkevič, Аляксандр")
    press(qtbot, Qt.Key.Key_Return)
    assert editor.current().rows[1][0] == [Run("Statkevič, Аляксандр")]


def test_typing_replaces_a_formatted_cell_with_plain_text(qtbot, editor) -> None:
    click_cell(qtbot, editor, 0, 0)
    type_text(qtbot, "Someone else")
    press(qtbot, Qt.Key.Key_Return)
    assert editor.current().rows[0][0] == [Run("Someone else")]


def test_opening_a_cell_and_saving_unchanged_text_keeps_its_marks(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 0, 2)
    press(qtbot, Qt.Key.Key_F2)
    assert editor.view.state() == editor.view.State.EditingState
    press(qtbot, Qt.Key.Key_Return)
    assert editor.current().rows[0][2] == LINKED
    assert emitted == []


def test_escape_cancels_a_cell_edit(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 1, 1)
    type_text(qtbot, "1999")
    press(qtbot, Qt.Key.Key_Escape)
    assert editor.current() == sample()
    assert emitted == []


def test_alt_enter_starts_a_new_line_in_a_cell(qtbot, editor) -> None:
    click_cell(qtbot, editor, 1, 2)
    type_text(qtbot, "first")
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    type_text(qtbot, "second")
    press(qtbot, Qt.Key.Key_Return)
    assert editor.current().rows[1][2] == [Run("first\nsecond")]


def test_delete_key_clears_the_selected_cells(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 1, 0)
    qtbot.mouseClick(
        editor.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        editor.view.visualRect(editor.model.index(1, 1)).center(),
    )
    press(qtbot, Qt.Key.Key_Delete)
    assert texts(editor.current())[1] == ["", "", ""]
    assert len(emitted) == 1


# -- rows ----------------------------------------------------------------------


def test_add_rows_above_and_below(qtbot, editor) -> None:
    click_cell(qtbot, editor, 0, 1)
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_add_row_below.trigger()
    assert texts(blocker.args[0]) == [
        ["Ales Bialiatski", "2024", "see report"],
        ["", "", ""],
        ["Maria", "2025", ""],
    ]
    assert editor.view.currentIndex().row() == 1
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_add_row_above.trigger()
    assert [row[0] for row in texts(blocker.args[0])] == ["Ales Bialiatski", "", "", "Maria"]
    assert blocker.args[0].rows[0][0] == BOLD_NAME


def test_shortcut_adds_a_row_below(qtbot, editor) -> None:
    click_cell(qtbot, editor, 1, 0)
    with qtbot.waitSignal(editor.content_edited):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(editor.current().rows) == 3


def test_move_and_delete_rows(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 0, 0)
    editor.action_move_row_down.trigger()
    assert texts(editor.current())[1][0] == "Ales Bialiatski"
    assert editor.current().rows[1][0] == BOLD_NAME
    assert editor.view.currentIndex().row() == 1
    editor.action_move_row_down.trigger()  # already last: nothing happens
    editor.action_move_row_up.trigger()
    assert editor.current() == sample()
    assert len(emitted) == 2 and emitted[0] is not emitted[1]
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_delete_rows.trigger()
    assert texts(blocker.args[0]) == [["Maria", "2025", ""]]


def test_deleting_several_selected_rows(qtbot, editor) -> None:
    editor.view.selectAll()
    editor.action_delete_rows.trigger()
    assert editor.current().rows == []
    assert editor.current().columns == ["Name", "Year", "Note"]


# -- columns -------------------------------------------------------------------


def test_add_columns_left_and_right(qtbot, editor) -> None:
    click_cell(qtbot, editor, 0, 1)
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_add_column_right.trigger()
    assert blocker.args[0].columns == ["Name", "Year", "Column 3", "Note"]
    assert blocker.args[0].rows[0][3] == LINKED
    click_cell(qtbot, editor, 0, 0)
    editor.action_add_column_left.trigger()
    content = editor.current()
    assert content.columns == ["Column 1", "Name", "Year", "Column 3", "Note"]
    assert texts(content)[0] == ["", "Ales Bialiatski", "2024", "", "see report"]


def test_move_columns(qtbot, editor) -> None:
    click_cell(qtbot, editor, 1, 0)
    editor.action_move_column_right.trigger()
    content = editor.current()
    assert content.columns == ["Year", "Name", "Note"]
    assert content.rows[0][1] == BOLD_NAME
    assert editor.view.currentIndex().column() == 1
    editor.action_move_column_left.trigger()
    assert editor.current() == sample()


def test_delete_columns_but_never_the_last(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 0, 1)
    editor.action_delete_columns.trigger()
    assert editor.current().columns == ["Name", "Note"]
    editor.view.selectAll()
    with qtbot.waitSignal(editor.status_message) as message:
        editor.action_delete_columns.trigger()
    assert message.args == [LAST_COLUMN_MESSAGE]
    assert editor.status_label.text() == LAST_COLUMN_MESSAGE
    assert editor.current().columns == ["Name", "Note"]
    click_cell(qtbot, editor, 0, 1)
    editor.action_delete_columns.trigger()
    editor.action_delete_columns.trigger()  # refused: only one column left
    assert editor.current().columns == ["Name"]
    assert texts(editor.current()) == [["Ales Bialiatski"], ["Maria"]]
    assert len(emitted) == 2


# -- headings ------------------------------------------------------------------


def heading_editor(editor: TableEditor) -> HeadingEdit:
    edits = editor.view.horizontalHeader().viewport().findChildren(HeadingEdit)
    visible = [e for e in edits if e.isVisible()]
    assert len(visible) == 1
    return visible[0]


def test_double_click_a_heading_to_rename_it(qtbot, editor) -> None:
    header = editor.view.horizontalHeader()
    pos = QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2)
    qtbot.mouseDClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    edit = heading_editor(editor)
    assert edit.hasFocus() and edit.text() == "Year"
    with qtbot.waitSignal(editor.content_edited) as blocker:
        type_text(qtbot, "Year of release")
        press(qtbot, Qt.Key.Key_Return)
    assert blocker.args[0].columns == ["Name", "Year of release", "Note"]
    assert not edit.isVisible()


def test_rename_heading_by_keyboard_and_escape_cancels(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 0, 2)
    press(qtbot, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    type_text(qtbot, "Notes")
    press(qtbot, Qt.Key.Key_Escape)
    assert editor.current().columns == ["Name", "Year", "Note"]
    assert emitted == []
    editor.action_rename_column.trigger()
    type_text(qtbot, "Заўвагі")
    press(qtbot, Qt.Key.Key_Enter)
    assert editor.current().columns == ["Name", "Year", "Заўвагі"]
    assert len(emitted) == 1


def test_clicking_away_keeps_a_new_heading(qtbot, editor) -> None:
    click_cell(qtbot, editor, 0, 0)
    editor.action_rename_column.trigger()
    type_text(qtbot, "Full name")
    click_cell(qtbot, editor, 1, 1)
    assert editor.current().columns == ["Full name", "Year", "Note"]
    assert heading_editor_count(editor) == 0


def heading_editor_count(editor: TableEditor) -> int:
    edits = editor.view.horizontalHeader().viewport().findChildren(HeadingEdit)
    return len([e for e in edits if e.isVisible()])


def test_a_half_typed_cell_is_saved_before_a_row_is_added(qtbot, editor, emitted) -> None:
    click_cell(qtbot, editor, 1, 1)
    type_text(qtbot, "2026")
    editor.action_add_row_above.trigger()
    assert texts(editor.current())[2][:2] == ["Maria", "2026"]
    assert len(emitted) == 2
    assert texts(emitted[0])[1][1] == "2026" and len(emitted[0].rows) == 2


# -- caption and source line -----------------------------------------------------


def test_caption_and_source_emit_while_typing(qtbot, editor, emitted) -> None:
    editor.caption_edit.setFocus()
    editor.caption_edit.selectAll()
    type_text(qtbot, "Table 2")
    assert emitted[-1].caption == "Table 2"
    assert len(emitted) == len("Table 2")
    assert editor.current().source == SOURCE
    editor.source_edit.setFocus()
    editor.source_edit.end(False)
    type_text(qtbot, ", 2025")
    assert editor.current().source == [Run("Source: Viasna, 2025")]
    assert emitted[-1] == editor.current()


# -- paste ---------------------------------------------------------------------


def test_paste_a_block_from_a_spreadsheet_grows_the_table(qtbot, editor) -> None:
    QApplication.clipboard().setText('A1\tB1\tC1\r\n"two\nlines"\t"x\ty"\t"say ""hi"""\r\n')
    click_cell(qtbot, editor, 1, 1)
    with qtbot.waitSignal(editor.content_edited) as blocker:
        editor.action_paste.trigger()
    content = blocker.args[0]
    assert content.columns == ["Name", "Year", "Note", "Column 4"]
    assert texts(content) == [
        ["Ales Bialiatski", "2024", "see report", ""],
        ["Maria", "A1", "B1", "C1"],
        ["", "two\nlines", "x y", 'say "hi"'],
    ]
    assert content.rows[0][0] == BOLD_NAME
    selected = editor.view.selectionModel().selectedIndexes()
    assert len(selected) == 6


def test_ctrl_v_on_the_table_pastes_cells(qtbot, editor) -> None:
    QApplication.clipboard().setText("x\ny\nz\n")
    click_cell(qtbot, editor, 0, 2)
    with qtbot.waitSignal(editor.content_edited):
        press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert [row[2] for row in texts(editor.current())] == ["x", "y", "z"]


def test_ctrl_v_with_one_line_fills_the_current_cell_verbatim(qtbot, editor) -> None:
    QApplication.clipboard().setText('"Free" at last\n')
    click_cell(qtbot, editor, 1, 2)
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.current().rows[1][2] == [Run('"Free" at last')]
    assert len(editor.current().rows) == 2


def test_ctrl_v_while_editing_a_cell_pastes_into_the_cell(qtbot, editor) -> None:
    QApplication.clipboard().setText("a\tb")
    click_cell(qtbot, editor, 1, 2)
    type_text(qtbot, "x")
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Return)
    assert editor.current().rows[1][2] == [Run("xa b")]
    assert len(editor.current().columns) == 3


def test_ctrl_v_in_the_caption_pastes_there_not_into_cells(qtbot, editor, emitted) -> None:
    QApplication.clipboard().setText("Table 9\tdraft")
    editor.caption_edit.setFocus()
    editor.caption_edit.selectAll()
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert editor.current().caption.startswith("Table 9")
    assert editor.current().rows == sample().rows
    assert emitted and emitted[-1] == editor.current()


def test_paste_into_an_empty_table(qtbot, editor) -> None:
    editor.load(TableContent())
    QApplication.clipboard().setText("Name\tYear\nMaria\t2025\n")
    editor.action_paste.trigger()
    content = editor.current()
    assert content.columns == ["Column 1", "Column 2"]
    assert texts(content) == [["Name", "Year"], ["Maria", "2025"]]


# -- properties ----------------------------------------------------------------

_texts = st.text(max_size=12)
_runs = st.lists(
    st.builds(
        Run,
        text=_texts,
        bold=st.booleans(),
        italic=st.booleans(),
        link=st.sampled_from(["", "https://example.org/a", "mailto:x@example.org"]),
        needs_source=st.booleans(),
    ),
    max_size=4,
)


@st.composite
def tables(draw) -> TableContent:
    width = draw(st.integers(0, 4))
    heading = _texts.map(lambda s: clean_text(s, multiline=False))
    return TableContent(
        caption=draw(heading),
        columns=draw(st.lists(heading, min_size=width, max_size=width)),
        rows=draw(st.lists(st.lists(_runs, min_size=width, max_size=width), max_size=4)),
        source=draw(_runs),
    )


@pytest.mark.usefixtures("qapp")
@given(tables())
def test_load_then_current_is_lossless(content: TableContent) -> None:
    editor = TableEditor()
    seen: list[object] = []
    editor.content_edited.connect(seen.append)
    editor.load(content)
    expected = TableContent(
        caption=content.caption,
        columns=content.columns,
        rows=[[normalise_runs(cell) for cell in row] for row in content.rows],
        source=normalise_runs(content.source),
    )
    assert editor.current() == expected
    assert seen == []
    editor.deleteLater()
