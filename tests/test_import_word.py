"""Importing Word files, and refusing damaged or hostile ones."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

import briefing_app.importers.word as word_reader
import briefing_app.importers.word_package as package
from briefing_app.errors import BriefImportError
from briefing_app.importers import SourceFormat, import_bytes, import_file
from briefing_app.model import Callout, ListBlock, ListStyle, SectionKind, SourcesContent
from briefing_app.model.pictures import Figure
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import Run, plain
from tests.import_samples import document_xml, sample_docx, with_parts


def _import(data: bytes, name: str = "in.docx"):
    return import_bytes(data, SourceFormat.WORD, name=name)


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_sample_word_file_sections_kinds_and_marks(tmp_path: Path) -> None:
    path = tmp_path / "release.docx"
    path.write_bytes(sample_docx())
    result = import_file(path)
    brief = result.brief
    assert result.format is SourceFormat.WORD and result.encoding == ""
    assert brief.metadata.title == "Belarus frees 52 political prisoners"
    assert [(s.kind, s.title) for s in brief.sections] == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CONTEXT, "Background"),
        (SectionKind.FACTOR_TABLE, "Factors behind the release"),
        (SectionKind.RECOMMENDATIONS, "Recommendations"),
        (SectionKind.SOURCES, "Sources"),
    ]
    intro, callout = brief.sections[0].content.blocks
    assert intro.runs == [
        Run("Fifty-two "),
        Run("political prisoners", bold=True),
        Run(" were freed, as "),
        Run("Reuters reported", link="https://www.reuters.com/world/belarus"),
        Run("."),
    ]
    # The bold lead-in becomes the box's title.
    assert isinstance(callout, Callout) and callout.title == "Did you know?"
    assert callout.blocks[0].runs == [
        Run("More than 1,000 remain in "),
        Run("detention", italic=True),
        Run("."),
    ]
    # A Heading 2 under a Heading 1 section stays in it as a bold line.
    background = [b.runs for b in brief.sections[1].content.blocks]
    assert background[1] == [Run("Earlier releases", bold=True)]


def test_word_table_cells_and_source_paragraph() -> None:
    table = _import(sample_docx()).brief.sections[2].content
    assert table.columns == ["Factor", "Impact"]
    assert [[plain(c) for c in row] for row in table.rows] == [
        ["US sanctions", "Leverage"],
        ["Drone incursion", "Tension"],
    ]
    assert table.rows[0][1] == [Run("Leverage", bold=True)]
    assert plain(table.source) == "Reuters and the Associated Press, 26 October 2025"


def test_word_lists_and_sources() -> None:
    brief = _import(sample_docx()).brief
    (recs,) = brief.sections[3].content.blocks
    assert isinstance(recs, ListBlock) and recs.style is ListStyle.NUMBERED
    assert [plain(i) for i in recs.items] == [
        "Welcome the release publicly.",
        "Keep sanctions tied to human-rights improvements.",
    ]
    sources = brief.sections[4].content
    assert isinstance(sources, SourcesContent)
    assert [(s.text, s.url) for s in sources.items] == [
        ("Reuters: news reporting", "https://www.reuters.com"),
        ("Associated Press", "https://apnews.com"),
    ]


def test_numbered_paragraphs_merged_cells_pictures_and_footnotes() -> None:
    document = docx.Document()
    document.add_paragraph("Short title")
    for num_id, text in (("5", "numbered one"), ("5", "numbered two"), ("1", "a bullet")):
        p = document.add_paragraph(text)
        num_pr = OxmlElement("w:numPr")
        num = OxmlElement("w:numId")
        num.set(qn("w:val"), num_id)
        num_pr.append(num)
        p._p.get_or_add_pPr().append(num_pr)
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Wide heading"
    table.cell(0, 2).text = "Last"
    table.cell(1, 0).text = "a"
    table.cell(1, 2).text = "c"
    document.add_paragraph().add_run().add_picture(io.BytesIO(_tiny_png()))
    note = document.add_paragraph("Claim")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    note.add_run()._r.append(reference)
    result = _import(_save(document))
    summary, table_section, after = result.brief.sections
    assert result.brief.metadata.title == "Short title"
    assert (table_section.title, after.title) == ("Table", "Key points (continued)")
    # The picture the file holds is a figure where it stood.
    figure, claim = after.content.blocks
    assert isinstance(figure, Figure) and figure.picture in result.brief.pictures
    assert plain(claim.runs) == "Claim"
    numbered, bullets = summary.content.blocks[:2]
    assert (numbered.style, [plain(i) for i in numbered.items]) == (
        ListStyle.NUMBERED,
        ["numbered one", "numbered two"],
    )
    assert (bullets.style, [plain(i) for i in bullets.items]) == (ListStyle.BULLET, ["a bullet"])
    # The merged heading cell keeps the columns lined up.
    assert table_section.content.columns == ["Wide heading", "", "Last"]
    assert [plain(c) for c in table_section.content.rows[0]] == ["a", "", "c"]
    # A footnote reference to a note the file does not hold cites nothing.
    assert result.notes == [
        "The imported picture has no alternative text: add it (the check lists it)."
    ]


def test_title_from_document_properties_when_the_text_has_none() -> None:
    document = docx.Document()
    document.core_properties.title = "From the properties"
    document.add_heading("Context", level=1)
    document.add_paragraph("Body text that is a sentence.")
    brief = _import(_save(document)).brief
    # The first heading is the title, as the rules say; the sentence is the summary.
    assert brief.metadata.title == "Context"
    document = docx.Document()
    document.core_properties.title = "From the properties"
    document.add_paragraph("Body text that is a sentence.")
    assert _import(_save(document)).brief.metadata.title == "From the properties"


# ------------------------------------------------------------------ bad input


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(BriefImportError, match=r"not a Word \.docx file.*not one"):
        _import(b"Just some text saved with the wrong ending.")


def test_old_word_doc_and_empty_file_are_refused() -> None:
    with pytest.raises(BriefImportError, match=r"older Word file \(\.doc\)"):
        _import(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    with pytest.raises(BriefImportError, match="empty"):
        _import(b"")


def test_a_zip_that_is_not_a_word_document() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("photo.jpg", b"\xff\xd8\xff")
    with pytest.raises(BriefImportError, match="not a Word document"):
        _import(out.getvalue())


def test_truncated_and_damaged_packages() -> None:
    data = sample_docx()
    with pytest.raises(BriefImportError, match="damaged"):
        _import(data[: len(data) // 2])
    no_body = with_parts(data, {"word/document.xml": b"<not-closed"})
    with pytest.raises(BriefImportError, match="damaged"):
        _import(no_body)


def test_no_text_at_all() -> None:
    with pytest.raises(BriefImportError, match="no text to import"):
        _import(_save(docx.Document()))


def test_zip_bomb_is_refused_before_anything_is_unpacked(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/document.xml", "w") as member:
            chunk = b"\x00" * (1024 * 1024)
            for _ in range(package.MAX_MEMBER_BYTES // len(chunk) + 1):
                member.write(chunk)
    data = out.getvalue()
    assert len(data) < 200_000  # 65 MB packed into a small file
    opened: list[str] = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(
        zipfile.ZipFile,
        "open",
        lambda self, name, *a, **k: (
            opened.append(getattr(name, "filename", name)) or real_open(self, name, *a, **k)
        ),
    )
    with pytest.raises(BriefImportError, match="zip bomb"):
        _import(data)
    assert "word/document.xml" not in opened


def test_total_unpacked_size_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_TOTAL_BYTES", 100_000)
    data = with_parts(sample_docx(), {f"word/media/pad{i}.bin": b"\x00" * 40_000 for i in range(3)})
    with pytest.raises(BriefImportError, match="too large when unpacked"):
        _import(data)


def test_too_many_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "MAX_MEMBERS", 10)
    data = with_parts(sample_docx(), {f"customXml/item{i}.bin": b"x" for i in range(12)})
    with pytest.raises(BriefImportError, match="parts"):
        _import(data)


def test_sizes_that_lie_are_caught_without_unpacking_the_lie() -> None:
    """A part whose header claims it is small but which unpacks to 40 MB."""
    original = document_xml(sample_docx())
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample_docx())) as source, zipfile.ZipFile(out, "w") as z:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info, source.read(info.filename))
        info = zipfile.ZipInfo("word/document.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w") as member:
            member.write(original)
            for _ in range(40):
                member.write(b" " * (1024 * 1024))
    data = bytearray(out.getvalue())
    # Rewrite the declared size in the local and central headers.
    name = b"word/document.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature + b"", 0)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                struct.pack_into("<I", data, at + offset, len(original))
            at = data.find(signature, at + 4)
    lying = bytes(data)
    assert len(lying) < 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(BriefImportError, match="damaged"):
            _import(lying)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


_SECRET = "TOP-SECRET-LOCAL-FILE-CONTENT"


def _xxe_docx(tmp_path: Path, *, utf16: bool = False) -> bytes:
    secret = tmp_path / "secret.txt"
    secret.write_text(_SECRET)
    xml = document_xml(sample_docx()).decode("utf-8")
    head, rest = xml.split("?>", 1)
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    body = rest.replace("Fifty-two ", "&xxe; ", 1)
    assert "&xxe;" in body
    text = head + "?>" + doctype + body
    if utf16:
        text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"')
        return with_parts(sample_docx(), {"word/document.xml": text.encode("utf-16")})
    return with_parts(sample_docx(), {"word/document.xml": text.encode("utf-8")})


@pytest.mark.parametrize("utf16", [False, True])
def test_external_entities_are_refused(tmp_path: Path, utf16: bool) -> None:
    with pytest.raises(BriefImportError, match="DOCTYPE") as caught:
        _import(_xxe_docx(tmp_path, utf16=utf16))
    assert _SECRET not in str(caught.value)


def test_external_entities_are_never_resolved_even_past_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Defence in depth: python-docx's own parser leaves entities unresolved."""
    monkeypatch.setattr(word_reader, "check_package", lambda data, name="": None)
    try:
        result = _import(_xxe_docx(tmp_path))
    except BriefImportError:
        return
    assert _SECRET not in dumps(result.brief).decode()


