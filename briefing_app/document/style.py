"""The page layout and house style, kept in one place.

Every writer reads these values and none has layout numbers of its own, so
the PDF and the Word file use the same page, margins, type sizes, spacing,
rules and colours and paginate alike. The PDF embeds Liberation Sans, which
has the same metrics as Arial, the font the Word file names.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.model.brief import PageSize

# Width and height in millimetres.
PAGE_SIZES_MM: dict[PageSize, tuple[float, float]] = {
    PageSize.A4: (210.0, 297.0),
    PageSize.LETTER: (215.9, 279.4),
}


@dataclass(frozen=True, slots=True)
class HouseStyle:
    page_size: PageSize = PageSize.A4
    margin_top_mm: float = 25.0
    margin_bottom_mm: float = 25.0
    margin_left_mm: float = 22.0
    margin_right_mm: float = 22.0
    header_distance_mm: float = 11.0  # from the page edge to the header line
    footer_distance_mm: float = 11.0

    pdf_font: str = "Liberation Sans"  # embedded in the PDF
    word_font: str = "Arial"  # named in the .docx; metric-compatible
    font_dir: str = ""  # a template's own fonts folder, searched before the bundled fonts
    reference_docx: str = ""  # a template's Word document whose styles and header the .docx uses

    body_pt: float = 11.0
    line_pt: float = 14.0  # fixed line pitch in both formats (about 1.27)
    para_after_pt: float = 6.0
    small_pt: float = 9.0
    small_line_pt: float = 11.0
    furniture_pt: float = 8.5

    title_pt: float = 22.0
    title_line_pt: float = 26.0
    subtitle_pt: float = 13.0
    subtitle_line_pt: float = 17.0
    h1_pt: float = 14.0
    h1_line_pt: float = 18.0
    h1_before_pt: float = 14.0
    h1_after_pt: float = 4.0
    h2_pt: float = 12.0
    h2_line_pt: float = 15.0
    h2_before_pt: float = 10.0
    h2_after_pt: float = 3.0

    # Colours as RRGGBB hex.
    text_colour: str = "1A1A1A"
    heading_colour: str = "1F3A5F"
    muted_colour: str = "555555"
    link_colour: str = "0B57D0"
    marking_colour: str = "1A1A1A"
    rule_colour: str = "BFC8D4"
    table_header_fill: str = "DCE4EE"
    table_stripe_fill: str = "F3F6F9"
    callout_fill: str = "EEF3F8"
    callout_border: str = "1F3A5F"
    highlight_fill: str = "FFF2A8"

    # Space around blocks, in points, beyond each style's own.
    title_after_pt: float = 4.0
    subtitle_after_pt: float = 8.0
    control_gap_pt: float = 4.0  # above the document control lines
    title_rule_gap_pt: float = 6.0  # above the rule under the title block
    title_block_after_pt: float = 4.0  # below that rule
    caption_before_pt: float = 4.0
    caption_after_pt: float = 4.0
    table_source_gap_pt: float = 2.0  # between a table and its source line
    source_note_before_pt: float = 3.0
    list_gap_pt: float = 2.0  # between the items of a list
    block_gap_pt: float = 4.0  # more air around tables and boxes than paragraphs
    callout_title_after_pt: float = 2.0

    # Rules and boxes, in points.
    title_rule_pt: float = 1.2  # under the title block
    header_rule_pt: float = 1.0  # under a table's header row
    rule_pt: float = 0.4  # between table rows
    callout_bar_pt: float = 3.0  # the callout box's left bar
    callout_pad_pt: float = 10.0  # between the bar (or the box's right edge) and the text
    callout_top_pt: float = 7.0  # inside the box, above the first line
    callout_bottom_pt: float = 3.0  # inside the box, below the last line
    callout_split_pt: float = 3.0  # inside a box that a page break cuts, at the cut

    # The title block.
    logo_height_mm: float = 16.0
    logo_gap_pt: float = 6.0  # between the logo and the title
    # Document control: label, value, label, value (two pairs a row).
    control_columns: tuple[float, ...] = (0.13, 0.37, 0.13, 0.37)
    control_pad_pt: float = 6.0  # right of each label and value
    control_row_pad_pt: float = 1.0  # above and below each line of document control

    # The narrowest column a table may have and still be read; a table that
    # needs more columns than fit at this width is refused, in every format.
    table_min_column_mm: float = 15.0

    list_indent_mm: float = 6.5
    cell_padding_pt: float = 4.0

    # Footnotes: a raised number in the text, the note at the foot of its page.
    note_ref_pt: float = 7.0  # the number in the text
    note_ref_rise_pt: float = 3.5  # how far it is raised
    note_pt: float = 8.0
    note_line_pt: float = 10.0
    note_space_pt: float = 8.0  # between the text and the short rule above the notes
    note_rule_mm: float = 40.0  # the length of that rule
    note_rule_pt: float = 0.5
    note_rule_after_pt: float = 4.0  # between the rule and the first note
    note_gap_pt: float = 1.5  # between two notes
    note_indent_mm: float = 5.0  # the column of note numbers (wider when a number needs it)
    note_number_gap_pt: float = 5.0  # from a note's number to its text (reportlab keeps 0.6 em)
    # A note taller than this share of the text area may continue on the next
    # page; shorter ones always stay whole on the page of their reference.
    note_max_share: float = 1 / 3

    # A draft's line ("DRAFT") across every page, behind the text: a light grey.
    draft_colour: str = "D9D9D9"
    draft_pt: float = 96.0  # smaller when the line is long (it stays within the page)
    draft_opacity: float = 1.0  # below 1, the page shows through

    # The preview's mark where a brief over its page budget reaches the end of it.
    budget_mark_colour: str = "C5221F"
    budget_mark_pt: float = 1.0
    budget_mark_dash_pt: tuple[float, float] = (4.0, 3.0)
    budget_mark_gap_pt: float = 4.0  # below the foot of the text area

    @property
    def page_mm(self) -> tuple[float, float]:
        return PAGE_SIZES_MM[self.page_size]

    @property
    def frame_width_mm(self) -> float:
        return self.page_mm[0] - self.margin_left_mm - self.margin_right_mm

    @property
    def frame_height_mm(self) -> float:
        return self.page_mm[1] - self.margin_top_mm - self.margin_bottom_mm

    @property
    def control_pairs(self) -> int:
        """Label/value pairs on one line of the document control block."""
        return max(1, len(self.control_columns) // 2)

    @property
    def table_after_pt(self) -> float:
        """Space below a table (or a box) with nothing of its own below it."""
        return self.para_after_pt + self.block_gap_pt

    @property
    def source_note_after_pt(self) -> float:
        return self.para_after_pt + 2


def default_style(page_size: PageSize = PageSize.A4) -> HouseStyle:
    return HouseStyle(page_size=page_size)
