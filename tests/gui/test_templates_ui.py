"""Templates and facts in the app, driven through its widgets and actions."""

from __future__ import annotations

import copy
import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from briefing_app.files.locations import templates_dir
from briefing_app.gui import dialogs, template_actions
from briefing_app.gui.main_window import MainWindow
from briefing_app.gui.new_brief_dialog import SAMPLE
from briefing_app.model.brief import PageSize, SectionKind, TextContent
from briefing_app.model.facts import fact_key
from briefing_app.model.fileformat import brief_to_dict
from briefing_app.model.text import Run
from briefing_app.sample import load_sample
from briefing_app.templating import catalogue
from briefing_app.writers.registry import HTML, PDF, WORD, OutputFormat, formats
from tests.docx_text import body_text
from tests.gui.test_main_window import Dialogs, select_section, type_text
from tests.gui.windows import new_window
from tests.html_text import parse
from tests.pdf_text import pages_text, squash

REMAINING = "remaining political prisoners"


class Answers(Dialogs):
    """Dialogs plus the template and fact questions."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        super().__init__(monkeypatch, tmp_path)
        self.confirm_answer = True
        self.confirms: list[str] = []
        self.new_brief_choice: str | None = None
        self.new_brief_offers: list[list[tuple[str, str, str]]] = []
        self.template_from: Path | None = None
        self.opened_folders: list[Path] = []
        monkeypatch.setattr(dialogs, "confirm", self._confirm)
        monkeypatch.setattr(dialogs, "choose_new_brief", self._choose_new_brief)
        monkeypatch.setattr(dialogs, "template_folder", lambda *a: self.template_from)
        monkeypatch.setattr(template_actions, "open_folder", self.opened_folders.append)

    def _confirm(self, _parent: object, _title: str, question: str) -> bool:
        self.confirms.append(question)
        return self.confirm_answer

    def _choose_new_brief(self, _parent: object, choices: list) -> str | None:
        self.new_brief_offers.append(choices)
        return self.new_brief_choice


@pytest.fixture
def user_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "my-templates"
    monkeypatch.setenv("BRIEFING_TEMPLATES", str(folder))
    return folder


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, user_templates: Path) -> Answers:
    return Answers(monkeypatch, tmp_path)


@pytest.fixture
def window(qtbot, tmp_path: Path, answers: Answers) -> MainWindow:
    win = new_window(qtbot, tmp_path)
    win.load_brief(load_sample(), None)
    return win


def export(window: MainWindow, qtbot, answers: Answers, fmt: OutputFormat, name: str) -> str:
    """Export through the File menu action; the text a reader sees."""
    answers.save_to = answers.tmp_path / f"{name}{fmt.suffix}"
    action = {
        PDF: window.export_actions["pdf"],
        WORD: window.export_actions["docx"],
        HTML: window.export_actions["html"],
    }[fmt]
    with qtbot.waitSignal(window.exporter.finished, timeout=30_000):
        action.trigger()
    data = answers.save_to.read_bytes()
    if fmt is PDF:
        return squash(" ".join(pages_text(data)))
    if fmt is WORD:
        return squash(" ".join(body_text(data)))
    return parse(data).main_text()


def content_of(brief) -> dict:
    """Everything the author wrote: all but the template."""
    data = brief_to_dict(brief)
    data.pop("template", None)
    return data


def choose_template(window: MainWindow, template_id: str) -> None:
    combo = window.properties.template
    index = combo.findData(template_id)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)  # as a pick from the list does


def fact_row(window: MainWindow, name: str) -> int:
    return next(i for i, f in enumerate(window.session.brief.facts) if f.name == name)


def edit_fact_cell(window: MainWindow, row: int, column: int, text: str) -> None:
    """Type into a cell of the facts table as a person does: select, type, Enter."""
    window.side_tabs.setCurrentWidget(window.facts)
    table = window.facts.table
    table.setCurrentCell(row, column)
    table.setFocus()
    QTest.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    QTest.keyClick(editor, Qt.Key.Key_Delete)
    type_text(editor, text)
    press_enter(editor)


def press_enter(editor) -> None:
    QTest.keyClick(editor, Qt.Key.Key_Return)
    # The item delegate commits the typed text in a queued call.
    QApplication.processEvents()


def runs_of(content) -> list[Run]:
    """Every run of the content, through the model's one walker (figures'
    source lines and tables' cells included)."""
    from briefing_app.model.walk import content_texts

    return [run for piece in content_texts(content) for run in piece.runs or ()]


