"""What changed between two stored catalog versions, as data and as text for people.

Projects are matched by id (the same key user records use), so a renamed project is a
change, not a removal plus an addition. Every field is compared: tier, score and status
from the rows, and for projects whose stored JSON differs (only those are decoded) each
other field of the document, the dates of dated events (deadlines, snapshots, claim
windows ...) one by one. Values are shown with invisible and control characters spelled
out, so a change that only such a character makes is visible.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airdrop_desk.core import clock
from airdrop_desk.core.vocab import TIER_LABELS
from airdrop_desk.storage.catalog_repo import CatalogReader

if TYPE_CHECKING:
    from sqlite_utils import Database

SUMMARY_LINES = 40


@dataclass(frozen=True)
class FieldChange:
    """One changed value of one project; ``old``/``new`` None: it did not exist."""

    project_id: str
    project: str
    field: str
    old: str | None
    new: str | None

    def text(self) -> str:
        if self.old is None:
            return f"{self.field} added: {self.new}"
        if self.new is None:
            return f"{self.field} removed (was {self.old})"
        return f"{self.field} {self.old} → {self.new}"


@dataclass(frozen=True)
class CatalogDiff:
    """Differences from catalog version ``old`` to ``new`` (labels are version names)."""

    old_label: str | None
    new_label: str
    added: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    removed: list[tuple[str, str]] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def headline(self) -> str:
        moved = f"{self.old_label or 'no catalog'} → {self.new_label}"
        if self.empty:
            return f"Catalog {moved}: no project changes."
        parts = []
        if self.added:
            parts.append(f"{len(self.added)} new project{'s' * (len(self.added) != 1)}")
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        touched = len({c.project_id for c in self.changed})
        if touched:
            parts.append(f"{touched} changed")
        return f"Catalog {moved}: {', '.join(parts)}."

    def lines(self) -> list[str]:
        """Every change, one line each."""
        out = []
        if self.added:
            out.append("New: " + ", ".join(name for _, name in self.added))
        if self.removed:
            out.append("Removed: " + ", ".join(name for _, name in self.removed))
        by_project: dict[str, list[FieldChange]] = defaultdict(list)
        for change in self.changed:
            by_project[change.project].append(change)
        for project, changes in by_project.items():
            out.append(f"{project}: " + "; ".join(c.text() for c in changes))
        return out

    def summary(self, limit: int = SUMMARY_LINES) -> str:
        lines = self.lines()
        if len(lines) > limit:
            lines = [*lines[:limit], f"… and {len(lines) - limit} more"]
        return "\n".join([self.headline(), *lines])

    def to_dict(self) -> dict[str, object]:
        return {
            "from": self.old_label,
            "to": self.new_label,
            "added": [{"id": i, "name": n} for i, n in self.added],
            "removed": [{"id": i, "name": n} for i, n in self.removed],
            "changed": [
                {
                    "id": c.project_id,
                    "name": c.project,
                    "field": c.field,
                    "old": c.old,
                    "new": c.new,
                }
                for c in self.changed
            ],
        }


def _label(reader: CatalogReader, version: int | None) -> str | None:
    if version is None:
        return None
    row = reader.conn.execute(
        "SELECT catalog_version FROM catalog_versions WHERE id = ?", [version]
    ).fetchone()
    return None if row is None else str(row[0])


def diff_versions(reader: CatalogReader, old: int | None, new: int) -> CatalogDiff:
    """The changes from stored version ``old`` (None: nothing) to ``new``."""
    before = {r.id: r for r in reader.rows(old)} if old is not None else {}
    after = {r.id: r for r in reader.rows(new)}
    diff = CatalogDiff(
        _label(reader, old),
        _label(reader, new) or str(new),
        [(i, r.name) for i, r in after.items() if i not in before],
        [(i, r.name) for i, r in before.items() if i not in after],
    )
    if old is None:
        return diff
    events = _document_changes(reader, old, new)
    for pid, row in after.items():
        was = before.get(pid)
        if was is None:
            continue
        for name, a, b in (
            ("tier", TIER_LABELS.get(was.tier, was.tier), TIER_LABELS.get(row.tier, row.tier)),
            ("score", was.score, row.score),
            ("status", was.status, row.status),
        ):
            if a != b:
                diff.changed.append(
                    FieldChange(
                        pid,
                        row.name,
                        name,
                        "none" if a is None else str(a),
                        "none" if b is None else str(b),
                    )
                )
        diff.changed.extend(FieldChange(pid, row.name, f, o, n) for f, o, n in events.get(pid, []))
    return diff


# Compared from the rows (tier, score, status) or event by event: not again as a whole.
_NOT_GENERIC = frozenset({"id", "tier", "status", "events"})
MAX_SHOWN = 120


def _document_changes(
    reader: CatalogReader, old: int, new: int
) -> dict[str, list[tuple[str, str | None, str | None]]]:
    import msgspec

    from airdrop_desk.core.domain import Project

    decode = msgspec.json.Decoder(Project).decode
    cursor = reader.conn.execute(
        "SELECT a.id, a.doc, b.doc FROM catalog_docs a JOIN catalog_docs b ON a.id = b.id "
        "WHERE a.version_id = ? AND b.version_id = ? AND a.doc != b.doc",
        [old, new],
    )
    found: dict[str, list[tuple[str, str | None, str | None]]] = {}
    for pid, old_doc, new_doc in cursor:
        was_project, now_project = decode(old_doc), decode(new_doc)
        changes = _field_changes(was_project, now_project)
        was, now = _dated(was_project), _dated(now_project)
        for key in [*was, *(k for k in now if k not in was)]:
            a, b = was.get(key), now.get(key)
            if a != b:
                changes.append((f"date of '{key[1]}'" if a and b else f"event '{key[1]}'", a, b))
        if changes:
            found[pid] = changes
    return found


def _field_changes(was: Any, now: Any) -> list[tuple[str, str | None, str | None]]:
    """Every other field whose value differs, as text for people."""
    changes: list[tuple[str, str | None, str | None]] = []
    for name in now.__struct_fields__:
        a, b = getattr(was, name), getattr(now, name)
        if name in _NOT_GENERIC or a == b:
            continue
        if name == "score" and a is not None and b is not None and a.value != b.value:
            a, b = a.kind, b.kind  # the value is compared from the rows
            if a == b:
                continue
            name = "score kind"
        changes.append((name.replace("_", " "), _shown(a), _shown(b)))
    return changes


def _shown(value: object) -> str | None:
    """A field's value as one line of text; None when it is not there."""
    import msgspec

    if value is None or value == []:
        return None
    if isinstance(value, str):
        text = value
    elif hasattr(value, "name") and isinstance(value.name, str) and hasattr(value, "printed"):
        text = value.name  # a NameRef: the name as meant
    else:
        text = msgspec.json.encode(value).decode()
    text = visible(" ".join(text.split(" ")))
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def visible(text: str) -> str:
    """``text`` with control, bidi and zero-width characters written as ``<U+202E>``."""
    from airdrop_desk.catalog.load import FORBIDDEN_CHARACTERS

    return FORBIDDEN_CHARACTERS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def _dated(project: object) -> dict[tuple[str, str, int], str]:
    """Event (kind, label, occurrence) -> date."""
    seen: dict[tuple[str, str], int] = defaultdict(int)
    out = {}
    for event in getattr(project, "events", []):
        n = seen[(event.kind, event.label)]
        seen[(event.kind, event.label)] += 1
        out[(event.kind, event.label, n)] = event.date
    return out


def version_sha(reader: CatalogReader, version: int) -> str | None:
    row = reader.conn.execute(
        "SELECT sha256 FROM catalog_versions WHERE id = ?", [version]
    ).fetchone()
    return None if row is None else str(row[0])


def last_seen(database: Path) -> str | None:
    """The SHA-256 of the catalog version the user saw last (``catalog_seen`` keys by it:
    a version name can repeat across files, a file's hash cannot)."""
    conn = sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT catalog_version FROM catalog_seen ORDER BY last_seen DESC, rowid DESC LIMIT 1"
        ).fetchone()
    except sqlite3.OperationalError:  # a file from before the table existed
        row = None
    finally:
        conn.close()
    return None if row is None else str(row[0])


def mark_seen(db: Database, sha: str) -> None:
    """Remember that the user has seen the catalog version with this hash, now."""
    now = clock.iso(clock.now())
    with db.atomic():
        db.execute(
            "INSERT INTO catalog_seen (catalog_version, first_seen, last_seen) "
            "VALUES (?, ?, ?) ON CONFLICT(catalog_version) DO UPDATE SET "
            "last_seen = excluded.last_seen",
            [sha, now, now],
        )
