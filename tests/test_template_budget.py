"""Templates run on a budget: every piece finishes quickly in little memory,
or is refused with the template's name, the place and the line.

The hostile pieces here hung or took gigabytes before the budget (issue 12).
Command-line cases run in a child process with a memory limit and a time
bound (tests/child.py); the fuzz test renders generated Jinja2 there too.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing_app.compose import compose
from briefing_app.document.nodes import TitleBlock
from briefing_app.errors import TemplateError
from briefing_app.templating import get_template, load_template
from briefing_app.templating.budget import MAX_RANGE, Budget
from briefing_app.templating.manifest import sample_context
from briefing_app.templating.sandbox import (
    MAX_PIECE_CHARS,
    PieceError,
    compile_piece,
    render_piece,
)
from tests.builders import brief, text_section
from tests.child import cli, python
from tests.test_templates import make_template

#: Each of these hung, or used gigabytes before being refused, on main.
COSTLY = [
    "{% for a in range(100000) %}{% for b in range(100000) %}x{% endfor %}{% endfor %}",
    "{% for a in range(9000) %}{% for b in range(9000) %}{% endfor %}{% endfor %}",
    "{% for a in range(10) recursive %}{% if loop.depth < 30 %}{{ loop(range(10)) }}"
    "{% endif %}{% endfor %}",
    "{% macro m(d) %}{% if d < 40 %}{{ m(d + 1) }}{{ m(d + 1) }}{% endif %}{% endmacro %}"
    "{{ m(0) }}",
    "{{ 9**(9**9) }}",
    "{{ (9**999)**999 }}",
    '{{ "x".center(1000000000) }}',
    '{{ "x".ljust(1000000000) }}',
    '{{ "x".rjust(1000000000) }}',
    '{{ "x".zfill(1000000000) }}',
    '{{ "%1000000000s" % "x" }}',
    '{{ "%.1000000000f" % 1.5 }}',
    '{{ "%*s" % (1000000000, "x") }}',
    '{{ "{:>1000000000}".format("x") }}',
    '{{ "{0:>{1}}".format("x", 1000000000) }}',
    "{{ 'x' * 1000000000 }}",
    "{{ ['x'] * 1000000000 }}",
    "{{ range(100000) | join }}",
    "{{ range(10000) | join(',' * 100000) }}",
    "{{ range(10**9) | list }}",
    "{{ 'x' | center(1000000000) }}",
    "{{ 'a\\nb' | indent(1000000000) }}",
    "{{ 'x y z' | wordwrap(1, wrapstring='y' * 100000) }}",
    "{% filter center(1000000000) %}x{% endfilter %}",
    "{{ range(3) | map('center', 1000000000) | join }}",
    "{{ 'xx'.replace('x', 'y' * 1000000) }}",
    "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s | length }}{% endif %}"
    "{% endmacro %}{{ d('x', 40) }}",
    "{% macro d(s, n) %}{% if n %}{{ d(s + s, n - 1) }}{% else %}{{ s | length }}{% endif %}"
    "{% endmacro %}{{ d('x', 40) }}",
    "{% macro m() %}{% for i in range(9000) %}{{ 'x' * 9000 }}{% endfor %}{% endmacro %}"
    "{{ m() | length }}",
    "{% set s = 'x' * 900000 %}{% for i in range(9000) %}{{ 'q' in s }}{% endfor %}",
    "{% set y = ['x' * 1000] * 4 %}{% set z = [y, y, y, y] %}{% set w = [z, z, z, z] %}"
    "{% set v = [w, w, w, w] %}{% set u = [v, v, v, v] %}{% set t = [u, u, u, u] %}{{ t }}",
    "{{ range(10) | batch(1000000000, 'x') | list }}",
    "{{ [[1] * 1000] * 1000 | sum(start=[]) }}",
    "{{ (1).to_bytes(1000000000, 'big') }}",
    "{{ 'x'.expandtabs(1000000000) }}",
]


def hostile(folder: Path, payload: str, place: str = "header__right") -> Path:
    make_template(folder, **{place: payload})
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('name = "Policy brief"', 'name = "Hostile"'), "utf-8")
    return folder


@pytest.mark.parametrize("payload", COSTLY)
def test_a_costly_piece_is_refused_quickly_with_the_usual_message(
    tmp_path: Path, payload: str
) -> None:
    folder = hostile(tmp_path / "hostile", payload)
    start = time.monotonic()
    with pytest.raises(TemplateError) as caught:
        load_template(folder)
    assert time.monotonic() - start < 30  # a generous bound: the refusal takes milliseconds
    message = str(caught.value)
    assert message.startswith(
        "The template 'Hostile' cannot be used (manifest.toml, header.right, line 1): "
    ), message
    assert "Traceback" not in message and "MemoryError" not in message


def test_the_messages_say_what_is_wrong_in_plain_words() -> None:
    ctx = sample_context()

    def problem(source: str) -> str:
        with pytest.raises(PieceError) as caught:
            render_piece(compile_piece(source), ctx)
        return caught.value.problem

    assert "too much work" in problem(COSTLY[1])
    assert "far too much text" in problem('{{ "x".center(1000000000) }}')
    assert "number too large to print" in problem("{{ 9**(9**9) }}")
    assert f"range() may count to {MAX_RANGE:,} at most" in problem("{{ range(10**6) }}")
    assert "more than 2,000 characters" in problem("{{ 'x' * 3000 }}")
    assert "'translate' cannot be used" in problem("{{ 'x'.translate({}) }}")


ORDINARY = {
    "Page {{ page }} of {{ pages }}": "Page 1 of 2",
    "{{ brief.recipients | join('; ') }}": "Minister; Private Office",
    "{{ [brief.author, brief.organisation] | select | join(', ') }}": "Author, Organisation",
    "{% for r in brief.recipients %}{{ r | upper }}{% if not loop.last %}, {% endif %}"
    "{% endfor %}": "MINISTER, PRIVATE OFFICE",
    "{{ '%s (%s)' % (brief.title, brief.version) }}": "Title (1.0)",
    "{{ '{:,} words'.format(12345) }}": "12,345 words",
    "{{ brief.title.center(11, '*') }}": "***Title***",
    "{{ brief.reference | replace('-', ' ') | lower }}": "ref 1",
    "{{ facts.get('missing', 'none') }}": "none",
    "{% macro tag(x) %}[{{ x }}]{% endmacro %}{{ tag(brief.marking) }}": "[OFFICIAL]",
    "{% set parts = brief.date.split(' ') %}{{ parts[1] }} {{ parts[2][2:] }}": "January 26",
    "{{ (brief.title ~ ' ') * 2 }}": "Title Title ",
    "{{ 2 ** 10 }} {{ 7 // 2 }} {{ 'a' in 'abc' }} {{ 1 < 2 < 3 }}": "1024 3 True True",
    "{{ range(3) | map('string') | join('-') }}": "0-1-2",
    "{% for a in range(3) recursive %}{{ a }}{% if loop.depth < 2 %}({{ loop(range(2)) }})"
    "{% endif %}{% endfor %}": "0(01)1(01)2(01)",
}


@pytest.mark.parametrize(("source", "expected"), list(ORDINARY.items()))
def test_ordinary_pieces_render_as_before(source: str, expected: str) -> None:
    ctx = sample_context()
    ctx["brief"]["recipients"] = ["Minister", "Private Office"]
    out = render_piece(compile_piece(source), {**ctx, "page": "1", "pages": "2"})
    assert out == expected


# ------------------------------------------------------------------ the brief's own text


def long_details():
    b = brief(text_section("Summary", "Text."), title="Long details")
    meta = b.metadata
    meta.reference = "R" * 1_990 + "-END-OF-REF"
    meta.author = "A" * 1_990 + "-END-AUTHOR"
    meta.recipients = [f"Recipient number {i} of the department" for i in range(64)]
    return b


def test_the_brief_s_long_details_reach_the_title_block_and_header() -> None:
    b = long_details()
    tree = compose(b, get_template("policy-brief"))
    (block,) = [x for x in tree.blocks if isinstance(x, TitleBlock)]
    rows = {row.label: row.value for row in block.control}
    # The layout may cut a value too long for a page (with a mark): the
    # template does not refuse it.
    assert rows["Reference"].startswith("R" * 500)
    assert rows["From"].startswith("A" * 500)
    assert rows["For"].startswith("Recipient number 0 of the department; Recipient number 1")
    assert "-END-OF-REF" in "".join(p for p in tree.furniture.header_right if isinstance(p, str))


def test_the_template_s_own_text_is_still_limited_with_long_details() -> None:
    b = long_details()
    ctx = sample_context()
    ctx["brief"].update(reference=b.metadata.reference, recipients=b.metadata.recipients)
    piece = compile_piece("{{ brief.reference }}{{ 'x' * 3000 }}")
    with pytest.raises(PieceError, match="more than 2,000 characters"):
        render_piece(piece, sample_context())
    # The same output is allowed when the brief's own text makes it long...
    assert len(render_piece(compile_piece("{{ brief.recipients | join('; ') }}"), ctx)) > 2_000
    # ...but not when the template repeats it many times over.
    with pytest.raises(PieceError, match="more than 2,000 characters"):
        render_piece(compile_piece("{{ brief.reference * 40 }}"), ctx)


def test_one_budget_covers_every_piece_of_a_template_check() -> None:
    shared = Budget(sample_context())
    loop = compile_piece("{% for a in range(9000) %}{% endfor %}")
    for _ in range(5):
        render_piece(loop, sample_context(), shared)
    with pytest.raises(PieceError, match="too much work"):
        render_piece(loop, sample_context(), shared)
    render_piece(loop, sample_context())  # alone, each render has its own budget


def test_a_piece_that_explodes_only_on_the_brief_s_data_stops_the_export(
    tmp_path: Path, sample
) -> None:
    # Checked with a five-letter sample title it passes; the real title is longer.
    payload = "{% for i in range((brief.title | length) * 1000) %}{% endfor %}"
    template = load_template(hostile(tmp_path / "hostile", payload))
    with pytest.raises(TemplateError, match=r"header\.right, line 1\): range\(\) may count"):
        compose(sample, template)


# ------------------------------------------------------------------ the command line


def user_env(folder: Path) -> dict[str, str]:
    return {**os.environ, "BRIEFING_TEMPLATES": str(folder)}


def test_listing_templates_finishes_with_hostile_user_templates(tmp_path: Path) -> None:
    user = tmp_path / "user-templates"
    for i, payload in enumerate(COSTLY[:6]):
        hostile(user / f"hostile-{i}", payload)
    outcome = cli("templates", env=user_env(user))
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-2000:]
    assert "policy-brief" in outcome.stdout and "hostile" not in outcome.stdout
    warnings = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert len(warnings) == 6, outcome.stderr
    assert all("warning: The template 'Hostile' cannot be used" in w for w in warnings)
    assert "Traceback" not in outcome.stderr


@pytest.mark.parametrize("payload", [COSTLY[0], COSTLY[4], COSTLY[6]])
def test_exporting_with_a_hostile_template_stops_with_one_plain_line(
    tmp_path: Path, payload: str
) -> None:
    user = tmp_path / "user-templates"
    hostile(user / "hostile", payload)
    outcome = cli(
        "export",
        "--sample",
        "--template",
        "hostile",
        "-o",
        "x.pdf",
        cwd=tmp_path,
        env=user_env(user),
    )
    outcome.assert_bounded()
    assert outcome.returncode == 1
    # Why it cannot be used, not "there is no template called ...".
    assert "The template 'Hostile' cannot be used (manifest.toml" in outcome.error_line
    assert not (tmp_path / "x.pdf").exists()


def test_an_export_that_explodes_on_the_brief_s_data_stops_with_one_plain_line(
    tmp_path: Path,
) -> None:
    user = tmp_path / "user-templates"
    hostile(user / "data", "{% for i in range((brief.title | length) * 1000) %}{% endfor %}")
    outcome = cli(
        "export", "--sample", "--template", "data", "-o", "x.pdf", cwd=tmp_path, env=user_env(user)
    )
    outcome.assert_bounded()
    assert outcome.returncode == 1
    assert "The template 'Hostile' cannot be used (manifest.toml, header.right" in (
        outcome.error_line
    )
    assert not (tmp_path / "x.pdf").exists()


# ------------------------------------------------------------------ fuzzing

_NUMBERS = st.sampled_from(["0", "1", "2", "3", "7", "12", "99", "999", "9999", "99999", "-3"])
_HUGE = st.sampled_from(["10**9", "9**9", "99999999", "2**20"])
_TEXTS = st.sampled_from(
    ["'x'", "'ab c'", "''", "'%s'", "'%1000000000s'", "'{:>999999999}'", "'{}'", "'\\n'"]
)
_NAMES = st.sampled_from(
    ["brief.title", "brief.recipients", "brief.reference", "facts", "brief", "loop_var"]
)


def _expressions() -> st.SearchStrategy[str]:
    atom = st.one_of(
        _NUMBERS,
        _HUGE,
        _TEXTS,
        _NAMES,
        st.builds("range({})".format, st.one_of(_NUMBERS, _HUGE)),
    )

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        binary = st.tuples(inner, st.sampled_from(["*", "**", "+", "~", "%", "//", "-"]), inner)
        filters = st.sampled_from(
            [
                "join",
                "join({})",
                "center({})",
                "indent({})",
                "wordwrap({})",
                "list",
                "length",
                "upper",
                "replace('x', {})",
                "format({})",
                "batch({})",
                "sum",
                "sort",
                "unique",
                "string",
                "first",
                "reverse",
                "truncate({})",
                "map('center', {})",
                "select",
            ]
        )
        methods = st.sampled_from(
            [
                "center({})",
                "ljust({})",
                "rjust({})",
                "zfill({})",
                "format({})",
                "replace('x', {})",
                "join({})",
                "split()",
                "upper()",
                "count({})",
            ]
        )
        return st.one_of(
            binary.map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
            st.tuples(inner, filters, inner).map(lambda t: f"({t[0]} | {t[1].format(t[2])})"),
            st.tuples(inner, methods, inner).map(lambda t: f"({t[0]}).{t[1].format(t[2])}"),
            st.tuples(inner, inner).map(lambda t: f"[{t[0]}, {t[1]}]"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} in {t[1]})"),
        )

    return st.recursive(atom, grow, max_leaves=6)


def _pieces() -> st.SearchStrategy[str]:
    expr = _expressions()

    def grow(body: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(expr, body).map(
                lambda t: f"{{% for loop_var in {t[0]} %}}{t[1]}{{% endfor %}}"
            ),
            st.tuples(expr, body).map(lambda t: f"{{% if {t[0]} %}}{t[1]}{{% endif %}}"),
            st.tuples(expr, body).map(lambda t: f"{{% set v = {t[0]} %}}{t[1]}{{{{ v }}}}"),
            st.tuples(body, body).map("".join),
            st.tuples(expr, body).map(
                lambda t: (
                    "{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{{ m(n - 1) }}"
                    f"{t[1]}{{% endif %}}{{% endmacro %}}{{{{ m({t[0]}) }}}}"
                )
            ),
        )

    leaf = st.one_of(expr.map("{{{{ {} }}}}".format), st.just("x"))
    return st.recursive(leaf, grow, max_leaves=5)


def run_fuzz(examples: int, seconds: float = 20.0) -> None:
    """Generated pieces render or are refused, each well within ``seconds``
    (run in a child process with a memory limit: see the tests below)."""
    context = {**sample_context(), "loop_var": 3, "page": "1", "pages": "2"}

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(_pieces())
    def check(source: str) -> None:
        start = time.monotonic()
        try:
            out = render_piece(compile_piece(source), context)
        except PieceError as exc:
            assert exc.problem
        else:
            assert isinstance(out, str) and len(out) <= MAX_PIECE_CHARS + 10_000
        assert time.monotonic() - start < seconds, source

    check()


FUZZ = "from tests.test_template_budget import run_fuzz; run_fuzz({})"


def test_fuzzed_pieces_render_or_are_refused_within_the_budget() -> None:
    outcome = python(FUZZ.format(60))
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-4000:]


@pytest.mark.slow
def test_many_fuzzed_pieces_render_or_are_refused_within_the_budget() -> None:
    outcome = python(FUZZ.format(2000), seconds=1800)
    outcome.assert_bounded()
    assert outcome.returncode == 0, outcome.stderr[-4000:]