def fact_runs(brief, name: str) -> list[Run]:
    key = fact_key(name)
    return [
        run
        for section in brief.sections
        for run in runs_of(section.content)
        if fact_key(run.fact) == key
    ]


# -- choosing and switching templates --------------------------------------------


def test_the_template_box_lists_every_installed_template(window) -> None:
    combo = window.properties.template
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == [t.name for t in catalogue().templates]
    assert {"Policy brief", "Briefing note", "Meeting brief"} <= set(names)
    assert combo.currentText() == "Policy brief"
    meeting = combo.findData("meeting-brief")
    assert "key messages" in combo.itemData(meeting, Qt.ItemDataRole.ToolTipRole).lower()


def test_switching_templates_keeps_every_word_and_changes_the_headings(
    window, qtbot, answers
) -> None:
    before = content_of(window.session.brief)
    policy_pdf = export(window, qtbot, answers, PDF, "policy")
    assert "Key points" in policy_pdf and "Key messages" not in policy_pdf
    for template_id in ("briefing-note", "meeting-brief", "policy-brief", "meeting-brief"):
        choose_template(window, template_id)
        assert window.session.brief.template == template_id
        assert content_of(window.session.brief) == before
    pdf = export(window, qtbot, answers, PDF, "meeting")
    word = export(window, qtbot, answers, WORD, "meeting")
    for text in (pdf, word):
        assert "Key messages" in text and "Lines to take" in text
        assert "Key points" not in text
        # The author's words are all still there.
        assert "keep remaining sanctions tied to measurable human-rights steps" in text
    # One undo takes back one switch; the box follows.
    window.undo_action.trigger()
    assert window.session.brief.template == "policy-brief"
    assert window.properties.template.currentData() == "policy-brief"
    assert content_of(window.session.brief) == before
    assert "Key points" in export(window, qtbot, answers, PDF, "undone")
    window.redo_action.trigger()
    assert window.properties.template.currentText() == "Meeting brief"


def test_the_preview_follows_the_template(window, qtbot) -> None:
    with qtbot.waitSignal(window.preview.rendered, timeout=30_000):
        window.preview.refresh_now()
    assert window.preview.page_count > 1
    choose_template(window, "briefing-note")
    # The one-page note: the preview shows the brief as the template prints it.
    qtbot.waitUntil(lambda: window.preview.page_count == 1, timeout=30_000)


def test_a_template_this_computer_lacks_is_shown_kept_and_printed_with_the_default(
    window, qtbot, answers
) -> None:
    brief = load_sample()
    brief.template = "embassy-note"
    window.load_brief(brief, None)
    combo = window.properties.template
    assert combo.currentText() == "embassy-note (not installed — printed with Policy brief)"
    assert "Key points" in export(window, qtbot, answers, PDF, "missing")
    assert window.session.brief.template == "embassy-note"  # saving keeps it
    choose_template(window, "briefing-note")
    assert combo.findData("embassy-note") == -1  # gone from the list once left
    window.undo_action.trigger()
    assert combo.currentData() == "embassy-note"


# -- a new brief from a template --------------------------------------------------


