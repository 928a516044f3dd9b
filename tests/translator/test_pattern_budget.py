"""Every regular expression that reads user input stays linear on adversarial input.

A pattern such as `A[^\\n]*?B[^\\n]*C`, or a leading `\\s*` tried at every position of a
run of spaces, costs seconds on a few thousand characters. Each pattern is pumped with long
whitespace and with its own entries' wording repeated and cut short (the shapes that make a
backtracking engine rescan), and the cost must grow with the input's length, not
with its square.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest

from torchwhy.knowledge_base import load
from torchwhy.translator import context, engine, evidence, library_paths, normalize, prose

SMALL = 4_000
LARGE = 32_000  # 8x: a linear scan costs about 8x more, a quadratic one 64x
MAX_GROWTH = 32.0
MAX_DOUBLING = 3.0
NOISE_FLOOR_S = 0.02  # under 20 ms on 32,000 characters: fast enough, whatever its ratio
MAX_PREFIX_WORDS = 25
SUSPECTS = 8


def _generic(size: int) -> Iterator[str]:
    for unit in (" ", "\n", "\t", " \n", "a", "1", "a.", "a/", "a:", '"', "(", "[", "x ", "\x1b]"):
        yield unit * (size // len(unit))


def _pumped(examples: list[str], size: int) -> Iterator[str]:
    """Each example's word prefixes repeated, and padded with what keeps a scan going."""
    yield from _generic(size)
    for text in examples:
        words = text.split(" ")
        for count in range(1, min(len(words), MAX_PREFIX_WORDS) + 1):
            prefix = " ".join(words[:count]) + " "
            yield prefix * (size // len(prefix) + 1)
            yield prefix + "a" * size
            yield prefix + " " * size
        cut = text[:-1] + "\n"
        yield cut * (size // len(cut) + 1)


def _seconds(pattern: re.Pattern[str], text: str, repeats: int = 1) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for _ in pattern.finditer(text):
            pass
        best = min(best, time.perf_counter() - started)
    return best


def _super_linear(pattern: re.Pattern[str], examples: list[str]) -> tuple[float, str] | None:
    """(growth, input) when the pattern's cost grows faster than its input's length.

    The slowest few pumped inputs at a small size are measured again at 8x the size;
    a backtracking pattern shows a growth near 64 (or more), a linear one near 8; a
    suspect is confirmed by doubling the large input once more.
    """
    small = list(_pumped(examples, SMALL))
    large = list(_pumped(examples, LARGE))
    timed = sorted(
        ((_seconds(pattern, text), index) for index, text in enumerate(small)), reverse=True
    )
    for _, index in timed[:SUSPECTS]:
        slow = _seconds(pattern, large[index], repeats=3)
        if slow < NOISE_FLOOR_S:
            continue
        growth = slow / max(_seconds(pattern, small[index], repeats=3), 1e-6)
        if growth <= MAX_GROWTH:
            continue
        # Small timings are noisy: confirm on twice the large input (x2 linear, x4 quadratic).
        doubled = next(t for i, t in enumerate(_pumped(examples, 2 * LARGE)) if i == index)
        if _seconds(pattern, doubled, repeats=3) / slow > MAX_DOUBLING:
            return growth, large[index]
    return None


def _report(name: str, pattern: re.Pattern[str], growth: float, sample: str) -> str:
    return (
        f"{name}: {growth:.0f}x slower on 8x the input {sample[:60]!r}... "
        f"for {pattern.pattern[:150]!r}"
    )


def test_every_knowledge_base_pattern_is_linear() -> None:
    slow = []
    for entry in load():
        examples = [example.text for example in entry.examples[:2]]
        for pattern in entry.patterns:
            found = _super_linear(pattern, examples)
            if found:
                slow.append(_report(entry.id, pattern, *found))
    assert not slow, "\n".join(slow)


def _module_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    # masking reads at most 600 characters: its patterns are bounded by their input.
    for module in (normalize, prose, evidence, engine, context, library_paths):
        for name, value in vars(module).items():
            for index, item in enumerate(value if isinstance(value, tuple) else (value,)):
                if isinstance(item, re.Pattern):
                    yield f"{module.__name__}.{name}[{index}]", item


@pytest.mark.parametrize(("name", "pattern"), list(_module_patterns()))
def test_every_normalizer_pattern_is_linear(name: str, pattern: re.Pattern[str]) -> None:
    # The pattern's own literal words, repeated and cut short, as the entries' examples are.
    words = " ".join(re.findall(r"[A-Za-z_]{3,}", pattern.pattern))
    found = _super_linear(pattern, [words, 'File "a.py", line 1, in f'])
    assert found is None, _report(name, pattern, *found)
