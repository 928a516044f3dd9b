"""What a hook prints: the compact reading of one error, or nothing when torchwhy has none.

Imported only once an error has happened: this is where torchwhy's translator, the tracer
and rich get loaded, never at install time.
"""

from __future__ import annotations

import sys
from types import FrameType, ModuleType
from typing import IO

import torchwhy
from torchwhy.diagnosis import Diagnosis

# Libraries whose frames in a traceback make an error worth the embedding model's seconds.
_TORCH_WORLD = (
    "torch",
    "torchvision",
    "torchaudio",
    "torchtext",
    "torchmetrics",
    "torch_geometric",
    "transformers",
    "accelerate",
    "lightning",
    "pytorch_lightning",
    "timm",
    "diffusers",
    "peft",
)
_TORCH_WORDS = ("torch", "tensor", "cuda", "cudnn", "nccl", "autograd", "dtype")


def _in_torch_world(module_name: object) -> bool:
    return isinstance(module_name, str) and module_name.split(".", 1)[0] in _TORCH_WORLD


def _holds_torch_values(frame: FrameType) -> bool:
    """The innermost frame holds a tensor, a module or torch itself: a torch op called
    straight from user code raises from C, with no torch frame in the traceback. Looks at
    types only; no user code runs."""
    from torchwhy.provenance.safe_access import frame_locals

    try:
        # A real dict, or 3.13's C proxy over the frame's slots (PEP 667): exec() may pass
        # any other mapping as locals, and that is not read.
        values = list(dict.values(frame_locals(frame)))[:200]
    except Exception:
        return False
    for value in values:
        # Read through the C slots: a metaclass can make `__module__` a property, and
        # `isinstance` would ask the value for `__class__`. A subclass of a torch class
        # (a user's tensor subclass) holds torch values too.
        mro = _TYPE_MRO.__get__(type(value))
        if any(base is ModuleType for base in mro):
            namespace = _MODULE_DICT.__get__(value)
            if type(namespace) is dict and _in_torch_world(dict.get(namespace, "__name__")):
                return True
        elif any(_in_torch_world(_TYPE_MODULE.__get__(base)) for base in mro):
            return True
    return False


_TYPE_MRO = type.__dict__["__mro__"]
_TYPE_MODULE = type.__dict__["__module__"]  # `type`'s own getter: no metaclass property
_MODULE_DICT = ModuleType.__dict__["__dict__"]


def _from_torch_world(exc: BaseException) -> bool:
    """Whether a live exception came from PyTorch (or a library on top of it): a torch frame
    in its traceback, torch values in the failing frame, or a message about tensors."""
    if "torch" not in sys.modules:
        return False
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 20:
        seen.add(id(current))
        tb = current.__traceback__
        last = None
        while tb is not None:
            if _in_torch_world(tb.tb_frame.f_globals.get("__name__")):
                return True
            last, tb = tb, tb.tb_next
        if last is not None and _holds_torch_values(last.tb_frame):
            return True
        try:
            message = str(current).lower()
        except Exception:
            message = ""
        if any(word in message for word in _TORCH_WORDS):
            return True
        current = current.__cause__ or current.__context__
    return False


def diagnose(error: BaseException | str, *, use_embedding: bool = True) -> Diagnosis:
    """The Diagnosis of a live exception (frames read, culprit named) or of a message.

    For a live exception the embedding model (seconds to load) is asked only when the error
    came through PyTorch: a ValueError in plain Python code gets rules and fuzzy matching,
    so a crash that is not torchwhy's business costs no time.
    """
    if use_embedding and isinstance(error, BaseException):
        use_embedding = _from_torch_world(error)
    return torchwhy.explain(error, use_embedding=use_embedding)


def compact_text(diagnosis: Diagnosis, stream: IO[str] | None = None) -> str:
    """The compact render (reading, culprit with evidence, first fix) for `stream`, coloured
    only on a tty without NO_COLOR; empty for an unknown error, so nothing is printed."""
    if not diagnosis.is_known:
        return ""
    from torchwhy.render import render_text
    from torchwhy.render.text import text_width, wants_color

    text = render_text(diagnosis, color=wants_color(stream), full=False, width=text_width(stream))
    return "\n" + text.rstrip("\n") + "\n"


def short_note(diagnosis: Diagnosis) -> str:
    """The plain-text reading attached to an exception as a PEP 678 note."""
    lines = [f"torchwhy [{diagnosis.category}] {diagnosis.title}"]
    if diagnosis.culprits:
        culprit = diagnosis.culprits[0]
        evidence = culprit.tensor.summary() if culprit.tensor else ""
        where = f" at {culprit.where}" if culprit.file else ""
        lines.append(
            f"  culprit: {culprit.expression}" + (f" ({evidence})" if evidence else "") + where
        )
    if diagnosis.fixes:
        fix = diagnosis.fixes[0]
        lines.append(f"  fix: {fix.title}")
        lines.extend(f"      {code_line}" for code_line in fix.code.rstrip().splitlines())
    return "\n".join(lines)


def journal(diagnosis: Diagnosis, explicit: bool | None, source: str | None = None) -> None:
    """Record a known reading in the bug journal when asked (explicitly or by the env)."""
    if not diagnosis.is_known:
        return
    try:
        from torchwhy.journal import journal_enabled, record
    except ImportError:  # a build without the journal
        return
    if journal_enabled(explicit):
        record(diagnosis, source=source)
