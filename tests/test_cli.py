"""The command line, run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefing_app import __version__
from tests.pdf_text import pages_text


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONUTF8="1")
    env.pop("BRIEFING_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def assert_clean_error(result: subprocess.CompletedProcess[str]) -> str:
    """The one error line (the check's warnings may come before it)."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    *warnings, last = lines
    assert all(w.startswith("briefing-app: warning: ") for w in warnings), result.stderr
    assert last.startswith("briefing-app: error: "), result.stderr
    return last


def test_export_sample_to_pdf_and_docx(tmp_path: Path) -> None:
    for name in ("brief.pdf", "brief.docx", "brief.html"):
        result = cli("export", "--sample", "-o", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert str(tmp_path / name) in result.stdout
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF")
    assert "52" in " ".join(pages_text((tmp_path / "brief.pdf").read_bytes()))
    assert (tmp_path / "brief.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "brief.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_sample_written_out_then_exported(tmp_path: Path) -> None:
    assert cli("sample", "-o", "mine.brief", cwd=tmp_path).returncode == 0
    result = cli("export", "mine.brief", "-o", "mine.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "mine.pdf").exists()


def test_sample_does_not_overwrite_without_force(tmp_path: Path) -> None:
    target = tmp_path / "mine.brief"
    target.write_text("my work")
    line = assert_clean_error(cli("sample", "-o", "mine.brief", cwd=tmp_path))
    assert "already exists" in line
    assert target.read_text() == "my work"
    assert cli("sample", "-o", "mine.brief", "--force", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "briefing-builder/brief", "schema_version": 2, "meta', "damaged"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not text"),
        (b"", "empty"),
        (b'{"format": "briefing-builder/brief", "schema_version": 99}', "newer version"),
        (b'{"hello": "world"}', "not a Briefing Builder brief"),
    ],
)
def test_bad_brief_gives_one_clear_line_and_no_output(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    (tmp_path / "bad.brief").write_bytes(content)
    line = assert_clean_error(cli("export", "bad.brief", "-o", "out.pdf", cwd=tmp_path))
    assert expected in line
    assert "bad.brief" in line
    assert not (tmp_path / "out.pdf").exists()
    assert (tmp_path / "bad.brief").read_bytes() == content


def test_failed_export_keeps_an_earlier_export(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").write_bytes(b"earlier export")
    (tmp_path / "bad.brief").write_text("{")
    assert_clean_error(cli("export", "bad.brief", "-o", "out.pdf", cwd=tmp_path))
    assert (tmp_path / "out.pdf").read_bytes() == b"earlier export"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "missing.brief", "-o", "x.pdf"], "does not exist"),
        (["export", "--sample", "-o", "x.txt"], ".pdf, .docx or .html"),
        (["export", "--sample", "-o", "no/such/folder/x.pdf"], "does not exist"),
        (["export", "--sample", "-o", "."], "give the file name the ending"),
    ],
)
def test_user_errors(tmp_path: Path, args: list[str], expected: str) -> None:
    line = assert_clean_error(cli(*args, cwd=tmp_path))
    assert expected in line
    assert [p.name for p in tmp_path.iterdir()] == []


def test_folder_where_the_file_name_should_be(tmp_path: Path) -> None:
    (tmp_path / "taken.pdf").mkdir()
    line = assert_clean_error(cli("export", "--sample", "-o", "taken.pdf", cwd=tmp_path))
    assert "is a folder" in line


def test_version() -> None:
    result = cli("--version", cwd=Path.cwd())
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_characters_the_pdf_font_lacks_are_reported(tmp_path: Path) -> None:
    from briefing_app.model.storage import save_brief
    from tests.builders import brief, text_section

    save_brief(brief(text_section("Names", "Meeting with 王小明 in Minsk")), tmp_path / "cjk.brief")
    result = cli("export", "cjk.brief", "-o", "cjk.pdf", cwd=tmp_path)
    assert result.returncode == 0
    assert "warning" in result.stderr and "U+738B" in result.stderr
    assert (tmp_path / "cjk.pdf").exists()


