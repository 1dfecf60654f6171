"""Read an export file (JSON, or CSV in a folder or a .zip) into a DataSet, checking its shape.

Nothing here looks at a database: the values are checked against the schema later
(``userdata_import``). Every problem raises DataFileError naming the file and, when
known, the table, row and column.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

import msgspec

from airdrop_desk.core.text import looks_binary, utf8_problem
from airdrop_desk.storage.csvtext import CsvSyntaxError, parse_rows
from airdrop_desk.storage.files import FileRefused, TooLarge, read_limited
from airdrop_desk.storage.userdata import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    DataFileError,
    DataSet,
    TableData,
)

MAX_IMPORT_BYTES = 256 * 1024 * 1024
JsonValue = int | float | str | None | dict[str, str]
_PATH_RE = re.compile(r"^\$\.tables\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\])?(?:\[(\d+)\])?")


class _Table(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    columns: list[str]
    rows: list[list[JsonValue]]


class _File(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    format_version: int
    schema: list[str]
    tables: list[_Table]
    app_version: str | None = None
    exported_at: str | None = None


class _Entry(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    file: str
    rows: int


class _Manifest(msgspec.Struct, forbid_unknown_fields=True):
    format: str
    format_version: int
    schema: list[str]
    tables: list[_Entry]
    app_version: str | None = None
    exported_at: str | None = None


def read_export(source: Path) -> DataSet:
    """The data in an export: a .json file, a .zip of CSV files, or a folder of them."""
    label = source.name or str(source)
    if source.is_dir():
        return _read_csv_set(label, _folder_files(source))
    try:
        data = read_limited(source, MAX_IMPORT_BYTES)
    except FileRefused as exc:
        raise DataFileError(str(source), str(exc)) from None
    except OSError as exc:
        raise DataFileError(str(source), f"cannot read the file ({exc.strerror})") from None
    if data[:4] == b"PK\x03\x04" or source.suffix.lower() == ".zip":
        return _read_csv_set(label, _zip_files(label, data))
    if source.suffix.lower() == ".csv":
        raise DataFileError(
            label,
            "one CSV file cannot be imported on its own; import the "
            "folder or .zip that holds it and manifest.json",
        )
    return parse_json(data, label)


def _text_problem(data: bytes) -> str | None:
    """Why bytes are not usable UTF-8 JSON/CSV text, for the cases worth naming."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _wide_text(data[:64]):
        return "the file is UTF-16 or UTF-32 text; save it as UTF-8"
    if looks_binary(data):
        return "this is not a text file (it holds binary data, like an image or a program)"
    if not data.strip():
        return "the file is empty"
    return None


def _wide_text(head: bytes) -> bool:
    """UTF-16 or UTF-32 without a byte order mark: text whose characters are padded with
    zero bytes in a regular pattern, unlike a binary file's zeros."""
    if len(head) < 4 or b"\x00" not in head[:4]:
        return False
    for width in (2, 4):
        chunks = [head[i : i + width] for i in range(0, len(head) - width + 1, width)]
        if chunks and all(c.count(0) == width - 1 and any(c) for c in chunks):
            return True
    return False


def _not_utf8(data: bytes) -> str:
    return utf8_problem(data) or "not UTF-8 text; save the file as UTF-8"


def _decode(data: bytes, label: str, kind: type[Any]) -> Any:
    data = data.removeprefix(b"\xef\xbb\xbf")
    problem = _text_problem(data)
    if problem:
        raise DataFileError(label, problem)
    try:
        return msgspec.json.decode(data, type=kind)
    except msgspec.ValidationError as exc:
        raise _located(exc, data, label) from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        # A byte that is not UTF-8 is named by the app itself: decoders word it their own
        # way (older msgspec raised UnicodeDecodeError, newer ones a DecodeError).
        problem = None if looks_binary(data) else utf8_problem(data)
        if problem:
            raise DataFileError(label, problem) from None
        text = str(exc).replace("Input data was truncated", "the file ends too early")
        raise DataFileError(label, f"not valid JSON ({text})") from None
    except RecursionError:
        raise DataFileError(label, "not valid JSON (nested too deeply)") from None


_BROKEN = object()


def _lenient(data: bytes) -> Any:
    try:
        return msgspec.json.decode(data)
    except (msgspec.DecodeError, UnicodeDecodeError, RecursionError):
        return _BROKEN


def _located(exc: msgspec.ValidationError, data: bytes, label: str) -> DataFileError:
    """Name the table, row and column of a msgspec validation error."""
    from airdrop_desk.core.validation import describe

    raw = _lenient(data)  # _BROKEN when the rest of the file is broken too (cut, too deep)
    text = str(exc)
    message, path = text.rsplit(" - at ", 1) if " - at " in text else (text, "")
    ours = isinstance(raw, dict) and raw.get("format") == FORMAT
    if (raw is not _BROKEN and not ours) or (raw is _BROKEN and path.strip("`") in ("", "$")):
        return DataFileError(
            label, f'not an Airdrop Desk data export (it has no "format": "{FORMAT}")'
        )
    raw = raw if ours else {}
    message = describe(
        message.replace(
            "`int | float | str | object | null`", '`a number, text, null or {"base64": ...}`'
        )
    )
    match = _PATH_RE.match(path.strip("`"))
    if not match:
        where = path.strip("`").removeprefix("$").removeprefix(".")
        return DataFileError(label, f"{message} (at {where})" if where else message)
    index, part, row, col = match.groups()
    tables = raw.get("tables")
    entry = tables[int(index)] if isinstance(tables, list) and int(index) < len(tables) else {}
    entry = entry if isinstance(entry, dict) else {}
    name = entry.get("name") if isinstance(entry.get("name"), str) else f"#{int(index) + 1}"
    column = None
    if part == "rows" and col is not None:
        columns = entry.get("columns")
        named = columns[int(col)] if isinstance(columns, list) and int(col) < len(columns) else None
        column = named if isinstance(named, str) else f"#{int(col) + 1}"
    elif part and (part != "rows" or row is None):
        message = f"{part}: {message}"
    return DataFileError(
        label,
        message,
        table=name,
        row=int(row) + 1 if part == "rows" and row is not None else None,
        column=column,
    )


