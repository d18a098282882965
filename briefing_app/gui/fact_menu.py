"""The "Insert fact" menu shared by the text and table editors."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

NO_FACTS = "No facts yet: add them on the Facts tab"


def facts_label(name: str, value: str) -> str:
    """A menu entry: the fact's name and, after it, its value (shortened)."""
    shown = value if len(value) <= 40 else value[:39] + "…"
    # "&" in a menu text marks a shortcut letter; "&&" shows one "&".
    return f"{name}  —  {shown}".replace("&", "&&") if shown else name.replace("&", "&&")


class FactMenu(QMenu):
    """Lists the brief's facts; choosing one emits its name."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Insert &fact", parent)
        self.setToolTipsVisible(True)
        self.set_facts({})

    def make_action(self, tip: str) -> QAction:
        """An "Insert fact" action opening this menu, added to the parent
        widget (for its toolbar and the window's menus)."""
        action = QAction("Insert &fact", self.parent())
        action.setMenu(self)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        parent = self.parentWidget()
        if parent is not None:
            parent.addAction(action)
        return action

    def set_facts(self, values: Mapping[str, str]) -> None:
        """``values``: fact name -> value, in the order of the facts table."""
        self.clear()
        if not values:
            self.addAction(NO_FACTS).setEnabled(False)
            return
        for name, value in values.items():
            action = self.addAction(facts_label(name, value))
            action.setData(name)
            if value:
                action.setToolTip(f"Insert the value of '{name}'; it changes when the fact does")
                action.triggered.connect(lambda _checked=False, n=name: self.chosen.emit(n))
            else:
                action.setEnabled(False)
                action.setToolTip("This fact has no value yet: give it one on the Facts tab")

    def names(self) -> list[str]:
        """The names of the facts that can be inserted now."""
        return [a.data() for a in self.actions() if a.isEnabled() and a.data()]

    def choose(self, name: str) -> None:
        """Pick ``name`` as a click on its entry would (keyboard users, tests)."""
        for action in self.actions():
            if action.data() == name and action.isEnabled():
                action.trigger()
                return
