"""Tagged PDF (PDF/UA-1) on top of reportlab, which has no tagging of its own.

Three parts:

* **Structure elements** (``Node``): Document, H1 for the title, H2... for
  headings, P, L/LI/Lbl/LBody, Table/TR/TH/TD with Caption, a Div for a
  callout box, Figure, Note, Reference and Link. They come from the document
  tree (``tag_block`` decides, block by block, which element each flowable
  of the writer draws into), never from the page.
* **Markers** (``Marker``): zero-size flowables put in the story between the
  flowables of different elements. reportlab draws the story in order, and
  splits a flowable across pages by making new ones, so an element cannot
  be carried by the flowables themselves; the markers say "what is drawn
  from here on belongs to this element", in drawing order, which is the
  reading order. Inside a data table the table's own render callback does
  the same for each cell, and a list's bullet for its label.
* **The tagger** (``Tagger``), kept by the canvas of the final pass: it wraps
  what is drawn in marked-content sequences (``/P <</MCID n>> BDC ... EMC``)
  owned by the current element, and what is not content (page furniture,
  rules, tints, a table's repeated header row, footnote rules) in
  ``/Artifact`` sequences; when the document is saved it writes the
  structure tree (StructTreeRoot, ParentTree, /StructParents on pages,
  /StructParent and OBJR for link annotations with their /Contents), the
  catalog's /MarkInfo and the XMP packet with the PDF/UA identifier.

The counting pass and the check's measure draw on a plain canvas: the
markers do nothing there, so every pass lays out the same pages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (
    LinkAnnotation,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
    PDFtrue,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, ListFlowable, Paragraph, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import HRFlowable

from briefing_app import APP_NAME
from briefing_app.document.nodes import (
    BlockNode,
    CalloutNode,
    Document,
    Heading,
    Inlines,
    ListNode,
    Para,
    TableNode,
    TitleBlock,
    inline_text,
)
from briefing_app.writers.pdf_furniture import FurnitureCanvas

#: Roles whose elements hold other elements only: content drawn while one
#: of them is the current element (a table's "q") is left unmarked.
_GROUPS = frozenset({"Document", "Table", "TR", "L", "LI", "Div", "Reference"})
_DEEPEST_HEADING = 6


class Node:
    """A structure element: its role, attributes and kids in reading order.

    An element joins its parent's kids when it first holds something (a
    marked-content sequence, an annotation, an element), so elements with
    nothing drawn in them are left out, and the kids keep drawing order."""

    __slots__ = ("_path", "alt", "attached", "attrs", "kids", "name", "parent", "role", "title")

    def __init__(
        self, role: str, parent: Node | None, *, alt: str = "", title: str = "", **attrs: object
    ) -> None:
        self.role = role
        self.parent = parent
        self.alt = alt
        self.title = title
        self.attrs = attrs  # the /A attribute dictionary (/O is the owner)
        self.kids: list[Node | tuple[int, int] | _AnnotRef] = []
        self.attached = parent is None
        self.name = ""  # its object's name in the PDF, given when the tree is written
        self._path: tuple[Node, ...] | None = None

    def attach(self) -> None:
        if not self.attached:
            assert self.parent is not None
            self.parent.attach()
            self.parent.kids.append(self)
            self.attached = True

    def child(self, role: str, **kw: object) -> Node:
        return Node(role, self, **kw)  # type: ignore[arg-type]

    def path(self) -> tuple[Node, ...]:
        """The elements from the top (below Document) down to this one."""
        known = self._path
        if known is None:
            parent = self.parent
            above = parent.path() if parent is not None and parent.parent is not None else ()
            known = self._path = (*above, self) if parent is not None else ()
        return known


@dataclass(frozen=True, slots=True)
class _AnnotRef:
    """A link annotation among an element's kids (an OBJR)."""

    page: int  # 0-based
    ref: PDFObjectReference
    key: int  # its index among the document's tagged annotations


#: Content-stream operators that paint: text shown, a path stroked or
#: filled, an image, a form or a shading drawn. A sequence with none of them
#: is left out.
_PAINTS = re.compile(r"(?:^|\s)(?:[SsFfBb]\*?|Do|sh|BI)(?:$|\s)")


_FEW = 6


