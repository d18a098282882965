"""The main window: sections on the left, the editor in the middle, the
live preview on the right, the brief's properties and facts (tabs) below the
sections.

Its actions, menus and toolbar are built in actions.py; moving between the
panes with the keyboard is panes.py; the find bar is find_bar.py; the
preview following the editor (and clicks in it) is preview_sync.py.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from briefing_app import APP_NAME
from briefing_app.checks.findings import Finding, errors
from briefing_app.compose.new_brief import section_prompt
from briefing_app.document.layout import LayoutReport
from briefing_app.errors import BriefError
from briefing_app.export import ExportReport
from briefing_app.files import locations
from briefing_app.files.backups import BackupStore
from briefing_app.files.recovery import RecoveryStore
from briefing_app.gui import dialogs, export_paths
from briefing_app.gui.actions import (
    build_actions,
    build_menus,
    build_toolbar,
    undo_keys_to_the_brief,
)
from briefing_app.gui.autosave import Autosaver
from briefing_app.gui.check_panel import CheckPanel
from briefing_app.gui.editor_base import SectionEditor
from briefing_app.gui.export_runner import ExportRunner
from briefing_app.gui.facts_panel import FactsPanel
from briefing_app.gui.file_guard import FileGuard, SaveCheck
from briefing_app.gui.find_bar import FindBar
from briefing_app.gui.navigation import Navigation
from briefing_app.gui.panes import PaneFrame, Panes, focusable_children, set_window_tab_order
from briefing_app.gui.preview import PreviewPane
from briefing_app.gui.preview_sync import PreviewSync
from briefing_app.gui.properties import PropertiesPanel
from briefing_app.gui.review_panel import ReviewPanel
from briefing_app.gui.section_list import SectionListPanel
from briefing_app.gui.session import BriefSession, Snapshot
from briefing_app.gui.settings import open_settings
from briefing_app.gui.sources_editor import SourcesEditor
from briefing_app.gui.spelling import SpellingSupport
from briefing_app.gui.table_editor import TableEditor
from briefing_app.gui.text_editor import TextEditor
from briefing_app.model.brief import Brief, PageSize, SourcesContent
from briefing_app.model.cite_refs import cite_uses
from briefing_app.model.fact_refs import describe_unknown, unknown_facts
from briefing_app.model.storage import BRIEF_SUFFIX
from briefing_app.sample import load_sample
from briefing_app.templating import get_template
from briefing_app.writers.registry import OutputFormat

MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else open_settings()
        self.session = BriefSession(parent=self)
        self.exporter = ExportRunner(self)
        self.exporter.finished.connect(self._export_finished)
        self.exporter.failed.connect(self._export_failed)
        self.exporter.cancelled.connect(self._export_cancelled)
        # The open file is locked and its saved versions kept; unsaved work
        # is copied aside (never over the file) for recovery after a crash.
        self.files = FileGuard(self, BackupStore(locations.backups_dir()))
        self.autosaver = Autosaver(
            self.session,
            RecoveryStore(locations.recovery_dir()),
            self,
            lambda: (self.files.stamp, self.files.read_only),
        )

        self.sections = SectionListPanel(self.session, self)
        self.properties = PropertiesPanel(self.session, self)
        props_scroll = QScrollArea(self)
        props_scroll.setWidgetResizable(True)
        props_scroll.setWidget(self.properties)
        props_scroll.setAccessibleName("Properties of the brief")
        self.properties_page = props_scroll
        self.facts = FactsPanel(self.session, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.setAccessibleName("Properties, facts and check")
        self.side_tabs.addTab(props_scroll, "&Properties")
        self.side_tabs.addTab(self.facts, "F&acts")
        self.check_panel = CheckPanel(self)
        self.side_tabs.addTab(self.check_panel, "Chec&k")
        self.check_panel.go_to.connect(self.go_to_finding)
        self.review_panel = ReviewPanel(self.session, self)
        self.side_tabs.addTab(self.review_panel, "Revie&w")
        self.review_panel.go_to.connect(self.sections.select)

        self.editor_title = QLabel(self)
        self.editor_title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.text_editor = TextEditor(self)
        self.text_editor.set_brief(lambda: self.session.brief)
        self.table_editor = TableEditor(self)
        self.sources_editor = SourcesEditor(self)
        self.empty = QLabel("Add a section to start writing.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for widget in (self.empty, self.text_editor, self.table_editor, self.sources_editor):
            self.stack.addWidget(widget)
        for editor in self.editors:
            editor.content_edited.connect(self._content_edited)
        self.text_editor.hint.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.table_editor.status_message.connect(
            lambda text: self.statusBar().showMessage(text, 6000)
        )
        self.find_bar = FindBar(self)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 0, 6, 0)
        centre_layout.addWidget(self.editor_title)
        centre_layout.addWidget(self.stack, 1)
        centre_layout.addWidget(self.find_bar)

        self.preview = PreviewPane(lambda: Snapshot.of(self.session.brief).brief(), self)
        self.preview.rendered.connect(self._update_status)
        self.preview.counted.connect(self._update_status)
        self.preview.checked.connect(self.check_panel.show_findings)
        self.preview_sync = PreviewSync(
            self.preview, lambda: [s.id for s in self.session.brief.sections]
        )
        self.navigation = Navigation(self)
        self.preview_sync.clicked.connect(self.navigation.go_to_words)

        # Each pane in a frame that shows when it has the keyboard focus.
        frames = {
            "sections": PaneFrame("sections", self.sections, self),
            "editor": PaneFrame("editor", centre, self),
            "preview": PaneFrame("preview", self.preview, self),
            "side": PaneFrame("side", self.side_tabs, self),
        }
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(frames["sections"])
        self.left.addWidget(frames["side"])
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.left)
        self.main_splitter.addWidget(frames["editor"])
        self.main_splitter.addWidget(frames["preview"])
        self.panes = Panes(
            self,
            [frames[name] for name in ("sections", "editor", "preview", "side")],
            {
                "sections": lambda: self.sections.list,
                "editor": lambda: self.navigation.editor_focus_widget(),
                "preview": lambda: self.preview.view,
                "side": lambda: self.side_tabs.tabBar(),
            },
        )
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 4)
        self.main_splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.main_splitter)

        self.word_label = QLabel(self)
        self.page_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.word_label)
        self.statusBar().addPermanentWidget(self.page_label)
        self.spelling = SpellingSupport(self)  # underlines, menu, language

        # The page size last chosen becomes the default for new briefs.
        self.properties.page_size.currentIndexChanged.connect(self._remember_page_size)
        build_actions(self)
        build_menus(self)
        self.toolbar = build_toolbar(self)
        props = self.properties
        undo_keys_to_the_brief(
            self,
            [
                *props.edits.values(),
                props.recipients,
                props.date.edit,
                props.marking.lineEdit(),
                self.table_editor.caption_edit,
                self.table_editor.source_edit,
            ],
        )
        set_window_tab_order(self)
        self.stack.currentChanged.connect(self._editor_changed)
        self.text_editor.text_area.cursorPositionChanged.connect(self.navigation.cursor_moved)
        self.table_editor.view.clicked.connect(self.navigation.cursor_moved)
        self.table_editor.view.selectionModel().currentChanged.connect(self.navigation.cursor_moved)
        self.sources_editor.table.currentCellChanged.connect(self.navigation.cursor_moved)
        self.sections.selected.connect(self._show_section)
        self.session.changed.connect(self._brief_changed)
        self.session.path_changed.connect(self._update_title)
        self.session.sections_changed.connect(self._refresh_editor_title)
        self.session.content_restored.connect(self._content_restored)
        self.session.facts_changed.connect(self._facts_changed)
        self.session.sources_changed.connect(self._sources_changed)
        self.session.restored.connect(self.navigation.show_restored)
        self.sources_editor.may_delete = self._may_delete_sources
        self.sections.may_delete = self._may_delete_section
        self._facts_changed()
        self.session.undo_stack.cleanChanged.connect(self._update_title)
        self._restore_geometry()
        self._editor_changed()
        self._update_title()

    # ------------------------------------------------------------ building
    @property
    def editors(self) -> tuple[SectionEditor, ...]:
        return (self.text_editor, self.table_editor, self.sources_editor)

    def focused(self, slot: str) -> None:
        """Call ``slot`` (cut, copy, paste) on the field with the focus."""
        widget = QApplication.focusWidget()
        method = getattr(widget, slot, None)
        if callable(method):
            method()

    def focus_editor(self) -> None:
        self.navigation.focus_editor()

    def go_to_finding(self, finding: Finding) -> None:
        """Select the finding's section and put the cursor at its place."""
        self.navigation.go_to_finding(finding)

    def editor_is_text(self) -> bool:
        return self.stack.currentWidget() is self.text_editor

    def show_side_tab(self, page: QWidget) -> None:
        """Show one of the tabs below the sections and put the keyboard in it."""
        self.side_tabs.setCurrentWidget(page)
        inside = [w for w in focusable_children(page) if w.isVisibleTo(page)]
        (inside[0] if inside else self.side_tabs.tabBar()).setFocus(
            Qt.FocusReason.ShortcutFocusReason
        )

    def _editor_changed(self, *_args: object) -> None:
        # The Table menu works on the table (or sources list) being edited.
        current = self.stack.currentWidget()
        table = self.table_editor
        for action in table.cell_actions() + table.row_actions() + table.column_actions():
            action.setEnabled(current is table)
        for action in self.sources_editor.list_actions():
            action.setEnabled(current is self.sources_editor)

    # ------------------------------------------------------------ find
    def show_find(self, replacing: bool = False) -> None:
        self.find_bar.open_bar(replacing)

    def find_again(self, backwards: bool = False) -> None:
        if self.find_bar.isVisible() and self.find_bar.find_edit.text():
            self.find_bar.find(backwards=backwards)
        else:
            self.show_find()

    def show_check(self) -> None:
        """Show the check panel, its findings up to date."""
        self.side_tabs.setCurrentWidget(self.check_panel)
        self.preview.refresh_now()
        self.check_panel.list.setFocus()

    # ------------------------------------------------------------ editing
    def _show_section(self, section_id: str, keep_cursor: bool = False) -> None:
        section = self.session.section(section_id)
        if section is None:
            self.stack.setCurrentWidget(self.empty)
            self.editor_title.setText("")
            return
        editor = self._editor_for(section.content)
        with QSignalBlocker(editor):
            if editor is self.text_editor:
                # After an undo the author stays where they were typing.
                editor.load(section.content, keep_cursor=keep_cursor)
            else:
                editor.load(section.content)
        editor.set_prompt(self._prompt(section.kind))
        self.stack.setCurrentWidget(editor)
        self._refresh_editor_title()
        if not keep_cursor:
            self.navigation.cursor_moved()

    def _prompt(self, kind) -> str:
        """The template's guidance for a section of ``kind`` (shown greyed
        while the section is empty; never part of the brief)."""
        brief = self.session.brief
        return section_prompt(get_template(brief.template), brief, kind)

    def _refresh_prompt(self) -> None:
        section = self.session.section(self.sections.current_id())
        editor = self.stack.currentWidget()
        if section is not None and isinstance(editor, SectionEditor):
            editor.set_prompt(self._prompt(section.kind))

    def _editor_for(self, content: object) -> SectionEditor:
        for editor in self.editors:
            if type(content) is editor.content_type:
                return editor
        raise TypeError(f"no editor for the content type {type(content).__name__}")

    def _refresh_editor_title(self) -> None:
        section = self.session.section(self.sections.current_id())
        if section is not None:
            suffix = "" if section.included else "  (left out of the brief)"
            self.editor_title.setText(f"{section.title}{suffix}")

    def _content_edited(self, content: object) -> None:
        section_id = self.sections.current_id()
        if section_id:
            self.session.set_content(section_id, content)  # type: ignore[arg-type]

    def _facts_changed(self) -> None:
        values = {f.name: f.value for f in self.session.brief.facts}
        self.text_editor.set_facts(values)
        self.table_editor.set_facts(values)
        self._refresh_prompt()  # the template may have changed too

    def _sources_changed(self) -> None:
        sources = self.session.brief.sources()
        self.text_editor.set_sources(sources)
        self.table_editor.set_sources(sources)

    def _citations_question(self, ids: set[str], what: str) -> bool:
        """Ask before ``what`` removes sources the brief cites (True: go on)."""
        uses = cite_uses(self.session.brief)
        cited = {i: uses[i] for i in ids if i in uses}
        if not cited:
            return True
        by_id = {s.id: s for s in self.session.brief.sources()}
        lines = []
        for source_id, titles in cited.items():
            name = by_id[source_id].text if source_id in by_id else source_id
            lines.append(f"'{name}' is cited in " + ", ".join(f"'{t}'" for t in titles) + ".")
        question = (
            f"{what} removes sources the brief cites:\n\n"
            + "\n".join(lines)
            + "\n\nTheir citations are removed from the text too. You can undo this with "
            "Edit > Undo."
        )
        return dialogs.confirm(self, "Delete cited sources", question)

    def _may_delete_sources(self, ids: list[str]) -> bool:
        return self._citations_question(set(ids), "Deleting them")

    def _may_delete_section(self, section_id: str) -> bool:
        section = self.session.section(section_id)
        if section is None or not isinstance(section.content, SourcesContent):
            return True
        ids = {entry.id for entry in section.content.items}
        return self._citations_question(ids, f"Deleting the section '{section.title}'")

    def _content_restored(self, section_id: str) -> None:
        if section_id == self.sections.current_id():
            self._show_section(section_id, keep_cursor=True)

    def _brief_changed(self) -> None:
        self.preview.schedule()
        self._update_title()

    def _update_status(self, *_args: object) -> None:
        # Both counts come from the last preview render (a worker thread).
        words = self.preview.word_count
        self.word_label.setText(f"{words:,} word{'s' if words != 1 else ''}")
        pages = self.preview.page_count
        self.page_label.setText(page_status(pages, self.preview.layout) if pages else "")

    def _update_title(self, *_args: object) -> None:
        self.setWindowFilePath(str(self.session.path) if self.session.path else "")
        read_only = " (read-only)" if self.files.read_only else ""
        self.setWindowTitle(f"{self.session.display_name}{read_only}[*] — {APP_NAME}")
        self.restore_version_action.setEnabled(self.session.path is not None)
        self.setWindowModified(self.session.modified)

    # ------------------------------------------------------------ files
    def load_brief(self, brief: Brief, path: Path | None) -> None:
        self.session.replace(brief, path)
        self.sections.reload()
        self._show_section(self.sections.current_id())
        self.preview.refresh_now()
        # Ready to type: the keyboard goes to the first section's text.
        self.focus_editor()
        if path is not None:
            self._add_recent(path)
        else:
            self.files.forget()
        unknown = unknown_facts(brief)
        if unknown:
            # Said once, after the window is up; the preview shows it too
            # until the facts are added or removed.
            message = describe_unknown(unknown)
            QTimer.singleShot(0, self, lambda: dialogs.show_warning(self, "Facts missing", message))

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current brief."""
        if not self.session.modified:
            return True
        answer = dialogs.ask_unsaved(self, self.session.display_name)
        if answer is dialogs.Unsaved.SAVE:
            return self.save()
        return answer is dialogs.Unsaved.DISCARD

    def new_blank(self) -> None:
        if self.maybe_save():
            from briefing_app.model.brief import Section, SectionKind

            kinds = (SectionKind.SUMMARY, SectionKind.CONTEXT, SectionKind.RECOMMENDATIONS)
            brief = Brief(sections=[Section.new(k) for k in kinds])
            with contextlib.suppress(ValueError):  # a damaged setting: keep A4
                brief.page_size = PageSize(str(self.settings.value("default_page_size", "A4")))
            self.load_brief(brief, None)

    def new_from_sample(self) -> None:
        if self.maybe_save():
            self.load_brief(load_sample(), None)

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path = dialogs.open_path(self, self.folder("last_open_folder"))
        if path is not None:
            self.open_file(path, ask=False)

    def update_from_word(self) -> None:
        from briefing_app.gui.word_update import update_from_word

        if update_from_word(self) and self.session.brief.review_notes:
            self.side_tabs.setCurrentWidget(self.review_panel)

    def import_dialog(self) -> None:
        from briefing_app.gui.import_review import import_into

        import_into(self, self.folder("last_import_folder"))

    def open_file(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        from briefing_app.model.storage import load_brief

        try:
            brief = load_brief(path)
        except BriefError as exc:
            dialogs.show_error(self, "Cannot open the brief", str(exc))
            return False
        if not self.files.claim(path):  # open elsewhere: the author chose to cancel
            return False
        self.settings.setValue("last_open_folder", str(path.parent))
        self.load_brief(brief, path)
        return True

    def save(self) -> bool:
        if self.session.path is None:
            return self.save_as()
        return self._save_to(self.session.path)

    def save_as(self) -> bool:
        suggested = self.session.path or Path(self.folder("last_open_folder")) / (
            export_paths.safe_name(self.session.brief.metadata.title) + BRIEF_SUFFIX
        )
        path = dialogs.save_path(self, "Save brief as", str(suggested), dialogs.BRIEF_FILTER)
        if path is None:
            return False
        if path.suffix.lower() != BRIEF_SUFFIX:
            path = path.with_name(path.name + BRIEF_SUFFIX)
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        check = self.files.check_save(path, self.session.path)
        if check is SaveCheck.CANCEL:
            return False
        if check is SaveCheck.SAVE_AS:
            return self.save_as()
        warning = self.files.keep_backup(path)
        try:
            self.session.save(path)
        except BriefError as exc:
            dialogs.show_error(self, "Cannot save the brief", str(exc))
            return False
        self.files.saved(path)
        self._update_title()
        self._add_recent(path)
        self.statusBar().showMessage(f"Saved {path}. {warning}".strip(), 8000 if warning else 4000)
        return True

    def recover_unsaved(self) -> None:
        from briefing_app.gui.recovery_prompt import offer_recovery

        offer_recovery(self, say_if_none=True)

    # ------------------------------------------------------------ export
    def export(self, fmt: OutputFormat) -> None:
        if self.exporter.running:
            return
        draft = False
        problems = errors(self._current_findings())
        if problems:
            choice = dialogs.ask_export_with_errors(self, [f.line() for f in problems])
            if choice is dialogs.ErrorsChoice.GO_BACK:
                self.show_check()
                return
            draft = choice is dialogs.ErrorsChoice.DRAFT
        # Beside the brief, under its name; where this brief went last time.
        suggested = export_paths.suggested_path(
            self.settings,
            self.session.path,
            self.session.brief.metadata.title,
            fmt.suffix,
            self.folder("last_export_folder"),
        )
        label = f"{fmt.label} files (*{fmt.suffix})"
        path = dialogs.save_path(self, f"Export {fmt.label}", str(suggested), label)
        if path is None:
            return
        if path.suffix.lower() != fmt.suffix:
            path = path.with_name(path.name + fmt.suffix)
        export_paths.remember(self.settings, self.session.path, path)
        self.exporter.start(Snapshot.of(self.session.brief).brief(), path, fmt, draft=draft)

    def _current_findings(self) -> list[Finding]:
        """The check's findings for the brief as it is now: the preview's when
        they are up to date (they include the page budget), else fresh."""
        if not self.preview.up_to_date:
            from briefing_app.checks import check_brief

            return check_brief(Snapshot.of(self.session.brief).brief())
        return self.preview.findings

    def _export_finished(self, report: ExportReport) -> None:
        self.statusBar().showMessage(f"Exported {report.path}", 6000)
        dialogs.export_done(self, report.path, report.warnings)

    def _export_failed(self, message: str, detail: str) -> None:
        dialogs.show_error(self, "Export failed", message, detail)

    def _export_cancelled(self) -> None:
        self.statusBar().showMessage("Export cancelled; nothing was written.", 6000)

    def print_brief(self) -> None:
        from briefing_app.gui.printing import print_pdf

        print_pdf(self, self.preview)

    # ------------------------------------------------------------ settings
    def _remember_page_size(self, _index: int) -> None:
        self.settings.setValue("default_page_size", self.properties.chosen_page_size().value)

    def folder(self, key: str) -> str:
        from PySide6.QtCore import QStandardPaths

        default = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        value = self.settings.value(key, default)
        return str(value) if value and Path(str(value)).is_dir() else str(Path.home())

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _add_recent(self, path: Path) -> None:
        items = [str(path.resolve())] + [p for p in self.recent_files() if p != str(path.resolve())]
        self.settings.setValue("recent_files", items[:MAX_RECENT])

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self.recent_files() if Path(p).exists()]
        if not recent:
            self.recent_menu.addAction("No recent briefs").setEnabled(False)
        for number, name in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(name).name}")
            action.setToolTip(name)
            action.triggered.connect(lambda _c=False, p=name: self.open_file(Path(p)))

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        width = 1400
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            # The first start fills a laptop's screen (1280 x 800) and most of
            # a larger one.
            screen = self.screen().availableGeometry() if self.screen() else None
            if screen is not None:
                big = screen.width() > 1440
                width = round(screen.width() * 0.9) if big else screen.width()
                height = round(screen.height() * 0.9) if big else screen.height()
            else:
                height = 860
            self.resize(width, height)
        for key, splitter in (("window/main", self.main_splitter), ("window/left", self.left)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
            elif splitter is self.main_splitter:
                # Sections, editor and preview: a quarter, two fifths, the rest
                # (at 1280 pixels every button of each pane fits on a line).
                splitter.setSizes([width // 4, width * 41 // 100, width * 34 // 100])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/main", self.main_splitter.saveState())
        self.settings.setValue("window/left", self.left.saveState())
        # A clean close: the recovery copy and the lock go.
        self.autosaver.discard()
        self.files.forget()
        event.accept()


__all__ = ["MainWindow"]


def page_status(pages: int, layout: LayoutReport | None) -> str:
    """The status bar's pages: "1 of 1 page, 6 lines to spare", or "over the
    page budget by 9 lines" (from the preview's render, never an estimate)."""
    if layout is None or layout.budget is None:
        return f"{pages} page{'s' if pages != 1 else ''}"

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    if layout.over_budget:
        return (
            f"{count(layout.pages, 'page')}: over the page budget by "
            f"{count(layout.lines_over, 'line')}"
        )
    return (
        f"{layout.pages} of {count(layout.budget, 'page')}, "
        f"{count(layout.lines_to_spare, 'line')} to spare"
    )
