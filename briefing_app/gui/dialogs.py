"""Every blocking question the app asks, in one place.

Tests replace these functions to answer without a person; the app's logic
never calls QMessageBox or QFileDialog directly.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from briefing_app.importers.result import ImportResult

T = TypeVar("T")

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
    box.deleteLater()
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


IMPORT_FILTER = (
    "Text, Markdown, Word, web page and e-mail files "
    "(*.txt *.md *.markdown *.docx *.html *.htm *.eml *.msg);;All files (*)"
)


PICTURE_FILTER = (
    "Pictures (*.png *.jpg *.jpeg *.svg *.gif *.webp *.bmp *.tif *.tiff);;All files (*)"
)


def picture_path(parent: QWidget, folder: str) -> Path | None:
    """The picture file to insert, or None."""
    name, _ = QFileDialog.getOpenFileName(parent, "Insert picture", folder, PICTURE_FILTER)
    return Path(name) if name else None


def choose_table(parent: QWidget, titles: list[str]) -> int | None:
    """Which table a new chart draws (an index into ``titles``), or None."""
    from PySide6.QtWidgets import QInputDialog

    title, ok = QInputDialog.getItem(
        parent, "Insert chart", "Draw the numbers of the table:", titles, 0, False
    )
    return titles.index(title) if ok and title in titles else None


def import_path(parent: QWidget, folder: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a text, Markdown, Word, web page or e-mail file", folder, IMPORT_FILTER
    )
    return Path(name) if name else None


def review_import(parent: QWidget, result: ImportResult) -> bool:
    """Show what an import found; True when the author accepts it."""
    from PySide6.QtWidgets import QDialog

    from briefing_app.gui.import_review import ImportReviewDialog

    return ImportReviewDialog(result, parent).exec() == QDialog.DialogCode.Accepted


WORD_FILTER = "Word files (*.docx);;All files (*)"


def word_update_path(parent: QWidget, folder: str) -> Path | None:
    """The colleague's edited Word file, for File > Update from Word."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Update from a Word file a colleague edited", folder, WORD_FILTER
    )
    return Path(name) if name else None


def review_update(parent: QWidget, plan: object, source: str) -> bool:
    """Show the changes found in a colleague's Word file for the author to
    accept or reject (the decisions go into the plan); True to apply them."""
    from PySide6.QtWidgets import QDialog

    from briefing_app.gui.word_update import UpdateReviewDialog

    dialog = UpdateReviewDialog(plan, source, parent)  # type: ignore[arg-type]
    return dialog.exec() == QDialog.DialogCode.Accepted


# ------------------------------------------------- unsaved work, shared files


class RecoveryChoice(Enum):
    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"


def ask_recovery(parent: QWidget, items: list[str]) -> tuple[RecoveryChoice, int]:
    """Offer unsaved work found after a crash; ``items`` describe each copy
    ("name, saved today at 14:32"). Returns the choice and the item chosen."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout

    dialog = QDialog(parent)
    dialog.setWindowTitle("Recover unsaved work")
    layout = QVBoxLayout(dialog)
    text = QLabel(
        "Briefing Builder closed before these changes were saved. Restore a brief to "
        "keep working on it (then save it), or discard it. Anything you leave is "
        "offered again next time.",
        dialog,
    )
    text.setWordWrap(True)
    layout.addWidget(text)
    dialog.setMinimumWidth(560)
    listing = QListWidget(dialog)
    listing.setWordWrap(True)
    listing.setAlternatingRowColors(True)
    listing.addItems(items)
    listing.setCurrentRow(0)
    layout.addWidget(listing)
    buttons = QDialogButtonBox(dialog)
    restore = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
    discard = buttons.addButton("Discard…", QDialogButtonBox.ButtonRole.DestructiveRole)
    buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
    chosen: list[RecoveryChoice] = [RecoveryChoice.LATER]
    restore.clicked.connect(
        lambda: (chosen.__setitem__(0, RecoveryChoice.RESTORE), dialog.accept())
    )
    discard.clicked.connect(
        lambda: (chosen.__setitem__(0, RecoveryChoice.DISCARD), dialog.accept())
    )
    buttons.rejected.connect(dialog.reject)
    listing.itemDoubleClicked.connect(lambda _i: restore.click())
    layout.addWidget(buttons)
    restore.setDefault(True)
    dialog.exec()
    row = max(listing.currentRow(), 0)
    dialog.deleteLater()
    return chosen[0], row


class LockChoice(Enum):
    READ_ONLY = "read-only"
    OPEN_ANYWAY = "open anyway"
    CANCEL = "cancel"


def _ask(
    parent: QWidget,
    title: str,
    text: str,
    info: str,
    buttons: list[tuple[str, QMessageBox.ButtonRole, T]],
    cancel: T,
) -> T:
    """A warning with named buttons (the first is the default) and Cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(info)
    made = [(box.addButton(label, role), value) for label, role, value in buttons]
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(made[0][0])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()  # not kept until the window closes
    return next((value for button, value in made if button is clicked), cancel)


