"""The app used as a person would: through its widgets and actions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from briefing_app.export import export_brief
from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from briefing_app.model.search import find_all
from briefing_app.sample import load_sample
from briefing_app.writers.registry import PDF, WORD, OutputFormat
from tests.docx_text import body_text, open_docx
from tests.gui.keyboard import type_text
from tests.gui.windows import new_window
from tests.pdf_text import pages_text, squash


class Dialogs:
    """Answers every dialog the app would show, and records what it asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.unsaved_answer = dialogs.Unsaved.DISCARD
        self.save_to: Path | None = None
        self.open_from: Path | None = None
        self.errors: list[str] = []
        self.unsaved_asked = 0
        self.exported: list[Path] = []
        monkeypatch.setattr(dialogs, "ask_unsaved", self._unsaved)
        monkeypatch.setattr(dialogs, "save_path", lambda *a: self.save_to)
        monkeypatch.setattr(dialogs, "open_path", lambda *a: self.open_from)
        monkeypatch.setattr(dialogs, "show_error", lambda _p, _t, m, d="": self.errors.append(m))
        monkeypatch.setattr(dialogs, "export_done", lambda _p, path, _w: self.exported.append(path))
        monkeypatch.setattr(dialogs, "confirm", lambda *a: True)
        # The sample has errors the check finds: export it as it is.
        self.errors_asked: list[list[str]] = []
        monkeypatch.setattr(dialogs, "ask_export_with_errors", self._errors)

    def _errors(self, _parent, errors: list[str]) -> dialogs.ErrorsChoice:
        self.errors_asked.append(errors)
        return dialogs.ErrorsChoice.ANYWAY

    def _unsaved(self, *_args: object) -> dialogs.Unsaved:
        self.unsaved_asked += 1
        return self.unsaved_answer


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    return Dialogs(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Dialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def export(window: MainWindow, qtbot, answers: Dialogs, fmt: OutputFormat, name: str) -> bytes:
    answers.save_to = answers.tmp_path / f"{name}{fmt.suffix}"
    action = window.export_actions["pdf"] if fmt is PDF else window.export_actions["docx"]
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        action.trigger()
    assert answers.exported[-1] == answers.save_to
    return answers.save_to.read_bytes()


def both_texts(window, qtbot, answers, name: str) -> tuple[str, str]:
    pdf = export(window, qtbot, answers, PDF, name)
    word = export(window, qtbot, answers, WORD, name)
    return squash(" ".join(pages_text(pdf))), squash(" ".join(body_text(word)))


def select_section(window: MainWindow, title: str) -> None:
    items = window.sections.list.findItems(title, Qt.MatchFlag.MatchExactly)
    window.sections.list.setCurrentItem(items[0])


def test_untick_a_section_and_it_is_gone_from_both_exports(window, qtbot, answers) -> None:
    pdf, word = both_texts(window, qtbot, answers, "before")
    assert "Did you know?" in pdf and "Did you know?" in word
    item = window.sections.list.findItems("Context", Qt.MatchFlag.MatchExactly)[0]
    rect = window.sections.list.visualItemRect(item)
    # Click the check box at the left of the row.
    qtbot.mouseClick(
        window.sections.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=rect.topLeft() + type(rect.topLeft())(10, rect.height() // 2),
    )
    assert window.session.section("s-context").included is False
    pdf, word = both_texts(window, qtbot, answers, "after")
    for text in (pdf, word):
        assert "Context" not in text.split("Release details")[0].split("Key points")[-1]
        assert "Did you know?" not in text


def test_move_a_section_and_both_exports_follow(window, qtbot, answers) -> None:
    select_section(window, "Sources")
    for _ in range(6):
        window.sections.up_action.trigger()
    assert window.session.brief.sections[0].title == "Sources"
    pdf, word = both_texts(window, qtbot, answers, "moved")
    for text in (pdf, word):
        assert text.index("Sources") < text.index("Key points")


def test_typed_non_ascii_text_made_bold_reaches_both_exports(window, qtbot, answers) -> None:
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(area, Qt.Key.Key_Return)
    type_text(area, "Statkevič met Аляксандр")
    cursor = area.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
    area.setTextCursor(cursor)
    window.text_editor.bold_action.trigger()
    pdf, word = both_texts(window, qtbot, answers, "typed")
    assert "Statkevič met Аляксандр" in pdf
    assert "Statkevič met Аляксандр" in word
    runs = [r for p in open_docx(answers.save_to.read_bytes()).paragraphs for r in p.runs]
    bold = "".join(r.text for r in runs if r.bold)
    assert "Statkevič met Аляксандр" in bold


def test_export_html_from_the_file_menu(window, qtbot, answers) -> None:
    from tests.html_text import parse

    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(area, Qt.Key.Key_Return)
    type_text(area, "<b>AT&T</b> said {{ x }}")
    file_menu = window.menuBar().actions()[0].menu()
    assert window.export_actions["html"] in file_menu.actions()
    answers.save_to = answers.tmp_path / "page"  # the ending is added
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        window.export_actions["html"].trigger()
    assert answers.exported == [answers.tmp_path / "page.html"]
    page = parse(answers.exported[0].read_bytes())
    assert page.root.find("title").text() == window.session.brief.metadata.title
    assert "<b>AT&T</b> said {{ x }}" in page.main_text()
    assert not list(page.main.find("p").iter("b"))


def test_edit_a_cell_add_a_row_then_undo_everything(window, qtbot, answers) -> None:
    sample_pdf = squash(" ".join(pages_text(_export_sample(answers.tmp_path, PDF))))
    select_section(window, "Factors behind the release")
    editor = window.table_editor
    view = editor.view
    index = editor.model.index(0, 0)
    view.setCurrentIndex(index)
    view.setFocus()
    type_text(view, "EU sanctions")
    QTest.keyClick(view.focusWidget() or view, Qt.Key.Key_Return)
    editor.action_add_row_below.trigger()
    new_row = editor.model.rowCount() - 1
    view.setCurrentIndex(editor.model.index(new_row, 0))
    type_text(view, "Hostage diplomacy")
    QTest.keyClick(view.focusWidget() or view, Qt.Key.Key_Return)
    # Also leave a section out and move one, to undo them too.
    select_section(window, "Sources")
    window.sections.up_action.trigger()
    window.sections.list.currentItem().setCheckState(Qt.CheckState.Unchecked)

    pdf, word = both_texts(window, qtbot, answers, "table")
    for text in (pdf, word):
        assert "EU sanctions" in text and "Hostage diplomacy" in text
        # The cell's old text is gone (a note's source may still say "US sanctions").
        assert "US sanctions Gave" not in text

    stack = window.session.undo_stack
    assert stack.count() >= 4
    while stack.canUndo():
        window.undo_action.trigger()
    assert not window.session.modified
    pdf, word = both_texts(window, qtbot, answers, "undone")
    assert pdf == sample_pdf
    assert "US sanctions" in word and "EU sanctions" not in word


def _export_sample(folder: Path, fmt: OutputFormat) -> bytes:
    path = folder / f"reference{fmt.suffix}"
    export_brief(load_sample(), path)
    return path.read_bytes()


def test_unsaved_changes_prompt_on_close(window, qtbot, answers) -> None:
    window.properties.edits["title"].setFocus()
    type_text(window.properties.edits["title"], " (draft)")
    assert window.session.modified and window.isWindowModified()
    answers.unsaved_answer = dialogs.Unsaved.CANCEL
    assert window.close() is False
    assert answers.unsaved_asked == 1 and window.isVisible()
    answers.unsaved_answer = dialogs.Unsaved.DISCARD
    assert window.close() is True
    assert answers.unsaved_asked == 2


def test_save_then_close_without_prompt(window, qtbot, answers, tmp_path) -> None:
    window.properties.edits["reference"].setFocus()
    type_text(window.properties.edits["reference"], "-B")
    answers.save_to = tmp_path / "mine.brief"
    window.save_action.trigger()
    assert (tmp_path / "mine.brief").exists()
    assert "mine.brief" in window.windowTitle() and not window.isWindowModified()
    assert window.close() is True
    assert answers.unsaved_asked == 0


def test_open_a_corrupt_file_shows_a_message_and_keeps_the_brief(
    window, qtbot, answers, tmp_path
) -> None:
    bad = tmp_path / "broken.brief"
    bad.write_bytes(b'{"format": "briefing-builder/brief", "schema_version": 2, "sect')
    answers.open_from = bad
    window.open_action.trigger()
    assert len(answers.errors) == 1 and "damaged" in answers.errors[0]
    assert window.session.brief.metadata.title.startswith("Belarus")
    assert window.isVisible()


def test_keystrokes_are_processed_while_a_preview_render_is_in_flight(
    window, qtbot, answers
) -> None:
    preview = window.preview
    real = preview.render_function

    def slow(brief):
        time.sleep(1.5)
        return real(brief)

    preview.render_function = slow
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    preview.refresh_now()
    assert preview.busy
    type_text(area, " Typed while rendering.")
    assert preview.busy, "the render should still be running"
    assert "Typed while rendering." in area.toPlainText()
    with qtbot.waitSignal(preview.rendered, timeout=20_000):
        pass
    # The edit made during the render is shown by the next refresh.
    qtbot.waitUntil(lambda: not preview.busy, timeout=20_000)
    preview.render_function = real
    with qtbot.waitSignal(preview.rendered, timeout=20_000):
        preview.refresh_now()
    assert preview.page_count >= 3
    assert "Page 1 of" in preview.page_label.text()


def test_find_and_replace_across_sections_is_one_undo_step(window, qtbot, answers) -> None:
    select_section(window, "Key points")
    window.find_action.trigger()
    dialog = window.find_bar
    assert dialog.isVisible()
    type_text(dialog.find_edit, "Lukashenka")
    dialog.find_button.click()
    assert "Match 1 of" in dialog.status.text()
    first = window.sections.current_id()
    dialog.find_button.click()
    assert dialog.status.text().startswith("Match 2")
    assert first and window.sections.current_id()
    dialog.replace_edit.setText("Lukashenko")
    dialog.replace_button.click()
    assert "Replaced" in dialog.status.text()
    pdf, word = both_texts(window, qtbot, answers, "replaced")
    assert "Lukashenka" not in pdf and "Lukashenko" in word
    window.undo_action.trigger()
    assert find_all(window.session.brief, "Lukashenko") == []
    pdf, _word = both_texts(window, qtbot, answers, "restored")
    assert "Lukashenka" in pdf


def test_drag_a_section_to_a_new_place(window, qtbot, answers) -> None:
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    view = window.sections.list
    select_section(window, "Recommendations")
    target = view.visualItemRect(view.findItems("Context", Qt.MatchFlag.MatchExactly)[0])

    class Drop(QDropEvent):
        # A drop from this list itself (Qt sets the source only during a
        # real drag, which needs a window system and a mouse).
        def source(self):
            return view

    mime = view.model().mimeData([view.currentIndex()])
    event = Drop(
        QPointF(target.center().x(), target.top() + 2),
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)
    titles = [s.title for s in window.session.brief.sections]
    assert titles.index("Recommendations") == titles.index("Context") - 1
    assert window.sections.current_id() == "s-recs"
    pdf, word = both_texts(window, qtbot, answers, "dragged")
    for text in (pdf, word):
        assert text.index("Recommendations") < text.index("Release details")
    window.undo_action.trigger()
    assert [s.title for s in window.session.brief.sections][1] == "Context"
