"""Figures: the model and file format, and each format read back."""

from __future__ import annotations

import io
import json
import re

import docx
import lxml.html
import pytest

from briefing_app.checks import check_brief as run_check
from briefing_app.compose.composer import compose
from briefing_app.document.nodes import FigureNode
from briefing_app.errors import BriefFileError, ExportError
from briefing_app.model import fileformat
from briefing_app.model.brief import Section, SectionKind, TextContent
from briefing_app.model.chart_data import chart_data, read_number
from briefing_app.model.fileformat import SCHEMA_VERSION, brief_from_dict, brief_to_dict
from briefing_app.model.pictures import ChartSpec, Figure, MediaType
from briefing_app.model.storage import dumps, load_brief, loads
from briefing_app.model.text import Run
from briefing_app.model.walk import Field, brief_texts
from briefing_app.writers.docx import write_docx
from briefing_app.writers.html import write_html
from briefing_app.writers.pdf import write_pdf
from tests.figures_fixtures import figure_brief, picture_bytes
from tests.pdf_text import pages_text, reader

SAMPLE = "assets/sample/belarus-2025.brief"


def _pdf_images(data: bytes) -> dict[int, object]:
    """Every image XObject of the PDF, by object number."""
    found = {}
    for page in reader(data).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found[ref.idnum] = obj
    return found


# ---------------------------------------------------------------- model and file


def test_round_trip_keeps_figures_and_stores_each_picture_once() -> None:
    brief, pictures = figure_brief()
    data = dumps(brief)
    raw = json.loads(data)
    assert raw["schema_version"] == SCHEMA_VERSION
    assert set(raw["pictures"]) == {p.digest for p in pictures.values()}
    again = loads(data)
    assert [f.caption for f in again.figures()] == [f.caption for f in brief.figures()]
    assert again.pictures[pictures["jpeg"].digest].data == pictures["jpeg"].data
    assert dumps(again) == data


def test_unused_pictures_are_not_saved() -> None:
    brief, pictures = figure_brief()
    brief.sections[0].content.blocks = [b for b in brief.sections[0].content.blocks[:2]]
    raw = json.loads(dumps(brief))
    assert list(raw["pictures"]) == [pictures["jpeg"].digest]


def test_an_older_brief_migrates_with_no_pictures() -> None:
    raw = brief_to_dict(load_brief(SAMPLE))
    raw.pop("pictures", None)
    for section in raw["sections"]:
        section["blocks"] = [b for b in section.get("blocks", []) if b["type"] != "figure"]
        if "blocks" in section and not section["blocks"]:
            section.pop("blocks")
    raw["sections"] = [s for s in raw["sections"] if s["kind"] != "figure"]
    raw["schema_version"] = fileformat.FIGURES_FROM
    brief = brief_from_dict(raw)
    assert brief.pictures == {} and brief.figures() == []


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda raw, d: raw["pictures"][d].update(data="AAAA"), "fingerprint"),
        (lambda raw, d: raw["pictures"][d].update(data="not base64!"), "damaged"),
        (lambda raw, d: raw["pictures"].pop(d), "missing"),
        (lambda raw, d: raw["pictures"][d].update(type="image/gif"), "is not one of"),
    ],
)
def test_damaged_pictures_in_a_file_are_refused_with_their_place(change, words) -> None:
    brief, pictures = figure_brief()
    raw = json.loads(dumps(brief))
    change(raw, pictures["jpeg"].digest)
    with pytest.raises(BriefFileError) as caught:
        loads(json.dumps(raw).encode())
    assert words in str(caught.value)


def test_a_picture_hidden_in_a_file_is_checked_like_an_inserted_one() -> None:
    brief, _ = figure_brief()
    raw = json.loads(dumps(brief))
    import base64
    import hashlib

    bomb = _bomb_png()
    digest = hashlib.sha256(bomb).hexdigest()
    raw["pictures"][digest] = {
        "type": "image/png",
        "width": 1,
        "height": 1,
        "data": base64.b64encode(bomb).decode(),
    }
    raw["sections"][0]["blocks"][1]["picture"] = digest
    with pytest.raises(BriefFileError, match="pixels"):
        loads(json.dumps(raw).encode())


def _bomb_png() -> bytes:
    from tests.test_picture_inputs import bomb_png

    return bomb_png(50_000, 50_000)


