"""Files to import at a chosen size, for scale tests and the benchmark's scale table.

Each function makes one kind of input that once took time (or memory) growing
faster than its size. They are deterministic, need nothing but python-docx,
and give bytes ready to write to a file with the ending in ``ENDINGS``:

    list_continuation_text(80_000)   # .txt: one list item continued 80,000 times
    hard_wrapped_text(8 * MB)        # .txt: e-mail wrapped lines, long paragraphs
    markdown_document(5 * MB)        # .md: headings, marks, lists, tables, code
    word_document(2_000)             # .docx: 2,000 headings, each with a paragraph
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Callable, Iterator

MB = 1024 * 1024

_WORDS = [
    "the",
    "minister",
    "said",
    "that",
    "sanctions",
    "would",
    "stay",
    "in",
    "place",
    "until",
    "the",
    "remaining",
    "political",
    "prisoners",
    "are",
    "released",
    "and",
    "the",
    "government",
    "allows",
    "independent",
    "observers",
    "to",
    "visit",
    "every",
    "detention",
    "centre",
    "in",
    "the",
    "country",
    "without",
    "notice",
]


def _words() -> Iterator[str]:
    return itertools.cycle(_WORDS)


def _line(words: Iterator[str], width: int) -> str:
    """Words up to ``width`` characters, never ending in a full stop."""
    parts: list[str] = []
    size = 0
    while size < width:
        word = next(words)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)


def _fill(pieces: Iterator[str], size: int) -> bytes:
    out: list[str] = []
    total = 0
    for piece in pieces:
        out.append(piece)
        total += len(piece)
        if total >= size:
            break
    return "".join(out).encode("utf-8")[:size]


def list_continuation_text(lines: int) -> bytes:
    """A title, then one bulleted item continued by ``lines`` indented lines."""
    words = _words()
    out = ["Continued list\n\n- First item of the list\n"]
    out.extend(f"  {_line(words, 40)}\n" for _ in range(lines))
    return "".join(out).encode("utf-8")


def hard_wrapped_text(size: int, *, paragraph_lines: int = 0) -> bytes:
    """About ``size`` bytes of text wrapped at 72 characters mid-sentence (so
    each line runs on into the next): one paragraph for the whole file (the
    hardest case), or a full stop and a blank line every ``paragraph_lines``."""
    words = _words()

    def pieces() -> Iterator[str]:
        yield "Wrapped report\n\n"
        for number in itertools.count(1):
            if paragraph_lines and number % paragraph_lines == 0:
                yield f"{_line(words, 72)}.\n\n"
            else:
                yield f"{_line(words, 72)}\n"

    return _fill(pieces(), size)


def markdown_document(size: int) -> bytes:
    """About ``size`` bytes of Markdown: sections of long wrapped paragraphs
    with bold, italic, links and inline code, a quoted callout, nested lists,
    a table with its source line and a code block (about 8 KB a section, so
    10 MB stays within what one brief holds)."""
    words = _words()

    def paragraph(lines: int, n: int) -> str:
        text = "\n".join(_line(words, 70) for _ in range(lines))
        text = text.replace(" sanctions ", " **sanctions** ", 2).replace(
            " minister ", " *minister* "
        )
        return text.replace(" country ", f" [country](https://example.org/{n}) `code {n}` ")

    def section(n: int) -> str:
        return (
            f"## Part {n}\n\n"
            f"{paragraph(30, n)}\n\n{paragraph(30, n)}\n\n{paragraph(30, n)}\n\n"
            f"> **Did you know?** {paragraph(3, n)}\n\n"
            f"- {paragraph(2, n)}\n  - nested *item* {n}\n- second item\n\n"
            f"| Factor | Impact |\n|---|---|\n| Sanctions {n} | **Leverage** |\n"
            f"| Drones | Tension |\n\nSource: Reuters\n\n"
            f"```\nprint({n})\n```\n\n"
        )

    def pieces() -> Iterator[str]:
        yield "# Markdown report\n\n"
        for n in itertools.count(1):
            yield section(n)

    return _fill(pieces(), size)


def word_document(paragraphs: int) -> bytes:
    """A .docx with ``paragraphs`` Heading 1 paragraphs, each followed by a
    body paragraph with a bold run, and a bulleted item every tenth.

    The paragraphs are written into python-docx's own template as XML:
    python-docx's add_paragraph takes time growing with the length of the
    document, which makes large files slow to generate."""
    import docx

    words = _words()
    body: list[str] = []
    for n in range(paragraphs):
        body.append(
            f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Part {n}</w:t></w:r></w:p>'
        )
        body.append(
            f'<w:p><w:r><w:t xml:space="preserve">{_line(words, 200)} </w:t></w:r>'
            "<w:r><w:rPr><w:b/></w:rPr><w:t>bold words</w:t></w:r></w:p>"
        )
        if n % 10 == 0:
            body.append(
                '<w:p><w:pPr><w:pStyle w:val="ListBullet"/></w:pPr>'
                f"<w:r><w:t>{_line(words, 60)}</w:t></w:r></w:p>"
            )
    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                head, sep, tail = data.decode("utf-8").partition("<w:sectPr")
                data = (head + "".join(body) + sep + tail).encode("utf-8")
            target.writestr(info.filename, data)
    return out.getvalue()


#: Each generator by name, with the file ending its output needs.
GENERATORS: dict[str, tuple[Callable[[int], bytes], str]] = {
    "list_continuation_text": (list_continuation_text, ".txt"),
    "hard_wrapped_text": (hard_wrapped_text, ".txt"),
    "markdown_document": (markdown_document, ".md"),
    "word_document": (word_document, ".docx"),
}
ENDINGS = {name: ending for name, (_, ending) in GENERATORS.items()}
