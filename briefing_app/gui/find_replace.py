"""Find and Replace across all sections (the search itself is in the core)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from briefing_app.model.search import find_all, replace_all


class FindReplaceDialog(QDialog):
    """Non-modal: the author can keep editing while it is open."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Find and Replace")
        self.setModal(False)
        self.find_edit = QLineEdit(self)
        self.find_edit.setAccessibleName("Find")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setAccessibleName("Replace with")
        self.match_case = QCheckBox("Match case", self)
        self.status = QLabel("", self)
        self.status.setAccessibleName("Find result")
        form = QFormLayout()
        form.addRow("Find:", self.find_edit)
        form.addRow("Replace with:", self.replace_edit)
        form.addRow("", self.match_case)
        buttons = QDialogButtonBox(self)
        self.find_button = QPushButton("Find next", self)
        self.find_button.setDefault(True)
        self.replace_button = QPushButton("Replace all", self)
        buttons.addButton(self.find_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.hide)
        self.find_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_everywhere)
        self.find_edit.textChanged.connect(lambda _t: self._reset())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._position = -1

    def _reset(self) -> None:
        self._position = -1
        self.status.setText("")

    def find_next(self) -> None:
        needle = self.find_edit.text()
        matches = find_all(
            self.window_.session.brief, needle, match_case=self.match_case.isChecked()
        )
        if not needle:
            self.status.setText("Type the text to find.")
            return
        if not matches:
            self.status.setText(f"'{needle}' was not found.")
            return
        self._position = (self._position + 1) % len(matches)
        match = matches[self._position]
        self.status.setText(f"Match {self._position + 1} of {len(matches)}: {match.where}")
        if match.section_id:
            self.window_.sections.select(match.section_id)
            if self.window_.stack.currentWidget() is self.window_.text_editor:
                self._highlight(needle)
        else:
            edit = self.window_.properties.edits.get(match.where)
            if edit is not None:
                edit.setFocus()
                edit.selectAll()

    def _highlight(self, needle: str) -> None:
        area = self.window_.text_editor.text_area
        flags = QTextDocument.FindFlag(0)
        if self.match_case.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if not area.find(needle, flags):
            cursor = area.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            area.setTextCursor(cursor)
            area.find(needle, flags)

    def replace_everywhere(self) -> None:
        needle = self.find_edit.text()
        session = self.window_.session
        new, count = replace_all(
            session.brief, needle, self.replace_edit.text(), match_case=self.match_case.isChecked()
        )
        if count:
            session.replace_brief_content(new, f"Replace '{needle}'")
        plural = "" if count == 1 else "s"
        self.status.setText(
            f"Replaced {count} occurrence{plural}." if count else f"'{needle}' was not found."
        )
        self._position = -1


__all__ = ["FindReplaceDialog"]
_ = Qt
