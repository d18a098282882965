"""Guards the window's brief file: its lock, changes made on disk by someone
else, read-only opening, and the earlier versions kept at each save.

The rules live in the core (locks.py, filestamp.py, backups.py); this class
asks the author through briefing_app.gui.dialogs when a choice is needed.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from briefing_app.errors import BriefError
from briefing_app.files.backups import Backup, BackupStore
from briefing_app.files.filestamp import FileStamp, changed_since, stamp
from briefing_app.files.locks import BriefLock, BriefLockedError, holder_elsewhere, new_token
from briefing_app.files.processes import Liveness, liveness
from briefing_app.gui import dialogs
from briefing_app.model.brief import Brief

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow


class SaveCheck(Enum):
    PROCEED = "proceed"
    SAVE_AS = "save as"
    CANCEL = "cancel"


def _same(a: Path | None, b: Path | None) -> bool:
    if a is None or b is None:
        return False
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def version_label(backup: Backup) -> str:
    when = backup.saved_at.astimezone()
    return f"Saved {when.day} {when:%B %Y at %H:%M:%S} ({backup.size / 1024:,.0f} KB)"


class FileGuard(QObject):
    def __init__(self, window: MainWindow, backups: BackupStore) -> None:
        super().__init__(window)
        self.window = window
        self.backups = backups
        self.token = new_token()  # this window's claim on files
        self.lock: BriefLock | None = None
        self.stamp: FileStamp | None = None  # the file as last read or written
        self.read_only = False

    # ------------------------------------------------------------ opening
    def claim(self, path: Path, *, ask: bool = True) -> bool:
        """Take ``path`` for this window (before showing it). If it is open
        elsewhere the author chooses; False means they cancelled."""
        read_only = False
        try:
            lock: BriefLock | None = BriefLock.acquire(path, self.token)
        except BriefLockedError as exc:
            choice = dialogs.ask_locked(self.window, str(exc)) if ask else dialogs.LockChoice.CANCEL
            if choice is dialogs.LockChoice.CANCEL:
                return False
            read_only = choice is dialogs.LockChoice.READ_ONLY
            lock = None  # a running app on this computer keeps its lock...
            if not read_only and liveness(exc.holder.process) is Liveness.UNKNOWN:
                # ...but one from another computer may be left by a crash there.
                lock = BriefLock.take_over(path, self.token)
        if self.lock is not None and not (lock is not None and _same(lock.path, self.lock.path)):
            self.lock.release()
        self.lock = lock
        self.read_only = read_only
        self.stamp = stamp(path)
        return True

    def forget(self) -> None:
        """The window shows no file any more (a new brief, or closing)."""
        if self.lock is not None:
            self.lock.release()
        self.lock = None
        self.stamp = None
        self.read_only = False

    # ------------------------------------------------------------ saving
    def check_save(self, path: Path, current: Path | None) -> SaveCheck:
        """May the brief be saved to ``path`` (``current`` is its file)?"""
        if _same(path, current):
            if self.read_only:
                dialogs.show_warning(
                    self.window,
                    "Opened read-only",
                    f"'{path.name}' was opened read-only because it is open elsewhere. "
                    "Save your version under another name.",
                )
                return SaveCheck.SAVE_AS
            if changed_since(path, self.stamp):
                choice = dialogs.ask_changed_on_disk(self.window, path.name)
                if choice is dialogs.DiskChoice.SAVE_AS:
                    return SaveCheck.SAVE_AS
                if choice is dialogs.DiskChoice.CANCEL:
                    return SaveCheck.CANCEL
            return SaveCheck.PROCEED
        holder = holder_elsewhere(path, self.token)
        if holder is not None:
            dialogs.show_error(
                self.window,
                "Cannot save the brief",
                f"'{path.name}' is open in Briefing Builder, {holder.describe()}, so it was "
                "not replaced. Choose another name, or ask them to close it first.",
            )
            return SaveCheck.CANCEL
        return SaveCheck.PROCEED

    def keep_backup(self, path: Path) -> str:
        """Keep the version on disk before it is replaced; a plain warning
        if that failed (the save itself goes ahead)."""
        try:
            self.backups.keep_copy(path)
        except BriefError as exc:
            return f"No earlier version could be kept: {exc}"
        return ""

    def saved(self, path: Path, data_stamp: FileStamp | None = None) -> None:
        """``path`` now holds this window's brief."""
        if self.lock is None or not _same(self.lock.brief_path, path):
            if self.lock is not None:
                self.lock.release()
            try:
                self.lock = BriefLock.acquire(path, self.token)
            except BriefLockedError:
                self.lock = None
        self.read_only = False
        self.stamp = data_stamp or stamp(path)

    # ------------------------------------------------------------ versions
    def versions(self, path: Path | None) -> list[Backup]:
        return self.backups.versions(path) if path is not None else []

    def restore_earlier_version(self) -> None:
        """File > Restore Earlier Version: open a kept version in the window,
        unsaved, so the author saves it to make it current (or closes
        without saving to leave the file as it is)."""
        window = self.window
        path = window.session.path
        if path is None or not window.maybe_save():
            return
        brief = self.choose_version(path)
        if brief is None:
            return
        window.load_brief(brief, path)
        window.session.undo_stack.resetClean()  # unsaved until the author saves
        window.statusBar().showMessage(
            "Opened an earlier version. Save to make it the current version, or close "
            "without saving to keep the file as it is.",
            15_000,
        )

    def choose_version(self, path: Path) -> Brief | None:
        """Ask which kept version of ``path`` to open; None if none chosen."""
        from briefing_app.model.storage import load_brief

        versions = self.versions(path)
        if not versions:
            dialogs.show_warning(
                self.window,
                "Restore earlier version",
                f"No earlier versions of '{path.name}' have been kept yet. A version is "
                "kept each time you save over the file.",
            )
            return None
        index = dialogs.choose_version(self.window, path.name, [version_label(v) for v in versions])
        if index is None:
            return None
        try:
            return load_brief(versions[index].path)
        except BriefError as exc:
            dialogs.show_error(self.window, "Cannot restore that version", str(exc))
            return None
