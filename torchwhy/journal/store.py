"""The bug journal on disk: one JSON object per line in `<data dir>/journal.jsonl`.

Appends are atomic across processes: each line is written with a single `os.write` on a file
opened with O_APPEND, under a `filelock.FileLock` on `journal.jsonl.lock`. Readers skip (and
warn about) lines that are not valid JSON, so a torn or hand-edited line is never fatal.

No torch import here: the hooks call `record` from an excepthook, where torch may be absent
or half torn down.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import os
import secrets
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from torchwhy.environment import DATA_DIR_ENV, data_dir  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from torchwhy.diagnosis import Diagnosis

JOURNAL_ENV = "TORCHWHY_JOURNAL"
JOURNAL_FILE = "journal.jsonl"
MESSAGE_LIMIT = 2000
LOCK_TIMEOUT = 30.0

ERROR_KIND = "error"
NOTE_KIND = "note"


def journal_path() -> Path:
    return data_dir() / JOURNAL_FILE


def journal_enabled(explicit: bool | None = None) -> bool:
    """Whether to journal: `explicit` wins when given (True: `install(journal=True)`,
    `--journal`; False: turned off); otherwise on when `TORCHWHY_JOURNAL` is 1/true/yes/on."""
    if explicit is not None:
        return bool(explicit)
    from torchwhy.environment import env_flag

    return env_flag(JOURNAL_ENV)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def new_id() -> str:
    """A short random id (12 hex digits): unique enough for one person's journal."""
    return secrets.token_hex(6)


def torch_version() -> str | None:
    """The torch version without importing torch: from the loaded module if torch is already
    imported, else from the installed distribution's metadata, else None."""
    torch = sys.modules.get("torch")
    version = getattr(torch, "__version__", None) if torch is not None else None
    if version:
        return str(version)
    try:
        return importlib.metadata.version("torch")
    except importlib.metadata.PackageNotFoundError:
        return None
    except Exception:
        return None


