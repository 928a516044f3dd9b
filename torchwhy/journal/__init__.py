"""The bug journal: every diagnosed crash, one JSON line each, so a user can see their own
patterns over time (`torchwhy journal`) and note what fixed each bug.

For the doors that journal (hooks, `torchwhy run --journal`, Jupyter)::

    from torchwhy.journal import journal_enabled, record

    if journal_enabled(explicit):  # explicit: True/False from the caller, None for the env
        record(diagnosis, source=path_of_script_or_notebook)

`record` never raises and never imports torch.
"""

from __future__ import annotations

from torchwhy.journal.store import (
    DATA_DIR_ENV,
    JOURNAL_ENV,
    Journal,
    add_note,
    append,
    data_dir,
    journal_enabled,
    journal_path,
    make_record,
    read,
    record,
    torch_version,
)

__all__ = [
    "DATA_DIR_ENV",
    "JOURNAL_ENV",
    "Journal",
    "add_note",
    "append",
    "data_dir",
    "journal_enabled",
    "journal_path",
    "make_record",
    "read",
    "record",
    "torch_version",
]
