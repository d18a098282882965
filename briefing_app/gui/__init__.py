"""The desktop app (PySide6). A client of the core: it never writes files or
formats exports itself; it edits the model and calls the core."""

from briefing_app.gui.qt_workarounds import protect_none

protect_none()
