"""The embedding stage's runtime: onnxruntime gives sentence-transformers' own vectors, the
example matrix shipped with the package is the one for this knowledge base, and the bundled
model's graph ships too, so that no run exports it."""

from __future__ import annotations

import pytest

from torchwhy.knowledge_base import by_id, entries_dir, load, load_directory
from torchwhy.translator import embedding, encoders
from torchwhy.translator.encoders import OnnxEncoder, SentenceTransformerEncoder, load_encoder


def test_the_shipped_example_matrix_is_this_knowledge_bases() -> None:
    name = embedding.matrix_name(load(), embedding.model_location())
    shipped = sorted(p.name for p in embedding.SHIPPED.glob("examples-*.npy"))
    assert shipped == sorted([name, embedding.owners_name(name)]), (
        "the knowledge base changed: rebuild the shipped matrix with `make embeddings`"
    )


def test_the_bundled_model_runs_on_its_shipped_graph_with_nothing_exported(tmp_path) -> None:
    location = embedding.model_location()
    shipped = sorted(p.name for p in encoders.GRAPHS.glob("model-*.onnx"))
    assert shipped == [f"model-{encoders.model_digest(location)}.onnx"], (
        "the bundled model changed: ship its graph with `make model-graph`"
    )
    # The weights stay in the model's own file: the graph alone is small.
    assert (encoders.GRAPHS / shipped[0]).stat().st_size < 1_000_000
    encoder = load_encoder(location, tmp_path)
    assert isinstance(encoder, OnnxEncoder)
    assert encoder.encode(["CUDA out of memory"]).shape == (1, 384)
    assert list(tmp_path.iterdir()) == []  # no export into the cache


@pytest.mark.slow
def test_another_model_is_exported_once_and_answers_as_the_shipped_graph(
    tmp_path, monkeypatch
) -> None:
    location = embedding.model_location()
    texts = ["expected target dtype to be <name> but got <name>", "CUDA out of memory"]
    shipped = load_encoder(location, tmp_path / "unused").encode(texts)
    monkeypatch.setattr(encoders, "GRAPHS", tmp_path / "no graphs")  # as for any other model
    exported = load_encoder(location, tmp_path / "cache")
    assert isinstance(exported, OnnxEncoder)
    assert [p.suffix for p in (tmp_path / "cache").iterdir()] == [".onnx"]
    assert (exported.encode(texts) * shipped).sum(axis=1).min() > 0.99999


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


def test_an_embedding_answer_opens_only_the_entries_near_the_message() -> None:
    # A fresh copy of the bundled knowledge base, read from its compiled cache: no entry
    # is unpickled until a stage touches it.
    entries = load_directory(entries_dir())
    candidates = embedding.match_embedding(entries, "the target dtype must be long not float", 0)
    assert candidates[0].entry.category == "dtype/target-not-long"
    opened = sum(entry is not None for entry in entries._entries)
    assert 0 < opened <= 4 * 10 < len(entries)  # the 40 nearest rows at most


def test_a_knowledge_base_built_in_memory_gets_its_own_matrix_once(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TORCHWHY_CACHE_DIR", str(tmp_path))
    bundled = load()
    entries = (by_id("cross-entropy-target-float", bundled), by_id("cuda-out-of-memory", bundled))
    assert None not in entries
    name = embedding.matrix_name(entries, embedding.model_location())
    assert name != embedding.matrix_name(load(), embedding.model_location())
    hits = embedding.match_embedding(entries, "CUDA out of memory. Tried to allocate 2 GiB", 0)
    assert hits[0].entry.id == "cuda-out-of-memory"
    assert sorted(p.name for p in tmp_path.glob("examples-*.npy")) == sorted(
        [name, embedding.owners_name(name)]
    )
    # A damaged owners file is not trusted: the matrix is computed again.
    (tmp_path / embedding.owners_name(name)).write_bytes(b"not an array")
    embedding._example_matrix.cache_clear()
    again = embedding.match_embedding(entries, "CUDA out of memory. Tried to allocate 2 GiB", 0)
    assert again[0].entry.id == "cuda-out-of-memory"
