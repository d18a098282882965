"""Tagged PDF (PDF/UA-1) on top of reportlab, which has no tagging of its own.

Three parts, in three modules:

* **Structure elements** (``Node``, pdf_tag_tree.py): Document, H1 for the title, H2... for
  headings, P, L/LI/Lbl/LBody, Table/TR/TH/TD with Caption, a Div for a
  callout box, Figure, Note, Reference and Link. They come from the document
  tree (``tag_block`` decides, block by block, which element each flowable
  of the writer draws into), never from the page.
* **Markers** (``Marker``, this module): zero-size flowables put in the story between the
  flowables of different elements. reportlab draws the story in order, and
  splits a flowable across pages by making new ones, so an element cannot
  be carried by the flowables themselves; the markers say "what is drawn
  from here on belongs to this element", in drawing order, which is the
  reading order. Inside a data table the table's own render callback does
  the same for each cell, and a list's bullet for its label.
* **The tagger** (``Tagger``, pdf_tagger.py), kept by the canvas of the final pass: it wraps
  what is drawn in marked-content sequences (``/P <</MCID n>> BDC ... EMC``)
  owned by the current element, and what is not content (page furniture,
  rules, tints, a table's repeated header row, footnote rules) in
  ``/Artifact`` sequences; when the document is saved it writes the
  structure tree (StructTreeRoot, ParentTree, /StructParents on pages,
  /StructParent and OBJR for link annotations with their /Contents), the
  catalog's /MarkInfo and the XMP packet with the PDF/UA identifier.

The counting pass and the check's measure draw on a plain canvas: the
markers do nothing there, so every pass lays out the same pages. Tagging
draws nothing of its own: a page's drawing is the untagged writer's, operator
for operator, with the marked-content operators around it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image, ListFlowable, Paragraph, Table
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import HRFlowable

from briefing_app.document.nodes import (
    BlockNode,
    CalloutNode,
    FigureNode,
    Heading,
    ListNode,
    Para,
    TableNode,
    TitleBlock,
)
from briefing_app.writers.pdf_tag_tree import ARTIFACT, Node, Path
from briefing_app.writers.pdf_tagger import tagger_of

_DEEPEST_HEADING = 6

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


def record_figure_box(canv: Canvas, width: float, height: float) -> None:
    """The box on the page of a figure drawn from here (its /BBox), when
    ``canv`` is tagging."""
    tagger = tagger_of(canv)
    if tagger is not None:
        a, b, c, d, e, f = canv._currentMatrix
        corners = [(0, 0), (width, 0), (0, height), (width, height)]
        xs = [a * x + c * y + e for x, y in corners]
        ys = [b * x + d * y + f for x, y in corners]
        tagger.figure_box((min(xs), min(ys), max(xs), max(ys)))


class FigureImage(Image):
    """An image drawn as a Figure: records its box on the page (/BBox)."""

    def draw(self) -> None:
        record_figure_box(self.canv, self.drawWidth, self.drawHeight)
        super().draw()


# ---------------------------------------------------------- the table's cells


class _CellEvents:
    """reportlab's render callback for a data table: each cell into its
    TH or TD, the header row once (its repeats on later pages are
    artifacts), the backgrounds and rules as artifacts.

    ``rows(t)`` gives the row of the whole table (-1: the header) that each
    row of the reportlab table ``t`` draws: the parts reportlab makes when
    it splits a table keep the callback."""

    def __init__(self, table: _TableTags, rows: Callable[[Table], Sequence[int]]) -> None:
        self.table = table
        self.rows = rows

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
            rows = self.rows(t)
            data_row = rows[row] if row < len(rows) else -1
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
        self.header_table: Table | None = None  # the reportlab table that drew the header

    def cell(self, data_row: int, col: int, table: Table) -> Node | None:
        if data_row < 0:
            # The header row: tagged where it is first drawn, an artifact
            # where it is repeated at the top of a later page.
            if self.header_table is None:
                self.header_table = table
            elif self.header_table is not table:
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
        # The part's rows: the header and data rows first to stop. When one
        # row taller than a page splits, both parts hold that row (and the
        # header: on the second, a repeat).
        rows = [-1, *range(first, stop)]
        return _CellEvents(tags, lambda _t: rows)

    return events


class ControlTable(Table):
    """The title block's document control: a table reportlab splits itself
    (between rows, or inside a row at the foot of a page). Each part knows
    which row of the whole table its first row is, so its cells go into the
    right TR (a row cut in two is one TR, on two pages)."""

    first_row = 0

    def _splitRows(self, availHeight: float, doInRowSplit: int = 0) -> list[Table]:
        parts = super()._splitRows(availHeight, doInRowSplit)
        if len(parts) == 2:
            head, rest = parts
            # One more row in the parts than in the table: a row cut in two.
            cut = len(head._cellvalues) + len(rest._cellvalues) - len(self._cellvalues)
            head.first_row = self.first_row
            rest.first_row = self.first_row + len(head._cellvalues) - cut
        return parts


def _control_rows(t: Table) -> range:
    first = getattr(t, "first_row", 0)
    return range(first, first + len(t._cellvalues))


# ------------------------------------------------------- blocks to elements


def _block_role(level: int) -> str:
    return f"H{min(level + 1, _DEEPEST_HEADING)}"


def _style_name(f: Flowable) -> str:
    style = getattr(f, "style", None)
    return getattr(style, "name", "").removesuffix("-piece")


def _list(lf: ListFlowable, parent: Node) -> Node:
    """The list's items with their markers: L > LI > Lbl, LBody. (A list
    tagged before, as a kept flowable would be, is tagged anew.)"""
    node = parent.child("L", O="List", ListNumbering="Decimal" if lf._bulletType == "1" else "Disc")
    content: list[Flowable] = []
    for item in (f for f in lf._content if not is_marker(f)):
        li = node.child("LI")
        body = li.child("LBody").path()
        label = li.child("Lbl").path()
        bullet = getattr(item, "_bullet", None)
        while isinstance(bullet, _Label):
            bullet = bullet._inner
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
        if is_marker(f):
            continue  # tagged before (a kept flowable): tagged anew
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
                    f._renderCB = _CellEvents(tags, _control_rows)
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
        case FigureNode():
            # Figure (its caption inside it) with its alternative text; a
            # decorative picture is an artifact; the source line a P.
            _figure(parts[0], block, root)
            items = [(None, parts[0])]
            return [parts[0]]
        case _:
            raise TypeError(f"no structure element for the node type {type(block).__name__}")
    return _marked(items, before)


def _figure(keep: Flowable, block: FigureNode, root: Node) -> None:
    """Markers inside the figure's unit (pdf_figures: caption, picture,
    space, source line, kept together)."""
    content = [f for f in keep._content if not is_marker(f)]  # type: ignore[attr-defined]
    figure = root.child("Figure", alt=block.alt) if block.alt else None
    caption = (figure or root).child("Caption")
    source = root.child("P") if block.source else None
    items: list[tuple[Path | None, Flowable]] = []
    picture_done = False
    for f in content:
        if isinstance(f, Paragraph) and not picture_done:
            items.append((caption.path(), f))
        elif not picture_done and not isinstance(f, Paragraph) and f.__class__.__name__ != "Spacer":
            items.append((figure.path() if figure is not None else None, f))
            picture_done = True
        elif isinstance(f, Paragraph) and source is not None:
            items.append((source.path(), f))
        else:
            items.append((items[-1][0] if items else None, f))
    keep._content = _marked(items)  # type: ignore[attr-defined]


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
