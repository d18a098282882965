"""Issue 17: e-mails (.eml and Outlook's .msg): the subject as the title, the
body as a web page or as text, sender and date in the notes, attachments
listed and importable instead; and e-mails that are not, or are too big."""

from __future__ import annotations

import base64
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing_app.errors import BriefImportError
from briefing_app.importers import SourceFormat, import_attachment, import_bytes, import_file
from briefing_app.model import Callout, SectionKind
from briefing_app.model.storage import dumps
from briefing_app.model.text import plain
from tests.child import cli
from tests.import_samples import (
    NEWS_HTML,
    SAMPLE_TEXT,
    compound_file,
    outlook_msg,
    sample_docx,
)

MB = 1024 * 1024

# Written as a mail program writes one (quoted-printable HTML, base64
# attachments), not made by this project's code.
RAW_EML = (
    b"Return-Path: <anna@example.org>\r\n"
    b"Received: from mail.example.org by mx.example.gov; Thu, 11 Sep 2025 09:14:02 +0000\r\n"
    b"From: Anna Novak <anna@example.org>\r\n"
    b"To: Desk <desk@example.gov>\r\n"
    b"Subject: =?utf-8?q?Belarus_frees_52_prisoners_=E2=80=93_update?=\r\n"
    b"Date: Thu, 11 Sep 2025 09:14:00 +0000\r\n"
    b"Message-ID: <abc@example.org>\r\n"
    b"MIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="outer"\r\n'
    b"\r\n"
    b"--outer\r\n"
    b'Content-Type: multipart/alternative; boundary="inner"\r\n'
    b"\r\n"
    b"--inner\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n"
    b"Hello desk,=0D=0A=0D=0AFifty-two people were freed today.\r\n"
    b"--inner\r\n"
    b"Content-Type: text/html; charset=utf-8\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"\r\n"
    b"<html><head><style>p{margin:0}</style></head><body><p>Hello desk,</p>\r\n"
    b'<p>Fifty-two people were freed today, as <a href=3D"https://www.reuters.com">=\r\n'
    b"Reuters</a> reported.</p><p><b>Note:</b> more releases may follow.</p>\r\n"
    b"<p>Anna</p></body></html>\r\n"
    b"--inner--\r\n"
    b"--outer\r\n"
    b"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;"
    b' name="note.docx"\r\n'
    b'Content-Disposition: attachment; filename="note.docx"\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n" + base64.encodebytes(sample_docx()).replace(b"\n", b"\r\n") + b"--outer\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n"
    b'Content-Disposition: attachment; filename="release.txt"\r\n'
    b"\r\n" + SAMPLE_TEXT.encode() + b"\r\n--outer\r\n"
    b"Content-Type: application/pdf\r\n"
    b'Content-Disposition: attachment; filename="scan.pdf"\r\n'
    b"Content-Transfer-Encoding: base64\r\n"
    b"\r\n" + base64.encodebytes(b"%PDF-1.4 not really") + b"--outer--\r\n"
)


def test_an_html_e_mail_with_attachments() -> None:
    result = import_bytes(RAW_EML, SourceFormat.EMAIL, name="update.eml")
    brief = result.brief
    assert brief.metadata.title == "Belarus frees 52 prisoners – update"
    (section,) = brief.sections
    blocks = section.content.blocks
    assert [plain(b.runs) for b in blocks[:2]] == [
        "Hello desk,",
        "Fifty-two people were freed today, as Reuters reported.",
    ]
    assert {r.text: r.link for r in blocks[1].runs if r.link} == {
        "Reuters": "https://www.reuters.com"
    }
    assert isinstance(blocks[2], Callout) and blocks[2].title == "Note"
    assert "p{margin" not in dumps(brief).decode()
    assert result.notes[0] == (
        "The e-mail was from Anna Novak <anna@example.org> and sent Thu, 11 Sep 2025 09:14:00 "
        "+0000."
    )
    assert result.notes[1].startswith("Attachments (not imported): 'note.docx' (")
    assert "'release.txt'" in result.notes[1] and "'scan.pdf'" in result.notes[1]
    assert [a.name for a in result.importable_attachments] == ["note.docx", "release.txt"]


