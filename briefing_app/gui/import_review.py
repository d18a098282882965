"""File > Import: read a text, Markdown, Word, web page or e-mail file off
the UI thread (with progress and Cancel), show the author what was found,
and only then open it as a new, untitled brief.

The import never replaces anything by itself: the author accepts the
result first, the usual unsaved-changes question follows, and the imported
brief has no file name, so Save asks where to put it. An e-mail's review
lists its attachments; a Word, text or web-page attachment can be imported
instead of the e-mail's own text, and the review then shows that.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from briefing_app.errors import BriefError, ExportCancelled
from briefing_app.gui import dialogs
from briefing_app.importers.result import ImportResult, describe_section, section_text
from briefing_app.progress import Progress

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow

ACCEPT_TEXT = "Open as new brief"
ATTACHMENT_TEXT = "Import this attachment instead"
#: The progress dialog appears only for imports that take longer than this.
SHOW_AFTER_MS = 400

ImportJob = Callable[[Progress], ImportResult]


class ImportRunner(QObject):
    """Runs one import on a worker thread; the window keeps handling events."""

    finished = Signal(object)  # ImportResult
    failed = Signal(str, str)  # plain message, technical detail
    cancelled = Signal()
    progressed = Signal(int)  # percent, from the worker thread

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.job: Progress | None = None
        self.thread: threading.Thread | None = None
        self.dialog: QProgressDialog | None = None

    def start(self, work: ImportJob, label: str, title: str = "Import") -> None:
        # Garbage is collected now, on the UI thread, so the worker never
        # frees Qt objects (Qt allows that only on their own thread).
        gc.collect()
        dialog = QProgressDialog(label, "Cancel", 0, 100, self._parent)
        dialog.setWindowTitle(title)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.canceled.connect(self.cancel)
        self.dialog = dialog
        self.progressed.connect(self._show, Qt.ConnectionType.QueuedConnection)
        last = [-1]

        def report(done: int, total: int) -> None:
            percent = done * 100 // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                self.progressed.emit(percent)

        job = Progress(report)
        self.job = job

        def run() -> None:
            try:
                result = work(job)
                job.check()  # cancelled at the very end: still nothing opened
            except ExportCancelled:
                self.cancelled.emit()
            except BriefError as exc:
                self.failed.emit(str(exc), "")
            except Exception as exc:  # shown in plain words, never a crash
                self.failed.emit(
                    "The file could not be imported. Nothing was changed.",
                    f"{type(exc).__name__}: {exc}",
                )
            else:
                self.finished.emit(result)

        self.thread = threading.Thread(target=run, name="import", daemon=True)
        self.thread.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText("Cancelling…")

    def _show(self, percent: int) -> None:
        if self.dialog is not None and not self.dialog.wasCanceled():
            self.dialog.setValue(min(percent, 99))

    def close(self) -> None:
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None


def run_import(
    parent: QWidget,
    work: ImportJob,
    label: str,
    error_title: str = "Cannot import the file",
    title: str = "Import",
) -> ImportResult | None:
    """Run ``work`` off the UI thread with a progress dialog that can cancel
    it, and wait for it with the window responsive. The result, or None when
    it failed (the author was told why) or was cancelled."""
    runner = ImportRunner(parent)
    outcome: dict[str, object] = {}
    loop = QEventLoop(parent)

    def done(kind: str, *values: object) -> None:
        outcome[kind] = values
        loop.quit()

    runner.finished.connect(lambda r: done("result", r), Qt.ConnectionType.QueuedConnection)
    runner.failed.connect(lambda m, d: done("error", m, d), Qt.ConnectionType.QueuedConnection)
    runner.cancelled.connect(lambda: done("cancelled"), Qt.ConnectionType.QueuedConnection)
    runner.start(work, label, title)
    if not outcome:
        loop.exec()
    if runner.thread is not None:
        runner.thread.join(5)
    runner.close()
    runner.deleteLater()
    if "error" in outcome:
        message, detail = outcome["error"]  # type: ignore[misc]
        dialogs.show_error(parent, error_title, str(message), str(detail))
        return None
    if "result" in outcome:
        return outcome["result"][0]  # type: ignore[index]
    return None


class ImportReviewDialog(QDialog):
    """What the import found: title, sections with their kinds, notes, and
    an e-mail's attachments, one of which may be imported instead."""

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imported = result
        self.setWindowTitle("Check the import")
        layout = QVBoxLayout(self)

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Section", "Kind", "What was found"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 2)

        layout.addWidget(QLabel("Text of the selected section:", self))
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText("Select a section to see its text.")
        layout.addWidget(self.preview, 3)
        self.table.currentCellChanged.connect(lambda row, *_: self._show(row))

        self.notes = QLabel(self)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)

        self.attachments_label = QLabel(
            "Attachments that can be imported instead of the e-mail's text:", self
        )
        layout.addWidget(self.attachments_label)
        self.attachments = QListWidget(self)
        self.attachments.setMaximumHeight(90)
        layout.addWidget(self.attachments)
        self.attachment_button = QPushButton(ATTACHMENT_TEXT, self)
        self.attachment_button.clicked.connect(self.import_attachment)
        layout.addWidget(self.attachment_button, 0, Qt.AlignmentFlag.AlignLeft)

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
        self.resize(780, 640)
        self._fill()

    def _fill(self) -> None:
        result = self.imported
        brief = result.brief
        source = f"'{result.source_name}' " if result.source_name else ""
        self.intro.setText(
            f"<b>{_escape(source)}({result.format.label})</b> gives a brief titled "
            f"<b>{_escape(brief.metadata.title)}</b> with {len(brief.sections)} "
            f"section{'s' if len(brief.sections) != 1 else ''}. Kinds are guessed from the "
            "headings; you can change them afterwards."
        )
        self.table.clearContents()
        self.table.setRowCount(len(brief.sections))
        for row, section in enumerate(brief.sections):
            for column, text in enumerate(
                (section.title, section.kind.label, describe_section(section))
            ):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.notes.setText("\n".join(f"• {note}" for note in result.notes))
        self.notes.setVisible(bool(result.notes))
        self.attachments.clear()
        for attachment in result.importable_attachments:
            item = QListWidgetItem(f"{attachment.name} ({attachment.size_words})")
            item.setData(Qt.ItemDataRole.UserRole, attachment)
            self.attachments.addItem(item)
        offered = self.attachments.count() > 0
        for widget in (self.attachments_label, self.attachments, self.attachment_button):
            widget.setVisible(offered)
        if offered:
            self.attachments.setCurrentRow(0)
        self.preview.clear()
        if brief.sections:
            self.table.setCurrentCell(0, 0)
            self._show(0)

    def _show(self, row: int) -> None:
        sections = self.imported.brief.sections
        self.preview.setPlainText(section_text(sections[row]) if 0 <= row < len(sections) else "")

    def import_attachment(self) -> None:
        """Import the chosen attachment (off the UI thread); the review then
        shows it, and accepting opens it instead of the e-mail."""
        from briefing_app.importers import import_attachment

        item = self.attachments.currentItem()
        if item is None:
            return
        attachment = item.data(Qt.ItemDataRole.UserRole)
        result = run_import(
            self,
            lambda progress: import_attachment(attachment, progress),
            f"Importing {attachment.name}…",
        )
        if result is not None:
            self.imported.take(result)
            self._fill()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def import_into(window: MainWindow, folder: str) -> bool:
    """Ask for a file, import it, let the author check it, then open it."""
    from briefing_app.importers import import_file

    path = dialogs.import_path(window, folder)
    if path is None:
        return False
    result = run_import(
        window, lambda progress: import_file(path, progress), f"Importing {path.name}…"
    )
    if result is None:
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
        f"Imported {result.source_name or path.name}: check the sections, then save the brief.",
        8000,
    )
    return True
