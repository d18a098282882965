"""File > Import: read a text, Markdown or Word file, show the author what
was found, and only then open it as a new, untitled brief.

The import never replaces anything by itself: the author accepts the
result first, the usual unsaved-changes question follows, and the imported
brief has no file name, so Save asks where to put it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.errors import BriefError
from briefing_app.gui import dialogs
from briefing_app.importers.result import ImportResult, describe_section, section_text

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow

ACCEPT_TEXT = "Open as new brief"


class ImportReviewDialog(QDialog):
    """What the import found: title, sections with their kinds, notes."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imported = result
        brief = result.brief
        self.setWindowTitle("Check the import")
        layout = QVBoxLayout(self)

        source = f"'{result.source_name}' " if result.source_name else ""
        intro = QLabel(
            f"<b>{_escape(source)}({result.format.label})</b> gives a brief titled "
            f"<b>{_escape(brief.metadata.title)}</b> with {len(brief.sections)} "
            f"section{'s' if len(brief.sections) != 1 else ''}. Kinds are guessed from the "
            "headings; you can change them afterwards.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.table = QTableWidget(len(brief.sections), 3, self)
        self.table.setHorizontalHeaderLabels(["Section", "Kind", "What was found"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, section in enumerate(brief.sections):
            for column, text in enumerate(
                (section.title, section.kind.label, describe_section(section))
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        layout.addWidget(self.table, 2)

        layout.addWidget(QLabel("Text of the selected section:", self))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText("Select a section to see its text.")
        layout.addWidget(self.preview, 3)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))

        self.notes = QLabel("\n".join(f"• {note}" for note in result.notes), self)
        self.notes.setWordWrap(True)
        self.notes.setVisible(bool(result.notes))
        layout.addWidget(self.notes)

        explain = QLabel(
            f"{ACCEPT_TEXT} opens this as a new, untitled brief; the brief you have open "
            "now is not changed until you accept, and nothing is saved until you save. "
            "The imported file itself is never changed.",
            self,
        )
        explain.setWordWrap(True)
        layout.addWidget(explain)

        buttons = QDialogButtonBox(self)
        self.accept_button = buttons.addButton(ACCEPT_TEXT, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.accept_button.setDefault(True)
        self.resize(780, 600)
        if brief.sections:
            self.table.setCurrentCell(0, 0)

    def _show(self, row: int) -> None:
        sections = self.imported.brief.sections
        self.preview.setPlainText(section_text(sections[row]) if 0 <= row < len(sections) else "")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def import_into(window: MainWindow, folder: str) -> bool:
    """Ask for a file, import it, let the author check it, then open it."""
    from briefing_app.importers import import_file

    path = dialogs.import_path(window, folder)
    if path is None:
        return False
    try:
        result = import_file(path)
    except BriefError as exc:
        dialogs.show_error(window, "Cannot import the file", str(exc))
        return False
    window.settings.setValue("last_import_folder", str(path.parent))
    if not dialogs.review_import(window, result):
        return False
    if not window.maybe_save():
        return False
    window.load_brief(result.brief, None)
    # Never saved: closing it asks first, and Save asks for a name.
    window.session.undo_stack.resetClean()
    window.statusBar().showMessage(
        f"Imported {path.name}: check the sections, then save the brief.", 8000
    )
    return True
