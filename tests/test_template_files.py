"""A template's files and text are checked when it loads, never at export.

Page numbers used in ways the writers cannot print, characters no format can
carry, files outside the template's folder, and damaged or hostile files (a
truncated font, a decompression-bomb logo, a zip-bomb Word document, a
1.5 GB sparse manifest, a named pipe) are refused with a TemplateError
naming the key and the file - each of these crashed or hung before (issue 12).
The files that could hang or fill memory are tried in a child process with
a memory limit and a time bound (tests/child.py).
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from briefing_app.compose import compose
from briefing_app.document.nodes import PageField, TitleBlock
from briefing_app.errors import BriefError, ExportError, TemplateError
from briefing_app.export import render
from briefing_app.files.locations import fonts_dir
from briefing_app.templating import install_template, load_template
from briefing_app.writers.registry import PDF, formats
from tests.child import cli
from tests.test_templates import make_template, set_manifest_line

FACES = ("Regular", "Bold", "Italic", "BoldItalic")


def refused(folder: Path, key: str) -> str:
    """The problem of loading ``folder``, which must name ``key``."""
    with pytest.raises(TemplateError) as caught:
        load_template(folder)
    assert caught.value.where == key, str(caught.value)
    assert "Traceback" not in str(caught.value)
    return caught.value.problem


# ------------------------------------------------------------------ page numbers


@pytest.mark.parametrize(
    "payload",
    ["{{ page | upper }}", "{{ page[1:] }}", "Page {{ pages | reverse }}", "{{ '%c' % 0 }}"],
)
def test_page_numbers_changed_by_the_template_are_refused_when_it_loads(
    tmp_path: Path, payload: str
) -> None:
    folder = make_template(tmp_path / "pages", footer__left=payload)
    assert "page numbers can only be printed as they are" in refused(folder, "footer.left")


def test_page_numbers_changed_only_for_some_briefs_stop_the_export_in_plain_words(
    tmp_path: Path, sample
) -> None:
    payload = "{% if brief.title | length > 10 %}{{ page[1:] }}{% endif %}Page {{ page }}"
    template = load_template(make_template(tmp_path / "pages", footer__left=payload))
    with pytest.raises(TemplateError, match=r"footer\.left\): page numbers can only be printed"):
        compose(sample, template)


def test_page_numbers_print_where_the_template_puts_them(tmp_path: Path, sample) -> None:
    payload = "Page {{ page }} of {{ pages }}\n{{ page ~ pages }}"
    tree = compose(sample, load_template(make_template(tmp_path / "ok", footer__left=payload)))
    page, pages = PageField.PAGE, PageField.PAGES
    assert tree.furniture.footer_left == ("Page ", page, " of ", pages, " ", page, pages)


# ------------------------------------------------------------------ characters


@pytest.mark.parametrize(
    ("payload", "code"), [("{{ '%c' % 7 }}", "U+0007"), ("{{ '%c' % 55296 }}", "U+D800")]
)
@pytest.mark.parametrize("place", ["headings__summary", "header__right", "prompts__context"])
def test_a_piece_making_characters_no_format_can_carry_is_refused(
    tmp_path: Path, payload: str, code: str, place: str
) -> None:
    folder = make_template(tmp_path / "chars", **{place: "Key " + payload})
    problem = refused(folder, place.replace("__", "."))
    assert f"a character that cannot be printed ({code})" in problem


@pytest.mark.parametrize("key", ["description", "logo_alt", "name"])
def test_manifest_text_with_control_characters_is_refused(tmp_path: Path, key: str) -> None:
    folder = make_template(tmp_path / "chars")
    manifest = folder / "manifest.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.startswith(f"{key} = ")]
    manifest.write_text("\n".join(kept) + "\n", encoding="utf-8")
    set_manifest_line(folder, f'{key} = "Bell \\u0007 here"')
    assert "cannot be printed (U+0007)" in refused(folder, key)


def test_characters_a_piece_makes_only_for_some_briefs_are_removed_at_export(
    tmp_path: Path, sample
) -> None:
    folder = make_template(tmp_path / "chars")
    manifest = folder / "manifest.toml"
    odd = "{% if brief.title | length > 10 %}{{ '%c' % 7 }}{{ '%c' % 55296 }}{% endif %}"
    text = manifest.read_text(encoding="utf-8").replace(
        '["Reference", "{{ brief.reference }}"]', f'["Reference", "{{{{ brief.reference }}}}{odd}"]'
    )
    manifest.write_text(text, encoding="utf-8")
    tree = compose(sample, load_template(folder))
    (block,) = [b for b in tree.blocks if isinstance(b, TitleBlock)]
    assert block.control[0].value == "EECAD-2025-117"
    for fmt in formats():
        assert render(tree, fmt)


# ------------------------------------------------------------------ paths


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('logo = "/etc/hostname"', "logo"),
        ('logo = "img/../logo.png"', "logo"),
        ('logo = "..\\\\..\\\\logo.png"', "logo"),
        ('reference_docx = "../reference.docx"', "reference_docx"),
        ('reference_docx = "C:/Windows/reference.docx"', "reference_docx"),
    ],
)
def test_files_must_be_named_inside_the_template_s_folder(
    tmp_path: Path, line: str, key: str
) -> None:
    folder = make_template(tmp_path / "paths")
    set_manifest_line(folder, line)
    assert "must name a file inside the template's folder" in refused(folder, key)


@pytest.mark.parametrize(
    "family", ["../../../../usr/share/fonts/DejaVuSans", "/tmp/Evil", "a\\\\b"]
)
def test_a_font_family_is_a_name_never_a_path(tmp_path: Path, family: str) -> None:
    folder = make_template(tmp_path / "fonts", fonts__pdf=family)
    assert "not a file or a path" in refused(folder, "fonts.pdf")


def copy_fonts(folder: Path, family: str = "TestSans") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for face in FACES:
        shutil.copy(fonts_dir() / f"LiberationSans-{face}.ttf", folder / f"{family}-{face}.ttf")


def test_links_pointing_out_of_the_folder_are_refused(tmp_path: Path) -> None:
    from PIL import Image

    outside = tmp_path / "outside"
    outside.mkdir()
    Image.new("RGB", (40, 20)).save(outside / "logo.png")
    copy_fonts(outside / "fonts")
    shutil.copy(outside / "logo.png", outside / "reference.docx")

    logo = make_template(tmp_path / "logo")
    (logo / "logo.png").symlink_to(outside / "logo.png")
    set_manifest_line(logo, 'logo = "logo.png"')
    assert "a link to a place outside the template's folder" in refused(logo, "logo")

    reference = make_template(tmp_path / "reference")
    (reference / "reference.docx").symlink_to(outside / "reference.docx")
    set_manifest_line(reference, 'reference_docx = "reference.docx"')
    assert "outside the template's folder" in refused(reference, "reference_docx")

    fonts = make_template(tmp_path / "fonts", fonts__pdf="Test Sans")
    (fonts / "fonts").symlink_to(outside / "fonts")
    assert "outside the template's folder" in refused(fonts, "fonts.pdf")

    face = make_template(tmp_path / "face", fonts__pdf="Test Sans")
    copy_fonts(face / "fonts")
    (face / "fonts" / "TestSans-Bold.ttf").unlink()
    (face / "fonts" / "TestSans-Bold.ttf").symlink_to(outside / "fonts" / "TestSans-Bold.ttf")
    assert "outside the template's folder" in refused(face, "fonts.pdf")

    manifest = make_template(tmp_path / "manifest")
    shutil.move(manifest / "manifest.toml", outside / "manifest.toml")
    (manifest / "manifest.toml").symlink_to(outside / "manifest.toml")
    assert "outside the template's folder" in refused(manifest, "")


# ------------------------------------------------------------------ damaged files


def png(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels and holds almost none."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(tag + data))
        return struct.pack(">I", len(data)) + tag + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def with_logo(folder: Path, data: bytes) -> Path:
    make_template(folder)
    (folder / "logo.png").write_bytes(data)
    set_manifest_line(folder, 'logo = "logo.png"')
    return folder


def test_a_logo_declaring_too_many_pixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    problem = refused(with_logo(tmp_path / "big", png(5_000, 5_000)), "logo")
    assert "far too many pixels (5,000 x 5,000)" in problem and "'logo.png'" in problem
    bomb = refused(with_logo(tmp_path / "bomb", png(50_000, 50_000)), "logo")
    assert "far too many pixels" in bomb


def test_a_damaged_logo_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    good = io.BytesIO()
    Image.new("RGB", (300, 100), (1, 2, 3)).save(good, "PNG")
    cut = good.getvalue()[: len(good.getvalue()) // 2]
    assert "'logo.png' is damaged" in refused(with_logo(tmp_path / "cut", cut), "logo")


def zipped(members: dict[str, bytes | int]) -> bytes:
    """A zip file; an int member is that many spaces (compressed to almost nothing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            if isinstance(content, int):
                with package.open(name, "w", force_zip64=True) as member:
                    for _ in range(content // (1 << 20)):
                        member.write(b" " * (1 << 20))
            else:
                package.writestr(name, content)
    return out.getvalue()


def with_reference(folder: Path, data: bytes) -> Path:
    make_template(folder)
    (folder / "reference.docx").write_bytes(data)
    set_manifest_line(folder, 'reference_docx = "reference.docx"')
    return folder


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"PK\x03\x04" + os.urandom(2000), "damaged"),
        (zipped({"[Content_Types].xml": b"<Types/>"}), "damaged or is not a Word document"),
        (
            zipped({"[Content_Types].xml": b'<!DOCTYPE x [<!ENTITY a "b">]><Types/>'}),
            "DOCTYPE",
        ),
        (zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": 70 << 20}), "zip bomb"),
    ],
    ids=["random", "not-word", "doctype", "zip-bomb"],
)
def test_a_damaged_or_hostile_reference_document_is_refused(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    problem = refused(with_reference(tmp_path / "ref", data), "reference_docx")
    assert "'reference.docx'" in problem and expected in problem


def with_font_files(folder: Path) -> Path:
    make_template(folder, fonts__pdf="Test Sans")
    copy_fonts(folder / "fonts")
    return folder


@pytest.mark.parametrize("damage", ["truncated", "random"])
def test_a_damaged_font_is_refused_when_the_template_loads(tmp_path: Path, damage: str) -> None:
    folder = with_font_files(tmp_path / "fonts")
    bold = folder / "fonts" / "TestSans-Bold.ttf"
    data = bold.read_bytes()
    bold.write_bytes(data[:3000] if damage == "truncated" else os.urandom(len(data)))
    problem = refused(folder, "fonts.pdf")
    assert "the font file 'fonts/TestSans-Bold.ttf' is damaged" in problem


def test_a_font_damaged_after_loading_stops_the_pdf_in_plain_words(tmp_path: Path, sample) -> None:
    folder = with_font_files(tmp_path / "fonts")
    tree = compose(sample, load_template(folder))
    (folder / "fonts" / "TestSans-Italic.ttf").write_bytes(b"\x00\x01\x00\x00" + os.urandom(500))
    with pytest.raises(ExportError, match=r"'TestSans-Italic\.ttf' is damaged"):
        render(tree, PDF)


def test_installing_refuses_a_folder_with_a_named_pipe(tmp_path: Path) -> None:
    source = make_template(tmp_path / "source" / "piped")
    os.mkfifo(source / "notes.txt")
    with pytest.raises(BriefError, match=r"'notes\.txt' cannot be copied: this is a named pipe"):
        install_template(source, tmp_path / "user")
    assert not (tmp_path / "user" / "piped").exists()


# ------------------------------------------------------------------ bounded, in a child


def sparse_manifest(folder: Path) -> None:
    make_template(folder)
    with (folder / "manifest.toml").open("r+b") as manifest:
        manifest.truncate(1_500_000_000)  # a hole: 1.5 GB on paper, nothing on disk


def fifo_manifest(folder: Path) -> None:
    folder.mkdir(parents=True)
    os.mkfifo(folder / "manifest.toml")


def fifo_logo(folder: Path) -> None:
    make_template(folder)
    os.mkfifo(folder / "logo.png")
    set_manifest_line(folder, 'logo = "logo.png"')


HOSTILE_FILES = {
    "sparse-manifest": (sparse_manifest, "", "too large"),
    "fifo-manifest": (fifo_manifest, "", "named pipe"),
    "fifo-logo": (fifo_logo, "logo", "named pipe"),
    "bomb-logo": (lambda f: with_logo(f, png(50_000, 50_000)), "logo", "too many pixels"),
    "bomb-reference": (
        lambda f: with_reference(
            f, zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": 300 << 20})
        ),
        "reference_docx",
        "zip bomb",
    ),
}


@pytest.mark.parametrize("case", list(HOSTILE_FILES))
def test_the_template_list_refuses_hostile_files_quickly_in_little_memory(
    tmp_path: Path, case: str
) -> None:
    make, key, expected = HOSTILE_FILES[case]
    user = tmp_path / "user-templates"
    make(user / case)
    outcome = cli("templates", cwd=tmp_path, env={**os.environ, "BRIEFING_TEMPLATES": str(user)})
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert "policy-brief" in outcome.stdout
    (warning,) = outcome.stderr.strip().splitlines()
    assert f"(manifest.toml{', ' + key if key else ''})" in warning and expected in warning
    assert outcome.peak_mb < 500, outcome.peak_mb


def test_exporting_beside_a_sparse_manifest_does_not_read_it(tmp_path: Path) -> None:
    # Every export reads the installed templates' headings: through the bounded reader.
    user = tmp_path / "user-templates"
    sparse_manifest(user / "sparse")
    outcome = cli(
        "export",
        "--sample",
        "-o",
        "x.pdf",
        cwd=tmp_path,
        env={**os.environ, "BRIEFING_TEMPLATES": str(user)},
    )
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert (tmp_path / "x.pdf").exists()
    assert outcome.peak_mb < 800, outcome.peak_mb
