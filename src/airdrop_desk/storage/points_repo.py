"""Points program snapshots, targets and claim outcomes, per profile and project."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from airdrop_desk.core.points import PointsSnapshot
from airdrop_desk.core.portfolio import amount_text
from airdrop_desk.core.tracking import Claim

if TYPE_CHECKING:
    from sqlite_utils import Database


class ClaimsRepo:
    """One claim record (eligible / not eligible / claimed / missed) per profile and project."""

    def __init__(self, db: Database, clock: Callable[[], dt.datetime]) -> None:
        self._db = db
        self._clock = clock

    def claim(self, profile_id: int, project_id: str) -> Claim | None:
        row = self._db.conn.execute(
            f"SELECT {_COLUMNS} FROM claims c {_VALUE} WHERE c.profile_id = ? AND c.project_id = ?",
            [profile_id, project_id],
        ).fetchone()
        return _claim(row) if row else None

    def claims(self, profile_id: int) -> dict[str, Claim]:
        rows = self._db.conn.execute(
            f"SELECT c.project_id, {_COLUMNS} FROM claims c {_VALUE} WHERE c.profile_id = ?",
            [profile_id],
        ).fetchall()
        return {r[0]: _claim(r[1:]) for r in rows}

    def set_claim(self, profile_id: int, project_id: str, claim: Claim | None) -> None:
        """Save (or with None, clear) the claim record in one transaction."""
        with self._db.atomic():
            if claim is None:
                self._db.conn.execute(
                    "DELETE FROM claims WHERE profile_id = ? AND project_id = ?",
                    [profile_id, project_id],
                )
                self._set_value(profile_id, project_id, None)
                return
            self._db.conn.execute(
                "INSERT INTO claims (profile_id, project_id, status, amount, token, "
                "claim_date, note, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (profile_id, project_id) DO UPDATE SET status = excluded.status, "
                "amount = excluded.amount, token = excluded.token, "
                "claim_date = excluded.claim_date, note = excluded.note, "
                "updated_at = excluded.updated_at",
                [
                    profile_id,
                    project_id,
                    claim.status,
                    claim.amount,
                    claim.token,
                    claim.day.isoformat() if claim.day else None,
                    claim.note,
                    self._clock().astimezone(dt.UTC).isoformat(timespec="seconds"),
                ],
            )
            self._set_value(profile_id, project_id, claim.value_usd)

    def _set_value(self, profile_id: int, project_id: str, usd: Decimal | None) -> None:
        # The value at claim lives beside the claim (claim_values, 0006): saved and
        # cleared with it, so one undo step takes both back.
        self._db.conn.execute(
            "DELETE FROM claim_values WHERE profile_id = ? AND project_id = ?",
            [profile_id, project_id],
        )
        if usd is not None:
            self._db.conn.execute(
                "INSERT INTO claim_values (profile_id, project_id, usd) VALUES (?, ?, ?)",
                [profile_id, project_id, amount_text(usd)],
            )


_COLUMNS = "c.status, c.amount, c.token, c.claim_date, c.note, v.usd"
_VALUE = "LEFT JOIN claim_values v ON v.profile_id = c.profile_id AND v.project_id = c.project_id"


def _claim(row: tuple[Any, ...]) -> Claim:
    status, amount, token, day, note, usd = row
    return Claim(
        status,
        amount,
        token,
        dt.date.fromisoformat(day) if day else None,
        note,
        Decimal(usd) if usd is not None else None,
    )


class PointsRepo:
    """Balance snapshots (one per program and day) and a target per program."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def programs(self, profile_id: int, project_id: str) -> list[str]:
        """Programs with recorded snapshots or a target, by name."""
        rows = self._db.conn.execute(
            "SELECT program FROM points_snapshots WHERE profile_id = ? AND project_id = ? "
            "UNION SELECT program FROM points_targets WHERE profile_id = ? AND project_id = ? "
            "ORDER BY 1",
            [profile_id, project_id, profile_id, project_id],
        ).fetchall()
        return [r[0] for r in rows]

    def snapshots(self, profile_id: int, project_id: str, program: str) -> list[PointsSnapshot]:
        rows = self._db.conn.execute(
            "SELECT day, points, rank FROM points_snapshots WHERE profile_id = ? AND "
            "project_id = ? AND program = ? ORDER BY day",
            [profile_id, project_id, program],
        )
        return [PointsSnapshot(dt.date.fromisoformat(d), float(p), r) for d, p, r in rows]

    def record(
        self, profile_id: int, project_id: str, program: str, snapshot: PointsSnapshot
    ) -> PointsSnapshot | None:
        """Save a day's balance (replacing that day's); returns the one replaced, if any."""
        with self._db.atomic():
            before = self._db.conn.execute(
                "SELECT day, points, rank FROM points_snapshots WHERE profile_id = ? AND "
                "project_id = ? AND program = ? AND day = ?",
                [profile_id, project_id, program, snapshot.day.isoformat()],
            ).fetchone()
            self._db.conn.execute(
                "INSERT INTO points_snapshots (profile_id, project_id, program, day, points, "
                "rank) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, project_id, program, "
                "day) DO UPDATE SET points = excluded.points, rank = excluded.rank",
                [
                    profile_id,
                    project_id,
                    program,
                    snapshot.day.isoformat(),
                    snapshot.points,
                    snapshot.rank,
                ],
            )
        if before is None:
            return None
        return PointsSnapshot(dt.date.fromisoformat(before[0]), float(before[1]), before[2])

    def remove(self, profile_id: int, project_id: str, program: str, day: dt.date) -> None:
        with self._db.atomic():
            self._db.conn.execute(
                "DELETE FROM points_snapshots WHERE profile_id = ? AND project_id = ? AND "
                "program = ? AND day = ?",
                [profile_id, project_id, program, day.isoformat()],
            )

    def target(self, profile_id: int, project_id: str, program: str) -> float | None:
        row = self._db.conn.execute(
            "SELECT target FROM points_targets WHERE profile_id = ? AND project_id = ? AND "
            "program = ?",
            [profile_id, project_id, program],
        ).fetchone()
        return float(row[0]) if row else None

    def set_target(
        self, profile_id: int, project_id: str, program: str, target: float | None
    ) -> None:
        with self._db.atomic():
            if target is None or target <= 0:
                self._db.conn.execute(
                    "DELETE FROM points_targets WHERE profile_id = ? AND project_id = ? AND "
                    "program = ?",
                    [profile_id, project_id, program],
                )
            else:
                self._db.conn.execute(
                    "INSERT INTO points_targets VALUES (?, ?, ?, ?) ON CONFLICT (profile_id, "
                    "project_id, program) DO UPDATE SET target = excluded.target",
                    [profile_id, project_id, program, target],
                )
