"""File > Import in the app: review first, then a new untitled brief."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from briefing_app.gui import dialogs
from briefing_app.gui.import_review import ImportReviewDialog
from briefing_app.gui.main_window import MainWindow
from briefing_app.importers import SourceFormat, import_text
from briefing_app.model.storage import load_brief
from briefing_app.sample import load_sample
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window
from tests.import_samples import SAMPLE_MARKDOWN

IMPORTED_TITLES = [
    "Key points",
    "Context",
    "Factors",
    "Factors (continued)",
    "Remaining prisoners",
    "Recommendations",
    "Sources",
]


class ImportAnswers(Dialogs):
    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.import_from: Path | None = None
        self.accept_import = True
        self.asked: list[str] = []
        self.reviewed = []
        monkeypatch.setattr(dialogs, "import_path", lambda *a: self.import_from)
        monkeypatch.setattr(dialogs, "review_import", self._review)
        monkeypatch.setattr(dialogs, "ask_unsaved", self._ask_unsaved)

    def _review(self, _parent, result) -> bool:
        self.asked.append("review")
        self.reviewed.append(result)
        return self.accept_import

    def _ask_unsaved(self, *args: object) -> dialogs.Unsaved:
        self.asked.append("unsaved")
        return self._unsaved(*args)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ImportAnswers:
    answers = ImportAnswers(monkeypatch, tmp_path)
    answers.import_from = tmp_path / "release.md"
    answers.import_from.write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    return answers


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: ImportAnswers) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def titles(window: MainWindow) -> list[str]:
    return [window.sections.list.item(i).text() for i in range(window.sections.list.count())]


def test_file_menu_has_import(window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert window.import_action in file_menu.actions()
    assert window.import_action.text() == "&Import…"


def test_import_opens_a_new_untitled_brief_and_never_replaces_the_file(
    window: MainWindow, answers: ImportAnswers, tmp_path: Path
) -> None:
    existing = tmp_path / "mine.brief"
    answers.save_to = existing
    window.save_action.trigger()
    before = existing.read_bytes()

    window.import_action.trigger()
    assert answers.asked == ["review"]  # nothing unsaved: no question
    assert answers.reviewed[0].source_name == "release.md"
    assert window.session.path is None
    assert window.session.brief.metadata.title == "Belarus frees 52 political prisoners"
    assert titles(window) == IMPORTED_TITLES
    # The editor shows the first imported section.
    assert "Fifty-two" in window.text_editor.text_area.toPlainText()
    # Never saved: marked as changed, and Save asks for a new name.
    assert window.session.modified
    assert "Untitled" in window.windowTitle()
    answers.save_to = tmp_path / "imported.brief"
    window.save_action.trigger()
    assert existing.read_bytes() == before
    saved = load_brief(answers.save_to)
    assert [s.title for s in saved.sections] == IMPORTED_TITLES
    assert saved.sections[2].content.columns == ["Factor", "Impact on the release"]


def test_declining_the_review_changes_nothing(window: MainWindow, answers: ImportAnswers) -> None:
    answers.accept_import = False
    before = titles(window)
    window.import_action.trigger()
    assert answers.asked == ["review"]
    assert titles(window) == before
    assert window.session.brief.metadata.title == load_sample().metadata.title
    assert not window.session.modified


def test_unsaved_changes_are_asked_about_after_the_review(
    window: MainWindow, answers: ImportAnswers
) -> None:
    window.session.rename(window.session.brief.sections[0].id, "My own edit")
    answers.unsaved_answer = dialogs.Unsaved.CANCEL
    window.import_action.trigger()
    assert answers.asked == ["review", "unsaved"]
    assert titles(window)[0] == "My own edit"  # cancelled: the brief stays
    answers.unsaved_answer = dialogs.Unsaved.DISCARD
    window.import_action.trigger()
    assert titles(window) == IMPORTED_TITLES


def test_a_file_that_cannot_be_imported_is_explained(
    window: MainWindow, answers: ImportAnswers, tmp_path: Path
) -> None:
    answers.import_from = tmp_path / "not-word.docx"
    answers.import_from.write_bytes(b"plain words, not a zip")
    before = titles(window)
    window.import_action.trigger()
    assert answers.asked == []  # no review of nothing
    assert len(answers.errors) == 1 and "not a Word .docx file" in answers.errors[0]
    assert titles(window) == before


def test_cancelled_file_choice_does_nothing(window: MainWindow, answers: ImportAnswers) -> None:
    answers.import_from = None
    window.import_action.trigger()
    assert answers.asked == [] and answers.errors == []


def test_review_dialog_lists_sections_kinds_notes_and_text(qtbot) -> None:
    result = import_text(SAMPLE_MARKDOWN, SourceFormat.MARKDOWN, name="release.md")
    result.notes.append("2 pictures or text boxes left out: a brief holds text and tables only.")
    dialog = ImportReviewDialog(result)
    qtbot.addWidget(dialog)
    dialog.show()
    table = dialog.table
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    assert [row[0] for row in rows] == IMPORTED_TITLES
    assert rows[2] == [
        "Factors",
        "Factor table",
        "table: 2 columns, 2 rows, caption 'Factors behind the release', with a source line",
    ]
    assert rows[0][2] == "1 paragraph, 1 callout box ('Did you know?')"
    assert "pictures or text boxes left out" in dialog.notes.text()
    assert "Fifty-two political prisoners" in dialog.preview.toPlainText()
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=table.visualItemRect(table.item(2, 0)).center(),
    )
    preview = dialog.preview.toPlainText()
    assert "US sanctions | Leverage for Washington" in preview
    assert "Source: Council on Foreign Relations analysis" in preview
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_review_dialog_cancel(qtbot) -> None:
    dialog = ImportReviewDialog(import_text("Title\n\nBody.", SourceFormat.TEXT))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected


# ------------------------------------------------------------------ issue 17: off the UI thread


def test_import_runs_off_the_ui_thread_with_progress_and_cancel(
    window: MainWindow, answers: ImportAnswers, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    import briefing_app.importers as importers

    seen = {"ticks": 0, "dialog": False, "steps": 0}

    def slow_import(path, progress=None):
        for step in range(2000):  # 20 s unless cancelled
            progress.step(step, 2000)
            seen["steps"] += 1
            time.sleep(0.01)
        raise AssertionError("never cancelled")

    monkeypatch.setattr(importers, "import_file", slow_import)

    def tick() -> None:
        seen["ticks"] += 1
        dialogs_shown = [d for d in window.findChildren(QProgressDialog) if d.isVisible()]
        if dialogs_shown and not seen["dialog"]:
            seen["dialog"] = True
            assert dialogs_shown[0].labelText() == "Importing release.md…"
            (button,) = [
                b for b in dialogs_shown[0].findChildren(QPushButton) if b.text() == "Cancel"
            ]
            QTimer.singleShot(100, button.click)

    timer = QTimer(window)
    timer.setInterval(20)
    timer.timeout.connect(tick)
    timer.start()
    before = titles(window)
    started = time.monotonic()
    window.import_action.trigger()  # returns once the import has stopped
    timer.stop()
    # The window handled events while the file was read, showed the progress
    # dialog, and the Cancel button stopped the import: nothing was opened.
    assert seen["dialog"] and seen["ticks"] >= 10
    assert 0 < seen["steps"] < 2000 and time.monotonic() - started < 15
    assert answers.asked == [] and answers.errors == []
    assert titles(window) == before
    assert not [d for d in window.findChildren(QProgressDialog) if d.isVisible()]


def test_an_e_mail_attachment_is_offered_and_opened_instead(
    window: MainWindow, answers: ImportAnswers, qtbot, tmp_path: Path, monkeypatch
) -> None:
    from tests.test_import_email import RAW_EML

    answers.import_from = tmp_path / "update.eml"
    answers.import_from.write_bytes(RAW_EML)
    shown = []

    def review(parent, result) -> bool:
        dialog = ImportReviewDialog(result, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        shown.append([dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())])
        assert dialog.attachment_button.isVisible()
        items = [dialog.attachments.item(i).text() for i in range(dialog.attachments.count())]
        assert [item.split(" (")[0] for item in items] == ["note.docx", "release.txt"]
        qtbot.mouseClick(dialog.attachment_button, Qt.MouseButton.LeftButton)
        shown.append([dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())])
        assert "'note.docx' (Word)" in dialog.intro.text()
        assert not dialog.attachment_button.isVisible()  # a Word file has no attachments
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs, "review_import", review)
    window.import_action.trigger()
    assert shown[0] == ["Key points"]
    assert shown[1] == [
        "Key points",
        "Background",
        "Factors behind the release",
        "Recommendations",
        "Sources",
    ]
    assert window.session.brief.metadata.title == "Belarus frees 52 political prisoners"
    assert window.session.path is None


def test_review_dialog_lists_an_e_mail_sender_and_attachments(qtbot) -> None:
    from briefing_app.importers import import_bytes
    from tests.test_import_email import RAW_EML

    result = import_bytes(RAW_EML, SourceFormat.EMAIL, name="update.eml")
    dialog = ImportReviewDialog(result)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "(e-mail)" in dialog.intro.text()
    assert "from Anna Novak" in dialog.notes.text()
    assert "'scan.pdf'" in dialog.notes.text()  # listed, but cannot be imported
    assert dialog.attachments.count() == 2
