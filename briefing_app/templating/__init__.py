"""Templates: layouts and house styles, each a folder with a manifest.toml.

- manifest: read and check one template (values, files, every Jinja2 piece)
- sandbox: render a piece of Jinja2 with no reach outside it and a budget
- finder: find the shipped templates and the user's own, by id
- installer: copy an organisation's template into the user's folder

See docs/templates.md.
"""

from briefing_app.templating.finder import (
    Catalogue,
    catalogue,
    get_template,
    heading_sources,
)
from briefing_app.templating.installer import install_template
from briefing_app.templating.manifest import (
    MANIFEST,
    PAGE_SENTINEL,
    PAGES_SENTINEL,
    CitationStyle,
    MarkingPosition,
    Piece,
    SectionOrder,
    Template,
    load_template,
)

__all__ = [
    "MANIFEST",
    "PAGES_SENTINEL",
    "PAGE_SENTINEL",
    "Catalogue",
    "CitationStyle",
    "MarkingPosition",
    "Piece",
    "SectionOrder",
    "Template",
    "catalogue",
    "get_template",
    "heading_sources",
    "install_template",
    "load_template",
]
