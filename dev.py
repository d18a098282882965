#!/usr/bin/env python3
"""Set up and run Briefing Builder from a source checkout.

  python3 dev.py app [ARGS...]   install what it needs, then open the app
  python3 dev.py test [ARGS...]  install what it needs, then run the whole test suite
  python3 dev.py bundle          install what it needs, then build the desktop bundle
                                 (dist/) and try it (see packaging/README.md)

Needs only Python 3.11+. Everything goes into .venv beside this file. On
Debian or Ubuntu the system libraries Qt needs are installed with apt-get
when missing (as root, or through sudo).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".installed"

# Qt's offscreen platform needs the first line; a real window under X11
# (and the screenshots we take of it) the rest.
QT_DEBIAN_LIBS = (  # noqa: SIM905
    "libglib2.0-0 libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0 "
    "libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 "
    "libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0 libxcb-sync1 "
    "libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0"
).split()
# The tests of the Linux desktop files run these validators; the accessibility
# tests read PDFs with poppler and run axe-core in headless Chromium; the
# bundle build needs objdump.
TOOLS_DEBIAN = (
    "desktop-file-utils",
    "appstream",
    "shared-mime-info",
    "libglib2.0-bin",
    "poppler-utils",
    "chromium",
)
# pycairo (under rlPyCairo, which draws charts and SVG pictures for Word
# files) has no Linux wheels: pip builds it against Debian's cairo.
CAIRO_DEBIAN = ("libcairo2-dev", "pkg-config")
# axe-core, the accessibility engine the HTML export is checked with (npm).
AXE_CORE = "axe-core@4"
NODE_DIR = VENV / "node"
# Spelling dictionaries beyond the English ones the app ships (assets/dictionaries):
# French and German, for briefs in those languages and their tests.
SPELLING_DEBIAN = ("hunspell-fr", "hunspell-de-de")
BUNDLE_DEBIAN = ("binutils",)


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> None:
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def debian_libs(packages: tuple[str, ...] | list[str] = QT_DEBIAN_LIBS) -> None:
    if not sys.platform.startswith("linux") or not shutil.which("dpkg-query"):
        return
    missing = []
    for pkg in packages:
        probe = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True
        )
        if "install ok installed" not in probe.stdout:
            missing.append(pkg)
    if not missing:
        return
    prefix: list[str] = []
    if os.geteuid() != 0:
        if not shutil.which("sudo"):
            say("The app needs these system packages; ask an administrator to install them:")
            say("  apt-get install " + " ".join(missing))
            return
        prefix = ["sudo"]
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    run([*prefix, "apt-get", "update", "-qq"], env=env)
    run([*prefix, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)


def venv_python() -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    return VENV / sub / ("python.exe" if os.name == "nt" else "python")


def python_env(extras: str) -> Path:
    """Create .venv and install the project (editable) with ``extras``."""
    py = venv_python()
    if not py.exists():
        say(f"creating {VENV.name}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    inputs = (ROOT / "pyproject.toml").stat().st_mtime_ns
    wanted = f"{extras}:{inputs}"
    if STAMP.exists() and STAMP.read_text() == wanted:
        return py
    say("installing Python packages (first run takes a minute)")
    run([str(py), "-m", "pip", "install", "-q", "--upgrade", "pip"])
    spec = f".[{extras}]" if extras else "."
    run([str(py), "-m", "pip", "install", "-q", "-e", spec], cwd=ROOT)
    STAMP.write_text(wanted)
    return py


def axe_core() -> None:
    """axe-core from npm into .venv/node (the HTML accessibility tests find
    it there); npm itself from Debian when the machine has none."""
    if (NODE_DIR / "node_modules" / "axe-core" / "axe.min.js").is_file():
        return
    if not shutil.which("npm"):
        debian_libs(["npm"])
    if not shutil.which("npm"):
        say("npm is missing: the HTML accessibility tests will be skipped")
        return
    say("installing axe-core (npm)")
    cmd = ["npm", "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", "-s", AXE_CORE]
    if subprocess.call(cmd):
        say("axe-core could not be installed: the HTML accessibility tests will be skipped")


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (this file may run on an older Python)
        say("Briefing Builder needs Python 3.11 or newer.")
        return 2
    if not argv or argv[0] not in ("app", "test", "bundle"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    extra = {"app": (), "test": TOOLS_DEBIAN, "bundle": BUNDLE_DEBIAN}[command]
    extra += SPELLING_DEBIAN + CAIRO_DEBIAN
    debian_libs([*QT_DEBIAN_LIBS, *extra])
    # One environment for all commands: the test and packaging extras are small.
    py = python_env("test,packaging")
    if command == "app":
        return subprocess.call([str(py), "-m", "briefing_app", *rest])
    if command == "bundle":
        return subprocess.call([str(py), str(ROOT / "packaging" / "build.py"), "--check", *rest])
    axe_core()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8", PYTHONUTF8="1")
    for check in (["ruff", "check", "."], ["ruff", "format", "--check", "."]):
        say("lint: " + " ".join(check))
        code = subprocess.call([str(py), "-m", *check], cwd=ROOT, env=env)
        if code:
            return code
    return subprocess.call([str(py), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
