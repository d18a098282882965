"""Large files to import finish in bounded time and memory (run with -m slow).

Each runs ``briefing-app import`` in a child process under a memory limit
and a generous time bound (tests/child.py): the outcome is asserted, a
correct brief or one plain line, never a speed. The targets are 10 s and
1 GB on a 2-core machine; bench/ reports the real figures, from the same
generators (tests/scale_inputs.py).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from tests.child import Outcome, cli
from tests.scale_inputs import (
    MB,
    hard_wrapped_text,
    list_continuation_text,
    markdown_document,
    word_document,
)

pytestmark = pytest.mark.slow


def _import(tmp_path: Path, name: str, data: bytes) -> Outcome:
    (tmp_path / name).write_bytes(data)
    outcome = cli("import", name, "-o", "out.brief", cwd=tmp_path)
    outcome.assert_bounded()
    assert outcome.peak_mb < 1024, f"{outcome.peak_mb:.0f} MB"
    return outcome


def _brief(tmp_path: Path, outcome: Outcome) -> dict:
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    return json.loads((tmp_path / "out.brief").read_text(encoding="utf-8"))


def _refused(tmp_path: Path, outcome: Outcome, words: str) -> None:
    assert outcome.returncode == 1
    assert words in outcome.error_line
    assert not (tmp_path / "out.brief").exists()


def _text_of(brief: dict) -> str:
    return json.dumps(brief["sections"], ensure_ascii=False)


@pytest.mark.parametrize("lines", [20_000, 80_000])
def test_a_list_item_continued_over_many_lines(tmp_path: Path, lines: int) -> None:
    brief = _brief(tmp_path, _import(tmp_path, "list.txt", list_continuation_text(lines)))
    (section,) = brief["sections"]
    (block,) = section["blocks"]
    assert len(block["items"]) == 1 and len(block["items"][0]) > 40 * lines


@pytest.mark.parametrize("size", [8 * MB, 10 * MB])
def test_hard_wrapped_text_up_to_the_size_limit(tmp_path: Path, size: int) -> None:
    data = hard_wrapped_text(size)
    brief = _brief(tmp_path, _import(tmp_path, "wrapped.txt", data))
    (section,) = brief["sections"]
    (block,) = section["blocks"]
    assert len(block["runs"]) > size - 1000  # one paragraph, all of it


def test_text_past_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    outcome = _import(tmp_path, "big.txt", hard_wrapped_text(10 * MB + 1))
    _refused(tmp_path, outcome, "too large to import (the limit is 10 MB)")


def test_markdown_at_the_size_limit(tmp_path: Path) -> None:
    brief = _brief(tmp_path, _import(tmp_path, "doc.md", markdown_document(5 * MB)))
    assert len(brief["sections"]) > 1500
    assert "Did you know?" in _text_of(brief)


def test_markdown_past_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    outcome = _import(tmp_path, "big.md", markdown_document(10 * MB))
    _refused(tmp_path, outcome, "too large to import (the limit is 5 MB)")


@pytest.mark.parametrize(
    "text",
    [
        "- a\n" * 1_000_000,  # a list item every four characters
        "a\n" * 2_000_000,  # a line break every two
        "*a* " * 1_000_000,
        "![" * 2_000_000,
        "[a](" * 1_000_000,
        "|" + "a|" * 1_000_000 + "\n|" + "-|" * 1_000_000 + "\n",
    ],
    ids=["list", "lines", "emphasis", "pictures", "links", "wide-table"],
)
def test_dense_markdown_is_refused_in_bounded_time(tmp_path: Path, text: str) -> None:
    data = ("Title\n\n" + text).encode()[: 5 * MB]
    _refused(tmp_path, _import(tmp_path, "dense.md", data), "Markdown has too many lines")


def test_thousands_of_marks_within_the_limits(tmp_path: Path) -> None:
    text = "Title\n\n" + "*a* b *c*\n\n" * 45_000
    brief = _brief(tmp_path, _import(tmp_path, "marks.md", text.encode()))
    assert sum(len(s["blocks"]) for s in brief["sections"]) == 45_000


def test_a_file_of_web_addresses_is_refused_before_its_runs_are_made(tmp_path: Path) -> None:
    data = ("Links\n\n" + "see https://example.org/a " * 400_000).encode()
    _refused(tmp_path, _import(tmp_path, "links.txt", data), "too many links")


def test_a_long_word_document(tmp_path: Path) -> None:
    brief = _brief(tmp_path, _import(tmp_path, "long.docx", word_document(20_000)))
    assert len(brief["sections"]) == 20_000
    assert brief["sections"][-1]["title"] == "Part 19999"


def test_a_word_document_too_long_for_one_brief_is_refused(tmp_path: Path) -> None:
    _refused(tmp_path, _import(tmp_path, "huge.docx", word_document(100_000)), "too long")


def test_word_xml_of_millions_of_elements_is_refused_before_parsing(tmp_path: Path) -> None:
    """Tiny elements pack well: 64 MB of "<w:p/>" would take gigabytes parsed."""
    data = word_document(10)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 10_000_000)
            target.writestr(info.filename, content)
    _refused(tmp_path, _import(tmp_path, "tiny.docx", out.getvalue()), "XML elements")
