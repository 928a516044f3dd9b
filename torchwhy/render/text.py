"""Terminal and plain-text display of a Diagnosis.

`full` shows everything (the `torchwhy explain` view); the compact form is what the hooks
print under a traceback: the reading, the culprit with its evidence, the first fix.

The display is a list of `Part`s laid out here; plain text (piped output, NO_COLOR, Jupyter's
text/plain) is wrapped with textwrap, and only colour is drawn by rich (`render/color.py`):
importing rich and pygments costs more than a whole rule answer.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass

from torchwhy.diagnosis import CHECKED_NOTE, Culprit, Diagnosis


@dataclass(frozen=True)
class Part:
    """One paragraph of the display: styled segments, wrapped to the width."""

    segments: tuple[tuple[str, str], ...]  # (text, rich style, "" for none)
    indent: int = 0  # of every line
    hang: int = 0  # more indent for the wrapped lines of a numbered item
    code: bool = False  # Python: highlighted in colour, never re-wrapped

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.segments)


def _part(*segments: tuple[str, str], indent: int = 0, hang: int = 0) -> Part:
    return Part(tuple(segments), indent, hang)


def _culprit(culprit: Culprit) -> Part:
    segments = [("Culprit: ", "bold"), (culprit.expression, "bold magenta")]
    # A tensor is shown by its facts (its reason names the module it fed); a module by its path.
    evidence = culprit.tensor.summary() if culprit.tensor else ""
    if not evidence and culprit.module and culprit.module != culprit.expression:
        evidence = culprit.module
    if evidence:
        segments.append((f" ({evidence})", ""))
    if culprit.file:
        segments.append((f" at {culprit.where}", "cyan"))
    if culprit.reason:
        segments.append((f"\n  {culprit.reason}", ""))
    made = culprit.made_at
    if made is not None and (made.file, made.line) != (culprit.file, culprit.line):
        segments.append(("\n  made at ", ""))
        segments.append((made.where, "cyan"))
        if made.code:
            segments.append((f": {made.code}", ""))
    return _part(*segments)


def _unsure_parts(diagnosis: Diagnosis) -> list[Part]:
    """Below the verdict threshold: the other readings and what would decide between them."""
    shown: list[Part] = []
    if diagnosis.alternatives:
        shown.append(_part(("Other possible readings:", "bold")))
        shown.extend(
            _part((f"  {alt.confidence:.2f}  {alt.category}  {alt.title}", ""))
            for alt in diagnosis.alternatives[:3]
        )
    if diagnosis.decide:
        shown.append(_part(("What would decide:", "bold")))
        shown.extend(_part((f"  - {item}", "")) for item in diagnosis.decide)
    return shown


def parts(diagnosis: Diagnosis, *, full: bool = True, top: int = 0) -> list[Part]:
    """What is shown, in order, before any layout or colour."""
    header = [("torchwhy ", "bold red")]
    if diagnosis.is_unsure:
        header.append(("possible readings, unsure: ", "bold"))
    header.append((diagnosis.category, "bold yellow"))
    if diagnosis.is_known:
        header.append((f"  ({diagnosis.matched_by}, confidence {diagnosis.confidence:.2f})", "dim"))
    title = f"Possibly: {diagnosis.title}" if diagnosis.is_unsure else diagnosis.title
    shown = [_part(*header), _part((title, "bold"))]
    if diagnosis.location and (full or not diagnosis.culprits):
        loc = diagnosis.location
        segments = [("Where: ", "bold"), (loc.where, "cyan")]
        if loc.code:
            segments.append((f"  {loc.code}", "dim"))
        shown.append(_part(*segments))
    shown.append(_part((diagnosis.explanation, "")))
    shown.extend(_culprit(c) for c in diagnosis.culprits[: 3 if full else 1])
    if full and diagnosis.causes:
        shown.append(_part(("Likely causes:", "bold")))
        for number, cause in enumerate(diagnosis.causes, 1):
            label = f"  {number}."
            # Wrapped lines stay under the cause's text, not under its number.
            shown.append(_part((f"{label} ", ""), (cause, ""), hang=len(label) + 1))
    fixes = diagnosis.fixes if full else diagnosis.fixes[:1]
    for index, fix in enumerate(fixes, 1):
        label = f"Fix {index}: " if full and len(fixes) > 1 else "Fix: "
        shown.append(_part((label, "bold green"), (fix.title, "")))
        if fix.code:
            shown.append(Part(((fix.code.rstrip(), ""),), indent=4, code=True))
        if fix.checked:
            shown.append(Part(((CHECKED_NOTE, "green"),), indent=4))
    for note in diagnosis.notes if full else diagnosis.notes[:1]:
        shown.append(_part(("Note: ", "bold"), (note, "")))
    if full and diagnosis.docs:
        shown.append(_part(("Docs: ", "bold"), (" ".join(diagnosis.docs), "")))
    if diagnosis.is_unsure:
        shown.extend(_unsure_parts(diagnosis))
    elif top and diagnosis.alternatives:
        shown.append(_part(("Other readings:", "bold")))
        shown.extend(
            _part((f"  {alt.confidence:.2f}  {alt.category}  {alt.title}  [{alt.entry}]", ""))
            for alt in diagnosis.alternatives[:top]
        )
    if not diagnosis.is_known and diagnosis.message:
        shown.append(_part(("Message: ", "bold"), (diagnosis.message[:500], "")))
    return shown


_WORD_AND_SPACE = re.compile(r"\S+\s*")


def _wrap(paragraph: str, width: int, hang: int) -> list[str]:
    """Greedy word wrap as rich lays it out: a word that does not fit starts a new line, and
    a word longer than a whole line (a URL) is folded at the width."""
    text = paragraph.lstrip(" ")
    lines: list[str] = []
    line = paragraph[: len(paragraph) - len(text)]
    for word in _WORD_AND_SPACE.findall(text):
        if line.strip() and len(line) + len(word.rstrip()) > width:
            lines.append(line.rstrip())
            line = " " * hang
        while len(line) + len(word.rstrip()) > width:
            room = width - len(line)
            lines.append(line + word[:room])
            word, line = word[room:], " " * hang
        line += word
    lines.append(line.rstrip())
    return lines


def _plain_lines(part: Part, width: int) -> list[str]:
    margin = " " * part.indent
    if part.code:
        return [margin + line for line in part.text.split("\n")]
    return [
        margin + line
        for paragraph in part.text.split("\n")
        for line in _wrap(paragraph, width - part.indent, part.hang)
    ]


FILE_WIDTH = 100  # for a file or a pipe, where no terminal says how wide to be


def wants_color(stream: io.TextIOBase | None = None) -> bool:
    """Colour on a terminal (or with FORCE_COLOR), never with NO_COLOR or TERM=dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("TERM", "").lower() == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def text_width(stream: io.TextIOBase | None = None) -> int:
    """How wide to write for `stream`: the terminal's width as rich detects it (COLUMNS,
    the terminal's size, FORCE_COLOR, TERM=dumb), FILE_WIDTH for a file or a pipe."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(20, int(columns))
    isatty = getattr(stream, "isatty", None)
    try:
        if not (isatty and isatty()):
            return FILE_WIDTH  # a file or a pipe: no rich needed to know that
        from rich.console import Console  # a person is watching: measure as rich does

        return max(20, Console(file=stream).width)
    except Exception:  # a stream that cannot be measured is written as a file
        return FILE_WIDTH


def render_text(
    diagnosis: Diagnosis,
    *,
    color: bool = False,
    full: bool = True,
    top: int = 0,
    width: int = FILE_WIDTH,
) -> str:
    """The Diagnosis as text, with ANSI colour when `color`."""
    shown = parts(diagnosis, full=full, top=top)
    if color:
        from torchwhy.render.color import render_color

        return render_color(shown, width=width)
    lines = [line.rstrip() for part in shown for line in _plain_lines(part, width)]
    return "\n".join(lines) + "\n"
