"""Progress and cancellation for long jobs (exports), without Qt.

The job calls ``step(done, total)`` between pieces of work; the caller
(the app's progress dialog, say) passes a function to hear about it and may
call ``cancel()`` from any thread. The next ``step`` then raises
ExportCancelled, so the job stops before anything is written.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from briefing_app.errors import ExportCancelled

Report = Callable[[int, int], None]


class Progress:
    def __init__(self, report: Report | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check(self) -> None:
        if self._cancelled.is_set():
            raise ExportCancelled()

    def step(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``; raise ExportCancelled if cancelled."""
        self.check()
        if self._report is not None:
            self._report(done, total)


def step(progress: Progress | None, done: int, total: int) -> None:
    """``progress.step`` for code where progress is optional."""
    if progress is not None:
        progress.step(done, total)
