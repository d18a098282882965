"""The rules that keep the desktop bundle lean (packaging/bundle_contents.py),
the icons rendered from the one SVG (packaging/icons.py) and the archive.
The bundle itself is built and tried by `python3 dev.py bundle` (CI runs it)."""

from __future__ import annotations

import sys
import tarfile
from pathlib import Path

import pytest
from PIL import Image

from tests.test_desktop_files import ROOT, load_packaging

contents = load_packaging("bundle_contents")
icons = load_packaging("icons")
SVG = ROOT / "assets" / "icons" / "briefing-builder.svg"

P = "PySide6/Qt/plugins"


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        (f"{P}/platforms/libqxcb.so", True),
        (f"{P}/platforms/libqoffscreen.so", True),
        (f"{P}/platforms/qwindows.dll", True),
        (f"{P}/platforms/libqcocoa.dylib", True),
        (f"{P}/platforms/libqeglfs.so", False),
        (f"{P}/platforms/libqvnc.so", False),
        (f"{P}/platforms/libqwayland.so", False),
        (f"{P}/platformthemes/libqgtk3.so", False),
        (f"{P}/platformthemes/libqxdgdesktopportal.so", True),
        (f"{P}/imageformats/libqsvg.so", True),
        (f"{P}/imageformats/libqjpeg.so", False),
        (f"{P}/iconengines/libqsvgicon.so", True),
        (f"{P}/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        (f"{P}/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        (f"{P}/printsupport/libcupsprintersupport.so", True),
        (f"{P}/tls/libqopensslbackend.so", False),
        (f"{P}/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6\\Qt\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),  # not a plugin: decided by links
    ],
)
def test_plugins_kept_and_dropped(name: str, kept: bool) -> None:
    assert contents.keep_plugin(name) is kept


def test_libraries_nothing_links_to_are_dropped() -> None:
    entries = [
        ("PySide6/QtGui.abi3.so", "/w/QtGui.abi3.so", "EXTENSION"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/w/libQt6Gui.so.6", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY"),
        (f"{P}/platforms/libqxcb.so", "/w/libqxcb.so", "BINARY"),
        ("libxcb-cursor.so.0", "/w/libxcb-cursor.so.0", "BINARY"),
        (f"{P}/platformthemes/libqgtk3.so", "/w/libqgtk3.so", "BINARY"),
        ("libgtk-3.so.0", "/w/libgtk-3.so.0", "BINARY"),
        ("libcairo.so.2", "/w/libcairo.so.2", "BINARY"),
        (f"{P}/platforms/libqwayland.so", "/w/libqwayland.so", "BINARY"),
        ("PySide6/Qt/lib/libQt6WaylandClient.so.6", "/w/libQt6WaylandClient.so.6", "BINARY"),
        ("libpython3.11.so.1.0", "/w/libpython3.11.so.1.0", "BINARY"),
    ]
    links = {
        "/w/QtGui.abi3.so": ["libQt6Gui.so.6", "libc.so.6"],
        "/w/libQt6Gui.so.6": ["libQt6Core.so.6", "libGL.so.1"],
        "/w/libqxcb.so": ["libQt6Gui.so.6", "libxcb-cursor.so.0"],
        "/w/libqgtk3.so": ["libgtk-3.so.0"],
        "/w/libgtk-3.so.0": ["libcairo.so.2"],
        "/w/libqwayland.so": ["libQt6WaylandClient.so.6"],
    }
    kept = contents.keep_binaries(entries, lambda source: links.get(source, []))
    names = {Path(name).name for name, _source, _kind in kept}
    assert names == {
        "QtGui.abi3.so",
        "libQt6Gui.so.6",
        "libQt6Core.so.6",
        "libqxcb.so",
        "libxcb-cursor.so.0",
        "libpython3.11.so.1.0",
    }
    # Without link information (Windows, macOS) only the plugin rules apply.
    unpruned = {Path(n).name for n, _s, _k in contents.keep_binaries(entries, None)}
    assert unpruned == names | {"libgtk-3.so.0", "libcairo.so.2", "libQt6WaylandClient.so.6"}


