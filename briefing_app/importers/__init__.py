"""Import an article, a note, a Word file, a web page or an e-mail into a new brief.

    result = import_file("notes.md")     # raises BriefImportError in plain words
    result.brief, result.notes, result.encoding, result.attachments

Plain text (.txt), Markdown (.md), Word (.docx), saved web pages (.html)
and e-mails (.eml, Outlook's .msg) are read into one flat stream of
headings, paragraphs, lists, tables, boxed text and pictures (one reader
per format), which :mod:`build` turns into sections. Every file comes in
through ``files/reading.py`` under its format's size limit. ``progress``
(optional) hears how far an import has got; cancelling it stops the import
with ExportCancelled at its next step. Nothing here writes a file or
imports Qt. The rules are in docs/import.md.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from briefing_app.errors import BriefFileError, BriefImportError
from briefing_app.importers.build import build
from briefing_app.importers.items import SrcBlock, SrcHeading, SrcPicture
from briefing_app.importers.limits import TooMuch, check_runs
from briefing_app.importers.result import (
    SUFFIXES,
    Attachment,
    ImportResult,
    SourceFormat,
    describe_section,
)
from briefing_app.importers.source_file import (
    MAX_EMAIL_BYTES,
    MAX_HTML_BYTES,
    MAX_MARKDOWN_BYTES,
    MAX_TEXT_BYTES,
    MAX_WORD_BYTES,
    decode_text,
    encoding_note,
    read_source,
    stem_title,
)
from briefing_app.model.brief import Brief, SourceEntry
from briefing_app.progress import Progress, step

_OTHER_FORMATS = {
    ".doc": "older Word files (.doc) cannot be imported: open it in Word, save it as .docx, "
    "and import that.",
    ".pdf": "PDF files cannot be imported: save it as Word (.docx) from your PDF reader, or "
    "copy its text into a .txt file, and import that.",
    ".rtf": "Rich Text files cannot be imported: open it in Word, save it as .docx, and "
    "import that.",
    ".odt": "OpenDocument files cannot be imported: save it as Word (.docx) and import that.",
    ".mht": "web archives (.mht) cannot be imported: open the page in a browser and save it "
    "as 'Web page, HTML only' (.html), and import that.",
    ".mhtml": "web archives (.mhtml) cannot be imported: open the page in a browser and save "
    "it as 'Web page, HTML only' (.html), and import that.",
    ".brief": "this is already a brief: open it with File > Open (or 'briefing-app FILE').",
}
# The most a file of each format may be (larger ones are refused unread):
# the names of this module's limits, looked up when a file is read.
_LIMITS: dict[SourceFormat, str] = {
    SourceFormat.TEXT: "MAX_TEXT_BYTES",
    SourceFormat.MARKDOWN: "MAX_MARKDOWN_BYTES",
    SourceFormat.WORD: "MAX_WORD_BYTES",
    SourceFormat.HTML: "MAX_HTML_BYTES",
    SourceFormat.EMAIL: "MAX_EMAIL_BYTES",
    SourceFormat.OUTLOOK: "MAX_EMAIL_BYTES",
}


def size_limit(fmt: SourceFormat) -> int:
    """The largest file of format ``fmt`` that is read."""
    return int(globals()[_LIMITS[fmt]])


KINDS_OF_FILE = (
    "plain text (.txt), Markdown (.md), Word (.docx), web pages (.html) or e-mails (.eml, .msg)"
)


def format_for_source(path: str | os.PathLike[str]) -> SourceFormat:
    """The format to read ``path`` as, from its ending."""
    suffix = Path(path).suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    name = Path(path).name
    if suffix in _OTHER_FORMATS:
        raise BriefImportError(_OTHER_FORMATS[suffix], file=name)
    raise BriefImportError(
        f"import takes {KINDS_OF_FILE} files; give the file one of these endings if it is "
        "one of them.",
        file=name,
    )


def import_file(path: str | os.PathLike[str], progress: Progress | None = None) -> ImportResult:
    """Read ``path`` (by its ending) into a new brief. Writes nothing."""
    path = Path(path)
    fmt = format_for_source(path)
    step(progress, 0, 100)
    data = read_source(path, size_limit(fmt))
    return import_bytes(data, fmt, name=path.name, progress=progress, folder=path.parent)


def import_attachment(attachment: Attachment, progress: Progress | None = None) -> ImportResult:
    """An e-mail's attachment (a .docx, .txt, .md or .html) as a new brief."""
    fmt = attachment.format
    if fmt is None:
        raise BriefImportError(
            f"only {KINDS_OF_FILE[: KINDS_OF_FILE.index(' or e-mails')]} attachments can be "
            "imported",
            file=attachment.name,
        )
    if attachment.size > size_limit(fmt):
        from briefing_app.files.reading import size_words

        raise BriefImportError(
            f"the attachment is {size_words(attachment.size)}, too large to import (the limit "
            f"is {size_words(size_limit(fmt), exact=True)})",
            file=attachment.name,
        )
    return import_bytes(attachment.data, fmt, name=attachment.name, progress=progress)


