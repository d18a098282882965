"""Figures in the document tree: numbered captions, sizes that fit the page,
alternative text, and the numbers of charts read from their tables."""

from __future__ import annotations

from briefing_app.document.nodes import (
    ChartKindNode,
    ChartSeriesNode,
    FigureChart,
    FigureImage,
    FigureNode,
    Inlines,
    Text,
)
from briefing_app.document.style import HouseStyle
from briefing_app.errors import ChartError, ExportError
from briefing_app.model.brief import Brief
from briefing_app.model.chart_data import chart_data
from briefing_app.model.pictures import Figure

#: The most of the text area's height a figure's picture may take: the rest
#: is left for its caption and source line, so the three stay on one page.
MAX_HEIGHT_SHARE = 0.72
#: Height over width of a chart.
CHART_ASPECT = {1.0: 0.5, 0.5: 0.75}


def figure_size(style: HouseStyle, share: float, aspect: float) -> tuple[float, float]:
    """Width and height in mm: ``share`` of the text width, scaled down when
    the page is not tall enough."""
    width = style.frame_width_mm * share
    height = width * aspect
    tallest = style.frame_height_mm * MAX_HEIGHT_SHARE
    if height > tallest:
        width, height = tallest / aspect, tallest
    return round(width, 3), round(height, 3)


def figure_caption(number: int, caption: str) -> str:
    caption = caption.strip()
    return f"Figure {number}: {caption}" if caption else f"Figure {number}"


def source_line(source: Inlines) -> Inlines:
    if source and not source[0].text.lower().lstrip().startswith("source"):
        return (Text("Source: ", italic=True), *source)
    return source


def figure_node(
    brief: Brief, figure: Figure, number: int, style: HouseStyle, source: Inlines
) -> FigureNode:
    caption = figure_caption(number, figure.caption)
    share = figure.width.share
    if figure.chart is not None:
        try:
            data = chart_data(brief, figure.chart)
        except ChartError as exc:
            raise ExportError(f"{caption} cannot be drawn: {exc}") from None
        chart = FigureChart(
            kind=ChartKindNode(data.kind.value),
            categories=data.categories,
            series=tuple(ChartSeriesNode(s.name, s.values) for s in data.series),
        )
        width, height = figure_size(style, share, CHART_ASPECT[share])
        alt = "" if figure.decorative else (figure.alt_text or data.proposed_alt_text())
        return FigureNode(caption, alt, width, height, chart=chart, source=source_line(source))
    picture = brief.pictures.get(figure.picture)
    if picture is None:
        raise ExportError(f"{caption}: its picture is missing from the brief")
    image = FigureImage(
        picture.data, picture.media_type.value, picture.width, picture.height, picture.digest
    )
    width, height = figure_size(style, share, picture.aspect)
    alt = "" if figure.decorative else figure.alt_text
    return FigureNode(caption, alt, width, height, image=image, source=source_line(source))
