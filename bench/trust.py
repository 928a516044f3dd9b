"""Can a user believe torchwhy? The trust figures on a blind real-world corpus (the fourth by default).

    python bench/trust.py                   # both halves, rules+fuzzy then with embeddings
    python bench/trust.py --half heldout    # only the held-out half (the honest figure)
    python bench/trust.py --round 5         # the fifth corpus instead of the fourth (or 6-10)
    python bench/trust.py --no-embedding --cases   # one line per case
    python bench/trust.py --reliability     # stated vs observed accuracy per confidence bin
    python bench/trust.py --below-bar       # would a lower bar for guesses pay? (see below_bar)
    python bench/trust.py --round 6 --labels agreed   # only cases two blind labellers agree on

Figures, per half (tests/realworld/cases_roundN.yaml is tuned on; cases_roundN_heldout.yaml is
never tuned on, and only its totals are read: never --cases on it):
- right category: share of PyTorch errors (kind: pytorch) given the expected category
  (`unknown` where no category fits);
- top-1 on covered errors: the same, over PyTorch errors a category covers;
- not right, split: of the PyTorch errors not given their expected category, the share answered
  `unknown` and the share given a wrong category;
- covered: share of PyTorch errors a category covers (the taxonomy's reach);
- precision of verdicts: of the readings given as verdicts, the share that is right;
- readings stated as verdicts: of the readings given (not `unknown`), the share stated as
  verdicts; the others are possible readings (what precision costs);
- negatives unknown: share of non-PyTorch errors answered `unknown`.

It reads the YAML itself and tolerates an older torchwhy (before `Diagnosis.verdict`, every
reading was a verdict), so the same script measures a checkout from before a change: that is how
the blind figures in the README were taken.
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "realworld"
HALVES = ("tune", "heldout")
# Each blind corpus: its half to tune on and its held-out half.
ROUNDS = {
    4: {"tune": "cases_round4.yaml", "heldout": "cases_round4_heldout.yaml"},
    5: {"tune": "cases_round5.yaml", "heldout": "cases_round5_heldout.yaml"},
    6: {"tune": "cases_round6.yaml", "heldout": "cases_round6_heldout.yaml"},
    7: {"tune": "cases_round7.yaml", "heldout": "cases_round7_heldout.yaml"},
    8: {"tune": "cases_round8.yaml", "heldout": "cases_round8_heldout.yaml"},
    9: {"tune": "cases_round9.yaml", "heldout": "cases_round9_heldout.yaml"},
    10: {"tune": "cases_round10.yaml", "heldout": "cases_round10_heldout.yaml"},
}
# A second labelling, made blind to the first (and to torchwhy), where a round has one: it says
# whether a figure measures the tool or the first labeller's reading of a thread.
SECOND_LABELS = {6: "labels_round6_second.yaml"}
LABELS = ("first", "second", "agreed")

import yaml  # noqa: E402

import torchwhy  # noqa: E402
from torchwhy.categories import CATEGORIES  # noqa: E402

UNKNOWN = "unknown"


def load(half: str, corpus_round: int = 4, labels: str = "first") -> list[dict]:
    """The half's cases, labelled by the collector (`first`), by the second labeller
    (`second`), or only those both label alike (`agreed`)."""
    cases = yaml.safe_load((CORPUS / ROUNDS[corpus_round][half]).read_text(encoding="utf-8"))
    if labels == "first":
        return cases
    if corpus_round not in SECOND_LABELS:
        raise SystemExit(f"round {corpus_round} has no second labelling")
    text = (CORPUS / SECOND_LABELS[corpus_round]).read_text(encoding="utf-8")
    second = {label["id"]: label["category"] for label in yaml.safe_load(text)}
    if labels == "agreed":
        return [case for case in cases if second[case["id"]] == case["expected_category"]]
    return [{**case, "expected_category": second[case["id"]]} for case in cases]


def _pct(num: int, den: int) -> str:
    return f"{num:3d}/{den:<3d} = {100 * num / den:5.1f}%" if den else "n/a"


def verdict_of(diagnosis) -> bool:
    return bool(getattr(diagnosis, "verdict", diagnosis.category != UNKNOWN))


def measure(cases: list[dict], *, use_embedding: bool, show_cases: bool) -> list[tuple]:
    rows = []
    for case in cases:
        started = time.perf_counter()
        diagnosis = torchwhy.explain(case["text"], use_embedding=use_embedding)
        elapsed = time.perf_counter() - started
        rows.append((case, diagnosis, elapsed))
        if show_cases:
            ok = diagnosis.category == case["expected_category"]
            print(
                f"{'ok  ' if ok else 'FAIL'} {case['id']:42.42s} {case['kind']:8s} "
                f"exp {case['expected_category']:28s} got {diagnosis.category:28s} "
                f"{diagnosis.matched_by:9s} {diagnosis.confidence:.2f} "
                f"{'verdict' if verdict_of(diagnosis) else 'unsure '} {elapsed * 1000:6.0f} ms"
            )
    return rows


def report(rows: list[tuple], label: str) -> dict[str, float]:
    pytorch = [(c, d) for c, d, _ in rows if c["kind"] == "pytorch"]
    negatives = [(c, d) for c, d, _ in rows if c["kind"] == "negative"]
    # Covered: the taxonomy of this checkout has a category for it.
    covered = [(c, d) for c, d in pytorch if c["expected_category"] in CATEGORIES]
    covered = [(c, d) for c, d in covered if c["expected_category"] != UNKNOWN]
    right = sum(d.category == c["expected_category"] for c, d in pytorch)
    top1 = sum(d.category == c["expected_category"] for c, d in covered)
    verdicts = [(c, d) for c, d, _ in rows if d.category != UNKNOWN and verdict_of(d)]
    precise = sum(d.category == c["expected_category"] for c, d in verdicts)
    negatives_unknown = sum(d.category == UNKNOWN for _, d in negatives)
    unknown_times = [t for _, d, t in rows if d.category == UNKNOWN]
    print(f"\n== {label}: {len(rows)} cases ({len(pytorch)} PyTorch, {len(negatives)} negatives)")
    print(f"  right category (PyTorch errors) {_pct(right, len(pytorch))}")
    # How the PyTorch errors not read right split: said `unknown` (unsure, harmless) or given a
    # wrong category (misleading).
    missed = [(c, d) for c, d in pytorch if d.category != c["expected_category"]]
    said_unknown = sum(d.category == UNKNOWN for _, d in missed)
    print(f"  not right: answered unknown     {_pct(said_unknown, len(missed))}")
    print(f"  not right: wrong category       {_pct(len(missed) - said_unknown, len(missed))}")
    print(f"  top-1 on covered errors         {_pct(top1, len(covered))}")
    print(f"  covered by a category           {_pct(len(covered), len(pytorch))}")
    print(f"  precision of verdicts           {_pct(precise, len(verdicts))}")
    # What precision costs: the readings stated as verdicts, of all readings given.
    readings = sum(d.category != UNKNOWN for _, d, _ in rows)
    print(f"  readings stated as verdicts     {_pct(len(verdicts), readings)}")
    print(f"  negatives answered unknown      {_pct(negatives_unknown, len(negatives))}")
    if unknown_times:
        print(f"  slowest `unknown` answer        {max(unknown_times) * 1000:.0f} ms")
    return {
        "right": right / max(1, len(pytorch)),
        "precision": precise / max(1, len(verdicts)),
        "negatives": negatives_unknown / max(1, len(negatives)),
    }


def reliability(rows: list[tuple], label: str) -> None:
    """Stated confidence vs observed accuracy of the readings given (not `unknown`)."""
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]
    print(f"\n== reliability, {label}: stated confidence vs observed accuracy")
    print("  bin           n   stated  observed")
    for low, high in itertools.pairwise(edges):
        inside = [
            (c, d) for c, d, _ in rows if d.category != UNKNOWN and low <= d.confidence < high
        ]
        if not inside:
            continue
        stated = sum(d.confidence for _, d in inside) / len(inside)
        observed = sum(d.category == c["expected_category"] for c, d in inside) / len(inside)
        print(
            f"  [{low:.2f},{min(high, 1):.2f})  {len(inside):3d}   {stated:.2f}    {observed:.2f}"
        )


def best_guess_below_the_bar(text: str, *, use_embedding: bool) -> str | None:
    """For a paste answered `unknown` that shows evidence of PyTorch: the category of the best
    fuzzy (or embedding) guess the bars turned down, None when there is none or no evidence."""
    from torchwhy.knowledge_base import load as load_entries
    from torchwhy.translator import engine
    from torchwhy.translator.candidates import applies_to
    from torchwhy.translator.evidence import gather, is_foreign
    from torchwhy.translator.normalize import parse

    parsed = parse(text)
    context = engine._text_context(parsed)
    if is_foreign(parsed) or not gather(parsed, context).found:
        return None
    entries = load_entries()
    sources = [s for s in engine._sources(parsed) if engine._guessable(s, entries)]
    guesses = []
    for source in sources:
        found = engine.fuzzy_guesses(entries, source)
        if use_embedding:
            from torchwhy.translator.embedding import match_embedding

            found += match_embedding(entries, source.message, source.index)
        guesses += [c for c in found if applies_to(c.entry, source.exception_type, guessing=True)]
    ranked = engine._rank(guesses, context, engine._supported(parsed), engine.GUESS_PLACE_BONUS)
    return ranked[0].entry.category if ranked else None


def below_bar(rows: list[tuple], label: str, *, use_embedding: bool) -> None:
    """What showing the best guess below the bars as a possible reading would change, for the
    pastes with evidence of PyTorch answered `unknown`: right category gained, lost (a PyTorch
    error whose expected answer is `unknown`), wrong, and negatives that would get a reading."""
    gained = lost = wrong = negatives = 0
    for case, diagnosis, _ in rows:
        if diagnosis.category != UNKNOWN:
            continue
        guess = best_guess_below_the_bar(case["text"], use_embedding=use_embedding)
        if guess is None:
            continue
        if case["kind"] == "negative":
            negatives += 1
        elif guess == case["expected_category"]:
            gained += 1
        elif case["expected_category"] == UNKNOWN:
            lost += 1
        else:
            wrong += 1
    print(f"\n== below the bar, {label}: the best guess on evidenced `unknown` answers")
    print(f"  right category gained {gained}, lost {lost} (expected unknown), wrong {wrong}")
    print(f"  negatives that would get a reading {negatives}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--half", choices=[*HALVES, "both"], default="both")
    parser.add_argument("--round", type=int, choices=sorted(ROUNDS), default=4, dest="corpus_round")
    parser.add_argument("--no-embedding", action="store_true")
    parser.add_argument("--cases", action="store_true", help="one line per case")
    parser.add_argument("--reliability", action="store_true")
    parser.add_argument("--below-bar", action="store_true", help="what a lower bar would change")
    parser.add_argument(
        "--labels", choices=LABELS, default="first", help="whose labels judge (round 6 has two)"
    )
    args = parser.parse_args()
    halves = list(HALVES) if args.half == "both" else [args.half]
    modes = [False] if args.no_embedding else [False, True]
    for use_embedding in modes:
        mode = "with embeddings" if use_embedding else "rules+fuzzy"
        for half in halves:
            rows = measure(
                load(half, args.corpus_round, args.labels),
                use_embedding=use_embedding,
                show_cases=args.cases,
            )
            label = f"{half} half, {mode}" + (
                "" if args.labels == "first" else f", {args.labels} labels"
            )
            report(rows, label)
            if args.reliability:
                reliability(rows, label)
            if args.below_bar:
                below_bar(rows, label, use_embedding=use_embedding)


if __name__ == "__main__":
    main()
