"""Errors a user can cause, with messages a policy officer understands.

The core raises these; the GUI and the command line show ``str(error)``.
"""

from __future__ import annotations


class BriefError(Exception):
    """Base class for every error the author can cause and act on."""


class BriefFileError(BriefError):
    """A .brief file cannot be read: damaged, foreign, or from a newer version."""

    def __init__(self, problem: str, *, where: str = "", file: str = "") -> None:
        self.problem = problem
        self.where = where
        self.file = file
        parts = [p for p in (file, where) if p]
        prefix = ": ".join(parts)
        super().__init__(f"{prefix}: {problem}" if prefix else problem)


class WriteError(BriefError):
    """A file could not be written (folder missing or read-only, disk full...)."""


class ExportError(BriefError):
    """An export could not be produced."""


class BriefImportError(BriefError):
    """A text, Markdown or Word file could not be imported into a brief."""

    def __init__(self, problem: str, *, file: str = "") -> None:
        self.problem = problem
        self.file = file
        super().__init__(f"{file}: {problem}" if file else problem)


class TemplateError(BriefError):
    """A template cannot be used: broken, unsafe, or missing a file."""

    def __init__(self, template: str, file: str, where: str, line: int, problem: str) -> None:
        self.template = template
        self.file = file
        self.where = where
        self.line = line
        self.problem = problem
        self.template_id = ""  # the folder's name, where known (a user template)
        place = file + (f", {where}" if where else "") + (f", line {line}" if line else "")
        super().__init__(f"The template '{template}' cannot be used ({place}): {problem}")


class FactError(BriefError):
    """Text uses a fact that the brief's facts table does not hold."""


class ExportCancelled(BriefError):
    """The author stopped an export; nothing was written."""

    def __init__(self, message: str = "The export was cancelled; nothing was written.") -> None:
        super().__init__(message)


class UpdateError(BriefError):
    """A colleague's Word file cannot update the brief (nothing matches it)."""


class PictureError(BriefError):
    """A picture cannot be used: not a picture, damaged, too large or unsafe."""

    def __init__(self, problem: str, *, name: str = "") -> None:
        self.problem = problem
        self.name = name
        super().__init__(f"The picture '{name}' cannot be used: {problem}" if name else problem)


class ChartError(BriefError):
    """A chart cannot be drawn from its table (gone, or no numbers in it)."""