def test_the_walker_sees_captions_alt_text_and_source_lines() -> None:
    brief, _ = figure_brief()
    pieces = [p for p in brief_texts(brief) if p.place.section_id == brief.sections[0].id]
    fields = {p.place.field for p in pieces}
    assert {Field.FIGURE_CAPTION, Field.ALT_TEXT, Field.FIGURE_SOURCE} <= fields
    assert any(p.text == "Ministry photo archive" for p in pieces)
    alt = next(p for p in pieces if p.text == "The court building in Minsk")
    assert alt.place.describe() == "paragraph 2 (alt text)"


# ---------------------------------------------------------------- charts


@pytest.mark.parametrize(
    ("text", "value"),
    [("37,000", 37000), ("more than 1,000", 1000), ("52", 52), ("1 000+", 1000),
     ("12.5%", 12.5), ("-3", -3), ("none", None), ("", None)],
)  # fmt: skip
def test_numbers_are_read_from_cells(text: str, value: float | None) -> None:
    assert read_number(text) == value


def test_chart_alt_text_is_proposed_from_the_data() -> None:
    brief, _ = figure_brief()
    data = chart_data(brief, brief.figures()[-1].chart)
    assert data.proposed_alt_text() == (
        "Bar chart: detained since 2020 37,000; still held 1,000; released 52"
    )


def test_a_chart_follows_an_edited_cell_in_every_format() -> None:
    brief, _ = figure_brief()
    brief.sections[1].content.rows[2][1] = [Run("61")]
    tree = compose(brief)
    chart = next(b for b in tree.blocks if isinstance(b, FigureNode) and b.chart)
    assert chart.chart.series[0].values == (37000, 1000, 61)
    assert "released 61" in chart.alt
    assert "61" in " ".join(pages_text(write_pdf(tree)))
    html = lxml.html.fromstring(write_html(tree))
    assert html.xpath("//figure/img")[-1].get("alt").endswith("released 61")
    word = docx.Document(io.BytesIO(write_docx(tree)))
    assert word.inline_shapes[-1]._inline.docPr.get("descr").endswith("released 61")


def test_a_chart_reads_facts() -> None:
    brief = load_brief(SAMPLE)
    brief.facts[[f.name for f in brief.facts].index("released")].value = "77"
    tree = compose(brief)
    chart = next(b for b in tree.blocks if isinstance(b, FigureNode) and b.chart)
    assert 77 in chart.chart.series[0].values


def test_a_chart_whose_table_is_gone_is_refused_in_words() -> None:
    brief, _ = figure_brief()
    del brief.sections[1]
    with pytest.raises(ExportError, match="no longer in the brief"):
        compose(brief)


# ---------------------------------------------------------------- the three formats


def test_pdf_holds_each_picture_once_jpeg_unchanged() -> None:
    brief, pictures = figure_brief()
    tree = compose(brief)
    data = write_pdf(tree)
    images = _pdf_images(data)
    assert len(images) == 2  # the JPEG (shown twice) and the PNG; SVG and chart are vectors
    jpegs = [o for o in images.values() if o.get("/Filter") in ("/DCTDecode", ["/DCTDecode"])]
    assert len(jpegs) == 1 and jpegs[0].get_data() == pictures["jpeg"].data
    text = " ".join(pages_text(data))
    for caption in ("Figure 1: Minsk court", "Figure 2: Organisation", "Figure 3: Minsk court",
                    "Figure 4: Map", "Figure 5: The scale of detention"):  # fmt: skip
        assert caption in text
    assert "Source: Ministry photo archive" in text
    assert "Map of Belarus" in text  # the SVG's words, drawn as text
    assert "37,000" in text and "detained since 2020" in text  # the chart, as vectors


def test_word_holds_inline_pictures_with_alt_text_captions_and_sources() -> None:
    brief, pictures = figure_brief()
    word = docx.Document(io.BytesIO(write_docx(compose(brief))))
    shapes = word.inline_shapes
    assert len(shapes) == 5
    alts = [s._inline.docPr.get("descr") for s in shapes]
    assert alts[:4] == [
        "The court building in Minsk",
        "Organisation chart",
        "Again",
        "Map of Belarus",
    ]
    assert alts[4].startswith("Bar chart: detained since 2020 37,000")
    parts = word.part.package.image_parts
    blobs = [p.blob for p in parts]
    assert blobs.count(pictures["jpeg"].data) == 1  # stored once, as it came
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"][:5]
    assert captions == [
        "Figure 1: Minsk court",
        "Figure 2: Organisation",
        "Figure 3: Minsk court again",
        "Figure 4: Map",
        "Figure 5: The scale of detention",
    ]
    assert (
        "SEQ Figure" in word.paragraphs[[p.text for p in word.paragraphs].index(captions[0])]._p.xml
    )
    assert any(p.text == "Source: Ministry photo archive" for p in word.paragraphs)
    assert abs(shapes[1].width.mm - shapes[0].width.mm / 2) < 0.5  # half width


