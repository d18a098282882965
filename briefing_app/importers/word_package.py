"""Check a .docx package before any of it is parsed.

A .docx is a zip of XML parts. Before python-docx opens it: the zip must
open, its sizes must stay under the caps (a "zip bomb" declares gigabytes,
or declares little and unpacks to more), and no part that python-docx
parses as XML may carry a DOCTYPE: Word never writes one, and one is how an
XML file pulls in other files ("external entities") or multiplies itself
("billion laughs"). python-docx's own parser also leaves entities
unresolved; this check refuses such files outright with a message.

Which parts are XML is not told by their names: python-docx parses a part
by the content type [Content_Types].xml gives it ("word/document.bin" can
be the document). So every part is read, except pictures (never parsed,
and an SVG picture may rightly hold a DOCTYPE). XML parts must be in UTF-8
or UTF-16, as the Office Open XML standard requires: in another encoding
(UTF-7, EBCDIC) a DOCTYPE would not show as bytes. Their elements and
attributes are counted too, since each costs memory once parsed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib

from lxml import etree

from briefing_app.errors import BriefImportError

MB = 1024 * 1024
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * MB
MAX_TOTAL_BYTES = 256 * MB
#: Elements and attributes in all XML parts: about 100 bytes each once
#: parsed. A 2,000-page document has well under a million.
MAX_XML_NODES = 3_000_000
_CHUNK = 64 * 1024
_CONTENT_TYPES = "[Content_Types].xml"
_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

_DTD = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_DECLARED = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
# The standard allows UTF-8 and UTF-16; encodings that keep ASCII as it is
# are let through too, since a DOCTYPE in them shows as its bytes.
_SAFE_ENCODING = re.compile(
    r"utf-?8|utf-?16(le|be)?|(us-)?ascii|iso-?8859-\d+|latin-?1|(windows|cp)-?125\d"
)
# How an XML part may start: a byte-order mark, or "<" or white space in
# UTF-8 or UTF-16 (libxml2 would detect anything else as another encoding).
_XML_STARTS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"<", b"\x00<", b" ", b"\t", b"\r", b"\n")
# Never parsed as XML by python-docx (see module docstring).
_NOT_PARSED = ("image/", "audio/", "video/")

_DAMAGED = (
    "the Word document is damaged and cannot be read. Open it in Word, save it again "
    "as a .docx file, and import that."
)
_DOCTYPE = (
    "the Word document holds an XML declaration (a DOCTYPE) that Word never writes; such "
    "declarations can make a file read other files on this computer, so it was not opened. "
    "Open it in Word, save it again, and import that."
)


def check_package(data: bytes, *, name: str = "") -> None:
    """Raise BriefImportError unless ``data`` is a zip fit to hand to python-docx."""
    if not data.strip():
        raise BriefImportError("the file is empty", file=name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise BriefImportError(
            "this is an older Word file (.doc) or a password-protected document, not a "
            ".docx. Open it in Word, remove any password, save it as .docx, and import that.",
            file=name,
        )
    if not data.startswith(b"PK"):
        raise BriefImportError(
            "this is not a Word .docx file (a .docx is a zip package, and this file is "
            "not one). If it is text, give it the ending .txt or .md.",
            file=name,
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            _Checker(package, name).check()
    except BriefImportError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError):
        raise BriefImportError(_DAMAGED, file=name) from None
    except (NotImplementedError, RuntimeError):
        # An encryption or compression method zipfile does not know.
        raise BriefImportError(
            "the Word document is stored in a way the app cannot read (it may be encrypted). "
            "Open it in Word, save it as a plain .docx, and import that.",
            file=name,
        ) from None


class _Checker:
    def __init__(self, package: zipfile.ZipFile, name: str) -> None:
        self.package = package
        self.name = name
        self.unpacked = 0  # bytes actually unpacked so far
        self.nodes = 0  # XML elements and attributes so far

    def check(self) -> None:
        infos = self.package.infolist()
        _check_sizes(infos, self.name)
        names = {info.filename for info in infos}
        if "word/document.xml" not in names and _CONTENT_TYPES not in names:
            raise BriefImportError(
                "this zip file is not a Word document (it holds no Word text)", file=self.name
            )
        overrides: dict[str, str] = {}
        defaults: dict[str, str] = {}
        types = self.package.NameToInfo.get(_CONTENT_TYPES)  # the one python-docx reads
        if types is not None:
            overrides, defaults = _content_types(self.read(types, xml=True, keep=True), self.name)
        for info in infos:
            if info is types:
                continue
            member = info.filename.lower()
            xml = member.endswith((".xml", ".rels"))
            # python-docx's lookup: an override for the part, else the
            # default for its ending; both without regard to case.
            content_type = overrides.get("/" + member.lstrip("/")) or defaults.get(
                posixpath.splitext(member)[1].lstrip(".")
            )
            if content_type is not None and not xml:
                if content_type.startswith(_NOT_PARSED):
                    continue
                xml = content_type.endswith("xml")
            self.read(info, xml=xml)

    def read(self, info: zipfile.ZipInfo, *, xml: bool, keep: bool = False) -> bytes:
        """Read one part through, counting what it really unpacks to (the
        zip reader stops at the declared size; this does not rely on it),
        and refuse a DOCTYPE in it; an XML part must also be UTF-8 or UTF-16.
        The part's bytes when ``keep``."""
        kept: list[bytes] = []
        size = 0
        tail = b""
        with self.package.open(info) as member:
            while chunk := member.read(_CHUNK):
                if not size and xml:
                    self.check_encoding(chunk)
                size += len(chunk)
                self.unpacked += len(chunk)
                if size > min(info.file_size, MAX_MEMBER_BYTES) or self.unpacked > MAX_TOTAL_BYTES:
                    raise BriefImportError(_DAMAGED, file=self.name)
                # Keep a little of the previous chunk: a marker may straddle two.
                window = tail + chunk
                # UTF-16 XML puts a zero byte beside every ASCII letter.
                if _DTD.search(window) or _DTD.search(window.replace(b"\x00", b"")):
                    raise BriefImportError(_DOCTYPE, file=self.name)
                if xml:
                    self.count_nodes(chunk)
                if keep:
                    kept.append(chunk)
                tail = chunk[-32:]
        return b"".join(kept)

    def check_encoding(self, head: bytes) -> None:
        declared = _DECLARED.search(head[:400].replace(b"\x00", b""))
        encoding = declared.group(1).decode("ascii", "replace").lower() if declared else ""
        if not head.startswith(_XML_STARTS) or (
            encoding and not _SAFE_ENCODING.fullmatch(encoding)
        ):
            raise BriefImportError(
                "the Word document has a part in a text encoding Word never uses (such as "
                "UTF-7 or EBCDIC), so it was not opened. Open it in Word, save it again, and "
                "import that.",
                file=self.name,
            )

    def count_nodes(self, chunk: bytes) -> None:
        # An element starts with "<" (closing tags "</" do not count) and an
        # attribute has "=": an upper bound, as text may hold both.
        self.nodes += chunk.count(b"<") - chunk.count(b"</") + chunk.count(b"=")
        if self.nodes > MAX_XML_NODES:
            raise BriefImportError(
                f"the Word document is too large to read (its parts hold more than "
                f"{MAX_XML_NODES:,} XML elements). Split it into smaller documents and "
                "import each.",
                file=self.name,
            )


