"""Autosave: unsaved work is copied aside a few seconds after typing stops,
and at least every 30 seconds while changes keep coming.

The copy goes to the recovery store (see briefing_app/recovery.py), never
over the author's file. It is removed when the brief is saved or closed
cleanly, so a copy left behind means the app did not close normally and the
next start offers it back.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMainWindow

from briefing_app.errors import BriefError
from briefing_app.files.filestamp import FileStamp
from briefing_app.files.recovery import RecoveryEntry, RecoverySlot, RecoveryStore
from briefing_app.gui import dialogs
from briefing_app.gui.session import BriefSession

#: Quiet time after the last change before the copy is written.
IDLE_MS = 3_000
#: Longest time changes go without a copy, however long the typing lasts.
MAX_MS = 30_000

#: (stamp of the file as last read or written, opened read-only?)
Context = Callable[[], tuple[FileStamp | None, bool]]


class Autosaver(QObject):
    saved = Signal(str)  # the recovery copy written
    failed = Signal(str)  # why it could not be written, in plain words

    def __init__(
        self,
        session: BriefSession,
        store: RecoveryStore,
        window: QMainWindow,
        context: Context = lambda: (None, False),
    ) -> None:
        super().__init__(window)
        self.session = session
        self.store = store
        self.window = window
        self.context = context
        self.slot: RecoverySlot = store.new_slot()
        self._warned = False
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_MS)
        self.idle.timeout.connect(self.save_now)
        self.longest = QTimer(self)
        self.longest.setSingleShot(True)
        self.longest.setInterval(MAX_MS)
        self.longest.timeout.connect(self.save_now)
        session.changed.connect(self._changed)

    def _changed(self) -> None:
        if not self.session.modified:
            # Saved, or undone back to what the file holds: nothing to keep.
            self.idle.stop()
            self.longest.stop()
            self.discard()
            return
        self.idle.start()  # (re)started by every change
        if not self.longest.isActive():
            self.longest.start()

    def save_now(self) -> Path | None:
        """Write the recovery copy now, if there is unsaved work."""
        self.idle.stop()
        self.longest.stop()
        if not self.session.modified:
            return None
        base, read_only = self.context()
        try:
            path = self.slot.save(
                self.session.brief,
                original=self.session.path,
                name=self.session.display_name,
                base=base,
                read_only=read_only,
            )
        except (BriefError, OSError) as exc:
            self.longest.start()  # try again later
            self._report(str(exc))
            return None
        self._warned = False
        self.saved.emit(str(path))
        return path

    def _report(self, reason: str) -> None:
        message = f"Your unsaved changes could not be copied aside for recovery: {reason}"
        self.failed.emit(message)
        self.window.statusBar().showMessage(message, 15_000)
        if not self._warned:  # once, not every few seconds
            self._warned = True
            dialogs.show_warning(
                self.window,
                "Autosave failed",
                message + "\n\nSave the brief to keep your work safe.",
            )

    def adopt(self, entry: RecoveryEntry) -> None:
        """Carry on with a restored copy: it stays until saved or closed."""
        if self.slot.id != entry.id:
            self.discard()
        self.slot = self.store.slot_of(entry)

    def discard(self) -> None:
        try:
            self.slot.discard()
        except OSError:
            pass  # a copy that cannot be removed is offered again: harmless