def _paints(line: str) -> bool:
    if line.startswith("BT"):  # a text object: does it show text?
        return "Tj" in line or "TJ" in line or "'" in line or '"' in line
    return _PAINTS.search(line) is not None


#: The current element is an artifact (a rule, a tint, the furniture).
ARTIFACT: tuple[Node, ...] = ()
Path = tuple[Node, ...]


def tagger_of(canv: Canvas | None) -> Tagger | None:
    return getattr(canv, "tagger", None)


# --------------------------------------------------------------- the markers


class Marker(ActionFlowable):
    """From here on, what is drawn belongs to ``path`` (``None``: an artifact).

    Top level, reportlab applies it as an action; inside a box or a list it
    is drawn (zero size, no space of its own: the space around it is that
    of the flowables on either side). It keeps with the next flowable when
    the one before it does, so "keep with next" chains are unbroken."""

    _ZEROSIZE = True
    _SPACETRANSFER = True

    def __init__(self, path: Path | None, before: Flowable | None = None) -> None:
        super().__init__()
        self.path = path
        self._before = before

    def getKeepWithNext(self) -> int:
        return self._before.getKeepWithNext() if self._before is not None else 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0.0, 0.0

    def frameAction(self, frame: object) -> None:
        """Nothing: having it makes reportlab's containers pass over a
        marker when they look for their first and last flowable's space."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [self]

    def _switch(self, canv: Canvas | None) -> None:
        tagger = tagger_of(canv)
        if tagger is not None:
            tagger.switch(canv, ARTIFACT if self.path is None else self.path)  # type: ignore[arg-type]

    def apply(self, doc: object) -> None:
        self._switch(getattr(doc, "canv", None))

    def draw(self) -> None:
        self._switch(self.canv)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        # No position, so nothing drawn: not even a state saved and restored.
        self._switch(canvas)

    def identity(self, maxLen: int | None = None) -> str:
        roles = "/".join(n.role for n in self.path) if self.path else "Artifact"
        return f"Marker({roles})"


def is_marker(f: object) -> bool:
    return isinstance(f, Marker)


def _marked(
    items: Sequence[tuple[Path | None, Flowable]], before: Flowable | None = None
) -> list[Flowable]:
    """The flowables with a marker before each change of element; ``before``
    is the flowable before the first (a marker keeps with the next flowable
    when that one does)."""
    out: list[Flowable] = []
    current: object = object()
    for path, f in items:
        if path != current:
            out.append(Marker(path, before))
            current = path
        out.append(f)
        before = f
    return out


class _Label:
    """A list item's bullet, drawn as its Lbl (the rest of the item is its LBody)."""

    def __init__(self, inner: object, label: Path, body: Path) -> None:
        self._inner, self._label, self._body = inner, label, body

    def drawOn(self, indenter: object, canv: Canvas, *args: object) -> None:
        tagger = tagger_of(canv)
        if tagger is not None:
            tagger.switch(canv, self._label)
        self._inner.drawOn(indenter, canv, *args)  # type: ignore[attr-defined]
        if tagger is not None:
            tagger.switch(canv, self._body)

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


class FigureImage(Image):
    """An image drawn as a Figure: records its box on the page (/BBox)."""

    def draw(self) -> None:
        tagger = tagger_of(self.canv)
        if tagger is not None:
            a, b, c, d, e, f = self.canv._currentMatrix
            corners = [(0, 0), (self.drawWidth, 0), (0, self.drawHeight)]
            corners.append((self.drawWidth, self.drawHeight))
            xs = [a * x + c * y + e for x, y in corners]
            ys = [b * x + d * y + f for x, y in corners]
            tagger.figure_box((min(xs), min(ys), max(xs), max(ys)))
        super().draw()


# ---------------------------------------------------------- the table's cells


