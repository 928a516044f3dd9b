"""Where an error was raised: the component whose frames are innermost says which readings fit.

A traceback whose innermost library frames lie in `torch/utils/data/` was raised by the
DataLoader, in `torch/onnx/` by the exporter, in `torch/nn/modules/module.py`'s `__getattr__`
called from a library's own layer code by an object that lacks an attribute its own code
expects (a module pickled by another version). `PLACES` is that knowledge as data: each row
names a place by its path (and optionally its function, its caller's path and the exception
types) and the categories an error raised there supports. A row with a `reading` also gives
that knowledge-base entry as a possible reading when the message itself matches no rule.

Only support is drawn from a place, never a veto: a user's `__getitem__` called by the
DataLoader can raise any error of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from torchwhy.translator.evidence import ECOSYSTEM_PACKAGES
from torchwhy.translator.normalize import Frame, ParsedException

_ECOSYSTEM = "(?:" + "|".join(ECOSYSTEM_PACKAGES) + ")/"
# A package of the ecosystem other than torch itself (a library built on it).
_BUILT_ON_TORCH = "(?:" + "|".join(p for p in ECOSYSTEM_PACKAGES if p != "torch") + ")/"


@dataclass(frozen=True)
class Place:
    """A place errors are raised from, and the categories an error raised there supports."""

    where: str | None  # regex searched in a library frame's path, written with `/`
    categories: tuple[str, ...]
    # Or instead of a frame: a regex the exception's qualified type must match from its start
    # (`torch._inductor.exc.LoweringException` was raised by Inductor, whatever the frames).
    raised_as: str | None = None
    function: str | None = None  # regex the frame's function must match in full
    caller: str | None = None  # regex searched in the path of the frame that called it
    exceptions: tuple[str, ...] = ()  # only errors of these types
    unless: str | None = None  # not when the message matches this regex
    reading: str | None = None  # the entry read from the place alone, when no rule matches
    # The entry read from a traceback cut short at this place (its exception line never pasted):
    # a possible reading by where it stopped, only when nothing else reads the paste.
    cut_reading: str | None = None


PLACES: tuple[Place, ...] = (
    # An import that fails inside a library's own module code: the installed packages do not
    # fit together (a name moved or was removed between versions). A circular import is a
    # file of the user's shadowing a package instead.
    Place(
        _ECOSYSTEM,
        ("environment/version-mismatch",),
        function="<module>",
        exceptions=("ImportError", "AttributeError"),
        unless=r"partially initialized|circular import",
        reading="library-import-fails-between-versions",
    ),
    # A layer's own code reads an attribute its object lacks: the object was built (pickled,
    # or constructed by a library) by another version of that code.
    Place(
        r"torch/nn/modules/module\.py$",
        ("environment/version-mismatch",),
        function="__getattr__",
        caller=r"torch/nn/modules/(?!module\.py)|/" + _BUILT_ON_TORCH,
        exceptions=("AttributeError",),
        reading="module-attribute-from-another-version",
    ),
    # Exceptions whose type names the component that raised them.
    Place(
        None,
        ("compile/graph-break",),
        raised_as=r"torch\._inductor\.",
        reading="compile-backend-failed",
    ),
    Place(None, ("compile/graph-break",), raised_as=r"torch\.(?:_dynamo|_export|export|fx|jit)\."),
    Place(None, ("export/onnx",), raised_as=r"torch\.onnx\.|onnxruntime\.|onnx\."),
    Place(
        None,
        ("distributed/process-group",),
        raised_as=r"torch\.distributed\.elastic\.rendezvous\.",
        reading="dist-rendezvous-timeout",
    ),
    Place(None, ("distributed/process-group",), raised_as=r"torch\.distributed\."),
    Place(None, ("checkpoint/unpickling",), raised_as=r"_pickle\.|pickle\.|safetensors"),
    Place(
        None,
        ("trainer/api-misuse", "environment/version-mismatch"),
        raised_as=r"(?:pytorch_)?lightning\.|lightning_fabric\.",
    ),
    # The DataLoader's wait for a worker's batch: what fails there is a worker that died.
    Place(
        r"torch/utils/data/dataloader\.py$",
        ("data/worker-failure",),
        function="_try_get_data",
        cut_reading="dataloader-worker-killed",
    ),
    Place(
        r"torch/utils/data/",
        (
            "data/worker-failure",
            "data/bad-sample-type",
            "data/empty-dataset",
            "data/sample-load-failed",
            "shape/collate-unequal",
            "memory/host-out-of-memory",
        ),
    ),
    Place(r"torch/onnx/|onnxscript/|onnxruntime/", ("export/onnx",), reading="onnx-export-failed"),
    Place(
        r"torch/(?:_dynamo|_inductor|_functorch|fx|_export|export)/",
        ("compile/graph-break",),
        cut_reading="dynamo-internal-error",
    ),
    Place(r"torch/jit/", ("compile/graph-break",)),
    Place(
        r"torch/distributed/|torch/nn/parallel/distributed\.py|torch/multiprocessing/",
        ("distributed/process-group",),
    ),
    Place(
        r"torch/serialization\.py|safetensors/",
        ("checkpoint/unpickling",),
        cut_reading="torch-load-not-a-checkpoint",
    ),
    # pickle itself failing inside torch.load: the file is not (or no longer) a checkpoint
    Place(
        r"torch/serialization\.py",
        ("checkpoint/unpickling",),
        exceptions=("UnpicklingError",),
        reading="torch-load-not-a-checkpoint",
    ),
    Place(
        r"torch/nn/modules/module\.py$",
        ("checkpoint/key-mismatch", "checkpoint/size-mismatch"),
        function="load_state_dict|_load_from_state_dict",
    ),
    Place(r"torch/optim/", ("optim/state-mismatch",), function="load_state_dict|__init__"),
    Place(
        r"torch/cuda/__init__\.py|torch/cuda/random\.py",
        ("device/cuda-unavailable", "cuda/toolkit-incompatible"),
        # a traceback cut inside CUDA's lazy initialisation: the usual failure there
        cut_reading="cuda-no-nvidia-driver",
    ),
    Place(r"torch/(?:ao/)?quantization/|torch/ao/nn/quantized/", ("quantization/unsupported",)),
    Place(r"torch/(?:cuda/)?amp/", ("dtype/autocast-mismatch",)),
    Place(r"torch/mps/|torch/backends/mps/", ("backend/mps",)),
    Place(
        r"torch/nn/modules/conv\.py",
        ("shape/conv-channels", "shape/missing-batch-dim", "shape/input-too-small"),
    ),
    Place(
        r"torch/nn/modules/batchnorm\.py", ("shape/conv-channels", "shape/batchnorm-single-sample")
    ),
    Place(r"torch/nn/modules/linear\.py", ("shape/matmul-mismatch",)),
    Place(
        r"torch/nn/modules/loss\.py",
        (
            "dtype/target-not-long",
            "dtype/target-not-float",
            "shape/target-shape",
            "shape/batch-size-mismatch",
            "index/class-out-of-range",
            "value/loss-input-range",
        ),
    ),
    Place(
        r"torch/nn/modules/sparse\.py", ("index/embedding-out-of-range", "dtype/index-not-integer")
    ),
    # A TypeError or AttributeError inside torchvision's transforms' own code (`w, h = img.size`
    # on a tensor, `img.convert`): an input of a type the transform does not take.
    Place(
        r"torchvision/transforms(?:/|\.py$)",
        ("data/transform-input-type",),
        exceptions=("TypeError", "AttributeError"),
        reading="pil-transform-on-tensor",
    ),
    Place(
        r"torchvision/transforms(?:/|\.py$)|torchaudio/transforms/", ("data/transform-input-type",)
    ),
    Place(
        r"transformers/tokenization_",
        ("hf/tokenizer-padding",),
        cut_reading="hf-tokenizer-no-pad-token",
    ),
    Place(r"transformers/models/[^/]+/modeling_", ("hf/sequence-too-long",)),
    Place(
        r"(?:pytorch_)?lightning/(?:pytorch/)?trainer/|transformers/trainer\.py",
        ("trainer/api-misuse",),
    ),
)


# A package's setup.py, or its sources unpacked by pip to be built: installing it, not running it.
_BUILD_SCRIPT = re.compile(r"/setup\.py$|/pip-(?:build|install|req-build)[^/]*/")


@lru_cache(maxsize=64)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _path(frame: Frame) -> str:
    return frame.file.replace("\\", "/")


def _library_frames(frames: list[Frame]) -> list[tuple[Frame, Frame | None]]:
    """The innermost run of library frames, innermost first, each with the frame that called
    it: the component that raised. A traceback ending in the user's own code has none."""
    ecosystem = _compiled("/" + _ECOSYSTEM)
    found: list[tuple[Frame, Frame | None]] = []
    for position in range(len(frames) - 1, -1, -1):
        frame = frames[position]
        if not ecosystem.search(_path(frame)) or _BUILD_SCRIPT.search(_path(frame)):
            break
        found.append((frame, frames[position - 1] if position else None))
    return found


