"""File > Update from Word: a colleague's edited copy of an export, reviewed
change by change, then applied to the open brief as one undo step.

The file is read and compared off the UI thread (the import's runner);
the review lists every change with its old and new text, the words that
differ highlighted, and who made it where Word tracked it. Each change is
accepted or rejected (its check box, or the buttons), one by one or all at
once; a changed fact's value can change the fact or only this place. The
comments become review notes (the Review tab).
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from briefing_app.gui import dialogs
from briefing_app.roundtrip import Change, UpdatePlan, apply_update, plan_update_file
from briefing_app.roundtrip.merge import word_diff

if TYPE_CHECKING:
    from briefing_app.gui.main_window import MainWindow

APPLY_TEXT = "Apply accepted changes"
_REMOVED = "background:#fde2e1; color:#8a1c14; text-decoration:line-through;"
_ADDED = "background:#dcf5dc; color:#135c13; font-weight:bold;"


def highlighted(old: str, new: str) -> tuple[str, str]:
    """``old`` and ``new`` as HTML, the words that differ marked."""
    before, after = [], []
    for kind, words in word_diff(old, new):
        text = html.escape(words)
        if kind == "same":
            before.append(text)
            after.append(text)
        elif kind == "removed":
            before.append(f'<span style="{_REMOVED}">{text}</span>')
        else:
            after.append(f'<span style="{_ADDED}">{text}</span>')
    return "".join(before), "".join(after)


class UpdateReviewDialog(QDialog):
    """Every change found in the edited file, to accept or reject."""

    def __init__(self, plan: UpdatePlan, source: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle("Update from Word: review the changes")
        layout = QVBoxLayout(self)
        intro = QLabel(self)
        intro.setWordWrap(True)
        lines = [f"<b>{html.escape(source)}</b>: " + html.escape(" ".join(plan.summary()))]
        lines += [f"⚠ {html.escape(w)}" for w in plan.warnings]
        intro.setText("<br>".join(lines))
        layout.addWidget(intro)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.list = QListWidget(split)
        self.list.setAccessibleName("Changes from Word")
        self.list.setWordWrap(True)
        for change in plan.changes:
            item = QListWidgetItem(self._label(change))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, change.id)
            self.list.addItem(item)
        self.list.itemChanged.connect(self._checked)
        self.list.currentRowChanged.connect(self._show)
        detail = QWidget(split)
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QTextBrowser(detail)
        self.detail.setAccessibleName("The selected change: before and after")
        self.detail.setOpenLinks(False)
        detail_layout.addWidget(self.detail)
        self.fact_choice = QCheckBox(detail)
        self.fact_choice.toggled.connect(self._fact_choice)
        detail_layout.addWidget(self.fact_choice)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setSizes([260, 260])
        layout.addWidget(split, 1)

        row = QHBoxLayout()
        self.accept_button = QPushButton("&Accept", self)
        self.reject_button = QPushButton("&Reject", self)
        self.accept_all_button = QPushButton("Accept a&ll", self)
        self.reject_all_button = QPushButton("Reject all", self)
        self.accept_rest_button = QPushButton("Accept the &rest", self)
        for button in (
            self.accept_button,
            self.reject_button,
            self.accept_rest_button,
            self.accept_all_button,
            self.reject_all_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.accept_all_button.clicked.connect(lambda: self.decide_all(True))
        self.reject_all_button.clicked.connect(lambda: self.decide_all(False))
        self.accept_rest_button.clicked.connect(self.accept_rest)
        self.decided: set[int] = set()

        if plan.notes:
            notes = QLabel(
                f"{len(plan.notes)} comment{'s' if len(plan.notes) != 1 else ''} from Word "
                "will be added as review notes (the Review tab); they are never printed.",
                self,
            )
            notes.setWordWrap(True)
            layout.addWidget(notes)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(APPLY_TEXT, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 680)
        if plan.changes:
            self.list.setCurrentRow(0)
        else:
            self._show(-1)

    # -- what is shown
    @staticmethod
    def _label(change: Change) -> str:
        label = change.describe()
        if change.revisions:
            dates = sorted({r.date[:10] for r in change.revisions if r.date})
            if dates:
                label += f" on {', '.join(dates)}"
        words = " ".join((change.new_text or change.old_text).split())
        if words:
            label += f" — “{words[:70]}{'…' if len(words) > 70 else ''}”"
        return label

    def current(self) -> Change | None:
        item = self.list.currentItem()
        if item is None:
            return None
        return self.plan.changes[int(item.data(Qt.ItemDataRole.UserRole))]

    def _show(self, _row: int) -> None:
        change = self.current()
        if change is None:
            self.detail.setHtml("<p>The Word file says what the brief says.</p>")
            self.fact_choice.hide()
            return
        before, after = highlighted(change.old_text, change.new_text)
        parts = [f"<p><b>{html.escape(change.describe())}</b></p>"]
        if change.old_text:
            parts.append(f"<p><i>Before:</i><br>{before}</p>")
        if change.new_text:
            parts.append(f"<p><i>After:</i><br>{after}</p>")
        for entry in change.new_sources:
            parts.append(f"<p>Adds a new source: {html.escape(entry.text)}</p>")
        for fact in change.lost_facts:
            parts.append(
                f"<p>The fact '{html.escape(fact)}' was edited into other words: "
                "this place becomes plain text.</p>"
            )
        self.detail.setHtml("".join(parts))
        if change.fact_edits:
            names = ", ".join(f"'{e.name}' to {e.new}" for e in change.fact_edits)
            self.fact_choice.blockSignals(True)
            self.fact_choice.setText(
                f"Change the fact {names} (and so every use of it); "
                "untick to change only the text here"
            )
            self.fact_choice.setChecked(change.change_facts)
            self.fact_choice.blockSignals(False)
            self.fact_choice.show()
        else:
            self.fact_choice.hide()

    # -- decisions
    def _checked(self, item: QListWidgetItem) -> None:
        change = self.plan.changes[int(item.data(Qt.ItemDataRole.UserRole))]
        change.accepted = item.checkState() == Qt.CheckState.Checked

    def _fact_choice(self, on: bool) -> None:
        change = self.current()
        if change is not None:
            change.change_facts = on

    def _set(self, row: int, accepted: bool) -> None:
        item = self.list.item(row)
        item.setCheckState(Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)
        self.decided.add(row)

    def decide(self, accepted: bool) -> None:
        """Accept or reject the selected change, then go to the next."""
        row = self.list.currentRow()
        if row < 0:
            return
        self._set(row, accepted)
        if row + 1 < self.list.count():
            self.list.setCurrentRow(row + 1)

    def decide_all(self, accepted: bool) -> None:
        for row in range(self.list.count()):
            self._set(row, accepted)

    def accept_rest(self) -> None:
        """Accept every change not yet decided one by one."""
        for row in range(self.list.count()):
            if row not in self.decided:
                self._set(row, True)


def update_from_word(window: MainWindow) -> bool:
    """Ask for the edited Word file, compare, review, apply (one undo step)."""
    from briefing_app.gui.import_review import run_import

    path = dialogs.word_update_path(window, window.folder("last_import_folder"))
    if path is None:
        return False
    brief = window.session.brief
    plan = run_import(
        window,
        lambda _progress: plan_update_file(brief, path),  # type: ignore[arg-type,return-value]
        f"Comparing {path.name}…",
        "Cannot update from the Word file",
        "Update from Word",
    )
    if plan is None:
        return False
    window.settings.setValue("last_import_folder", str(Path(path).parent))
    if not plan.same_brief and not dialogs.confirm(
        window,
        "Another brief's Word file",
        f"'{path.name}' was exported from another brief, not this one. Its sections were "
        "matched by their headings and text. Review its changes anyway?",
    ):
        return False
    if not plan.changes and not plan.notes:
        dialogs.show_warning(
            window, "Update from Word", "No changes: the Word file says what the brief says."
        )
        return False
    if not dialogs.review_update(window, plan, path.name):
        return False
    updated = apply_update(plan)
    window.session.apply_update(updated, f"Update from Word ({path.name})")
    accepted = sum(1 for c in plan.changes if c.accepted)
    window.statusBar().showMessage(
        f"Updated from {path.name}: {accepted} of {len(plan.changes)} changes applied, "
        f"{len(plan.notes)} review notes. Edit > Undo takes it all back.",
        10000,
    )
    return True
