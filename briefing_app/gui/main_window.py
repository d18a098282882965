"""The main window: sections on the left, the editor in the middle, the
live preview on the right, the brief's properties and facts (tabs) below the
sections."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
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
from briefing_app.errors import BriefError
from briefing_app.export import ExportReport
from briefing_app.files import locations
from briefing_app.files.backups import BackupStore
from briefing_app.files.recovery import RecoveryStore
from briefing_app.gui import dialogs
from briefing_app.gui.autosave import Autosaver
from briefing_app.gui.check_panel import CheckPanel
from briefing_app.gui.editor_base import SectionEditor
from briefing_app.gui.export_runner import ExportRunner
from briefing_app.gui.facts_panel import FactsPanel
from briefing_app.gui.file_guard import FileGuard, SaveCheck
from briefing_app.gui.preview import PreviewPane
from briefing_app.gui.properties import PropertiesPanel
from briefing_app.gui.section_list import SectionListPanel
from briefing_app.gui.session import BriefSession, Snapshot
from briefing_app.gui.settings import open_settings
from briefing_app.gui.sources_editor import SourcesEditor
from briefing_app.gui.table_editor import TableEditor
from briefing_app.gui.template_actions import TemplateActions
from briefing_app.gui.text_editor import TextEditor
from briefing_app.model.brief import Brief, PageSize, SourcesContent
from briefing_app.model.cite_refs import cite_uses
from briefing_app.model.fact_refs import describe_unknown, unknown_facts
from briefing_app.model.storage import BRIEF_SUFFIX
from briefing_app.sample import load_sample
from briefing_app.writers.registry import OutputFormat, formats

MAX_RECENT = 8


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else open_settings()
        self.session = BriefSession(parent=self)
        self.find_dialog = None
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
        self.facts = FactsPanel(self.session, self)
        self.side_tabs = QTabWidget(self)
        self.side_tabs.addTab(props_scroll, "&Properties")
        self.side_tabs.addTab(self.facts, "F&acts")
        self.check_panel = CheckPanel(self)
        self.side_tabs.addTab(self.check_panel, "Chec&k")
        self.check_panel.go_to.connect(self.go_to_finding)

        self.editor_title = QLabel(self)
        self.editor_title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.text_editor = TextEditor(self)
        self.table_editor = TableEditor(self)
        self.sources_editor = SourcesEditor(self)
        self.empty = QLabel("Add a section to start writing.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for widget in (self.empty, self.text_editor, self.table_editor, self.sources_editor):
            self.stack.addWidget(widget)
        for editor in self.editors:
            editor.content_edited.connect(self._content_edited)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 0, 6, 0)
        centre_layout.addWidget(self.editor_title)
        centre_layout.addWidget(self.stack, 1)

        self.preview = PreviewPane(lambda: Snapshot.of(self.session.brief).brief(), self)
        self.preview.rendered.connect(self._update_status)
        self.preview.counted.connect(self._update_status)
        self.preview.checked.connect(self.check_panel.show_findings)

        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(self.sections)
        self.left.addWidget(self.side_tabs)
        self.left.setStretchFactor(0, 3)
        self.left.setStretchFactor(1, 2)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.addWidget(self.left)
        self.main_splitter.addWidget(centre)
        self.main_splitter.addWidget(self.preview)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 4)
        self.main_splitter.setStretchFactor(2, 4)
        self.setCentralWidget(self.main_splitter)

        self.word_label = QLabel(self)
        self.page_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.word_label)
        self.statusBar().addPermanentWidget(self.page_label)

        # The page size last chosen becomes the default for new briefs.
        self.properties.page_size.currentIndexChanged.connect(self._remember_page_size)
        self._build_actions()
        self._build_menus()
        self.sections.selected.connect(self._show_section)
        self.session.changed.connect(self._brief_changed)
        self.session.path_changed.connect(self._update_title)
        self.session.sections_changed.connect(self._refresh_editor_title)
        self.session.content_restored.connect(self._content_restored)
        self.session.facts_changed.connect(self._facts_changed)
        self.session.sources_changed.connect(self._sources_changed)
        self.sources_editor.may_delete = self._may_delete_sources
        self.sections.may_delete = self._may_delete_section
        self._facts_changed()
        self.session.undo_stack.cleanChanged.connect(self._update_title)
        self._restore_geometry()
        self._update_title()

    # ------------------------------------------------------------ building
    @property
    def editors(self) -> tuple[SectionEditor, ...]:
        return (self.text_editor, self.table_editor, self.sources_editor)

    def _act(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.templates = TemplateActions(self)
        self.new_template_action = self.templates.new_action
        self.new_action = self._act("&Blank brief", self.new_blank, tip="Start a new, empty brief")
        self.new_sample_action = self._act(
            "From the &sample", self.new_from_sample, tip="Start from the Belarus sample brief"
        )
        self.open_action = self._act("&Open…", self.open_dialog, K.Open, "Open a brief")
        self.import_action = self._act(
            "&Import…", self.import_dialog, tip="Make a new brief from a .txt, .md or .docx file"
        )
        self.save_action = self._act("&Save", self.save, K.Save, "Save the brief")
        self.save_as_action = self._act("Save &As…", self.save_as, K.SaveAs)
        self.restore_version_action = self._act(
            "Restore &Earlier Version…",
            self.files.restore_earlier_version,
            tip="Open a version of this brief as it was saved before",
        )
        self.recover_action = self._act(
            "Recover &Unsaved Work…",
            self.recover_unsaved,
            tip="Restore changes kept aside when the app closed without saving them",
        )
        # One action per registered format (briefing_app/writers/registry.py).
        self.export_actions: dict[str, QAction] = {}
        for fmt in formats():
            tip = f"Export {fmt.label}" + (f": {fmt.purpose}" if fmt.purpose else "")
            self.export_actions[fmt.name] = self._act(
                fmt.menu_text,
                lambda _checked=False, f=fmt: self.export(f),
                fmt.shortcut or None,
                tip,
            )
        self.print_action = self._act("&Print…", self.print_brief, K.Print)
        self.close_action = self._act("&Close", self.close, K.Close)
        self.quit_action = self._act("&Quit", self.close, K.Quit)
        self.undo_action = self.session.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(QKeySequence(K.Undo))
        self.redo_action = self.session.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcut(QKeySequence(K.Redo))
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        # Cut, copy and paste act on whichever field has the keyboard focus.
        self.cut_action = self._act("Cu&t", lambda: self._focused("cut"), K.Cut)
        self.copy_action = self._act("&Copy", lambda: self._focused("copy"), K.Copy)
        self.paste_action = self._act("&Paste", lambda: self._focused("paste"), K.Paste)
        for action in (self.cut_action, self.copy_action, self.paste_action):
            # The focused widget's own shortcut handles the keys; the menu
            # entries are for the mouse.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.find_action = self._act(
            "&Find and Replace…", self.show_find, K.Find, "Find and replace text in every section"
        )
        self.find_action.setShortcuts([QKeySequence(K.Find), QKeySequence(K.Replace)])
        self.check_action = self._act(
            "Chec&k Brief",
            self.show_check,
            "F7",
            "What to look at before the brief goes out: sources, page budget, prompts, facts",
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        new_menu = file_menu.addMenu("&New")
        new_menu.addAction(self.new_template_action)
        new_menu.addAction(self.new_action)
        new_menu.addAction(self.new_sample_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addAction(self.import_action)
        templates_menu = file_menu.addMenu("&Templates")
        templates_menu.addAction(self.templates.import_action)
        templates_menu.addAction(self.templates.open_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.restore_version_action)
        file_menu.addAction(self.recover_action)
        file_menu.addSeparator()
        for action in self.export_actions.values():
            file_menu.addAction(action)
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.cut_action)
        edit_menu.addAction(self.copy_action)
        edit_menu.addAction(self.paste_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        edit_menu.addAction(self.check_action)

        format_menu = bar.addMenu("F&ormat")
        format_menu.addActions(self.text_editor.actions())
        format_menu.setToolTipsVisible(True)

        section_menu = bar.addMenu("&Section")
        section_menu.addMenu(self.sections.add_menu)
        for action in (
            self.sections.duplicate_action,
            self.sections.rename_action,
            self.sections.delete_action,
            self.sections.up_action,
            self.sections.down_action,
        ):
            section_menu.addAction(action)

        tools = self.addToolBar("Main")
        tools.setObjectName("main-toolbar")
        for action in (self.open_action, self.save_action, self.undo_action, self.redo_action):
            tools.addAction(action)
        for fmt in formats():
            if fmt.toolbar:
                tools.addAction(self.export_actions[fmt.name])

    def _focused(self, slot: str) -> None:
        from PySide6.QtWidgets import QApplication

        widget = QApplication.focusWidget()
        method = getattr(widget, slot, None)
        if callable(method):
            method()

    def show_find(self) -> None:
        from briefing_app.gui.find_replace import FindReplaceDialog

        if self.find_dialog is None:
            self.find_dialog = FindReplaceDialog(self)
        self.find_dialog.show()
        self.find_dialog.raise_()
        self.find_dialog.find_edit.setFocus()
        self.find_dialog.find_edit.selectAll()

    def show_check(self) -> None:
        """Show the check panel, its findings up to date."""
        self.side_tabs.setCurrentWidget(self.check_panel)
        self.preview.refresh_now()
        self.check_panel.list.setFocus()

    def go_to_finding(self, finding: Finding) -> None:
        """Select the finding's section and put the cursor at its place."""
        if finding.section_id is None or self.session.section(finding.section_id) is None:
            if finding.kind == "marking":
                self.side_tabs.setCurrentIndex(0)
                self.properties.marking.setFocus()
            return
        self.sections.select(finding.section_id)
        editor = self.stack.currentWidget()
        if finding.place is not None and isinstance(editor, SectionEditor):
            editor.show_place(finding.place, finding.text)

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
        self.stack.setCurrentWidget(editor)
        self._refresh_editor_title()

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
        self.page_label.setText(f"{pages} page{'s' if pages != 1 else ''}" if pages else "")

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
        path = dialogs.open_path(self, self._folder("last_open_folder"))
        if path is not None:
            self.open_file(path, ask=False)

    def import_dialog(self) -> None:
        from briefing_app.gui.import_review import import_into

        import_into(self, self._folder("last_import_folder"))

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
        suggested = self.session.path or Path(self._folder("last_open_folder")) / (
            _safe_name(self.session.brief.metadata.title) + BRIEF_SUFFIX
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
        folder = self._folder("last_export_folder")
        stem = (
            self.session.path.stem
            if self.session.path
            else _safe_name(self.session.brief.metadata.title)
        )
        label = f"{fmt.label} files (*{fmt.suffix})"
        path = dialogs.save_path(
            self, f"Export {fmt.label}", str(Path(folder) / (stem + fmt.suffix)), label
        )
        if path is None:
            return
        if path.suffix.lower() != fmt.suffix:
            path = path.with_name(path.name + fmt.suffix)
        self.settings.setValue("last_export_folder", str(path.parent))
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

    def _folder(self, key: str) -> str:
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

    def _fill_recent(self) -> None:
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
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        for key, splitter in (("window/main", self.main_splitter), ("window/left", self.left)):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
            elif splitter is self.main_splitter:
                splitter.setSizes([330, 540, 520])

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


def _safe_name(title: str) -> str:
    name = re.sub(r"[\\/:*?\"<>|\s]+", " ", title).strip()[:80].strip()
    return name or "Brief"


__all__ = ["MainWindow"]