def test_word_charts_are_sharp_pictures() -> None:
    from PIL import Image

    brief, _ = figure_brief()
    word = docx.Document(io.BytesIO(write_docx(compose(brief))))
    chart = word.inline_shapes[-1]
    blip = chart._inline.graphic.graphicData.pic.blipFill.blip
    blob = word.part.related_parts[blip.embed].blob
    pixels = Image.open(io.BytesIO(blob)).width
    assert pixels / (chart.width.mm / 25.4) >= 200


def test_word_marks_a_decorative_figure() -> None:
    brief, _ = figure_brief()
    figure = brief.figures()[1]
    figure.alt_text, figure.decorative = "", True
    word = docx.Document(io.BytesIO(write_docx(compose(brief))))
    doc_pr = word.inline_shapes[1]._inline.docPr
    assert doc_pr.get("descr") == ""
    assert "decorative" in lxml.html.tostring(doc_pr).decode()


def test_html_figures_have_figcaption_alt_and_nothing_active() -> None:
    brief, _ = figure_brief()
    page = lxml.html.fromstring(write_html(compose(brief)))
    figures = page.xpath("//figure")
    assert len(figures) == 5
    assert [f.findtext("figcaption") for f in figures][:2] == [
        "Figure 1: Minsk court",
        "Figure 2: Organisation",
    ]
    images = page.xpath("//figure/img")
    assert images[0].get("alt") == "The court building in Minsk"
    assert images[0].get("src").startswith("data:image/jpeg;base64,")
    assert images[3].get("src").startswith("data:image/svg+xml;base64,")
    assert "Source: Ministry photo archive" in figures[0].text_content()
    assert not page.xpath("//script") and not page.xpath("//svg")


def test_figures_are_numbered_in_reading_order_with_tables_apart() -> None:
    brief, _ = figure_brief()
    tree = compose(brief)
    captions = [b.caption for b in tree.blocks if isinstance(b, FigureNode)]
    assert captions == [f"Figure {n}: " + c for n, c in enumerate(
        ["Minsk court", "Organisation", "Minsk court again", "Map", "The scale of detention"], 1
    )]  # fmt: skip


def test_figures_are_never_wider_than_the_text_nor_taller_than_the_page() -> None:
    from briefing_app.pictures.intake import accept_picture

    brief, _ = figure_brief()
    tall = accept_picture(picture_bytes("PNG", (50, 2000)), "tall.png")
    brief.add_picture(tall)
    brief.sections[0].content.blocks.append(Figure(picture=tall.digest, alt_text="A tall one"))
    tree = compose(brief)
    style = tree.style
    for node in (b for b in tree.blocks if isinstance(b, FigureNode)):
        assert node.width_mm <= style.frame_width_mm + 0.01
        assert node.height_mm < style.frame_height_mm
    data = write_pdf(tree)
    assert "Figure 6" in " ".join(pages_text(data))


def test_a_figure_section_kind() -> None:
    brief, pictures = figure_brief()
    section = Section.new(SectionKind.FIGURE)
    section.content.blocks.append(Figure(picture=pictures["png"].digest, alt_text="x"))
    brief.sections.append(section)
    assert isinstance(section.content, TextContent)
    again = loads(dumps(brief))
    assert again.sections[-1].kind is SectionKind.FIGURE
    assert "Figure 6" in " ".join(pages_text(write_pdf(compose(again))))


# ---------------------------------------------------------------- the check and the sample


def test_check_reports_a_picture_without_alt_text() -> None:
    brief, _ = figure_brief()
    brief.figures()[0].alt_text = ""
    findings = [f for f in run_check(brief) if f.kind == "alt_text"]
    assert len(findings) == 1
    assert findings[0].where == "paragraph 2 (alt text)"
    brief.figures()[0].decorative = True
    assert not [f for f in run_check(brief) if f.kind == "alt_text"]


