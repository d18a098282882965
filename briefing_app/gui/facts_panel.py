"""The Facts tab: figures defined once (52 released, over 1,000 still held)
and used in many places. Changing a value here changes every use; every
change is one step of the window's undo."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui import dialogs
from briefing_app.gui.session import BriefSession
from briefing_app.model.fact_refs import fact_uses
from briefing_app.model.facts import Fact, fact_key, name_problem
from briefing_app.model.text import clean_text

#: (Fact field, column heading, heading tooltip)
COLUMNS = (
    ("name", "Name", "What the text calls the fact, e.g. 'released'"),
    ("value", "Value", "What every use of the fact prints, e.g. '52'"),
    ("as_of", "As of", "When the figure was true, e.g. 'October 2025' (optional)"),
    ("source", "Source", "Where the figure comes from (optional)"),
)
INTRO = (
    "Figures used in several places. Change a value here and every use follows. "
    "Insert a fact with Format > Insert fact."
)


def unused_name(taken: set[str], base: str = "New fact") -> str:
    number, name = 1, base
    while fact_key(name) in taken:
        number += 1
        name = f"{base} {number}"
    return name


class FactsPanel(QWidget):
    def __init__(self, session: BriefSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        intro = QLabel(INTRO, self)
        intro.setWordWrap(True)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Facts")
        for column, (_field, heading, tip) in enumerate(COLUMNS):
            item = QTableWidgetItem(heading)
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.itemChanged.connect(self._item_changed)

        self.add_button = QPushButton("&Add fact", self)
        self.add_button.setToolTip("Add a fact to the table, then type its name and value")
        self.add_button.clicked.connect(self.add_fact)
        self.delete_button = QPushButton("&Delete fact", self)
        self.delete_button.setToolTip(
            "Delete the selected fact; where it is used, its value stays as plain text"
        )
        self.delete_button.clicked.connect(self.delete_fact)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Facts messages")
        self.message.setStyleSheet("color: #a12622;")

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

        session.facts_changed.connect(self.reload)
        self.table.currentCellChanged.connect(lambda *_a: self._update_buttons())
        self.reload()

    # -- showing
    def _shown(self) -> list[tuple[str, ...]]:
        return [
            tuple(
                (self.table.item(row, c).text() if self.table.item(row, c) else "")
                for c in range(len(COLUMNS))
            )
            for row in range(self.table.rowCount())
        ]

    def reload(self) -> None:
        facts = self.session.brief.facts
        wanted = [tuple(getattr(f, field) for field, _h, _t in COLUMNS) for f in facts]
        if self._shown() != wanted:
            row, column = self.table.currentRow(), self.table.currentColumn()
            with QSignalBlocker(self.table):
                self.table.setRowCount(len(wanted))
                for r, values in enumerate(wanted):
                    for c, value in enumerate(values):
                        item = QTableWidgetItem(value)
                        item.setToolTip(value)
                        self.table.setItem(r, c, item)
                if 0 <= row < len(wanted):
                    self.table.setCurrentCell(row, max(column, 0))
            if self.table.columnWidth(0) < 120:
                self.table.resizeColumnsToContents()
                for c in range(len(COLUMNS) - 1):
                    self.table.setColumnWidth(c, min(max(self.table.columnWidth(c), 70), 200))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(0 <= self.table.currentRow() < len(self.session.brief.facts))

    def _say(self, message: str) -> None:
        self.message.setText(message)

    # -- editing
    def _item_changed(self, item: QTableWidgetItem) -> None:
        row, column = item.row(), item.column()
        facts = list(self.session.brief.facts)
        if not 0 <= row < len(facts):
            self.reload()
            return
        field = COLUMNS[column][0]
        if field == "name":
            self._rename(row, item)
            return
        self._say("")
        with QSignalBlocker(self.table):
            item.setToolTip(item.text())  # long values are cut off in the cell
        facts[row] = dataclasses.replace(facts[row], **{field: item.text()})
        # Successive edits of one cell are one undo step, like typing.
        self.session.set_facts(facts, merge_key=f"{row}:{field}")

    def _rename(self, row: int, item: QTableWidgetItem) -> None:
        facts = self.session.brief.facts
        old = facts[row].name
        new = clean_text(item.text(), multiline=False).strip()
        taken = {fact_key(f.name) for i, f in enumerate(facts) if i != row}
        problem = name_problem(new, taken)
        if problem:
            self._say(f"{problem} The name stays '{old}'.")
            with QSignalBlocker(self.table):
                item.setText(old)
            return
        self._say("")
        if new != old:
            self.session.rename_fact(old, new)
        elif item.text() != new:
            with QSignalBlocker(self.table):
                item.setText(new)

    def add_fact(self) -> None:
        facts = list(self.session.brief.facts)
        name = unused_name({fact_key(f.name) for f in facts})
        self.session.set_facts([*facts, Fact(name, "")])
        self._say("")
        row = len(facts)
        self.table.setCurrentCell(row, 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.table.editItem(self.table.item(row, 0))

    def delete_fact(self) -> None:
        row = self.table.currentRow()
        facts = self.session.brief.facts
        if not 0 <= row < len(facts):
            return
        fact = facts[row]
        uses = fact_uses(self.session.brief).get(fact_key(fact.name), [])
        if uses:
            where = ", ".join(f"'{title}'" for title in uses)
            question = (
                f"The fact '{fact.name}' is used in {where}.\n\n"
                f"Delete it anyway? Where it is used, its value ('{fact.value}') stays "
                "as plain text and no longer changes with the facts table."
            )
            if not dialogs.confirm(self, "Delete fact", question):
                return
        self._say("")
        self.session.delete_fact(fact.name)
