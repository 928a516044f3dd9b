"""One drill: pick an entry that reproduces, raise its error live, offer four readings of it,
judge the answer (a choice number, a category id, or free text), reveal the expert reading.

The choices are what the engine itself weighs for that message: the true reading and the
alternatives it ranks (rules, fuzzy and embedding hits), then the entries whose examples read
nearest to the message. Each is shown as its summary, never in the message's own words.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from torchwhy.categories import CATEGORIES, UNKNOWN, in_category
from torchwhy.diagnosis import Culprit, Diagnosis, Location
from torchwhy.drill.scores import Scores
from torchwhy.knowledge_base import by_id
from torchwhy.knowledge_base.schema import Entry
from torchwhy.translator.candidates import Candidate

N_CHOICES = 4
# How the drill names the snippet's file: never the temporary file it ran from.
SNIPPET_FILE = "<snippet>"
# Runs of this many words shared with the message give the answer away: they are masked.
QUOTED_WORDS = 4
MASK = "…"
# A distractor whose examples read at least this close to the message (fuzzy confidence)
# comes before the entries of the same family; farther ones after them.
NEAR_CONFIDENCE = 0.4
_WORD = re.compile(r"[a-z0-9]+")
# Reproductions that stage their error with test scaffolding: not what a user writes.
_SCAFFOLDING = re.compile(
    r"\bunittest\.mock\b|\bfrom unittest import mock\b|\bmock\.patch\b|\bmonkeypatch\b"
)


class NoDrill(LookupError):
    """No entry fits the request (unknown id, empty category, nothing reproduces)."""


def family(category: str) -> str:
    return category.split("/", 1)[0]


def pick_entry(
    entries: Sequence[Entry],
    rng: random.Random,
    *,
    scores: Scores | None = None,
    category: str | None = None,
    entry_id: str | None = None,
) -> Entry:
    """An entry with a reproduction. By id, or at random: first a category, weighted by how
    often the user gets it wrong (`CategoryScore.weight`), then an entry within it."""
    reproducible = [e for e in entries if drillable(e)]
    if entry_id:
        entry = by_id(entry_id, entries)
        if entry is None:
            raise NoDrill(f"no knowledge-base entry {entry_id!r}")
        if not entry.reproduce:
            raise NoDrill(f"{entry_id} has no reproduction: {entry.reproduce_skip}")
        if not drillable(entry):
            raise NoDrill(f"{entry_id}: its reproduction stages the error with test scaffolding")
        return entry
    if category:
        reproducible = [e for e in reproducible if in_category(e.category, category)]
    if not reproducible:
        where = f" in category {category!r}" if category else ""
        raise NoDrill(f"no entry with a reproduction{where}")
    by_category: dict[str, list[Entry]] = {}
    for entry in reproducible:
        by_category.setdefault(entry.category, []).append(entry)
    names = sorted(by_category)
    scores = scores or Scores()
    weights = [scores.get(name).weight() for name in names]
    chosen = rng.choices(names, weights=weights, k=1)[0]
    return rng.choice(sorted(by_category[chosen], key=lambda e: e.id))


def drillable(entry: Entry) -> bool:
    """An entry whose reproduction is code a user would write (no mocks, no patching)."""
    return bool(entry.reproduce) and not _SCAFFOLDING.search(entry.reproduce)


@dataclass(frozen=True)
class Choice:
    """One reading offered: the entry, its category (what an answer is judged on) and its
    summary as shown."""

    entry: str
    category: str
    text: str


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def unquoted(text: str, message: str, run: int = QUOTED_WORDS) -> str:
    """`text` with every run of `run` or more words that the message also has (in that
    order) masked: a choice must be chosen by understanding, not by spotting the message."""
    said = _words(message)
    said_runs = {tuple(said[i : i + run]) for i in range(len(said) - run + 1)}
    tokens = text.split()
    # every word of the text, with the token (space-separated piece) it sits in
    words = [(index, word) for index, token in enumerate(tokens) for word in _words(token)]
    hidden: set[int] = set()
    for start in range(len(words) - run + 1):
        window = words[start : start + run]
        if tuple(word for _, word in window) in said_runs:
            hidden.update(range(window[0][0], window[-1][0] + 1))
    out: list[str] = []
    for index, token in enumerate(tokens):
        if index not in hidden:
            out.append(token)
        elif not out or out[-1] != MASK:
            out.append(MASK)
    return " ".join(out)


def _summary(candidate: Candidate, message: str) -> str:
    from torchwhy.translator.engine import reading_title

    text = unquoted(reading_title(candidate), message)
    if len(_words(text)) < 3:  # little left once the quote is masked: say what kind of bug
        described = CATEGORIES.get(candidate.entry.category, candidate.entry.category)
        text = unquoted(described[:1].upper() + described[1:], message)
    return text


def make_choices(
    entry: Entry,
    message: str | BaseException,
    rng: random.Random,
    *,
    captures: dict[str, str] | None = None,
    entries: Sequence[Entry] | None = None,
    n: int = N_CHOICES,
    use_embedding: bool = False,
) -> list[Choice]:
    """The true reading and n-1 others of other categories, shuffled by `rng`: first the
    alternatives the engine ranks for this message, then the entries whose examples read
    near it, then those of the same family (`dtype/*` for a dtype bug), then the rest,
    nearest first (the fuzzy stage without its floor)."""
    from torchwhy.knowledge_base import load
    from torchwhy.translator.engine import possible_readings
    from torchwhy.translator.fuzzy import match_fuzzy

    entries = tuple(entries if entries is not None else load())
    text = str(message)
    ranked = possible_readings(message, use_embedding=use_embedding, limit=20)
    # Every entry, nearest wording first: the fuzzy stage without its floor.
    nearest = match_fuzzy(entries, text, 0, limit=len(entries), min_score=0)
    near = [c for c in nearest if c.confidence >= NEAR_CONFIDENCE]
    kin = [c for c in nearest if family(c.entry.category) == family(entry.category)]
    picked = [Candidate(entry, 1.0, "rule", dict(captures or {}), 0)]
    seen = {entry.category, UNKNOWN}
    for candidate in [*ranked, *near, *kin, *nearest]:
        if len(picked) == n:
            break
        if candidate.entry.category not in seen:
            seen.add(candidate.entry.category)
            picked.append(candidate)
    choices = [Choice(c.entry.id, c.entry.category, _summary(c, text)) for c in picked]
    rng.shuffle(choices)
    return choices


@dataclass
class Judgement:
    """How an answer was read: the category it names (None if none), and by what means."""

    chosen: str | None
    how: str  # "choice", "category id", "translator", "fuzzy", "unrecognised"
    correct: bool


def judge(
    answer: str,
    choices: Sequence[Choice],
    true_category: str,
    entries: Sequence[Entry] = (),
) -> Judgement:
    """Read an answer: a choice number, a category id, or free text. Free text goes through
    the translator first (it may be an error message), then the word ranker of `kb search`
    restricted to the shown choices' categories.
    A number out of range or words that match no choice name nothing (`chosen` None)."""
    text = answer.strip()
    chosen: str | None = None
    how = "unrecognised"
    if text.isdigit():
        index = int(text)
        if 1 <= index <= len(choices):
            chosen, how = choices[index - 1].category, "choice"
    elif text in CATEGORIES:
        chosen, how = text, "category id"
    elif text:
        import torchwhy

        diagnosis = torchwhy.explain(text, use_embedding=False)
        if diagnosis.is_known and diagnosis.category != UNKNOWN:
            chosen, how = diagnosis.category, "translator"
        else:
            chosen = fuzzy_category(text, choices, entries)
            how = "fuzzy" if chosen else how
    return Judgement(chosen=chosen, how=how, correct=chosen == true_category)


def fuzzy_category(
    text: str, choices: Sequence[Choice], entries: Sequence[Entry] = ()
) -> str | None:
    """The category of the shown choice that `text` describes: the knowledge base ranked by
    the answer's words (the ranker `kb search` uses, with its floor), the first hit among the
    choices' categories; None when no choice is described."""
    from torchwhy.knowledge_base import load
    from torchwhy.translator.fuzzy import match_words

    pool = tuple(entries) or load()
    shown = {choice.category for choice in choices}
    for hit in match_words(pool, text, limit=len(pool)):
        if hit.entry.category in shown:
            return hit.entry.category
    return None


