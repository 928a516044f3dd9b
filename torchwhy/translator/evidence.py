"""Evidence that an error belongs to PyTorch usage, before any reading is given.

A message such as `'NoneType' object has no attribute 'shape'` is Python's own wording: it says
nothing about PyTorch, and a similar-looking knowledge-base example is no reason to read it as
one. A reading needs evidence from the input itself: torch or ecosystem frames on the stack, a
torch exception type, torch's vocabulary in the message, or torch code on the failing lines.
Fuzzy and embedding matches apply only with such evidence, and never to a message that is
nothing but one of Python's generic wordings (only an entry with declared context reads those).
"""

from __future__ import annotations

import builtins
import re
from dataclasses import dataclass

from torchwhy.call_context import CallContext
from torchwhy.library_paths import is_library_file
from torchwhy.translator.normalize import ParsedError

# Packages of PyTorch and its ecosystem: a frame in one of them puts the error in PyTorch usage,
# and a name imported from one of them (`cannot import name 'X' from 'timm.models'`) is about it.
ECOSYSTEM_PACKAGES: tuple[str, ...] = (
    "torch",
    "torchvision",
    "torchaudio",
    "torchtext",
    "functorch",
    "transformers",
    "peft",
    "accelerate",
    "diffusers",
    "lightning",
    "pytorch_lightning",
    "lightning_fabric",
    "timm",
    "deepspeed",
    "mmcv",
    "mmdet",
    "mmengine",
    "mmseg",
    "detectron2",
    "torch_geometric",
    "torch_scatter",
    "torch_sparse",
    "fairseq",
    "ultralytics",
    "sentence_transformers",
    "bitsandbytes",
    "apex",
    "xformers",
    "triton",
    "onnx",
    "onnxruntime",
    "onnxscript",
    "torchmetrics",
    "ignite",
    "fastai",
    "monai",
    "kornia",
    "open_clip",
    "safetensors",
    "trl",
    "vllm",
    "flash_attn",
    "torch_xla",
    "torchrec",
    "torchdata",
    "spconv",
    "mmpretrain",
    "huggingface_hub",
    "tokenizers",
    "optimum",
    "pytorch3d",
    "torchsparse",
    "dgl",
    "e3nn",
)
_ECOSYSTEM_PATH = re.compile(r"[/\\](?:" + "|".join(ECOSYSTEM_PACKAGES) + r")[/\\]")
_TORCH_TYPE = re.compile(r"^(?:torch|torchvision|transformers|lightning|pytorch_lightning)\.")
# Words of torch's own vocabulary; a message using one talks about tensors, devices or modules.
_TORCH_WORDING = re.compile(
    r"\btensors?\b|\btorch\b|torch\.|\bcuda\b|\bcudnn\b|\bcublas\b|\bnccl\b|\bgloo\b|\bmps\b"
    r"|\bdtype\b|\bautograd\b|\bgrad(?:_fn|ient)?s?\b|\bbackward\b|\bstate_dict\b|\baten::"
    r"|\bdevice\b|\bdataloader\b|\bnn\.|\bmat[12]\b|\bbatch_size\b|\bembeddings?\b|\bchannels\b"
    r"|\bcheckpoint\b|\bdynamo\b|\binductor\b|\bonnx\b|\bjit\b|\btorchscript\b|\bquantiz"
    r"|\bscalar type\b|\bsizes? of tensors?\b|\bnon-singleton dimension\b|\bprocess group\b"
    r"|\btokenizer\b|\bpad_token\b|\bsafetensors\b|\bgpu\b|\bout of memory\b|\bDDP\b|\bFSDP\b"
    r"|\btorch(?:vision|audio|text)\b|\btorch_geometric\b",
    re.IGNORECASE,
)
# torch's C++ dtype names, as its messages print them (case matters: `float` is any language's).
_TORCH_DTYPE_WORDING = re.compile(r"\b(?:Float|Long|Half|BFloat16|Double|ComplexFloat|Byte|Bool)\b")
# torch constructs on the failing lines of the user's own code.
_TORCH_CODE = re.compile(
    r"\btorch\.|\bnn\.|\bF\.\w+\(|\.cuda\(|\.to\(|\.backward\(|\boptimi[sz]er\b|\bmodel\b"
    r"|\bcriterion\b|\bloss\b|\bDataLoader\b|\bstate_dict\b|\.forward\(|\btensor\b|\blogits\b"
)

