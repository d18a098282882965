"""Every folder the app reads its own files from or writes the user's to.

One place decides them, for the app and the command line alike (neither asks
Qt): the shipped assets and templates, and the per-user folders in each
system's standard place, named after the app once (``APP_NAME``):

- Linux: ~/.local/share/briefing-builder (XDG_DATA_HOME is honoured) for
  templates, recovery copies and backups; ~/.config/briefing-builder for
  settings;
- Windows: %APPDATA%\\Briefing Builder for both;
- macOS: ~/Library/Application Support/Briefing Builder for both.

``BRIEFING_TEMPLATES`` names another template folder (an organisation's
shared one, say).
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

from briefing_app import APP_NAME

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES_OVERRIDE = "BRIEFING_TEMPLATES"


# ------------------------------------------------------------ shipped files


@cache
def _find(name: str) -> Path:
    # An installed wheel carries them inside the package; a source checkout
    # keeps them beside it.
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The application's '{name}' folder is missing; reinstall the app.")


def assets_dir() -> Path:
    return _find("assets")


def templates_dir() -> Path:
    """The templates shipped with the app (read only)."""
    return _find("templates")


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def sample_path() -> Path:
    return assets_dir() / "sample" / "belarus-2025.brief"


# ------------------------------------------------------------ the user's files


def app_folder_name() -> str:
    """The app's folder name: lower case with a hyphen where the system's
    convention is so (Linux and other XDG systems)."""
    if sys.platform in ("win32", "darwin"):
        return APP_NAME
    return APP_NAME.lower().replace(" ", "-")


def user_data_dir() -> Path:
    """The user's own data: templates, recovery copies, backups."""
    return platformdirs.user_data_path(app_folder_name(), appauthor=False, roaming=True)


def user_config_dir() -> Path:
    return platformdirs.user_config_path(app_folder_name(), appauthor=False, roaming=True)


def user_templates_dir() -> Path:
    """Where an organisation's own templates go."""
    override = os.environ.get(TEMPLATES_OVERRIDE)
    return Path(override) if override else user_data_dir() / "templates"


def recovery_dir() -> Path:
    """Copies of unsaved work, offered back after a crash."""
    return user_data_dir() / "recovery"


def backups_dir() -> Path:
    """Earlier versions of saved briefs."""
    return user_data_dir() / "backups"


def settings_file() -> Path:
    """Window layout, recent files and the like (an INI file)."""
    return user_config_dir() / "settings.ini"


def legacy_data_dir() -> Path:
    """Where version 1 kept recovery copies and backups: Qt's AppDataLocation
    for the organisation and application both called APP_NAME."""
    base = platformdirs.user_data_path(appauthor=False, roaming=True)
    return base / APP_NAME / APP_NAME
