"""The capture names the ranking reads are declared once, produced by patterns, documented."""

from __future__ import annotations

import ast
from pathlib import Path

import torchwhy.provenance.ranking as ranking
from torchwhy.knowledge_base import load
from torchwhy.knowledge_base.schema import RANKED_CAPTURES, unproduced_ranked_captures

DOCS = Path(__file__).resolve().parents[2] / "docs" / "knowledge-base.md"


def _strings(node: ast.AST) -> set[str]:
    return {
        item.value
        for item in ast.walk(node)
        if isinstance(item, ast.Constant) and type(item.value) is str
    }


def _names_read_by_ranking() -> set[str]:
    """String constants given to `facts.number(...)` / `facts.raw.get(...)`, and in the
    `*_CAPTURES` tuples the ranking loops over."""
    tree = ast.parse(Path(ranking.__file__).read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "number":
                names |= set().union(*(_strings(arg) for arg in node.args))
            elif node.func.attr == "get" and ast.unparse(node.func.value).endswith(".raw"):
                names |= _strings(node.args[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id.endswith("_CAPTURES")
            for target in node.targets
        ):
            names |= _strings(node.value)
    return names


def test_the_ranking_reads_only_declared_capture_names() -> None:
    read = _names_read_by_ranking()
    assert {"m1_rows", "version", "found_dim"} <= read  # the scan sees the reads
    assert read <= set(RANKED_CAPTURES), sorted(read - set(RANKED_CAPTURES))


def test_every_declared_capture_is_produced_by_a_pattern() -> None:
    assert unproduced_ranked_captures(list(load())) == []


def test_every_declared_capture_is_documented() -> None:
    text = DOCS.read_text()
    missing = [name for name in RANKED_CAPTURES if f"`{name}`" not in text]
    assert not missing, missing


def test_every_role_synonym_is_documented() -> None:
    """docs/knowledge-base.md's table of roles lists each role's parameter names as the
    ranking reads them."""
    text = DOCS.read_text(encoding="utf-8").split("## Roles", 1)[1].split("\n## ", 1)[0]
    rows = {
        line.split("|")[1].strip().strip("`"): line.split("|")[2]
        for line in text.splitlines()
        if line.startswith("| `") and line.count("|") == 3
    }
    for role, names in ranking._ROLE_SYNONYMS.items():
        assert role in rows, f"role {role} is not in the docs' table"
        documented = {name.strip() for name in rows[role].split("(")[0].split(",")}
        assert documented == set(names), role
