"""HTML display of a Diagnosis, for Jupyter: a compact summary with the details folded."""

from __future__ import annotations

import re
from html import escape as _escape_html

from torchwhy.diagnosis import CHECKED_NOTE, Diagnosis, Fix

_STYLE = (
    "border-left:4px solid #d9534f;padding:6px 10px;margin:6px 0;"
    "font-family:var(--jp-ui-font-family, sans-serif);font-size:13px"
)


# Code keeps the notebook's code font whatever the page's CSS says of <pre> and <code>
# (JupyterLab themes and other front ends set `font-family: inherit`, the prose font): an
# inline style outranks every selector of a stylesheet.
_CODE_FONT = (
    "font-family:var(--jp-code-font-family, SFMono-Regular, Menlo, Consolas,"
    " 'DejaVu Sans Mono', 'Liberation Mono', monospace)"
)
_PRE_STYLE = f"{_CODE_FONT};white-space:pre;margin:4px 0 4px 12px"

_INLINE_CODE = re.compile(r"`([^`\n]+)`")


def code(html_text: str) -> str:
    """Inline code, already escaped, in the code font."""
    return f'<code style="{_CODE_FONT}">{html_text}</code>'


def escape(text: str) -> str:
    """HTML-escape prose, turning its `inline code` into <code> elements."""
    return _INLINE_CODE.sub(lambda match: code(match.group(1)), _escape_html(text))


def _culprit(diagnosis: Diagnosis) -> str:
    if not diagnosis.culprits:
        return ""
    culprit = diagnosis.culprits[0]
    evidence = culprit.tensor.summary() if culprit.tensor else ""
    where = f" at {_escape_html(culprit.where)}" if culprit.file else ""
    reason = f"<br><span>{escape(culprit.reason)}</span>" if culprit.reason else ""
    made = culprit.made_at
    made_html = ""
    if made is not None and (made.file, made.line) != (culprit.file, culprit.line):
        made_code = f": {code(_escape_html(made.code))}" if made.code else ""
        made_html = f"<br>made at {_escape_html(made.where)}{made_code}"
    return (
        f"<div><b>Culprit:</b> {code(_escape_html(culprit.expression))}"
        f"{' (' + escape(evidence) + ')' if evidence else ''}{where}{reason}{made_html}</div>"
    )


def _fix_body(fix: Fix) -> str:
    fix_code = f'<pre style="{_PRE_STYLE}">{_escape_html(fix.code)}</pre>' if fix.code else ""
    checked = f"<div><small>{escape(CHECKED_NOTE)}</small></div>" if fix.checked else ""
    return f"{escape(fix.title)}{fix_code}{checked}"


def render_html(diagnosis: Diagnosis) -> str:
    fix = diagnosis.fixes[0] if diagnosis.fixes else None
    fix_html = ""
    if fix:
        fix_html = f"<div><b>Fix:</b> {_fix_body(fix)}</div>"
    causes = "".join(f"<li>{escape(c)}</li>" for c in diagnosis.causes)
    more_fixes = "".join(f"<li>{_fix_body(f)}</li>" for f in diagnosis.fixes[1:])
    notes = "".join(f"<p>{escape(n)}</p>" for n in diagnosis.notes)
    docs = "".join(f'<a href="{_escape_html(d)}">{_escape_html(d)}</a><br>' for d in diagnosis.docs)
    details = ""
    if causes or more_fixes or notes or docs:
        details = (
            "<details><summary>More: likely causes, other fixes, notes</summary>"
            f"{'<ol>' + causes + '</ol>' if causes else ''}"
            f"{'<ul>' + more_fixes + '</ul>' if more_fixes else ''}{notes}{docs}</details>"
        )
    confidence = (
        f" <small>({escape(diagnosis.matched_by)}, confidence {diagnosis.confidence:.2f})</small>"
        if diagnosis.is_known
        else ""
    )
    unsure = " possible readings, unsure:" if diagnosis.is_unsure else ""
    title = f"Possibly: {diagnosis.title}" if diagnosis.is_unsure else diagnosis.title
    return (
        f'<div class="torchwhy" style="{_STYLE}">'
        f"<div><b>torchwhy</b>{unsure} {code(_escape_html(diagnosis.category))}{confidence}</div>"
        f"<div><b>{escape(title)}</b></div>"
        f"<p>{escape(diagnosis.explanation)}</p>{_culprit(diagnosis)}{fix_html}"
        f"{_unsure(diagnosis)}{details}</div>"
    )


def _unsure(diagnosis: Diagnosis) -> str:
    """Below the verdict threshold: the other readings and what would decide between them."""
    if not diagnosis.is_unsure:
        return ""
    others = "".join(
        f"<li>{alt.confidence:.2f} {code(_escape_html(alt.category))} {escape(alt.title)}</li>"
        for alt in diagnosis.alternatives[:3]
    )
    decide = "".join(f"<li>{escape(item)}</li>" for item in diagnosis.decide)
    return (f"<div><b>Other possible readings:</b><ul>{others}</ul></div>" if others else "") + (
        f"<div><b>What would decide:</b><ul>{decide}</ul></div>" if decide else ""
    )
