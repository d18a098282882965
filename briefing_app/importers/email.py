"""Read an e-mail: a saved message (.eml, read with Python's own ``email``
package) or an Outlook message (.msg, an OLE compound file read with
olefile, its MAPI properties as Microsoft's [MS-OXMSG] lays them out).

What comes out is the subject, the sender, the date, the body (HTML when
the message has it, else its text) and the attachments, whose bytes are
kept so the author can import a .docx or .txt attachment instead. The
body is then read as a web page or as plain text (``importers/__init__``).
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from briefing_app.errors import BriefImportError
from briefing_app.importers.result import Attachment

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Headers one of which every e-mail has.
_MAIL_HEADERS = ("from", "subject", "date", "message-id", "received", "mime-version", "to")
# Attachments listed, at most (their bytes are kept for the listed ones only).
MAX_ATTACHMENTS = 200

# MAPI properties ([MS-OXPROPS]): id, and the types a string may have.
_SUBJECT, _BODY, _HTML = 0x0037, 0x1000, 0x1013
_SENDER_NAME, _SENDER_ADDRESS, _SENDER_SMTP = 0x0C1A, 0x0C1F, 0x5D01
_SENT_AS_NAME = 0x0042
_SUBMIT_TIME, _DELIVERY_TIME = 0x0039, 0x0E06
_CODEPAGE, _INTERNET_CPID = 0x3FFD, 0x3FDE
_ATTACH_LONG_NAME, _ATTACH_NAME, _ATTACH_DISPLAY = 0x3707, 0x3704, 0x3001
_ATTACH_DATA, _ATTACH_MIME = 0x3701, 0x370E
_UNICODE, _STRING8, _BINARY = 0x001F, 0x001E, 0x0102
_TIME, _LONG = 0x0040, 0x0003

_DAMAGED_MSG = (
    "the Outlook message is damaged and cannot be read. Open it in Outlook, save it again "
    "(File > Save As, Outlook Message Format), or save it as a text file, and import that."
)


@dataclass(slots=True)
class Mail:
    subject: str = ""
    sender: str = ""
    date: str = ""
    html: str | None = None
    text: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    # Attachments beyond MAX_ATTACHMENTS, not listed.
    more_attachments: int = 0

    def notes(self) -> list[str]:
        notes = []
        if self.sender or self.date:
            parts = [
                f"from {self.sender}" if self.sender else "",
                f"sent {self.date}" if self.date else "",
            ]
            notes.append("The e-mail was " + " and ".join(p for p in parts if p) + ".")
        if self.attachments:
            names = ", ".join(f"'{a.name}' ({a.size_words})" for a in self.attachments[:10])
            more = len(self.attachments) - 10 + self.more_attachments
            extra = f" and {more} more" if more > 0 else ""
            importable = any(a.format is not None for a in self.attachments)
            offer = (
                " A Word or text attachment can be imported instead of the e-mail's text."
                if importable
                else ""
            )
            notes.append(f"Attachments (not imported): {names}{extra}.{offer}")
        return notes


# ------------------------------------------------------------------ .eml


def read_eml(data: bytes, *, name: str = "") -> Mail:
    if not data.strip():
        raise BriefImportError("the file is empty", file=name)
    if data.startswith((_OLE_MAGIC, b"PK\x03\x04", b"%PDF")):
        raise BriefImportError(_not_eml(data), file=name)
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except (ValueError, TypeError, IndexError, LookupError, UnicodeError):
        raise BriefImportError(
            "the e-mail could not be read (it is damaged). Save it again from your e-mail "
            "program and import that.",
            file=name,
        ) from None
    if not isinstance(message, EmailMessage) or not any(
        header.lower() in _MAIL_HEADERS for header in message
    ):
        raise BriefImportError(
            "this is not an e-mail file: an .eml file starts with headers such as From:, "
            "To: and Subject:. Give it the ending .txt if it is text.",
            file=name,
        )
    mail = Mail(
        subject=_header(message, "subject"),
        sender=_header(message, "from"),
        date=_header(message, "date"),
    )
    body = message.get_body(preferencelist=("html", "plain"))
    if body is not None:
        content = _content(body)
        if body.get_content_subtype() == "html":
            mail.html = content
            plain = message.get_body(preferencelist=("plain",))
            mail.text = _content(plain) if plain is not None else None
        else:
            mail.text = content
    for number, part in enumerate(message.iter_attachments(), start=1):
        if len(mail.attachments) >= MAX_ATTACHMENTS:
            mail.more_attachments += 1
            continue
        mail.attachments.append(_eml_attachment(part, number))
    return mail


def _not_eml(data: bytes) -> str:
    if data.startswith(_OLE_MAGIC):
        return (
            "this is an Outlook message or another Office file, not an .eml e-mail. If it "
            "came from Outlook, give it the ending .msg and import it again."
        )
    return "this is not an e-mail (.eml) file: it holds a document or a zip package."


def _header(message: EmailMessage, key: str) -> str:
    try:
        value = message.get(key)
    except (ValueError, TypeError, IndexError, LookupError, UnicodeError):
        return ""
    return " ".join(str(value or "").split())


def _content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, KeyError, AssertionError):
        content = None
    if isinstance(content, str):
        return content
    payload = part.get_payload(decode=True)
    return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""


def _eml_attachment(part: EmailMessage, number: int) -> Attachment:
    content_type = part.get_content_type()
    filename = part.get_filename() or ""
    if content_type == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        subject = _header(inner, "subject") if isinstance(inner, EmailMessage) else ""
        data = inner.as_bytes() if isinstance(inner, EmailMessage) else b""
        return Attachment(filename or f"{subject or 'Attached message'}.eml", data, content_type)
    try:
        data = part.get_payload(decode=True) or b""
    except (ValueError, TypeError):
        data = b""
    return Attachment(filename or f"attachment {number}", data, content_type)


# ------------------------------------------------------------------ .msg


def read_msg(data: bytes, *, name: str = "") -> Mail:
    if not data.strip():
        raise BriefImportError("the file is empty", file=name)
    if not data.startswith(_OLE_MAGIC):
        start = data[:2000].lstrip().lower()
        if any(start.startswith(f"{h}:".encode()) for h in _MAIL_HEADERS):
            problem = (
                "this is a saved e-mail in text form (.eml), not an Outlook .msg file. Give "
                "it the ending .eml and import it again."
            )
        else:
            problem = (
                "this is not an Outlook message (.msg) file. In Outlook, open the message and "
                "use File > Save As (Outlook Message Format), then import that."
            )
        raise BriefImportError(problem, file=name)
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            return _MsgReader(ole, name).mail()
    except BriefImportError:
        raise
    except Exception:  # any failure of olefile on a hostile file means "damaged"
        raise BriefImportError(_DAMAGED_MSG, file=name) from None


class _MsgReader:
    def __init__(self, ole: object, name: str) -> None:
        self.ole = ole
        self.name = name
        self.streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True)}  # type: ignore[attr-defined]
        if "__properties_version1.0" not in self.streams or not any(
            s.startswith("__substg1.0_") for s in self.streams
        ):
            raise BriefImportError(
                "this is an Office file but not an Outlook message (.msg). Import takes e-mails "
                "saved from Outlook as .msg, or from other programs as .eml.",
                file=name,
            )
        codepage = self.fixed("", _INTERNET_CPID) or self.fixed("", _CODEPAGE)
        self.encoding = _codepage(codepage)

    def mail(self) -> Mail:
        sender = self.string("", _SENDER_NAME) or self.string("", _SENT_AS_NAME)
        address = self.string("", _SENDER_SMTP) or self.string("", _SENDER_ADDRESS)
        if address and "@" in address and address not in sender:
            sender = f"{sender} <{address}>" if sender else address
        when = self.fixed("", _SUBMIT_TIME, kind=_TIME) or self.fixed(
            "", _DELIVERY_TIME, kind=_TIME
        )
        mail = Mail(subject=self.string("", _SUBJECT), sender=sender, date=_filetime(when))
        html = self.binary("", _HTML)
        if html is not None:
            mail.html = html.decode(self.encoding, "replace")
        else:
            mail.html = self.string("", _HTML) or None
        mail.text = self.string("", _BODY) or None
        storages = sorted(
            {s.split("/")[0] for s in self.streams if s.startswith("__attach_version1.0_")}
        )
        for number, storage in enumerate(storages, start=1):
            if len(mail.attachments) >= MAX_ATTACHMENTS:
                mail.more_attachments += 1
                continue
            filename = (
                self.string(storage, _ATTACH_LONG_NAME)
                or self.string(storage, _ATTACH_NAME)
                or self.string(storage, _ATTACH_DISPLAY)
                or f"attachment {number}"
            )
            data = self.binary(storage, _ATTACH_DATA) or b""
            content_type = self.string(storage, _ATTACH_MIME) or "application/octet-stream"
            mail.attachments.append(Attachment(filename, data, content_type))
        if mail.html is None and mail.text is None and not mail.attachments:
            raise BriefImportError(
                "the Outlook message has no text that can be read (it may keep its text only "
                "as Rich Text). Open it in Outlook, save it as a text file (File > Save As), "
                "and import that.",
                file=self.name,
            )
        return mail

    def read(self, path: str) -> bytes | None:
        if path.lower() not in self.streams:
            return None
        with self.ole.openstream(path) as stream:  # type: ignore[attr-defined]
            return stream.read()

    def _path(self, storage: str, tag: int, kind: int) -> str:
        name = f"__substg1.0_{tag:04X}{kind:04X}"
        return f"{storage}/{name}" if storage else name

    def string(self, storage: str, tag: int) -> str:
        data = self.read(self._path(storage, tag, _UNICODE))
        if data is not None:
            text = data.decode("utf-16-le", "replace")
        else:
            data = self.read(self._path(storage, tag, _STRING8))
            if data is None:
                return ""
            text = data.decode(self.encoding, "replace")
        return text.split("\x00", 1)[0].strip()

    def binary(self, storage: str, tag: int) -> bytes | None:
        return self.read(self._path(storage, tag, _BINARY))

    def fixed(self, storage: str, tag: int, *, kind: int = _LONG) -> int:
        """A fixed-size property's value from the properties stream (0 if absent)."""
        path = f"{storage}/__properties_version1.0" if storage else "__properties_version1.0"
        data = self.read(path) or b""
        start = 32 if not storage else 8  # the top level has a longer header
        wanted = (tag << 16) | kind
        for offset in range(start, len(data) - 15, 16):
            prop_tag, _flags, value = struct.unpack_from("<IIQ", data, offset)
            if prop_tag == wanted:
                return value & 0xFFFFFFFF if kind == _LONG else value
        return 0


def _codepage(number: int) -> str:
    if number == 65001:
        return "utf-8"
    try:
        import codecs

        return codecs.lookup(f"cp{number}").name if number else "cp1252"
    except LookupError:
        return "cp1252"


def _filetime(value: int) -> str:
    """A Windows FILETIME (100-nanosecond steps since 1601) as people write a date."""
    if not value:
        return ""
    try:
        when = datetime(1601, 1, 1, tzinfo=UTC) + timedelta(microseconds=value // 10)
    except OverflowError:
        return ""
    return when.strftime("%d %B %Y, %H:%M UTC").lstrip("0")
