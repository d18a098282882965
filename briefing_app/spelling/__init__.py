"""Spelling: Hunspell dictionaries, the words checked, the author's own list.

Qt-free, for the check before sending (``briefing-app check``, the app's
check panel) and the editors' red underlines alike:

    speller = speller_for("en-GB")            # SpellerUnavailable if none
    misspelt("We will recieve it", speller)   # [Word(8, 15, 'recieve', ...)]
    speller.suggest("recieve")                # ['receive', 'relieve', ...]

- :mod:`.dictionaries`: where dictionaries are, language names and tags;
- :mod:`.engine`: the Hunspell engine, one cached :class:`Speller` per language;
- :mod:`.words`: which words are checked (addresses, acronyms... skipped);
- :mod:`.wordlist`: the author's word list in the app's data folder;
- :mod:`.check`: misspelt words in a text and in a brief.

The brief's own ignore list is ``Metadata.ignored_words`` (saved in the
brief); see docs/spelling.md.
"""

from __future__ import annotations

from briefing_app.spelling.check import accepted_words, misspelt, problems, token_spans
from briefing_app.spelling.dictionaries import available_languages, language_name
from briefing_app.spelling.engine import Speller, SpellerUnavailable, speller_for
from briefing_app.spelling.wordlist import PersonalWords, accepting, personal_words
from briefing_app.spelling.words import Word, words

__all__ = [
    "PersonalWords",
    "Speller",
    "SpellerUnavailable",
    "Word",
    "accepted_words",
    "accepting",
    "available_languages",
    "language_name",
    "misspelt",
    "personal_words",
    "problems",
    "speller_for",
    "token_spans",
    "words",
]