# CPython's own generic wordings, names and values masked: such a message alone never decides
# a PyTorch reading. Kept to the wordings Python itself produces (Objects/*.c, Python/*.c).
_PYTHON_GENERIC = re.compile(
    r"^(?:"
    r"'[^']*' object has no attribute '[^']*'"
    r"|module '[^']*' has no attribute '[^']*'"
    r"|type object '[^']*' has no attribute '[^']*'"
    r"|'[^']*' object is not (?:callable|subscriptable|iterable|an iterator)"
    r"|'[^']*' object does not support (?:item assignment|indexing|the context manager protocol)"
    r"|'[^']*' object cannot be interpreted as an integer"
    r"|(?:list|tuple|string|range object) index out of range"
    r"|(?:list|tuple|string) indices must be integers(?: or slices)?(?:, not \w+)?"
    r"|string indices must be integers.*"
    r"|unhashable type: '[^']*'"
    r"|object of type '[^']*' has no len\(\)"
    r"|argument of type '[^']*' is not iterable"
    r"|can only concatenate \w+ \(not \"\w+\"\) to \w+"
    r"|unsupported operand type\(s\) for .+: '[^']*' and '[^']*'"
    r"|bad operand type for unary .+: '[^']*'"
    r"|'[<>=!]+' not supported between instances of '[^']*' and '[^']*'"
    r"|[\w.<>]+\(\) (?:got an unexpected keyword argument|got multiple values for argument) '[^']*'"
    r"|[\w.<>]+\(\) missing \d+ required (?:positional|keyword-only) arguments?: .*"
    r"|[\w.<>]+\(\) takes (?:from )?\d+ (?:to \d+ )?positional arguments? but \d+ (?:were|was) given"
    r"|[\w.<>]+\(\) takes no (?:keyword )?arguments"
    r"|expected str, bytes or os\.PathLike object, not \w+"
    r"|Object of type [\w.]+ is not JSON serializable"
    r"|too many values to unpack \(expected \d+\)"
    r"|not enough values to unpack \(expected \d+, got \d+\)"
    r"|invalid literal for int\(\) with base \d+: .*"
    r"|could not convert string to float: .*"
    r"|math domain error"
    r"|I/O operation on closed file\.?"
    r"|name '[^']*' is not defined"
    r"|(?:local variable '[^']*' referenced before assignment"
    r"|cannot access local variable '[^']*' where it is not associated with a value)"
    r"|(?:\[Errno \d+\] )?(?:No such file or directory|Permission denied|No space left on device"
    r"|Is a directory|Not a directory|File exists)(?::.*)?"
    r"|No module named '?[\w.]+'?"
    r"|cannot import name '[^']*' from .*"
    r"|(?:integer |float )?division(?: or modulo)? by zero"
    r"|maximum recursion depth exceeded.*"
    r"|Expecting (?:value|property name enclosed in double quotes|',' delimiter): line \d+ column \d+ \(char \d+\)"
    r"|'[\w-]+' codec can't (?:decode|encode) .*"
    r"|dictionary changed size during iteration"
    r"|'?-?\d+'?|'[^'\n]*'"  # a bare KeyError / IndexError key
    # Python 3.10+ suggests a near name: `... has no attribute 'x'. Did you mean: 'y'?`
    r")(?:\.? Did you mean:? '?[\w.]+'?\??)?\s*$"
)
# Exception types that only Python itself (or the OS, a parser, an installer) raises: no torch
# reading applies to them unless an entry names them.
PYTHON_ONLY_TYPES = frozenset(
    {
        "NameError",
        "UnboundLocalError",
        "SyntaxError",
        "IndentationError",
        "TabError",
        "FileNotFoundError",
        "PermissionError",
        "IsADirectoryError",
        "NotADirectoryError",
        "FileExistsError",
        "ZeroDivisionError",
        "RecursionError",
        "JSONDecodeError",
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "StopIteration",
        "ScannerError",
        "ParserError",
        "ConnectionError",
        "TimeoutError",
    }
)