@pytest.mark.parametrize(
    "template_id", ["policy-brief", "briefing-note", "meeting-brief", "human-rights-case"]
)
def test_a_new_brief_from_a_template_has_its_sections_and_shows_its_prompts(
    window, answers, template_id: str
) -> None:
    template = catalogue().get(template_id)
    answers.new_brief_choice = template_id
    window.new_template_action.trigger()
    [offered] = answers.new_brief_offers
    assert [c[0] for c in offered] == [t.id for t in catalogue().templates]
    brief = window.session.brief
    assert brief.template == template_id
    assert brief.metadata.marking == template.default_marking
    assert brief.page_size is template.style.page_size
    assert [s.kind for s in brief.sections] == list(template.expected)
    for row, section in enumerate(brief.sections):
        heading = template.headings[section.kind].source
        assert section.title == heading
        # Sections start empty; the prompt is the editor's greyed placeholder.
        if isinstance(section.content, TextContent):
            assert section.content.blocks == []
        prompt = template.prompts.get(section.kind)
        window.sections.list.setCurrentRow(row)
        if prompt is not None and isinstance(section.content, TextContent):
            assert window.text_editor.text_area.placeholderText() == prompt.source
    assert window.properties.template.currentData() == template_id
    assert window.sections.list.count() == len(template.expected)
    assert not window.session.modified


def test_new_from_template_meeting_brief_prints_headings_but_no_prompts(
    window, qtbot, answers
) -> None:
    answers.new_brief_choice = "meeting-brief"
    window.new_template_action.trigger()
    text = export(window, qtbot, answers, PDF, "new-meeting")
    assert "Purpose" in text and "Key messages" in text and "Lines to take" in text
    assert "Why the meeting is happening" not in text


def test_new_from_template_uses_the_page_size_last_chosen(window, answers) -> None:
    window.properties.page_size.setCurrentIndex(
        window.properties.page_size.findData(PageSize.LETTER)
    )
    answers.new_brief_choice = "briefing-note"
    window.new_template_action.trigger()
    assert window.session.brief.page_size is PageSize.LETTER
    assert window.session.brief.template == "briefing-note"


def test_new_from_template_offers_the_sample_and_cancelling_changes_nothing(
    window, answers
) -> None:
    window.new_action.trigger()  # a blank brief still works
    assert window.session.brief.sections[0].kind is SectionKind.SUMMARY
    answers.new_brief_choice = None
    window.new_template_action.trigger()
    assert window.session.brief.metadata.title == "Untitled brief"
    answers.new_brief_choice = SAMPLE
    window.new_template_action.trigger()
    assert window.session.brief.metadata.title == load_sample().metadata.title
    window.new_sample_action.trigger()
    assert window.session.brief.metadata.title == load_sample().metadata.title


def test_new_from_template_asks_about_unsaved_changes_only_after_a_choice(window, answers) -> None:
    window.session.set_template("meeting-brief")  # an unsaved change
    answers.new_brief_choice = None
    window.new_template_action.trigger()
    assert answers.unsaved_asked == 0
    answers.unsaved_answer = dialogs.Unsaved.CANCEL
    answers.new_brief_choice = "briefing-note"
    window.new_template_action.trigger()
    assert answers.unsaved_asked == 1
    assert window.session.brief.template == "meeting-brief"  # kept: the author cancelled


