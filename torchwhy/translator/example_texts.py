"""The texts the embedding stage compares a message with, and what names their vectors.

Per entry, in knowledge-base order: its title with the explanation's opening sentence (the
plain-words meaning a reworded message shares with no example), then each of its examples,
all masked. Their vectors depend only on the entry files, the model and the code that makes
the texts (this module and `masking`), so a matrix is named by those three and found without
reading an entry: opening every entry cost about a tenth of a cold embedding answer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

from torchwhy.knowledge_base import Entry
from torchwhy.translator import masking
from torchwhy.translator.masking import mask

_PLACEHOLDER = re.compile(r"\{\w+\}")


def example_texts(entries: Sequence[Entry]) -> tuple[list[str], list[int]]:
    """The masked texts, and for each the position of its entry in `entries`."""
    texts: list[str] = []
    owners: list[int] = []
    for position, entry in enumerate(entries):
        summary = _PLACEHOLDER.sub("", f"{entry.title}. {_first_sentence(entry.explanation)}")
        for text in [summary, *(example.text for example in entry.examples)]:
            texts.append(mask(text))
            owners.append(position)
    return texts, owners


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def code_digest() -> str:
    """A digest of the code that makes the texts: a change to it is a new matrix."""
    sha = hashlib.sha256()
    for module in (__file__, masking.__file__):
        # Line endings as git checks them out on another platform are the same code.
        sha.update(Path(module).read_bytes().replace(b"\r\n", b"\n"))
    return sha.hexdigest()[:16]


def texts_digest(texts: list[str]) -> str:
    """Names the texts of a knowledge base built in memory (no entry files to digest)."""
    return hashlib.sha256("\n".join(texts).encode()).hexdigest()[:16]
