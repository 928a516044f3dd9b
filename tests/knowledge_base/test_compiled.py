"""The compiled knowledge base: the same answers as parsing the YAML, from a cache that is
never stale and that concurrent first runs build safely."""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.realworld import load_cases, load_heldout, load_round3
from torchwhy.knowledge_base import entries_dir, load, load_directory
from torchwhy.knowledge_base.patterns import LazyPattern, required_words
from torchwhy.translator.normalize import parse
from torchwhy.translator.rules import match_rules

ENTRIES = load()
CASE_TEXTS = [case.text for case in [*load_cases(), *load_heldout(), *load_round3()]]
EXAMPLE_TEXTS = [example.text for entry in ENTRIES for example in entry.examples]


def _hits(entries, message: str, exception_type: str | None) -> list[tuple[str, dict]]:
    return [(c.entry.id, c.captures) for c in match_rules(entries, message, exception_type, 0)]


@pytest.mark.parametrize("corpus", ["examples", "real-world cases"])
def test_the_prefilter_never_changes_a_rule_answer(corpus: str) -> None:
    texts = EXAMPLE_TEXTS if corpus == "examples" else CASE_TEXTS
    every_entry = tuple(ENTRIES)
    compared = 0
    for text in texts:
        for exc in parse(text).exceptions or []:
            expected = _hits(every_entry, exc.message, exc.type)
            assert _hits(ENTRIES, exc.message, exc.type) == expected, exc.message[:200]
            compared += bool(expected)
    assert compared > len(texts) // 2  # most of them are rule hits: the check has teeth


def test_required_words_are_whole_words_the_pattern_needs() -> None:
    assert "multiplied" in required_words(r"mat1 and mat2 shapes cannot be multiplied \(")
    # Words at a run's edge could be glued to what the regex puts around them.
    assert required_words(r"\w+shapes cannot") == []
    assert required_words(r"(?:foo bar|baz qux) end") == []  # alternatives: none is needed
    assert required_words(r"Target (?P<t>\d+) is out of bounds\.") == ["bounds", "is", "of", "out"]
    assert "needed" in required_words(r"(?:this is needed here)+")


def test_patterns_compile_on_first_use_only() -> None:
    pattern = pickle.loads(pickle.dumps(LazyPattern(r"Target (?P<t>\d+) is out")))
    assert pattern._compiled is None
    assert pattern.search("Target 5 is out of bounds.").group("t") == "5"
    assert pattern._compiled is not None


def _copy_kb(into: Path) -> Path:
    folder = into / "entries"
    shutil.copytree(entries_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def test_the_cache_is_read_back_and_never_stale(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TORCHWHY_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_kb(tmp_path)
    first = load_directory(folder)
    assert [e.id for e in first] == [e.id for e in ENTRIES]
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1

    import torchwhy.knowledge_base as kb

    def no_yaml(files):
        raise AssertionError("parsed the YAML although the cache is current")

    monkeypatch.setattr(kb, "parse_files", no_yaml)
    assert [e.id for e in load_directory(folder)] == [e.id for e in ENTRIES]

    # An edited entry file is a new knowledge base: parsed again, the old cache replaced.
    monkeypatch.undo()
    monkeypatch.setenv("TORCHWHY_CACHE_DIR", str(tmp_path / "cache"))
    shapes = folder / "shapes.yaml"
    shapes.write_text(
        shapes.read_text().replace(
            "- id: matmul-operand-shapes\n", "- id: matmul-operand-shapes-v2\n"
        )
    )
    assert "matmul-operand-shapes-v2" in {e.id for e in load_directory(folder)}
    assert len(list((tmp_path / "cache").glob("kb-*.pickle"))) == 1


def test_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TORCHWHY_CACHE_DIR", str(tmp_path / "cache"))
    folder = _copy_kb(tmp_path)
    load_directory(folder)
    (cache,) = (tmp_path / "cache").glob("kb-*.pickle")
    cache.write_bytes(b"not a pickle")
    assert len(load_directory(folder)) == len(ENTRIES)
    assert pickle.loads(cache.read_bytes())  # rewritten whole


def test_concurrent_first_runs_all_get_the_whole_knowledge_base(tmp_path) -> None:
    folder = _copy_kb(tmp_path)
    probe = textwrap.dedent(f"""
        from pathlib import Path
        from torchwhy.knowledge_base import load_directory
        print(len(load_directory(Path({str(folder)!r}))))
    """)
    env = {"TORCHWHY_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    runs = [
        subprocess.Popen([sys.executable, "-c", probe], env=env, stdout=subprocess.PIPE)
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120)[0].decode().strip() for run in runs]
    assert outputs == [str(len(ENTRIES))] * 4
    assert [p.name.endswith(".pickle") for p in (tmp_path / "cache").iterdir()] == [True]


def test_a_broken_entry_is_still_an_error_not_a_cache(tmp_path, monkeypatch) -> None:
    from torchwhy.knowledge_base import KnowledgeBaseError

    monkeypatch.setenv("TORCHWHY_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "entries"
    folder.mkdir()
    (folder / "bad.yaml").write_text("- id: Bad Id\n")
    with pytest.raises(KnowledgeBaseError):
        load_directory(folder)
    assert not (tmp_path / "cache").exists() or not list((tmp_path / "cache").iterdir())
