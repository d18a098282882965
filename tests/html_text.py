"""Read an HTML export back with the standard library's parser.

html.parser tokenizes without repairing anything, so the tree built here is
exactly the elements the writer emitted; an end tag that does not close the
innermost open element fails the read (the writer's markup is well nested).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    def iter(self, *tags: str) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        if not tags or self.tag in tags:
            yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter(*tags)

    def find(self, tag: str) -> Element:
        found = next(self.iter(tag), None)
        assert found is not None, f"no <{tag}>"
        return found

    def text(self) -> str:
        """The text a reader sees; <br> is a line break."""
        out: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                out.append(child)
            elif child.tag == "br":
                out.append("\n")
            else:
                out.append(child.text())
        return "".join(out)

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]
        self.declarations: list[str] = []

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        assert len(element.attrs) == len(attrs), f"<{tag}> repeats an attribute"
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert tag not in VOID, f"</{tag}>"
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Page:
    root: Element
    declarations: list[str]

    @property
    def html(self) -> Element:
        return self.root.find("html")

    @property
    def main(self) -> Element:
        return self.root.find("main")

    def main_text(self) -> str:
        return squash(self.main.text())

    def style_text(self) -> str:
        return "".join(e.text() for e in self.root.iter("style"))


def parse(data: bytes) -> Page:
    reader = _Reader()
    reader.feed(data.decode("utf-8"))
    reader.close()
    assert reader.stack == [reader.root], "elements left open"
    return Page(reader.root, reader.declarations)


def squash(text: str) -> str:
    """Whitespace-normalised text: runs of whitespace become one space."""
    return re.sub(r"\s+", " ", text).strip()


def css_unescape(value: str) -> str:
    """Undo the writer's CSS string escapes (six hex digits each)."""
    return re.sub(r"\\([0-9a-fA-F]{6})", lambda m: chr(int(m.group(1), 16)), value)
