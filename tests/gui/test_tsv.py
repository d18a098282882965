"""Spreadsheet clipboard text: parsing, quoting and what a paste means."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from briefing_app.gui.tsv import clipboard_grid, parse_tsv, render_tsv

_cells = st.text(
    alphabet=st.one_of(st.characters(), st.sampled_from(['"', "\t", "\n", "\r"])), max_size=8
)


@given(
    st.lists(st.lists(_cells, min_size=1, max_size=4), min_size=1, max_size=5),
    st.sampled_from(["\r\n", "\n", "\r"]),
    st.booleans(),
)
def test_tsv_rendered_with_spreadsheet_quoting_parses_back(
    grid: list[list[str]], newline: str, trailing: bool
) -> None:
    # Without a final line break an empty last row cannot be told from none.
    assume(trailing or grid[-1] != [""])
    assert parse_tsv(render_tsv(grid, newline=newline, trailing=trailing)) == grid


def test_tsv_examples() -> None:
    assert parse_tsv("") == []
    assert parse_tsv("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
    assert parse_tsv("a\t\n") == [["a", ""]]
    assert parse_tsv('"a""b"\t"c\td"\n') == [['a"b', "c\td"]]
    assert parse_tsv('"unclosed\tx') == [['"unclosed', "x"]]
    assert parse_tsv('"Yes" he said\tok') == [['"Yes" he said', "ok"]]


def test_clipboard_grid_rules() -> None:
    assert clipboard_grid("") == []
    assert clipboard_grid("plain words") == [["plain words"]]
    assert clipboard_grid('"quoted" words\r\n') == [['"quoted" words']]
    assert clipboard_grid('"one\ncell"\r\n') == [["one\ncell"]]
    assert clipboard_grid("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]
