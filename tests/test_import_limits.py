"""Every file to import finishes: nesting, density, sizes and hostile Word packages.

Small sizes here; the large ones (80,000 lines, 8 MB, 5 MB of Markdown, a
long Word file) are in test_import_limits_scale.py, run with -m slow.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

import briefing_app.importers.limits as limits
import briefing_app.importers.markdown as markdown_reader
import briefing_app.importers.markdown_parser as markdown_parser
import briefing_app.importers.word as word_reader
import briefing_app.importers.word_package as package
from briefing_app.errors import BriefImportError
from briefing_app.importers import SourceFormat, import_bytes, import_file, import_text
from briefing_app.importers.markdown_parser import Parser
from briefing_app.model import ListBlock, Paragraph
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import Run, plain
from tests.child import cli
from tests.import_samples import document_xml, sample_docx, with_parts
from tests.scale_inputs import (
    hard_wrapped_text,
    list_continuation_text,
    markdown_document,
    word_document,
)

MB = 1024 * 1024


def _blocks(result) -> list:
    """The blocks of every text section."""
    sections = result.brief.sections
    return [block for section in sections for block in getattr(section.content, "blocks", [])]


# ------------------------------------------------------------------ generators, small


def test_list_continuation_lines_make_one_item() -> None:
    data = list_continuation_text(2000)
    result = import_bytes(data, SourceFormat.TEXT, name="list.txt")
    (items,) = [b for b in _blocks(result) if isinstance(b, ListBlock)]
    (item,) = items.items
    lines = data.decode().splitlines()[3:]
    assert plain(item) == " ".join(["First item of the list", *(line.strip() for line in lines)])


def test_hard_wrapped_text_flows_into_one_paragraph() -> None:
    data = hard_wrapped_text(200_000)
    result = import_bytes(data, SourceFormat.TEXT, name="wrapped.txt")
    (paragraph,) = _blocks(result)
    assert plain(paragraph.runs).split() == data.decode().split()[2:]  # after the title


def test_markdown_document_keeps_its_parts() -> None:
    result = import_bytes(markdown_document(100_000), SourceFormat.MARKDOWN, name="doc.md")
    titles = [s.title for s in result.brief.sections]
    assert titles[:3] == ["Part 1", "Part 1 (table)", "Part 1 (continued)"]
    assert result.brief.sections[1].content.columns == ["Factor", "Impact"]
    assert loads(dumps(result.brief)) is not None


def test_word_document_keeps_its_headings() -> None:
    result = import_bytes(word_document(300), SourceFormat.WORD, name="doc.docx")
    assert result.brief.metadata.title == "Part 0"
    assert len(result.brief.sections) == 300  # the key points, then Part 1 ... Part 299
    runs = result.brief.sections[1].content.blocks[0].runs
    assert runs[-1] == Run("bold words", bold=True)


# ------------------------------------------------------------------ nesting


@pytest.mark.parametrize(
    "text",
    [
        "*" * 5000 + "x" + "*" * 5000,
        "_" * 5000 + "x" + "_" * 5000,
        "*_" * 3000 + "x" + "_*" * 3000,
        "![" * 3000 + "x" + "](p.png)" * 3000,
        "[![" * 1500 + "x" + "](p.png)](https://e.org)" * 1500,
        "- " + "*" * 5000 + "x" + "*" * 5000,
        "| a |\n|---|\n| " + "*" * 5000 + "x" + "*" * 5000 + " |",
        "# " + "**" * 3000 + "x" + "**" * 3000,
    ],
)
def test_marks_nested_thousands_deep_keep_their_text(text: str) -> None:
    result = import_text("Title\n\n" + text, SourceFormat.MARKDOWN)
    assert "x" in dumps(result.brief).decode()


def test_emphasis_nested_deep_is_bold_and_italic() -> None:
    # 4,999 stars: 2,499 pairs (bold) and one more (italic).
    result = import_text("Title\n\n" + "*" * 4999 + "x" + "*" * 4999, SourceFormat.MARKDOWN)
    (paragraph,) = _blocks(result)
    assert paragraph.runs == [Run("x", bold=True, italic=True)]


def test_quotes_and_lists_nested_thousands_deep_are_read_as_text() -> None:
    for text in ("> " * 5000 + "deep", "- " * 5000 + "deep", "> - " * 3000 + "deep"):
        result = import_text("Title\n\n" + text, SourceFormat.MARKDOWN)
        assert "deep" in dumps(result.brief).decode()
        assert "imported as plain text" in result.notes[-1]


def _nested(tag: str, depth: int, inner: str) -> str:
    return f"<w:{tag}>" * depth + inner + f"</w:{tag}>" * depth


def _word_with_body(body: str) -> bytes:
    xml = document_xml(sample_docx()).decode()
    start = xml.index("<w:body>") + len("<w:body>")
    return with_parts(
        sample_docx(), {"word/document.xml": (xml[:start] + body + xml[start:]).encode()}
    )


def test_word_content_controls_and_insertions_nested_deep_are_read() -> None:
    run = "<w:r><w:t>deep text</w:t></w:r>"
    sdt = "<w:sdt><w:sdtContent>" * 120 + f"<w:p>{run}</w:p>" + "</w:sdtContent></w:sdt>" * 120
    ins = f"<w:p>{_nested('ins', 240, run)}</w:p>"
    result = import_bytes(_word_with_body(sdt + ins), SourceFormat.WORD, name="deep.docx")
    # The first is the title, the second a paragraph.
    assert result.brief.metadata.title == "deep text"
    texts = [plain(b.runs) for b in _blocks(result) if isinstance(b, Paragraph)]
    assert texts[0] == "deep text"


def test_word_xml_nested_beyond_the_parser_limit_is_damaged() -> None:
    body = f"<w:p>{_nested('ins', 5000, '<w:r><w:t>x</w:t></w:r>')}</w:p>"
    with pytest.raises(BriefImportError, match="damaged"):
        import_bytes(_word_with_body(body), SourceFormat.WORD, name="deep.docx")


# ------------------------------------------------------------------ density and size


def test_markdown_past_its_work_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Title\n\n" + "- *a* [b](https://e.org)\n" * 400
    assert import_text(text, SourceFormat.MARKDOWN).brief.sections
    monkeypatch.setattr(markdown_parser, "MAX_WORK", 10_000)
    with pytest.raises(BriefImportError, match="too many lines, marks and links") as caught:
        import_text(text, SourceFormat.MARKDOWN, name="dense.md")
    assert str(caught.value).startswith("dense.md: ")


def test_the_work_budget_counts_what_costs_time() -> None:
    """The same number of bytes costs far more work as hostile Markdown than
    as prose, and the budget sees it (a limit on size alone could not)."""

    def work(text: str) -> int:
        parser = Parser(10**12)
        env: dict = {}
        reader = markdown_reader._Reader(parser, env)
        for node in markdown_reader._block_tree(parser.parse_blocks(text, env)):
            reader.block(node)
        return 10**12 - parser.budget

    prose = markdown_document(40_000).decode()
    hostile = ("![" * 20_000)[: len(prose)]
    assert work(hostile) > 10 * work(prose)


def test_markdown_over_its_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.md"
    with path.open("wb") as out:
        out.truncate(5 * MB + 1)  # sparse: the size alone refuses it
    with pytest.raises(BriefImportError, match=r"too large to import \(the limit is 5 MB\)"):
        import_file(path)


def test_too_many_runs_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RUNS", 100)
    markdown = "Title\n\n" + "*a* b " * 60
    text = "Title\n\n" + "see https://e.org/a and " * 60
    with pytest.raises(BriefImportError, match="too many links and changes of bold"):
        import_text(markdown, SourceFormat.MARKDOWN)
    with pytest.raises(BriefImportError, match="more than 100"):
        import_text(text, SourceFormat.TEXT)
    with pytest.raises(BriefImportError, match="too many links"):
        import_bytes(word_document(60), SourceFormat.WORD, name="w.docx")


def test_addresses_are_counted_before_runs_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_RUNS", 100)
    made: list[str] = []
    monkeypatch.setattr(
        "briefing_app.importers.plain_text.autolink", lambda text: made.append(text) or []
    )
    with pytest.raises(BriefImportError, match="more than 100"):
        import_text("Links\n\n" + "https://e.org/a " * 101, SourceFormat.TEXT)
    assert made == []


def test_word_past_its_work_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(word_reader, "MAX_WORD_WORK", 500)
    with pytest.raises(BriefImportError, match="too long to import in one go"):
        import_bytes(word_document(300), SourceFormat.WORD, name="long.docx")


def test_word_with_thousands_of_styles_and_lists() -> None:
    """Styles based on one another, and lists, each looked up once."""
    base = sample_docx()
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        styles = z.read("word/styles.xml").decode()
        numbering = z.read("word/numbering.xml").decode()
    count = 3000
    styles = styles.replace(
        "</w:styles>",
        "".join(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="S{i}">'
            f'<w:name w:val="S{i}"/><w:basedOn w:val="S{i + 1}"/></w:style>'
            for i in range(count)
        )
        + "</w:styles>",
    )
    numbering = numbering.replace(
        "</w:numbering>",
        "".join(
            f'<w:num w:numId="{1000 + i}"><w:abstractNumId w:val="0"/></w:num>'
            for i in range(count)
        )
        + "</w:numbering>",
    )
    body = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="S{i}"/><w:numPr><w:ilvl w:val="0"/>'
        f'<w:numId w:val="{1000 + i}"/></w:numPr></w:pPr><w:r><w:t>item {i}</w:t></w:r></w:p>'
        for i in range(count)
    )
    xml = document_xml(base).decode()
    start = xml.index("<w:body>") + len("<w:body>")
    data = with_parts(
        base,
        {
            "word/styles.xml": styles.encode(),
            "word/numbering.xml": numbering.encode(),
            "word/document.xml": (
                xml[:start] + "<w:p><w:r><w:t>T</w:t></w:r></w:p>" + body + xml[start:]
            ).encode(),
        },
    )
    result = import_bytes(data, SourceFormat.WORD, name="styles.docx")
    (items,) = [b for b in _blocks(result) if isinstance(b, ListBlock)][:1]
    assert len(items.items) == count


def test_an_attribute_word_never_writes_is_damage_not_a_crash() -> None:
    xml = document_xml(sample_docx()).replace(b"<w:b/>", b'<w:b w:val="maybe"/>', 1)
    with pytest.raises(BriefImportError, match="damaged"):
        import_bytes(with_parts(sample_docx(), {"word/document.xml": xml}), SourceFormat.WORD)


# ------------------------------------------------------------------ Word package


_DOCTYPE = b'<!DOCTYPE w:document [<!ENTITY x "LAUGH">]>'
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def _renamed_document(data: bytes, new_name: str, transform=lambda xml: xml) -> bytes:
    """The document part moved to ``new_name`` (with its content type and
    relationship following it), its XML changed by ``transform``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                target.writestr(new_name, transform(content))
                continue
            if info.filename == "word/_rels/document.xml.rels":
                target.writestr(f"word/_rels/{Path(new_name).name}.rels", content)
                continue
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"/word/document.xml", f"/{new_name}".encode())
            if info.filename == "_rels/.rels":
                content = content.replace(b"word/document.xml", new_name.encode())
            target.writestr(info, content)
    return out.getvalue()


