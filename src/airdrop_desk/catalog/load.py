"""Read a catalog file, check it completely, and report problems precisely.

msgspec checks types and constraints while decoding (fast enough for 100,000
projects at start-up); the checks msgspec cannot express — unique ids, links
between projects, known sources, real calendar dates — run afterwards. Any
problem raises ``CatalogError`` naming the file, the project and the field.

The projects are decoded one at a time from the file's bytes (``_Envelope`` leaves
them raw): as fast as one call for the whole file, but a decode on a worker thread
then lets the GUI thread run between projects instead of holding Python's lock
for the seconds a 100,000-project file takes.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from airdrop_desk.catalog.errors import MAX_CATALOG_BYTES, CatalogError
from airdrop_desk.catalog.files import read_catalog_file
from airdrop_desk.core.domain import SCHEMA_VERSION, Catalog, Project

__all__ = ["MAX_CATALOG_BYTES", "CatalogError", "load_catalog", "parse_catalog"]

# The catalog's own fields and constraints, its projects left as raw JSON.
_Envelope = msgspec.defstruct(
    "_Envelope",
    [
        (f.name, list[msgspec.Raw] if f.name == "projects" else f.type)
        if f.required
        else (f.name, f.type, f.default)
        for f in msgspec.structs.fields(Catalog)
    ],
    forbid_unknown_fields=True,
    frozen=True,
)
_ENVELOPE = msgspec.json.Decoder(_Envelope)
_PROJECT = msgspec.json.Decoder(Project)

# Characters no catalog text may hold, the same rules as for names people type: C0 and C1
# controls, bidi overrides, embeddings, isolates and marks (they make text display other
# than it reads), zero-width characters and line separators.
FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
# The same characters in a project's JSON bytes, raw or escaped: a quick test that lets
# the exact check (which walks every string) run only for the rare project that may
# hold one. An escaped backslash before "n" matches too; the exact check clears it.
_SUSPECT_BYTES = re.compile(
    rb"[\x7f]|\\[bfnrt]|\\u(?:00[01][0-9a-fA-F]|007[fF]|00[89][0-9a-fA-F]|061[cC]"
    rb"|200[b-fB-F]|202[89a-eA-E]|206[0-9]|[fF][eE][fF][fF])"
    rb"|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8b-\x8f\xa8-\xae]|\xe2\x81[\xa0-\xa9]"
    rb"|\xef\xbb\xbf"
)


def load_catalog(path: Path) -> Catalog:
    """Read and validate the catalog at ``path``."""
    return parse_catalog(read_catalog_file(path), path.name)


def parse_catalog(data: bytes, name: str) -> Catalog:
    """Validate catalog bytes; ``name`` is how messages refer to the file."""
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark (Notepad) is fine
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise CatalogError(name, "the file is UTF-16 text; save it as UTF-8")
    if not data.strip():
        raise CatalogError(name, "the file is empty")
    collecting = gc.isenabled()
    gc.disable()  # millions of fresh objects, no cycles: collections would only slow it
    try:
        catalog = _decode(data, name)
    except msgspec.ValidationError as exc:
        raise _located(exc, name) from None
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:
        # A byte that is not UTF-8 is named by the app itself: decoders word it their own
        # way (older msgspec raised UnicodeDecodeError, newer ones a DecodeError).
        from airdrop_desk.core.text import looks_binary, utf8_problem  # only on this path

        problem = None if looks_binary(data) else utf8_problem(data)
        raise CatalogError(name, problem or f"not valid JSON ({_plain(exc)})") from None
    except RecursionError:
        raise CatalogError(name, "not valid JSON (arrays or objects nested too deeply)") from None
    finally:
        if collecting:
            gc.enable()
    _check_links(catalog, name)
    return catalog


def _decode(data: bytes, name: str) -> Catalog:
    envelope: Any = _ENVELOPE.decode(data)
    if envelope.schema_version != SCHEMA_VERSION:
        raise CatalogError(
            name,
            f"schema version {envelope.schema_version} is not supported "
            f"(this app reads version {SCHEMA_VERSION})",
            field="schema_version",
        )
    if not envelope.projects:
        raise CatalogError(
            name,
            "the catalog has no projects (importing it would remove every project)",
            field="projects",
        )
    _check_characters(envelope, name, None, skip="projects")
    projects = []
    for index, raw in enumerate(envelope.projects):
        try:
            project = _PROJECT.decode(raw)
        except msgspec.ValidationError as exc:
            raise _located(exc, name, _project_label(raw, index)) from None
        if _SUSPECT_BYTES.search(raw):
            _check_characters(project, name, project.id)
        projects.append(project)
    fields = {f.name: getattr(envelope, f.name) for f in msgspec.structs.fields(Catalog)}
    return Catalog(**{**fields, "projects": projects})


def _strings(value: object, path: str) -> Iterator[tuple[str, str]]:
    """Every text in ``value`` (a struct, list or string) with its field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, msgspec.Struct):
        for key in value.__struct_fields__:
            yield from _strings(getattr(value, key), f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")


def _check_characters(value: object, name: str, project: str | None, skip: str = "") -> None:
    """Refuse a control, bidi or zero-width character, naming the project and field."""
    for path, text in _strings(value, ""):
        if skip and path.startswith(skip):
            continue
        found = FORBIDDEN_CHARACTERS.search(text)
        if found is not None:
            char = found.group()
            what = unicodedata.name(char, "a control character")
            raise CatalogError(
                name,
                f"the text holds U+{ord(char):04X} ({what}), an invisible or control "
                "character that can make text display other than it reads",
                project=project,
                field=path,
            )


def _plain(exc: Exception) -> str:
    text = str(exc)
    if text[1:2].isupper():  # an acronym such as "JSON" keeps its case
        return text
    return text[:1].lower() + text[1:]


def _located(exc: msgspec.ValidationError, name: str, project: str | None = None) -> CatalogError:
    """Turn msgspec's ``... - at `$.token.symbol``` into a message and its field."""
    from airdrop_desk.core.validation import describe, split_report

    message, field = split_report(str(exc))
    return CatalogError(name, describe(message), project=project, field=field or None)


def _project_label(raw: msgspec.Raw, index: int) -> str:
    """The id of project number ``index`` if its JSON has one, else its position."""
    try:
        decoded = json.loads(bytes(raw))
    except (ValueError, RecursionError):
        decoded = None
    ident = decoded.get("id") if isinstance(decoded, dict) else None
    # A valid id is short; a huge or empty one would only swamp the message.
    return ident if isinstance(ident, str) and 0 < len(ident) <= 64 else f"#{index + 1}"


def _check_links(catalog: Catalog, name: str) -> None:
    source_ids = [s.id for s in catalog.sources]
    seen_sources: set[str] = set()
    for sid in source_ids:
        if sid in seen_sources:
            raise CatalogError(name, f"source id '{sid}' is used twice", field="sources")
        seen_sources.add(sid)
    if catalog.article_source not in seen_sources:
        raise CatalogError(
            name, f"unknown source '{catalog.article_source}'", field="article_source"
        )
    for source in catalog.sources:
        if source.date:
            _check_date(source.date, name, None, f"sources[{source.id}].date")
        if source.url and not source.url.startswith("https://"):
            raise CatalogError(
                name, "source links must start with https://", field=f"sources[{source.id}].url"
            )
    ids: set[str] = set()
    for project in catalog.projects:
        if project.id in ids:
            raise CatalogError(
                name, "this project id is used twice", project=project.id, field="id"
            )
        ids.add(project.id)
    for project in catalog.projects:
        _check_project(project, ids, seen_sources, name)


def _check_project(
    project: Project, project_ids: set[str], source_ids: set[str], name: str
) -> None:
    def fail(field: str, message: str) -> CatalogError:
        return CatalogError(name, message, project=project.id, field=field)

    def check_sources(field: str, refs: list[str]) -> None:
        for ref in refs:
            if ref not in source_ids:
                raise fail(field, f"unknown source '{ref}'")

    for i, comp in enumerate(project.competitors):
        if comp.project_id is not None and comp.project_id not in project_ids:
            raise fail(f"competitors[{i}].project_id", f"unknown project '{comp.project_id}'")
    check_sources("status_sources", project.status_sources)
    check_sources("ecosystem_sources", project.ecosystem_sources)
    check_sources("official_sites_sources", project.official_sites_sources)
    if project.token:
        check_sources("token.sources", project.token.sources)
    groups: list[tuple[str, list[Any]]] = [
        ("events", project.events),
        ("points_programs", project.points_programs),
        ("task_templates", project.task_templates),
        ("facts", project.facts),
        ("corrections", project.corrections),
    ]
    for field, items in groups:
        for i, item in enumerate(items):
            check_sources(f"{field}[{i}].sources", item.sources)
    for i, event in enumerate(project.events):
        _check_date(event.date, name, project.id, f"events[{i}].date")
    task_ids = [t.id for t in project.task_templates]
    if len(set(task_ids)) != len(task_ids):
        raise fail("task_templates", "two tasks share an id")


def _check_date(value: str, name: str, project: str | None, field: str) -> None:
    day = value[:10]
    try:
        if len(day) == 10:
            dt.date.fromisoformat(day)
        elif len(day) == 7:
            dt.date.fromisoformat(day + "-01")
    except ValueError:
        raise CatalogError(
            name, f"'{value}' is not a real date", project=project, field=field
        ) from None
