"""Issue 17: Word files from other people's templates, written by hand in
WordprocessingML (content controls, fields, text boxes, tracked changes,
comments, footnotes and endnotes, headers), by python-docx and by
LibreOffice, as no writer of this project makes them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from briefing_app.errors import BriefImportError
from briefing_app.importers import SourceFormat, import_bytes
from briefing_app.model import Callout, ListBlock, Paragraph, SectionKind
from briefing_app.model.brief import SourcesContent, TableContent
from briefing_app.model.storage import dumps, loads
from briefing_app.model.text import ListStyle, plain
from tests.import_samples import w_p, w_r, wordml_package

STYLES = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>'
    # A template's own heading style: no "Heading" in its name, an outline level.
    '<w:style w:type="paragraph" w:styleId="AgencySection"><w:name w:val="Agency Section"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    # A template's numbered paragraphs: the numbering comes from the style.
    '<w:style w:type="paragraph" w:styleId="NumberedPara"><w:name w:val="Numbered Para"/>'
    '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
)
NUMBERING = (
    '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl>'
    "</w:abstractNum>"
    '<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num>'
)


def sdt(content: str, *, prompt: bool = False) -> str:
    props = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>" if prompt else "<w:sdtPr/>"
    return f"<w:sdt>{props}<w:sdtContent>{content}</w:sdtContent></w:sdt>"


def text_box(text: str) -> str:
    """A text box as Word writes it: a drawing for today's readers and the
    same box again in VML for older ones."""
    box = f"<w:txbxContent>{w_p(w_r(text))}</w:txbxContent>"
    drawing = (
        '<w:drawing><wp:anchor><wp:docPr id="5" name="Text Box 5"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        f"<wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
        "</w:drawing>"
    )
    vml = f"<w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>"
    return (
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{drawing}</mc:Choice>'
        f"<mc:Fallback>{vml}</mc:Fallback></mc:AlternateContent></w:r>"
    )


def picture(alt: str) -> str:
    return (
        '<w:r><w:drawing><wp:inline><wp:docPr id="9" name="Picture 9" '
        f'descr="{alt}"/><a:graphic><a:graphicData '
        'uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="0" name="map.png"/></pic:nvPicPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def field(code: str, result: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"{w_r(result)}"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def cell(content: str, props: str = "") -> str:
    return f"<w:tc>{'<w:tcPr>' + props + '</w:tcPr>' if props else ''}{content}</w:tc>"


TEMPLATE_BODY = "".join(
    [
        w_p(w_r("Release of political prisoners"), style="Title"),
        # A form field of the template, filled in; another still showing its prompt.
        sdt(w_p(w_r("Prepared for the Minister of State"))),
        sdt(w_p(w_r("Click or tap here to enter text.")), prompt=True),
        w_p(
            w_r("Fifty-two prisoners were freed on "),
            sdt(w_r("11 September 2025")),
            w_r(", as "),
            '<w:fldSimple w:instr=" HYPERLINK &quot;https://www.reuters.com/world&quot; ">',
            w_r("Reuters reported"),
            "</w:fldSimple>",
            w_r(" and "),
            field('HYPERLINK "https://apnews.com/belarus" \\o "AP story"', "AP confirmed"),
            w_r("."),
            '<w:r><w:footnoteReference w:id="2"/></w:r>',
        ),
        w_p(
            w_r("Officials met "),
            '<w:ins w:id="1" w:author="Anna Novak" w:date="2025-09-12T10:00:00Z">',
            w_r("twice "),
            "</w:ins>",
            '<w:del w:id="2" w:author="Anna Novak" w:date="2025-09-12T10:00:00Z">',
            "<w:r><w:delText>three times </w:delText></w:r>",
            "</w:del>",
            w_r("in Vilnius on "),
            field("DATE \\@ &quot;d MMMM yyyy&quot;", "12 September 2025"),
            w_r("."),
            '<w:commentRangeStart w:id="0"/>',
            w_r(" The count is disputed."),
            '<w:commentRangeEnd w:id="0"/>',
            '<w:r><w:commentReference w:id="0"/></w:r>',
            '<w:r><w:endnoteReference w:id="1"/></w:r>',
        ),
        w_p(text_box("Did you know? More than 1,000 remain in detention.")),
        w_p(w_r("Background"), style="AgencySection"),
        w_p(w_r("The 2020 election triggered protests."), picture("Map of Belarus")),
        w_p(w_r("Raise individual cases."), style="NumberedPara"),
        w_p(w_r("Keep sanctions tied to releases."), style="NumberedPara"),
        w_p(w_r("Factors"), style="Heading1"),
        "<w:tbl>"
        + sdt(
            "<w:tr>"
            + cell(w_p(w_r("Factor")))
            + cell(w_p(w_r("Impact")), '<w:gridSpan w:val="2"/>')
            + "</w:tr>"
        )
        + "<w:tr>"
        + cell(w_p(w_r("Sanctions")), '<w:vMerge w:val="restart"/>')
        + sdt(cell(w_p(w_r("Leverage"))))
        + cell(w_p(w_r("High")))
        + "</w:tr><w:tr>"
        + cell(w_p(), "<w:vMerge/>")
        + cell(w_p(w_r("Access")))
        + cell(w_p(w_r("Low")))
        + "</w:tr>"
        + '<w:tr><w:trPr><w:del w:id="9" w:author="A" w:date="2025-01-01T00:00:00Z"/></w:trPr>'
        + cell(w_p(w_r("Deleted row")))
        + "</w:tr></w:tbl>",
    ]
)
FOOTNOTES = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>'
    + w_r(" Reuters, 11 September 2025, https://www.reuters.com/world/belarus")
    + "</w:p></w:footnote>"
)
ENDNOTES = (
    '<w:endnote w:id="1"><w:p>' + w_r("Viasna human rights centre count.") + "</w:p></w:endnote>"
)
COMMENTS = (
    '<w:comment w:id="0" w:author="Anna Novak" w:date="2025-09-12T10:00:00Z">'
    + w_p(w_r("Check this figure with the desk"))
    + "</w:comment>"
)
HEADER = sdt(w_p(w_r("OFFICIAL-SENSITIVE")))


def template_docx() -> bytes:
    return wordml_package(
        TEMPLATE_BODY,
        footnotes=FOOTNOTES,
        endnotes=ENDNOTES,
        comments=COMMENTS,
        header1=HEADER,
        styles=STYLES,
        numbering=NUMBERING,
    )


def _all_text(brief) -> str:
    return dumps(brief).decode()


def test_a_template_file_keeps_every_word_it_shows() -> None:
    result = import_bytes(template_docx(), SourceFormat.WORD, name="template.docx")
    brief = result.brief
    assert brief.metadata.title == "Release of political prisoners"
    assert [(s.kind, s.title) for s in brief.sections] == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CONTEXT, "Background"),
        (SectionKind.FACTOR_TABLE, "Factors"),
        (SectionKind.SOURCES, "Sources"),
    ]
    summary = brief.sections[0].content.blocks
    texts = [plain(b.runs) for b in summary if isinstance(b, Paragraph)]
    # Content controls in the body and inline; the prompt is left out.
    assert texts[0] == "Prepared for the Minister of State"
    assert "Click or tap" not in _all_text(brief)
    freed = summary[1]
    assert plain(freed.runs).startswith(
        "Fifty-two prisoners were freed on 11 September 2025, as Reuters reported and AP confirmed."
    )
    links = {r.text: r.link for r in freed.runs if r.link}
    assert links == {
        "Reuters reported": "https://www.reuters.com/world",
        "AP confirmed": "https://apnews.com/belarus",
    }
    # Field codes never show; their results do. Tracked changes as the text reads now.
    met = plain(summary[2].runs)
    assert met.startswith("Officials met twice in Vilnius on 12 September 2025. The count")
    assert "HYPERLINK" not in _all_text(brief) and "three times" not in _all_text(brief)
    # The text box is one callout, though Word wrote it twice (drawing and VML).
    (callout,) = [b for b in summary if isinstance(b, Callout)]
    assert callout.title == "Did you know?"
    assert [plain(b.runs) for b in callout.blocks] == ["More than 1,000 remain in detention."]
    assert _all_text(brief).count("More than 1,000") == 1
    # A numbered style of the template numbers its paragraphs.
    (numbered,) = [b for b in brief.sections[1].content.blocks if isinstance(b, ListBlock)]
    assert numbered.style is ListStyle.NUMBERED and len(numbered.items) == 2
    # Merged cells keep the columns lined up; the deleted row is gone.
    table = brief.sections[2].content
    assert isinstance(table, TableContent)
    assert table.columns == ["Factor", "Impact", ""]
    assert [[plain(c) for c in row] for row in table.rows] == [
        ["Sanctions", "Leverage", "High"],
        ["", "Access", "Low"],
    ]


def test_footnotes_and_endnotes_become_cited_sources() -> None:
    brief = import_bytes(template_docx(), SourceFormat.WORD, name="t.docx").brief
    sources = brief.sections[-1].content
    assert isinstance(sources, SourcesContent)
    assert [(s.text, s.url) for s in sources.items] == [
        ("Reuters, 11 September 2025", "https://www.reuters.com/world/belarus"),
        ("Viasna human rights centre count.", ""),
    ]
    cited = [
        run.cite
        for block in brief.sections[0].content.blocks
        if isinstance(block, Paragraph)
        for run in block.runs
        if run.cite
    ]
    assert cited == [(sources.items[0].id,), (sources.items[1].id,)]
    # The brief saves and opens again with its citations.
    again = loads(dumps(brief))
    assert again.sections[-1].content.items[0].id == sources.items[0].id


def test_the_notes_say_what_was_left_out_and_what_was_decided() -> None:
    notes = import_bytes(template_docx(), SourceFormat.WORD, name="t.docx").notes
    text = "\n".join(notes)
    assert "1 insertion kept and 2 deletions left out" in text  # a word and a table row
    assert "2 footnotes and endnotes became Sources entries" in text
    assert "1 comment was left out: 'Check this figure with the desk' (Anna Novak)" in text
    assert "headers and footers were left out, with 1 content control ('OFFICIAL-SENSITIVE')" in (
        text
    )
    assert "1 form field still showing only the template's prompt" in text
    assert "1 picture was left out: it is linked, not held in the file ('Map of Belarus')" in text


def test_a_file_whose_only_text_is_in_a_text_box() -> None:
    data = wordml_package(w_p(text_box("Minsk talks resume on Monday.")))
    brief = import_bytes(data, SourceFormat.WORD, name="box.docx").brief
    (section,) = brief.sections
    (callout,) = section.content.blocks
    assert callout.title == "Note"
    assert plain(callout.blocks[0].runs) == "Minsk talks resume on Monday."


def test_a_vml_text_box_and_a_box_inside_a_box() -> None:
    inner = f"<w:r><w:pict><v:shape><v:textbox><w:txbxContent>{w_p(w_r('Inner words'))}"
    inner += "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    outer = (
        "<w:r><w:pict><v:rect><v:textbox><w:txbxContent>"
        + w_p(w_r("Key fact"), inner)
        + w_p(w_r("Outer words."))
        + "</w:txbxContent></v:textbox></v:rect></w:pict></w:r>"
    )
    data = wordml_package(w_p(w_r("Title")) + w_p(w_r("Body text."), outer))
    blocks = import_bytes(data, SourceFormat.WORD, name="vml.docx").brief.sections[0].content.blocks
    body, callout = blocks
    assert plain(body.runs) == "Body text."
    assert callout.title == "Key fact"
    # The inner box's words come where it is anchored: after "Key fact".
    assert [plain(b.runs) for b in callout.blocks] == ["Inner words", "Outer words."]


def test_a_link_field_to_a_place_in_the_document_is_text() -> None:
    data = wordml_package(
        w_p(w_r("T")) + w_p(field('HYPERLINK \\l "_Toc1"', "See the annex"), w_r("."))
    )
    (paragraph,) = import_bytes(data, SourceFormat.WORD).brief.sections[0].content.blocks
    assert [(r.text, r.link) for r in paragraph.runs] == [("See the annex.", "")]


def test_a_field_never_closed_does_not_hide_the_rest() -> None:
    data = wordml_package(
        w_p(w_r("T"))
        + w_p('<w:r><w:fldChar w:fldCharType="begin"/></w:r>', w_r("code of a field"))
        + w_p(w_r("Next paragraph."))
    )
    brief = import_bytes(data, SourceFormat.WORD).brief
    # Text in a field's code is code; the paragraphs after it are read.
    assert "code of a field" not in _all_text(brief)
    assert "Next paragraph." in _all_text(brief)


# ------------------------------------------------------------------ python-docx and LibreOffice


def test_python_docx_file_with_a_comment_and_a_picture_caption() -> None:
    document = docx.Document()
    document.add_heading("Weekly note", 0)
    paragraph = document.add_paragraph("The talks went well.")
    document.add_comment(paragraph.runs, text="Which talks?", author="Desk")
    document.add_heading("Next steps", 1)
    document.add_paragraph("Prepare the list.", style="List Number")
    import io

    out = io.BytesIO()
    document.save(out)
    result = import_bytes(out.getvalue(), SourceFormat.WORD, name="note.docx")
    assert [s.title for s in result.brief.sections] == ["Key points", "Next steps"]
    assert any("'Which talks?' (Desk)" in note for note in result.notes)


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
HTML_FOR_WORD = """<html><head><meta charset="utf-8"><title>Prisoner note</title></head><body>
<h1>Belarus frees 52 political prisoners</h1>
<p>Fifty-two people were freed, as <a href="https://www.reuters.com">Reuters</a> reported.</p>
<h2>Context</h2>
<p>The 2020 election triggered <b>protests</b> and a <i>crackdown</i>.</p>
<ul><li>Journalists</li><li>Trade union leaders</li></ul>
<ol><li>Welcome the release.</li><li>Keep sanctions.</li></ol>
<h2>Factors</h2>
<table border="1"><tr><th>Factor</th><th>Impact</th></tr>
<tr><td colspan="2">Sanctions and pressure together</td></tr>
<tr><td>Drone incursion</td><td>Tension</td></tr></table>
<p>Note: the figures are provisional.</p>
</body></html>"""


def libreoffice_docx(tmp_path: Path, source_name: str, source: str) -> bytes:
    src = tmp_path / source_name
    src.write_text(source, encoding="utf-8")
    profile = tmp_path / "profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            str(src),
            "--outdir",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (tmp_path / (src.stem + ".docx")).read_bytes()


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_a_word_file_made_by_libreoffice(tmp_path: Path) -> None:
    data = libreoffice_docx(tmp_path, "note.html", HTML_FOR_WORD)
    result = import_bytes(data, SourceFormat.WORD, name="note.docx")
    brief = result.brief
    assert brief.metadata.title == "Belarus frees 52 political prisoners"
    assert [(s.kind, s.title) for s in brief.sections] == [
        (SectionKind.SUMMARY, "Key points"),
        (SectionKind.CONTEXT, "Context"),
        (SectionKind.FACTOR_TABLE, "Factors"),
        (SectionKind.CUSTOM_TEXT, "Factors (continued)"),
    ]
    (intro,) = brief.sections[0].content.blocks
    assert {r.text: r.link for r in intro.runs if r.link} == {"Reuters": "https://www.reuters.com/"}
    context = brief.sections[1].content.blocks
    lists = [b for b in context if isinstance(b, ListBlock)]
    assert [(b.style, len(b.items)) for b in lists] == [
        (ListStyle.BULLET, 2),
        (ListStyle.NUMBERED, 2),
    ]
    table = brief.sections[2].content
    assert table.columns == ["Factor", "Impact"]
    assert [plain(c) for c in table.rows[0]] == ["Sanctions and pressure together", ""]
    (note,) = brief.sections[3].content.blocks
    assert isinstance(note, Callout) and note.title == "Note"


def test_a_docx_that_is_not_one_still_says_so() -> None:
    with pytest.raises(BriefImportError, match=r"not a Word \.docx file"):
        import_bytes(b"<html>not word</html>", SourceFormat.WORD, name="x.docx")
