"""Is a link really on the project's official site? Fake claim pages drain wallets.

``check_link`` accepts only https links whose host is an official domain or one of
its subdomains, and names every warning sign it sees otherwise: look-alike names
(typos, swapped letters, digits for letters, the brand inside another domain),
international characters that imitate Latin ones (punycode ``xn--``), URL
shorteners that hide the destination, a disguise before ``@``, bare IP addresses
and unencrypted http. The result carries the official domain to show beside it.
"""

# ruff: noqa: RUF001  (the look-alike letters below are the point of this module)

from __future__ import annotations

import ipaddress
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SHORTENERS = frozenset(
    {
        "bit.ly",
        "bitly.com",
        "t.co",
        "tinyurl.com",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "cutt.ly",
        "rebrand.ly",
        "t.ly",
        "shorturl.at",
        "rb.gy",
        "tiny.cc",
        "s.id",
        "bit.do",
        "lnkd.in",
        "v.gd",
        "shorte.st",
        "adf.ly",
        "tiny.one",
        "urlz.fr",
        "qrco.de",
        "linktr.ee",
        "t.me",
        "surl.li",
        "clck.ru",
        "u.to",
        "soo.gd",
        "bl.ink",
        "short.io",
        "dub.sh",
    }
)
# Characters from other scripts that render like Latin letters, and digit swaps.
_CONFUSABLE = str.maketrans(
    {
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "у": "y",
        "і": "i",
        "ј": "j",
        "ѕ": "s",
        "ԁ": "d",
        "һ": "h",
        "ӏ": "l",
        "к": "k",
        "м": "m",
        "т": "t",
        "в": "b",
        "н": "h",
        "ո": "n",
        "ս": "u",
        "օ": "o",
        "ɡ": "g",
        "ı": "i",
        "ɩ": "i",
        "α": "a",
        "ο": "o",
        "ρ": "p",
        "ν": "v",
        "ι": "i",
        "κ": "k",
        "τ": "t",
        "υ": "u",
        "0": "o",
        "1": "l",
        "3": "e",
        "5": "s",
        "$": "s",
    }
)
_MULTI = (("rn", "m"), ("vv", "w"), ("cl", "d"), ("ii", "u"))


@dataclass(frozen=True)
class LinkCheck:
    """The verdict on one link; ``problems`` are sentences to show, empty when safe."""

    url: str
    host: str  # as a person reads it (international characters decoded)
    official: tuple[str, ...]  # the project's official domains, to show beside the link
    imitates: str | None = None  # the official domain this host looks like
    problems: list[str] = field(default_factory=list)

    @property
    def safe(self) -> bool:
        return not self.problems

    @property
    def on_official(self) -> bool:
        return any(is_on_domain(self.host, d) for d in self.official)


def is_on_domain(host: str, domain: str) -> bool:
    """True for ``domain`` itself or any subdomain of it (never a mere suffix match)."""
    return host == domain or host.endswith("." + domain)


def decode_host(host: str) -> tuple[str, bool]:
    """The host in readable Unicode, and whether it uses punycode or non-ASCII at all."""
    host = host.rstrip(".").lower()
    international = not host.isascii() or any(p.startswith("xn--") for p in host.split("."))
    if not international:
        return host, False
    import idna  # IDNA 2008, as browsers apply it

    try:
        return idna.decode(host), True
    except idna.IDNAError:
        try:
            return host.encode("ascii").decode("idna"), True
        except UnicodeError:
            return host, True


def skeleton(text: str) -> str:
    """``text`` with look-alike characters folded to plain Latin letters."""
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = folded.translate(_CONFUSABLE)
    for pair, single in _MULTI:
        folded = folded.replace(pair, single)
    return folded


def _distance(a: str, b: str) -> int:
    """Edit distance with adjacent swaps (Damerau-Levenshtein, optimal string alignment)."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _imitated(host: str, official: Sequence[str]) -> str | None:
    """The official domain ``host`` imitates, if any."""
    labels = [skeleton(p) for p in host.split(".")]
    words = {w for label in labels for w in label.split("-") if w} | set(labels)
    for domain in official:
        brand = domain.split(".")[0]
        brand_skel = skeleton(brand)
        if skeleton(host) == skeleton(domain):
            return domain
        for word in words:
            if brand_skel == word or (len(brand) >= 4 and brand_skel in word):
                return domain
            if len(brand) >= 5 and _distance(word, brand_skel) <= 2:
                return domain
    return None


def check_link(url: str, official: Sequence[str], require_official: bool = True) -> LinkCheck:
    """Judge ``url`` against the project's ``official`` domains.

    With ``require_official`` (claim pages, task links) any host off the official
    domains is a problem; without it (sources cited for a fact) only the warning
    signs of a fake count.
    """
    official = tuple(d.lower() for d in official)
    text = url.strip()
    try:
        parts = urlsplit(text if "://" in text else "https://" + text)
        raw_host = parts.hostname or ""
        has_userinfo = parts.username is not None
    except ValueError:
        return LinkCheck(text, "", official, problems=["This is not a web address."])
    if not raw_host:
        return LinkCheck(text, "", official, problems=["This link has no web address."])
    host, international = decode_host(raw_host)
    problems: list[str] = []
    if "://" in text and parts.scheme != "https":
        problems.append(
            f"It uses {parts.scheme}://, not https: the page is not protected "
            "and can be swapped on the way."
        )
    if has_userinfo:
        problems.append(f"The text before “@” is a disguise: this link really goes to {host}.")
    try:
        ipaddress.ip_address(raw_host)
        problems.append("It points to a bare IP address, not a named site.")
    except ValueError:
        pass
    if host in SHORTENERS:
        problems.append(f"{host} is a link shortener: it hides where the link really goes.")
    on_official = any(is_on_domain(host, d) for d in official)
    imitates = None
    if international:
        ascii_form = raw_host if raw_host.isascii() else _to_ascii(raw_host)
        problems.append(
            f"It uses international characters that can imitate Latin letters "
            f"(“{host}” is really “{ascii_form}”)."
        )
        on_official = False
    if not on_official:
        imitates = _imitated(host, official)
        if imitates is not None:
            problems.append(f"{host} imitates the official {imitates}, but is not it.")
        elif require_official and official:
            problems.append(f"{host} is not an official site of this project.")
        elif require_official:
            problems.append(
                "This project has no official site in the catalog to check the link against."
            )
    return LinkCheck(text, host, official, imitates, problems)


def _to_ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
