"""The PDF's paragraph styles, made from the house style and the font family.

Every style names its font (tables, bullets and the canvas would otherwise
fall back to Helvetica, which is not embedded) and takes its sizes, spacing
and colours from HouseStyle.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefing_app.document.style import HouseStyle
from briefing_app.writers.pdf_fonts import FontFamily


@dataclass(frozen=True, slots=True)
class Styles:
    body: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    caption: ParagraphStyle
    source: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    head_cell: ParagraphStyle
    head_cell_right: ParagraphStyle
    control_label: ParagraphStyle
    control_value: ParagraphStyle
    callout_title: ParagraphStyle
    list_item: ParagraphStyle


def hex_colour(value: str) -> colors.Color:
    return colors.HexColor("#" + value)


def make_styles(s: HouseStyle, fam: FontFamily) -> Styles:
    text = hex_colour(s.text_colour)
    body = ParagraphStyle(
        "Body",
        fontName=fam.regular,
        fontSize=s.body_pt,
        leading=s.line_pt,
        textColor=text,
        alignment=TA_LEFT,
        spaceAfter=s.para_after_pt,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=body, **kw)  # type: ignore[arg-type]

    small = {"fontSize": s.small_pt, "leading": s.small_line_pt}
    cell = derive("Cell", spaceAfter=0, **small)
    head_cell = derive("HeadCell", fontName=fam.bold, spaceAfter=0, **small)
    return Styles(
        body=body,
        title=derive(
            "Title",
            fontName=fam.bold,
            fontSize=s.title_pt,
            leading=s.title_line_pt,
            textColor=hex_colour(s.heading_colour),
            spaceAfter=s.title_after_pt,
        ),
        subtitle=derive(
            "Subtitle",
            fontSize=s.subtitle_pt,
            leading=s.subtitle_line_pt,
            textColor=hex_colour(s.muted_colour),
            spaceAfter=s.subtitle_after_pt,
        ),
        h1=derive(
            "Heading1",
            fontName=fam.bold,
            fontSize=s.h1_pt,
            leading=s.h1_line_pt,
            textColor=hex_colour(s.heading_colour),
            spaceBefore=s.h1_before_pt,
            spaceAfter=s.h1_after_pt,
        ),
        h2=derive(
            "Heading2",
            fontName=fam.bold,
            fontSize=s.h2_pt,
            leading=s.h2_line_pt,
            textColor=hex_colour(s.heading_colour),
            spaceBefore=s.h2_before_pt,
            spaceAfter=s.h2_after_pt,
        ),
        caption=derive(
            "Caption",
            fontName=fam.bold,
            spaceBefore=s.caption_before_pt,
            spaceAfter=s.caption_after_pt,
            keepWithNext=1,
        ),
        source=derive(
            "SourceNote",
            fontName=fam.italic,
            textColor=hex_colour(s.muted_colour),
            spaceBefore=s.source_note_before_pt,
            spaceAfter=s.source_note_after_pt,
            **small,
        ),
        cell=cell,
        cell_right=ParagraphStyle("CellRight", parent=cell, alignment=TA_RIGHT),
        head_cell=head_cell,
        head_cell_right=ParagraphStyle("HeadCellRight", parent=head_cell, alignment=TA_RIGHT),
        control_label=derive(
            "ControlLabel",
            fontName=fam.bold,
            textColor=hex_colour(s.muted_colour),
            spaceAfter=0,
            **small,
        ),
        control_value=derive("ControlValue", spaceAfter=0, **small),
        callout_title=derive(
            "CalloutTitle", fontName=fam.bold, spaceAfter=s.callout_title_after_pt
        ),
        list_item=derive("ListItem", spaceAfter=s.list_gap_pt),
    )
