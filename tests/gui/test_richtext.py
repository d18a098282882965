"""TextContent <-> QTextDocument: fixed examples per feature and a round-trip property."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QTextCursor, QTextDocument, QTextListFormat

from briefing_app.gui.richtext import (
    CALLOUT_PROPERTY,
    FACT_COLOUR,
    FACT_PROPERTY,
    NEEDS_SOURCE_COLOUR,
    NEEDS_SOURCE_PROPERTY,
    fill_document,
    insert_content,
    is_title_block,
    normalise_content,
    read_document,
)
from briefing_app.model import (
    Callout,
    ListBlock,
    ListStyle,
    Paragraph,
    Run,
    TextContent,
    clean_text,
)

pytestmark = pytest.mark.usefixtures("qapp")


def round_trip(content: TextContent) -> TextContent:
    doc = QTextDocument()
    fill_document(doc, content)
    return read_document(doc)


def blocks_of(doc: QTextDocument) -> list:
    found = []
    block = doc.begin()
    while block.isValid():
        found.append(block)
        block = block.next()
    return found


def fragments_of(block) -> list:
    found = []
    it = block.begin()
    while not it.atEnd():
        found.append(it.fragment())
        it += 1
    return found


# -- fixed examples ------------------------------------------------------------


def test_empty_document_reads_as_no_blocks() -> None:
    assert read_document(QTextDocument()) == TextContent([])
    assert round_trip(TextContent([])) == TextContent([])


def test_paragraphs_are_plain_blocks() -> None:
    content = TextContent([Paragraph.of("One"), Paragraph.of("Two")])
    doc = QTextDocument()
    fill_document(doc, content)
    assert [b.text() for b in blocks_of(doc)] == ["One", "Two"]
    assert all(b.blockFormat().objectIndex() == -1 for b in blocks_of(doc))
    assert read_document(doc) == content


def test_marks_become_char_formats_and_back() -> None:
    runs = [
        Run("plain "),
        Run("bold", bold=True),
        Run("italic", italic=True),
        Run("link", link="https://example.org/a?b=1"),
        Run("check", needs_source=True),
        Run("all", bold=True, italic=True, link="mailto:a@b.org", needs_source=True),
    ]
    doc = QTextDocument()
    fill_document(doc, TextContent([Paragraph(runs)]))
    formats = {f.text(): f.charFormat() for f in fragments_of(doc.begin())}
    assert formats["bold"].fontWeight() == QFont.Weight.Bold
    assert formats["italic"].fontItalic()
    link = formats["link"]
    assert link.isAnchor() and link.anchorHref() == "https://example.org/a?b=1"
    assert link.fontUnderline()
    check = formats["check"]
    assert check.boolProperty(NEEDS_SOURCE_PROPERTY)
    assert check.background().color() == NEEDS_SOURCE_COLOUR
    assert not formats["plain "].isAnchor()
    assert read_document(doc) == TextContent([Paragraph(runs)])


def test_needs_source_is_read_from_the_property_not_the_colour() -> None:
    doc = QTextDocument()
    fill_document(doc, TextContent([Paragraph([Run("x", needs_source=True)])]))
    cursor = QTextCursor(doc)
    cursor.select(QTextCursor.SelectionType.Document)
    fmt = cursor.charFormat()
    fmt.clearBackground()
    cursor.setCharFormat(fmt)
    assert read_document(doc).blocks == [Paragraph([Run("x", needs_source=True)])]


def test_a_fact_is_a_highlighted_fragment_named_by_a_property() -> None:
    runs = [Run("Over "), Run("1,000", bold=True, fact="remaining"), Run(" held")]
    doc = QTextDocument()
    fill_document(doc, TextContent([Paragraph(runs)]))
    assert doc.toPlainText() == "Over 1,000 held"
    formats = {f.text(): f.charFormat() for f in fragments_of(doc.begin())}
    fact = formats["1,000"]
    assert fact.stringProperty(FACT_PROPERTY) == "remaining"
    assert fact.background().color() == FACT_COLOUR != NEEDS_SOURCE_COLOUR
    assert not formats["Over "].hasProperty(FACT_PROPERTY)
    assert read_document(doc) == TextContent([Paragraph(runs)])


def test_facts_side_by_side_stay_two_facts() -> None:
    runs = [Run("52", fact="released"), Run("52", fact="released"), Run("x", fact="other")]
    assert round_trip(TextContent([Paragraph(runs)])) == TextContent([Paragraph(runs)])


def test_a_fact_split_by_qt_reads_back_as_one_fact() -> None:
    doc = QTextDocument()
    fill_document(doc, TextContent([Paragraph([Run("1,000", fact="remaining")])]))
    # Make part of it bold: Qt now holds the fact as two fragments.
    cursor = QTextCursor(doc)
    cursor.setPosition(0)
    cursor.setPosition(2, QTextCursor.MoveMode.KeepAnchor)
    fmt = cursor.charFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    cursor.setCharFormat(fmt)
    assert len(fragments_of(doc.begin())) == 2
    [run] = read_document(doc).blocks[0].runs
    assert (run.text, run.fact, run.bold) == ("1,000", "remaining", True)


def test_an_empty_fact_is_dropped() -> None:
    content = TextContent([Paragraph([Run("", fact="released"), Run("a")])])
    assert normalise_content(content) == TextContent([Paragraph([Run("a")])])
    assert round_trip(content) == normalise_content(content)


def test_line_break_inside_a_run_is_a_line_separator() -> None:
    content = TextContent([Paragraph([Run("first\nsecond", bold=True), Run("\nthird")])])
    doc = QTextDocument()
    fill_document(doc, content)
    assert doc.blockCount() == 1
    assert doc.begin().text() == "first\u2028second\u2028third"
    assert read_document(doc) == content


def test_lists_use_disc_and_decimal_and_adjacent_lists_stay_apart() -> None:
    content = TextContent(
        [
            ListBlock(ListStyle.BULLET, [[Run("a")], [Run("b", bold=True)]]),
            ListBlock(ListStyle.BULLET, [[Run("c")]]),
            ListBlock(ListStyle.NUMBERED, [[Run("1")], [Run("2")]]),
        ]
    )
    doc = QTextDocument()
    fill_document(doc, content)
    lists = [b.textList() for b in blocks_of(doc)]
    assert all(lst is not None for lst in lists)
    assert lists[0] == lists[1] != lists[2]
    assert lists[2] != lists[3] and lists[3] == lists[4]
    assert lists[0].format().style() == QTextListFormat.Style.ListDisc
    assert lists[3].format().style() == QTextListFormat.Style.ListDecimal
    assert read_document(doc) == content


def test_callout_is_a_marked_frame_with_its_title_first() -> None:
    callout = Callout(
        "Did you know?",
        [Paragraph.of("Inside."), ListBlock(ListStyle.NUMBERED, [[Run("x")], [Run("y")]])],
    )
    content = TextContent([Paragraph.of("Before"), callout, Paragraph.of("After")])
    doc = QTextDocument()
    fill_document(doc, content)
    frames = doc.rootFrame().childFrames()
    assert len(frames) == 1
    assert frames[0].frameFormat().boolProperty(CALLOUT_PROPERTY)
    title = doc.findBlock(frames[0].firstPosition())
    assert title.text() == "Did you know?" and is_title_block(title)
    assert fragments_of(title)[0].charFormat().fontWeight() == QFont.Weight.Bold
    assert not is_title_block(title.next())
    assert read_document(doc) == content


def test_adjacent_and_empty_callouts_survive() -> None:
    content = TextContent(
        [Callout("Note", [Paragraph.of("a")]), Callout("", []), Callout("Key fact", [])]
    )
    assert round_trip(content) == content


def test_empty_paragraphs_and_items_are_dropped() -> None:
    content = TextContent(
        [
            Paragraph([]),
            Paragraph([Run(""), Run("", bold=True)]),
            ListBlock(ListStyle.BULLET, [[], [Run("kept")], [Run("")]]),
            ListBlock(ListStyle.NUMBERED, [[]]),
            Callout("T", [Paragraph([]), ListBlock(ListStyle.BULLET, [])]),
        ]
    )
    expected = TextContent([ListBlock(ListStyle.BULLET, [[Run("kept")]]), Callout("T", [])])
    assert normalise_content(content) == expected
    assert round_trip(content) == expected


def test_empty_block_inside_a_list_does_not_split_it() -> None:
    doc = QTextDocument()
    fill_document(doc, TextContent([ListBlock(ListStyle.NUMBERED, [[Run("a")], [Run("b")]])]))
    cursor = QTextCursor(doc)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertBlock()  # an empty item, as after pressing Enter
    assert read_document(doc).blocks == [ListBlock(ListStyle.NUMBERED, [[Run("a")], [Run("b")]])]


def test_fill_replaces_previous_content() -> None:
    doc = QTextDocument()
    fill_document(doc, TextContent([Callout("Old", [Paragraph.of("old")])]))
    fill_document(doc, TextContent([Paragraph.of("new")]))
    assert read_document(doc) == TextContent([Paragraph.of("new")])
    assert doc.rootFrame().childFrames() == []


def test_qt_frame_markers_are_removed_not_split() -> None:
    content = TextContent([Paragraph([Run("a\ufdd0b\ufdd1c")])])
    assert normalise_content(content) == TextContent([Paragraph([Run("abc")])])
    assert round_trip(content) == TextContent([Paragraph([Run("abc")])])


def test_reading_foreign_html_keeps_only_what_the_model_holds() -> None:
    # Qt parses this HTML only to build a test input; the app never stores it.
    doc = QTextDocument()
    doc.setHtml(
        '<p><span style="font-size:40pt;color:red;font-family:Comic Sans MS">big</span>'
        '<img src="missing.png"><b>bold</b> <span style="font-weight:600">semi</span></p>'
        "<ol><li>one</li><li><i>two</i></li></ol>"
        "<table><tr><td>cell</td></tr></table>"
    )
    assert read_document(doc).blocks == [
        Paragraph([Run("big"), Run("bold", bold=True), Run(" "), Run("semi", bold=True)]),
        ListBlock(ListStyle.NUMBERED, [[Run("one")], [Run("two", italic=True)]]),
        Paragraph.of("cell"),
    ]


def test_insert_content_keeps_boxes_outside_boxes_only() -> None:
    box = Callout("Note", [Paragraph.of("in")])
    doc = QTextDocument()
    fill_document(doc, TextContent([Paragraph.of("ab")]))
    cursor = QTextCursor(doc)
    cursor.setPosition(1)
    insert_content(cursor, TextContent([box]))
    assert read_document(doc).blocks == [Paragraph.of("a"), box, Paragraph.of("b")]
    cursor.setPosition(doc.rootFrame().childFrames()[0].firstPosition() + 1)
    insert_content(cursor, TextContent([Callout("Key fact", [Paragraph.of("x")])]))
    # Inside a box the pasted box is flattened; its title goes inline.
    assert read_document(doc).blocks[1] == Callout(
        "NKey fact", [Paragraph([Run("x"), Run("ote", bold=True)]), Paragraph.of("in")]
    )
    assert doc.rootFrame().childFrames()[0].childFrames() == []


def test_insert_content_pastes_inline_then_new_blocks() -> None:
    doc = QTextDocument()
    fill_document(doc, TextContent([Paragraph.of("Hello world")]))
    cursor = QTextCursor(doc)
    cursor.setPosition(6)
    insert_content(
        cursor,
        TextContent(
            [
                Paragraph([Run("big ", bold=True)]),
                Callout("Note", [ListBlock(ListStyle.BULLET, [[Run("i")]])]),
            ]
        ),
    )
    assert read_document(doc).blocks == [
        Paragraph([Run("Hello "), Run("big ", bold=True)]),
        Callout("Note", [ListBlock(ListStyle.BULLET, [[Run("i")]])]),
        Paragraph.of("world"),
    ]


# -- round-trip property -----------------------------------------------------------

texts = st.text().map(clean_text)
links = st.one_of(
    st.just(""),
    st.sampled_from(["https://example.org/x?a=1&b=2#f", "http://a.b", "mailto:x@y.org"]),
    st.text(max_size=15),
)
facts = st.one_of(
    st.just(""), st.just(""), st.sampled_from(["released", "remaining"]), st.text(max_size=10)
)
runs = st.builds(Run, texts, st.booleans(), st.booleans(), links, st.booleans(), facts)
run_lists = st.lists(runs, max_size=5)
paragraphs = st.builds(Paragraph, run_lists)
lists = st.builds(ListBlock, st.sampled_from(list(ListStyle)), st.lists(run_lists, max_size=4))
callouts = st.builds(
    Callout,
    st.one_of(st.sampled_from(["Did you know?", "Note"]), texts),
    st.lists(st.one_of(paragraphs, lists), max_size=4),
)
contents = st.builds(TextContent, st.lists(st.one_of(paragraphs, lists, callouts), max_size=6))


@given(contents)
def test_round_trip_equals_normalised_input(content: TextContent) -> None:
    assert round_trip(content) == normalise_content(content)


@given(contents)
def test_normalised_content_is_a_fixed_point(content: TextContent) -> None:
    expected = normalise_content(content)
    assert normalise_content(expected) == expected
    assert round_trip(expected) == expected


@given(contents, contents)
def test_fill_over_old_content_forgets_it(old: TextContent, new: TextContent) -> None:
    doc = QTextDocument()
    fill_document(doc, old)
    fill_document(doc, new)
    assert read_document(doc) == normalise_content(new)


@given(contents)
def test_pasting_into_an_empty_document_gives_the_content(content: TextContent) -> None:
    doc = QTextDocument()
    insert_content(QTextCursor(doc), content)
    assert read_document(doc) == normalise_content(content)


@given(contents, contents, st.integers(min_value=0))
def test_pasting_anywhere_never_nests_boxes(
    old: TextContent, pasted: TextContent, where: int
) -> None:
    doc = QTextDocument()
    fill_document(doc, old)
    cursor = QTextCursor(doc)
    cursor.setPosition(where % doc.characterCount())
    insert_content(cursor, pasted)
    frames = doc.rootFrame().childFrames()
    assert all(frame.childFrames() == [] for frame in frames)
    shown = doc.toRawText().replace("\u2028", "\n")
    for block in normalise_content(pasted).blocks:
        if isinstance(block, Paragraph):
            assert "".join(r.text for r in block.runs) in shown
