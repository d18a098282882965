"""Does the bundle work on this computer? Run as `briefing-app --bundle-self-test`.

Starts the app's window (offscreen unless a display is chosen), opens a
copy of the sample brief, waits for the live preview, draws its first page,
then exports PDF and Word and reads both back. One line per check; exit
status 0 when every check passed. A missing Qt plugin, font, asset or
template shows up here rather than on a user's desk.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

TIMEOUT_S = 60.0


class CheckFailed(Exception):
    pass


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + TIMEOUT_S
    while not condition():
        if time.monotonic() > deadline:
            raise CheckFailed(f"gave up waiting for {what}")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def _check_plugins() -> str:
    from PySide6.QtCore import QLibraryInfo
    from PySide6.QtGui import QImageReader

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    found = sorted(p.name for p in (plugins / "platforms").glob("*"))
    if sys.platform.startswith("linux"):
        for wanted in ("libqxcb.so", "libqoffscreen.so"):
            if wanted not in found:
                raise CheckFailed(f"platform plugin {wanted} missing from {plugins}")
    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    if "svg" not in formats:
        raise CheckFailed("the SVG image plugin is missing (the app icon cannot load)")
    return "platforms: " + ", ".join(found)


def _check_icon() -> str:
    from PySide6.QtGui import QIcon

    from briefing_app.files.locations import assets_dir

    svg = assets_dir() / "icons" / "briefing-builder.svg"
    pixmap = QIcon(str(svg)).pixmap(64, 64)
    if pixmap.isNull():
        raise CheckFailed(f"the app icon {svg} did not load")
    return f"{pixmap.width()}x{pixmap.height()} from {svg.name}"


def _dark_pixels(image) -> int:
    step = 4
    count = 0
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            if image.pixelColor(x, y).lightness() < 128:
                count += 1
    return count


def _check_window(folder: Path):
    from PySide6.QtCore import QSettings, QSize

    from briefing_app.files.locations import sample_path
    from briefing_app.gui import dialogs
    from briefing_app.gui.app import create_window

    # A dialog would block an unattended run: record what it would say.
    failures: list[str] = []

    def show_error(_parent, title, message, *_args, **_kwargs):
        failures.append(f"{title}: {message}")

    dialogs.show_error = show_error
    brief_path = folder / "sample.brief"
    shutil.copyfile(sample_path(), brief_path)
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = create_window([str(brief_path)], settings)
    window.show()
    if failures:
        raise CheckFailed("; ".join(failures))
    if window.session.path != brief_path:
        raise CheckFailed(f"the window did not open {brief_path}")
    preview = window.preview
    _wait_for(lambda: preview.page_count > 0 or preview.message.text() != "", "the preview")
    if preview.page_count == 0:
        raise CheckFailed(f"the preview shows a problem: {preview.message.text()}")
    image = preview.document.render(0, QSize(420, 594))
    dark = _dark_pixels(image)
    if dark < 100:
        raise CheckFailed(f"the preview's first page looks blank ({dark} dark points)")
    return window, f"{preview.page_count} pages previewed, first page drawn"


def _check_exports(brief, folder: Path) -> str:
    from PySide6.QtPdf import QPdfDocument

    from briefing_app.export import export_brief

    title_word = brief.metadata.title.split()[0]
    pdf = folder / "self-test.pdf"
    export_brief(brief, pdf)
    document = QPdfDocument()
    document.load(str(pdf))
    if document.pageCount() < 1:
        raise CheckFailed(f"the exported PDF {pdf} has no pages")
    text = document.getAllText(0).text()
    if title_word not in text:
        raise CheckFailed(f"the exported PDF's first page does not show '{title_word}'")
    docx = folder / "self-test.docx"
    export_brief(brief, docx)
    with zipfile.ZipFile(docx) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
    if title_word not in body:
        raise CheckFailed(f"the exported Word file does not contain '{title_word}'")
    if not media:
        raise CheckFailed("the exported Word file has no picture of the sample's chart")
    pages = document.pageCount()
    return f"PDF {pdf.stat().st_size:,} bytes, {pages} pages; Word {docx.stat().st_size:,} bytes"


def _check_spelling() -> str:
    """Hunspell and the shipped English dictionaries are in the bundle."""
    from briefing_app.spelling import misspelt, speller_for

    found = []
    for tag in ("en-GB", "en-US"):
        speller = speller_for(tag)
        words = [w.text for w in misspelt("We will recieve the colour.", speller)]
        expected = ["recieve"] if tag == "en-GB" else ["recieve", "colour"]
        if words != expected or speller.suggest("recieve", 1) != ["receive"]:
            raise CheckFailed(f"{tag} spelling found {words}, expected {expected}")
        found.append(f"{tag} from {speller.files.folder.name}/")
    return ", ".join(found)


def run(args: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    keep = Path(args[0]) if args else None
    folder = keep or Path(tempfile.mkdtemp(prefix="briefing-self-test-"))
    folder.mkdir(parents=True, exist_ok=True)

    from briefing_app import __version__

    try:
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:  # a system library Qt needs is missing
        print(f"Briefing Builder {__version__} self-test")
        print(f"  FAIL Qt cannot load: {exc}")
        print(
            "  The window needs the system's libEGL, libGL and libxcb and fontconfig"
            " (Debian and Ubuntu: apt-get install libegl1 libgl1 libxcb1 fontconfig)."
        )
        return 1
    app = QApplication.instance() or QApplication([sys.argv[0]])
    print(f"Briefing Builder {__version__} self-test ({app.platformName()} platform)")
    failures: list[str] = []
    window = None
    steps: list[tuple[str, Callable[[], str]]] = [
        ("Qt plugins", _check_plugins),
        ("app icon", _check_icon),
        ("spelling", _check_spelling),
    ]
    for name, step in steps:
        failures += _report(name, step)

    def window_step() -> str:
        nonlocal window
        window, detail = _check_window(folder)
        return detail

    failures += _report("window and preview", window_step)
    if window is not None:
        brief = window.session.brief
        failures += _report("PDF and Word export", lambda: _check_exports(brief, folder))
        window.close()
    if keep is None:
        shutil.rmtree(folder, ignore_errors=True)
    if failures:
        print(f"FAILED: {len(failures)} check(s)")
        return 1
    print("all checks passed")
    return 0


def _report(name: str, step: Callable[[], str]) -> list[str]:
    try:
        detail = step()
    except Exception as exc:  # report every failure, then go on to the next check
        print(f"  FAIL {name}: {type(exc).__name__}: {exc}")
        return [name]
    print(f"  ok   {name}: {detail}")
    return []
