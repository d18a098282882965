"""Installing an organisation's own template into the user's template folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from briefing_app.errors import BriefError
from briefing_app.files.atomic import atomic_write
from briefing_app.files.locations import templates_dir, user_templates_dir
from briefing_app.files.reading import FileReadError, read_file
from briefing_app.templating.finder import forget
from briefing_app.templating.manifest import MANIFEST, Template, load_template

MAX_TEMPLATE_FILES = 200
MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def install_template(
    source: Path, user_dir: Path | None = None, *, replace: bool = False
) -> Template:
    """Copy the template folder ``source`` into the user's template folder.

    The template is checked first; nothing is copied if it cannot be used.
    Symbolic links and oversized folders are refused; an installed template
    of the same name is replaced only when ``replace`` is true.
    """
    source = Path(source)
    load_template(source)  # refuses a broken or unsafe template before any copying
    target_root = user_dir if user_dir is not None else user_templates_dir()
    builtin_ids = {p.name for p in templates_dir().iterdir() if (p / MANIFEST).is_file()}
    if source.name in builtin_ids:
        raise BriefError(
            f"A template shipped with the app is already called '{source.name}'. "
            "Rename the template's folder, then import it again."
        )
    target = target_root / source.name
    if target.exists() and not replace:
        raise BriefError(f"A template called '{source.name}' is already installed.")
    contents = _read_folder(source)
    target_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{source.name}.", dir=target_root))
    try:
        for relative, data in contents.items():
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(destination, data)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    except OSError as exc:
        raise BriefError(f"The template could not be installed: {exc.strerror or exc}.") from None
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    forget()
    return load_template(target)


def _read_folder(source: Path) -> dict[Path, bytes]:
    """Every file of the template's folder (relative path -> bytes), read
    through the bounded reader; links, devices and oversized folders refused."""
    too_large = BriefError("The template's folder is too large (at most 200 files and 20 MB).")
    contents: dict[Path, bytes] = {}
    total = entries = 0
    for root, folders, names in os.walk(source, followlinks=False):
        here = Path(root)
        entries += len(folders) + len(names)
        if entries > MAX_TEMPLATE_FILES:
            raise too_large  # before reading anything of a folder of thousands
        for name in folders + names:
            if (here / name).is_symlink():
                raise BriefError(
                    "The template's folder contains links to other places; copy real files."
                )
        for name in names:
            try:
                data = read_file(here / name, MAX_TEMPLATE_BYTES - total)
            except FileReadError as exc:
                if "too large" in exc.problem:
                    raise too_large from None
                raise BriefError(
                    f"The template's file '{name}' cannot be copied: {exc.problem}."
                ) from None
            total += len(data)
            contents[(here / name).relative_to(source)] = data
    return contents
