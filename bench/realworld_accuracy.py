"""Accuracy of torchwhy on real users' errors (tests/realworld/cases.yaml, cases_heldout.yaml, cases_round3.yaml).

    python bench/realworld_accuracy.py            # rules+fuzzy, then with embeddings
    python bench/realworld_accuracy.py --no-embedding
    python bench/realworld_accuracy.py --failures-only
    python bench/realworld_accuracy.py --corpus heldout   # only the second corpus
    python bench/realworld_accuracy.py --corpus round3    # only the third corpus

The corpora are measured and reported separately: cases.yaml (the first corpus, partly the
threads the knowledge base was written from) and cases_heldout.yaml (threads cited nowhere in
the repository: the honest figure), and cases_round3.yaml (a third held-out corpus, from
projects unlike the first two's).

Prints, per mode: every case (expected vs got, matched_by, confidence, entry), accuracy
overall, by category family and by the stage that answered, and the `unknown` precision:
how often a torch error wrongly came back `unknown`, and how often a non-torch error
(expected `unknown`) was given a torch category. Embeddings run offline (HF_HUB_OFFLINE=1).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torchwhy
from tests.realworld import load_cases, load_heldout, load_round3
from torchwhy.categories import UNKNOWN


def _kb_cited(cases) -> set[str]:
    """Ids of cases whose source thread is cited by a knowledge-base entry: not held out."""
    from torchwhy.knowledge_base import entries_dir

    kb = "".join(p.read_text(encoding="utf-8") for p in sorted(entries_dir().glob("*.yaml")))
    return {c.id for c in cases if c.source.split("github.com/")[-1] in kb}


def _pct(num: int, den: int) -> str:
    return f"{num}/{den} = {100 * num / den:5.1f}%" if den else "n/a"


def run(cases, *, use_embedding: bool, failures_only: bool, label: str = "") -> dict:
    mode = "with embeddings" if use_embedding else "rules+fuzzy (no embeddings)"
    print(f"\n=== {label}{mode} ===")
    rows = []
    start = time.perf_counter()
    for case in cases:
        d = torchwhy.explain(case.text, use_embedding=use_embedding)
        ok = d.category == case.expected_category
        rows.append((case, d, ok))
        if ok and failures_only:
            continue
        mark = "ok  " if ok else "FAIL"
        gap = "  [known_gap]" if case.known_gap else ""
        print(
            f"{mark} {case.id:45s} expected {case.expected_category:30s} "
            f"got {d.category:30s} by {d.matched_by:9s} conf {d.confidence:.2f} "
            f"entry {d.entry}{gap}"
        )
    elapsed = time.perf_counter() - start

    right = sum(ok for _, _, ok in rows)
    print(f"\naccuracy: {_pct(right, len(rows))}   ({elapsed:.1f}s for {len(rows)} cases)")
    cited = _kb_cited(cases)
    held_out = [ok for case, _, ok in rows if case.id not in cited]
    print(
        f"  held out only (source thread not cited by any KB entry): "
        f"{_pct(sum(held_out), len(held_out))}   [{len(cited)} cases' threads are cited by the KB]"
    )

    _print_breakdown("by family (expected):", [(case.family, ok) for case, _, ok in rows])
    _print_breakdown(
        "by stage that answered (precision of that stage):",
        [(d.matched_by, ok) for _, d, ok in rows],
    )

    torch_rows = [(c, d) for c, d, _ in rows if c.expected_category != UNKNOWN]
    other_rows = [(c, d) for c, d, _ in rows if c.expected_category == UNKNOWN]
    false_unknown = [c.id for c, d in torch_rows if d.category == UNKNOWN]
    false_torch = [(c.id, d.category) for c, d in other_rows if d.category != UNKNOWN]
    wrong_torch = [c.id for c, d in torch_rows if d.category not in (UNKNOWN, c.expected_category)]
    print("unknown precision:")
    print(f"  torch error answered unknown:        {_pct(len(false_unknown), len(torch_rows))}")
    print(f"  torch error given a wrong category:  {_pct(len(wrong_torch), len(torch_rows))}")
    print(f"  non-torch error given a category:    {_pct(len(false_torch), len(other_rows))}")
    for case_id, category in false_torch:
        print(f"    false positive: {case_id} -> {category}")
    answered_unknown = sum(d.category == UNKNOWN for _, d, _ in rows)
    true_unknown = len(other_rows) - len(false_torch)
    print(f"  precision of an `unknown` answer:    {_pct(true_unknown, answered_unknown)}")
    return {"accuracy": right / len(rows), "rows": rows}


def _print_breakdown(title: str, keyed: list[tuple[str, bool]]) -> None:
    groups: dict[str, list[bool]] = defaultdict(list)
    for key, ok in keyed:
        groups[key].append(ok)
    print(title)
    for key in sorted(groups):
        print(f"  {key:14s} {_pct(sum(groups[key]), len(groups[key]))}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-embedding", action="store_true", help="only rules+fuzzy")
    parser.add_argument("--failures-only", action="store_true", help="list failing cases only")
    parser.add_argument(
        "--corpus",
        choices=["all", "cases", "heldout", "round3"],
        default="all",
        help="which corpus to measure",
    )
    args = parser.parse_args()

    corpora = {
        "cases": ("cases.yaml: ", load_cases),
        "heldout": ("cases_heldout.yaml: ", load_heldout),
        "round3": ("cases_round3.yaml: ", load_round3),
    }
    chosen = corpora if args.corpus == "all" else {args.corpus: corpora[args.corpus]}
    summary = []
    for label, loader in chosen.values():
        cases = loader()
        counts = Counter(c.expected_category for c in cases)
        print(f"\n##### {label}{len(cases)} real cases, {len(counts)} categories")
        for category, n in sorted(counts.items()):
            print(f"  {n:3d}  {category}")
        modes = [False] if args.no_embedding else [False, True]
        for use_embedding in modes:
            result = run(
                cases, use_embedding=use_embedding, failures_only=args.failures_only, label=label
            )
            mode = "embeddings " if use_embedding else "rules+fuzzy"
            summary.append(
                f"  {label:22s} {mode}  {100 * result['accuracy']:5.1f}%  ({len(cases)} cases)"
            )
    print("\n=== summary ===")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
