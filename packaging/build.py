#!/usr/bin/env python3
"""Build the Briefing Builder desktop bundle: no Python needed where it runs.

    python3 dev.py bundle                   from a fresh checkout: sets up, builds, checks
    python packaging/build.py [--check]     in an environment with the `packaging` extra
                                            (pip install -e ".[packaging]")

Makes dist/briefing-builder/ (the one-folder bundle: `briefing-app` and
`_internal/`; on Linux also `share/` with the desktop files and icons, and
`install.sh`) and an archive of it beside it. On macOS the bundle is
dist/Briefing Builder.app. --check then tries the bundle the way a user
would: it prints the version, exports the sample from an empty folder with
a bare environment, and runs the bundle's self-test (window, preview,
exports). See packaging/README.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "briefing-builder.spec"
LINUX = HERE / "linux"
SVG = ROOT / "assets" / "icons" / "briefing-builder.svg"
MIME_TYPE = "application/x-briefing-builder-brief"
EXE_NAME = "briefing-app"
BUNDLE_NAME = "briefing-builder"

sys.path.insert(0, str(HERE))
import icons  # noqa: E402


class BuildError(Exception):
    pass


def say(message: str) -> None:
    print(f"[bundle] {message}", flush=True)


def app_meta() -> tuple[str, str]:
    """(version, app id), read from the package without importing it."""
    text = (ROOT / "briefing_app" / "__init__.py").read_text(encoding="utf-8")
    version = re.search(r'__version__ = "([^"]+)"', text)
    app_id = re.search(r'APP_ID = "([^"]+)"', text)
    if not version or not app_id:
        raise BuildError("briefing_app/__init__.py must define __version__ and APP_ID")
    return version.group(1), app_id.group(1)


def platform_tag() -> str:
    system = {"linux": "linux", "win32": "windows", "darwin": "macos"}.get(
        sys.platform, sys.platform
    )
    return f"{system}-{platform.machine().lower()}"


def run_pyinstaller(dist: Path, work: Path) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise BuildError(
            "PyInstaller is not installed here: pip install -e '.[packaging]' "
            "(or run 'python3 dev.py bundle')"
        ) from None
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    if sys.platform == "darwin":
        return dist / "Briefing Builder.app"
    return dist / BUNDLE_NAME


def stage_linux_desktop(bundle: Path, app_id: str) -> list[Path]:
    """share/ (menu entry, AppStream data, .brief type, icons) and install.sh
    into the bundle folder, laid out as they are installed."""
    share = bundle / "share"
    placed = []
    for source, folder, name in (
        (LINUX / f"{app_id}.desktop", "applications", f"{app_id}.desktop"),
        (LINUX / f"{app_id}.metainfo.xml", "metainfo", f"{app_id}.metainfo.xml"),
        (LINUX / f"{app_id}.mime.xml", "mime/packages", f"{app_id}.xml"),
    ):
        target = share / folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        placed.append(target)
    names = {"apps": app_id, "mimetypes": MIME_TYPE.replace("/", "-")}
    placed += icons.hicolor_icons(SVG, share, names)
    installer = bundle / "install.sh"
    shutil.copyfile(LINUX / "install.sh", installer)
    installer.chmod(0o755)
    placed.append(installer)
    return placed


def make_archive(bundle: Path, dist: Path, version: str) -> Path:
    """A .tar.gz on Linux (keeps permissions and links), a .zip elsewhere;
    written under a temporary name, then renamed, so a stopped build never
    leaves a truncated archive looking finished."""
    stem = f"{BUNDLE_NAME}-{version}-{platform_tag()}"
    if sys.platform.startswith("linux"):
        target = dist / f"{stem}.tar.gz"
        partial = target.with_name(target.name + ".part")
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            archive.add(bundle, arcname=BUNDLE_NAME)
    elif sys.platform == "darwin":
        # ditto keeps the .app's symbolic links and signatures; zipfile does not.
        target = dist / f"{stem}.zip"
        partial = target.with_name(target.name + ".part")
        subprocess.run(["ditto", "-c", "-k", "--keepParent", str(bundle), str(partial)], check=True)
    else:
        target = dist / f"{stem}.zip"
        partial = target.with_name(target.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(bundle.rglob("*")):
                archive.write(path, Path(BUNDLE_NAME) / path.relative_to(bundle))
    os.replace(partial, target)
    return target


def folder_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable(bundle: Path) -> Path:
    if sys.platform == "darwin":
        return bundle / "Contents" / "MacOS" / EXE_NAME
    return bundle / (EXE_NAME + (".exe" if sys.platform == "win32" else ""))


def bare_env(home: Path) -> dict[str, str]:
    """What a user's session would give the app: no Python settings, no
    virtual environment, nothing from this build."""
    if sys.platform.startswith("linux"):
        env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8"}
    else:
        drop = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP")
        env = {k: v for k, v in os.environ.items() if k not in drop}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise BuildError(
            f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
        )
    return done.stdout


def linux_system_needs(bundle: Path) -> tuple[list[str], list[str], str]:
    """(libraries not found, system libraries used, newest glibc symbol
    version needed) for every ELF file in the bundle, as ldd and objdump see
    them with the bundle's own folder first."""
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    missing: set[str] = set()
    system: set[str] = set()
    glibc = (0, 0)
    for path in [executable(bundle), *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        for line in done.stdout.splitlines():
            name, _, where = line.strip().partition(" => ")
            if where.startswith("not found"):
                missing.add(f"{name} (needed by {path.relative_to(bundle)})")
            elif where.startswith("/") and str(internal) not in where:
                system.add(Path(where.split()[0]).name)
        if shutil.which("objdump"):
            symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True)
            for major, minor in re.findall(r"GLIBC_(\d+)\.(\d+)", symbols.stdout):
                glibc = max(glibc, (int(major), int(minor)))
    return sorted(missing), sorted(system), f"{glibc[0]}.{glibc[1]}" if glibc[0] else "?"


