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
#: A font file larger than this is not read (a large CJK font is about 20 MB).
MAX_FONT_BYTES = 20 * 1024 * 1024
_FILE_STEMS = {"Liberation Sans": "LiberationSans"}


def file_stem(family: str) -> str:
    """The start of the family's file names: "Test Sans" -> "TestSans"."""
    return _FILE_STEMS.get(family, family.replace(" ", ""))


def font_files(family: str, font_dir: str = "") -> dict[str, Path] | None:
    """The four face files of ``family`` (a template's folder first, then the
    bundled fonts), or None when any face is missing. A template's font is
    never taken from outside its folder, through a link either."""
    stem = file_stem(family)
    if "/" in stem or "\\" in stem or stem.startswith("."):
        return None  # a path, not a family's name
    if font_dir:
        files = _faces(Path(font_dir), stem)
        if all(_inside(path, Path(font_dir)) for path in files.values()):
            return files
    files = _faces(fonts_dir(), stem)
    return files if all(path.is_file() for path in files.values()) else None


def _faces(folder: Path, stem: str) -> dict[str, Path]:
    return {attr: folder / f"{stem}-{face}.ttf" for attr, face in FACES.items()}


def _inside(path: Path, folder: Path) -> bool:
    try:
        return path.is_file() and path.resolve().parent == folder.resolve()
    except (OSError, RuntimeError):  # a link loop
        return False