class _CellEvents:
    """reportlab's render callback for a data table: each cell into its
    TH or TD, the header row once (its repeats on later pages are
    artifacts), the backgrounds and rules as artifacts.

    ``rows[i]`` is the TR of the table's row ``i`` (0: the header); the
    parts reportlab makes when a tall row splits keep the callback, and
    their rows are the same rows."""

    def __init__(self, table: _TableTags, rows: Sequence[int]) -> None:
        self.table = table
        self.rows = rows  # the data row of each row of this reportlab table (-1: header)

    def __call__(self, t: Table, event: str, *args: object) -> None:
        canv = t.canv
        tagger = tagger_of(canv)
        if tagger is None:
            return
        if event in ("startBG", "startLines"):
            tagger.begin_artifact(canv)
        elif event in ("endBG", "endLines"):
            tagger.end_artifact(canv)
        elif event == "startCell":
            row, col = int(args[0]), int(args[1])  # type: ignore[call-overload]
            data_row = self.rows[row] if row < len(self.rows) else -1
            cell = self.table.cell(data_row, col, t)
            if cell is None:
                tagger.switch(canv, ARTIFACT)
            else:
                cell.attach()  # an empty cell is a cell still
                tagger.switch(canv, cell.path())
        elif event == "endCell":
            tagger.switch(canv, self.table.node.path())


class _TableTags:
    """The elements of one table: its TRs and cells, made as they are drawn."""

    def __init__(
        self, node: Node, header_scope: str, row_header_cols: frozenset[int] = frozenset()
    ):
        self.node = node
        self.header_scope = header_scope  # "Column" for a header row; "" for none
        self.row_header_cols = row_header_cols  # columns of row headers (Scope Row)
        self.rows: dict[int, Node] = {}
        self.cells: dict[tuple[int, int], Node] = {}
        self.header_table: int | None = None  # id of the reportlab table that drew the header

    def cell(self, data_row: int, col: int, table: Table) -> Node | None:
        if data_row < 0:
            # The header row: tagged where it is first drawn, an artifact
            # where it is repeated at the top of a later page.
            if self.header_table is None:
                self.header_table = id(table)
            elif self.header_table != id(table):
                return None
        key = (data_row, col)
        known = self.cells.get(key)
        if known is not None:
            return known
        tr = self.rows.get(data_row)
        if tr is None:
            tr = self.rows[data_row] = self.node.child("TR")
        if data_row < 0:
            cell = tr.child("TH", O="Table", Scope=self.header_scope)
        elif col in self.row_header_cols:
            cell = tr.child("TH", O="Table", Scope="Row")
        else:
            cell = tr.child("TD")
        self.cells[key] = cell
        return cell


def table_events(node: Node) -> Callable[[int, int], _CellEvents]:
    """For PagedTable: the render callback of a part holding the header and
    data rows ``first`` to ``stop``."""
    tags = _TableTags(node, "Column")

    def events(first: int, stop: int) -> _CellEvents:
        return _CellEvents(tags, [-1, *range(first, stop)])

    return events


# ------------------------------------------------------- blocks to elements


def _block_role(level: int) -> str:
    return f"H{min(level + 1, _DEEPEST_HEADING)}"


def _style_name(f: Flowable) -> str:
    style = getattr(f, "style", None)
    return getattr(style, "name", "").removesuffix("-piece")


def _list(lf: ListFlowable, parent: Node) -> Node:
    """The list's items with their markers: L > LI > Lbl, LBody."""
    node = parent.child("L", O="List", ListNumbering="Decimal" if lf._bulletType == "1" else "Disc")
    content: list[Flowable] = []
    for item in lf._content:
        li = node.child("LI")
        body = li.child("LBody").path()
        label = li.child("Lbl").path()
        bullet = getattr(item, "_bullet", None)
        if bullet is not None:
            item._bullet = _Label(bullet, label, body)
        # The bullet comes first (its Lbl), then the text (the LBody; a
        # part of the item on a later page has no bullet and stays there).
        content += [Marker(label if bullet is not None else body), item]
    content.append(Marker(node.path()))
    lf._list_content = content
    return node


def _callout(box: Flowable, block: CalloutNode, parent: Node) -> Node:
    div = parent.child("Div", title=block.title)
    items: list[tuple[Path | None, Flowable]] = []
    title_node = div.child("P") if block.title else None
    for f in box.content:  # type: ignore[attr-defined]
        if title_node is not None and _style_name(f) == "CalloutTitle":
            items.append((title_node.path(), f))
        elif isinstance(f, ListFlowable):
            items.append((_list(f, div).path(), f))
        else:
            items.append((div.child("P").path(), f))
    # A new P for each paragraph, but the pieces of one paragraph share it.
    box.content = _marked(_merge_pieces(items))  # type: ignore[attr-defined]
    return div


