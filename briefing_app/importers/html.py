"""Read a saved web page (.html): the article only, as headings, paragraphs,
lists, tables, links and pictures.

lxml parses the page (libxml2's HTML parser: it never fetches anything and
repairs broken markup as browsers do); readability-lxml finds the article
in it (it scores blocks of text by their length, punctuation and links, as
Firefox's reader view does). Before that, what is page furniture by its
own markup goes: scripts, styles, forms and buttons, the site's header,
navigation and footer, sidebars outside the article, and blocks named as
cookie banners, share buttons, newsletters, advertisements or related
stories. A page with more elements than readability scores in a few
seconds, or where it finds too little, is read from its <article> or
<main> element (or its body) instead.

Bounded: the page's size is capped before it is read (source_file.py), it
may hold at most ``MAX_ELEMENTS`` elements and nest at most 255 deep (the
parser's own limit, which a page deeper than that would silently lose text
to, so it is refused), and it is walked once, with a stack.
"""

from __future__ import annotations

import codecs
import re
from copy import deepcopy as copy_element
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from briefing_app.errors import BriefImportError
from briefing_app.importers.items import (
    SrcBlock,
    SrcHeading,
    SrcList,
    SrcParagraph,
    SrcPicture,
    SrcTable,
)
from briefing_app.importers.limits import TooMuch
from briefing_app.importers.runs import strip_runs
from briefing_app.importers.source_file import decode_text, encoding_note
from briefing_app.model.text import ListStyle, Run
from briefing_app.progress import Progress

