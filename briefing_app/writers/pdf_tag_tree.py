"""The structure tree of a tagged PDF: its elements and how they are written.

An element (``Node``) has a role (P, H2, TD...), attributes and kids in
reading order: elements, marked-content sequences (page, MCID) and link
annotations. When the document is saved, each element is written as a
StructElem object, with the StructTreeRoot, the ParentTree (from each page's
/StructParents to the element of each MCID, and from each link annotation's
/StructParent to its Link) and the XMP packet with the PDF/UA identifier.
The tree has an object for every element, thousands in a long brief: they
are written by hand, not as reportlab dictionaries, several times slower to
format. See pdf_tags.py for where the elements come from and pdf_tagger.py
for the marked content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import (
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
)

from briefing_app import APP_NAME
from briefing_app.document.nodes import (
    Document,
)


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
        self.kids: list[Node | tuple[int, int] | AnnotRef] = []
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
class AnnotRef:
    """A link annotation among an element's kids (an OBJR)."""

    page: int  # 0-based
    ref: PDFObjectReference
    key: int  # its index among the document's tagged annotations


#: The current element is an artifact (a rule, a tint, the furniture).
ARTIFACT: tuple[Node, ...] = ()
Path = tuple[Node, ...]


def _ref(doc: object, name: str) -> bytes:
    return b"%d %d R" % doc.idToObjectNumberAndVersion[name]  # type: ignore[attr-defined]


def _value(doc: object, v: object) -> bytes:
    if isinstance(v, tuple):
        return b"[" + b" ".join(fp_str(x).encode() for x in v) + b"]"
    if isinstance(v, str):
        return b"/" + v.encode("ascii")
    return str(v).encode()


class ElementObject(PDFObject):
    """A structure element (StructElem)."""

    def __init__(self, node: Node) -> None:
        self.node = node
        self.parent = ""

    def format(self, document: object) -> bytes:
        node = self.node
        numbers = document.idToObjectNumberAndVersion  # type: ignore[attr-defined]
        head = _HEADS.get(node.role)
        if head is None:
            head = _HEADS[node.role] = b"<< /Type /StructElem /S /%s /P " % node.role.encode()
        out = [head, b"%d %d R" % numbers[self.parent]]
        if node.alt:
            out += [b" /Alt ", PDFString(node.alt).format(document)]
        if node.title:
            out += [b" /T ", PDFString(node.title).format(document)]
        if node.attrs:
            out.append(_attributes(document, node.attrs))
        kids = node.kids
        first = -1  # the page of the first marked content: the element's /Pg
        for kid in kids:
            if kid.__class__ is tuple:
                first = kid[0]  # type: ignore[index]
                out += [b" /Pg ", b"%d %d R" % numbers[f"Page{first + 1}"]]
                break
        written: list[bytes] = []
        for kid in kids:
            cls = kid.__class__
            if cls is tuple:
                page, mcid = kid  # type: ignore[misc]
                if page == first:
                    written.append(b"%d" % mcid)
                else:
                    on = b"%d %d R" % numbers[f"Page{page + 1}"]
                    written.append(b"<< /Type /MCR /Pg %s /MCID %d >>" % (on, mcid))
            elif cls is Node:
                written.append(b"%d %d R" % numbers[kid.name])  # type: ignore[union-attr]
            else:
                obj = kid.ref.format(document)  # type: ignore[union-attr]
                on = b"%d %d R" % numbers[f"Page{kid.page + 1}"]  # type: ignore[union-attr]
                written.append(b"<< /Type /OBJR /Obj %s /Pg %s >>" % (obj, on))
        # One kid is written alone (some readers expect a heading's /K to be
        # its marked content, not an array of it).
        if len(written) == 1:
            out += [b" /K ", written[0]]
        elif written:
            out += [b" /K [", b" ".join(written), b"]"]
        out.append(b" >>")
        return b"".join(out)


_HEADS: dict[str, bytes] = {}


def _attributes(document: object, attrs: dict[str, object]) -> bytes:
    """The element's /ID and its attribute dictionary /A."""
    out = []
    rest = []
    for k, v in attrs.items():
        if k == "ID":
            out += [b" /ID ", PDFString(str(v)).format(document)]
        else:
            rest += [b" /", k.encode("ascii"), b" ", _value(document, v)]
    if rest:
        out += [b" /A <<", *rest, b" >>"]
    return b"".join(out)


class TreeRoot(PDFObject):
    kid = ""
    parent_tree = ""
    next_key = 0

    def format(self, document: object) -> bytes:
        return b"<< /Type /StructTreeRoot /K %s /ParentTree %s /ParentTreeNextKey %d >>" % (
            _ref(document, self.kid),
            _ref(document, self.parent_tree),
            self.next_key,
        )


class ParentTree(PDFObject):
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


#: Characters XML 1.0 cannot carry (a title could hold one): left out of the packet.
_XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xmp_packet(tree: Document) -> PDFStream:
    """The XMP packet: title, author, subject, language and the PDF/UA
    identifier (part 1), uncompressed so that any reader finds it."""
    info = tree.info

    def x(s: str) -> str:
        return xml_escape(_XML_UNSAFE.sub("", s), {'"': "&quot;"})

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
