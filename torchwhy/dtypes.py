"""The dtype vocabulary, once: how messages spell dtypes, torch's names for them, their
kinds, and the tensor method that casts to each. A leaf: imports nothing of torchwhy nor
torch, so the translator, the tracer and the fix writers all read the same table."""

from __future__ import annotations

# torch's C++ scalar-type names, as messages print them ("expected ... Long but got Float").
_SCALAR_TYPES: dict[str, str] = {
    "Float": "float32",
    "Double": "float64",
    "Half": "float16",
    "BFloat16": "bfloat16",
    "Long": "int64",
    "Int": "int32",
    "Short": "int16",
    "Char": "int8",
    "Byte": "uint8",
    "Bool": "bool",
}
# Python's names that messages use for the default float types.
_PYTHON_FLOATS: dict[str, str] = {"float": "float32", "double": "float64"}
FLOAT_DTYPES = frozenset({"float16", "bfloat16", "float32", "float64"})
INTEGER_DTYPES = frozenset(
    {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"}
)
# Every spelling a message may use, lower-cased: scalar types, legacy tensor types
# (`FloatTensor`), torch's own names and their short method names (`half`, `long`).
_WORDS: dict[str, str] = {
    **{name.lower(): dtype for name, dtype in _SCALAR_TYPES.items()},
    **{f"{name.lower()}tensor": dtype for name, dtype in _SCALAR_TYPES.items()},
    **{dtype: dtype for dtype in (*FLOAT_DTYPES, *INTEGER_DTYPES, "bool")},
    # The mixed-precision shorthands of GradScaler's and the trainers' messages (`FP16`).
    "fp16": "float16",
    "bf16": "bfloat16",
    "fp32": "float32",
}

# The tensor method that casts to a dtype, for the dtypes fixes cast to.
CAST_METHOD: dict[str, str] = {
    "float32": "float",
    "float64": "double",
    "float16": "half",
    "bfloat16": "bfloat16",
    "int64": "long",
}


def from_scalar_type(name: str) -> str | None:
    """torch's name for a C++ scalar type as a message prints it (`Float`, `c10::Half`,
    `struct c10::BFloat16`), or for `float`/`double`; None for anything else (case counts:
    `Float` is a dtype where `float` in prose is a word)."""
    bare = name.removeprefix("struct ").removeprefix("c10::")
    return _SCALAR_TYPES.get(bare) or _PYTHON_FLOATS.get(bare)


def from_word(word: str) -> str | None:
    """torch's name for any spelling of a dtype (`Long`, `torch.LongTensor`, `half`,
    `torch.float16`, C++'s `c10::Half`), case-insensitive; None when the word names no dtype."""
    return _WORDS.get(word.strip().lower().removeprefix("torch.").removeprefix("c10::"))