def import_bytes(
    data: bytes,
    fmt: SourceFormat,
    *,
    name: str = "",
    progress: Progress | None = None,
    folder: Path | None = None,
) -> ImportResult:
    """``folder``: where the file was, for the pictures a Markdown file names."""
    step(progress, 10, 100)
    try:
        if fmt is SourceFormat.WORD:
            return _import_word(data, name, progress)
        if fmt is SourceFormat.HTML:
            return _import_html(data, name, progress)
        if fmt in (SourceFormat.EMAIL, SourceFormat.OUTLOOK):
            return _import_mail(data, fmt, name, progress)
    except TooMuch as exc:
        raise BriefImportError(exc.problem, file=name) from None
    text, encoding = decode_text(data, name=name)
    result = import_text(text, fmt, name=name, progress=progress, folder=folder)
    result.encoding = encoding
    result.notes.insert(0, encoding_note(encoding))
    return result


def _fallback(name: str) -> str:
    return stem_title(name) if name else "Imported brief"


def _import_word(data: bytes, name: str, progress: Progress | None) -> ImportResult:
    from briefing_app.importers.word import word_content

    content = word_content(data, name=name, progress=progress)
    if not content.blocks:
        raise BriefImportError("the Word document has no text to import", file=name)
    step(progress, 80, 100)
    notes = list(content.notes)
    brief = _build(content.blocks, content.title or _fallback(name), name, notes, content.sources)
    return ImportResult(brief, SourceFormat.WORD, name, notes=notes)


def _import_html(data: bytes, name: str, progress: Progress | None) -> ImportResult:
    from briefing_app.importers.html import decode_html, html_content, html_note

    text, encoding = decode_html(data, name=name)
    content = html_content(text, name=name, progress=progress)
    if not any(not isinstance(b, SrcHeading) or b.level > 0 for b in content.blocks):
        raise BriefImportError("the web page has no article text to import", file=name)
    step(progress, 80, 100)
    notes = [note] if (note := html_note(encoding)) else []
    brief = _build(content.blocks, _fallback(name), name, notes)
    return ImportResult(brief, SourceFormat.HTML, name, encoding=encoding, notes=notes)


def _import_mail(
    data: bytes, fmt: SourceFormat, name: str, progress: Progress | None
) -> ImportResult:
    from briefing_app.importers.email import read_eml, read_msg

    mail = read_eml(data, name=name) if fmt is SourceFormat.EMAIL else read_msg(data, name=name)
    step(progress, 30, 100)
    blocks: list[SrcBlock] = []
    if mail.html and mail.html.strip():
        from briefing_app.importers.html import html_content

        blocks = html_content(mail.html, name=name, whole=True, progress=progress).blocks
    if not _has_text(blocks) and mail.text and mail.text.strip():
        from briefing_app.importers.plain_text import text_blocks

        # The subject is the title: the body's first line is not taken for one.
        blocks = text_blocks(mail.text, title=False)
    title = " ".join(mail.subject.split()) or _fallback(name)
    notes = mail.notes()
    if not _has_text(blocks):
        if not mail.attachments:
            raise BriefImportError("the e-mail has no text to import", file=name)
        notes.insert(0, "The e-mail has no text of its own: import one of its attachments.")
    step(progress, 80, 100)
    brief = _build([SrcHeading(0, title), *blocks], title, name, notes)
    return ImportResult(brief, fmt, name, notes=notes, attachments=mail.attachments)


def _has_text(blocks: list[SrcBlock]) -> bool:
    return any(not isinstance(b, SrcHeading | SrcPicture) for b in blocks)


def import_text(
    text: str,
    fmt: SourceFormat,
    *,
    name: str = "",
    progress: Progress | None = None,
    folder: Path | None = None,
) -> ImportResult:
    """Plain text or Markdown already decoded to a string."""
    if not text.strip():
        raise BriefImportError("the file is empty", file=name)
    from briefing_app.importers.plain_text import text_blocks

    notes: list[str] = []
    try:
        if fmt is SourceFormat.MARKDOWN:
            from briefing_app.importers.markdown import TooDeep, markdown_blocks

            try:
                from briefing_app.importers.pictures import read_pictures

                blocks = read_pictures(markdown_blocks(text, progress=progress), folder, notes)
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
    step(progress, 80, 100)
    brief = _build(blocks, _fallback(name), name, notes)
    return ImportResult(brief, fmt, name, notes=notes)


def _build(
    blocks: list[SrcBlock],
    title: str,
    name: str,
    notes: list[str],
    sources: Sequence[SourceEntry] = (),
) -> Brief:
    """The brief made of ``blocks``; what the author should know is added to ``notes``."""
    try:
        check_runs(blocks)
    except TooMuch as exc:
        raise BriefImportError(exc.problem, file=name) from None
    built = build(blocks, fallback_title=title, sources=sources)
    _check_fits(built.brief, name)
    notes.extend(built.notes)
    return built.brief


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
    "MAX_EMAIL_BYTES",
    "MAX_HTML_BYTES",
    "MAX_MARKDOWN_BYTES",
    "MAX_TEXT_BYTES",
    "MAX_WORD_BYTES",
    "SUFFIXES",
    "Attachment",
    "BriefImportError",
    "ImportResult",
    "SourceFormat",
    "describe_section",
    "format_for_source",
    "import_attachment",
    "import_bytes",
    "import_file",
    "import_text",
    "size_limit",
]
