"""The knowledge base: expert readings of PyTorch errors, kept as YAML data files.

`load()` reads every file under `entries/` once per process, validates each entry
against the schema and checks that ids are unique.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import yaml

from torchwhy.knowledge_base.schema import (
    Entry,
    Example,
    FixTemplate,
    KnowledgeBaseError,
    parse_entry,
)

__all__ = [
    "Entry",
    "Example",
    "FixTemplate",
    "KnowledgeBaseError",
    "content_hash",
    "entries_dir",
    "load",
]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def entries_dir() -> Path:
    return Path(__file__).with_name("entries")


def _entry_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def load_directory(directory: Path) -> tuple[Entry, ...]:
    """Load and validate every entry file in `directory`."""
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in _entry_files(directory):
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
        except yaml.YAMLError as error:
            raise KnowledgeBaseError(f"{path.name}: not valid YAML: {error}") from None
        if raw is None:
            continue
        if not isinstance(raw, list):
            raise KnowledgeBaseError(f"{path.name}: must be a list of entries")
        for item in raw:
            entry = parse_entry(item, path.name)
            if entry.id in seen:
                raise KnowledgeBaseError(
                    f"{path.name}: entry {entry.id!r}: id already used in {seen[entry.id]}"
                )
            seen[entry.id] = path.name
            entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=1)
def load() -> tuple[Entry, ...]:
    """All entries of the bundled knowledge base."""
    return load_directory(entries_dir())


@lru_cache(maxsize=1)
def content_hash() -> str:
    """A digest of the entry files: keys caches derived from the knowledge base."""
    digest = hashlib.sha256()
    for path in _entry_files(entries_dir()):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def by_id(entry_id: str, entries: Iterable[Entry] | None = None) -> Entry | None:
    """The entry with this id among `entries` (the bundled knowledge base by default)."""
    return next(
        (entry for entry in (load() if entries is None else entries) if entry.id == entry_id), None
    )
