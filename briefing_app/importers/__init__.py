"""Import an article, a note or a Word file into a new brief.

    result = import_file("notes.md")     # raises BriefImportError in plain words
    result.brief, result.notes, result.encoding

Plain text (.txt), Markdown (.md) and Word (.docx) are read into one flat
stream of headings, paragraphs, lists and tables (one reader per format),
which :mod:`build` turns into sections. Nothing here writes a file or
imports Qt. The rules are in docs/import.md.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing_app.errors import BriefFileError, BriefImportError
from briefing_app.importers.build import build_brief
from briefing_app.importers.items import SrcBlock
from briefing_app.importers.limits import TooMuch, check_runs
from briefing_app.importers.result import ImportResult, SourceFormat, describe_section
from briefing_app.importers.source_file import (
    MAX_MARKDOWN_BYTES,
    MAX_TEXT_BYTES,
    MAX_WORD_BYTES,
    decode_text,
    encoding_note,
    read_source,
    stem_title,
)
from briefing_app.model.brief import Brief

SUFFIXES: dict[str, SourceFormat] = {
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".docx": SourceFormat.WORD,
}
_OTHER_FORMATS = {
    ".doc": "older Word files (.doc) cannot be imported: open it in Word, save it as .docx, "
    "and import that.",
    ".pdf": "PDF files cannot be imported: save it as Word (.docx) from your PDF reader, or "
    "copy its text into a .txt file, and import that.",
    ".rtf": "Rich Text files cannot be imported: open it in Word, save it as .docx, and "
    "import that.",
    ".odt": "OpenDocument files cannot be imported: save it as Word (.docx) and import that.",
    ".brief": "this is already a brief: open it with File > Open (or 'briefing-app FILE').",
}


def format_for_source(path: str | os.PathLike[str]) -> SourceFormat:
    """The format to read ``path`` as, from its ending."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    name = Path(path).name
    if suffix in _OTHER_FORMATS:
        raise BriefImportError(_OTHER_FORMATS[suffix], file=name)
    raise BriefImportError(
        "import takes plain text (.txt), Markdown (.md) or Word (.docx) files; give the "
        "file one of these endings if it is one of them.",
        file=name,
    )


def import_file(path: str | os.PathLike[str]) -> ImportResult:
    """Read ``path`` (by its ending) into a new brief. Writes nothing."""
    path = Path(path)
    fmt = format_for_source(path)
    limit = {SourceFormat.WORD: MAX_WORD_BYTES, SourceFormat.MARKDOWN: MAX_MARKDOWN_BYTES}.get(
        fmt, MAX_TEXT_BYTES
    )
    return import_bytes(read_source(path, limit), fmt, name=path.name)


def import_bytes(data: bytes, fmt: SourceFormat, *, name: str = "") -> ImportResult:
    fallback = stem_title(name) if name else "Imported brief"
    if fmt is SourceFormat.WORD:
        from briefing_app.importers.word import word_content

        try:
            content = word_content(data, name=name)
        except TooMuch as exc:
            raise BriefImportError(exc.problem, file=name) from None
        if not content.blocks:
            raise BriefImportError("the Word document has no text to import", file=name)
        brief = _build(content.blocks, content.title or fallback, name)
        return ImportResult(brief, fmt, name, notes=content.notes)
    text, encoding = decode_text(data, name=name)
    result = import_text(text, fmt, name=name)
    result.encoding = encoding
    result.notes.insert(0, encoding_note(encoding))
    return result


def import_text(text: str, fmt: SourceFormat, *, name: str = "") -> ImportResult:
    """Plain text or Markdown already decoded to a string."""
    if not text.strip():
        raise BriefImportError("the file is empty", file=name)
    from briefing_app.importers.plain_text import text_blocks

    notes = []
    try:
        if fmt is SourceFormat.MARKDOWN:
            from briefing_app.importers.markdown import TooDeep, markdown_blocks

            try:
                blocks = markdown_blocks(text)
            except TooDeep:
                blocks = text_blocks(text)
                notes.append(
                    "The Markdown nests quotes or lists too deeply to read as Markdown, so "
                    "it was imported as plain text."
                )
        else:
            blocks = text_blocks(text)
    except TooMuch as exc:
        raise BriefImportError(exc.problem, file=name) from None
    if not blocks:
        raise BriefImportError("the file has no text to import", file=name)
    brief = _build(blocks, stem_title(name) if name else "Imported brief", name)
    return ImportResult(brief, fmt, name, notes=notes)


def _build(blocks: list[SrcBlock], title: str, name: str) -> Brief:
    try:
        check_runs(blocks)
    except TooMuch as exc:
        raise BriefImportError(exc.problem, file=name) from None
    brief = build_brief(blocks, fallback_title=title)
    _check_fits(brief, name)
    return brief


def _check_fits(brief: Brief, name: str) -> None:
    """Refuse a brief too long to be saved and opened again."""
    from briefing_app.model import limits
    from briefing_app.model.fileformat import brief_to_dict

    try:
        limits.check_counts(brief_to_dict(brief))
    except BriefFileError:
        raise BriefImportError(
            f"the file is too long to become one brief (a brief holds at most "
            f"{limits.MAX_PIECES:,} paragraphs, list items and sections, and "
            f"{limits.MAX_CELLS:,} table cells). Split it and import the parts.",
            file=name,
        ) from None


__all__ = [
    "SUFFIXES",
    "BriefImportError",
    "ImportResult",
    "SourceFormat",
    "describe_section",
    "format_for_source",
    "import_bytes",
    "import_file",
    "import_text",
]
