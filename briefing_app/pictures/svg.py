"""SVG pictures made safe: nothing active, nothing fetched, nothing expanded.

An SVG is XML that can run scripts, fetch other files or addresses, expand
entities without end and embed HTML (``<foreignObject>``). It is parsed
without entities, DTDs or the network, and rebuilt from an allow-list:
drawing elements and their presentation attributes only. Scripts, event
handlers, animation, ``<foreignObject>``, external references (any link
that is not to an element of the same picture) and style sheets that fetch
anything are removed. A picture that declares entities is refused outright.
"""

from __future__ import annotations

import re

from lxml import etree

from briefing_app.errors import PictureError

MAX_SVG_BYTES = 5 * 1024 * 1024
MAX_SVG_ELEMENTS = 50_000

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
_XML_NS = "http://www.w3.org/XML/1998/namespace"

_ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "path", "rect", "circle",
    "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern",
    "marker", "style", "switch",
}  # fmt: skip
_ATTRIBUTES = {
    "id", "class", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "width", "height", "d", "points", "viewBox", "preserveAspectRatio", "transform",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-dasharray", "stroke-dashoffset",
    "stroke-miterlimit", "opacity", "color", "display", "visibility", "font-family",
    "font-size", "font-weight", "font-style", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "letter-spacing", "word-spacing",
    "text-decoration", "dx", "dy", "rotate", "offset", "stop-color", "stop-opacity",
    "gradientUnits", "gradientTransform", "spreadMethod", "fx", "fy", "fr",
    "clip-path", "clip-rule", "clipPathUnits", "mask", "maskUnits",
    "maskContentUnits", "patternUnits", "patternContentUnits", "patternTransform",
    "markerWidth", "markerHeight", "markerUnits", "refX", "refY", "orient",
    "marker-start", "marker-mid", "marker-end", "style", "version", "href",
    "startOffset", "lengthAdjust", "textLength", "vector-effect", "shape-rendering",
    "text-rendering", "image-rendering", "color-interpolation", "paint-order",
}  # fmt: skip
#: Attributes whose value may hold url(...): only "#id" references stay.
_URL = re.compile(r"url\s*\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_DANGER = re.compile(r"@import|expression\s*\(|javascript:|behavior\s*:", re.IGNORECASE)
_LENGTH = re.compile(r"\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px|pt|mm|cm|in|pc|em|ex|%)?\s*$")
_UNITS = {None: 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54,
          "in": 96.0, "em": 16.0, "ex": 8.0}  # fmt: skip


def looks_like_svg(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--")) and b"<svg" in head


def _safe_url(value: str) -> bool:
    return all(m.group(2).strip().startswith("#") for m in _URL.finditer(value))


def _safe_value(value: str) -> bool:
    lowered = re.sub(r"\s", "", value).lower()
    if "javascript:" in lowered or "data:" in lowered or _CSS_DANGER.search(value):
        return False
    return _safe_url(value)


def _local(tag: object) -> tuple[str, str]:
    if not isinstance(tag, str):
        return "", ""  # a comment or processing instruction
    qname = etree.QName(tag)
    return qname.namespace or "", qname.localname


def _clean(element: etree._Element) -> None:
    for child in list(element):
        namespace, name = _local(child.tag)
        if namespace != SVG_NS or name not in _ELEMENTS:
            element.remove(child)  # scripts, foreignObject, image, animation, comments...
            continue
        if name == "style":
            css = child.text or ""
            if not _safe_value(css):
                element.remove(child)
                continue
            for inner in list(child):
                child.remove(inner)
        _clean_attributes(child)
        _clean(child)
    if element.text is not None and _local(element.tag)[1] not in (
        "text",
        "tspan",
        "textPath",
        "title",
        "desc",
        "style",
    ):
        element.text = None


def _clean_attributes(element: etree._Element) -> None:
    for key in list(element.attrib):
        qname = etree.QName(key)
        namespace, name = qname.namespace or "", qname.localname
        value = element.attrib[key]
        if name == "href" and namespace in ("", XLINK_NS):
            if not value.strip().startswith("#"):
                del element.attrib[key]
            continue
        if namespace == _XML_NS and name in ("space", "lang"):
            continue
        if namespace or name not in _ATTRIBUTES or not _safe_value(value):
            del element.attrib[key]


def _length(value: str | None) -> float | None:
    if not value:
        return None
    match = _LENGTH.match(value)
    if not match or match.group(2) == "%":
        return None
    return float(match.group(1)) * _UNITS[match.group(2)]


def _size(root: etree._Element) -> tuple[int, int]:
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if len(box) == 4:
        try:
            vw, vh = float(box[2]), float(box[3])
        except ValueError:
            vw = vh = 0.0
        if vw > 0 and vh > 0:
            if width is None and height is None:
                width, height = vw, vh
            elif width is None:
                width = height * vw / vh  # type: ignore[operator]
            elif height is None:
                height = width * vh / vw
    if not width or not height or width <= 0 or height <= 0:
        width, height = width or 300.0, height or 150.0  # the web's default size
    return max(1, round(width)), max(1, round(height))


def _drawn_size(root: etree._Element, name: str) -> int:
    """How many shapes the drawing draws once every ``<use>`` is followed:
    a few uses of uses can stand for billions of shapes (the SVG form of
    entity expansion), and a use of its own ancestor for infinitely many."""
    # Every element held while counting: lxml makes its Python objects on
    # demand, and the id() of one dropped could be reused by another.
    alive = list(root.iter())
    ids = {el.get("id"): el for el in alive if isinstance(el.tag, str) and el.get("id")}
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(element: etree._Element) -> int:
        key = id(element)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise PictureError(
                "it is a drawing (SVG) that uses itself, so it would never finish drawing",
                name=name,
            )
        active.add(key)
        total = 1 + sum(size(child) for child in element)
        if _local(element.tag)[1] == "use":
            href = element.get("href") or element.get(f"{{{XLINK_NS}}}href") or ""
            target = ids.get(href.strip()[1:])
            if target is not None:
                total += size(target)
        active.discard(key)
        if total > MAX_SVG_ELEMENTS:
            raise PictureError(
                f"it is a drawing (SVG) of more than {MAX_SVG_ELEMENTS:,} shapes once its "
                "repeated parts are counted; a brief takes up to that many",
                name=name,
            )
        sizes[key] = total
        return total

    try:
        return size(root)
    except RecursionError:
        raise PictureError(
            "it is a drawing (SVG) whose parts nest too deeply to draw", name=name
        ) from None


def clean_svg(data: bytes, name: str = "") -> tuple[bytes, int, int]:
    """The SVG rebuilt with nothing active in it, and its size in pixels."""
    if len(data) > MAX_SVG_BYTES:
        raise PictureError(
            f"it is a drawing (SVG) of {len(data) // 1024 // 1024} MB; a brief takes "
            f"drawings of up to {MAX_SVG_BYTES // 1024 // 1024} MB",
            name=name,
        )
    if b"<!entity" in data.lower():
        raise PictureError(
            "it is a drawing (SVG) that declares entities, which can make it expand without "
            "end; save it again from a drawing program without them",
            name=name,
        )
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError):
        raise PictureError(
            "it is a drawing (SVG) that is damaged or incomplete", name=name
        ) from None
    namespace, tag = _local(root.tag)
    if namespace != SVG_NS or tag != "svg":
        raise PictureError("it is not an SVG drawing (its outer element is not <svg>)", name=name)
    count = sum(1 for _ in root.iter())
    if count > MAX_SVG_ELEMENTS:
        raise PictureError(
            f"it is a drawing (SVG) of {count:,} shapes; a brief takes up to {MAX_SVG_ELEMENTS:,}",
            name=name,
        )
    _clean_attributes(root)
    _clean(root)
    _drawn_size(root, name)
    width, height = _size(root)
    root.set("width", str(width))
    root.set("height", str(height))
    if root.get("viewBox") is None:
        root.set("viewBox", f"0 0 {width} {height}")
    out = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    return out, width, height
