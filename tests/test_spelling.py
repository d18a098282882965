"""Spelling (issue 15): the Hunspell engine and its dictionaries, the words
checked and skipped, the author's word list, the brief's ignore list, and
the check's findings, on the command line too."""

from __future__ import annotations

import dataclasses
import json
import random
import shutil
import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from briefing_app.checks import KINDS, Severity, check_brief
from briefing_app.errors import BriefFileError, WriteError
from briefing_app.files import locations
from briefing_app.model.brief import (
    Brief,
    Metadata,
    Section,
    SectionKind,
    SourceEntry,
    SourcesContent,
    TableContent,
    TextContent,
)
from briefing_app.model.fileformat import SCHEMA_VERSION
from briefing_app.model.storage import dumps, load_brief, loads, save_brief
from briefing_app.model.text import Callout, ListBlock, Paragraph, Run
from briefing_app.sample import load_sample
from briefing_app.spelling import dictionaries, engine, misspelt, speller_for
from briefing_app.spelling import wordlist as wordlist_module
from briefing_app.spelling.wordlist import PersonalWords, personal_words
from briefing_app.spelling.words import MAX_WORD, words
from tests.test_cli import cli

GB = speller_for("en-GB")


def flagged(text: str, tag: str = "en-GB", accepted=frozenset(), skip=()) -> list[str]:
    return [w.text for w in misspelt(text, speller_for(tag), accepted, skip)]


def spelling_findings(brief: Brief):
    return [f for f in check_brief(brief) if f.kind == "spelling"]


@pytest.fixture(autouse=True)
def _no_suggestion_budget(monkeypatch):
    """The check's time budget for suggestions is the app's (a main window
    sets it for the process, and GUI tests run first): these tests ask for
    every suggestion, whatever else the machine is doing."""
    from briefing_app.spelling import check

    monkeypatch.setattr(check, "suggestion_budget", None)


