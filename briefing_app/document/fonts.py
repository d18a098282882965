"""Where a family's font files are: a template's own fonts folder first,
then the fonts bundled with the app. No font library is loaded here, so
checking a template stays cheap."""

from __future__ import annotations

from pathlib import Path

from briefing_app.files.locations import fonts_dir

FACES = {
    "regular": "Regular",
    "bold": "Bold",
    "italic": "Italic",
    "bold_italic": "BoldItalic",
}
_FILE_STEMS = {"Liberation Sans": "LiberationSans"}


def font_files(family: str, font_dir: str = "") -> dict[str, Path] | None:
    """The four face files of ``family`` (a template's folder first, then the
    bundled fonts), or None when any face is missing."""
    stem = _FILE_STEMS.get(family, family.replace(" ", ""))
    for folder in [Path(font_dir)] * bool(font_dir) + [fonts_dir()]:
        files = {attr: folder / f"{stem}-{face}.ttf" for attr, face in FACES.items()}
        if all(path.is_file() for path in files.values()):
            return files
    return None
