"""The golden corpus: the messages this torch raises for every reproducible entry.

`messages.json` stores them as raised by the installed torch. Two checks:

- each stored message, pasted as bare text (no frames to read), is explained by its entry;
- each entry still raises its stored message (a torch upgrade that rewords one shows here).

After a deliberate torch upgrade, regenerate with `TORCHWHY_REGEN_GOLDEN=1 make test`
(as stack_data's `FIX_STACK_DATA_TESTS=1`), then review the diff of messages.json.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

import torchwhy
from torchwhy.categories import UNKNOWN
from torchwhy.knowledge_base import load
from torchwhy.knowledge_base.check import run_entry
from torchwhy.translator.evidence import is_python_generic

GOLDEN = Path(__file__).with_name("messages.json")
REGENERATE = os.environ.get("TORCHWHY_REGEN_GOLDEN") == "1"
REPRODUCIBLE = [entry for entry in load() if entry.reproduce]
# Parts of a message that change from run to run.
_VOLATILE = (
    (re.compile(r"0x[0-9a-fA-F]+"), "0x?"),
    # Tracebacks inside messages (a DataLoader worker's): where torch is installed varies.
    (re.compile(r'File "(?:[^"]*[/\\])?([^"/\\]+)"'), r'File "\1"'),
    (re.compile(r"pid\(?s?\)? \d+"), "pid ?"),
    (re.compile(r"/tmp/[\w./-]+"), "/tmp/?"),
    (re.compile(r"port:? \d+|:\d{4,5}\b"), "port ?"),
    (re.compile(r"(\((?:\d{1,3}\.){3}\d{1,3}, )\d{2,5}\)"), r"\1port ?)"),  # (host, port)
    # The dispatcher lists the backends registered in this process, which depends on what
    # else was imported (onnx, onnxruntime...): keep its first sentence.
    (
        re.compile(
            r"(Could not run '[^']+' with arguments from the '[^']+' backend\.).*", re.DOTALL
        ),
        r"\1",
    ),
)


def _stable(message: str) -> str:
    for pattern, replacement in _VOLATILE:
        message = pattern.sub(replacement, message)
    return message.strip()


def _raise_now(entry, folder: Path) -> dict[str, str]:
    error = run_entry(entry, folder).error
    assert error is not None, f"{entry.id}: its reproduction no longer raises"
    return {"type": type(error).__name__, "message": _stable(str(error))}


def _stored() -> dict[str, dict[str, str]]:
    return json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}


def test_regenerate_when_asked(tmp_path: Path) -> None:
    if not REGENERATE:
        pytest.skip("set TORCHWHY_REGEN_GOLDEN=1 to rewrite messages.json from this torch")
    corpus = {entry.id: _raise_now(entry, tmp_path) for entry in REPRODUCIBLE}
    GOLDEN.write_text(json.dumps(corpus, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def test_every_reproducible_entry_is_in_the_corpus() -> None:
    missing = sorted({entry.id for entry in REPRODUCIBLE} - set(_stored()))
    assert not missing, f"regenerate the golden corpus (TORCHWHY_REGEN_GOLDEN=1): {missing}"


@pytest.mark.parametrize("entry_id", sorted(_stored()))
def test_a_stored_message_pasted_as_text_is_explained_by_its_entry(entry_id: str) -> None:
    record = _stored()[entry_id]
    text = f"{record['type']}: {record['message']}"
    diagnosis = torchwhy.explain(text, use_embedding=False)
    if is_python_generic(record["message"], record["type"]):
        # Python's own wording (`'NoneType' object has no attribute 'size'`): bare, it is
        # no PyTorch error at all; only the entry's context on a stack makes it one.
        assert diagnosis.category == UNKNOWN, f"{text!r} -> {diagnosis.entry}"
        return
    offered = [diagnosis.entry, *(alt.entry for alt in diagnosis.alternatives)]
    if diagnosis.entry != entry_id:
        # Bare text has no stack: where torch words two situations alike (gather's index
        # dtype, cross_entropy's under fake tensors), the stack decides; without it the
        # reading must still be offered, matched by a rule like the winner.
        assert diagnosis.matched_by == "rule" and entry_id in offered, f"{text!r} -> {offered}"


@pytest.mark.parametrize("entry", REPRODUCIBLE, ids=lambda e: e.id)
def test_this_torch_still_raises_the_stored_message(entry, tmp_path: Path) -> None:
    stored = _stored().get(entry.id)
    if stored is None:
        pytest.skip("not in the corpus yet")
    assert _raise_now(entry, tmp_path) == stored, (
        "torch now words this error differently: check the entry's patterns, then "
        "regenerate with TORCHWHY_REGEN_GOLDEN=1"
    )
