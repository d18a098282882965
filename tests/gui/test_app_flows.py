"""Start-up, files, export errors, printing, settings and the crash handler."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtPrintSupport import QPrinter

from briefing_app.gui import app as app_module
from briefing_app.gui import dialogs
from briefing_app.gui.preview import render_pdf
from briefing_app.gui.printing import print_document
from briefing_app.model import PageSize
from briefing_app.model.storage import load_brief, save_brief
from briefing_app.sample import load_sample
from tests.gui.test_main_window import Dialogs, type_text
from tests.pdf_text import pages_text, reader


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    return Dialogs(monkeypatch, tmp_path)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, paths, settings):
    window = app_module.create_window(paths, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_file_named_on_the_command_line_opens(qtbot, answers, settings, tmp_path) -> None:
    path = tmp_path / "Брыфінг 2025.brief"
    brief = load_sample()
    brief.metadata.title = "Opened from the command line"
    save_brief(brief, path)
    window = make_window(qtbot, [str(path)], settings)
    assert window.session.path == path
    assert window.session.brief.metadata.title == "Opened from the command line"
    assert "Брыфінг 2025.brief" in window.windowTitle()
    assert str(path.resolve()) in window.recent_files()


def test_first_start_shows_the_sample(qtbot, answers, settings) -> None:
    window = make_window(qtbot, [], settings)
    assert window.session.brief.metadata.title.startswith("Belarus")
    assert window.session.path is None and not window.session.modified


def test_a_damaged_file_on_the_command_line_says_so_and_shows_the_sample(
    qtbot, answers, settings, tmp_path
) -> None:
    bad = tmp_path / "bad.brief"
    bad.write_bytes(b"\x00\x01binary")
    window = make_window(qtbot, [str(bad)], settings)
    assert answers.errors and "damaged" in answers.errors[0]
    assert window.session.brief.metadata.title.startswith("Belarus")
    assert bad.read_bytes() == b"\x00\x01binary"


def test_export_into_a_missing_folder_is_explained_and_changes_nothing(
    qtbot, answers, settings, tmp_path
) -> None:
    window = make_window(qtbot, [], settings)
    answers.save_to = tmp_path / "no such folder" / "brief.pdf"
    with qtbot.waitSignal(window.exporter.failed, timeout=30_000):
        window.export_actions["pdf"].trigger()
    assert answers.errors and "does not exist" in answers.errors[-1]
    assert not window.session.modified


def test_export_over_a_file_that_cannot_be_replaced_keeps_it(
    qtbot, answers, settings, tmp_path, monkeypatch
) -> None:
    import errno

    from briefing_app.files import atomic

    window = make_window(qtbot, [], settings)
    earlier = tmp_path / "brief.pdf"
    earlier.write_bytes(b"earlier export")

    def locked(*_a):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", locked)
    answers.save_to = earlier
    with qtbot.waitSignal(window.exporter.failed, timeout=30_000):
        window.export_actions["pdf"].trigger()
    assert "close the file if another program has it open" in answers.errors[-1]
    assert earlier.read_bytes() == b"earlier export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf", "settings.ini"]


def test_new_with_unsaved_changes_asks_first(qtbot, answers, settings) -> None:
    window = make_window(qtbot, [], settings)
    window.properties.edits["version"].end(False)
    type_text(window.properties.edits["version"], "-draft")
    answers.unsaved_answer = dialogs.Unsaved.CANCEL
    window.new_action.trigger()
    assert answers.unsaved_asked == 1
    assert window.session.brief.metadata.version.endswith("-draft")
    answers.unsaved_answer = dialogs.Unsaved.DISCARD
    window.new_action.trigger()
    assert [s.kind.value for s in window.session.brief.sections] == [
        "summary",
        "context",
        "recommendations",
    ]


def test_page_size_choice_becomes_the_default_for_new_briefs(qtbot, answers, settings) -> None:
    window = make_window(qtbot, [], settings)
    combo = window.properties.page_size
    combo.setCurrentIndex(combo.findData(PageSize.LETTER))
    assert window.session.brief.page_size is PageSize.LETTER
    answers.unsaved_answer = dialogs.Unsaved.DISCARD
    window.new_action.trigger()
    assert window.session.brief.page_size is PageSize.LETTER
    assert window.properties.chosen_page_size() is PageSize.LETTER


def test_printing_draws_the_same_pages_as_the_pdf(qtbot, tmp_path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    pdf = render_pdf(load_sample())
    assert print_document(printer, pdf) == len(reader(pdf).pages)
    assert len(reader(target.read_bytes()).pages) == len(reader(pdf).pages)


def test_an_unexpected_error_saves_a_recovery_copy_and_explains(
    qtbot, answers, settings, monkeypatch
) -> None:
    window = make_window(qtbot, [], settings)
    window.properties.edits["title"].end(False)
    type_text(window.properties.edits["title"], " (unsaved work)")
    details: list[str] = []
    monkeypatch.setattr(
        dialogs, "show_error", lambda _p, _t, message, detail="": details.append(message + detail)
    )
    old_hook = sys.excepthook
    try:
        app_module._install_excepthook([window])
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    assert details and "Something went wrong" in details[0] and "RuntimeError: boom" in details[0]
    saved = details[0].split("saved to ")[1].split(". You can")[0]
    assert load_brief(saved).metadata.title.endswith("(unsaved work)")
    assert window.isVisible()
    assert "Page 1" in " ".join(pages_text(render_pdf(window.session.brief)))
