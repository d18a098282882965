"""The Review tab: colleagues' comments brought back from Word.

Each note shows its section, who wrote it, the words it was attached to and
what it says; ticking it marks it resolved (an undo step), and clicking it
goes to its section. Notes are never printed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui.session import BriefSession
from briefing_app.model.review import ReviewNote

_ROLE = Qt.ItemDataRole.UserRole


def note_label(note: ReviewNote, section_title: str) -> str:
    where = section_title or "The brief"
    who = f" — {note.author}" if note.author else ""
    when = f", {note.date[:10]}" if note.date else ""
    quote = f"\n“{note.quote}”" if note.quote else ""
    return f"{where}{who}{when}{quote}\n{note.text}"


class ReviewPanel(QWidget):
    #: The author wants to see this section.
    go_to = Signal(str)

    def __init__(self, session: BriefSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Review notes summary")
        self.show_resolved = QCheckBox("Show resolved notes", self)
        self.show_resolved.toggled.connect(self.reload)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Review notes from colleagues")
        self.list.setToolTip("Tick a note when it is dealt with; click it to go to its section")
        self.list.itemChanged.connect(self._ticked)
        self.list.itemClicked.connect(self._activated)
        self.list.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_resolved)
        session.notes_changed.connect(self.reload)
        session.sections_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        notes = self.session.brief.review_notes
        titles = {s.id: s.title for s in self.session.brief.sections}
        open_notes = [n for n in notes if not n.resolved]
        shown = notes if self.show_resolved.isChecked() else open_notes
        self.list.blockSignals(True)
        self.list.clear()
        for note in shown:
            item = QListWidgetItem(note_label(note, titles.get(note.section_id, "")))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if note.resolved else Qt.CheckState.Unchecked)
            item.setData(_ROLE, note.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if not notes:
            self.summary.setText(
                "No review notes. Comments in a Word file a colleague edited come here "
                "with File > Update from Word."
            )
        else:
            resolved = len(notes) - len(open_notes)
            self.summary.setText(
                f"{len(open_notes)} open review note{'s' if len(open_notes) != 1 else ''}"
                + (f", {resolved} resolved" if resolved else "")
                + ". Never printed."
            )

    def _ticked(self, item: QListWidgetItem) -> None:
        resolved = item.checkState() == Qt.CheckState.Checked
        note_id = str(item.data(_ROLE))
        # After this signal: resolving reloads the list, and so this item.
        QTimer.singleShot(0, self, lambda: self.session.set_note_resolved(note_id, resolved))

    def _activated(self, item: QListWidgetItem) -> None:
        note = next((n for n in self.session.brief.review_notes if n.id == item.data(_ROLE)), None)
        if note is not None and note.section_id:
            self.go_to.emit(note.section_id)
