"""Renderers: every display of a Diagnosis (terminal, plain text, HTML, JSON) lives here."""

from torchwhy.render.html import render_html
from torchwhy.render.json_output import render_json
from torchwhy.render.text import render_text

__all__ = ["render_html", "render_json", "render_text"]
