"""The coverage map: do the wordings PyTorch users hit most get the right category?

    python bench/coverage_map.py              # totals per area, then every miss
    python bench/coverage_map.py --all        # one line per wording
    python bench/coverage_map.py --verify     # also check each `template` occurs in the install
    python bench/coverage_map.py --raises     # torch's user-facing Python raises no rule reads

The wordings (bench/coverage_wordings.yaml) come from torch's own message templates and the
ecosystem's, not from the realworld corpora, so this measures the knowledge base's reach
independently of the cases it was tuned on. Read with rules+fuzzy (no embedding model): a
wording the rules do not read is a gap in the knowledge base, whatever a model might guess.
"""

from __future__ import annotations

import argparse
import ast
import os
import sys
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parents[1]
WORDINGS = ROOT / "bench" / "coverage_wordings.yaml"

import yaml  # noqa: E402

import torchwhy  # noqa: E402


def load() -> list[dict]:
    items = yaml.safe_load(WORDINGS.read_text(encoding="utf-8"))
    for item in items:
        # A category this checkout lacks counts as a miss, so an older checkout is measured
        # on the same list (the figures before a change).
        if not (item.get("template") or item.get("source")):
            raise SystemExit(f"no template or source for {item['text'][:60]!r}")
    return items


def installed_texts() -> list[bytes]:
    """The shipped text of torch, torchvision and transformers: Python sources and the
    strings of torch's shared libraries, where C++ message templates live."""
    roots = []
    for name in ("torch", "torchvision", "transformers"):
        try:
            module = __import__(name)
        except ImportError:
            continue
        roots.append(Path(module.__file__).parent)
    blobs = []
    for root in roots:
        for path in root.rglob("*"):
            if path.suffix in {".py", ".so"} and path.is_file():
                blobs.append(path.read_bytes())
    return blobs


def unverified_templates(items: list[dict]) -> list[dict]:
    blobs = installed_texts()
    return [
        item
        for item in items
        if item.get("template") and not any(item["template"].encode() in blob for blob in blobs)
    ]


# torch's modules whose Python `raise` statements users meet most (layers, losses, data
# loading, checkpoints, optimizers, AMP, autograd, distributed): where new wordings appear.
USER_FACING_SOURCES = (
    "nn/functional.py",
    "nn/modules/*.py",
    "nn/utils/*.py",
    "nn/parallel/*.py",
    "utils/data/*.py",
    "utils/data/_utils/*.py",
    "serialization.py",
    "optim/*.py",
    "amp/*.py",
    "autograd/__init__.py",
    "_tensor.py",
    "cuda/__init__.py",
    "distributed/distributed_c10d.py",
    "hub.py",
)


def _literal_message(node: ast.expr) -> str | None:
    """The text of a raise's message with every formatted field written `X`."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "X" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return (_literal_message(node.left) or "X") + (_literal_message(node.right) or "X")
    return None


def unread_raises() -> list[tuple[str, str, str]]:
    """(file, exception, message) of torch's user-facing raises that read `unknown`. Fields
    are written `X`, so a pattern that wants digits there misses: a list to read, not a score."""
    root = Path(__import__("torch").__file__).parent
    unread = []
    for pattern in USER_FACING_SOURCES:
        for path in sorted(root.glob(pattern)):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                    continue
                if not node.exc.args or not isinstance(node.exc.func, ast.Name):
                    continue
                message = _literal_message(node.exc.args[0])
                if not message or len(message) < 25:
                    continue
                text = f"{node.exc.func.id}: {' '.join(message.split())}"
                if torchwhy.explain(text, use_embedding=False).category == "unknown":
                    unread.append((str(path.relative_to(root)), node.exc.func.id, message))
    return unread


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--all", action="store_true", help="one line per wording")
    parser.add_argument("--verify", action="store_true", help="check templates in the install")
    parser.add_argument("--raises", action="store_true", help="torch's raises no rule reads")
    args = parser.parse_args()
    if args.raises:
        for file, exception, message in unread_raises():
            print(f"{file:36s} {exception:20s} {' '.join(message.split())[:120]}")
        return
    items = load()
    by_area: dict[str, list[bool]] = defaultdict(list)
    misses = []
    for item in items:
        diagnosis = torchwhy.explain(item["text"], use_embedding=False)
        right = diagnosis.category == item["category"]
        by_area[item["area"]].append(right)
        line = (
            f"{'ok  ' if right else 'MISS'} {item['area']:12s} exp {item['category']:30s} "
            f"got {diagnosis.category:30s} {diagnosis.matched_by:8s} "
            f"{item['text'].splitlines()[-1][:70]!r}"
        )
        if args.all:
            print(line)
        elif not right:
            misses.append(line)
    print("\n".join(misses))
    total = sum(len(v) for v in by_area.values())
    good = sum(sum(v) for v in by_area.values())
    print(f"\n{'area':14s} right")
    for area, results in by_area.items():
        print(f"{area:14s} {sum(results):3d}/{len(results):<3d}")
    print(f"{'all':14s} {good:3d}/{total:<3d} = {100 * good / total:.1f}%")
    if args.verify:
        missing = unverified_templates(items)
        for item in missing:
            print(f"template not in the install: {item['template']!r}")
        print(f"templates verified: {sum(bool(i.get('template')) for i in items) - len(missing)}")
        sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
