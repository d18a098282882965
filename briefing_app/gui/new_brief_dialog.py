"""File > New > From a template: pick a template (or the sample brief)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: The choice that stands for the bundled sample brief.
SAMPLE = "\x00sample"
SAMPLE_LABEL = "The sample brief"
SAMPLE_ABOUT = "Belarus: the September 2025 prisoner release, showing every kind of section."


class NewBriefDialog(QDialog):
    """``choices``: (template id, name, description) for each template."""

    def __init__(self, choices: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New brief")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Start a new brief from a template: it brings the template's sections, "
            "headings and prompts, and you can switch templates at any time.",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Templates")
        self.list.setSpacing(3)
        self.list.setWordWrap(True)  # descriptions wrap rather than scroll sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for template_id, name, about in [*choices, (SAMPLE, SAMPLE_LABEL, SAMPLE_ABOUT)]:
            item = QListWidgetItem(f"{name}\n{about}" if about else name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, template_id)
            item.setToolTip(about)
            font = item.font()
            if template_id == SAMPLE:
                font.setItalic(True)
                item.setFont(font)
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(self)
        buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 380)

    def choice(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))


def run_new_brief_dialog(parent: QWidget, choices: list[tuple[str, str, str]]) -> str | None:
    dialog = NewBriefDialog(choices, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
