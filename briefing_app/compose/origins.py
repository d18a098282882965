"""Where each printed piece of a brief came from, for Word round trips.

A Word export marks every section heading, paragraph, list item and table
row with a hidden bookmark (a name starting with ``_``, which Word hides and
keeps through editing, and LibreOffice keeps through a save). The name says
which section the piece belongs to, where in the section it stood, and a
short hash of its text as exported, so *Update from Word* can tell what a
colleague changed from what the author changed since:

- ``_bb<section>_h<hash>``: the start of a section (its heading, or the
  title of a callout section); the hash is of the section as exported
  (``000000`` for a template's standard text, which has no section);
- ``_bb<section>_<path>_<hash>``: a piece of text, ``<path>`` its place
  (``3`` the fourth block, ``3i2`` its third list item, ``3b1`` the second
  block of a callout, ``3t`` a callout's title, ``r4`` a table's fifth row,
  ``hd`` the table's header row); the hash is of its text as printed
  (document/origins.py, which the Word writer uses).

``<section>`` is 8 hex digits of a hash of the section's id (Word allows 40
characters in a bookmark name, and only letters, digits and ``_``).
The file also carries the brief's identity and a fingerprint of the brief
as exported, in the document's custom properties (DocInfo).
"""

from __future__ import annotations

import json

from briefing_app.document.origins import short_hash
from briefing_app.model.brief import Brief, Section
from briefing_app.model.fileformat import brief_to_dict, section_to_json


def section_key(section_id: str) -> str:
    return short_hash("section:" + section_id, 8)


#: The hash in the start mark of a template's standard text (no section of its own).
STANDARD_HASH = "000000"


def standard_key(kind: str) -> str:
    """The section key of a template's standard text for a kind of section."""
    return short_hash("standard:" + kind, 8)


def section_keys(brief: Brief) -> dict[str, str]:
    """Section key -> section id, for the brief's sections (a key two
    sections share, as likely as a lottery win, is left out: those
    sections are matched by their headings)."""
    seen: dict[str, str] = {}
    shared: set[str] = set()
    for section in brief.sections:
        key = section_key(section.id)
        if key in seen:
            shared.add(key)
        seen[key] = section.id
    return {k: v for k, v in seen.items() if k not in shared}


def section_hash(section: Section) -> str:
    return short_hash(json.dumps(section_to_json(section), sort_keys=True, ensure_ascii=False))


def start_origin(key: str, hash_: str) -> str:
    return f"{key}_h{hash_}"


def brief_version(brief: Brief) -> str:
    """A fingerprint of what the brief holds (not of when it was saved)."""
    data = brief_to_dict(brief)
    data.pop("review_notes", None)
    return short_hash(json.dumps(data, sort_keys=True, ensure_ascii=False), 16)
