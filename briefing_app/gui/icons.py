"""The app's own toolbar and menu icons (assets/icons/toolbar, drawn for it).

Icons are SVG with their strokes in one ink colour, which is swapped for
the theme's text colour so they stay visible on a dark theme too. Qt makes
the greyed "disabled" look itself.
"""

from __future__ import annotations

import functools

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from briefing_app.files.locations import assets_dir

#: The ink colour the SVG files are drawn in.
_INK = "#202124"
_SIZES = (16, 24, 32, 48)


def icon(name: str) -> QIcon:
    """The icon ``name`` (a file in assets/icons/toolbar), or an empty icon."""
    ink = _INK
    app = QGuiApplication.instance()
    if app is not None:
        ink = QGuiApplication.palette().color(QPalette.ColorRole.WindowText).name()
    return QIcon(_icon(name, ink))


@functools.cache
def _icon(name: str, ink: str) -> QIcon:
    path = assets_dir() / "icons" / "toolbar" / f"{name}.svg"
    try:
        svg = path.read_text(encoding="utf-8").replace(_INK, ink).encode("utf-8")
    except OSError:
        return QIcon()  # a missing icon leaves the action's words, never a crash
    renderer = QSvgRenderer(QByteArray(svg))
    if not renderer.isValid():
        return QIcon()
    made = QIcon()
    for size in _SIZES:
        # Drawn at each size, so that no size is a blurred copy of another.
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        made.addPixmap(pixmap)
    return made
