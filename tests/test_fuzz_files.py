"""Fuzzing: random and damaged .brief files load or are refused with the
project's own error; random Unicode in every field of a brief exports.

The unmarked tests run a few hundred cases in the normal suite; the same
properties run thousands of cases with ``pytest -m slow``.
"""

from __future__ import annotations

import copy
import io
import json
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.errors import BriefFileError
from briefing_app.export import export_brief
from briefing_app.files.locations import sample_path
from briefing_app.model import (
    Brief,
    Callout,
    Fact,
    ListBlock,
    ListStyle,
    Metadata,
    PageSize,
    Paragraph,
    Run,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
    clean_text,
)
from briefing_app.model.facts import MAX_FACT_NAME, fact_key
from briefing_app.model.storage import dumps, load_brief, loads
from briefing_app.templating import catalogue
from briefing_app.writers.registry import PDF, WORD, formats
from tests.docx_text import body_text
from tests.pdf_text import reader

SAMPLE = sample_path().read_bytes()
FEW = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MANY = settings(
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ------------------------------------------------------------ damaged files

leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "A4",
            "Letter",
            "paragraph",
            "list",
            "callout",
            "bullet",
            "numbered",
            "context",
            "custom_table",
            "sources",
            "2025-10-27",
            "2025-02-30",
            "policy-brief",
        ]
    ),
)
json_values = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    [
                        "text",
                        "type",
                        "runs",
                        "items",
                        "blocks",
                        "id",
                        "kind",
                        "title",
                        "rows",
                        "columns",
                        "caption",
                        "source",
                        "url",
                        "bold",
                        "fact",
                        "name",
                        "value",
                    ]
                ),
                st.text(max_size=6),
            ),
            inner,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def _places(node: Any, out: list) -> list:
    if isinstance(node, dict):
        for key in list(node):
            out.append((node, key))
            _places(node[key], out)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out.append((node, i))
            _places(value, out)
    return out


@st.composite
def mutated_sample(draw: st.DrawFn) -> bytes:
    """The sample brief with values replaced, removed or added anywhere, some
    nested absurdly deep or repeated thousands of times."""
    data = copy.deepcopy(json.loads(SAMPLE))
    extreme: dict[str, str] = {}  # placeholder -> raw JSON, spliced in as text
    for _ in range(draw(st.integers(1, 5))):
        places = _places(data, [])
        if not places:
            break
        container, key = draw(st.sampled_from(places))
        action = draw(st.sampled_from(["replace", "delete", "add", "deep", "long"]))
        if action == "replace":
            container[key] = draw(json_values)
        elif action == "delete":
            del container[key]
        elif action == "add":
            if isinstance(container, dict):
                container[draw(st.text(max_size=6))] = draw(json_values)
            else:
                container.insert(key, draw(json_values))
        else:
            leaf = json.dumps(draw(leaves))
            if action == "deep":
                depth = draw(st.sampled_from([10, 100, 900, 990, 1010, 5000, 100_000]))
                opener, closer = draw(st.sampled_from([("[", "]"), ('{"a":', "}")]))
                raw = opener * depth + leaf + closer * depth
            else:
                raw = "[" + ",".join([leaf] * draw(st.integers(0, 5000))) + "]"
            placeholder = f"@@extreme-{len(extreme)}@@"
            extreme[placeholder] = raw
            container[key] = placeholder
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    for placeholder, raw in extreme.items():
        text = text.replace(json.dumps(placeholder), raw)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """The sample's bytes with flips, cuts, insertions and splices."""
    data = bytearray(SAMPLE)
    for _ in range(draw(st.integers(1, 6))):
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "cut", "insert", "delete", "splice"]))
        if action == "flip":
            data[pos] ^= 1 << draw(st.integers(0, 7))
        elif action == "cut":
            del data[pos:]
        elif action == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[pos : pos + draw(st.integers(1, 200))]
        else:
            start = draw(st.integers(0, len(data) - 1))
            data[pos:pos] = data[start : start + draw(st.integers(1, 300))]
    return bytes(data)


@st.composite
def random_files(draw: st.DrawFn) -> bytes:
    """Anything at all, and JSON that claims to be a brief."""
    kind = draw(st.sampled_from(["bytes", "text", "json", "claims"]))
    if kind == "bytes":
        return draw(st.binary(max_size=400))
    if kind == "text":
        return draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
    value = draw(json_values)
    if kind == "claims":
        value = {
            "format": "briefing-builder/brief",
            "schema_version": draw(st.one_of(st.integers(-1, 5), json_values)),
            **(value if isinstance(value, dict) else {"sections": value}),
        }
    return json.dumps(value).encode("utf-8", "surrogatepass")


any_file = st.one_of(mutated_sample(), mutated_bytes(), random_files())


def loads_or_refuses(data: bytes, folder: Path) -> None:
    """The property: a Brief, or BriefFileError with a message; nothing else."""
    path = folder / "fuzzed file.brief"
    path.write_bytes(data)
    for attempt in (lambda: loads(data), lambda: load_brief(path)):
        try:
            brief = attempt()
        except BriefFileError as exc:
            assert str(exc).strip()
            continue
        assert isinstance(brief, Brief)
        assert loads(dumps(brief)) == brief  # what was accepted saves and reopens