def _fits_error(place: Place, exc: ParsedException) -> bool:
    if place.exceptions and exc.type not in place.exceptions:
        return False
    return not (place.unless and _compiled(place.unless).search(exc.message))


def _fits(place: Place, frame: Frame, caller: Frame | None, exc: ParsedException) -> bool:
    if place.where is None or not _fits_error(place, exc):
        return False
    if not _compiled(place.where).search(_path(frame)):
        return False
    if place.function and not _compiled(place.function).fullmatch(frame.function or ""):
        return False
    return not place.caller or (
        caller is not None and bool(_compiled(place.caller).search(_path(caller)))
    )


def places_of(exc: ParsedException) -> list[Place]:
    """The places of `PLACES` the exception was raised from: by its type, then by its frames,
    innermost first."""
    found = [
        p
        for p in PLACES
        if p.raised_as
        and _compiled(p.raised_as).match(exc.qualified_type or "")
        and _fits_error(p, exc)
    ]
    for frame, caller in _library_frames(exc.frames):
        found += [p for p in PLACES if p not in found and _fits(p, frame, caller, exc)]
    return found


def supported_categories(exc: ParsedException) -> frozenset[str]:
    return frozenset(category for place in places_of(exc) for category in place.categories)


# A child process started with "spawn" (the default on Windows and macOS) first re-runs the
# parent's main module (multiprocessing/spawn.py's `_fixup_main_from_path`). A traceback cut
# short there is that re-run failing: in PyTorch code, DataLoader workers started by a script
# with no `if __name__ == "__main__":` guard. Python's own frames, so not a Place (places are
# the ecosystem's frames).
SPAWNED_MAIN_READING = "dataloader-spawn-no-main-guard"


def cut_in_spawned_main(exc: ParsedException) -> bool:
    """A traceback cut short while a spawned child re-ran the main module."""
    return exc.cut and any(
        frame.function == "_fixup_main_from_path"
        and _path(frame).endswith("multiprocessing/spawn.py")
        for frame in exc.frames
    )
