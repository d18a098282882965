"""Files to import, written the way an officer's would be."""

from __future__ import annotations

import io
import itertools
import zipfile

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

SAMPLE_TEXT = """\
Belarus frees 52 political prisoners
Minsk, 11 September. Belarus released 52 people held on politically
motivated charges, the state news agency reported on Thursday.

Did you know? More than 1,000 political prisoners remain in detention.

Background

The 2020 presidential election triggered protests and a crackdown that
continues. Human Rights Watch documented abuses: https://www.hrw.org/belarus.

Factors behind the release

| Factor | Impact |
|--------|--------|
| US sanctions | Leverage for Washington |
| Drone incursion into Poland | Regional tension |
Source: Reuters and the Associated Press, 26 October 2025

Recommendations

1. Welcome the release publicly.
2. Keep sanctions tied to concrete
   human-rights improvements.

Tip: raise individual cases by name.

Sources

Reuters: news reporting on the release, https://www.reuters.com
Associated Press (https://apnews.com)
"""

SAMPLE_MARKDOWN = """\
# Belarus frees 52 political prisoners

Fifty-two **political prisoners** were freed under a deal reported by
[Reuters](https://www.reuters.com/world/belarus).

> **Did you know?** More than *1,000* political prisoners remain in detention.

## Context

The 2020 presidential election triggered protests and a crackdown.

## Factors

Table 1: Factors behind the release

| Factor | Impact on the release |
|---|---|
| US sanctions | **Leverage** for Washington |
| Drone incursion | See [CFR](https://www.cfr.org) |

Source: Council on Foreign Relations analysis

Pro tip: watch the sanctions review in December.

## Remaining prisoners

- Journalists
- Trade union leaders
  - including *independent* unions

## Recommendations

1. Welcome the release publicly.
2. Keep sanctions tied to human-rights improvements.

## Sources

- [Reuters](https://www.reuters.com): news reporting
- Associated Press, https://apnews.com
"""