# The subject of a generic wording that makes it specific: `'Tensor' object is not callable`,
# `module 'torch' has no attribute 'compile'` (an old torch).
# Anchored: it is only ever matched against one whole quoted name.
_TORCH_SUBJECT = re.compile(
    r"^(?:(?:torch|torchvision|torchaudio|torchtext|torch_geometric|transformers|lightning|pytorch_lightning)(?:\.[\w.]+)?"
    r"|[\w.]*Tensor|Parameter|Variable|(?:collections\.)?OrderedDict|DataLoader|Sequential|ModuleList"
    r"|ModuleDict|Linear|Conv[123]d|BatchNorm[123]d|LayerNorm|Embedding|LSTM|GRU|RNN"
    r"|MultiheadAttention|Dropout|ReLU|[\w.]*Tokenizer\w*|[\w.]*PreTrainedModel|Size|device|dtype"
    # Ecosystem packages: `No module named 'onnxscript'` during torch.onnx.export,
    # `cannot import name 'X' from 'timm.models'`.
    r"|(?:" + "|".join(ECOSYSTEM_PACKAGES) + r")(?:\.[\w.]+)?)$"
)
# `forward() takes 2 positional arguments but 3 were given`: a module's method named.
_CALLED = re.compile(r"^([\w.<>]+)\(\) ")
# Names that make a generic wording specific: `missing 1 required positional argument:
# 'out_features'` is about nn.Linear, `'Net' object has no attribute '_modules'` about a
# Module whose __init__ skipped super().__init__(), `forward() takes 2 positional arguments`.
_TORCH_NAMES = frozenset(
    {
        "in_features",
        "out_features",
        "in_channels",
        "out_channels",
        "kernel_size",
        "num_embeddings",
        "embedding_dim",
        "hidden_size",
        "num_features",
        "normalized_shape",
        "num_layers",
        "num_heads",
        "embed_dim",
        "d_model",
        "nhead",
        "input_ids",
        "attention_mask",
        "inputs_embeds",
        "labels",
        "pixel_values",
        "state_dict",
        "map_location",
        "weights_only",
        "num_classes",
        "optimizer",
        "lr_scheduler",
        "batch_size",
        "num_workers",
        # attributes torch's own layers gained between releases: a module pickled by an older
        # torch lacks them (`'Upsample' object has no attribute 'recompute_scale_factor'`)
        "padding_mode",
        "recompute_scale_factor",
        "approximate",
        "_non_persistent_buffers_set",
        "_is_full_backward_hook",
        "_flat_weights",
        "_flat_weights_names",
        "proj_size",
        "_qkv_same_embed_dim",
        # Lightning Trainer arguments removed in 2.0: `__init__() got an unexpected keyword
        # argument 'gpus'` is that API drift even when the class is not named
        "gpus",
        "tpu_cores",
        "auto_select_gpus",
        "resume_from_checkpoint",
        "progress_bar_refresh_rate",
        "weights_summary",
        "checkpoint_callback",
        "distributed_backend",
        "replace_sampler_ddp",
        "amp_backend",
        "track_grad_norm",
        "stochastic_weight_avg",
        "auto_lr_find",
        "auto_scale_batch_size",
        # transformers' Trainer argument moved to TrainingArguments in 4.0
        "prediction_loss_only",
    }
) | frozenset(
    # nn.Module's own methods and internals, and the hooks of the training frameworks
    [
        "forward",
        "_call_impl",
        "_wrapped_call_impl",
        "eval",
        "train",
        "parameters",
        "named_parameters",
        "state_dict",
        "load_state_dict",
        "zero_grad",
        "cuda",
        "requires_grad_",
        "_modules",
        "_parameters",
        "_buffers",
        "_backward_hooks",
        "_forward_hooks",
        "_forward_pre_hooks",
        "training_step",
        "validation_step",
        "test_step",
        "predict_step",
        "configure_optimizers",
        "collate_fn",
        "backward",
        "step",
    ]
)
_TORCH_CALLED = frozenset(
    {
        # training frameworks' constructors: `TrainingArguments.__init__() got an unexpected
        # keyword argument` is an API that changed between versions
        "TrainingArguments",
        "Seq2SeqTrainingArguments",
        "Trainer",
        "Seq2SeqTrainer",
        "forward",
        "_call_impl",
        "_wrapped_call_impl",
        # nn.Module's methods called on the class, not an instance (`missing ... 'self'`)
        "parameters",
        "named_parameters",
        "state_dict",
        "load_state_dict",
        "zero_grad",
        "named_modules",
        "training_step",
        "validation_step",
        "test_step",
        "predict_step",
        "configure_optimizers",
        "collate_fn",
    }
)
_QUOTED = re.compile(r"'([^'\n]*)'")
_MODULE_ATTRIBUTE = re.compile(r"^module '([^']*)' has no attribute ")
# Objects whose missing attribute is the script's own business, whatever the name: a None
# where a value was expected, argparse's options (`'Namespace' object has no attribute 'train'`).
_PLAIN_OBJECTS = frozenset({"NoneType", "Namespace"})
_BARE_KEY = re.compile(r"^(?:'?-?\d+'?|'[^'\n]*')\s*$")
# What an issue title or a Markdown line leaves after a quoted message: the closing bracket of
# the sentence it was quoted in, a backtick, the number (`...'__path__') #27``).
_QUOTE_LEFTOVERS = re.compile(r"[)\]}`]+\s*(?:#\d+)?[\s`]*$")
_LEFTOVERS_TAIL = 24  # searched in the line's tail only: a line can be 40k spaces long


