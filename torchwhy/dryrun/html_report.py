"""The dry run's report as one HTML page: the crash and its reading, phases, findings, the
memory estimate, assumptions and the layer table."""

from __future__ import annotations

from html import escape

from torchwhy.dryrun.phases import PHASES
from torchwhy.dryrun.report import DryRunReport

_STYLE = (
    "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
    "td,th{border:1px solid #ccc;padding:2px 6px;font-family:monospace;font-size:90%}"
    ".yes{color:#070}.no{color:#a00}pre{background:#f6f6f6;padding:.5em;overflow:auto}"
)


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def render_report_html(report: DryRunReport) -> str:
    parts = [f"<h1>torchwhy dryrun: {escape(report.status)}</h1>"]
    parts.append(
        f"<p>{escape(report.target)}: {escape(report.stopped_because)}, {report.seconds:.1f} s</p>"
    )
    if report.crash is not None:
        parts.append(f"<p>A real run reaches this {escape(report.crash.when)}.</p>")
        parts.append(f"<pre>{escape(report.crash.traceback)}</pre>")
    if report.diagnosis is not None and report.diagnosis.is_known:
        from torchwhy.render import render_html

        parts.append(render_html(report.diagnosis))
    if report.limit:
        parts.append(f"<p><b>The dry run could not go on:</b> {escape(report.limit)}</p>")
    phases = "".join(
        f'<li class="{"yes" if p in report.phases else "no"}">{escape(p)}'
        f"{' ✓' if p in report.phases else ' ✗'}</li>"
        for p in PHASES
    )
    parts.append(f"<h2>Phases</h2><ul>{phases}</ul>")
    if report.findings:
        items = "".join(f"<li>{escape(f)}</li>" for f in report.findings)
        parts.append(f"<h2>Findings</h2><ul>{items}</ul>")
    if report.memory is not None:
        parts.append(f"<h2>Memory</h2><p>{escape(report.memory.describe())}</p>")
    if report.assumptions:
        rows = [(a.where, a.code, a.what, a.value) for a in report.assumptions]
        parts.append("<h2>Assumptions</h2>" + _table(("where", "code", "what", "assumed"), rows))
    if report.file_writes:
        items = "".join(f"<li>{escape(w)}</li>" for w in report.file_writes)
        parts.append(f"<h2>File writes (virtual)</h2><ul>{items}</ul>")
    if report.layers:
        rows = [
            (
                r.module,
                r.type,
                ", ".join(map(str, r.inputs)),
                ", ".join(map(str, r.outputs)),
                f"{r.parameters:,}",
                r.mode,
            )
            for r in report.layers
        ]
        header = ("module", "type", "input", "output", "params", "mode")
        parts.append("<h2>Layers</h2>" + _table(header, rows))
    if report.notes:
        items = "".join(f"<li>{escape(n)}</li>" for n in report.notes)
        parts.append(f"<h2>Notes</h2><ul>{items}</ul>")
    body = "\n".join(parts)
    return f"<!doctype html><html><head><meta charset='utf-8'><style>{_STYLE}</style></head><body>{body}</body></html>\n"
