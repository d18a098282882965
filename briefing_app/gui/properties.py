"""The brief's properties: template, title, document control, marking, page size."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from briefing_app.gui.date_field import DateField
from briefing_app.gui.session import BriefSession
from briefing_app.model.brief import COMMON_MARKINGS, DEFAULT_TEMPLATE, PageSize
from briefing_app.templating import catalogue

_TEMPLATE_TIP = (
    "The template is the layout and house style the brief is printed with. "
    "Changing it keeps every word: headings, order, page furniture and look follow it."
)
_TEXT_FIELDS = (
    ("title", "Title"),
    ("subtitle", "Subtitle"),
    ("author", "Author or team"),
    ("organisation", "Organisation"),
    ("reference", "Reference"),
    ("version", "Version"),
)


class _TemplateBox(QComboBox):
    """Lists the templates again each time it opens: one may have been
    copied into the templates folder since."""

    def __init__(self, refresh, parent: QWidget) -> None:
        super().__init__(parent)
        self._refresh = refresh

    def showPopup(self) -> None:
        self._refresh()
        super().showPopup()


class PropertiesPanel(QWidget):
    def __init__(self, session: BriefSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.template = _TemplateBox(self.refresh_templates, self)
        self.template.setAccessibleName("Template")
        # Changes made in code are made with the signal blocked.
        self.template.currentIndexChanged.connect(self._template_chosen)
        form.addRow("Template:", self.template)

        self.edits: dict[str, QLineEdit] = {}
        for name, label in _TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setAccessibleName(label)
            edit.textEdited.connect(lambda text, n=name: self._set(n, text))
            form.addRow(f"{label}:", edit)
            self.edits[name] = edit

        # Typed as people write dates, or picked (date_field.py).
        self.date = DateField(self)
        self.date.date_set.connect(lambda value: self._set("date", value))
        form.insertRow(5, "Date:", self.date)

        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.addItems(list(COMMON_MARKINGS))
        self.marking.setAccessibleName("Protective marking")
        self.marking.lineEdit().setAccessibleName("Protective marking")
        self.marking.setToolTip("Printed in bold capitals at the top and bottom of every page")
        self.marking.currentTextChanged.connect(lambda text: self._set("marking", text))
        form.addRow("Marking:", self.marking)

        self.recipients = QLineEdit(self)
        self.recipients.setPlaceholderText("e.g. Minister of State; Permanent Secretary")
        self.recipients.setAccessibleName("Recipients, separated by semicolons")
        self.recipients.textEdited.connect(self._recipients_edited)
        form.addRow("For:", self.recipients)

        self.page_size = QComboBox(self)
        for size in PageSize:
            self.page_size.addItem(size.value, size)
        self.page_size.setAccessibleName("Page size")
        self.page_size.currentIndexChanged.connect(
            lambda _i: self.session.set_page_size(self.chosen_page_size())
        )
        form.addRow("Page size:", self.page_size)

        session.metadata_changed.connect(self.reload)
        session.changed.connect(self._sync_page_size)
        # The template is switched by set_template, undo and opening a file.
        session.facts_changed.connect(self._sync_template)
        self.refresh_templates()
        self.reload()

    # -- template
    def refresh_templates(self) -> None:
        """List the installed templates again (after an import)."""
        with QSignalBlocker(self.template):
            self.template.clear()
            for template in catalogue().templates:
                self.template.addItem(template.name, template.id)
                self.template.setItemData(
                    self.template.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
                )
            self._installed = self.template.count()
        self._sync_template()

    def _sync_template(self) -> None:
        wanted = self.session.brief.template
        with QSignalBlocker(self.template):
            # A brief from elsewhere may name a template this computer lacks:
            # show it as it is, so saving keeps it, and say what prints.
            while self.template.count() > self._installed:
                self.template.removeItem(self.template.count() - 1)
            index = self.template.findData(wanted)
            if index < 0:
                fallback = self.template.itemText(self.template.findData(DEFAULT_TEMPLATE))
                self.template.addItem(f"{wanted} (not installed — printed with {fallback})", wanted)
                self.template.setItemData(
                    self.template.count() - 1,
                    "This template is not installed on this computer. Import it from "
                    "File > Templates, or choose another.",
                    Qt.ItemDataRole.ToolTipRole,
                )
                index = self.template.count() - 1
            self.template.setCurrentIndex(index)
            about = self.template.itemData(index, Qt.ItemDataRole.ToolTipRole)
            self.template.setToolTip(f"{about}\n\n{_TEMPLATE_TIP}" if about else _TEMPLATE_TIP)

    def _template_chosen(self, index: int) -> None:
        template_id = self.template.itemData(index)
        if template_id:
            self.session.set_template(str(template_id))
        self._sync_template()

    def chosen_page_size(self) -> PageSize:
        # Qt hands enum values back as plain strings.
        return PageSize(self.page_size.currentData())

    def _set(self, name: str, value: str) -> None:
        meta = dataclasses.replace(self.session.brief.metadata, **{name: value})
        self.session.set_metadata(meta, name)

    def _recipients_edited(self, text: str) -> None:
        people = [p.strip() for p in text.split(";") if p.strip()]
        meta = dataclasses.replace(self.session.brief.metadata, recipients=people)
        self.session.set_metadata(meta, "recipients")

    def _sync_page_size(self) -> None:
        index = self.page_size.findData(self.session.brief.page_size)
        if index != self.page_size.currentIndex():
            with QSignalBlocker(self.page_size):
                self.page_size.setCurrentIndex(index)

    def reload(self) -> None:
        meta = self.session.brief.metadata
        for name, edit in self.edits.items():
            value = getattr(meta, name)
            if edit.text() != value:
                with QSignalBlocker(edit):
                    edit.setText(value)
                    edit.setCursorPosition(0)  # show the start, not the end
        if self.date.iso != meta.date:
            self.date.set_iso(meta.date)
        if self.marking.currentText() != meta.marking:
            with QSignalBlocker(self.marking):
                self.marking.setCurrentText(meta.marking)
        joined = "; ".join(meta.recipients)
        current = [p.strip() for p in self.recipients.text().split(";") if p.strip()]
        if current != meta.recipients:
            with QSignalBlocker(self.recipients):
                self.recipients.setText(joined)
        self._sync_page_size()
