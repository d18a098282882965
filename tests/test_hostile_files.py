"""Files that are not what they seem: pipes, devices, duplicate fields,
read-only exports, names at the file system's limit or full of control
characters. Each ends in a plain one-line message or a correct result,
within a time and memory bound (tests/child.py)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from briefing_app.errors import BriefFileError, WriteError
from briefing_app.export import export_brief
from briefing_app.files.atomic import atomic_write
from briefing_app.model.storage import dumps, load_brief, loads, save_brief
from briefing_app.sample import load_sample
from tests.child import cli

needs_posix = pytest.mark.skipif(os.name != "posix", reason="pipes and devices are POSIX")


@needs_posix
def test_a_named_pipe_as_the_brief_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.brief")
    out = cli("export", "pipe.brief", "-o", "x.pdf", cwd=tmp_path, seconds=60)
    out.assert_bounded()
    assert "named pipe" in out.error_line and "pipe.brief" in out.error_line
    assert not (tmp_path / "x.pdf").exists()


@needs_posix
def test_a_named_pipe_to_import_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "notes.txt")
    out = cli("import", "notes.txt", "-o", "notes.brief", cwd=tmp_path, seconds=60)
    out.assert_bounded()
    assert "named pipe" in out.error_line
    assert not (tmp_path / "notes.brief").exists()


@needs_posix
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} is not here")
    (tmp_path / "zero.brief").symlink_to(device)
    out = cli("export", "zero.brief", "-o", "x.pdf", cwd=tmp_path, seconds=60, memory_mb=512)
    out.assert_bounded()
    assert "a device, not a file" in out.error_line
    with pytest.raises(BriefFileError, match="device"):
        load_brief(tmp_path / "zero.brief")


def test_a_folder_and_a_missing_file_say_so(tmp_path: Path) -> None:
    with pytest.raises(BriefFileError, match="folder"):
        load_brief(tmp_path)
    with pytest.raises(BriefFileError, match="does not exist"):
        load_brief(tmp_path / "gone.brief")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            '{"format": "briefing-builder/brief", "schema_version": 99, "schema_version": 3}',
            "schema_version",
        ),
        ('{"format": "briefing-builder/brief", "format": "x", "schema_version": 3}', "format"),
    ],
)
def test_duplicate_fields_are_refused(text: str, field: str) -> None:
    with pytest.raises(BriefFileError, match=f"'{field}' appears twice"):
        loads(text.encode(), name="twice.brief")


def test_a_duplicate_field_deep_inside_is_refused_too() -> None:
    data = json.loads(dumps(load_sample()))
    raw = json.dumps(data)
    # The first section's "title" written twice (json.dumps cannot do it).
    doubled = raw.replace('"title": ', '"title": "first", "title": ', 2)
    with pytest.raises(BriefFileError, match="'title' appears twice"):
        loads(doubled.encode(), name="deep.brief")
    assert loads(raw.encode()).metadata.title == load_sample().metadata.title


def test_a_read_only_earlier_export_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "for the minister.pdf"
    export_brief(load_sample(), target)
    before = target.read_bytes()
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    with pytest.raises(WriteError, match="read-only"):
        export_brief(load_sample(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left
    out = cli("export", "--sample", "-o", target.name, cwd=tmp_path)
    assert "read-only" in out.error_line and out.returncode == 1
    target.chmod(0o644)
    export_brief(load_sample(), target)  # writable again: replaced as usual


@pytest.mark.parametrize("length", [200, 242, 250, 254, 255])
def test_output_names_up_to_the_file_system_limit_work(tmp_path: Path, length: int) -> None:
    name = "b" * (length - len(".pdf")) + ".pdf"
    path = export_brief(load_sample(), tmp_path / name).path
    assert path.name == name and path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    save_brief(load_sample(), tmp_path / ("c" * 249 + ".brief"))


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_longer_names_get_a_plain_message(tmp_path: Path, length: int) -> None:
    name = "d" * (length - len(".pdf")) + ".pdf"
    with pytest.raises(WriteError, match="too long"):
        atomic_write(tmp_path / name, b"x")
    out = cli("export", "--sample", "-o", name, cwd=tmp_path)
    line = out.error_line
    assert "too long" in line and len(line) < 200
    assert not list(tmp_path.iterdir())


@needs_posix
def test_names_with_control_characters_reach_the_terminal_escaped(tmp_path: Path) -> None:
    name = "evil\x1b[31m\x07\nsecond line\u202e.brief"
    (tmp_path / name).write_bytes(b"not a brief")
    out = cli("export", name, "-o", "x.pdf", cwd=tmp_path)
    line = out.error_line  # one line, although the name holds a line break
    assert "\x1b" not in out.stderr and "\x07" not in out.stderr and "\u202e" not in out.stderr
    assert "evil\\x1b[31m\\x07\\x0asecond line\\u202e.brief" in line


@needs_posix
def test_a_template_folder_name_with_escape_codes_is_listed_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "odd\x1b[2J\x07"
    folder.mkdir(parents=True)
    (folder / "manifest.toml").write_text("not = [valid", encoding="utf-8")
    env = dict(os.environ, BRIEFING_TEMPLATES=str(tmp_path / "templates"))
    out = cli("templates", cwd=tmp_path, env=env)
    assert out.returncode == 0, out.stderr
    assert "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout + out.stderr
    assert "odd\\x1b[2J\\x07" in out.stderr
