"""The tagger: marked content on the pages of a tagged PDF.

Kept by the canvas of the final pass (``TaggedCanvas``), it wraps what is
drawn in marked-content sequences (``/P <</MCID n>> BDC ... EMC``) owned by
the current structure element, and what is not content (page furniture,
rules, tints, a table's repeated header row, the rule above the footnotes)
in ``/Artifact`` sequences. A sequence in which nothing is painted is left
out. Link annotations join the tree in Link elements (with /StructParent,
an OBJR and a /Contents that says where they go), note references in a
Reference, notes in a Note beside the element that references them. When
the document is saved it writes the tree (pdf_tag_tree.py) and the
catalog's /MarkInfo and /Metadata; every page gets /StructParents, and
/Tabs /S when it has links.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

from reportlab.pdfbase.pdfdoc import (
    LinkAnnotation,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFPage,
    PDFString,
    PDFtrue,
)
from reportlab.pdfgen.canvas import Canvas

from briefing_app.document.nodes import (
    Document,
    Heading,
    Inlines,
    inline_text,
    map_inlines,
)
from briefing_app.writers.pdf_furniture import FurnitureCanvas
from briefing_app.writers.pdf_tag_tree import (
    ARTIFACT,
    AnnotRef,
    ElementObject,
    Node,
    ParentTree,
    Path,
    TreeRoot,
    xmp_packet,
)

#: Roles whose elements hold other elements only: content drawn while one
#: of them is the current element (a table's "q") is left unmarked.
_GROUPS = frozenset({"Document", "Table", "TR", "L", "LI", "Div", "Reference"})

#: Content-stream operators that paint: text shown, a path stroked or
#: filled, an image, a form or a shading drawn. A sequence with none of them
#: is left out.
_PAINTS = re.compile(r"(?:^|\s)(?:[SsFfBb]\*?|Do|sh|BI)(?:$|\s)")


_FEW = 6


def _paints(line: str) -> bool:
    if line.startswith("BT"):  # a text object: does it show text?
        return "Tj" in line or "TJ" in line or "'" in line or '"' in line
    return _PAINTS.search(line) is not None


def tagger_of(canv: Canvas | None) -> Tagger | None:
    return getattr(canv, "tagger", None)


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

    for block in tree.blocks:
        map_inlines(block, note)
    for n in tree.notes:
        note(n.inlines)
    return out


def _note_number(target: str) -> int | None:
    """The note a link goes to, or None (pdf_notes names the notes' places;
    it imports this module, so it is imported here)."""
    from briefing_app.writers.pdf_notes import note_anchor

    name = target.removeprefix("#")
    prefix = note_anchor(0).removesuffix("0")
    digits = name.removeprefix(prefix)
    if name.startswith(prefix) and digits.isdigit() and note_anchor(int(digits)) == name:
        return int(digits)
    return None


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


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
        link.kids.append(AnnotRef(self.page, ref, key))
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
        tree_root = TreeRoot()
        tree_ref = doc.Reference(tree_root)
        # Every element attached to the tree: an object each, parents first.
        order: list[Node] = []
        stack = [root]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(reversed([k for k in node.kids if isinstance(k, Node)]))
        for node in order:
            node.name = doc.Reference(ElementObject(node)).name
        root_name = tree_ref.name
        for node in order:
            doc.idToObject[node.name].parent = node.parent.name if node.parent else root_name
        nums = ParentTree(
            [(index, [n.name for n in owners]) for index, owners in enumerate(self.page_mcids)],
            [(pages + key, link.name) for link, _ref, key in self.annots],
        )
        tree_root.kid = root.name
        tree_root.parent_tree = doc.Reference(nums).name
        tree_root.next_key = pages + len(self.annots)
        cat = doc.Catalog
        cat.StructTreeRoot = tree_ref
        cat.MarkInfo = PDFDictionary({"Marked": PDFtrue})
        cat.Metadata = doc.Reference(xmp_packet(self.tree))


# The structure tree has an object for every element (thousands in a long
# brief): they are written by hand, not as reportlab dictionaries, which
# take several times longer to format.


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
