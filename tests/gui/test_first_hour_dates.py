"""Issue 20, point 4: dates typed as people write them, a calendar that opens
on today, a Today button, and a message (never a silent revert) for what
cannot be read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefing_app.gui.date_field import read_date
from briefing_app.gui.main_window import MainWindow
from briefing_app.sample import load_sample
from tests.gui.keyboard import type_text
from tests.gui.test_main_window import Dialogs
from tests.gui.windows import new_window

K = Qt.Key


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Dialogs:
    return Dialogs(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Dialogs) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def type_date(window: MainWindow, text: str) -> None:
    """Select the date field's text, type ``text`` and press Enter."""
    edit = window.properties.date.edit
    edit.setFocus()
    QTest.keyClick(edit, K.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(edit, K.Key_Delete)
    type_text(edit, text)
    QTest.keyClick(edit, K.Key_Return)


@pytest.mark.parametrize("typed", ["30 November 2026", "30/11/2026", "2026-11-30"])
def test_a_date_typed_in_three_forms_is_read(window, typed: str) -> None:
    type_date(window, typed)
    assert window.session.brief.metadata.date == "2026-11-30"
    assert window.properties.date.edit.text() == "30 November 2026"
    assert not window.properties.date.message.isVisible()


def test_what_cannot_be_read_is_said_and_the_date_is_kept(window) -> None:
    before = window.session.brief.metadata.date
    type_date(window, "No date30November2026x")
    field = window.properties.date
    assert window.session.brief.metadata.date == before  # kept, not "No date"
    assert field.message.isVisible()
    assert "is not a date" in field.message.text() and "30 November 2026" in field.message.text()
    assert field.edit.text() == "No date30November2026x"  # left to put right
    type_date(window, "31 November 2026")
    assert field.message.isVisible() and window.session.brief.metadata.date == before
    type_date(window, "1 December 2026")
    assert not field.message.isVisible()
    assert window.session.brief.metadata.date == "2026-12-01"


def test_an_empty_field_means_no_date_and_undo_brings_it_back(window) -> None:
    type_date(window, "")
    assert window.session.brief.metadata.date == ""
    window.undo_action.trigger()
    assert window.session.brief.metadata.date == load_sample().metadata.date
    assert window.properties.date.edit.text() == "27 October 2025"


def test_today_button_and_the_calendar_opens_on_today_for_a_new_brief(window, qtbot) -> None:
    window.new_action.trigger()  # a blank brief has no date
    field = window.properties.date
    assert field.edit.text() == ""
    QTest.keyClick(field.edit, K.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.popup.isVisible)
    today = QDate.currentDate()
    assert field.calendar.selectedDate() == today
    # Pick the 15th of this month in the calendar with the keyboard.
    calendar_view = field.calendar.focusWidget() or field.calendar
    for _ in range(abs(today.day() - 15)):
        QTest.keyClick(calendar_view, K.Key_Left if today.day() > 15 else K.Key_Right)
    QTest.keyClick(calendar_view, K.Key_Return)
    picked = dt.date(today.year(), today.month(), 15)
    assert window.session.brief.metadata.date == picked.isoformat()
    assert not field.popup.isVisible() and field.edit.hasFocus()
    # The calendar's Today button.
    qtbot.mouseClick(field.calendar_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(field.popup.isVisible)
    assert field.calendar.selectedDate() == QDate(picked.year, picked.month, picked.day)
    qtbot.mouseClick(field.today_button, Qt.MouseButton.LeftButton)
    assert window.session.brief.metadata.date == dt.date.today().isoformat()
    assert QApplication.activePopupWidget() is None
    # Escape closes the calendar and changes nothing.
    QTest.keyClick(field.edit, K.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(field.popup.isVisible)
    QTest.keyClick(QApplication.focusWidget(), K.Key_Escape)
    assert not field.popup.isVisible()
    assert window.session.brief.metadata.date == dt.date.today().isoformat()


def test_dates_in_the_users_locale_order() -> None:
    day = dt.date(2026, 3, 4)
    assert read_date("04/03/2026", QLocale("en_GB")) == day
    assert read_date("03/04/2026", QLocale("en_US")) == day
    # Where the locale's order cannot be a date, the other order is read.
    assert read_date("30/11/2026", QLocale("en_US")) == dt.date(2026, 11, 30)
    assert read_date("30 novembre 2026", QLocale("fr_FR")) == dt.date(2026, 11, 30)
    assert read_date("Monday, 30th November 2026") == dt.date(2026, 11, 30)
    assert read_date("November 30, 2026") == dt.date(2026, 11, 30)
    assert read_date("31/02/2026") is None and read_date("soon") is None
