"""The text editor's figures: inserting pictures (from a file, a drop or a
paste) and charts, showing a selected figure's fields below the text, and
writing their edits back into the document as one edit each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLineEdit

from briefing_app.errors import BriefError, PictureError
from briefing_app.gui.figure_blocks import block_figures, figure_at, replace_figure
from briefing_app.gui.figure_editing import FigureImages, PictureOffer
from briefing_app.gui.richtext import callout_of, insert_content
from briefing_app.model.brief import TableContent, TextContent
from briefing_app.model.chart_data import chart_data
from briefing_app.model.pictures import MAX_PICTURES_TOTAL, ChartSpec, Figure
from briefing_app.model.walk import Field
from briefing_app.pictures.intake import accept_picture, read_picture

if TYPE_CHECKING:
    from briefing_app.gui.text_editor import TextEditor

#: The walker's fields of a figure: in the figure's fields, not the text.
FIGURE_FIELDS = {Field.FIGURE_CAPTION: "caption", Field.ALT_TEXT: "alt_text",
                 Field.FIGURE_SOURCE: "source"}  # fmt: skip


class TextFigures:
    """The figures of one text editor."""

    def __init__(self, editor: TextEditor, images: FigureImages) -> None:
        self.editor = editor
        self.images = images
        self.position = -1  # of the figure whose fields are shown

    def problem(self, title: str, message: str) -> None:
        # Through the editor's module, where tests answer its dialogs.
        from briefing_app.gui import text_editor

        text_editor.show_problem(self.editor, title, message)

    def positions(self) -> list[int]:
        """The document position of each figure, in order."""
        found = []
        block = self.editor.text_area.document().begin()
        while block.isValid():
            found.extend(position for position, _ in block_figures(block))
            block = block.next()
        return found

    def show_field(self, block_number: int, field: Field) -> QLineEdit | None:
        """Select the figure that is block ``block_number`` (1-based) of the
        content and return its field for ``field``."""
        blocks = self.editor.current().blocks
        if not 0 < block_number <= len(blocks) or not isinstance(blocks[block_number - 1], Figure):
            return None
        index = sum(1 for b in blocks[: block_number - 1] if isinstance(b, Figure))
        positions = self.positions()
        if index >= len(positions):
            return None
        cursor = QTextCursor(self.editor.text_area.document())
        cursor.setPosition(positions[index])
        cursor.setPosition(positions[index] + 1, QTextCursor.MoveMode.KeepAnchor)
        self.editor.text_area.setTextCursor(cursor)
        self.editor.text_area.ensureCursorVisible()
        panel = self.editor.figure_panel
        return {"caption": panel.caption, "alt_text": panel.alt_text, "source": panel.source}[
            FIGURE_FIELDS[field]
        ]

    def _tables(self) -> list[tuple[str, str]]:
        return [(s.id, s.title) for s in self.images.brief.table_sections()]

    def sync(self) -> None:
        """Show the figure's fields while the cursor is on a figure."""
        found = figure_at(self.editor.text_area.textCursor())
        if found is None:
            self.position = -1
            self.editor.figure_panel.hide()
            return
        self.position, figure = found
        proposed = ""
        if figure.chart is not None:
            try:
                proposed = chart_data(self.images.brief, figure.chart).proposed_alt_text()
            except BriefError:
                proposed = ""
        self.editor.figure_panel.show_figure(figure, self._tables(), proposed)
        self.editor.figure_panel.show()

    def edited(self, figure: Figure) -> None:
        position = self.position
        if position < 0 or position not in self.positions():
            # The text changed under the fields (an undo, say): show what is there.
            self.sync()
            return
        with self.editor._edit() as cursor:
            replace_figure(cursor, position, figure, self.images.aspect(figure))

    def insert(self, figures: list[Figure]) -> None:
        """Insert figures after the cursor's paragraph (below a box), the
        first then selected, its caption ready to type."""
        if not figures:
            return
        with self.editor._edit() as cursor:
            frame = callout_of(cursor.block())
            if frame is not None:
                cursor.setPosition(frame.lastPosition() + 1)
            else:
                cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            start = cursor.position()
            insert_content(cursor, TextContent(list(figures)), self.images.aspect)
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat())
            select = QTextCursor(cursor)
            select.setPosition(start)
            select.setPosition(start + 1, QTextCursor.MoveMode.KeepAnchor)
            self.editor.text_area.setTextCursor(select)
        self.sync()
        self.editor.figure_panel.caption.setFocus()

    def accepted(self, offer: PictureOffer) -> Figure | None:
        try:
            picture = (
                read_picture(offer.path)
                if offer.path is not None
                else accept_picture(offer.data, offer.name)
            )
        except PictureError as exc:
            self.problem("Insert picture", str(exc))
            return None
        brief = self.images.brief
        if not brief.room_for(picture):
            self.problem(
                "Insert picture",
                f"The picture '{offer.name}' was not inserted: the brief's pictures would come "
                f"to more than {MAX_PICTURES_TOTAL // (1024 * 1024)} MB, more than a brief can "
                "carry. Insert smaller copies of the pictures (or fewer of them).",
            )
            return None
        return Figure(picture=brief.add_picture(picture))

    def insert_offered(self, offers: list[PictureOffer]) -> None:
        """Pictures dropped or pasted: each checked, then inserted as a figure."""
        figures = [f for f in (self.accepted(o) for o in offers) if f is not None]
        self.insert(figures)

    def insert_picture(self) -> None:
        from briefing_app.gui import dialogs

        path = dialogs.picture_path(self.editor, "")
        if path is not None:
            self.insert_offered([PictureOffer(path.name, path=path)])

    def insert_chart(self) -> None:
        from briefing_app.gui import dialogs

        tables = [
            s for s in self.images.brief.table_sections() if isinstance(s.content, TableContent)
        ]
        if not tables:
            self.problem(
                "Insert chart",
                "A chart draws the numbers of a table in the brief, and this brief has no "
                "table yet. Add a Custom table section with the numbers first.",
            )
            return
        index = dialogs.choose_table(self.editor, [s.title for s in tables])
        if index is None:
            return
        self.insert([Figure(chart=ChartSpec(tables[index].id), caption=tables[index].title)])

    # -- action state --------------------------------------------------------------------
