"""What a reading without a role is about, read from the user's frames (issue 9).

A knowledge-base reading with no role (a checkpoint that cannot be unpickled, a device
string this torch does not know, a process-group backend it was not built with) still has
a value the user should change, and the frames show it:

- the value the message quotes: a string the user made (`config["device"]` = "gpu" in
  "... device string: gpu", `BACKEND` = "nccl" in "doesn't have NCCL built in");
- for a checkpoint, the file the user handed to the call that failed to load it
  (`torch.load(ckpt_path)`, `pickle.load(fh)`), named where the user made it: followed
  out through the parameters it was passed in under (`load_model(ckpt_path)` ->
  `torch.load(path)`).

Only summaries are read: the operands' text values, roles and expressions.
"""

from __future__ import annotations

import re

from torchwhy.provenance.trace import Operand, Trace

# Types a file to load is handed as: a path or an open file.
_FILE_TYPES = frozenset(
    {
        "str",
        "bytes",
        "PosixPath",
        "WindowsPath",
        "Path",
        "PurePosixPath",
        "BufferedReader",
        "BufferedRandom",
        "BytesIO",
        "FileIO",
        "TextIOWrapper",
    }
)
# torch.load's, pickle.load's and file openers' names for the file.
_FILE_PARAMETERS = frozenset({"f", "file", "path", "filename", "fname", "name", "buffer"})
_LOADING_CALLEES = frozenset({"load", "loads", "open", "load_file", "safe_open", "ZipFile"})


def quoted_value(operand: Operand, message: str) -> str | None:
    """The operand's string value, when the message quotes it as a word of its own
    (`gpu` in "device string: gpu", `nccl` in "doesn't have NCCL built in")."""
    value = operand.text_value
    if operand.literal or value is None or operand.kind not in ("str", "object"):
        return None
    value = value.strip()
    if len(value) < 2 or not message:
        return None
    pattern = r"(?<![\w./\\-])" + re.escape(value) + r"(?![\w/\\-]|\.\w)"
    flags = re.IGNORECASE if value.isalpha() else 0
    return value if re.search(pattern, message, flags) else None


def is_loaded_file(operand: Operand) -> bool:
    """A path or open file handed to a loading call in the user's line (`torch.load(path)`,
    `pickle.load(fh)`, `open(CKPT)`)."""
    if operand.literal or operand.type_name not in _FILE_TYPES:
        return False
    if operand.callee not in _LOADING_CALLEES:
        return False
    return not operand.roles or bool(set(operand.roles) & _FILE_PARAMETERS)


def passed_from(operand: Operand, trace: Trace) -> Operand:
    """The outermost operand the same value was passed in as: `ckpt_path` of
    `load_model(ckpt_path)` for `path` in `torch.load(path)` inside `load_model`, when the
    caller's argument is bound to that parameter and holds the same text."""
    current = operand
    while True:
        caller = next(
            (
                other
                for other in trace.operands
                if other.user_depth == current.user_depth + 1
                and current.expression in other.roles
                and other.text_value == current.text_value
                and other.type_name == current.type_name
                and not other.literal
            ),
            None,
        )
        if caller is None:
            return current
        current = caller