#: Elements a page may hold: a long news page has a few thousand, a saved
#: page of 10 MB well under a million.
MAX_ELEMENTS = 1_000_000
#: readability scores every block against its neighbours: about 3 s for a
#: page of 60,000 elements. Larger pages are read from their landmarks.
MAX_SCORED_ELEMENTS = 60_000
_MAX_SPAN = 64

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "canvas",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "input",
    "select",
    "textarea",
    "nav",
    "dialog",
    "link",
    "meta",
)
# Landmarks that are furniture when they are not inside the article.
_FURNITURE_OUTSIDE = ("header", "footer", "aside")
_FURNITURE_ROLES = frozenset(
    ["navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alert"]
)
_FURNITURE_NAME = re.compile(
    r"(?:^|[-_])(cookies?|consent|gdpr|share|sharing|social|newsletter|subscribe|signup|"
    r"promo|advert|advertisement|ads?|sponsor(ed)?|breadcrumbs?|related|recommended|"
    r"paywall|modal|popup|banner|outbrain|taboola)(?:$|[-_])",
    re.IGNORECASE,
)
_KEEP_ATTRIBUTES = frozenset(["href", "src", "alt", "title", "colspan", "class", "id"])
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = ("ul", "ol")
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "blockquote",
        "pre",
        "dl",
        "dt",
        "dd",
        "address",
        "details",
        "summary",
        "center",
        "figcaption",
        "hr",
        "body",
        "html",
        "caption",
        "tr",
        "td",
        "th",
    ]
)
_BOLD = frozenset(["b", "strong"])
_ITALIC = frozenset(["i", "em", "cite", "dfn", "var"])
_PICTURES = frozenset(["img", "picture", "video", "audio"])
_SAFE_SCHEMES = ("http", "https", "mailto")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w:.]+)""", re.IGNORECASE)
_LATIN = ("iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp1252")
_SPACES = re.compile(r"\s+")
_BREAK = re.compile(r" *\n[ \n]*")
_PLAIN = (False, False, "")


@dataclass(slots=True)
class HtmlContent:
    blocks: list[SrcBlock]
    title: str = ""
    notes: list[str] = field(default_factory=list)


def decode_html(data: bytes, *, name: str = "") -> tuple[str, str]:
    """(text, encoding): the charset the page declares, when Python knows
    it and the bytes fit it; else as plain text is read."""
    declared = _CHARSET.search(data[:4096])
    if declared is not None and not data.startswith((codecs.BOM_UTF8, b"\xff\xfe", b"\xfe\xff")):
        charset = declared.group(1).decode("ascii", "replace").lower()
        if charset in _LATIN:
            charset = "cp1252"  # as browsers read it
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            codec = ""
        if codec and codec not in ("utf-8", "cp1252"):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                pass
            else:
                decode_text(data[:65536].decode(codec, "replace").encode(), name=name)
                return text, codec
    return decode_text(data, name=name)


def html_content(
    text: str,
    *,
    name: str = "",
    url: str = "",
    whole: bool = False,
    progress: Progress | None = None,
) -> HtmlContent:
    """The article of the page ``text`` (already decoded); ``url`` is where
    it came from, for its relative links. ``whole`` reads all the body but
    its furniture, with no title of its own (an e-mail's body)."""
    page = _parse(text, name)
    base = _base_url(page, url)
    title = "" if whole else _page_title(page)
    _drop_furniture(page)
    if progress is not None:
        progress.step(30, 100)
    article = _landmark(page, body=True) if whole else _article(page)
    if progress is not None:
        progress.step(60, 100)
    walker = _Walker(base)
    walker.walk(article)
    blocks = walker.out
    if title:
        # The page's headline is the title, wherever the article has it.
        blocks = [b for b in blocks if not (isinstance(b, SrcHeading) and _same(b.text, title))]
        blocks.insert(0, SrcHeading(0, title))
    return HtmlContent(blocks, title)


def html_note(encoding: str) -> str | None:
    """A note on the encoding, only when it was a guess."""
    note = encoding_note(encoding)
    return note if "not UTF-8" in note else None


# ------------------------------------------------------------------ the page


def _parse(text: str, name: str) -> lxml.html.HtmlElement:
    parser = lxml.html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    text = _XML_DECLARATION.sub("", text, count=1)
    if not text.strip():
        raise BriefImportError("the file is empty", file=name)
    try:
        page = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.LxmlError, ValueError):
        raise BriefImportError(
            "the web page could not be read (it is not HTML, or is damaged). Open it in a "
            "browser, save it again (Save Page As, Web Page, HTML only), and import that.",
            file=name,
        ) from None
    if any("Excessive depth" in error.message for error in parser.error_log):
        raise BriefImportError(
            "the web page nests its parts more deeply than web pages do (more than 255 "
            "levels), so it cannot be read whole. Copy its text into a .txt file and import "
            "that.",
            file=name,
        )
    for count, _ in enumerate(page.iter(), start=1):
        if count > MAX_ELEMENTS:
            raise TooMuch(
                f"the web page has too many parts to import (more than {MAX_ELEMENTS:,} "
                "HTML elements). Copy the article's text into a .txt file and import that."
            )
    return page


def _base_url(page: lxml.html.HtmlElement, url: str) -> str:
    """Where relative links on the page point from: its <base>, the address
    it says is its own (canonical, og:url), or ``url``."""
    for path, attribute in (
        ("//base[@href]", "href"),
        ("//link[@rel='canonical'][@href]", "href"),
        ("//meta[@property='og:url'][@content]", "content"),
    ):
        for element in page.xpath(path):
            value = (element.get(attribute) or "").strip()
            if urlsplit(value).scheme in ("http", "https"):
                return value
    return url


def _shown_text(element: lxml.html.HtmlElement) -> str:
    """The words of ``element`` a reader sees: not those of a script, a
    style or anything else that is dropped (the title is read before they are)."""
    if not any(True for _ in element.iter(*_DROP_TAGS)):
        return _squash(element.text_content())
    copy = copy_element(element)
    for dropped in list(copy.iter(*_DROP_TAGS)):
        if dropped is not copy:
            dropped.drop_tree()
    return "" if copy.tag in _DROP_TAGS else _squash(copy.text_content())


