"""Figures inside the text editor's document.

A figure is one block holding one image character (QTextImageFormat) whose
:data:`FIGURE_PROPERTY` carries the figure as the file stores it (JSON, its
picture by digest). The image is only the look: the text area asks
:class:`FigureImages` for it by name, and reading the document back never
looks at it. Figures stand between paragraphs, never inside a callout box:
one put inside a box is read back after it.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QImage, QTextBlock, QTextCursor, QTextFormat, QTextImageFormat

from briefing_app.errors import BriefError
from briefing_app.model.fileformat import figure_from_json, figure_to_json
from briefing_app.model.pictures import Figure

#: Char-format property holding the figure (a JSON string).
FIGURE_PROPERTY = int(QTextFormat.Property.UserProperty) + 6
#: Image names the text area answers itself (figure_images).
SCHEME = "figure"
#: The widest a figure is shown in the editor (pixels), at full width.
SHOWN_WIDTH = 420.0


def figure_json(figure: Figure) -> str:
    return json.dumps(figure_to_json(figure), sort_keys=True, ensure_ascii=False)


def image_name(figure: Figure) -> str:
    """What the editor asks its image for: the picture's digest, or the
    chart's settings (its numbers are read when the image is drawn)."""
    if figure.chart is not None:
        spec = figure.chart
        values = ",".join(map(str, spec.values))
        return f"{SCHEME}:chart/{spec.table}/{spec.kind.value}/{spec.labels}/{values}"
    return f"{SCHEME}:picture/{figure.picture}"


def figure_format(figure: Figure, aspect: float) -> QTextImageFormat:
    fmt = QTextImageFormat()
    fmt.setName(image_name(figure))
    width = SHOWN_WIDTH * figure.width.share
    fmt.setWidth(width)
    fmt.setHeight(max(8.0, width * aspect))
    fmt.setProperty(FIGURE_PROPERTY, figure_json(figure))
    fmt.setToolTip(_tooltip(figure))
    return fmt


def _tooltip(figure: Figure) -> str:
    what = "Chart" if figure.chart is not None else "Picture"
    alt = figure.alt_text or ("decorative" if figure.decorative else "no alt text yet")
    caption = f": {figure.caption}" if figure.caption else ""
    return f"{what}{caption} ({alt}). Edit its caption, source and alt text below the text."


def figure_of(fmt: QTextFormat) -> Figure | None:
    """The figure an image character holds, or None (any other character)."""
    if not fmt.isImageFormat():
        return None
    value = fmt.property(FIGURE_PROPERTY)
    if not isinstance(value, str) or not value:
        return None
    try:
        return figure_from_json(json.loads(value))
    except (ValueError, BriefError):
        return None


def block_figures(block: QTextBlock) -> list[tuple[int, Figure]]:
    """(position, figure) of each figure in ``block``."""
    found = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            figure = figure_of(fragment.charFormat())
            if figure is not None:
                found.append((fragment.position(), figure))
        it += 1
    return found


def figure_at(cursor: QTextCursor) -> tuple[int, Figure] | None:
    """The figure the cursor is on (beside, or selecting it), if any."""
    figures = block_figures(cursor.block())
    if not figures:
        return None
    at = cursor.position()
    for position, figure in figures:
        if position in (at, at - 1) or cursor.selectionStart() <= position < cursor.selectionEnd():
            return position, figure
    return figures[0]


def write_figure(
    cursor: QTextCursor, figure: Figure, fresh: bool, aspect: Callable[[Figure], float]
) -> None:
    """A block with the figure (the cursor's own block when ``fresh``)."""
    if not fresh:
        cursor.insertBlock()
    cursor.insertImage(figure_format(figure, aspect(figure)))


def replace_figure(cursor: QTextCursor, position: int, figure: Figure, aspect: float) -> None:
    """The figure at ``position`` changed (caption, width...)."""
    cursor.setPosition(position)
    cursor.setPosition(position + 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.setCharFormat(figure_format(figure, aspect))


def image_from_bytes(data: bytes) -> QImage:
    image = QImage()
    image.loadFromData(QByteArray(data))
    return image


__all__ = [
    "FIGURE_PROPERTY",
    "block_figures",
    "figure_at",
    "figure_format",
    "figure_of",
    "image_from_bytes",
    "replace_figure",
    "write_figure",
]