def test_the_new_brief_dialog_lists_templates_then_the_sample(qtbot) -> None:
    from briefing_app.gui.new_brief_dialog import NewBriefDialog

    choices = [(t.id, t.name, t.description) for t in catalogue().templates]
    dialog = NewBriefDialog(choices)
    qtbot.addWidget(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts[0].startswith("Policy brief\n")
    assert texts[-1].startswith("The sample brief")
    assert dialog.choice() == "policy-brief"
    dialog.list.setCurrentRow(dialog.list.count() - 1)
    assert dialog.choice() == SAMPLE


# -- the facts table ---------------------------------------------------------------


def test_the_facts_tab_shows_the_sample_facts(window) -> None:
    table = window.facts.table
    assert window.side_tabs.tabText(window.side_tabs.indexOf(window.facts)) == "F&acts"
    headings = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headings == ["Name", "Value", "As of", "Source"]
    row = fact_row(window, REMAINING)
    assert [table.item(row, c).text() for c in range(4)] == [
        REMAINING,
        "1,000",
        "October 2025",
        "Council on Foreign Relations",
    ]


def test_changing_a_fact_in_the_table_changes_every_use_in_every_format(
    window, qtbot, answers
) -> None:
    uses = len(fact_runs(window.session.brief, REMAINING))
    assert uses >= 3
    select_section(window, "Key points")
    edit_fact_cell(window, fact_row(window, REMAINING), 1, "1,234")
    assert window.session.brief.facts[fact_row(window, REMAINING)].value == "1,234"
    assert {r.text for r in fact_runs(window.session.brief, REMAINING)} == {"1,234"}
    # The editor on screen shows the new value too.
    assert "Over 1,234 political prisoners" in window.text_editor.text_area.toPlainText()
    printed = [
        s.title
        for s in window.session.brief.included_sections()
        if any(fact_key(r.fact) == fact_key(REMAINING) for r in runs_of(s.content))
    ]
    assert len(printed) >= 3
    for fmt in formats():
        text = export(window, qtbot, answers, fmt, f"changed-{fmt.name}")
        assert text.count("1,234") >= 3, fmt
        assert "Over 1,234 political prisoners" in text
    # One undo puts back the value and every use.
    window.undo_action.trigger()
    assert window.session.brief.facts[fact_row(window, REMAINING)].value == "1,000"
    assert {r.text for r in fact_runs(window.session.brief, REMAINING)} == {"1,000"}
    assert window.facts.table.item(fact_row(window, REMAINING), 1).text() == "1,000"
    assert "Over 1,000 political prisoners" in window.text_editor.text_area.toPlainText()
    assert "1,234" not in export(window, qtbot, answers, PDF, "undone")


def test_other_fact_columns_edit_in_place(window) -> None:
    row = fact_row(window, "released")
    edit_fact_cell(window, row, 2, "2 September 2025")
    edit_fact_cell(window, row, 3, "BBC")
    fact = window.session.brief.facts[row]
    assert (fact.as_of, fact.source, fact.value) == ("2 September 2025", "BBC", "52")


def test_renaming_a_fact_renames_its_uses_in_one_undo_step(window) -> None:
    uses = len(fact_runs(window.session.brief, "released"))
    edit_fact_cell(window, fact_row(window, "released"), 0, "freed")
    assert window.session.brief.facts[0].name == "freed"
    assert len(fact_runs(window.session.brief, "freed")) == uses
    assert fact_runs(window.session.brief, "released") == []
    assert window.text_editor.fact_menu.names()[0] == "freed"
    window.undo_action.trigger()
    assert len(fact_runs(window.session.brief, "released")) == uses
    assert window.facts.table.item(0, 0).text() == "released"


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "A fact needs a name."), ("Release  DATE", "There is already a fact called")],
)
def test_a_clashing_or_empty_fact_name_is_refused_in_place(window, typed, message) -> None:
    before = content_of(window.session.brief)
    steps = window.session.undo_stack.count()
    edit_fact_cell(window, fact_row(window, "released"), 0, typed)
    assert message in window.facts.message.text()
    assert window.facts.table.item(0, 0).text() == "released"
    assert content_of(window.session.brief) == before
    assert window.session.undo_stack.count() == steps


def test_add_a_fact_then_insert_it(window, qtbot, answers) -> None:
    window.side_tabs.setCurrentWidget(window.facts)
    window.facts.add_button.click()
    row = len(window.session.brief.facts) - 1
    assert window.session.brief.facts[row].name == "New fact"
    editor = QApplication.focusWidget()  # the name cell opens for typing
    editor.selectAll()
    type_text(editor, "sanctions eased")
    press_enter(editor)
    assert "sanctions eased" not in window.text_editor.fact_menu.names()  # no value yet
    edit_fact_cell(window, row, 1, "three")
    assert window.session.brief.facts[row].name == "sanctions eased"
    assert "sanctions eased" in window.text_editor.fact_menu.names()
    window.facts.add_button.click()
    assert window.session.brief.facts[-1].name == "New fact"  # the name is free again


