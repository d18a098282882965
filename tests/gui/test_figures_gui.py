"""Figures in the text editor: insert from a file, a drop or a paste; edit
the caption, alt text, source and width in place; copy and paste them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QApplication

from briefing_app.gui import dialogs
from briefing_app.gui import text_editor as text_editor_module
from briefing_app.gui.text_editor import TextEditor
from briefing_app.model import Paragraph, TextContent
from briefing_app.model.pictures import Figure, FigureWidth
from briefing_app.model.storage import dumps, loads
from tests.figures_fixtures import figure_brief, picture_bytes


@pytest.fixture
def problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(text_editor_module, "show_problem", lambda _p, _t, m: seen.append(m))
    return seen


@pytest.fixture
def setup(qtbot):
    brief, pictures = figure_brief()
    editor = TextEditor()
    editor.set_brief(lambda: brief)
    qtbot.addWidget(editor)
    editor.resize(800, 700)
    editor.show()
    qtbot.waitExposed(editor)
    emitted: list[TextContent] = []
    editor.content_edited.connect(emitted.append)
    return editor, brief, pictures, emitted


def _figures(content: TextContent) -> list[Figure]:
    return [b for b in content.blocks if isinstance(b, Figure)]


def _select_first_figure(editor: TextEditor) -> None:
    doc = editor.text_area.document()
    found = doc.find("\ufffc")
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    editor.text_area.setTextCursor(cursor)


def test_a_section_with_figures_loads_and_reads_back_the_same(setup) -> None:
    editor, brief, _, emitted = setup
    content = brief.sections[0].content
    editor.load(content)
    assert editor.current() == content
    assert not emitted


def test_insert_a_picture_from_a_file_and_type_its_caption(setup, tmp_path, monkeypatch) -> None:
    editor, brief, _, emitted = setup
    editor.load(TextContent([Paragraph.of("Before.")]))
    path = tmp_path / "map.png"
    path.write_bytes(picture_bytes("PNG", (90, 45)))
    monkeypatch.setattr(dialogs, "picture_path", lambda _p, _f: path)
    editor.picture_action.trigger()
    [figure] = _figures(emitted[-1])
    assert figure.picture in brief.pictures
    assert editor.figure_panel.isVisible()
    editor.figure_panel.caption.setFocus()
    for ch in "Map":
        editor.figure_panel.caption.insert(ch)
        editor.figure_panel.caption.textEdited.emit(editor.figure_panel.caption.text())
    editor.figure_panel.alt_text.setText("A map of the region")
    editor.figure_panel.alt_text.textEdited.emit("A map of the region")
    editor.figure_panel.width.setCurrentIndex(1)
    [figure] = _figures(emitted[-1])
    assert (figure.caption, figure.alt_text, figure.width) == (
        "Map",
        "A map of the region",
        FigureWidth.HALF,
    )
    assert editor.current().blocks[0] == Paragraph.of("Before.")
    # What the editor emits saves and opens again.
    brief.sections[0].content = emitted[-1]
    assert _figures(loads(dumps(brief)).sections[0].content)[0].caption == "Map"


def test_paste_a_chart_copied_from_a_spreadsheet(setup) -> None:
    editor, brief, _, emitted = setup
    editor.load(TextContent([Paragraph.of("Text.")]))
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    mime = QMimeData()
    mime.setImageData(image)
    QApplication.clipboard().setMimeData(mime)
    editor.text_area.paste()
    [figure] = _figures(emitted[-1])
    assert brief.pictures[figure.picture].width == 120


def test_copied_cells_with_their_words_paste_as_text(setup) -> None:
    editor, _, _, emitted = setup
    editor.load(TextContent([Paragraph.of("Text.")]))
    mime = QMimeData()
    mime.setText("released\t52")
    mime.setImageData(QImage(10, 10, QImage.Format.Format_RGB32))
    QApplication.clipboard().setMimeData(mime)
    editor.text_area.paste()
    assert not _figures(emitted[-1])


def test_drop_picture_files(setup, tmp_path) -> None:
    editor, _, _, emitted = setup
    editor.load(TextContent([Paragraph.of("Text.")]))
    paths = []
    for name, fmt in (("a.png", "PNG"), ("b.jpg", "JPEG")):
        path = tmp_path / name
        path.write_bytes(picture_bytes(fmt))
        paths.append(path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    assert editor.text_area.canInsertFromMimeData(mime)
    editor.text_area.insertFromMimeData(mime)
    assert len(_figures(emitted[-1])) == 2


def test_a_bad_picture_is_refused_in_words_and_nothing_changes(setup, tmp_path, problems) -> None:
    editor, _, _, emitted = setup
    editor.load(TextContent([Paragraph.of("Text.")]))
    path = tmp_path / "chart.png"
    path.write_bytes(b"not a picture at all")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    editor.text_area.insertFromMimeData(mime)
    assert problems and "chart.png" in problems[0]
    assert not emitted


def test_a_chart_proposes_its_alt_text(setup) -> None:
    editor, brief, _, emitted = setup
    editor.load(brief.sections[0].content)
    positions = editor.figure_editing.positions()
    cursor = QTextCursor(editor.text_area.document())
    cursor.setPosition(positions[-1])
    editor.text_area.setTextCursor(cursor)
    panel = editor.figure_panel
    assert panel.heading.text() == "Chart"
    assert panel.alt_text.placeholderText().startswith("Bar chart: detained since 2020 37,000")
    panel.use_proposed.click()
    assert _figures(emitted[-1])[-1].alt_text.startswith("Bar chart:")


def test_cut_and_paste_moves_a_figure_with_its_picture(setup) -> None:
    editor, _brief, pictures, emitted = setup
    editor.load(TextContent([Figure(picture=pictures["png"].digest, alt_text="x"),
                             Paragraph.of("After.")]))  # fmt: skip
    _select_first_figure(editor)
    editor.text_area.cut()
    assert not _figures(editor.current())
    cursor = editor.text_area.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.text_area.setTextCursor(cursor)
    editor.text_area.paste()
    figures = _figures(emitted[-1])
    assert [f.picture for f in figures] == [pictures["png"].digest]


def test_the_figure_image_is_shown(setup) -> None:
    editor, brief, pictures, _ = setup
    editor.load(brief.sections[0].content)
    image = editor.text_area.loadResource(0, QUrl(f"figure:picture/{pictures['png'].digest}"))
    assert isinstance(image, QImage) and image.width() == 300
    chart = editor.figures.image("figure:chart/s-scale/bar/0/1")
    assert chart.width() > 500


def test_a_picture_beyond_what_a_brief_carries_is_refused(setup, tmp_path, problems, monkeypatch):
    from briefing_app.model import brief as brief_module

    editor, brief, _, emitted = setup
    editor.load(TextContent([Paragraph.of("Text.")]))
    used = sum(len(p.data) for p in brief.used_pictures().values())
    monkeypatch.setattr(brief_module, "MAX_PICTURES_TOTAL", used + 10)
    brief.sections[0].content = TextContent(
        [Figure(picture=d, alt_text="x") for d in brief.pictures]
    )
    path = tmp_path / "big.png"
    path.write_bytes(picture_bytes("PNG", (200, 200)))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    editor.text_area.insertFromMimeData(mime)
    assert problems and "more than" in problems[0]
    assert not emitted


def test_find_reaches_text_after_a_figure_and_a_figure_caption(setup) -> None:
    editor, _brief, pictures, _ = setup
    editor.load(TextContent([
        Paragraph.of("Before the map."),
        Figure(picture=pictures["png"].digest, caption="Map of Minsk", alt_text="A map"),
        Paragraph.of("After the map."),
    ]))  # fmt: skip
    # Pieces with text, in the walker's order: the first paragraph, the
    # figure's caption and alt text, the last paragraph.
    assert editor.select_piece_text(3, 0, 5)
    assert editor.text_area.textCursor().selectedText() == "After"
    assert editor.select_piece_text(1, 7, 12)
    assert editor.figure_panel.isVisible()
    assert editor.figure_panel.caption.selectedText() == "Minsk"
