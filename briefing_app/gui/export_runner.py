"""Exports off the UI thread, with a progress indication."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from briefing_app.errors import BriefError
from briefing_app.export import ExportFormat, ExportReport, export_brief
from briefing_app.model.brief import Brief


class ExportRunner(QObject):
    """Runs one export at a time on a worker thread."""

    finished = Signal(object)  # ExportReport
    failed = Signal(str, str)  # plain message, technical detail

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._thread: threading.Thread | None = None
        # Cleared in the GUI thread when the result arrives (the worker
        # thread may still be winding down at that moment).
        self._busy = False
        self._progress: QProgressDialog | None = None
        self.finished.connect(self._close_progress, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._close_progress, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._busy

    def start(self, brief: Brief, path: Path, fmt: ExportFormat) -> None:
        self._busy = True
        progress = QProgressDialog(f"Exporting {fmt.label} file…", "", 0, 0, self._parent)
        progress.setWindowTitle("Export")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress = progress

        def work() -> None:
            try:
                report: ExportReport = export_brief(brief, path, fmt)
            except BriefError as exc:
                self.failed.emit(str(exc), "")
            except Exception as exc:  # shown in plain words, never a crash
                self.failed.emit(
                    f"The {fmt.label} file could not be made. Your brief is safe and any "
                    "earlier export was left as it was.",
                    f"{type(exc).__name__}: {exc}",
                )
            else:
                self.finished.emit(report)

        self._thread = threading.Thread(target=work, name="export", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _close_progress(self, *_args: object) -> None:
        self._busy = False
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None
