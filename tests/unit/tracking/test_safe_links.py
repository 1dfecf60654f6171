"""Links off a project's official domains are flagged with the signs of a fake."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from airdrop_desk.core.safe_links import check_link, decode_host, is_on_domain, skeleton

STARKNET = ["starknet.io"]
APPLE_CYRILLIC = "\u0430\u0440\u0440\u04cf\u0435.com"  # a, er, er, palochka, ie


@pytest.mark.parametrize(
    "url",
    [
        "https://starknet.io/en/claim",
        "https://provisions.starknet.io/",
        "starknet.io/ecosystem",  # typed without a scheme: https is assumed
        "https://STARKNET.IO/",
    ],
)
def test_official_domain_and_its_subdomains_pass(url: str) -> None:
    check = check_link(url, STARKNET)
    assert check.safe and check.on_official, check.problems


@pytest.mark.parametrize(
    ("url", "words"),
    [
        # real phishing shapes: the brand inside another domain, typos, swapped letters
        ("https://starknet.io.claim-airdrop.com/", "imitates the official starknet.io"),
        ("https://starknet-provisions.com/claim", "imitates"),
        ("https://claim-starknet.org", "imitates"),
        ("https://starknnet.io", "imitates"),
        ("https://strakent.io", "imitates"),
        ("https://5tarknet.io", "imitates"),  # a digit for a letter
        ("https://notstarknet.io", "imitates"),  # a suffix match is not a subdomain
    ],
)
def test_lookalikes_are_flagged_with_the_official_domain(url: str, words: str) -> None:
    check = check_link(url, STARKNET)
    assert not check.safe
    assert check.imitates == "starknet.io"
    assert any(words in p for p in check.problems)
    assert check.official == ("starknet.io",)


def test_punycode_homograph_is_decoded_and_flagged() -> None:
    # apple.com spelt with Cyrillic letters: the well-known homograph demonstration
    check = check_link("https://xn--80ak6aa92e.com/", ["apple.com"])
    assert check.host == APPLE_CYRILLIC
    assert skeleton(check.host) == "apple.com"
    assert check.imitates == "apple.com"
    assert any(
        "international characters" in p and "xn--80ak6aa92e.com" in p for p in check.problems
    )
    cyrillic_a = check_link("https://st\u0430rknet.io/claim", STARKNET)  # Cyrillic a
    assert not cyrillic_a.safe and cyrillic_a.imitates == "starknet.io"
    assert decode_host("xn--80ak6aa92e.com") == (APPLE_CYRILLIC, True)


@pytest.mark.parametrize(
    "url",
    ["https://bit.ly/3StRkClaim", "https://t.co/abc123", "https://tinyurl.com/starknet-claim"],
)
def test_shorteners_hide_the_destination(url: str) -> None:
    check = check_link(url, STARKNET)
    assert any("link shortener" in p for p in check.problems)


def test_http_userinfo_and_ip_addresses() -> None:
    plain = check_link("http://starknet.io/claim", STARKNET)
    assert [p for p in plain.problems if "not https" in p]
    disguised = check_link("https://starknet.io@drainer.example/claim", STARKNET)
    assert disguised.host == "drainer.example"
    assert any("disguise" in p for p in disguised.problems)
    assert any("IP address" in p for p in check_link("https://45.9.148.3/", STARKNET).problems)


def test_other_sites_need_to_be_official_only_for_claims_and_tasks() -> None:
    news = "https://www.coindesk.com/markets/2024/02/20/starknet-airdrop"
    assert not check_link(news, STARKNET).safe  # as a claim or task link
    assert check_link(news, STARKNET, require_official=False).safe  # as a cited source
    fake = check_link("https://starknet-claim.net", STARKNET, require_official=False)
    assert not fake.safe  # a lookalike is flagged wherever it appears
    nothing = check_link("https://example.org", [])
    assert any("no official site" in p for p in nothing.problems)


def test_domain_matching_is_by_label() -> None:
    assert is_on_domain("a.b.starknet.io", "starknet.io")
    assert not is_on_domain("evilstarknet.io", "starknet.io")
    assert not check_link("not a url at all", STARKNET).safe


# Links that read as an official address but that a browser opens elsewhere: the
# WHATWG URL rules (a backslash is a slash, tabs and newlines vanish, the last "@"
# ends the user part, %-escapes in the host are decoded, "0x7f.1" is an IP address).
@pytest.mark.parametrize(
    ("url", "goes_to"),
    [
        ("https://drainer.example\\.starknet.io/claim", "drainer.example"),
        ("https://drainer.example\\starknet.io/claim", "drainer.example"),
        ("HTTPS://DRAINER.EXAMPLE\\.STARKNET.IO/claim", "drainer.example"),
        ("  https://drainer.example\\.starknet.io/claim\n", "drainer.example"),
        ("drainer.example\\.starknet.io/claim", "drainer.example"),  # no scheme typed
        ("https:\\\\drainer.example\\starknet.io", "drainer.example"),
        ("https:/\\drainer.example/starknet.io", "drainer.example"),
        ("https://drainer.example\\@starknet.io/claim", "drainer.example"),
        ("https://starknet.io@drainer.example/claim", "drainer.example"),
        ("https://starknet.io:443@drainer.example/", "drainer.example"),
        ("https://starknet.io%2edrainer.example/claim", "starknet.io.drainer.example"),
        ("https://starknet.io\t.drainer.example/claim", "starknet.io.drainer.example"),
        ("https://starknet.io\n.drainer.example/claim", "starknet.io.drainer.example"),
        ("https://star\tknet.io.drainer.example/", "starknet.io.drainer.example"),
        ("https://0x7f.1/claim", "127.0.0.1"),
        ("https://0177.0.0.1/", "127.0.0.1"),
        ("https://2130706433/", "127.0.0.1"),
        ("https://127.1./", "127.0.0.1"),
        ("https://%31%32%37.0.0.1/", "127.0.0.1"),
    ],
)
def test_links_a_browser_opens_elsewhere_are_not_official(url: str, goes_to: str) -> None:
    check = check_link(url, STARKNET)
    assert not check.safe
    assert not check.on_official
    assert check.host == goes_to
    # what opens is written so that any parser reads the same host
    assert check.href is not None and urlsplit(check.href).hostname == goes_to


@pytest.mark.parametrize(
    "url",
    [
        "https://0x7f.1/claim",
        "https://2130706433/",
        "https://[::1]/claim",
    ],
)
def test_every_spelling_of_an_ip_address_is_named(url: str) -> None:
    assert any("IP address" in p for p in check_link(url, STARKNET).problems)


def test_an_ipv6_address_in_brackets_is_not_called_misleading() -> None:
    check = check_link("https://[::1]/claim", STARKNET)
    assert check.host == "[::1]" and not any("mislead" in p for p in check.problems)


def test_a_host_hidden_in_escapes_is_named_even_when_it_lands_on_the_official_site() -> None:
    check = check_link("https://%73tarknet.io/claim", STARKNET)
    assert check.host == "starknet.io"
    assert any("written to mislead" in p and "starknet.io" in p for p in check.problems)


@pytest.mark.parametrize(
    ("url", "href"),
    [
        ("https://starknet.io./claim", "https://starknet.io./claim"),  # a final dot
        ("https://STARKNET.IO:443/claim", "https://starknet.io/claim"),
        (
            "https://provisions.starknet.io/claim?ref=a@b",
            "https://provisions.starknet.io/claim?ref=a@b",
        ),
        (
            "https://starknet.io/claim#@drainer.example",
            "https://starknet.io/claim#@drainer.example",
        ),
        ("https://starknet.io/a\\b", "https://starknet.io/a/b"),  # the path, not the host
        ("starknet.io/claim", "https://starknet.io/claim"),
    ],
)
def test_official_links_in_unusual_but_honest_spellings_pass(url: str, href: str) -> None:
    check = check_link(url, STARKNET)
    assert check.safe, check.problems
    assert check.href == href


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(document.cookie)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "ftp://starknet.io/claim",
        "https://",
        "https://star knet.io/",
        "https://starknet.io%00.drainer.example/",
    ],
)
def test_what_is_not_a_web_page_on_an_official_site_is_flagged(url: str) -> None:
    check = check_link(url, STARKNET)
    assert not check.safe
    assert not check.on_official or check.problems
