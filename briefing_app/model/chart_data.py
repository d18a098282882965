"""The numbers a chart draws, read from its table section (with facts).

The table stays the one source of the numbers: a chart keeps only which
table and which columns, so editing a cell (or a fact a cell shows) redraws
it. The composer and the app's figure editor both read a chart through
:func:`chart_data`, and its proposed alternative text comes from the same
numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing_app.errors import ChartError
from briefing_app.model.brief import Brief, Section, TableContent
from briefing_app.model.facts import fact_key
from briefing_app.model.pictures import ChartKind, ChartSpec
from briefing_app.model.text import Run

#: Bars or points in one chart; more could not be told apart on a page.
MAX_CATEGORIES = 60
#: Series (value columns) in one chart.
MAX_SERIES = 6

# "37,000", "1 000", "12.5", "-3", "more than 1,000", "1,000+", "52%"
_NUMBER = re.compile(
    r"(?<![\w.])([-\u2212]?)(\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
)


def read_number(text: str) -> float | None:
    """The first number written in ``text``, or None."""
    match = _NUMBER.search(text)
    if match is None:
        return None
    digits = re.sub(r"[,\u00a0\u202f ]", "", match.group(2))
    value = float(digits)
    return -value if match.group(1) else value


def number_words(value: float) -> str:
    """37000.0 -> '37,000'; 12.5 -> '12.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


@dataclass(frozen=True, slots=True)
class ChartSeries:
    name: str
    values: tuple[float | None, ...]  # None: the cell holds no number


@dataclass(frozen=True, slots=True)
class ChartData:
    kind: ChartKind
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    table_title: str

    def proposed_alt_text(self) -> str:
        """ "Bar chart: detained since 2020 37,000; still held 1,000; released 52"."""
        if len(self.series) == 1:
            values = self.series[0].values
            parts = [
                f"{c} {number_words(v) if v is not None else 'no value'}"
                for c, v in zip(self.categories, values, strict=True)
            ]
            return f"{self.kind.label}: " + "; ".join(parts)
        names = ", ".join(s.name for s in self.series)
        parts = []
        for i, category in enumerate(self.categories):
            cells = ", ".join(
                f"{s.name} {number_words(v) if (v := s.values[i]) is not None else 'no value'}"
                for s in self.series
            )
            parts.append(f"{category}: {cells}")
        return f"{self.kind.label} of {names}. " + "; ".join(parts)


def _cell_text(runs: list[Run], facts: dict[str, str]) -> str:
    out = []
    for run in runs:
        if run.cite:
            continue
        out.append(facts.get(fact_key(run.fact), run.text) if run.fact else run.text)
    return "".join(out).strip()


def chart_table(brief: Brief, spec: ChartSpec) -> Section:
    for section in brief.sections:
        if section.id == spec.table and isinstance(section.content, TableContent):
            return section
    raise ChartError(
        "the table it is drawn from is no longer in the brief: choose another table for "
        "it, or delete the chart"
    )


def value_columns(content: TableContent, spec: ChartSpec) -> list[int]:
    """The columns the chart draws: those chosen, or every numeric column
    but the labels."""
    count = len(content.columns)
    if spec.values:
        return [c for c in spec.values if c < count and c != spec.labels]
    return [c for c in range(count) if c != spec.labels]


def chart_data(brief: Brief, spec: ChartSpec) -> ChartData:
    """The chart's numbers as the table (and the facts) hold them now."""
    section = chart_table(brief, spec)
    content = section.content
    assert isinstance(content, TableContent)
    facts = brief.fact_values()
    if spec.labels >= len(content.columns):
        raise ChartError(
            f"the table '{section.title}' no longer has the column that names the bars"
        )
    rows = [[_cell_text(cell, facts) for cell in row] for row in content.rows]
    rows = [row for row in rows if any(row)]
    if len(rows) > MAX_CATEGORIES:
        raise ChartError(
            f"the table '{section.title}' has {len(rows):,} rows; a chart can show at most "
            f"{MAX_CATEGORIES} (make a smaller table for the chart)"
        )
    series = []
    for column in value_columns(content, spec):
        values = tuple(read_number(row[column]) for row in rows)
        if spec.values or any(v is not None for v in values):
            series.append(ChartSeries(content.columns[column], values))
    if not series or all(v is None for s in series for v in s.values):
        raise ChartError(
            f"the table '{section.title}' has no numbers to draw: a chart needs a column of "
            "numbers (a fact counts)"
        )
    if len(series) > MAX_SERIES:
        raise ChartError(
            f"the table '{section.title}' has {len(series)} columns of numbers; a chart can "
            f"draw at most {MAX_SERIES} (choose the columns to draw)"
        )
    categories = tuple(row[spec.labels] or f"Row {i}" for i, row in enumerate(rows, start=1))
    return ChartData(spec.kind, categories, tuple(series), section.title)
