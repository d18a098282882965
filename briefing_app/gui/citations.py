"""Citing sources from the editors: the picker and the labels tokens show.

A citation is a token in the text (like a fact) naming one or more Sources
entries by id. The editors show it by the sources' short names, "[Reuters]"
or "[Amnesty International; Human Rights Watch]", so the author sees which
source it is at a glance (the exports number citations their own way,
footnotes in reading order or the numbered list, and numbers in the editor
would not match them). The picker finds a source by typing any part of its
text or address.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.brief import SectionContent, SourceEntry
from briefing_app.model.text import Run
from briefing_app.model.walk import map_content

_ID_ROLE = Qt.ItemDataRole.UserRole
NO_SOURCES = "The brief has no sources yet: add them in its Sources section, then cite them."


SHORT_NAME_CHARS = 32


def short_name(entry: SourceEntry) -> str:
    """What a source is called in the text: its text up to the first colon
    ("Reuters: news reporting on ..." -> "Reuters"), else its first words."""
    text = " ".join(entry.text.split())
    head, colon, _rest = text.partition(":")
    if colon and 0 < len(head.strip()) <= SHORT_NAME_CHARS:
        return head.strip()
    if len(text) <= SHORT_NAME_CHARS:
        return text or "?"
    cut = text[: SHORT_NAME_CHARS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;.") + "\u2026"


def cite_label(ids: Sequence[str], sources: Sequence[SourceEntry]) -> str:
    """ "[Reuters]", "[Amnesty International; Human Rights Watch]": the cited
    entries' short names, in the order of the Sources list; two entries of
    the same name are told apart by their place in the list."""
    names = [short_name(entry) for entry in sources]
    shared = {n for n in names if names.count(n) > 1}
    labels = [
        f"{name} ({place})" if name in shared else name
        for place, (entry, name) in enumerate(zip(sources, names, strict=True), start=1)
        if entry.id in ids
    ]
    return "[" + ("; ".join(labels) or "?") + "]"


def cite_tooltip(ids: Sequence[str], sources: Sequence[SourceEntry]) -> str:
    by_id = {entry.id: entry for entry in sources}
    return "\n".join(by_id[i].text if i in by_id else "(a source no longer there)" for i in ids)


def with_cite_labels(content: SectionContent, sources: Sequence[SourceEntry]) -> SectionContent:
    """``content`` with every citation showing its current label."""

    def relabel(runs: list[Run]) -> list[Run]:
        return [
            dataclasses.replace(r, text=cite_label(r.cite, sources)) if r.cite else r for r in runs
        ]

    return map_content(content, relabel)


class SourcePicker(QDialog):
    """Pick one or more sources to cite; type to filter, Enter to cite."""

    def __init__(self, sources: Sequence[SourceEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cite a source")
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to find a source by its text or address")
        self.filter.setAccessibleName("Find a source")
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Sources to cite")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setWordWrap(True)
        for number, entry in enumerate(sources, start=1):
            if not entry.text.strip():
                continue
            shown = f"[{number}] {entry.text}" + (f"\n{entry.url}" if entry.url else "")
            item = QListWidgetItem(shown)
            item.setData(_ID_ROLE, entry.id)
            self.list.addItem(item)
        hint = QLabel(
            "Ctrl+click to cite several sources at once. Enter cites; Escape cancels.", self
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Cite")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(520, 360)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if hidden:
                item.setSelected(False)
            elif first is None:
                first = item
        if first is not None and (
            self.list.currentItem() is None or self.list.currentItem().isHidden()
        ):
            self.list.setCurrentItem(first)

    def chosen(self) -> list[str]:
        """The ids picked: the selected entries still shown, else the current one."""
        picked = [str(i.data(_ID_ROLE)) for i in self.list.selectedItems() if not i.isHidden()]
        current = self.list.currentItem()
        if not picked and current is not None and not current.isHidden():
            picked = [str(current.data(_ID_ROLE))]
        # In the order of the Sources list, whatever order they were clicked.
        order = {str(self.list.item(r).data(_ID_ROLE)): r for r in range(self.list.count())}
        return sorted(picked, key=order.__getitem__)


def pick_sources(parent: QWidget, sources: Sequence[SourceEntry]) -> list[str]:
    """Ask which sources to cite; [] when the author cancels (or there are none)."""
    picker = SourcePicker(sources, parent)
    try:
        return picker.chosen() if picker.exec() == QDialog.DialogCode.Accepted else []
    finally:
        picker.deleteLater()
