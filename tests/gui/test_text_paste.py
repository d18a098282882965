"""Pasting into and copying from the text editor: only what the model holds gets in."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from briefing_app.gui.text_area import CLIPBOARD_MIME
from briefing_app.gui.text_editor import TextEditor
from briefing_app.model import Callout, ListBlock, ListStyle, Paragraph, Run, TextContent
from tests.gui.test_text_editor import CTRL, K, editor, key

__all__ = ["editor"]  # the fixture, shared with the typing tests


def paste(editor: TextEditor, mime: QMimeData) -> None:
    QApplication.clipboard().setMimeData(mime)
    key(editor.text_area, K.Key_V, CTRL)


def test_pasted_html_keeps_only_bold(editor) -> None:
    mime = QMimeData()
    mime.setHtml(
        '<span style="font-size:40pt;color:red">x</span><img src="https://example.org/pixel.png"><b>b</b>'
    )
    paste(editor, mime)
    assert editor.current().blocks == [Paragraph([Run("x"), Run("b", bold=True)])]
    # Nothing else reached the document: no sizes, colours or image objects.
    it = editor.text_area.document().begin().begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        assert not fmt.hasProperty(fmt.Property.FontPointSize)
        assert not fmt.hasProperty(fmt.Property.ForegroundBrush)
        assert not fmt.isImageFormat()
        it += 1


def test_pasted_html_lists_and_tables(editor) -> None:
    mime = QMimeData()
    mime.setHtml(
        "<p>Intro <i>here</i> <a href='https://x.org'>link</a></p>"
        "<ul><li>a</li><li><b>b</b></li></ul>"
        "<table border=1><tr><td>cell</td></tr></table>"
    )
    paste(editor, mime)
    assert editor.current().blocks == [
        Paragraph(
            [Run("Intro "), Run("here", italic=True), Run(" "), Run("link", link="https://x.org")]
        ),
        ListBlock(ListStyle.BULLET, [[Run("a")], [Run("b", bold=True)]]),
        Paragraph.of("cell"),
    ]
    assert editor.text_area.document().rootFrame().childFrames() == []


def test_pasted_plain_text_becomes_paragraphs(editor) -> None:
    mime = QMimeData()
    mime.setText("one\r\ntwo\tthree")
    paste(editor, mime)
    assert editor.current().blocks == [Paragraph.of("one"), Paragraph.of("two three")]


def test_copy_paste_inside_the_app_keeps_needs_source(editor) -> None:
    editor.load(TextContent([Paragraph([Run("a"), Run("check", needs_source=True)])]))
    editor.text_area.selectAll()
    key(editor.text_area, K.Key_C, CTRL)
    assert QApplication.clipboard().mimeData().hasFormat(CLIPBOARD_MIME)
    editor.text_area.moveCursor(QTextCursor.MoveOperation.End)
    key(editor.text_area, K.Key_V, CTRL)
    assert editor.current().blocks == [
        Paragraph(
            [Run("a"), Run("check", needs_source=True), Run("a"), Run("check", needs_source=True)]
        )
    ]


def test_a_damaged_picture_alone_is_refused_in_words(editor, monkeypatch) -> None:
    # Pictures alone paste as figures (tests/gui/test_figures_gui.py); these
    # bytes only start like a PNG, so the paste is refused and changes nothing.
    from briefing_app.gui import text_editor as text_editor_module

    said: list[str] = []
    monkeypatch.setattr(text_editor_module, "show_problem", lambda _p, _t, m: said.append(m))
    before = editor.current()
    mime = QMimeData()
    mime.setData("image/png", b"\x89PNG")
    assert editor.text_area.canInsertFromMimeData(mime)
    editor.text_area.insertFromMimeData(mime)
    assert said and "cannot be used" in said[0]
    assert editor.current() == before


def test_cut_and_paste_moves_a_callout_box(editor) -> None:
    box = Callout("Key fact", [Paragraph([Run("checked", needs_source=True)])])
    editor.load(TextContent([Paragraph.of("Intro"), box, Paragraph.of("End")]))
    frame = editor.text_area.document().rootFrame().childFrames()[0]
    cursor = editor.text_area.textCursor()
    cursor.setPosition(frame.firstPosition() - 1)
    cursor.setPosition(frame.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
    editor.text_area.setTextCursor(cursor)
    key(editor.text_area, K.Key_X, CTRL)  # from the end of "Intro" to the start of "End"
    assert editor.current().blocks == [Paragraph.of("IntroEnd")]
    editor.text_area.moveCursor(QTextCursor.MoveOperation.End)
    key(editor.text_area, K.Key_Return)
    key(editor.text_area, K.Key_V, CTRL)
    assert editor.current().blocks == [Paragraph.of("IntroEnd"), box]
