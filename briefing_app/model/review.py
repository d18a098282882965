"""Review notes: a colleague's comments brought back from Word.

A note belongs to a section (and quotes the words it was attached to); it
is shown in the app's Review panel, never printed, and the author resolves
it. Notes live in the .brief file (``review_notes``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from briefing_app.model.text import clean_text


def new_note_id() -> str:
    return "n-" + secrets.token_hex(4)


@dataclass(slots=True)
class ReviewNote:
    section_id: str  # "" when the section is no longer known
    text: str
    quote: str = ""  # the words the comment was attached to
    author: str = ""
    date: str = ""  # as Word wrote it (ISO 8601), or ""
    resolved: bool = False
    id: str = field(default_factory=new_note_id)

    def __post_init__(self) -> None:
        self.section_id = clean_text(self.section_id, multiline=False).strip()
        self.text = clean_text(self.text)
        self.quote = clean_text(self.quote, multiline=False)
        self.author = clean_text(self.author, multiline=False)
        self.date = clean_text(self.date, multiline=False).strip()
        self.id = clean_text(self.id, multiline=False).strip() or new_note_id()
