"""The embedding stage's runtime, chosen by measuring side by side with the same MiniLM model.

    python bench/embedding_runtimes.py [--onnx PATH] [--static PATH]

Runtimes: sentence-transformers on torch (the reference), the same network exported to
ONNX and run by onnxruntime, and a static model2vec distillation of it. For each, in a cold
process with one thread: the CPU time and memory of loading it and embedding one message,
and of embedding every knowledge-base example (what a first run without the shipped matrix
pays). Then the answers: for every real-world case message, the entry the stage ranks first
and whether it clears the similarity threshold, compared with the reference.

The ONNX file and the model2vec folder are built from the local model, offline:
  ONNX:     torch.onnx.export of the transformers model (dynamo=False), 90 MB
  shipped graph: the same export with its weights left in the model's model.safetensors
            (torchwhy/translator/onnx_graph/, what torchwhy runs for the bundled model)
  model2vec: model2vec.distill.distill(model_name=<local path>, pca_dims=256), 15 MB
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PROBE = r"""
import json, os, sys, time
os.environ.update(OMP_NUM_THREADS="1", TOKENIZERS_PARALLELISM="false")
runtime, where, model_path = sys.argv[1], sys.argv[2], sys.argv[3]
texts = json.loads(sys.stdin.read())
start = time.process_time()
import numpy as np
if runtime == "sentence-transformers (torch)":
    import torch
    torch.set_num_threads(1)
    from sentence_transformers import SentenceTransformer
    model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
    encode = lambda batch: model.encode(batch, normalize_embeddings=True)
elif runtime.startswith("onnxruntime"):
    import onnxruntime
    from tokenizers import Tokenizer
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    graph = where
    if "shipped graph" in runtime:  # the weights, read in place from the model's folder
        options.add_session_config_entry(
            "session.model_external_initializers_file_folder_path", model_path
        )
        graph = open(where, "rb").read()
    session = onnxruntime.InferenceSession(graph, options, providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(os.path.join(model_path, "tokenizer.json"))
    tokenizer.enable_truncation(256)
    tokenizer.enable_padding()
    def encode(texts):
        if len(texts) > 32:  # padded to the longest text: small batches keep memory flat
            return np.concatenate([encode(texts[i : i + 32]) for i in range(0, len(texts), 32)])
        encoded = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        (hidden,) = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
        pooled = (hidden * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
else:
    from model2vec import StaticModel
    model = StaticModel.from_pretrained(where)
    def encode(batch):
        vectors = model.encode(batch)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
encode(["warm the first call"])
loaded = time.process_time() - start
query_start = time.process_time()
encode([texts["queries"][0]])
one = time.process_time() - query_start
examples_start = time.process_time()
examples = encode(texts["examples"])
all_examples = time.process_time() - examples_start
queries = encode(texts["queries"])
import resource
print(json.dumps({
    "load+first": loaded, "one query": one, "all examples": all_examples,
    "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "similarities": (queries @ examples.T).tolist(),
}))
"""


def corpus() -> tuple[list[str], list[str], list[object]]:
    from tests.realworld import load_cases, load_heldout, load_round3
    from torchwhy.knowledge_base import load
    from torchwhy.translator.example_texts import example_texts
    from torchwhy.translator.masking import informative, mask
    from torchwhy.translator.normalize import parse

    entries = load()
    examples, positions = example_texts(entries)
    owners = [entries[position] for position in positions]
    queries = []
    for case in [*load_cases(), *load_heldout(), *load_round3()]:
        parsed = parse(case.text)
        message = parsed.exceptions[0].message if parsed.exceptions else case.text
        if informative(mask(message)):
            queries.append(mask(message))
    return examples, queries, owners


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--onnx", default="/tmp/onnx/model.onnx")
    parser.add_argument("--static", default="/tmp/m2v/minilm-m2v")
    args = parser.parse_args()
    from torchwhy.translator.embedding import MIN_SIMILARITY, model_location
    from torchwhy.translator.encoders import GRAPHS, model_digest

    examples, queries, owners = corpus()
    model = model_location()
    runtimes = {
        "sentence-transformers (torch)": model,
        "onnxruntime (same network)": args.onnx,
        "onnxruntime (shipped graph)": str(GRAPHS / f"model-{model_digest(model)}.onnx"),
        "model2vec (static distillation)": args.static,
    }
    results = {}
    for name, where in runtimes.items():
        if not Path(where).exists():
            print(f"{name}: {where} missing, skipped")
            continue
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", PROBE, name, where, model],
            input=json.dumps({"examples": examples, "queries": queries}),
            capture_output=True,
            text=True,
        )
        if done.returncode:
            print(f"{name}: failed: {done.stderr[-500:]}")
            continue
        results[name] = json.loads(done.stdout)
        results[name]["wall"] = time.perf_counter() - started

    def answers(similarities: list[list[float]]) -> list[str | None]:
        found = []
        for row in similarities:
            best = max(range(len(row)), key=row.__getitem__)
            found.append(owners[best].id if row[best] >= MIN_SIMILARITY else None)
        return found

    reference = answers(results["sentence-transformers (torch)"]["similarities"])
    print(f"{len(queries)} real-world messages, {len(examples)} example texts, one thread")
    print(
        f"  {'runtime':<34} {'load+1st':>9} {'1 query':>9} {'examples':>9} {'RSS':>8}"
        "  same answer as torch"
    )
    for name, result in results.items():
        found = answers(result["similarities"])
        same = sum(a == b for a, b in zip(found, reference, strict=True))
        print(
            f"  {name:<34} {result['load+first'] * 1000:7.0f}ms {result['one query'] * 1000:7.1f}ms"
            f" {result['all examples'] * 1000:7.0f}ms {result['rss_mib']:6.0f}MiB"
            f"  {same}/{len(found)} ({same / len(found):.0%})"
        )


if __name__ == "__main__":
    main()
