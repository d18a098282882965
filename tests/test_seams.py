"""One authority per decision: the format registry, facts checked once, the
core without Qt, no test switches in the product, one place for paths."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

import briefing_app
from briefing_app import cli
from briefing_app.compose import compose
from briefing_app.document.nodes import Heading, ListNode, ListRole
from briefing_app.errors import ExportError
from briefing_app.export import export_brief
from briefing_app.files import legacy, locations
from briefing_app.model.fact_refs import unknown_facts
from briefing_app.model.storage import save_brief
from briefing_app.sample import load_sample
from briefing_app.writers import registry
from tests.test_cli import assert_clean_error
from tests.test_cli import cli as run_cli

PACKAGE = Path(briefing_app.__file__).resolve().parent


# ------------------------------------------------------------- the registry


def _plain_text(tree, progress=None) -> bytes:
    return "\n".join(tree.body_text()).encode("utf-8")


@pytest.fixture
def plain_text_format():
    fmt = registry.register(
        registry.OutputFormat("text", ".txt", "Plain text", _plain_text, purpose="for e-mail")
    )
    yield fmt
    registry.unregister(fmt.name)


def test_a_registered_format_is_accepted_by_the_export_and_the_command_line(
    tmp_path, plain_text_format, capsys
) -> None:
    with pytest.raises(SystemExit):
        cli.main(["export", "--help"])
    help_text = capsys.readouterr().out
    assert ".txt" in help_text and ".pdf" in help_text and "Plain text" in help_text
    assert registry.for_path("notes.TXT") is plain_text_format
    assert cli.main(["export", "--sample", "-o", str(tmp_path / "brief.txt")]) == 0
    text = (tmp_path / "brief.txt").read_text(encoding="utf-8")
    assert "Belarus: the September 2025 prisoner release" in text


def test_an_unknown_ending_is_refused_never_written_as_another_format(tmp_path, capsys) -> None:
    with pytest.raises(ExportError, match=r"\.pdf, \.docx or \.html"):
        export_brief(load_sample(), tmp_path / "brief.xyz")
    assert cli.main(["export", "--sample", "-o", str(tmp_path / "brief.odt")]) == 1
    err = capsys.readouterr().err
    assert "brief.odt" in err and ".docx" in err
    assert not list(tmp_path.iterdir())


def test_formats_cannot_be_registered_twice(plain_text_format) -> None:
    with pytest.raises(ValueError):
        registry.register(registry.OutputFormat("other", ".txt", "Other", _plain_text))
    with pytest.raises(ValueError):
        registry.register(registry.OutputFormat("text", ".text", "Other", _plain_text))


# ------------------------------------------------------------------- facts


def test_an_unknown_fact_is_named_with_its_sections_in_one_line(tmp_path) -> None:
    b = load_sample()
    b.facts = [f for f in b.facts if f.name != "released"]
    [unknown] = unknown_facts(b)
    assert unknown.name == "released" and "Key points" in unknown.sections
    save_brief(b, tmp_path / "missing.brief")
    line = assert_clean_error(run_cli("export", "missing.brief", "-o", "x.pdf", cwd=tmp_path))
    assert "'released'" in line and "'Key points'" in line and "Facts" in line
    assert not (tmp_path / "x.pdf").exists()


def test_a_fact_used_only_in_a_section_left_out_does_not_stop_the_export(tmp_path) -> None:
    b = load_sample()
    b.facts = [f for f in b.facts if f.name != "released"]
    for section in b.sections:
        if section.title in unknown_facts(b)[0].sections:
            section.included = False
    assert export_brief(b, tmp_path / "ok.pdf").size > 0


# --------------------------------------------------------------- the tree


def test_sources_are_a_numbered_list_decided_by_the_composer() -> None:
    tree = compose(load_sample())
    [sources] = [b for b in tree.blocks if isinstance(b, ListNode) and b.role is ListRole.SOURCES]
    assert sources.ordered and sources.items
    assert tree.furniture.marking == tree.furniture.marking.upper()


@pytest.mark.parametrize("template", ["policy-brief", "meeting-brief", "briefing-note"])
def test_heading_levels_start_at_one_and_never_skip(template) -> None:
    b = load_sample()
    b.template = template
    levels = [h.level for h in compose(b).blocks if isinstance(h, Heading)]
    assert levels and levels[0] == 1
    assert all(later <= earlier + 1 for earlier, later in itertools.pairwise(levels))


# ------------------------------------------------------------ the core, no Qt

_NO_QT = """
import importlib, pkgutil, sys
import importlib.abc

class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"{name} is made unimportable for this test")
        return None

sys.meta_path.insert(0, NoQt())
import briefing_app
names = [m.name for m in pkgutil.walk_packages(briefing_app.__path__, "briefing_app.")]
core = [n for n in names if not n.startswith("briefing_app.gui") and not n.endswith("__main__")]
for name in core:
    importlib.import_module(name)
assert not any(m.split(".")[0] in ("PySide6", "shiboken6") for m in sys.modules)
print(len(core))
"""


def test_every_module_outside_the_gui_imports_without_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _NO_QT], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert int(result.stdout.strip()) > 40  # every core module, not a handful


def test_the_product_has_no_test_switches() -> None:
    sources = [p for p in PACKAGE.rglob("*.py")]
    assert sources
    for path in sources:
        text = path.read_text(encoding="utf-8")
        assert "BRIEFING_TEST" not in text, path
        assert "test_hooks" not in text, path


# ------------------------------------------------------------------ paths


def test_one_place_decides_the_users_folders(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(locations.TEMPLATES_OVERRIDE, raising=False)
    if sys.platform.startswith("linux"):
        assert locations.user_data_dir() == tmp_path / "data" / "briefing-builder"
        assert locations.settings_file().parent == tmp_path / "config" / "briefing-builder"
    data = locations.user_data_dir()
    assert locations.user_templates_dir() == data / "templates"
    assert locations.recovery_dir() == data / "recovery"
    assert locations.backups_dir() == data / "backups"
    # The app's name appears once in each path.
    for path in (locations.recovery_dir(), locations.settings_file()):
        assert str(path).count(locations.app_folder_name()) == 1
    # The command line says the same folder for templates.
    result = run_cli("templates", cwd=tmp_path)
    assert str(data / "templates") in result.stdout


def test_version_1_recovery_copies_and_backups_move_to_the_new_folder(tmp_path) -> None:
    old, new = tmp_path / "old" / "Briefing Builder" / "Briefing Builder", tmp_path / "new"
    (old / "recovery").mkdir(parents=True)
    (old / "recovery" / "a.brief").write_text("unsaved work", encoding="utf-8")
    (old / "backups" / "x").mkdir(parents=True)
    (old / "backups" / "x" / "1.brief").write_text("version", encoding="utf-8")
    (new / "recovery").mkdir(parents=True)
    (new / "recovery" / "b.brief").write_text("newer", encoding="utf-8")
    moved = legacy.move_legacy_data(old, new)
    assert (new / "recovery" / "a.brief").read_text(encoding="utf-8") == "unsaved work"
    assert (new / "recovery" / "b.brief").read_text(encoding="utf-8") == "newer"
    assert (new / "backups" / "x" / "1.brief").read_text(encoding="utf-8") == "version"
    assert not (old / "recovery").exists() and len(moved) == 2
    assert legacy.move_legacy_data(old, new) == []  # nothing left to move


def test_the_test_run_never_uses_the_real_home() -> None:
    assert not str(locations.user_data_dir()).startswith(str(Path.home() / ".local"))
    assert os.environ.get("XDG_DATA_HOME")
