"""Edit an exported Word file the way Word (or a colleague in LibreOffice)
does: python-docx for the text, hand-written OOXML for tracked changes and
footnotes, python-docx's comments, and LibreOffice's own save."""

from __future__ import annotations

import copy
import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from briefing_app.compose.composer import compose
from briefing_app.model.brief import Brief
from briefing_app.writers.docx import write_docx

AUTHOR = "Priya Colleague"
DATE = "2026-11-20T10:15:00Z"


def export(brief: Brief) -> bytes:
    return write_docx(compose(brief))


def edit(data: bytes, change: Callable[[WordDocument], None]) -> bytes:
    document = docx.Document(io.BytesIO(data))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def paragraph(document: WordDocument, start: str) -> Paragraph:
    """The body paragraph whose text starts with ``start``."""
    for p in document.paragraphs:
        if p.text.startswith(start):
            return p
    raise AssertionError(f"no paragraph starts with {start!r}")


def replace_words(p: Paragraph, old: str, new: str) -> None:
    """Change words inside one run, as typing over them does."""
    for run in p.runs:
        if old in run.text:
            run.text = run.text.replace(old, new, 1)
            return
    raise AssertionError(f"{old!r} is not inside one run of {p.text[:40]!r}")


def add_paragraph_after(p: Paragraph, text: str) -> Paragraph:
    """A new paragraph in the same style after ``p`` (Enter at its end, then typing)."""
    new = OxmlElement("w:p")
    if p._p.pPr is not None:
        new.append(copy.deepcopy(p._p.pPr))
    p._p.addnext(new)
    para = Paragraph(new, p._parent)
    para.add_run(text)
    return para


def delete_paragraph(p: Paragraph) -> None:
    p._p.getparent().remove(p._p)


def _revision(tag: str, rid: int, author: str, date: str):
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(rid))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), date)
    return element


def track_insert(p: Paragraph, text: str, *, author: str = AUTHOR, date: str = DATE) -> None:
    """A tracked insertion of ``text`` at the end of ``p``."""
    ins = _revision("w:ins", 901, author, date)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    run.append(t)
    ins.append(run)
    p._p.append(ins)


def track_delete(p: Paragraph, words: str, *, author: str = AUTHOR, date: str = DATE) -> None:
    """A tracked deletion of ``words`` (inside one run of ``p``): the run is
    split and the middle goes into w:del with w:delText, as Word writes it."""
    for run in p.runs:
        text = run.text
        if words not in text:
            continue
        before, after = text.split(words, 1)
        run.text = before
        deleted = copy.deepcopy(run._r)
        for t in deleted.findall(qn("w:t")):
            deleted.remove(t)
        del_text = OxmlElement("w:delText")
        del_text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        del_text.text = words
        deleted.append(del_text)
        wrapper = _revision("w:del", 902, author, date)
        wrapper.append(deleted)
        rest = copy.deepcopy(run._r)
        for t in rest.findall(qn("w:t")):
            t.text = after
        run._r.addnext(wrapper)
        wrapper.addnext(rest)
        return
    raise AssertionError(f"{words!r} is not inside one run")


def strip_marks(document: WordDocument) -> None:
    """Remove the export's hidden bookmarks and properties (as 'Inspect
    Document' or a copy-paste into a new file would)."""
    body = document.element.body
    ids = []
    for start in list(body.iter(qn("w:bookmarkStart"))):
        if (start.get(qn("w:name")) or "").startswith("_bb"):
            ids.append(start.get(qn("w:id")))
            start.getparent().remove(start)
    for end in list(body.iter(qn("w:bookmarkEnd"))):
        if end.get(qn("w:id")) in ids:
            end.getparent().remove(end)
    package = document.part.package
    for r_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/custom-properties"):
            del package.rels[r_id]


def add_footnote(document: WordDocument, p: Paragraph, text: str, url: str = "") -> None:
    """A new footnote (reference at the end of ``p``), as Word's Insert Footnote does."""
    part = next(
        rel.target_part for rel in document.part.rels.values() if rel.reltype.endswith("/footnotes")
    )
    root = part.element if hasattr(part, "element") else None
    if root is None:
        from docx.oxml.parser import parse_xml

        root = parse_xml(part.blob)
    note = OxmlElement("w:footnote")
    note.set(qn("w:id"), "77")
    fp = OxmlElement("w:p")
    fr = OxmlElement("w:r")
    ft = OxmlElement("w:t")
    ft.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    ft.text = f"{text} {url}".strip()
    fr.append(ft)
    fp.append(fr)
    note.append(fp)
    root.append(note)
    if not hasattr(part, "element"):
        from lxml import etree

        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    ref_run = OxmlElement("w:r")
    ref = OxmlElement("w:footnoteReference")
    ref.set(qn("w:id"), "77")
    ref_run.append(ref)
    p._p.append(ref_run)


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed")
    return found


def libreoffice_save(data: bytes, work: Path) -> bytes:
    """The file opened and saved again as .docx by LibreOffice, which
    rewrites the whole package (its own profile, so runs do not collide)."""
    work.mkdir(parents=True, exist_ok=True)
    source = work / "exported.docx"
    source.write_bytes(data)
    out = work / "out"
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (out / "exported.docx").read_bytes()
