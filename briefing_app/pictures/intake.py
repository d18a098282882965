"""The one door pictures enter a brief through.

Every picture - inserted from a file, dropped, pasted, imported from Word or
Markdown, or read from a .brief - passes :func:`accept_picture`. Caps on
bytes and pixels are checked from the file's header before anything is
decoded, so a small file claiming 50,000 x 50,000 pixels is refused without
using the memory it asks for. What is kept:

- JPEG as it came (no re-encoding loss), without its metadata segments
  (EXIF, XMP, ICC and comments can run to megabytes); a JPEG that needs
  turning (its EXIF orientation) or is CMYK is re-encoded once, at high
  quality, as an RGB JPEG.
- PNG as it came when it is 8-bit with a colour model every format reads;
  otherwise (16-bit, CMYK, odd modes) converted once to an 8-bit PNG.
- GIF, WebP, BMP and TIFF as a PNG of their first frame.
- SVG cleaned of everything active (see svg.py).
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from briefing_app.errors import PictureError
from briefing_app.files.reading import FileReadError, read_file, size_words
from briefing_app.model.pictures import MediaType, Picture, digest_of
from briefing_app.pictures.svg import clean_svg, looks_like_svg

#: Bytes of one picture file (a photo from a phone is 3-8 MB).
MAX_PICTURE_BYTES = 25 * 1024 * 1024
#: Pixels of one picture (a 40-megapixel camera; 8,000 x 5,000).
MAX_PIXELS = 40_000_000
#: Longest side, in pixels.
MAX_SIDE = 20_000

_MODES_KEPT = {"1", "L", "LA", "P", "RGB", "RGBA"}
_RASTER_FORMATS = {"PNG", "JPEG", "GIF", "WEBP", "BMP", "TIFF"}
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def _sniff(data: bytes) -> str:
    """The format the bytes are, from their first bytes (never the name)."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if looks_like_svg(data):
        return "SVG"
    return ""


def _refuse_ending(name: str, kind: str) -> None:
    """A file named .png that is no picture at all is named in the message."""
    if not kind:
        ending = Path(name).suffix.lower()
        said = f" (its name says {ending[1:].upper()})" if ending else ""
        raise PictureError(
            f"it is not a picture the app can read{said}: only PNG, JPEG, SVG, GIF, "
            "WebP, BMP and TIFF pictures can go into a brief",
            name=name,
        )


def _check_size(width: int, height: int, name: str) -> None:
    if width < 1 or height < 1:
        raise PictureError("it says it has no pixels; the file is damaged", name=name)
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise PictureError(
            f"it is {width:,} x {height:,} pixels, more than a brief can hold (at most "
            f"{MAX_PIXELS // 1_000_000} million pixels, {MAX_SIDE:,} on a side). Save a "
            "smaller copy of it and insert that.",
            name=name,
        )


def _strip_jpeg_metadata(data: bytes) -> bytes:
    """The JPEG without APPn (but JFIF and Adobe) and COM segments; the
    compressed picture itself is copied byte for byte."""
    out = bytearray(data[:2])
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            raise ValueError("bad marker")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xDA:  # start of scan: the rest is the picture
            out += data[pos:]
            return bytes(out)
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        segment = data[pos : pos + 2 + length]
        if len(segment) < 2 + length or length < 2:
            raise ValueError("truncated segment")
        app = 0xE0 <= marker <= 0xEF
        keep = not (app or marker == 0xFE) or (
            (marker == 0xE0 and segment[4:9] == b"JFIF\x00")
            or (marker == 0xEE and segment[4:9] == b"Adobe")
        )
        if keep:
            out += segment
        pos += 2 + length
    raise ValueError("no picture data")


