"""The wheel and sdist, built the way a release is (`python -m build`), and
the wheel installed into a fresh virtual environment and used from a folder
that has nothing to do with the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import docx
import pytest

from briefing_app import __version__
from tests.pdf_text import pages_text, squash

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Belarus: the September 2025 prisoner release"


def _env() -> dict[str, str]:
    """The environment with nothing that points back at this checkout."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.pop("VIRTUAL_ENV", None)
    env["PYTHONUTF8"] = "1"
    return env


def _run(command: list[str], cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        command, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(wheel, sdist). `python -m build` makes the sdist, then the wheel
    from the unpacked sdist, so the wheel also proves the sdist complete."""
    out = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], cwd=out)
    wheels = list(out.glob("*.whl"))
    sdists = list(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(out.iterdir())
    return wheels[0], sdists[0]


@pytest.fixture(scope="module")
def installed(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel (not editable) installed;
    returns its bin (Scripts) folder."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env_dir)
    scripts = env_dir / ("Scripts" if os.name == "nt" else "bin")
    _run([str(scripts / "python"), "-m", "pip", "install", "-q", str(built[0])], cwd=env_dir)
    return scripts


def test_wheel_carries_assets_templates_and_entry_point(built: tuple[Path, Path]) -> None:
    wheel, _sdist = built
    assert wheel.name == f"briefing_builder-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        dist_info = f"briefing_builder-{__version__}.dist-info"
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
        metadata = archive.read(f"{dist_info}/METADATA").decode()
    for shipped in (
        "briefing_app/assets/fonts/LiberationSans-Regular.ttf",
        "briefing_app/assets/fonts/LiberationSans-BoldItalic.ttf",
        "briefing_app/assets/sample/belarus-2025.brief",
        "briefing_app/assets/icons/briefing-builder.svg",
        "briefing_app/templates/README.md",
        "briefing_app/cli.py",
        "briefing_app/gui/app.py",
    ):
        assert shipped in names
    # Everything under templates/ in the checkout is in the wheel.
    for path in (ROOT / "templates").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            assert (
                f"briefing_app/templates/{path.relative_to(ROOT / 'templates').as_posix()}" in names
            )
    assert "briefing-app = briefing_app.cli:main" in entry_points
    assert f"Version: {__version__}" in metadata
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert any("pyside6-essentials" in line.lower() for line in requires)
    # PyInstaller is for building the bundle, never a runtime dependency.
    runtime = [line for line in requires if "extra ==" not in line]
    assert not any("pyinstaller" in line.lower() for line in runtime)
    assert "Provides-Extra: packaging" in metadata


def test_sdist_carries_what_a_rebuild_needs(built: tuple[Path, Path]) -> None:
    _wheel, sdist = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in (
        "pyproject.toml",
        "README.md",
        "assets/sample/belarus-2025.brief",
        "assets/icons/briefing-builder.svg",
        "templates/README.md",
        "packaging/briefing-builder.spec",
        "packaging/build.py",
        "packaging/linux/install.sh",
        "tests/test_packaging.py",
    ):
        assert needed in names


def test_installed_wheel_exports_the_sample_outside_the_source_tree(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    app = str(installed / "briefing-app")

    version = _run([app, "--version"], cwd=elsewhere).stdout.strip()
    assert version == f"briefing-app {__version__}"

    # The code and its assets come from the environment, not from this checkout.
    where = _run(
        [
            str(installed / "python"),
            "-c",
            "import briefing_app.files.locations as p; print(p.assets_dir())",
        ],
        cwd=elsewhere,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.parent), where
    assert not Path(where).is_relative_to(ROOT)

    _run([app, "export", "--sample", "-o", "brief.pdf"], cwd=elsewhere)
    _run([app, "export", "--sample", "-o", "brief.docx"], cwd=elsewhere)
    text = squash(" ".join(pages_text((elsewhere / "brief.pdf").read_bytes())))
    assert TITLE in text
    assert "Page 1 of" in text
    paragraphs = [p.text for p in docx.Document(str(elsewhere / "brief.docx")).paragraphs]
    assert TITLE in paragraphs


def test_missing_qt_libraries_get_a_plain_message(tmp_path: Path) -> None:
    """A system without libGL (a minimal Linux) cannot load QtGui: the app
    says so in one line, and names the way out."""
    code = (
        "import sys\n"
        "sys.modules['PySide6.QtGui'] = None\n"  # what a missing libGL.so.1 looks like
        "sys.modules['PySide6.QtWidgets'] = None\n"
        "from briefing_app.cli import main\n"
        "raise SystemExit(main(['my.brief']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    assert "Qt could not be loaded" in lines[0]
    assert "Exports still work" in lines[0]
