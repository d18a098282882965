"""Where Hunspell dictionaries are, and which one a brief's language uses.

A dictionary is a pair of files, ``NAME.aff`` and ``NAME.dic``, named after
its language in Hunspell's way (``en_GB``, ``fr``, ``de_DE``). They are
looked for, first match wins, in:

1. the folder ``dictionaries`` in the app's data folder (the author's or
   their IT department's own, any language);
2. the app's own ``assets/dictionaries`` (British and American English,
   SCOWL: the same words on every computer);
3. the system's folders (Linux: /usr/share/hunspell and the myspell ones,
   where Debian's ``hunspell-fr``, ``hunspell-de-de``... put theirs; macOS:
   ~/Library/Spelling and /Library/Spelling).

A brief's language is a BCP 47 tag ("en-GB", "fr", "de-CH"); ``fr`` finds
``fr`` or ``fr_FR``, ``de-CH`` finds ``de_CH`` or else any ``de``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from briefing_app.files import locations

#: Folders Hunspell dictionaries are installed in on this kind of system.
if sys.platform == "darwin":
    SYSTEM_FOLDERS: tuple[Path, ...] = (
        Path.home() / "Library" / "Spelling",
        Path("/Library/Spelling"),
    )
elif sys.platform == "win32":
    SYSTEM_FOLDERS = ()
else:
    SYSTEM_FOLDERS = (
        Path("/usr/share/hunspell"),
        Path("/usr/share/myspell"),
        Path("/usr/share/myspell/dicts"),
        Path("/usr/local/share/hunspell"),
    )

# Names for the languages a brief is most likely in; any other shows its tag.
_NAMES = {
    "en-GB": "English (UK)",
    "en-US": "English (US)",
    "en-AU": "English (Australia)",
    "en-CA": "English (Canada)",
    "en-IE": "English (Ireland)",
    "en-NZ": "English (New Zealand)",
    "en-ZA": "English (South Africa)",
    "fr": "French",
    "fr-FR": "French (France)",
    "fr-BE": "French (Belgium)",
    "fr-CA": "French (Canada)",
    "fr-CH": "French (Switzerland)",
    "fr-LU": "French (Luxembourg)",
    "fr-MC": "French (Monaco)",
    "de": "German",
    "de-DE": "German (Germany)",
    "de-AT": "German (Austria)",
    "de-BE": "German (Belgium)",
    "de-CH": "German (Switzerland)",
    "de-LU": "German (Luxembourg)",
    "es": "Spanish",
    "es-ES": "Spanish (Spain)",
    "it-IT": "Italian",
    "nl-NL": "Dutch",
    "pl-PL": "Polish",
    "pt-PT": "Portuguese (Portugal)",
    "pt-BR": "Portuguese (Brazil)",
    "ru-RU": "Russian",
    "uk-UA": "Ukrainian",
    "be-BY": "Belarusian",
    "lt-LT": "Lithuanian",
    "lv-LV": "Latvian",
    "et-EE": "Estonian",
    "sv-SE": "Swedish",
    "cy-GB": "Welsh",
}

#: Writing systems other than the Latin alphabet, by language subtag.
_SCRIPTS = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "kk", "ky", "mn", "tg"), "CYRILLIC"),
    "el": "GREEK",
    **dict.fromkeys(("he", "yi"), "HEBREW"),
    **dict.fromkeys(("ar", "fa", "ur"), "ARABIC"),
    "hy": "ARMENIAN",
    "ka": "GEORGIAN",
}


@dataclass(frozen=True, slots=True)
class DictionaryFiles:
    """One Hunspell dictionary found on this computer."""

    tag: str  # "en-GB"
    folder: Path
    stem: str  # "en_GB": the files are folder/stem.aff and folder/stem.dic

    @property
    def aff(self) -> Path:
        return self.folder / f"{self.stem}.aff"

    @property
    def dic(self) -> Path:
        return self.folder / f"{self.stem}.dic"


def normalise_tag(tag: str) -> str:
    """'en_gb' or ' EN-GB ' -> 'en-GB'; '' -> 'en-GB' (the default)."""
    parts = [p for p in tag.strip().replace("_", "-").split("-") if p]
    if not parts:
        return "en-GB"
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 or part.isdigit():
            out.append(part.upper())  # a region
        elif len(part) == 4:
            out.append(part.title())  # a script: Latn, Cyrl
        else:
            out.append(part.lower())
    return "-".join(out)


def language_name(tag: str) -> str:
    """'en-GB' -> 'English (UK)'; a tag without a name is shown as it is."""
    tag = normalise_tag(tag)
    return _NAMES.get(tag, tag)


def script_of(tag: str) -> str:
    """The writing system the language's words are in ('LATIN', 'CYRILLIC'...)."""
    parts = normalise_tag(tag).split("-")
    for part in parts[1:]:
        if part in ("Latn", "Cyrl", "Grek"):
            return {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Grek": "GREEK"}[part]
    return _SCRIPTS.get(parts[0], "LATIN")


def _tag_of(stem: str) -> str | None:
    """'en_GB' -> 'en-GB', 'fr' -> 'fr'; None for names that are not a
    language ('hyph_fr', 'th_en_US_v2', 'en_GB-large' is 'en-GB-large')."""
    parts = stem.replace("_", "-").split("-")
    if not (2 <= len(parts[0]) <= 3 and parts[0].isalpha() and parts[0].islower()):
        return None
    return normalise_tag(stem)


def search_folders() -> list[Path]:
    """Where dictionaries are looked for, in order (see the module's notes)."""
    folders = [locations.user_data_dir() / "dictionaries"]
    try:
        folders.append(locations.assets_dir() / "dictionaries")
    except FileNotFoundError:
        pass  # a damaged installation: the system's dictionaries may still do
    folders.extend(SYSTEM_FOLDERS)
    return folders


def _in_folder(folder: Path) -> list[DictionaryFiles]:
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return []
    found = []
    present = set(names)
    for name in names:
        stem, dot, ending = name.rpartition(".")
        if not dot or ending != "aff" or f"{stem}.dic" not in present:
            continue
        tag = _tag_of(stem)
        if tag is not None:
            found.append(DictionaryFiles(tag, folder, stem))
    return found


def installed() -> dict[str, DictionaryFiles]:
    """Every dictionary found, by language tag (the first found wins)."""
    found: dict[str, DictionaryFiles] = {}
    for folder in search_folders():
        for files in _in_folder(folder):
            found.setdefault(files.tag, files)
    return found


def find(tag: str) -> DictionaryFiles | None:
    """The dictionary for ``tag``: the same tag, else the language's main
    one ('fr' -> 'fr-FR'), else any of the language ('de-CH' -> 'de-DE')."""
    tag = normalise_tag(tag)
    found = installed()
    if tag in found:
        return found[tag]
    language = tag.split("-")[0]
    for candidate in (language, f"{language}-{language.upper()}"):
        if candidate in found:
            return found[candidate]
    same = sorted(t for t in found if t.split("-")[0] == language)
    return found[same[0]] if same else None


def available_languages() -> list[tuple[str, str]]:
    """(tag, name) of every language a dictionary was found for, by name."""
    return sorted(((tag, language_name(tag)) for tag in installed()), key=lambda t: t[1])