def test_the_sample_has_a_chart_with_alt_text_and_its_source() -> None:
    brief = load_brief(SAMPLE)
    tree = compose(brief)
    chart = next(b for b in tree.blocks if isinstance(b, FigureNode))
    assert chart.chart is not None
    assert chart.alt == ("Bar chart: detained since 2020 37,000; still held 1,000; released 52")
    text = " ".join(pages_text(write_pdf(tree)))
    assert re.search(r"Source: Amnesty International", text)
    assert not [f for f in run_check(brief) if f.kind == "alt_text"]


def test_media_types_of_kept_pictures() -> None:
    _, pictures = figure_brief()
    assert pictures["jpeg"].media_type is MediaType.JPEG
    assert pictures["svg"].media_type is MediaType.SVG
    assert ChartSpec("x").values == ()


def test_briefing_app_check_reports_alt_text_on_the_command_line(tmp_path) -> None:
    from briefing_app.model.storage import save_brief
    from tests.test_cli import cli

    brief, _ = figure_brief()
    brief.figures()[1].alt_text = ""
    save_brief(brief, tmp_path / "figures.brief")
    result = cli("check", "figures.brief", "--json", cwd=tmp_path)
    items = json.loads(result.stdout)
    [item] = [i for i in items if i["kind"] == "alt_text"]
    assert item["severity"] == "error"
    assert item["where"] == "paragraph 3 (alt text)"
    assert "Organisation" in item["message"]


def test_a_transparent_png_keeps_its_transparency_in_the_pdf() -> None:
    from briefing_app.pictures.intake import accept_picture

    brief, _ = figure_brief()
    clear = accept_picture(picture_bytes("PNG", (40, 40), "RGBA"), "clear.png")
    brief.add_picture(clear)
    brief.sections[0].content.blocks = [Figure(picture=clear.digest, alt_text="A logo")]
    images = _pdf_images(write_pdf(compose(brief)))
    [picture] = [o for o in images.values() if o.get("/Width") == 40 and "/SMask" in o]
    assert picture.get("/SMask").get_object().get("/Width") == 40


def test_the_file_is_exactly_the_json_of_the_brief() -> None:
    brief, _ = figure_brief()
    expected = json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=1) + "\n"
    assert dumps(brief) == expected.encode("utf-8")


def test_a_brief_too_large_to_open_again_is_not_saved(tmp_path, monkeypatch) -> None:
    from briefing_app.model import storage

    brief, _ = figure_brief()
    path = tmp_path / "big.brief"
    path.write_bytes(b"the old file")
    monkeypatch.setattr(storage, "MAX_FILE_BYTES", 4000)
    with pytest.raises(BriefFileError, match="cannot be opened again"):
        storage.save_brief(brief, path)
    assert path.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["big.brief"]  # no temporary left


def test_a_citation_in_a_figure_source_line_is_a_footnote_in_every_format() -> None:
    from briefing_app.model.brief import SourceEntry, SourcesContent

    brief, _ = figure_brief()
    entry = SourceEntry("Viasna human rights centre", "https://spring96.org", id="src-v")
    brief.sections.append(Section(SectionKind.SOURCES, "Sources", SourcesContent([entry])))
    brief.figures()[0].source = [Run("Ministry archive"), Run("[1]", cite=("src-v",))]
    tree = compose(brief)
    first_page = pages_text(write_pdf(tree))[0]
    assert "Source: Ministry archive1" in first_page
    assert "1 Viasna human rights centre. https://spring96.org" in first_page
    word = write_docx(tree)
    assert b"footnoteReference" in _document_xml(word)
    page = lxml.html.fromstring(write_html(tree))
    assert page.xpath("//figure//a[@href]")  # the note reference links to its note


def _document_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("word/document.xml")


def test_a_chart_whose_columns_are_gone_is_refused_in_words() -> None:
    brief, _ = figure_brief()
    figure = brief.figures()[-1]
    figure.chart = ChartSpec("s-scale", labels=5)
    with pytest.raises(ExportError, match="no longer has the column that names the bars"):
        compose(brief)
    figure.chart = ChartSpec("s-scale", labels=1, values=(1,))  # the labels drawn as values
    with pytest.raises(ExportError, match="has no numbers to draw"):
        compose(brief)


def test_check_reports_a_chart_that_cannot_be_drawn() -> None:
    brief, _ = figure_brief()
    del brief.sections[1]  # the chart's table
    [finding] = [f for f in run_check(brief) if f.kind == "chart"]
    assert finding.severity.value == "error"
    assert "no longer in the brief" in finding.message
    assert finding.where == "paragraph 6 (figure caption)"
