"""The Word file around the text, for the Word writer: which template parts
stay, the file's properties (title, author, dates), and how it is zipped."""

from __future__ import annotations

import datetime as _dt
import zipfile
from typing import IO

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn

from briefing_app import APP_NAME
from briefing_app.document.nodes import DocInfo

_APP_PROPERTIES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    f'extended-properties"><Application>{APP_NAME}</Application></Properties>'
).encode()
#: The longest core property (title, author...) a Word file may hold.
MAX_PROPERTY = 255
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def tidy_package(word: WordDocument) -> None:
    """Drop template parts that would mislead: a blank thumbnail, Word 2010 styles."""
    for rels in (word.part.package.rels, word.part.rels):
        for r_id, rel in list(rels.items()):
            if rel.reltype in (RT.THUMBNAIL, _STYLES_WITH_EFFECTS):
                del rels[r_id]
    settings = word.settings.element
    for stale in settings.findall(qn("w:proofState")):  # the text was never proofed
        settings.remove(stale)
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # Word 2013+ layout, no "Compatibility Mode"
    for rel in word.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            # The template's statistics (1 page, 0 words) and application
            # name would be wrong; Word recounts what is missing.
            rel.target_part._blob = _APP_PROPERTIES


def set_properties(word: WordDocument, info: DocInfo) -> None:
    """The file's properties (title, author...). Word allows 255
    characters in each: a longer one is cut there, with "…"; the text
    printed in the document is never cut."""
    props = word.core_properties
    props.title = _property(info.title)
    props.author = _property(info.author)
    props.subject = _property(info.subject)
    props.keywords = _property("; ".join(k for k in info.keywords if k))
    props.language = _property(info.language)
    props.comments = ""
    props.category = ""
    props.last_modified_by = _property(info.author or APP_NAME)
    props.revision = 1
    now = _dt.datetime.now(_dt.UTC).replace(microsecond=0, tzinfo=None)
    try:
        day = _dt.date.fromisoformat(info.created)
        props.created = _dt.datetime(day.year, day.month, day.day)
    except ValueError:
        props.created = now
    props.modified = now


def _property(value: str) -> str:
    if len(value) <= MAX_PROPERTY:
        return value
    return value[: MAX_PROPERTY - 1].rstrip() + "\u2026"


class _MediaStoredWriter:
    """python-docx's zip writer, but pictures (already compressed: JPEG, PNG)
    are stored rather than deflated again, which took a second for 20 photos
    and saved nothing. Word and LibreOffice read stored entries alike."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        media = pack_uri.membername.startswith("word/media/")
        compression = zipfile.ZIP_STORED if media else zipfile.ZIP_DEFLATED
        self._zip.writestr(pack_uri.membername, blob, compress_type=compression)

    def close(self) -> None:
        self._zip.close()


def save_package(word: WordDocument, stream: IO[bytes]) -> None:
    """``word.save(stream)``, with pictures stored (see _MediaStoredWriter)."""
    package = word.part.package
    for part in package.parts:
        part.before_marshal()
    writer = _MediaStoredWriter(stream)
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    writer.close()
