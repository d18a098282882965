"""Imported briefs export to PDF and Word with their text; the CLI import."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing_app.export import export_brief
from briefing_app.importers import SourceFormat, import_bytes
from briefing_app.model.storage import load_brief
from tests.docx_text import body_text
from tests.docx_text import squash as docx_squash
from tests.import_samples import SAMPLE_MARKDOWN, SAMPLE_TEXT, sample_docx
from tests.pdf_text import link_targets, no_space, pages_text
from tests.test_cli import assert_clean_error, cli

SAMPLES = {
    "text": (SAMPLE_TEXT.encode(), SourceFormat.TEXT),
    "markdown": (SAMPLE_MARKDOWN.encode(), SourceFormat.MARKDOWN),
    "word": (sample_docx(), SourceFormat.WORD),
}

# Text every sample holds, as a reader of the exports would find it.
EXPECTED = [
    "Belarus frees 52 political prisoners",
    "Did you know?",
    "Table 1:",
    "US sanctions",
    "Drone incursion",
    "Source: ",
    "Recommendations",
    "Welcome the release publicly.",
    "Sources",
]
EXPECTED_LINKS = ["https://www.reuters.com", "https://apnews.com"]


@pytest.mark.parametrize("name", list(SAMPLES))
def test_imported_brief_exports_to_pdf_and_word(tmp_path: Path, name: str) -> None:
    data, fmt = SAMPLES[name]
    brief = import_bytes(data, fmt, name=f"sample.{name}").brief
    table = next(s.content for s in brief.sections if s.kind.value == "factor_table")
    source_line = "".join(r.text for r in table.source)
    export_brief(brief, tmp_path / "out.pdf")
    export_brief(brief, tmp_path / "out.docx")
    pdf = no_space(" ".join(pages_text((tmp_path / "out.pdf").read_bytes())))
    word = docx_squash(" ".join(body_text((tmp_path / "out.docx").read_bytes())))
    for expected in [*EXPECTED, source_line]:
        assert no_space(expected) in pdf, expected
        assert docx_squash(expected) in word, expected
    links = link_targets((tmp_path / "out.pdf").read_bytes())
    for link in EXPECTED_LINKS:
        assert any(target.startswith(link) for target in links), link


def test_cli_imports_then_exports(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text(SAMPLE_MARKDOWN, encoding="utf-8")
    result = cli("import", "notes.md", "-o", "notes.brief", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Title: Belarus frees 52 political prisoners" in result.stdout
    assert "3. Factors [Factor table]: table: 2 columns, 2 rows" in result.stdout
    assert "Note: The file was read as UTF-8 text." in result.stdout
    brief = load_brief(tmp_path / "notes.brief")
    assert brief.sections[2].content.columns == ["Factor", "Impact on the release"]
    result = cli("export", "notes.brief", "-o", "notes.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr


def test_cli_says_which_encoding_it_used(tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_bytes("Caf\u00e9 note\n\nBody text.\n".encode("cp1252"))
    result = cli("import", "old.txt", "-o", "old.brief", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "read as Windows-1252 (Western European) text" in result.stdout
    assert load_brief(tmp_path / "old.brief").metadata.title == "Café note"


def test_cli_never_overwrites_without_force(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody.\n")
    (tmp_path / "a.brief").write_text("my work")
    line = assert_clean_error(cli("import", "a.txt", "-o", "a.brief", cwd=tmp_path))
    assert "already exists" in line and "--force" in line
    assert (tmp_path / "a.brief").read_text() == "my work"
    assert cli("import", "a.txt", "-o", "a.brief", "--force", cwd=tmp_path).returncode == 0
    assert load_brief(tmp_path / "a.brief").metadata.title == "Title"


def test_cli_refuses_to_write_anything_but_a_brief(tmp_path: Path) -> None:
    data = sample_docx()
    (tmp_path / "a.docx").write_bytes(data)
    line = assert_clean_error(cli("import", "a.docx", "-o", "a.docx", "--force", cwd=tmp_path))
    assert "must end in .brief" in line
    assert (tmp_path / "a.docx").read_bytes() == data
    assert cli("import", "a.docx", "-o", "a.brief", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("pic.md", b"\x89PNG\r\n\x1a\n\x00\x00", "pic.md: this file is not text"),
        ("fake.docx", b"hello", "fake.docx: this is not a Word .docx file"),
        ("odd.txt", b"\x81\x8d\x90", "encoding the app cannot read"),
    ],
)
def test_cli_bad_input_one_line_nothing_written(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    (tmp_path / name).write_bytes(content)
    line = assert_clean_error(cli("import", name, "-o", "out.brief", cwd=tmp_path))
    assert message in line
    assert not (tmp_path / "out.brief").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