def _merge_pieces(items: list[tuple[Path | None, Flowable]]) -> list[tuple[Path | None, Flowable]]:
    """Pieces of one long paragraph (pdf_paragraphs) into one element."""
    out: list[tuple[Path | None, Flowable]] = []
    for path, f in items:
        name = getattr(getattr(f, "style", None), "name", "")
        follows = name.endswith("-piece") and out and out[-1][0] is not None
        if follows and not getattr(getattr(out[-1][1], "style", None), "spaceAfter", 1):
            out.append((out[-1][0], f))  # a piece with no space after the one before
        else:
            out.append((path, f))
    return out


def tag_block(
    block: BlockNode, parts: list[Flowable], root: Node, before: Flowable | None = None
) -> list[Flowable]:
    """``parts`` (the flowables drawing ``block``) with markers saying which
    element each draws into."""
    items: list[tuple[Path | None, Flowable]] = []
    match block:
        case TitleBlock():
            h1 = root.child("H1")
            subtitle = root.child("P")
            for f in parts:
                if isinstance(f, Image):
                    items.append((root.child("Figure", alt=_logo_alt(block)).path(), f))
                elif isinstance(f, HRFlowable):
                    items.append((None, f))
                elif isinstance(f, Table):
                    node = root.child("Table", O="Table")
                    labels = frozenset(range(0, len(f._cellvalues[0]), 2))
                    tags = _TableTags(node, "", labels)
                    f._renderCB = _CellEvents(tags, range(len(f._cellvalues)))
                    items.append((node.path(), f))
                elif isinstance(f, Paragraph):
                    node = h1 if _style_name(f) == "Title" else subtitle
                    items.append((node.path(), f))
                else:
                    items.append((items[-1][0] if items else None, f))
        case Heading():
            node = root.child(_block_role(block.level))
            items = [(node.path(), f) for f in parts]
        case Para():
            node = root.child("P")
            items = [(node.path(), f) for f in parts]
        case ListNode():
            items = [(_list(parts[0], root).path(), parts[0])]  # type: ignore[arg-type]
        case TableNode():
            node = root.child("Table", O="Table")
            source = root.child("P")
            for f in parts:
                if hasattr(f, "table_events"):
                    f.table_events = table_events(node)  # type: ignore[attr-defined]
                    items.append((node.path(), f))
                elif _style_name(f) == "Caption" and block.caption:
                    items.append((node.child("Caption").path(), f))
                else:
                    items.append((source.path(), f))
        case CalloutNode():
            items = [(_callout(parts[0], block, root).path(), parts[0])]
        case _:
            raise TypeError(f"no structure element for the node type {type(block).__name__}")
    return _marked(items, before)


def _logo_alt(block: TitleBlock) -> str:
    return block.logo.alt if block.logo is not None and block.logo.alt else "Logo"


def tag_story(blocks: Sequence[BlockNode], parts: list[list[Flowable]]) -> list[list[Flowable]]:
    """Each block's flowables with their markers (one Document element)."""
    root = Node("Document", None)
    out: list[list[Flowable]] = []
    before: Flowable | None = None  # the last flowable of the block before
    for block, flowables in zip(blocks, parts, strict=True):
        out.append(tag_block(block, flowables, root, before))
        before = flowables[-1] if flowables else before
    out.append([Marker(ARTIFACT, before)])
    return out


# ------------------------------------------------------------- the tagger


class _LateNumber(PDFObject):
    """A number known only when the document is saved."""

    def __init__(self, value: Callable[[], int]) -> None:
        self.value = value

    def format(self, document: object) -> bytes:
        return str(self.value()).encode()


def _link_texts(tree: Document) -> dict[str, str]:
    """Each link target with the words first linked to it (the description)."""
    out: dict[str, str] = {}

    def note(inlines: Inlines) -> Inlines:
        for t in inlines:
            if t.link and t.link not in out:
                out[t.link] = " ".join(t.text.split())
        return inlines

    from briefing_app.document.nodes import map_inlines

    for block in tree.blocks:
        map_inlines(block, note)
    for n in tree.notes:
        note(n.inlines)
    return out


