"""The bundled catalog matches the seed article and the sourced facts.

Expectations are typed in from the article and the facts file, never read back
from the JSON, so an accidental edit of the data shows up here.
"""

from __future__ import annotations

import pytest

from airdrop_desk.catalog import load_catalog
from airdrop_desk.core.domain import Catalog, Project
from airdrop_desk.resources import bundled_catalog_path

TIER_NAMES = {
    "confirmed": ["Starknet", "peaq", "Dymension", "Movement", "LayerZero"],
    "likely": ["Scroll", "Linea", "Ten", "Avail", "Parcl"],
    "possible": ["Eclipse", "Taiko", "Aztec", "ZKsync", "ZetaChain", "Astria"],
    "announced": ["Token Metrics"],
    "past": ["Arbitrum", "Uniswap"],
}

SCORES = {
    "starknet": (92, "tech score"),
    "peaq": (89, "tech score"),
    "dymension": (87, "tech score"),
    "movement": (85, "tech score"),
    "layerzero": None,
    "scroll": (89, "tech score"),
    "linea": (90, "tech score"),
    "ten": (89, "tech score"),
    "avail": (87, "tech score"),
    "parcl": (77, "credibility score"),
    "eclipse": (94, "tech score"),
    "taiko": (90, "tech score"),
    "aztec": (89, "tech score"),
    "zksync": (89, "tech score"),
    "zetachain": (89, "tech score"),
    "astria": (87, "legitimacy rating"),
    "token-metrics": None,
    "arbitrum": None,
    "uniswap": None,
}

M = 1_000_000
MONEY = {  # id: (raised USD, valuation USD)
    "starknet": (100 * M, 8_000 * M),
    "peaq": (6 * M, None),
    "dymension": (6_700_000, None),
    "movement": (3_400_000, None),
    "layerzero": (120 * M, 3_000 * M),
    "scroll": (120 * M, 3_000 * M),
    "linea": (None, None),  # the article's $450M was ConsenSys's Series D (a correction)
    "ten": (None, None),
    "avail": (None, 1_800 * M),
    "parcl": (4_100_000, None),
    "eclipse": (15 * M, None),
    "taiko": (22 * M, None),
    "aztec": (100 * M, None),
    "zksync": (200 * M, None),
    "zetachain": (27 * M, None),
    "astria": (5_500_000, None),
}

# (project, meant name, printed form or None, confidence or None)
INVESTORS = [
    ("starknet", "Paradigm", None, None),
    ("starknet", "Tiger Global", "Taka Global", "likely"),
    ("peaq", "Fundamental Labs", None, None),
    ("dymension", "Big Brain Holdings", None, None),
    ("dymension", "Cogitent Ventures", "Cognitive Ventures", "possible"),
    ("movement", "Borderless Capital", None, None),
    ("movement", "Token Metrics Ventures", None, None),
    ("scroll", "Sequoia", None, None),
    ("ten", "KuCoin Labs", "Qcoin Labs", "possible"),
    ("ten", "Cogitent Ventures", "Cogent Ventures", "possible"),
    ("parcl", "Shima Capital", "Shema Capital", "likely"),
    ("parcl", "Coinbase Ventures", None, None),
    ("eclipse", "CoinList", "Coin List", None),
    ("taiko", "KuCoin Ventures", "Qcoin Ventures", "possible"),
    ("aztec", "a16z crypto", "A16Z Capital", "likely"),
    ("zksync", "Lightspeed", None, None),
    ("zetachain", "Jane Street", None, None),
    ("astria", "Maven 11", None, None),
]

# (project, meant name, printed form or None, confidence or None, linked project id)
COMPETITORS = [
    ("starknet", "Linea", "Linear", "certain", "linea"),
    ("starknet", "Scroll", None, None, "scroll"),
    ("starknet", "Taiko", "Tyco", "certain", "taiko"),
    ("peaq", "Solana", None, None, None),
    ("dymension", "AltLayer", "Outlayer", "likely", None),
    ("dymension", "Caldera", None, None, None),
    ("scroll", "Starknet", None, None, "starknet"),
    ("linea", "Taiko", "Tyco", "certain", "taiko"),
    ("ten", "Aztec", "Askec", "certain", "aztec"),
    ("ten", "Railgun", None, None, None),
    ("avail", "Celestia", None, None, None),
    ("taiko", "Linea", None, None, "linea"),
    ("aztec", "Ten", "Ten (formerly Obscura)", "certain", "ten"),
    ("zksync", "Starknet", None, None, "starknet"),
    ("zetachain", "Bisham Network", None, "unknown", None),
]