def _truncate(text: str, limit: int = MESSAGE_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_FILE_SUFFIXES = (".py", ".ipynb", ".pyw")


def _looks_like_a_file(source: str) -> bool:
    return source.endswith(_FILE_SUFFIXES) or os.sep in source or "/" in source


def source_file(source: str | None) -> str | None:
    """A source as one form: a file as its absolute path (a relative one is relative to the
    working directory of the crash, known only now); a module name that is loaded as its
    file; anything else (`<stdin>`, a notebook's name) as given. Imports nothing."""
    if not source:
        return source
    if source.startswith("<") and source.endswith(">"):
        return source
    if _looks_like_a_file(source):
        try:
            return os.path.abspath(source)
        except (OSError, ValueError):  # no working directory any more
            return source
    module = sys.modules.get(source)
    origin = getattr(module, "__file__", None) if module is not None else None
    return os.path.abspath(origin) if isinstance(origin, str) else source


def make_record(diagnosis: Diagnosis, *, source: str | None = None) -> dict[str, Any]:
    """The journal line for one diagnosis (a plain dict; `append` writes it)."""
    culprit = diagnosis.culprits[0].expression if diagnosis.culprits else None
    if source is None and diagnosis.location is not None:
        source = diagnosis.location.file
    return {
        "kind": ERROR_KIND,
        "id": new_id(),
        "time": _now(),
        "source": source_file(source),
        "category": diagnosis.category,
        "entry": diagnosis.entry,
        "title": diagnosis.title,
        "culprit": culprit,
        "exception_type": diagnosis.exception_type,
        "message": _truncate(diagnosis.message or ""),
        "torch": torch_version(),
    }


def append(line: dict[str, Any], *, path: Path | None = None) -> None:
    """Append one record atomically: a single O_APPEND write under the journal's file lock."""
    from filelock import FileLock

    path = path or journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (json.dumps(line, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    with FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT):
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                data = b"\n" + data  # a torn last line (a killed writer) stays on its own
            written = os.write(fd, data)
            while written < len(data):  # rare short write: finish it while still locked
                written += os.write(fd, data[written:])
        finally:
            os.close(fd)


def record(diagnosis: Diagnosis, *, source: str | None = None) -> None:
    """Append one diagnosed error to the bug journal.

    Args:
        diagnosis: what `torchwhy.explain(...)` returned for the error.
        source: the script or notebook path the error came from (`sys.argv[0]`, the notebook
            file); None to fall back to `diagnosis.location.file`, or to leave it unknown.

    Writes one JSON line to `journal.jsonl` in `data_dir()` (`$TORCHWHY_DATA_DIR` overrides
    the platform's user data directory): `kind` "error", `id` (12 hex digits), `time`
    (ISO-8601 UTC), `source`, `category`, `entry`, `title`, `culprit` (the first culprit's
    expression, or null), `exception_type`, `message` (at most 2000 characters) and `torch`
    (the version, read without importing torch; null if not installed).

    Safe to call from an excepthook and from many processes at once: the append is atomic,
    the function imports neither torch nor rich, and it never raises: a journal that cannot
    be written costs one warning on stderr, never the user's traceback. Callers decide
    whether to journal with `journal_enabled(explicit)`.
    """
    try:
        append(make_record(diagnosis, source=source))
    except Exception as problem:  # never let the journal hide the user's error
        with contextlib.suppress(Exception):
            sys.stderr.write(f"torchwhy: could not write the bug journal: {problem}\n")


def add_note(
    ref: str,
    fixed: str,
    *,
    diagnosed: str | None = None,
    next_time: str | None = None,
    path: Path | None = None,
) -> dict[str, Any]:
    """Append a note to record `ref`: what fixed it, how it was diagnosed, and how to catch it
    faster next time. Returns the note written. `ref` must be an existing record's id."""
    note = {
        "kind": NOTE_KIND,
        "id": new_id(),
        "ref": ref,
        "time": _now(),
        "fixed": fixed,
        "diagnosed": diagnosed,
        "next_time": next_time,
    }
    append(note, path=path)
    return note


@dataclass
class Journal:
    """What was read back: error records (oldest first), their notes, and skipped lines."""

    records: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    skipped: list[int] = field(default_factory=list)  # 1-based line numbers

    def find(self, ref: str) -> list[dict[str, Any]]:
        """Records whose id is `ref` or starts with it."""
        exact = [r for r in self.records if r.get("id") == ref]
        return exact or [r for r in self.records if str(r.get("id", "")).startswith(ref)]

    def with_notes(self, record_: dict[str, Any]) -> dict[str, Any]:
        return {**record_, "notes": self.notes.get(str(record_.get("id")), [])}


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    with open(path, "rb") as handle:
        yield from enumerate(handle, 1)


def _valid_line(raw: bytes) -> dict[str, Any]:
    """The JSON object on one line, whose values are plain strings, numbers or null; raises
    ValueError otherwise (RecursionError for absurd nesting): a hand-edited or hostile line
    must not reach the renderers, where a nested value or a lone surrogate would fail."""
    item = json.loads(raw.decode("utf-8"))
    if not isinstance(item, dict):
        raise ValueError("not an object")
    for value in item.values():
        if value is not None and not isinstance(value, (str, int, float)):
            raise ValueError("not a flat record")
        if isinstance(value, str):
            value.encode("utf-8")  # UnicodeEncodeError (a ValueError) on a lone surrogate
    return item


def read(path: Path | None = None, *, warn: TextIO | None = None) -> Journal:
    """Read the journal; a line that is not a JSON object is skipped with a warning on `warn`
    (stderr by default)."""
    path = path or journal_path()
    warn = warn if warn is not None else sys.stderr
    journal = Journal()
    if not path.exists():
        return journal
    for number, raw in _lines(path):
        if not raw.strip():
            continue
        try:
            item = _valid_line(raw)
        except (ValueError, RecursionError):
            journal.skipped.append(number)
            warn.write(f"torchwhy: {path.name} line {number} is corrupted; skipped\n")
            continue
        if item.get("kind") == NOTE_KIND:
            journal.notes.setdefault(str(item.get("ref")), []).append(item)
        else:
            journal.records.append(item)
    return journal
