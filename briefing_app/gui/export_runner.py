"""Exports off the UI thread, with a progress dialog that can cancel them."""

from __future__ import annotations

import gc
import threading
import time
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from briefing_app.errors import BriefError, ExportCancelled
from briefing_app.export import ExportReport, export_brief
from briefing_app.model.brief import Brief
from briefing_app.progress import Progress
from briefing_app.writers.registry import OutputFormat

#: The progress dialog appears only for exports that take longer than this.
SHOW_AFTER_MS = 400


class ExportRunner(QObject):
    """Runs one export at a time on a worker thread."""

    finished = Signal(object)  # ExportReport
    failed = Signal(str, str)  # plain message, technical detail
    cancelled = Signal()
    #: (done, total) pieces laid out; emitted from the worker thread
    progressed = Signal(int, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: threading.Thread | None = None
        self._job: Progress | None = None
        # Cleared in the GUI thread when the result arrives (the worker
        # thread may still be winding down at that moment).
        self._busy = False
        self._progress: QProgressDialog | None = None
        for signal in (self.finished, self.failed, self.cancelled):
            signal.connect(self._close_progress, Qt.ConnectionType.QueuedConnection)
        self.progressed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._busy

    @property
    def dialog(self) -> QProgressDialog | None:
        return self._progress

    def start(self, brief: Brief, path: Path, fmt: OutputFormat, *, draft: bool = False) -> None:
        self._busy = True
        # Python's cycle collector runs in whichever thread is allocating. Clear
        # what is garbage now, on the GUI thread, so the export thread does not
        # end up freeing Qt objects, which Qt allows only on their own thread.
        gc.collect()
        progress = QProgressDialog(f"Exporting {fmt.label} file…", "Cancel", 0, 0, self._parent)
        progress.setWindowTitle("Export")
        progress.setMinimumDuration(SHOW_AFTER_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.canceled.connect(self.cancel)
        self._progress = progress
        last = [-1]

        def report(done: int, total: int) -> None:
            # Let the UI thread take Python's interpreter lock between two
            # pieces, so the window never waits on the export.
            time.sleep(0)
            # At most one signal per percent: a long brief has thousands of pieces.
            percent = done * 100 // max(total, 1)
            if percent != last[0]:
                last[0] = percent
                self.progressed.emit(percent, 100)

        job = Progress(report)
        self._job = job

        def work() -> None:
            try:
                report_: ExportReport = export_brief(brief, path, fmt, progress=job, draft=draft)
            except ExportCancelled:
                self.cancelled.emit()
            except BriefError as exc:
                self.failed.emit(str(exc), "")
            except Exception as exc:  # shown in plain words, never a crash
                self.failed.emit(
                    f"The {fmt.label} file could not be made. Your brief is safe and any "
                    "earlier export was left as it was.",
                    f"{type(exc).__name__}: {exc}",
                )
            else:
                self.finished.emit(report_)

        self._thread = threading.Thread(target=work, name="export", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        """Stop the running export; nothing is written (the worker stops at
        its next step and reports ``cancelled``)."""
        if self._job is not None and self._busy:
            self._job.cancel()
            if self._progress is not None:
                self._progress.setLabelText("Cancelling…")

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _show_progress(self, done: int, total: int) -> None:
        if self._progress is not None and self._busy and not self._progress.wasCanceled():
            self._progress.setMaximum(total)
            self._progress.setValue(min(done, total - 1))  # full only when written

    def _close_progress(self, *_args: object) -> None:
        self._busy = False
        self._job = None
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
