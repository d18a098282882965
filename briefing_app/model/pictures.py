"""Pictures a brief carries inside its own file, and figures that show them.

A picture is stored once per brief, keyed by the SHA-256 of its bytes, and
figures refer to it by that key, so a picture used twice is stored (and
exported) once. Pictures enter a brief only through
:func:`briefing_app.pictures.intake.accept_picture`, which refuses anything
unsafe or too large and gives back the bytes as they are kept: PNG, JPEG or
a cleaned SVG.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # text.py imports this module (a figure is a block of text)
    from briefing_app.model.text import Run


class MediaType(StrEnum):
    PNG = "image/png"
    JPEG = "image/jpeg"
    SVG = "image/svg+xml"

    @property
    def label(self) -> str:
        return {MediaType.PNG: "PNG", MediaType.JPEG: "JPEG", MediaType.SVG: "SVG"}[self]

    @property
    def ending(self) -> str:
        return {MediaType.PNG: ".png", MediaType.JPEG: ".jpg", MediaType.SVG: ".svg"}[self]


#: The bytes of all the pictures of one brief: in base 64 they stay well
#: under the largest brief that opens (storage.MAX_FILE_BYTES, 100 MB).
MAX_PICTURES_TOTAL = 60 * 1024 * 1024


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Picture:
    """A picture's bytes with what the writers need to place it.

    ``width`` and ``height`` are pixels (for an SVG: its own units)."""

    data: bytes = field(repr=False)
    media_type: MediaType
    width: int
    height: int
    digest: str = ""
    # The data in base 64, as the file stores it: made once, on first save.
    _encoded: bytes = field(default=b"", repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.digest:
            object.__setattr__(self, "digest", digest_of(self.data))

    def base64(self) -> bytes:
        if not self._encoded and self.data:
            object.__setattr__(self, "_encoded", base64.b64encode(self.data))
        return self._encoded

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.height / self.width if self.width else 1.0


class FigureWidth(StrEnum):
    FULL = "full"
    HALF = "half"

    @property
    def label(self) -> str:
        return {FigureWidth.FULL: "Full width", FigureWidth.HALF: "Half width"}[self]

    @property
    def share(self) -> float:
        return {FigureWidth.FULL: 1.0, FigureWidth.HALF: 0.5}[self]


class ChartKind(StrEnum):
    BAR = "bar"
    LINE = "line"

    @property
    def label(self) -> str:
        return {ChartKind.BAR: "Bar chart", ChartKind.LINE: "Line chart"}[self]


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """A chart of a table section's numbers: the table stays their one source.

    ``labels`` is the column (0-based) whose cells name the bars or points;
    ``values`` the columns drawn, each a series (empty: every column but
    the labels)."""

    table: str  # the id of a table section of the same brief
    kind: ChartKind = ChartKind.BAR
    labels: int = 0
    values: tuple[int, ...] = ()


@dataclass(slots=True)
class Figure:
    """A picture or a chart, with its caption, source line and alt text.

    Exactly one of ``picture`` (the digest of a picture of the brief) and
    ``chart`` is set. Alternative text is required unless the author marks
    the figure ``decorative``; a chart with none uses the text proposed
    from its data (and so follows the data)."""

    picture: str = ""
    chart: ChartSpec | None = None
    caption: str = ""
    source: list[Run] = field(default_factory=list)
    alt_text: str = ""
    decorative: bool = False
    width: FigureWidth = FigureWidth.FULL

    def __post_init__(self) -> None:
        from briefing_app.model.text import clean_text

        self.caption = clean_text(self.caption, multiline=False)
        self.alt_text = clean_text(self.alt_text, multiline=False).strip()
        if bool(self.picture) == (self.chart is not None):
            raise ValueError("a figure shows either a picture or a chart")

    @property
    def needs_alt_text(self) -> bool:
        """True when a reader who cannot see it would be told nothing."""
        return not self.decorative and not self.alt_text and self.chart is None
