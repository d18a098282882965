"""Read the file to import: size caps, binary files, text encodings."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from briefing_app.errors import BriefImportError
from briefing_app.files.reading import FileReadError, read_file

MB = 1024 * 1024
# A long report as text is well under 1 MB; a Word file with pictures a few MB.
MAX_TEXT_BYTES = 10 * MB
# Markdown is read at about 1 MB a second (markdown-it-py makes a Python
# object for every mark and line), so 5 MB keeps an import within seconds.
MAX_MARKDOWN_BYTES = 5 * MB
MAX_WORD_BYTES = 50 * MB
# A saved news page is well under 2 MB, one with its scripts and styles
# inline a few MB; its article is a small part of it.
MAX_HTML_BYTES = 10 * MB
# Mail servers refuse messages over 20-25 MB of attachments, which is about
# 34 MB once encoded: an e-mail larger than this was not received by e-mail.
MAX_EMAIL_BYTES = 40 * MB

# What a file that is not text starts with, and what to tell the author.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"%PDF",
        "this is a PDF file, not text. Copy its text into a .txt file, or save it as "
        "Word (.docx) from your PDF reader, and import that.",
    ),
    (
        b"PK\x03\x04",
        "this is a Word document or another zip package, not text. If it is a "
        "Word document, give it the ending .docx and import it again.",
    ),
    (
        b"\xd0\xcf\x11\xe0",
        "this is an older Office file (such as a Word .doc), not text. "
        "Open it in Word, save it as .docx, and import that.",
    ),
    (
        b"{\\rtf",
        "this is a Rich Text (.rtf) file. Open it in Word, save it as .docx, and import that.",
    ),
)
_NOT_TEXT = (
    "this file is not text (it holds binary data, such as a picture or a program). "
    "Import takes plain text (.txt), Markdown (.md), Word (.docx), web pages (.html) or "
    "e-mails (.eml, .msg)."
)
# Share of control characters above which decoded "text" is really binary.
_MAX_CONTROL_SHARE = 0.01

UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 (with a byte-order mark)"
UTF16 = "UTF-16"
CP1252 = "Windows-1252 (Western European)"


def read_source(path: Path, limit: int) -> bytes:
    """The bytes of ``path``; a file larger than ``limit`` is refused unread,
    and anything but a regular file (a pipe, a device) is refused by name."""
    try:
        return read_file(path, limit, "to import")
    except FileReadError as exc:
        raise BriefImportError(exc.problem, file=path.name) from None


def decode_text(data: bytes, *, name: str = "") -> tuple[str, str]:
    """(text, the encoding used): UTF-8, then UTF-8 with a byte-order mark,
    then Windows-1252; UTF-16 only with its byte-order mark."""
    if not data.strip():
        raise BriefImportError("the file is empty", file=name)
    text: str | None = None
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _try(data[len(codecs.BOM_UTF8) :], "utf-8"), UTF8_BOM
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _try(data, "utf-16"), UTF16
    else:
        for signature, message in _SIGNATURES:
            if data.startswith(signature):
                raise BriefImportError(message, file=name)
        if b"\x00" in data[:65536]:
            raise BriefImportError(_NOT_TEXT, file=name)
        text, encoding = _try(data, "utf-8"), UTF8
        if text is None:
            text, encoding = _try(data, "cp1252"), CP1252
    if text is None:
        raise BriefImportError(
            "the text is in an encoding the app cannot read (it is not UTF-8 or "
            "Windows-1252). Save it as UTF-8 (in Notepad: Save As, then Encoding: UTF-8) "
            "and import it again.",
            file=name,
        )
    if _looks_binary(text):
        raise BriefImportError(_NOT_TEXT, file=name)
    if not text.strip():
        raise BriefImportError("the file is empty", file=name)
    return text, encoding


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\x7f")
    return controls > max(2, len(sample) * _MAX_CONTROL_SHARE)


def encoding_note(encoding: str) -> str:
    if encoding == CP1252:
        return (
            f"The file is not UTF-8, so it was read as {encoding} text: check accented "
            "letters, dashes and quotation marks."
        )
    return f"The file was read as {encoding} text."


def stem_title(path: str | os.PathLike[str]) -> str:
    """A title from a file name: "cabinet-note_v2.txt" -> "cabinet note v2"."""
    stem = Path(path).stem.replace("_", " ").replace("-", " ")
    return " ".join(stem.split()) or "Imported brief"