def check_bundle(bundle: Path, version: str) -> None:
    exe = executable(bundle)
    with tempfile.TemporaryDirectory(prefix="briefing-bundle-check-") as tmp:
        folder = Path(tmp)
        env = bare_env(folder)
        shown = _run([str(exe), "--version"], folder, env).strip()
        if shown != f"{EXE_NAME} {version}":
            raise BuildError(f"--version printed {shown!r}, expected '{EXE_NAME} {version}'")
        say(f"check: --version prints '{shown}'")
        _run([str(exe), "export", "--sample", "-o", "sample.pdf"], folder, env)
        pdf = (folder / "sample.pdf").read_bytes()
        if not pdf.startswith(b"%PDF-") or b"%%EOF" not in pdf[-1024:]:
            raise BuildError("the exported sample is not a complete PDF")
        say(f"check: exported the sample from an empty folder ({len(pdf):,} bytes)")
        report = _run([str(exe), "--bundle-self-test", str(folder / "self-test")], folder, env)
        for line in report.splitlines():
            say(f"check: {line.strip()}")
    if sys.platform.startswith("linux"):
        missing, system, glibc = linux_system_needs(bundle)
        if missing:
            raise BuildError("libraries the bundle needs are missing:\n  " + "\n  ".join(missing))
        say(f"check: system libraries used: {', '.join(system)}")
        say(f"check: needs glibc {glibc} or newer")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="try the bundle after building it")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--no-archive", action="store_true", help="skip the archive")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        version, app_id = app_meta()
        say(f"building Briefing Builder {version} for {platform_tag()}")
        bundle = run_pyinstaller(args.dist.resolve(), args.work.resolve())
        if sys.platform.startswith("linux"):
            stage_linux_desktop(bundle, app_id)
        built = time.monotonic() - started
        say(f"bundle: {bundle} ({folder_size(bundle) / 1e6:.0f} MB), built in {built:.0f} s")
        if not args.no_archive:
            archive = make_archive(bundle, args.dist.resolve(), version)
            say(f"archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
        if args.check:
            check_bundle(bundle, version)
            say("check: the bundle works")
    except (BuildError, subprocess.CalledProcessError, OSError) as exc:
        say(f"error: {exc}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