def add_hyperlink(paragraph: Paragraph, text: str, url: str, *, bold: bool = False) -> None:
    """A real Word hyperlink: w:hyperlink with r:id pointing at the address."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    if bold:
        props = OxmlElement("w:rPr")
        props.append(OxmlElement("w:b"))
        run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def sample_docx() -> bytes:
    """Title, intro with bold and a link, a callout, headings, a table with a
    source line, numbered and bulleted lists."""
    document = docx.Document()
    document.add_heading("Belarus frees 52 political prisoners", level=0)
    intro = document.add_paragraph("Fifty-two ")
    intro.add_run("political prisoners").bold = True
    intro.add_run(" were freed, as ")
    add_hyperlink(intro, "Reuters reported", "https://www.reuters.com/world/belarus")
    intro.add_run(".")
    callout = document.add_paragraph()
    callout.add_run("Did you know?").bold = True
    callout.add_run(" More than 1,000 remain in ")
    callout.add_run("detention").italic = True
    callout.add_run(".")

    document.add_heading("Background", level=1)
    document.add_paragraph("The 2020 election triggered protests and a crackdown.")
    document.add_heading("Earlier releases", level=2)
    document.add_paragraph("Smaller releases took place in 2024.")

    document.add_heading("Factors behind the release", level=1)
    table = document.add_table(rows=3, cols=2)
    cells = [("Factor", "Impact"), ("US sanctions", "Leverage"), ("Drone incursion", "Tension")]
    for row, values in zip(table.rows, cells, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[1].cells[1].paragraphs[0].runs[0].bold = True
    document.add_paragraph("Source: Reuters and the Associated Press, 26 October 2025")

    document.add_heading("Recommendations", level=1)
    document.add_paragraph("Welcome the release publicly.", style="List Number")
    document.add_paragraph("Keep sanctions tied to human-rights improvements.", style="List Number")

    document.add_heading("Sources", level=1)
    item = document.add_paragraph(style="List Bullet")
    add_hyperlink(item, "Reuters", "https://www.reuters.com")
    item.add_run(": news reporting")
    document.add_paragraph("Associated Press, https://apnews.com", style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def with_parts(data: bytes, replace: dict[str, bytes]) -> bytes:
    """A copy of the .docx ``data`` with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename not in replace:
                target.writestr(info, source.read(info.filename))
        for name, content in replace.items():
            target.writestr(name, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


# ------------------------------------------------------------------ issue 17: material from outside

# An article copied from a web page into a text file: one paragraph per line,
# no blank lines, headings as short lines, a "Did You Know?" lead-in, a pipe
# table under a heading and the text cut off mid-sentence; and its own Key
# points section after an opening paragraph.
ARTICLE_TEXT = "\n".join(
    [
        "Belarus frees 52 political prisoners in deal brokered by Washington",
        (
            "Belarus released 52 people held on politically motivated charges on Thursday, in"
            " a deal that the United States said it had negotiated over several months with "
            "the government in Minsk."
        ),
        "Key points",
        (
            "The prisoners were driven to the Lithuanian border, where relatives and "
            "diplomats were waiting for them in the early afternoon."
        ),
        (
            "Did You Know? More than 1,000 political prisoners remain in detention in "
            "Belarus, according to the Viasna human rights centre."
        ),
        "Why now?",
        (
            "Analysts say that the Belarusian government is seeking relief from sanctions on "
            "its potash exports and on the national airline, which have cut the country off "
            "from Western markets since 2021."
        ),
        (
            "Pro tip: the sanctions review in December will show whether the deal holds, and "
            "officials should watch it closely."
        ),
        "What drove the release",
        "| Factor | Impact |",
        "|---|---|",
        "| US sanctions | Leverage for Washington |",
        "| Drone incursion into Poland | Regional tension |",
        "What happens next",
        (
            "The United States has said that it will reopen its embassy in Minsk once further"
            " releases take place, and European governments are divided on whether to follow "
            "the"
        ),
        "",
    ]
)

NEWS_HTML = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Belarus frees 52 political prisoners | World News Daily</title>
<link rel="canonical" href="https://news.example.com/world/europe/belarus-prisoners">
<meta property="og:title" content="Belarus frees 52 political prisoners">
<script>window.dataLayer=[];function gtag(){dataLayer.push(arguments)}</script>
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Belarus frees 52"}</script>
<style>.cookie{position:fixed}</style></head>
<body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience.
By continuing you accept our cookie policy.</p><button>Accept all cookies</button></div>
<header class="site-header"><a href="/" class="logo">World News Daily</a>
<nav class="main-nav"><ul><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<form class="search"><input name="q" placeholder="Search"></form></header>
<main id="main-content">
<nav class="breadcrumb"><a href="/">Home</a> &gt; <a href="/world">World</a></nav>
<article class="story">
<header><h1>Belarus frees 52 political prisoners in deal brokered by Washington</h1>
<p class="byline">By Anna Novak, Europe correspondent</p>
<time datetime="2025-09-11">11 September 2025</time></header>
<div class="share-tools"><a href="https://twitter.com/share">Share on X</a>
<a href="https://facebook.com/share">Share on Facebook</a></div>
<figure><img src="minsk.jpg" alt="Released prisoners arrive at the Lithuanian border">
<figcaption>Released prisoners arrive at the border on Thursday.</figcaption></figure>
<p>Belarus released 52 people held on politically motivated charges on Thursday, in a deal
that the United States said it had <strong>negotiated over several months</strong>. The
prisoners were driven to the Lithuanian border, where relatives and diplomats were waiting.</p>
<p>Among those freed were journalists, trade union leaders and members of the opposition,
according to <a href="https://spring96.org/en">the Viasna human rights centre</a>, which keeps
a <a href="/lists/prisoners">list of political prisoners</a> in the country.</p>
<h2>Why now?</h2>
<p>Analysts say that the Belarusian government is seeking relief from sanctions on its potash
exports and on the national airline, which have cut the country off from <em>Western
markets</em> since 2021.</p>
<p>The release came a week after a drone incursion into Polish airspace raised tension across
the region, and officials in Vilnius said that the timing was not a coincidence.</p>
<div class="ad-slot"><p>Advertisement</p></div>
<h2>What the deal contains</h2>
<ul><li>The release of 52 prisoners, including 14 foreign nationals.</li>
<li>The lifting of sanctions on the national airline, Belavia.</li>
<li>Talks on the return of the American embassy to Minsk.</li></ul>
<table><caption>Factors behind the release</caption>
<thead><tr><th>Factor</th><th>Impact</th></tr></thead>
<tbody><tr><td>US sanctions</td><td>Leverage for Washington</td></tr>
<tr><td>Drone incursion into Poland</td><td>Regional tension</td></tr></tbody></table>
<blockquote><p>"This is a first step, not the end of the road," said a senior official in
Washington.</p></blockquote>
<p>More than 1,000 political prisoners remain in detention, human rights groups say, and new
arrests continue every week.</p>
<p><a href="javascript:alert(1)">Read more about the prisoners</a></p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Poland closes border crossing after drone incident</a></li>
<li><a href="/b">Sanctions on potash: who pays the price?</a></li></ul></aside>
<section class="newsletter"><h3>Get our morning briefing</h3>
<form><input type="email" placeholder="Your email"><button>Sign up</button></form></section>
</main>
<footer class="site-footer"><ul><li><a href="/about">About us</a></li>
<li><a href="/privacy">Privacy policy</a></li></ul>
<p>Copyright 2025 World News Daily. All rights reserved.</p></footer>
<script src="https://cdn.example.com/analytics.js"></script><script>gtag('config','UA-1');</script>
</body></html>"""

# The article's own words (what an independent reader of the article gives).
NEWS_ARTICLE_START = "<article"
NEWS_ARTICLE_END = "</article>"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:r="{_R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'mc:Ignorable="wps"'
)
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_PARTS = {
    # part name: (content type, relationship type, root element)
    "footnotes": (f"{_WML}.footnotes+xml", "footnotes", "w:footnotes"),
    "endnotes": (f"{_WML}.endnotes+xml", "endnotes", "w:endnotes"),
    "comments": (f"{_WML}.comments+xml", "comments", "w:comments"),
    "header1": (f"{_WML}.header+xml", "header", "w:hdr"),
    "styles": (f"{_WML}.styles+xml", "styles", "w:styles"),
    "numbering": (f"{_WML}.numbering+xml", "numbering", "w:numbering"),
}


def wordml_package(body: str, *, links: dict[str, str] | None = None, **parts: str) -> bytes:
    """A .docx written by hand: ``body`` is the WordprocessingML inside
    w:body; ``parts`` the inside of footnotes, endnotes, comments, header1,
    styles or numbering; ``links`` relationship id -> web address."""
    overrides = [
        f'<Override PartName="/word/document.xml" ContentType="{_WML}.document.main+xml"/>'
    ]
    rels = []
    files: dict[str, str] = {}
    for number, (part, inner) in enumerate(parts.items(), start=1):
        content_type, reltype, root = _PARTS[part]
        overrides.append(f'<Override PartName="/word/{part}.xml" ContentType="{content_type}"/>')
        rels.append(
            f'<Relationship Id="rIdP{number}" Target="{part}.xml" Type="{_R_NS}/{reltype}"/>'
        )
        files[f"word/{part}.xml"] = f"<{root} {_NAMESPACES}>{inner}</{root}>"
    for rid, url in (links or {}).items():
        rels.append(
            f'<Relationship Id="{rid}" Target="{url}" TargetMode="External" '
            f'Type="{_R_NS}/hyperlink"/>'
        )
    files["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>' + "".join(overrides) + "</Types>"
    )
    files["_rels/.rels"] = (
        f'<Relationships xmlns="{_REL_NS}"><Relationship Id="rId1" Target="word/document.xml" '
        f'Type="{_R_NS}/officeDocument"/></Relationships>'
    )
    files["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="{_REL_NS}">' + "".join(rels) + "</Relationships>"
    )
    files["word/document.xml"] = f"<w:document {_NAMESPACES}><w:body>{body}</w:body></w:document>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in files.items():
            package.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' + text)
    return out.getvalue()


def w_p(*runs: str, style: str = "") -> str:
    """A paragraph of ``runs`` (each a w:r or anything a paragraph holds)."""
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def w_r(text: str, *, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


# ------------------------------------------------------------------ Outlook .msg

_FREE, _END, _FAT_SECTOR = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD


def compound_file(streams: dict[str, bytes]) -> bytes:
    """An OLE compound file (version 3, as Outlook writes .msg files) holding
    ``streams`` by path ("storage/stream"); storages are made as needed.
    Streams under 4,096 bytes go in the mini stream, as the format requires."""
    import struct

    # The directory: root, then storages and streams (siblings chained to
    # the right, all black: a valid red-black tree).
    entries = [{"name": "Root Entry", "type": 5, "children": []}]
    index_of = {"": 0}
    for path in sorted(streams):
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            key = "/".join(parts[:depth])
            if key in index_of:
                continue
            is_stream = depth == len(parts)
            entry = {"name": parts[depth - 1], "type": 2 if is_stream else 1, "children": []}
            if is_stream:
                entry["data"] = streams[path]
            index_of[key] = len(entries)
            entries.append(entry)
            entries[index_of["/".join(parts[: depth - 1])]]["children"].append(len(entries) - 1)
    mini = bytearray()
    mini_fat: list[int] = []
    big: list[bytes] = []  # whole-sector streams, laid out after the mini stream
    for entry in entries:
        data = entry.get("data")
        if data is None:
            continue
        if len(data) < 4096:
            count = max(1, -(-len(data) // 64))
            entry["start"] = len(mini_fat) if data else _END
            first = len(mini_fat)
            mini_fat.extend(range(first + 1, first + count))
            mini_fat.append(_END)
            mini.extend(data.ljust(count * 64, b"\x00"))
        else:
            entry["big"] = len(big)
            big.append(data)
    dir_sectors = -(-len(entries) // 4)
    minifat_sectors = -(-len(mini_fat) // 128) if mini_fat else 0
    mini_sectors = -(-len(mini) // 512)
    big_sectors = [-(-len(d) // 512) for d in big]
    others = dir_sectors + minifat_sectors + mini_sectors + sum(big_sectors)
    fat_sectors = 1
    while fat_sectors * 128 < others + fat_sectors:
        fat_sectors += 1
    assert fat_sectors <= 109, "keep test files under 7 MB"
    fat: list[int] = []

    def chain(count: int) -> int:
        start = len(fat)
        fat.extend(range(start + 1, start + count))
        fat.append(_END)
        return start

    dir_start = chain(dir_sectors)
    minifat_start = chain(minifat_sectors) if minifat_sectors else _END
    mini_start = chain(mini_sectors) if mini_sectors else _END
    big_starts = [chain(n) for n in big_sectors]
    fat_start = len(fat)
    fat.extend([_FAT_SECTOR] * fat_sectors)
    fat.extend([_FREE] * (fat_sectors * 128 - len(fat)))

    def name_bytes(name: str) -> tuple[bytes, int]:
        raw = (name + "\x00").encode("utf-16-le")
        return raw.ljust(64, b"\x00"), len(raw)

    directory = bytearray()
    for entry in entries:
        children = entry["children"]
        # Chain each storage's children: the first is its child, each next
        # the right sibling of the one before.
        for a, b in itertools.pairwise(children):
            entries[a]["right"] = b
    for entry in entries:
        name, size = name_bytes(entry["name"])
        data = entry.get("data")
        if entry["type"] == 5:
            start, length = mini_start, len(mini)
        elif data is None:
            start, length = 0, 0
        elif "big" in entry:
            start, length = big_starts[entry["big"]], len(data)
        else:
            start, length = entry["start"], len(data)
        child = entry["children"][0] if entry["children"] else _FREE
        directory += name + struct.pack(
            "<HBBIII16sIQQIQ",
            size,
            entry["type"],
            1,
            _FREE,
            entry.get("right", _FREE),
            child,
            b"\x00" * 16,
            0,
            0,
            0,
            start,
            length,
        )
    directory = bytes(directory).ljust(dir_sectors * 512, b"\x00")  # free entries: zero
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"\x00" * 16,
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        b"\x00" * 6,
        0,
        fat_sectors,
        dir_start,
        0,
        4096,
        minifat_start,
        minifat_sectors,
        _END,
        0,
    )
    difat = [fat_start + n for n in range(fat_sectors)] + [_FREE] * (109 - fat_sectors)
    header += struct.pack("<109I", *difat)
    body = bytearray(directory)
    body += struct.pack(f"<{len(mini_fat)}I", *mini_fat).ljust(minifat_sectors * 512, b"\xff")
    body += bytes(mini).ljust(mini_sectors * 512, b"\x00")
    for data, count in zip(big, big_sectors, strict=True):
        body += data.ljust(count * 512, b"\x00")
    body += struct.pack(f"<{len(fat)}I", *fat)
    return header + bytes(body)


def outlook_msg(
    *,
    subject: str,
    body: str = "",
    html: str = "",
    sender: str = "",
    address: str = "",
    sent: int = 0,
    attachments: tuple[tuple[str, bytes], ...] = (),
) -> bytes:
    """A .msg as Outlook lays one out ([MS-OXMSG]): string properties in
    UTF-16 streams, the HTML body as a binary stream, the sending time (a
    FILETIME) in the properties stream, one storage per attachment."""
    import struct

    def text(tag: int) -> str:
        return f"__substg1.0_{tag:04X}001F"

    streams: dict[str, bytes] = {text(0x0037): subject.encode("utf-16-le")}
    if body:
        streams[text(0x1000)] = body.encode("utf-16-le")
    if html:
        streams["__substg1.0_10130102"] = html.encode("utf-8")
    if sender:
        streams[text(0x0C1A)] = sender.encode("utf-16-le")
    if address:
        streams[text(0x5D01)] = address.encode("utf-16-le")
    properties = struct.pack(
        "<8sIIII8s", b"\x00" * 8, 0, len(attachments), 0, len(attachments), b"\x00" * 8
    )
    if html:
        # PR_INTERNET_CPID: the HTML body is UTF-8.
        properties += struct.pack("<IIQ", (0x3FDE << 16) | 0x0003, 2, 65001)
    if sent:
        properties += struct.pack("<IIQ", (0x0039 << 16) | 0x0040, 2, sent)
    streams["__properties_version1.0"] = properties
    for number, (name, data) in enumerate(attachments):
        storage = f"__attach_version1.0_#{number:08X}"
        streams[f"{storage}/{text(0x3707)}"] = name.encode("utf-16-le")
        streams[f"{storage}/__substg1.0_37010102"] = data
        streams[f"{storage}/__properties_version1.0"] = b"\x00" * 8 + struct.pack(
            "<IIQ", (0x3705 << 16) | 0x0003, 2, 1
        )
    return compound_file(streams)
