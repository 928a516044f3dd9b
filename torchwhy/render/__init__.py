"""Renderers: every display of a Diagnosis (terminal, plain text, HTML, JSON) lives here.

Each renderer is imported when first asked for: `--json` never pays for the text layout.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "render_html": "torchwhy.render.html",
    "render_json": "torchwhy.render.json_output",
    "render_text": "torchwhy.render.text",
}
__all__ = list(_HOMES)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
