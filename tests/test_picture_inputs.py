"""Hostile and odd pictures: refused in words before decoding, or made safe."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import Image

from briefing_app.compose.composer import compose
from briefing_app.errors import PictureError
from briefing_app.model.pictures import Figure, MediaType
from briefing_app.model.storage import dumps, loads
from briefing_app.pictures import intake
from briefing_app.pictures.intake import accept_picture, read_picture
from briefing_app.writers.docx import write_docx
from briefing_app.writers.html import write_html
from briefing_app.writers.pdf import write_pdf
from tests.figures_fixtures import figure_brief, picture_bytes


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` x ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_before_decoding(monkeypatch) -> None:
    bomb = bomb_png(50_000, 50_000)
    assert len(bomb) < 200
    loaded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: loaded.append(1))
    with pytest.raises(PictureError, match="50,000 x 50,000 pixels"):
        accept_picture(bomb, "tiny.png")
    assert not loaded


def test_a_picture_file_too_large_is_refused_before_reading(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(intake, "MAX_PICTURE_BYTES", 1000)
    path = tmp_path / "big.png"
    path.write_bytes(picture_bytes("PNG", (400, 400)) + b"\0" * 5000)
    with pytest.raises(PictureError, match=r"big\.png"):
        read_picture(path)


@pytest.mark.parametrize("cut", [0.5, 0.8])
def test_a_truncated_picture_is_refused(cut: float) -> None:
    data = picture_bytes("PNG", (300, 300))
    noisy = io.BytesIO()
    Image.effect_noise((300, 300), 50).convert("RGB").save(noisy, "PNG")
    data = noisy.getvalue()
    with pytest.raises(PictureError, match=r"truncated|damaged"):
        accept_picture(data[: int(len(data) * cut)], "cut.png")


def test_a_broken_jpeg_is_refused() -> None:
    data = picture_bytes("JPEG", (200, 200))
    with pytest.raises(PictureError):
        accept_picture(data[:300], "broken.jpg")


def test_a_file_that_says_png_but_is_not() -> None:
    with pytest.raises(PictureError, match=r"not a picture.*its name says PNG"):
        accept_picture(b"MZ\x90\x00 this is a program, not a picture", "chart.png")


def test_a_cmyk_jpeg_becomes_an_rgb_jpeg() -> None:
    picture = accept_picture(picture_bytes("JPEG", (80, 40), "CMYK"), "print.jpg")
    assert picture.media_type is MediaType.JPEG
    assert Image.open(io.BytesIO(picture.data)).mode == "RGB"


def test_a_16_bit_png_becomes_8_bit() -> None:
    buffer = io.BytesIO()
    Image.new("I;16", (64, 32), 40000).save(buffer, "PNG")
    assert buffer.getvalue()[24] == 16
    picture = accept_picture(buffer.getvalue(), "deep.png")
    assert picture.data[24] == 8
    assert Image.open(io.BytesIO(picture.data)).getpixel((0, 0)) == 40000 // 256


def test_a_cmyk_tiff_becomes_a_png() -> None:
    picture = accept_picture(picture_bytes("TIFF", (30, 30), "CMYK"), "scan.tif")
    assert picture.media_type is MediaType.PNG
    assert Image.open(io.BytesIO(picture.data)).mode == "RGB"


def test_huge_exif_is_dropped_and_the_picture_kept_as_it_was() -> None:
    image = Image.new("RGB", (64, 64), (10, 200, 10))
    exif = Image.Exif()
    exif[0x010E] = "x" * 60_000  # ImageDescription
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    data = buffer.getvalue()
    assert len(data) > 60_000
    picture = accept_picture(data, "camera.jpg")
    assert len(picture.data) < 5_000
    assert b"Exif" not in picture.data
    # The compressed picture is untouched: it decodes to the same pixels.
    assert Image.open(io.BytesIO(picture.data)).tobytes() == Image.open(io.BytesIO(data)).tobytes()


def test_an_exif_rotation_is_applied() -> None:
    image = Image.new("RGB", (80, 40), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # turned 90 degrees
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes())
    picture = accept_picture(buffer.getvalue(), "phone.jpg")
    assert (picture.width, picture.height) == (40, 80)


def test_an_animated_gif_keeps_its_first_frame() -> None:
    frames = [Image.new("RGB", (20, 20), c) for c in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    picture = accept_picture(buffer.getvalue(), "spin.gif")
    assert picture.media_type is MediaType.PNG
    first = Image.open(io.BytesIO(picture.data)).convert("RGB").getpixel((5, 5))
    assert first[0] > 200 and first[2] < 50


def test_an_animated_webp_keeps_its_first_frame() -> None:
    frames = [Image.new("RGB", (20, 20), c) for c in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], lossless=True)
    picture = accept_picture(buffer.getvalue(), "spin.webp")
    assert picture.media_type is MediaType.PNG
    assert Image.open(io.BytesIO(picture.data)).convert("RGB").getpixel((5, 5))[0] > 200


# ---------------------------------------------------------------- SVG

_SVG_NS = "http://www.w3.org/2000/svg"


def _svg(inner: str, extra: str = "") -> bytes:
    return (
        f'<svg xmlns="{_SVG_NS}" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="100" height="50" {extra}>{inner}</svg>'
    ).encode()


def _kept(data: bytes) -> etree._Element:
    picture = accept_picture(data, "drawing.svg")
    assert picture.media_type is MediaType.SVG
    return etree.fromstring(picture.data)


def test_svg_scripts_and_handlers_are_removed() -> None:
    root = _kept(
        _svg(
            '<script>alert(1)</script><rect width="5" height="5" onclick="x()"/>', 'onload="evil()"'
        )
    )
    text = etree.tostring(root).decode()
    assert "script" not in text and "onclick" not in text and "onload" not in text
    assert root.find(f"{{{_SVG_NS}}}rect") is not None


def test_svg_foreign_object_and_animation_are_removed() -> None:
    root = _kept(_svg(
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>'
        '<rect width="5" height="5"><set attributeName="fill" to="red"/></rect>'
        '<animate attributeName="x" values="0;1"/>'
    ))  # fmt: skip
    text = etree.tostring(root).decode()
    assert "foreignObject" not in text and "set" not in text.replace("offset", "")
    assert "animate" not in text


def test_svg_external_references_are_removed() -> None:
    root = _kept(_svg(
        '<image href="file:///etc/passwd" width="5" height="5"/>'
        '<use xlink:href="http://example.com/x.svg#a"/><use href="#local"/>'
        '<rect id="local" width="5" height="5" fill="url(http://example.com/p.svg#g)"/>'
        "<style>@import url(http://example.com/x.css);</style>"
        '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'
    ))  # fmt: skip
    text = etree.tostring(root).decode()
    for bad in ("passwd", "example.com", "javascript", "@import", "<image"):
        assert bad not in text
    assert 'href="#local"' in text


def test_svg_entity_expansion_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&b;</text></svg>'
    )
    with pytest.raises(PictureError, match="entities"):
        accept_picture(laughs, "lol.svg")


def test_svg_external_entity_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
    )
    with pytest.raises(PictureError):
        accept_picture(xxe, "xxe.svg")


def test_a_damaged_svg_is_refused() -> None:
    with pytest.raises(PictureError, match="damaged"):
        accept_picture(b'<svg xmlns="http://www.w3.org/2000/svg"><rect', "cut.svg")


def test_a_cleaned_svg_is_drawn_in_every_format() -> None:
    brief, _ = figure_brief()
    hostile = accept_picture(
        _svg('<script>alert(1)</script><circle cx="20" cy="20" r="10" fill="red"/>'), "x.svg"
    )
    brief.add_picture(hostile)
    brief.sections[0].content.blocks.append(Figure(picture=hostile.digest, alt_text="A dot"))
    tree = compose(brief)
    assert write_pdf(tree) and write_docx(tree)
    assert b"alert" not in write_html(tree)


# ---------------------------------------------------------------- anything at all


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["a.png", "b.jpg", "c.svg", "d.gif", "e"]))
def test_any_bytes_are_a_picture_or_a_plain_refusal(data: bytes, name: str) -> None:
    try:
        picture = accept_picture(data, name)
    except PictureError as exc:
        assert str(exc).startswith(f"The picture '{name}' cannot be used: ")
        return
    assert accept_picture(picture.data, name) == picture  # kept as it is


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=400), st.integers(min_value=8, max_value=2000))
def test_a_real_picture_with_damage_is_kept_or_refused(junk: bytes, at: int) -> None:
    data = picture_bytes("PNG", (64, 64))
    damaged = data[: min(at, len(data))] + junk
    try:
        accept_picture(damaged, "damaged.png")
    except PictureError:
        pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.text(max_size=80))
def test_any_caption_and_alt_text_survive_a_save_and_every_format(caption: str, alt: str) -> None:
    brief, _ = figure_brief()
    figure = brief.figures()[0]
    figure.caption, figure.alt_text = caption, alt
    figure.__post_init__()
    again = loads(dumps(brief))
    assert again.figures()[0].caption == figure.caption
    tree = compose(again)
    write_pdf(tree)
    write_docx(tree)
    write_html(tree)


def test_svg_uses_of_uses_that_would_draw_billions_are_refused() -> None:
    levels = ['<rect id="l0" width="1" height="1"/>']
    for n in range(1, 10):
        uses = "".join(f'<use href="#l{n - 1}"/>' for _ in range(10))
        levels.append(f'<g id="l{n}">{uses}</g>')
    with pytest.raises(PictureError, match="shapes once its repeated parts are counted"):
        accept_picture(_svg("<defs>" + "".join(levels) + "</defs>"), "laughs.svg")


def test_svg_that_uses_itself_is_refused() -> None:
    with pytest.raises(PictureError, match="uses itself"):
        accept_picture(_svg('<g id="a"><use href="#a"/></g>'), "loop.svg")


_TAGS = ["g", "rect", "script", "foreignObject", "image", "use", "a", "animate", "set",
         "style", "text", "iframe", "handler", "feImage", "path"]  # fmt: skip
_ATTRS = ["onload", "onclick", "href", "{http://www.w3.org/1999/xlink}href", "style", "fill",
          "x", "width", "filter", "begin", "{http://example.com/ns}evil"]  # fmt: skip
_VALUES = ["#a", "javascript:alert(1)", "http://example.com/x", "url(http://e.com/a)",
           "url(#a)", "10", "data:text/html,<b>", "expression(alert(1))", "red",
           "@import url(x.css)"]  # fmt: skip


@st.composite
def _svg_trees(draw, depth: int = 0) -> etree._Element:
    tag = draw(st.sampled_from(_TAGS)) if depth else "svg"
    element = etree.Element(f"{{{_SVG_NS}}}{tag}")
    for name in draw(st.lists(st.sampled_from(_ATTRS), max_size=4, unique=True)):
        element.set(name, draw(st.sampled_from(_VALUES)))
    if tag in ("text", "style", "script"):
        element.text = draw(st.sampled_from(_VALUES))
    if depth < 3:
        for child in draw(st.lists(_svg_trees(depth=depth + 1), max_size=3)):
            element.append(child)
    return element


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_svg_trees())
def test_any_svg_comes_out_with_nothing_active_or_external(tree: etree._Element) -> None:
    try:
        picture = accept_picture(etree.tostring(tree), "drawing.svg")
    except PictureError:
        return  # refused in words is fine too
    root = etree.fromstring(picture.data)
    for element in root.iter():
        local = etree.QName(element).localname
        assert local not in {"script", "foreignObject", "image", "animate", "set", "iframe",
                             "handler", "feImage"}  # fmt: skip
        for name, value in element.attrib.items():
            qname = etree.QName(name)
            assert not qname.localname.lower().startswith("on")
            assert qname.namespace in (None, "http://www.w3.org/1999/xlink")
            if qname.localname == "href":
                assert value.startswith("#")
            assert "javascript" not in value and "data:" not in value
            assert "http:" not in value and "@import" not in value
        if local == "style":
            assert "@import" not in (element.text or "") and "http" not in (element.text or "")
