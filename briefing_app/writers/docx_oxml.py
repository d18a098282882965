"""Small OOXML helpers for the Word writer: the raw XML lives here.

python-docx has no API for fields, hyperlinks, list restarts, shading,
borders, repeated header rows, theme-free fonts, footnotes or watermarks, so
the writer builds those elements with these helpers. Every helper that adds a child to a properties
element keeps the child order the schema requires (Word rejects a file whose
``w:pPr`` children are out of order).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element


def _names(text: str) -> list[str]:
    return text.split()


# Child order of the properties elements we touch (ECMA-376 part 1, 17.3 and 17.4).
PPR_ORDER = _names(
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
)
RPR_ORDER = _names(
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
)
TBLPR_ORDER = _names(
    "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
    "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
)
TCPR_ORDER = _names(
    "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText "
    "vAlign hideMark"
)

_THEME_FONT_ATTRS = tuple(
    qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
)
_THEME_COLOUR_ATTRS = tuple(qn(f"w:{a}") for a in ("themeColor", "themeShade", "themeTint"))


def twips(pt: float) -> str:
    """Points as twentieths of a point, the unit of most OOXML lengths."""
    return str(round(pt * 20))


def el(tag: str, **attrs: str) -> _Element:
    """A new ``w:`` element; keyword arguments become ``w:`` attributes."""
    element = OxmlElement(tag)
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def put(parent: _Element, child: _Element, order: list[str]) -> _Element:
    """Add ``child`` to ``parent``, replacing one with the same tag, in schema order."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    local = child.tag.rsplit("}", 1)[-1]
    followers = {qn(f"w:{t}") for t in order[order.index(local) + 1 :]}
    for existing in parent:
        if existing.tag in followers:
            existing.addprevious(child)
            return child
    parent.append(child)
    return child


def props(parent: _Element, tag: str) -> _Element:
    """The properties child (``w:pPr``, ``w:rPr``, ``w:tcPr``...), made first if missing."""
    found = parent.find(qn(tag))
    if found is None:
        found = el(tag)
        parent.insert(0, found)
    return found


# -- fonts, colours, spacing, shading, borders


def set_fonts(rpr: _Element, font: str) -> None:
    """Name ``font`` for every script and drop the theme fonts that would override it."""
    put(rpr, el("w:rFonts", ascii=font, hAnsi=font, cs=font, eastAsia=font), RPR_ORDER)


def clear_theme_fonts(root: _Element) -> None:
    """Remove theme font and theme colour attributes under ``root`` (e.g. styles.xml).

    Word prefers ``w:asciiTheme`` over ``w:ascii`` and ``w:themeColor`` over
    ``w:val``, so a style keeping them ignores the font and colour we set.
    """
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_FONT_ATTRS:
            rfonts.attrib.pop(attr, None)
    for colour in root.iter(qn("w:color")):
        for attr in _THEME_COLOUR_ATTRS:
            colour.attrib.pop(attr, None)


def spacing(before: float, after: float, line: float, rule: str = "atLeast") -> _Element:
    """Paragraph spacing in points; ``line`` is a line pitch (rule atLeast or exact)."""
    return el(
        "w:spacing", before=twips(before), after=twips(after), line=twips(line), lineRule=rule
    )


def set_spacing(ppr: _Element, **points: float) -> None:
    """Set some spacing attributes (before, after) on ``w:pPr``, keeping the others."""
    found = ppr.find(qn("w:spacing"))
    if found is None:
        found = put(ppr, el("w:spacing"), PPR_ORDER)
    for name, value in points.items():
        found.set(qn(f"w:{name}"), twips(value))


def wrap(tag: str, *children: _Element) -> _Element:
    """A new element holding ``children``, e.g. ``wrap("w:rPr", el("w:b"))``."""
    box = el(tag)
    box.extend(children)
    return box


def shading(fill: str) -> _Element:
    return el("w:shd", val="clear", color="auto", fill=fill)


def borders(tag: str, sides: Mapping[str, tuple[str, float, float]]) -> _Element:
    """A border container (``w:pBdr``, ``w:tblBorders``, ``w:tcBorders``).

    ``sides`` maps a side (top, left, bottom, right, between, insideH, insideV)
    to (colour, width in points, space in points); colour "" means no border.
    """
    box = el(tag)
    order = ("top", "left", "bottom", "right", "between", "insideH", "insideV")
    for side in order:
        if side not in sides:
            continue
        colour, width_pt, space_pt = sides[side]
        if colour:
            attrs = {"sz": str(round(width_pt * 8)), "space": str(round(space_pt))}
            box.append(el(f"w:{side}", val="single", color=colour, **attrs))
        else:
            box.append(el(f"w:{side}", val="nil"))
    return box


def indent(left_pt: float, hanging_pt: float = 0.0, right_pt: float = 0.0) -> _Element:
    ind = el("w:ind", left=twips(left_pt), right=twips(right_pt))
    if hanging_pt:
        ind.set(qn("w:hanging"), twips(hanging_pt))
    return ind