def test_deleting_a_used_fact_asks_and_keeps_its_text_as_plain_text(window, qtbot, answers) -> None:
    uses = fact_runs(window.session.brief, "released")
    window.side_tabs.setCurrentWidget(window.facts)
    window.facts.table.setCurrentCell(fact_row(window, "released"), 0)
    answers.confirm_answer = False
    window.facts.delete_button.click()
    [question] = answers.confirms
    assert "'released'" in question and "'Key points'" in question and "'Handling'" in question
    assert len(fact_runs(window.session.brief, "released")) == len(uses)  # declined: kept
    answers.confirm_answer = True
    window.facts.delete_button.click()
    assert "released" not in [f.name for f in window.session.brief.facts]
    assert fact_runs(window.session.brief, "released") == []
    key_points = window.session.section("s-summary").content
    assert any(r.text == "52" and not r.fact and r.bold for r in runs_of(key_points))
    text = export(window, qtbot, answers, PDF, "deleted")
    assert "52 people held on politically motivated charges" in text
    window.undo_action.trigger()
    assert len(fact_runs(window.session.brief, "released")) == len(uses)
    assert window.facts.table.rowCount() == 4


def test_deleting_an_unused_fact_does_not_ask(window, answers) -> None:
    window.facts.add_button.click()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    window.facts.table.setCurrentCell(len(window.session.brief.facts) - 1, 0)
    window.facts.delete_button.click()
    assert answers.confirms == []
    assert [f.name for f in window.session.brief.facts][-1] == REMAINING


# -- inserting facts ---------------------------------------------------------------


def test_insert_a_fact_in_the_text_editor_and_export_it(window, qtbot, answers) -> None:
    select_section(window, "Context")
    area = window.text_editor.text_area
    area.setFocus()
    area.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClick(area, Qt.Key.Key_Return)
    type_text(area, "Freed so far: ")
    # The Format menu carries the same menu as the editor's toolbar.
    format_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "F&ormat")
    assert window.text_editor.insert_fact_action in format_menu.actions()
    window.text_editor.fact_menu.choose("released")
    type_text(area, " people, {{ released }} stays as typed.")
    context = window.session.section("s-context").content
    last = context.blocks[-1]
    assert last.runs == [
        Run("Freed so far: "),
        Run("52", fact="released"),
        Run(" people, {{ released }} stays as typed."),
    ]
    text = export(window, qtbot, answers, PDF, "inserted")
    assert "Freed so far: 52 people, {{ released }} stays as typed." in text
    # Change the fact: the inserted use follows.
    edit_fact_cell(window, fact_row(window, "released"), 1, "53")
    select_section(window, "Key points")
    select_section(window, "Context")
    assert "Freed so far: 53 people" in area.toPlainText()
    assert "Freed so far: 53 people" in export(window, qtbot, answers, WORD, "x")


def test_insert_fact_into_a_table_cell(window, qtbot, answers) -> None:
    select_section(window, "Factors behind the release")
    editor = window.table_editor
    assert editor.action_insert_fact.menu() is editor.fact_menu
    editor.view.setCurrentIndex(editor.model.index(0, 1))
    editor.fact_menu.choose(REMAINING)
    section = window.session.section("s-factors")
    cell = section.content.rows[0][1]
    assert cell[-1] == Run("1,000", fact=REMAINING)
    assert cell[-2].text.endswith(" ") or cell[-2] == Run(" ")
    assert "retype" in editor.action_insert_fact.toolTip()
    edit_fact_cell(window, fact_row(window, REMAINING), 1, "1,111")
    assert window.session.section("s-factors").content.rows[0][1][-1].text == "1,111"
    assert editor.model.data(editor.model.index(0, 1)).endswith("1,111")
    assert "1,111" in export(window, qtbot, answers, HTML, "cell")


