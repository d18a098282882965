"""What the check before sending finds: kinds, severities, findings.

Every kind is listed once here with its severity and a label; the rules
(briefing_app/checks/rules.py) produce findings of these kinds, and the
command line, the app's check panel and the export's question all read the
same list. Later kinds (spelling, alt text) register here too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from briefing_app.model.walk import Place


class Severity(StrEnum):
    ERROR = "error"  # the brief should not go out like this
    WARNING = "warning"  # worth a look


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # "needs_source": stable, used in JSON and tests
    severity: Severity
    label: str  # "Source needed", as the check panel groups them


KINDS: dict[str, Kind] = {}


def register_kind(name: str, severity: Severity, label: str) -> Kind:
    if name in KINDS:
        raise ValueError(f"the finding kind {name!r} is already registered")
    KINDS[name] = Kind(name, severity, label)
    return KINDS[name]


for _name, _severity, _label in (
    ("needs_source", Severity.ERROR, "Source needed"),
    ("page_budget", Severity.ERROR, "Over the page budget"),
    ("unknown_fact", Severity.ERROR, "Unknown fact"),
    ("broken_link", Severity.ERROR, "Link to a section not printed"),
    ("marking", Severity.ERROR, "No protective marking"),
    ("placeholder", Severity.ERROR, "Template prompt left"),
    ("unused_source", Severity.WARNING, "Source not cited"),
    ("uncited_source_section", Severity.WARNING, "Sources entry nothing cites"),
    ("empty_section", Severity.WARNING, "Empty section"),
    ("literal_fact", Severity.WARNING, "Fact typed as text"),
    ("stale_fact", Severity.WARNING, "Fact out of date"),
    ("spelling", Severity.WARNING, "Spelling"),
    ("alt_text", Severity.ERROR, "Picture without alt text"),
    ("chart", Severity.ERROR, "Chart that cannot be drawn"),
):
    register_kind(_name, _severity, _label)


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    message: str  # one plain sentence
    section_id: str | None = None  # None: the brief as a whole
    section: str | None = None  # the section's title
    where: str = ""  # inside the section: "paragraph 2", "row 3, column 1"
    detail: dict[str, Any] = field(default_factory=dict)  # figures, suggestions...
    # Where the app takes the author (not in the JSON): the place and its text.
    place: Place | None = field(default=None, compare=False)
    text: str = field(default="", compare=False)

    @property
    def severity(self) -> Severity:
        return KINDS[self.kind].severity

    @property
    def location(self) -> str:
        """Where, in words: "Context (paragraph 2)", or "Brief"."""
        where = self.section or "Brief"
        return f"{where} ({self.where})" if self.where else where

    def line(self) -> str:
        """One line for the command line: section, what, where."""
        return f"{self.location}: {self.severity.value}: {self.message}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity.value,
            "section": self.section,
            "section_id": self.section_id,
            "where": self.where or None,
            "message": self.message,
            **({"detail": self.detail} if self.detail else {}),
        }


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]