class Tagger:
    """Marked content on the pages, and the structure tree at the end."""

    def __init__(self, tree: Document) -> None:
        self.tree = tree
        self.links = _link_texts(tree)
        self.headings = {
            b.anchor: b.text for b in tree.blocks if isinstance(b, Heading) and b.anchor
        }
        self.notes_text = {n.number: inline_text(n.inlines) for n in tree.notes}
        self.page = 0  # 0-based
        self.page_mcids: list[list[Node]] = [[]]
        self.path: Path = ARTIFACT
        self.body: Path = ARTIFACT  # the element the body text is in, across a page end
        self._open: tuple[int, Node | None, int] | None = None  # code index, owner, mcid
        self.annots: list[tuple[Node, PDFObjectReference, int]] = []
        self.note_owner: dict[int, Path] = {}
        self.note_nodes: dict[int, Node] = {}
        self._target: str | None = None  # the link being added (href or anchor)
        self._artifacts: list[Path] = []
        self._links: list[Node] = []  # Link elements waiting for their text to be in
        self.root: Node | None = None

    # -- marked content

    def _code(self, canv: Canvas) -> list[str]:
        return canv._code  # type: ignore[attr-defined, no-any-return]

    def _begin(self, canv: Canvas, path: Path, artifact: str = "") -> None:
        code = self._code(canv)
        if not path:
            code.append(f"/Artifact {artifact} BDC" if artifact else "/Artifact BMC")
            self._open = (len(code) - 1, None, -1)
            return
        leaf = path[-1]
        if leaf.role in _GROUPS:
            return
        mcid = len(self.page_mcids[self.page])
        self.page_mcids[self.page].append(leaf)
        code.append(f"/{leaf.role} <</MCID {mcid}>> BDC")
        self._open = (len(code) - 1, leaf, mcid)
        if self.root is None:
            self.root = path[0].parent

    def _end(self, canv: Canvas) -> None:
        self._close(canv)
        for link in self._links:
            link.attach()
        self._links.clear()

    def _close(self, canv: Canvas) -> None:
        if self._open is None:
            return
        index, leaf, mcid = self._open
        self._open = None
        code = self._code(canv)
        drawn = len(code) - index - 1
        # A few operators may be state only; many are surely a drawing.
        if drawn <= _FEW and not any(_paints(code[i]) for i in range(index + 1, len(code))):
            # Nothing painted in it (a font or a colour set, a state saved):
            # no sequence.
            del code[index]
            if leaf is not None:
                self.page_mcids[self.page].pop()
            return
        code.append("EMC")
        if leaf is not None:
            leaf.attach()
            leaf.kids.append((self.page, mcid))

    def switch(self, canv: Canvas, path: Path) -> None:
        if path == self.path and self._open is not None:
            return
        self._end(canv)
        self.path = path
        self._begin(canv, path)

    def begin_artifact(self, canv: Canvas, kind: str = "") -> None:
        self._artifacts.append(self.path)
        self._end(canv)
        self.path = ARTIFACT
        self._begin(canv, ARTIFACT, kind)

    def end_artifact(self, canv: Canvas) -> None:
        self._end(canv)
        self.path = self._artifacts.pop()
        self._begin(canv, self.path)

    @contextlib.contextmanager
    def artifact(self, canv: Canvas, kind: str = "") -> Iterator[None]:
        self.begin_artifact(canv, kind)
        try:
            yield
        finally:
            self.end_artifact(canv)

    # -- pages

    def start_page(self, canv: Canvas) -> None:
        """A new page: its number; the furniture follows, then the body."""
        self.page = canv.getPageNumber() - 1
        while len(self.page_mcids) <= self.page:
            self.page_mcids.append([])
        self.path = ARTIFACT

    def resume_body(self, canv: Canvas) -> None:
        self.switch(canv, self.body)

    def end_body(self, canv: Canvas) -> None:
        """The body's last line on this page: the notes follow."""
        self.body = self.path
        self.switch(canv, ARTIFACT)

    def end_page(self, canv: Canvas) -> None:
        self._end(canv)
        self.path = ARTIFACT

    # -- notes

    def note_referenced(self, number: int) -> None:
        if number not in self.note_owner and self.path:
            self.note_owner[number] = self.path

    def note(self, canv: Canvas, number: int) -> None:
        """What is drawn next is (part of) note ``number``."""
        node = self.note_nodes.get(number)
        if node is None:
            owner = self.note_owner.get(number)
            parent = owner[-1] if owner else self._root_node()
            node = self.note_nodes[number] = parent.child("Note", ID=f"note{number}")
        self.switch(canv, node.path())

    def _root_node(self) -> Node:
        if self.root is None:
            self.root = Node("Document", None)
        return self.root

    # -- figures

    def figure_box(self, box: tuple[float, float, float, float]) -> None:
        if self.path and self.path[-1].role == "Figure":
            self.path[-1].attrs.setdefault("BBox", box)
            self.path[-1].attrs.setdefault("O", "Layout")

    # -- links

    def link_target(self, target: str) -> None:
        self._target = target

    def annotation(self, annotation: object, ref: PDFObjectReference) -> None:
        """A link annotation just added to the page: into a Link element of
        the element being drawn, with a /Contents that says where it goes."""
        target, self._target = self._target or "", None
        owner = self.path[-1] if self.path else self._root_node()
        number = _note_number(target)
        if number is not None:
            contents = f"Note {number}"
            text = self.notes_text.get(number, "")
            if text:
                contents += ": " + _short(text)
            parent = owner.child("Reference")
        else:
            contents = self._describe(target)
            parent = owner
        link = parent.child("Link", alt=contents)
        # Joins the tree after the text it is drawn with (reportlab adds a
        # line's links once the line is drawn, before the sequence ends).
        self._links.append(link)
        key = len(self.annots)
        link.kids.append(_AnnotRef(self.page, ref, key))
        self.annots.append((link, ref, key))
        late = _LateNumber(lambda: len(self.page_mcids) + key)
        if isinstance(annotation, LinkAnnotation):
            annotation.permitted = (*annotation.permitted, "StructParent")  # type: ignore[assignment]
            annotation.otherkw["StructParent"] = late
            annotation.Contents = contents
        elif isinstance(annotation, PDFDictionary):
            annotation["StructParent"] = late
            annotation["Contents"] = PDFString(contents)

    def _describe(self, target: str) -> str:
        words = self.links.get(target) or self.links.get("#" + target, "")
        if target.startswith("#") or target in self.headings:
            anchor = target.removeprefix("#")
            heading = self.headings.get(anchor, "")
            where = f"Go to the section '{heading}'" if heading else "Go to a place in this brief"
            return f"{words} ({where})" if words and words != heading else where
        if target.startswith("mailto:"):
            return f"{words} (e-mail {target[7:]})" if words else f"E-mail {target[7:]}"
        return f"{words} ({target})" if words and words != target else target

    # -- the tree, when the document is saved

    def finish(self, canv: Canvas) -> None:
        """The structure tree, the parent tree and the catalog's entries,
        written when the document is saved (after its last page)."""
        self._end(canv)
        doc = canv._doc  # type: ignore[attr-defined]
        root = self._root_node()
        pages = len(self.page_mcids)
        tree_root = _TreeRoot()
        tree_ref = doc.Reference(tree_root)
        # Every element attached to the tree: an object each, parents first.
        order: list[Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed([k for k in node.kids if isinstance(k, Node)]))
        for node in order:
            node.name = doc.Reference(_Element(node)).name
        root_name = tree_ref.name
        for node in order:
            doc.idToObject[node.name].parent = node.parent.name if node.parent else root_name
        nums = _ParentTree(
            [(index, [n.name for n in owners]) for index, owners in enumerate(self.page_mcids)],
            [(pages + key, link.name) for link, _ref, key in self.annots],
        )
        tree_root.kid = root.name
        tree_root.parent_tree = doc.Reference(nums).name
        tree_root.next_key = pages + len(self.annots)
        cat = doc.Catalog
        cat.StructTreeRoot = tree_ref
        cat.MarkInfo = PDFDictionary({"Marked": PDFtrue})
        cat.Metadata = doc.Reference(_xmp(self.tree))


