"""Sentence encoders for the embedding stage: texts in, unit vectors out.

Measured side by side with the same all-MiniLM-L6-v2 (bench/embedding_runtimes.py): the
network exported to ONNX and run by onnxruntime gives sentence-transformers' answers on
every real-world message, in ~0.4 s cold and ~0.1 GB, where sentence-transformers on torch
costs ~5 s and ~0.8 GB to load (it imports torch, transformers, sklearn and scipy). So a
local sentence-transformers model made of a transformer, mean pooling and normalisation
(the bundled one; most MiniLM/MPNet-style models) runs on onnxruntime; any other model
(another pooling, extra layers) runs on sentence-transformers itself.

The bundled model's graph ships with the package (`onnx_graph/`, ~160 KB): torch.onnx's
export of it with every weight left where the model package keeps it, as ONNX external data
(file, offset, length) in the model's own `model.safetensors`, which onnxruntime reads in
place. So the first run ever answers as fast as any later one, with no export and no second
copy of the weights. Any other mean-pooling model is exported once (torch.onnx, offline; ~6 s,
most of it importing transformers) into the cache directory, named by the model's files, and
reused by every later process.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import struct
import tempfile
from pathlib import Path
from typing import Any, Protocol

MEAN_POOLING_MODULES = [
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
]
BATCH = 32  # padding to the batch's longest text: small batches keep memory flat
GRAPHS = Path(__file__).with_name("onnx_graph")
WEIGHTS = "model.safetensors"
# onnxruntime's session option naming the folder of a graph's external data (>= 1.18), for a
# graph read from bytes.
EXTERNAL_DATA_FOLDER = "session.model_external_initializers_file_folder_path"


class EmbeddingUnavailable(RuntimeError):
    """No runtime or no model to embed with here."""


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> Any:
        """L2-normalised float32 vectors, one row per text."""
        ...


def _normalised(vectors: Any) -> Any:
    import numpy as np

    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def _mean_pooling_model(folder: Path) -> bool:
    """A sentence-transformers folder whose pipeline is transformer → mean → normalise."""
    try:
        modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    kinds = [module.get("type") for module in modules]
    flags = [key for key, value in pooling.items() if key.startswith("pooling_mode") and value]
    return (
        kinds == MEAN_POOLING_MODULES
        and flags == ["pooling_mode_mean_tokens"]
        and (folder / "tokenizer.json").is_file()
    )


def _max_length(folder: Path) -> int:
    try:
        config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        return int(config.get("max_seq_length") or 256)
    except (OSError, ValueError):
        return 256


def model_digest(location: str) -> str:
    """Names a local model by its files' names and sizes: cheap, the same on every install
    of the same model (so a shipped example matrix is found), new for other weights."""
    folder = Path(location)
    sha = hashlib.sha256()
    if not folder.is_dir():
        sha.update(location.encode())
        return sha.hexdigest()[:16]
    for path in sorted(
        p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts
    ):
        sha.update(f"{path.relative_to(folder).as_posix()} {path.stat().st_size}\n".encode())
    return sha.hexdigest()[:16]


class OnnxEncoder:
    """The transformer on onnxruntime, then mean pooling over the attention mask, then
    normalisation: what the model's own modules.json prescribes."""

    def __init__(self, folder: Path, onnx_file: Path, *, weights_in: Path | None = None) -> None:
        """`weights_in`: the folder holding the external data of a graph shipped without its
        weights (`ship_graph`); None for a whole exported model."""
        import onnxruntime
        from tokenizers import Tokenizer

        graph: str | bytes = str(onnx_file) if weights_in is None else onnx_file.read_bytes()

        def session(threads: int, *, optimise: bool = True) -> Any:
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            if not optimise:
                # For one short query, optimising the graph (~100 ms) costs more than it
                # saves; it ranks the same example first for all 554 real-world messages.
                options.graph_optimization_level = (
                    onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
                )
            if weights_in is not None:
                options.add_session_config_entry(EXTERNAL_DATA_FOLDER, str(weights_in))
            return onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

        # One query on one thread: on a loaded machine more threads only wait for each other.
        self._single = session(1, optimise=False)
        self._session_for_batches = session
        self._batches: Any = None
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(_max_length(folder))
        self._tokenizer.enable_padding()

    def _run(self, session: Any, texts: list[str]) -> Any:
        import numpy as np

        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        (hidden,) = session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )
        pooled = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(1, keepdims=True), 1)
        return _normalised(pooled)

    def encode(self, texts: list[str]) -> Any:
        import numpy as np

        if len(texts) == 1:
            return self._run(self._single, texts)
        if self._batches is None:
            self._batches = self._session_for_batches(0)  # 0: onnxruntime's default threads
        return np.concatenate(
            [self._run(self._batches, texts[i : i + BATCH]) for i in range(0, len(texts), BATCH)]
        )


