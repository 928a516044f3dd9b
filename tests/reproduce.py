"""Run a knowledge-base entry's `reproduce` snippet and hand back the error it raises.

One implementation: `torchwhy.knowledge_base.check` runs the snippet (from a real file in
`folder`, so that linecache, executing and the provenance tracer can read its source, as they
would for a user's script); this wrapper turns "it did not raise" into a test failure.
"""

from __future__ import annotations

from pathlib import Path

from torchwhy.knowledge_base import Entry
from torchwhy.knowledge_base.check import run_entry


class DidNotRaise(AssertionError):
    pass


def raise_entry(entry: Entry, folder: Path) -> BaseException:
    assert entry.reproduce is not None
    run = run_entry(entry, folder)
    if run.error is None:
        why = "timed out" if run.timed_out else "ran without raising"
        raise DidNotRaise(f"{entry.id}: its reproduce snippet {why}")
    return run.error