def tabs(stops: Iterable[tuple[str, float]]) -> _Element:
    """Tab stops as (alignment, position in points), e.g. ("center", 240)."""
    box = el("w:tabs")
    for align, pos_pt in stops:
        box.append(el("w:tab", val=align, pos=twips(pos_pt)))
    return box


# -- runs, fields, hyperlinks, bookmarks


def run(text: str, rpr: Iterable[_Element] = ()) -> _Element:
    """A ``w:r`` holding plain ``text``; ``\\n`` becomes a line break (``w:br``).

    ``rpr`` are run properties (``w:b``, ``w:sz``...), copied in schema order.
    """
    r = el("w:r")
    rpr = sorted(rpr, key=lambda c: RPR_ORDER.index(c.tag.rsplit("}", 1)[-1]))
    if rpr:
        box = el("w:rPr")
        box.extend(copy.deepcopy(c) for c in rpr)
        r.append(box)
    for i, line in enumerate(text.split("\n")):
        if i:
            r.append(el("w:br"))
        if line:
            t = el("w:t")
            t.text = line
            if line != line.strip():
                t.set(qn("xml:space"), "preserve")
            r.append(t)
    return r


def field_runs(instruction: str, cached: str, rpr: Iterable[_Element] = ()) -> list[_Element]:
    """A complex field (e.g. ``PAGE``) with a cached result for readers that do not update it."""
    rpr = list(rpr)
    begin, code, separate, end = (run("", rpr) for _ in range(4))
    begin.append(el("w:fldChar", fldCharType="begin"))
    instr = el("w:instrText")
    instr.text = f" {instruction} "
    instr.set(qn("xml:space"), "preserve")
    code.append(instr)
    separate.append(el("w:fldChar", fldCharType="separate"))
    end.append(el("w:fldChar", fldCharType="end"))
    return [begin, code, separate, run(cached, rpr), end]


def hyperlink(*, r_id: str = "", anchor: str = "") -> _Element:
    """An empty ``w:hyperlink``: external (relationship ``r_id``) or to a bookmark."""
    link = el("w:hyperlink")
    if r_id:
        link.set(qn("r:id"), r_id)
    else:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    return link


