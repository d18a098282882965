"""Facts defined once (52 released, over 1,000 still held) and used in many
places: text and table cells refer to a fact by name, and every export
prints its current value."""

from __future__ import annotations

from dataclasses import dataclass

from briefing_app.model.text import clean_text

MAX_FACT_NAME = 60


@dataclass(slots=True)
class Fact:
    name: str
    value: str
    as_of: str = ""  # free text or a date, e.g. "26 October 2025"
    source: str = ""

    def __post_init__(self) -> None:
        self.name = clean_text(self.name, multiline=False).strip()
        self.value = clean_text(self.value, multiline=False)
        self.as_of = clean_text(self.as_of, multiline=False)
        self.source = clean_text(self.source, multiline=False)


def fact_key(name: str) -> str:
    """Fact names match without regard to case or spacing."""
    return " ".join(name.casefold().split())


def name_problem(name: str, taken: set[str]) -> str:
    """Why ``name`` cannot name a new fact, in plain words ("" if it can)."""
    if not name.strip():
        return "A fact needs a name."
    if len(name) > MAX_FACT_NAME:
        return f"A fact's name can be at most {MAX_FACT_NAME} characters long."
    if fact_key(name) in taken:
        return f"There is already a fact called '{name.strip()}'."
    return ""
