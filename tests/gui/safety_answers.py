"""Answers the app's questions about unsaved work and shared files, and
records what it asked (on top of tests.gui.test_main_window.Dialogs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.gui import dialogs
from briefing_app.gui.main_window import MainWindow
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window  # noqa: F401 (used by the safety tests)


class Answers(Dialogs):
    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.warnings: list[str] = []
        self.recovery_answers: list[tuple[dialogs.RecoveryChoice, int]] = []
        self.recovery_offers: list[list[str]] = []
        self.lock_answer = dialogs.LockChoice.CANCEL
        self.lock_messages: list[str] = []
        self.disk_answer = dialogs.DiskChoice.CANCEL
        self.disk_asked: list[str] = []
        self.version_answer: int | None = None
        self.version_items: list[list[str]] = []
        monkeypatch.setattr(dialogs, "show_warning", lambda _p, _t, m: self.warnings.append(m))
        monkeypatch.setattr(dialogs, "ask_recovery", self._recovery)
        monkeypatch.setattr(dialogs, "ask_locked", self._locked)
        monkeypatch.setattr(dialogs, "ask_changed_on_disk", self._disk)
        monkeypatch.setattr(dialogs, "choose_version", self._version)

    def _recovery(self, _parent, items: list[str]) -> tuple[dialogs.RecoveryChoice, int]:
        self.recovery_offers.append(items)
        if self.recovery_answers:
            return self.recovery_answers.pop(0)
        return dialogs.RecoveryChoice.LATER, 0

    def _locked(self, _parent, message: str) -> dialogs.LockChoice:
        self.lock_messages.append(message)
        return self.lock_answer

    def _disk(self, _parent, name: str) -> dialogs.DiskChoice:
        self.disk_asked.append(name)
        return self.disk_answer

    def _version(self, _parent, _name: str, items: list[str]) -> int | None:
        self.version_items.append(items)
        return self.version_answer


def type_at_end(window: MainWindow, text: str, section: str = "Context") -> None:
    """Type ``text`` at the end of a text section, as a keyboard would."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    from tests.gui.test_main_window import type_text

    items = window.sections.list.findItems(section, Qt.MatchFlag.MatchExactly)
    window.sections.list.setCurrentItem(items[0])
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    type_text(area, text)
