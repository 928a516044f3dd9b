"""Fixes a user can paste: written in their names, valid Python, and checked against torch.

`fixes_for` turns a reading into the fixes shown: for a live exception, first those written
from the trace's facts (an edit of the failing statement, a layer rebuilt at its path), each
re-run on stand-ins (`checked=True` when the failing operation passes with it; a fix that
still fails is dropped); then the entry's templates, filled. Whatever is shown parses, has no
unfilled placeholder and, where the frame is known, reads only names bound there; a template
that cannot be written so keeps its sentence and loses its code.
"""

from __future__ import annotations

from torchwhy.diagnosis import Culprit, Fix
from torchwhy.fixes.code import module_path_code, unfilled, valid_in
from torchwhy.knowledge_base import Entry


def _written(entry: Entry, captures: dict[str, str], culprits: list[Culprit], trace) -> list[Fix]:
    from torchwhy.fixes.check import verdict
    from torchwhy.fixes.writers import Situation, proposals

    situation = Situation(entry.id, entry.category, dict(captures), list(culprits), trace)
    fixes: list[Fix] = []
    for proposal in proposals(situation):
        if not valid_in(proposal.code, proposal.names):
            continue
        checked = verdict(proposal.operation) if proposal.operation else None
        if checked is False:
            continue  # torch still fails with this change: never shown
        if any(f.code == proposal.code for f in fixes):
            continue
        fixes.append(Fix(proposal.title, proposal.code, checked))
    # A fix torch accepted goes before one nobody could check.
    return sorted(fixes, key=lambda f: f.checked is not True)


_CONTAINERS = {"Sequential", "ModuleList", "ModuleDict"}


def _container_paths(trace) -> set[str]:
    modules = getattr(trace, "modules", None) or []
    return {module_path_code(m.path) for m in modules if m.path and m.type_name in _CONTAINERS}


def _templates(
    entry: Entry, values: dict[str, str], names, layerless: bool, containers: set[str]
) -> list[Fix]:
    from torchwhy.translator.templating import fill  # late: the translator imports this package

    fixes = []
    for template in entry.fixes:
        if "{module} =" in template.code and values.get("module") in containers:
            continue  # never replace a whole Sequential with one layer
        if unfilled(template.title, values):
            continue
        if layerless and ("{module}" in template.code or "Linear" in template.title):
            continue  # a layer fix where the trace saw no layer (`torch.mm(q, k)`, `w @ b`)
        code = fill(template.code, values)
        if unfilled(template.code, values) or not valid_in(code, names):
            code = ""  # the advice stands; code the user could not paste does not
        fixes.append(Fix(fill(template.title, values), code))
    return fixes


def fixes_for(
    entry: Entry,
    values: dict[str, str],
    captures: dict[str, str],
    culprits: list[Culprit],
    trace=None,  # provenance.Trace of a live exception, None for pasted text
) -> list[Fix]:
    """The fixes shown for one reading, best first."""
    written: list[Fix] = []
    names = None
    if trace is not None:  # a live exception: pasted text has no frames to write fixes in
        from torchwhy.fixes.frame_names import frame_names

        location = trace.location
        try:
            names = frame_names(location.file, location.line) if location else None
            written = _written(entry, captures, culprits, trace)
        except Exception:  # fix writing is best effort: the reading stands without it
            written = []
    # `torch.mm(q, k)` or `w @ b`: no layer raised, so no layer fix (issue #10).
    layerless = (
        trace is not None
        and entry.category == "shape/matmul-mismatch"
        and not any(c.module for c in culprits)
    )
    templates = [
        f
        for f in _templates(entry, values, names, layerless, _container_paths(trace))
        if f.code not in {w.code for w in written}
    ]
    return written + [t for t in templates if t.code or not _said(t, written)]


def _said(template: Fix, written: list[Fix]) -> bool:
    """A template left without code that opens like a written fix (`Cast the target ...`)
    says the same thing again, without the code."""

    def opening(title: str) -> list[str]:
        return title.lower().split()[:3]

    return any(opening(template.title) == opening(fix.title) for fix in written)


__all__ = ["fixes_for"]
