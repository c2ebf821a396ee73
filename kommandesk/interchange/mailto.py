"""A mailto: link that opens the user's mail program with every participant in BCC (KommanDesk sends nothing).

BCC keeps the participants' addresses from one another. Some mail programs (Outlook on Windows among them) cut
mailto links at about 2,000 characters: :func:`too_long` says when a link risks that, and :func:`address_list`
gives the addresses to paste instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import quote

from kommandesk.i18n import ngettext

SAFE_LIMIT = 2000


def unique_addresses(addresses: Iterable[str]) -> list[str]:
    """Trimmed, without blanks, each address once (ignoring case), in the order given."""
    seen: set[str] = set()
    result = []
    for address in addresses:
        address = (address or "").strip()
        if address and address.casefold() not in seen:
            seen.add(address.casefold())
            result.append(address)
    return result


def mailto_bcc(addresses: Iterable[str], subject: str = "") -> str:
    """'mailto:?bcc=a%40b.de,c%40d.de&subject=...' (RFC 6068, every part percent-encoded as UTF-8)."""
    parts = []
    found = unique_addresses(addresses)
    if found:
        parts.append("bcc=" + ",".join(quote(address, safe="") for address in found))
    if subject:
        parts.append("subject=" + quote(subject, safe=""))
    return "mailto:" + ("?" + "&".join(parts) if parts else "")


def too_long(url: str) -> bool:
    """True when a mail program may cut the link: show the addresses to copy instead (see :func:`address_list`)."""
    return len(url) > SAFE_LIMIT


def address_list(addresses: Iterable[str]) -> str:
    """The addresses for the clipboard, separated by '; ' (Outlook's separator; Thunderbird accepts it too)."""
    return "; ".join(unique_addresses(addresses))


def warning(url: str, count: int) -> str | None:
    """A message for the user when the link is too long for some mail programs, else None."""
    if not too_long(url):
        return None
    return ngettext("The email to {count} participant may be cut off by your mail program because the address list "
                    "is long. Copy the addresses and paste them into the BCC field instead.",
                    "The email to {count} participants may be cut off by your mail program because the address list "
                    "is long. Copy the addresses and paste them into the BCC field instead.", count).format(count=count)