# The structure tree has an object for every element (thousands in a long
# brief): they are written by hand, not as reportlab dictionaries, which
# take several times longer to format.


def _ref(doc: object, name: str) -> bytes:
    return b"%d %d R" % doc.idToObjectNumberAndVersion[name]  # type: ignore[attr-defined]


def _value(doc: object, v: object) -> bytes:
    if isinstance(v, tuple):
        return b"[" + b" ".join(fp_str(x).encode() for x in v) + b"]"
    if isinstance(v, str):
        return b"/" + v.encode("ascii")
    return str(v).encode()


class _Element(PDFObject):
    """A structure element (StructElem)."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.parent = ""

    def format(self, document: object) -> bytes:
        node = self.node
        numbers = document.idToObjectNumberAndVersion  # type: ignore[attr-defined]
        out = [b"<< /Type /StructElem /S /", node.role.encode("ascii"), b" /P "]
        out.append(b"%d %d R" % numbers[self.parent])
        if node.alt:
            out += [b" /Alt ", PDFString(node.alt).format(document)]
        if node.title:
            out += [b" /T ", PDFString(node.title).format(document)]
        if node.attrs:
            attrs = dict(node.attrs)
            ident = attrs.pop("ID", None)
            if ident is not None:
                out += [b" /ID ", PDFString(str(ident)).format(document)]
            if attrs:
                out.append(b" /A <<")
                for k, v in attrs.items():
                    out += [b" /", k.encode("ascii"), b" ", _value(document, v)]
                out.append(b" >>")
        first = next((k[0] for k in node.kids if isinstance(k, tuple)), None)
        if first is not None:
            out += [b" /Pg ", _ref(document, f"Page{first + 1}")]
        kids: list[bytes] = []
        for kid in node.kids:
            if kid.__class__ is tuple and kid[0] == first:  # type: ignore[index]
                kids.append(b"%d" % kid[1])  # type: ignore[index]
                continue
            if isinstance(kid, Node):
                kids.append(b"%d %d R" % numbers[kid.name])
            elif isinstance(kid, _AnnotRef):
                obj = kid.ref.format(document)
                page = _ref(document, f"Page{kid.page + 1}")
                kids.append(b"<< /Type /OBJR /Obj " + obj + b" /Pg " + page + b" >>")
            elif kid[0] == first:
                kids.append(b"%d" % kid[1])
            else:
                page = _ref(document, f"Page{kid[0] + 1}")
                kids.append(b"<< /Type /MCR /Pg " + page + b" /MCID %d >>" % kid[1])
        # One kid is written alone (some readers expect a heading's /K to be
        # its marked content, not an array of it).
        if len(kids) == 1:
            out += [b" /K ", kids[0]]
        elif kids:
            out += [b" /K [", b" ".join(kids), b"]"]
        out.append(b" >>")
        return b"".join(out)


class _TreeRoot(PDFObject):
    kid = ""
    parent_tree = ""
    next_key = 0

    def format(self, document: object) -> bytes:
        return b"<< /Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d >>" % (
            _ref(document, self.kid),
            _ref(document, self.parent_tree),
            self.next_key,
        )


class _ParentTree(PDFObject):
    """The number tree from a page's /StructParents to the element of each
    of its MCIDs, and from an annotation's /StructParent to its Link."""

    def __init__(self, pages: list[tuple[int, list[str]]], links: list[tuple[int, str]]) -> None:
        self.pages, self.links = pages, links

    def format(self, document: object) -> bytes:
        out = [b"<< /Nums ["]
        for key, names in self.pages:
            out.append(b"%d [%s]" % (key, b" ".join(_ref(document, n) for n in names)))
        for key, name in self.links:
            out.append(b"%d %s" % (key, _ref(document, name)))
        out.append(b"] >>")
        return b"\n".join(out)