def test_translations_and_dangling_links_are_dropped() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/w/libQt6Core.so.6", "BINARY")]
    datas = [
        ("PySide6/Qt/translations/qtbase_de.qm", "/w/qtbase_de.qm", "DATA"),
        ("briefing_app/assets/sample/belarus-2025.brief", "/w/b.brief", "DATA"),
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6WaylandClient.so.6", "PySide6/Qt/lib/libQt6WaylandClient.so.6", "SYMLINK"),
        ("libCore.so", "libQt6Core.so.6", "SYMLINK"),  # a link to a link
    ]
    kept = [name for name, _source, _kind in contents.keep_data(datas, binaries)]
    assert kept == [
        "briefing_app/assets/sample/belarus-2025.brief",
        "libQt6Core.so.6",
        "libCore.so",
    ]


def test_data_files_cover_assets_templates_and_package_data() -> None:
    found = contents.data_files(ROOT)
    assert (str(ROOT / "assets"), "briefing_app/assets") in found
    assert (str(ROOT / "templates"), "briefing_app/templates") in found
    for source, folder in found[2:]:
        path = Path(source)
        assert path.suffix not in (".py", ".pyc")
        assert (
            folder
            == Path(
                "briefing_app", *path.relative_to(ROOT / "briefing_app").parent.parts
            ).as_posix()
        )


def test_icons_in_every_size_from_the_svg(tmp_path: Path) -> None:
    written = icons.hicolor_icons(SVG, tmp_path, {"apps": "app-id"})
    for size in icons.PNG_SIZES:
        png = tmp_path / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "app-id.png"
        assert png in written
        with Image.open(png) as image:
            assert image.size == (size, size)
            # Drawn, not empty: the page outline is dark blue and opaque.
            colours = image.convert("RGBA").getcolors(size * size)
            assert any(a == 255 and b > r for _n, (r, g, b, a) in colours)
    scalable = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "app-id.svg"
    assert scalable.read_bytes() == SVG.read_bytes()


def test_windows_and_macos_icon_files(tmp_path: Path) -> None:
    with Image.open(icons.write_ico(SVG, tmp_path / "app.ico")) as ico:
        assert {(s, s) for s in icons.ICO_SIZES} <= set(ico.info["sizes"])
    with Image.open(icons.write_icns(SVG, tmp_path / "app.icns")) as icns:
        assert icns.size == (1024, 1024)


def test_an_svg_that_is_not_one_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg")
    with pytest.raises(ValueError, match="not a valid SVG"):
        icons.render_png(broken, 16)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the .tar.gz is the Linux archive")
def test_archive_keeps_the_install_script_executable(tmp_path: Path) -> None:
    build = load_packaging("build")
    bundle = tmp_path / "dist" / "briefing-builder"
    bundle.mkdir(parents=True)
    (bundle / "install.sh").write_text("#!/bin/sh\n")
    (bundle / "install.sh").chmod(0o755)
    (bundle / "briefing-app").write_bytes(b"\x7fELF")
    (bundle / "link").symlink_to("briefing-app")
    archive = build.make_archive(bundle, tmp_path / "dist", "9.9")
    assert archive.name.startswith("briefing-builder-9.9-linux-")
    assert not list((tmp_path / "dist").glob("*.part"))
    with tarfile.open(archive) as tar:
        members = {m.name: m for m in tar.getmembers()}
        assert members["briefing-builder/install.sh"].mode & 0o111
        assert members["briefing-builder/link"].issym()
        data = tar.extractfile("briefing-builder/briefing-app")
        assert data is not None and data.read() == b"\x7fELF"


def test_the_bundle_carries_every_writer_the_registry_names() -> None:
    # The registry imports writers by name when first used; the bundle's
    # analysis cannot see such imports, so they are listed for it.
    modules = contents.registered_modules()
    assert {"briefing_app.writers.pdf", "briefing_app.writers.docx"} <= set(modules)
    assert "briefing_app.writers.html" in modules and "briefing_app.writers.pdf_fonts" in modules
    # Loaded by name at run time: the chart back end and the SVG reader.
    assert {"rlPyCairo", "svglib.svglib"} <= set(contents.hidden_imports())
