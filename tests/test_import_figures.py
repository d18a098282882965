"""Imports keep pictures: Word's (with their alt text) and Markdown's
``![alt](file)`` beside the file become figures; what cannot come is named."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from briefing_app.compose.composer import compose
from briefing_app.importers import import_file
from briefing_app.model.pictures import Figure, MediaType
from briefing_app.model.storage import dumps, loads
from briefing_app.writers.docx import write_docx
from tests.figures_fixtures import picture_bytes


def _figures(brief) -> list[Figure]:
    return brief.figures()


def test_word_pictures_become_figures_with_their_alt_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Belarus", 0)
    document.add_paragraph("The map shows the border.")
    jpeg = picture_bytes("JPEG", (200, 100))
    shape = document.add_paragraph().add_run().add_picture(io.BytesIO(jpeg), width=Mm(80))
    shape._inline.docPr.set("descr", "Map of the Lithuanian border")
    document.add_paragraph("After the map.")
    document.add_paragraph().add_run().add_picture(io.BytesIO(picture_bytes("PNG")))
    path = tmp_path / "brief.docx"
    document.save(path)
    result = import_file(path)
    figures = _figures(result.brief)
    assert [f.alt_text for f in figures] == ["Map of the Lithuanian border", ""]
    first = result.brief.pictures[figures[0].picture]
    assert first.media_type is MediaType.JPEG and first.data == jpeg  # kept as it was
    assert "The imported picture" not in " ".join(result.notes)
    assert "1 of the 2 imported pictures have no alternative text" in " ".join(result.notes)
    # The imported brief saves, opens and exports with its pictures.
    again = loads(dumps(result.brief))
    assert len(again.pictures) == 2
    word = docx.Document(io.BytesIO(write_docx(compose(again, strict_facts=False))))
    assert word.inline_shapes[0]._inline.docPr.get("descr") == "Map of the Lithuanian border"


def test_a_word_picture_that_is_not_a_picture_is_named(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Text.")
    document.add_paragraph().add_run().add_picture(io.BytesIO(picture_bytes("PNG")))
    path = tmp_path / "odd.docx"
    document.save(path)
    # Replace the picture's bytes with a broken PNG inside the package.
    import zipfile

    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("word/media/"):
                data = data[:40]
            out.writestr(item, data)
    result = import_file(broken)
    assert not _figures(result.brief)
    assert any("cannot be used" in note and "left out" in note for note in result.notes)


def test_markdown_pictures_beside_the_file_become_figures(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "map.png").write_bytes(picture_bytes("PNG", (80, 40)))
    (tmp_path / "chart.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
        b'<script>alert(1)</script><rect width="10" height="10"/></svg>'
    )
    (tmp_path / "fake.png").write_bytes(b"not a picture")
    (tmp_path.parent / "outside.png").write_bytes(picture_bytes("PNG"))
    md = tmp_path / "brief.md"
    md.write_text(
        "# Belarus\n\nSome text.\n\n"
        '![Map of Belarus](img/map.png "The border")\n\n'
        "![Detentions since 2020](chart.svg)\n\n"
        "![Outside](../outside.png)\n\n"
        "![Web](https://example.com/x.png)\n\n"
        "![Missing](nothing.png)\n\n"
        "![Fake](fake.png)\n\n"
        "Inline ![icon](img/map.png) stays text.\n",
        encoding="utf-8",
    )
    result = import_file(md)
    figures = _figures(result.brief)
    assert [(f.alt_text, f.caption) for f in figures] == [
        ("Map of Belarus", "The border"),
        ("Detentions since 2020", ""),
    ]
    svg = result.brief.pictures[figures[1].picture]
    assert svg.media_type is MediaType.SVG and b"script" not in svg.data
    notes = " ".join(result.notes)
    assert "'../outside.png' was left out: it is not in the Markdown file's folder" in notes
    assert "'https://example.com/x.png' was left out: it is on the web" in notes
    assert "'nothing.png' was left out" in notes
    assert "fake.png" in notes and "cannot be used" in notes
    texts = [b for s in result.brief.sections for b in getattr(s.content, "blocks", [])]
    assert any("icon" in "".join(r.text for r in getattr(b, "runs", [])) for b in texts)


@pytest.mark.parametrize("reference", ["/etc/passwd", "file:///etc/passwd", "..%2F..%2Fx.png"])
def test_markdown_never_reads_outside_its_folder(tmp_path: Path, reference: str) -> None:
    md = tmp_path / "x.md"
    md.write_text(f"Text.\n\n![x]({reference})\n", encoding="utf-8")
    result = import_file(md)
    assert not _figures(result.brief)
    # markdown-it does not take a file: address for a picture at all.
    if not reference.startswith("file:"):
        assert any("was left out" in note for note in result.notes)
