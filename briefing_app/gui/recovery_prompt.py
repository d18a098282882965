"""After a crash: offer the unsaved work the recovery store still holds."""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from briefing_app.errors import BriefError
from briefing_app.files.recovery import RecoveryEntry
from briefing_app.gui import dialogs

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow


def when_text(saved_at: _dt.datetime, now: _dt.datetime | None = None) -> str:
    """ "today at 14:32", "yesterday at 09:05", "on 3 October 2025 at 17:40"."""
    local = saved_at.astimezone()
    today = (now or _dt.datetime.now(_dt.UTC)).astimezone().date()
    if local.date() == today:
        day = "today"
    elif local.date() == today - _dt.timedelta(days=1):
        day = "yesterday"
    else:
        day = f"on {local.day} {local:%B %Y}"
    return f"{day} at {local:%H:%M}"


def describe(entry: RecoveryEntry, now: _dt.datetime | None = None) -> str:
    text = f"{entry.label} — saved {when_text(entry.info.saved_at, now)}"
    if entry.info.original is not None:
        text += f"\n    in {entry.info.original.parent}"
    elif entry.info.name:
        text += " (never saved)"
    return text


def offer_recovery(window: MainWindow, *, say_if_none: bool = False) -> bool:
    """Offer each recovery copy left by an app that did not close normally.
    True if one was restored into ``window``."""
    store = window.autosaver.store
    while True:
        orphans = store.orphans()
        if not orphans:
            if say_if_none:
                dialogs.show_warning(
                    window, "Recover unsaved work", "There is no unsaved work to recover."
                )
            return False
        choice, index = dialogs.ask_recovery(window, [describe(e) for e in orphans])
        entry = orphans[min(index, len(orphans) - 1)]
        if choice is dialogs.RecoveryChoice.LATER:
            return False
        if choice is dialogs.RecoveryChoice.DISCARD:
            question = (
                f"Discard the unsaved changes to '{entry.label}' saved "
                f"{when_text(entry.info.saved_at)}? This cannot be undone."
            )
            if dialogs.confirm(window, "Discard unsaved work", question):
                store.discard(entry)
            continue
        if not window.maybe_save():
            return False
        return restore(window, entry)


def restore(window: MainWindow, entry: RecoveryEntry) -> bool:
    """Show ``entry`` in ``window`` as unsaved work on its original file."""
    try:
        brief = entry.load()
    except BriefError as exc:
        dialogs.show_error(
            window,
            "Cannot restore the brief",
            f"The recovery copy could not be read: {exc}. It is kept at {entry.copy_path}.",
        )
        return False
    path = entry.info.original
    if path is not None and not window.files.claim(path):
        path = None  # open elsewhere and the author cancelled: keep it untitled
    window.load_brief(brief, path)
    if path is not None:
        # Compare later saves with the file as the crashed app last knew it,
        # so a change made on disk since then is still caught.
        window.files.stamp = entry.info.base or window.files.stamp
        window.files.read_only = window.files.read_only or entry.info.read_only
    window.autosaver.adopt(entry)
    window.session.undo_stack.resetClean()  # unsaved until the author saves
    window.autosaver.save_now()  # the copy is this app's now
    window.statusBar().showMessage(
        f"Restored unsaved work from {when_text(entry.info.saved_at)}. Save to keep it.", 15_000
    )
    return True
