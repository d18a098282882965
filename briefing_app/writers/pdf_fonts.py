"""The fonts the PDF embeds, and which characters they cannot draw.

Liberation Sans (metric-compatible with Arial, which the Word file names) is
bundled in assets/fonts. All four faces are registered as one family so that
<b> and <i> pick real bold and italic faces instead of falling back to the
regular one.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from briefing_app.document.fonts import FACES as _FACES
from briefing_app.document.fonts import MAX_FONT_BYTES, font_files
from briefing_app.document.nodes import Document
from briefing_app.errors import ExportError
from briefing_app.files.reading import FileReadError, read_file

#: Characters a font is tried with when a template loads (printable ASCII).
_TRIAL = range(0x20, 0x7F)


def font_problem(data: bytes) -> str | None:
    """Why this TrueType font cannot be embedded (words to follow "the font
    file 'X.ttf'"), or None: read as the writer will read it, and a few
    characters cut out of it as the writer does for every PDF."""
    try:
        font = TTFontFile(io.BytesIO(data))
        font.makeSubset(list(_TRIAL))
    except Exception:
        # reportlab raises TTFError, struct.error, IndexError, KeyError... for a
        # damaged or foreign file: all mean the same to the author.
        return "is damaged or is not a TrueType font (.ttf)"
    return None


@dataclass(frozen=True, slots=True)
class FontFamily:
    regular: str
    bold: str
    italic: str
    bold_italic: str


@cache
def register_family(family: str = "Liberation Sans", font_dir: str = "") -> FontFamily:
    """Register the four faces of ``family`` once; return their names."""
    files = font_files(family, font_dir)
    if files is None:
        raise ExportError(
            f"The font '{family}' is not installed with the template: put its four files "
            f"({family.replace(' ', '')}-Regular.ttf, -Bold, -Italic, -BoldItalic) in the "
            "template's fonts folder."
        )
    stem = files["regular"].stem.rsplit("-", 1)[0]
    # Templates may bring files of the same family name: keep them apart.
    base = f"Brief-{stem}" + (
        f"-{abs(hash(str(files['regular'].parent))) % 10**8}" if font_dir else ""
    )
    names = {}
    for attr, path in files.items():
        name = f"{base}-{_FACES[attr]}"
        pdfmetrics.registerFont(_load(name, path))
        names[attr] = name
    fam = FontFamily(**names)
    pdfmetrics.registerFontFamily(
        fam.regular,
        normal=fam.regular,
        bold=fam.bold,
        italic=fam.italic,
        boldItalic=fam.bold_italic,
    )
    # Paragraph markup resolves <b>/<i> through these mappings.
    addMapping(fam.regular, 0, 0, fam.regular)
    addMapping(fam.regular, 1, 0, fam.bold)
    addMapping(fam.regular, 0, 1, fam.italic)
    addMapping(fam.regular, 1, 1, fam.bold_italic)
    return fam


def _load(name: str, path: Path) -> TTFont:
    # Read through the bounded reader: the file may have changed since the
    # template was checked.
    try:
        return TTFont(name, io.BytesIO(read_file(path, MAX_FONT_BYTES)))
    except FileReadError as exc:
        raise ExportError(f"The font file '{path.name}' cannot be read: {exc.problem}.") from None
    except Exception:
        raise ExportError(
            f"The font file '{path.name}' is damaged or is not a TrueType font (.ttf)."
        ) from None


@cache
def _coverage(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)  # type: ignore[attr-defined]


def _needs_glyph(ch: str) -> bool:
    # Spaces, line breaks and invisible format characters (zero-width
    # joiners, directional marks) need no drawing.
    return not (ch.isspace() or unicodedata.category(ch) in ("Cf", "Cc", "Zs", "Zl", "Zp"))


def missing_characters(
    texts: Iterable[str], family: str = "Liberation Sans", font_dir: str = ""
) -> list[str]:
    """Characters in ``texts`` that the embedded fonts cannot draw, in order."""
    fam = register_family(family, font_dir)
    covered = _coverage(fam.regular)
    seen: dict[str, None] = {}
    for text in texts:
        for ch in text:
            if ord(ch) not in covered and ch not in seen and _needs_glyph(ch):
                seen[ch] = None
    return list(seen)


def describe_characters(chars: list[str], limit: int = 12) -> str:
    shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars[:limit])
    more = len(chars) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def glyph_warnings(tree: Document) -> list[str]:
    """Plain-words warnings for characters the embedded PDF font cannot draw."""
    missing = missing_characters(tree.all_text(), tree.style.pdf_font, tree.style.font_dir)
    if not missing:
        return []
    return [
        "The PDF font cannot draw these characters, so they would appear as empty boxes: "
        f"{describe_characters(missing)}. Replace them, or check the Word file, which uses "
        "the reader's own fonts."
    ]
