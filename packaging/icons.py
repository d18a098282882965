"""The app's icons in every size a desktop asks for, from the one SVG.

Rendered at build time (Qt draws the SVG, Pillow writes .ico and .icns), so
the repository keeps a single source: assets/icons/briefing-builder.svg.
"""

from __future__ import annotations

import io
from pathlib import Path

# The freedesktop icon theme's usual fixed sizes (hicolor/NxN/apps).
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # Pillow picks the retina pairs


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn into a transparent size x size square, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def _write(target: Path, data: bytes) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def hicolor_icons(svg: Path, share: Path, names: dict[str, str]) -> list[Path]:
    """Icons under share/icons/hicolor: every PNG size and the SVG itself.

    ``names`` maps a theme context ("apps", "mimetypes") to the icon name
    used there (the app id; the MIME type with "/" as "-").
    """
    written = []
    for size in PNG_SIZES:
        png = render_png(svg, size)
        for context, name in names.items():
            folder = share / "icons" / "hicolor" / f"{size}x{size}" / context
            written.append(_write(folder / f"{name}.png", png))
    for context, name in names.items():
        folder = share / "icons" / "hicolor" / "scalable" / context
        written.append(_write(folder / f"{name}.svg", svg.read_bytes()))
    return written


def _largest(svg: Path, size: int):
    from PIL import Image

    return Image.open(io.BytesIO(render_png(svg, size))).convert("RGBA")


def write_ico(svg: Path, target: Path) -> Path:
    """A Windows .ico holding each size (Pillow scales the 256 px drawing)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _largest(svg, 256).save(target, format="ICO", sizes=[(s, s) for s in ICO_SIZES])
    return target


def write_icns(svg: Path, target: Path) -> Path:
    """A macOS .icns (Pillow writes it on any system)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _largest(svg, max(ICNS_SIZES)).save(target, format="ICNS")
    return target