class SentenceTransformerEncoder:
    """Any other local sentence-transformers model, on torch."""

    def __init__(self, location: str) -> None:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise EmbeddingUnavailable("sentence-transformers is not installed") from error
        _quiet_model_loading()
        self._model = SentenceTransformer(location, device="cpu", local_files_only=True)

    def encode(self, texts: list[str]) -> Any:
        import torch

        threads = torch.get_num_threads()
        if len(texts) == 1:
            torch.set_num_threads(1)  # one query on one thread, as above
        try:
            return self._model.encode(texts, normalize_embeddings=True, convert_to_numpy=True)
        finally:
            torch.set_num_threads(threads)


def _quiet_model_loading() -> None:
    """No progress bars in the middle of an explanation."""
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
    except ImportError:
        pass


def export_onnx(folder: Path, target: Path) -> None:
    """Export the model's transformer to ONNX (once per model; torch and transformers are
    imported only here). Written to a temporary file and renamed: concurrent first runs
    never see half a file."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    _quiet_model_loading()
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()

    class _HiddenStates(torch.nn.Module):
        """The transformer's last hidden state: the one output the encoder pools."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    sample = tokenizer(["an example sentence"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        with torch.no_grad(), contextlib.redirect_stdout(io.StringIO()), _no_warnings():
            torch.onnx.export(
                _HiddenStates().eval(),
                tuple(sample[name] for name in names),
                str(partial),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={
                    name: {0: "batch", 1: "tokens"} for name in [*names, "last_hidden_state"]
                },
                opset_version=17,
                dynamo=False,
                # Parameters stay initializers under their own names, unchanged (no transpose
                # folded in), so a shipped graph can point at them in the weights file;
                # onnxruntime folds the same constants when it loads the graph.
                do_constant_folding=False,
            )
        os.replace(partial, target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()


@contextlib.contextmanager
def _no_warnings() -> Any:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def load_encoder(location: str, cache: Path) -> Encoder:
    """The fastest encoder that gives `location`'s own answers."""
    folder = Path(location)
    if folder.is_dir() and _mean_pooling_model(folder):
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            pass
        else:
            digest = model_digest(location)
            shipped = GRAPHS / f"model-{digest}.onnx"
            if shipped.is_file():
                try:
                    return OnnxEncoder(folder, shipped, weights_in=folder)
                except Exception:  # an onnxruntime without external-data folders: export
                    pass
            onnx_file = cache / f"model-{digest}.onnx"
            try:
                if not onnx_file.is_file():
                    export_onnx(folder, onnx_file)
                return OnnxEncoder(folder, onnx_file)
            except Exception:  # no exporter, a read-only cache: the torch path still answers
                pass
    try:
        return SentenceTransformerEncoder(location)
    except EmbeddingUnavailable:
        raise
    except Exception as error:  # a missing or corrupt model must not crash explain()
        raise EmbeddingUnavailable(f"cannot load embedding model {location!r}: {error}") from error


def _tensor_spans(weights: Path) -> dict[str, tuple[int, int]]:
    """Each tensor's byte span in a safetensors file: an 8-byte header length, a JSON header
    of offsets relative to the data that follows it."""
    with weights.open("rb") as file:
        (length,) = struct.unpack("<Q", file.read(8))
        header = json.loads(file.read(length))
    start = 8 + length
    return {
        name: (start + info["data_offsets"][0], start + info["data_offsets"][1])
        for name, info in header.items()
        if name != "__metadata__"
    }


def ship_graph(location: str) -> Path:
    """Export the model's graph into the package with its weights left in the model's
    `model.safetensors` (ONNX external data); drop older graphs. Run after the bundled model
    changes: `python -m torchwhy.translator.encoders` (needs the `onnx` package)."""
    import onnx

    folder = Path(location)
    weights = (folder / WEIGHTS).read_bytes()
    spans = _tensor_spans(folder / WEIGHTS)
    with tempfile.TemporaryDirectory() as scratch:
        exported = Path(scratch) / "model.onnx"
        export_onnx(folder, exported)
        model = onnx.load(str(exported))
    for initializer in model.graph.initializer:
        # The exporter names each parameter by its path under the wrapper's `model`.
        span = spans.get(initializer.name.removeprefix("model."))
        if span is None or weights[span[0] : span[1]] != initializer.raw_data:
            continue  # not stored as is in the weights file: stays inside the graph
        initializer.ClearField("raw_data")
        initializer.data_location = onnx.TensorProto.EXTERNAL
        for key, value in (
            ("location", WEIGHTS),
            ("offset", span[0]),
            ("length", span[1] - span[0]),
        ):
            initializer.external_data.add(key=key, value=str(value))
    GRAPHS.mkdir(exist_ok=True)
    for old in GRAPHS.glob("model-*.onnx"):
        old.unlink()
    target = GRAPHS / f"model-{model_digest(location)}.onnx"
    onnx.save(model, str(target))
    return target


if __name__ == "__main__":
    import sys

    from torchwhy.translator.embedding import MODEL_ENV, model_location

    os.environ.pop(MODEL_ENV, None)  # the bundled model, the one a graph ships for
    sys.stdout.write(f"{ship_graph(model_location())}\n")
