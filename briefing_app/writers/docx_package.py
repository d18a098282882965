"""The Word file around the text, for the Word writer: which template parts
stay, the file's properties (title, author, dates), and how it is zipped."""

from __future__ import annotations

import datetime as _dt
import zipfile
from typing import IO
from xml.sax.saxutils import escape

from docx.document import Document as WordDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import qn

from briefing_app import APP_NAME
from briefing_app.document import origins
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


_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # user-defined properties


def set_origin(word: WordDocument, info: DocInfo) -> None:
    """The brief's identity and fingerprint as custom document properties
    (File > Properties > Custom in Word): kept by Word and LibreOffice, so
    an edited copy can be matched back to its brief."""
    values = [
        (origins.BRIEF_PROPERTY, info.brief_id),
        (origins.VERSION_PROPERTY, info.brief_version),
    ]
    values = [(name, value) for name, value in values if value]
    package = word.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:  # a reference document's own
            del package.rels[r_id]
    if not values:
        return
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{name}">'
        f"<vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values, start=2)
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/docPropsVTypes">{items}</Properties>'
    )
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, xml.encode(), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


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