def test_billion_laughs_is_refused() -> None:
    xml = document_xml(sample_docx()).decode("utf-8")
    head, rest = xml.split("?>", 1)
    laughs = '<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    data = with_parts(sample_docx(), {"word/document.xml": (head + "?>" + laughs + rest).encode()})
    with pytest.raises(BriefImportError, match="DOCTYPE"):
        _import(data)


def test_file_size_is_capped_before_reading(tmp_path: Path, monkeypatch) -> None:
    import briefing_app.importers as importers

    monkeypatch.setattr(importers, "MAX_WORD_BYTES", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(sample_docx())
    with pytest.raises(BriefImportError, match="too large to import"):
        importers.import_file(path)


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_word_files_import_or_say_why(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_SAMPLE)
    for at, value in flips:
        data[at % len(data)] = value
    try:
        result = _import(bytes(data))
    except BriefImportError:
        return
    assert dumps(loads(dumps(result.brief))) == dumps(result.brief)


_SAMPLE = sample_docx()


def _tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_character_styles_give_bold_and_italic_unless_the_run_says_otherwise() -> None:
    document = docx.Document()
    document.add_paragraph("Title here")
    p = document.add_paragraph("Plain ")
    p.add_run("strong", style="Strong")
    p.add_run(" and ")
    p.add_run("emphasis", style="Emphasis")
    p.add_run(" not bold", style="Strong").bold = False
    runs = _import(_save(document)).brief.sections[0].content.blocks[0].runs
    assert runs == [
        Run("Plain "),
        Run("strong", bold=True),
        Run(" and "),
        Run("emphasis", italic=True),
        Run(" not bold"),
    ]


@pytest.mark.slow
def test_a_long_word_file_imports_whole() -> None:
    document = docx.Document()
    for n in range(3000):
        document.add_heading(f"Part {n}", level=1)
        document.add_paragraph(f"Paragraph {n} " + "text " * 40)
    brief = _import(_save(document)).brief
    # The first heading is the title; the paragraph under it the key points.
    assert brief.metadata.title == "Part 0"
    assert len(brief.sections) == 3000
    assert brief.sections[-1].title == "Part 2999"
