"""One drill: pick an entry that reproduces, raise its error live, offer four root causes,
judge the answer (a choice number, a category id, or free text), reveal the expert reading."""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from torchwhy.categories import CATEGORIES, UNKNOWN, in_category
from torchwhy.diagnosis import Diagnosis
from torchwhy.drill.scores import Scores
from torchwhy.knowledge_base import by_id
from torchwhy.knowledge_base.schema import Entry

N_CHOICES = 4
# Below this rapidfuzz score (0-100) free text matches no choice.
FUZZY_THRESHOLD = 55.0


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
    reproducible = [e for e in entries if e.reproduce]
    if entry_id:
        entry = by_id(entry_id, entries)
        if entry is None:
            raise NoDrill(f"no knowledge-base entry {entry_id!r}")
        if not entry.reproduce:
            raise NoDrill(f"{entry_id} has no reproduction: {entry.reproduce_skip}")
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


def make_choices(true_category: str, rng: random.Random, n: int = N_CHOICES) -> list[str]:
    """The true category and n-1 distractors, preferably from its own family (other
    `dtype/*` for a dtype bug), shuffled by `rng`."""
    others = sorted(c for c in CATEGORIES if c not in {true_category, UNKNOWN})
    same = [c for c in others if family(c) == family(true_category)]
    rest = [c for c in others if family(c) != family(true_category)]
    distractors = rng.sample(same, min(len(same), n - 1))
    distractors += rng.sample(rest, n - 1 - len(distractors))
    choices = [true_category, *distractors]
    rng.shuffle(choices)
    return choices


@dataclass
class Judgement:
    """How an answer was read: the category it names (None if none), and by what means."""

    chosen: str | None
    how: str  # "choice", "category id", "translator", "fuzzy", "unrecognised"
    correct: bool


_WORD = re.compile(r"[a-z0-9]+")


def _category_texts(entries: Sequence[Entry]) -> dict[str, list[str]]:
    """What each category is about, in words: its id, its description, and the titles and
    causes of its entries."""
    texts: dict[str, list[str]] = {
        c: [c.replace("/", " ").replace("-", " "), d] for c, d in CATEGORIES.items()
    }
    for entry in entries:
        title = re.sub(r"\{[^}]*\}", "", entry.title)
        texts.setdefault(entry.category, []).extend([title, *entry.causes])
    return texts


def judge(
    answer: str,
    choices: Sequence[str],
    true_category: str,
    entries: Sequence[Entry] = (),
) -> Judgement:
    """Read an answer: a choice number, a category id, or free text. Free text goes through
    the translator first (it may be an error message), then a fuzzy match against the
    shown choices' ids, descriptions and the titles/causes of their entries."""
    text = answer.strip()
    chosen: str | None = None
    how = "unrecognised"
    if text.isdigit():
        index = int(text)
        if 1 <= index <= len(choices):
            chosen, how = choices[index - 1], "choice"
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


def fuzzy_category(text: str, choices: Sequence[str], entries: Sequence[Entry] = ()) -> str | None:
    """The shown choice whose words best match `text`, or None below the threshold."""
    from rapidfuzz import fuzz, utils

    texts = _category_texts(entries)
    query = utils.default_process(text)
    best: tuple[float, str] | None = None
    for category in choices:
        score = max(
            0.6 * fuzz.token_set_ratio(query, t, processor=utils.default_process)
            + 0.4 * fuzz.partial_ratio(query, t, processor=utils.default_process)
            for t in texts.get(category, [category])
        )
        if best is None or score > best[0]:
            best = (score, category)
    if best is None or best[0] < FUZZY_THRESHOLD:
        return None
    return best[1]


@dataclass
class Drill:
    """A prepared drill: the entry, its live error, the reading of it, and the choices."""

    entry: Entry
    error_type: str
    error_message: str
    diagnosis: Diagnosis
    choices: list[str]


def prepare(entry: Entry, rng: random.Random, *, timeout: float | None = 60.0) -> Drill | None:
    """Run the entry's reproduction and read its error; None when it no longer raises."""
    import torchwhy
    from torchwhy.knowledge_base.check import run_entry

    with tempfile.TemporaryDirectory(prefix="torchwhy-drill-") as folder:
        run = run_entry(entry, Path(folder), timeout=timeout)
        if run.error is None:
            return None
        error = run.error
        diagnosis = torchwhy.explain(error, use_embedding=False)
        error_type, message = type(error).__name__, str(error)
        del error, run
    return Drill(
        entry=entry,
        error_type=error_type,
        error_message=message,
        diagnosis=diagnosis,
        choices=make_choices(entry.category, rng),
    )
