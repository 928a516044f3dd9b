"""The coloured terminal display of a Diagnosis's parts, drawn by rich (and pygments for code).

Imported only when colour is drawn: on a terminal without NO_COLOR.
"""

from __future__ import annotations

import io

from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from torchwhy.render.text import Part


def _renderable(part: Part) -> RenderableType:
    if part.code:  # highlighted, indented by hand: printed unwrapped (see render_color)
        indented = " " * part.indent + part.text.replace("\n", "\n" + " " * part.indent)
        syntax = Syntax("", "python", theme="ansi_dark", background_color="default")
        highlighted = syntax.highlight(indented)
        highlighted.rstrip()
        return highlighted
    text = Text()
    for segment, style in part.segments:
        text.append(segment, style=style or None)
    if part.hang:  # a numbered item: wrapped lines stay under its text
        label, rest = text.divide([part.hang])
        grid = Table.grid()
        grid.add_row(label, rest)
        return grid
    return Padding(text, (0, 0, 0, part.indent)) if part.indent else text


def render_color(parts: list[Part], *, width: int) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        force_jupyter=False,  # in a kernel rich would display the text itself and return ""
        color_system="standard",
        width=width,
        highlight=False,
        soft_wrap=False,
    )
    for part in parts:
        # Fix code is printed unwrapped and uncropped: a wrapped line is no longer code the
        # user can paste.
        console.print(_renderable(part), soft_wrap=part.code)
    # rich pads code blocks to the console width; trailing blanks only get in the way.
    return "\n".join(line.rstrip() for line in buffer.getvalue().split("\n"))
