"""File > Update from Word in the app: the review through its real widgets,
one undo step, and the Review tab."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from briefing_app.gui.word_update import APPLY_TEXT, UpdateReviewDialog
from briefing_app.model.storage import dumps, save_brief
from briefing_app.model.text import plain
from briefing_app.sample import load_sample
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window
from tests.word_edits import (
    AUTHOR,
    add_paragraph_after,
    edit,
    export,
    paragraph,
    replace_words,
    track_insert,
)


def _colleague(document) -> None:
    replace_words(paragraph(document, "Independent media"), "shut down", "closed")
    track_insert(paragraph(document, "Among those freed"), " He left the country.")
    add_paragraph_after(paragraph(document, "Treat any further releases"), "Brief EU partners.")
    replace_words(paragraph(document, "52 people held"), "52", "53")
    document.add_comment(
        paragraph(document, "For European partners").runs, text="Too strong?", author=AUTHOR
    )


class UpdateAnswers(Dialogs):
    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.word_file: Path | None = None
        self.drive = None  # what the "author" does in the review dialog
        self.dialogs: list[UpdateReviewDialog] = []
        monkeypatch.setattr(dialogs, "word_update_path", lambda *a: self.word_file)
        monkeypatch.setattr(dialogs, "review_update", self._review)

    def _review(self, parent, plan, source) -> bool:
        dialog = UpdateReviewDialog(plan, source, parent)
        self.dialogs.append(dialog)
        dialog.show()
        assert self.drive is not None
        self.drive(dialog)
        return dialog.result() == QDialog.DialogCode.Accepted


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> UpdateAnswers:
    answers = UpdateAnswers(monkeypatch, tmp_path)
    answers.word_file = tmp_path / "edited.docx"
    answers.word_file.write_bytes(edit(export(load_sample()), _colleague))
    return answers


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: UpdateAnswers) -> MainWindow:
    path = tmp_path / "brief.brief"
    save_brief(load_sample(), path)
    win = new_window(qtbot, tmp_path)
    assert win.open_file(path, ask=False)
    return win


def _row(dialog: UpdateReviewDialog, section_id: str) -> int:
    return next(
        i for i in range(dialog.list.count()) if dialog.plan.changes[i].section_id == section_id
    )


def test_the_review_accepts_one_rejects_one_accepts_the_rest_and_undo_restores(
    qtbot, window: MainWindow, answers: UpdateAnswers
) -> None:
    before = dumps(window.session.brief)
    assert window.update_from_word_action in window.menuBar().actions()[0].menu().actions()

    def author(dialog: UpdateReviewDialog) -> None:
        assert dialog.list.count() == 4
        # The words that differ are marked in the detail view.
        dialog.list.setCurrentRow(_row(dialog, "s-context"))
        html = dialog.detail.toHtml()
        assert "shut down" in html and "closed" in html and "line-through" in html
        # Accept the Context change (the next one is selected after it) ...
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        # ... reject the tracked change, which says who made it ...
        dialog.list.setCurrentRow(_row(dialog, "s-release"))
        assert f"tracked, by {AUTHOR}" in dialog.list.currentItem().text()
        qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
        # ... the changed fact changes only the text here ...
        dialog.list.setCurrentRow(_row(dialog, "s-summary"))
        assert dialog.fact_choice.isVisible()
        assert "'released' to 53" in dialog.fact_choice.text()
        qtbot.mouseClick(dialog.fact_choice, Qt.MouseButton.LeftButton)
        assert dialog.fact_choice.isChecked() is False
        # ... and accept the rest.
        qtbot.mouseClick(dialog.accept_rest_button, Qt.MouseButton.LeftButton)
        checked = [
            dialog.list.item(i).checkState() == Qt.CheckState.Checked
            for i in range(dialog.list.count())
        ]
        assert checked.count(False) == 1
        apply = next(
            b for b in dialog.findChildren(type(dialog.accept_button)) if b.text() == APPLY_TEXT
        )
        qtbot.mouseClick(apply, Qt.MouseButton.LeftButton)

    answers.drive = author
    window.update_from_word_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.dialogs) and window.session.modified, timeout=20000)
    brief = window.session.brief
    sections = {s.id: s for s in brief.sections}
    context = [plain(b.runs) for b in sections["s-context"].content.blocks[:3]]
    assert "have been closed" in context[2]
    release = plain(sections["s-release"].content.blocks[1].runs)
    assert "He left the country" not in release
    recs = sections["s-recs"].content.blocks[0].items
    assert plain(recs[-1]) == "Brief EU partners."
    assert brief.fact_values()["released"] == "52"
    assert plain(sections["s-summary"].content.blocks[0].items[0]).startswith("53 people")
    # The comment is a review note, shown in the Review tab.
    assert [n.text for n in brief.review_notes] == ["Too strong?"]
    assert window.side_tabs.currentWidget() is window.review_panel
    assert window.review_panel.list.count() == 1
    assert "Too strong?" in window.review_panel.list.item(0).text()
    assert "Release details" in window.review_panel.list.item(0).text()
    # One undo step takes it all back; redo brings it again.
    assert window.session.undo_stack.count() == 1
    window.undo_action.trigger()
    assert dumps(window.session.brief) == before
    assert window.review_panel.list.count() == 0
    window.redo_action.trigger()
    assert [n.text for n in window.session.brief.review_notes] == ["Too strong?"]


def test_cancelling_the_review_changes_nothing(
    qtbot, window: MainWindow, answers: UpdateAnswers
) -> None:
    before = dumps(window.session.brief)
    answers.drive = lambda dialog: dialog.reject()
    window.update_from_word_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.dialogs), timeout=20000)
    assert dumps(window.session.brief) == before
    assert not window.session.modified


def test_a_note_is_resolved_in_the_review_tab(
    qtbot, window: MainWindow, answers: UpdateAnswers
) -> None:
    answers.drive = lambda dialog: dialog.accept()
    window.update_from_word_action.trigger()
    qtbot.waitUntil(lambda: bool(window.session.brief.review_notes), timeout=20000)
    panel = window.review_panel
    item = panel.list.item(0)
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: window.session.brief.review_notes[0].resolved, timeout=5000)
    assert panel.list.count() == 0 and "1 resolved" in panel.summary.text()
    panel.show_resolved.setChecked(True)
    assert panel.list.count() == 1
    # Clicking a note goes to its section.
    rect = panel.list.visualItemRect(panel.list.item(0))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.sections.current_id() == "s-release"
    window.undo_action.trigger()
    assert window.session.brief.review_notes[0].resolved is False


def test_a_word_file_that_matches_nothing_is_refused_in_plain_words(
    qtbot, window: MainWindow, answers: UpdateAnswers, tmp_path: Path
) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Quarterly figures", 1)
    document.add_paragraph("Nothing to do with the brief.")
    document.save(tmp_path / "other.docx")
    answers.word_file = tmp_path / "other.docx"
    before = dumps(window.session.brief)
    window.update_from_word_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.errors), timeout=20000)
    assert "Nothing in this Word file matches" in answers.errors[0]
    assert "Import" in answers.errors[0]
    assert dumps(window.session.brief) == before and answers.dialogs == []


def test_a_word_export_from_the_app_comes_back_to_the_same_brief(
    qtbot, window: MainWindow, answers: UpdateAnswers, tmp_path: Path
) -> None:
    """Exported from the app, edited, updated: the app's export carries the
    open brief's identity and marks."""
    from briefing_app.writers.registry import WORD
    from tests.gui.test_main_window import export as export_from_app

    data = export_from_app(window, qtbot, answers, WORD, "from-app")
    answers.word_file = tmp_path / "from-app-edited.docx"
    answers.word_file.write_bytes(
        edit(data, lambda d: replace_words(paragraph(d, "Independent media"), "shut", "closed"))
    )
    answers.drive = lambda dialog: dialog.accept()
    window.update_from_word_action.trigger()
    qtbot.waitUntil(lambda: bool(answers.dialogs), timeout=20000)
    plan = answers.dialogs[0].plan
    assert plan.same_brief and plan.marked and plan.warnings == []
    assert [c.section_id for c in plan.changes] == ["s-context"]