# id: (token symbol, official site or None)
# id: (token, official domains: where its claim, docs and blog live)
TOKENS = {
    "starknet": ("STRK", ["starknet.io"]),
    "peaq": ("PEAQ", ["peaq.network"]),
    "dymension": ("DYM", ["dymension.xyz"]),
    "movement": ("MOVE", ["movementnetwork.xyz"]),
    "layerzero": ("ZRO", ["layerzero.foundation", "layerzero.network"]),
    "scroll": ("SCR", ["scroll.io"]),
    "linea": ("LINEA", ["linea.build", "linea.mirror.xyz"]),  # its blog; never all of mirror.xyz
    "ten": ("TEN", ["ten.xyz"]),
    "avail": ("AVAIL", ["availproject.org"]),
    "parcl": ("PRCL", ["parcl.co"]),
    "eclipse": ("ES", ["eclipse.xyz"]),
    "taiko": ("TAIKO", ["taiko.xyz"]),
    "aztec": ("AZTEC", ["aztec.network", "aztec.foundation"]),
    "zksync": ("ZK", ["zknation.io", "zksync.io"]),
    "zetachain": ("ZETA", ["zetachain.com"]),
    "astria": (None, ["astria.org"]),
    "token-metrics": ("TMAI", ["tokenmetrics.com"]),
    "arbitrum": ("ARB", ["arbitrum.foundation", "arbitrum.io"]),
    "uniswap": ("UNI", ["uniswap.org"]),
}
LIVE = ["variational", "extended", "polymarket", "metamask", "base", "arc", "opensea"]