def _content_types(data: bytes, name: str) -> tuple[dict[str, str], dict[str, str]]:
    """(content type by part name, content type by ending), both in lower
    case, from [Content_Types].xml (already checked: no DOCTYPE)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.LxmlError:
        raise BriefImportError(_DAMAGED, file=name) from None
    overrides = {
        (e.get("PartName") or "").lower(): (e.get("ContentType") or "").lower()
        for e in root.iterchildren(f"{_CT}Override")
    }
    defaults = {
        (e.get("Extension") or "").lower(): (e.get("ContentType") or "").lower()
        for e in root.iterchildren(f"{_CT}Default")
    }
    return overrides, defaults


def _check_sizes(infos: list[zipfile.ZipInfo], name: str) -> None:
    if len(infos) > MAX_MEMBERS:
        raise BriefImportError(
            f"the Word document has {len(infos):,} parts, far more than any real document "
            f"(the limit is {MAX_MEMBERS:,}); it was not opened",
            file=name,
        )
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise _bomb(name, f"one of its parts unpacks to {info.file_size / MB:,.0f} MB")
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise _bomb(name, f"it unpacks to more than {MAX_TOTAL_BYTES // MB} MB")


def _bomb(name: str, detail: str) -> BriefImportError:
    return BriefImportError(
        f"the Word document is too large when unpacked ({detail}); it may be a "
        f"'zip bomb' and was not opened. The limits are {MAX_MEMBER_BYTES // MB} MB for "
        f"one part and {MAX_TOTAL_BYTES // MB} MB in all.",
        file=name,
    )
