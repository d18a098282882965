"""The author's own words ("Add to dictionary"), for every brief and language.

Kept in the app's data folder as ``dictionary.txt``: UTF-8 text, one word a
line, lines starting with ``#`` ignored, so an author (or IT) can read and
edit it. It is written whole through :func:`atomic_write`, so a crash never
leaves half a list.

A list that cannot be read as such (not text, control characters, a line
too long to be a word, far too large) is *damaged*: it is put aside beside
it (``dictionary.damaged-YYYYMMDD-HHMMSS.txt``, nothing is lost), a new
empty list takes its place, and :meth:`PersonalWords.take_problem` says so
once. A list the app may not write keeps the words added for this session
and the write raises :class:`WriteError` in plain words. Nothing here
raises anything else.
"""

from __future__ import annotations

import datetime as _dt
import os
import stat
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from briefing_app.errors import WriteError
from briefing_app.files import locations
from briefing_app.files.atomic import atomic_write

FILE_NAME = "dictionary.txt"
MAX_BYTES = 2 * 1024 * 1024  # about 150,000 words: far more than anyone adds
MAX_LINE = 100  # characters: longer is not a word (see words.MAX_WORD)
_HEADER = "# Briefing Builder: your own words, one a line (Add to dictionary).\n"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})


def word_key(word: str) -> str:
    """A word as it is stored and compared: NFC, plain apostrophes, trimmed."""
    return unicodedata.normalize("NFC", word.translate(_APOSTROPHES)).strip()


def accepting(words: Iterable[str]) -> frozenset[str]:
    """The forms a list of words accepts: each as written, in capitals, and
    a lower-case word also capitalised (at the start of a sentence), as
    Hunspell treats its own words."""
    forms: set[str] = set()
    for word in words:
        key = word_key(word)
        if not key:
            continue
        forms.add(key)
        forms.add(key.upper())
        if key[0].islower():
            forms.add(key[0].upper() + key[1:])
    return frozenset(forms)


class _Damaged(Exception):
    pass


def _parse(data: bytes) -> list[str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Damaged("it is not text") from None
    words = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if any(unicodedata.category(ch) == "Cc" for ch in line):
            raise _Damaged(f"line {number} holds control characters")
        if len(line) > MAX_LINE:
            raise _Damaged(f"line {number} is too long to be a word")
        words.append(word_key(line))
    return words


class PersonalWords:
    """The author's word list; safe to read from any thread."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or locations.user_data_dir() / FILE_NAME
        self._words: list[str] = []
        self.accepted: frozenset[str] = frozenset()
        self._problem = ""
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.RLock()
        self.load()

    @property
    def words(self) -> list[str]:
        return list(self._words)

    def take_problem(self) -> str:
        """What went wrong reading the list (once), or ""."""
        with self._lock:
            problem, self._problem = self._problem, ""
            return problem

    def _set(self, words: list[str]) -> None:
        self._words = sorted(set(words), key=str.casefold)
        self.accepted = accepting(self._words)

    def _file_stamp(self) -> tuple[int, int] | None:
        try:
            info = self.path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size)

    def refresh(self) -> None:
        """Read the file again if it changed (another window added a word)."""
        if self._file_stamp() != self._stamp:
            self.load()

    def load(self) -> None:
        with self._lock:
            self._stamp = self._file_stamp()
            try:
                info = self.path.stat()
            except FileNotFoundError:
                self._set([])
                return
            except OSError as exc:
                self._report(f"it cannot be read ({exc.strerror or exc})")
                return
            if not stat.S_ISREG(info.st_mode):
                self._report("it is not a file")
                return
            if info.st_size > MAX_BYTES:
                self._replace_damaged("it is far too large to be a word list")
                return
            try:
                with self.path.open("rb") as handle:
                    data = handle.read(MAX_BYTES + 1)
            except OSError as exc:
                self._report(f"it cannot be read ({exc.strerror or exc})")
                return
            try:
                self._set(_parse(data))
            except _Damaged as exc:
                self._replace_damaged(str(exc))

    def _report(self, why: str) -> None:
        self._problem = (
            f"Your word list '{self.path}' could not be used: {why}. Words you add to the "
            "dictionary are kept until you close the app."
        )

    def _replace_damaged(self, why: str) -> None:
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.stem}.damaged-{stamp}{self.path.suffix}")
        self._set([])
        try:
            os.replace(self.path, aside)
            atomic_write(self.path, _HEADER.encode("utf-8"))
        except (OSError, WriteError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            self._problem = (
                f"Your word list '{self.path}' is damaged ({why}) and could not be replaced "
                f"({reason}). Words you add to the dictionary are kept until you close the app."
            )
            return
        self._stamp = self._file_stamp()
        self._problem = (
            f"Your word list was damaged ({why}), so a new, empty one was started. The old "
            f"file was kept as '{aside}'."
        )

    def add(self, word: str) -> None:
        """Add ``word`` for good. It is accepted at once; when the list
        cannot be written, WriteError says why (it stays for this session)."""
        key = word_key(word)
        if not key or len(key) > MAX_LINE or "\n" in key:
            return
        with self._lock:
            self.refresh()
            if key in self._words:
                return
            self._set([*self._words, key])
            data = _HEADER + "".join(f"{w}\n" for w in self._words)
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise WriteError(
                    f"'{key}' was added for now, but your word list could not be saved: the "
                    f"folder '{self.path.parent}' cannot be made ({exc.strerror or exc})."
                ) from exc
            try:
                atomic_write(self.path, data.encode("utf-8"))
            except WriteError as exc:
                raise WriteError(
                    f"'{key}' was added for now, but your word list could not be saved, so it "
                    f"will be forgotten when you close the app. {exc}"
                ) from exc
            self._stamp = self._file_stamp()


_shared: PersonalWords | None = None
_shared_lock = threading.Lock()


def personal_words() -> PersonalWords:
    """The author's word list (read once, then again when the file changes)."""
    global _shared
    with _shared_lock:
        path = locations.user_data_dir() / FILE_NAME
        if _shared is None or _shared.path != path:
            _shared = PersonalWords(path)
        else:
            _shared.refresh()
        return _shared