# id: (number of UNCONFIRMED items, words each of them must contain one of,
#      event kinds that must not exist because their date is UNCONFIRMED)
UNCONFIRMED = {
    "dymension": (1, ["mainnet"], set()),
    "movement": (1, ["deadline"], {"claim_close", "deadline"}),
    "scroll": (1, ["deadline"], {"claim_close"}),
    "ten": (1, ["deadline"], {"claim_close"}),
    "parcl": (1, ["deadline"], {"claim_close"}),
    "eclipse": (2, ["day", "window"], {"claim_open", "claim_close"}),
    "taiko": (2, ["TGE", "deadline"], {"tge", "claim_close"}),
    "aztec": (1, ["outcome"], set()),
    "zksync": (1, ["criterion"], set()),
    "astria": (1, ["wound down"], {"deadline"}),
    "token-metrics": (2, ["TGE", "terms"], {"tge", "claim_open"}),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(bundled_catalog_path())


@pytest.fixture(scope="module")
def by_id(catalog: Catalog) -> dict[str, Project]:
    return {p.id: p for p in catalog.projects}


def test_header_and_article_source(catalog: Catalog) -> None:
    assert catalog.schema_version == 1
    assert catalog.catalog_version == "2026.12.06"
    article = next(s for s in catalog.sources if s.id == catalog.article_source)
    # Its date was not found: the title says so, so that its tiers do not read as current.
    assert article.title == (
        "Upcoming Crypto Airdrops - The Gateway to Wealth Generation"
        " (undated; written before the January 2024 Bitcoin ETF approval)"
    )
    assert article.publisher == "Token Metrics Team"
    assert article.url is None and article.date is None


def test_projects_per_tier_in_article_order(catalog: Catalog) -> None:
    article = [p for p in catalog.projects if p.section == "From the article"]
    assert len(article) == 19
    for tier, names in TIER_NAMES.items():
        assert [p.name.name for p in article if p.tier == tier] == names
    assert [p.id for p in catalog.projects] == list(SCORES) + LIVE
    assert {p.section for p in catalog.projects if p.id in LIVE} == {"Live watchlist"}


@pytest.mark.parametrize("pid", list(SCORES))
def test_score(by_id: dict[str, Project], pid: str) -> None:
    score = by_id[pid].score
    assert ((score.value, score.kind) if score else None) == SCORES[pid]


@pytest.mark.parametrize("pid", list(MONEY))
def test_raised_and_valuation(by_id: dict[str, Project], pid: str) -> None:
    project = by_id[pid]
    raised, valuation = MONEY[pid]
    assert (project.raised.usd if project.raised else None) == raised
    assert (project.valuation.usd if project.valuation else None) == valuation


def test_article_wording_and_notes(by_id: dict[str, Project]) -> None:
    assert by_id["starknet"].raised.wording == "over $100 million"
    assert by_id["scroll"].raised.wording == "over $120 million"
    linea_notes = " ".join(by_id["linea"].notes)
    assert "30 million monthly active users" in linea_notes
    assert "Series D" in linea_notes
    parcl_notes = " ".join(by_id["parcl"].notes)
    for city in ("London", "Miami", "Dallas", "Austin"):
        assert city in parcl_notes
    assert "FrontTech" in parcl_notes and "friend.tech" in parcl_notes
    assert "C-concern" in " ".join(by_id["astria"].notes)
    assert "Polygon" in " ".join(by_id["avail"].notes)


@pytest.mark.parametrize(("pid", "name", "printed", "confidence"), INVESTORS)
def test_investors(
    by_id: dict[str, Project], pid: str, name: str, printed: str | None, confidence: str | None
) -> None:
    matches = [i for i in by_id[pid].investors if i.name == name]
    assert len(matches) == 1
    assert (matches[0].printed, matches[0].confidence) == (printed, confidence)


@pytest.mark.parametrize(("pid", "name", "printed", "confidence", "link"), COMPETITORS)
def test_competitors(
    by_id: dict[str, Project],
    pid: str,
    name: str,
    printed: str | None,
    confidence: str | None,
    link: str | None,
) -> None:
    matches = [c for c in by_id[pid].competitors if c.name == name]
    assert len(matches) == 1
    comp = matches[0]
    assert (comp.printed, comp.confidence, comp.project_id) == (printed, confidence, link)


def test_competitor_links_resolve(catalog: Catalog, by_id: dict[str, Project]) -> None:
    for project in catalog.projects:
        for comp in project.competitors:
            if comp.project_id is not None:
                assert by_id[comp.project_id].name.name == comp.name


def test_garbled_project_names(by_id: dict[str, Project]) -> None:
    def aliases(pid: str) -> dict[str, str | None]:
        return {a.name: a.confidence for a in by_id[pid].aliases}

    assert aliases("linea")["Linear"] == "certain"
    assert aliases("taiko")["Tyco"] == "certain"
    assert aliases("aztec")["Askec"] == "certain"
    assert aliases("ten")["Obscura"] == "certain"
    assert "Obscuro" in aliases("ten")
    assert (by_id["peaq"].name.name, by_id["peaq"].name.printed) == ("peaq", "Peaq")
    assert (by_id["zksync"].name.name, by_id["zksync"].name.printed) == ("ZKsync", "ZkSync")
    assert by_id["zetachain"].name.printed == "Zetachain"
    assert by_id["starknet"].name.printed is None
    testnet = by_id["peaq"].testnet
    assert (testnet.name, testnet.printed, testnet.confidence) == ("krest", "Crest", "likely")


def test_movement_conflict_of_interest(by_id: dict[str, Project]) -> None:
    conflicts = " ".join(by_id["movement"].conflicts)
    assert "Token Metrics Ventures" in conflicts and "seed round" in conflicts


@pytest.mark.parametrize("pid", list(TOKENS))
def test_token_and_official_site(by_id: dict[str, Project], pid: str) -> None:
    project = by_id[pid]
    symbol, sites = TOKENS[pid]
    assert (project.token.symbol if project.token else None) == symbol
    assert project.official_sites == sites
    assert project.official_sites_sources


def test_statuses(by_id: dict[str, Project]) -> None:
    assert by_id["aztec"].status == "token sale"
    assert by_id["astria"].status == "no token"
    assert by_id["token-metrics"].status == "no airdrop confirmed"
    for pid in ("starknet", "layerzero", "zksync", "arbitrum", "uniswap"):
        assert by_id[pid].status == "airdropped"
    for project in by_id.values():
        assert bool(project.status) == bool(project.status_sources)


def test_every_later_fact_has_a_web_source(catalog: Catalog) -> None:
    urls = {s.id: s.url for s in catalog.sources}
    for project in catalog.projects:
        groups = [
            project.events,
            project.points_programs,
            project.task_templates,
            project.facts,
            project.corrections,
        ]
        refs = [item.sources for group in groups for item in group]
        refs += [ids for ids in (project.status_sources, project.official_sites_sources) if ids]
        if project.token:
            refs.append(project.token.sources)
        for ids in refs:
            assert ids, project.id
            for sid in ids:
                assert sid != catalog.article_source, project.id
                assert urls[sid] and urls[sid].startswith("https://"), sid


@pytest.mark.parametrize("pid", list(UNCONFIRMED))
def test_unconfirmed_items_stay_unconfirmed(by_id: dict[str, Project], pid: str) -> None:
    project = by_id[pid]
    count, words, forbidden_kinds = UNCONFIRMED[pid]
    assert len(project.unconfirmed) == count
    for word in words:
        assert any(word in text for text in project.unconfirmed), word
    assert not forbidden_kinds & {e.kind for e in project.events}
    for text in project.unconfirmed:
        assert text not in [f.text for f in project.facts]


def test_unconfirmed_dates_not_presented_as_facts(by_id: dict[str, Project]) -> None:
    mainnet = [e for e in by_id["dymension"].events if e.kind == "mainnet"]
    assert [e.date for e in mainnet] == ["2024-02"]  # month only: the day is unconfirmed
    assert [e.date for e in by_id["eclipse"].events] == ["2025-07"]
    astria_facts = " ".join(f.text for f in by_id["astria"].facts)
    assert "wound down" not in astria_facts and "2025-09-30" not in astria_facts
    projects_without = {pid for pid, p in by_id.items() if not p.unconfirmed}
    assert projects_without.isdisjoint(UNCONFIRMED)


def test_starknet_timeline_and_tasks(by_id: dict[str, Project]) -> None:
    starknet = by_id["starknet"]
    events = {e.kind: e.date for e in starknet.events}
    assert events == {
        "snapshot": "2023-11-15",
        "claim_open": "2024-02-20T12:00Z",
        "claim_close": "2024-06-20",
    }
    titles = [t.title for t in starknet.task_templates]
    assert len(titles) == 4
    for needle in ("5 transactions", "3 distinct months", "$100", "0.005 ETH"):
        assert sum(needle in t for t in titles) == 1, needle


@pytest.mark.parametrize(
    ("pid", "claims", "figures", "dates"),
    [
        (
            "arbitrum",
            ["$12.6 billion", "$2,200"],
            ["$1.7B", "1.162B ARB"],
            {"snapshot": "2023-02-06", "claim_open": "2023-03-23"},
        ),
        ("uniswap", ["$30,000"], ["400 UNI", "$1,200"], {"claim_open": "2020-09-16"}),
    ],
)
def test_historic_corrections(
    by_id: dict[str, Project],
    pid: str,
    claims: list[str],
    figures: list[str],
    dates: dict[str, str],
) -> None:
    project = by_id[pid]
    assert project.tier == "past"
    [correction] = project.corrections
    for claim in claims:
        assert claim in correction.article_claim
    for figure in figures:
        assert figure in correction.sourced_figure
    assert ("12.6 billion" if pid == "arbitrum" else "$30,000") in " ".join(project.notes)
    assert {e.kind: e.date for e in project.events} == dates


def test_token_metrics_announcement(by_id: dict[str, Project]) -> None:
    tm = by_id["token-metrics"]
    assert tm.tier == "announced" and tm.score is None
    for word in ("customers", "trading bot", "indices", "mobile"):
        assert word in tm.description


def test_the_live_section(by_id: dict[str, Project]) -> None:
    """Projects whose airdrop is still ahead, apart from the article's: each with a
    status of the lifecycle's live part, the day it was checked, official domains,
    tasks people do, and sources with a date behind its status."""
    sources = {s.id: s for s in load_catalog(bundled_catalog_path()).sources}
    for pid in LIVE:
        project = by_id[pid]
        assert project.section == "Live watchlist"
        assert project.status in {"rumoured", "farming", "snapshot taken", "claim open"}, pid
        assert project.as_of and project.as_of >= "2025-10", pid
        assert project.official_sites and project.official_sites_sources, pid
        assert project.task_templates, pid
        assert any(sources[s].date for s in project.status_sources), pid
        assert project.unconfirmed or project.notes, pid  # the doubts stay on the facts
    assert by_id["extended"].status == "farming"
    assert by_id["polymarket"].status == "rumoured"
    # Sites claiming a Polymarket airdrop checker are cited only to warn about them.
    warning = [f.text for f in by_id["polymarket"].facts if "phishing" in f.text]
    assert len(warning) == 1 and "checker" in warning[0]
