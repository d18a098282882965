"""Files to import, written the way an officer's would be."""

from __future__ import annotations

import io
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
