"""A version change the reporter ties to the error: "downgrading to torchaudio 0.12.1 solves it".

Some errors say nothing of their cause in their own words (a library's own `ValueError`, an
attribute a release renamed, an argument it no longer takes), yet the person who hit them wrote
what decides them: it worked before an upgrade, a downgrade fixes it, this version is not
compatible with the code. An expert reads that sentence before the message. torchwhy reads it
only when nothing read the message, and only as a possible reading: the message itself said
nothing, and a user can be wrong about why an upgrade broke their code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from torchwhy.translator.evidence import ECOSYSTEM_PACKAGES

# A release number as users write it: `0.12.1`, `v11.1`, `2.0`, `1.13.0+cu116`, `0.6.2rc1`.
_VERSION = r"v?\d+\.\d+(?:\.\d+)*(?:(?:a|b|rc|dev|post)\d*)?(?:\+\w+)?"
_LIBRARY = r"[A-Za-z][\w-]*"
# Words of one sentence: a full stop ends it, the dots of a release number do not.
_IN_SENTENCE = r"(?:[^.\n]|\.(?=\d))"
# A library named beside a release number: `torchaudio 0.12.1`, `peft-0.6.2`, `torch==1.13`.
_RELEASE = rf"(?:(?P<library>{_LIBRARY})(?:\s*==?\s*|-|\s+(?:(?:version|to|from)\s+)?))?(?P<version>{_VERSION})"
# Packages whose name beside a short number (`numpy 2.0`) is surely a release: with any other
# word (`the learning rate to 0.01`) a number needs the look of one (`0.12.1`, `v2.0`).
_KNOWN_PACKAGES = frozenset(
    {*ECOSYSTEM_PACKAGES, "pytorch", "cuda", "cudnn", "python", "numpy", "pillow", "pil"}
    | {"scipy", "protobuf", "opencv", "onnx", "onnxruntime", "triton", "driver", "nccl"}
)
_PHRASES = (
    # the change itself: "since upgrading to v11.1", "when I update it to peft-0.6.2"
    re.compile(
        rf"\b(?:downgrad\w*|upgrad\w*|updat\w*|revert\w*|roll(?:ed|ing)?[ -]?back)\b"
        rf"{_IN_SENTENCE}{{0,40}}?\b{_RELEASE}",
        re.IGNORECASE,
    ),
    # what worked before: "it can run well in peft-0.5.0", "works fine with torch 1.13"
    re.compile(
        rf"\b(?:works?|worked|working|ran|runs?\s+(?:well|fine)|run\s+(?:well|fine))\b"
        rf"{_IN_SENTENCE}{{0,20}}?\b(?:in|with|on|under)\s+{_RELEASE}",
        re.IGNORECASE,
    ),
    # the versions compared: "versions prior to 0.5.0", "the version of diffusers is less than
    # or equal to 0.14.0"
    re.compile(
        rf"\b(?:versions?|releases?)\b(?:\s+of\s+(?P<library>{_LIBRARY}))?{_IN_SENTENCE}{{0,15}}?"
        r"\b(?:prior to|before|older than|newer than|less than|greater than|lower than"
        rf"|higher than|since|after)\b{_IN_SENTENCE}{{0,15}}?(?P<version>{_VERSION})",
        re.IGNORECASE,
    ),
)
# The reporter says so outright, with no number: "this version is not compatible with the
# code", "a version mismatch", "版本不兼容" (versions incompatible), "环境错配" (an environment
# that does not match).
_STATED = re.compile(
    rf"\bversions?\b{_IN_SENTENCE}{{0,40}}?\b(?:not\s+|in)compatible\b"
    rf"|\b(?:not\s+|in)compatible\b{_IN_SENTENCE}{{0,40}}?\bversions?\b"
    r"|\bversion\s+(?:mismatch|conflict)"
    r"|版本[^。\n]{0,20}?(?:不兼容|不匹配|冲突|错配)|(?:不兼容|不匹配)[^。\n]{0,10}?版本"
    r"|(?:降级|回退)(?:到|至)|环境(?:错配|不匹配)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ReportedChange:
    """The reporter's sentence, and the library and release it names (when it names them)."""

    phrase: str
    library: str | None = None
    version: str | None = None

    @property
    def names_pytorch_library(self) -> bool:
        """The change is of torch or a library of its ecosystem (evidence of PyTorch usage)."""
        library = (self.library or "").lower().replace("-", "_")
        return library in ECOSYSTEM_PACKAGES or library == "pytorch"


def reported_change(text: str) -> ReportedChange | None:
    """The first sentence of `text` that ties a version change to the error; None if none."""
    for pattern in _PHRASES:
        for found in pattern.finditer(text):
            library = found.group("library")
            version = found.group("version")
            if _looks_like_release(library, version):
                known = library if library and library.lower() in _KNOWN_PACKAGES else None
                return ReportedChange(found.group(0).strip(), known, version.lstrip("vV"))
    stated = _STATED.search(text)
    return ReportedChange(stated.group(0).strip()) if stated else None


def _looks_like_release(library: str | None, version: str) -> bool:
    if library and library.lower() in _KNOWN_PACKAGES:
        return True
    return version[:1] in "vV" or version.count(".") >= 2
