"""Mask the parts of a message that vary between occurrences of the same error.

`mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)` and the same error with
other sizes should look identical to the fuzzy and embedding stages.
"""

from __future__ import annotations

import re

_SUBSTITUTIONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"0x[0-9a-fA-F]+"), "<addr>"),
    (re.compile(r"(?<![\w.~/-])(?:[A-Za-z]:)?(?:[\w.~-]*/)+[\w.-]+"), "<path>"),
    (re.compile(r"torch\.Size\(\[[^\]]*\]\)"), "<shape>"),
    (re.compile(r"\[\s*-?\d+(?:\s*,\s*-?\d+)*\s*,?\s*\]"), "<shape>"),
    (re.compile(r"\(\s*-?\d+(?:\s*,\s*-?\d+)+\s*,?\s*\)"), "<shape>"),
    (re.compile(r"\b\d+(?:\s*x\s*\d+)+\b"), "<shape>"),
    (re.compile(r"\b\d+(?:\.\d+)?\s*(?:[KMGT]i?B|bytes)\b"), "<size>"),
    (re.compile(r"'[^'\n]{1,200}'"), "<name>"),
    (re.compile(r'"[^"\n]{1,200}"'), "<name>"),
    (re.compile(r"\b(?:cuda|mps|xpu|cpu|meta):\d+\b"), "<device>"),
    (re.compile(r"-?\b\d+(?:\.\d+)?(?:e[-+]?\d+)?\b"), "<n>"),
)
_SPACES = re.compile(r"\s+")


def mask(message: str, max_chars: int = 600) -> str:
    """The message with numbers, shapes, names, paths and addresses replaced by tags."""
    text = message[:max_chars]
    for pattern, tag in _SUBSTITUTIONS:
        text = pattern.sub(tag, text)
    return _SPACES.sub(" ", text).strip()


_WORD = re.compile(r"(?<![<\w])[A-Za-z]{2,}(?![\w>])")


def informative(masked: str, min_words: int = 3) -> bool:
    """Whether a masked text has enough words left to be compared with another: a KeyError's
    message is only the key, which masks to a bare `<name>` that resembles everything."""
    return len(_WORD.findall(masked)) >= min_words