def add_bookmark(p: _Element, bookmark_id: int, name: str) -> None:
    """Wrap the content of paragraph ``p`` in a bookmark."""
    start = el("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.find(qn("w:pPr"))
    p.insert(0 if ppr is None else 1, start)
    p.append(el("w:bookmarkEnd", id=str(bookmark_id)))


# -- numbering


def abstract_num_id(numbering: _Element, num_id: int) -> int:
    """The abstractNum a ``w:num`` points at."""
    for num in numbering.iterfind(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            return int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
    raise KeyError(f"no numbering definition {num_id}")


def style_num_id(style_element: _Element) -> int:
    """The numId a list paragraph style (e.g. "List Number") refers to."""
    found = style_element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
    if found is None:
        raise KeyError("the style has no numbering")
    return int(found.get(qn("w:val")))


def add_num_restarting(numbering: _Element, abstract_id: int) -> int:
    """Add a ``w:num`` for ``abstract_id`` whose level 0 starts at 1; return its numId."""
    used = [int(n.get(qn("w:numId"))) for n in numbering.iterfind(qn("w:num"))]
    num_id = max(used, default=0) + 1
    num = el("w:num", numId=str(num_id))
    num.append(el("w:abstractNumId", val=str(abstract_id)))
    override = el("w:lvlOverride", ilvl="0")
    override.append(el("w:startOverride", val="1"))
    num.append(override)
    cleanup = numbering.find(qn("w:numIdMacAtCleanup"))
    if cleanup is not None:
        cleanup.addprevious(num)
    else:
        numbering.append(num)
    return num_id


def numbering_props(num_id: int, level: int = 0) -> _Element:
    numpr = el("w:numPr")
    numpr.append(el("w:ilvl", val=str(level)))
    numpr.append(el("w:numId", val=str(num_id)))
    return numpr


def restyle_level(
    numbering: _Element, abstract_id: int, indent_pt: float, bullet: str = "", font: str = ""
) -> None:
    """Set level 0 of an abstractNum: hanging indent, bullet glyph and font."""
    for abstract in numbering.iterfind(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) != str(abstract_id):
            continue
        lvl = abstract.find(qn("w:lvl"))
        ppr, rpr = lvl.find(qn("w:pPr")), lvl.find(qn("w:rPr"))
        if ppr is None:  # w:pPr comes last but for w:rPr
            ppr = el("w:pPr")
            if rpr is None:
                lvl.append(ppr)
            else:
                rpr.addprevious(ppr)
        for stops in ppr.findall(qn("w:tabs")):  # the hanging indent is the tab stop,
            ppr.remove(stops)  # wherever the paragraph's indent puts it (e.g. in a callout)
        put(ppr, indent(indent_pt, indent_pt), PPR_ORDER)
        if bullet:
            lvl.find(qn("w:lvlText")).set(qn("w:val"), bullet)
        if font:
            if rpr is None:
                rpr = el("w:rPr")
                lvl.append(rpr)
            put(rpr, el("w:rFonts", ascii=font, hAnsi=font, cs=font, hint="default"), RPR_ORDER)


# -- tables


def grid(widths_twips: Iterable[int]) -> _Element:
    tbl_grid = el("w:tblGrid")
    for width in widths_twips:
        tbl_grid.append(el("w:gridCol", w=str(width)))
    return tbl_grid


def cell_margins(tag: str, top: float, left: float, bottom: float, right: float) -> _Element:
    """``w:tblCellMar`` (table) or ``w:tcMar`` (cell), in points."""
    box = el(tag)
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        box.append(el(f"w:{side}", w=twips(value), type="dxa"))
    return box


def table_look(first_row: bool, banded_rows: bool) -> _Element:
    on = {True: "1", False: "0"}
    return el(
        "w:tblLook",
        val="04A0" if first_row else "0000",
        firstRow=on[first_row],
        lastRow="0",
        firstColumn="0",
        lastColumn="0",
        noHBand=on[not banded_rows],
        noVBand="1",
    )


def row_props(header: bool, cant_split: bool = True) -> _Element:
    """``w:trPr``: a row does not split across pages (unless ``cant_split``
    is false: Word would cut off a row taller than a page); a header row
    repeats on every page."""
    trpr = el("w:trPr")
    if cant_split:
        trpr.append(el("w:cantSplit"))
    if header:
        trpr.append(el("w:tblHeader"))
    return trpr


# -- footnotes and the draft watermark


def note_reference(number: int, style_id: str) -> _Element:
    """Where footnote ``number`` is cited: Word numbers the mark itself
    (no custom mark), so a footnote the author adds in Word renumbers the rest."""
    r = wrap("w:r", wrap("w:rPr", el("w:rStyle", val=style_id)))
    r.append(el("w:footnoteReference", id=str(number)))
    return r


def note_mark(style_id: str) -> _Element:
    """The footnote's own number at the start of its text, filled in by Word."""
    r = wrap("w:r", wrap("w:rPr", el("w:rStyle", val=style_id)))
    r.append(el("w:footnoteRef"))
    return r


VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
WORD_2000 = "urn:schemas-microsoft-com:office:word"
# The shape type Word declares for WordArt text on a straight line (o:spt 136),
# copied from the watermark Word itself writes; constant, never user text.
_TEXT_SHAPE_TYPE = f"""<v:shapetype xmlns:v="{VML}" xmlns:o="{OFFICE}" id="_x0000_t136"
 coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/>
<v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/>
<v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/>
<v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/>
<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>"""


@dataclass(frozen=True, slots=True)
class Watermark:
    """A text watermark's look; sizes in points, colour RRGGBB."""

    text: str
    font: str
    colour: str
    opacity: float  # 1 is solid
    width: float
    height: float
    rotation: float  # degrees clockwise, as VML turns shapes


def watermark(mark: Watermark) -> _Element:
    """A run holding Word's own text watermark (Design > Watermark): a VML
    WordArt shape named PowerPlusWaterMarkObject, centred on the page and
    turned, behind the text. Put in a header paragraph, it is on every page
    that header is; Word lists it as the document's watermark and
    LibreOffice shows it."""
    shape_type = etree.fromstring(_TEXT_SHAPE_TYPE, etree.XMLParser(remove_blank_text=True))
    position = ";".join(
        (
            "position:absolute",
            "margin-left:0",
            "margin-top:0",
            f"width:{mark.width:.1f}pt",
            f"height:{mark.height:.1f}pt",
            f"rotation:{mark.rotation:.1f}",
            "z-index:-251657216",  # Word's value: behind the text
            "mso-position-horizontal:center",
            "mso-position-horizontal-relative:page",
            "mso-position-vertical:center",
            "mso-position-vertical-relative:page",
        )
    )
    v, o = f"{{{VML}}}", f"{{{OFFICE}}}"
    shape = etree.Element(f"{v}shape", nsmap={"v": VML, "o": OFFICE, "w10": WORD_2000})
    shape.set("id", "PowerPlusWaterMarkObject1")
    shape.set(f"{o}spid", "_x0000_s2049")
    shape.set("type", "#_x0000_t136")
    shape.set("style", position)
    shape.set(f"{o}allowincell", "f")
    shape.set("fillcolor", f"#{mark.colour}")
    shape.set("stroked", "f")
    etree.SubElement(shape, f"{v}fill").set("opacity", f"{mark.opacity:.3g}")
    # The font name goes inside a CSS-like style attribute: keep only what
    # cannot end the name or the declaration.
    family = re.sub(r'[";:\\]', "", mark.font) or "Arial"
    path = etree.SubElement(shape, f"{v}textpath")
    path.set("style", f'font-family:"{family}";font-size:1pt;font-weight:bold')
    path.set("string", mark.text)
    wrap_ = etree.SubElement(shape, f"{{{WORD_2000}}}wrap")
    wrap_.set("anchorx", "page")
    wrap_.set("anchory", "page")
    pict = el("w:pict")
    pict.extend([shape_type, shape])
    return wrap("w:r", wrap("w:rPr", el("w:noProof")), pict)