def test_the_fact_menus_follow_the_facts_table(window) -> None:
    assert window.text_editor.fact_menu.names() == [f.name for f in window.session.brief.facts]
    window.new_action.trigger()
    assert window.text_editor.fact_menu.names() == []
    assert not window.text_editor.fact_menu.actions()[0].isEnabled()
    window.undo_action.trigger()  # nothing to undo in a new brief: still empty
    assert window.table_editor.fact_menu.names() == []


# -- importing templates -----------------------------------------------------------


def house_style(tmp_path: Path, name: str = "House style", folder: str = "house-style") -> Path:
    source = tmp_path / "from-colleague" / folder
    shutil.copytree(templates_dir() / "policy-brief", source)
    manifest = source / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace('name = "Policy brief"', f'name = "{name}"').replace(
            'summary = "Key points"', 'summary = "Summary"'
        ),
        encoding="utf-8",
    )
    return source


def test_import_a_template_and_print_with_it(
    window, qtbot, answers, tmp_path, user_templates
) -> None:
    answers.template_from = house_style(tmp_path)
    window.templates.import_action.trigger()
    assert answers.errors == []
    assert (user_templates / "house-style" / "manifest.toml").is_file()
    combo = window.properties.template
    assert combo.findText("House style") >= 0
    assert "House style" in window.statusBar().currentMessage()
    choose_template(window, "house-style")
    text = export(window, qtbot, answers, PDF, "house")
    assert "Summary" in text and "Key points" not in text
    # Importing it again asks before replacing.
    answers.confirm_answer = False
    window.templates.import_action.trigger()
    assert "already installed" in answers.confirms[-1]
    answers.confirm_answer = True
    answers.template_from = house_style(tmp_path / "v2", name="House style 2")
    window.templates.import_action.trigger()
    assert combo.findText("House style 2") >= 0 and combo.findText("House style") == -1
    assert answers.errors == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda t: t.replace(
                'right = "{{ brief.reference }}"', "right = \"{{ ''.__class__ }}\""
            ),
            "House style",
        ),
        (lambda t: t.replace("[margins_mm]", "[margins_mm"), "cannot be read"),
        (
            lambda t: t.replace('summary = "Summary"', 'summary = "{{ brief.nothing }}"'),
            "House style",
        ),
    ],
)
def test_a_broken_template_is_refused_and_nothing_is_installed(
    window, answers, tmp_path, user_templates, change, expected
) -> None:
    source = house_style(tmp_path)
    manifest = source / "manifest.toml"
    manifest.write_text(change(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    items = window.properties.template.count()
    answers.template_from = source
    window.templates.import_action.trigger()
    [message] = answers.errors
    assert expected in message and "manifest.toml" in message
    assert not (user_templates / "house-style").exists()
    assert window.properties.template.count() == items


def test_a_folder_without_a_manifest_says_which_folder_to_choose(
    window, answers, tmp_path, user_templates
) -> None:
    empty = tmp_path / "not-a-template"
    empty.mkdir()
    answers.template_from = empty
    window.templates.import_action.trigger()
    [message] = answers.errors
    assert "Choose the folder that holds the template's manifest.toml" in message
    assert not (user_templates / "not-a-template").exists()


def test_a_template_copied_into_the_folder_appears_when_the_list_opens(
    window, answers, tmp_path, user_templates
) -> None:
    window.templates.open_folder_action.trigger()
    assert answers.opened_folders == [user_templates] and user_templates.is_dir()
    shutil.copytree(house_style(tmp_path, "Copied by hand", "by-hand"), user_templates / "by-hand")
    combo = window.properties.template
    combo.showPopup()
    combo.hidePopup()
    assert combo.findText("Copied by hand") >= 0
    assert combo.currentData() == "policy-brief"
    assert not window.session.modified


def test_content_of_compares_all_but_the_template() -> None:
    # Guards the helper the switching test relies on.
    brief = load_sample()
    other = copy.deepcopy(brief)
    other.template = "meeting-brief"
    assert content_of(brief) == content_of(other)
    other.facts[0] = dataclasses.replace(other.facts[0], value="x")
    assert content_of(brief) != content_of(other)
