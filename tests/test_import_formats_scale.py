"""Issue 17: a 5 MB file of each new shape imports in bounded time and memory
(run with -m slow), through ``briefing-app import`` in a child process. The
target is 5 s on a 2-core machine; the assertions are generous bounds, the
real figures are printed (-s) and given in docs/import.md."""

from __future__ import annotations

import base64
import io
import json
import random
import string
from pathlib import Path

import docx
import pytest

from tests.child import Outcome, cli
from tests.import_samples import NEWS_HTML, outlook_msg

pytestmark = pytest.mark.slow
MB = 1024 * 1024
SENTENCE = (
    "The minister said that sanctions would stay in place until the remaining political "
    "prisoners are released, and that <a href='https://e.org/obs'>observers</a> may visit. "
)


def article_lines(size: int) -> bytes:
    """An article pasted from the web: a heading line, then paragraph lines."""
    out, total, part = [], 0, 0
    while total < size:
        part += 1
        lines = [f"Part {part} of the report"] + [
            SENTENCE.replace("<a href='https://e.org/obs'>", "").replace("</a>", "") * 3
        ] * 5
        chunk = "\n".join(lines) + "\n"
        out.append(chunk)
        total += len(chunk)
    return "".join(out).encode()


def news_page(size: int) -> bytes:
    paragraph = f"<p>{SENTENCE * 3}</p>\n"
    body, total, part = [], 0, 0
    while total < size:
        part += 1
        chunk = f"<h2>Part {part}</h2>\n" + paragraph * 5
        body.append(chunk)
        total += len(chunk)
    return NEWS_HTML.replace("<p>More than 1,000", "".join(body) + "<p>More than 1,000").encode()


def html_mail(size: int) -> bytes:
    html = base64.encodebytes(news_page(size)).decode()
    return (
        "From: desk@example.gov\r\nSubject: Long report\r\nMIME-Version: 1.0\r\n"
        "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + html
    ).encode()


def word_file(size: int) -> bytes:
    """A Word file of ``size`` bytes: varied words (repeated text zips to
    nothing), a heading every five paragraphs."""
    rng = random.Random(17)
    vocabulary = [
        "".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 11))) for _ in range(5000)
    ]
    document = docx.Document()
    document.add_heading("Long report", 0)
    part = 0
    while True:
        for _ in range(50):
            part += 1
            document.add_heading(f"Part {part}", 1)
            for _ in range(5):
                document.add_paragraph(" ".join(rng.choices(vocabulary, k=90)) + ".")
        out = io.BytesIO()
        document.save(out)
        if out.tell() >= size:
            return out.getvalue()


CASES = {
    "article.txt": lambda: article_lines(5 * MB),
    "news.html": lambda: news_page(5 * MB),
    "report.eml": lambda: html_mail(5 * MB),
    "report.docx": lambda: word_file(5 * MB),
    "report.msg": lambda: outlook_msg(subject="Long", body=article_lines(3 * MB).decode(), html=""),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_5_mb_file_imports_in_bounded_time(tmp_path: Path, name: str) -> None:
    data = CASES[name]()
    (tmp_path / name).write_bytes(data)
    outcome: Outcome = cli("import", name, "-o", "out.brief", cwd=tmp_path)
    outcome.assert_bounded()
    print(
        f"\n{name}: {len(data) / MB:.1f} MB in {outcome.seconds:.1f} s, "
        f"peak {outcome.peak_mb:.0f} MB"
    )
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert outcome.peak_mb < 1024 and outcome.seconds < 60
    brief = json.loads((tmp_path / "out.brief").read_text(encoding="utf-8"))
    # Every part arrived (an e-mail's h2 parts are bold lines under its h1).
    assert len(json.dumps(brief["sections"])) > 2 * MB