@FEW
@given(data=any_file)
def test_random_and_damaged_files_load_or_are_refused(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    loads_or_refuses(data, tmp_path_factory.mktemp("fuzz"))


@pytest.mark.slow
@MANY
@given(data=any_file)
def test_random_and_damaged_files_load_or_are_refused_many(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    loads_or_refuses(data, tmp_path_factory.mktemp("fuzz"))


# --------------------------------------------------------- random Unicode

# Any code point at all: control characters, lone surrogates, private use,
# right-to-left, combining marks, emoji. The model cleans what no file
# format can carry; everything else must export.
anything = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
TEMPLATES = sorted(t.id for t in catalogue().templates)


@st.composite
def runs(draw: st.DrawFn, facts: list[Fact]) -> list[Run]:
    out = []
    for _ in range(draw(st.integers(0, 3))):
        fact = draw(st.sampled_from([""] + [f.name for f in facts if f.name]))
        out.append(
            Run(
                draw(anything),
                bold=draw(st.booleans()),
                italic=draw(st.booleans()),
                link=draw(st.one_of(anything, st.just("https://example.org/ü?q=1"))),
                needs_source=draw(st.booleans()),
                fact=fact,
            )
        )
    return out


@st.composite
def unicode_briefs(draw: st.DrawFn) -> Brief:
    # Fact names follow the app's rules (named, short, unique): the file
    # format refuses others, and the facts editor never makes them.
    names = draw(
        st.lists(
            anything.map(lambda n: clean_text(n, multiline=False).strip()).filter(
                lambda n: 0 < len(n) <= MAX_FACT_NAME
            ),
            max_size=2,
            unique_by=fact_key,
        )
    )
    facts = [Fact(n, draw(anything), draw(anything), draw(anything)) for n in names]
    blocks = [
        Paragraph(draw(runs(facts))),
        ListBlock(draw(st.sampled_from(ListStyle)), [draw(runs(facts)) for _ in range(2)]),
        Callout(draw(anything), [Paragraph(draw(runs(facts)))]),
    ]
    n = draw(st.integers(1, 3))
    table = TableContent(
        caption=draw(anything),
        columns=[draw(anything) for _ in range(n)],
        rows=[[draw(runs(facts)) for _ in range(n)] for _ in range(draw(st.integers(0, 3)))],
        source=draw(runs(facts)),
    )
    sources = SourcesContent([SourceEntry(draw(anything), draw(anything)) for _ in range(2)])
    sections = [
        Section(SectionKind.CONTEXT, draw(anything), TextContent(blocks)),
        Section(SectionKind.CUSTOM_TABLE, draw(anything), table),
        Section(SectionKind.SOURCES, draw(anything), sources),
        Section(SectionKind.CALLOUT, draw(anything), TextContent(blocks[:1]), draw(st.booleans())),
    ]
    metadata = Metadata(
        title=draw(anything),
        subtitle=draw(anything),
        author=draw(anything),
        organisation=draw(anything),
        date=draw(st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))),
        reference=draw(anything),
        version=draw(anything),
        marking=draw(anything),
        recipients=draw(st.lists(anything, max_size=2)),
        language=draw(st.one_of(anything, st.sampled_from(["en-GB", "be", "ru-RU"]))),
    )
    template = draw(st.sampled_from(TEMPLATES))
    return Brief(metadata, sections, draw(st.sampled_from(PageSize)), template, facts)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def exports_everywhere(brief: Brief, folder: Path) -> None:
    """Every format exports and reads back; the included sections' titles
    (where they hold letters) reach the Word file and the web page."""
    # A saved and reopened brief is what the app exports in practice.
    brief = loads(dumps(brief))
    for fmt in formats():
        target = folder / f"fuzzed{fmt.suffix}"
        report = export_brief(brief, target, fmt)
        data = target.read_bytes()
        assert report.size == len(data) > 0
        if fmt is PDF:
            assert len(reader(data).pages) >= 1
        elif fmt is WORD:
            docx.Document(io.BytesIO(data))
            text = "".join(body_text(data))
            title = brief.metadata.title.strip()
            if title.isalnum() and unicodedata.is_normalized("NFC", title):
                assert title in text or title in "".join(text.split())
        else:
            parser = _Text()
            parser.feed(data.decode("utf-8"))
            parser.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(brief=unicode_briefs())
def test_random_unicode_in_every_field_exports(
    brief: Brief, tmp_path_factory: pytest.TempPathFactory
) -> None:
    exports_everywhere(brief, tmp_path_factory.mktemp("export"))


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(brief=unicode_briefs())
def test_random_unicode_in_every_field_exports_many(
    brief: Brief, tmp_path_factory: pytest.TempPathFactory
) -> None:
    exports_everywhere(brief, tmp_path_factory.mktemp("export"))
