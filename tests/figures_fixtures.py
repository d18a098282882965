"""Pictures and briefs with figures, made in memory for the figure tests."""

from __future__ import annotations

import io

from PIL import Image

from briefing_app.model.brief import Brief, Section, SectionKind, TableContent, TextContent
from briefing_app.model.pictures import ChartKind, ChartSpec, Figure, FigureWidth, Picture
from briefing_app.model.text import Paragraph, Run
from briefing_app.pictures.intake import accept_picture

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100">'
    b'<rect x="10" y="10" width="100" height="50" fill="#1F3A5F"/>'
    b'<text x="20" y="90">Map of Belarus</text></svg>'
)


def picture_bytes(fmt: str = "PNG", size: tuple[int, int] = (120, 60), mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    colour = (200, 30, 30) if mode.startswith("RGB") else 128
    Image.new(mode, size, colour).save(buffer, format=fmt)
    return buffer.getvalue()


def scale_table() -> Section:
    return Section(
        SectionKind.CUSTOM_TABLE,
        "Scale",
        TableContent(
            caption="Scale",
            columns=["Group", "People"],
            rows=[
                [[Run("detained since 2020")], [Run("37,000")]],
                [[Run("still held")], [Run("more than 1,000")]],
                [[Run("released")], [Run("52")]],
            ],
        ),
        id="s-scale",
    )


def figure_brief() -> tuple[Brief, dict[str, Picture]]:
    """A brief with a JPEG shown twice, a PNG, an SVG drawing and a chart."""
    brief = Brief()
    pictures = {
        "jpeg": accept_picture(picture_bytes("JPEG", (400, 200)), "photo.jpg"),
        "png": accept_picture(picture_bytes("PNG", (300, 300)), "diagram.png"),
        "svg": accept_picture(SVG, "map.svg"),
    }
    for picture in pictures.values():
        brief.add_picture(picture)
    blocks = [
        Paragraph.of("Before the figures."),
        Figure(
            picture=pictures["jpeg"].digest,
            caption="Minsk court",
            alt_text="The court building in Minsk",
            source=[Run("Ministry photo archive")],
        ),
        Figure(
            picture=pictures["png"].digest,
            caption="Organisation",
            alt_text="Organisation chart",
            width=FigureWidth.HALF,
        ),
        Figure(picture=pictures["jpeg"].digest, caption="Minsk court again", alt_text="Again"),
        Figure(picture=pictures["svg"].digest, caption="Map", alt_text="Map of Belarus"),
        Figure(
            chart=ChartSpec("s-scale", ChartKind.BAR, 0, (1,)),
            caption="The scale of detention",
            source=[Run("Viasna")],
        ),
    ]
    brief.sections = [
        Section(SectionKind.CUSTOM_TEXT, "Pictures", TextContent(blocks)),
        scale_table(),
    ]
    return brief, pictures
