"""Finding templates: the shipped ones and the user's own, by id.

A user template with the id of a shipped one replaces it; one that cannot be
used is listed as a problem, never a crash. Templates are read once and kept
while their manifest is unchanged.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from briefing_app.errors import TemplateError
from briefing_app.files.locations import templates_dir, user_templates_dir
from briefing_app.model.brief import DEFAULT_TEMPLATE, SectionKind
from briefing_app.templating import files
from briefing_app.templating.files import FileProblem
from briefing_app.templating.manifest import MANIFEST, MAX_MANIFEST_BYTES, Template, load_template


@dataclass(frozen=True, slots=True)
class Catalogue:
    templates: tuple[Template, ...]
    problems: tuple[TemplateError, ...]  # user templates that could not be used

    def get(self, template_id: str) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)


_cache: dict[tuple, Template] = {}


def forget() -> None:
    """Read every template again on next use (after one is installed)."""
    _cache.clear()


def _cached_load(folder: Path, builtin: bool) -> Template:
    manifest = folder / MANIFEST
    try:
        stamp = manifest.stat().st_mtime_ns
    except OSError:
        stamp = 0
    key = (str(folder), builtin, stamp)
    if key not in _cache:
        _cache[key] = load_template(folder, builtin=builtin)
    return _cache[key]


def catalogue(user_dir: Path | None = None) -> Catalogue:
    """Every usable template: shipped ones first, then the user's own (a user
    template with the id of a shipped one replaces it)."""
    found: dict[str, Template] = {}
    problems: list[TemplateError] = []
    for folder in sorted(p for p in templates_dir().iterdir() if (p / MANIFEST).is_file()):
        found[folder.name] = _cached_load(folder, True)
    user = user_dir if user_dir is not None else user_templates_dir()
    if user.is_dir():
        for folder in sorted(p for p in user.iterdir() if p.is_dir()):
            try:
                found[folder.name] = _cached_load(folder, False)
            except TemplateError as exc:
                exc.template_id = folder.name
                problems.append(exc)
    ordered = sorted(
        found.values(), key=lambda t: (t.id != DEFAULT_TEMPLATE, not t.builtin, t.name)
    )
    return Catalogue(tuple(ordered), tuple(problems))


def _folders(user_dir: Path | None) -> dict[str, tuple[Path, bool]]:
    """Template id -> (folder, shipped?); a user folder overrides a shipped id."""
    found = {p.name: (p, True) for p in templates_dir().iterdir() if (p / MANIFEST).is_file()}
    user = user_dir if user_dir is not None else user_templates_dir()
    if user.is_dir():
        found.update({p.name: (p, False) for p in user.iterdir() if (p / MANIFEST).is_file()})
    return found


def get_template(template_id: str, user_dir: Path | None = None) -> Template:
    """The template with this id, or the default one if it is not installed
    or cannot be used. Only that template is read: exports stay quick."""
    folders = _folders(user_dir)
    for wanted in (template_id, DEFAULT_TEMPLATE):
        if wanted in folders:
            folder, builtin = folders[wanted]
            try:
                return _cached_load(folder, builtin)
            except TemplateError:
                if builtin:
                    raise
    return _cached_load(templates_dir() / DEFAULT_TEMPLATE, True)


def heading_sources(user_dir: Path | None = None) -> dict[SectionKind, set[str]]:
    """Every installed template's heading text for each kind, read from the
    manifests alone (no checking: used only to recognise standard titles)."""
    out: dict[SectionKind, set[str]] = {}
    for folder, _builtin in _folders(user_dir).values():
        for kind_name, source in _manifest_headings(folder / MANIFEST).items():
            try:
                out.setdefault(SectionKind(kind_name), set()).add(source)
            except ValueError:
                continue
    return out


@functools.cache
def _manifest_headings_at(path: str, stamp: int) -> dict[str, str]:
    manifest = Path(path)
    try:
        raw = files.read(files.inside(manifest.parent, MANIFEST), MANIFEST, MAX_MANIFEST_BYTES)
        data = tomllib.loads(raw.decode("utf-8"))
    except (FileProblem, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}
    headings = data.get("headings", {})
    if not isinstance(headings, dict):
        return {}
    return {k: v.strip() for k, v in headings.items() if isinstance(v, str)}


def _manifest_headings(path: Path) -> dict[str, str]:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _manifest_headings_at(str(path), stamp)
