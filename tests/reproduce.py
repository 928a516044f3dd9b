"""Run a knowledge-base entry's `reproduce` snippet and hand back the error it raises.

The snippet runs from a real file in a temporary folder so that linecache, executing and the
provenance tracer can read its source, as they would for a user's script.
"""

from __future__ import annotations

import runpy
import warnings
from pathlib import Path

from torchwhy.knowledge_base import Entry


class DidNotRaise(AssertionError):
    pass


def raise_entry(entry: Entry, folder: Path) -> BaseException:
    assert entry.reproduce is not None
    script = folder / f"repro_{entry.id.replace('-', '_').replace('.', '_')}.py"
    script.write_text(entry.reproduce, encoding="utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runpy.run_path(str(script), run_name="__main__")
    except Exception as error:  # the reproduction's whole point
        return error
    raise DidNotRaise(f"{entry.id}: its reproduce snippet ran without raising")
