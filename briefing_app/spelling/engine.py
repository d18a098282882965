"""The spelling engine: Hunspell, through the ``chunspell`` binding.

Hunspell is the checker of LibreOffice, Firefox and Chrome; ``chunspell``
wraps its C++ library (carried inside the wheel, for Linux, Windows and
macOS) and loads a dictionary from the files we name. Measured against the
alternatives in docs/spelling.md: a pure-Python port (spylls) was fast
enough for English but took 2 s to load French and 132 s for one French
suggestion; pyenchant cannot be told which dictionary files to use and its
library is not carried by a desktop bundle on Linux.

One :class:`Speller` per language, loaded once and shared by every thread
(the binding holds Python's lock during each call, so calls never overlap).
Answers are cached: a brief repeats its words, and typing re-checks the
same paragraph at every key.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import OrderedDict

from briefing_app.spelling import dictionaries
from briefing_app.spelling.dictionaries import DictionaryFiles

#: Words longer than this get no suggestions (Hunspell's time grows with
#: the length, and such a word is rarely a slip of one letter).
MAX_SUGGEST_LENGTH = 40
_CACHE_SIZE = 50_000
_SUGGEST_CACHE_SIZE = 2_000


class SpellerUnavailable(Exception):
    """No dictionary, or one that cannot be read: the message says which."""


class Speller:
    """Looks words up in one Hunspell dictionary, with caches."""

    def __init__(self, files: DictionaryFiles) -> None:
        import hunspell  # the chunspell package

        self.files = files
        self.tag = files.tag
        self.name = dictionaries.language_name(files.tag)
        self.script = dictionaries.script_of(files.tag)
        # Paths as UTF-8 on Linux and macOS whatever the locale says (the
        # binding uses the locale's encoding, ASCII under LANG=C); Windows
        # passes them its own way.
        encoding = None if sys.platform == "win32" else "utf-8"
        try:
            self._hunspell = hunspell.Hunspell(
                files.stem, hunspell_data_dir=str(files.folder), system_encoding=encoding
            )
        except (OSError, UnicodeError, ValueError) as exc:
            raise SpellerUnavailable(
                f"the {self.name} dictionary ({files.aff}) could not be read: {exc}"
            ) from exc
        self._known: dict[str, bool] = {}
        self._suggested: OrderedDict[str, tuple[str, ...]] = OrderedDict()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<Speller {self.tag} {self.files.aff}>"

    def check(self, key: str) -> bool:
        """True when the dictionary knows ``key`` (a word as :func:`words` gives it)."""
        known = self._known.get(key)
        if known is None:
            try:
                known = bool(self._hunspell.spell(key))
            except UnicodeError:
                known = False  # a letter the dictionary's encoding lacks
            if len(self._known) >= _CACHE_SIZE:
                self._known.clear()
            self._known[key] = known
        return known

    def cached_suggestions(self, key: str) -> tuple[str, ...] | None:
        with self._lock:
            return self._suggested.get(key)

    def suggest(self, key: str, limit: int = 5) -> list[str]:
        """Up to ``limit`` corrections, best first (none for very long words)."""
        found = self.cached_suggestions(key)
        if found is None:
            found = self._suggest(key) if len(key) <= MAX_SUGGEST_LENGTH else ()
            with self._lock:
                self._suggested[key] = found
                while len(self._suggested) > _SUGGEST_CACHE_SIZE:
                    self._suggested.popitem(last=False)
        return list(found[:limit])

    def _suggest(self, key: str) -> tuple[str, ...]:
        try:
            raw = self._hunspell.suggest(key)
        except UnicodeError:
            return ()
        squeezed = key.replace("-", "").replace(" ", "")
        # Hunspell offers the word cut in two ("t eh", "co-lour"): keep those
        # only when there is nothing else.
        better = [s for s in raw if s.replace(" ", "").replace("-", "") != squeezed]
        return tuple(dict.fromkeys(better or raw))


_spellers: dict[str, Speller | str] = {}  # a string: why there is none
_loading = threading.Lock()


def _load(tag: str) -> Speller | str:
    files = dictionaries.find(tag)
    if files is None:
        return (
            f"no {dictionaries.language_name(tag)} ({tag}) spelling dictionary was found on "
            "this computer"
        )
    try:
        return Speller(files)
    except SpellerUnavailable as exc:
        return str(exc)
    except ImportError as exc:  # a damaged installation
        return f"the spelling checker could not be loaded ({exc})"


def speller_for(tag: str) -> Speller:
    """The speller for a language tag, loaded on first use (about 40 ms for
    English); raises SpellerUnavailable, saying why, when there is none."""
    tag = dictionaries.normalise_tag(tag)
    with _loading:
        found = _spellers.get(tag)
        if found is None:
            found = _spellers[tag] = _load(tag)
    if isinstance(found, str):
        raise SpellerUnavailable(found)
    return found


def forget_spellers() -> None:
    """Look for dictionaries again on next use (one was installed)."""
    with _loading:
        _spellers.clear()


def timed_load(tag: str) -> float:
    """Seconds taken to load the speller for ``tag`` afresh (benchmarks)."""
    start = time.perf_counter()
    with _loading:
        _spellers.pop(dictionaries.normalise_tag(tag), None)
    speller_for(tag)
    return time.perf_counter() - start
