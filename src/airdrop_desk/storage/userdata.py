"""The user's own data, generically: which tables hold it, reading it, exporting it.

User data is every table that is not catalog data, migration bookkeeping or SQLite's
own, found by looking at the schema, so tables added by later features are exported,
imported and compared without changes here. Two things never leave the data folder:
linked exchange keys (their secrets are in this computer's keyring; the rows hold a
masked key and a fingerprint of it) and the settings that point at this folder's
stored catalog versions.

Formats: one JSON file (complete, typed: BLOBs as ``{"base64": ...}``) or CSV, one
file per table plus ``manifest.json``, in a folder or a .zip.
"""

from __future__ import annotations

import base64
import json
import math
import os
import re
import secrets
import sqlite3
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from airdrop_desk.core import clock
from airdrop_desk.paths import Paths
from airdrop_desk.storage.csvtext import format_row
from airdrop_desk.storage.migrations import MIGRATION_SET

FORMAT = "airdrop-desk-data"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CATALOG_TABLES = frozenset({"catalog_versions", "catalog_projects", "catalog_docs"})
# Published allocation lists (eligibility/): public data imported again from its source,
# millions of rows; neither exported nor replaced by an import.
ALLOCATION_TABLES = frozenset({"alloc_lists", "alloc_rows"})
BOOKKEEPING = frozenset({"_sqlite_migrations"})
# Never exported or imported, with the reason the user is told.
PRIVATE_TABLES = {
    "exchange_keys": "linked exchange keys stay with this computer's keyring; "
    "link them again after importing",
}
# Rows of user tables that describe this data folder, not the user's work: never
# exported, never replaced by an import.
LOCAL_ROWS = {"settings": ("key LIKE ?", "catalog.%")}

Value = int | float | str | bytes | None


class DataFileError(Exception):
    """An export or import that cannot go ahead; ``str()`` is one line for the user."""

    def __init__(
        self,
        file: str,
        message: str,
        table: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file, self.table, self.row, self.column = file, table, row, column
        where = [file]
        if table is not None:
            where.append(f"table '{table}'")
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(": ".join(where) + ": " + " ".join(message.split()))


@dataclass
class TableData:
    """One table's columns and rows, in file order.

    Rows read from CSV hold text (or None) until the schema says what each column is:
    ``text`` is then True. ``file`` names where the table came from, for messages.
    """

    name: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    file: str = ""
    text: bool = False


@dataclass
class DataSet:
    """Everything an export holds: the schema it was written with and the tables."""

    schema: list[str]
    tables: list[TableData]


@dataclass(frozen=True)
class Column:
    """A column as the schema declares it."""

    name: str
    type: str
    notnull: bool
    has_default: bool
    pk: bool


def user_tables(conn: sqlite3.Connection) -> dict[str, list[Column]]:
    """Every user table of the database and its columns, by name."""
    from sqlite_utils import Database

    db = Database(conn, execute_plugins=False)
    found = {}
    for _schema, name, kind, *_ in conn.execute("PRAGMA main.table_list").fetchall():
        if (
            kind != "table"
            or name.startswith("sqlite_")
            or name in CATALOG_TABLES
            or name in ALLOCATION_TABLES
            or name in BOOKKEEPING
            or name in PRIVATE_TABLES
        ):
            continue
        found[name] = [
            Column(
                c.name,
                (c.type or "").upper(),
                bool(c.notnull),
                c.default_value is not None,
                bool(c.is_pk),
            )
            for c in db[name].columns
        ]
    return dict(sorted(found.items()))


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def local_filter(table: str, negate: bool) -> tuple[str, list[str]]:
    """The WHERE clause keeping (``negate``) or picking a table's folder-local rows."""
    if table not in LOCAL_ROWS:
        return "", []
    condition, arg = LOCAL_ROWS[table]
    return (f" WHERE NOT ({condition})" if negate else f" WHERE {condition}"), [arg]


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [MIGRATION_SET],
            )
        ]
    except sqlite3.OperationalError:
        return []


def read_user_data(conn: sqlite3.Connection) -> DataSet:
    """The user data in ``conn``, read in one transaction so it is consistent."""
    conn.execute("BEGIN")
    try:
        tables = []
        without_rowid = {r[1] for r in conn.execute("PRAGMA main.table_list") if r[4]}
        for name, columns in user_tables(conn).items():
            names = [c.name for c in columns]
            pks = [c.name for c in columns if c.pk]
            order = ", ".join(map(quote, pks)) if name in without_rowid else "rowid"
            where, args = local_filter(name, negate=True)
            rows = conn.execute(
                f"SELECT {', '.join(map(quote, names))} FROM {quote(name)}{where} ORDER BY {order}",
                args,
            ).fetchall()
            tables.append(TableData(name, names, [list(r) for r in rows]))
        return DataSet(applied_migrations(conn), tables)
    finally:
        conn.rollback()


