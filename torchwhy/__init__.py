"""torchwhy: read a PyTorch crash the way an expert does.

    >>> import torchwhy
    >>> d = torchwhy.explain("mat1 and mat2 shapes cannot be multiplied (64x512 and 256x10)")
    >>> d.category
    'shape/matmul-mismatch'

`explain(text_or_exception)` returns a `Diagnosis`; `install()` annotates every crash.
Importing torchwhy is cheap: torch and sentence-transformers load only when needed.
"""

from __future__ import annotations

from torchwhy.diagnosis import Culprit, Diagnosis, Fix, TensorFacts

__version__ = "0.1.0"
__all__ = ["Culprit", "Diagnosis", "Fix", "TensorFacts", "__version__", "explain"]


def explain(error: str | BaseException, *, use_embedding: bool = True) -> Diagnosis:
    """Explain a pasted error (any text: one line or a whole traceback) or a live exception.

    A live exception is read with its frames, so the Diagnosis names the culprit; text is
    read from what it shows. Never raises on bad input: it answers `unknown` instead.
    """
    from torchwhy.translator import explain_exception, explain_text

    if isinstance(error, BaseException):
        return explain_exception(error, use_embedding=use_embedding)
    if isinstance(error, bytes):
        error = error.decode("utf-8", errors="replace")
    if not isinstance(error, str):
        raise TypeError(f"explain() takes a str or an exception, not {type(error).__name__}")
    return explain_text(error, use_embedding=use_embedding)