def _check_header(label: str, fmt: str, version: int) -> None:
    if fmt != FORMAT:
        raise DataFileError(label, f"not an Airdrop Desk data export (format '{fmt[:40]}')")
    if version != FORMAT_VERSION:
        raise DataFileError(
            label,
            f"export format version {version} is not supported "
            f"(this app reads version {FORMAT_VERSION})",
        )


def parse_json(data: bytes, label: str) -> DataSet:
    decoded: _File = _decode(data, label, _File)
    _check_header(label, decoded.format, decoded.format_version)
    return DataSet(
        decoded.schema, [TableData(t.name, t.columns, t.rows, label) for t in decoded.tables]
    )


def _folder_files(folder: Path) -> dict[str, bytes]:
    files, total = {}, 0
    for entry in folder.iterdir():
        if entry.is_file() and (entry.suffix.lower() == ".csv" or entry.name == MANIFEST):
            try:
                blob = read_limited(entry, MAX_IMPORT_BYTES - total)
            except TooLarge:
                raise DataFileError(
                    folder.name, f"the files are over {MAX_IMPORT_BYTES:,} bytes together"
                ) from None
            except FileRefused as exc:
                raise DataFileError(f"{folder.name}/{entry.name}", str(exc)) from None
            except OSError as exc:
                raise DataFileError(
                    f"{folder.name}/{entry.name}", f"cannot read the file ({exc.strerror})"
                ) from None
            total += len(blob)
            files[entry.name] = blob
    return files


_ZIP_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
_OTHER_METHODS = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
_CHUNK = 1024 * 1024


def _zip_files(label: str, data: bytes) -> dict[str, bytes]:
    """The files in a .zip, inflated a chunk at a time with the bytes counted.

    The sizes an archive declares are only a first check: what counts is what comes
    out. Only stored and deflated files are read (what exports and the usual zip
    tools write); Python inflates the other methods in one piece, whatever their size.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir()]
            if sum(i.file_size for i in infos) > MAX_IMPORT_BYTES:
                raise DataFileError(
                    label, f"the archive unpacks to over {MAX_IMPORT_BYTES:,} bytes"
                )
            for info in infos:
                if info.compress_type not in _ZIP_METHODS:
                    method = _OTHER_METHODS.get(info.compress_type, f"method {info.compress_type}")
                    raise DataFileError(
                        label,
                        f"{info.filename} is packed with {method} compression, which "
                        "Airdrop Desk does not unpack; make the .zip with the usual "
                        "deflate compression",
                    )
            files, total = {}, 0
            for info in infos:
                parts = []
                with archive.open(info) as entry:
                    while chunk := entry.read(_CHUNK):
                        total += len(chunk)
                        if total > MAX_IMPORT_BYTES:
                            raise DataFileError(
                                label, f"the archive unpacks to over {MAX_IMPORT_BYTES:,} bytes"
                            )
                        parts.append(chunk)
                files[info.filename] = b"".join(parts)
            return files
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise DataFileError(label, f"not a readable .zip file ({exc})") from None
    except zipfile.LargeZipFile:
        raise DataFileError(label, "the archive is too large") from None


def _read_csv_set(label: str, files: dict[str, bytes]) -> DataSet:
    if MANIFEST not in files:
        raise DataFileError(
            label, f"{MANIFEST} is missing: this is not a CSV export of Airdrop Desk"
        )
    manifest: _Manifest = _decode(files[MANIFEST], f"{label}/{MANIFEST}", _Manifest)
    _check_header(f"{label}/{MANIFEST}", manifest.format, manifest.format_version)
    tables = []
    for entry in manifest.tables:
        where = f"{label}/{entry.file}"
        if entry.file not in files or "/" in entry.file or "\\" in entry.file:
            raise DataFileError(
                label, f"the file {entry.file!r} listed in {MANIFEST} is missing", table=entry.name
            )
        rows = _csv_rows(files[entry.file], where, entry.name)
        if not rows or any(v is None for v in rows[0]):
            raise DataFileError(where, "the first line must name the columns", table=entry.name)
        header = [v for v in rows[0] if v is not None]
        body = [r for r in rows[1:] if r != [None] or len(header) == 1]
        if len(body) != entry.rows:
            raise DataFileError(
                where,
                f"{len(body)} rows, but {MANIFEST} says {entry.rows}; the file may be cut off",
                table=entry.name,
            )
        tables.append(TableData(entry.name, header, body, where, text=True))
    return DataSet(manifest.schema, tables)


def _csv_rows(blob: bytes, where: str, table: str) -> list[list[str | None]]:
    blob = blob.removeprefix(b"\xef\xbb\xbf")  # spreadsheets write a byte order mark
    problem = _text_problem(blob) if blob[:2] in (b"\xff\xfe", b"\xfe\xff") else None
    if problem:
        raise DataFileError(where, problem, table=table)
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(where, _not_utf8(blob), table=table) from None
    if "\x00" in text:
        raise DataFileError(
            where, "the file holds NUL bytes; it is not CSV text (UTF-16?)", table=table
        )
    try:
        return parse_rows(text)
    except CsvSyntaxError as exc:
        raise DataFileError(where, str(exc), table=table) from None
