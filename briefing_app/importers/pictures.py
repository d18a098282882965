"""Pictures a Markdown file names, read from beside it.

``![alt](maps/belarus.png)`` is read relative to the Markdown file's
folder, and only from that folder or below it: an address on the web is
not fetched, and a path that leaves the folder (``../``, an absolute path)
is not followed, so importing a file cannot bring in whatever else is on
the disk. Each file is read with a cap on its size; what it holds is
checked when the brief is built (pictures/intake.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from briefing_app.files.reading import FileReadError, read_file
from briefing_app.importers.items import SrcBlock, SrcPicture
from briefing_app.pictures.intake import MAX_PICTURE_BYTES

#: Pictures read for one import, at most (each up to MAX_PICTURE_BYTES).
MAX_PICTURES = 100


def _inside(folder: Path, reference: str) -> Path | None:
    """The file ``reference`` names inside ``folder``, or None."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    relative = Path(unquote(parts.path))
    if relative.is_absolute():
        return None
    try:
        base = folder.resolve()
        path = (base / relative).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    return path if path.is_relative_to(base) else None


def read_pictures(blocks: list[SrcBlock], folder: Path | None, notes: list[str]) -> list[SrcBlock]:
    """``blocks`` with each picture's bytes read from ``folder``; a picture
    that cannot be read is left out with a note saying why."""
    out: list[SrcBlock] = []
    read = 0
    for block in blocks:
        if not isinstance(block, SrcPicture) or block.data:
            out.append(block)
            continue
        reference = block.name
        shown = f"'{reference[:80]}'"
        path = _inside(folder, reference) if folder is not None else None
        if path is None:
            if urlsplit(reference).scheme in ("http", "https"):
                why = "it is on the web, and pictures are not fetched: save it beside the file"
            elif folder is None:
                why = "a Markdown file's pictures are read only when the file itself is imported"
            else:
                why = "it is not in the Markdown file's folder or a folder below it"
            notes.append(f"The picture {shown} was left out: {why}.")
            continue
        if read >= MAX_PICTURES:
            notes.append(f"The picture {shown} was left out: {MAX_PICTURES} is the most read.")
            continue
        try:
            data = read_file(path, MAX_PICTURE_BYTES, "to be a picture in a brief")
        except FileReadError as exc:
            notes.append(f"The picture {shown} was left out: {exc.problem}.")
            continue
        read += 1
        out.append(SrcPicture(block.alt, block.caption, data, os.path.basename(path)))
    return out
