"""The brief's date: typed as people write dates, or picked from a calendar.

"30 November 2026", "30 Nov 2026", "November 30, 2026", "30/11/2026" (in the
order of the user's locale: 11/30/2026 in the United States), "2026-11-30"
and "today" are all read; what cannot be read is said in a message under
the field, and the brief keeps its date until the text is put right (never
a silent revert). An empty field means no date.
"""

from __future__ import annotations

import datetime as _dt
import re

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

#: How a date is shown once read (day, month name, year: never ambiguous).
DISPLAY_FORMAT = "d MMMM yyyy"
_ENGLISH_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _month_names(locale: QLocale) -> dict[str, int]:
    """Month names and abbreviations (the locale's and English) -> 1-12."""
    names: dict[str, int] = {}
    for number in range(1, 13):
        english = _ENGLISH_MONTHS[number - 1]
        for name in (
            english,
            english[:3],
            english[:4],  # "Sept"
            locale.monthName(number, QLocale.FormatType.LongFormat),
            locale.monthName(number, QLocale.FormatType.ShortFormat),
            locale.standaloneMonthName(number, QLocale.FormatType.LongFormat),
        ):
            name = name.casefold().strip(".")
            if name:
                names.setdefault(name, number)
    return names


def _day_names(locale: QLocale) -> set[str]:
    names = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    names |= {n[:3] for n in names}
    for day in range(1, 8):
        for kind in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
            names.add(locale.dayName(day, kind).casefold().strip("."))
    return names


def _month_first(locale: QLocale) -> bool:
    """True where 11/30/2026 is the usual order (the locale's short date)."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat).lower()
    return fmt.find("m") < fmt.find("d")


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) <= 2 else year


def read_date(text: str, locale: QLocale | None = None, today: _dt.date | None = None):
    """The date ``text`` names, or None if it names none (``""`` too)."""
    locale = locale or QLocale()
    today = today or _dt.date.today()
    words = text.strip().casefold()
    if not words:
        return None
    if words in ("today", "now"):
        return today
    words = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", words)  # 30th -> 30
    # "30November2026" (what a spin box left) reads as "30 November 2026".
    words = re.sub(r"(?<=\d)(?=[^\W\d_])|(?<=[^\W\d_])(?=\d)", " ", words)
    try:
        # Year first: always year, month, day (ISO 8601, 2026/11/30).
        if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", words):
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})", words):
            first, second = int(m[1]), int(m[2])
            orders = [(second, first), (first, second)]  # (month, day)
            if _month_first(locale):
                orders.reverse()
            for month, day in orders:
                # The locale's order first; the other one only where the
                # first cannot be a date (30/11 in the United States).
                try:
                    return _dt.date(_year(m[3]), month, day)
                except ValueError:
                    continue
            return None
        months, days = _month_names(locale), _day_names(locale)
        parts = [p for p in re.split(r"[\s,./-]+", words) if p and p not in days]
        numbers = [p for p in parts if p.isdigit()]
        named = [months[p] for p in parts if p in months]
        if len(parts) == 3 and len(named) == 1 and len(numbers) == 2:
            # Day then year as written, unless the year comes first (2026 Nov 30).
            day, year = numbers[::-1] if len(numbers[0]) >= 3 else numbers
            if len(day) <= 2:
                return _dt.date(_year(year), named[0], int(day))
    except ValueError:
        return None  # 31 February and the like
    return None


def shown(day: _dt.date) -> str:
    return QLocale().toString(QDate(day.year, day.month, day.day), DISPLAY_FORMAT)


def unreadable(text: str) -> str:
    return (
        f"'{text.strip()}' is not a date the app can read, so the brief keeps its date. "
        "Type it as 30 November 2026, 30/11/2026 or 2026-11-30, or pick it from the calendar."
    )


class CalendarPopup(QFrame):
    """The calendar with Today and No date buttons under it (Escape closes)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Pick a date")
        self.calendar = QCalendarWidget(self)
        self.calendar.setAccessibleName("Calendar")
        self.calendar.setGridVisible(True)
        self.today_button = QPushButton("&Today", self)
        self.today_button.setToolTip("Set the date to today")
        self.clear_button = QPushButton("&No date", self)
        self.clear_button.setToolTip("Leave the brief without a date")
        for button in (self.today_button, self.clear_button):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.today_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.calendar)
        layout.addLayout(row)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class DateField(QWidget):
    """A line to type a date in, and a button for the calendar (with Today)."""

    #: The date was set: ISO 8601 ("2026-11-30"), or "" for no date.
    date_set = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName("Date")
        self.edit.setPlaceholderText("e.g. 30 November 2026")
        self.edit.setAccessibleDescription(
            "Type a date such as 30 November 2026, 30/11/2026 or 2026-11-30, or leave it "
            "empty for no date. Alt+Down opens the calendar."
        )
        # The calendar opens under the field, on the brief's date or today.
        self.popup = CalendarPopup(self)
        self.calendar = self.popup.calendar
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        self.today_button = self.popup.today_button
        self.today_button.clicked.connect(self.set_today)
        self.popup.clear_button.clicked.connect(lambda: self._close_with(None))
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip("Pick the date from a calendar, or today (Alt+Down)")
        self.calendar_button.setAccessibleName("Open the calendar")
        self.calendar_button.clicked.connect(self.open_calendar)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Date message")
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.edit, 1)
        row.addWidget(self.calendar_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self._typed)
        self.edit.textEdited.connect(lambda _t: self.message.hide())
        self._iso = ""

    # -- the value

    @property
    def iso(self) -> str:
        return self._iso

    def set_iso(self, value: str) -> None:
        """Show the brief's date (ISO 8601 or ""), without emitting date_set."""
        self._iso = value
        try:
            day = _dt.date.fromisoformat(value) if value else None
        except ValueError:
            day = None
        if not self.edit.hasFocus() or not self.message.isVisible():
            self.edit.setText(shown(day) if day else value)
            self.edit.setCursorPosition(0)  # the day first, if the field is narrow
        self.message.hide()

    def _set(self, day: _dt.date | None) -> None:
        value = day.isoformat() if day else ""
        self.edit.setText(shown(day) if day else "")
        self.edit.setCursorPosition(0)
        self.message.hide()
        if value != self._iso:
            self._iso = value
            self.date_set.emit(value)

    def _typed(self) -> None:
        text = self.edit.text()
        if not text.strip():
            self._set(None)
            return
        day = read_date(text)
        if day is None:
            self.message.setText(unreadable(text))
            self.message.show()
            return
        self._set(day)

    def set_today(self) -> None:
        self._close_with(_dt.date.today())

    def _close_with(self, day: _dt.date | None) -> None:
        self.popup.hide()
        self._set(day)
        self.edit.setFocus()

    # -- the calendar

    def open_calendar(self) -> None:
        """The calendar opens on the brief's date, else on today."""
        day = read_date(self.edit.text())
        if day is None:
            try:
                day = _dt.date.fromisoformat(self._iso)
            except ValueError:
                day = _dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.popup.adjustSize()
        self.popup.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.popup.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, date: QDate) -> None:
        self._close_with(_dt.date(date.year(), date.month(), date.day()))

    def keyPressEvent(self, event) -> None:
        down = event.key() == Qt.Key.Key_Down
        if down and event.modifiers() & Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)
