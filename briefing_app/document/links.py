"""Which link targets may become clickable links in an export."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_ANCHOR = re.compile(r"^#[A-Za-z][\w.-]*$")


def safe_link(target: str, anchors: frozenset[str] = frozenset()) -> str:
    """Return ``target`` if it may be a link in an export, else ``""``.

    Web and mail addresses pass, and ``#anchor`` when the anchor exists;
    anything else (javascript:, file:, data:, relative paths) does not: its
    text is still printed, just not as a link.
    """
    target = target.strip()
    if not target or any(ch.isspace() or ord(ch) < 32 for ch in target):
        return ""
    if target.startswith("#"):
        return target if _ANCHOR.match(target) and target[1:] in anchors else ""
    try:
        parts = urlsplit(target)
    except ValueError:
        return ""
    if parts.scheme.lower() not in SAFE_SCHEMES:
        return ""
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return ""
    if parts.scheme.lower() == "mailto" and "@" not in parts.path:
        return ""
    return target
