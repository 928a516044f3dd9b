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
__all__ = [
    "Culprit",
    "Diagnosis",
    "Fix",
    "TensorFacts",
    "__version__",
    "annotate",
    "dryrun",
    "explain",
    "install",
    "uninstall",
]


def explain(error: str | BaseException, *, use_embedding: bool = True) -> Diagnosis:
    """Explain a pasted error (any text: one line or a whole traceback) or a live exception.

    A live exception is read with its frames, so the Diagnosis names the culprit; text is
    read from what it shows. Never raises on bad input: it answers `unknown` instead.
    """
    from torchwhy.cells import name_cells
    from torchwhy.translator import explain_exception, explain_text

    if isinstance(error, BaseException):
        return name_cells(explain_exception(error, use_embedding=use_embedding))
    if isinstance(error, bytes):
        error = error.decode("utf-8", errors="replace")
    if not isinstance(error, str):
        raise TypeError(f"explain() takes a str or an exception, not {type(error).__name__}")
    return name_cells(explain_text(error, use_embedding=use_embedding))


def install(*, warnings: bool = False, journal: bool | None = None, embedding: bool = True) -> None:
    """Annotate every uncaught exception (and, with `warnings=True`, the torch warnings that
    signal silent bugs) under Python's own traceback. Cheap: nothing heavy loads until a
    crash. Idempotent; TORCHWHY_DISABLE=1 makes it do nothing. See `torchwhy.hooks.install`.
    """
    from torchwhy.hooks.install import install as _install

    _install(warnings=warnings, journal=journal, embedding=embedding)


def uninstall() -> None:
    """Restore the excepthooks and `warnings.showwarning` that were there before `install()`."""
    from torchwhy.hooks.install import uninstall as _uninstall

    _uninstall()


def annotate(exc: BaseException) -> Diagnosis:
    """Explain `exc` and attach the short reading to it as a PEP 678 note (once), so the
    standard library, IPython, rich and pytest all show it. Returns the Diagnosis."""
    from torchwhy.hooks.notes import annotate as _annotate

    return _annotate(exc)


def __getattr__(name: str) -> object:
    # `torchwhy.dryrun(model, data, loss_fn, optimizer)`: the subpackage is callable; it
    # loads on first use so that `import torchwhy` stays cheap.
    if name == "dryrun":
        import importlib

        return importlib.import_module("torchwhy.dryrun")
    raise AttributeError(f"module 'torchwhy' has no attribute {name!r}")


def load_ipython_extension(ipython) -> None:
    """`%load_ext torchwhy`: annotate cell errors in IPython and Jupyter; adds `%why`."""
    from torchwhy.hooks.ipython import load_ipython_extension as _load

    _load(ipython)


def unload_ipython_extension(ipython) -> None:
    """`%unload_ext torchwhy`: restore the previous exception handler, remove `%why`."""
    from torchwhy.hooks.ipython import unload_ipython_extension as _unload

    _unload(ipython)