def _without_quote_leftovers(line: str) -> str:
    tail_start = max(0, len(line) - _LEFTOVERS_TAIL)
    found = _QUOTE_LEFTOVERS.search(line, tail_start)
    return line[: found.start()].rstrip() if found else line


def is_python_generic(message: str, exception_type: str | None = None) -> bool:
    """True when the message is one of Python's generic wordings about plain objects,
    raised as one of Python's own exception types."""
    if exception_type is not None and not _is_builtin_exception(exception_type):
        return False  # torch's own types (InternalTorchDynamoError) wrap any message
    first_line = message.strip().split("\n", 1)[0].strip()
    if _PYTHON_GENERIC.match(first_line) is None:
        # Tried second: a wording that ends in a bracket of its own (`has no len()`) keeps it.
        first_line = _without_quote_leftovers(first_line)
    if not first_line or _PYTHON_GENERIC.match(first_line) is None:
        return False
    if _BARE_KEY.match(first_line):  # a KeyError's key: `'unexpected key "x" in state_dict'`
        return exception_type in ("KeyError", "IndexError") and not (
            _TORCH_WORDING.search(first_line) or _TORCH_DTYPE_WORDING.search(first_line)
        )
    quoted = _QUOTED.findall(first_line)
    if quoted and quoted[0] in _PLAIN_OBJECTS:
        return True  # a None, or the script's own argparse options: only the context tells
    module = _MODULE_ATTRIBUTE.match(first_line)
    if module:  # `module 'train' has no attribute '__path__'`: only a torch module is specific
        return not _TORCH_SUBJECT.fullmatch(module.group(1))
    if any(_TORCH_SUBJECT.fullmatch(name) or name in _TORCH_NAMES for name in quoted):
        return False
    called = _CALLED.match(first_line)  # `Linear.__init__()`, `N2.forward()`, not `train()`
    parts = called.group(1).split(".") if called else []
    return not any(_TORCH_SUBJECT.fullmatch(p) or p in _TORCH_CALLED for p in parts)


