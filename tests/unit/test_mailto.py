"""“Email participants”: a mailto link with everyone in BCC, readable by mail programs."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

from kommandesk.interchange.mailto import SAFE_LIMIT, address_list, mailto_bcc, too_long, warning


def test_all_addresses_go_into_bcc_and_read_back_unchanged():
    addresses = ["anna@example.org", "sükrü.yilmaz@example.de", "o'brien+kurs@example.com"]
    url = mailto_bcc(addresses, "Kurs K-2026-0007: Raum geändert & neue Zeit?")
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == ""
    query = parse_qs(parts.query)
    assert query["bcc"][0].split(",") == addresses
    assert query["subject"] == ["Kurs K-2026-0007: Raum geändert & neue Zeit?"]
    assert " " not in url and "ü" not in url  # percent-encoded UTF-8


def test_blanks_and_repeats_are_left_out():
    url = mailto_bcc(["a@b.de", "", "  ", "A@B.de", " c@d.de "], "")
    assert unquote(url) == "mailto:?bcc=a@b.de,c@d.de"
    assert address_list(["a@b.de", "A@B.DE", "c@d.de"]) == "a@b.de; c@d.de"


def test_no_addresses_still_opens_an_empty_mail():
    assert mailto_bcc([], "") == "mailto:"
    assert mailto_bcc(["", None], "Hallo") == "mailto:?subject=Hallo"


def test_a_long_list_gets_a_warning_with_the_way_out():
    few = [f"person{i}@example.org" for i in range(10)]
    many = [f"person{i}@example.org" for i in range(200)]
    assert not too_long(mailto_bcc(few)) and warning(mailto_bcc(few), 10) is None
    url = mailto_bcc(many, "Kurs")
    assert len(url) > SAFE_LIMIT and too_long(url)
    assert "200 participants" in warning(url, 200) and "BCC" in warning(url, 200)
