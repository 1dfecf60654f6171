"""Rows of the portfolio: snapshots per key, manual holdings, price quotes, daily values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from airdrop_desk.core.clock import iso, parse_iso
from airdrop_desk.core.portfolio import Quote, ValuePoint, amount_text

if TYPE_CHECKING:
    from sqlite_utils import Database

Outcome = Literal["never", "ok", "failed", "skipped"]
TOTAL_SCOPE = "*"
QUOTE_WINDOW = dt.timedelta(days=1)  # a stored quote counts as "the price of that day"


@dataclass(frozen=True)
class KeyState:
    """How the last sync of one key went; ``profile_id`` owns its balances (None = none)."""

    key_id: str
    profile_id: int | None
    last_attempt_at: dt.datetime | None
    last_success_at: dt.datetime | None
    outcome: Outcome
    message: str


@dataclass(frozen=True)
class KeyBalances:
    """The newest stored balances of a linked key, with its sync state."""

    key_id: str
    label: str
    exchange: str
    taken_at: dt.datetime
    balances: list[tuple[str, str, Decimal]]  # asset, wallet, amount
    state: KeyState


@dataclass(frozen=True)
class ManualHolding:
    """An amount the user typed in: where it is kept and for which profile."""

    id: int
    asset: str
    amount: Decimal
    place: str
    profile_id: int | None
    added_at: dt.datetime


@dataclass(frozen=True)
class PriceRefresh:
    """The last attempt to refresh prices: when, when it last worked, what went wrong."""

    attempted_at: dt.datetime | None
    succeeded_at: dt.datetime | None
    message: str


# A portfolio_key_state row after its key: profile_id, last_attempt_at, last_success_at,
# outcome, message, as the table's columns hold them.
StateRow = tuple[int | None, str | None, str | None, Outcome, str]


def _state(key_id: str, row: StateRow | None) -> KeyState:
    if row is None:
        return KeyState(key_id, None, None, None, "never", "")
    profile, attempt, success, outcome, message = row
    return KeyState(key_id, profile, parse_iso(attempt), parse_iso(success), outcome, str(message))


class PortfolioRepo:
    """Read and write the portfolio tables; each write is one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    # -- exchange snapshots ---------------------------------------------------------------

    def store_snapshot(
        self,
        key_id: str,
        label: str,
        exchange: str,
        balances: Iterable[tuple[str, str, Decimal]],
        taken_at: dt.datetime,
    ) -> int:
        """Store a key's balances as of ``taken_at``, replacing that key's other ones that day."""
        day = taken_at.astimezone(dt.UTC).date().isoformat()
        merged: dict[tuple[str, str], Decimal] = {}
        for asset, wallet, amount in balances:
            merged[(asset, wallet)] = merged.get((asset, wallet), Decimal(0)) + amount
        with self._db.atomic():
            self._db.execute(
                "DELETE FROM portfolio_snapshots WHERE key_id = ? AND taken_at >= ? "
                "AND taken_at < ?",
                [key_id, day, _next_day(day)],
            )
            cursor = self._db.execute(
                "INSERT INTO portfolio_snapshots (key_id, label, exchange, taken_at) "
                "VALUES (?,?,?,?)",
                [key_id, label, exchange, iso(taken_at, "ms")],
            )
            snapshot_id = int(cursor.lastrowid or 0)
            self._db.conn.executemany(
                "INSERT INTO portfolio_balances (snapshot_id, asset, wallet, amount) "
                "VALUES (?,?,?,?)",
                [(snapshot_id, a, w, amount_text(v)) for (a, w), v in merged.items()],
            )
            self._set_state(key_id, taken_at, "ok", "", success=True)
        return snapshot_id

    def mark(self, key_id: str, outcome: Outcome, message: str, at: dt.datetime) -> None:
        """Record a failed or skipped sync; the key's last snapshot stays as it was."""
        with self._db.atomic():
            self._set_state(key_id, at, outcome, message, success=False)

    def _set_state(
        self, key_id: str, at: dt.datetime, outcome: Outcome, message: str, success: bool
    ) -> None:
        self._db.execute(
            "INSERT INTO portfolio_key_state (key_id, last_attempt_at, last_success_at, "
            "outcome, message) VALUES (?,?,?,?,?) ON CONFLICT(key_id) DO UPDATE SET "
            "last_attempt_at = excluded.last_attempt_at, last_success_at = "
            "COALESCE(excluded.last_success_at, last_success_at), outcome = excluded.outcome, "
            "message = excluded.message",
            [key_id, iso(at, "ms"), iso(at, "ms") if success else None, outcome, message],
        )

    def set_key_profile(self, key_id: str, profile_id: int | None) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO portfolio_key_state (key_id, profile_id) VALUES (?, ?) "
                "ON CONFLICT(key_id) DO UPDATE SET profile_id = excluded.profile_id",
                [key_id, profile_id],
            )

    def key_states(self) -> dict[str, KeyState]:
        rows = self._db.execute(
            "SELECT key_id, profile_id, last_attempt_at, last_success_at, outcome, message "
            "FROM portfolio_key_state"
        ).fetchall()
        return {r[0]: _state(r[0], tuple(r[1:])) for r in rows}

    def latest_snapshots(self) -> list[KeyBalances]:
        """The newest snapshot of every key still linked, by label."""
        states = self.key_states()
        keys = self._db.execute(
            "SELECT id FROM exchange_keys ORDER BY label COLLATE NOCASE"
        ).fetchall()
        out = []
        for (key_id,) in keys:
            head = self._db.execute(
                "SELECT id, label, exchange, taken_at FROM portfolio_snapshots "
                "WHERE key_id = ? ORDER BY taken_at DESC LIMIT 1",
                [key_id],
            ).fetchone()
            if head is None:
                continue
            rows = self._db.execute(
                "SELECT asset, wallet, amount FROM portfolio_balances WHERE snapshot_id = ?",
                [head[0]],
            ).fetchall()
            out.append(
                KeyBalances(
                    key_id,
                    head[1],
                    head[2],
                    parse_iso(head[3]) or dt.datetime.min,
                    [(a, w, Decimal(v)) for a, w, v in rows],
                    states.get(key_id) or _state(key_id, None),
                )
            )
        return out

    # -- manual holdings --------------------------------------------------------------------

    def add_holding(
        self, asset: str, amount: Decimal, place: str, profile_id: int | None, at: dt.datetime
    ) -> int:
        with self._db.atomic():
            cursor = self._db.execute(
                "INSERT INTO manual_holdings (asset, amount, place, profile_id, added_at) "
                "VALUES (?,?,?,?,?)",
                [asset, amount_text(amount), place, profile_id, iso(at, "ms")],
            )
        return int(cursor.lastrowid or 0)

    def holdings(self) -> list[ManualHolding]:
        rows = self._db.execute(
            "SELECT id, asset, amount, place, profile_id, added_at FROM manual_holdings "
            "ORDER BY asset, id"
        ).fetchall()
        return [
            ManualHolding(r[0], r[1], Decimal(r[2]), r[3], r[4], parse_iso(r[5]) or dt.datetime.min)
            for r in rows
        ]

    def holding(self, holding_id: int) -> ManualHolding | None:
        return next((h for h in self.holdings() if h.id == holding_id), None)

    def update_holding(
        self, holding_id: int, asset: str, amount: Decimal, place: str, profile_id: int | None
    ) -> bool:
        with self._db.atomic():
            cursor = self._db.execute(
                "UPDATE manual_holdings SET asset = ?, amount = ?, place = ?, profile_id = ? "
                "WHERE id = ?",
                [asset, amount_text(amount), place, profile_id, holding_id],
            )
        return cursor.rowcount > 0

    def restore_holding(self, holding: ManualHolding) -> None:
        """Put a removed holding back as it was, under its own number."""
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO manual_holdings (id, asset, amount, place, profile_id, added_at) "
                "VALUES (?,?,?,?,?,?)",
                [
                    holding.id,
                    holding.asset,
                    amount_text(holding.amount),
                    holding.place,
                    holding.profile_id,
                    iso(holding.added_at, "ms"),
                ],
            )

    def remove_holding(self, holding_id: int) -> bool:
        with self._db.atomic():
            cursor = self._db.execute("DELETE FROM manual_holdings WHERE id = ?", [holding_id])
        return cursor.rowcount > 0

    # -- prices -----------------------------------------------------------------------------

    def store_quotes(self, quotes: Iterable[Quote]) -> None:
        rows = [(q.asset, iso(q.at, "ms"), amount_text(q.usd), q.source) for q in quotes]
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO price_quotes (asset, at, usd, source) VALUES (?,?,?,?)",
                rows,
            )

    def latest_quotes(self, assets: Iterable[str]) -> dict[str, Quote]:
        out = {}
        for asset in set(assets):
            row = self._db.execute(
                "SELECT at, usd, source FROM price_quotes WHERE asset = ? ORDER BY at DESC LIMIT 1",
                [asset],
            ).fetchone()
            if row is not None:
                out[asset] = Quote(
                    asset, Decimal(row[1]), parse_iso(row[0]) or dt.datetime.min, row[2]
                )
        return out

    def quote_at(self, asset: str, moment: dt.datetime) -> Quote | None:
        """The stored quote nearest to ``moment`` within a day either side, if any."""
        found = []
        for sql in (
            "SELECT at, usd, source FROM price_quotes WHERE asset = ? AND at <= ? "
            "AND at >= ? ORDER BY at DESC LIMIT 1",
            "SELECT at, usd, source FROM price_quotes WHERE asset = ? AND at > ? "
            "AND at <= ? ORDER BY at LIMIT 1",
        ):
            bound = moment - QUOTE_WINDOW if "DESC" in sql else moment + QUOTE_WINDOW
            row = self._db.execute(sql, [asset, iso(moment, "ms"), iso(bound, "ms")]).fetchone()
            if row is not None:
                found.append(Quote(asset, Decimal(row[1]), parse_iso(row[0]) or moment, row[2]))
        return min(found, key=lambda q: abs(q.at - moment), default=None)

    def set_price_refresh(self, at: dt.datetime, ok: bool, message: str) -> None:
        with self._db.atomic():
            self._db.execute(
                "INSERT INTO price_refresh (id, attempted_at, succeeded_at, message) "
                "VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET attempted_at = "
                "excluded.attempted_at, succeeded_at = COALESCE(excluded.succeeded_at, "
                "succeeded_at), message = excluded.message",
                [iso(at, "ms"), iso(at, "ms") if ok else None, message],
            )

    def price_refresh(self) -> PriceRefresh:
        row = self._db.execute(
            "SELECT attempted_at, succeeded_at, message FROM price_refresh"
        ).fetchone()
        if row is None:
            return PriceRefresh(None, None, "")
        return PriceRefresh(parse_iso(row[0]), parse_iso(row[1]), row[2])

    # -- value over time -----------------------------------------------------------------------

    def record_values(
        self, day: dt.date, values: Mapping[str, tuple[Decimal, int]], at: dt.datetime
    ) -> None:
        """Upsert the day's value per scope (``TOTAL_SCOPE`` or a profile)."""
        rows = [
            (day.isoformat(), scope, amount_text(v), n, iso(at, "ms"))
            for scope, (v, n) in values.items()
        ]
        with self._db.atomic():
            self._db.conn.executemany(
                "INSERT OR REPLACE INTO portfolio_values (day, scope, value_usd, unpriced, "
                "recorded_at) VALUES (?,?,?,?,?)",
                rows,
            )

    def values(self, scope: str = TOTAL_SCOPE) -> list[ValuePoint]:
        rows = self._db.execute(
            "SELECT day, value_usd, unpriced FROM portfolio_values WHERE scope = ? ORDER BY day",
            [scope],
        ).fetchall()
        return [ValuePoint(dt.date.fromisoformat(d), Decimal(v), n) for d, v, n in rows]

    # -- claim values ---------------------------------------------------------------------------

    def set_claim_value(self, profile_id: int, project_id: str, usd: Decimal | None) -> None:
        """Record (or with None, forget) the dollar value of a claim when it was received."""
        with self._db.atomic():
            if usd is None:
                self._db.execute(
                    "DELETE FROM claim_values WHERE profile_id = ? AND project_id = ?",
                    [profile_id, project_id],
                )
            else:
                self._db.execute(
                    "INSERT OR REPLACE INTO claim_values (profile_id, project_id, "
                    "usd) VALUES (?,?,?)",
                    [profile_id, project_id, amount_text(usd)],
                )

    def claim_values(self) -> dict[tuple[int, str], Decimal]:
        rows = self._db.execute("SELECT profile_id, project_id, usd FROM claim_values")
        return {(p, j): Decimal(v) for p, j, v in rows.fetchall()}


def _next_day(day: str) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
