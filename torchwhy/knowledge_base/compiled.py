"""The compiled knowledge base: entry files parsed, validated and indexed once, then read
back from a cache file named by their content.

Parsing the YAML and compiling every regex cost more than answering a message, and grew
with the knowledge base. The cache holds each entry pickled on its own and the rule
prefilter (which entries a message's words can match), so opening it is one file read and
an entry is unpickled only when a stage touches it. The file name is a digest of the entry
files and of the code that reads them, so a cache is never stale, only unused. Like a
`.pyc`, it is written beside the entry files (`__pycache__/`), or in the user cache
directory when that is read-only, or in TORCHWHY_CACHE_DIR when set. Concurrent first runs
each write their own temporary file and rename it into place: readers see a whole file or
none.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import overload

from torchwhy.environment import cache_dir, configured_cache_dir
from torchwhy.knowledge_base.patterns import LazyPattern, message_words, requirement
from torchwhy.knowledge_base.schema import Entry

_FORMAT = 2
# The code whose classes are pickled: a change to any of them is a new cache.
_CODE = ("schema.py", "patterns.py", "compiled.py")


# A pattern in the rule prefilter: (entry number, pattern number), in knowledge-base order.
PatternRef = tuple[int, int]


class CompiledEntries(Sequence[Entry]):
    """The entries of one knowledge base in file order, each unpickled on first access, and
    the rule prefilter: the patterns that need a word, or a literal, or nothing."""

    def __init__(
        self,
        blobs: list[bytes],
        by_word: dict[str, list[PatternRef]],
        by_literal: list[tuple[tuple[str, ...], PatternRef]],
        always: list[PatternRef],
    ) -> None:
        self._blobs = blobs
        self._entries: list[Entry | None] = [None] * len(blobs)
        self._by_word = by_word
        self._by_literal = by_literal
        self._always = always
        # The entry files read, set by `load_compiled`: caches derived from this knowledge
        # base (the embedding stage's example matrix) are named by their content.
        self.source_files: tuple[Path, ...] = ()

    def content_digest(self) -> str | None:
        """A digest of the entry files this knowledge base was read from; None when it was
        built from entries in memory."""
        return digest(self.source_files)[:16] if self.source_files else None

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> CompiledEntries:
        """Index `entries`: each pattern under its rarest required word, else its literals."""
        needs = {
            (number, index): requirement(pattern.pattern)
            for number, entry in enumerate(entries)
            for index, pattern in enumerate(entry.patterns)
        }
        frequency: dict[str, int] = {}
        for need in needs.values():
            for word in need.words:
                frequency[word] = frequency.get(word, 0) + 1
        by_word: dict[str, list[PatternRef]] = {}
        by_literal: list[tuple[tuple[str, ...], PatternRef]] = []
        always: list[PatternRef] = []
        for ref, need in needs.items():
            if need.words:
                rarest = min(need.words, key=lambda w: (frequency[w], -len(w)))
                by_word.setdefault(rarest, []).append(ref)
            elif need.literals:
                by_literal.append((need.literals, ref))
            else:
                always.append(ref)
        blobs = [pickle.dumps(entry, pickle.HIGHEST_PROTOCOL) for entry in entries]
        compiled = cls(blobs, by_word, by_literal, always)
        compiled._entries = list(entries)
        return compiled

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> Entry: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Entry, ...]: ...
    def __getitem__(self, index: int | slice) -> Entry | tuple[Entry, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        entry = self._entries[index]
        if entry is None:
            entry = self._entries[index] = pickle.loads(self._blobs[index])
        return entry

    def __iter__(self) -> Iterator[Entry]:
        return (self[i] for i in range(len(self)))

    def rule_candidates(self, message: str) -> list[tuple[Entry, list[LazyPattern]]]:
        """The entries, in order, with the patterns `message` might match: every other
        pattern needs a word or a literal the message lacks."""
        refs = set(self._always)
        for word in message_words(message):
            refs.update(self._by_word.get(word, ()))
        lowered = message.lower()
        refs.update(
            ref for literals, ref in self._by_literal if any(s in lowered for s in literals)
        )
        candidates: dict[int, list[LazyPattern]] = {}
        for number, index in sorted(refs):
            candidates.setdefault(number, []).append(self[number].patterns[index])
        return [(self[number], patterns) for number, patterns in candidates.items()]

    def __reduce__(self) -> tuple[Callable[..., CompiledEntries], tuple[object, ...]]:
        return CompiledEntries, (self._blobs, self._by_word, self._by_literal, self._always)

    # Identity, not contents: caches keyed by a knowledge base stay cheap to look up.
    __hash__ = object.__hash__

    def __eq__(self, other: object) -> bool:
        return self is other


def digest(files: Sequence[Path]) -> str:
    """A digest of the entry files' names and contents."""
    import hashlib

    sha = hashlib.sha256()
    for path in files:
        sha.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return sha.hexdigest()


def _checksum(chunks: Iterable[bytes]) -> str:
    """crc32, adler32 and length of the data: a key that changes with any edit. Not
    hashlib: importing its OpenSSL costs more than a rule answer, and this key guards
    against edits, not attacks."""
    crc, adler, size = 0, 1, 0
    for chunk in chunks:
        crc, adler, size = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler), size + len(chunk)
    return f"{crc:08x}{adler:08x}{size:x}"


def _cache_key(files: Sequence[Path]) -> str:
    here = Path(__file__).parent
    header = f"{_FORMAT} {sys.version_info[:2]}".encode()
    code = ((here / name).read_bytes() for name in _CODE)
    data = (path.name.encode() + b"\0" + path.read_bytes() + b"\0" for path in files)
    return _checksum(itertools.chain([header], code, data))


def _cache_dirs(directory: Path) -> Iterator[Path]:
    configured = configured_cache_dir()
    if configured is not None:
        yield configured
        return
    yield directory / "__pycache__"
    yield cache_dir()


def _read(path: Path) -> CompiledEntries | None:
    try:
        compiled = pickle.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except Exception:  # a damaged or foreign cache file is rebuilt
        return None
    return compiled if isinstance(compiled, CompiledEntries) else None


def _write(path: Path, compiled: CompiledEntries) -> bool:
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps(compiled, pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)  # atomic: a concurrent reader sees the old or the new file
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        return False
    # The same directory's caches of earlier contents are never read again.
    prefix = path.name.rsplit("-", 1)[0]  # kb-<place>
    for stale in path.parent.glob(f"{prefix}-*.pickle"):
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()
    return True


def load_compiled(
    directory: Path, files: Sequence[Path], parse: Callable[[], Sequence[Entry]]
) -> CompiledEntries:
    """The compiled entries of `files`, from the cache, or parsed by `parse` and cached."""
    place = f"{zlib.crc32(str(directory.resolve()).encode()):08x}"
    name = f"kb-{place}-{_cache_key(files)}.pickle"
    for folder in _cache_dirs(directory):
        compiled = _read(folder / name)
        if compiled is not None:
            compiled.source_files = tuple(files)
            return compiled
    compiled = CompiledEntries.build(parse())
    for folder in _cache_dirs(directory):
        if _write(folder / name, compiled):
            break
    compiled.source_files = tuple(files)
    return compiled
