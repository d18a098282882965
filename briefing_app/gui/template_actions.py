"""Templates in the window: a new brief from a template, importing an
organisation's own template, and opening the folder where they live."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence

from briefing_app.compose.new_brief import brief_from_template
from briefing_app.errors import BriefError
from briefing_app.files.locations import user_templates_dir
from briefing_app.gui import dialogs
from briefing_app.gui.new_brief_dialog import SAMPLE
from briefing_app.model.brief import PageSize
from briefing_app.sample import load_sample
from briefing_app.templating import MANIFEST, catalogue, install_template

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow


def open_folder(folder: Path) -> bool:
    """Show ``folder`` in the file manager (replaced in tests)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class TemplateActions(QObject):
    """The window's template actions; the window puts them in its menus."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.new_action = self._act(
            "From a &template…",
            self.new_from_template,
            "Start a new brief with a template's sections, headings and prompts",
        )
        self.new_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.import_action = self._act(
            "&Import template…",
            self.import_template,
            "Add your organisation's own template (a folder with a manifest.toml)",
        )
        self.open_folder_action = self._act(
            "Open templates &folder",
            self.open_templates_folder,
            "Open the folder of your own templates: copy a shipped template there and edit it",
        )

    def _act(self, text: str, slot, tip: str) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        return action

    def _default_page_size(self) -> PageSize | None:
        """The page size the author last chose, if they ever chose one."""
        settings = self.window.settings
        if not settings.contains("default_page_size"):
            return None
        with contextlib.suppress(ValueError):
            return PageSize(str(settings.value("default_page_size")))
        return None

    def new_from_template(self) -> None:
        found = catalogue()
        choices = [(t.id, t.name, t.description) for t in found.templates]
        choice = dialogs.choose_new_brief(self.window, choices)
        if choice is None or not self.window.maybe_save():
            return
        if choice == SAMPLE:
            self.window.load_brief(load_sample(), None)
            return
        template = found.get(choice)
        if template is None:
            return
        self.window.load_brief(brief_from_template(template, self._default_page_size()), None)

    def import_template(self) -> None:
        settings = self.window.settings
        start = str(settings.value("last_template_folder", "") or Path.home())
        folder = dialogs.template_folder(self.window, start)
        if folder is None:
            return
        settings.setValue("last_template_folder", str(folder.parent))
        replace = (user_templates_dir() / folder.name).exists()
        if replace and not dialogs.confirm(
            self.window,
            "Replace template",
            f"A template called '{folder.name}' is already installed. "
            "Replace it with the one you chose?",
        ):
            return
        try:
            template = install_template(folder, replace=replace)
        except BriefError as exc:
            hint = (
                ""
                if (folder / MANIFEST).is_file()
                else " Choose the folder that holds the template's manifest.toml."
            )
            dialogs.show_error(self.window, "Cannot import the template", f"{exc}{hint}")
            return
        self.window.properties.refresh_templates()
        self.window.statusBar().showMessage(
            f"Installed the template '{template.name}'. Choose it under Properties > Template.",
            10_000,
        )

    def open_templates_folder(self) -> None:
        folder = user_templates_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            dialogs.show_error(
                self.window,
                "Cannot open the templates folder",
                f"The folder '{folder}' could not be made: {exc.strerror or exc}.",
            )
            return
        open_folder(folder)
        self.window.statusBar().showMessage(
            f"Your templates live in {folder}. A copied template appears under "
            "Properties > Template once its folder has a manifest.toml.",
            10_000,
        )
