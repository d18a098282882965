"""What the text editor needs for figures: their images (from the brief's
pictures, or a chart drawn from its table as every export draws it), and
pictures offered by a drop or a paste."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from briefing_app.compose.figures import CHART_ASPECT, figure_node
from briefing_app.document.style import HouseStyle
from briefing_app.errors import BriefError
from briefing_app.gui.figure_blocks import SCHEME, image_from_bytes
from briefing_app.model.brief import Brief
from briefing_app.model.pictures import ChartKind, ChartSpec, Figure, MediaType

#: Endings of files a drop can bring in as pictures.
PICTURE_ENDINGS = {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp", ".bmp", ".tif", ".tiff"}
#: Clipboard formats that are picture bytes as they are (best first).
_RAW_FORMATS = ("image/svg+xml", "image/png", "image/jpeg", "image/gif", "image/bmp")
_CACHE_SIZE = 32


@dataclass(frozen=True, slots=True)
class PictureOffer:
    """A picture a drop or paste brings: a file, or bytes from the clipboard."""

    name: str
    path: Path | None = None
    data: bytes = b""


def _has_words(source: QMimeData) -> bool:
    return source.hasText() and bool(source.text().strip())


def pictures_in_mime(source: QMimeData) -> list[PictureOffer]:
    """The pictures a drop or paste of ``source`` brings, or [] for text.

    Files first (dragged from the file manager); then picture data when no
    words come with it (a chart copied from a spreadsheet is a picture;
    copied cells come with their words and paste as text)."""
    offers = [
        PictureOffer(Path(url.toLocalFile()).name, path=Path(url.toLocalFile()))
        for url in (source.urls() if source.hasUrls() else [])
        if url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in PICTURE_ENDINGS
    ]
    if offers or _has_words(source):
        return offers
    for fmt in _RAW_FORMATS:
        if source.hasFormat(fmt):
            data = bytes(source.data(fmt).data())
            if data:
                return [PictureOffer("pasted picture", data=data)]
    if source.hasImage():
        image = QImage(source.imageData())
        if not image.isNull():
            return [PictureOffer("pasted picture", data=png_bytes(image))]
    return []


def can_offer_pictures(source: QMimeData) -> bool:
    if source.hasUrls() and any(
        url.isLocalFile() and Path(url.toLocalFile()).suffix.lower() in PICTURE_ENDINGS
        for url in source.urls()
    ):
        return True
    if _has_words(source):
        return False
    return source.hasImage() or any(source.hasFormat(f) for f in _RAW_FORMATS)


def placeholder(words: str, width: int = 420, height: int = 120) -> QImage:
    """An image saying in words why the real one cannot be shown."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#f1f3f4"))
    painter = QPainter(image)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(0, 0, width - 1, height - 1)
    painter.drawText(
        QRectF(10, 10, width - 20, height - 20),
        int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap),
        words,
    )
    painter.end()
    return image


class FigureImages:
    """The images of the figures shown in the editor, kept by what they show."""

    def __init__(self) -> None:
        self.brief_getter: Callable[[], Brief | None] = lambda: None
        self._own = Brief()  # pictures inserted while no brief is attached (tests)
        self._cache: dict[object, QImage] = {}
        self.style = HouseStyle()

    @property
    def brief(self) -> Brief:
        return self.brief_getter() or self._own

    def aspect(self, figure: Figure) -> float:
        """Height over width, as exports print it."""
        if figure.chart is not None:
            return CHART_ASPECT[figure.width.share]
        picture = self.brief.pictures.get(figure.picture)
        return picture.aspect if picture is not None else 0.6

    def image(self, name: str) -> QImage:
        """The image for an image name of figure_blocks.image_name."""
        kind, _, rest = name.removeprefix(f"{SCHEME}:").partition("/")
        if kind == "picture":
            return self._picture(rest)
        if kind == "chart":
            parts = rest.split("/")
            try:
                table, chart_kind, labels, values = parts
                spec = ChartSpec(
                    table,
                    ChartKind(chart_kind),
                    int(labels),
                    tuple(int(v) for v in values.split(",") if v),
                )
            except ValueError:
                return placeholder("This chart cannot be shown.")
            return self._chart(spec)
        return placeholder("This figure cannot be shown.")

    def _remember(self, key: object, image: QImage) -> QImage:
        if len(self._cache) >= _CACHE_SIZE:
            self._cache.pop(next(iter(self._cache)))
        self._cache[key] = image
        return image

    def _picture(self, digest: str) -> QImage:
        picture = self.brief.pictures.get(digest)
        if picture is None:
            return placeholder("The picture is missing from the brief.")
        if digest in self._cache:
            return self._cache[digest]
        if picture.media_type is MediaType.SVG:
            return self._remember(digest, self._drawn(Figure(picture=digest)))
        image = image_from_bytes(picture.data)
        if image.isNull():  # Qt without its JPEG plug-in: through Pillow, as PNG
            image = image_from_bytes(_as_png(picture.data))
        if image.isNull():
            image = placeholder("The picture cannot be shown here; it is exported as it is.")
        return self._remember(digest, image)

    def _chart(self, spec: ChartSpec) -> QImage:
        return self._drawn(Figure(chart=spec))

    def _drawn(self, figure: Figure) -> QImage:
        """A chart or an SVG drawing, drawn as the Word export draws it."""
        from briefing_app.writers.docx_figures import picture_bytes
        from briefing_app.writers.pdf_fonts import register_family

        try:
            node = figure_node(self.brief, figure, 1, self.style, ())
            key = (node.chart, node.image.key if node.image else "", node.width_mm)
            if key in self._cache:
                return self._cache[key]
            font = register_family(self.style.pdf_font, self.style.font_dir).regular
            image = image_from_bytes(picture_bytes(node, self.style, font))
        except BriefError as exc:
            return placeholder(str(exc))
        return self._remember(key, image)


def _as_png(data: bytes) -> bytes:
    import io

    from PIL import Image

    try:
        out = io.BytesIO()
        Image.open(io.BytesIO(data)).save(out, format="PNG")
        return out.getvalue()
    except Exception:  # a picture already checked at the door; nothing to show
        return b""


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())
