"""Linux desktop integration: the files in packaging/linux pass the
freedesktop validators, agree with each other and with the app, and once
installed (install.sh) a .brief file is recognised and opens in the app."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from briefing_app import APP_ID, __version__
from briefing_app.files.locations import sample_path
from briefing_app.model.fileformat import FORMAT_NAME

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME_XML = LINUX / f"{APP_ID}.mime.xml"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
MIME_TYPE = "application/x-briefing-builder-brief"


def load_packaging(name: str) -> ModuleType:
    """A module of packaging/ (not a package: its scripts run on their own)."""
    spec = importlib.util.spec_from_file_location(
        f"briefing_packaging_{name}", ROOT / "packaging" / f"{name}.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def needs(*tools: str):
    missing = [tool for tool in tools if shutil.which(tool) is None]
    return pytest.mark.skipif(
        bool(missing),
        reason=f"{', '.join(missing)} not installed (Debian: desktop-file-utils, appstream, "
        "shared-mime-info, libglib2.0-bin; 'python3 dev.py test' installs them)",
    )


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


# ------------------------------------------------------------ validators


@needs("desktop-file-validate")
def test_desktop_file_passes_desktop_file_validate() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "", done.stdout  # no warnings or hints either


@needs("appstreamcli")
def test_metainfo_passes_appstreamcli_validate() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "W:" not in done.stdout and "E:" not in done.stdout, done.stdout


@needs("update-mime-database")
def test_mime_package_is_accepted_by_update_mime_database(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copyfile(MIME_XML, packages / f"{APP_ID}.xml")
    done = subprocess.run(
        ["update-mime-database", str(tmp_path / "mime")],
        env=dict(os.environ, XDG_DATA_HOME=str(tmp_path)),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
    assert MIME_TYPE in (tmp_path / "mime" / "types").read_text().split()
    assert "*.brief" in (tmp_path / "mime" / "globs2").read_text()


# ------------------------------------------------------------ agreement


def test_names_agree_with_the_app_and_each_other() -> None:
    entry = desktop_entry(DESKTOP)
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"].split(";")[:-1] == [MIME_TYPE]
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    command = entry["Exec"].split()[0]
    assert command in scripts and entry["StartupWMClass"] == command

    component = ET.parse(METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP.name
    assert component.findtext("provides/mediatype") == MIME_TYPE
    assert component.findtext("provides/binary") == command
    assert component.find("releases/release").get("version") == __version__

    mime = ET.parse(MIME_XML).getroot().find(f"{MIME_NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime.iter(f"{MIME_NS}glob")] == ["*.brief"]
    # The magic rule looks for the format name every .brief file starts with.
    match = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    assert match.get("value") == f'"{FORMAT_NAME}"'
    assert f'"format": "{FORMAT_NAME}"' in sample_path().read_text(encoding="utf-8")[:200]

    # The running app names the same desktop file (Wayland and docks match on it).
    app_source = (ROOT / "briefing_app" / "gui" / "app.py").read_text(encoding="utf-8")
    assert "setDesktopFileName(APP_ID)" in app_source
    build = load_packaging("build")
    assert build.MIME_TYPE == MIME_TYPE
    spec = (ROOT / "packaging" / "briefing-builder.spec").read_text(encoding="utf-8")
    assert f'MIME_TYPE = "{MIME_TYPE}"' in spec


# ------------------------------------------------------------ installed


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A stand-in for the unpacked bundle: the real desktop files, icons and
    install.sh, and a `briefing-app` that notes what it was asked to open."""
    folder = tmp_path / "unpacked" / "briefing-builder"
    folder.mkdir(parents=True)
    load_packaging("build").stage_linux_desktop(folder, APP_ID)
    app = folder / "briefing-app"
    app.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$HOME/opened.txt"\n')
    app.chmod(0o755)
    return folder


def _user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_DIRS="/usr/local/share:/usr/share",
    )
    return env


@needs("update-mime-database", "update-desktop-database", "gio", "desktop-file-validate")
def test_install_script_makes_brief_files_open_in_the_app(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home with space"
    home.mkdir()
    env = _user_env(home)
    done = subprocess.run(
        ["sh", str(bundle / "install.sh")], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    installed = home / ".local" / "lib" / "briefing-builder"
    share = home / ".local" / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    for path in (
        installed / "briefing-app",
        (home / ".local" / "bin" / "briefing-app"),
        desktop,
        share / "metainfo" / f"{APP_ID}.metainfo.xml",
        share / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        share
        / "icons"
        / "hicolor"
        / "48x48"
        / "mimetypes"
        / "application-x-briefing-builder-brief.png",
    ):
        assert path.exists(), path
    # The installed menu entry starts the installed copy, quoted for the space.
    assert desktop_entry(desktop)["Exec"] == f'"{installed / "briefing-app"}" %f'
    check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout

    # What a file manager asks: the file's type, then opens it with the default app.
    brief = home / "Minister's brief.brief"
    shutil.copyfile(sample_path(), brief)
    info = subprocess.run(
        ["gio", "info", "-a", "standard::content-type", str(brief)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert MIME_TYPE in info.stdout, info.stdout + info.stderr
    default = subprocess.run(["gio", "mime", MIME_TYPE], env=env, capture_output=True, text=True)
    assert f"Default application for “{MIME_TYPE}”: {APP_ID}.desktop" in default.stdout, (
        default.stdout
    )
    opened = subprocess.run(["gio", "open", str(brief)], env=env, capture_output=True, text=True)
    assert opened.returncode == 0, opened.stderr
    record = home / "opened.txt"
    for _ in range(100):  # gio starts the app and returns; give it a moment
        if record.exists() and record.read_text():
            break
        subprocess.run(["sleep", "0.05"])
    assert record.read_text().splitlines() == [str(brief)]

    # A renamed brief is still recognised by its content.
    renamed = home / "brief without ending"
    shutil.copyfile(sample_path(), renamed)
    info = subprocess.run(
        ["gio", "info", "-a", "standard::content-type", str(renamed)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert MIME_TYPE in info.stdout, info.stdout

    done = subprocess.run(
        ["sh", str(installed / "install.sh"), "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert not installed.exists()
    assert not desktop.exists()
    assert not (home / ".local" / "bin" / "briefing-app").exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))
    assert bundle.exists()  # the unpacked download is left alone


def test_install_script_refuses_a_folder_that_is_not_the_app(tmp_path: Path) -> None:
    folder = tmp_path / "not-the-app"
    folder.mkdir()
    shutil.copyfile(LINUX / "install.sh", folder / "install.sh")
    done = subprocess.run(
        ["sh", str(folder / "install.sh")], env=_user_env(tmp_path), capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "unpacked Briefing Builder folder" in done.stderr
    assert not (tmp_path / ".local").exists()


def test_install_script_leaves_an_unrelated_folder_alone(bundle: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    theirs = home / ".local" / "lib" / "briefing-builder"
    theirs.mkdir(parents=True)
    (theirs / "notes.txt").write_text("not ours")
    done = subprocess.run(
        ["sh", str(bundle / "install.sh")], env=_user_env(home), capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "is not Briefing Builder; nothing was changed" in done.stderr
    assert (theirs / "notes.txt").read_text() == "not ours"