def _note_number(target: str) -> int | None:
    name = target.removeprefix("#")
    if name.startswith("_note") and name[5:].isdigit():
        return int(name[5:])
    return None


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _xmp(tree: Document) -> PDFStream:
    """The XMP packet: title, author, subject, language and the PDF/UA
    identifier (part 1), uncompressed so that any reader finds it."""
    info = tree.info

    def x(s: str) -> str:
        return xml_escape(s, {'"': "&quot;"})

    lang = x(info.language or "x-default")
    creator = (
        f"<dc:creator><rdf:Seq><rdf:li>{x(info.author)}</rdf:li></rdf:Seq></dc:creator>"
        if info.author
        else ""
    )
    description = (
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(info.subject)}</rdf:li>'
        "</rdf:Alt></dc:description>"
        if info.subject
        else ""
    )
    packet = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about=""'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"'
        ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
        ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"'
        ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        "<dc:format>application/pdf</dc:format>\n"
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(info.title)}</rdf:li>'
        "</rdf:Alt></dc:title>\n"
        f"{creator}{description}"
        f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
        f"<xmp:CreatorTool>{x(APP_NAME)}</xmp:CreatorTool>\n"
        "<pdf:Producer>ReportLab PDF Library - www.reportlab.com</pdf:Producer>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
    stream = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        packet.encode("utf-8"),
        filters=[],
    )
    return stream


