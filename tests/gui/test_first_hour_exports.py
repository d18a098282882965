"""Issue 20, point 7: an export goes beside the brief, under its name, and
the app remembers where each brief was exported."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from briefing_app.model.storage import save_brief
from briefing_app.sample import load_sample
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class ExportDialogs(Dialogs):
    """Records the file each export dialog started with."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.suggested: list[Path] = []
        monkeypatch.setattr(dialogs, "save_path", self._save_path)

    def _save_path(self, _parent, _title: str, suggested: str, _filter: str) -> Path | None:
        self.suggested.append(Path(suggested))
        return self.save_to


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ExportDialogs:
    return ExportDialogs(monkeypatch, tmp_path)


@pytest.fixture
def briefs(tmp_path: Path) -> tuple[Path, Path]:
    first = tmp_path / "work" / "moldova" / "grain.brief"
    second = tmp_path / "work" / "belarus" / "release.brief"
    for path in (first, second):
        path.parent.mkdir(parents=True)
        save_brief(load_sample(), path)
    return first, second


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: ExportDialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def export_pdf(window: MainWindow, qtbot, answers: ExportDialogs, to: Path | None) -> Path:
    """Ctrl+Shift+E, the dialog answered with ``to``; the file it offered."""
    answers.save_to = to
    if to is None:
        QTest.keyClick(window.text_editor.text_area, Qt.Key.Key_E, CTRL_SHIFT)
    else:
        with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
            QTest.keyClick(window.text_editor.text_area, Qt.Key.Key_E, CTRL_SHIFT)
        assert to.exists()
    return answers.suggested[-1]


def test_the_export_dialog_starts_beside_the_brief_under_its_name(
    window, qtbot, answers, briefs
) -> None:
    first, _second = briefs
    window.open_file(first, ask=False)
    window.text_editor.text_area.setFocus()
    assert export_pdf(window, qtbot, answers, None) == first.with_suffix(".pdf")
    answers.save_to = None
    window.export_actions["docx"].trigger()
    assert answers.suggested[-1] == first.with_suffix(".docx")


def test_the_place_each_brief_went_is_remembered_per_brief(
    window, qtbot, answers, briefs, tmp_path
) -> None:
    first, second = briefs
    shared = tmp_path / "shared"
    shared.mkdir()
    window.open_file(first, ask=False)
    window.text_editor.text_area.setFocus()
    export_pdf(window, qtbot, answers, shared / "Moldova grain for the minister.pdf")
    window.open_file(second, ask=False)
    window.text_editor.text_area.setFocus()
    # Another brief: beside itself, not where the first one went.
    assert export_pdf(window, qtbot, answers, None) == second.with_suffix(".pdf")
    window.open_file(first, ask=False)
    window.text_editor.text_area.setFocus()
    assert export_pdf(window, qtbot, answers, None) == shared / "Moldova grain for the minister.pdf"
    answers.save_to = None
    window.export_actions["html"].trigger()
    assert answers.suggested[-1] == shared / "Moldova grain for the minister.html"


def test_an_unsaved_brief_is_offered_under_its_title_in_the_last_export_folder(
    window, qtbot, answers, tmp_path
) -> None:
    window.load_brief(load_sample(), None)
    window.text_editor.text_area.setFocus()
    offered = export_pdf(window, qtbot, answers, None)
    assert offered.name == "Belarus the September 2025 prisoner release.pdf"
    folder = tmp_path / "exports"
    folder.mkdir()
    export_pdf(window, qtbot, answers, folder / "x.pdf")
    assert export_pdf(window, qtbot, answers, None).parent == folder