def _decoded(data: bytes, kind: str, name: str) -> Image.Image:
    """The picture opened (header only), its size checked, then decoded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[kind])
            _check_size(image.width, image.height, name)
            image.seek(0)  # an animation: its first frame
            image.load()
    except PictureError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, from the header: say the size where it is plain.
        if kind == "PNG" and data[12:16] == b"IHDR":
            _check_size(int.from_bytes(data[16:20]), int.from_bytes(data[20:24]), name)
        raise PictureError(
            f"it claims far more pixels than a brief can hold (at most "
            f"{MAX_PIXELS // 1_000_000} million). Save a smaller copy of it and insert that.",
            name=name,
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        said = "truncated" if "truncated" in str(exc).lower() else "damaged"
        raise PictureError(
            f"the file is {said} or is not really a {kind} picture", name=name
        ) from None
    except Exception:  # Pillow's plug-ins raise many kinds on hostile input
        raise PictureError(
            f"the file is damaged or is not really a {kind} picture", name=name
        ) from None
    return image


def _png_of(image: Image.Image) -> bytes:
    if image.mode not in _MODES_KEPT:
        has_alpha = "A" in image.getbands() or "transparency" in image.info
        if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
            image = image.point(lambda v: v / 256).convert("L")  # type: ignore[arg-type]
        else:
            image = image.convert("RGBA" if has_alpha else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


#: Pictures already found to be kept as they are: digest -> (type, width,
#: height). A brief read back after saving (every save does) or opened
#: again, or a picture pasted twice, is not decoded again; only the digest
#: is kept, never the bytes.
_KEPT_AS_THEY_ARE: dict[str, tuple[MediaType, int, int]] = {}
_KEPT_LIMIT = 1024


def accept_picture(data: bytes, name: str = "", *, digest: str = "") -> Picture:
    """``data`` as a picture a brief can keep, or PictureError saying why not.
    ``digest``: the data's SHA-256 when the caller has it already."""
    digest = digest or digest_of(data)
    known = _KEPT_AS_THEY_ARE.get(digest)
    if known is not None:
        return Picture(data, known[0], known[1], known[2], digest)
    picture = _accept(data, name)
    if picture.digest == digest:
        if len(_KEPT_AS_THEY_ARE) >= _KEPT_LIMIT:
            _KEPT_AS_THEY_ARE.pop(next(iter(_KEPT_AS_THEY_ARE)))
        _KEPT_AS_THEY_ARE[digest] = (picture.media_type, picture.width, picture.height)
    return picture


def _accept(data: bytes, name: str) -> Picture:
    if len(data) > MAX_PICTURE_BYTES:
        raise PictureError(
            f"it is {size_words(len(data))}; a picture in a brief can be at most "
            f"{size_words(MAX_PICTURE_BYTES)}. Save a smaller copy of it and insert that.",
            name=name,
        )
    kind = _sniff(data)
    _refuse_ending(name, kind)
    if kind == "SVG":
        svg, width, height = clean_svg(data, name)
        _check_drawable(svg, name)
        return Picture(svg, MediaType.SVG, width, height)
    image = _decoded(data, kind, name)
    if kind == "JPEG":
        orientation = image.getexif().get(0x0112, 1) if "exif" in image.info else 1
        if image.mode in ("RGB", "L") and orientation == 1:
            try:
                kept = _strip_jpeg_metadata(data)
            except ValueError:
                raise PictureError("the JPEG file is damaged", name=name) from None
            return Picture(kept, MediaType.JPEG, image.width, image.height)
        turned = ImageOps.exif_transpose(image).convert("RGB")
        buffer = io.BytesIO()
        turned.save(buffer, format="JPEG", quality=95, subsampling=0)
        return Picture(buffer.getvalue(), MediaType.JPEG, turned.width, turned.height)
    if kind == "PNG" and image.mode in _MODES_KEPT and _plain_png(data, image):
        return Picture(data, MediaType.PNG, image.width, image.height)
    png = _png_of(image)
    return Picture(png, MediaType.PNG, image.width, image.height)


def _check_drawable(svg: bytes, name: str) -> None:
    """The exports draw an SVG with svglib: one it cannot draw is refused
    here, not at the first export."""
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(io.BytesIO(svg))
    except Exception:  # svglib raises many kinds on drawings it cannot follow
        drawing = None
    if drawing is None or not drawing.width or not drawing.height:
        raise PictureError(
            "it is a drawing (SVG) the app cannot draw; save it as a PNG picture and insert "
            "that instead",
            name=name,
        )


def _plain_png(data: bytes, image: Image.Image) -> bool:
    """8 bits per channel or fewer (the header's bit depth: Pillow reads a
    16-bit RGB picture as RGB too) and no bulky metadata chunks."""
    depth = data[24] if len(data) > 24 and data[12:16] == b"IHDR" else 16
    bulky = (
        "exif" in image.info
        or "icc_profile" in image.info
        or any(isinstance(v, str | bytes) and len(v) > 4096 for v in image.info.values())
    )
    return depth <= 8 and not bulky


def read_picture(path: str | os.PathLike[str]) -> Picture:
    """A picture file, read with a cap on its size and accepted as above."""
    path = Path(path)
    try:
        data = read_file(path, MAX_PICTURE_BYTES, "to be a picture in a brief")
    except FileReadError as exc:
        raise PictureError(exc.problem, name=path.name) from None
    return accept_picture(data, path.name)