def _page_title(page: lxml.html.HtmlElement) -> str:
    """The article's headline: the first <h1> (inside the article if there
    is one), the page's og:title, or its <title>."""
    for path in ("//article//h1", "//main//h1"):
        for element in page.xpath(path):
            text = _shown_text(element)
            if text:
                return text
    for element in page.xpath("//meta[@property='og:title'][@content]"):
        text = _squash(element.get("content") or "")
        if text:
            return text
    for element in page.xpath("//h1"):
        text = _shown_text(element)
        if text:
            return text
    title = page.find(".//title")
    if title is not None:
        text = _squash(title.text_content())
        # "Headline | Site name": the headline.
        return re.split(r"\s+[|–—·]\s+|\s+-\s+", text)[0].strip() if text else ""
    return ""


def _drop_furniture(page: lxml.html.HtmlElement) -> None:
    """Scripts, forms, navigation and the other furniture named in the
    module's docstring; attributes but a few go too (readability cleans
    attributes with regular expressions over the whole page)."""
    doomed = []
    for element in page.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag in _DROP_TAGS:
            doomed.append(element)
            continue
        inside_article = tag in _FURNITURE_OUTSIDE and _in_article(element)
        if inside_article and tag == "aside":
            # A box in the article ("Did you know?"): readability drops
            # asides as sidebars, so it is a plain block for it.
            element.tag = "div"
        if (
            (tag in _FURNITURE_OUTSIDE and not inside_article)
            or (element.get("role") or "").lower() in _FURNITURE_ROLES
            or element.get("hidden") is not None
            or (element.get("aria-hidden") or "").lower() == "true"
            or _furniture_name(element)
        ):
            doomed.append(element)
            continue
        for attribute in list(element.attrib):
            if attribute not in _KEEP_ATTRIBUTES:
                del element.attrib[attribute]
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _in_article(element: etree._Element) -> bool:
    return any(a.tag in ("article", "main") for a in element.iterancestors())


def _furniture_name(element: etree._Element) -> bool:
    if element.tag in ("body", "html", "main", "article"):
        return False
    for attribute in ("class", "id"):
        for word in (element.get(attribute) or "").split():
            if _FURNITURE_NAME.search(word):
                return True
    return False


def _article(page: lxml.html.HtmlElement) -> etree._Element:
    """The article: readability's choice, or the page's own landmark."""
    landmark = _landmark(page)
    count = sum(1 for _ in page.iter())
    if count <= MAX_SCORED_ELEMENTS:
        from readability import Document
        from readability.readability import Unparseable

        try:
            summary = Document(lxml.html.tostring(page, encoding="unicode")).summary(
                html_partial=True
            )
            found = lxml.html.fragment_fromstring(summary, create_parent="div")
        except (Unparseable, etree.LxmlError, ValueError):
            found = None
        # readability keeps the best-scored block: when the page marks its
        # article and readability found much less, the page knows better.
        if found is not None and len(_squash(found.text_content())) * 2 >= len(
            _squash(landmark.text_content())
        ):
            return found
    return landmark


def _landmark(page: lxml.html.HtmlElement, *, body: bool = False) -> etree._Element:
    """The page's <article> or <main> (the longest), else its body; with
    ``body``, the body anyway."""
    for path in () if body else ("//article", "//main", "//*[@role='main']"):
        found = page.xpath(path)
        if found:
            return max(found, key=lambda e: len(e.text_content()))
    body = page.find("body")
    return body if body is not None else page


def _same(a: str, b: str) -> bool:
    return _squash(a).casefold() == _squash(b).casefold()


