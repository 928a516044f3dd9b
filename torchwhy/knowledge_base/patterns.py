"""Regexes of the knowledge base: compiled on first use, and the words each one needs.

A cold `torchwhy explain` runs a handful of the ~500 patterns: compiling all of them cost
more than answering. `required_word` gives the rule stage its prefilter: a word that any
text the pattern matches contains as a whole word, so a message without it skips the regex.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

try:  # the standard library's own regex parser: what `re.compile` runs first
    from re import _parser as _sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

FLAGS = re.DOTALL
_WORD = re.compile(r"\w+")
# A word inside a literal run, with a non-word character on both sides within the run: the
# text around the run cannot glue other word characters to it.
_INTERIOR_WORD = re.compile(r"(?<=\W)\w+(?=\W)")


class LazyPattern:
    """A regex compiled on first use. Pickles as its source, so a cached knowledge base
    costs no compilation until a pattern is needed."""

    __slots__ = ("_compiled", "pattern")

    def __init__(self, pattern: str, compiled: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self._compiled = compiled

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, FLAGS)
        return self._compiled

    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        return self.compiled().search(string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        return self.compiled().match(string, *args)

    @property
    def groupindex(self) -> Mapping[str, int]:
        """The named groups, as `re.Pattern.groupindex` (compiles the pattern)."""
        return self.compiled().groupindex

    def __getstate__(self) -> str:
        return self.pattern

    def __setstate__(self, pattern: str) -> None:
        self.pattern, self._compiled = pattern, None

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def compile_checked(pattern: str) -> LazyPattern:
    """Compile now (raising re.error for a bad pattern); keep the compiled form in memory."""
    return LazyPattern(pattern, re.compile(pattern, FLAGS))


def _literal_runs(items: Any, runs: list[str]) -> None:
    """Collect the literal runs every match must contain: top level and mandatory groups."""
    run: list[str] = []
    for op, value in items:
        if op is _sre_parse.LITERAL:
            run.append(chr(value))
            continue
        runs.append("".join(run))
        run = []
        if op is _sre_parse.SUBPATTERN:
            _literal_runs(value[-1], runs)
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT) and value[0] >= 1:
            _literal_runs(value[2], runs)
    runs.append("".join(run))


def _alternatives(items: Any) -> list[Any]:
    """The branches of a pattern that is one alternation (`a|b`, `(?P<x>a|b)`), else itself."""
    while len(items) == 1 and items[0][0] is _sre_parse.SUBPATTERN:
        items = items[0][1][-1]
    if len(items) == 1 and items[0][0] is _sre_parse.BRANCH:
        return list(items[0][1][1])
    return [items]


@dataclass(frozen=True)
class Requirement:
    """What every text a pattern matches contains: one of `words` as a whole word (the
    cheapest test: a set lookup), else one of `literals` as a substring; neither when
    nothing can be proven (the pattern is then always tried). All lower case."""

    words: tuple[str, ...] = ()
    literals: tuple[str, ...] = ()


MIN_LITERAL = 4


def requirement(pattern: str) -> Requirement:
    try:
        branches = _alternatives(_sre_parse.parse(pattern, FLAGS))
        runs_per_branch = []
        for branch in branches:
            runs: list[str] = []
            _literal_runs(branch, runs)
            runs_per_branch.append(runs)
    except Exception:  # a parser change in a future Python: no prefilter, same answers
        return Requirement()
    if len(branches) == 1:
        words = {
            word.lower()
            for run in runs_per_branch[0]
            for word in _INTERIOR_WORD.findall(run)
            if word.isascii()
        }
        if words:
            return Requirement(words=tuple(sorted(words)))
    literals = []
    for runs in runs_per_branch:
        longest = max(runs, key=len).lower()
        if len(longest) < MIN_LITERAL:
            return Requirement()
        literals.append(longest)
    return Requirement(literals=tuple(literals))


def required_words(pattern: str) -> list[str]:
    """Lower-case ASCII words that every match of `pattern` contains as whole words."""
    return list(requirement(pattern).words)


def message_words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))
