"""Terminal and plain-text display of a Diagnosis, through rich.

`full` shows everything (the `torchwhy explain` view); the compact form is what the hooks
print under a traceback: the reading, the culprit with its evidence, the first fix.
"""

from __future__ import annotations

import io
import os

from rich.console import Console, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from torchwhy.diagnosis import CHECKED_NOTE, Culprit, Diagnosis


def _culprit_line(culprit: Culprit) -> Text:
    line = Text("Culprit: ", style="bold")
    line.append(culprit.expression, style="bold magenta")
    # A tensor is shown by its facts (its reason names the module it fed); a module by its path.
    evidence = culprit.tensor.summary() if culprit.tensor else ""
    if not evidence and culprit.module and culprit.module != culprit.expression:
        evidence = culprit.module
    if evidence:
        line.append(f" ({evidence})")
    if culprit.file:
        where = f"{culprit.file}:{culprit.line}" if culprit.line else culprit.file
        line.append(f" at {where}", style="cyan")
    if culprit.reason:
        line.append(f"\n  {culprit.reason}")
    made = culprit.made_at
    if made is not None and (made.file, made.line) != (culprit.file, culprit.line):
        line.append("\n  made at ")
        line.append(f"{made.file}:{made.line}", style="cyan")
        if made.code:
            line.append(f": {made.code}")
    return line


def _header(diagnosis: Diagnosis) -> Text:
    header = Text("torchwhy ", style="bold red")
    if diagnosis.is_unsure:
        header.append("possible readings, unsure: ", style="bold")
    header.append(diagnosis.category, style="bold yellow")
    if diagnosis.is_known:
        header.append(
            f"  ({diagnosis.matched_by}, confidence {diagnosis.confidence:.2f})", style="dim"
        )
    return header


def _unsure_parts(diagnosis: Diagnosis) -> list[RenderableType]:
    """Below the verdict threshold: the other readings and what would decide between them."""
    parts: list[RenderableType] = []
    if diagnosis.alternatives:
        parts.append(Text("Other possible readings:", style="bold"))
        parts.extend(
            Text(f"  {alt.confidence:.2f}  {alt.category}  ").append(alt.title)
            for alt in diagnosis.alternatives[:3]
        )
    if diagnosis.decide:
        parts.append(Text("What would decide:", style="bold"))
        parts.extend(Text(f"  - {item}") for item in diagnosis.decide)
    return parts


class _Code(Text):
    """Fix code: printed unwrapped and uncropped, since a wrapped line is no longer code the
    user can paste."""


def _code(code: str, color: bool) -> RenderableType:
    indented = "    " + code.rstrip().replace("\n", "\n    ")
    if color:
        syntax = Syntax("", "python", theme="ansi_dark", background_color="default")
        highlighted = syntax.highlight(indented)
        highlighted.rstrip()
        return _Code.assemble(highlighted)
    return _Code(indented)


def _renderables(
    diagnosis: Diagnosis, *, full: bool, top: int, color: bool
) -> list[RenderableType]:
    title = f"Possibly: {diagnosis.title}" if diagnosis.is_unsure else diagnosis.title
    parts: list[RenderableType] = [_header(diagnosis), Text(title, style="bold")]
    if diagnosis.location and (full or not diagnosis.culprits):
        loc = diagnosis.location
        where = f"{loc.file}:{loc.line}" if loc.line else loc.file
        text = Text("Where: ", style="bold").append(where, style="cyan")
        if loc.code:
            text.append(f"  {loc.code}", style="dim")
        parts.append(text)
    parts.append(Text(diagnosis.explanation))
    parts.extend(_culprit_line(c) for c in diagnosis.culprits[: 3 if full else 1])
    if full and diagnosis.causes:
        parts.append(Text("Likely causes:", style="bold"))
        causes = Table.grid(padding=(0, 1))
        for number, cause in enumerate(diagnosis.causes, 1):
            causes.add_row(f"  {number}.", Text(cause))  # wrapped lines stay under the text
        parts.append(causes)
    fixes = diagnosis.fixes if full else diagnosis.fixes[:1]
    for index, fix in enumerate(fixes, 1):
        label = f"Fix {index}: " if full and len(fixes) > 1 else "Fix: "
        parts.append(Text(label, style="bold green").append(fix.title))
        if fix.code:
            parts.append(_code(fix.code, color))
        if fix.checked:
            parts.append(Padding(Text(CHECKED_NOTE, style="green"), (0, 0, 0, 4)))
    for note in diagnosis.notes if full else diagnosis.notes[:1]:
        parts.append(Text("Note: ", style="bold").append(note))
    if full and diagnosis.docs:
        parts.append(Text("Docs: ", style="bold").append(" ".join(diagnosis.docs)))
    if diagnosis.is_unsure:
        parts.extend(_unsure_parts(diagnosis))
    elif top and diagnosis.alternatives:
        parts.append(Text("Other readings:", style="bold"))
        parts.extend(
            Text(f"  {alt.confidence:.2f}  {alt.category}  {escape(alt.title)}  [{alt.entry}]")
            for alt in diagnosis.alternatives[:top]
        )
    if not diagnosis.is_known and diagnosis.message:
        parts.append(Text("Message: ", style="bold").append(diagnosis.message[:500]))
    return parts


def wants_color(stream: io.TextIOBase | None = None) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def render_text(
    diagnosis: Diagnosis, *, color: bool = False, full: bool = True, top: int = 0, width: int = 100
) -> str:
    """The Diagnosis as text, with ANSI colour when `color`."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        force_jupyter=False,  # in a kernel rich would display the text itself and return ""
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    for part in _renderables(diagnosis, full=full, top=top, color=color):
        console.print(part, soft_wrap=isinstance(part, _Code))
    # rich pads code blocks to the console width; trailing blanks only get in the way.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