def _with_doctype(xml: bytes) -> bytes:
    head, rest = xml.split(b"?>", 1)
    return head + b"?>" + _DOCTYPE + rest.replace(b"Fifty-two ", b"&x; ", 1)


def test_a_document_part_under_another_name_is_read() -> None:
    data = _renamed_document(sample_docx(), "word/document.bin")
    result = import_bytes(data, SourceFormat.WORD, name="renamed.docx")
    assert result.brief.metadata.title == "Belarus frees 52 political prisoners"


@pytest.mark.parametrize("part", ["word/document.bin", "word/main", "word/DOC.XmL1"])
def test_a_doctype_is_refused_whatever_the_part_is_called(part: str) -> None:
    data = _renamed_document(sample_docx(), part, _with_doctype)
    with pytest.raises(BriefImportError, match="DOCTYPE"):
        import_bytes(data, SourceFormat.WORD, name="renamed.docx")


def test_a_doctype_in_an_encoding_word_never_uses_is_refused() -> None:
    """In UTF-7 "<!DOCTYPE" is "+ADwAIQ-DOCTYPE": no byte pattern finds it,
    so XML parts must be in UTF-8 or UTF-16 (or keep ASCII as it is)."""
    doctype = b"+ADwAIQ-DOCTYPE w:document +AFsAPAAh-ENTITY x +ACI-LAUGH+ACIAPgBd-+AD4-"

    def utf7(xml: bytes) -> bytes:
        head, rest = xml.split(b"?>", 1)
        head = head.replace(b"'UTF-8'", b"'UTF-7'").replace(b'"UTF-8"', b'"UTF-7"')
        assert b"UTF-7" in head
        return head + b"?>" + doctype + rest

    data = with_parts(sample_docx(), {"word/document.xml": utf7(document_xml(sample_docx()))})
    with pytest.raises(BriefImportError, match="encoding Word never uses"):
        import_bytes(data, SourceFormat.WORD, name="utf7.docx")
    ebcdic = with_parts(sample_docx(), {"word/document.xml": "<?xml ?><w:x/>".encode("cp037")})
    with pytest.raises(BriefImportError, match="encoding Word never uses"):
        import_bytes(ebcdic, SourceFormat.WORD, name="ebcdic.docx")