def names_only(message: str) -> bool:
    """True when the message is one of Python's generic wordings whose every name is quoted
    (`'Tensor' object has no attribute 'T'`, `type object 'Variable' has no attribute 'x'`):
    fuzzy matching masks quoted names, and what is left reads the same for every such error,
    so only the names, which the embeddings see, could tell which bug it is. A called
    function's name (`forward() missing ...`) is not quoted and survives the masking; a
    module's missing attribute reaches matching only when the module is torch's
    (is_python_generic), which is what the wording then says."""
    first_line = _without_quote_leftovers(message.strip().split("\n", 1)[0].strip())
    return (
        _PYTHON_GENERIC.match(first_line) is not None
        and _CALLED.match(first_line) is None
        and _MODULE_ATTRIBUTE.match(first_line) is None
    )


def _is_builtin_exception(name: str) -> bool:
    found = getattr(builtins, name, None)
    return isinstance(found, type) and issubclass(found, BaseException)


# Another framework's own frames, exception types and messages: an error it raised is not
# PyTorch's, however much its wording resembles torch's (PaddleNLP prints HF's tokenizer warning).
_FOREIGN_PATH = re.compile(
    r"[/\\](?:paddle|tensorflow|tensorflow_core|keras|tf_keras|jax|jaxlib|flax|optax|haiku|mxnet"
    r"|mindspore|oneflow|caffe)[/\\]"
)
_FOREIGN_TYPE = re.compile(
    r"^(?:paddle|tensorflow|tf|jax|jaxlib|flax|mxnet|mindspore|oneflow|keras|tf_keras)\."
)
_FOREIGN_WORDING = re.compile(
    r"phi::enforce::EnforceNotMet|\bpaddle\.fluid\b|\bfluid\.layers\.|\(at /paddle/"
    r"|\btensorflow\.python\.|\bjaxlib\.|\bmindspore\.|\bmxnet\.base\.MXNetError"
    # Lua Torch (torch7): its interpreter and its .lua stack, whose TH messages PyTorch 0.x shared
    r"|\bluajit\b|[/\\]share[/\\]lua[/\\]|\.lua:\d+:"
    # BVLC Caffe's C++ stack (PyTorch's own C++ namespace is caffe2::, not caffe::)
    r"|\bcaffe::"
)
# Weaker signs of another owner, each a line a PyTorch paste can also carry as noise (a
# notebook's TensorFlow start-up log, an OpenCV read failing inside a Dataset): they decide only
# where nothing PyTorch alone prints is in the messages and no Dataset's __getitem__ is on the
# stack.
_OTHER_OWNER_WORDING = re.compile(
    # TensorFlow's and XLA's C++ log lines name their own source file (`W tensorflow/stream_
    # executor/platform/default/dso_loader.cc:64] Could not load dynamic library ...`)
    r"(?<![\w/])(?:tensorflow|xla|tsl)/[\w/.-]+\.(?:cc|h):\d+\]"
    # their exception types printed bare (IPython's header, `Exception has occurred: ...`), and
    # TensorFlow's own wordings and objects
    r"|\b(?:XlaRuntimeError|ResourceExhaustedError|InvalidArgumentError|FailedPreconditionError)\b"
    r"|\bOOM when allocating tensor with shape\[|<tf\.(?:Variable|Tensor)\b"
    # a native stack inside another framework's install (`mxnet/libmxnet.so(+0x308362)`)
    r"|[/\\](?:site|dist)-packages[/\\](?:paddle|tensorflow|jaxlib|mxnet|mindspore|oneflow)[/\\]"
    r"[\w/\\.-]{0,300}?\.(?:so|dll|pyd)\b"
    # OpenCV's C++ assertions (`OpenCV(4.6.0) /io/opencv/modules/...: error: (-215:...)`)
    r"|\bOpenCV(?:\(\d[\d.]*\))? (?:Error: )?[^\n]{0,300}?\b(?:error: \(-\d+|[Aa]ssertion failed)"
    r"|^cv2\.error\b"
    # TensorFlow 2's graph errors and Keras' layer checks, TensorShape's compatibility check
    r"|\bGraph execution error:|\bDetected at node '|is incompatible with the layer: expected "
    r"(?:shape|ndim|min_ndim|axis)|^(?:ValueError: )?Shapes \([\w, ]*\) and \([\w, ]*\) are "
    r"incompatible"
    # JAX's tracer errors
    r"|\bjax\.errors\.|\b(?:ConcretizationTypeError|TracerArrayConversionError"
    r"|TracerBoolConversionError|UnexpectedTracerError)\b"
    # PaddlePaddle's enforce hints, MXNet's (dmlc) log lines: `[09:22:19] src/operator/...:224:`
    r"|\[Hint: Expected [^\]\n]{0,300}?, but received|\[\d\d:\d\d:\d\d\] (?:src|include|3rdparty)/[\w/.-]+"
    r"\.(?:cc|h|cu|cuh):\d+: "
    # a standalone CUDA program's error checks: cuda-samples' helper_cuda.h and the common
    # gpuErrchk macro (`CUDA error at main.cu:45 code=2(cudaErrorMemoryAllocation) "cudaMalloc"`)
    r"|\bCUDA error at [^\s:]+:\d+ code=\d+\(cuda\w+\)|\bGPUassert: "
    # scikit-learn's input checks
    r"|Found input variables with inconsistent numbers of samples|Expected 2D array, got 1D "
    r"array instead|instance is not fitted yet\. Call 'fit'"
    # an installer's own report (pip's resolver and wheel builds, setuptools, conda's solver):
    # the package failed to install, nothing was run
    r"|^[ \t]*(?:ERROR: )?(?:Could not find a version that satisfies the requirement|No matching "
    r"distribution found for|Cannot install [^\n]{1,300}? because these package versions have conflicting"
    r"|ResolutionImpossible|Failed building wheel for|Could not build wheels for|Command errored "
    r"out with exit status|pip's dependency resolver does not currently)"
    r"|\berror: subprocess-exited-with-error\b|Command \S*python\S* setup\.py (?:egg_info|bdist_wheel)"
    r"\S* failed with error code|\berror: invalid command 'bdist_wheel'"
    r"|Encountered error while generating package metadata"
    r"|\b(?:LibMamba)?UnsatisfiableError\b|\bPackagesNotFoundError\b|\bResolvePackageNotFound\b"
    r"|Solving environment: failed"
    # dlib's CUDA bindings, built from its own sources (`/dlib/dnn/cudnn_dlibapi.cpp`)
    r"|[/\\]dlib[/\\]\w+[/\\][\w.]+\.cpp:\d+",
    re.MULTILINE,
)
# What only PyTorch prints: beside it, another framework's log lines (TensorFlow's start-up
# messages in a notebook that also imports transformers) are noise, not the error's owner.
# (`torch` alone is Lua Torch's word too.)
_TORCH_SIGNATURE = re.compile(
    r"\baten::|\bc10::|Tried to allocate \d|CUDA_LAUNCH_BLOCKING|TORCH_USE_CUDA_DSA"
    r"|PYTORCH_CUDA_ALLOC_CONF|\bimport torch\b|\btorch\.(?:nn|cuda|utils|Size|distributed|_C"
    r"|optim|autograd)\b"
)
# Libraries that are not PyTorch's and raise their own errors: a traceback whose innermost
# library frame is one of theirs, with no frame of PyTorch's ecosystem on it, failed in that
# library (pandas importing a NumPy built for another C API, scikit-learn, pip's resolver).
_OTHER_LIBRARY_PATH = re.compile(
    r"[/\\](?:site|dist)-packages[/\\](?:pandas|sklearn|matplotlib|seaborn|statsmodels|xgboost"
    r"|lightgbm|pip|pipenv|conda|stable_baselines|dlib)[/\\]"
)