# -------------------------------------------------------------- the canvas


class TaggedCanvas(FurnitureCanvas):
    """The final pass's canvas: the tagger's, with the pages' /StructParents
    and /Tabs, the link annotations' structure, and the tree at save."""

    tagger: Tagger

    def linkURL(self, url: str, *args: object, **kw: object) -> None:
        self.tagger.link_target(url)
        super().linkURL(url, *args, **kw)  # type: ignore[arg-type]

    def linkRect(self, contents: str, destinationname: str, *args: object, **kw: object) -> object:
        self.tagger.link_target("#" + destinationname)
        return super().linkRect(contents, destinationname, *args, **kw)  # type: ignore[arg-type]

    def _addAnnotation(
        self, annotation: object, name: str | None = None, addtopage: int = 1
    ) -> None:
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage and self._annotationrefs:  # type: ignore[attr-defined]
            self.tagger.annotation(annotation, self._annotationrefs[-1])  # type: ignore[attr-defined]

    def _setAnnotations(self, page: object) -> None:
        super()._setAnnotations(page)
        if not isinstance(page, PDFPage):  # a form's annotations: none here
            return
        extra = ["StructParents"]
        page.StructParents = self.getPageNumber() - 1  # type: ignore[attr-defined]
        if self._annotationrefs:  # type: ignore[attr-defined]
            extra.append("Tabs")
            page.Tabs = PDFName("S")  # type: ignore[attr-defined]
        page.__NoDefault__ = [*type(page).__NoDefault__, *extra]  # type: ignore[attr-defined]

    def save(self) -> None:
        # After the forms defined at save (the page total): the tree last.
        self.at_save.append(self.tagger.finish)
        super().save()


def note_callback(
    on_draw: Callable[[Canvas, str, str], None],
) -> Callable[[Canvas, str, str], None]:
    """The note-reference callback that also tells the tagger whose the note is."""

    def called(canv: Canvas, kind: str, label: str) -> None:
        tagger = tagger_of(canv)
        if tagger is not None:
            tagger.note_referenced(int(label))
        on_draw(canv, kind, label)

    return called


@contextlib.contextmanager
def artifact(canv: Canvas, kind: str = "") -> Iterator[None]:
    """What is drawn inside is an artifact (on a tagged canvas)."""
    tagger = tagger_of(canv)
    if tagger is None:
        yield
        return
    with tagger.artifact(canv, kind):
        yield


@contextlib.contextmanager
def page_furniture(canv: Canvas) -> Iterator[None]:
    """A page begins: what is drawn inside (the furniture) is a pagination
    artifact; after it, the body goes on in the element it was in."""
    tagger = tagger_of(canv)
    if tagger is None:
        yield
        return
    tagger.start_page(canv)
    with tagger.artifact(canv, "<</Type /Pagination>>"):
        yield
    tagger.resume_body(canv)


@contextlib.contextmanager
def page_foot(canv: Canvas) -> Iterator[None]:
    """A page ends: the body's sequence closes; what is drawn inside (the
    notes, each into its Note) follows, and the page is left closed."""
    tagger = tagger_of(canv)
    if tagger is not None:
        tagger.end_body(canv)
    yield
    if tagger is not None:
        tagger.end_page(canv)


def as_artifact(draw: Callable[..., None]) -> Callable[..., None]:
    def drawn(canv: Canvas, *args: object) -> None:
        with artifact(canv):
            draw(canv, *args)

    return drawn