@pytest.fixture(autouse=True)
def _own_data_folder(tmp_path_factory, monkeypatch):
    """Each test's word list in a folder of its own, and no suggestion
    budget left behind by an app started earlier in the run (the app's
    check sets one; on a busy machine it runs out before the suggestions)."""
    from briefing_app.spelling import check

    home = tmp_path_factory.mktemp("spelling-home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setattr(check, "suggestion_budget", None)
    return locations.user_data_dir()


# -- the engine and its dictionaries -------------------------------------------------


def test_british_english_is_the_default_and_american_is_another_dictionary() -> None:
    assert Metadata().language == "en-GB"
    sentence = "The organisation's programme changed the colour of the centre; we analyse it."
    assert flagged(sentence) == []
    assert flagged("The color of the center, analyze.") == ["color", "center", "analyze"]
    assert flagged("The color of the center, analyze.", "en-US") == []
    assert flagged("The colour of the centre.", "en-US") == ["colour", "centre"]


def test_suggestions_put_the_likely_word_first() -> None:
    assert GB.suggest("recieve")[0] == "receive"
    assert GB.suggest("teh")[0] == "the"
    assert len(GB.suggest("recieve", 3)) == 3
    # A word cut in two ("t eh") is offered only when nothing else is.
    assert "t eh" not in GB.suggest("teh", 10)


def test_the_english_dictionaries_ship_with_the_app_with_their_licence() -> None:
    folder = locations.assets_dir() / "dictionaries"
    for stem in ("en_GB", "en_US"):
        assert (folder / f"{stem}.aff").is_file() and (folder / f"{stem}.dic").is_file()
        assert "Kevin Atkinson" in (folder / f"{stem}.LICENSE.txt").read_text(encoding="utf-8")
        assert dictionaries.find(stem.replace("_", "-")).folder == folder


def test_language_tags_find_their_dictionary(tmp_path: Path, monkeypatch) -> None:
    for stem in ("fr_FR", "de_DE", "de_CH", "hyph_fr"):
        (tmp_path / f"{stem}.aff").write_text("SET UTF-8\n", encoding="utf-8")
        (tmp_path / f"{stem}.dic").write_text("1\nmot\n", encoding="utf-8")
    monkeypatch.setattr(dictionaries, "SYSTEM_FOLDERS", (tmp_path,))
    assert dictionaries.find("fr").stem == "fr_FR"
    assert dictionaries.find("fr-CA").stem == "fr_FR"  # any French, else nothing
    assert dictionaries.find("de-CH").stem == "de_CH"
    assert dictionaries.find("de-AT").stem == "de_DE"  # the main one
    assert dictionaries.find("xx-YY") is None
    tags = [tag for tag, _ in dictionaries.available_languages()]
    assert {"en-GB", "en-US", "fr-FR", "de-DE", "de-CH"} <= set(tags)
    assert "hyph-fr" not in tags
    assert dictionaries.language_name("en_gb") == "English (UK)"


@pytest.mark.parametrize(
    ("tag", "good", "bad"),
    [
        ("fr", "Le gouvernement a libéré les prisonniers.", "gouvernment"),
        ("de-DE", "Die Regierung hat die Gefangenen freigelassen.", "Regirung"),
    ],
)
def test_french_and_german_where_their_dictionaries_are_installed(tag, good, bad) -> None:
    if dictionaries.find(tag) is None:
        pytest.skip(f"no {tag} dictionary here (Debian: hunspell-fr, hunspell-de-de)")
    engine.forget_spellers()
    assert flagged(good, tag) == []
    assert flagged(f"{good} {bad}", tag) == [bad]
    assert speller_for(tag).suggest(bad)  # Hunspell is quick in every language


def test_no_dictionary_is_said_once_as_spelling_not_checked(monkeypatch) -> None:
    b = load_sample()
    b.metadata.language = "xx-YY"
    found = spelling_findings(b)
    assert len(found) == 1
    assert found[0].message.startswith("Spelling not checked: no xx-YY (xx-YY) spelling dictionary")
    assert found[0].severity is Severity.WARNING and found[0].detail["checked"] is False
    # The same with English when the app's dictionaries are missing too.
    monkeypatch.setattr(dictionaries, "search_folders", lambda: [])
    engine.forget_spellers()
    try:
        found = spelling_findings(load_sample())
        assert [f.message.split(":")[0] for f in found] == ["Spelling not checked"]
    finally:
        monkeypatch.undo()
        engine.forget_spellers()


def test_a_damaged_dictionary_is_not_a_crash(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "fr_FR.aff").write_bytes(b"\x00\xff SET UTF-8\nPFX A Y 99999999\n")
    (tmp_path / "fr_FR.dic").write_bytes(random.Random(15).randbytes(2000))  # the same each run
    monkeypatch.setattr(dictionaries, "search_folders", lambda: [tmp_path])
    engine.forget_spellers()
    try:
        speller = speller_for("fr-FR")
        assert isinstance(speller.check("mot"), bool)
    except engine.SpellerUnavailable as exc:
        assert "fr_FR" in str(exc)
    finally:
        monkeypatch.undo()
        engine.forget_spellers()


# -- what is checked and what is skipped ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Write to press.office@example.org or see https://www.example.org/recieve-teh.",
        "See www.gov.uk/guidance and example.org/reports/qwxz for it.",
        "The OSCE, the UNHCR's report and the OSCE-led mission.",
        "Page A4, COVID-19, 2025, 3rd, 10km, x86 and v2.",
        "As noted, e.g. in i.e. notes.",
        "A b c d e f g.",
        "Лукашенко и Статкевич.",  # a paragraph in Cyrillic
        "Лукашенко's officials met.",  # a Cyrillic name, an English possessive
        "Η δημοκρατία στη Λευκορωσία.",  # and one in Greek
        "de-escalation, co-chair, EU-wide, well-being, co-operation.",
    ],
)
def test_skipped_tokens_are_not_flagged(text: str) -> None:
    assert flagged(text) == []