def open_read_only(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    conn.isolation_level = None  # explicit BEGIN in read_user_data
    return conn


def snapshot(path: Path) -> dict[str, tuple[list[str], list[tuple[Value, ...]]]]:
    """User data as comparable values: table -> (sorted columns, sorted rows)."""
    conn = open_read_only(path)
    try:
        data = read_user_data(conn)
    finally:
        conn.close()
    result = {}
    for table in data.tables:
        order = sorted(range(len(table.columns)), key=lambda i: table.columns[i])
        rows = sorted((tuple(row[i] for i in order) for row in table.rows), key=repr)
        result[table.name] = ([table.columns[i] for i in order], rows)
    return result


@dataclass(frozen=True)
class ExportSummary:
    """What an export wrote."""

    path: Path
    rows: dict[str, int]


def export_data(paths: Paths, out: Path, fmt: str) -> ExportSummary:
    """Write the user data to ``out`` as ``json`` or ``csv`` (a folder, or a .zip)."""
    if not paths.database.is_file():
        raise DataFileError(str(paths.database), "there is no data to export yet")
    from airdrop_desk.storage.inspect import inspect_database

    inspect_database(paths.database)  # damaged, foreign or too new: StorageError, untouched
    conn = open_read_only(paths.database)
    try:
        data = read_user_data(conn)
    finally:
        conn.close()
    if fmt == "json":
        _atomic_write(out, lambda fh: _write_json(data, fh))
    elif fmt == "csv" and out.suffix.lower() == ".zip":
        _atomic_write(out, lambda fh: _write_zip(data, fh))
    elif fmt == "csv":
        _write_folder(data, out)
    else:
        raise DataFileError(str(out), f"unknown format '{fmt}' (json or csv)")
    return ExportSummary(out, {t.name: len(t.rows) for t in data.tables})


def _atomic_write(out: Path, write: Any) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(f".{out.name}.{secrets.token_hex(4)}.tmp")
    try:
        # An export holds the same data as the database: private to the user as well.
        with os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


def header(data: DataSet) -> dict[str, Any]:
    from airdrop_desk import __version__

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": clock.iso(clock.now(), "s"),
        "schema": data.schema,
    }


def json_value(value: Value) -> Any:
    if isinstance(value, bytes):
        return {"base64": base64.b64encode(value).decode("ascii")}
    if isinstance(value, float) and not math.isfinite(value):
        return {"real": repr(value)}
    return value


def _write_json(data: DataSet, fh: Any) -> None:
    def put(text: str) -> None:
        fh.write(text.encode("utf-8"))

    head = json.dumps(header(data), ensure_ascii=False)
    put(head[:-1] + ', "tables": [')
    for i, table in enumerate(data.tables):
        put(
            ("," if i else "")
            + "\n"
            + json.dumps({"name": table.name, "columns": table.columns}, ensure_ascii=False)[:-1]
            + ', "rows": ['
        )
        for j, row in enumerate(table.rows):
            put(
                ("," if j else "")
                + "\n  "
                + json.dumps([json_value(v) for v in row], ensure_ascii=False, allow_nan=False)
            )
        put("]}")
    put("\n]}\n")


def csv_file_name(index: int, table: str) -> str:
    return f"{table}.csv" if re.fullmatch(r"[A-Za-z0-9_]{1,100}", table) else f"table-{index}.csv"


def csv_value(value: Value) -> str | None:
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, float):
        return repr(value)
    return None if value is None else str(value)


def _csv_files(data: DataSet) -> list[tuple[str, bytes]]:
    manifest = {**header(data), "tables": []}
    files = []
    for i, table in enumerate(data.tables):
        name = csv_file_name(i, table.name)
        manifest["tables"].append({"name": table.name, "file": name, "rows": len(table.rows)})
        text = format_row(table.columns) + "".join(
            format_row([csv_value(v) for v in row]) for row in table.rows
        )
        files.append((name, text.encode("utf-8")))
    files.insert(
        0, (MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    )
    return files


def _write_zip(data: DataSet, fh: Any) -> None:
    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, blob in _csv_files(data):
            archive.writestr(name, blob)


def _write_folder(data: DataSet, out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise DataFileError(str(out), "choose a new or empty folder for the CSV files")
    out.mkdir(mode=0o700, parents=True, exist_ok=True)
    for name, blob in _csv_files(data):
        _atomic_write(out / name, lambda fh, blob=blob: fh.write(blob))
