"""The check panel: what to look at before the brief goes out.

It lists the findings of the last preview render (the check runs on the
preview's worker thread with the tree it composed, so the list follows the
author's edits without work on the GUI thread). Activating a finding (a
click, Enter) asks the window to go to its place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from briefing_app.checks.findings import Finding, Severity

_ROLE = Qt.ItemDataRole.UserRole


def summary(findings: list[Finding]) -> str:
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = len(findings) - errors
    if not findings:
        return "Nothing to report: the brief is ready to send."

    def count(n: int, word: str) -> str:
        return f"{n} {word}{'s' if n != 1 else ''}"

    return f"{count(errors, 'error')}, {count(warnings, 'warning')}"


class CheckPanel(QWidget):
    #: The author wants to see this finding's place.
    go_to = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Checking…", self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Check summary")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName("Findings of the check")
        self.list.setToolTip("Click a finding, or press Enter, to go to its place")
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        style = self.style()
        self._icons = {
            Severity.ERROR: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            Severity.WARNING: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        self.findings: list[Finding] = []

    def show_findings(self, findings: list[Finding]) -> None:
        if findings == self.findings and self.list.count() == len(findings):
            return  # unchanged: keep the selection and the scroll position
        self.findings = list(findings)
        self.summary.setText(summary(self.findings))
        self.list.clear()
        for finding in self.findings:
            where = finding.section or "Brief"
            if finding.where:
                where += f", {finding.where}"
            item = QListWidgetItem(self._icons[finding.severity], f"{where}\n{finding.message}")
            item.setData(_ROLE, finding)
            item.setToolTip(f"{finding.severity.value.capitalize()}: {finding.message}")
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        finding = item.data(_ROLE)
        if isinstance(finding, Finding):
            self.go_to.emit(finding)
