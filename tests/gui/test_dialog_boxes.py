"""The real question boxes (other tests replace them): each button gives
its answer, and Cancel or closing the box means cancel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from briefing_app.gui import dialogs


def answer_with(label: str | None) -> None:
    """Click the button ``label`` (None: Cancel) in the box about to open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        for button in box.buttons():
            text = button.text().replace("&", "")
            if (label is None and box.buttonRole(button) == QMessageBox.ButtonRole.RejectRole) or (
                text == label
            ):
                button.click()
                return
        raise AssertionError(f"no button {label!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Open read-only", dialogs.LockChoice.READ_ONLY),
        ("Open anyway", dialogs.LockChoice.OPEN_ANYWAY),
        (None, dialogs.LockChoice.CANCEL),
    ],
)
def test_ask_locked(parent, label, expected) -> None:
    answer_with(label)
    assert dialogs.ask_locked(parent, "The brief is already open.") is expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Save As…", dialogs.DiskChoice.SAVE_AS),
        ("Replace with mine", dialogs.DiskChoice.OVERWRITE),
        (None, dialogs.DiskChoice.CANCEL),
    ],
)
def test_ask_changed_on_disk(parent, label, expected) -> None:
    answer_with(label)
    assert dialogs.ask_changed_on_disk(parent, "brief.brief") is expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Save", dialogs.Unsaved.SAVE), (None, dialogs.Unsaved.CANCEL)],
)
def test_ask_unsaved(parent, label, expected) -> None:
    answer_with(label)
    assert dialogs.ask_unsaved(parent, "brief.brief") is expected
