"""Import an export into a data folder: check everything first, then write in one transaction.

The check is a dress rehearsal in an in-memory database built by the same migrations:
the file's rows go into the schema the file was written with (so every type, NOT NULL,
UNIQUE and CHECK rule of the real schema applies), later migrations carry them
forward, and ``PRAGMA foreign_key_check`` must find nothing. Only then is the data
folder touched: a backup, then one transaction that replaces the user data and checks
the foreign keys again before it commits. Any problem before that leaves every file
of the data folder as it was.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from airdrop_desk.paths import Paths
from airdrop_desk.storage.migrations import KNOWN, migration_set
from airdrop_desk.storage.userdata import (
    BOOKKEEPING,
    CATALOG_TABLES,
    LOCAL_ROWS,
    PRIVATE_TABLES,
    Column,
    DataFileError,
    DataSet,
    TableData,
    local_filter,
    quote,
    read_user_data,
    user_tables,
)
from airdrop_desk.storage.userdata_files import read_export
from airdrop_desk.storage.userdata_values import column_kind, convert


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, and the backup made just before."""

    rows: dict[str, int]
    backup: Path | None


def import_data(paths: Paths, source: Path) -> ImportResult:
    """Replace the user data in ``paths`` with the export at ``source``."""
    from airdrop_desk.storage.backup import create_backup
    from airdrop_desk.storage.db import open_database
    from airdrop_desk.storage.inspect import inspect_database

    staged = validate(read_export(source), source.name or str(source))
    # Checked: from here on the data folder is written.
    backup = None
    if inspect_database(paths.database):
        backup = create_backup(paths, "before-import").path
    db = open_database(paths.database, paths.backups)
    try:
        _write(db.conn, staged, source.name)
    finally:
        db.close()
    return ImportResult({t.name: len(t.rows) for t in staged.tables}, backup)


def validate(data: DataSet, label: str) -> DataSet:
    """The rows to write, as the current schema holds them; DataFileError if any is wrong."""
    schema = _check_schema(data.schema, label)
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        from sqlite_utils import Database

        db = Database(conn, execute_plugins=False)
        later = KNOWN[len(schema)] if len(schema) < len(KNOWN) else None
        migration_set().apply(db, stop_before=later)
        tables = user_tables(conn)
        _check_table_names(data, tables, label)
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        for name in tables:  # what migrations seeded is replaced by the file too
            where, args = local_filter(name, negate=True)
            conn.execute(f"DELETE FROM {quote(name)}{where}", args)
        origin: dict[str, dict[int, int]] = {}
        for table in data.tables:
            origin[table.name] = _stage_table(conn, table, tables[table.name])
        conn.execute("COMMIT")
        migration_set().apply(db)  # an older export moves forward like a user's file
        _check_foreign_keys(conn, data, origin)
        return read_user_data(conn)
    finally:
        conn.close()


def _check_schema(schema: list[str], label: str) -> list[str]:
    from airdrop_desk import __version__

    unknown = [name for name in schema if name not in KNOWN]
    if unknown:
        raise DataFileError(
            label,
            f"written by a newer Airdrop Desk (schema change "
            f"'{unknown[0][:80]}' is unknown to version {__version__}); "
            "update Airdrop Desk to import it",
        )
    if not schema or schema != KNOWN[: len(schema)]:
        raise DataFileError(
            label, "unknown schema version (its list of schema changes does not match any release)"
        )
    return schema


def _check_table_names(data: DataSet, tables: dict[str, list[Column]], label: str) -> None:
    seen: set[str] = set()
    for table in data.tables:
        where = table.file or label
        if table.name in seen:
            raise DataFileError(where, "the table appears twice", table=table.name)
        seen.add(table.name)
        if table.name in PRIVATE_TABLES:
            raise DataFileError(
                where, f"not importable: {PRIVATE_TABLES[table.name]}", table=table.name
            )
        if table.name in CATALOG_TABLES or table.name in BOOKKEEPING:
            raise DataFileError(
                where,
                "catalog data is not imported; update the catalog "
                "with 'airdrop-desk catalog import'",
                table=table.name,
            )
        if table.name not in tables:
            raise DataFileError(
                where, "no such table in this schema version", table=table.name[:80]
            )
    missing = sorted(set(tables) - seen)
    if missing:
        raise DataFileError(label, "the table is missing from the file", table=missing[0])