@dataclass
class Drill:
    """A prepared drill: the entry, its live error, the reading of it, and the choices."""

    entry: Entry
    error_type: str
    error_message: str
    diagnosis: Diagnosis
    choices: list[Choice]


def _in_snippet(file: str | None, folder: str) -> str | None:
    if file and Path(file).resolve().is_relative_to(Path(folder).resolve()):
        return SNIPPET_FILE
    return file


def _without_temporary_files(diagnosis: Diagnosis, folder: str) -> Diagnosis:
    """The reading with the snippet's temporary file named `<snippet>`: the path of a folder
    that no longer exists tells the learner nothing."""

    def place(location: Location | None) -> Location | None:
        if location is None:
            return None
        return replace(location, file=_in_snippet(location.file, folder) or location.file)

    def culprit(found: Culprit) -> Culprit:
        return replace(found, file=_in_snippet(found.file, folder), made_at=place(found.made_at))

    return replace(
        diagnosis,
        location=place(diagnosis.location),
        culprits=[culprit(c) for c in diagnosis.culprits],
    )


def prepare(
    entry: Entry,
    rng: random.Random,
    *,
    timeout: float | None = 60.0,
    entries: Sequence[Entry] | None = None,
) -> Drill | None:
    """Run the entry's reproduction and read its error; None when it no longer raises."""
    import torchwhy
    from torchwhy.knowledge_base.check import run_entry

    with tempfile.TemporaryDirectory(prefix="torchwhy-drill-") as folder:
        run = run_entry(entry, Path(folder), timeout=timeout)
        if run.error is None:
            return None
        error = run.error
        diagnosis = _without_temporary_files(torchwhy.explain(error, use_embedding=False), folder)
        captures = diagnosis.captures if diagnosis.entry == entry.id else {}
        choices = make_choices(entry, error, rng, captures=captures, entries=entries)
        error_type, message = type(error).__name__, str(error)
        del error, run
    return Drill(
        entry=entry,
        error_type=error_type,
        error_message=message,
        diagnosis=diagnosis,
        choices=choices,
    )