def _squash(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ the walk


class _Walker:
    """Blocks from the article, in one pass over its elements (lxml's
    iterwalk: no recursion on the page's nesting)."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.out: list[SrcBlock] = []
        # The text of the block being read, with its marks; made into runs
        # once per block (a Run cleans its text when made: costly per piece).
        self.runs: list[tuple[str, tuple[bool, bool, str]]] = []
        self.marks: list[tuple[bool, bool, str]] = [(False, False, "")]
        self.heading: int | None = None
        self.list: SrcList | None = None  # the outermost open list
        self.list_depth = 0
        self.pre = 0

    def walk(self, root: etree._Element) -> None:
        walker = etree.iterwalk(root, events=("start", "end"))
        skipped = None  # read whole at its start: its "end" only brings its tail
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""
            if event == "start":
                if tag == "table" and self.heading is None:
                    self.table(element)
                elif tag in _PICTURES or (tag == "figure" and _has_picture(element)):
                    self.picture(element)
                else:
                    self.start(tag, element)
                    if element.text:
                        self.text(element.text)
                    continue
                walker.skip_subtree()
                skipped = element
            elif element is skipped:
                skipped = None
                self.tail(element)
            else:
                self.end(tag)
                self.tail(element)

    def tail(self, element: etree._Element) -> None:
        if element.tail:
            self.text(element.tail)

    def start(self, tag: str, element: etree._Element) -> None:
        bold, italic, link = self.marks[-1]
        if tag in _HEADINGS:
            self.block_break()
            if self.list is None:
                self.heading = _HEADINGS[tag]
        elif tag in _LISTS:
            self.block_break()
            if self.list is None:
                style = ListStyle.NUMBERED if tag == "ol" else ListStyle.BULLET
                self.list = SrcList(style)
            self.list_depth += 1
        elif tag == "li":
            self.end_item()
        elif tag == "br":
            self.runs.append(("\n", (bold, italic, link)))
        elif tag == "pre":
            self.block_break()
            self.pre += 1
        elif tag in _BLOCKS:
            self.block_break()
        if tag in _BOLD or tag in _HEADINGS or tag == "th":
            bold = True
        if tag in _ITALIC:
            italic = True
        if tag == "a":
            link = self.address(element.get("href") or "") or link
        self.marks.append((bold, italic, link))

    def end(self, tag: str) -> None:
        if len(self.marks) > 1:
            self.marks.pop()
        if tag in _HEADINGS and self.heading is not None:
            text = _squash("".join(piece for piece, _ in self.runs))
            self.runs = []
            level, self.heading = self.heading, None
            if text:
                self.out.append(SrcHeading(level, text))
        elif tag in _LISTS and self.list is not None:
            self.end_item()
            self.list_depth -= 1
            if self.list_depth == 0:
                if self.list.items:
                    self.out.append(self.list)
                self.list = None
        elif tag == "li":
            self.end_item()
        elif tag == "pre":
            self.block_break()
            self.pre = max(0, self.pre - 1)
        elif tag in _BLOCKS:
            self.block_break()

    def text(self, text: str) -> None:
        if not self.pre:
            text = _SPACES.sub(" ", text)
            if text == " " and (not self.runs or self.runs[-1][0].endswith((" ", "\n"))):
                return
        self.runs.append((text, self.marks[-1]))

    def block_break(self) -> None:
        """A block starts or ends: the text so far is a paragraph, or a line
        of the list item or heading it is in."""
        if self.heading is not None:
            return
        if self.list is not None:
            if self.runs and not self.runs[-1][0].endswith("\n"):
                self.runs.append(("\n", _PLAIN))
            return
        runs = _clean(self.runs)
        self.runs = []
        if runs:
            self.out.append(SrcParagraph(runs))

    def end_item(self) -> None:
        if self.list is None:
            self.block_break()
            return
        runs = _clean(self.runs)
        self.runs = []
        if runs:
            self.list.items.append(runs)

    def table(self, table: etree._Element) -> None:
        rows: list[list[list[Run]]] = []
        for tr in _table_rows(table):
            row: list[list[Run]] = []
            for cell in tr.iterchildren("td", "th"):
                row.append(self.cell(cell))
                row.extend([] for _ in range(_span(cell) - 1))
            if row:
                rows.append(row)
        caption_element = table.find("caption")
        caption = _squash(caption_element.text_content()) if caption_element is not None else ""
        if not any(any(cell for cell in row) for row in rows):
            return
        if self.list is not None:
            # A table inside a list item: its rows as lines of the item.
            for row in rows:
                for run in [*_join(row, " | "), Run("\n")]:
                    self.runs.append((run.text, (run.bold, run.italic, run.link)))
            return
        self.block_break()
        self.out.append(SrcTable(rows, caption))

    def cell(self, cell: etree._Element) -> list[Run]:
        inner = _Walker(self.base)
        inner.marks = [(False, False, "")]
        inner.list = SrcList()  # lines of a cell are joined, as list items are
        inner.list_depth = 1
        walker = etree.iterwalk(cell, events=("start", "end"))
        skipped = None
        for event, element in walker:
            tag = element.tag if isinstance(element.tag, str) else ""
            if element is cell:
                if event == "start" and cell.text:
                    inner.text(cell.text)
                continue
            if event == "start":
                if tag in _PICTURES or tag == "table":
                    # A nested table gives its text; a picture its description.
                    text = _squash(element.text_content()) or element.get("alt") or ""
                    if text:
                        inner.text(f" {text} ")
                    walker.skip_subtree()
                    skipped = element
                    continue
                inner.start(tag, element)
                if element.text:
                    inner.text(element.text)
            elif element is skipped:
                skipped = None
                inner.tail(element)
            else:
                inner.end(tag)
                inner.tail(element)
        return _clean(inner.runs)

    def picture(self, element: etree._Element) -> None:
        caption = element.find(".//figcaption") if element.tag == "figure" else None
        caption_text = _squash(caption.text_content()) if caption is not None else ""
        images = [element] if element.tag in _PICTURES else list(element.iter(*_PICTURES))
        seen = False
        for image in images:
            if image.tag == "picture" and image.find(".//img") is not None:
                continue  # its <img> speaks for it
            alt = _squash(image.get("alt") or image.get("title") or "")
            self.out.append(SrcPicture(alt, "" if seen else caption_text))
            seen = True

    def address(self, href: str) -> str:
        href = href.strip()
        if not href or href.startswith("#"):
            return ""
        try:
            target = urljoin(self.base, href) if self.base else href
            scheme = urlsplit(target).scheme.lower()
        except ValueError:
            return ""
        return target if scheme in _SAFE_SCHEMES else ""


def _has_picture(figure: etree._Element) -> bool:
    return next(figure.iter(*_PICTURES), None) is not None


def _table_rows(table: etree._Element):
    for child in table.iterchildren():
        if child.tag == "tr":
            yield child
        elif child.tag in ("thead", "tbody", "tfoot"):
            yield from child.iterchildren("tr")


def _span(cell: etree._Element) -> int:
    try:
        return max(1, min(int(cell.get("colspan") or 1), _MAX_SPAN))
    except ValueError:
        return 1


def _clean(pieces: list[tuple[str, tuple[bool, bool, str]]]) -> list[Run]:
    """The runs of one block: pieces with the same marks joined, spaces
    around line breaks and at the ends gone."""
    runs: list[Run] = []
    texts: list[str] = []
    marks = _PLAIN
    for text, own in [*pieces, ("", None)]:
        if own != marks or own is None:
            if texts:
                joined = "".join(texts)
                if "\n" in joined:
                    joined = _BREAK.sub("\n", joined)
                runs.append(Run(joined, *marks))
            texts = []
            marks = own or _PLAIN
        texts.append(text)
    return strip_runs(runs)


def _join(cells: list[list[Run]], sep: str) -> list[Run]:
    out: list[Run] = []
    for cell in cells:
        if out:
            out.append(Run(sep))
        out.extend(cell)
    return out
