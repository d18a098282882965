"""What a link may point to, checked as the author types it."""

from __future__ import annotations

from briefing_app.document.links import safe_link
from briefing_app.model.text import clean_text


def check_link(address: str) -> tuple[str, str]:
    """Return ``(address to store, problem)``; problem is "" when acceptable.

    An empty address is acceptable (it removes the link). Addresses typed as
    people say them ("www.gov.uk", "name@example.org") get their scheme.
    """
    address = clean_text(address, multiline=False).strip()
    if not address:
        return "", ""
    if any(ch.isspace() for ch in address):
        return address, "A link address cannot contain spaces."
    lowered = address.lower()
    if "://" not in lowered and not lowered.startswith("mailto:"):
        if "@" in address and "/" not in address:
            address = "mailto:" + address
        elif "." in address.split("/")[0] and ":" not in address.split("/")[0]:
            address = "https://" + address
    # The same rule the exports apply, so a link accepted here stays a link.
    if safe_link(address) and not address.startswith("#"):
        return address, ""
    return address, (
        f'"{address}" is not a web page or e-mail address. Links can go to web pages '
        "(starting with https:// or http://) or to e-mail addresses (mailto:name@example.org)."
    )