def test_facts_citations_and_links_are_skipped_by_their_runs() -> None:
    runs = [
        Run("Officials said "),
        Run("Tsikhanouskaya", fact="leader"),
        Run(" and "),
        Run("Viasna", link="https://spring96.org"),
        Run(" agree"),
        Run("[Bialiatski]", cite=("src-1",)),
        Run(" recieve."),
    ]
    b = Brief(sections=[Section(SectionKind.CONTEXT, "Context", TextContent([Paragraph(runs)]))])
    found = spelling_findings(b)
    assert [f.detail["word"] for f in found] == ["recieve"]


def test_the_protective_marking_is_never_flagged() -> None:
    b = load_sample()
    b.metadata.marking = "OFFICIAL-SENSITIVE CABINETT"
    summary = b.sections[0]
    summary.content = TextContent([Paragraph([Run("Handle as Official-Sensitive Cabinett.")])])
    assert spelling_findings(b) == []


def test_a_word_in_another_script_is_skipped_but_a_mixed_one_is_flagged() -> None:
    assert flagged("Aliaksandr Лукашэнка met officials in Minsk.", accepted={"Aliaksandr"}) == []
    # A Cyrillic "М" in "Minsk" is how a spoofed or mistyped name looks.
    assert flagged("They met in \u041cinsk.") == ["\u041cinsk"]


def test_combining_marks_belong_to_their_word() -> None:
    decomposed = "The naive cafe\u0301 and the re\u0301sume\u0301."
    found = misspelt(decomposed, GB)
    # One word each, underlined over its marks too, looked up composed.
    assert [(decomposed[w.start : w.end], w.key) for w in found] == [
        ("cafe\u0301", "café"),
        ("re\u0301sume\u0301", "résumé"),
    ]


def test_a_ten_thousand_letter_word_is_flagged_quickly_without_suggestions() -> None:
    text = "Before " + "a" * 10_000 + " after recieve."
    start = time.perf_counter()
    found = misspelt(text, GB)
    assert [len(w.text) for w in found] == [10_000, 7]
    assert found[0].too_long and GB.suggest(found[0].key) == []
    b = Brief(sections=[Section(SectionKind.CONTEXT, "C", TextContent([Paragraph.of(text)]))])
    messages = [f.message for f in spelling_findings(b)]
    assert messages[0].startswith("'" + "a" * 39 + "…' is too long to be a word (10,000 letters)")
    assert time.perf_counter() - start < 2
    assert MAX_WORD == 100


def test_an_address_of_ten_thousand_characters_is_quick() -> None:
    text = "x@" + "y" * 10_000 + " " + "a@" * 5_000 + " " + "." * 10_000
    start = time.perf_counter()
    assert flagged(text) == []
    assert time.perf_counter() - start < 1


@given(st.text(max_size=300), st.lists(st.tuples(st.integers(0, 300), st.integers(0, 300))))
@example("Aa", [(1, 1)])  # an empty span inside a word skips nothing
def test_any_text_gives_words_inside_it_and_outside_the_skipped_spans(text, spans) -> None:
    skip = [(min(a, b, len(text)), min(max(a, b), len(text))) for a, b in spans]
    for word in words(text, skip):
        assert 0 <= word.start < word.end <= len(text)
        assert text[word.start : word.end] == word.text
        # No word takes a character of a span skipped (an empty span has none).
        assert not any(a < b and a < word.end and word.start < b for a, b in skip)
    for word in misspelt(text, GB, skip=skip):
        assert 0 <= word.start < word.end <= len(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=40))
def test_any_word_can_be_suggested_for_without_a_crash(word: str) -> None:
    assert isinstance(GB.suggest(word), list)
    assert isinstance(GB.check(word), bool)