# The installers' own exception types (conda's solver), and a package's setup script run by pip
# in its temporary build folder: the package failed to install, nothing was run.
_INSTALLER_TYPES = frozenset(
    {
        "UnsatisfiableError",
        "LibMambaUnsatisfiableError",
        "PackagesNotFoundError",
        "ResolvePackageNotFound",
        "ResolutionImpossible",
    }
)
_PIP_BUILD_SETUP = re.compile(
    r"[/\\]pip-(?:build|install|req-build)-\w+[/\\](?:[\w.-]+[/\\])?setup\.py$"
)


def _installer_failed(parsed: ParsedError) -> bool:
    frames = parsed.frames
    return any(exc.type in _INSTALLER_TYPES for exc in parsed.exceptions) or bool(
        frames and _PIP_BUILD_SETUP.search(frames[-1].file)
    )


def is_foreign(parsed: ParsedError) -> bool:
    """True when another framework raised the error: its frames, types or wording are there,
    and no frame or exception type of PyTorch's ecosystem is."""
    if any(_ECOSYSTEM_PATH.search(frame.file) for frame in parsed.frames) or any(
        _TORCH_TYPE.match(exc.qualified_type or "") for exc in parsed.exceptions
    ):
        return False
    if (
        any(_FOREIGN_PATH.search(frame.file) for frame in parsed.frames)
        or any(_FOREIGN_TYPE.match(exc.qualified_type or "") for exc in parsed.exceptions)
        or any(_FOREIGN_WORDING.search(exc.message) for exc in parsed.exceptions)
    ):
        return True
    if any(_TORCH_SIGNATURE.search(exc.message) for exc in parsed.exceptions) or any(
        frame.function == "__getitem__" and not is_library_file(frame.file)
        for frame in parsed.frames
    ):
        return False
    library_frames = [frame for frame in parsed.frames if is_library_file(frame.file)]
    if _installer_failed(parsed):
        return True
    return bool(library_frames and _OTHER_LIBRARY_PATH.search(library_frames[-1].file)) or any(
        _OTHER_OWNER_WORDING.search(exc.message) for exc in parsed.exceptions
    )


@dataclass(frozen=True)
class Evidence:
    """Why the input is taken to be about PyTorch; empty when nothing says so."""

    reasons: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.reasons)


def gather(parsed: ParsedError, context: CallContext) -> Evidence:
    """What in the input ties it to PyTorch: frames, exception types, wording, code."""
    reasons: list[str] = []
    if any(_ECOSYSTEM_PATH.search(frame.file) for frame in parsed.frames):
        reasons.append("frames")
    if any(_TORCH_TYPE.match(exc.qualified_type or "") for exc in parsed.exceptions):
        reasons.append("type")
    if parsed.kernel_asserts or parsed.cuda_async:
        reasons.append("cuda")
    if any(
        (_TORCH_WORDING.search(exc.message) or _TORCH_DTYPE_WORDING.search(exc.message))
        and not is_python_generic(exc.message, exc.type)
        for exc in parsed.exceptions
    ):
        reasons.append("wording")
    code = [line for line in context.innermost_code if not _ECOSYSTEM_PATH.search(line)]
    code += [frame.code for frame in parsed.frames if frame.code]
    if any(_TORCH_CODE.search(line) for line in code):
        reasons.append("code")
    return Evidence(tuple(reasons))
