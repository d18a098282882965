"""The house style as Word styles, for the Word writer.

Built-in styles the brief uses (Normal, Title, Subtitle, Heading 1-2,
Caption, List Bullet/Number, Header, Footer, Footnote Text and Reference)
are restyled or made; the others (Table Text, Table Source, Document
Control, Callout, Callout Title, Hyperlink, Brief Table) are added. Sizes,
line pitches and spacing follow HouseStyle and the PDF writer, so both
formats paginate alike. Theme fonts and theme colours are removed, else Word
ignores the fonts and colours set.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.styles.style import BaseStyle
from lxml.etree import _Element

from briefing_app.document.style import HouseStyle
from briefing_app.errors import ExportError
from briefing_app.writers import docx_oxml as ox

_PPR, _RPR = qn("w:pPr"), qn("w:rPr")
# Template formatting that is not the house style: the title's rule and
# letter spacing, the subtitle's stray numbering, list spacing rules.
_TEMPLATE_LEFTOVERS = {
    "Title": (
        f"{_PPR}/{qn('w:pBdr')}",
        f"{_PPR}/{qn('w:contextualSpacing')}",
        f"{_RPR}/{qn('w:spacing')}",
    ),
    "Subtitle": (f"{_PPR}/{qn('w:numPr')}", f"{_RPR}/{qn('w:spacing')}", f"{_RPR}/{qn('w:iCs')}"),
    "List Bullet": (f"{_PPR}/{qn('w:contextualSpacing')}",),
    "List Number": (f"{_PPR}/{qn('w:contextualSpacing')}",),
}
# Built-in styles python-docx does not translate: Word names them in lower
# case in styles.xml (and shows "Footnote Text"); a style made with the shown
# name would be a second, custom style to Word.
_WORD_NAMES = {"Footnote Text": "footnote text", "Footnote Reference": "footnote reference"}


def mm_to_pt(mm: float) -> float:
    return mm / 25.4 * 72


@dataclass(frozen=True, slots=True)
class _Spec:
    name: str
    size: float
    line: float
    before: float = 0.0
    after: float = 0.0
    bold: bool = False
    italic: bool = False
    colour: str = ""  # default: the text colour
    keep_next: bool = False
    base: str = "Normal"


def _specs(s: HouseStyle) -> list[_Spec]:
    body = {"size": s.body_pt, "line": s.line_pt}
    small = {"size": s.small_pt, "line": s.small_line_pt}
    heading = {"bold": True, "colour": s.heading_colour, "keep_next": True}
    furniture = {"size": s.furniture_pt, "line": s.furniture_pt + 2.5, "colour": s.marking_colour}
    return [
        _Spec("Normal", **body, after=s.para_after_pt),
        _Spec("Title", s.title_pt, s.title_line_pt, after=s.title_after_pt, **heading),
        _Spec(
            "Subtitle",
            s.subtitle_pt,
            s.subtitle_line_pt,
            after=s.subtitle_after_pt,
            colour=s.muted_colour,
        ),
        _Spec("Heading 1", s.h1_pt, s.h1_line_pt, s.h1_before_pt, s.h1_after_pt, **heading),
        _Spec("Heading 2", s.h2_pt, s.h2_line_pt, s.h2_before_pt, s.h2_after_pt, **heading),
        _Spec(
            "Caption",
            **body,
            before=s.caption_before_pt,
            after=s.caption_after_pt,
            bold=True,
            keep_next=True,
        ),
        _Spec("Table Text", **small),
        _Spec(
            "Table Source",
            **small,
            before=s.source_note_before_pt,
            after=s.source_note_after_pt,
            italic=True,
            colour=s.muted_colour,
        ),
        _Spec("Document Control", **small),
        _Spec("List Bullet", **body, after=s.list_gap_pt),
        _Spec("List Number", **body, after=s.list_gap_pt),
        _Spec("Callout", **body, after=s.para_after_pt / 2),
        _Spec(
            "Callout Title",
            **body,
            after=s.callout_title_after_pt,
            bold=True,
            keep_next=True,
            base="Callout",
        ),
        _Spec("Header", **furniture),
        _Spec("Footer", **furniture),
        # As the PDF sets its notes; the space after is the gap between two.
        _Spec("Footnote Text", s.note_pt, s.note_line_pt, after=s.note_gap_pt),
    ]


@dataclass(frozen=True, slots=True)
class WordStyles:
    ids: dict[str, str]  # style name -> style id
    before: dict[str, float]  # paragraph style name -> space before, points
    after: dict[str, float]  # paragraph style name -> space after, points
    number_list: int  # the abstractNum behind "List Number"


def apply_house_style(
    word: WordDocument, s: HouseStyle, language: str, *, keep_existing: bool = False
) -> WordStyles:
    """Restyle ``word``'s styles and numbering with the house style.

    With ``keep_existing`` (a template's reference document) the styles the
    document already defines keep their look; only missing ones are made.
    """
    styles = word.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = ox.props(defaults.find(qn("w:rPrDefault")), "w:rPr")
    ox.put(rpr, ox.el("w:lang", val=language or "en-GB"), ox.RPR_ORDER)
    if not keep_existing:
        ox.set_fonts(rpr, s.word_font)
        ox.put(rpr, ox.el("w:sz", val=half_points(s.body_pt)), ox.RPR_ORDER)
        ppr = ox.props(defaults.find(qn("w:pPrDefault")), "w:pPr")
        ox.put(ppr, ox.spacing(0, s.para_after_pt, s.line_pt), ox.PPR_ORDER)

    specs = _specs(s)
    ids = {}
    for spec in specs:
        found = find_style(word, spec.name) if keep_existing else None
        ids[spec.name] = (found or _paragraph_style(word, spec, s)).style_id
    for name, paths in _TEMPLATE_LEFTOVERS.items():
        for path in paths:
            for found in styles[name].element.findall(path):
                found.getparent().remove(found)
    for name in ("Header", "Footer"):
        stops = ox.tabs([("center", frame_pt(s) / 2), ("right", frame_pt(s))])
        ox.put(styles[name].element.get_or_add_pPr(), stops, ox.PPR_ORDER)
    callout = styles["Callout"].element.get_or_add_pPr()
    for child in (callout_borders(s), ox.shading(s.callout_fill), callout_indent(s)):
        ox.put(callout, child, ox.PPR_ORDER)
    indent = mm_to_pt(s.list_indent_mm)
    for name in ("List Bullet", "List Number"):
        ox.put(styles[name].element.get_or_add_pPr(), ox.indent(indent, indent), ox.PPR_ORDER)
    ids["Hyperlink"] = _hyperlink_style(word, s).style_id
    ids["Footnote Reference"] = _note_reference_style(word).style_id
    ids["Brief Table"] = _table_style(word, s).style_id

    numbering = word.part.numbering_part.element
    try:
        bullets = ox.abstract_num_id(numbering, ox.style_num_id(styles["List Bullet"].element))
        numbers = ox.abstract_num_id(numbering, ox.style_num_id(styles["List Number"].element))
    except KeyError:
        raise ExportError(
            "The template's Word reference document has no list numbering in its "
            "'List Bullet' and 'List Number' styles. Make the reference document from a "
            "brief exported to Word (change its styles, then save it as reference.docx)."
        ) from None
    ox.restyle_level(numbering, bullets, indent, bullet="\u2022", font=s.word_font)
    ox.restyle_level(numbering, numbers, indent)
    before = {spec.name: spec.before for spec in specs}
    return WordStyles(ids, before, {spec.name: spec.after for spec in specs}, numbers)


def find_style(word: WordDocument, name: str) -> BaseStyle | None:
    """The style called ``name``, in any case ("footnote text" is Word's
    "Footnote Text"), or None."""
    # Not styles[name]: that falls back to style ids, with a warning.
    folded = name.casefold()
    return next((x for x in word.styles if x.name and x.name.casefold() == folded), None)


def _new_style(word: WordDocument, name: str, kind: WD_STYLE_TYPE) -> BaseStyle:
    style = word.styles.add_style(name, kind)
    if name in _WORD_NAMES:
        style.element.name_val = _WORD_NAMES[name]
    return style


def _paragraph_style(word: WordDocument, spec: _Spec, s: HouseStyle) -> BaseStyle:
    styles = word.styles
    style = find_style(word, spec.name)
    if style is None:
        style = _new_style(word, spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[spec.base]
        style.quick_style = True
    style.hidden = False
    style.unhide_when_used = False
    font = style.font
    font.name = s.word_font
    font.size = Pt(spec.size)
    font.bold = spec.bold or None
    font.italic = spec.italic or None
    font.color.rgb = RGBColor.from_string(spec.colour or s.text_colour)
    ox.put(
        style.element.get_or_add_pPr(),
        ox.spacing(spec.before, spec.after, spec.line),
        ox.PPR_ORDER,
    )
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt.keep_with_next = spec.keep_next or None
    fmt.keep_together = spec.keep_next or None
    fmt.widow_control = True
    return style


def _hyperlink_style(word: WordDocument, s: HouseStyle) -> BaseStyle:
    styles = word.styles
    try:
        style = styles["Hyperlink"]
    except KeyError:
        style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.base_style = styles["Default Paragraph Font"]
    style.hidden = False
    style.font.color.rgb = RGBColor.from_string(s.link_colour)
    style.font.underline = True
    return style


def _note_reference_style(word: WordDocument) -> BaseStyle:
    """ "Footnote Reference": the raised number, in the text and before each
    note. A reference document's own keeps its look."""
    style = find_style(word, "Footnote Reference")
    if style is None:
        style = _new_style(word, "Footnote Reference", WD_STYLE_TYPE.CHARACTER)
        style.base_style = word.styles["Default Paragraph Font"]
        style.font.superscript = True
    style.hidden = False
    return style


def _table_style(word: WordDocument, s: HouseStyle) -> BaseStyle:
    """ "Brief Table": the look the writer also applies directly, for Word's
    table tools. A reference document made from an exported brief has it
    already: that one stays, as the other styles do."""
    found = find_style(word, "Brief Table")
    if found is not None:
        return found
    style = word.styles.add_style("Brief Table", WD_STYLE_TYPE.TABLE)
    style.base_style = word.styles["Normal Table"]
    element = style.element
    element.append(ox.wrap("w:pPr", ox.spacing(0, 0, s.small_line_pt)))
    element.append(ox.wrap("w:rPr", ox.el("w:sz", val=half_points(s.small_pt))))
    element.append(
        ox.wrap(
            "w:tblPr",
            ox.el("w:tblStyleRowBandSize", val="1"),
            table_borders(s),
            table_cell_margins(s),
        )
    )
    header = ox.el("w:tblStylePr", type="firstRow")
    header.append(ox.wrap("w:rPr", ox.el("w:b")))
    header.append(ox.wrap("w:trPr", ox.el("w:tblHeader")))
    header.append(ox.wrap("w:tcPr", header_cell_borders(s), ox.shading(s.table_header_fill)))
    stripe = ox.el("w:tblStylePr", type="band2Horz")
    stripe.append(ox.wrap("w:tcPr", ox.shading(s.table_stripe_fill)))
    element.extend([header, stripe])
    return style


# -- borders and indents shared by the styles and the direct formatting


def frame_pt(s: HouseStyle) -> float:
    """The text width in points."""
    return mm_to_pt(s.frame_width_mm)


def half_points(pt: float) -> str:
    return str(round(pt * 2))


def table_borders(s: HouseStyle) -> _Element:
    rule, nil = (s.rule_colour, s.rule_pt, 0.0), ("", 0.0, 0.0)
    sides = {"top": nil, "left": nil, "bottom": rule, "right": nil}
    return ox.borders("w:tblBorders", {**sides, "insideH": rule, "insideV": nil})


def header_cell_borders(s: HouseStyle) -> _Element:
    return ox.borders("w:tcBorders", {"bottom": (s.heading_colour, s.header_rule_pt, 0.0)})


def table_cell_margins(s: HouseStyle) -> _Element:
    pad = s.cell_padding_pt
    return ox.cell_margins("w:tblCellMar", pad, pad + 1, pad + 1, pad + 1)


def callout_borders(s: HouseStyle) -> _Element:
    """The box: a bar on the left; borders in the fill colour give it padding."""
    bar = (s.callout_border, s.callout_bar_pt, s.callout_pad_pt)
    return ox.borders(
        "w:pBdr",
        {
            "top": (s.callout_fill, 0.5, s.callout_top_pt),
            "left": bar,
            "bottom": (s.callout_fill, 0.5, s.callout_bottom_pt),
            "right": (s.callout_fill, 0.5, s.callout_pad_pt),
        },
    )


def callout_indent(s: HouseStyle, hanging: float = 0.0) -> _Element:
    """Text starts callout_pad_pt inside the bar; the box's edges meet the margins."""
    pad = s.callout_pad_pt
    return ox.indent(s.callout_bar_pt + pad + hanging, hanging, pad)
