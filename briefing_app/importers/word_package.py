"""Check a .docx package before any of it is parsed.

A .docx is a zip of XML parts. Before python-docx opens it: the zip must
open, its declared sizes must stay under the caps (a "zip bomb" declares
gigabytes), and no XML part may carry a DOCTYPE: Word never writes one, and
one is how an XML file pulls in other files ("external entities") or
multiplies itself ("billion laughs"). python-docx's own parser also leaves
entities unresolved; this check refuses such files outright with a message.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from briefing_app.errors import BriefImportError

MB = 1024 * 1024
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 64 * MB
MAX_TOTAL_BYTES = 256 * MB
_CHUNK = 64 * 1024

_DTD = re.compile(rb"<!\s*(doctype|entity)", re.IGNORECASE)
_DAMAGED = (
    "the Word document is damaged and cannot be read. Open it in Word, save it again "
    "as a .docx file, and import that."
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
            infos = package.infolist()
            _check_sizes(infos, name)
            names = {info.filename for info in infos}
            if "word/document.xml" not in names and "[Content_Types].xml" not in names:
                raise BriefImportError(
                    "this zip file is not a Word document (it holds no Word text)", file=name
                )
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")):
                    _check_xml(package, info, name)
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


def _check_xml(package: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    # zipfile never returns more than the declared (already checked) size.
    with package.open(info) as member:
        head = b""
        while chunk := member.read(_CHUNK):
            # Keep a little of the previous chunk: a marker may straddle two.
            window = head + chunk
            # UTF-16 XML puts a zero byte beside every ASCII letter.
            if _DTD.search(window) or _DTD.search(window.replace(b"\x00", b"")):
                raise BriefImportError(
                    "the Word document holds an XML declaration (a DOCTYPE) that Word never "
                    "writes; such declarations can make a file read other files on this "
                    "computer, so it was not opened. Open it in Word, save it again, and "
                    "import that.",
                    file=name,
                )
            head = chunk[-32:]