def test_an_attachment_is_imported_instead() -> None:
    result = import_bytes(RAW_EML, SourceFormat.EMAIL, name="update.eml")
    word, text = result.importable_attachments
    from_word = import_attachment(word)
    assert from_word.format is SourceFormat.WORD and from_word.source_name == "note.docx"
    assert from_word.brief.metadata.title == "Belarus frees 52 political prisoners"
    from_text = import_attachment(text)
    assert from_text.brief.sections[1].kind is SectionKind.CONTEXT
    (pdf,) = [a for a in result.attachments if a.name == "scan.pdf"]
    with pytest.raises(BriefImportError, match="only plain text"):
        import_attachment(pdf)


def test_a_text_e_mail_made_by_the_standard_library(tmp_path: Path) -> None:
    message = EmailMessage()
    message["From"] = "desk@example.gov"
    message["Subject"] = "Weekly update"
    message.set_content(
        "Context\n\nThe talks resumed on Tuesday in Vilnius and went on until late, with\n"
        "both sides saying they would meet again next week.\n"
    )
    path = tmp_path / "weekly.eml"
    path.write_bytes(message.as_bytes())
    result = import_file(path)
    assert result.brief.metadata.title == "Weekly update"
    # The body's first line is not taken for a title: the subject is the title.
    assert [s.title for s in result.brief.sections] == ["Context"]
    (paragraph,) = result.brief.sections[0].content.blocks
    assert plain(paragraph.runs).endswith("would meet again next week.")


def test_a_newsletter_e_mail_keeps_its_body_whole() -> None:
    message = EmailMessage()
    message["From"] = "news@example.com"
    message["Subject"] = "Morning briefing"
    message.set_content("plain version")
    message.add_alternative(NEWS_HTML, subtype="html")
    result = import_bytes(message.as_bytes(), SourceFormat.EMAIL, name="brief.eml")
    text = dumps(result.brief).decode()
    assert "Belarus released 52 people" in text
    assert "gtag" not in text and "Accept all cookies" not in text


def test_an_outlook_message() -> None:
    data = outlook_msg(
        subject="Prisoner release",
        body="Hello team,\r\n\r\nThe release went ahead today.\r\n",
        html="<html><body><p>Hello <b>team</b>,</p><p>The release went ahead today.</p>"
        "</body></html>",
        sender="Anna Novak",
        address="anna@example.org",
        sent=133_700_000_000_000_000,
        attachments=(("note.docx", sample_docx()), ("photo.jpg", b"\xff\xd8\xff")),
    )
    result = import_bytes(data, SourceFormat.OUTLOOK, name="release.msg")
    assert result.brief.metadata.title == "Prisoner release"
    (section,) = result.brief.sections
    assert [plain(b.runs) for b in section.content.blocks] == [
        "Hello team,",
        "The release went ahead today.",
    ]
    assert result.notes[0] == (
        "The e-mail was from Anna Novak <anna@example.org> and sent 5 September 2024, 08:53 UTC."
    )
    (word,) = result.importable_attachments
    assert import_attachment(word).brief.metadata.title == "Belarus frees 52 political prisoners"


