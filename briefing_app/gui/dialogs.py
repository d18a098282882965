"""Every blocking question the app asks, in one place.

Tests replace these functions to answer without a person; the app's logic
never calls QMessageBox or QFileDialog directly.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing_app.importers.result import ImportResult

BRIEF_FILTER = "Briefs (*.brief)"


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, name: str) -> Unsaved:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Unsaved changes")
    box.setText(f"Save the changes to '{name}' before closing it?")
    box.setInformativeText("If you don't save, your changes since the last save are lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def open_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open brief", folder, BRIEF_FILTER)
    return Path(name) if name else None


def save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


def show_error(parent: QWidget, title: str, message: str, detail: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setText(message)
    if detail:
        box.setDetailedText(detail)
    box.exec()


def show_warning(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def export_done(parent: QWidget, path: Path, warnings: list[str]) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if warnings else QMessageBox.Icon.Information)
    box.setWindowTitle("Export finished")
    box.setText(f"Saved to:\n{path}")
    if warnings:
        box.setInformativeText("\n\n".join(warnings))
    open_file = box.addButton("Open", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif clicked is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def confirm(parent: QWidget, title: str, question: str) -> bool:
    answer = QMessageBox.question(parent, title, question)
    return answer == QMessageBox.StandardButton.Yes


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    from PySide6.QtWidgets import QInputDialog

    value, ok = QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


IMPORT_FILTER = "Text, Markdown and Word files (*.txt *.md *.markdown *.docx);;All files (*)"


def import_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a text, Markdown or Word file", folder, IMPORT_FILTER
    )
    return Path(name) if name else None


def review_import(parent: QWidget, result: ImportResult) -> bool:
    """Show what an import found; True when the author accepts it."""
    from PySide6.QtWidgets import QDialog

    from briefing_app.gui.import_review import ImportReviewDialog

    return ImportReviewDialog(result, parent).exec() == QDialog.DialogCode.Accepted


# ------------------------------------------------------------------ templates


def choose_new_brief(parent: QWidget, choices: list[tuple[str, str, str]]) -> str | None:
    """Pick what a new brief starts from: a template id from ``choices``
    ((id, name, description) each), new_brief_dialog.SAMPLE, or None."""
    from briefing_app.gui.new_brief_dialog import run_new_brief_dialog

    return run_new_brief_dialog(parent, choices)


def template_folder(parent: QWidget, folder: str) -> Path | None:
    """Choose the folder of a template to import (the one with manifest.toml)."""
    name = QFileDialog.getExistingDirectory(
        parent, "Import template: choose the template's folder", folder
    )
    return Path(name) if name else None
