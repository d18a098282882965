"""briefing-app update, run as a real process on the sample's Word export."""

from __future__ import annotations

import json
from pathlib import Path

from briefing_app.model.storage import load_brief
from tests.test_cli import assert_clean_error, cli
from tests.word_edits import (
    AUTHOR,
    edit,
    paragraph,
    replace_words,
    track_insert,
)


def _exported(tmp_path: Path) -> tuple[Path, Path]:
    assert cli("sample", "-o", "brief.brief", cwd=tmp_path).returncode == 0
    assert cli("export", "brief.brief", "-o", "brief.docx", cwd=tmp_path).returncode == 0
    return tmp_path / "brief.brief", tmp_path / "brief.docx"


def _colleague(document) -> None:
    replace_words(paragraph(document, "Independent media"), "shut down", "closed")
    replace_words(paragraph(document, "52 people held"), "52", "53")
    track_insert(paragraph(document, "Among those freed"), " He left the country.")
    document.add_comment(
        paragraph(document, "For European partners").runs, text="Too strong?", author=AUTHOR
    )


def test_update_changes_only_what_was_edited_and_prints_the_summary(tmp_path: Path) -> None:
    brief_path, docx_path = _exported(tmp_path)
    edited = tmp_path / "edited.docx"
    edited.write_bytes(edit(docx_path.read_bytes(), _colleague))
    result = cli(
        "update", "brief.brief", "--from-word", "edited.docx", "-o", "new.brief", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Context, paragraph 3: changed" in out
    assert "was: Independent media outlets have been shut down" in out
    assert "now: Independent media outlets have been closed" in out
    assert "changes the fact 'released': 52 -> 53" in out
    assert f"Release details, paragraph 2: changed (tracked, by {AUTHOR})" in out
    assert f"Review note ({AUTHOR}): Too strong?" in out
    assert "3 changes (3 changed), 1 of them tracked in Word." in out
    assert "1 comment will become review notes." in out
    before = json.loads(brief_path.read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "new.brief").read_text(encoding="utf-8"))
    old = {s["id"]: s for s in before["sections"]}
    new = {s["id"]: s for s in after["sections"]}
    assert list(old) == list(new)
    changed = [i for i in old if old[i] != new[i]]
    assert changed == ["s-summary", "s-context", "s-release"]
    assert [f["value"] for f in after["facts"] if f["name"] == "released"] == ["53"]
    assert [(n["section"], n["text"]) for n in after["review_notes"]] == [
        ("s-release", "Too strong?")
    ]
    brief = load_brief(tmp_path / "new.brief")
    assert brief.id == load_brief(brief_path).id


def test_update_refuses_to_overwrite_and_can_reject_tracked_changes(tmp_path: Path) -> None:
    _brief, docx_path = _exported(tmp_path)
    (tmp_path / "edited.docx").write_bytes(edit(docx_path.read_bytes(), _colleague))
    args = ("update", "brief.brief", "--from-word", "edited.docx")
    message = assert_clean_error(cli(*args, "-o", "brief.brief", cwd=tmp_path))
    assert "already exists" in message and "--force" in message
    result = cli(*args, "-o", "brief.brief", "--force", "--reject-tracked", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "tracked" not in result.stdout.replace("tracked changes", "")
    brief = load_brief(tmp_path / "brief.brief")
    release = next(s for s in brief.sections if s.id == "s-release")
    text = "".join(r.text for r in release.content.blocks[1].runs)
    assert "He left the country" not in text


def test_update_says_when_the_file_is_not_from_this_brief(tmp_path: Path) -> None:
    _exported(tmp_path)
    data = json.loads((tmp_path / "brief.brief").read_text(encoding="utf-8"))
    data["id"] = "b-1111111111111111"
    (tmp_path / "other.brief").write_text(json.dumps(data), encoding="utf-8")
    args = ("update", "other.brief", "--from-word", "brief.docx", "-o", "x.brief")
    message = assert_clean_error(cli(*args, cwd=tmp_path))
    assert "exported from another brief" in message and "--other-brief" in message
    assert not (tmp_path / "x.brief").exists()
    assert cli(*args, "--other-brief", cwd=tmp_path).returncode == 0


def test_update_refuses_what_is_not_a_word_export(tmp_path: Path) -> None:
    _exported(tmp_path)
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    message = assert_clean_error(
        cli("update", "brief.brief", "--from-word", "notes.txt", "-o", "x.brief", cwd=tmp_path)
    )
    assert "not a Word file" in message
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 broken")
    message = assert_clean_error(
        cli("update", "brief.brief", "--from-word", "broken.docx", "-o", "x.brief", cwd=tmp_path)
    )
    assert "damaged" in message or "not a Word" in message
    assert not (tmp_path / "x.brief").exists()
