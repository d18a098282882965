"""The check before a brief goes out: one list of findings for the command
line, the app's check panel and the export's question.

    findings = check_brief(brief)             # with the brief's own template
    errors(findings)                          # the ones that should stop it
"""

from __future__ import annotations

import datetime as _dt

from briefing_app.checks.findings import KINDS, Finding, Severity, errors, register_kind
from briefing_app.checks.rules import RULES, Context
from briefing_app.document.layout import LayoutReport
from briefing_app.document.nodes import Document
from briefing_app.errors import BriefError
from briefing_app.model.brief import Brief
from briefing_app.templating import Template, get_template


def check_brief(
    brief: Brief,
    template: Template | None = None,
    *,
    tree: Document | None = None,
    layout: LayoutReport | None = None,
    measure: bool = False,
    today: _dt.date | None = None,
) -> list[Finding]:
    """Every finding, brief-wide ones first, then by section in order.
    ``tree`` is the brief composed with ``template``, when the caller has it
    (the preview does), so it is not composed twice; ``layout`` how it lays
    out, from the caller's render, or with ``measure`` from a render made
    here (the page budget needs one: no estimates)."""
    from briefing_app.compose import compose

    template = template or get_template(brief.template)
    if tree is None:
        try:
            # Unknown facts have their own rule; the rest is checked as printed.
            tree = compose(brief, template, strict_facts=False)
        except BriefError:
            tree = None
    if layout is None and measure and tree is not None:
        from briefing_app.writers.pdf import measure_pages

        layout = measure_pages(tree)
    ctx = Context(brief, template, tree, today or _dt.date.today(), layout)
    findings = [finding for rule in RULES for finding in rule(ctx)]
    order = {s.id: i for i, s in enumerate(brief.sections)}
    return sorted(
        findings, key=lambda f: -1 if f.section_id is None else order.get(f.section_id, -1)
    )


__all__ = ["KINDS", "Finding", "Severity", "check_brief", "errors", "register_kind"]
