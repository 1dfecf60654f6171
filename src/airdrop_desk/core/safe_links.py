"""Is a link really on the project's official site? Fake claim pages drain wallets.

``check_link`` accepts only https links whose host is an official domain or one of
its subdomains, and names every warning sign it sees otherwise: look-alike names
(typos, swapped letters, digits for letters, the brand inside another domain),
international characters that imitate Latin ones (punycode ``xn--``), URL
shorteners that hide the destination, a disguise before ``@``, bare IP addresses
and unencrypted http. The result carries the official domain to show beside it.

The link is parsed as a browser parses it (the WHATWG URL standard, through ada-url,
the parser Node.js uses): a backslash is a slash, tabs and newlines vanish, the last
``@`` ends the user part, a percent-encoded host is decoded and ``0x7f.1`` is an IP
address. The verdict is on the host the browser would go to, and a link written so
that it reads as one host but goes to another is flagged on its own.
"""

# ruff: noqa: RUF001  (the look-alike letters below are the point of this module)

from __future__ import annotations

import re
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
    href: str | None = None  # the address a browser opens, as the browser writes it

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


# A scheme as a browser finds one: letters, then "://" or ":" and a (back)slash.
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//|[/\\])")
_TAB_OR_NEWLINE = str.maketrans("", "", "\t\n\r")


def check_link(url: str, official: Sequence[str], require_official: bool = True) -> LinkCheck:
    """Judge ``url`` against the project's ``official`` domains.

    With ``require_official`` (claim pages, task links) any host off the official
    domains is a problem; without it (sources cited for a fact) only the warning
    signs of a fake count. A link typed without a scheme is taken as https.
    """
    import ada_url  # imported here: only needed once a link is judged

    official = tuple(d.lower() for d in official)
    text = url.strip()
    scheme_given = bool(_SCHEME_RE.match(text.translate(_TAB_OR_NEWLINE))) or "://" in text
    full = text if scheme_given else "https://" + text
    try:
        parsed = ada_url.URL(full)
    except ValueError:
        return LinkCheck(text, "", official, problems=["This is not a web address."])
    raw_host = parsed.hostname
    if not raw_host or parsed.protocol not in ("https:", "http:"):
        if scheme_given and parsed.protocol not in ("https:", "http:"):
            scheme = parsed.protocol.rstrip(":")
            problem = f"It uses {scheme}:, not https: it does not open a web page."
        else:
            problem = "This link has no web address."
        return LinkCheck(text, raw_host, official, problems=[problem])
    host, international = decode_host(raw_host)  # lower case, no final dot
    problems: list[str] = []
    if parsed.protocol != "https:":
        problems.append(
            "It uses http://, not https: the page is not protected and can be swapped on the way."
        )
    seen = _host_as_read(full)
    if parsed.username or parsed.password or seen.has_userinfo:
        problems.append(f"The text before “@” is a disguise: this link really goes to {host}.")
    elif seen.host != host.strip("[]") and not (seen.host and decode_host(seen.host)[0] == host):
        problems.append(
            f"The address is written to mislead: it reads as “{seen.host or text}”, "
            f"but a browser goes to {host}."
        )
    if parsed.host_type != ada_url.HostType.DEFAULT:
        problems.append("It points to a bare IP address, not a named site.")
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
    return LinkCheck(text, host, official, imitates, problems, parsed.href)


@dataclass(frozen=True)
class _Read:
    host: str
    has_userinfo: bool


def _host_as_read(url: str) -> _Read:
    """The host as a person reads the link: up to the first slash, after any ``@``."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        return _Read(host.rstrip("."), parts.username is not None)
    except ValueError:
        return _Read("", False)


def _to_ascii(host: str) -> str:
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
