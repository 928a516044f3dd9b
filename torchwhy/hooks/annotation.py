"""What a hook prints: the compact reading of one error, or nothing when torchwhy has none.

Imported only once an error has happened: this is where torchwhy's translator, the tracer
and rich get loaded, never at install time.
"""

from __future__ import annotations

from typing import IO

import torchwhy
from torchwhy.diagnosis import Diagnosis


def diagnose(error: BaseException | str, *, use_embedding: bool = True) -> Diagnosis:
    """The Diagnosis of a live exception (frames read, culprit named) or of a message."""
    return torchwhy.explain(error, use_embedding=use_embedding)


def compact_text(diagnosis: Diagnosis, stream: IO[str] | None = None) -> str:
    """The compact render (reading, culprit with evidence, first fix) for `stream`, coloured
    only on a tty without NO_COLOR; empty for an unknown error, so nothing is printed."""
    if not diagnosis.is_known:
        return ""
    from torchwhy.render import render_text
    from torchwhy.render.text import wants_color

    text = render_text(diagnosis, color=wants_color(stream), full=False)
    return "\n" + text.rstrip("\n") + "\n"


def short_note(diagnosis: Diagnosis) -> str:
    """The plain-text reading attached to an exception as a PEP 678 note."""
    lines = [f"torchwhy [{diagnosis.category}] {diagnosis.title}"]
    if diagnosis.culprits:
        culprit = diagnosis.culprits[0]
        evidence = culprit.tensor.summary() if culprit.tensor else ""
        where = ""
        if culprit.file:
            where = f" at {culprit.file}:{culprit.line}" if culprit.line else f" at {culprit.file}"
        lines.append(
            f"  culprit: {culprit.expression}" + (f" ({evidence})" if evidence else "") + where
        )
    if diagnosis.fixes:
        fix = diagnosis.fixes[0]
        lines.append(f"  fix: {fix.title}")
        lines.extend(f"      {code_line}" for code_line in fix.code.rstrip().splitlines())
    return "\n".join(lines)


def journal(diagnosis: Diagnosis, explicit: bool | None, source: str | None = None) -> None:
    """Record a known reading in the bug journal when asked (explicitly or by the env)."""
    if not diagnosis.is_known:
        return
    try:
        from torchwhy.journal import journal_enabled, record
    except ImportError:  # a build without the journal
        return
    if journal_enabled(explicit):
        record(diagnosis, source=source)
