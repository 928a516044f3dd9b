"""The knowledge base: expert readings of PyTorch errors, kept as YAML data files.

`load()` reads every file under `entries/` once per process, validates each entry
against the schema and checks that ids are unique; the result is cached on disk, keyed by
the files' content (`compiled.py`), so a later process reads it back without YAML.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from torchwhy.knowledge_base.compiled import CompiledEntries, load_compiled
from torchwhy.knowledge_base.schema import (
    Entry,
    Example,
    FixTemplate,
    KnowledgeBaseError,
    parse_entry,
)

__all__ = [
    "CompiledEntries",
    "Entry",
    "Example",
    "FixTemplate",
    "KnowledgeBaseError",
    "entries_dir",
    "load",
]


def entries_dir() -> Path:
    return Path(__file__).with_name("entries")


def _entry_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.yaml"))


def load_directory(directory: Path) -> CompiledEntries:
    """Every entry of the files in `directory`, validated: from the compiled cache when the
    files are unchanged, else parsed (and cached)."""
    files = _entry_files(directory)
    return load_compiled(directory, files, lambda: parse_files(files))


def parse_files(files: list[Path]) -> tuple[Entry, ...]:
    """Parse and validate entry files (YAML), checking that ids are unique."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    entries: list[Entry] = []
    seen: dict[str, str] = {}
    for path in files:
        try:
            raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
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
def load() -> CompiledEntries:
    """All entries of the bundled knowledge base."""
    return load_directory(entries_dir())


def by_id(entry_id: str, entries: Iterable[Entry] | None = None) -> Entry | None:
    """The entry with this id among `entries` (the bundled knowledge base by default)."""
    return next(
        (entry for entry in (load() if entries is None else entries) if entry.id == entry_id), None
    )