def test_an_outlook_message_with_only_text() -> None:
    data = outlook_msg(subject="Short", body="Background\r\n\r\nThe talks went on.\r\n")
    result = import_bytes(data, SourceFormat.OUTLOOK, name="short.msg")
    assert [s.title for s in result.brief.sections] == ["Background"]


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Just some words in a file.\n", "this is not an Outlook message"),
        (b"From: a@example.org\nSubject: x\n\nbody", "Give it the ending .eml"),
        (b"\x00\x01binary" * 100, "this is not an Outlook message"),
        (compound_file({"WordDocument": b"x" * 100}), "an Office file but not an Outlook message"),
        (outlook_msg(subject="x", body="y")[:1000], "damaged"),
        (b"", "the file is empty"),
    ],
)
def test_a_msg_that_is_not_one_is_refused_in_plain_words(data: bytes, message: str) -> None:
    with pytest.raises(BriefImportError, match=message):
        import_bytes(data, SourceFormat.OUTLOOK, name="x.msg")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Just some words, no headers at all.\n", "not an e-mail file"),
        (outlook_msg(subject="x", body="y"), "give it the ending .msg"),
        (b"PK\x03\x04zip", "not an e-mail"),
        (b"", "the file is empty"),
        (b"From: a@example.org\nSubject: nothing\n\n", "no text to import"),
    ],
)
def test_an_eml_that_is_not_one_is_refused_in_plain_words(data: bytes, message: str) -> None:
    with pytest.raises(BriefImportError, match=message):
        import_bytes(data, SourceFormat.EMAIL, name="x.eml")


def test_an_e_mail_with_a_40_mb_attachment_is_refused_and_nothing_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "big.eml"
    with path.open("wb") as out:
        out.write(RAW_EML.split(b"--outer--")[0])
        out.write(b"--outer\r\nContent-Type: application/octet-stream\r\n")
        out.write(b'Content-Disposition: attachment; filename="big.zip"\r\n')
        out.write(b"Content-Transfer-Encoding: base64\r\n\r\n")
        line = base64.b64encode(b"\x00" * 57) + b"\r\n"  # 76 characters, as mail programs
        out.write(line * (40 * MB // 57))
        out.write(b"--outer--\r\n")
    target = tmp_path / "big.brief"
    outcome = cli("import", str(path), "-o", str(target))
    outcome.assert_bounded()
    assert outcome.returncode == 1
    assert "too large to import (the limit is 40 MB)" in outcome.error_line
    assert not target.exists()


def test_an_attachment_over_its_format_limit_is_refused() -> None:
    from briefing_app.importers.result import Attachment

    big = Attachment("long.txt", b"x" * (10 * MB + 1))
    with pytest.raises(BriefImportError, match="too large to import"):
        import_attachment(big)


def test_a_hostile_outlook_file_finishes_in_a_child(tmp_path: Path) -> None:
    good = outlook_msg(subject="x", body="y" * 5000)
    for number, data in enumerate(
        [
            good[:512] + b"\xff" * (len(good) - 512),  # every sector pointer "free"
            good[:76] + b"\x00\x00\x00\x00" * 109 + good[512:],  # a FAT that points at itself
            good[:512] + good[512:][::-1],
        ]
    ):
        path = tmp_path / f"hostile{number}.msg"
        path.write_bytes(data)
        outcome = cli("import", str(path), "-o", str(tmp_path / f"h{number}.brief"), seconds=60)
        outcome.assert_bounded()
        assert outcome.returncode in (0, 1), outcome.stderr[-1500:]
        if outcome.returncode:
            assert "Traceback" not in outcome.stderr


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([SourceFormat.EMAIL, SourceFormat.OUTLOOK]))
def test_any_bytes_as_an_e_mail_import_or_say_why(data: bytes, fmt: SourceFormat) -> None:
    try:
        import_bytes(data, fmt, name="any")
    except BriefImportError:
        pass


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 41000), st.integers(0, 255)), max_size=6))
def test_damaged_outlook_messages_import_or_say_why(flips: list[tuple[int, int]]) -> None:
    data = bytearray(outlook_msg(subject="Damaged", body="Some text " * 50))
    for where, value in flips:
        data[where % len(data)] = value
    try:
        import_bytes(bytes(data), SourceFormat.OUTLOOK, name="d.msg")
    except BriefImportError:
        pass
