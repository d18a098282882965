"""The tree's inline text as reportlab paragraph markup.

Every string from the tree is escaped; the only tags in the markup are the
ones built here from the tree's marks (and the note references, from
pdf_notes), so no text the author typed is ever read as markup.
"""

from __future__ import annotations

from collections.abc import Container

from briefing_app.document.nodes import Inlines
from briefing_app.document.style import HouseStyle
from briefing_app.writers.pdf_notes import reference_markup


def escape(text: str) -> str:
    """Plain text -> reportlab paragraph markup that shows exactly ``text``."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\n", "<br/>")


def _attr(value: str) -> str:
    return escape(value).replace('"', "&quot;")


def inline_markup(inlines: Inlines, style: HouseStyle, notes: Container[int] = ()) -> str:
    """``notes``: the numbers of the document's notes; a reference to one of
    them links to it."""
    parts: list[str] = []
    for t in inlines:
        if t.note > 0:
            parts.append(reference_markup(t.note, style, t.note in notes))
            continue
        s = escape(t.text)
        if t.bold:
            s = f"<b>{s}</b>"
        if t.italic:
            s = f"<i>{s}</i>"
        if t.small:
            s = f'<font size="{style.small_pt}" color="#{style.muted_colour}">{s}</font>'
        if t.highlight:
            s = f'<span backColor="#{style.highlight_fill}">{s}</span>'
        if t.link:
            s = f'<a href="{_attr(t.link)}" color="#{style.link_colour}"><u>{s}</u></a>'
        parts.append(s)
    return "".join(parts)
