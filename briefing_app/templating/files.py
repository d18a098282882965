"""The files a template brings - logo, Word reference, fonts - checked when it loads.

A template comes from anywhere, so a file it names must be inside its own
folder (no absolute path, no "..", no link pointing out), is read through
the one bounded reader (files/reading.py), and is checked for what it claims
to be before any export uses it: a logo's declared size is read before it is
decoded (a 50,000 x 50,000 PNG is a few kilobytes on disk and gigabytes
decoded), a Word document's declared sizes and XML before python-docx opens
it, and a font by reading it as the PDF writer will.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path, PurePosixPath, PureWindowsPath

from briefing_app.errors import BriefImportError
from briefing_app.files.reading import MB, FileReadError, read_file

MAX_FILE_BYTES = 5 * MB
#: The logo is printed 16 mm high: a few hundred pixels are plenty, and this
#: many (48 MB decoded) is already far more.
MAX_LOGO_PIXELS = 12_000_000


class FileProblem(Exception):
    """A template's file cannot be used; the message says why, naming it."""


def inside(folder: Path, name: str) -> Path:
    """The file ``name`` (as the manifest writes it) inside ``folder``, links resolved."""
    pure = PurePosixPath(name.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(name).drive or ".." in pure.parts:
        raise FileProblem(
            f"must name a file inside the template's folder, such as \"logo.png\", not '{name}'"
        )
    try:
        root = folder.resolve()
        path = (root / pure).resolve()
    except (OSError, RuntimeError):
        raise FileProblem(f"'{name}' is a link that points to itself") from None
    if root not in path.parents:
        raise FileProblem(
            f"'{name}' is a link to a place outside the template's folder; put the file itself "
            "in the folder"
        )
    return path


def read(path: Path, name: str, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a template's file, at most ``limit``."""
    if not path.exists():
        raise FileProblem(f"the file '{name}' is missing")
    try:
        return read_file(path, limit)
    except FileReadError as exc:
        problem = exc.problem.replace("the file is ", "it is ")
        raise FileProblem(f"the file '{name}' cannot be used: {problem}") from None


def check_logo(data: bytes, name: str) -> None:
    """A PNG or JPEG picture of a sane size that decodes."""
    if not data.startswith((b"\x89PNG", b"\xff\xd8\xff")):
        raise FileProblem(f"the file '{name}' is not of the expected kind (a PNG or JPEG picture)")
    from PIL import Image

    too_large = (
        f"the picture '{name}' has far too many pixels{{size}} for a logo printed 16 mm high "
        f"(the limit is {MAX_LOGO_PIXELS:,}); save a smaller copy"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            # Opening reads the header only: the size is known before any decoding.
            with Image.open(io.BytesIO(data), formats=["PNG", "JPEG"]) as image:
                width, height = image.size
                if width * height > MAX_LOGO_PIXELS:
                    raise FileProblem(too_large.format(size=f" ({width:,} x {height:,})"))
                image.load()
    except Image.DecompressionBombError:
        raise FileProblem(too_large.format(size="")) from None
    except FileProblem:
        raise
    except Exception:
        # A damaged picture makes Pillow raise any of a dozen errors: each
        # means the same to the author.
        raise FileProblem(f"the picture '{name}' is damaged and cannot be read") from None


def check_reference(data: bytes, name: str) -> None:
    """A Word document that python-docx can open, checked for zip bombs first."""
    from briefing_app.importers.word_package import check_package

    try:
        check_package(data, name=name)
    except BriefImportError as exc:
        raise FileProblem(f"the Word document '{name}' cannot be used: {exc.problem}") from None
    import docx

    try:
        docx.Document(io.BytesIO(data))
    except Exception:
        # python-docx and lxml raise many kinds of error for a broken package.
        raise FileProblem(
            f"the Word document '{name}' is damaged or is not a Word document; open it in "
            "Word and save it again as .docx"
        ) from None


def check_font(data: bytes, name: str) -> None:
    """A TrueType font the PDF writer can embed."""
    from briefing_app.writers.pdf_fonts import font_problem

    problem = font_problem(data)
    if problem:
        raise FileProblem(f"the font file '{name}' {problem}")
