"""Export a brief: compose the tree once, hand it to the writer for the format.

This is the one entry point the CLI and the GUI use for exports; the
formats themselves are listed in briefing_app/writers/registry.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from briefing_app.compose import compose
from briefing_app.document.nodes import Document
from briefing_app.files.atomic import atomic_write
from briefing_app.model.brief import Brief
from briefing_app.progress import Progress
from briefing_app.writers.registry import OutputFormat, for_path


def render(tree: Document, fmt: OutputFormat, progress: Progress | None = None) -> bytes:
    """The bytes of ``tree`` in ``fmt``. ``progress`` hears how far the
    writer has got and can stop it."""
    return fmt.write(tree, progress)


@dataclass(slots=True)
class ExportReport:
    path: Path
    format: OutputFormat
    size: int
    warnings: list[str] = field(default_factory=list)


def export_brief(
    brief: Brief,
    path: str | os.PathLike[str],
    fmt: OutputFormat | None = None,
    progress: Progress | None = None,
    *,
    draft: bool = False,
) -> ExportReport:
    """Write ``brief`` to ``path`` (in the format its ending names, unless
    ``fmt`` is given); the target is replaced atomically, so a failed export
    never leaves a partial file or damages an earlier one. A ``draft`` is
    marked as one on every page and shows the "needs source" marks.

    ``progress`` (optional) hears how far the export has got; cancelling it
    stops the export with ExportCancelled before anything is written.
    """
    fmt = fmt or for_path(path)
    tree = compose(brief, draft=draft)
    # The composer's own warnings hold for every format; the format's
    # checker adds its own (characters its font cannot draw, say).
    warnings = [*tree.warnings, *fmt.warnings(tree)]
    data = render(tree, fmt, progress)
    if progress is not None:
        progress.check()  # cancelled while the last page was laid out
    target = atomic_write(path, data)
    return ExportReport(target, fmt, len(data), warnings)
