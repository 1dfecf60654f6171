"""Every link in the bundled catalog passes the safe-link check of the project citing it.

The rule, as the window applies it:

- a project's official domains (``official_sites``) are links to its own site: each
  must pass the strict check (``require_official=True``), as a claim page would;
- a source a project cites may be any news site, but must not look like a fake of the
  project: it passes the check the detail pane runs on sources
  (``require_official=False``), against the official domains of *each* project citing it.
  So a page of the project's own (its docs, blog, claim FAQ) must be on a listed
  domain, or it would be flagged as an imitation; third-party news sites are not the
  project's and are not listed;
- an official domain is never a whole shared host (mirror.xyz, github.com, ...): a
  project's blog there is listed by its own subdomain only.
"""

from __future__ import annotations

import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.domain import Catalog, Project
from airdrop_desk.core.records import project_source_ids
from airdrop_desk.core.safe_links import check_link
from airdrop_desk.resources import bundled_catalog_path

SHARED_HOSTS = {
    "mirror.xyz",
    "github.com",
    "githubusercontent.com",
    "medium.com",
    "substack.com",
    "gitbook.io",
    "notion.site",
    "x.com",
    "twitter.com",
    "binance.com",
    "gitee.com",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(bundled_catalog_path())


def project(catalog: Catalog, pid: str) -> Project:
    return next(p for p in catalog.projects if p.id == pid)


def test_every_cited_link_passes_the_check_of_each_project_citing_it(catalog: Catalog) -> None:
    urls = {s.id: s.url for s in catalog.sources}
    checked = 0
    flagged = []
    for p in catalog.projects:
        for sid in project_source_ids(p, catalog.article_source):
            url = urls[sid]
            if url is None:
                continue
            verdict = check_link(url, p.official_sites, require_official=False)
            checked += 1
            if not verdict.safe:
                flagged.append((p.id, url, verdict.problems))
    assert checked > 110
    assert flagged == []


def test_official_sites_pass_the_strict_check(catalog: Catalog) -> None:
    for p in catalog.projects:
        for domain in p.official_sites:
            assert check_link(f"https://{domain}/", p.official_sites).safe, (p.id, domain)
            assert domain not in SHARED_HOSTS, (p.id, domain)
            assert p.official_sites_sources, p.id


@pytest.mark.parametrize(
    ("pid", "url"),
    [
        ("zksync", "https://zksync.io/"),
        ("zksync", "https://docs.zksync.io/build"),
        ("zksync", "https://claim.zknation.io/"),
        ("layerzero", "https://docs.layerzero.network/v2"),
        ("layerzero", "https://info.layerzero.foundation/"),
        ("aztec", "https://support.aztec.foundation/en/articles/456890-token-sale-overview"),
        ("aztec", "https://forum.aztec.network"),
        ("linea", "https://linea.mirror.xyz/Q5uHbOJFPqwVjKTTwv1g8X08FIr-hrGGGSVcfrE5Rb0"),
        ("linea", "https://support.linea.build/linea-hub/airdrop/faq"),
        ("arbitrum", "https://docs.arbitrum.foundation/airdrop-eligibility-distribution"),
        ("arbitrum", "https://docs.arbitrum.io/"),
        ("uniswap", "https://docs.uniswap.org/concepts/governance/overview"),
        ("astria", "https://docs.astria.org/flame/flame-testnet"),
        ("token-metrics", "https://tokenmetrics.com/tmai-2"),
        ("extended", "https://docs.extended.exchange/extended-resources/points"),
        ("metamask", "https://support.metamask.io/manage-crypto/metamask-rewards/season-hub"),
    ],
)
def test_genuine_project_pages_are_official(catalog: Catalog, pid: str, url: str) -> None:
    """Where a project's claim, docs and blog live: no warning on the genuine sites."""
    assert check_link(url, project(catalog, pid).official_sites).safe


@pytest.mark.parametrize(
    ("pid", "url"),
    [
        # Anyone can publish on mirror.xyz: only Linea's own subdomain is Linea's.
        ("linea", "https://mirror.xyz/0x2deE82fE7b26c858a46391bf7cab3AE3Eb098BfD/claim"),
        ("linea", "https://linea-claim.mirror.xyz/"),
        ("zksync", "https://zksync-claim.io/"),
        ("token-metrics", "https://docs.tgmetrics.ai/"),
        ("polymarket", "https://polymarket-airdrop.com/check"),
    ],
)
def test_look_alikes_stay_flagged(catalog: Catalog, pid: str, url: str) -> None:
    assert not check_link(url, project(catalog, pid).official_sites).safe


def test_every_source_is_cited(catalog: Catalog) -> None:
    cited = {catalog.article_source}
    for p in catalog.projects:
        cited |= set(project_source_ids(p, catalog.article_source))
    assert {s.id for s in catalog.sources} == cited
