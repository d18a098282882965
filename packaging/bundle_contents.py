"""What goes into the desktop bundle, and what is left out.

Read by briefing-builder.spec. PyInstaller's Qt hooks collect every plugin
of each kind a Qt module might use (all platforms, all image formats, the
GTK theme with the whole GTK stack behind it); the app needs a few. Rules
here keep those few, then drop every library nothing kept still links to,
so the bundle carries neither unused Qt nor a build machine's GTK.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

# A PyInstaller table-of-contents entry: (name in the bundle, source path, kind).
Entry = tuple[str, str, str]

# Plugin kind -> plugin names kept (file name without "lib"/"q" prefix and
# ending; see plugin_name). A kind not listed is dropped whole.
KEEP_PLUGINS: dict[str, frozenset[str]] = {
    # xcb: X11 and XWayland; offscreen: tests and the self-test; windows and
    # cocoa: the other two systems. Wayland sessions run the app through
    # XWayland (the Wayland plugin and its libraries are 3 MB more).
    "platforms": frozenset({"xcb", "offscreen", "windows", "cocoa"}),
    "xcbglintegrations": frozenset({"xcb-egl-integration", "xcb-glx-integration"}),
    # Native file dialogs under GNOME, KDE and sandboxes; not the GTK theme.
    "platformthemes": frozenset({"xdgdesktopportal"}),
    # Typing accented and non-Latin letters (dead keys, IBus input methods).
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "printsupport": frozenset({"cupsprintersupport"}),
    # The app icon is an SVG.
    "imageformats": frozenset({"svg"}),
    "iconengines": frozenset({"svgicon"}),
    # Native widget styles on Windows and macOS.
    "styles": frozenset({"modernwindowsstyle", "windowsvistastyle", "macstyle"}),
}

# Python modules the app never uses that libraries may still name.
EXCLUDED_MODULES = ["tkinter", "_tkinter", "unittest", "pydoc", "doctest"]


def data_files(root: Path) -> list[tuple[str, str]]:
    """(source, folder in the bundle) for everything the code reads at run
    time: assets/ and templates/ where an installed wheel has them (inside
    the package, see briefing_app/paths.py), and every file that is not
    Python inside the package itself (e.g. the HTML writer's templates)."""
    package = root / "briefing_app"
    found = [
        (str(root / "assets"), "briefing_app/assets"),
        (str(root / "templates"), "briefing_app/templates"),
    ]
    for path in sorted(package.rglob("*")):
        if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
            continue
        folder = PurePosixPath("briefing_app", *path.relative_to(package).parent.parts)
        found.append((str(path), str(folder)))
    return found


def plugin_name(file_name: str) -> str:
    """'libqxcb.so' -> 'xcb', 'qwindows.dll' -> 'windows', 'libqsvgicon.so' -> 'svgicon'."""
    stem = file_name.split(".", 1)[0]
    stem = stem.removeprefix("lib")
    return stem[1:] if stem.startswith("q") else stem


def _parts(name: str) -> tuple[str, ...]:
    return PurePosixPath(name.replace("\\", "/")).parts


def _file(name: str) -> str:
    """The file name alone, lower case (Windows names imports in any case)."""
    return _parts(name)[-1].lower()


def plugin_kind(name: str) -> str | None:
    """The plugin kind of a bundle path under PySide6/Qt/plugins/, else None."""
    parts = _parts(name)
    if len(parts) >= 5 and parts[:3] == ("PySide6", "Qt", "plugins"):
        return parts[3]
    return None


def keep_plugin(name: str) -> bool:
    kind = plugin_kind(name)
    if kind is None:
        return True
    wanted = KEEP_PLUGINS.get(kind, frozenset())
    return plugin_name(_parts(name)[-1]) in wanted


def is_translation(name: str) -> bool:
    """Qt's own translations: the app speaks English only, and Qt's dialogs
    in another language beside it would read as a mistake."""
    return _parts(name)[:3] == ("PySide6", "Qt", "translations")


def _norm(name: str) -> str:
    return posixpath.normpath(name.replace("\\", "/"))


def keep_data(entries: Iterable[Entry], binaries: Iterable[Entry]) -> list[Entry]:
    """Data without Qt's translations, and without the symbolic links
    PyInstaller made for libraries that keep_binaries left out."""
    entries = [entry for entry in entries if not is_translation(entry[0])]
    files = {_norm(name) for name, _source, _kind in binaries}
    files |= {_norm(name) for name, _source, kind in entries if kind != "SYMLINK"}
    links = {
        _norm(name): _norm(posixpath.join(posixpath.dirname(_norm(name)), target))
        for name, target, kind in entries
        if kind == "SYMLINK"
    }

    def resolves(name: str) -> bool:
        for _hop in range(10):  # a chain of links, never a loop
            if name in files:
                return True
            if name not in links:
                return False
            name = links[name]
        return False

    return [entry for entry in entries if entry[2] != "SYMLINK" or resolves(_norm(entry[0]))]


def keep_binaries(
    entries: Iterable[Entry], imports_of: Callable[[str], Iterable[str]] | None
) -> list[Entry]:
    """Unwanted plugins out, then (given ``imports_of``) only what the rest
    links to.

    ``imports_of(source_path)`` gives the file names a binary links to (its
    ELF NEEDED, Mach-O or PE imports). Roots are Python extension modules,
    the Python library and the kept plugins; a library nothing reaches is
    dropped. Symbolic links (PyInstaller's versioned names) follow their
    target's fate.
    """
    entries = [entry for entry in entries if keep_plugin(entry[0])]
    if imports_of is None:
        return entries
    by_file: dict[str, list[Entry]] = {}
    for entry in entries:
        by_file.setdefault(_file(entry[0]), []).append(entry)

    def is_root(entry: Entry) -> bool:
        name, _source, kind = entry
        return (
            kind == "EXTENSION"
            or plugin_kind(name) is not None
            or _file(name).startswith(("libpython", "python3"))
        )

    needed: set[str] = set()
    todo = [entry for entry in entries if is_root(entry)]
    seen: set[str] = set()
    while todo:
        name, source, kind = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        needed.add(_file(name))
        linked = [source] if kind == "SYMLINK" else imports_of(source)
        for lib in linked:
            todo.extend(by_file.get(_file(lib), []))
    return [entry for entry in entries if is_root(entry) or _file(entry[0]) in needed]


#: Modules imported by name at run time, which PyInstaller cannot see:
#: reportlab's renderPM loads its cairo back end by name (charts and SVG
#: drawings in Word files), and svglib is loaded when a brief has an SVG.
DYNAMIC_MODULES = ["rlPyCairo", "svglib.svglib"]


def hidden_imports() -> list[str]:
    """Everything the bundle's analysis must be told to carry."""
    return sorted({*registered_modules(), *DYNAMIC_MODULES})


def registered_modules() -> list[str]:
    """The writer and checker modules the format registry names as text:
    imported only when first used, so PyInstaller cannot see them."""
    from briefing_app.writers.registry import formats

    names = []
    for fmt in formats():
        for target in (fmt.writer, fmt.checker):
            if isinstance(target, str):
                names.append(target.partition(":")[0])
    return sorted(set(names))
