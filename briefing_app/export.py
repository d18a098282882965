"""Export a brief: compose the tree once, hand it to the writer for the format.

This is the one entry point the CLI and the GUI use for exports.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from briefing_app.atomic import atomic_write
from briefing_app.compose import compose
from briefing_app.document.nodes import Document
from briefing_app.errors import ExportError
from briefing_app.model.brief import Brief
from briefing_app.progress import Progress


class ExportFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"

    @property
    def label(self) -> str:
        return {ExportFormat.PDF: "PDF", ExportFormat.DOCX: "Word", ExportFormat.HTML: "HTML"}[self]

    @property
    def suffix(self) -> str:
        return "." + self.value


def format_for_path(path: str | os.PathLike[str]) -> ExportFormat:
    suffix = Path(path).suffix.lower().lstrip(".")
    try:
        return ExportFormat(suffix)
    except ValueError:
        *others, last = (f.suffix for f in ExportFormat)
        allowed = f"{', '.join(others)} or {last}"
        raise ExportError(
            f"Cannot tell which format to export '{Path(path).name}' as: "
            f"give the file name the ending {allowed}."
        ) from None


def render(tree: Document, fmt: ExportFormat, progress: Progress | None = None) -> bytes:
    """The bytes of ``tree`` in ``fmt``. Writers are imported lazily: each
    pulls in a large library that start-up does not need. ``progress``
    hears how far the writer has got and can stop it."""
    if fmt is ExportFormat.PDF:
        from briefing_app.writers.pdf import write_pdf

        return write_pdf(tree, progress)
    if fmt is ExportFormat.HTML:
        from briefing_app.writers.html import write_html

        return write_html(tree)
    from briefing_app.writers.docx import write_docx

    return write_docx(tree, progress)


def glyph_warnings(tree: Document) -> list[str]:
    """Plain-words warnings for characters the embedded PDF font cannot draw."""
    from briefing_app.writers.pdf_fonts import describe_characters, missing_characters

    missing = missing_characters(tree.all_text(), tree.style.pdf_font, tree.style.font_dir)
    if not missing:
        return []
    return [
        "The PDF font cannot draw these characters, so they would appear as empty boxes: "
        f"{describe_characters(missing)}. Replace them, or check the Word file, which uses "
        "the reader's own fonts."
    ]


@dataclass(slots=True)
class ExportReport:
    path: Path
    format: ExportFormat
    size: int
    warnings: list[str] = field(default_factory=list)


def export_brief(
    brief: Brief,
    path: str | os.PathLike[str],
    fmt: ExportFormat | None = None,
    progress: Progress | None = None,
) -> ExportReport:
    """Write ``brief`` to ``path``; the target is replaced atomically, so a
    failed export never leaves a partial file or damages an earlier one.

    ``progress`` (optional) hears how far the export has got; cancelling it
    stops the export with ExportCancelled before anything is written.
    """
    fmt = fmt or format_for_path(path)
    tree = compose(brief)
    warnings = glyph_warnings(tree) if fmt is ExportFormat.PDF else []
    data = render(tree, fmt, progress)
    if progress is not None:
        progress.check()  # cancelled while the last page was laid out
    target = atomic_write(path, data)
    return ExportReport(target, fmt, len(data), warnings)
