"""Start the desktop app."""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from briefing_app import APP_ID, APP_NAME, __version__


def _install_excepthook(window_ref: list) -> None:  # list: filled once the window exists
    """No traceback ever reaches the author: save a recovery copy first,
    then show a readable message with the technical detail to copy."""

    def hook(exc_type, exc, tb) -> None:
        detail = "".join(traceback.format_exception(exc_type, exc, tb))
        print(detail, file=sys.stderr)
        saved = ""
        window = window_ref[0] if window_ref else None
        if window is not None:
            saved = _save_recovery(window)
            from briefing_app.gui import dialogs

            message = "Something went wrong inside the app. "
            message += (
                f"A copy of your brief was saved to {saved}. " if saved else ""
            ) + "You can keep working; if this happens again, please report it."
            with contextlib.suppress(Exception):
                dialogs.show_error(window, "Unexpected problem", message, detail)

    sys.excepthook = hook


def _save_recovery(window) -> str:
    """Write the window's recovery copy now; if the app then goes down, the
    next start offers it back."""
    try:
        path = window.autosaver.save_now()
    except Exception:  # the crash handler must not fail in turn
        return ""
    return str(path) if path else ""


def create_window(paths: Sequence[str], settings=None):
    """The main window with the brief to show: the file given on the command
    line, else the sample (which the first start always shows)."""
    from briefing_app.gui.main_window import MainWindow
    from briefing_app.gui.settings import open_settings
    from briefing_app.sample import load_sample

    settings = settings if settings is not None else open_settings()
    window = MainWindow(settings)
    opened = bool(paths) and window.open_file(Path(paths[0]), ask=False)
    if not opened:
        window.load_brief(load_sample(), None)
    settings.setValue("first_start_done", True)
    return window


def run_app(paths: Sequence[str]) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from briefing_app.files.legacy import move_legacy_data
    from briefing_app.files.locations import assets_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # matches the installed .desktop file
    icon = assets_dir() / "icons" / "briefing-builder.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    window_ref: list = []
    _install_excepthook(window_ref)
    move_legacy_data()  # version 1's recovery copies and backups
    window = create_window(paths)
    window_ref.append(window)
    window.show()
    QTimer.singleShot(0, lambda: _started(window))
    return app.exec()


def _started(window) -> None:
    """Once the window is up: offer unsaved work left by a crash."""
    from briefing_app.gui.recovery_prompt import offer_recovery

    offer_recovery(window)
