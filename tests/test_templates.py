"""Templates: shipped layouts, the sandbox, facts, and the command line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from briefing_app.compose import compose
from briefing_app.errors import BriefError, FactError, TemplateError
from briefing_app.export import render
from briefing_app.files.locations import templates_dir
from briefing_app.model import Fact
from briefing_app.templating import catalogue, get_template, install_template, load_template
from briefing_app.writers.registry import PDF, WORD, OutputFormat, formats
from tests.builders import brief, text_section
from tests.docx_text import body_text, footnotes_text
from tests.pdf_text import body_of_pages, chart_strings, pages_text, reader

SHIPPED = ["policy-brief", "briefing-note", "meeting-brief", "human-rights-case"]


def words(text: str, notes: int = 0) -> Counter[str]:
    # List numbers are text in the PDF but automatic numbering (not text) in
    # Word and HTML: leave them out. So are note numbers: the PDF prints each
    # twice (reference and footnote), Word and HTML number the note itself
    # automatically; numbers up to the number of notes are left out of every
    # format alike.
    text = re.sub(r"(?m)^\s*\d+\.(\s|$)", " ", text)
    counts = Counter(re.findall(r"\w+", text.casefold()))
    for n in range(1, notes + 1):
        counts.pop(str(n), None)
    return counts


def texts(b, template_id: str) -> dict[OutputFormat, str]:
    tree = compose(b, get_template(template_id))
    out = {}
    for fmt in formats():
        data = render(tree, fmt)
        if fmt is PDF:
            out[fmt] = "\n".join(body_of_pages(data, tree))  # a page ends a line
        elif fmt is WORD:
            out[fmt] = " ".join(body_text(data) + footnotes_text(data))
        else:
            from tests.html_text import parse, squash
            from tests.test_html_notes import endnotes

            page = parse(data)
            out[fmt] = page.main_text()
            notes = endnotes(page)
            if notes is not None:  # its heading ("Notes") is the page's own
                whole = squash(notes.text())
                heading = squash(notes.find("h2").text())
                out[fmt] = out[fmt].replace(whole, whole.removeprefix(heading))
    return out


def test_four_templates_ship_and_the_default_comes_first() -> None:
    ids = [t.id for t in catalogue().templates]
    assert ids[0] == "policy-brief" and sorted(ids) == sorted(SHIPPED)
    assert {t.name for t in catalogue().templates} >= {
        "Policy brief",
        "Briefing note",
        "Meeting brief",
        "Human-rights case",
    }
    assert not catalogue().problems


@pytest.mark.parametrize("template_id", SHIPPED)
def test_every_shipped_template_loads_checked_and_gives_every_expected_kind_a_heading(
    template_id: str,
) -> None:
    template = load_template(templates_dir() / template_id, builtin=True)
    for kind in template.expected:
        assert kind in template.headings, kind
    # Prompts are guidance for empty sections: one for each text section a
    # new brief starts with.
    for kind in template.expected:
        if kind.value not in ("sources", "factor_table", "custom_table"):
            assert kind in template.prompts, kind


@pytest.mark.parametrize("template_id", SHIPPED)
def test_every_template_exports_the_sample_with_the_same_text_in_every_format(
    sample, template_id: str
) -> None:
    out = texts(sample, template_id)
    tree = compose(sample, get_template(template_id))
    notes = len(tree.notes)
    # A chart's words are text in the PDF and part of its picture elsewhere.
    drawn = words(" ".join(chart_strings(tree)))
    pdf = words(out[PDF], notes) - drawn
    assert pdf["belarus"] > 2
    for fmt, text in out.items():
        shown = words(text, notes) - drawn if fmt is PDF else words(text, notes)
        extra, missing = shown - pdf, pdf - shown
        assert not extra and not missing, f"{fmt.name}: more {extra}, fewer {missing}"


def test_the_briefing_note_of_the_sample_fits_on_one_a4_page(sample) -> None:
    data = render(compose(sample, get_template("briefing-note")), PDF)
    pdf = reader(data)
    assert len(pdf.pages) == 1
    assert round(float(pdf.pages[0].mediabox.width)) == 595
    text = pages_text(data)[0]
    for heading in ("Key points", "Background", "Recommendation"):
        assert heading in text


def test_templates_choose_headings_sections_and_order(sample) -> None:
    meeting = compose(sample, get_template("meeting-brief"))
    headings = [b.text for b in meeting.blocks if type(b).__name__ == "Heading"]
    assert headings[:4] == ["Purpose", "Key messages", "Lines to take", "Background"]
    note = compose(sample, get_template("briefing-note"))
    headings = [b.text for b in note.blocks if type(b).__name__ == "Heading"]
    assert headings == ["Key points", "Background", "Recommendation"]
    # A title the author chose is kept whatever the template says.
    summary = next(s for s in sample.sections if s.id == "s-summary")
    summary.title = "Bottom line up front"
    meeting = compose(sample, get_template("meeting-brief"))
    assert "Bottom line up front" in [b.text for b in meeting.blocks if hasattr(b, "anchor")]


def test_header_and_footer_lines_come_from_the_template(sample) -> None:
    data = render(compose(sample, get_template("meeting-brief")), PDF)
    first = pages_text(data)[0]
    assert "Meeting brief" in first and "Version 1.0" in first and "Page 1 of" in first


def test_switching_template_keeps_every_word(sample) -> None:
    from briefing_app.model.storage import dumps

    before = dumps(sample)
    for template_id in SHIPPED:
        sample.template = template_id
        compose(sample)
    sample.template = "policy-brief"
    assert dumps(sample) == before


def test_an_unknown_template_id_prints_with_the_default(sample) -> None:
    sample.template = "no-such-template"
    assert compose(sample).style == compose(sample, get_template("policy-brief")).style


# ------------------------------------------------------------------ facts


def test_changing_a_fact_changes_every_use_in_every_format(sample) -> None:
    remaining = next(f for f in sample.facts if f.name == "remaining political prisoners")
    uses_before = {fmt: t.count("1,000") for fmt, t in texts(sample, "policy-brief").items()}
    assert all(n >= 3 for n in uses_before.values()), uses_before
    remaining.value = "1,234"
    after = texts(sample, "policy-brief")
    for fmt, text in after.items():
        assert text.count("1,234") == uses_before[fmt], fmt
        assert "1,000" not in text


def test_an_unknown_fact_names_the_section(sample) -> None:
    sample.facts = [f for f in sample.facts if f.name != "released"]
    with pytest.raises(FactError, match=r"'released' \(in 'Key points'"):
        compose(sample)


def test_facts_match_without_regard_to_case_or_spacing(sample) -> None:
    for fact in sample.facts:
        if fact.name == "released":
            fact.name = "Released"
    assert "52" in " ".join(compose(sample).body_text())


def test_author_text_that_looks_like_template_syntax_stays_literal() -> None:
    hostile = "{{ brief.title }} {% if true %}yes{% endif %} {{ ''.__class__ }}"
    b = brief(text_section("Syntax {{ x }}", hostile), title="{{ 7 * 7 }}")
    b.facts = [Fact("x", "{{ brief.reference }}")]
    for template_id in SHIPPED:
        b.template = template_id
        tree = compose(b)
        for fmt in formats():
            data = render(tree, fmt)
            if fmt is PDF:
                text = " ".join(pages_text(data))
                assert "{{ 7 * 7 }}" in text and "49" not in text
                if template_id != "briefing-note":  # the note prints only its own kinds
                    assert hostile in re.sub(r"\s+", " ", text)


# ------------------------------------------------------------------ the sandbox

HOSTILE = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}",
    "{% extends '../../etc/passwd' %}",
    "{% from 'x' import y %}",
    "{{ self.__init__.__globals__ }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ config.items() }}",
    "{{ request.application.__globals__ }}",
    "{{ brief.__class__.__base__ }}",
    "{{ brief.title.__class__.__mro__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ facts.__init__ }}",
    "{{ range.__self__ }}",
    "{{ 'x' * 100000000 }}",
    "{{ 9 ** 9999999 }}",
    "{{ range(10**9) | list }}",
    "{% for i in range(1000000) %}x{% endfor %}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "{{ brief.title",
    "{% if %}",
    "{{ unknown_variable }}",
]


def make_template(folder: Path, **pieces: str) -> Path:
    """A copy of the policy brief template with some pieces replaced
    (``header__right="..."`` sets ``right`` in the ``[header]`` table)."""
    shutil.copytree(templates_dir() / "policy-brief", folder)
    manifest = folder / "manifest.toml"
    lines = manifest.read_text(encoding="utf-8").splitlines()
    for key, value in pieces.items():
        table, name = key.split("__")
        start = next(i for i, line in enumerate(lines) if line.startswith(f"[{table}]"))
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("[")), len(lines)
        )
        new = f"{name} = {literal(value)}"
        for i in range(start + 1, end):
            if lines[i].split("=")[0].strip() == name:
                lines[i] = new
                break
        else:
            lines.insert(start + 1, new)
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def literal(value: str) -> str:
    """A TOML string holding ``value`` exactly (a multi-line literal string)."""
    return "'''" + value + "'''"


@pytest.mark.parametrize("payload", HOSTILE)
@pytest.mark.parametrize("place", ["header__right", "headings__summary", "prompts__context"])
def test_a_hostile_or_broken_template_is_refused_with_name_file_and_place(
    tmp_path: Path, payload: str, place: str
) -> None:
    folder = make_template(tmp_path / "hostile", **{place: payload})
    (folder / "manifest.toml").write_text(
        (folder / "manifest.toml")
        .read_text(encoding="utf-8")
        .replace('name = "Policy brief"', 'name = "Hostile"'),
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as caught:
        load_template(folder)
    message = str(caught.value)
    assert "The template 'Hostile' cannot be used (manifest.toml" in message
    assert place.replace("__", ".") in message
    assert "Traceback" not in message and "root:" not in message


def test_a_broken_manifest_names_its_line(tmp_path: Path) -> None:
    folder = make_template(tmp_path / "broken")
    (folder / "manifest.toml").write_text('name = "Broken"\n[type]\nbody = = 11\n')
    with pytest.raises(TemplateError, match="line 3"):
        load_template(folder)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('logo = "../../../etc/passwd"', "inside the template's folder"),
        ('logo = "missing.png"', "is missing"),
        ('logo = "manifest.toml"', "not of the expected kind"),
        ('page_size = "A3"', "A4"),
    ],
)
def test_bad_values_are_refused(tmp_path: Path, line: str, expected: str) -> None:
    folder = make_template(tmp_path / "bad")
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8").replace('page_size = "A4"\n', "")
    manifest.write_text(line + "\n" + text, encoding="utf-8")
    with pytest.raises(TemplateError, match=re.escape(expected)):
        load_template(folder)


def test_a_broken_user_template_is_listed_as_a_problem_not_a_crash(tmp_path: Path) -> None:
    make_template(tmp_path / "mine", header__right="{{ ''.__class__ }}")
    cat = catalogue(tmp_path)
    assert sorted(t.id for t in cat.templates) == sorted(SHIPPED)
    (problem,) = cat.problems
    assert problem.where == "header.right" and "not allowed" in problem.problem


def test_an_organisation_installs_its_own_template(tmp_path: Path, sample) -> None:
    source = make_template(tmp_path / "source" / "ministry-style", header__left="Ministry of Tests")
    manifest = source / "manifest.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8")
        .replace('name = "Policy brief"', 'name = "Ministry style"')
        .replace('heading = "1F3A5F"', 'heading = "7A1F1F"'),
        encoding="utf-8",
    )
    user = tmp_path / "user-templates"
    installed = install_template(source, user)
    assert installed.name == "Ministry style" and not installed.builtin
    assert catalogue(user).get("ministry-style") is not None
    sample.template = "ministry-style"
    tree = compose(sample, catalogue(user).get("ministry-style"))
    assert tree.style.heading_colour == "7A1F1F"
    assert "Ministry of Tests" in pages_text(render(tree, PDF))[0]
    with pytest.raises(BriefError, match="already installed"):
        install_template(source, user)
    install_template(source, user, replace=True)


def test_a_template_cannot_take_a_shipped_name(tmp_path: Path) -> None:
    source = make_template(tmp_path / "policy-brief")
    with pytest.raises(BriefError, match="shipped with the app"):
        install_template(source, tmp_path / "user")


# ------------------------------------------------------------------ command line


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing_app", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_lists_templates_and_exports_with_one(tmp_path: Path) -> None:
    listing = run_cli("templates", cwd=tmp_path)
    assert listing.returncode == 0
    for template_id in SHIPPED:
        assert template_id in listing.stdout
    result = run_cli(
        "export", "--sample", "--template", "briefing-note", "-o", "n.pdf", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert len(reader((tmp_path / "n.pdf").read_bytes()).pages) == 1
    bad = run_cli("export", "--sample", "--template", "nope", "-o", "x.pdf", cwd=tmp_path)
    assert bad.returncode == 1 and "no template called 'nope'" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


# ------------------------------------------------------------------ house style files


def set_manifest_line(folder: Path, line: str) -> None:
    manifest = folder / "manifest.toml"
    manifest.write_text(line + "\n" + manifest.read_text(encoding="utf-8"), encoding="utf-8")


def test_a_logo_appears_in_pdf_and_word_with_its_alt_text(tmp_path: Path, sample) -> None:
    from PIL import Image

    folder = make_template(tmp_path / "with-logo")
    Image.new("RGB", (240, 80), (31, 58, 95)).save(folder / "logo.png")
    set_manifest_line(folder, 'logo = "logo.png"\nlogo_alt = "Ministry of Tests crest"')
    template = load_template(folder)
    tree = compose(sample, template)
    pdf = reader(render(tree, PDF))
    xobjects = pdf.pages[0]["/Resources"]["/XObject"]
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values())
    from tests.docx_text import all_parts_text

    word = all_parts_text(render(tree, WORD))
    assert 'descr="Ministry of Tests crest"' in word and "media/image1.png" in word


def test_a_reference_word_document_gives_styles_and_header(tmp_path: Path, sample) -> None:
    import docx
    from docx.shared import RGBColor

    folder = make_template(tmp_path / "with-reference")
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.font.name = "Georgia"
    heading.font.color.rgb = RGBColor(0x99, 0x00, 0x00)
    reference.sections[0].header.paragraphs[0].text = "Ministry of Examples"
    reference.add_paragraph("Sample text in the reference that must not be printed")
    reference.save(folder / "reference.docx")
    set_manifest_line(folder, 'reference_docx = "reference.docx"')
    data = render(compose(sample, load_template(folder)), WORD)
    from tests.docx_text import header_text, open_docx

    word = open_docx(data)
    style = word.styles["Heading 1"]
    assert style.font.name == "Georgia" and str(style.font.color.rgb) == "990000"
    assert not any("must not be printed" in p.text for p in word.paragraphs)
    header = " ".join(header_text(data))
    assert "Ministry of Examples" in header and "OFFICIAL-SENSITIVE" in header
    assert "Key points" in " ".join(body_text(data))


def test_a_template_font_must_come_with_its_files(tmp_path: Path, sample) -> None:
    from briefing_app.files.locations import fonts_dir

    folder = make_template(tmp_path / "own-font", fonts__pdf="Test Sans")
    with pytest.raises(TemplateError, match=r"fonts\.pdf"):
        load_template(folder)
    (folder / "fonts").mkdir()
    for face in ("Regular", "Bold", "Italic", "BoldItalic"):
        shutil.copy(
            fonts_dir() / f"LiberationSans-{face}.ttf", folder / "fonts" / f"TestSans-{face}.ttf"
        )
    tree = compose(sample, load_template(folder))
    assert "Belarus" in pages_text(render(tree, PDF))[0]