def test_an_svg_picture_may_carry_a_doctype() -> None:
    """Pictures are never parsed as XML; drawing programs write a DOCTYPE in SVG."""
    svg = b'<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    with zipfile.ZipFile(io.BytesIO(sample_docx())) as z:
        types = z.read("[Content_Types].xml").replace(
            b"</Types>", b'<Default Extension="svg" ContentType="image/svg+xml"/></Types>'
        )
    data = with_parts(sample_docx(), {"word/media/image1.svg": svg, "[Content_Types].xml": types})
    assert import_bytes(data, SourceFormat.WORD, name="svg.docx").brief.sections


def test_too_many_xml_elements_are_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = word_document(100)
    monkeypatch.setattr(package, "MAX_XML_NODES", 1000)
    parsed: list[bytes] = []
    monkeypatch.setattr(word_reader.docx, "Document", lambda *a: parsed.append(b"") or None)
    with pytest.raises(BriefImportError, match="more than 1,000 XML elements"):
        import_bytes(data, SourceFormat.WORD, name="big.docx")
    assert parsed == []


def test_a_part_read_past_its_declared_size_is_damaged(monkeypatch: pytest.MonkeyPatch) -> None:
    """zipfile stops at the declared size; the check counts for itself."""
    real_open = zipfile.ZipFile.open

    def lying_open(self, name, *args, **kwargs):
        member = real_open(self, name, *args, **kwargs)
        if getattr(name, "filename", None) == "word/document.xml":
            name.file_size = 10  # the header now says less than the part unpacks to
        return member

    monkeypatch.setattr(zipfile.ZipFile, "open", lying_open)
    with pytest.raises(BriefImportError, match="damaged"):
        import_bytes(sample_docx(), SourceFormat.WORD, name="lying.docx")


# ------------------------------------------------------------------ named pipe


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_by_name_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "notes.txt")
    outcome = cli("import", "notes.txt", "-o", "out.brief", cwd=tmp_path, seconds=60)
    outcome.assert_bounded()
    assert outcome.returncode == 1
    line = outcome.error_line
    assert "notes.txt" in line and "named pipe" in line
    assert outcome.seconds < 30  # it never waits for a writer (generous: CI noise)
    assert not (tmp_path / "out.brief").exists()
