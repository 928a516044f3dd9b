"""Fill an entry's text templates with what was captured, leaving unknown names visible."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-zA-Z_]\w*)\}")


def fill(template: str, values: dict[str, str]) -> str:
    """Replace `{name}` with values[name]; keep `{name}` when unknown (code braces survive)."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
