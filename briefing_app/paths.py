"""Where the shipped assets and templates live.

An installed wheel carries them inside the package; a source checkout keeps
them beside it (the layout the project was designed with).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _find(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"The application's '{name}' folder is missing; reinstall the app.")


def assets_dir() -> Path:
    return _find("assets")


def templates_dir() -> Path:
    return _find("templates")


def fonts_dir() -> Path:
    return assets_dir() / "fonts"


def sample_path() -> Path:
    return assets_dir() / "sample" / "belarus-2025.brief"