def test_a_mistyped_command_is_an_error_not_the_window(tmp_path: Path) -> None:
    (tmp_path / "x.brief").write_text("{}", encoding="utf-8")
    result = cli("chek", "x.brief", cwd=tmp_path)
    assert result.returncode == 2
    line = assert_clean_error(result)
    assert "'chek' is not a command" in line
    for command in ("export", "check", "sample", "import", "templates"):
        assert command in line


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "BRIEFING_DEBUG")
    }
    result = subprocess.run(
        [sys.executable, "-m", "briefing_app"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    if not sys.platform.startswith("linux"):
        pytest.skip("only Linux sessions are told apart by their display")
    assert result.returncode == 1
    line = assert_clean_error(result)
    assert "desktop session" in line and "briefing-app export" in line


def test_export_lists_the_checks_findings_and_strict_refuses(tmp_path: Path) -> None:
    result = cli("export", "--sample", "-o", "brief.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.strip().splitlines()
    assert sum("is marked as needing a source" in w for w in warnings) == 3
    assert all(w.startswith("briefing-app: warning: ") for w in warnings)
    assert (tmp_path / "brief.pdf").exists()
    strict = cli("export", "--sample", "-o", "strict.pdf", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "3 errors" in assert_clean_error(strict)
    assert not (tmp_path / "strict.pdf").exists()


def test_export_a_draft(tmp_path: Path) -> None:
    result = cli("export", "--sample", "-o", "draft.pdf", "--draft", "--strict", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Exported PDF draft" in result.stdout
    text = " ".join(pages_text((tmp_path / "draft.pdf").read_bytes()))
    assert "[source needed]" in text
    final = cli("export", "--sample", "-o", "final.pdf", cwd=tmp_path)
    assert final.returncode == 0
    assert "[source needed]" not in " ".join(pages_text((tmp_path / "final.pdf").read_bytes()))


_IMPORTS_PROBE = """
import sys
from briefing_app.cli import main
code = main(sys.argv[1:])
loaded = {name.split(".")[0] for name in sys.modules}
print(" ".join(sorted(loaded & {"PySide6", "shiboken6", "docx", "lxml", "jinja2", "reportlab"})))
raise SystemExit(code)
"""


@pytest.mark.parametrize(
    ("name", "expected"),
    [("x.pdf", "jinja2 reportlab"), ("x.html", "jinja2 reportlab")],
)
def test_an_export_imports_only_what_its_format_and_the_check_need(
    tmp_path: Path, name: str, expected: str
) -> None:
    """No Qt, no Word writer (python-docx, lxml) for a PDF or a web page; the
    PDF's check measures the page budget with the same render the export
    writes (reportlab for HTML too: the budget needs a real layout)."""
    env = dict(os.environ, PYTHONUTF8="1")
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS_PROBE, "export", "--sample", "-o", name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == expected


def test_the_cli_export_lays_the_pdf_out_once(monkeypatch, tmp_path: Path) -> None:
    """The check's page budget and the export share one render."""
    from briefing_app import cli as cli_module
    from briefing_app.writers import pdf_document

    passes = []
    real = pdf_document.PdfPass.run

    def counted(self, *args, **kwargs):
        passes.append(self.final)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(pdf_document.PdfPass, "run", counted)
    monkeypatch.chdir(tmp_path)
    assert cli_module.main(["export", "--sample", "-o", "x.pdf"]) == 0
    assert passes == [True]
    # The file written is that render: as many pages as the tree lays out on.
    from briefing_app.compose import compose
    from briefing_app.sample import load_sample
    from briefing_app.writers.pdf import measure_pages

    pages = measure_pages(compose(load_sample())).pages
    assert len(pages_text((tmp_path / "x.pdf").read_bytes())) == pages >= 3