def _stage_table(
    conn: sqlite3.Connection, table: TableData, schema: list[Column]
) -> dict[int, int]:
    """Insert a table's rows into the rehearsal database; rowid -> row number."""
    where = table.file
    by_name = {c.name: c for c in schema}
    if not table.columns:
        raise DataFileError(where, "no columns", table=table.name)
    for name in table.columns:
        if name not in by_name:
            raise DataFileError(
                where, "no such column in this table", table=table.name, column=name[:80]
            )
        if table.columns.count(name) > 1:
            raise DataFileError(where, "the column appears twice", table=table.name, column=name)
    for column in schema:
        rowid_alias = column.pk and column.type == "INTEGER"
        needed = column.notnull and not column.has_default and not rowid_alias
        if needed and column.name not in table.columns:
            raise DataFileError(
                where,
                "the column is missing; every row needs a value",
                table=table.name,
                column=column.name,
            )
    kinds = [column_kind(by_name[name].type) for name in table.columns]
    sql = (
        f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, table.columns))}) "
        f"VALUES ({', '.join('?' * len(table.columns))})"
    )
    origin = {}
    for number, row in enumerate(table.rows, start=1):
        if len(row) != len(table.columns):
            raise DataFileError(
                where,
                f"{len(row)} values for {len(table.columns)} columns",
                table=table.name,
                row=number,
            )
        values = [
            convert(v, kind, table, number, name)
            for v, kind, name in zip(row, kinds, table.columns, strict=True)
        ]
        try:
            cursor = conn.execute(sql, values)
        except (sqlite3.Error, UnicodeEncodeError, OverflowError) as exc:
            text = str(exc)
            if text.startswith("NOT NULL constraint failed: "):
                raise DataFileError(
                    where,
                    "a value is needed here",
                    table=table.name,
                    row=number,
                    column=text.rsplit(".", 1)[-1],
                ) from None
            raise DataFileError(where, _explain(exc), table=table.name, row=number) from None
        origin[int(cursor.lastrowid or 0)] = number
    if table.name in LOCAL_ROWS:
        condition, arg = local_filter(table.name, negate=False)
        hit = conn.execute(f"SELECT rowid FROM {quote(table.name)}{condition}", arg).fetchone()
        if hit:
            raise DataFileError(
                where,
                "this row describes another data folder's catalog and cannot be imported",
                table=table.name,
                row=origin.get(hit[0]),
            )
    return origin


def _explain(exc: Exception) -> str:
    text = str(exc)
    if text.startswith("UNIQUE constraint failed"):
        return "another row already has the same " + text.split(": ", 1)[1]
    if text.startswith("CHECK constraint failed"):
        return f"a value breaks the rule '{text.split(': ', 1)[1][:200]}'"
    if isinstance(exc, UnicodeEncodeError):
        return "the text holds characters that are not valid Unicode"
    return text[:200]


def _check_foreign_keys(
    conn: sqlite3.Connection, data: DataSet, origin: dict[str, dict[int, int]]
) -> None:
    violation = conn.execute("PRAGMA foreign_key_check").fetchone()
    if violation is None:
        return
    table, rowid, parent, fkid = violation
    keys = conn.execute(f"PRAGMA foreign_key_list({quote(table)})").fetchall()
    column = next((k[3] for k in keys if k[0] == fkid), None)
    file = next((t.file for t in data.tables if t.name == table), "")
    raise DataFileError(
        file,
        f"refers to a row of '{parent}' that is not in the file",
        table=table,
        row=origin.get(table, {}).get(rowid),
        column=column,
    )


def _write(conn: sqlite3.Connection, staged: DataSet, label: str) -> None:
    """Replace the user rows in one transaction; foreign keys are checked before COMMIT."""
    conn.execute("PRAGMA foreign_keys=OFF")  # only outside a transaction; checked below
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for name in user_tables(conn):
                where, args = local_filter(name, negate=True)
                conn.execute(f"DELETE FROM {quote(name)}{where}", args)
            for table in staged.tables:
                conn.executemany(
                    f"INSERT INTO {quote(table.name)} "
                    f"({', '.join(map(quote, table.columns))}) "
                    f"VALUES ({', '.join('?' * len(table.columns))})",
                    table.rows,
                )
            violation = conn.execute("PRAGMA foreign_key_check").fetchone()
            if violation is not None:
                raise DataFileError(
                    label,
                    f"a row of '{violation[0]}' refers to a missing row of '{violation[2]}'",
                    table=violation[0],
                )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # a failed COMMIT may have ended it already
                conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys=ON")
