"""The app's settings file (window layout, recent briefs, last folders).

It lives where briefing_app/files/locations.py says, as an INI file, so the
app and the command line agree on every folder. Settings kept by version 1
(Qt's own place for an organisation and app both called "Briefing Builder")
are copied over once.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from briefing_app import APP_NAME
from briefing_app.files import locations

_MIGRATED = "settings_migrated_from_v1"


def open_settings() -> QSettings:
    settings = QSettings(str(locations.settings_file()), QSettings.Format.IniFormat)
    if not settings.allKeys():
        legacy = QSettings(
            QSettings.Format.NativeFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME
        )
        for key in legacy.allKeys():
            settings.setValue(key, legacy.value(key))
        settings.setValue(_MIGRATED, bool(legacy.allKeys()))
    return settings