# -- where text lives: every place is checked ---------------------------------------------


def everywhere_brief() -> Brief:
    text = TextContent(
        [
            Paragraph([Run("A paragraf here.")]),
            ListBlock(items=[[Run("A list itme.")]]),
            Callout("Did you knoe?", [Paragraph([Run("Inside the boks.")])]),
        ]
    )
    table = TableContent(
        caption="The captoin",
        columns=["Factr", "Impact"],
        rows=[[[Run("Sanctoins")], [Run("Leverage")]]],
        source=[Run("Analysys")],
    )
    return Brief(
        metadata=Metadata(title="The titel", subtitle="A subtitel"),
        sections=[
            Section(SectionKind.CONTEXT, "Contxt", text),
            Section(SectionKind.CUSTOM_TABLE, "Table", table),
            Section(SectionKind.SOURCES, "Sources", SourcesContent([SourceEntry("Reprt")])),
        ],
    )


def test_misspellings_in_every_place_are_found_with_suggestions() -> None:
    found = spelling_findings(everywhere_brief())
    where = [(f.section, f.where, f.detail["word"]) for f in found]
    assert where == [
        (None, "title", "titel"),
        (None, "subtitle", "subtitel"),
        ("Contxt", "section title", "Contxt"),
        ("Contxt", "paragraph 1", "paragraf"),
        ("Contxt", "paragraph 2, item 1", "itme"),
        ("Contxt", "paragraph 3 (callout title)", "knoe"),
        ("Contxt", "paragraph 3", "boks"),
        ("Table", "caption", "captoin"),
        ("Table", "column heading 1", "Factr"),
        ("Table", "row 1, column 1", "Sanctoins"),
        ("Table", "source line", "Analysys"),
        ("Sources", "source 1", "Reprt"),
    ]
    for finding in found:
        assert finding.severity is Severity.WARNING
        assert 1 <= len(finding.detail["suggestions"]) <= 3
        assert finding.message.startswith(f"'{finding.detail['word']}' may be misspelt: did you")
        assert finding.place is not None
    assert "title" in found[0].location and found[0].location == "Brief (title)"
    assert found[9].detail["suggestions"][0] == "Sanctions"
    assert KINDS["spelling"].severity is Severity.WARNING


def test_the_sample_shows_no_spelling_findings() -> None:
    start = time.perf_counter()
    assert spelling_findings(load_sample()) == []
    assert time.perf_counter() - start < 5  # timings: bench/run.py
    assert {"Lukashenka", "Statkevich", "Aliaksandr", "Mikalai"} <= set(
        load_sample().metadata.ignored_words
    )


def test_a_possessive_of_an_ignored_name_is_accepted() -> None:
    b = load_sample()
    b.sections[0].content = TextContent([Paragraph([Run("Lukashenka's regime and Mikalai’s.")])])
    assert spelling_findings(b) == []


def test_findings_past_the_limit_are_counted_in_one(monkeypatch) -> None:
    from briefing_app.spelling import check

    monkeypatch.setattr(check, "MAX_FINDINGS", 3)
    b = Brief(sections=[Section(SectionKind.CONTEXT, "C", TextContent([Paragraph.of("qzx " * 7)]))])
    found = spelling_findings(b)
    assert len(found) == 4
    assert found[-1].message.startswith("4 more words that may be misspelt are not listed")


def test_a_suggestion_budget_lists_the_rest_without_suggestions(monkeypatch) -> None:
    from briefing_app.spelling import check

    monkeypatch.setattr(check, "suggestion_budget", 0.0)
    text = "The brief mentions qwzxkj and vbnmqw."
    b = Brief(sections=[Section(SectionKind.CONTEXT, "C", TextContent([Paragraph.of(text)]))])
    found = spelling_findings(b)
    assert [f.detail["suggestions"] for f in found] == [[], []]
    assert found[0].message == "'qwzxkj' may be misspelt."


