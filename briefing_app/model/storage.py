"""Load and save .brief files."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from briefing_app.errors import BriefFileError
from briefing_app.files.atomic import atomic_write
from briefing_app.files.reading import FileReadError, read_file, size_words
from briefing_app.model import limits
from briefing_app.model.brief import Brief
from briefing_app.model.fileformat import brief_from_dict, brief_to_dict

BRIEF_SUFFIX = ".brief"
# A real brief is a few hundred kilobytes, a few megabytes with pictures;
# anything this large is not one, and reading it would only stall the app.
MAX_FILE_BYTES = 100 * 1024 * 1024


class _DuplicateField(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # JSON allows a key twice and Python keeps the last; a brief never has
    # one twice, and "schema_version": 99, "schema_version": 3 must not open.
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateField(key)
            seen.add(key)
    return out


def dumps(brief: Brief) -> bytes:
    """The .brief file's bytes: ``json.dumps(brief_to_dict(brief), indent=1)``
    exactly, with the pictures' base 64 (megabytes) joined in as bytes
    rather than copied through the JSON encoder twice."""
    text = json.dumps(brief_to_dict(brief, pictures=False), ensure_ascii=False, indent=1)
    pictures = brief.used_pictures()
    if not pictures:
        return (text + "\n").encode("utf-8")
    assert text.endswith("\n}")
    parts = [text[:-2].encode("utf-8"), b',\n "pictures": {']
    for n, (digest, picture) in enumerate(pictures.items()):
        head = (
            f"{',' if n else ''}\n  {json.dumps(digest)}: {{\n"
            f'   "type": {json.dumps(picture.media_type.value)},\n'
            f'   "width": {picture.width},\n   "height": {picture.height},\n   "data": "'
        )
        parts += [head.encode("utf-8"), picture.base64(), b'"\n  }']
    parts.append(b"\n }\n}\n")
    return b"".join(parts)


def loads(data: bytes, *, name: str = "") -> Brief:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BriefFileError(
            "this is not a brief: the file is not text (it may be damaged or of another kind)",
            file=name,
        ) from None
    if not text.strip():
        raise BriefFileError("the file is empty", file=name)
    limits.check_bytes(data, name=name)
    try:
        raw = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except _DuplicateField as exc:
        raise BriefFileError(
            f"the file is damaged: the field '{exc.key[:60]}' appears twice in one place, "
            "so it cannot be told which one is meant",
            file=name,
        ) from None
    except json.JSONDecodeError as exc:
        raise BriefFileError(
            f"the file is damaged or incomplete (line {exc.lineno}, column {exc.colno}: "
            f"{exc.msg.lower()})",
            file=name,
        ) from None
    except RecursionError:
        raise BriefFileError("the file is nested too deeply to be a brief", file=name) from None
    except ValueError:
        # json raises a plain ValueError for an integer longer than Python's
        # digit limit (sys.get_int_max_str_digits(), 4,300 by default).
        raise BriefFileError(
            "the file is damaged (it holds a number too long to read)", file=name
        ) from None
    limits.check_counts(raw, name=name)
    try:
        return brief_from_dict(raw)
    except BriefFileError as exc:
        raise BriefFileError(exc.problem, where=exc.where, file=name) from None


def load_brief(path: str | os.PathLike[str]) -> Brief:
    path = Path(path)
    try:
        data = read_file(path, MAX_FILE_BYTES, "to be a brief")
    except FileReadError as exc:
        raise BriefFileError(exc.problem, file=str(path)) from None
    return loads(data, name=path.name)


def save_brief(brief: Brief, path: str | os.PathLike[str]) -> Path:
    """Save atomically: the old file stays intact if anything goes wrong.

    The bytes are read back before they replace the file, so a brief that
    could not be opened again is never written over a good one.
    """
    data = dumps(brief)
    if len(data) > MAX_FILE_BYTES:
        raise BriefFileError(
            f"the brief was not saved: with its pictures it would be {size_words(len(data))}, "
            f"and a brief of more than {size_words(MAX_FILE_BYTES, exact=True)} cannot be "
            "opened again. Remove pictures, or insert smaller copies of them.",
            file=Path(path).name,
        )
    try:
        loads(data)
    except BriefFileError as exc:
        raise BriefFileError(
            f"the brief was not saved because it would not open again ({exc.where}: "
            f"{exc.problem}). Please report this.",
            file=Path(path).name,
        ) from None
    return atomic_write(path, data)
