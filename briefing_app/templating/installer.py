"""Installing an organisation's own template into the user's template folder."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from briefing_app.errors import BriefError
from briefing_app.files.atomic import atomic_write
from briefing_app.files.locations import templates_dir, user_templates_dir
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
    files = [p for p in source.rglob("*")]
    if any(p.is_symlink() for p in files):
        raise BriefError("The template's folder contains links to other places; copy real files.")
    files = [p for p in files if p.is_file()]
    if len(files) > MAX_TEMPLATE_FILES or sum(p.stat().st_size for p in files) > MAX_TEMPLATE_BYTES:
        raise BriefError("The template's folder is too large (at most 200 files and 20 MB).")
    target_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{source.name}.", dir=target_root))
    try:
        for path in files:
            destination = staging / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(destination, path.read_bytes())
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
