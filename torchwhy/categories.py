"""The root-cause category ids: the public contract of torchwhy's JSON output.

Copied from the project's shared categories.md. Ids are stable: never rename one;
add new ones at the end of a section.
"""

from __future__ import annotations

UNKNOWN = "unknown"

# id -> what belongs there (one line, for `torchwhy kb list` and the drill).
CATEGORIES: dict[str, str] = {
    "dtype/target-not-long": (
        "class-index targets (CrossEntropyLoss, NLLLoss, nll/cross_entropy) given float/int32/one-hot instead of int64"
    ),
    "dtype/target-not-float": (
        "BCE/BCEWithLogits/MSE/L1/SmoothL1 targets given int64 or float64 instead of the input's float dtype"
    ),
    "dtype/input-weight-mismatch": (
        "inputs of one floating dtype (float64 from numpy, half) hitting weights of another (float32); mat1/mat2 dtype mismatch"
    ),
    "dtype/index-not-integer": (
        "indices for Embedding, gather, scatter, index_select, advanced indexing given float tensors"
    ),
    "dtype/autocast-mismatch": (
        "half/bfloat16 vs float inside or around torch.autocast / GradScaler misuse (e.g. unscale of fp16 grads)"
    ),
    "dtype/integer-requires-grad": (
        "requires_grad on integer/bool tensors; integer tensors where a floating result is needed (e.g. mean on Long)"
    ),
    "dtype/mask-not-bool": (
        "masks for masked_fill / masked_scatter / masked_select / where given float or integer tensors instead of bool"
    ),
    "shape/matmul-mismatch": (
        "mat1 and mat2 shapes cannot be multiplied; Linear in_features wrong after flatten/view; mm/bmm/matmul inner dims"
    ),
    "shape/conv-channels": (
        "conv/batchnorm channel count mismatch, including channels-last (NHWC) images fed to NCHW layers"
    ),
    "shape/missing-batch-dim": (
        "wrong rank: 3D given to a 4D-input layer (unbatched image), 1D to Linear/LSTM, extra dims"
    ),
    "shape/broadcast-mismatch": (
        "elementwise ops whose sizes differ at a non-singleton dimension (incl. attention/positional sizes)"
    ),
    "shape/invalid-view": "view/reshape to an impossible size; view on a non-contiguous tensor",
    "shape/target-shape": (
        "loss input/target shapes disagree in rank: (B,1) vs (B,), multi-target not supported, 0D/1D target expected; BCE/MSE target size differs from input size (incl. the silent-broadcast UserWarning)"
    ),
    "shape/batch-size-mismatch": (
        "input and target disagree in batch size (Expected input batch_size (X) to match target batch_size (Y))"
    ),
    "shape/collate-unequal": (
        "DataLoader default collate / torch.stack / torch.cat of samples of different sizes"
    ),
    "shape/input-too-small": (
        "kernel/pooling larger than the (padded) input; output size would be 0 or negative"
    ),
    "shape/batchnorm-single-sample": (
        "batch of one (or one value per channel) in train mode: Expected more than 1 value per channel when training"
    ),
    "shape/concat-mismatch": (
        "torch.cat / torch.stack of tensors whose sizes differ outside the joined dimension, in a model's forward or user code (not the DataLoader's collate of samples)"
    ),
    "device/tensor-mismatch": (
        "tensors on different devices in one op: model on GPU and data on CPU, labels left on CPU, new tensors created inside forward on CPU"
    ),
    "device/numpy-on-accelerator": ".numpy() / np.array on a CUDA or MPS tensor",
    "device/cuda-unavailable": (
        "CUDA requested but unavailable: not compiled with CUDA, no driver, loading a CUDA checkpoint without map_location"
    ),
    "cuda/device-side-assert": (
        "device-side assert triggered, illegal memory access and similar asynchronous CUDA errors whose real cause is elsewhere"
    ),
    "cuda/out-of-memory": "CUDA/MPS out of memory, allocator failures",
    "cuda/toolkit-incompatible": (
        "the installed CUDA build cannot run on this GPU or driver: no kernel image is available, sm_XX not compatible with this PyTorch, driver too old"
    ),
    "cuda/library-status": (
        "cuDNN / cuBLAS / cuFFT / cuSOLVER status errors (CUDNN_STATUS_*, CUBLAS_STATUS_*): often out of memory, an earlier asynchronous error or a broken install in disguise"
    ),
    "index/class-out-of-range": (
        "a target class index >= number of classes or < 0 (Target N is out of bounds; t >= 0 && t < n_classes)"
    ),
    "index/embedding-out-of-range": (
        "an index >= num_embeddings (index out of range in self): vocabulary/tokenizer mismatch, unresized embeddings"
    ),
    "index/out-of-bounds": (
        "other index errors: index N is out of bounds for dimension D, gather/scatter index out of range"
    ),
    "autograd/no-grad-fn": (
        "backward on something with no graph: does not require grad / does not have a grad_fn (no_grad, detach, .item, frozen params, requires_grad False)"
    ),
    "autograd/backward-twice": (
        "Trying to backward through the graph a second time; RNN hidden state not detached across batches"
    ),
    "autograd/inplace-modified": (
        "a tensor needed for gradient computation was modified by an in-place operation"
    ),
    "autograd/leaf-inplace": (
        "in-place op on a leaf that requires grad; assigning into a parameter's data outside no_grad"
    ),
    "autograd/nonscalar-backward": "grad can be implicitly created only for scalar outputs",
    "autograd/numpy-requires-grad": ".numpy() on a tensor that requires grad",
    "value/multi-element-scalar": ".item()/float()/int() on a tensor with more than one element",
    "value/ambiguous-bool": (
        "Boolean value of Tensor with more than one value is ambiguous (if tensor:, and/or, assert on tensors)"
    ),
    "value/loss-input-range": (
        "BCELoss input outside [0,1] (missing sigmoid), log of non-positive, NaN/inf produced"
    ),
    "checkpoint/key-mismatch": (
        "load_state_dict missing/unexpected keys, incl. the 'module.' prefix of DataParallel/DDP and compiled '_orig_mod.'"
    ),
    "checkpoint/size-mismatch": (
        "load_state_dict size mismatch for a parameter (changed num_classes, vocab size, architecture)"
    ),
    "checkpoint/unpickling": (
        "torch.load failures: weights_only restrictions, pickled classes not importable, corrupted or non-checkpoint files"
    ),
    "data/worker-failure": (
        "DataLoader worker crashed or was killed (shared memory, bus error, exception inside a worker, unpicklable objects with spawn)"
    ),
    "data/bad-sample-type": (
        "default collate meets a type it cannot batch (None, PIL image without ToTensor, strings mixed with tensors)"
    ),
    "data/sample-load-failed": (
        "a Dataset's __getitem__ failed to load a sample: an image or audio reader returned None for a missing or unreadable file"
    ),
    "data/empty-dataset": (
        "an empty dataset or sampler: num_samples=0, a dataset that found no files, a split that produced nothing"
    ),
    "data/transform-input-type": (
        "torchvision/torchaudio transforms given the wrong input type or layout: pic should be PIL Image or ndarray, tensor vs PIL image, ToTensor applied twice"
    ),
    "module/forward-misuse": (
        "a Module used wrongly: forward not implemented/misspelled, module called with wrong arguments, Sequential given multiple inputs, module class not instantiated"
    ),
    "hf/tokenizer-padding": (
        "Hugging Face tokenizer without a pad token, padding/truncation needed for batching"
    ),
    "hf/sequence-too-long": (
        "sequence longer than the model's maximum positions (position embedding size mismatches)"
    ),
    "distributed/process-group": (
        "torch.distributed/DDP misuse: process group not initialised, unused parameters, NCCL/Gloo failures, rank mismatches"
    ),
    "compile/graph-break": "torch.compile / dynamo / jit failures and unsupported constructs",
    "backend/op-not-implemented": (
        "an operator with no kernel for a legitimate dtype, device or layout: Half/BFloat16 ops on the CPU, sparse tensors, Could not run 'aten::...' with arguments from the '...' backend"
    ),
    "backend/mps": (
        "Apple MPS backend limits: float64 unsupported, ops not implemented for MPS (PYTORCH_ENABLE_MPS_FALLBACK), MPS-only crashes"
    ),
    "environment/version-mismatch": (
        "installed versions that do not fit together: NumPy 2 vs modules built for NumPy 1.x, torch vs torchvision/transformers/lightning API drift, extensions built for another torch, DLL load failures"
    ),
    "export/onnx": (
        "torch.onnx.export failures: unsupported operators or opsets, dynamic control flow, the dynamo exporter's errors"
    ),
    "quantization/unsupported": (
        "quantization misuse: quantized tensors reaching float ops (missing QuantStub/DeQuantStub), ops with no quantized kernel, quantization engine problems"
    ),
    "optim/state-mismatch": (
        "optimizer or scheduler built or restored wrongly: loaded param groups that do not match, an empty parameter list, parameters created after the optimizer"
    ),
    "trainer/api-misuse": (
        "training frameworks' APIs used wrongly whatever the version: Lightning Trainer/LightningModule hooks and return values, Hugging Face Trainer/TrainingArguments"
    ),
    "data/loader-misconfigured": (
        "DataLoader or Dataset utilities given arguments that contradict each other: a sampler together with shuffle, a batch_sampler with batch_size, random_split lengths that do not add up to the dataset"
    ),
    "memory/host-out-of-memory": (
        "host (CPU) RAM exhausted: DefaultCPUAllocator can't allocate memory, the main process killed by the OOM killer (a killed DataLoader worker stays data/worker-failure)"
    ),
    "module/invalid-arguments": (
        "a layer built with sizes it cannot use together: embed_dim not divisible by num_heads, GroupNorm channels not divisible by num_groups, conv channels not divisible by groups"
    ),
    "unknown": "none of the above fits",
}


def in_category(category: str, wanted: str) -> bool:
    """Whether `category` is `wanted` or in the family it names (`dtype`, `dtype/`)."""
    family = wanted.rstrip("/")
    return category == family or category.startswith(family + "/")


def is_known_category(wanted: str) -> bool:
    """Whether `wanted` names a category or a family of them: the one rule every command
    that takes `--category` applies before looking for entries."""
    return any(in_category(category, wanted) for category in CATEGORIES)