# -- the brief's own word list: the file format ---------------------------------------------


def test_the_ignore_list_round_trips_through_save_and_load(tmp_path: Path) -> None:
    b = load_sample()
    b.metadata = dataclasses.replace(
        b.metadata, ignored_words=["Statkevich", " Lukashenka ", "Lukashenka", "", "zebra"]
    )
    assert b.metadata.ignored_words == ["Lukashenka", "Statkevich", "zebra"]
    save_brief(b, tmp_path / "b.brief")
    data = json.loads((tmp_path / "b.brief").read_text(encoding="utf-8"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert data["metadata"]["ignored_words"] == ["Lukashenka", "Statkevich", "zebra"]
    again = load_brief(tmp_path / "b.brief")
    assert again.metadata.ignored_words == ["Lukashenka", "Statkevich", "zebra"]
    assert dumps(again) == (tmp_path / "b.brief").read_bytes()


def test_a_version_4_brief_opens_with_an_empty_ignore_list() -> None:
    data = json.loads(dumps(load_sample()))
    data["schema_version"] = 4
    del data["metadata"]["ignored_words"]
    b = loads(json.dumps(data).encode("utf-8"))
    assert b.metadata.ignored_words == []
    assert json.loads(dumps(b))["schema_version"] == SCHEMA_VERSION


def test_a_damaged_ignore_list_is_refused_with_its_place() -> None:
    data = json.loads(dumps(load_sample()))
    data["metadata"]["ignored_words"] = ["fine", 3]
    with pytest.raises(BriefFileError, match=r"metadata\.ignored_words\[1\]: expected text"):
        loads(json.dumps(data).encode("utf-8"))
    data["metadata"]["ignored_words"] = "Lukashenka"
    with pytest.raises(BriefFileError, match=r"metadata\.ignored_words: expected a list"):
        loads(json.dumps(data).encode("utf-8"))


# -- the author's word list ---------------------------------------------------------------


def test_words_added_to_the_dictionary_are_kept_in_the_data_folder(_own_data_folder) -> None:
    words = personal_words()
    words.add("Tsikhanouskaya")
    words.add("Tsikhanouskaya")
    words.add("viasna")
    path = _own_data_folder / "dictionary.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1:] == ["Tsikhanouskaya", "viasna"] and lines[0].startswith("#")
    fresh = PersonalWords(path)
    assert fresh.words == ["Tsikhanouskaya", "viasna"]
    b = Brief(
        sections=[
            Section(
                SectionKind.CONTEXT,
                "C",
                TextContent([Paragraph.of("Tsikhanouskaya and Viasna, VIASNA and viasna.")]),
            )
        ]
    )
    assert spelling_findings(b) == []


@pytest.mark.parametrize(
    ("damage", "why"),
    [
        (b"\xff\xfe\x00B\x00a\x00d", "it is not text"),
        (b"word\nbad\x07word\n", "line 2 holds control characters"),
        (b"x" * 500, "line 1 is too long to be a word"),
    ],
)
def test_a_damaged_word_list_is_reported_once_and_replaced(_own_data_folder, damage, why) -> None:
    _own_data_folder.mkdir(parents=True, exist_ok=True)
    path = _own_data_folder / "dictionary.txt"
    path.write_bytes(damage)
    words = PersonalWords(path)
    problem = words.take_problem()
    assert why in problem and "a new, empty one was started" in problem
    assert words.take_problem() == ""
    kept = [p for p in _own_data_folder.iterdir() if p.name.startswith("dictionary.damaged-")]
    assert len(kept) == 1 and kept[0].read_bytes() == damage
    assert path.read_text(encoding="utf-8").startswith("#")
    words.add("Bialiatski")
    assert PersonalWords(path).words == ["Bialiatski"]


def test_the_check_reports_a_damaged_word_list(_own_data_folder, monkeypatch) -> None:
    monkeypatch.setattr(wordlist_module, "_shared", None)
    _own_data_folder.mkdir(parents=True, exist_ok=True)
    (_own_data_folder / "dictionary.txt").write_bytes(b"\x00\x01\x02")
    found = spelling_findings(load_sample())
    assert len(found) == 1 and "Your word list was damaged" in found[0].message
    assert spelling_findings(load_sample()) == []  # said once


def test_a_word_list_that_cannot_be_written_is_reported_not_a_crash(_own_data_folder) -> None:
    _own_data_folder.mkdir(parents=True, exist_ok=True)
    path = _own_data_folder / "dictionary.txt"
    path.write_text("Minsk\n", encoding="utf-8")
    path.chmod(0o444)  # marked read-only (refused even to an administrator)
    try:
        words = PersonalWords(path)
        with pytest.raises(WriteError, match="'Statkevich' was added for now"):
            words.add("Statkevich")
        assert "Statkevich" in words.accepted  # for this session
        assert path.read_text(encoding="utf-8") == "Minsk\n"
    finally:
        path.chmod(0o644)


def test_a_word_list_in_a_folder_that_cannot_be_made_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    words = PersonalWords(blocker / "dictionary.txt")
    assert "could not be used" in words.take_problem()
    with pytest.raises(WriteError, match="could not be saved"):
        words.add("Statkevich")
    assert "Statkevich" in words.accepted


def test_a_word_list_that_is_a_folder_is_reported(_own_data_folder) -> None:
    (_own_data_folder / "dictionary.txt").mkdir(parents=True)
    words = PersonalWords(_own_data_folder / "dictionary.txt")
    assert "it is not a file" in words.take_problem()
    with pytest.raises(WriteError):
        words.add("Statkevich")


# -- the command line -------------------------------------------------------------------------


def test_check_on_an_imported_markdown_file_lists_the_misspellings(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text(
        "# A brief\n\n## Context\n\n"
        "We will recieve teh report on the organisation's colour scheme.\n",
        encoding="utf-8",
    )
    made = cli("import", "x.md", "-o", "x.brief", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    result = cli("check", "--json", "x.brief", cwd=tmp_path)
    items = [i for i in json.loads(result.stdout) if i["kind"] == "spelling"]
    assert [i["detail"]["word"] for i in items] == ["recieve", "teh"]
    assert "receive" in items[0]["detail"]["suggestions"]
    assert "the" in items[1]["detail"]["suggestions"]
    assert all(i["severity"] == "warning" and i["where"] == "paragraph 1" for i in items)
    text = cli("check", "x.brief", cwd=tmp_path).stdout
    line = "Context (paragraph 1): warning: 'recieve' may be misspelt: did you mean 'receive'"
    assert line in text
    for word in ("organisation", "colour"):
        assert word not in " ".join(i["message"] for i in items)


def test_check_on_the_command_line_says_spelling_was_not_checked(tmp_path: Path) -> None:
    b = load_sample()
    b.metadata.language = "qq"
    save_brief(b, tmp_path / "q.brief")
    result = cli("check", "q.brief", cwd=tmp_path)
    assert "Brief: warning: Spelling not checked: no qq (qq) spelling dictionary" in result.stdout


def test_the_shipped_dictionaries_need_nothing_from_the_system(tmp_path: Path, monkeypatch) -> None:
    """As on Windows, or a Linux without hunspell-en-gb: the app's own files."""
    copy = tmp_path / "dictionaries"
    shutil.copytree(locations.assets_dir() / "dictionaries", copy)
    monkeypatch.setattr(dictionaries, "search_folders", lambda: [copy])
    engine.forget_spellers()
    try:
        assert flagged("We will recieve the colour.") == ["recieve"]
        assert [t for t, _ in dictionaries.available_languages()] == ["en-GB", "en-US"]
    finally:
        monkeypatch.undo()
        engine.forget_spellers()
