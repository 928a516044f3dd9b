"""The embedding stage's runtime: onnxruntime gives sentence-transformers' own vectors, and
the example matrix shipped with the package is the one for this knowledge base."""

from __future__ import annotations

import pytest

from torchwhy.knowledge_base import load
from torchwhy.translator import embedding
from torchwhy.translator.encoders import OnnxEncoder, SentenceTransformerEncoder, load_encoder


def test_the_shipped_example_matrix_is_this_knowledge_bases() -> None:
    texts, _ = embedding._example_texts(tuple(load()))
    name = embedding.matrix_name(texts, embedding.model_location())
    shipped = sorted(p.name for p in embedding.SHIPPED.glob("examples-*.npy"))
    assert shipped == [name], (
        "the knowledge base changed: rebuild the shipped matrix with `make embeddings`"
    )


@pytest.mark.slow
def test_onnxruntime_gives_the_sentence_transformers_vectors(tmp_path) -> None:
    location = embedding.model_location()
    fast = load_encoder(location, tmp_path)
    assert isinstance(fast, OnnxEncoder)
    reference = SentenceTransformerEncoder(location)
    texts = [
        "expected target dtype to be <name> but got <name>",
        "my labels seem to be floats but the loss wants integers",
        "CUDA out of memory. Tried to allocate <size>",
    ]
    for single in texts:  # one query on one thread, and batches
        assert float(fast.encode([single])[0] @ reference.encode([single])[0]) > 0.9999
    assert (fast.encode(texts) * reference.encode(texts)).sum(axis=1).min() > 0.9999
