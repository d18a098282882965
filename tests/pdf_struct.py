"""Read a tagged PDF's structure back with independent readers: pikepdf for
the objects and the content streams, poppler's pdfinfo for the text under
the structure tree."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pikepdf

_SHOWS = {"Tj", "TJ", "'", '"'}
#: Operators that paint something else: paths stroked or filled, images,
#: forms, shadings.
_PAINTS = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "BI", "sh"}


@dataclass
class Element:
    role: str
    depth: int
    obj: pikepdf.Dictionary
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annots: list[pikepdf.Object] = field(default_factory=list)  # OBJR targets


@dataclass
class PageContent:
    mcids: list[int] = field(default_factory=list)  # MCIDs in the order they are drawn
    roles: dict[int, str] = field(default_factory=dict)  # MCID -> the tag on its BDC
    untagged_shows: int = 0  # text shown outside any marked-content sequence
    untagged_paints: int = 0  # paths, images and forms painted outside one
    artifact_shows: int = 0  # text shown inside an artifact


@dataclass
class Tagged:
    pdf: pikepdf.Pdf
    elements: list[Element]
    pages: list[PageContent]
    order: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID) in tree order
    in_notes: set[tuple[int, int]] = field(default_factory=set)  # those inside a Note

    def roles(self) -> list[str]:
        return [e.role for e in self.elements]

    def top_roles(self) -> list[str]:
        return [e.role for e in self.elements if e.depth == 1]


def _page_content(page: pikepdf.Page) -> PageContent:
    out = PageContent()
    stack: list[str] = []  # "A" for an artifact, "M" for content with an MCID, "?" other
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("BDC", "BMC"):
            tag = str(operands[0])
            if tag == "/Artifact":
                stack.append("A")
            elif op == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                mcid = int(operands[1].get("/MCID", -1))
                if mcid >= 0:
                    out.mcids.append(mcid)
                    out.roles[mcid] = tag[1:]
                stack.append("M" if mcid >= 0 else "?")
            else:
                stack.append("?")
        elif op == "EMC":
            stack.pop()
        elif op in _SHOWS:
            if not stack:
                out.untagged_shows += 1
            elif "A" in stack:
                out.artifact_shows += 1
        elif op in _PAINTS and not stack:
            out.untagged_paints += 1
    assert not stack, "a marked-content sequence is left open at the end of a page"
    return out


def read(data: bytes) -> Tagged:
    pdf = pikepdf.open(io.BytesIO(data))
    page_index = {p.obj.objgen: i for i, p in enumerate(pdf.pages)}
    elements: list[Element] = []
    order: list[tuple[int, int]] = []
    in_notes: set[tuple[int, int]] = set()

    def walk(node: pikepdf.Dictionary, depth: int, note: bool = False) -> None:
        el = Element(str(node.S)[1:], depth, node)
        elements.append(el)
        note = note or el.role == "Note"
        page = node.get("/Pg")
        kids = node.get("/K")
        if kids is None:
            return
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in items:
            if isinstance(kid, int):
                el.mcids.append((page_index[page.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                el.mcids.append((page_index[kid.Pg.objgen], int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                el.annots.append(kid.Obj)
                continue
            else:
                walk(kid, depth + 1, note)
                continue
            order.append(el.mcids[-1])
            if note:
                in_notes.add(el.mcids[-1])

    root = pdf.Root.StructTreeRoot
    top = root.K
    for kid in list(top) if isinstance(top, pikepdf.Array) else [top]:
        walk(kid, 0)
    pages = [_page_content(p) for p in pdf.pages]
    return Tagged(pdf, elements, pages, order, in_notes)


def parent_tree(pdf: pikepdf.Pdf) -> dict[int, pikepdf.Object]:
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}


def struct_text(data: bytes) -> str | None:
    """The text under the structure tree, in its order (poppler's pdfinfo
    -struct-text); None where poppler is not installed."""
    if shutil.which("pdfinfo") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
        ).stdout
    # Text lines are the quoted ones.
    lines = [ln.strip() for ln in out.splitlines()]
    return "".join(ln[1:-1] for ln in lines if ln.startswith('"') and ln.endswith('"'))


def raw_pages_text(data: bytes) -> list[str] | None:
    """Each page's text in content-stream order (pdftotext -raw)."""
    if shutil.which("pdftotext") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    return out.split("\f")[:-1]


@contextmanager
def untagged() -> Iterator[None]:
    """Inside: the PDF writer as it was before tagging (no markers in the
    story, a plain canvas), to compare pages with."""
    from briefing_app.writers import pdf, pdf_document
    from briefing_app.writers.pdf_furniture import FurnitureCanvas

    with (
        mock.patch.object(pdf_document, "TaggedCanvas", FurnitureCanvas),
        mock.patch.object(pdf_document, "Tagger", lambda _tree: None),
        mock.patch.object(pdf, "tag_story", lambda _blocks, parts: parts),
    ):
        yield


_TAGGING = re.compile(rb"^(?:/\w+ <</MCID \d+>> BDC|/Artifact BMC|/Artifact <<.*>> BDC|EMC)$")


def drawing(data: bytes) -> list[bytes]:
    """Each page's content stream less the marked-content operators: what
    is drawn, operator by operator."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = []
        for page in pdf.pages:
            lines = page.obj.Contents.read_bytes().splitlines()
            pages.append(b"\n".join(ln for ln in lines if not _TAGGING.match(ln.strip())))
        return pages


def marked_text(data: bytes) -> list[tuple[dict[int, str], str]]:
    """Each page's text by MCID, and its text outside any marked-content
    sequence with an MCID (artifacts), read with pypdf as it shows it."""
    import pypdf

    out = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        stack: list[int | None] = []
        by_mcid: dict[int, str] = {}
        other: list[str] = []

        def before(op, args, _cm, _tm, stack=stack) -> None:
            if op == b"BDC":
                props = args[1] if len(args) > 1 else None
                mcid = props.get("/MCID") if hasattr(props, "get") else None
                stack.append(int(mcid) if mcid is not None else None)
            elif op == b"BMC":
                stack.append(None)
            elif op == b"EMC" and stack:
                stack.pop()

        def text(t, *_args, stack=stack, by_mcid=by_mcid, other=other) -> None:
            mcid = next((m for m in reversed(stack) if m is not None), None)
            if mcid is None:
                other.append(t)
            else:
                by_mcid[mcid] = by_mcid.get(mcid, "") + t

        page.extract_text(visitor_operand_before=before, visitor_text=text)
        out.append((by_mcid, "".join(other)))
    return out