def ask_locked(parent: QWidget, message: str) -> LockChoice:
    """The brief is open elsewhere: read-only, open anyway, or cancel."""
    return _ask(
        parent,
        "Brief already open",
        message,
        "Open it read-only to look without changing the file (you can still save a "
        "copy), or open it anyway if you are sure nobody is working on it: if both "
        "of you save, the app will ask before one save replaces the other.",
        [
            ("Open read-only", QMessageBox.ButtonRole.AcceptRole, LockChoice.READ_ONLY),
            ("Open anyway", QMessageBox.ButtonRole.DestructiveRole, LockChoice.OPEN_ANYWAY),
        ],
        LockChoice.CANCEL,
    )


class ErrorsChoice(Enum):
    GO_BACK = "go back"
    DRAFT = "export as draft"
    ANYWAY = "export anyway"


def ask_export_with_errors(parent: QWidget, errors: list[str]) -> ErrorsChoice:
    """The check found errors: go back to them, export a draft, or export anyway."""
    count = len(errors)
    shown = "\n".join(f"• {line}" for line in errors[:8])
    more = f"\n… and {count - 8} more (see the Check tab)" if count > 8 else ""
    return _ask(
        parent,
        "The brief has errors",
        f"The check found {count} error{'s' if count != 1 else ''} that should be put right "
        "before the brief goes out:",
        f"{shown}{more}\n\nA draft says DRAFT on every page and shows the sentences that "
        "still need a source.",
        [
            ("Go back to them", QMessageBox.ButtonRole.RejectRole, ErrorsChoice.GO_BACK),
            ("Export as draft", QMessageBox.ButtonRole.AcceptRole, ErrorsChoice.DRAFT),
            ("Export anyway", QMessageBox.ButtonRole.DestructiveRole, ErrorsChoice.ANYWAY),
        ],
        ErrorsChoice.GO_BACK,
    )


class DiskChoice(Enum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save as"
    CANCEL = "cancel"


def ask_changed_on_disk(parent: QWidget, name: str) -> DiskChoice:
    """Someone else changed the file since it was opened or last saved."""
    return _ask(
        parent,
        "File changed by someone else",
        f"'{name}' was changed by someone else since you opened it.",
        "Replace it with your version (their changes are kept as an earlier version, "
        "under File > Restore Earlier Version), or save yours under another name.",
        [
            ("Save As…", QMessageBox.ButtonRole.AcceptRole, DiskChoice.SAVE_AS),
            ("Replace with mine", QMessageBox.ButtonRole.DestructiveRole, DiskChoice.OVERWRITE),
        ],
        DiskChoice.CANCEL,
    )


def choose_version(parent: QWidget, name: str, items: list[str]) -> int | None:
    """Pick one of the kept versions of ``name`` (newest first)."""
    from PySide6.QtWidgets import QInputDialog

    item, ok = QInputDialog.getItem(
        parent,
        "Restore earlier version",
        f"Earlier saved versions of '{name}', newest first.\n"
        "The one you pick opens in the window; save it to make it the current version.",
        items,
        0,
        False,
    )
    return items.index(item) if ok and item in items else None


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
