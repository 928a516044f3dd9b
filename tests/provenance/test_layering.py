"""The provenance package is a layer below the translator: it never imports it, and its
trace summary does not import the ranking that reads it."""

from __future__ import annotations

import ast
from pathlib import Path

import torchwhy.provenance

PROVENANCE = Path(torchwhy.provenance.__file__).parent


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_provenance_never_imports_the_translator() -> None:
    for path in PROVENANCE.glob("*.py"):
        offending = {name for name in _imports(path) if name.startswith("torchwhy.translator")}
        assert not offending, f"{path.name} imports {offending}"


def test_the_trace_does_not_import_the_ranking() -> None:
    assert "torchwhy.provenance.ranking" not in _imports(PROVENANCE / "trace.py")


def test_the_tracer_walks_the_stack_and_leaves_each_idea_to_its_module() -> None:
    tracer = (PROVENANCE / "tracer.py").read_text()
    assert "torch.utils.data" not in tracer and "_dataset" not in tracer  # operand_sources.py
    assert "executing.Source" not in tracer  # failing_line.py
    assert "get_testing_overrides" not in tracer  # binding.py
    # The reading of the failing line is syntax: no tensor, module or binding knowledge.
    assert not {
        "torchwhy.provenance.tensor_facts",
        "torchwhy.provenance.modules",
        "torchwhy.provenance.binding",
        "torchwhy.provenance.operand_sources",
    } & _imports(PROVENANCE / "failing_line.py")
    assert "torchwhy.provenance.tracer" not in _imports(PROVENANCE / "operand_sources.py")


def test_builtin_signatures_come_from_the_installed_torch() -> None:
    import torch

    from torchwhy.provenance.binding import builtin_parameters

    # torch.overrides' documented signatures: keyword-only ones follow the positional ones.
    assert builtin_parameters("gather", torch)[:3] == ("input", "dim", "index")
    assert builtin_parameters("scatter_", torch)[:2] == ("input", "dim")  # a method: receiver
    assert builtin_parameters("cat", torch)[:2] == ("tensors", "dim")
    # Once a hand-kept table: `view(*shape)`, `torch.embedding` without a docstring.
    assert builtin_parameters("view", torch) == ("input", "shape")
    assert builtin_parameters("embedding", torch)[:2] == ("input", "weight")
    assert builtin_parameters("masked_fill", torch) == ("input", "mask", "value")
    assert builtin_parameters("no_such_op", torch) is None


def test_binding_keeps_no_hand_table_of_signatures() -> None:
    source = (PROVENANCE / "binding.py").read_text()
    tables = [
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Dict)
        and any(isinstance(v, ast.Tuple) for v in node.values)  # name -> parameter names
    ]
    assert tables == []
