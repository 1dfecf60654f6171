"""Synthetic catalogs with realistic fields, for the benchmarks.

Projects look like the bundled ones: a name and an alias, tier, score, two or
three narratives from a shared vocabulary, an ecosystem, competitors that link to
other projects, funding, investors from a pool of a few hundred funds, a token,
a status, dated events, task templates, a points program on some, sources.
The first 19 projects are the bundled catalog itself.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

NARRATIVES = [
    "ZK rollups",
    "Layer 2",
    "Layer 1",
    "DePIN",
    "Modular",
    "Rollups",
    "Appchains",
    "Privacy",
    "Data availability",
    "Interoperability",
    "Cross-chain",
    "Restaking",
    "Real-world assets",
    "Solana",
    "Move",
    "AI",
    "Gaming",
    "DeFi",
    "Perpetuals",
    "Liquid staking",
    "Oracles",
    "Bitcoin L2",
    "Social",
    "NFTs",
    "Shared sequencers",
]
ECOSYSTEMS = [
    "Ethereum",
    "Solana",
    "Cosmos",
    "Polkadot",
    "Bitcoin",
    "Avalanche",
    "Polygon",
    "Celestia",
    "Sui",
    "Aptos",
    "TON",
    "Near",
    "Arbitrum",
    "Base",
    "BNB Chain",
]
SYLLABLES = [
    "zk",
    "star",
    "lin",
    "ea",
    "scr",
    "oll",
    "dym",
    "ens",
    "ion",
    "mov",
    "ement",
    "lay",
    "er",
    "zero",
    "ava",
    "il",
    "par",
    "cl",
    "ecl",
    "ipse",
    "tai",
    "ko",
    "az",
    "tec",
    "zeta",
    "chain",
    "astr",
    "ia",
    "nova",
    "flux",
    "orb",
    "it",
    "quant",
    "um",
]
FUNDS = [
    f"{a} {b}"
    for a in [
        "Paradigm",
        "Sequoia",
        "Polychain",
        "Pantera",
        "Multicoin",
        "Dragonfly",
        "Framework",
        "Electric",
        "Hack",
        "Placeholder",
        "Variant",
        "Delphi",
        "Maven",
        "Robot",
        "Figment",
        "Coinbase",
        "Binance",
        "Jump",
        "Galaxy",
        "Spartan",
    ]
    for b in [
        "Capital",
        "Ventures",
        "Labs",
        "Digital",
        "Partners",
        "Crypto",
        "Fund",
        "Holdings",
        "Research",
        "Investments",
        "Group",
        "Collective",
        "DAO",
        "Network",
        "Asset Mgmt",
    ]
]
STATUSES = ["airdropped", "token sale", "no airdrop confirmed", "no token"]
TIERS = ["confirmed", "likely", "possible", "announced"]


def _name(rng: random.Random, i: int) -> str:
    parts = rng.randint(2, 3)
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize() + f" {i}"


def synthetic_catalog(count: int, bundled: dict[str, Any], seed: int = 7) -> dict[str, Any]:
    """A catalog dict of ``count`` projects (the bundled ones first)."""
    rng = random.Random(seed)
    projects = list(bundled["projects"])[:count]
    sources = list(bundled["sources"])
    extra = count - len(projects)
    for s in range(max(1, extra // 50)):
        sources.append(
            {
                "id": f"web-{s}",
                "title": f"Project announcement {s}",
                "url": f"https://example.org/announcements/{s}",
                "date": "2025-06-01",
            }
        )
    n_sources = len(sources) - len(bundled["sources"])
    for i in range(extra):
        pid = f"p{i}"
        src = [f"web-{rng.randrange(n_sources)}"]
        name = _name(rng, i)
        project: dict[str, Any] = {
            "id": pid,
            "name": {"name": name},
            "tier": rng.choice(TIERS),
            "status": rng.choice(STATUSES),
            "status_sources": src,
            "aliases": [{"name": name.upper().replace(" ", ""), "confidence": "likely"}],
            "description": f"{name} is a {rng.choice(NARRATIVES).lower()} project building "
            f"on {rng.choice(ECOSYSTEMS)} with a focus on "
            f"{rng.choice(NARRATIVES).lower()}.",
            "narratives": rng.sample(NARRATIVES, rng.randint(1, 3)),
            "ecosystem": rng.choice(ECOSYSTEMS),
            "ecosystem_sources": src,
            "competitors": [
                {"name": f"Rival {rng.randrange(count)}", "project_id": f"p{rng.randrange(extra)}"}
                for _ in range(rng.randint(1, 3))
            ],
            "investors": [{"name": rng.choice(FUNDS)} for _ in range(rng.randint(1, 4))],
            "token": {"symbol": f"T{i % 99999:05d}"[: rng.randint(3, 6)], "sources": src},
            "official_sites": [f"{pid}.example.org"],
            "official_sites_sources": src,
            "events": [
                {
                    "kind": "snapshot",
                    "date": f"2025-{rng.randint(1, 12):02d}-15",
                    "label": "Snapshot",
                    "sources": src,
                }
            ],
            "task_templates": [
                {"id": f"t{k}", "title": f"Complete quest {k}", "sources": src}
                for k in range(rng.randint(2, 5))
            ],
        }
        if rng.random() < 0.8:
            project["score"] = {"value": rng.randint(50, 99), "kind": "tech score"}
        if rng.random() < 0.7:
            raised = rng.randint(1, 500) * 1_000_000
            project["raised"] = {"usd": raised, "wording": f"${raised // 1_000_000} million"}
        if rng.random() < 0.3:
            project["points_programs"] = [
                {"name": f"{name} Points", "description": "Points for activity", "sources": src}
            ]
        projects.append(project)
    return {
        **bundled,
        "catalog_version": f"synthetic-{count}",
        "sources": sources,
        "projects": projects,
    }


def write_synthetic(count: int, bundled_path: Path, target: Path) -> Path:
    bundled = json.loads(bundled_path.read_text(encoding="utf-8"))
    target.write_text(json.dumps(synthetic_catalog(count, bundled)), encoding="utf-8")
    return target


if __name__ == "__main__":  # python synthetic.py COUNT BUNDLED TARGET
    import sys

    write_synthetic(int(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
