"""The output formats, listed once.

Each format registers its name, file ending, label and writer (a function
from the document tree to bytes); the export, the command line's help and
accepted endings, and the app's File menu are all built from this list. An
unknown format or ending is an error, never a fall-through to another
writer.

Writers are named as "module:function" and imported when first used: each
pulls in a large library (reportlab, python-docx) that start-up and the
other formats do not need.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.document.nodes import Document
from briefing_app.errors import ExportError
from briefing_app.progress import Progress

#: Document tree (and an optional progress to report to) -> the file's bytes.
Writer = Callable[[Document, Progress | None], bytes]
#: Document tree -> warnings in plain words (characters a font lacks, say).
Checker = Callable[[Document], list[str]]


def _resolve(target: str | Callable) -> Callable:
    if callable(target):
        return target
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclass(frozen=True, slots=True)
class OutputFormat:
    name: str  # "pdf": how code and tests refer to it
    suffix: str  # ".pdf"
    label: str  # "PDF", as in "Export PDF…" and "PDF files (*.pdf)"
    writer: str | Writer = field(repr=False)
    purpose: str = ""  # a few words for the menu's tip
    shortcut: str = ""  # in the app's File menu
    mnemonic: str = ""  # the letter underlined in the menu ("" for the first)
    toolbar: bool = False  # a button on the app's toolbar too
    checker: str | Checker | None = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.name

    def write(self, tree: Document, progress: Progress | None = None) -> bytes:
        return _resolve(self.writer)(tree, progress)

    def warnings(self, tree: Document) -> list[str]:
        return _resolve(self.checker)(tree) if self.checker is not None else []

    @property
    def menu_text(self) -> str:
        """ "Export &PDF…": the mnemonic letter marked for the menu."""
        letter = self.mnemonic or self.label[:1]
        index = self.label.find(letter)
        label = self.label if index < 0 else f"{self.label[:index]}&{self.label[index:]}"
        return f"Export {label}…"


_FORMATS: dict[str, OutputFormat] = {}


def register(fmt: OutputFormat) -> OutputFormat:
    """Add a format; its name and ending must be new."""
    if not fmt.suffix.startswith(".") or len(fmt.suffix) < 2:
        raise ValueError(f"a file ending starts with a dot: {fmt.suffix!r}")
    clash = next(
        (f for f in _FORMATS.values() if f.name == fmt.name or f.suffix == fmt.suffix.lower()),
        None,
    )
    if clash is not None:
        raise ValueError(f"the format {clash.name!r} already has this name or file ending")
    _FORMATS[fmt.name] = fmt
    return fmt


def unregister(name: str) -> None:
    _FORMATS.pop(name, None)


def formats() -> tuple[OutputFormat, ...]:
    """Every format, in the order they were registered (menus follow it)."""
    return tuple(_FORMATS.values())


def get(name: str) -> OutputFormat:
    try:
        return _FORMATS[name]
    except KeyError:
        raise ExportError(f"There is no export format called '{name}'.") from None


def endings() -> str:
    """The accepted endings in words: ".pdf, .docx or .html"."""
    *others, last = (f.suffix for f in formats())
    return f"{', '.join(others)} or {last}" if others else last


def for_path(path: str | os.PathLike[str]) -> OutputFormat:
    """The format a file name's ending asks for."""
    suffix = Path(path).suffix.lower()
    found = next((f for f in formats() if f.suffix == suffix), None)
    if found is None:
        raise ExportError(
            f"Cannot tell which format to export '{Path(path).name}' as: "
            f"give the file name the ending {endings()}."
        )
    return found


PDF = register(
    OutputFormat(
        "pdf",
        ".pdf",
        "PDF",
        "briefing_app.writers.pdf:write_pdf",
        purpose="for the meeting, as it will print",
        shortcut="Ctrl+Shift+E",
        toolbar=True,
        checker="briefing_app.writers.pdf_fonts:glyph_warnings",
    )
)
WORD = register(
    OutputFormat(
        "docx",
        ".docx",
        "Word",
        "briefing_app.writers.docx:write_docx",
        purpose="for colleagues to comment on",
        shortcut="Ctrl+Shift+W",
        toolbar=True,
    )
)
HTML = register(
    OutputFormat(
        "html",
        ".html",
        "HTML",
        "briefing_app.writers.html:write_html",
        purpose="a web page, for publishing online",
    )
)
