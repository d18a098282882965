"""Section kinds guessed from imported titles, including the meeting brief's."""

from __future__ import annotations

import pytest

from briefing_app.importers.kinds import guess_text_kind
from briefing_app.model import SectionKind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Purpose", SectionKind.PURPOSE),
        ("Purpose of the meeting", SectionKind.PURPOSE),
        ("Key messages", SectionKind.SUMMARY),
        ("Lines to take", SectionKind.RECOMMENDATIONS),
        ("2. Background", SectionKind.CONTEXT),
        ("Annex on procurement", SectionKind.CUSTOM_TEXT),
    ],
)
def test_meeting_brief_titles_get_their_kinds(title: str, kind: SectionKind) -> None:
    assert guess_text_kind(title) is kind
